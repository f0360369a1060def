"""The Chat Completions codec, Chat as target of a request: WIRE.md §6 rows encoding other APIs' IR
as a Chat request (instructions and cache hints, reasoning and opaque parts, tool results with media,
media sources §6.2, hosted tools and web search §6.3, tool choice §6.4, reasoning controls §6.10,
top-level fields, Chat-only fields reported via carry, tool call ids over 40 characters §6.5).
Expected values come from WIRE.md, not from the codec's output."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire._carry import carry
from kindo_wire.api import Api
from kindo_wire.chat.request import decode_request, encode_request
from kindo_wire.chat.response import encode_response
from kindo_wire.loss import LossLog, Severity

D, S, C = Severity.DEGRADED, Severity.SEMANTIC, Severity.COSMETIC


def encode(req: ir.Request) -> tuple[dict[str, Any], list[tuple[str, str, Severity]]]:
    log = LossLog()
    out = encode_request(req, log)
    return out, [(loss.pointer, loss.code, loss.severity) for loss in log.items]


def user(*parts: ir.Part, at: str = "/messages/0") -> ir.Message:
    return ir.Message("user", parts, at=at)


def req(*messages: ir.Message, **kw: Any) -> ir.Request:
    return ir.Request(model="m", messages=messages, **kw)


# --- encoding IR from other APIs (Chat as target) -----------------------------------------------------


def test_instructions_become_one_leading_system_message() -> None:
    instructions = ir.Message("system", (ir.Text("be nice", plain=True),), at="/system")
    out, losses = encode(req(user(ir.Text("hi", plain=True)), instructions=instructions))
    assert out == {
        "model": "m",
        "messages": [{"role": "system", "content": "be nice"}, {"role": "user", "content": "hi"}],
    }
    assert losses == []


def test_instruction_blocks_and_cache_hints() -> None:
    blocks = (
        ir.Text("a", at="/system/0"),
        ir.Text("b", cache=ir.CacheHint(ttl="1h"), at="/system/1"),
    )
    out, losses = encode(req(instructions=ir.Message("system", blocks, at="/system")))
    assert out["messages"] == [
        {"role": "system", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}
    ]
    assert losses == [
        ("/system/1/cache_control", "cache_hint_dropped", D),
        ("/system/1/cache_control/ttl", "cache_ttl_dropped", D),
    ]


def test_reasoning_and_opaque_parts_are_dropped_with_losses() -> None:
    asst = ir.Message(
        "assistant",
        (
            ir.Reasoning(Api.MESSAGES, text="hm", signature="sig", at="/messages/1/content/0"),
            ir.Text("answer", at="/messages/1/content/1"),
            ir.Opaque(
                Api.MESSAGES, "server_tool_use", {"type": "server_tool_use"}, at="/messages/1/content/2"
            ),
            ir.ToolCall("toolu_1", "f", input={"a": 1}, at="/messages/1/content/3"),
        ),
        at="/messages/1",
    )
    out, losses = encode(req(asst))
    assert out["messages"] == [
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "answer"}],
            "tool_calls": [
                {"id": "toolu_1", "type": "function", "function": {"name": "f", "arguments": '{"a":1}'}}
            ],
        }
    ]
    assert losses == [
        ("/messages/1/content/0", "reasoning_dropped", D),
        ("/messages/1/content/2", "unsupported_part", S),
    ]


def test_tool_result_media_moves_to_following_user_message() -> None:
    result = ir.ToolResult(
        "toolu_1",
        (
            ir.Text("see image", at="/messages/2/content/0/content/0"),
            ir.Image(
                ir.Source("base64", media_type="image/png", data="AAAA"), at="/messages/2/content/0/content/1"
            ),
        ),
        is_error=True,
        at="/messages/2/content/0",
    )
    out, losses = encode(req(user(result, ir.Text("and?", at="/messages/2/content/1"), at="/messages/2")))
    assert out["messages"] == [
        {"role": "tool", "tool_call_id": "toolu_1", "content": [{"type": "text", "text": "see image"}]},
        {
            "role": "user",
            "content": [
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                {"type": "text", "text": "and?"},
            ],
        },
    ]
    assert losses == [
        ("/messages/2/content/0/content/1", "tool_result_media_moved", D),
        ("/messages/2/content/0/is_error", "tool_result_error_flag_dropped", D),
    ]


def test_tool_result_without_content_is_empty_string() -> None:
    out, losses = encode(req(user(ir.ToolResult("t", None, at="/messages/0/content/0"))))
    assert out["messages"] == [{"role": "tool", "tool_call_id": "t", "content": ""}]
    assert losses == []


def test_media_sources_wire_6_2() -> None:
    parts = (
        ir.Image(ir.Source("url", url="https://a/b.png"), detail="high", at="/p/0"),
        ir.Image(ir.Source("file", file_id="file_011", origin=Api.MESSAGES), at="/p/1"),
        ir.Document(
            ir.Source("base64", media_type="application/pdf", data="JVBE"), filename="x.pdf", at="/p/2"
        ),
        ir.Document(ir.Source("url", url="https://a/b.pdf"), at="/p/3"),
        ir.Document(ir.Source("text", media_type="text/plain", data="plain doc"), title="T", at="/p/4"),
        ir.Document(ir.Source("file", file_id="file-abc", origin=Api.RESPONSES), at="/p/5"),
        ir.Document(ir.Source("file", file_id="file_011", origin=Api.MESSAGES), at="/p/6"),
        ir.Audio("UklG", "mp3", at="/p/7"),
        ir.Image(ir.Source("url", url="https://a/c.png"), detail="original", at="/p/8"),
    )
    out, losses = encode(req(user(*parts)))
    assert out["messages"][0]["content"] == [
        {"type": "image_url", "image_url": {"url": "https://a/b.png", "detail": "high"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBE", "filename": "x.pdf"}},
        {"type": "text", "text": "plain doc"},
        {"type": "file", "file": {"file_id": "file-abc"}},
        {"type": "input_audio", "input_audio": {"data": "UklG", "format": "mp3"}},
        {"type": "image_url", "image_url": {"url": "https://a/c.png"}},
    ]
    assert losses == [
        ("/p/1", "file_id_foreign", S),
        ("/p/3", "unsupported_part", S),
        ("/p/4", "content_form_changed", C),
        ("/p/4/title", "unsupported_field", D),
        ("/p/6", "file_id_foreign", S),
        ("/p/8/detail", "unsupported_field", D),
    ]


def test_hosted_tools_and_web_search_wire_6_3() -> None:
    tools = (
        ir.Tool("f", parameters={"type": "object"}, strict=False, at="/tools/0"),
        ir.Tool(
            "web_search",
            kind="hosted",
            origin=Api.RESPONSES,
            raw={
                "type": "web_search",
                "search_context_size": "high",
                "user_location": {"type": "approximate", "city": "Paris", "country": "FR"},
                "filters": {"allowed_domains": ["a.com"]},
            },
            at="/tools/1",
        ),
        ir.Tool(
            "code_interpreter",
            kind="hosted",
            origin=Api.RESPONSES,
            raw={"type": "code_interpreter"},
            at="/tools/2",
        ),
    )
    out, losses = encode(req(tools=tools))
    assert out["tools"] == [
        {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}, "strict": False}}
    ]
    assert out["web_search_options"] == {
        "search_context_size": "high",
        "user_location": {"type": "approximate", "approximate": {"city": "Paris", "country": "FR"}},
    }
    assert losses == [
        ("/tools/1/filters/allowed_domains", "unsupported_field", D),
        ("/tools/2", "hosted_tool_dropped", S),
    ]


@pytest.mark.parametrize(
    ("choice", "expected", "losses"),
    [
        (ir.ToolChoice("auto"), "auto", []),
        (ir.ToolChoice("none"), "none", []),
        (ir.ToolChoice("required"), "required", []),
        (ir.ToolChoice("tool", name="f"), {"type": "function", "function": {"name": "f"}}, []),
        (ir.ToolChoice("tool", name="g", kind="custom"), {"type": "custom", "custom": {"name": "g"}}, []),
        (
            ir.ToolChoice("allowed", allowed=("f", "g"), allowed_mode="required"),
            {
                "type": "allowed_tools",
                "allowed_tools": {
                    "mode": "required",
                    "tools": [
                        {"type": "function", "function": {"name": "f"}},
                        {"type": "custom", "custom": {"name": "g"}},
                    ],
                },
            },
            [],
        ),
        (
            ir.ToolChoice("tool", name="web_search", kind="hosted", origin=Api.RESPONSES, at="/tool_choice"),
            None,
            [("/tool_choice", "hosted_tool_dropped", S)],
        ),
    ],
)
def test_tool_choice_wire_6_4(choice: ir.ToolChoice, expected: Any, losses: list[Any]) -> None:
    tools = (ir.Tool("f"), ir.Tool("g", kind="custom"))
    out, got = encode(req(tools=tools, tool_choice=choice))
    assert out.get("tool_choice") == expected
    assert got == losses


@pytest.mark.parametrize(
    ("config", "effort", "losses"),
    [
        (ir.ReasoningConfig(effort="high", at="/reasoning"), "high", []),
        (
            ir.ReasoningConfig(thinking="enabled", budget_tokens=1024, at="/thinking"),
            "low",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="enabled", budget_tokens=4096, at="/thinking"),
            "medium",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="enabled", budget_tokens=10000, at="/thinking"),
            "high",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="adaptive", at="/thinking"),
            "medium",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="disabled", at="/thinking"),
            None,
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(effort="low", summary="auto", at="/reasoning"),
            "low",
            [("/reasoning/summary", "unsupported_field", D)],
        ),
    ],
)
def test_reasoning_controls_wire_6_10(
    config: ir.ReasoningConfig, effort: str | None, losses: list[Any]
) -> None:
    out, got = encode(req(reasoning=config))
    assert out.get("reasoning_effort") == effort
    assert got == losses


def test_top_level_fields_from_other_apis() -> None:
    r = req(
        max_tokens=512,
        stop=("x",),
        output_format=ir.OutputFormat("json_schema", schema={"type": "object"}, at="/output_config/format"),
        include_usage=True,
        service_tier="standard_only",
        previous_response_id="resp_1",
        extras={"messages": {"top_k": 5, "~hint": 1}},
    )
    out, losses = encode(r)
    assert out == {
        "model": "m",
        "messages": [],
        "max_completion_tokens": 512,
        "stop": ["x"],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "response", "schema": {"type": "object"}},
        },
        "stream_options": {"include_usage": True},
        "service_tier": "default",
    }
    assert losses == [
        ("/output_config/format", "output_format_approximated", C),
        ("/service_tier", "service_tier_approximated", D),
        ("/previous_response_id", "previous_response_unresolved", S),
        ("/top_k", "unsupported_field", D),
    ]


def test_chat_only_fields_are_reported_by_other_encoders_via_carry() -> None:
    r = decode_request({"model": "m", "messages": [], "n": 3, "seed": 1}, LossLog())
    log = LossLog()
    assert carry(r.extras, Api.MESSAGES, "", log, top_level=True) == {}
    assert [(x.pointer, x.code, x.severity) for x in log.items] == [
        ("/n", "unsupported_field", S),
        ("/seed", "unsupported_field", D),
    ]


def test_long_tool_call_ids_are_shortened_for_chat_requests_only() -> None:
    # OpenAI rejects tool_calls[].id over 40 characters (WIRE.md §6.5; PEERS: 43-83 character ids
    # from other providers). The call and its result get the same short id; the response keeps it.
    long_id = "toolu_vrtx_" + "0123456789abcdefghijklmnopqrstuvwxyz"  # 47 characters
    call = ir.ToolCall(long_id, "f", input={}, at="/messages/1/content/0")
    request = ir.Request(
        model="m",
        messages=(
            ir.Message("user", (ir.Text("q", plain=True),), at="/messages/0"),
            ir.Message("assistant", (call,), at="/messages/1"),
            ir.Message("user", (ir.ToolResult(long_id, "r", at="/messages/2/content/0"),), at="/messages/2"),
        ),
    )
    log = LossLog()
    out = encode_request(request, log)
    sent = out["messages"][1]["tool_calls"][0]["id"]
    assert len(sent) == 40 and sent.startswith("toolu_vrtx_0123456789abcdefghij_")
    assert out["messages"][2]["tool_call_id"] == sent
    assert [(x.pointer, x.code) for x in log.items] == [
        ("/messages/1/content/0/id", "id_rewritten"),
        ("/messages/2/content/0", "id_rewritten"),
    ]
    other = ir.ToolCall(long_id + "x", "f", input={})
    assert encode_request(replace(request, messages=(ir.Message("assistant", (other,)),)), LossLog())[
        "messages"
    ][0]["tool_calls"][0]["id"] not in (sent, long_id + "x")
    short = ir.ToolCall("call_" + "a" * 35, "f", input={})  # exactly 40: kept
    kept = encode_request(replace(request, messages=(ir.Message("assistant", (short,)),)), LossLog())
    assert kept["messages"][0]["tool_calls"][0]["id"] == short.id
    answer = ir.Response(
        id="chatcmpl-1", model="m", choices=(ir.Choice(ir.Message("assistant", (call,)), ir.Finish.TOOL_USE),)
    )
    assert encode_response(answer, LossLog(), None)["choices"][0]["message"]["tool_calls"][0]["id"] == long_id
