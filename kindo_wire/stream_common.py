"""What every stream decoder and encoder shares: reading one event's JSON, and the sink that
hears nothing (aggregation and same-API pass-through only check the grammar)."""

from __future__ import annotations

from typing import Any

from . import ir
from ._fastjson import loads
from .errors import StreamError


def event_object(data: str, api: str) -> dict[str, Any]:
    """The JSON object an event carries; anything else is the upstream's fault.

    The three decoders parse inline on their hot path (``try: loads`` costs nothing extra when it
    succeeds, a call per event costs more than a small event's parse) and call this only when
    that gave no object, to raise the error that says what is wrong."""
    try:
        doc = loads(data)
    except (ValueError, RecursionError):
        raise StreamError(f"{api} stream: an event's data is not JSON: {data[:80]!r}") from None
    if not isinstance(doc, dict):
        raise StreamError(f"{api} stream: an event's data is not a JSON object: {data[:80]!r}")
    return doc


def need(value: Any, kind: type, what: str, api: str) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise StreamError(f"{api} stream: {what} must be {kind.__name__}, got {type(value).__name__}")
    return value


class NullSink:
    """A sink that ignores every IR stream event."""

    def start(self, header: ir.Header) -> None:
        pass

    def part_start(self, choice: int, key: int, part: ir.Part) -> None:
        pass

    def delta(self, choice: int, key: int, text: str) -> None:
        pass

    def deltas(self, choice: int, key: int, texts: list[str]) -> None:
        pass

    def part_end(self, choice: int, key: int, part: ir.Part) -> None:
        pass

    def keep_alive(self) -> None:
        pass

    def finish(self, response: ir.Response) -> None:
        pass

    def fail(self, error: ir.Error) -> None:
        pass


NULL_SINK = NullSink()


class RunReader:
    """What the Chat and Anthropic decoders' ``events`` loops share: a frame that is not a plain
    fragment (those are gathered inline, in a run) is read here, after the run so far goes on.
    Subclasses implement ``_run`` (pass a run on) and ``_event`` (read one event)."""

    sink: ir.StreamSink
    ended: bool

    def _run(self, texts: list[str]) -> None:
        raise NotImplementedError

    def _event(self, name: str | None, data: str) -> None:
        raise NotImplementedError

    def _other(self, run: list[str], name: str | None, data: str | None) -> bool:
        """The frame after ``run`` (a comment is the sink's keep-alive); True if it ended the stream."""
        if run:
            self._run(run)
        if data is None:
            self.sink.keep_alive()
            return False
        self._event(name, data)
        return self.ended


class Sequential:
    """One part at a time, for targets whose parts cannot overlap (Anthropic blocks, Responses items).

    The buffering rule: the first open part streams live; a part that starts while another is
    live is held (its start, fragments and end, in order) and replayed as one contiguous part as
    soon as every part before it has ended. Only the first answer (``choice`` 0) is streamed:
    these targets have one, and the finishing conversion reports the others.
    Subclasses implement ``_start``, ``_live`` (fragments of the live part, a run at a time) and
    ``_end``.
    """

    def __init__(self) -> None:
        self.live: int | None = None
        self.held: dict[int, list[tuple[str, Any]]] = {}

    def _start(self, key: int, part: ir.Part) -> None:
        raise NotImplementedError

    def _live(self, key: int, texts: list[str]) -> None:
        raise NotImplementedError

    def _end(self, key: int, part: ir.Part) -> None:
        raise NotImplementedError

    def part_start(self, choice: int, key: int, part: ir.Part) -> None:
        if choice != 0:
            return
        if self.live is None:
            self.live = key
            self._start(key, part)
        else:
            self.held[key] = [("start", part)]

    def delta(self, choice: int, key: int, text: str) -> None:
        self.deltas(choice, key, [text])

    def deltas(self, choice: int, key: int, texts: list[str]) -> None:
        if choice != 0:
            return
        if key == self.live:
            self._live(key, texts)
        else:
            self.held[key] += [("delta", text) for text in texts]

    def part_end(self, choice: int, key: int, part: ir.Part) -> None:
        if choice != 0:
            return
        if key != self.live:
            self.held[key].append(("end", part))
            return
        self._end(key, part)
        self.live = None
        while self.held and self.live is None:
            key = next(iter(self.held))
            self.live = key
            for kind, value in self.held.pop(key):
                if kind == "start":
                    self._start(key, value)
                elif kind == "delta":
                    self._live(key, [value])
                else:
                    self._end(key, value)
                    self.live = None
