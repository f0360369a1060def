"""Small checks shared by the per-API rules; each raises the ``RequestError`` a client should see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import RequestError, make_pointer
from . import limits


def at(*path: str | int) -> str:
    return make_pointer(path)


def require_model(body: dict[str, Any]) -> None:
    model = body.get("model")
    if model is None:
        raise RequestError("missing required parameter", pointer="/model", code="missing_required_parameter")
    if not model.strip():
        raise RequestError("model must be a non-empty string", pointer="/model")


def check_ranges(body: dict[str, Any], ranges: Iterable[limits.Range]) -> None:
    for name, low, high, integer in ranges:
        value = body.get(name)
        if value is None or isinstance(value, bool):
            continue
        kind = "integer" if integer else "decimal"
        if integer and not isinstance(value, int):
            raise RequestError(
                f"expected an integer, but got {value!r} instead", pointer=at(name), code="invalid_type"
            )
        if low is not None and value < low:
            raise RequestError(
                f"{kind} below minimum value. Expected a value >= {low:g}, but got {value} instead.",
                pointer=at(name),
                code=f"{kind}_below_min_value",
            )
        if high is not None and value > high:
            raise RequestError(
                f"{kind} above maximum value. Expected a value <= {high:g}, but got {value} instead.",
                pointer=at(name),
                code=f"{kind}_above_max_value",
            )


def check_role(role: Any, allowed: frozenset[str], *path: str | int) -> None:
    if role not in allowed:
        supported = ", ".join(repr(r) for r in sorted(allowed))
        raise RequestError(
            f"invalid value {role!r}; supported values are: {supported}",
            pointer=at(*path, "role"),
            code="invalid_value",
        )


def check_tool_name(name: Any, pattern: Any, *path: str | int) -> None:
    if not isinstance(name, str) or not pattern.fullmatch(name):
        raise RequestError(
            f"tool name {name!r} must match {pattern.pattern!r}", pointer=at(*path), code="invalid_value"
        )


def check_named_tool(name: Any, defined: set[str], *path: str | int) -> None:
    if name not in defined:
        raise RequestError(
            f"tool_choice names tool {name!r}, which is not among the request's tools",
            pointer=at(*path),
            code="invalid_value",
        )


def check_metadata(body: dict[str, Any]) -> None:
    metadata = body.get("metadata")
    if not isinstance(metadata, dict):
        return
    if len(metadata) > limits.METADATA_MAX_PAIRS:
        raise RequestError(
            f"metadata has {len(metadata)} pairs; at most {limits.METADATA_MAX_PAIRS} are allowed",
            pointer="/metadata",
        )
    for key, value in metadata.items():
        if len(key) > limits.METADATA_MAX_KEY:
            raise RequestError(
                f"metadata keys are at most {limits.METADATA_MAX_KEY} characters", pointer=at("metadata", key)
            )
        if isinstance(value, str) and len(value) > limits.METADATA_MAX_VALUE:
            raise RequestError(
                f"metadata values are at most {limits.METADATA_MAX_VALUE} characters",
                pointer=at("metadata", key),
            )


def check_safety_identifier(body: dict[str, Any]) -> None:
    value = body.get("safety_identifier")
    if isinstance(value, str) and len(value) > limits.SAFETY_IDENTIFIER_MAX:
        raise RequestError(
            f"safety_identifier is at most {limits.SAFETY_IDENTIFIER_MAX} characters",
            pointer="/safety_identifier",
            code="string_above_max_length",
        )


def require_non_empty(body: dict[str, Any], name: str) -> None:
    value = body.get(name)
    if value is None:
        raise RequestError("missing required parameter", pointer=at(name), code="missing_required_parameter")
    if isinstance(value, list) and not value:
        raise RequestError(f"{name} must contain at least one message", pointer=at(name), code="empty_array")
