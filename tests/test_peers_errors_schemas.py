"""Errors and JSON Schema dialects (PEERS.md §3 bugs 39-40).

One test per real bug of a peer gateway that concerns non-streaming conversion: each rebuilds the
peer's situation with a hand-written wire body and asserts what a correct gateway does, through
the public ``kw.convert_*`` API. The index of which bug is tested where: ``tests/peers_helpers.py``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import kindo_wire as kw
from tests.peers_helpers import (
    request,
)

# === G. Errors ===================================================================================

AM_PROMPT_TOO_LONG = {
    "type": "error",
    "error": {
        "type": "invalid_request_error",
        "message": "prompt is too long: 215304 tokens > 200000 maximum",
    },
    "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
}
OA_CONTEXT = {
    "error": {
        "message": "This model's maximum context length is 128000 tokens. However, your messages resulted in "
        "130532 tokens. Please reduce the length of the messages.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }
}


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug39_anthropic_context_window_error_maps_to_context_length_exceeded(target: str) -> None:
    """39. musistudio/claude-code-router#1403: context-window failures must map to 413/
    `context_length_exceeded`, not retryable 5xx."""
    out = kw.convert_error(copy.deepcopy(AM_PROMPT_TOO_LONG), source="messages", target=target, status=400)
    assert out.status in (400, 413)
    assert out.body["error"]["code"] == "context_length_exceeded"
    assert out.body["error"]["type"] == "invalid_request_error"
    assert "prompt is too long" in out.body["error"]["message"]
    # The edge's 413 is the same class: a client error, never a retryable 5xx.
    too_large = {
        "type": "error",
        "error": {"type": "request_too_large", "message": "Request exceeds the maximum size"},
    }
    out = kw.convert_error(too_large, source="messages", target=target, status=413)
    assert out.status in (400, 413)


@pytest.mark.parametrize("source", ["chat", "responses"])
@pytest.mark.parametrize("status", [400, None])
def test_bug39_openai_context_length_error_maps_to_anthropic_client_error(
    source: str, status: int | None
) -> None:
    """39. musistudio/claude-code-router#1403: context-window failures must map to 413/
    `context_length_exceeded`, not retryable 5xx."""
    out = kw.convert_error(copy.deepcopy(OA_CONTEXT), source=source, target="messages", status=status)
    assert out.status in (400, 413)
    assert out.body["type"] == "error"
    assert out.body["error"]["type"] == (
        "request_too_large" if out.status == 413 else "invalid_request_error"
    )
    assert "maximum context length is 128000 tokens" in out.body["error"]["message"]


# === H. JSON Schema dialects =====================================================================

TAGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "tags": {
            "type": "array",
            "items": {"type": "string"},
            "uniqueItems": True,
            "minItems": 1,
            "maxItems": 5,
        },
        "note": {"type": "string"},
    },
    "required": ["tags"],
}
# Keywords OpenAI strict mode rejects (its supported subset has minItems/maxItems but not these).
STRICT_UNSUPPORTED = {
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "patternProperties",
    "unevaluatedProperties",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
}


def strict_ok(schema: Any) -> bool:
    """Whether OpenAI strict mode accepts ``schema``: closed objects, all properties required."""
    if isinstance(schema, list):
        return all(strict_ok(s) for s in schema)
    if not isinstance(schema, dict):
        return True
    if STRICT_UNSUPPORTED & schema.keys():
        return False
    if schema.get("type") == "object" or "properties" in schema:
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is not False or set(schema.get("required", [])) != set(props):
            return False
    return all(strict_ok(v) for k, v in schema.items() if k not in ("enum", "const", "default"))


def openai_tool(body: dict[str, Any], api: str) -> tuple[dict[str, Any] | None, Any]:
    (tool,) = body["tools"]
    fn = tool["function"] if api == "chat" else tool
    return fn.get("parameters"), fn.get("strict")


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug40_strict_never_claimed_for_a_schema_strict_mode_rejects(target: str) -> None:
    """40. mastra-ai/mastra#23321: the OpenAI strict-mode preparer leaves `uniqueItems/minItems/maxItems`,
    giving 400 (Gemini analogues: decolua/9router#3018, Mirrowel/LLM-API-Key-Proxy#86)."""
    tool = {"name": "tag_photo", "description": "Tag a photo", "input_schema": TAGS_SCHEMA}
    body = {
        "model": "gpt-5",
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": "Tag it."}],
        "tools": [tool],
    }
    # No strict on the Anthropic side: never strict on the OpenAI side (Responses defaults to strict: say so).
    out = request(body, "messages", target)
    schema, strict = openai_tool(out.body, target)
    assert strict is not True
    if target == "responses":
        assert strict is False
    assert schema == TAGS_SCHEMA  # the schema itself is not altered when strict is off
    # strict:true on the Anthropic side: either a schema strict mode accepts, or strict off with a loss.
    strict_body = {**body, "tools": [{**tool, "strict": True}]}
    out = request(strict_body, "messages", target)
    schema, strict = openai_tool(out.body, target)
    if strict is True:
        assert strict_ok(schema), f"strict:true sent with a schema OpenAI strict mode rejects: {schema}"
        assert any(loss.pointer.startswith("/tools/0") for loss in out.losses)  # the rewrite is reported
    else:
        assert any(loss.pointer.startswith("/tools/0") for loss in out.losses), (
            "strict guarantee lost silently"
        )
    assert TAGS_SCHEMA["properties"]["tags"]["uniqueItems"] is True  # the client's schema object untouched


def test_bug40_chat_tool_without_strict_is_not_strict_for_responses() -> None:
    """40. mastra-ai/mastra#23321: the OpenAI strict-mode preparer leaves `uniqueItems/minItems/maxItems`,
    giving 400 (Gemini analogues: decolua/9router#3018, Mirrowel/LLM-API-Key-Proxy#86)."""
    body = {
        "model": "gpt-5",
        "messages": [{"role": "user", "content": "Tag it."}],
        "tools": [{"type": "function", "function": {"name": "tag_photo", "parameters": TAGS_SCHEMA}}],
    }
    out = request(body, "chat", "responses")
    schema, strict = openai_tool(out.body, "responses")
    assert strict is False  # sent explicitly: Responses would otherwise try strict mode
    assert schema == TAGS_SCHEMA
