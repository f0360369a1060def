"""The Chat Completions codec, responses: the finish reason tables both ways (WIRE.md §6.8), a
foreign answer encoded as a Chat completion (content, citations, tool calls, usage), and a Chat
response decoded with its usage and choices. Expected values come from WIRE.md, not from the codec's
output."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.api import Api
from kindo_wire.chat.finish_reasons import FROM_CHAT, TO_CHAT
from kindo_wire.chat.response import decode_response, encode_response
from kindo_wire.loss import LossLog, Severity
from tests.traffic import same_json

D, S, C = Severity.DEGRADED, Severity.SEMANTIC, Severity.COSMETIC


def encode_resp(resp: ir.Response) -> tuple[dict[str, Any], list[tuple[str, str, Severity]]]:
    log = LossLog()
    out = encode_response(resp, log, None)
    return out, [(loss.pointer, loss.code, loss.severity) for loss in log.items]


# --- responses -----------------------------------------------------------------------------------------


def test_every_finish_value_has_a_row() -> None:
    assert set(FROM_CHAT) == {"stop", "length", "tool_calls", "content_filter", "function_call"}
    assert set(TO_CHAT) == set(ir.Finish)
    assert all(TO_CHAT[f][0] in FROM_CHAT for f in ir.Finish)


@pytest.mark.parametrize(
    ("finish", "reason", "losses"),
    [
        (ir.Finish.END_TURN, "stop", []),
        (ir.Finish.STOP_SEQUENCE, "stop", [("/stop_reason", "stop_sequence_lost", C)]),
        (ir.Finish.MAX_TOKENS, "length", []),
        (ir.Finish.TOOL_USE, "tool_calls", []),
        (ir.Finish.REFUSAL, "content_filter", []),
        (ir.Finish.PAUSE_TURN, "stop", [("/stop_reason", "finish_reason_approximated", S)]),
        (ir.Finish.CONTEXT_WINDOW_EXCEEDED, "length", [("/stop_reason", "finish_reason_approximated", D)]),
        (ir.Finish.COMPACTION, "length", [("/stop_reason", "finish_reason_approximated", D)]),
    ],
)
def test_finish_reasons_wire_6_8(finish: ir.Finish, reason: str, losses: list[Any]) -> None:
    resp = ir.Response(
        "msg_1",
        "claude",
        (ir.Choice(ir.Message("assistant", ()), finish, at="/choices/0", finish_at="/stop_reason"),),
        created=5,
    )
    out, got = encode_resp(resp)
    assert out["choices"][0]["finish_reason"] == reason
    assert got == losses


def test_foreign_response_encoding() -> None:
    cite = ir.Citation(Api.MESSAGES, {"type": "web_search_result_location"}, url="https://u", title="U")
    msg = ir.Message(
        "assistant",
        (
            ir.Reasoning(Api.MESSAGES, text="t", at="/content/0"),
            ir.Text("Hello ", at="/content/1"),
            ir.Text(
                "world",
                citations=(cite, ir.Citation(Api.MESSAGES, {"type": "char_location"})),
                at="/content/2",
            ),
            ir.ToolCall("toolu_9", "f", input={}, at="/content/3"),
        ),
        at="",
    )
    usage = ir.Usage(input_tokens=100, output_tokens=20, cache_read=30, cache_write=10)
    resp = ir.Response("msg_abc", "claude", (ir.Choice(msg, ir.Finish.TOOL_USE),), usage=usage)
    out, losses = encode_resp(resp)
    assert out == {
        "id": "chatcmpl-abc",
        "object": "chat.completion",
        "created": 0,
        "model": "claude",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": "Hello world",
                    "refusal": None,
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url_citation": {
                                "start_index": 6,
                                "end_index": 11,
                                "url": "https://u",
                                "title": "U",
                            },
                        }
                    ],
                    "tool_calls": [
                        {"id": "toolu_9", "type": "function", "function": {"name": "f", "arguments": "{}"}}
                    ],
                },
                "finish_reason": "tool_calls",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": 100,
            "completion_tokens": 20,
            "total_tokens": 120,
            "prompt_tokens_details": {"cached_tokens": 30, "cache_write_tokens": 10},
        },
    }
    assert losses == [
        ("/created", "created_synthesized", C),
        ("/content/0", "reasoning_dropped", D),
        ("/content/2", "citation_dropped", S),
        ("", "content_form_changed", C),
    ]


def test_response_decode_usage_and_choices() -> None:
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 9,
        "model": "gpt",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": None, "refusal": "no"},
                "finish_reason": "content_filter",
                "logprobs": {"content": []},
            },
            {
                "index": 1,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "function_call": {"name": "f", "arguments": "{}"},
                },
                "finish_reason": "function_call",
            },
        ],
        "usage": {
            "prompt_tokens": 10,
            "completion_tokens": 5,
            "total_tokens": 15,
            "prompt_tokens_details": {"cached_tokens": 4, "cache_write_tokens": 2, "audio_tokens": 3},
            "completion_tokens_details": {"reasoning_tokens": 1, "audio_tokens": 0},
        },
        "system_fingerprint": "fp",
    }
    log = LossLog()
    resp = decode_response(body, log)
    assert resp.usage is not None
    u = resp.usage
    assert (
        u.input_tokens,
        u.output_tokens,
        u.total_tokens,
        u.cache_read,
        u.cache_write,
        u.reasoning_tokens,
    ) == (10, 5, 15, 4, 2, 1)
    assert u.extras["chat"]["prompt_tokens_details"] == {"audio_tokens": 3}  # informative: a real leftover
    first, second = resp.choices
    assert first.finish is ir.Finish.CONTENT_FILTER and first.extras["chat"]["logprobs"] == {"content": []}
    assert first.message.parts == (ir.Refusal("no", at="/choices/0/message/refusal"),)
    assert second.finish is ir.Finish.TOOL_USE
    assert same_json(encode_response(resp, log, None), body) and log.items == []
