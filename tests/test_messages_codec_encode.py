"""The Anthropic Messages codec, Messages as target of a request: every WIRE.md §6 row encoding
another API's IR (as the Chat / Responses decoders build it) as a Messages request: system and
developer hoisting, tool round trips and result ordering, content parts to blocks, reasoning in
history, max_tokens and sampling, effort to a thinking budget, tool choice and definitions, output
format, tier and OpenAI-only fields, foreign extras (exact output, exact loss codes and
pointers)."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.loss import LossLog
from kindo_wire.messages.request import DEFAULT_MAX_TOKENS, encode_request
from tests.messages_codec_helpers import COS, D, Loss3, M, R, S, enc, req, text, user

# --- encoding requests: Messages as target (IR as the Chat / Responses decoders build it) --------


def test_system_and_developer_hoisted_and_joined() -> None:
    request = req(
        ir.Message("system", (text("a", "/messages/0/content"),), at="/messages/0"),
        ir.Message("developer", (text("b", "/messages/1/content"),), at="/messages/1"),
        ir.Message("user", (text("hi", "/messages/2/content"),), at="/messages/2"),
    )
    out, lost = enc(request)
    # hoisted system messages go as blocks: only instructions come back as the string (rule 13)
    assert out["system"] == [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]
    assert out["messages"] == [{"role": "user", "content": "hi"}]
    assert lost == [("role_changed", "/messages/1", COS), ("system_joined", "/messages/1", COS)]


def test_mid_conversation_system_is_semantic_and_blocks_keep_cache() -> None:
    request = req(
        user(text("hi")),
        ir.Message(
            "system", (ir.Text("late", cache=ir.CacheHint(), at="/messages/1/content/0"),), at="/messages/1"
        ),
        instructions=ir.Message(
            "system", (ir.Text("first", plain=True, at="/instructions"),), at="/instructions"
        ),
    )
    out, lost = enc(request)
    assert out["system"] == [
        {"type": "text", "text": "first"},
        {"type": "text", "text": "late", "cache_control": {"type": "ephemeral"}},
    ]
    assert lost == [("system_joined", "/instructions", COS), ("system_joined", "/messages/1", S)]


def test_tool_round_trip_merges_results_first() -> None:
    request = req(
        user(text("weather?")),
        ir.Message(
            "assistant",
            (
                ir.Text("", plain=True, at="/messages/1/content"),
                ir.ToolCall("call_1", "get", arguments='{"city":"Paris"}', at="/messages/1/tool_calls/0"),
                ir.ToolCall("call|2", "get", arguments="not json", at="/messages/1/tool_calls/1"),
            ),
            at="/messages/1",
        ),
        ir.Message("user", (ir.ToolResult("call_1", "sunny", at="/messages/2"),), at="/messages/2"),
        ir.Message("user", (ir.ToolResult("call|2", "rain", at="/messages/3"),), at="/messages/3"),
        ir.Message("user", (text("thanks", "/messages/4/content"),), at="/messages/4"),
    )
    out, lost = enc(request)
    safe = out["messages"][1]["content"][1]["id"]
    assert safe.startswith("call_2_") and len(safe) == len("call_2_") + 8
    assert out["messages"][1:] == [
        {
            "role": "assistant",
            "content": [
                {"type": "tool_use", "id": "call_1", "name": "get", "input": {"city": "Paris"}},
                {"type": "tool_use", "id": safe, "name": "get", "input": {"raw_arguments": "not json"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "call_1", "content": "sunny"},
                {"type": "tool_result", "tool_use_id": safe, "content": "rain"},
                {"type": "text", "text": "thanks"},
            ],
        },
    ]
    assert lost == [
        ("tool_arguments_not_object", "/messages/1/tool_calls/1", S),
        ("id_rewritten", "/messages/1/tool_calls/1/id", COS),
        ("id_rewritten", "/messages/3", COS),
        ("messages_merged", "/messages/3", COS),
        ("messages_merged", "/messages/4", COS),
        ("content_form_changed", "/messages/4", COS),
    ]


def test_user_text_before_results_is_reordered() -> None:
    request = req(
        user(
            ir.Text("see", at="/input/0"),
            ir.ToolResult("c", (ir.Text("r", at="/input/1/output/0"),), at="/input/1"),
        )
    )
    out, lost = enc(request)
    assert out["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "c", "content": [{"type": "text", "text": "r"}]},
                {"type": "text", "text": "see"},
            ],
        }
    ]
    assert lost == []


@pytest.mark.parametrize(
    ("part", "block", "lost"),
    [
        (
            ir.Image(ir.Source("url", url="https://x/a.png"), at="/p"),
            {"type": "image", "source": {"type": "url", "url": "https://x/a.png"}},
            [],
        ),
        (
            ir.Image(ir.Source("url", url="data:image/png;base64,AA=="), at="/p"),
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AA=="}},
            [],
        ),
        (
            ir.Image(ir.Source("base64", media_type="image/bmp", data="AA"), at="/p"),
            None,
            [("media_type_unsupported", "/p", S)],
        ),
        (
            ir.Image(ir.Source("file", file_id="file-1", origin=R), at="/p"),
            None,
            [("file_id_foreign", "/p", S)],
        ),
        (
            ir.Image(ir.Source("file", file_id="file_1", origin=M), at="/p"),
            {"type": "image", "source": {"type": "file", "file_id": "file_1"}},
            [],
        ),
        (
            ir.Image(ir.Source("url", url="https://x/a.png"), detail="high", at="/p"),
            {"type": "image", "source": {"type": "url", "url": "https://x/a.png"}},
            [("unsupported_field", "/p/detail", D)],
        ),
        (
            ir.Document(
                ir.Source("base64", media_type="application/pdf", data="JV"), filename="a.pdf", at="/p"
            ),
            {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JV"}},
            [("unsupported_field", "/p/filename", D)],
        ),
        (
            ir.Document(ir.Source("url", url="https://x/a.pdf"), at="/p"),
            {"type": "document", "source": {"type": "url", "url": "https://x/a.pdf"}},
            [],
        ),
        (ir.Audio("AA", "wav", at="/p"), None, [("audio_dropped", "/p", S)]),
        (ir.Refusal("no", at="/p"), {"type": "text", "text": "no"}, [("refusal_as_text", "/p", COS)]),
        (
            ir.Opaque(R, "web_search_call", {"type": "web_search_call"}, at="/p"),
            None,
            [("unsupported_part", "/p", S)],
        ),
        (
            ir.Text("t", citations=(ir.Citation(R, {"type": "url_citation"}, url="https://x"),), at="/p"),
            {"type": "text", "text": "t"},
            [("citation_dropped", "/p", S)],
        ),
    ],
)
def test_content_parts_to_blocks(part: ir.Part, block: dict[str, Any] | None, lost: list[Loss3]) -> None:
    out, got = enc(req(user(text("x", "/q"), part)))
    expected = [{"type": "text", "text": "x"}] + ([block] if block is not None else [])
    assert out["messages"] == [{"role": "user", "content": expected}]
    assert got == lost


def test_reasoning_in_history() -> None:
    own = {"type": "thinking", "thinking": "t", "signature": "s"}
    request = req(
        user(text("q")),
        ir.Message(
            "assistant",
            (
                ir.Reasoning(R, text="r", raw={"type": "reasoning"}, at="/input/1"),
                ir.Reasoning(M, text="t", signature="s", raw=own, at="/input/2"),
                ir.Text("a", at="/input/3/content/0"),
            ),
            at="/input/1",
        ),
    )
    out, lost = enc(request)
    assert out["messages"][1] == {"role": "assistant", "content": [own, {"type": "text", "text": "a"}]}
    assert lost == [("reasoning_dropped", "/input/1", D), ("prefill_added", "/input/1", D)]


def test_max_tokens_defaulted_and_sampling() -> None:
    out, lost = enc(
        req(user(text("q")), max_tokens=None, temperature=1.5, top_p=0.5, stop=("END",), stream=True)
    )
    assert (out["max_tokens"], out["temperature"], out["top_p"]) == (DEFAULT_MAX_TOKENS, 1, 0.5)
    assert (out["stop_sequences"], out["stream"]) == (["END"], True)
    assert lost == [("max_tokens_defaulted", "/max_tokens", D), ("value_clamped", "/temperature", D)]


def effort(value: str, **fields: Any) -> ir.Request:
    return req(user(text("q")), reasoning=ir.ReasoningConfig(effort=value, at="/reasoning_effort"), **fields)


def test_effort_to_budget() -> None:
    out, lost = enc(effort("medium", max_tokens=None, temperature=0.3))
    assert out["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert out["max_tokens"] == DEFAULT_MAX_TOKENS and "temperature" not in out
    assert lost == [
        ("effort_approximated", "/reasoning_effort", D),
        ("unsupported_field", "/temperature", D),
        ("max_tokens_defaulted", "/max_tokens", D),
    ]
    out, _ = enc(effort("xhigh", max_tokens=None))
    assert out["thinking"]["budget_tokens"] == 16384 and out["max_tokens"] == 16384 + DEFAULT_MAX_TOKENS
    out, lost = enc(effort("high", max_tokens=3000))
    assert out["thinking"]["budget_tokens"] == 2999 and out["max_tokens"] == 3000
    assert lost[-1] == ("value_clamped", "/reasoning_effort", D)
    out, lost = enc(effort("high", max_tokens=500))
    assert "thinking" not in out and lost[-1] == ("thinking_disabled", "/reasoning_effort", D)
    out, lost = enc(effort("none"))
    assert out["thinking"] == {"type": "disabled"} and lost == []  # said as the source said it


def log_detail(request: ir.Request) -> str:
    log = LossLog()
    encode_request(request, log)
    return " ".join(x.detail for x in log.items)


def test_thinking_disabled_for_forced_choice_and_unsigned_tool_loop() -> None:
    out, lost = enc(effort("low", tool_choice=ir.ToolChoice("required", at="/tool_choice")))
    assert "thinking" not in out and out["tool_choice"] == {"type": "any"}
    assert lost[-1] == ("thinking_disabled", "/reasoning_effort", D)
    loop = (
        user(text("q")),
        ir.Message(
            "assistant",
            (ir.ToolCall("c", "f", arguments="{}", at="/messages/1/tool_calls/0"),),
            at="/messages/1",
        ),
        ir.Message("user", (ir.ToolResult("c", "r", at="/messages/2"),), at="/messages/2"),
    )
    out, lost = enc(req(*loop, reasoning=ir.ReasoningConfig(effort="low", at="/reasoning")))
    assert "thinking" not in out and lost[-1] == ("thinking_disabled", "/reasoning", D)
    assert "/messages/1" in log_detail(
        req(*loop, reasoning=ir.ReasoningConfig(effort="low", at="/reasoning"))
    )
    signed = ir.Reasoning(
        M, text="t", signature="s", raw={"type": "thinking", "thinking": "t", "signature": "s"}
    )
    loop = (loop[0], ir.Message("assistant", (signed, *loop[1].parts), at="/messages/1"), loop[2])
    out, _ = enc(req(*loop, reasoning=ir.ReasoningConfig(effort="low", at="/reasoning"), max_tokens=2000))
    assert out["thinking"] == {"type": "enabled", "budget_tokens": 1024}


@pytest.mark.parametrize(
    ("choice", "parallel", "wire", "lost"),
    [
        (ir.ToolChoice("auto"), None, {"type": "auto"}, []),
        (ir.ToolChoice("none"), None, {"type": "none"}, []),
        (ir.ToolChoice("required"), False, {"type": "any", "disable_parallel_tool_use": True}, []),
        (ir.ToolChoice("tool", name="f"), None, {"type": "tool", "name": "f"}, []),
        (None, False, {"type": "auto", "disable_parallel_tool_use": True}, []),
        (None, True, None, []),
        (
            ir.ToolChoice("allowed", allowed=("f",), allowed_mode="required", at="/tc"),
            None,
            {"type": "any"},
            [("tool_choice_degraded", "/tc", D)],
        ),
        (
            ir.ToolChoice("tool", name="web", kind="hosted", origin=R, raw={"type": "web_search"}, at="/tc"),
            None,
            {"type": "auto"},
            [("hosted_tool_dropped", "/tc", S)],
        ),
    ],
)
def test_tool_choice(
    choice: ir.ToolChoice | None, parallel: bool | None, wire: Any, lost: list[Loss3]
) -> None:
    tools = (ir.Tool("f", parameters={"type": "object"}), ir.Tool("g"))
    out, got = enc(req(user(text("q")), tools=tools, tool_choice=choice, parallel_tool_calls=parallel))
    assert out.get("tool_choice") == wire
    assert got == lost
    names = [t["name"] for t in out["tools"]]
    assert names == (["f"] if choice is not None and choice.mode == "allowed" else ["f", "g"])


def test_tool_definitions() -> None:
    tools = (
        ir.Tool(
            "f",
            description="d",
            parameters={"type": "object", "properties": {"a": {}}},
            strict=True,
            at="/tools/0",
        ),
        ir.Tool("g", at="/tools/1"),
        ir.Tool("c", kind="custom", description="grammar", at="/tools/2"),
        # a hosted tool with no Anthropic counterpart (web search maps: tests/test_web_search.py)
        ir.Tool("code_interpreter", kind="hosted", origin=R, raw={"type": "code_interpreter"}, at="/tools/3"),
    )
    out, lost = enc(req(user(text("q")), tools=tools))
    assert out["tools"] == [
        {
            "name": "f",
            "description": "d",
            "input_schema": {"type": "object", "properties": {"a": {}}},
            "strict": True,
        },
        {"name": "g", "input_schema": {"type": "object", "properties": {}}},
        {
            "name": "c",
            "description": "grammar",
            "input_schema": {
                "type": "object",
                "properties": {"input": {"type": "string"}},
                "required": ["input"],
            },
        },
    ]
    assert tools[0].parameters is out["tools"][0]["input_schema"]  # reused by reference
    assert lost == [("custom_tool_emulated", "/tools/2", D), ("hosted_tool_dropped", "/tools/3", S)]


def test_output_format_identity_tier_and_openai_only_fields() -> None:
    fmt = ir.OutputFormat(
        "json_schema", schema={"type": "object"}, name="n", strict=True, at="/response_format"
    )
    out, lost = enc(
        req(
            user(text("q")),
            output_format=fmt,
            safety_identifier="u",
            user="legacy",
            metadata={"k": "v"},
            service_tier="default",
            logprobs=True,
            previous_response_id="resp_1",
        )
    )
    assert out["output_config"] == {"format": {"type": "json_schema", "schema": {"type": "object"}}}
    assert (out["metadata"], out["service_tier"]) == ({"user_id": "u"}, "standard_only")
    assert lost == [
        ("output_format_approximated", "/response_format", D),
        ("service_tier_approximated", "/service_tier", D),
        ("logprobs_dropped", "/logprobs", D),
        ("previous_response_unresolved", "/previous_response_id", S),
        ("metadata_dropped", "/metadata", D),
        ("unsupported_field", "/user", D),
    ]
    out, lost = enc(
        req(user(text("q")), output_format=ir.OutputFormat("json_object", at="/text/format"), user="x")
    )
    assert "output_config" not in out and out["metadata"] == {"user_id": "x"}
    assert lost == [("output_format_approximated", "/text/format", S)]


def test_foreign_extras_reported() -> None:
    request = req(user(text("q")), extras={"chat": {"seed": 1, "n": 2, "~hint": 1}})
    out, lost = enc(request)
    assert "seed" not in out
    assert lost == [("unsupported_field", "/seed", D), ("unsupported_field", "/n", S)]
