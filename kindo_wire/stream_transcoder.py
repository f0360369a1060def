"""``StreamTranscoder``: SSE bytes of one API in, SSE bytes of another out, split anywhere.

    bytes -> SSEDecoder -> source events -> <api>.stream_decoder -> IR stream events (ir.stream)
          -> <api>.stream_encoder -> target events -> SSE bytes

Sans-I/O, as h11: ``feed(bytes) -> bytes`` and ``close() -> bytes``. Every stage keeps only what
it must: the open parts, the usage so far, and (for a Responses client, whose terminal event holds
the whole answer) the answer's text. The same API on both sides passes each event through
unchanged, still checked against the grammar.

The upstream is never allowed to leave the client with a stream that looks complete but is not:
bad framing, an event the grammar forbids, an oversized event, or an end without the terminal
event make the transcoder emit the client API's error frame (then its terminal frame) and record
why in ``error`` and as a ``stream_broken`` loss; nothing it feeds afterwards is read.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, Protocol

from . import ir
from ._fastjson import load_object
from .api import Api, as_api
from .chat.stream_decoder import ChatStreamDecoder
from .chat.stream_encoder import ChatStreamEncoder
from .convert import Body, client_names, for_client
from .errors import RequestError, StreamError, WireError
from .loss import Loss, LossError, LossLog, Severity
from .messages.stream_decoder import MessagesStreamDecoder
from .messages.stream_encoder import MessagesStreamEncoder
from .responses.stream_decoder import ResponsesStreamDecoder
from .responses.stream_encoder import ResponsesStreamEncoder
from .sse import DEFAULT_MAX_EVENT_SIZE, ServerSentEvent
from .sse.decoder import Frame, FrameDecoder, PassDecoder, Passed
from .sse.encoder import encode_passed
from .stream_common import NULL_SINK
from .stream_ignored import report_ignored


class Decoder(Protocol):
    """What a stream decoder offers (``<api>/stream_decoder.py``)."""

    ignored: dict[str, int]

    error: ir.Error | None

    @property
    def complete(self) -> bool: ...

    @property
    def finished(self) -> bool: ...

    def event(self, name: str | None, data: str) -> None: ...

    def events(self, frames: Iterable[Frame]) -> bool: ...

    def body(self) -> dict[str, Any]: ...


def new_decoder(api: Api, sink: ir.StreamSink | None = None, *, keep_text: bool = True) -> Decoder:
    """``api``'s stream decoder, telling ``sink`` (or no one) the IR events."""
    to = sink if sink is not None else NULL_SINK
    if api is Api.CHAT:
        return ChatStreamDecoder(to, keep_text=keep_text)
    if api is Api.MESSAGES:
        return MessagesStreamDecoder(to, keep_text=keep_text)
    return ResponsesStreamDecoder(to, keep_text=keep_text)


def new_encoder(api: Api, out: list[bytes], log: LossLog, request: dict[str, Any] | None) -> ir.StreamSink:
    """``api``'s stream encoder, writing frames to ``out`` and the answer's losses to ``log``."""
    if api is Api.CHAT:
        return ChatStreamEncoder(out, log, request)
    if api is Api.MESSAGES:
        return MessagesStreamEncoder(out, log, request)
    return ResponsesStreamEncoder(out, log, request)


_LOSSY = "strict: the upstream's answer cannot be translated without loss"


class _ForClient:
    """Passes IR events on with the client's view applied: its tool names and model id."""

    def __init__(
        self,
        inner: ir.StreamSink,
        client: dict[str, Any] | None,
        src: Api,
        dst: Api,
        finish: Callable[[ir.Response], None],
    ) -> None:
        self.inner = inner
        self._finish = finish
        # the per-fragment events go straight through: nothing of the client's view applies
        self.delta = inner.delta
        self.deltas = inner.deltas
        self.keep_alive = inner.keep_alive
        self.client, self.src, self.dst = client, src, dst
        self.names = client_names(client, src, dst) if client is not None else {}
        model = client.get("model") if client is not None else None
        self.model = model if isinstance(model, str) else None

    def _part(self, part: ir.Part) -> ir.Part:
        if isinstance(part, ir.ToolCall) and part.name in self.names:
            return replace(part, name=self.names[part.name])
        return part

    def start(self, header: ir.Header) -> None:
        self.inner.start(replace(header, model=self.model) if self.model is not None else header)

    def part_start(self, choice: int, key: int, part: ir.Part) -> None:
        self.inner.part_start(choice, key, self._part(part))

    def part_end(self, choice: int, key: int, part: ir.Part) -> None:
        self.inner.part_end(choice, key, self._part(part))

    def finish(self, response: ir.Response) -> None:
        if self.client is not None:  # (without a request there is nothing to restore or echo)
            response = for_client(response, self.client, self.src, self.dst)
        self._finish(response)

    def fail(self, error: ir.Error) -> None:
        self.inner.fail(error)


