"""Bytes of the SSE frames the stream encoders write (``event:`` + ``data:`` JSON, or ``data:`` only)."""

from __future__ import annotations

from typing import Any

from ._fastjson import dumps

KEEP_ALIVE_COMMENT = b": keep-alive\n\n"


def named(name: str, obj: Any) -> bytes:
    """``event: name`` and the JSON payload (Anthropic and Responses frames)."""
    return b"event: " + name.encode() + b"\ndata: " + dumps(obj) + b"\n\n"


def unnamed(obj: Any) -> bytes:
    """A ``data:``-only frame (Chat Completions chunks)."""
    return b"data: " + dumps(obj) + b"\n\n"


# A string no upstream text can make orjson write: where a template's fragment goes.
_HOLE = "\ue000kw-fragment\ue000"
_HOLE_JSON = dumps(_HOLE)


def template(frame: bytes) -> tuple[bytes, bytes]:
    """``frame`` (written with ``HOLE`` where a string goes) split around the hole: the frame for
    a string ``s`` is then ``prefix + dumps(s) + suffix``, byte for byte what dumping the whole
    object again would give, for the cost of dumping ``s`` alone (the hot path of a stream)."""
    prefix, hole, suffix = frame.partition(_HOLE_JSON)
    if not hole:  # pragma: no cover - a frame built without the hole is a bug
        raise ValueError("the frame has no hole")
    return prefix, suffix


HOLE = _HOLE
