"""Anthropic error envelope <-> IR error (WIRE.md §4.2).

The envelope is ``{"type": "error", "error": {"type", "message", "details"?}, "request_id"?}``, also
the ``error`` stream event. The SDK raises by HTTP status (and ``error.details.error_code``) and
reads ``error.message``/``error.type`` from the body. Reading is tolerant
(``mapping.error_kinds.read_fields``). An Anthropic body comes back as it came (type, details,
request_id, unknown members, status); an OpenAI error gets the (status, type) of
``ANTHROPIC_ERRORS`` for its kind, its message verbatim, and no ``details``: OpenAI codes are not
Anthropic error codes, and the SDK would match them against its own table.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..api import Api
from ..mapping.error_kinds import (
    ANTHROPIC_ERRORS,
    ANTHROPIC_STATUS_KINDS,
    anthropic_kind,
    default_message,
    error_status,
    read_fields,
    target_status,
)


def decode_error(body: dict[str, Any], status: int | None) -> ir.Error:
    """An Anthropic error body (any shape) as an IR error; never raises."""
    fields = read_fields(body)
    http = error_status(status)
    message = fields.message if fields.message is not None else default_message(http)
    kind = anthropic_kind(http, fields.type, fields.error_code, fields.code, message)
    hints: dict[str, Any] = {"~shape": fields.shape}
    if fields.shape == "envelope":
        hints["~error"] = fields.error_rest
        hints["~body"] = fields.body_rest
    return ir.Error(
        kind=kind,
        message=message,
        status=http,
        type=fields.type,
        code=fields.error_code if fields.error_code is not None else fields.code,
        param=fields.param,
        request_id=fields.request_id,
        extras={Api.MESSAGES.value: hints},
    )


def encode_error(error: ir.Error) -> tuple[dict[str, Any], int]:
    """An IR error as the Anthropic envelope and the status to send it with."""
    status, type_ = ANTHROPIC_ERRORS.get(error.kind, ANTHROPIC_ERRORS["server"])
    own = error.extras.get(Api.MESSAGES.value)
    source_status = error_status(error.status)
    body: dict[str, Any] = {}
    obj: dict[str, Any] = {}
    if own is not None:
        obj.update(own.get("~error", {}))
        body.update(own.get("~body", {}))
        status = source_status or status
        type_ = error.type or type_
    else:
        status = target_status(error.kind, source_status, ANTHROPIC_STATUS_KINDS, status)
    obj["type"] = type_
    obj["message"] = error.message
    body["type"] = "error"
    body["error"] = obj
    if error.request_id is not None:
        body["request_id"] = error.request_id
    return body, status
