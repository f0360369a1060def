"""Usage accounting in streams: one test per streaming bug of a peer gateway (PEERS.md §3), through the
public stream API.

Each test hand-writes the upstream's SSE (WIRE.md §1.8, §2.9, §3.7 shapes), transcodes it with
``kw.StreamTranscoder`` (or a ``kw.Bridge``'s) and asserts what the client gets: the aggregated body
(``kw.aggregate_stream``), the parsed frames, or the official Anthropic SDK's own accumulator. The
writers and readers are in ``tests/stream_peers_helpers.py``.

Covered here: 24-27 (usage asked for and passed on, input tokens at ``message_start``, usage merged per
field, the ``message_start`` shape the SDK needs), plus usage on a Chat chunk that has choices.
"""

from __future__ import annotations

import pytest

import kindo_wire as kw
from tests.stream_peers_helpers import (
    CHAT_HEAD,
    aggregate,
    am_block,
    am_end,
    am_start,
    chat_stream,
    chunk,
    frames,
    rs_answer,
    rs_text,
    run,
    sdk_message,
    sse,
    text_delta,
)

# === D. Usage accounting ==========================================================================

CHAT_USAGE = {
    "prompt_tokens": 50,
    "completion_tokens": 87,
    "total_tokens": 137,
    "prompt_tokens_details": {"cached_tokens": 10},
}


@pytest.mark.parametrize("client", ["messages", "responses"])
def test_bug24_chat_upstream_is_asked_for_usage_and_the_client_gets_it(client: str) -> None:
    """24. kaitranntt/ccs#1574: no `stream_options.include_usage` upstream, so Claude Code shows 0 tokens."""
    request = {
        "messages": {
            "model": "gpt-4o",
            "max_tokens": 1024,
            "stream": True,
            "messages": [{"role": "user", "content": "Hi"}],
        },
        "responses": {"model": "gpt-4o", "stream": True, "input": "Hi"},
    }[client]
    bridge = kw.Bridge(client=client, upstream="chat")
    upstream_request = bridge.request(request).body
    assert upstream_request["stream_options"] == {"include_usage": True}
    upstream = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hello."}),
        chunk({}, "stop"),
        sse(None, {**CHAT_HEAD, "choices": [], "usage": CHAT_USAGE}),
    )
    t = bridge.stream()
    out = t.feed(upstream) + t.close()
    usage = aggregate(out, client)["usage"]
    if client == "messages":
        assert (usage["input_tokens"], usage["cache_read_input_tokens"], usage["output_tokens"]) == (
            40,
            10,
            87,
        )
        assert sdk_message(out)["usage"]["input_tokens"] == 40
    else:
        assert (usage["input_tokens"], usage["output_tokens"], usage["total_tokens"]) == (50, 87, 137)


