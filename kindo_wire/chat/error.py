"""OpenAI error envelope <-> IR error (WIRE.md §4.1); shared by Chat Completions and Responses.

The envelope is ``{"error": {"message", "type", "param", "code"}}`` for both APIs; the SDK raises
by HTTP status and reads ``type``/``code``/``param`` from ``body["error"]``. Reading is tolerant
(``mapping.error_kinds.read_fields``): a bare string, a stream error event, a failed Responses
object. Between the two OpenAI APIs ``type``, ``param``, ``code``, unknown members and the status
are kept; from Anthropic the (status, type, code) come from ``OPENAI_ERRORS``, and
``error.details.error_code`` becomes ``code`` when the kind has no code of its own.

An Anthropic ``request_id`` is not put into the OpenAI body: the openai SDK reads the request id
only from the ``x-request-id`` header (``_request_id``), never from the body, so a body field would
be an invention nobody reads; ``kindo_wire.headers.response_headers`` moves the header instead.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..api import Api
from ..mapping.error_kinds import (
    OPENAI_ERRORS,
    OPENAI_STATUS_KINDS,
    default_message,
    error_status,
    openai_kind,
    read_fields,
    target_status,
)

_OPENAI_APIS = (Api.CHAT.value, Api.RESPONSES.value)


def decode_openai(body: dict[str, Any], status: int | None, api: Api) -> ir.Error:
    """An OpenAI-family error body (any shape) as an IR error; never raises."""
    fields = read_fields(body)
    http = error_status(status)
    message = fields.message if fields.message is not None else default_message(http)
    hints: dict[str, Any] = {"~shape": fields.shape}
    if fields.shape == "envelope":
        hints["~error"] = fields.error_rest
        hints["~body"] = fields.body_rest
    return ir.Error(
        kind=openai_kind(http, fields.type, fields.code, message),
        message=message,
        status=http,
        type=fields.type,
        code=fields.code if fields.code is not None else fields.error_code,
        param=fields.param,
        request_id=fields.request_id,
        extras={api.value: hints},
    )


def encode_openai(error: ir.Error) -> tuple[dict[str, Any], int]:
    """An IR error as the OpenAI envelope and the status to send it with."""
    status, type_, code = OPENAI_ERRORS.get(error.kind, OPENAI_ERRORS["server"])
    own = next((error.extras[a] for a in _OPENAI_APIS if a in error.extras), None)
    source_status = error_status(error.status)
    body: dict[str, Any] = {}
    obj: dict[str, Any] = {}
    if own is not None:  # Chat <-> Responses: the source's own values
        obj.update(own.get("~error", {}))
        body.update(own.get("~body", {}))
        status = source_status or status
        type_ = error.type or type_
        code, param = error.code, error.param
    else:
        status = target_status(error.kind, source_status, OPENAI_STATUS_KINDS, status)
        if error.kind == "rate_limit" and "token" in error.message.lower():
            type_ = "tokens"  # OpenAI says `tokens` for token-per-minute limits, `requests` otherwise
        code = code or error.code
        param = None  # an OpenAI param names a path in an OpenAI request; Anthropic has none
    obj.update({"message": error.message, "type": type_, "param": param, "code": code})
    body["error"] = obj
    return body, status


def decode_error(body: dict[str, Any], status: int | None) -> ir.Error:
    return decode_openai(body, status, Api.CHAT)


def encode_error(error: ir.Error) -> tuple[dict[str, Any], int]:
    return encode_openai(error)
