"""The Anthropic Messages codec, Messages as source: identity (Messages -> IR -> Messages) of
requests and responses on recorded traffic and hand-written bodies, every WIRE.md §6 row decoding a
Messages request to the IR (system, media, server and unknown blocks, tool use and results,
thinking and stashes, tools and tool choice, scalars, metadata and extras), and malformed input.
Encoding requests from other APIs' IR is in test_messages_codec_encode.py, Response objects in
test_messages_codec_responses.py."""

from __future__ import annotations

from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire.errors import RequestError, UpstreamError
from kindo_wire.loss import LossLog
from kindo_wire.mapping.reasoning_stash import stash
from kindo_wire.messages.request import decode_request, encode_request
from kindo_wire.messages.response import decode_response, encode_response
from tests.messages_codec_helpers import M, R
from tests.traffic import Exchange, of_api, same_json

MESSAGES = of_api("messages")
RESPONSES = [e for e in MESSAGES if e.response is not None and e.status == 200]


def ids(exchanges: list[Exchange]) -> list[str]:
    return [e.name for e in exchanges]


def dec(body: dict[str, Any]) -> ir.Request:
    log = LossLog()
    out = decode_request(body, log)
    assert log.items == []
    return out


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
