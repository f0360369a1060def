"""The Responses codec, Responses as source: identity (X -> IR -> X) on recorded traffic and
hand-written bodies, decoding requests to the IR (turn grouping, parts, config, stashed reasoning,
malformed bodies), and what a decoded request's tools and include entries become for the other APIs
(WIRE.md §3.4, §6.3, §6.14). Encoding requests from other APIs is in test_responses_codec_encode.py,
Response objects in test_responses_codec_responses.py."""

from __future__ import annotations

from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire import ir
from kindo_wire.errors import RequestError, UpstreamError
from kindo_wire.loss import LossLog
from kindo_wire.mapping.reasoning_stash import stash
from kindo_wire.responses.codec_config import LOGPROBS_INCLUDE
from kindo_wire.responses.request import decode_request, encode_request
from kindo_wire.responses.response import decode_response
from tests.responses_codec_helpers import AM, RS, resp_roundtrip
from tests.traffic import of_api, same_json


def req_roundtrip(body: dict[str, Any]) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_request(decode_request(body, log), log), log


# ---- identity: X -> IR -> X -------------------------------------------------------------------------

_REQUESTS = of_api("responses")
_RESPONSES = [e for e in _REQUESTS if e.response is not None and e.status == 200]


@pytest.mark.parametrize("exchange", _REQUESTS, ids=lambda e: e.name)
def test_recorded_request_identity(exchange: Any) -> None:
    out, log = req_roundtrip(exchange.request)
    assert same_json(out, exchange.request)
    assert log.items == []


@pytest.mark.parametrize("exchange", _RESPONSES, ids=lambda e: e.name)
def test_recorded_response_identity(exchange: Any) -> None:
    out, log = resp_roundtrip(exchange.response)
    assert same_json(out, exchange.response)
    assert log.items == []


RICH_REQUEST: dict[str, Any] = {
    "model": "gpt-5",
    "instructions": "Be terse.",
    "input": [
        {"role": "developer", "content": "dev note"},
        {
            "type": "message",
            "role": "user",
            "id": "msg_in1",
            "status": "completed",
            "content": [
                {"type": "input_text", "text": "look", "prompt_cache_breakpoint": {"mode": "explicit"}},
                {"type": "input_image", "image_url": "data:image/png;base64,AAAA", "detail": "high"},
                {"type": "input_image", "image_url": "https://x.test/a.png"},
                {"type": "input_image", "file_id": "file-1", "detail": "low"},
                {"type": "input_file", "file_data": "data:application/pdf;base64,JVBE", "filename": "a.pdf"},
                {"type": "input_file", "file_data": "JVBE", "filename": "bare.pdf"},
                {"type": "input_file", "file_url": "https://x.test/a.pdf"},
                {"type": "input_file", "file_id": "file-2", "detail": "high"},
                {"type": "input_audio", "input_audio": {"data": "UklG", "format": "wav"}},
            ],
        },
        {
            "type": "reasoning",
            "id": "rs_1",
            "summary": [{"type": "summary_text", "text": "think"}],
            "encrypted_content": "gAAA",
        },
        {
            "type": "message",
            "role": "assistant",
            "id": "msg_1",
            "status": "completed",
            "phase": "commentary",
            "content": [
                {
                    "type": "output_text",
                    "text": "See",
                    "logprobs": [],
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url": "https://u",
                            "title": "U",
                            "start_index": 0,
                            "end_index": 3,
                        }
                    ],
                },
                {"type": "refusal", "refusal": "no"},
            ],
        },
        {"role": "assistant", "content": "second"},
        {
            "type": "function_call",
            "id": "fc_1",
            "call_id": "call_1",
            "name": "f",
            "arguments": "{}",
            "status": "completed",
            "namespace": "ns",
        },
        {"type": "custom_tool_call", "call_id": "call_2", "name": "g", "input": "raw text"},
        {"type": "web_search_call", "id": "ws_1", "status": "completed", "action": {"type": "search"}},
        {"type": "function_call_output", "call_id": "call_1", "output": "42", "id": "fco_1"},
        {
            "type": "custom_tool_call_output",
            "call_id": "call_2",
            "output": [{"type": "input_text", "text": "ok"}, {"type": "input_image", "file_id": "file-3"}],
        },
        {"type": "item_reference", "id": "msg_old"},
        {"role": "user", "content": []},
        {"type": "compaction", "encrypted_content": "zzz"},
        {"role": "system", "content": [{"type": "input_text", "text": "mid"}]},
    ],
    "tools": [
        {"type": "function", "name": "f", "parameters": None, "strict": None},
        {"type": "function", "name": "h", "description": "d", "parameters": {"type": "object"}},
        {"type": "custom", "name": "g", "format": {"type": "grammar", "syntax": "lark", "definition": "x"}},
        {"type": "web_search", "search_context_size": "low"},
        {"type": "mcp", "server_label": "s", "server_url": "https://m"},
    ],
    "tool_choice": {
        "type": "allowed_tools",
        "mode": "required",
        "tools": [{"type": "function", "name": "f"}, {"type": "web_search"}],
    },
    "parallel_tool_calls": False,
    "max_output_tokens": 8,
    "temperature": 0.5,
    "top_p": 0.9,
    "reasoning": {"effort": "low", "generate_summary": "auto", "context": "all_turns"},
    "text": {
        "format": {"type": "json_schema", "name": "out", "schema": {"type": "object"}, "strict": True},
        "verbosity": "low",
    },
    "stream": False,
    "top_logprobs": 3,
    "include": ["message.output_text.logprobs", "reasoning.encrypted_content"],
    "safety_identifier": "u1",
    "user": "legacy",
    "metadata": {"k": "v"},
    "service_tier": "flex",
    "store": False,
    "previous_response_id": None,
    "prompt_cache_key": "pk",
    "truncation": "auto",
    "background": False,
    "max_tool_calls": 3,
    "stream_options": {"include_obfuscation": False},
    "future_field": 1,
}


