"""Thinking and reasoning in streams: one test per streaming bug of a peer gateway (PEERS.md §3, and the
stream/non-stream disagreements its §2 names), through the public stream API.

Each test hand-writes the upstream's SSE (WIRE.md §1.8, §2.9, §3.7 shapes), transcodes it with
``kw.StreamTranscoder`` and asserts what the client gets: the aggregated body (``kw.aggregate_stream``)
or the parsed frames. The writers and readers are in ``tests/stream_peers_helpers.py``.

Covered here: thinking signatures (4, the agents SDK's last-signature-only stream, PEERS.md §2),
interrupted thinking (8), and reasoning never shown as the answer (9, streamed, and thinking turned
into text by Envoy, PEERS.md §2). The other peer streaming bugs: ``test_stream_peers_tool_calls.py``,
``test_stream_peers_usage.py`` and ``test_stream_peers_endings.py``.
"""

from __future__ import annotations

import json
from typing import Any, cast

import pytest

import kindo_wire as kw
from kindo_wire.mapping.reasoning_stash import unstash
from tests.stream_peers_helpers import (
    APIS,
    aggregate,
    am,
    am_block,
    am_end,
    am_start,
    assert_error_ending,
    frames,
    rs_answer,
    rs_text,
    run,
    text_delta,
    visible_text,
)

SIG_A = "EqQBCkgIBxABGAIqQNbZ+/Kx4Zq0c3L2uH9v/1mR8Tn0d5mJf6q+Xw2oP3e4YtUvQ5sR1kLm7nB8aC9dE0fG=="
SIG_B = "ErcBCkgIBxABGAIqQLq9v/u7T3xYz+Wk2Jm5Hn8Pq1Rs0Tt4Uu6Vv7Ww8Xx9Yy0Zz1Aa2Bb3Cc4Dd5Ee6Ff7Gg=="


# === A. Thinking signatures ======================================================================


def test_bug04_signature_only_final_delta_reaches_the_client() -> None:
    """4. OpenRouterTeam/ai-sdk-provider#423: the signature-only final `reasoning.text` delta is lost in
    streaming, causing "Invalid signature" on the next turn.

    Anthropic sends a thinking block's signature alone, in the last delta before
    ``content_block_stop`` (and a block with display "omitted" has nothing but it). It must reach a
    Messages client byte-exact and travel to a Responses client inside ``encrypted_content``, so the
    next turn restores the block exactly."""
    thinking = {"type": "thinking", "thinking": "", "signature": ""}
    upstream = (
        am_start()
        + am_block(
            0,
            thinking,
            {"type": "thinking_delta", "thinking": "Need the "},
            {"type": "thinking_delta", "thinking": "weather tool."},
            {"type": "signature_delta", "signature": SIG_A},
        )
        + am_block(1, thinking, {"type": "signature_delta", "signature": SIG_B})
        + am_block(2, {"type": "text", "text": ""}, text_delta("Checking."))
        + am_end()
    ).encode()
    first = {"type": "thinking", "thinking": "Need the weather tool.", "signature": SIG_A}
    omitted = {"type": "thinking", "thinking": "", "signature": SIG_B}
    out, _ = run(upstream, "messages", "messages")
    assert aggregate(out, "messages")["content"][:2] == [first, omitted]
    out, _ = run(upstream, "messages", "responses")
    items = aggregate(out, "responses")["output"]
    reasoning = [item for item in items if item["type"] == "reasoning"]
    assert [unstash(item["encrypted_content"]) for item in reasoning] == [
        (kw.Api.MESSAGES, first),
        (kw.Api.MESSAGES, omitted),
    ]
    # next turn: the Responses client replays its output; Anthropic gets both blocks back exactly
    turn = {"model": "claude-sonnet-4-5", "input": [{"role": "user", "content": "Weather?"}, *items]}
    back = kw.convert_request(turn, source="responses", target="messages").body
    assert [b for b in back["messages"][-1]["content"] if b["type"] == "thinking"] == [first, omitted]


def test_agents_sdk_every_thinking_block_keeps_its_own_signature_when_streamed() -> None:
    """PEERS.md §2 (openai-agents-python): the non-stream path joins every signature, the stream path
    keeps only the *last* one: stream and non-stream disagree. Streamed, each thinking block keeps
    its own signature, exactly as the non-streaming conversion gives it."""
    upstream = (
        am_start()
        + am_block(
            0,
            {"type": "thinking", "thinking": "", "signature": ""},
            {"type": "thinking_delta", "thinking": "First."},
            {"type": "signature_delta", "signature": SIG_A},
        )
        + am_block(1, {"type": "text", "text": ""}, text_delta("Let me check."))
        + am_block(
            2,
            {"type": "thinking", "thinking": "", "signature": ""},
            {"type": "thinking_delta", "thinking": "Second."},
            {"type": "signature_delta", "signature": SIG_B},
        )
        + am_end()
    ).encode()
    out, _ = run(upstream, "messages", "responses")
    streamed = aggregate(out, "responses")
    converted = kw.convert_response(
        aggregate(upstream, "messages"), source="messages", target="responses"
    ).body
    assert streamed == converted
    tokens = [
        cast("tuple[kw.Api, dict[str, Any]]", unstash(i["encrypted_content"]))
        for i in streamed["output"]
        if i["type"] == "reasoning"
    ]
    assert [raw["signature"] for _, raw in tokens] == [SIG_A, SIG_B]


