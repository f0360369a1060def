"""Properties of the stream API (ARCHITECTURE.md §3, invariants 4-6), over generated and recorded streams.

* split invariance (5): whole, byte by byte, or cut anywhere (inside UTF-8 code points too), the
  client gets the same bytes;
* streaming equals non-streaming (4): ``aggregate(transcode(s)) == convert_response(aggregate(s))``;
* replay round trip: ``aggregate(stream_response(body)) == body``;
* robustness (6): arbitrary bytes and mutated valid streams never raise from the transcoder, the
  aggregator raises only ``kw.WireError``, and a broken upstream never gives the client a stream
  that looks complete: it ends in the client API's error frame;
* memory: a long answer streams through in memory independent of its length, and an oversized
  event is refused without being buffered.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from collections.abc import Iterable, Iterator
from itertools import chain, pairwise, repeat
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire.mapping.reasoning_stash import unstash
from tests.stream_strategies import APIS, bodies, chat_message_defaults, encode, parse, streams
from tests.traffic import exchanges

PAIRS = [(source, target) for source in APIS for target in APIS]
Result = tuple[bytes, str | None, tuple[kw.Loss, ...]]


def transcode(chunks: Iterable[bytes], source: str, target: str, **options: Any) -> Result:
    """The client bytes, the upstream fault (if any) and the losses of one transcoding."""
    t = kw.StreamTranscoder(source=source, target=target, **options)
    out = b"".join(t.feed(chunk) for chunk in chunks) + t.close()
    return out, None if t.error is None else repr(t.error), t.losses


def cut(data: bytes, at: Iterable[int]) -> list[bytes]:
    bounds = [0, *sorted(at), len(data)]
    return [data[a:b] for a, b in pairwise(bounds)]


def call_ids(body: dict[str, Any]) -> list[str]:
    """The tool call ids of a Messages or Responses answer, in order."""
    blocks = body.get("content") or body.get("output") or []
    return [
        b.get("id") if b["type"] == "tool_use" else b["call_id"]
        for b in blocks
        if b["type"] in ("tool_use", "function_call")
    ]


def parsed_arguments(body: dict[str, Any], api: str) -> dict[str, Any]:
    """``body`` with tool-call arguments parsed: a stream passes argument text through unparsed,
    so ``{"a": 1}`` may arrive where the non-streaming conversion writes ``{"a":1}``."""
    body = json.loads(json.dumps(body))
    calls: list[dict[str, Any]] = []
    if api == "chat":
        for choice in body.get("choices", []):
            calls += [call["function"] for call in choice["message"].get("tool_calls") or []]
    elif api == "responses":
        calls = [item for item in body.get("output", []) if item.get("type") == "function_call"]
    for call in calls:
        call["arguments"] = json.loads(call["arguments"])
    return body


ONE_WORD: dict[str, dict[str, Any]] = {  # a one-word answer per API
    "chat": {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "x"},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
    },
    "messages": {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude",
        "content": [{"type": "text", "text": "x"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    },
    "responses": {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "gpt-4o",
        "usage": None,
        "output": [
            {
                "id": "msg_1",
                "type": "message",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": "x", "annotations": []}],
            }
        ],
    },
}


# -- split invariance (invariant 5) --------------------------------------------------------------------


@pytest.mark.parametrize("source", APIS)
@given(data=st.data())
def test_split_anywhere_gives_identical_output(source: str, data: st.DataObject) -> None:
    _, stream = data.draw(streams[source])
    inside = [i for i, byte in enumerate(stream) if 0x80 <= byte < 0xC0]  # UTF-8 continuation bytes
    points = st.integers(0, len(stream)) | (st.sampled_from(inside) if inside else st.nothing())
    at = data.draw(st.sets(points, max_size=12))
    for target in APIS:
        whole = transcode([stream], source, target)
        assert whole[1] is None, whole[1]
        assert transcode(cut(stream, at), source, target) == whole
        assert b"".join(kw.transcode_stream(cut(stream, at), source=source, target=target)) == whole[0]
        if len(stream) <= 4000:
            assert transcode((stream[i : i + 1] for i in range(len(stream))), source, target) == whole


@pytest.mark.parametrize("source", APIS)
def test_trailing_bytes_after_the_terminal_event_do_not_depend_on_the_split(source: str) -> None:
    """Whatever the upstream sends after its terminal event, the client gets the same bytes whether
    that tail arrives in the same ``feed`` as the terminal event or in the next one, and never an
    error frame after a terminal frame (a stream that ended stays ended)."""
    stream = kw.stream_response(ONE_WORD[source], api=source)
    tail = encode(parse(stream)[-1:])  # the terminal event once more
    for target in APIS:
        together = transcode([stream + tail], source, target)
        apart = transcode([stream, tail], source, target)
        assert together[0] == apart[0], target
        assert_well_formed(together[0], target)


# -- streaming equals non-streaming (invariant 4) --------------------------------------------------------


@pytest.mark.parametrize("source", APIS)
@given(data=st.data())
def test_streaming_equals_non_streaming(source: str, data: st.DataObject) -> None:
    _, stream = data.draw(streams[source])
    upstream = kw.aggregate_stream(stream, api=source)
    for target in APIS:
        out, error, losses = transcode([stream], source, target)
        assert error is None
        converted = kw.convert_response(upstream, source=source, target=target)
        got = kw.aggregate_stream(out, api=target)
        assert parsed_arguments(got, target) == parsed_arguments(converted.body, target)
        # the answer's own losses come with the terminal event: the stream reports at least those
        assert {loss.code for loss in converted.losses} <= {loss.code for loss in losses}


def test_chat_tool_calls_that_start_out_of_index_order_stream_in_the_order_they_began() -> None:
    """WIRE.md §1.8: clients must not assume ordering beyond ``index``. A Chat upstream that starts
    call 1 before call 0 aggregates to ``tool_calls`` in ``index`` order (as the openai SDK's
    accumulator lists them). A Messages or Responses client cannot wait to learn whether a lower
    index will still come, so its calls stream in the order they began (docs/STREAMING.md): the
    same calls, in another order than ``convert_response``'s, and the same in the stream's events
    and in its final object."""
    head = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o"}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> tuple[None, dict[str, Any]]:
        return None, {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    def start(index: int, name: str) -> dict[str, Any]:
        function = {"name": name, "arguments": ""}
        return {"index": index, "id": f"call_{index}", "type": "function", "function": function}

    stream = encode(
        [
            chunk({"role": "assistant", "content": None}),
            chunk({"tool_calls": [start(1, "second")]}),
            chunk({"tool_calls": [start(0, "first")]}),
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"a":1}'}}]}),
            chunk({"tool_calls": [{"index": 1, "function": {"arguments": '{"b":2}'}}]}),
            chunk({}, "tool_calls"),
            (None, "[DONE]"),
        ]
    )
    upstream = kw.aggregate_stream(stream, api="chat")
    assert [c["id"] for c in upstream["choices"][0]["message"]["tool_calls"]] == ["call_0", "call_1"]
    for target in ("messages", "responses"):
        out, error, _ = transcode([stream], "chat", target)
        assert error is None
        expected = kw.convert_response(upstream, source="chat", target=target).body
        got = call_ids(kw.aggregate_stream(out, api=target))
        assert got == ["call_1", "call_0"] == list(reversed(call_ids(expected)))


@pytest.mark.parametrize("target", APIS)
def test_responses_terminal_event_without_output_uses_the_streamed_items(target: str) -> None:
    """A Responses upstream whose terminal event comes with ``output: []`` (ResponsesStreamDecoder:
    "an upstream that sends it with an empty ``output`` gets the streamed items") gives every client
    the answer its streamed items make, as ``aggregate_stream`` reads it."""
    message = {**ONE_WORD["responses"]["output"][0]}
    message["content"] = [{"type": "output_text", "text": "Checking.", "annotations": []}]
    body = {
        **ONE_WORD["responses"],
        "output": [
            message,
            {
                "id": "fc_1",
                "type": "function_call",
                "status": "completed",
                "call_id": "call_1",
                "name": "get_weather",
                "arguments": '{"city":"Paris"}',
            },
        ],
    }
    stream = kw.stream_response(body, api="responses")
    events = parse(stream)
    events[-1][1]["response"]["output"] = []
    without = encode(events)
    assert kw.aggregate_stream(without, api="responses") == body
    out, error, _ = transcode([without], "responses", target)
    assert error is None, error
    expected = kw.aggregate_stream(transcode([stream], "responses", target)[0], api=target)
    assert kw.aggregate_stream(out, api=target) == expected


CUT_INPUT = '{"city": "Par'  # tool input cut off by max_tokens mid-JSON


def named(kind: str, **fields: Any) -> tuple[str, dict[str, Any]]:
    """An Anthropic or Responses event: its name is its ``type``."""
    return kind, {"type": kind, **fields}


def chat_chunk(delta: dict[str, Any], finish: str | None = None) -> tuple[None, dict[str, Any]]:
    head = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o"}
    return None, {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


@pytest.mark.parametrize("target", APIS)
def test_anthropic_tool_input_cut_off_mid_json_is_an_answer_not_a_broken_stream(target: str) -> None:
    """WIRE.md §2.9: with eager input streaming, tool input "may even be invalid JSON if max_tokens
    is hit". That is a legitimate Anthropic stream (MessagesStreamDecoder keeps "the text as it
    arrived, which encoders report as arguments that are not a JSON object"): it aggregates without a
    client-fault ``RequestError``, and every client gets the cut-off call and a truncation, not an
    upstream-error frame."""
    message = parse(kw.stream_response(ONE_WORD["messages"], api="messages"))[0][1]["message"]
    tool = {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}
    stream = encode(
        [
            named("message_start", message=message),
            named("content_block_start", index=0, content_block=tool),
            named(
                "content_block_delta", index=0, delta={"type": "input_json_delta", "partial_json": CUT_INPUT}
            ),
            named("content_block_stop", index=0),
            named("message_delta", delta={"stop_reason": "max_tokens"}, usage={"output_tokens": 9}),
            named("message_stop"),
        ]
    )
    try:
        kw.aggregate_stream(stream, api="messages")
    except kw.WireError as exc:
        assert isinstance(exc, kw.StreamError), f"a valid upstream stream read as a client error: {exc!r}"
    out, error, _ = transcode([stream], "messages", target)
    assert error is None, error
    body = kw.aggregate_stream(out, api=target)
    if target == "chat":
        assert body["choices"][0]["finish_reason"] == "length"
        assert body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] == CUT_INPUT
    elif target == "messages":
        assert body["stop_reason"] == "max_tokens"
    else:
        assert body["status"] == "incomplete"


def test_chat_arguments_cut_off_mid_json_give_a_readable_anthropic_stream() -> None:
    """The other direction: a Chat upstream cut off by ``length`` mid-arguments. The Anthropic client's
    stream must be one ``kw.aggregate_stream`` (and so an Anthropic client) can read back, ending in
    ``max_tokens``, with the not-an-object arguments reported as the non-streaming conversion does."""
    call = {
        "index": 0,
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": ""},
    }
    stream = encode(
        [
            chat_chunk({"role": "assistant"}),
            chat_chunk({"tool_calls": [call]}),
            chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": CUT_INPUT}}]}),
            chat_chunk({}, "length"),
            (None, "[DONE]"),
        ]
    )
    out, error, losses = transcode([stream], "chat", "messages")
    assert error is None
    assert "tool_arguments_not_object" in {loss.code for loss in losses}
    body = kw.aggregate_stream(out, api="messages")
    assert body["stop_reason"] == "max_tokens"
    assert [block["type"] for block in body["content"]] == ["tool_use"]


def test_responses_pass_through_error_frame_keeps_sequence_numbers_consecutive() -> None:
    """Responses to Responses passes events through; when the upstream breaks the grammar, the
    client's ``error`` and ``response.failed`` continue its ``sequence_number`` right after the last
    event the client received (WIRE.md §3.7: "increasing by 1")."""
    shell = {"id": "resp_1", "object": "response", "created_at": 1, "status": "in_progress", "output": []}
    item = {"type": "message", "id": "msg_1", "status": "in_progress", "role": "assistant", "content": []}
    events = [
        named("response.created", sequence_number=0, response=shell),
        named("response.output_item.added", sequence_number=1, output_index=0, item=item),
        # a second item while the first is open: the grammar forbids it
        named("response.output_item.added", sequence_number=2, output_index=1, item=item),
    ]
    out, error, _ = transcode([encode(events)], "responses", "responses")
    assert error is not None
    numbers = [json.loads(data)["sequence_number"] for _, data in frames(out)]
    assert numbers == list(range(len(numbers))), numbers
    assert_well_formed(out, "responses")


def _same_reasoning(body: Any) -> Any:
    """``body`` with stashed Responses reasoning items compared without ``encrypted_content``.

    OpenAI issues a fresh ``encrypted_content`` in ``response.completed`` for the item already sent
    in ``output_item.done`` (seen in every recorded reasoning stream). A streaming client gets the
    item when ``output_item.done`` arrives, long before the terminal event, so it carries the
    earlier token; both are the upstream's own, neither is forged.
    """
    if isinstance(body, dict):
        return {k: _same_reasoning(v) for k, v in body.items()}
    if isinstance(body, list):
        return [_same_reasoning(v) for v in body]
    found = unstash(body)
    if found is not None:
        origin, raw = found
        return ("stash", origin.value, {k: v for k, v in raw.items() if k != "encrypted_content"})
    return body


RECORDED = [e for e in exchanges() if e.stream is not None]


@pytest.mark.parametrize("exchange", RECORDED, ids=[e.name for e in RECORDED])
def test_recorded_streams(exchange: Any) -> None:
    """Real upstream streams: split invariance and streaming = non-streaming, with and without the
    client's request (for the same API, the recorded request is the client's)."""
    stream = exchange.stream.encode("utf-8")
    try:
        upstream: dict[str, Any] | None = kw.aggregate_stream(stream, api=exchange.api)
    except kw.StreamError:
        upstream = None  # a recorded upstream error: the client must get an error frame
    for target in APIS:
        for request in (None, exchange.request) if target == exchange.api else (None,):
            whole = transcode([stream], exchange.api, target, request=request)
            assert (
                transcode(cut(stream, range(7, len(stream), 7)), exchange.api, target, request=request)
                == whole
            )
            out, error, losses = whole
            assert error is None
            if upstream is None:
                assert ends_in_error_frame(out, target, done=False)
                continue
            expected = kw.convert_response(upstream, source=exchange.api, target=target, request=request).body
            if "citations_not_streamed" in {loss.code for loss in losses}:
                # a Chat chunk has no annotations the SDK's accumulator reads: the stream drops them
                # and reports it (the one reported difference from the non-streaming answer)
                for choice in expected["choices"]:
                    choice["message"]["annotations"] = []
            got = kw.aggregate_stream(out, api=target)
            assert _same_reasoning(parsed_arguments(got, target)) == _same_reasoning(
                parsed_arguments(expected, target)
            )


# -- replay round trip -----------------------------------------------------------------------------


def standard_keys(body: dict[str, Any], api: str) -> dict[str, Any]:
    """What the aggregate spells out that a body may leave implicit: a Chat message's ``content``,
    ``refusal`` (null) and ``annotations`` ([]) and a choice's ``logprobs`` (null), as OpenAI's own
    non-streaming ``ChatCompletion`` always has them (WIRE.md §1.7). Other APIs: unchanged."""
    if api != "chat":
        return body
    body = chat_message_defaults(body)
    for choice in body["choices"]:
        choice.setdefault("logprobs", None)
    return body


@pytest.mark.parametrize("api", APIS)
@given(data=st.data())
def test_replay_round_trip(api: str, data: st.DataObject) -> None:
    body = data.draw(bodies[api])
    assert kw.aggregate_stream(kw.stream_response(body, api=api), api=api) == standard_keys(body, api)
    # and the re-chunked streams the other properties use add up to their body too
    body, stream = data.draw(streams[api])
    assert kw.aggregate_stream(stream, api=api) == standard_keys(body, api)


RECORDED_BODIES = [e for e in exchanges() if e.status == 200 and e.response is not None]


@pytest.mark.parametrize("exchange", RECORDED_BODIES, ids=[e.name for e in RECORDED_BODIES])
def test_replay_round_trip_on_recorded_bodies(exchange: Any) -> None:
    replayed = kw.stream_response(exchange.response, api=exchange.api)
    assert kw.aggregate_stream(replayed, api=exchange.api) == standard_keys(exchange.response, exchange.api)


# -- robustness (invariant 6) ------------------------------------------------------------------------


def frames(out: bytes) -> list[tuple[str | None, str]]:
    decoder = kw.sse.SSEDecoder()
    return [(e.event, e.data) for e in decoder.feed(out) + decoder.close()]


def ends_in_error_frame(out: bytes, target: str, *, done: bool = True) -> bool:
    """Chat: an ``{"error": ...}`` chunk, then ``[DONE]`` (``done=False``: the ``[DONE]`` may be missing,
    as an upstream's own error frame passed through to a Chat client has none, WIRE.md §1.8);
    Messages: ``event: error``; Responses: ``error``, then if a response was announced (after the
    items still open are closed) ``response.failed`` (WIRE.md §2.9, §3.7)."""
    found = frames(out)
    names = [name for name, _ in found]
    if target == "chat":
        if found and found[-1][1] == "[DONE]":
            found = found[:-1]
        elif done:
            return False
        return bool(found) and found[-1][1] != "[DONE]" and "error" in json.loads(found[-1][1])
    if target == "messages":
        return bool(found) and names[-1] == "error" and json.loads(found[-1][1])["type"] == "error"
    if "error" not in names:
        return False
    if names[-1] == "error":
        return True
    return names[-1] == "response.failed" and json.loads(found[-1][1])["response"]["status"] == "failed"


def looks_complete(out: bytes, target: str) -> bool:
    """Whether a client reading ``out`` would take it for a whole answer."""
    try:
        body = kw.aggregate_stream(out, api=target)
    except kw.WireError:  # (only a StreamError is right: test_broken_upstream_gives_a_well_formed_...)
        return False
    return not (target == "responses" and body.get("status") == "failed")


def assert_well_formed(out: bytes, target: str) -> None:
    """``out`` follows the client API's grammar to its end: its terminal event, or its error frame.
    (``aggregate_stream`` names an error frame "ended in an error"; anything else it raises for is a
    grammar violation: an event after the terminal one, a ``sequence_number`` gap...)"""
    try:
        kw.aggregate_stream(out, api=target)
    except kw.StreamError as exc:
        assert "ended in an error" in exc.message, (exc.message, out[-600:])
    if target == "responses":
        for name, data in frames(out):
            if name == "response.failed":
                output = json.loads(data)["response"]["output"]
                assert all(isinstance(item, dict) and "type" in item for item in output), output


@st.composite
def mutated(draw: st.DrawFn, api: str) -> bytes:
    """A valid stream with one fault: an event dropped, repeated or moved, a field given another
    type, the bytes cut short, or a few bytes overwritten."""
    _, stream = draw(streams[api])
    events = parse(stream)
    fault = draw(st.sampled_from(["drop", "repeat", "swap", "retype", "truncate", "corrupt"]))
    if fault == "truncate":
        return stream[: draw(st.integers(0, len(stream) - 1))]
    if fault == "corrupt":
        at = draw(st.integers(0, len(stream) - 1))
        return stream[:at] + draw(st.binary(min_size=1, max_size=3)) + stream[at + 1 :]
    i, j = draw(st.integers(0, len(events) - 1)), draw(st.integers(0, len(events) - 1))
    if fault == "drop":
        del events[i]
    elif fault == "repeat":
        events.insert(i, events[i])
    elif fault == "swap":
        events[i], events[j] = events[j], events[i]
    elif isinstance(events[i][1], dict) and events[i][1]:
        name, data = events[i]
        key = draw(st.sampled_from(sorted(data)))
        junk = st.none() | st.integers() | st.text(max_size=3) | st.just([]) | st.just({})
        events[i] = (name, {**data, key: draw(junk)})
    return encode(events)


@st.composite
def event_soup(draw: st.DrawFn, api: str) -> bytes:
    """Well-framed SSE events with the API's event names and arbitrary JSON payloads."""
    names = {
        "chat": [None],
        "messages": ["message_start", "content_block_start", "content_block_delta", "message_delta", "error"],
        "responses": [
            "response.created",
            "response.output_item.added",
            "response.output_text.delta",
            "error",
        ],
    }[api]
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-2, 2) | st.text(max_size=4),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
        max_leaves=8,
    )
    keys = st.sampled_from(
        ["type", "index", "delta", "choices", "message", "response", "sequence_number", "x"]
    )
    payloads = st.dictionaries(keys, json_values, max_size=4) | st.just("[DONE]")
    return encode(draw(st.lists(st.tuples(st.sampled_from(names), payloads), max_size=6)))


