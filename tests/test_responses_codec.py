"""The Responses codec: identity on recorded traffic and hand-written bodies, and each WIRE.md §6 row
with Responses as source or target (expected values written from WIRE.md, not from output)."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from openai.types.responses import Response as SdkResponse
from openai.types.responses.response_status import ResponseStatus

import kindo_wire as kw
from kindo_wire import ir
from kindo_wire._carry import carry
from kindo_wire.api import Api
from kindo_wire.errors import RequestError, UpstreamError
from kindo_wire.loss import LossLog, Severity
from kindo_wire.mapping.reasoning_stash import stash
from kindo_wire.responses import finish_reasons
from kindo_wire.responses.codec_config import LOGPROBS_INCLUDE
from kindo_wire.responses.request import decode_request, encode_request
from kindo_wire.responses.response import decode_response, encode_response
from tests.traffic import of_api, same_json

RS, CHAT, AM = Api.RESPONSES, Api.CHAT, Api.MESSAGES
F = ir.Finish


def losses(log: LossLog) -> list[tuple[str, Severity, str]]:
    return [(loss.pointer, loss.severity, loss.code) for loss in log.items]


def req_roundtrip(body: dict[str, Any]) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_request(decode_request(body, log), log), log


def resp_roundtrip(body: dict[str, Any]) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_response(decode_response(body, log), log, None), log


def enc(request: ir.Request) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_request(request, log), log


def user(*parts: ir.Part, at: str = "/messages/0") -> ir.Message:
    return ir.Message("user", parts, at=at)


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


# ---- encoding requests from other APIs' IR (WIRE.md §6.1-§6.17, RS column) ----------------------------


def test_chat_shaped_conversation_to_items() -> None:
    # §6.1 CC->RS: system stays an input message; tool_calls -> function_call items with call_id, no id;
    # tool messages -> function_call_output. §6.5: a call_ id never goes in `id`.
    request = ir.Request(
        model="gpt",
        messages=(
            ir.Message("system", (ir.Text("sys", plain=True, at="/messages/0"),), at="/messages/0"),
            user(ir.Text("hi", plain=True, at="/messages/1"), at="/messages/1"),
            ir.Message(
                "assistant",
                (
                    ir.Text("let me", plain=True, at="/messages/2"),
                    ir.ToolCall(
                        "call_9", "f", arguments='{"a": 1}', item_id="call_9", at="/messages/2/tool_calls/0"
                    ),
                    ir.ToolCall("call_8", "g", input={"b": 2}, item_id="fc_8", at="/messages/2/tool_calls/1"),
                ),
                at="/messages/2",
            ),
            user(ir.ToolResult("call_9", "sunny", at="/messages/3"), at="/messages/3"),
        ),
    )
    out, log = enc(request)
    assert out == {
        "model": "gpt",
        "input": [
            {"role": "system", "content": "sys"},
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "let me"},
            {"type": "function_call", "call_id": "call_9", "name": "f", "arguments": '{"a": 1}'},
            {"type": "function_call", "call_id": "call_8", "name": "g", "arguments": '{"b":2}', "id": "fc_8"},
            {"type": "function_call_output", "call_id": "call_9", "output": "sunny"},
        ],
    }
    assert log.items == []


def test_anthropic_shaped_turns_to_items() -> None:
    thinking = ir.Reasoning(AM, text="t", signature="s", raw={"type": "thinking"}, at="/messages/1/content/0")
    server = ir.Opaque(AM, "server_tool_use", {"type": "server_tool_use"}, at="/messages/1/content/3")
    request = ir.Request(
        model="claude",
        instructions=ir.Message(
            "system",
            (ir.Text("a", cache=ir.CacheHint(ttl="1h"), at="/system/0"), ir.Text("b", at="/system/1")),
            at="/system",
        ),
        messages=(
            user(ir.Text("q", plain=True, at="/messages/0/content")),
            ir.Message(
                "assistant",
                (
                    thinking,
                    ir.Text("x", at="/messages/1/content/1"),
                    ir.Text("y", at="/messages/1/content/2"),
                    server,
                ),
                at="/messages/1",
            ),
            user(
                ir.ToolResult(
                    "toolu_1",
                    (
                        ir.Text("r", at="/messages/2/content/0/content/0"),
                        ir.Image(
                            ir.Source("base64", media_type="image/png", data="AA"),
                            at="/messages/2/content/0/content/1",
                        ),
                    ),
                    is_error=True,
                    at="/messages/2/content/0",
                ),
                ir.Document(
                    ir.Source("file", file_id="file_a", origin=AM), title="T", at="/messages/2/content/1"
                ),
                at="/messages/2",
            ),
        ),
    )
    out, log = enc(request)
    # system blocks are not one bare string: a leading system item keeps them apart (rule 13)
    assert "instructions" not in out
    assert out["input"] == [
        {
            "role": "system",
            "content": [
                {"type": "input_text", "text": "a"},  # an Anthropic breakpoint is not placed
                {"type": "input_text", "text": "b"},
            ],
        },
        {"role": "user", "content": "q"},
        {"role": "assistant", "content": "xy"},
        {
            "type": "function_call_output",
            "call_id": "toolu_1",
            "output": [
                {"type": "input_text", "text": "r"},
                {"type": "input_image", "image_url": "data:image/png;base64,AA", "detail": "auto"},
            ],
        },
    ]  # the Anthropic file id is not sent: OpenAI cannot resolve it (§6.2), as for Chat
    assert losses(log) == [
        ("/system/0/cache_control", Severity.DEGRADED, "cache_hint_dropped"),  # cache_breakpoints.py
        ("/system/0/cache_control/ttl", Severity.DEGRADED, "cache_ttl_dropped"),
        ("/messages/1/content/0", Severity.DEGRADED, "reasoning_dropped"),  # rule 8: no forged tokens
        ("/messages/1/content/1", Severity.COSMETIC, "content_form_changed"),
        ("/messages/1/content/3", Severity.SEMANTIC, "unsupported_part"),
        ("/messages/2/content/0/is_error", Severity.DEGRADED, "tool_result_error_flag_dropped"),  # §6.6
        ("/messages/2/content/1", Severity.SEMANTIC, "file_id_foreign"),  # §6.2 provider-scoped ids
    ]


def test_instructions_with_an_image_become_a_leading_system_message() -> None:
    image = ir.Image(ir.Source("url", url="https://i"), at="/system/1")
    request = ir.Request(
        model=None,
        instructions=ir.Message("system", (ir.Text("s", at="/system/0"), image), at="/system"),
        messages=(user(ir.Text("q", plain=True)),),
    )
    out, log = enc(request)
    assert "instructions" not in out
    assert out["input"][0] == {
        "role": "system",
        "content": [
            {"type": "input_text", "text": "s"},
            {"type": "input_image", "image_url": "https://i", "detail": "auto"},
        ],
    }
    assert log.items == []


def test_tools_and_choice_from_other_apis() -> None:
    # §6.3: strict sent explicitly (false when the source said nothing); flat function shape; custom
    # tools keep their format; Anthropic web search maps, its max_uses does not; other hosted tools drop.
    grammar = {"type": "grammar", "syntax": "regex", "definition": "a+"}
    request = ir.Request(
        model="m",
        messages=(),
        tools=(
            ir.Tool("f", parameters={"type": "object"}, at="/tools/0"),
            ir.Tool("n", at="/tools/1"),
            ir.Tool("c", kind="custom", at="/tools/2", extras={"chat": {"format": grammar}}),
            ir.Tool(
                "web_search",
                kind="hosted",
                origin=AM,
                at="/tools/3",
                raw={
                    "type": "web_search_20250305",
                    "name": "web_search",
                    "max_uses": 3,
                    "allowed_domains": ["a.b"],
                    "user_location": {"type": "approximate", "city": "Paris"},
                },
            ),
            ir.Tool(
                "code_execution",
                kind="hosted",
                origin=AM,
                raw={"type": "code_execution_20250522"},
                at="/tools/4",
            ),
        ),
        tool_choice=ir.ToolChoice("tool", name="f", at="/tool_choice"),
        parallel_tool_calls=False,
    )
    out, log = enc(request)
    assert out["tools"] == [
        {"type": "function", "name": "f", "parameters": {"type": "object"}, "strict": False},
        {"type": "function", "name": "n", "parameters": None, "strict": False},
        {"type": "custom", "name": "c", "format": grammar},
        {
            "type": "web_search",
            "filters": {"allowed_domains": ["a.b"]},
            "user_location": {"type": "approximate", "city": "Paris"},
        },
    ]
    assert out["tool_choice"] == {"type": "function", "name": "f"}  # §6.4: flat
    assert out["parallel_tool_calls"] is False
    assert losses(log) == [
        ("/tools/3/max_uses", Severity.DEGRADED, "unsupported_field"),
        ("/tools/4", Severity.SEMANTIC, "hosted_tool_dropped"),
    ]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (ir.ToolChoice("auto"), "auto"),
        (ir.ToolChoice("none"), "none"),
        (ir.ToolChoice("required"), "required"),
        (ir.ToolChoice("tool", name="g", kind="custom"), {"type": "custom", "name": "g"}),
        (
            ir.ToolChoice("allowed", allowed=("a", "b"), allowed_mode="required"),
            {
                "type": "allowed_tools",
                "mode": "required",
                "tools": [{"type": "function", "name": "a"}, {"type": "function", "name": "b"}],
            },
        ),
    ],
)
def test_tool_choice_rows(choice: ir.ToolChoice, expected: Any) -> None:
    out, log = enc(ir.Request(model="m", messages=(), tool_choice=choice))
    assert out["tool_choice"] == expected
    assert log.items == []


def test_forcing_a_foreign_hosted_tool_is_dropped() -> None:
    choice = ir.ToolChoice("tool", name="web_fetch", kind="hosted", origin=AM, raw={}, at="/tool_choice")
    out, log = enc(ir.Request(model="m", messages=(), tool_choice=choice))
    assert "tool_choice" not in out
    assert losses(log) == [("/tool_choice", Severity.SEMANTIC, "hosted_tool_dropped")]


def test_request_knobs_from_other_apis() -> None:
    request = ir.Request(
        model="m",
        messages=(),
        stop=("END",),
        logprobs=True,
        top_logprobs=2,
        max_tokens=5,
        temperature=1.5,
        top_p=0.5,
        reasoning=ir.ReasoningConfig(
            thinking="enabled", budget_tokens=3000, display="summarized", at="/thinking"
        ),
        output_format=ir.OutputFormat("json_schema", schema={"type": "object"}, at="/output_config/format"),
        verbosity="high",
        service_tier="standard_only",
        metadata={"a": "b"},
        safety_identifier="sid",
        store=True,
        stream=True,
        include_usage=True,
        extras={"chat": {"seed": 7, "~finish": "x"}, "messages": {"top_k": 3}},
    )
    out, log = enc(request)
    assert out == {
        "model": "m",
        "input": [],
        "max_output_tokens": 16,  # §6.12 minimum
        "temperature": 1.5,
        "top_p": 0.5,
        "stream": True,
        "top_logprobs": 2,
        "include": ["message.output_text.logprobs"],  # §6.14
        "safety_identifier": "sid",
        "metadata": {"a": "b"},
        "store": True,
        "service_tier": "default",  # §6.16
        "reasoning": {"effort": "medium", "summary": "auto"},  # §6.10: budget 3000 -> medium
        "text": {
            "format": {"type": "json_schema", "name": "response", "schema": {"type": "object"}},
            "verbosity": "high",
        },  # §6.17: flat fields
    }
    assert losses(log) == [
        ("/max_tokens", Severity.DEGRADED, "value_clamped"),
        ("/stream_options", Severity.COSMETIC, "stream_usage_implied"),  # always in the stream
        ("/stop", Severity.SEMANTIC, "stop_sequences_dropped"),  # §6.11
        ("/service_tier", Severity.DEGRADED, "service_tier_approximated"),
        ("/thinking", Severity.DEGRADED, "effort_approximated"),  # the whole object is one effort
        ("/output_config/format", Severity.DEGRADED, "output_format_approximated"),
        ("/seed", Severity.DEGRADED, "unsupported_field"),
        ("/top_k", Severity.DEGRADED, "unsupported_field"),
    ]


def test_disabled_thinking_is_effort_none() -> None:
    out, log = enc(ir.Request(model="m", messages=(), reasoning=ir.ReasoningConfig(thinking="disabled")))
    assert out["reasoning"] == {"effort": "none"}  # §6.10 "Off" row
    assert log.items == []


def test_assistant_refusal_and_citations_use_the_output_message_form() -> None:
    citation = ir.Citation(CHAT, {}, url="https://c", title="C", start_index=0, end_index=1)
    message = ir.Message(
        "assistant",
        (ir.Text("t", citations=(citation,), at="/messages/0"), ir.Refusal("no", at="/messages/0/refusal")),
        at="/messages/0",
    )
    out, log = enc(ir.Request(model="m", messages=(message,)))
    assert out["input"] == [
        {
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [
                {
                    "type": "output_text",
                    "text": "t",
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url": "https://c",
                            "title": "C",
                            "start_index": 0,
                            "end_index": 1,
                        }
                    ],
                },
                {"type": "refusal", "refusal": "no"},
            ],
        }
    ]
    assert log.items == []


def test_foreign_audio_is_dropped() -> None:
    out, log = enc(ir.Request(model="m", messages=(user(ir.Audio("AA", "wav", at="/messages/0/content/0")),)))
    assert out["input"] == []
    assert losses(log) == [("/messages/0/content/0", Severity.SEMANTIC, "audio_dropped")]


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
    body = _body("completed", [_MSG], temperature=1.0, tools=[], store=True, billing={"payer": "x"})
    response = decode_response(body, LossLog())
    log = LossLog()
    carry(response.extras, CHAT, "", log)
    assert log.items == []


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
