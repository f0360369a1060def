"""Properties of the stream API (ARCHITECTURE.md §3): memory and limits.

* memory: a long answer streams through in memory independent of its length, and an oversized
  event is refused without being buffered.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Iterable, Iterator
from itertools import chain, repeat
from typing import Any

import pytest

import kindo_wire as kw
from tests.stream_properties_helpers import (
    ONE_WORD,
    assert_well_formed,
    ends_in_error_frame,
    looks_complete,
)
from tests.stream_strategies import APIS, encode, parse

PAIRS = [(source, target) for source in APIS for target in APIS]

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
        start: dict[str, Any] = {
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
