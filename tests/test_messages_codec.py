"""The Anthropic Messages codec: identity on recorded traffic, every WIRE.md §6 row with Messages as source
and as target (exact output, exact loss codes and pointers), and malformed input."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.api import Api
from kindo_wire.errors import RequestError, UpstreamError
from kindo_wire.loss import LossLog, Severity
from kindo_wire.mapping.reasoning_stash import stash
from kindo_wire.messages.finish_reasons import FINISH_TO_STOP_REASON, STOP_REASON_TO_FINISH
from kindo_wire.messages.request import DEFAULT_MAX_TOKENS, decode_request, encode_request
from kindo_wire.messages.response import REFUSAL_FALLBACK_TEXT, decode_response, encode_response
from tests.traffic import Exchange, of_api, same_json

M, C, R = Api.MESSAGES, Api.CHAT, Api.RESPONSES
D, S, COS = Severity.DEGRADED, Severity.SEMANTIC, Severity.COSMETIC
MESSAGES = of_api("messages")
RESPONSES = [e for e in MESSAGES if e.response is not None and e.status == 200]

Loss3 = tuple[str, str, Severity]


def ids(exchanges: list[Exchange]) -> list[str]:
    return [e.name for e in exchanges]


def losses(log: LossLog) -> list[Loss3]:
    return [(loss.code, loss.pointer, loss.severity) for loss in log.items]


def enc(req: ir.Request) -> tuple[dict[str, Any], list[Loss3]]:
    log = LossLog()
    return encode_request(req, log), losses(log)


def dec(body: dict[str, Any]) -> ir.Request:
    log = LossLog()
    out = decode_request(body, log)
    assert log.items == []
    return out


def req(*messages: ir.Message, **fields: Any) -> ir.Request:
    """A foreign (OpenAI-shaped) IR request; max_tokens given so that it is no loss."""
    fields.setdefault("max_tokens", 100)
    return ir.Request(model="m", messages=messages, **fields)


def user(*parts: ir.Part, at: str = "/messages/0") -> ir.Message:
    return ir.Message("user", parts, at=at)


def text(value: str, at: str = "/messages/0/content") -> ir.Text:
    return ir.Text(value, plain=True, at=at)


def body(**fields: Any) -> dict[str, Any]:
    return {"model": "claude", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}], **fields}


# --- identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize("exchange", MESSAGES, ids=ids(MESSAGES))
def test_request_identity_on_traffic(exchange: Exchange) -> None:
    log = LossLog()
    out = encode_request(decode_request(exchange.request, log), log)
    assert same_json(out, exchange.request)
    assert log.items == []


@pytest.mark.parametrize("exchange", RESPONSES, ids=ids(RESPONSES))
def test_response_identity_on_traffic(exchange: Exchange) -> None:
    log = LossLog()
    out = encode_response(decode_response(exchange.response, log), log, exchange.request)
    assert same_json(out, exchange.response)
    assert log.items == []


HAND_BODIES: list[dict[str, Any]] = [
    body(system=None, tools=None, thinking=None, metadata={}, output_config={}),
    body(metadata={"user_id": None, "x": 1}, top_k=5, container="c1", inference_geo="us", speed="fast"),
    body(
        system=[{"type": "text", "text": "s", "cache_control": {"type": "ephemeral", "ttl": "1h", "x": 1}}],
        messages=[
            {"role": "system", "content": "mid"},
            {"role": "user", "content": [], "x": 2},
            {"role": "user", "content": [{"type": "text", "text": "a", "citations": []}]},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": {}}]},
            {
                "role": "user",
                "content": [{"type": "text", "text": "b"}, {"type": "tool_result", "tool_use_id": "t"}],
            },
        ],
        tool_choice={"type": "none", "disable_parallel_tool_use": False},
        thinking={"type": "enabled", "budget_tokens": 9000, "display": "omitted", "x": 1},
        output_config={
            "effort": "max",
            "format": {"type": "json_schema", "schema": {"type": "object"}},
            "y": 2,
        },
    ),
    body(
        tools=[{"name": "f", "type": "custom", "input_schema": {"type": "object"}, "input_examples": [{}]}],
        tool_choice={"type": "auto", "disable_parallel_tool_use": None},
        service_tier="standard_only",
        stop_sequences=[],
    ),
]


@pytest.mark.parametrize("source", HAND_BODIES)
def test_request_identity_on_hand_bodies(source: dict[str, Any]) -> None:
    log = LossLog()
    assert same_json(encode_request(decode_request(source, log), log), source)
    assert log.items == []


def test_response_identity_keeps_unknown_stop_reason_and_missing_fields() -> None:
    source = {"id": "abc", "content": [], "stop_reason": "new_reason", "usage": {"input_tokens": 1}}
    log = LossLog()
    assert same_json(encode_response(decode_response(source, log), log, None), source)
    assert log.items == []


# --- decoding: Messages as source ----------------------------------------------------------------


def test_decode_system_string_and_blocks() -> None:
    plain = dec(body(system="be brief"))
    assert plain.instructions == ir.Message(
        "system", (ir.Text("be brief", plain=True, at="/system"),), at="/system"
    )
    cited = {"type": "char_location", "cited_text": "x", "document_index": 0}
    blocks = dec(
        body(
            system=[
                {
                    "type": "text",
                    "text": "a",
                    "citations": [cited],
                    "cache_control": {"type": "ephemeral", "ttl": "1h"},
                }
            ]
        )
    )
    assert blocks.instructions is not None
    part = blocks.instructions.parts[0]
    assert isinstance(part, ir.Text)
    assert part.cache == ir.CacheHint(ttl="1h")
    assert part.citations == (ir.Citation(M, cited, cited_text="x"),)
    assert part.at == "/system/0"


def test_decode_media_sources() -> None:
    content = [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AA=="}},
        {"type": "image", "source": {"type": "url", "url": "https://x/i.png"}},
        {"type": "image", "source": {"type": "file", "file_id": "file_1"}},
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": "JV"},
            "title": "T",
            "context": "ctx",
            "citations": {"enabled": True},
        },
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "hello"}},
        {"type": "document", "source": {"type": "content", "content": "inline"}},
    ]
    parts = dec(body(messages=[{"role": "user", "content": content}])).messages[0].parts
    assert parts[0] == ir.Image(
        ir.Source("base64", media_type="image/png", data="AA=="), at="/messages/0/content/0"
    )
    assert isinstance(parts[1], ir.Image) and parts[1].source == ir.Source("url", url="https://x/i.png")
    assert isinstance(parts[2], ir.Image) and parts[2].source == ir.Source("file", file_id="file_1", origin=M)
    doc = parts[3]
    assert isinstance(doc, ir.Document)
    assert (doc.source.kind, doc.title, doc.context) == ("base64", "T", "ctx")
    assert doc.extras == {"messages": {"citations": {"enabled": True}}}
    assert isinstance(parts[4], ir.Document) and parts[4].source == ir.Source(
        "text", media_type="text/plain", data="hello"
    )
    assert parts[5] == ir.Opaque(M, "document", content[5], "/messages/0/content/5")


@pytest.mark.parametrize(
    "block",
    [
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "q"}},
        {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": []},
        {"type": "web_fetch_tool_result", "tool_use_id": "s", "content": {}},
        {"type": "code_execution_tool_result", "tool_use_id": "s", "content": {}},
        {"type": "mcp_tool_use", "id": "m", "name": "n", "server_name": "s", "input": {}},
        {"type": "mcp_tool_result", "tool_use_id": "m", "content": []},
        {"type": "search_result", "source": "s", "title": "t", "content": []},
        {"type": "container_upload", "file_id": "f"},
        {"type": "brand_new_block", "x": 1},
    ],
)
def test_decode_server_and_unknown_blocks_are_opaque(block: dict[str, Any]) -> None:
    parts = dec(body(messages=[{"role": "assistant", "content": [block]}])).messages[0].parts
    assert parts == (ir.Opaque(M, block["type"], block, "/messages/0/content/0"),)


def test_decode_tool_use_and_results() -> None:
    use = {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {"a": 1}, "caller": {"type": "direct"}}
    results = [
        {"type": "tool_result", "tool_use_id": "toolu_1", "content": "ok", "is_error": True},
        {"type": "tool_result", "tool_use_id": "toolu_2", "content": [{"type": "text", "text": "t"}]},
        {"type": "tool_result", "tool_use_id": "toolu_3"},
    ]
    request = dec(
        body(messages=[{"role": "assistant", "content": [use]}, {"role": "user", "content": results}])
    )
    call = request.messages[0].parts[0]
    assert call == ir.ToolCall(
        "toolu_1",
        "f",
        input={"a": 1},
        at="/messages/0/content/0",
        extras={"messages": {"caller": {"type": "direct"}}},
    )
    r1, r2, r3 = request.messages[1].parts
    assert isinstance(r1, ir.ToolResult) and (r1.call_id, r1.content, r1.is_error) == ("toolu_1", "ok", True)
    assert isinstance(r2, ir.ToolResult)
    assert r2.content == (ir.Text("t", at="/messages/1/content/1/content/0"),)
    assert isinstance(r3, ir.ToolResult) and r3.content is None and r3.is_error is None


def test_decode_thinking_and_stashes() -> None:
    thinking = {"type": "thinking", "thinking": "hmm", "signature": "sig"}
    redacted = {"type": "redacted_thinking", "data": "opaque"}
    item = {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "enc"}
    stashed = {"type": "thinking", "thinking": "shown", "signature": stash(R, item)}
    stashed_redacted = {"type": "redacted_thinking", "data": stash(R, item)}
    content = [thinking, redacted, stashed, stashed_redacted]
    parts = dec(body(messages=[{"role": "assistant", "content": content}])).messages[0].parts
    at = "/messages/0/content/"
    assert parts[0] == ir.Reasoning(M, text="hmm", signature="sig", raw=thinking, at=at + "0")
    assert parts[1] == ir.Reasoning(M, redacted="opaque", raw=redacted, at=at + "1")
    assert parts[2] == ir.Reasoning(R, text="shown", raw=item, at=at + "2")
    assert parts[3] == ir.Reasoning(R, raw=item, at=at + "3")


def test_decode_tools_and_choice() -> None:
    search = {"type": "web_search_20250305", "name": "web_search", "max_uses": 3}
    custom = {
        "name": "f",
        "description": "d",
        "input_schema": {"type": "object"},
        "strict": True,
        "cache_control": {"type": "ephemeral"},
        "defer_loading": True,
    }
    request = dec(
        body(tools=[custom, search], tool_choice={"type": "any", "disable_parallel_tool_use": True})
    )
    assert request.tools is not None
    assert request.tools[0] == ir.Tool(
        "f",
        description="d",
        parameters={"type": "object"},
        strict=True,
        cache=ir.CacheHint(),
        origin=M,
        at="/tools/0",
        extras={"messages": {"defer_loading": True}},
    )
    assert request.tools[1] == ir.Tool("web_search", "hosted", origin=M, raw=search, at="/tools/1")
    assert request.tool_choice is not None and request.tool_choice.mode == "required"
    assert request.parallel_tool_calls is False
    forced = dec(body(tools=[search], tool_choice={"type": "tool", "name": "web_search"}))
    assert forced.tool_choice is not None
    assert (forced.tool_choice.mode, forced.tool_choice.kind, forced.tool_choice.origin) == (
        "tool",
        "hosted",
        M,
    )
    assert dec(body(tool_choice={"type": "auto"})).parallel_tool_calls is None


@pytest.mark.parametrize(
    ("thinking", "effort", "expected"),
    [
        ({"type": "enabled", "budget_tokens": 2048}, None, ("enabled", 2048, None, None)),
        ({"type": "adaptive", "display": "summarized"}, "high", ("adaptive", None, "summarized", "high")),
        ({"type": "disabled"}, None, ("disabled", None, None, None)),
        (None, "low", (None, None, None, "low")),
    ],
)
def test_decode_thinking_config(thinking: Any, effort: Any, expected: tuple[Any, ...]) -> None:
    fields: dict[str, Any] = {}
    if thinking is not None:
        fields["thinking"] = thinking
    if effort is not None:
        fields["output_config"] = {"effort": effort}
    reasoning = dec(body(**fields)).reasoning
    assert reasoning is not None
    assert (reasoning.thinking, reasoning.budget_tokens, reasoning.display, reasoning.effort) == expected


def test_decode_scalars_metadata_and_extras() -> None:
    request = dec(
        body(
            stop_sequences=["END"],
            temperature=0.2,
            top_p=0.9,
            top_k=40,
            stream=True,
            service_tier="auto",
            metadata={"user_id": "u1", "extra": 1},
            container="c",
            mcp_servers=[],
            context_management={},
            output_config={"format": {"type": "json_schema", "schema": {"type": "object"}}},
        )
    )
    assert (request.stop, request.temperature, request.top_p, request.stream) == (("END",), 0.2, 0.9, True)
    assert (request.max_tokens, request.safety_identifier, request.service_tier) == (64, "u1", "auto")
    assert request.output_format == ir.OutputFormat(
        "json_schema", schema={"type": "object"}, at="/output_config/format"
    )
    extras = request.extras["messages"]
    assert {
        k: extras[k] for k in ("top_k", "container", "mcp_servers", "context_management", "metadata")
    } == {
        "top_k": 40,
        "container": "c",
        "mcp_servers": [],
        "context_management": {},
        "metadata": {"extra": 1},
    }


@pytest.mark.parametrize(
    ("source", "pointer"),
    [
        (body(messages=[{"role": "user", "content": 5}]), "/messages/0/content"),
        (body(messages=[{"role": "user"}]), "/messages/0/content"),
        (body(messages=[{"role": "tool", "content": "x"}]), "/messages/0/role"),
        (body(messages=[{"role": "user", "content": [{"text": "no type"}]}]), "/messages/0/content/0/type"),
        (body(messages=[{"role": "user", "content": ["str"]}]), "/messages/0/content/0"),
        (
            body(
                messages=[
                    {
                        "role": "assistant",
                        "content": [{"type": "tool_use", "id": "t", "name": "f", "input": []}],
                    }
                ]
            ),
            "/messages/0/content/0/input",
        ),
        (body(messages="hi"), "/messages"),
        (body(tools=[{"name": 3}]), "/tools/0/name"),
        (body(tool_choice={"type": "sometimes"}), "/tool_choice/type"),
        (body(thinking="on"), "/thinking"),
        (body(max_tokens="many"), "/max_tokens"),
    ],
)
def test_malformed_requests_raise_request_error(source: dict[str, Any], pointer: str) -> None:
    with pytest.raises(RequestError) as err:
        decode_request(source, LossLog())
    assert err.value.pointer == pointer


def test_malformed_response_raises_upstream_error() -> None:
    with pytest.raises(UpstreamError) as err:
        decode_response({"content": [{"type": "tool_use", "id": "t", "name": "f", "input": "x"}]}, LossLog())
    assert err.value.pointer == "/content/0/input"
    with pytest.raises(UpstreamError):
        decode_response({"content": "text"}, LossLog())


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
