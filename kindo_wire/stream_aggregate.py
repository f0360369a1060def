"""``aggregate_stream``: an SSE stream of one API as that API's non-streaming response body."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import ir
from .api import Api, as_api
from .errors import RequestError, StreamError
from .loss import LossLog
from .sse import DEFAULT_MAX_EVENT_SIZE, SSEDecoder
from .stream_common import NullSink
from .stream_ignored import report_ignored
from .stream_transcoder import Decoder, new_decoder


class _Failure(NullSink):
    def __init__(self) -> None:
        self.error: ir.Error | None = None

    def fail(self, error: ir.Error) -> None:
        self.error = error


def aggregate_stream(
    data: bytes | Iterable[bytes], *, api: Api | str, max_event_size: int = DEFAULT_MAX_EVENT_SIZE
) -> dict[str, Any]:
    """The body a non-streaming call would have returned, from the stream's bytes.

    A stream that ends without its terminal event, or in an error frame, is a ``StreamError``
    (with the upstream's message), except a Responses ``response.failed``, which is a response
    (``status: "failed"``) and is returned as one.
    """
    return aggregate_reporting(data, api=api, log=LossLog(), max_event_size=max_event_size)


def aggregate_reporting(
    data: bytes | Iterable[bytes],
    *,
    api: Api | str,
    log: LossLog,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
) -> dict[str, Any]:
    """``aggregate_stream``, with what the body has no place for put into ``log`` (as the
    transcoder reports it): unknown events and deltas, fields of the events themselves, fields
    only a superseded Responses snapshot had."""
    kind = as_api(api)
    failure = _Failure()
    decoder = new_decoder(kind, failure, keep_text=True)
    sse = SSEDecoder(max_event_size=max_event_size)
    try:
        _read(decoder, sse, [bytes(data)] if isinstance(data, (bytes, bytearray, memoryview)) else data)
    except RequestError as exc:  # a codec's shape check: here the upstream sent the shape
        raise StreamError(f"the {kind.value} stream has a part that cannot be read: {exc}") from exc
    report_ignored(log, decoder.ignored, into="the aggregated body", passed_through=False)
    if failure.error is not None:
        body = decoder.body()
        if kind is Api.RESPONSES and body.get("status") == "failed":
            return body
        raise StreamError(f"the {kind.value} stream ended in an error: {failure.error.message}")
    if not decoder.complete:
        raise StreamError(f"the {kind.value} stream ended before its terminal event")
    return decoder.body()


def _read(decoder: Decoder, sse: SSEDecoder, chunks: Iterable[bytes]) -> None:
    """Every event to ``decoder`` until the stream's end (nothing after it is read)."""
    for chunk in chunks:
        for event in sse.feed(bytes(chunk)):
            if decoder.finished:
                break  # nothing after the end is read (as StreamTranscoder)
            decoder.event(event.event, event.data)
        if decoder.finished:
            break
    else:
        for event in sse.close():
            if not decoder.finished:
                decoder.event(event.event, event.data)