def test_hand_written_request_identity() -> None:
    out, log = req_roundtrip(RICH_REQUEST)
    assert same_json(out, RICH_REQUEST)
    assert log.items == []


@pytest.mark.parametrize(
    "body",
    [
        {"model": "m", "input": "hi"},
        {"model": "m"},
        {"model": "m", "input": [], "text": {}, "reasoning": {}, "tools": [], "tool_choice": "none"},
        {"input": [{"role": "assistant", "content": [{"type": "input_text", "text": "odd"}]}]},
        {
            "input": [{"type": "message", "role": "assistant", "content": []}],
            "tool_choice": {"type": "custom", "name": "g"},
        },
        {"input": "x", "tool_choice": {"type": "mcp", "server_label": "s"}, "instructions": None},
        {
            "input": [
                {"type": "function_call", "id": "call_bad", "call_id": "c", "name": "f", "arguments": ""}
            ]
        },
    ],
)
def test_small_request_identity(body: dict[str, Any]) -> None:
    out, log = req_roundtrip(body)
    assert same_json(out, body)
    assert log.items == []


# ---- decoding requests --------------------------------------------------------------------------------


def test_string_input_is_one_plain_user_message() -> None:
    request = decode_request({"model": "m", "input": "hello", "instructions": "sys"}, LossLog())
    assert request.messages == (
        ir.Message("user", (ir.Text("hello", plain=True, at="/input"),), at="/input"),
    )
    assert request.instructions == ir.Message(
        "system", (ir.Text("sys", plain=True, at="/instructions"),), at="/instructions"
    )


def test_turn_grouping_rule_7() -> None:
    request = decode_request(RICH_REQUEST, LossLog())
    roles = [m.role for m in request.messages]
    # developer, user, assistant(reasoning+msg_1), assistant("second"+calls+web search), user(outputs),
    # item_reference (own turn), user [], compaction (model output: assistant side), system
    assert roles == [
        "developer",
        "user",
        "assistant",
        "assistant",
        "user",
        "user",
        "user",
        "assistant",
        "system",
    ]
    first, second = request.messages[2], request.messages[3]
    assert [type(p).__name__ for p in first.parts] == ["Reasoning", "Text", "Refusal"]
    assert [type(p).__name__ for p in second.parts] == ["Text", "ToolCall", "ToolCall", "Opaque"]
    call = second.parts[1]
    assert isinstance(call, ir.ToolCall)
    assert (call.id, call.name, call.arguments, call.item_id, call.status, call.at) == (
        "call_1",
        "f",
        "{}",
        "fc_1",
        "completed",
        "/input/5",
    )
    custom = second.parts[2]
    assert isinstance(custom, ir.ToolCall) and custom.kind == "custom" and custom.arguments == "raw text"
    results = request.messages[4].parts
    assert isinstance(results[0], ir.ToolResult) and results[0].content == "42"
    assert isinstance(results[1], ir.ToolResult) and results[1].kind == "custom"
    assert isinstance(results[1].content, tuple) and isinstance(results[1].content[1], ir.Image)
    text = first.parts[1]
    assert isinstance(text, ir.Text)
    assert text.citations[0].url == "https://u" and text.citations[0].end_index == 3
    assert text.at == "/input/3/content/0"