def upstreams(api: str) -> st.SearchStrategy[bytes]:
    return mutated(api) | event_soup(api) | st.binary(max_size=400)


@pytest.mark.parametrize("source", APIS)
@settings(report_multiple_bugs=False)  # one shrunk failure per run: CI stays short
@given(data=st.data())
def test_broken_upstream_never_raises_and_ends_in_the_clients_error_frame(
    source: str, data: st.DataObject
) -> None:
    upstream = data.draw(upstreams(source))
    try:
        kw.aggregate_stream(upstream, api=source)
        complete = True
    except kw.WireError:
        complete = False
    for target in APIS:
        out, error, _ = transcode([upstream], source, target)  # never raises
        if error is not None:
            assert ends_in_error_frame(out, target), (error, out[-600:])
        if not complete:
            assert ends_in_error_frame(out, target, done=False), (error, out[-600:])
        if error is not None or not complete:
            # a broken or failed upstream never reaches the client as a complete-looking answer
            assert not looks_complete(out, target), (error, out[-600:])


@pytest.mark.parametrize("source", APIS)
@settings(report_multiple_bugs=False)  # one shrunk failure per run: CI stays short
@given(data=st.data())
def test_broken_upstream_gives_a_well_formed_client_stream(source: str, data: st.DataObject) -> None:
    upstream = data.draw(upstreams(source))
    for target in APIS:
        out, _, _ = transcode([upstream], source, target)
        assert_well_formed(out, target)


