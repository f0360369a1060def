"""Sans-I/O Server-Sent Events decoder: bytes in, events out.

Implements the event-stream interpretation of the WHATWG HTML standard
(https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):

* The stream is UTF-8, decoded incrementally so a code point may be split across ``feed`` calls;
  invalid sequences become U+FFFD, as the standard's "UTF-8 decode" does (``strict_utf8=True``
  raises ``StreamError`` instead). One leading U+FEFF (BOM) is dropped.
* Lines end with CRLF, LF or CR, and a CRLF may be split across two ``feed`` calls.
* An empty line dispatches the event; a line starting with ``:`` is a comment; ``field: value``
  strips one space after the colon; a line without a colon is a field with an empty value;
  ``data`` lines join with ``\\n``; ``id`` containing NUL is ignored and otherwise persists to
  later events; ``retry`` is honoured only when all ASCII digits; other fields are ignored.
* An event whose data buffer is empty is not dispatched, and at end of stream an event without
  its terminating blank line is discarded (``close()`` reports it in ``discarded_tail``).

Memory is bounded: a line or event longer than ``max_event_size`` characters raises
``StreamError``, so a peer that never sends a newline cannot grow the buffer without limit.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from itertools import chain
from typing import Generic, TypeVar

from ..errors import StreamError

DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024
"""16 MiB: well above the largest real event (a server-tool result block), far below harm."""

_BOM = "\ufeff"
# A run of events of the one shape Anthropic and OpenAI Responses send, ``event: N`` then
# ``data: X``, and each such event as a ``(N, X)`` pair: read by the regex engine, not line by line.
_NAMED_RUN = re.compile(r"(?:event: [^\n]+\ndata: [^\n]*\n\n)*").match
_NAMED_PAIRS = re.compile(r"event: ([^\n]+)\ndata: ([^\n]*)\n\n").findall
_PAIR_FRAMING = len("event: \ndata: \n\n")  # the characters of a matched event beside N and X


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event, or (``comment`` set, decoder built with ``keep_comments``) a comment line.

    ``event`` is None when the stream gave no ``event:`` field (Chat Completions never does);
    ``id`` is the stream's last event id at dispatch, as the standard defines it; ``retry`` is a
    reconnection time given inside this event's lines.
    """

    data: str = ""
    event: str | None = None
    id: str | None = None
    retry: int | None = None
    comment: str | None = None

    @property
    def is_comment(self) -> bool:
        return self.comment is not None


_new = object.__new__
_set = {name: ServerSentEvent.__dict__[name].__set__ for name in ("data", "event", "id", "retry", "comment")}
_set_data, _set_event, _set_id, _set_retry, _set_comment = _set.values()


E = TypeVar("E")


