"""Server-Sent Events encoder: events back to the bytes an SSE client reads.

Each event is written as ``event:``/``id:``/``retry:``/``data:`` lines and a blank line, one
``data:`` line per line of the payload, which is exactly what ``SSEDecoder`` (and any WHATWG
client) turns back into the same event. A payload's lines may end with LF, CR or CRLF; they all
become separate ``data:`` lines, since SSE cannot carry a bare CR inside data.
"""

from __future__ import annotations

from collections.abc import Iterable

from .decoder import Passed, ServerSentEvent


def _check_single_line(name: str, value: str) -> None:
    if "\n" in value or "\r" in value:
        raise ValueError(f"SSE {name} cannot contain a line break: {value!r}")


def encode_event(
    data: str,
    event: str | None = None,
    *,
    id: str | None = None,
    retry: int | None = None,
) -> bytes:
    """The bytes of one event. The common case (one-line JSON data) takes a single format call."""
    head = ""
    if event is not None:
        _check_single_line("event", event)
        head = f"event: {event}\n"
    if id is not None:
        _check_single_line("id", id)
        if "\0" in id:
            raise ValueError("SSE id cannot contain NUL")
        head += f"id: {id}\n"
    if retry is not None:
        if retry < 0:
            raise ValueError("SSE retry must be a non-negative integer")
        head += f"retry: {retry}\n"
    if "\n" in data or "\r" in data:
        lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        body = "".join(f"data: {line}\n" for line in lines)
    else:
        body = f"data: {data}\n"
    return f"{head}{body}\n".encode()


def encode_comment(text: str = "") -> bytes:
    """A comment (keep-alive) block; multi-line text becomes one comment line per line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ("".join(f": {line}\n" if line else ":\n" for line in lines) + "\n").encode()


def encode(event: ServerSentEvent) -> bytes:
    """The bytes of a decoded ``ServerSentEvent`` (a comment when ``event.comment`` is set)."""
    if event.comment is not None:
        return encode_comment(event.comment)
    return encode_event(event.data, event.event, id=event.id, retry=event.retry)


def encode_all(events: Iterable[ServerSentEvent]) -> bytes:
    return b"".join(encode(e) for e in events)


def encode_passed(events: Iterable[Passed]) -> bytes:
    """The bytes of ``PassDecoder``'s events, as they came: a ``(name, data)`` pair (one data line,
    no id or retry) with one format, anything else as ``encode`` writes it."""
    return "".join(
        (f"data: {e[1]}\n\n" if e[0] is None else f"event: {e[0]}\ndata: {e[1]}\n\n")
        if type(e) is tuple
        else encode(e).decode()  # type: ignore[arg-type]
        for e in events
    ).encode()