class StreamTranscoder:
    """Upstream SSE of ``source`` in, client SSE of ``target`` out (ARCHITECTURE.md §1).

    ``request`` is the client's request (in ``target``'s format): its model id is echoed, its tool
    names restored, a Responses client's request echoed in the response objects, and a Chat
    client's ``stream_options.include_usage`` decides the usage chunk. ``losses`` grows as the
    stream goes; the answer's own losses (what ``convert_response`` would report) arrive with the
    terminal event. ``strict=True``: an answer that would lose anything at DEGRADED or above ends
    in the client's error frame instead of its normal ending, and the ``feed``/``close`` call that
    found the loss raises ``LossError``; a following ``close()`` returns what was pending.
    """

    def __init__(
        self,
        *,
        source: Api | str,
        target: Api | str,
        request: Body | None = None,
        strict: bool = False,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    ) -> None:
        self.source, self.target = as_api(source), as_api(target)
        self.strict = strict
        self.error: WireError | None = None
        client = load_object(request, "client request") if request is not None else None
        self._out: list[bytes] = []
        self._log = LossLog()
        self._frames = FrameDecoder(max_event_size=max_event_size, keep_comments=True)
        self._events = PassDecoder(max_event_size=max_event_size, keep_comments=True)
        self._encoder = new_encoder(self.target, self._out, self._log, client)
        self._same = self.source is self.target
        self._sink = _ForClient(self._encoder, client, self.source, self.target, self._finish)
        keep_text = self.target is Api.RESPONSES  # its .done events and terminal object hold the text
        self._decoder = new_decoder(self.source, None if self._same else self._sink, keep_text=keep_text)
        self._over = False  # the stream ended (terminal event, error frame) or was cut off
        self._closed = False
        self._raised = 0  # losses already judged by strict

    def __repr__(self) -> str:
        return f"StreamTranscoder(source={self.source.value!r}, target={self.target.value!r})"

    @property
    def losses(self) -> tuple[Loss, ...]:
        return tuple(self._log.items)

    def feed(self, data: bytes) -> bytes:
        """Upstream bytes, split anywhere; returns the client bytes complete so far (maybe b"")."""
        if not self._over:
            try:
                if self._same:
                    self._pass(self._events.feed(data))
                else:
                    self._read(self._frames.feed(data))
            except WireError as exc:
                self._break(exc)
        return self._drain()

    def close(self) -> bytes:
        """End of the upstream: the rest, or the client's error frame if the stream was cut short."""
        if not self._closed:
            self._closed = True
            if not self._over:
                try:
                    if self._same:
                        self._pass(self._events.close())
                    else:
                        self._read(self._frames.close())
                    if not self._over and self._same and self._decoder.complete:
                        self._end_after_error()
                    elif not self._over:
                        raise StreamError(f"the {self.source.value} stream ended before its terminal event")
                except WireError as exc:
                    self._break(exc)
            into = f"the {self.target.value} stream"
            report_ignored(self._log, self._decoder.ignored, into=into, passed_through=self._same)
        return self._drain()

    def _read(self, frames: list[Frame]) -> None:
        """Upstream events through the decoder to the client's encoder; nothing after the end is
        read, however the bytes were split."""
        if self._decoder.events(frames):
            self._over = True

    def _pass(self, events: list[Passed]) -> None:
        """The same API on both sides: each event checked by the decoder, then passed on as it came.

        The events go to the decoder's ``events`` loop in one batch (plain text deltas are read
        there without a parse), from an iterator: what it did not consume when it stopped, at the
        end of the stream or at a bad event, tells how many events it checked, and only those are
        passed on, as when they went one by one."""
        if not events:
            return
        frames = iter([e if type(e) is tuple else _frame(e) for e in events])  # type: ignore[arg-type]
        try:
            ended = self._decoder.events(frames)
        except WireError:
            bad = len(events) - sum(1 for _ in frames) - 1
            self._out.append(encode_passed(events[:bad]))
            raise
        if not ended:
            self._out.append(encode_passed(events))
            return
        read = len(events) - sum(1 for _ in frames)
        self._out.append(encode_passed(events[:read]))
        self._over = self._decoder.finished
        self._pass_each(events[read:])

    def _pass_each(self, events: list[Passed]) -> None:
        """One event at a time, after the decoder's answer ended: a Chat error frame is followed by
        ``[DONE]``, which is passed on with whatever came between (the decoder ignores it)."""
        for event in events:
            if self._over:
                break
            name, data = event if type(event) is tuple else _frame(event)  # type: ignore[arg-type]
            if data is not None:
                self._decoder.event(name, data)
            self._out.append(encode_passed((event,)))
            self._over = self._decoder.finished

    def _end_after_error(self) -> None:
        """A passed-through upstream error frame the upstream did not follow with its terminal
        frame: the client gets it (``[DONE]``; ``response.failed``, which Codex waits for)."""
        self._over = True
        if isinstance(self._encoder, ChatStreamEncoder):
            self._encoder.after_error()
        elif isinstance(self._encoder, ResponsesStreamEncoder):
            assert isinstance(self._decoder, ResponsesStreamDecoder)
            self._encoder.resume(self._decoder.sequence, self._decoder.response_obj)
            error = self._decoder.error or ir.Error(kind="server", message="the response failed")
            self._encoder.after_error(error)

    def _finish(self, response: ir.Response) -> None:
        """The terminal frames; under ``strict``, an answer that loses anything ends in an error
        frame instead, so a strict client never sees a lossy answer presented as complete."""
        mark, known = len(self._out), len(self._log.items)
        self._encoder.finish(response)
        if self.strict and any(loss.severity >= Severity.DEGRADED for loss in self._log.items[known:]):
            del self._out[mark:]
            self._encoder.fail(ir.Error(kind="invalid_request", message=_LOSSY, status=400))

    def _break(self, exc: WireError) -> None:
        """The upstream broke the stream: the client gets its API's error frame."""
        self._over = True
        if isinstance(exc, RequestError):  # a codec's shape check: here the upstream sent the shape
            exc = StreamError(f"the {self.source.value} stream has a part that cannot be read: {exc}")
        self.error = exc
        self._log.semantic("", "stream_broken", exc.message)
        if self._same and isinstance(self._decoder, ResponsesStreamDecoder):
            assert isinstance(self._encoder, ResponsesStreamEncoder)
            self._encoder.resume(self._decoder.sequence, self._decoder.response_obj)
        self._encoder.fail(
            ir.Error(kind="server", message=f"upstream stream error: {exc.message}", status=502)
        )

    def _drain(self) -> bytes:
        out = b"".join(self._out)
        self._out.clear()
        if self.strict and len(self._log.items) > self._raised:
            new = self._log.items[self._raised :]
            self._raised = len(self._log.items)
            if any(loss.severity >= Severity.DEGRADED for loss in new):
                if not self._over:
                    self._over = True
                    self._encoder.fail(ir.Error(kind="invalid_request", message=_LOSSY, status=400))
                self._out.insert(0, out)
                raise LossError(self.losses)
        return out


def _frame(event: ServerSentEvent) -> Frame:
    """A passed event as the decoder reads it: ``(name, data)``, or ``(None, None)`` for a comment."""
    return (event.event, event.data) if event.comment is None else (None, None)


def transcode_stream(
    chunks: Iterable[bytes], *, source: Api | str, target: Api | str, request: Body | None = None
) -> Iterator[bytes]:
    """``StreamTranscoder`` over an iterable of upstream chunks: the client's chunks, none empty."""
    transcoder = StreamTranscoder(source=source, target=target, request=request)
    for chunk in chunks:
        out = transcoder.feed(chunk)
        if out:
            yield out
    tail = transcoder.close()
    if tail:
        yield tail


async def atranscode_stream(
    chunks: AsyncIterable[bytes], *, source: Api | str, target: Api | str, request: Body | None = None
) -> AsyncIterator[bytes]:
    """``transcode_stream`` for an async iterable (an httpx response's ``aiter_bytes()``)."""
    transcoder = StreamTranscoder(source=source, target=target, request=request)
    async for chunk in chunks:
        out = transcoder.feed(chunk)
        if out:
            yield out
    tail = transcoder.close()
    if tail:
        yield tail