@pytest.mark.parametrize("source", APIS)
@settings(report_multiple_bugs=False)  # one shrunk failure per run: CI stays short
@given(data=st.data())
def test_broken_upstream_split_anywhere_gives_identical_output(source: str, data: st.DataObject) -> None:
    upstream = data.draw(upstreams(source))
    at = data.draw(st.sets(st.integers(0, len(upstream)), max_size=4))
    for target in APIS:
        assert transcode(cut(upstream, at), source, target) == transcode([upstream], source, target)


# -- memory ------------------------------------------------------------------------------------------

# The long-stream test's size: KW_STREAM_MEMORY_BYTES=1073741824 runs the 1 GB version (about 10 s
# per pair on a laptop); the default keeps CI fast and still 16 times the baseline's 8 MB.
LONG_STREAM_BYTES = int(os.environ.get("KW_STREAM_MEMORY_BYTES", str(128 * 2**20)))
MB = 2**20

TEXT = "Streaming keeps nothing it need not: héllo wörld, 漢字, 🦀. " * 300  # ~19 kB, 1-4 byte characters


def _event(api: str, payload: dict[str, Any]) -> bytes:
    if api == "chat":
        return encode([(None, payload)])
    return encode([(payload["type"], payload)])


def long_stream(api: str, size: int) -> Iterator[bytes]:
    """A valid ``api`` stream of one text answer about ``size`` bytes long, made lazily: the same two
    chunks again and again, cut off-event so every ``feed`` splits an event (and code points). The
    chunks are built here, before the caller starts measuring: only the transcoder is measured."""
    if api == "messages":
        start = {
            "type": "message",
            "role": "assistant",
            "model": "claude",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "id": "msg_1",
            "usage": {"input_tokens": 5, "output_tokens": 1},
        }
        head = _event(api, {"type": "message_start", "message": start}) + _event(
            api, {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
        )
        delta = _event(
            api, {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": TEXT}}
        )
        tail = b"".join(
            _event(api, event)
            for event in (
                {"type": "content_block_stop", "index": 0},
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": 9},
                },
                {"type": "message_stop"},
            )
        )
    else:
        base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o"}

        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            return _event(api, {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

        head = chunk({"role": "assistant", "content": ""})
        delta = chunk({"content": TEXT})
        tail = chunk({}, "stop") + b"data: [DONE]\n\n"
    block = delta * 50
    first, second = block[: len(block) // 3 + 7], block[len(block) // 3 + 7 :]
    middle = chain.from_iterable(repeat((first, second), max(1, size // len(block))))
    return chain([head], middle, [tail])


def peak_while(chunks: Iterable[bytes], source: str, target: str, **options: Any) -> tuple[int, int, float]:
    """Peak traced memory, client bytes and seconds of one transcoding (its output is discarded)."""
    tracemalloc.start()
    began = time.perf_counter()
    try:
        t = kw.StreamTranscoder(source=source, target=target, **options)
        sent = sum(len(t.feed(chunk)) for chunk in chunks) + len(t.close())
        assert t.error is None, t.error
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, sent, time.perf_counter() - began


@pytest.mark.parametrize("source", ["chat", "messages"])
@pytest.mark.parametrize("target", ["chat", "messages"])
def test_memory_does_not_grow_with_the_answer(source: str, target: str) -> None:
    """Chat and Messages clients get deltas only, so the transcoder holds the open parts, never the
    answer: peak memory for ``LONG_STREAM_BYTES`` is that of 8 MB. (A Responses client is different
    by protocol: its ``.done`` events and terminal ``response.completed`` carry the whole text, so
    that encoder must keep it; likewise a Responses upstream's terminal event is one event holding
    the whole answer, bounded by ``max_event_size``.)"""
    small, _, _ = peak_while(long_stream(source, 8 * MB), source, target)
    large, sent, seconds = peak_while(long_stream(source, LONG_STREAM_BYTES), source, target)
    peaks = f"peak {small / MB:.2f} MB (8 MB answer), {large / MB:.2f} MB ({sent / MB:.0f} MB answer)"
    print(f"{source}->{target}: {peaks}, {seconds:.1f} s")
    assert sent >= LONG_STREAM_BYTES * 0.9
    assert large < 2 * small + MB


def oversized(api: str, size: int) -> Iterator[bytes]:
    """A valid ``api`` stream opening a text answer, then one ``size``-byte delta event, made lazily."""
    before = {
        "chat": b'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",'
        b'"choices":[{"index":0,"delta":{"content":"',
        "messages": b'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,'
        b'"delta":{"type":"text_delta","text":"',
        "responses": b'event: response.output_text.delta\ndata: {"type":"response.output_text.delta",'
        b'"item_id":"msg_1","output_index":0,"content_index":0,"delta":"',
    }[api]
    events = parse(kw.stream_response(ONE_WORD[api], api=api))
    opening = {"chat": 1, "messages": 2, "responses": 4}[api]  # up to the open text part
    yield encode(events[:opening])
    yield before
    piece = "漢字🦀 ".encode() * 4096
    for _ in range(size // len(piece)):
        yield piece
    yield b'"}}\n\n'


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_oversized_event_is_refused_without_buffering_it(source: str, target: str) -> None:
    limit = MB
    tracemalloc.start()
    try:
        t = kw.StreamTranscoder(source=source, target=target, max_event_size=limit)
        out = b"".join(t.feed(chunk) for chunk in oversized(source, 16 * MB)) + t.close()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(t.error, kw.StreamError)
    assert "limit" in t.error.message
    assert ends_in_error_frame(out, target)
    assert not looks_complete(out, target)
    assert_well_formed(out, target)
    # at most the limit's worth of characters (4 bytes each as str, at worst) and one chunk
    assert peak < 4 * limit + 2 * MB, peak
