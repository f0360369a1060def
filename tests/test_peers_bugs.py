"""One test per real bug of a peer gateway (PEERS.md §3) that concerns non-streaming conversion.

Each test rebuilds the peer's situation with a hand-written wire body (WIRE.md shapes) and asserts
what a correct gateway does, through the public ``kw.convert_request`` / ``kw.convert_response`` /
``kw.convert_error`` (``request=`` carries the client's request where a proxy would have it).

Covered here: 1-3, 5-7, 9-14, 22-23, 28-35, 39, 40.

Covered elsewhere (streaming; the stream transcoder's tests): 4 (signature-only final reasoning
delta), 8 (interrupted stream leaves an unsigned thinking block), 15-21 (streaming tool calls:
empty ``input``, empty ``input_json_delta``, dropped parameters, deltas after ``content_block_stop``,
parallel ``index``, argument routing, unstreamed arguments), 24-27 (stream usage: ``include_usage``,
``message_start.input_tokens``, usage on ``message_delta``, ``message_start`` shape), 36-38
(mid-stream errors: terminal event per API family, ``error`` -> ``response.failed``, in-band error
chunk taken for usage).
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire._json import same_json
from kindo_wire.forwarding import forward_request
from kindo_wire.loss import LossLog
from kindo_wire.mapping.reasoning_stash import unstash

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


# === A. Thinking signatures and reasoning continuity through OpenAI-shaped hops =================


def test_bug01_thinking_survives_second_tool_call() -> None:
    """1. openai/openai-agents-python#765: LiteLLM with thinking fails on the 2nd tool call
    ("final assistant message must start with a thinking block")."""
    # Turn 1: the Anthropic upstream thinks, then calls a tool; the Chat client cannot keep the thinking.
    upstream = am_response(
        [
            {"type": "thinking", "thinking": "I need Paris first, then Berlin.", "signature": SIG_A},
            {"type": "tool_use", "id": "toolu_01A", "name": "get_weather", "input": {"city": "Paris"}},
        ],
        "tool_use",
    )
    client_view = response(upstream, "messages", "chat", CHAT_CLIENT).body
    message = client_view["choices"][0]["message"]
    assert client_view["choices"][0]["finish_reason"] == "tool_calls"
    assert message["tool_calls"][0]["id"] == "toolu_01A"
    assert "Paris first" not in chat_text(message)  # reasoning is never shown as the answer
    # Turn 3: the second tool-call turn, replayed by the Chat client with no thinking anywhere.
    body = {
        **CHAT_CLIENT,
        "messages": [
            {"role": "user", "content": "Compare the weather in Paris and Berlin."},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "toolu_01A",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "toolu_01A", "content": "18°C, cloudy"},
            {
                "role": "assistant",
                "content": "Now Berlin.",
                "tool_calls": [
                    {
                        "id": "toolu_01B",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Berlin"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "toolu_01B", "content": "12°C, rain"},
        ],
    }
    out = request(body, "chat", "messages")
    # Anthropic would reject thinking here: the tool loop's assistant turn has no signed thinking block.
    assert not thinking_on(out.body)
    assert reasoning_blocks(out.body) == []
    (loss,) = losses(out, "thinking_disabled")
    assert loss.severity == kw.Severity.DEGRADED
    last = out.body["messages"][-1]
    assert last["role"] == "user"
    assert [b["tool_use_id"] for b in last["content"] if b["type"] == "tool_result"] == ["toolu_01B"]


def test_bug02_tool_result_turn_keeps_thinking_blocks() -> None:
    """2. openai/openai-agents-python#678: the tool-result turn through `LitellmModel` loses thinking
    blocks, giving a 400."""
    # The agents SDK speaks Responses; the upstream is Anthropic.
    thinking = {"type": "thinking", "thinking": "Call get_weather for Paris.", "signature": SIG_A}
    tool_use = {"type": "tool_use", "id": "toolu_01T1x", "name": "get_weather", "input": {"city": "Paris"}}
    client_view = response(
        am_response([thinking, tool_use], "tool_use"), "messages", "responses", RS_CLIENT
    ).body
    kinds = [item["type"] for item in client_view["output"]]
    assert kinds == ["reasoning", "function_call"]
    # The tool-result turn: the client replays the items it got, plus the result.
    body = {
        **RS_CLIENT,
        "input": [
            *RS_CLIENT["input"],
            *client_view["output"],
            {"type": "function_call_output", "call_id": "toolu_01T1x", "output": "18°C, cloudy"},
        ],
    }
    out = request(body, "responses", "messages")
    assert thinking_on(out.body)
    assert "thinking_disabled" not in codes(out)
    assert "reasoning_dropped" not in codes(out)
    assistant = out.body["messages"][1]
    assert assistant["role"] == "assistant"
    assert assistant["content"][0] == thinking  # starts with the original, signed thinking block
    assert assistant["content"][1]["type"] == "tool_use"
    assert assistant["content"][1]["id"] == "toolu_01T1x"
    assert out.body["messages"][2]["content"][0]["type"] == "tool_result"


def test_bug03_every_reasoning_block_keeps_its_signature() -> None:
    """3. vercel/ai#11602: reasoning parts in `response.messages` lack the signature `providerMetadata`;
    `onFinish` drops 75% of reasoning blocks."""
    a = {"type": "thinking", "thinking": "The user wants Paris weather.", "signature": SIG_A}
    b = {"type": "redacted_thinking", "data": REDACTED_B}
    c = {"type": "thinking", "thinking": "Use metric units.", "signature": SIG_C}
    upstream = am_response(
        [
            a,
            b,
            {"type": "text", "text": "Let me check the forecast."},
            c,
            {"type": "tool_use", "id": "toolu_01T1x", "name": "get_weather", "input": {"city": "Paris"}},
        ],
        "tool_use",
    )
    out = response(upstream, "messages", "responses", RS_CLIENT)
    items = out.body["output"]
    reasoning = [item for item in items if item["type"] == "reasoning"]
    assert len(reasoning) == 3  # every reasoning block reaches the client, none dropped
    # Each carries its own block back, byte-exact, in order.
    assert [unstash(item["encrypted_content"]) for item in reasoning] == [
        (kw.Api.MESSAGES, a),
        (kw.Api.MESSAGES, b),
        (kw.Api.MESSAGES, c),
    ]
    assert [s["text"] for s in reasoning[0]["summary"]] == ["The user wants Paris weather."]
    assert [s["text"] for s in reasoning[2]["summary"]] == ["Use metric units."]
    assert "reasoning_dropped" not in codes(out)
    assert all(item["id"].startswith("rs_") for item in reasoning)
    # Next turn: all three reach the upstream again.
    body = {
        **RS_CLIENT,
        "input": [
            *RS_CLIENT["input"],
            *items,
            {"type": "function_call_output", "call_id": "toolu_01T1x", "output": "18°C"},
        ],
    }
    back = request(body, "responses", "messages")
    assert reasoning_blocks(back.body) == [a, b, c]
    assistant = back.body["messages"][1]["content"]
    assert [blk["type"] for blk in assistant] == [
        "thinking",
        "redacted_thinking",
        "text",
        "thinking",
        "tool_use",
    ]


def test_bug05_signature_is_byte_exact_through_ir_and_forwarding() -> None:
    """5. router-for-me/CLIProxyAPI#2172: a proxy that re-serializes or normalizes the body invalidates
    signatures (they must be byte-exact)."""
    body: dict[str, Any] = {
        "model": "claude-sonnet-4-5",
        "max_tokens": 8192,
        "thinking": {"type": "enabled", "budget_tokens": 4096},
        "messages": [
            {"role": "user", "content": "What's the weather in Paris?"},
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": "Call the tool.\n  (indented)  ", "signature": SIG_A},
                    {"type": "redacted_thinking", "data": REDACTED_B},
                    {
                        "type": "tool_use",
                        "id": "toolu_01T1x",
                        "name": "get_weather",
                        "input": {"city": "Paris"},
                    },
                ],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "toolu_01T1x", "content": "18°C"}],
            },
        ],
        "tools": AM_TOOLS,
    }
    # Messages -> IR -> Messages.
    log = LossLog()
    codec = CODECS[kw.Api.MESSAGES]
    again = codec.encode_request(codec.decode_request(copy.deepcopy(body), log), log)
    assert same_json(again, body)
    assert again["messages"][1]["content"][0]["signature"] == SIG_A
    assert again["messages"][1]["content"][1]["data"] == REDACTED_B
    # Same-API forwarding, from raw bytes: the exact characters arrive.
    raw = json.dumps(body, ensure_ascii=True).encode()
    forwarded = forward_request(raw, api="messages")
    assert forwarded["messages"][1]["content"][0]["signature"] == SIG_A
    assert forwarded["messages"][1]["content"][1]["data"] == REDACTED_B
    # And through a foreign client (Responses) and back.
    upstream = am_response(body["messages"][1]["content"], "tool_use")
    items = response(upstream, "messages", "responses", RS_CLIENT).body["output"]
    turn = {
        **RS_CLIENT,
        "input": [
            *RS_CLIENT["input"],
            *items,
            {"type": "function_call_output", "call_id": "toolu_01T1x", "output": "18°C"},
        ],
    }
    back = request(turn, "responses", "messages").body
    assert [blk.get("signature", blk.get("data")) for blk in reasoning_blocks(back)] == [SIG_A, REDACTED_B]


def test_bug06_no_forged_signatures() -> None:
    """6. sifxprime/krouter#11: stamping a fallback constant signature on every block clobbers the real
    ones; forged signatures never validate, so unsigned blocks should be dropped."""
    # (a) OpenAI reasoning replayed by a Responses client to an Anthropic upstream: not a thinking block.
    rs_body = {
        **RS_CLIENT,
        "input": [
            {"role": "user", "content": "What's the weather in Paris?"},
            {
                "type": "reasoning",
                "id": "rs_0429c1fcf5cbfa35",
                "encrypted_content": ENC_1,
                "summary": [{"type": "summary_text", "text": "Look up Paris."}],
            },
            {
                "type": "function_call",
                "call_id": "call_I670mAzR6AYszdoq",
                "name": "get_weather",
                "arguments": '{"city":"Paris"}',
            },
            {"type": "function_call_output", "call_id": "call_I670mAzR6AYszdoq", "output": "18°C"},
        ],
    }
    out = request(rs_body, "responses", "messages")
    assert reasoning_blocks(out.body) == []
    assert ENC_1 not in set(strings(out.body))
    dropped = losses(out, "reasoning_dropped")
    assert [loss.pointer for loss in dropped] == ["/input/1"]
    assert dropped[0].severity == kw.Severity.DEGRADED
    # ... and with thinking on, the unsigned tool loop turns thinking off instead of faking a block.
    assert not thinking_on(out.body)
    assert "thinking_disabled" in codes(out)

    # (b) An Anthropic thinking block sent to a Responses upstream: no encrypted_content invented.
    am_body = {
        **AM_CLIENT,
        "messages": [
            {"role": "user", "content": "What's the weather in Paris?"},
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": "Call the tool for Paris.", "signature": SIG_A},
                    {
                        "type": "tool_use",
                        "id": "toolu_01T1x",
                        "name": "get_weather",
                        "input": {"city": "Paris"},
                    },
                ],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "toolu_01T1x", "content": "18°C"}],
            },
        ],
    }
    out = request(am_body, "messages", "responses")
    assert [item for item in out.body["input"] if item.get("type") == "reasoning"] == []
    assert not any(SIG_A in s for s in strings(out.body))
    assert not any(s.startswith("kw1.") for s in strings(out.body))  # a stash never goes upstream
    assert not any("Call the tool for Paris." in s for s in strings(out.body))
    assert [loss.pointer for loss in losses(out, "reasoning_dropped")] == ["/messages/1/content/0"]

    # (c) Two stashed blocks replayed: each gets its own signature back, never a shared constant.
    a = {"type": "thinking", "thinking": "First.", "signature": SIG_A}
    c = {"type": "thinking", "thinking": "Second.", "signature": SIG_C}
    upstream = am_response(
        [
            a,
            {"type": "text", "text": "Checking."},
            c,
            {"type": "tool_use", "id": "toolu_01T1x", "name": "get_weather", "input": {"city": "Paris"}},
        ],
        "tool_use",
    )
    items = response(upstream, "messages", "responses", RS_CLIENT).body["output"]
    turn = {
        **RS_CLIENT,
        "input": [
            *RS_CLIENT["input"],
            *items,
            {"type": "function_call_output", "call_id": "toolu_01T1x", "output": "18°C"},
        ],
    }
    back = request(turn, "responses", "messages").body
    assert [blk["signature"] for blk in reasoning_blocks(back)] == [SIG_A, SIG_C]


def test_bug07_replayed_history_without_reasoning_never_gets_unsigned_thinking() -> None:
    """7. lbjlaq/Antigravity-Manager#3391: OpenAI endpoint, multi-turn, `thinking.signature: Field
    required` when the client replays history without `reasoning_content`."""
    body = {
        "model": "claude-sonnet-4-5",
        "reasoning_effort": "medium",
        "max_completion_tokens": 8192,
        "messages": [
            {"role": "system", "content": "You are a travel assistant."},
            {"role": "user", "content": "Plan a day in Paris."},
            # one turn with a non-standard reasoning_content (LiteLLM style), one without
            {
                "role": "assistant",
                "content": "Morning: Louvre. Afternoon: Seine walk.",
                "reasoning_content": "The user likes museums.",
            },
            {"role": "user", "content": "And in Berlin?"},
            {"role": "assistant", "content": "Museum Island, then Tiergarten."},
            {"role": "user", "content": "Which city is cheaper?"},
        ],
    }
    out = request(body, "chat", "messages")
    # No thinking block is made up from history: it would lack a valid signature.
    assert reasoning_blocks(out.body) == []
    assert not any(s == "The user likes museums." for s in strings(out.body["messages"]))
    # Not a tool loop: Anthropic accepts unsigned-free history, so the requested thinking stays on.
    assert thinking_on(out.body)
    assert "thinking_disabled" not in codes(out)
    if out.body["thinking"]["type"] == "enabled":
        assert 1024 <= out.body["thinking"]["budget_tokens"] < out.body["max_tokens"]


# === B. Encrypted reasoning, store=false, previous_response_id ===================================

RS_REASONING = {
    "id": "rs_0429c1fcf5cbfa350169fabfeff870",
    "type": "reasoning",
    "encrypted_content": ENC_1,
    "summary": [{"type": "summary_text", "text": "**Checking the forecast**\n\nI should look up Paris."}],
}


def test_bug09_reasoning_items_round_trip_and_never_leak_as_text() -> None:
    """9. BerriAI/litellm#36355: the Responses bridge dropped every `reasoning` input item, plaintext
    reasoning leaked as visible text, and its own `encrypted_content` was discarded."""
    upstream = rs_response([RS_REASONING, rs_text_item("It is 18°C and cloudy in Paris.")])
    out = response(upstream, "responses", "messages", AM_CLIENT)
    content = out.body["content"]
    assert [blk["type"] for blk in content] == ["thinking", "text"]
    assert content[0]["thinking"] == "**Checking the forecast**\n\nI should look up Paris."
    assert unstash(content[0]["signature"]) == (kw.Api.RESPONSES, RS_REASONING)
    assert content[1]["text"] == "It is 18°C and cloudy in Paris."  # summary not leaked into the answer
    assert out.body["stop_reason"] == "end_turn"
    # Next Messages turn -> Responses: the reasoning item goes back as the upstream issued it.
    turn = {
        **AM_CLIENT,
        "messages": [
            AM_CLIENT["messages"][0],
            {"role": "assistant", "content": content},
            {"role": "user", "content": "And tomorrow?"},
        ],
    }
    back = request(turn, "messages", "responses")
    items = back.body["input"]
    reasoning = [item for item in items if item.get("type") == "reasoning"]
    assert reasoning == [RS_REASONING]
    assert reasoning[0]["encrypted_content"] == ENC_1
    assert "reasoning_dropped" not in codes(back)
    visible = [s for item in items if item.get("type") != "reasoning" for s in strings(item)]
    assert not any("I should look up Paris." in s for s in visible)


def test_bug10_store_false_chain_resolved_from_lookup_with_reasoning_state() -> None:
    """10. maximhq/bifrost#5410: `store=false` plus a replayed reasoning item with `encrypted_content`
    gives 400 "Item … not found"."""
    # Turn 1 was served by an Anthropic upstream; the gateway stored what the client saw.
    thinking = {"type": "thinking", "thinking": "Call get_weather.", "signature": SIG_A}
    tool_use = {"type": "tool_use", "id": "toolu_01T1x", "name": "get_weather", "input": {"city": "Paris"}}
    first = response(am_response([thinking, tool_use], "tool_use"), "messages", "responses", RS_CLIENT).body
    stored = {first["id"]: [*RS_CLIENT["input"], *first["output"]]}
    body = {
        "model": "claude-sonnet-4-5",
        "store": False,
        "include": ["reasoning.encrypted_content"],
        "previous_response_id": first["id"],
        "input": [{"type": "function_call_output", "call_id": "toolu_01T1x", "output": "18°C"}],
        "tools": RS_TOOLS,
        "reasoning": {"effort": "high"},
        "max_output_tokens": 8192,
    }
    out = request(body, "responses", "messages", previous_response=stored.get)
    assert "previous_response_unresolved" not in codes(out)
    messages = out.body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"][0] == thinking  # the reasoning state came with the stored items
    assert messages[2]["content"][0]["tool_use_id"] == "toolu_01T1x"
    assert thinking_on(out.body)
    # Without the store the id cannot be honoured: reported, never silently ignored.
    body = {**body, "input": [{"role": "user", "content": "Thanks. And tomorrow?"}]}
    out = request(body, "responses", "messages", previous_response=lambda _id: None)
    (loss,) = losses(out, "previous_response_unresolved")
    assert loss.severity == kw.Severity.SEMANTIC
    assert loss.pointer == "/previous_response_id"
    # An item_reference the stateless upstream cannot resolve is reported too, not sent as a message.
    ref = {**body, "input": [{"type": "item_reference", "id": "rs_0429c1fcf5cbfa35"}, *body["input"]]}
    del ref["previous_response_id"]
    out = request(ref, "responses", "messages")
    assert any(loss.pointer == "/input/0" and loss.severity == kw.Severity.SEMANTIC for loss in out.losses)
    assert not any("rs_0429c1fcf5cbfa35" in s for s in strings(out.body))


def test_bug11_encrypted_content_survives_a_tool_loop() -> None:
    """11. Wei-Shaw/sub2api#3588: dropping all reasoning items to dodge the `rs_` 404 silently discarded
    `encrypted_content`; the fix strips only the id."""
    silent = {
        "id": "rs_0429c1fcf5cbfa350169fabfe62a9c",
        "type": "reasoning",
        "encrypted_content": ENC_1,
        "summary": [],
    }
    call = {
        "id": "fc_0429c1fcf5cbfa350169fabff15798",
        "type": "function_call",
        "status": "completed",
        "arguments": '{"city":"Paris"}',
        "call_id": "call_WbWwKw4J6EXQ7Sn93fgmuZe3",
        "name": "get_weather",
    }
    upstream = rs_response([silent, call])
    out = response(upstream, "responses", "messages", AM_CLIENT)
    content = out.body["content"]
    assert [blk["type"] for blk in content] == ["redacted_thinking", "tool_use"]  # no text: redacted carrier
    assert unstash(content[0]["data"]) == (kw.Api.RESPONSES, silent)
    assert content[1]["id"] == "call_WbWwKw4J6EXQ7Sn93fgmuZe3"
    assert content[1]["input"] == {"city": "Paris"}
    assert out.body["stop_reason"] == "tool_use"
    turn = {
        **AM_CLIENT,
        "messages": [
            AM_CLIENT["messages"][0],
            {"role": "assistant", "content": content},
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "call_WbWwKw4J6EXQ7Sn93fgmuZe3", "content": "18°C"}
                ],
            },
        ],
    }
    items = request(turn, "messages", "responses").body["input"]
    kinds = [item.get("type", "message") for item in items]
    assert kinds == ["message", "reasoning", "function_call", "function_call_output"]
    assert items[1] == silent
    assert items[1]["encrypted_content"] == ENC_1
    assert items[2]["call_id"] == "call_WbWwKw4J6EXQ7Sn93fgmuZe3"
    assert items[2].get("id", "fc").startswith("fc")  # Responses rejects a call_ id in the item id
    assert items[3]["call_id"] == "call_WbWwKw4J6EXQ7Sn93fgmuZe3"


def test_bug12_reasoning_item_keeps_every_field() -> None:
    """12. agentscope-ai/agentscope#2420: the formatter keeps only id and summary, dropping
    `encrypted_content`, so stateless upstreams return 400."""
    full = {
        "id": "rs_68af4030592c81938ec0a5fbab4a3e9f",
        "type": "reasoning",
        "summary": [
            {"type": "summary_text", "text": "Plan the lookup."},
            {"type": "summary_text", "text": "Then answer briefly."},
        ],
        "content": [{"type": "reasoning_text", "text": "raw chain of thought"}],
        "encrypted_content": ENC_2,
        "status": "completed",
    }
    upstream = rs_response([full, rs_text_item("Done.")])
    blocks = response(upstream, "responses", "messages", AM_CLIENT).body["content"]
    turn = {
        **AM_CLIENT,
        "messages": [
            AM_CLIENT["messages"][0],
            {"role": "assistant", "content": blocks},
            {"role": "user", "content": "Thanks. Now Berlin."},
        ],
    }
    items = request(turn, "messages", "responses").body["input"]
    (restored,) = [item for item in items if item.get("type") == "reasoning"]
    assert restored == full  # id, summary, content, encrypted_content, status: all of it
    # Chat has no carrier: the loss is reported, and reasoning is not passed off as the answer.
    chat = response(upstream, "responses", "chat", {**CHAT_CLIENT, "model": "gpt-5"})
    assert chat.body["choices"][0]["message"]["content"] == "Done."
    assert [loss.severity for loss in losses(chat, "reasoning_dropped")] == [kw.Severity.DEGRADED]


def test_bug13_unknown_input_item_is_not_routed_as_a_message() -> None:
    """13. 10/chatgpt-codex-proxy#9: an unknown `additional_tools` input item was routed as a message,
    giving "Missing required parameter input[0].content"."""
    unknown = {
        "type": "additional_tools",
        "tools": [
            {
                "type": "function",
                "name": "lookup_flight",
                "parameters": {"type": "object", "properties": {}},
                "strict": False,
            }
        ],
    }
    body = {
        "model": "gpt-5",
        "input": [unknown, {"role": "user", "content": "Find me a flight to Paris."}],
        "tools": RS_TOOLS,
        "max_output_tokens": 2048,
    }
    for target in ("chat", "messages"):
        out = request(body, "responses", target)
        messages = out.body["messages"]
        assert all(m.get("content") not in (None, "", []) for m in messages if m["role"] != "assistant")
        assert not any("lookup_flight" in s for s in strings(messages))
        user = [m for m in messages if m["role"] == "user"]
        assert len(user) == 1
        (loss,) = [loss for loss in out.losses if loss.pointer == "/input/0"]
        assert (loss.code, loss.severity) == ("unsupported_part", kw.Severity.SEMANTIC)
    # Responses -> IR -> Responses keeps it whole (a Responses upstream gets it as sent).
    log = LossLog()
    codec = CODECS[kw.Api.RESPONSES]
    again = codec.encode_request(codec.decode_request(copy.deepcopy(body), log), log)
    assert same_json(again, body)
    assert log.items == []


def test_bug14_previous_response_id_to_stateless_target_is_never_silent() -> None:
    """14. raullenchai/Rapid-MLX#588: a stateless Responses shim deliberately returns 400 on
    `previous_response_id` ("silent prompt loss … is worse")."""
    body = {
        "model": "gpt-4o",
        "previous_response_id": "resp_68af4030592c8193",
        "input": [{"role": "user", "content": "And what about Berlin?"}],
        "max_output_tokens": 1024,
    }
    for target in ("chat", "messages"):
        out = request(body, "responses", target)
        (loss,) = losses(out, "previous_response_unresolved")
        assert (loss.pointer, loss.severity) == ("/previous_response_id", kw.Severity.SEMANTIC)
        with pytest.raises(kw.LossError) as raised:
            kw.convert_request(copy.deepcopy(body), source="responses", target=target, strict=True)
        assert "previous_response_unresolved" in [loss.code for loss in raised.value.losses]
    # Resolved through the caller's store: the earlier turn is prepended, nothing lost.
    history: list[dict[str, Any]] = [
        {"role": "user", "content": "What's the weather in Paris?"},
        {
            "type": "message",
            "id": "msg_68af40",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "18°C and cloudy.", "annotations": []}],
        },
    ]
    seen: list[str] = []

    def lookup(response_id: str) -> list[dict[str, Any]] | None:
        seen.append(response_id)
        return history if response_id == "resp_68af4030592c8193" else None

    out = request(body, "responses", "chat", previous_response=lookup)
    assert seen == ["resp_68af4030592c8193"]
    assert "previous_response_unresolved" not in codes(out)
    messages = out.body["messages"]
    assert [(m["role"], chat_text(m)) for m in messages] == [
        ("user", "What's the weather in Paris?"),
        ("assistant", "18°C and cloudy."),
        ("user", "And what about Berlin?"),
    ]


# === D. Usage accounting =========================================================================

# One logical usage: 100 input tokens of which 70 read from cache and 10 written to it, 15 output.
USAGE_BODIES: dict[str, dict[str, Any]] = {
    "messages": am_response(
        [{"type": "text", "text": "Hi."}],
        "end_turn",
        input_tokens=20,
        cache_creation_input_tokens=10,
        cache_read_input_tokens=70,
        output_tokens=15,
    ),
    "chat": chat_response(
        {"role": "assistant", "content": "Hi.", "refusal": None},
        "stop",
        {
            "prompt_tokens": 100,
            "completion_tokens": 15,
            "total_tokens": 115,
            "prompt_tokens_details": {"cached_tokens": 70, "cache_write_tokens": 10},
            "completion_tokens_details": {"reasoning_tokens": 0},
        },
    ),
    "responses": rs_response(
        [rs_text_item("Hi.")],
        usage={
            "input_tokens": 100,
            "input_tokens_details": {"cached_tokens": 70, "cache_write_tokens": 10},
            "output_tokens": 15,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 115,
        },
    ),
}
CLIENTS: dict[str, dict[str, Any]] = {"messages": AM_CLIENT, "chat": CHAT_CLIENT, "responses": RS_CLIENT}


def usage_of(body: dict[str, Any], api: str) -> tuple[int, int, int | None, int]:
    """(total input incl. cache, cache read, cache write or None, output) in any API's convention."""
    usage = body["usage"]
    if api == "messages":
        read = usage.get("cache_read_input_tokens") or 0
        write = usage.get("cache_creation_input_tokens")
        return usage["input_tokens"] + read + (write or 0), read, write, usage["output_tokens"]
    if api == "chat":
        details = usage.get("prompt_tokens_details") or {}
        assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
        return (
            usage["prompt_tokens"],
            details.get("cached_tokens") or 0,
            details.get("cache_write_tokens"),
            usage["completion_tokens"],
        )
    details = usage.get("input_tokens_details") or {}
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    return (
        usage["input_tokens"],
        details.get("cached_tokens") or 0,
        details.get("cache_write_tokens"),
        usage["output_tokens"],
    )


PAIRS = [(s, t) for s in USAGE_BODIES for t in USAGE_BODIES if s != t]


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{s}-to-{t}" for s, t in PAIRS])
def test_bug22_cached_tokens_are_not_billed_twice(source: str, target: str) -> None:
    """22. ogx-ai/ogx#6415: the Anthropic-compatible usage set `input_tokens = prompt_tokens` **and**
    `cache_read`, so a 100-token prompt is billed as 175."""
    out = response(USAGE_BODIES[source], source, target, CLIENTS[target]).body
    total, read, write, output = usage_of(out, target)
    assert (total, read, output) == (100, 70, 15)
    assert write in (None, 10)  # the write count may have no slot, but is never added twice
    if target == "messages":
        # Anthropic's input_tokens excludes both cache reads and writes.
        assert out["usage"]["input_tokens"] == 20
        assert out["usage"]["cache_read_input_tokens"] == 70
        assert out["usage"]["cache_creation_input_tokens"] == 10


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{s}-to-{t}" for s, t in PAIRS])
def test_bug23_usage_round_trip_keeps_cache_hit_rate(source: str, target: str) -> None:
    """23. larsderidder/context-lens#51: double-counting and a wrong cache hit rate behind
    LiteLLM-proxied Anthropic."""
    there = response(USAGE_BODIES[source], source, target, CLIENTS[target]).body
    back = response(there, target, source, CLIENTS[source]).body
    assert usage_of(back, source) == usage_of(USAGE_BODIES[source], source)
    total, read, _, _ = usage_of(there, target)
    assert read <= total
    assert read / total == pytest.approx(0.7)


# === E. Stop reasons and truncation ==============================================================


def test_bug28_max_tokens_becomes_incomplete_for_responses() -> None:
    """28. router-for-me/CLIProxyAPI#5439: the Claude→Responses translator ignores `stop_reason` and
    always emits `response.completed`; `max_tokens` should become `incomplete` with `max_output_tokens`."""
    upstream = am_response(
        [{"type": "text", "text": "The history of Paris begins with the Parisii, a"}], "max_tokens"
    )
    out = response(upstream, "messages", "responses", RS_CLIENT).body
    assert out["status"] == "incomplete"
    assert out["incomplete_details"] == {"reason": "max_output_tokens"}
    (item,) = out["output"]
    assert item["content"][0]["text"] == "The history of Paris begins with the Parisii, a"
    chat = response(upstream, "messages", "chat", CHAT_CLIENT).body
    assert chat["choices"][0]["finish_reason"] == "length"


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug29_pause_and_context_window_are_not_silent_stops(target: str) -> None:
    """29. MAXeaglet/commandcode-proxy#38: `pause_turn`, `max_output_tokens`,
    `model_context_window_exceeded` and `*-error` become a "silent truncation"."""
    client = CLIENTS[target]
    # pause_turn: the client must resend to continue; no OpenAI value says so -> a reported approximation.
    paused = am_response(
        [
            {
                "type": "server_tool_use",
                "id": "srvtoolu_01",
                "name": "web_search",
                "input": {"query": "Paris weather"},
            },
            {"type": "text", "text": "Searching"},
        ],
        "pause_turn",
    )
    out = response(paused, "messages", target, client)
    approx = losses(out, "finish_reason_approximated")
    assert [(loss.pointer, loss.severity) for loss in approx] == [("/stop_reason", kw.Severity.SEMANTIC)]
    # model_context_window_exceeded: output was cut off -> the faithful "truncated" value.
    full = am_response([{"type": "text", "text": "Partial answer"}], "model_context_window_exceeded")
    body = response(full, "messages", target, client).body
    if target == "chat":
        assert body["choices"][0]["finish_reason"] == "length"
    else:
        assert body["status"] == "incomplete"
        assert body["incomplete_details"] == {"reason": "max_output_tokens"}
    # Responses max_output_tokens -> the others' truncation values.
    cut = rs_response(
        [rs_text_item("Partial", status="incomplete")],
        status="incomplete",
        incomplete={"reason": "max_output_tokens"},
    )
    if target == "chat":
        assert response(cut, "responses", "chat", client).body["choices"][0]["finish_reason"] == "length"
    assert response(cut, "responses", "messages", AM_CLIENT).body["stop_reason"] == "max_tokens"


def test_bug29_failed_response_is_not_a_clean_end_turn() -> None:
    """29. MAXeaglet/commandcode-proxy#38: ... and `*-error` become a "silent truncation"."""
    failed = rs_response(
        [rs_text_item("Partial", status="incomplete")],
        status="failed",
        error={"code": "server_error", "message": "The model failed to generate a response."},
    )
    for target in ("messages", "chat"):
        try:
            out = kw.convert_response(
                copy.deepcopy(failed), source="responses", target=target, request=CLIENTS[target]
            )
        except kw.WireError:
            continue  # refusing to present a failure as an answer is correct
        body = out.body
        finish = body["stop_reason"] if target == "messages" else body["choices"][0]["finish_reason"]
        assert finish not in ("end_turn", "stop") or any(
            loss.severity == kw.Severity.SEMANTIC for loss in out.losses
        ), f"a failed response became a silent {finish!r} for {target}"


def test_bug30_cut_off_output_is_max_tokens_not_end_turn() -> None:
    """30. BerriAI/litellm#25825: an upstream `finish_reason` that is always `stop` makes the Anthropic
    adapter report `end_turn` for cut-off output."""
    cut = chat_response(
        {"role": "assistant", "content": "The history of Paris begins", "refusal": None}, "length"
    )
    am = response(cut, "chat", "messages", AM_CLIENT).body
    assert am["stop_reason"] == "max_tokens"
    assert [(b["type"], b["text"]) for b in am["content"]] == [("text", "The history of Paris begins")]
    # The other values keep their meaning too.
    done = chat_response({"role": "assistant", "content": "Done.", "refusal": None}, "stop")
    assert response(done, "chat", "messages", AM_CLIENT).body["stop_reason"] == "end_turn"
    calls = chat_response(
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                }
            ],
        },
        "tool_calls",
    )
    assert response(calls, "chat", "messages", AM_CLIENT).body["stop_reason"] == "tool_use"
    filtered = chat_response({"role": "assistant", "content": "", "refusal": None}, "content_filter")
    assert response(filtered, "chat", "messages", AM_CLIENT).body["stop_reason"] == "refusal"


# === F. Images, PDFs, tool-result media ==========================================================

PDF_DOC = {
    "type": "document",
    "source": {"type": "base64", "media_type": "application/pdf", "data": PDF_B64},
    "title": "report.pdf",
}
PNG_IMAGE = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG_B64}}
PDF_URL = f"data:application/pdf;base64,{PDF_B64}"
PNG_URL = f"data:image/png;base64,{PNG_B64}"


def test_bug31_document_block_reaches_openai() -> None:
    """31. musistudio/llms#68: CCR's Anthropic→OpenAI transform silently drops `document` (PDF) blocks."""
    untitled = {k: v for k, v in PDF_DOC.items() if k != "title"}
    for doc in (PDF_DOC, untitled):
        body = {
            "model": "gpt-4o",
            "max_tokens": 1024,
            "messages": [
                {"role": "user", "content": [doc, {"type": "text", "text": "Summarize this report."}]}
            ],
        }
        chat = request(body, "messages", "chat")
        (user,) = [m for m in chat.body["messages"] if m["role"] == "user"]
        files = [p for p in user["content"] if p["type"] == "file"]
        assert len(files) == 1
        assert files[0]["file"]["file_data"] == PDF_URL
        # OpenAI rejects inline file_data without a filename (400 "Missing required parameter ...file_id").
        assert has_filename(files[0]["file"])
        assert [p["text"] for p in user["content"] if p["type"] == "text"] == ["Summarize this report."]
        assert "unsupported_part" not in codes(chat)
        rs = request(body, "messages", "responses")
        parts = [
            p for item in rs.body["input"] if isinstance(item.get("content"), list) for p in item["content"]
        ]
        (pdf,) = [p for p in parts if p["type"] == "input_file"]
        assert pdf["file_data"] == PDF_URL
        assert has_filename(pdf)
        assert "unsupported_part" not in codes(rs)


def has_filename(file: dict[str, Any]) -> bool:
    """OpenAI needs ``filename`` beside inline ``file_data`` (Chat ``file`` and Responses ``input_file``)."""
    return isinstance(file.get("filename"), str) and file["filename"] != ""


def am_tool_result_body(result_content: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "model": "gpt-4o",
        "max_tokens": 1024,
        "messages": [
            {"role": "user", "content": "Read the report and the screenshot."},
            {
                "role": "assistant",
                "content": [
                    {
                        "type": "tool_use",
                        "id": "toolu_01Read",
                        "name": "Read",
                        "input": {"file_path": "/tmp/x"},
                    }
                ],
            },
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_01Read", "content": result_content},
                    {"type": "text", "text": "What does it say?"},
                ],
            },
        ],
        "tools": [
            {
                "name": "Read",
                "description": "Read a file",
                "input_schema": {
                    "type": "object",
                    "properties": {"file_path": {"type": "string"}},
                    "required": ["file_path"],
                },
            }
        ],
    }


def moved_media(chat_body: dict[str, Any], kind: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The tool message for toolu_01Read and the media parts of ``kind`` in user messages after it."""
    messages = chat_body["messages"]
    index = next(i for i, m in enumerate(messages) if m["role"] == "tool")
    tool = messages[index]
    assert tool["tool_call_id"] == "toolu_01Read"
    content = tool["content"]
    assert isinstance(content, str) or all(part["type"] == "text" for part in content)  # Chat: text only
    later = [
        p
        for m in messages[index + 1 :]
        if m["role"] == "user" and isinstance(m["content"], list)
        for p in m["content"]
        if p["type"] == kind
    ]
    return tool, later


def test_bug32_pdf_in_tool_result_reaches_openai() -> None:
    """32. BerriAI/litellm#38261: Claude Code PDF `Read` tool_result documents never reach OpenAI models;
    the model sees only a text stub."""
    body = am_tool_result_body([{"type": "text", "text": "PDF file read: report.pdf (1 page)"}, PDF_DOC])
    chat = request(body, "messages", "chat")
    tool, files = moved_media(chat.body, "file")
    assert "report.pdf (1 page)" in chat_text(tool)
    assert [f["file"]["file_data"] for f in files] == [PDF_URL]
    assert all(has_filename(f["file"]) for f in files)
    (loss,) = losses(chat, "tool_result_media_moved")
    assert loss.severity == kw.Severity.DEGRADED
    assert loss.pointer.startswith("/messages/2/content/0")
    # Responses carries files in function_call_output directly.
    rs = request(body, "messages", "responses")
    (output,) = [item for item in rs.body["input"] if item.get("type") == "function_call_output"]
    assert output["call_id"] == "toolu_01Read"
    assert [p["file_data"] for p in output["output"] if p["type"] == "input_file"] == [PDF_URL]
    assert all(has_filename(p) for p in output["output"] if p["type"] == "input_file")
    assert "tool_result_media_moved" not in codes(rs)


def test_bug33_image_in_tool_result_survives() -> None:
    """33. ggml-org/llama.cpp#22536: images in `tool_result` dropped in the Anthropic→OAI conversion
    (screenshots)."""
    body = am_tool_result_body([{"type": "text", "text": "Screenshot taken."}, PNG_IMAGE])
    chat = request(body, "messages", "chat")
    tool, images = moved_media(chat.body, "image_url")
    assert "Screenshot taken." in chat_text(tool)
    assert [img["image_url"]["url"] for img in images] == [PNG_URL]
    assert [loss.severity for loss in losses(chat, "tool_result_media_moved")] == [kw.Severity.DEGRADED]
    # The user's own text still follows the result.
    assert any("What does it say?" in chat_text(m) for m in chat.body["messages"] if m["role"] == "user")
    rs = request(body, "messages", "responses")
    (output,) = [item for item in rs.body["input"] if item.get("type") == "function_call_output"]
    assert [p["image_url"] for p in output["output"] if p["type"] == "input_image"] == [PNG_URL]
    assert "tool_result_media_moved" not in codes(rs)
    # A screenshot-only result (the common computer-use case) still reaches the model.
    only = am_tool_result_body([PNG_IMAGE])
    only["messages"][2]["content"] = only["messages"][2]["content"][:1]
    chat = request(only, "messages", "chat")
    _, images = moved_media(chat.body, "image_url")
    assert [img["image_url"]["url"] for img in images] == [PNG_URL]
    assert [loss.pointer for loss in losses(chat, "tool_result_media_moved")] == [
        "/messages/2/content/0/content/0"
    ]


def test_bug34_chat_tool_message_never_carries_image_url() -> None:
    """34. PrimeIntellect-ai/verifiers#1539: Chat `tool` messages cannot carry `image_url`, so images must
    be split into a follow-up user message."""
    body = {
        "model": "gpt-4o",
        "input": [
            {"role": "user", "content": "Take a screenshot of the page."},
            {
                "type": "function_call",
                "call_id": "call_shot1",
                "name": "Read",
                "arguments": '{"file_path":"/s"}',
            },
            {
                "type": "function_call_output",
                "call_id": "call_shot1",
                "output": [
                    {"type": "input_text", "text": "Screenshot taken."},
                    {"type": "input_image", "image_url": PNG_URL, "detail": "auto"},
                ],
            },
        ],
        "max_output_tokens": 1024,
    }
    chat = request(body, "responses", "chat")
    messages = chat.body["messages"]
    index = next(i for i, m in enumerate(messages) if m["role"] == "tool")
    tool = messages[index]
    assert tool["tool_call_id"] == "call_shot1"
    assert isinstance(tool["content"], str) or all(p["type"] == "text" for p in tool["content"])
    assert "Screenshot taken." in chat_text(tool)
    images = [
        p
        for m in messages[index + 1 :]
        if m["role"] == "user" and isinstance(m["content"], list)
        for p in m["content"]
        if p["type"] == "image_url"
    ]
    assert [img["image_url"]["url"] for img in images] == [PNG_URL]
    (loss,) = losses(chat, "tool_result_media_moved")
    assert loss.pointer.startswith("/input/2")
    # Anthropic tool_result blocks hold images: kept in place.
    am = request(body, "responses", "messages")
    (result,) = [b for b in am_blocks(am.body) if b["type"] == "tool_result"]
    assert result["tool_use_id"] == "call_shot1"
    assert [b for b in result["content"] if b["type"] == "image"] == [PNG_IMAGE]
    assert "tool_result_media_moved" not in codes(am)


def test_bug35_pdf_url_and_pdf_data_reach_anthropic_as_documents() -> None:
    """35. Portkey-AI/gateway#1075: PDF URLs not supported for Anthropic (#827 added a
    `data:application/pdf` hack through `image_url`)."""
    rs_body = {
        "model": "claude-sonnet-4-5",
        "max_output_tokens": 1024,
        "input": [
            {
                "role": "user",
                "content": [
                    {"type": "input_file", "file_url": "https://arxiv.org/pdf/1706.03762"},
                    {"type": "input_text", "text": "Summarize this paper."},
                ],
            }
        ],
    }
    am = request(rs_body, "responses", "messages")
    (doc,) = [b for b in am_blocks(am.body) if b["type"] == "document"]
    assert doc["source"] == {"type": "url", "url": "https://arxiv.org/pdf/1706.03762"}
    assert "unsupported_part" not in codes(am)
    chat_body = {
        "model": "claude-sonnet-4-5",
        "max_completion_tokens": 1024,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "file", "file": {"file_data": PDF_URL, "filename": "report.pdf"}},
                    {"type": "text", "text": "Summarize this report."},
                ],
            }
        ],
    }
    am = request(chat_body, "chat", "messages")
    blocks = am_blocks(am.body)
    (doc,) = [b for b in blocks if b["type"] == "document"]
    assert doc["source"] == {"type": "base64", "media_type": "application/pdf", "data": PDF_B64}
    assert not any(b["type"] == "image" for b in blocks)  # never a PDF smuggled in an image block


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