def test_decoded_parts_and_config() -> None:
    request = decode_request(RICH_REQUEST, LossLog())
    parts = request.messages[1].parts
    assert parts[0] == ir.Text("look", cache=parts[0].cache, at="/input/1/content/0")  # type: ignore[union-attr]
    image = parts[1]
    assert isinstance(image, ir.Image)
    assert image.source == ir.Source("base64", media_type="image/png", data="AAAA") and image.detail == "high"
    assert parts[3].source == ir.Source("file", file_id="file-1", origin=RS)  # type: ignore[union-attr]
    pdf = parts[4]
    assert (
        isinstance(pdf, ir.Document)
        and pdf.source.media_type == "application/pdf"
        and pdf.filename == "a.pdf"
    )
    assert parts[6].source == ir.Source("url", url="https://x.test/a.pdf")  # type: ignore[union-attr]
    assert parts[8] == ir.Audio("UklG", "wav", at="/input/1/content/8", extras=parts[8].extras)  # type: ignore[union-attr]
    assert request.logprobs is True and request.top_logprobs == 3  # WIRE.md §6.14
    assert request.reasoning is not None and (request.reasoning.effort, request.reasoning.summary) == (
        "low",
        "auto",
    )
    assert request.output_format == ir.OutputFormat(
        "json_schema", schema={"type": "object"}, name="out", strict=True, at="/text/format"
    )
    assert request.verbosity == "low" and request.max_tokens == 8
    tools = request.tools or ()
    assert [(t.kind, t.name) for t in tools] == [
        ("function", "f"),
        ("function", "h"),
        ("custom", "g"),
        ("hosted", "web_search"),
        ("hosted", "s"),
    ]
    assert tools[3].origin is RS and tools[3].raw is RICH_REQUEST["tools"][3]
    assert request.tool_choice is not None and request.tool_choice.mode == "allowed"
    assert request.tool_choice.allowed == ("f", "web_search")
    assert request.extras["responses"]["truncation"] == "auto"


def test_stashed_reasoning_decodes_to_its_origin() -> None:
    thinking = {"type": "thinking", "thinking": "hmm", "signature": "SIG"}
    item = {
        "type": "reasoning",
        "id": "rs_x_0",
        "summary": [{"type": "summary_text", "text": "hmm"}],
        "encrypted_content": stash(AM, thinking),
    }
    request = decode_request({"input": [item]}, LossLog())
    part = request.messages[0].parts[0]
    assert isinstance(part, ir.Reasoning)
    assert (part.origin, part.raw, part.text, part.signature) == (AM, thinking, "hmm", "SIG")


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"input": 5}, "/input"),
        ({"input": [{"content": "x"}]}, "/input/0"),
        ({"input": [{"type": "function_call", "name": "f", "arguments": "{}"}]}, "/input/0/call_id"),
        ({"input": [{"role": "robot", "content": "x"}]}, "/input/0/role"),
        ({"input": [{"role": "user", "content": 3}]}, "/input/0/content"),
        ({"input": [{"type": "function_call_output", "call_id": "c", "output": 1}]}, "/input/0/output"),
        ({"input": ["oops"]}, "/input/0"),
        ({"input": "x", "tool_choice": "sometimes"}, "/tool_choice"),
    ],
)
def test_malformed_requests_raise_request_error(body: dict[str, Any], pointer: str) -> None:
    with pytest.raises(RequestError) as info:
        decode_request(body, LossLog())
    assert info.value.pointer == pointer


def test_malformed_response_is_upstream_error() -> None:
    with pytest.raises(UpstreamError):
        decode_response({"id": "resp_1", "output": "nope"}, LossLog())
    with pytest.raises(UpstreamError):
        decode_response({"id": "resp_1", "output": [{"type": "function_call", "name": "f"}]}, LossLog())


# ---- a Responses request converted to the other APIs (WIRE.md §3.4, §6.3, §6.14) ---------------------


def test_strict_left_out_means_strict_when_the_schema_allows_it() -> None:
    # Responses tries strict mode when a function tool leaves strict out and its schema allows it,
    # and falls back otherwise (WIRE.md §3.4, §6.3): the other APIs get that explicitly.

    strict_ok = {
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "required": ["a"],
        "additionalProperties": False,
    }
    loose = {"type": "object", "properties": {"a": {"type": "string"}}}
    body = {
        "model": "m",
        "input": "q",
        "tools": [
            {"type": "function", "name": "f", "parameters": strict_ok},
            {"type": "function", "name": "g", "parameters": loose},
            {"type": "function", "name": "h", "parameters": strict_ok, "strict": False},
        ],
    }
    chat = kw.convert_request(body, source="responses", target="chat")
    assert [t["function"].get("strict") for t in chat.body["tools"]] == [True, None, False]
    messages = kw.convert_request(body, source="responses", target="messages")
    assert [t.get("strict") for t in messages.body["tools"]] == [True, None, False]
    assert not [x for x in chat.losses + messages.losses if "/tools" in x.pointer]


def test_logprobs_loss_points_at_the_include_entry() -> None:

    body = {"model": "m", "input": "q", "include": ["reasoning.encrypted_content", LOGPROBS_INCLUDE]}
    out = kw.convert_request(body, source="responses", target="messages")
    assert ("/include/1", "logprobs_dropped") in [(x.pointer, x.code) for x in out.losses]
    chat = kw.convert_request(body, source="responses", target="chat")
    assert chat.body["logprobs"] is True
    # Chat cannot send reasoning back: that include entry is reported, the logprobs one maps
    assert [(x.pointer, x.code) for x in chat.losses] == [("/include/0", "unsupported_field")]
