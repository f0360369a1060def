"""Wire bodies and helpers shared by the peer-bug tests: realistic opaque tokens (signatures,
encrypted reasoning), tools in each API's form, one response builder per API, the client requests a
proxy would hold, and shorthands over ``kw.convert_*``.

Where each real bug of a peer gateway (PEERS.md §3) is tested:

- non-streaming conversion, one test per bug: 1-3 and 5-7 in ``test_peers_reasoning.py``; 9-14 in
  ``test_peers_stateless.py``; 22-23 and 28-30 in ``test_peers_usage_stops.py``; 31-35 in
  ``test_peers_media.py``; 39-40 in ``test_peers_errors_schemas.py``;
- streaming, in the stream transcoder's tests (``test_stream_peers_*.py``): 4 (signature-only final
  reasoning delta), 8 (interrupted stream leaves an unsigned thinking block), 15-21 (streaming tool
  calls: empty ``input``, empty ``input_json_delta``, dropped parameters, deltas after
  ``content_block_stop``, parallel ``index``, argument routing, unstreamed arguments), 24-27 (stream
  usage: ``include_usage``, ``message_start.input_tokens``, usage on ``message_delta``,
  ``message_start`` shape), 36-38 (mid-stream errors: terminal event per API family, ``error`` ->
  ``response.failed``, in-band error chunk taken for usage).
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Iterator
from typing import Any

import kindo_wire as kw

# --- realistic opaque tokens ------------------------------------------------------------------

# Anthropic signatures: opaque base64 with '+', '/', '='; they must come back byte-exact.
SIG_A = "EqQBCkgIBxABGAIqQNbZ+/Kx4Zq0c3L2uH9v/1mR8Tn0d5mJf6q+Xw2oP3e4YtUvQ5sR1kLm7nB8aC9dE0fG==" + "\u00e9"
SIG_C = "ErcBCkgIBxABGAIqQLq9v/u7T3xYz+Wk2Jm5Hn8Pq1Rs0Tt4Uu6Vv7Ww8Xx9Yy0Zz1Aa2Bb3Cc4Dd5Ee6Ff7Gg=="
REDACTED_B = "EmwKAhgBEgy3va3pzJmDbVg0YhYaDHxU1pXyZ+q2Wl/7mSIwQk9N0y8m3vP1cS2bT4aR5uQ6wE7dF8gH9iJ0kK1lL2mM=="
# A Responses encrypted_content (Fernet-looking, as OpenAI sends it).
ENC_1 = "gAAAAABp-r_nDEFD_pLd6MEzoOCG8OKekq-Ev8vnbPTkSie4RovCRsX1uArYsm0yKKyAAEYh8tRzZVKUfeKd6HTY=="
ENC_2 = "gAAAAABp-r_qaKH8G-A088KPm_AKkVfkzrE_w9jGidMqLh3fXoaw9IbtAS9DwhU_OCnhgjF9tD3K66xmrV4gV=="

PDF_B64 = base64.b64encode(
    b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF"
).decode()
PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

WEATHER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string", "description": "City name"}},
    "required": ["city"],
}
CHAT_TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city",
            "parameters": WEATHER_SCHEMA,
        },
    }
]
RS_TOOLS = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": WEATHER_SCHEMA,
        "strict": False,
    }
]
AM_TOOLS = [
    {"name": "get_weather", "description": "Current weather for a city", "input_schema": WEATHER_SCHEMA}
]

# --- helpers ----------------------------------------------------------------------------------


def request(body: dict[str, Any], source: str, target: str, **options: Any) -> kw.Converted:
    """Convert a copy (so a test can also check the client's body is left alone) and validate the result."""
    sent = copy.deepcopy(body)
    out = kw.convert_request(sent, source=source, target=target, **options)
    assert sent == body, "the client's request body was mutated"
    kw.validate_request(out.body, api=target)
    return out


def response(body: dict[str, Any], source: str, target: str, client: dict[str, Any]) -> kw.Converted:
    sent = copy.deepcopy(body)
    out = kw.convert_response(sent, source=source, target=target, request=client)
    assert sent == body, "the upstream response body was mutated"
    return out


def codes(conv: kw.Converted) -> list[str]:
    return [loss.code for loss in conv.losses]


def losses(conv: kw.Converted, code: str) -> list[kw.Loss]:
    return [loss for loss in conv.losses if loss.code == code]


def strings(value: Any) -> Iterator[str]:
    """Every string anywhere in a JSON value (keys excluded)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def am_blocks(body: dict[str, Any]) -> list[dict[str, Any]]:
    """All content blocks of an Anthropic request's messages (string content counts as none)."""
    out: list[dict[str, Any]] = []
    for message in body["messages"]:
        if isinstance(message["content"], list):
            out.extend(message["content"])
    return out


def reasoning_blocks(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in am_blocks(body) if b.get("type") in ("thinking", "redacted_thinking")]


def thinking_on(body: dict[str, Any]) -> bool:
    return isinstance(body.get("thinking"), dict) and body["thinking"].get("type") in ("enabled", "adaptive")


def chat_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def am_response(content: list[dict[str, Any]], stop_reason: str, **usage: int) -> dict[str, Any]:
    return {
        "id": "msg_01Hq3rXk9v2TzJ8mQpL4nW6e",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5-20250929",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": usage
        or {
            "input_tokens": 412,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "output_tokens": 187,
        },
    }


def rs_response(
    output: list[dict[str, Any]],
    *,
    status: str = "completed",
    incomplete: dict[str, Any] | None = None,
    error: dict[str, Any] | None = None,
    usage: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": "resp_0429c1fcf5cbfa350169fabfef66108197",
        "object": "response",
        "created_at": 1778040815,
        "status": status,
        "error": error,
        "incomplete_details": incomplete,
        "instructions": None,
        "max_output_tokens": None,
        "model": "gpt-5-2025-08-07",
        "output": output,
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "reasoning": {"effort": "medium", "summary": "auto"},
        "store": False,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": RS_TOOLS,
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": usage
        or {
            "input_tokens": 310,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 95,
            "output_tokens_details": {"reasoning_tokens": 64},
            "total_tokens": 405,
        },
        "metadata": {},
    }


def chat_response(
    message: dict[str, Any], finish_reason: str, usage: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "id": "chatcmpl-BxQ7aV9kR2mT4pL6",
        "object": "chat.completion",
        "created": 1750000000,
        "model": "gpt-4o-2024-08-06",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": usage or {"prompt_tokens": 120, "completion_tokens": 40, "total_tokens": 160},
        "system_fingerprint": "fp_07871e2ad8",
    }


def rs_text_item(text: str, status: str = "completed") -> dict[str, Any]:
    return {
        "type": "message",
        "id": "msg_0429c1fcf5cbfa350169fabff1",
        "status": status,
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    }


# The client requests each API's client sends (for ``request=`` of convert_response).
RS_CLIENT: dict[str, Any] = {
    "model": "claude-sonnet-4-5",
    "input": [{"role": "user", "content": "What's the weather in Paris?"}],
    "tools": RS_TOOLS,
    "reasoning": {"effort": "high", "summary": "auto"},
    "max_output_tokens": 8192,
}
AM_CLIENT: dict[str, Any] = {
    "model": "gpt-5",
    "max_tokens": 8192,
    "thinking": {"type": "enabled", "budget_tokens": 4096},
    "messages": [{"role": "user", "content": "What's the weather in Paris?"}],
    "tools": AM_TOOLS,
}
CHAT_CLIENT: dict[str, Any] = {
    "model": "claude-sonnet-4-5",
    "reasoning_effort": "high",
    "max_completion_tokens": 8192,
    "messages": [{"role": "user", "content": "What's the weather in Paris?"}],
    "tools": CHAT_TOOLS,
}
