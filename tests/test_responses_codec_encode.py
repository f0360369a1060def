"""The Responses codec, Responses as target of a request: each WIRE.md §6.1-§6.17 row encoding
another API's IR (Chat- and Anthropic-shaped turns, instructions, tools and tool choice, request
knobs, refusals and citations, audio) as a Responses request (expected values written from WIRE.md,
not from output)."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.loss import LossLog, Severity
from kindo_wire.responses.request import encode_request
from tests.responses_codec_helpers import AM, CHAT, losses


def enc(request: ir.Request) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_request(request, log), log


def user(*parts: ir.Part, at: str = "/messages/0") -> ir.Message:
    return ir.Message("user", parts, at=at)


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
