"""Thinking signatures and reasoning continuity through OpenAI-shaped hops (PEERS.md §3 bugs 1-3, 5-7).

One test per real bug of a peer gateway that concerns non-streaming conversion: each rebuilds the
peer's situation with a hand-written wire body and asserts what a correct gateway does, through
the public ``kw.convert_*`` API. The index of which bug is tested where: ``tests/peers_helpers.py``.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire._json import same_json
from kindo_wire.forwarding import forward_request
from kindo_wire.loss import LossLog
from kindo_wire.mapping.reasoning_stash import unstash
from tests.peers_helpers import (
    AM_CLIENT,
    AM_TOOLS,
    CHAT_CLIENT,
    ENC_1,
    REDACTED_B,
    RS_CLIENT,
    SIG_A,
    SIG_C,
    am_response,
    chat_text,
    codes,
    losses,
    reasoning_blocks,
    request,
    response,
    strings,
    thinking_on,
)

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
