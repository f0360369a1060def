"""The Responses codec, Response objects: status <-> finish reason both ways (WIRE.md §6.8), and a
foreign answer encoded as a complete, SDK-valid Response (output items and ids, usage §6.9, request
echoes §3.6, reasoning stash), with expected values written from WIRE.md, not from output."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from openai.types.responses import Response as SdkResponse
from openai.types.responses.response_status import ResponseStatus

from kindo_wire import ir
from kindo_wire._carry import carry
from kindo_wire.loss import LossLog, Severity
from kindo_wire.mapping.reasoning_stash import stash
from kindo_wire.responses import finish_reasons
from kindo_wire.responses.response import decode_response, encode_response
from tests.responses_codec_helpers import AM, CHAT, losses, resp_roundtrip
from tests.traffic import same_json

F = ir.Finish


# ---- responses: finish reasons (WIRE.md §6.8) -----------------------------------------------------------


def test_finish_tables_cover_every_value() -> None:
    assert set(finish_reasons.STATUS_FINISH) == set(typing.get_args(ResponseStatus))
    assert set(finish_reasons.INCOMPLETE_REASON_FINISH) == {"max_output_tokens", "content_filter"}
    assert set(finish_reasons.FINISH_STATUS) == set(ir.Finish)


def _body(status: str, output: list[Any], **more: Any) -> dict[str, Any]:
    return {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": status,
        "model": "m",
        "output": output,
        **more,
    }


_MSG = {
    "type": "message",
    "id": "msg_1",
    "status": "completed",
    "role": "assistant",
    "content": [{"type": "output_text", "text": "hi", "annotations": []}],
}
_CALL = {
    "type": "function_call",
    "id": "fc_1",
    "call_id": "call_1",
    "name": "f",
    "arguments": "{}",
    "status": "completed",
}
_REFUSAL = {
    "type": "message",
    "id": "msg_2",
    "status": "completed",
    "role": "assistant",
    "content": [{"type": "refusal", "refusal": "no"}],
}


@pytest.mark.parametrize(
    ("body", "finish"),
    [
        (_body("completed", [_MSG]), F.END_TURN),
        (_body("completed", [_MSG, _CALL]), F.TOOL_USE),
        (_body("completed", [{**_CALL, "type": "custom_tool_call", "input": "x"}]), F.TOOL_USE),
        (_body("completed", [_REFUSAL]), F.REFUSAL),
        (_body("incomplete", [_MSG], incomplete_details={"reason": "max_output_tokens"}), F.MAX_TOKENS),
        (_body("incomplete", [], incomplete_details={"reason": "content_filter"}), F.CONTENT_FILTER),
        (_body("failed", [], error={"code": "server_error", "message": "boom"}), F.FAILED),
        (_body("cancelled", []), F.CANCELLED),
        (_body("in_progress", []), F.IN_PROGRESS),
        (_body("queued", []), F.IN_PROGRESS),
    ],
)
def test_status_to_finish_and_back(body: dict[str, Any], finish: ir.Finish) -> None:
    response = decode_response(body, LossLog())
    assert response.choices[0].finish is finish
    if finish is F.FAILED:
        assert response.error == {"code": "server_error", "message": "boom"}
    out, log = resp_roundtrip(body)
    assert same_json(out, body) and log.items == []


def _foreign(finish: ir.Finish, *parts: ir.Part, stop: str | None = None) -> ir.Response:
    message = ir.Message("assistant", parts or (ir.Text("t", at="/content/0"),), at="")
    choice = ir.Choice(message, finish=finish, stop_sequence=stop, at="/stop_reason")
    return ir.Response(id="msg_X", model="claude", choices=(choice,), created=5)


@pytest.mark.parametrize(
    ("finish", "status", "details", "loss"),
    [
        (F.END_TURN, "completed", None, None),
        (F.TOOL_USE, "completed", None, None),
        (F.STOP_SEQUENCE, "completed", None, (Severity.COSMETIC, "stop_sequence_lost")),
        (F.PAUSE_TURN, "completed", None, (Severity.SEMANTIC, "finish_reason_approximated")),
        (F.MAX_TOKENS, "incomplete", {"reason": "max_output_tokens"}, None),
        (
            F.CONTEXT_WINDOW_EXCEEDED,
            "incomplete",
            {"reason": "max_output_tokens"},
            (Severity.DEGRADED, "finish_reason_approximated"),
        ),
        (F.CONTENT_FILTER, "incomplete", {"reason": "content_filter"}, None),
        (
            F.REFUSAL,
            "incomplete",
            {"reason": "content_filter"},
            (Severity.DEGRADED, "finish_reason_approximated"),
        ),
        (F.COMPACTION, "incomplete", {"reason": None}, (Severity.SEMANTIC, "finish_reason_approximated")),
        (F.CANCELLED, "cancelled", None, None),
        (F.IN_PROGRESS, "in_progress", None, None),
    ],
)
def test_finish_to_status(finish: ir.Finish, status: str, details: Any, loss: Any) -> None:
    log = LossLog()
    matched = finish is F.STOP_SEQUENCE
    out = encode_response(_foreign(finish, stop="END" if matched else None), log, {})
    assert (out["status"], out["incomplete_details"]) == (status, details)
    # the matched string itself has no field either: its own loss, at Anthropic's stop_sequence
    dropped = [(Severity.DEGRADED, "stop_sequence_dropped", "/stop_sequence")] if matched else []
    assert [(x.severity, x.code) for x in log.items if x.code != "stop_sequence_dropped"] == (
        [loss] if loss else []
    )
    assert [
        (x.severity, x.code, x.pointer) for x in log.items if x.code == "stop_sequence_dropped"
    ] == dropped
    SdkResponse.model_validate(out)


def test_refusal_part_makes_a_completed_refusal() -> None:
    log = LossLog()
    out = encode_response(_foreign(F.REFUSAL, ir.Refusal("no", at="/choices/0/message/refusal")), log, {})
    assert out["status"] == "completed" and out["incomplete_details"] is None
    assert out["output"][0]["content"] == [{"type": "refusal", "refusal": "no"}]
    assert log.items == []


def test_failed_response_carries_an_error() -> None:
    response = ir.Response(
        id="chatcmpl-Z",
        model="m",
        choices=(ir.Choice(ir.Message("assistant", ()), F.FAILED),),
        created=1,
        error={"type": "api_error", "message": "bad"},
    )
    out = encode_response(response, LossLog(), None)
    assert (out["id"], out["status"], out["error"]) == (
        "resp_Z",
        "failed",
        {"code": "server_error", "message": "bad"},
    )
    SdkResponse.model_validate(out)


# ---- responses: a foreign answer as a complete Response object ------------------------------------------


def test_foreign_response_is_complete_and_sdk_valid() -> None:
    thinking = {"type": "thinking", "thinking": "hmm", "signature": "SIG"}
    citation = ir.Citation(AM, {"type": "web_search_result_location"}, url="https://w", title="W")
    parts = (
        ir.Reasoning(AM, text="hmm", signature="SIG", raw=thinking, at="/content/0"),
        ir.Text("hi", citations=(citation,), at="/content/1"),
        ir.ToolCall("toolu_1", "get", input={"a": 1}, at="/content/2"),
        ir.Opaque(AM, "server_tool_use", {"type": "server_tool_use"}, at="/content/3"),
    )
    second = ir.Choice(ir.Message("assistant", ()), F.END_TURN, index=1, at="/choices/1")
    response = ir.Response(
        id="msg_ABC",
        model="claude",
        choices=(ir.Choice(ir.Message("assistant", parts), F.TOOL_USE, at=""), second),
        usage=ir.Usage(input_tokens=100, output_tokens=20, cache_read=30, cache_write=10),
        created=None,
        service_tier="standard",
    )
    client = {
        "model": "gpt-5",
        "input": "x",
        "instructions": "be nice",
        "temperature": 0.2,
        "tools": [{"type": "function", "name": "get", "parameters": None, "strict": False}],
        "reasoning": {"effort": "low"},
        "max_tool_calls": 2,
    }
    log = LossLog()
    out = encode_response(response, log, client)
    SdkResponse.model_validate(out)
    assert out["id"] == "resp_ABC" and out["object"] == "response" and out["created_at"] == 0
    assert out["output"] == [
        {
            "type": "reasoning",
            "id": "rs_ABC_0",
            "summary": [{"type": "summary_text", "text": "hmm"}],
            "encrypted_content": stash(AM, thinking),
        },
        {
            "type": "message",
            "id": "msg_ABC_1",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "hi", "annotations": []}],
        },
        {
            "type": "function_call",
            "id": "fc_ABC_2",
            "call_id": "toolu_1",
            "name": "get",
            "arguments": '{"a":1}',
            "status": "completed",
        },
    ]
    # §6.9: Responses input includes cache reads and writes, like the IR
    assert out["usage"] == {
        "input_tokens": 100,
        "input_tokens_details": {"cached_tokens": 30, "cache_write_tokens": 10},
        "output_tokens": 20,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 120,
    }
    # the client's request is echoed (§3.6); defaults fill what it did not set
    assert (out["instructions"], out["temperature"], out["tools"], out["max_tool_calls"]) == (
        "be nice",
        0.2,
        client["tools"],
        2,
    )
    assert out["reasoning"] == {"effort": "low", "summary": None} and out["top_p"] == 1.0
    assert out["service_tier"] == "default"
    assert losses(log) == [
        ("/choices/1", Severity.SEMANTIC, "choices_dropped"),
        ("/created", Severity.COSMETIC, "created_synthesized"),
        ("/content/1", Severity.SEMANTIC, "citation_dropped"),  # no offsets: not a url_citation (§6.7)
        ("/content/3", Severity.SEMANTIC, "unsupported_part"),
        ("/service_tier", Severity.DEGRADED, "service_tier_approximated"),
    ]
    # rule 8: the stash comes back as the Anthropic thinking block, byte for byte
    back = decode_response(out, LossLog())
    reasoning = back.choices[0].message.parts[0]
    assert isinstance(reasoning, ir.Reasoning) and (reasoning.origin, reasoning.raw) == (AM, thinking)


def test_usage_decodes_openai_convention() -> None:
    usage = {
        "input_tokens": 50,
        "input_tokens_details": {"cached_tokens": 20, "cache_write_tokens": 5},
        "output_tokens": 9,
        "output_tokens_details": {"reasoning_tokens": 4},
        "total_tokens": 59,
    }
    decoded = decode_response(_body("completed", [_MSG], usage=usage), LossLog()).usage
    assert decoded is not None
    assert (decoded.input_tokens, decoded.cache_read, decoded.cache_write) == (50, 20, 5)
    assert (decoded.output_tokens, decoded.reasoning_tokens, decoded.total_tokens) == (9, 4, 59)


def test_echoes_are_not_losses_for_other_targets() -> None:
    body = _body("completed", [_MSG], temperature=1.0, tools=[], store=True, frequency_penalty=0.0)
    response = decode_response(body, LossLog())
    log = LossLog()
    carry(response.extras, CHAT, "", log, top_level=True)
    assert log.items == []


def test_answer_fields_that_are_no_echo_are_reported_for_other_targets() -> None:
    # billing and completed_at come with the answer, not from the request (both seen live)
    body = _body("completed", [_MSG], billing={"payer": "x"}, completed_at=2, x_new={"a": "b"})
    response = decode_response(body, LossLog())
    log = LossLog()
    carry(response.extras, CHAT, "", log, top_level=True)
    assert sorted(losses(log)) == [
        ("/billing", Severity.COSMETIC, "unsupported_field"),
        ("/completed_at", Severity.COSMETIC, "unsupported_field"),
        ("/x_new", Severity.DEGRADED, "unsupported_field"),
    ]


def test_echoes_without_the_client_request_are_reported() -> None:
    # A Responses body echoes the request (WIRE.md §3.6); without it the API defaults stand in.
    log = LossLog()
    out = encode_response(_foreign(F.END_TURN), log, None)
    assert (out["temperature"], out["tools"], out["tool_choice"]) == (1.0, [], "auto")
    assert losses(log) == [("", Severity.COSMETIC, "request_echo_defaulted")]
    log = LossLog()
    out = encode_response(_foreign(F.END_TURN), log, {"model": "m", "temperature": 0.2})
    assert out["temperature"] == 0.2 and log.items == []


def test_the_message_a_cut_off_answer_stops_in_is_incomplete() -> None:
    out = encode_response(_foreign(F.MAX_TOKENS), LossLog(), {})
    assert out["status"] == "incomplete" and out["output"][-1]["status"] == "incomplete"
    out = encode_response(_foreign(F.END_TURN), LossLog(), {})
    assert out["output"][-1]["status"] == "completed"
