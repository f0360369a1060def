"""``validate_request`` and ``strip_fields``: what a gateway checks on ingress, before forwarding.

``validate_request`` runs three layers, stopping at the first problem:

1. the body: valid UTF-8 JSON, an object, not over ``max_bytes`` (413);
2. the types: the API's pydantic request model (strict; unknown fields are allowed and kept);
3. the rules each API documents beyond types: ``model`` non-empty, at least one message, roles,
   ``tool_call_id`` on Chat tool messages, Anthropic ``max_tokens``, tool names, ``tool_choice``
   naming a defined tool, numeric ranges (``limits.py``).

Every failure is a ``RequestError`` with ``.status``, the JSON Pointer of the first offending
field, and ``.to_body(api)`` rendering it in the client API's own error envelope. Nothing else
escapes: not a pydantic error, not a ``JSONDecodeError``, not a ``RecursionError``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from pydantic_core import ValidationError

from .._lazy import schemas
from ..api import Api, as_api
from ..errors import RequestError
from . import chat_rules, messages_rules, responses_rules
from .pydantic_errors import to_request_error

GOVERNANCE_FIELDS: tuple[str, ...] = ("metadata", "litellm_metadata", "proxy_server_request")
"""Top-level fields a gateway's own callers add for governance, removed on ingress by ``strip_fields``."""

DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024
"""Anthropic's documented Messages limit (32 MB, WIRE.md §4.2): a body over it is refused with 413."""

_RULES: dict[Api, Callable[[dict[str, Any]], None]] = {
    Api.CHAT: chat_rules.check,
    Api.MESSAGES: messages_rules.check,
    Api.RESPONSES: responses_rules.check,
}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_body(body: dict[str, Any] | bytes | bytearray | str, *, max_bytes: int) -> dict[str, Any]:
    """The request body as a dict: raw bytes/str are decoded as strict JSON (no NaN/Infinity)."""
    if isinstance(body, dict):
        return body
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"body must be a dict, bytes or str, not {type(body).__name__}")
    if len(body) > max_bytes:
        raise RequestError(
            f"request body is {len(body)} bytes; the limit is {max_bytes}",
            status=413,
            code="request_too_large",
        )
    try:
        doc = json.loads(bytes(body).decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RequestError(
            "We could not parse the JSON body of your request: it must be UTF-8 encoded JSON.",
            code="invalid_json",
        ) from None
    if not isinstance(doc, dict):
        raise RequestError("the request body must be a JSON object", code="invalid_type")
    return doc


def validate_request(
    body: dict[str, Any] | bytes | bytearray | str,
    *,
    api: Api | str,
    max_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> Any:
    """The request as ``api``'s pydantic request model, or a ``RequestError`` saying what is wrong.

    ``max_bytes`` applies to raw bodies (a dict has already been read by the caller).
    """
    which = as_api(api)
    doc = parse_body(body, max_bytes=max_bytes)
    try:
        model = schemas()[which].request.model_validate(doc)
    except ValidationError as exc:
        raise to_request_error(exc, doc) from None
    except RecursionError:
        raise RequestError("the request body is nested too deeply", code="invalid_value") from None
    _RULES[which](doc)
    return model


def strip_fields(
    body: dict[str, Any] | bytes | bytearray | str,
    fields: Iterable[str] = GOVERNANCE_FIELDS,
) -> dict[str, Any]:
    """A shallow copy of ``body`` without the given top-level fields; nothing else is touched.

    The input is never modified; values other than the removed ones are the same objects.
    """
    doc = parse_body(body, max_bytes=DEFAULT_MAX_BODY_BYTES)
    drop = frozenset(fields)
    return {key: value for key, value in doc.items() if key not in drop}


__all__ = ["DEFAULT_MAX_BODY_BYTES", "GOVERNANCE_FIELDS", "parse_body", "strip_fields", "validate_request"]
