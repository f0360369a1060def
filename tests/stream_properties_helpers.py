"""Helpers shared by the stream property tests (``tests/test_stream_properties_*.py``): one transcoding
and its result, cutting a stream anywhere, a one-word answer per API, and what a client's stream must
look like at its end (its terminal event, or its error frame).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import kindo_wire as kw

Result = tuple[bytes, str | None, tuple[kw.Loss, ...]]


def transcode(chunks: Iterable[bytes], source: str, target: str, **options: Any) -> Result:
    """The client bytes, the upstream fault (if any) and the losses of one transcoding."""
    t = kw.StreamTranscoder(source=source, target=target, **options)
    out = b"".join(t.feed(chunk) for chunk in chunks) + t.close()
    return out, None if t.error is None else repr(t.error), t.losses


def cut(data: bytes, at: Iterable[int]) -> list[bytes]:
    bounds = [0, *sorted(at), len(data)]
    return [data[a:b] for a, b in pairwise(bounds)]


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
