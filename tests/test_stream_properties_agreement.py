"""Properties of the stream API (ARCHITECTURE.md §3, invariants 4 and 5), over generated and recorded
streams: the client's stream agrees with itself and with the non-streaming answer.

* split invariance (5): whole, byte by byte, or cut anywhere (inside UTF-8 code points too), the
  client gets the same bytes;
* streaming equals non-streaming (4): ``aggregate(transcode(s)) == convert_response(aggregate(s))``.

The replay round trip, robustness and memory properties are in ``test_stream_properties_replay.py``,
``test_stream_properties_robustness.py`` and ``test_stream_properties_memory.py``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire.mapping.reasoning_stash import unstash
from tests.stream_properties_helpers import (
    ONE_WORD,
    assert_well_formed,
    cut,
    ends_in_error_frame,
    frames,
    transcode,
)
from tests.stream_strategies import APIS, encode, parse, streams
from tests.traffic import exchanges


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
    events: list[tuple[str | None, Any]] = [
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
