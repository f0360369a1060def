"""How a stream ends: one test per streaming bug of a peer gateway (PEERS.md §3, and the stream/non-stream
disagreements its §2 and §4.3 name), through the public stream API.

Each test hand-writes the upstream's SSE (WIRE.md §1.8, §2.9, §3.7 shapes), transcodes it with
``kw.StreamTranscoder`` and asserts what the client gets: the aggregated body (``kw.aggregate_stream``)
or the parsed frames. The writers and readers are in ``tests/stream_peers_helpers.py``.

Covered here: stop reasons and truncation (28-30, streamed, and any-llm's stream that loses
``max_tokens``, PEERS.md §2, §4.3), ``response.failed`` relabelled as success, and errors, including
mid-stream (36-38: upstream death, an empty stream, an upstream error event, an in-band error chunk).
"""

from __future__ import annotations

import pytest

import kindo_wire as kw
from tests.stream_peers_helpers import (
    APIS,
    CHAT_HEAD,
    aggregate,
    am,
    am_block,
    am_end,
    am_start,
    assert_error_ending,
    chat_stream,
    chunk,
    frames,
    names,
    rs_answer,
    rs_stream,
    rs_terminal,
    rs_text,
    run,
    sse,
    text_delta,
    visible_text,
)

# === E. Stop reasons and truncation =============================================================


def test_bug28_max_tokens_stream_ends_incomplete_for_responses() -> None:
    """28. router-for-me/CLIProxyAPI#5439: the Claude→Responses translator ignores `stop_reason` and
    always emits `response.completed`; `max_tokens` should become `incomplete` with `max_output_tokens`."""
    upstream = (
        am_start()
        + am_block(0, {"type": "text", "text": ""}, text_delta("The history of Paris"))
        + am_end("max_tokens")
    ).encode()
    out, _ = run(upstream, "messages", "responses")
    kinds = names(out)
    assert kinds[-1] == "response.incomplete" and "response.completed" not in kinds
    body = aggregate(out, "responses")
    assert body["status"] == "incomplete"
    assert body["incomplete_details"] == {"reason": "max_output_tokens"}


@pytest.mark.parametrize("stop", ["pause_turn", "model_context_window_exceeded", "refusal"])
@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug29_stop_reasons_without_a_counterpart_are_not_silent_when_streamed(
    stop: str, target: str
) -> None:
    """29. MAXeaglet/commandcode-proxy#38: `pause_turn`, `max_output_tokens`,
    `model_context_window_exceeded` and `*-error` become a "silent truncation".

    Streamed, each ends exactly as the non-streaming conversion ends it (a truncation stays a
    truncation), with the same losses reported."""
    upstream = (
        am_start() + am_block(0, {"type": "text", "text": ""}, text_delta("Partial answer")) + am_end(stop)
    ).encode()
    out, t = run(upstream, "messages", target)
    converted = kw.convert_response(aggregate(upstream, "messages"), source="messages", target=target)
    assert aggregate(out, target) == converted.body
    assert {loss.code for loss in converted.losses} <= {loss.code for loss in t.losses}
    if stop == "model_context_window_exceeded":  # output was cut off: the truncation value
        body = aggregate(out, target)
        if target == "chat":
            assert body["choices"][0]["finish_reason"] == "length"
        else:
            assert body["status"] == "incomplete"


@pytest.mark.parametrize("target", ["chat", "messages"])
def test_response_failed_is_not_relabelled_as_success(target: str) -> None:
    """29. MAXeaglet/commandcode-proxy#38 (`*-error` become a silent truncation) and PEERS.md §1
    (claude-code-router: `response.incomplete` and `response.failed` are not handled, so a failed
    response reads as `stop`/`end_turn`).

    A Responses upstream that streams some text and then ``response.failed``: a Chat or Anthropic
    client gets an error frame with the upstream's message, not a normal finish."""
    error = {"code": "server_error", "message": "The model failed to generate a response."}
    upstream = rs_answer(*rs_text(0, "Partial"), status="failed", error=error)
    out, _ = run(upstream, "responses", target)
    assert_error_ending(out, target, "The model failed to generate a response.")


@pytest.mark.parametrize(
    ("source", "target", "cut_off", "expected"),
    [
        ("chat", "messages", "length", "max_tokens"),
        ("messages", "chat", "max_tokens", "length"),
        ("responses", "chat", "max_output_tokens", "length"),
        ("responses", "messages", "max_output_tokens", "max_tokens"),
    ],
)
def test_bug30_cut_off_stream_is_not_a_clean_stop(
    source: str, target: str, cut_off: str, expected: str
) -> None:
    """30. BerriAI/litellm#25825: an upstream `finish_reason` that is always `stop` makes the Anthropic
    adapter report `end_turn` for cut-off output. (And any-llm, PEERS.md §2 / §4.3: its M→C stream
    always sends `stop` at `message_stop`, so `max_tokens` is lost.)"""
    if source == "chat":
        upstream = chat_stream(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "The history of Paris"}),
            chunk({}, "length"),
        )
    elif source == "messages":
        upstream = (
            am_start()
            + am_block(0, {"type": "text", "text": ""}, text_delta("The history of Paris"))
            + am_end("max_tokens")
        ).encode()
    else:
        text = rs_text(0, "The history of Paris")
        item = {**text[-1][1]["item"], "status": "incomplete"}
        upstream = rs_stream(*text, rs_terminal([item], "incomplete", incomplete_details={"reason": cut_off}))
    out, _ = run(upstream, source, target)
    body = aggregate(out, target)
    got = body["choices"][0]["finish_reason"] if target == "chat" else body["stop_reason"]
    assert got == expected
    assert visible_text(body, target) == "The history of Paris"


