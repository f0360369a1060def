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