def test_bug24_chat_client_gets_the_usage_chunk_it_asked_for() -> None:
    """24. kaitranntt/ccs#1574 (the Chat side): a Chat client that asked for
    ``stream_options.include_usage`` gets the usage chunk (``choices: []``) before ``[DONE]``; one
    that did not ask gets none (WIRE.md §1.8)."""
    upstream = (
        am_start({"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 1})
        + am_block(0, {"type": "text", "text": ""}, text_delta("Hello."))
        + am_end()
    ).encode()
    asked = {
        "model": "gpt-4o",
        "stream": True,
        "stream_options": {"include_usage": True},
        "messages": [{"role": "user", "content": "Hi"}],
    }
    out, _ = run(upstream, "messages", "chat", asked)
    usage_chunks = [d for _, d in frames(out) if isinstance(d, dict) and d.get("usage")]
    assert [c["choices"] for c in usage_chunks] == [[]]
    assert usage_chunks[0]["usage"]["prompt_tokens"] == 50
    assert usage_chunks[0]["usage"]["completion_tokens"] == 87
    assert frames(out)[-1][1] == "[DONE]"
    silent = {k: v for k, v in asked.items() if k != "stream_options"}
    out, _ = run(upstream, "messages", "chat", silent)
    assert not [d for _, d in frames(out) if isinstance(d, dict) and d.get("usage")]


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_usage_on_a_chunk_with_choices_is_taken(target: str) -> None:
    """24. kaitranntt/ccs#1574 and 26. getpaseo/paseo#4295 (usage must be taken wherever it arrives):
    several Chat providers put ``usage`` on the chunk that carries ``finish_reason`` (non-empty
    ``choices``), not on a separate ``choices: []`` chunk. It is still the answer's usage."""
    upstream = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hello."}, usage=None),
        chunk({}, "stop", usage=CHAT_USAGE),
    )
    out, _ = run(upstream, "chat", target)
    usage = aggregate(out, target)["usage"]
    if target == "messages":
        assert (usage["input_tokens"], usage["cache_read_input_tokens"], usage["output_tokens"]) == (
            40,
            10,
            87,
        )
    else:
        assert (usage["input_tokens"], usage["output_tokens"]) == (50, 87)


def test_bug25_message_start_input_tokens() -> None:
    """25. router-for-me/CLIProxyAPI#1700: `message_start.input_tokens=0` breaks Claude Code's context meter.

    An Anthropic upstream's input counts are known at ``message_start`` and must be there for the
    client. A Chat upstream says them only at the end: ``message_start`` then has zeros, reported as
    the ``input_tokens_deferred`` loss, and the real counts come in ``message_delta`` (cumulative),
    where the SDK's accumulator takes them."""
    anthropic_usage = {"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 1}
    upstream = (
        am_start(anthropic_usage) + am_block(0, {"type": "text", "text": ""}, text_delta("Hi")) + am_end()
    ).encode()
    from_chat = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hi"}),
        chunk({}, "stop"),
        sse(None, {**CHAT_HEAD, "choices": [], "usage": CHAT_USAGE}),
    )
    for source, stream in (("messages", upstream), ("chat", from_chat)):
        out, t = run(stream, source, "messages")
        start = frames(out)[0][1]["message"]["usage"]
        deferred = "input_tokens_deferred" in {loss.code for loss in t.losses}
        if source == "messages":
            assert (start["input_tokens"], start["cache_read_input_tokens"]) == (40, 10)
            assert not deferred
        else:
            assert start["input_tokens"] == 0 and deferred
        final = sdk_message(out)["usage"]
        assert (final["input_tokens"], final["cache_read_input_tokens"]) == (40, 10), source


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug26_usage_merged_per_field_across_message_start_and_message_delta(target: str) -> None:
    """26. getpaseo/paseo#4295: input usage arrives on `message_delta` (LiteLLM), so consumers must
    merge per field as the SDK `MessageStream` does.

    ``message_delta.usage`` counts are cumulative and overwrite; counts it leaves out keep their
    ``message_start`` value."""
    late = (
        am_start({"input_tokens": 0, "output_tokens": 1})
        + am_block(0, {"type": "text", "text": ""}, text_delta("Hi"))
        + am_end(usage={"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 87})
    ).encode()
    early = (
        am_start({"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 1})
        + am_block(0, {"type": "text", "text": ""}, text_delta("Hi"))
        + am_end(usage={"output_tokens": 87})
    ).encode()
    for upstream in (late, early):
        out, _ = run(upstream, "messages", target)
        usage = aggregate(out, target)["usage"]
        if target == "chat":
            assert (usage["prompt_tokens"], usage["prompt_tokens_details"]["cached_tokens"]) == (50, 10)
            assert usage["completion_tokens"] == 87
        else:
            assert (usage["input_tokens"], usage["input_tokens_details"]["cached_tokens"]) == (50, 10)
            assert usage["output_tokens"] == 87


@pytest.mark.parametrize("source", ["chat", "responses"])
def test_bug27_message_start_has_the_shape_the_sdk_needs(source: str) -> None:
    """27. SaladDay/cc-switch-cli#322: `message_start` lacked `content/stop_reason/stop_sequence`, so the
    official Anthropic SDK accumulator throws; usage was also 0."""
    if source == "chat":
        upstream = chat_stream(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Hi"}),
            chunk({}, "stop"),
            sse(None, {**CHAT_HEAD, "choices": [], "usage": CHAT_USAGE}),
        )
    else:
        upstream = rs_answer(*rs_text(0, "Hi"))
    out, _ = run(upstream, source, "messages")
    name, event = frames(out)[0]
    assert name == "message_start"
    message = event["message"]
    assert {k: message[k] for k in ("type", "role", "content", "stop_reason", "stop_sequence")} == {
        "type": "message",
        "role": "assistant",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
    }
    assert isinstance(message["id"], str) and isinstance(message["model"], str)
    assert {"input_tokens", "output_tokens"} <= set(message["usage"])
    final = sdk_message(out)  # the SDK's accumulator takes it, and ends with the real counts
    assert [block["text"] for block in final["content"]] == ["Hi"]
    assert (final["usage"]["input_tokens"], final["usage"]["output_tokens"]) == (40, 87)
    assert final["stop_reason"] == "end_turn"