@pytest.mark.parametrize("target", APIS)
def test_bug08_interrupted_thinking_never_reaches_the_client_unsigned(target: str) -> None:
    """8. openclaw/openclaw#84430: an interrupted stream persisted a thinking block without a
    signature, and every later request fails.

    The upstream dies mid-thinking (no ``signature_delta``, no ``content_block_stop``): the client
    gets its error frame, never a message it could persist, and a Responses client's failed response
    lists no reasoning item (an unsigned one, or a placeholder) for it."""
    upstream = (
        am_start()
        + am(
            "content_block_start",
            index=0,
            content_block={"type": "thinking", "thinking": "", "signature": ""},
        )
        + am("content_block_delta", index=0, delta={"type": "thinking_delta", "thinking": "Half a tho"})
    ).encode()
    out, t = run(upstream, "messages", target)
    assert isinstance(t.error, kw.StreamError)
    assert_error_ending(out, target)
    for name, data in frames(out):
        if name == "response.failed":
            output = data["response"]["output"]
            assert all(isinstance(item, dict) and item.get("type") for item in output), output
            assert not [i for i in output if i["type"] == "reasoning" and not i.get("encrypted_content")]


# === Reasoning is never shown as the answer ======================================================


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_thinking_is_never_turned_into_text(target: str) -> None:
    """9. BerriAI/litellm#36355 (plaintext reasoning leaked as visible text) and PEERS.md §2 (Envoy:
    the M→C stream path treats `thinking_delta` "just like a text_delta").

    Streamed Anthropic thinking never appears as Chat ``content`` or Responses ``output_text``: a
    Responses client gets it as a reasoning item, a Chat client (no reasoning carrier) not at all,
    with the loss reported as the non-streaming conversion reports it."""
    upstream = (
        am_start()
        + am_block(
            0,
            {"type": "thinking", "thinking": "", "signature": ""},
            {"type": "thinking_delta", "thinking": "SECRET plan: "},
            {"type": "thinking_delta", "thinking": "call the tool."},
            {"type": "signature_delta", "signature": SIG_A},
        )
        + am_block(1, {"type": "text", "text": ""}, text_delta("It is "), text_delta("18°C."))
        + am_end()
    ).encode()
    out, t = run(upstream, "messages", target)
    body = aggregate(out, target)
    assert visible_text(body, target) == "It is 18°C."
    if target == "chat":
        assert b"SECRET" not in out
    else:
        shown = [
            d for n, d in frames(out) if n and n.startswith(("response.output_text", "response.content_part"))
        ]
        assert "SECRET" not in json.dumps(shown)
    converted = kw.convert_response(aggregate(upstream, "messages"), source="messages", target=target)
    assert {loss.code for loss in converted.losses} <= {loss.code for loss in t.losses}
    if target == "responses":
        reasoning = [i for i in body["output"] if i["type"] == "reasoning"]
        assert [s["text"] for s in reasoning[0]["summary"]] == ["SECRET plan: call the tool."]


@pytest.mark.parametrize("target", ["chat", "messages"])
def test_responses_reasoning_summary_is_never_turned_into_text(target: str) -> None:
    """9. BerriAI/litellm#36355: plaintext reasoning leaked as visible text (the Responses → other
    direction): a streamed reasoning summary is thinking for an Anthropic client, nothing visible for
    a Chat client."""
    where = {"item_id": "rs_0", "output_index": 0, "summary_index": 0}
    summary = {"type": "summary_text", "text": "SECRET plan."}
    item = {"id": "rs_0", "type": "reasoning", "summary": [summary], "encrypted_content": "gAAAAABenc"}
    upstream = rs_answer(
        (
            "response.output_item.added",
            {"output_index": 0, "item": {"id": "rs_0", "type": "reasoning", "summary": []}},
        ),
        ("response.reasoning_summary_part.added", {**where, "part": {"type": "summary_text", "text": ""}}),
        ("response.reasoning_summary_text.delta", {**where, "delta": "SECRET plan."}),
        ("response.reasoning_summary_text.done", {**where, "text": "SECRET plan."}),
        ("response.reasoning_summary_part.done", {**where, "part": summary}),
        ("response.output_item.done", {"output_index": 0, "item": item}),
        *rs_text(1, "It is 18°C."),
    )
    out, _ = run(upstream, "responses", target)
    body = aggregate(out, target)
    assert visible_text(body, target) == "It is 18°C."
    if target == "messages":
        assert [b["type"] for b in body["content"]] == ["thinking", "text"]
        assert body["content"][0]["thinking"] == "SECRET plan."
    else:
        assert "SECRET" not in json.dumps(body)
