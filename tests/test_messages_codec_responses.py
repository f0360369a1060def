"""The Anthropic Messages codec, Response objects: the stop_reason <-> finish tables, decoding
usage and stop sequences, and encoding a foreign (OpenAI-shaped) answer as a Messages response:
usage and ids, refusals and content filters, finish reasons, reasoning stashed and coming back,
citations and extra choices dropped (exact output, exact loss codes and pointers)."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.loss import LossLog, Severity
from kindo_wire.mapping.reasoning_stash import stash
from kindo_wire.messages.finish_reasons import FINISH_TO_STOP_REASON, STOP_REASON_TO_FINISH
from kindo_wire.messages.response import REFUSAL_FALLBACK_TEXT, decode_response, encode_response
from tests.messages_codec_helpers import COS, C, D, Loss3, R, S, enc, losses, req, text, user

# --- responses -----------------------------------------------------------------------------------


def test_finish_tables_cover_every_value() -> None:
    stop_reasons = {
        "end_turn",
        "max_tokens",
        "stop_sequence",
        "tool_use",
        "pause_turn",
        "refusal",
        "model_context_window_exceeded",
        "compaction",
    }  # WIRE.md §2.8 + beta
    assert set(STOP_REASON_TO_FINISH) == stop_reasons
    assert set(FINISH_TO_STOP_REASON) == set(ir.Finish)
    for reason, finish in STOP_REASON_TO_FINISH.items():
        assert FINISH_TO_STOP_REASON[finish] == (reason, None)


def message(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude",
        "content": [],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 5},
    }
    return {**base, **fields}


def test_decode_usage_and_stop() -> None:
    usage = {
        "input_tokens": 10,
        "cache_read_input_tokens": 5,
        "cache_creation_input_tokens": 3,
        "output_tokens": 7,
        "output_tokens_details": {"thinking_tokens": 2},
        "service_tier": "standard",
        "server_tool_use": {"web_search_requests": 1},
    }
    resp = decode_response(message(usage=usage, stop_reason="stop_sequence", stop_sequence="END"), LossLog())
    assert resp.usage == ir.Usage(
        18,
        7,
        cache_read=5,
        cache_write=3,
        reasoning_tokens=2,
        extras={"messages": {"server_tool_use": {"web_search_requests": 1}}},
    )
    assert resp.service_tier == "default"
    choice = resp.choices[0]
    assert (choice.finish, choice.stop_sequence) == (ir.Finish.STOP_SEQUENCE, "END")


def encode(resp: ir.Response) -> tuple[dict[str, Any], list[Loss3]]:
    log = LossLog()
    return encode_response(resp, log, None), losses(log)


def foreign(*parts: ir.Part, finish: ir.Finish = ir.Finish.END_TURN, **fields: Any) -> ir.Response:
    choice = ir.Choice(
        ir.Message("assistant", parts, at="/choices/0/message"),
        finish=finish,
        at="/choices/0",
        finish_at="/choices/0/finish_reason",
    )
    fields.setdefault("usage", ir.Usage(18, 7, cache_read=5, cache_write=3, total_tokens=25))
    return ir.Response(id="chatcmpl-abc", model="gpt", choices=(choice,), **fields)


def test_encode_foreign_response() -> None:
    out, lost = encode(
        foreign(
            ir.Text("hi", at="/choices/0/message/content"),
            ir.ToolCall("call_1", "f", arguments='{"a":1}', at="/choices/0/message/tool_calls/0"),
            finish=ir.Finish.TOOL_USE,
            service_tier="default",
        )
    )
    assert out == {
        "id": "msg_abc",
        "type": "message",
        "role": "assistant",
        "model": "gpt",
        "content": [
            {"type": "text", "text": "hi"},
            {"type": "tool_use", "id": "call_1", "name": "f", "input": {"a": 1}},
        ],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 10,
            "output_tokens": 7,
            "cache_read_input_tokens": 5,
            "cache_creation_input_tokens": 3,
            "service_tier": "standard",
        },
    }
    assert lost == []


def test_encode_usage_never_negative_and_ids() -> None:
    out, lost = encode(ir.Response(id="weird", model="m", choices=(), usage=ir.Usage(2, 1, cache_read=5)))
    assert out["usage"]["input_tokens"] == 0 and out["id"] == "msg_weird"
    assert lost == [("id_rewritten", "/id", COS), ("choices_dropped", "/choices", S)]


def test_encode_refusal_and_content_filter() -> None:
    out, lost = encode(foreign(ir.Refusal("no", at="/choices/0/message/refusal")))
    assert out["content"] == [{"type": "text", "text": "no"}] and out["stop_reason"] == "refusal"
    assert lost == [("refusal_as_text", "/choices/0/message/refusal", COS)]
    out, lost = encode(foreign(finish=ir.Finish.CONTENT_FILTER))
    assert out["content"] == [{"type": "text", "text": REFUSAL_FALLBACK_TEXT}]
    assert (out["stop_reason"], out["stop_details"]) == ("refusal", {"type": "refusal"})
    assert lost == [
        ("finish_reason_approximated", "/choices/0/finish_reason", D),
        ("refusal_as_text", "/choices/0", COS),
    ]


@pytest.mark.parametrize(
    ("finish", "reason", "severity"),
    [
        (ir.Finish.FAILED, "end_turn", S),
        (ir.Finish.CANCELLED, "end_turn", S),
        (ir.Finish.IN_PROGRESS, None, S),
        (ir.Finish.MAX_TOKENS, "max_tokens", None),
        (ir.Finish.PAUSE_TURN, "pause_turn", None),
    ],
)
def test_encode_finish(finish: ir.Finish, reason: str | None, severity: Severity | None) -> None:
    out, lost = encode(foreign(ir.Text("x"), finish=finish))
    assert out["stop_reason"] == reason
    assert lost == (
        [] if severity is None else [("finish_reason_approximated", "/choices/0/finish_reason", severity)]
    )


def test_foreign_reasoning_is_stashed_and_comes_back() -> None:
    item = {
        "type": "reasoning",
        "id": "rs_1",
        "summary": [{"type": "summary_text", "text": "s"}],
        "encrypted_content": "e",
    }
    bare = {"type": "reasoning", "id": "rs_2", "summary": [], "encrypted_content": "f"}
    out, lost = encode(foreign(ir.Reasoning(R, text="s", raw=item), ir.Reasoning(R, raw=bare), ir.Text("a")))
    assert out["content"][0] == {"type": "thinking", "thinking": "s", "signature": stash(R, item)}
    assert out["content"][1] == {"type": "redacted_thinking", "data": stash(R, bare)}
    assert lost == []
    back = decode_response(out, LossLog()).choices[0].message.parts
    assert back[0] == ir.Reasoning(R, text="s", raw=item, at="/content/0")
    assert back[1] == ir.Reasoning(R, raw=bare, at="/content/1")
    # replayed by the client in the next request, it goes back to Responses only: dropped for Messages
    _, dropped = enc(req(user(text("q")), ir.Message("assistant", (back[0], ir.Text("a")), at="/messages/1")))
    assert dropped[0] == ("reasoning_dropped", "/content/0", D)


def test_foreign_citation_and_extra_choices_dropped() -> None:
    cited = ir.Text(
        "t",
        citations=(ir.Citation(C, {"type": "url_citation"}, url="https://x"),),
        at="/choices/0/message/content",
    )
    resp = foreign(cited)
    second = ir.Choice(ir.Message("assistant", ()), index=1, at="/choices/1")
    out, lost = encode(ir.Response(id=resp.id, model="m", choices=(*resp.choices, second), usage=resp.usage))
    assert out["content"] == [{"type": "text", "text": "t"}]
    assert lost == [
        ("choices_dropped", "/choices/1", S),
        ("citation_dropped", "/choices/0/message/content", S),
    ]
