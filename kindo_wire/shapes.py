"""The shape checks the Chat and Responses codecs make on a body they read.

A field of the wrong JSON type is the sender's fault: each check raises ``RequestError`` with code
``invalid_type``, the field's JSON Pointer and what was found there, so the client's error envelope
says exactly what to fix. A response decoder turns it into an ``UpstreamError`` (there the upstream
sent the shape). The Anthropic codec raises the same error through its own ``BadShape``
(``messages/codec_extras.py``), and the stream decoders raise ``StreamError`` (``stream_common.need``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from .errors import RequestError


def json_kind(value: Any) -> str:
    """What ``value`` is, in JSON's words (for an error message)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def wrong_type(value: Any, at: str, what: str, expected: str) -> NoReturn:
    """Refuse ``value`` at ``at``: ``what`` must be ``expected`` (for a field that may be one of
    several types, such as "a string or a list of parts")."""
    raise RequestError(f"{what} must be {expected}, got {json_kind(value)}", pointer=at, code="invalid_type")


def need_object(value: Any, at: str, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        wrong_type(value, at, what, "an object")
    return value


def need_array(value: Any, at: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        wrong_type(value, at, what, "an array")
    return value


def need_string(value: Any, at: str, what: str) -> str:
    if not isinstance(value, str):
        wrong_type(value, at, what, "a string")
    return value


def need_string_field(obj: Mapping[str, Any], key: str, at: str) -> str:
    """``obj[key]``, which must be there and be a string; ``at`` is ``obj``'s pointer."""
    value = obj.get(key)
    if not isinstance(value, str):
        found = "nothing" if key not in obj else json_kind(value)
        message = f"{key!r} must be a string, got {found}"
        raise RequestError(message, pointer=f"{at}/{key}", code="invalid_type")
    return value
