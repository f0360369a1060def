"""The Chat Completions codec, Chat as source: identity (X -> IR -> X) on recorded traffic and
hand-written bodies, WIRE.md §6 rows decoding a Chat request to the IR (top-level fields, messages and
parts, tools and choices), and malformed input. Expected values come from WIRE.md, not from the
codec's output. Encoding other APIs' IR as a Chat request is in test_chat_codec_encode.py, responses
in test_chat_codec_responses.py."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.api import Api
from kindo_wire.chat.request import decode_request, encode_request
from kindo_wire.chat.response import decode_response, encode_response
from kindo_wire.errors import RequestError, UpstreamError
from kindo_wire.loss import LossLog
from tests.traffic import of_api, same_json

CHAT_REQUESTS = of_api("chat")
CHAT_RESPONSES = [e for e in of_api("chat") if isinstance(e.response, dict) and "choices" in e.response]


def roundtrip_request(body: dict[str, Any]) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_request(decode_request(body, log), log), log


# --- identity ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("exchange", CHAT_REQUESTS, ids=lambda e: e.name)
def test_request_identity_on_traffic(exchange: Any) -> None:
    out, log = roundtrip_request(exchange.request)
    assert same_json(out, exchange.request)
    assert log.items == []


@pytest.mark.parametrize("exchange", CHAT_RESPONSES, ids=lambda e: e.name)
def test_response_identity_on_traffic(exchange: Any) -> None:
    log = LossLog()
    out = encode_response(decode_response(exchange.response, log), log, exchange.request)
    assert same_json(out, exchange.response)
    assert log.items == []


KITCHEN_SINK: dict[str, Any] = {
    "model": "gpt-4o",
    "messages": [
        {"role": "developer", "content": "be brief", "name": "ops"},
        {
            "role": "system",
            "content": [{"type": "text", "text": "sys", "prompt_cache_breakpoint": {"mode": "explicit"}}],
        },
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "look"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA", "detail": "low"}},
                {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": None}},
                {"type": "input_audio", "input_audio": {"data": "UklG", "format": "wav"}},
                {
                    "type": "file",
                    "file": {"file_data": "data:application/pdf;base64,JVBE", "filename": "a.pdf"},
                },
                {"type": "file", "file": {"file_data": "JVBE"}},
                {"type": "file", "file": {"file_id": "file-1"}},
                {"type": "future_part", "x": 1},
            ],
        },
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "a"}, {"type": "refusal", "refusal": "no"}],
            "refusal": None,
            "audio": {"id": "audio_1"},
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": '{ "a": 1 }'}},
                {"id": "call_2", "type": "custom", "custom": {"name": "g", "input": "raw text"}},
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": [{"type": "text", "text": "r1"}]},
        {"role": "tool", "tool_call_id": "call_2", "content": "r2", "name": "g"},
        {"role": "assistant", "content": None, "function_call": {"name": "legacy", "arguments": "{}"}},
        {"role": "function", "name": "legacy", "content": "done"},
        {"role": "assistant", "content": "only refusal", "refusal": "nope"},
        {"role": "user", "content": []},
    ],
    "tools": [
        {
            "type": "function",
            "function": {"name": "f", "description": "", "parameters": {"type": "object"}, "strict": True},
        },
        {"type": "function", "function": {"name": "h"}},
        {"type": "custom", "custom": {"name": "g", "format": {"type": "text"}}},
    ],
    "tool_choice": {
        "type": "allowed_tools",
        "allowed_tools": {"mode": "required", "tools": [{"type": "custom", "custom": {"name": "g"}}]},
    },
    "parallel_tool_calls": False,
    "max_tokens": 100,
    "stop": "END",
    "temperature": 0.5,
    "top_p": None,
    "reasoning_effort": "low",
    "response_format": {"type": "json_schema", "json_schema": {"schema": {"type": "object"}, "strict": None}},
    "verbosity": "low",
    "stream": True,
    "stream_options": {"include_usage": True, "include_obfuscation": False},
    "logprobs": True,
    "top_logprobs": 2,
    "safety_identifier": "u1",
    "user": "legacy",
    "metadata": {"k": "v"},
    "service_tier": "flex",
    "store": False,
    "prompt_cache_key": "pk",
    "n": 2,
    "seed": 7,
    "presence_penalty": 0.1,
    "frequency_penalty": 0.2,
    "logit_bias": {"1": 5},
    "modalities": ["text"],
    "prediction": {"type": "content", "content": "x"},
    "web_search_options": {"search_context_size": "low"},
    "brand_new_field": {"a": 1},
}


@pytest.mark.parametrize(
    "body",
    [
        KITCHEN_SINK,
        {
            "model": "m",
            "messages": [{"role": "user", "content": "hi"}],
            "max_completion_tokens": 5,
            "stop": ["a"],
        },
        {
            "model": "m",
            "messages": [{"role": "user", "content": "hi"}],
            "max_tokens": 3,
            "max_completion_tokens": 5,
        },
        {"model": "m", "messages": [], "tool_choice": {"type": "function", "function": {"name": "f"}}},
        {"model": "m", "messages": [], "tool_choice": {"type": "custom", "custom": {"name": "g"}}},
        {"model": "m", "messages": [], "tool_choice": "none", "response_format": {"type": "json_object"}},
        {
            "model": "m",
            "messages": [],
            "tool_choice": {"type": "allowed_tools", "allowed_tools": {"mode": None, "tools": [], "x": 1}},
        },
        {"model": "m", "messages": [], "stream_options": {}, "tools": [], "stop": None},
        {
            "model": "m",
            "messages": [{"role": "assistant", "tool_calls": [], "content": "x", "function_call": None}],
        },
    ],
)
def test_request_identity_hand_written(body: dict[str, Any]) -> None:
    out, log = roundtrip_request(body)
    assert same_json(out, body), out
    assert log.items == []


# --- decoding (Chat as source) -----------------------------------------------------------------------


def test_decode_top_level_fields() -> None:
    r = decode_request(KITCHEN_SINK, LossLog())
    assert r.model == "gpt-4o" and r.max_tokens == 100 and r.stop == ("END",)
    assert r.reasoning == ir.ReasoningConfig(effort="low", at="/reasoning_effort")
    assert r.output_format is not None and r.output_format.kind == "json_schema"
    assert r.output_format.schema == {"type": "object"} and r.output_format.name is None
    assert (r.include_usage, r.logprobs, r.top_logprobs, r.verbosity) == (True, True, 2, "low")
    assert (r.safety_identifier, r.user, r.metadata, r.service_tier) == ("u1", "legacy", {"k": "v"}, "flex")
    assert (r.store, r.prompt_cache_key, r.parallel_tool_calls, r.temperature, r.top_p) == (
        False,
        "pk",
        False,
        0.5,
        None,
    )
    chat = r.extras["chat"]
    for key in (
        "n",
        "seed",
        "presence_penalty",
        "frequency_penalty",
        "logit_bias",
        "modalities",
        "prediction",
    ):
        assert chat[key] == KITCHEN_SINK[key]
    assert "web_search_options" not in chat  # a hosted tool of the IR now (tests/test_web_search.py)
    assert r.tools is not None and r.tools[-1].raw == {"search_context_size": "low"}
    assert chat["brand_new_field"] == {"a": 1}
    assert chat["~max_tokens"] is True and chat["~stop"] is True


def test_decode_messages_and_parts() -> None:
    r = decode_request(KITCHEN_SINK, LossLog())
    dev, sys_, usr, asst, tool1, tool2, legacy, function = r.messages[:8]
    assert (dev.role, dev.name, dev.parts) == (
        "developer",
        "ops",
        (ir.Text("be brief", plain=True, at="/messages/0/content"),),
    )
    assert sys_.parts[0].cache is not None  # type: ignore[union-attr]
    image, url_image, audio, pdf, bare, by_id, unknown = usr.parts[1:]
    assert image == ir.Image(
        ir.Source("base64", media_type="image/png", data="AAAA"),
        detail="low",
        at="/messages/2/content/1",
        detail_at="/messages/2/content/1/image_url/detail",
    )
    assert isinstance(url_image, ir.Image) and url_image.source == ir.Source("url", url="https://x/y.png")
    assert isinstance(audio, ir.Audio) and (audio.data, audio.format) == ("UklG", "wav")
    assert isinstance(pdf, ir.Document) and pdf.filename == "a.pdf"
    assert pdf.source == ir.Source("base64", media_type="application/pdf", data="JVBE")
    assert isinstance(bare, ir.Document) and bare.source == ir.Source("base64", data="JVBE")
    assert isinstance(by_id, ir.Document) and by_id.source == ir.Source(
        "file", file_id="file-1", origin=Api.CHAT
    )
    assert unknown == ir.Opaque(
        Api.CHAT, "future_part", {"type": "future_part", "x": 1}, at="/messages/2/content/7"
    )
    kinds = [type(p).__name__ for p in asst.parts]
    assert kinds == ["Text", "Refusal", "ToolCall", "ToolCall"]
    call, custom = asst.parts[2], asst.parts[3]
    assert (
        isinstance(call, ir.ToolCall)
        and call.arguments == '{ "a": 1 }'
        and call.at == "/messages/3/tool_calls/0"
    )
    assert isinstance(custom, ir.ToolCall) and (custom.kind, custom.input) == ("custom", "raw text")
    # WIRE §6.1 tool result row: a tool message is a user message whose only part is a ToolResult
    assert tool1.role == "user" and len(tool1.parts) == 1
    result = tool1.parts[0]
    assert isinstance(result, ir.ToolResult) and result.call_id == "call_1"
    assert result.content == (ir.Text("r1", at="/messages/4/content/0"),)
    assert tool2.parts[0] == ir.ToolResult(
        "call_2", "r2", name="g", at="/messages/5", extras={"chat": {"~name": True}}
    )
    # legacy function row: the function result answers the synthesized id of the function_call
    legacy_call = legacy.parts[0]
    fn_result = function.parts[0]
    assert isinstance(legacy_call, ir.ToolCall) and isinstance(fn_result, ir.ToolResult)
    assert fn_result.call_id == legacy_call.id == "call_legacy_6" and fn_result.name == "legacy"


def test_decode_tools_and_choices() -> None:
    r = decode_request(KITCHEN_SINK, LossLog())
    assert r.tools is not None
    f, h, g, search = r.tools
    assert (search.kind, search.at) == ("hosted", "/web_search_options")
    assert (f.name, f.kind, f.description, f.parameters, f.strict) == (
        "f",
        "function",
        "",
        {"type": "object"},
        True,
    )
    assert (h.parameters, h.strict, h.description) == (None, None, None)
    assert (g.kind, g.extras["chat"]["format"]) == ("custom", {"type": "text"})
    assert r.tool_choice is not None
    assert (r.tool_choice.mode, r.tool_choice.allowed, r.tool_choice.allowed_mode) == (
        "allowed",
        ("g",),
        "required",
    )
    forms = {
        "none": ("none", None, "function"),
        "auto": ("auto", None, "function"),
        "required": ("required", None, "function"),
    }
    for wire, expected in forms.items():
        c = decode_request({"model": "m", "messages": [], "tool_choice": wire}, LossLog()).tool_choice
        assert c is not None and (c.mode, c.name, c.kind) == expected
    c = decode_request(
        {"model": "m", "messages": [], "tool_choice": {"type": "function", "function": {"name": "f"}}},
        LossLog(),
    ).tool_choice
    assert c is not None and (c.mode, c.name, c.kind) == ("tool", "f", "function")


# --- malformed input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"model": "m", "messages": "hi"}, "/messages"),
        ({"model": "m", "messages": [], "max_tokens": "10"}, "/max_tokens"),
        ({"model": "m", "messages": [], "reasoning_effort": ["high"]}, "/reasoning_effort"),
        ({"model": "m", "messages": ["hi"]}, "/messages/0"),
        ({"model": "m", "messages": [{"role": "robot", "content": "x"}]}, "/messages/0/role"),
        ({"model": "m", "messages": [{"role": "user", "content": [3]}]}, "/messages/0/content/0"),
        ({"model": "m", "messages": [{"role": "tool", "content": "x"}]}, "/messages/0/tool_call_id"),
        (
            {
                "model": "m",
                "messages": [
                    {
                        "role": "assistant",
                        "tool_calls": [
                            {"id": "c", "type": "function", "function": {"name": "f", "arguments": {}}}
                        ],
                    }
                ],
            },
            "/messages/0/tool_calls/0/function/arguments",
        ),
    ],
)
def test_malformed_requests_raise_request_error(body: dict[str, Any], pointer: str) -> None:
    with pytest.raises(RequestError) as exc:
        decode_request(body, LossLog())
    assert exc.value.pointer == pointer


def test_arguments_that_are_not_json_survive() -> None:
    body = {
        "model": "m",
        "messages": [
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "c", "type": "function", "function": {"name": "f", "arguments": "{not json"}}
                ],
            }
        ],
    }
    out, log = roundtrip_request(body)
    assert same_json(out, body) and log.items == []


def test_unknown_part_is_opaque_for_other_targets() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": [{"type": "video", "v": 1}]}]}
    r = decode_request(body, LossLog())
    part = r.messages[0].parts[0]
    assert part == ir.Opaque(Api.CHAT, "video", {"type": "video", "v": 1}, at="/messages/0/content/0")


def test_malformed_response_is_upstream_error() -> None:
    with pytest.raises(UpstreamError):
        decode_response({"id": "x", "choices": [{"message": "oops"}]}, LossLog())
