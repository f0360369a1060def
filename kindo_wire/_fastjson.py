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