# === G. Errors, including mid-stream ============================================================


def truncated(source: str) -> bytes:
    """A stream that stops mid-answer: no terminal event, the connection just ends."""
    if source == "chat":
        return chat_stream(
            chunk({"role": "assistant", "content": ""}), chunk({"content": "The weather"}), done=False
        )
    if source == "messages":
        return (
            am_start()
            + am("content_block_start", index=0, content_block={"type": "text", "text": ""})
            + am("content_block_delta", index=0, delta=text_delta("The weather"))
        ).encode()
    return rs_stream(*rs_text(0, "The weather")[:3])


@pytest.mark.parametrize("source", APIS)
@pytest.mark.parametrize("target", APIS)
def test_bug36_upstream_death_ends_in_the_clients_error_frame(source: str, target: str) -> None:
    """36. dativo-io/talon#254: the terminal event on upstream death must match the API family
    (Anthropic `event: error`, Responses `response.failed`); Chat has no standard event, which is
    documented as a limitation. (Chat clients get an ``{"error": ...}`` chunk, then ``[DONE]``.)"""
    out, t = run(truncated(source), source, target)
    assert isinstance(t.error, kw.StreamError)
    assert_error_ending(out, target, "upstream stream error")
    if target == "responses":
        assert names(out)[-1] == "response.failed"
        assert "stream_broken" in {loss.code for loss in t.losses}


@pytest.mark.parametrize("source", APIS)
@pytest.mark.parametrize("target", APIS)
def test_silent_empty_stream_on_upstream_error(source: str, target: str) -> None:
    """36. dativo-io/talon#254 (the upstream dies before its first event) and 38 (an upstream error
    must not become an empty answer): an upstream that sends nothing, or only its error frame, gives
    the client an error frame, never an empty stream or an empty successful answer."""
    out, t = run(b"", source, target)
    assert out, "an empty upstream gave the client an empty stream"
    assert isinstance(t.error, kw.StreamError)
    assert_error_ending(out, target)
    error_only = {
        "chat": sse(
            None, {"error": {"message": "Overloaded", "type": "server_error", "param": None, "code": None}}
        ),
        "messages": am("error", error={"type": "overloaded_error", "message": "Overloaded"}),
        "responses": sse(
            "error",
            {
                "type": "error",
                "code": "server_error",
                "message": "Overloaded",
                "param": None,
                "sequence_number": 0,
            },
        ),
    }[source].encode()
    out, t = run(error_only, source, target)
    assert t.error is None  # the upstream's own error, not a broken stream
    assert_error_ending(out, target, "Overloaded", done=source != "chat")


@pytest.mark.parametrize("source", ["chat", "messages", "responses"])
def test_bug37_upstream_error_event_becomes_response_failed(source: str) -> None:
    """37. zyycn/codex-proxy-rs#90: an upstream `error` event was passed through, but Codex ignores
    unknown events; it must be translated to `response.failed`.

    Whatever the upstream's error frame (Chat in-band ``{"error"}``, Anthropic ``event: error``,
    Responses ``error``), a Responses client that saw ``response.created`` ends with
    ``response.failed`` carrying the upstream's message."""
    message = "Overloaded, try again"
    if source == "chat":
        upstream = chat_stream(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Par"}),
            sse(None, {"error": {"message": message, "type": "server_error"}}),
            done=False,
        )
    elif source == "messages":
        upstream = (
            am_start()
            + am("content_block_start", index=0, content_block={"type": "text", "text": ""})
            + am("content_block_delta", index=0, delta=text_delta("Par"))
            + am("error", error={"type": "overloaded_error", "message": message})
        ).encode()
    else:
        upstream = rs_stream(
            *rs_text(0, "Par")[:3], ("error", {"code": "server_error", "message": message, "param": None})
        )
    out, _ = run(upstream, source, "responses")
    kinds = names(out)
    assert kinds[-1] == "response.failed", kinds
    failed = frames(out)[-1][1]["response"]
    assert failed["status"] == "failed" and message in failed["error"]["message"]
    assert "response.completed" not in kinds


@pytest.mark.parametrize("target", APIS)
def test_bug38_in_band_error_chunk_is_not_trailing_usage(target: str) -> None:
    """38. diegosouzapw/OmniRoute#8210: an in-band OpenRouter `{"error":…}` chunk with no choices was
    treated as trailing usage, producing a false empty `response.completed`."""
    upstream = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "The weather in"}),
        sse(None, {**CHAT_HEAD, "choices": [], "error": {"message": "Provider returned error", "code": 502}}),
    )
    out, _ = run(upstream, "chat", target)
    assert_error_ending(out, target, "Provider returned error", done=target != "chat")
