"""JSON bytes in and out for the conversion paths.

pydantic-core (the one runtime dependency) reads and writes JSON; when orjson is installed (the
``kindo-wire[fast]`` extra) it is used instead, being about twice as fast on long strings.
Both produce compact UTF-8 JSON, so output bytes do not depend on which one ran.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydantic_core

from .errors import RequestError

loads: Callable[[bytes | str], Any]
dumps: Callable[[Any], bytes]

try:  # pragma: no cover - exercised by whichever environment runs the tests
    import orjson

    # orjson's own functions, not wrappers: a Python call around each costs more than parsing a
    # tool call's arguments does.
    loads = orjson.loads  # Parse JSON (orjson).
    dumps = orjson.dumps  # Compact UTF-8 JSON.

except ImportError:  # pragma: no cover

    def loads(data: bytes | str) -> Any:
        """Parse JSON (pydantic-core)."""
        return pydantic_core.from_json(data, allow_inf_nan=False)

    def dumps(value: Any) -> bytes:
        """Compact UTF-8 JSON."""
        return pydantic_core.to_json(value)


_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode()


def load_text(data: bytes | str) -> Any:
    """``loads`` of a whole JSON text read from a file, or a line of one, a leading byte order mark
    ignored as RFC 8259 section 8.1 allows: files saved by Windows tools begin with one, and so does
    every file joined after one by ``cat``. Looked for only after a failed parse, so a line without
    one costs nothing more."""
    try:
        return loads(data)
    except ValueError:
        bom = _BOM_BYTES if isinstance(data, bytes) else _BOM
        if not data.startswith(bom):  # type: ignore[arg-type]
            _name_bad_utf8(data)
            raise
    return loads(data[len(bom) :])


def _name_bad_utf8(data: bytes | str) -> None:
    """A ``ValueError`` naming the first byte that is not UTF-8 and where it is, if there is one:
    the parsers say only "not valid UTF-8 ... column 1", wherever the byte is."""
    if isinstance(data, bytes):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.end].hex(" ")
            raise ValueError(f"not UTF-8: byte(s) {bad} at offset {exc.start:,} ({exc.reason})") from None


def load_object(body: dict[str, Any] | bytes | bytearray | memoryview | str, what: str) -> dict[str, Any]:
    """``body`` as a dict: parsed if raw JSON; a ``RequestError`` if it is not a JSON object."""
    if isinstance(body, dict):
        return body
    if type(body) is not bytes:  # raw bytes off the wire, the common case, go straight on
        if isinstance(body, (bytearray, memoryview)):
            body = bytes(body)
        elif not isinstance(body, (bytes, str)):
            raise TypeError(f"{what} must be a dict, bytes or str, not {type(body).__name__}")
    try:
        doc = loads(body)
    except (ValueError, RecursionError):
        raise RequestError(f"the {what} is not valid UTF-8 JSON", code="invalid_json") from None
    if not isinstance(doc, dict):
        raise RequestError(f"the {what} must be a JSON object", code="invalid_type")
    return doc
