"""Turn a pydantic ``ValidationError`` into the one ``RequestError`` a client should see.

pydantic reports every failed branch of every union; a client wants the first offending field,
addressed in its own document. Error locations also contain union labels (``"str"``,
``"list[...]"``, a tag such as ``"text"``) that are not keys of the body, so each location is
resolved against the parsed body itself: a segment that is a key or index is followed, any other
is a label and skipped, and the walk must end on the very value pydantic reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic_core import ErrorDetails, ValidationError

from ..errors import RequestError, make_pointer

Path = list[str | int]

# The error ``_wire``'s tagged unions raise in their catch-all branch for a known tag (whose own
# member's errors apply): defined here, not there, so this module loads without pydantic's models.
KNOWN_TAG_ERROR = "known_tag"

_JSON_KIND = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}

# pydantic error type -> what the field should have been, in JSON words.
_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "bool_type": "a boolean",
    "list_type": "an array",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "none_required": "null",
}


# Errors that only say which union branch was not taken; the other branch's error is the real one.
_NOISE = frozenset({"union_tag_not_found", KNOWN_TAG_ERROR})


def _resolve(doc: Any, error: ErrorDetails) -> Path | None:
    loc = error["loc"]
    wanted = error["input"]
    missing = error["type"] == "missing"

    def walk(node: Any, i: int, path: Path) -> Path | None:
        if missing and i == len(loc) - 1:
            return [*path, loc[i]] if node == wanted else None
        if i == len(loc):
            return path if not missing and node == wanted else None
        segment = loc[i]
        if isinstance(node, dict) and isinstance(segment, str) and segment in node:
            found = walk(node[segment], i + 1, [*path, segment])
            if found is not None:
                return found
        if isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
            found = walk(node[segment], i + 1, [*path, segment])
            if found is not None:
                return found
        if isinstance(segment, str):  # a union label, not part of the body
            return walk(node, i + 1, path)
        return None

    return walk(doc, 0, [])


def _fallback_path(doc: Any, loc: Sequence[str | int]) -> Path:
    """Best effort when the reported input cannot be found: follow what exists."""
    path: Path = []
    node = doc
    for segment in loc:
        if isinstance(node, dict) and isinstance(segment, str) and segment in node:
            node = node[segment]
            path.append(segment)
        elif isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
            node = node[segment]
            path.append(segment)
    return path


def _is_under(path: Path, prefix: Path) -> bool:
    return len(path) > len(prefix) and path[: len(prefix)] == prefix


def _describe(error: ErrorDetails) -> tuple[str, str]:
    """(message, OpenAI error code) for one pydantic error."""
    kind = error["type"]
    got = _JSON_KIND.get(type(error["input"]), "a value")
    if kind == "missing":
        return "missing required parameter", "missing_required_parameter"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, but got {got} instead", "invalid_type"
    if kind == "literal_error":
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"invalid value {error['input']!r}; supported values are: {expected}", "invalid_value"
    return error["msg"], "invalid_value"


def to_request_error(exc: ValidationError, doc: Any) -> RequestError:
    """The first offending field of ``doc``, with the most specific explanation pydantic gave."""
    errors = [e for e in exc.errors() if e["type"] not in _NOISE] or exc.errors()
    resolved = [(_resolve(doc, e) or _fallback_path(doc, e["loc"]), e) for e in errors]
    first_path, first = resolved[0]
    # A union reports one error per branch; a branch that got deeper into the body explains
    # the problem better ("content[0].type missing" beats "content is not a string").
    deeper = [(p, e) for p, e in resolved if _is_under(p, first_path)]
    if deeper:
        path, error = deeper[0]
        message, code = _describe(error)
        return RequestError(message, pointer=make_pointer(path), code=code)
    same = [e for p, e in resolved if p == first_path]
    wanted = sorted({_EXPECTED[e["type"]] for e in same if e["type"] in _EXPECTED})
    if len(wanted) > 1:
        got = _JSON_KIND.get(type(first["input"]), "a value")
        expected = ", ".join(wanted[:-1]) + " or " + wanted[-1]
        message = f"expected {expected}, but got {got} instead"
        return RequestError(message, pointer=make_pointer(first_path), code="invalid_type")
    message, code = _describe(first)
    return RequestError(message, pointer=make_pointer(first_path), code=code)
