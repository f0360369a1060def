"""Properties of the stream API (ARCHITECTURE.md §3, invariant 6), over broken upstream streams.

* robustness (6): arbitrary bytes and mutated valid streams never raise from the transcoder, the
  aggregator raises only ``kw.WireError``, and a broken upstream never gives the client a stream
  that looks complete: it ends in the client API's error frame.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kindo_wire as kw
from tests.stream_properties_helpers import (
    assert_well_formed,
    cut,
    ends_in_error_frame,
    looks_complete,
    transcode,
)
from tests.stream_strategies import APIS, encode, parse, streams

# -- robustness (invariant 6) ------------------------------------------------------------------------


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
        junk: st.SearchStrategy[Any] = (
            st.none() | st.integers() | st.text(max_size=3) | st.just([]) | st.just({})
        )
        events[i] = (name, {**data, key: draw(junk)})
    return encode(events)


@st.composite
def event_soup(draw: st.DrawFn, api: str) -> bytes:
    """Well-framed SSE events with the API's event names and arbitrary JSON payloads."""
    names_of: dict[str, list[str | None]] = {
        "chat": [None],
        "messages": ["message_start", "content_block_start", "content_block_delta", "message_delta", "error"],
        "responses": [
            "response.created",
            "response.output_item.added",
            "response.output_text.delta",
            "error",
        ],
    }
    names = names_of[api]
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
