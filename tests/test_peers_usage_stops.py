"""Usage accounting, stop reasons and truncation (PEERS.md §3 bugs 22-23, 28-30).

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
    AM_CLIENT,
    CHAT_CLIENT,
    RS_CLIENT,
    am_response,
    chat_response,
    losses,
    response,
    rs_response,
    rs_text_item,
)

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