class _Decoder(Generic[E]):
    """The decoder, whatever it makes of an event (``_make``) or a comment (``_comment``).

    ``_pairs``: the events are ``(name, data)`` tuples, which the hot path builds inline.
    """

    _pairs = False

    def _make(self, data: str, event: str | None, id: str | None, retry: int | None) -> E:
        raise NotImplementedError

    def _comment(self, text: str) -> E | None:
        raise NotImplementedError

    def __init__(
        self,
        *,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        keep_comments: bool = False,
        strict_utf8: bool = False,
    ) -> None:
        if max_event_size < 1:
            raise ValueError("max_event_size must be positive")
        self.max_event_size = max_event_size
        self.keep_comments = keep_comments
        self._utf8 = codecs.getincrementaldecoder("utf-8")("strict" if strict_utf8 else "replace")
        self._started = False  # has any text been seen (for the BOM)
        self._skip_lf = False  # the last chunk ended in CR: a following LF belongs to it
        self._partial: list[str] = []  # pieces of the line not yet terminated
        self._partial_size = 0
        self._data: list[str] = []
        self._data_size = 0
        self._event: str | None = None
        self._retry: int | None = None
        self._fields_seen = False  # any field line since the last dispatch
        self._closed = False
        self.last_event_id: str | None = None
        self.retry: int | None = None  # the latest reconnection time the stream asked for
        self.discarded_tail = False  # close() found an event without its blank line

    def feed(self, data: bytes) -> list[E]:
        """Decode the next bytes of the stream; returns the events they complete (often none)."""
        if self._closed:
            raise StreamError("SSE decoder fed after close()")
        try:
            text = self._utf8.decode(data)
        except UnicodeDecodeError as exc:
            raise StreamError(f"SSE stream is not valid UTF-8: {exc.reason}") from None
        return self._feed_text(text)

    def close(self) -> list[E]:
        """End of stream. Completes nothing (an unterminated event is discarded, as the standard says);
        returns a list so callers can write ``decoder.feed(x) + decoder.close()``."""
        if self._closed:
            return []
        try:
            tail = self._utf8.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise StreamError(f"SSE stream ends inside a UTF-8 sequence: {exc.reason}") from None
        events = self._feed_text(tail) if tail else []
        self._closed = True
        self.discarded_tail = bool(self._partial or self._data or self._fields_seen)
        self._partial.clear()
        self._data.clear()
        return events

    # -- internals -----------------------------------------------------------------------------

    def _feed_text(self, text: str) -> list[E]:
        if not text:
            return []
        if not self._started:
            self._started = True
            if text[0] == _BOM:
                text = text[1:]
        if self._skip_lf:
            self._skip_lf = False
            if text[:1] == "\n":
                text = text[1:]
        if "\r" in text:
            # A CR ends a line; if it is the last character, an LF starting the next chunk
            # is the second half of a CRLF, not an empty line.
            self._skip_lf = text[-1] == "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\n" not in text:
            self._grow_partial(text)
            return []
        events: list[E] = []
        if self._partial or self._fields_seen:
            # finish the event in progress line by line, then take whole events at once
            cut = text.find("\n\n")
            if cut < 0:
                self._lines(text, events)
                return events
            self._lines(text[: cut + 2], events)
            text = text[cut + 2 :]
        self._blocks(text, events)
        return events

    def _blocks(self, text: str, events: list[E]) -> None:
        """Whole events (text begins at an event boundary): the common shapes, ``data: X`` and
        ``event: N`` + ``data: X``, are read without splitting lines; any other block (comments,
        ``id``/``retry``, several data lines) goes through ``_line`` as the standard reads it."""
        limit = self.max_event_size
        if self._pairs and len(text) <= limit:  # (then no event in it can be over the limit)
            # All whole events at once: the pairs found cover the text up to its last event end
            # only if they tile it (findall's matches do not overlap), so nothing was skipped.
            cut = text.rfind("\n\n") + 2
            found = _NAMED_PAIRS(text, 0, cut) if cut > 1 else []
            if found and _PAIR_FRAMING * len(found) + sum(map(len, chain.from_iterable(found))) == cut:
                events += found  # E is Frame here: (name, data) pairs
                text = text[cut:]
            else:
                run = _NAMED_RUN(text)  # (it matches always, if only the empty run)
                if run is not None and run.end():
                    events += _NAMED_PAIRS(text, 0, run.end())
                    text = text[run.end() :]
        blocks = text.split("\n\n")
        tail = blocks.pop()
        append, make, pairs = events.append, self._make, self._pairs
        last_id = self.last_event_id
        for block in blocks:
            if len(block) > limit:
                self._refuse()
            head, sep, data = block.partition("\ndata: ")
            if sep:  # "event: N" then "data: X", nothing else
                if len(head) > 7 and head[:7] == "event: " and "\n" not in head and "\n" not in data:
                    append((head[7:], data) if pairs else make(data, head[7:], last_id, None))  # type: ignore[arg-type]
                    continue
            elif head[:6] == "data: " and "\n" not in head:  # "data: X" alone
                append((None, head[6:]) if pairs else make(head[6:], None, last_id, None))  # type: ignore[arg-type]
                continue
            self._lines(block + "\n\n", events)
            last_id, pairs = self.last_event_id, self._pairs  # (an ``id`` may end PassDecoder's pairs)
        if tail:
            self._lines(tail, events)

    def _lines(self, text: str, events: list[E]) -> None:
        """Line by line: ``text`` holds at least one line end unless it is a partial line."""
        if "\n" not in text:
            self._grow_partial(text)
            return
        lines = text.split("\n")
        if self._partial:
            lines[0] = "".join(self._partial) + lines[0]
            self._partial.clear()
            self._partial_size = 0
        tail = lines.pop()
        for line in lines:
            self._line(line, events)
        self._grow_partial(tail)

    def _grow_partial(self, piece: str) -> None:
        if not piece:
            return
        self._partial.append(piece)
        self._partial_size += len(piece)
        if self._partial_size + self._data_size > self.max_event_size:
            self._refuse()

    def _refuse(self) -> None:
        self._closed = True
        raise StreamError(
            f"SSE event exceeds the {self.max_event_size}-character limit without ending; refusing it"
        )

    def _line(self, line: str, events: list[E]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line[0] == ":":
            if self.keep_comments:
                value = line[1:]
                comment = self._comment(value[1:] if value[:1] == " " else value)
                if comment is not None:
                    events.append(comment)
            return
        colon = line.find(":")
        if colon < 0:
            name, value = line, ""
        else:
            name, value = line[:colon], line[colon + 1 :]
            if value[:1] == " ":
                value = value[1:]
        self._fields_seen = True
        if name == "data":
            self._data.append(value)
            self._data_size += len(value) + 1
            if self._data_size > self.max_event_size:
                self._refuse()
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self.last_event_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = self.retry = int(value)
        # any other field name is ignored, as the standard says

    def _dispatch(self, events: list[E]) -> None:
        if self._data:
            events.append(
                self._make("\n".join(self._data), self._event or None, self.last_event_id, self._retry)
            )
            self._data.clear()
            self._data_size = 0
        self._event = None
        self._retry = None
        self._fields_seen = False


def _event(data: str, event: str | None, id: str | None, retry: int | None) -> ServerSentEvent:
    out = _new(ServerSentEvent)  # through the slots: the frozen __init__ costs more than decoding
    _set_data(out, data)
    _set_event(out, event)
    _set_id(out, id)
    _set_retry(out, retry)
    _set_comment(out, None)
    return out


class SSEDecoder(_Decoder[ServerSentEvent]):
    """Incremental decoder: ``feed(bytes) -> list[ServerSentEvent]``, then ``close()``."""

    _make = staticmethod(_event)  # (no method frame around it: it runs once per event)

    def _comment(self, text: str) -> ServerSentEvent | None:
        return ServerSentEvent(comment=text)


Frame = tuple[str | None, str | None]


class FrameDecoder(_Decoder[Frame]):
    """The same decoder, making ``(event name, data)`` of an event and ``(None, None)`` of a
    comment (with ``keep_comments``): for a reader that needs neither ``id`` nor ``retry``
    (a stream transcoder), at a fraction of an object's cost."""

    _pairs = True

    def _make(self, data: str, event: str | None, id: str | None, retry: int | None) -> Frame:
        return (event, data)

    def _comment(self, text: str) -> Frame | None:
        return (None, None)


Passed = Frame | ServerSentEvent


class PassDecoder(_Decoder[Passed]):
    """The same decoder, for a reader that passes each event on as it came (the same API on both
    sides of a stream transcoder): an event that ``(name, data)`` says all of (one data line, no
    ``id`` or ``retry`` in effect) is that pair, which ``encode_passed`` writes back with one
    format and no object; any other event, and a comment, is a ``ServerSentEvent``."""

    _pairs = True  # until the stream sets an id, which every later event then carries

    def _make(self, data: str, event: str | None, id: str | None, retry: int | None) -> Passed:
        if id is None and retry is None and "\n" not in data:
            return (event, data)
        return _event(data, event, id, retry)

    def _comment(self, text: str) -> ServerSentEvent | None:
        return ServerSentEvent(comment=text)

    def _line(self, line: str, events: list[Passed]) -> None:
        super()._line(line, events)
        if self.last_event_id is not None:
            self._pairs = False
