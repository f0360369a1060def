"""Error kinds: the tables between each vendor's (status, type, code) and ``ir.Error.kind``.

WIRE.md §4.1 (OpenAI), §4.2 (Anthropic), §4.3 (the translation table). Decoding reads the vendor's
envelope into a kind; encoding picks the target vendor's (status, type, code) for that kind.

Rules beyond the tables (the tests pin every one):

* A context-window overflow is ``context_length`` whatever the upstream called it: OpenAI code
  ``context_length_exceeded``, or a message such as Anthropic's "prompt is too long" on a 4xx or a
  5xx. It is always sent as 400 ``invalid_request_error`` (OpenAI code ``context_length_exceeded``),
  never as a retryable 5xx (PEERS.md §3 bug 39).
* OpenAI 429 ``insufficient_quota`` (spent credit) is ``quota``; it goes to Anthropic as 402
  ``billing_error`` (WIRE.md §4.3: "402 billing_error (or 400 for older clients)": the Anthropic SDK
  2.12 has ``PaymentRequiredError`` for 402, and 402 is not retried by it, which is right for spent
  credit; a 400 would read as a malformed request). Anthropic 402 ``billing_error`` goes to OpenAI as
  429 ``insufficient_quota``, the only billing signal OpenAI clients know.
* 529 exists only for Anthropic; OpenAI clients get 503 ``server_is_overloaded``.
* The status sent is the source status when the target's own status table reads it back as the
  same kind (an OpenAI 422 stays 422 for Anthropic: both SDKs know it), else the kind's canonical
  status in the target table. Unknown 4xx are ``invalid_request``, unknown 5xx ``server``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .._fastjson import dumps

# Every IR error kind (ir.Error.kind). `billing`: a payment problem (Anthropic 402 billing_error);
# `quota`: spent credit or a spend cap (OpenAI 429 insufficient_quota, Anthropic spend-limit codes);
# `unavailable`: 502/503 that is not an overload (a gateway or dependency down).
KINDS: tuple[str, ...] = (
    "invalid_request",
    "authentication",
    "billing",
    "quota",
    "permission",
    "not_found",
    "conflict",
    "too_large",
    "context_length",
    "rate_limit",
    "server",
    "timeout",
    "overloaded",
    "unavailable",
)

# --- Anthropic --------------------------------------------------------------------------------

# error.type -> kind. [AN:shared/error_type.py] (the SDK 2.12 ErrorType literal) plus
# `request_too_large`, which the docs list for 413 but the SDK literal lacks [D:errors] (WIRE.md §4.2).
ANTHROPIC_TYPE_KINDS: dict[str, str] = {
    "invalid_request_error": "invalid_request",  # generic: also "other 4xx not listed" [D:errors]
    "authentication_error": "authentication",
    "billing_error": "billing",
    "permission_error": "permission",
    "not_found_error": "not_found",
    "conflict_error": "conflict",
    "request_too_large": "too_large",
    "rate_limit_error": "rate_limit",
    "api_error": "server",  # generic 5xx
    "timeout_error": "timeout",
    "overloaded_error": "overloaded",
    # memory tool APIs, not Messages: a failed precondition and a path conflict (HTTP 412 / 409)
    "memory_precondition_failed_error": "invalid_request",
    "memory_path_conflict_error": "conflict",
}

# The generic names (types, and OpenAI's `server_error` code): they say only "4xx" or "5xx", so a
# status refines them (an `api_error` sent with 504 is a timeout). Name -> kind without a status.
GENERIC_NAMES: dict[str, str] = {
    "invalid_request_error": "invalid_request",  # Anthropic and OpenAI
    "api_error": "server",  # Anthropic
    "server_error": "server",  # OpenAI type and Responses code
}

# HTTP status -> kind. [D:errors] table (WIRE.md §4.2); 408/502/503 from the SDK's status classes
# [SDK-rt:anthropic/_exceptions.py] (RequestTimeoutError, ServiceUnavailableError).
ANTHROPIC_STATUS_KINDS: dict[int, str] = {
    400: "invalid_request",
    401: "authentication",
    402: "billing",
    403: "permission",
    404: "not_found",
    408: "timeout",
    409: "conflict",
    413: "too_large",
    429: "rate_limit",
    500: "server",
    502: "unavailable",
    503: "unavailable",
    504: "timeout",
    529: "overloaded",
}

# error.details.error_code -> kind, where the code changes the meaning of the status
# [SDK-rt:anthropic/_error_classes.py] ERROR_CLASSES: spend caps arrive as 429 (rate_limit_error)
# or 402 but are spent credit, not a burst to wait out; a ramp limit is a rate limit.
ANTHROPIC_CODE_KINDS: dict[str, str] = {
    "contract_spend_limit_reached": "quota",  # 429
    "enforced_spend_limit_reached": "quota",  # 429
    "linked_organization_spend_limit_reached": "quota",  # 402
    "linked_organization_billing_unavailable": "billing",  # 402
    "ramp_limit_exceeded": "rate_limit",  # 429
}

# kind -> (status, error.type) sent to an Anthropic client. WIRE.md §4.3 right-hand columns.
ANTHROPIC_ERRORS: dict[str, tuple[int, str]] = {
    "invalid_request": (400, "invalid_request_error"),
    "authentication": (401, "authentication_error"),
    "billing": (402, "billing_error"),
    "quota": (402, "billing_error"),  # OpenAI 429 insufficient_quota -> 402 (see module docstring)
    "permission": (403, "permission_error"),
    "not_found": (404, "not_found_error"),
    "conflict": (409, "conflict_error"),
    "too_large": (413, "request_too_large"),
    "context_length": (400, "invalid_request_error"),  # what Anthropic sends for "prompt is too long"
    "rate_limit": (429, "rate_limit_error"),
    "server": (500, "api_error"),
    "timeout": (504, "timeout_error"),
    "overloaded": (529, "overloaded_error"),
    "unavailable": (503, "api_error"),  # the SDK's ServiceUnavailableError; api_error is the 5xx type
}

# --- OpenAI (Chat Completions and Responses share the envelope) -------------------------------

# HTTP status -> kind. [SDK-rt:openai/_client.py] status classes, causes [D:oa-errors] (WIRE.md §4.1).
# No 402 and no 529: OpenAI does not send them (a 402 reads as a generic 4xx, a 529 as a 5xx).
OPENAI_STATUS_KINDS: dict[int, str] = {
    400: "invalid_request",  # "400 any -> 400 invalid_request_error" (WIRE.md §4.3)
    401: "authentication",
    403: "permission",
    404: "not_found",
    408: "timeout",
    409: "conflict",
    413: "too_large",
    429: "rate_limit",  # unless code insufficient_quota
    500: "server",
    502: "unavailable",
    503: "overloaded",  # engine overloaded / slow down [D:oa-errors]; WIRE.md §4.3: 503 -> 529
    504: "timeout",
}

# error.code -> kind. Codes quoted in WIRE.md §4.1 [D:oa-errors] [DF:issues] and the Responses
# ResponseError code literal [OA:responses/response_error.py] (`server_error`, `rate_limit_exceeded`).
# Used when the status does not decide (a stream error event has none).
OPENAI_CODE_KINDS: dict[str, str] = {
    "context_length_exceeded": "context_length",  # always wins, whatever the status
    "insufficient_quota": "quota",  # always wins: 429 rate limit vs spent credit [D:oa-errors]
    "invalid_api_key": "authentication",
    "unsupported_country_region_territory": "permission",
    "model_not_found": "not_found",
    "rate_limit_exceeded": "rate_limit",
    "server_error": "server",
    "server_is_overloaded": "overloaded",
    "slow_down": "overloaded",
    # The rest of the Responses ResponseError code literal: a failed response carries no status,
    # and these are faults of the request (a 400 had they come before the stream), not retryable.
    "invalid_prompt": "invalid_request",
    "data_residency_mismatch": "invalid_request",
    "bio_policy": "invalid_request",
    "vector_store_timeout": "timeout",
    "invalid_image": "invalid_request",
    "invalid_image_format": "invalid_request",
    "invalid_base64_image": "invalid_request",
    "invalid_image_url": "invalid_request",
    "image_too_large": "invalid_request",
    "image_too_small": "invalid_request",
    "image_parse_error": "invalid_request",
    "image_content_policy_violation": "invalid_request",
    "invalid_image_mode": "invalid_request",
    "image_file_too_large": "invalid_request",
    "unsupported_image_media_type": "invalid_request",
    "empty_image_file": "invalid_request",
    "failed_to_download_image": "invalid_request",
    "image_file_not_found": "invalid_request",
}

# Codes that decide the kind even when the status would say otherwise.
OPENAI_OVERRIDING_CODES = frozenset({"context_length_exceeded", "insufficient_quota"})

# error.type -> kind. OpenAI's own values [D:oa-errors] (rate limits say `tokens` or `requests`,
# spent credit `insufficient_quota`). Anthropic's type names are read after these (OpenAI-compatible
# endpoints of Anthropic-backed services pass them through), and OpenAI's by the Anthropic reader.
OPENAI_TYPE_KINDS: dict[str, str] = {
    "invalid_request_error": "invalid_request",
    "authentication_error": "authentication",
    "permission_error": "permission",
    "insufficient_quota": "quota",
    "tokens": "rate_limit",
    "requests": "rate_limit",
    "server_error": "server",
}

# kind -> (status, type, code) sent to an OpenAI client. WIRE.md §4.3 middle column; types are
# OpenAI's own (invalid_request_error for 4xx, server_error for 5xx, [D:oa-errors]).
OPENAI_ERRORS: dict[str, tuple[int, str, str | None]] = {
    "invalid_request": (400, "invalid_request_error", None),
    "authentication": (401, "invalid_request_error", "invalid_api_key"),
    "billing": (429, "insufficient_quota", "insufficient_quota"),
    "quota": (429, "insufficient_quota", "insufficient_quota"),
    "permission": (403, "permission_error", None),
    "not_found": (404, "invalid_request_error", "model_not_found"),
    "conflict": (409, "invalid_request_error", None),
    "too_large": (413, "invalid_request_error", None),
    "context_length": (400, "invalid_request_error", "context_length_exceeded"),
    "rate_limit": (429, "requests", "rate_limit_exceeded"),  # `tokens` when the message says so
    "server": (500, "server_error", None),
    "timeout": (504, "server_error", None),
    "overloaded": (503, "server_error", "server_is_overloaded"),
    "unavailable": (503, "server_error", None),
}

# --- shared rules -----------------------------------------------------------------------------

# Context-window overflow, by message. Anthropic: "prompt is too long: 208310 tokens > 200000
# maximum", "input length and `max_tokens` exceed context limit: ..."; OpenAI: "This model's maximum
# context length is ...", Responses: "Your input exceeds the context window of this model".
CONTEXT_MESSAGE = re.compile(
    r"prompt is too long|maximum context length|context[ _](?:length|window|limit)", re.I
)

# The kinds a context message overrides (a rate limit that says "reduce the prompt" is still one).
_CONTEXT_OVERRIDABLE = frozenset({"invalid_request", "too_large", "server"})


def error_status(status: object) -> int | None:
    """``status`` if it is an HTTP error status (400-599), else None (a 200 stream, a bogus value)."""
    if isinstance(status, int) and not isinstance(status, bool) and 400 <= status <= 599:
        return status
    return None


def status_kind(status: int | None, table: dict[int, str]) -> str | None:
    """The kind a vendor's status table gives ``status``: unknown 4xx ``invalid_request``, 5xx ``server``."""
    if status is None:
        return None
    return table.get(status) or ("invalid_request" if status < 500 else "server")


def _context(kind: str, message: str) -> str:
    return "context_length" if kind in _CONTEXT_OVERRIDABLE and CONTEXT_MESSAGE.search(message) else kind


def _specific(value: str | None, *tables: dict[str, str]) -> str | None:
    """The kind a non-generic type/code names in the first table that has it."""
    if value is None or value in GENERIC_NAMES:
        return None
    for table in tables:
        if value in table:
            return table[value]
    return None


def _fallback(status: int | None, name: str | None) -> str:
    """Status class first (a 5xx is never a client error), then a generic name, then ``server``."""
    if status is not None:
        return "invalid_request" if status < 500 else "server"
    return GENERIC_NAMES.get(name or "", "server")


def anthropic_kind(
    status: int | None, type_: str | None, error_code: str | None, code: str | None, message: str
) -> str:
    """The kind of an Anthropic error: detail code, specific type, specific OpenAI-style ``code``
    (a body from an OpenAI-ish upstream), exact status, status class, generic type; a
    context-window message makes it ``context_length``."""
    if code in OPENAI_OVERRIDING_CODES:
        return OPENAI_CODE_KINDS[code]
    kind = (
        ANTHROPIC_CODE_KINDS.get(error_code or "")
        or _specific(type_, ANTHROPIC_TYPE_KINDS, OPENAI_TYPE_KINDS)
        or _specific(code, OPENAI_CODE_KINDS)
        or ANTHROPIC_STATUS_KINDS.get(status or 0)
        or _fallback(status, type_ or code)
    )
    return _context(kind, message)


def openai_kind(status: int | None, type_: str | None, code: str | None, message: str) -> str:
    """The kind of an OpenAI error: overriding code, exact status, specific code, specific type,
    status class, generic type; a context-window message makes it ``context_length``."""
    for signal in (code, type_):
        if signal in OPENAI_OVERRIDING_CODES:
            return OPENAI_CODE_KINDS[signal]
    kind = (
        OPENAI_STATUS_KINDS.get(status or 0)
        or _specific(code, OPENAI_CODE_KINDS)
        or _specific(type_, OPENAI_TYPE_KINDS, ANTHROPIC_TYPE_KINDS)
        or _fallback(status, type_ or code)
    )
    return _context(kind, message)


def target_status(kind: str, source: int | None, table: dict[int, str], canonical: int) -> int:
    """The status to send: ``source`` when the target's ``table`` reads it as ``kind``, else ``canonical``."""
    return source if source is not None and status_kind(source, table) == kind else canonical


# --- reading whatever an upstream sent --------------------------------------------------------


@dataclass(slots=True)
class Fields:
    """What could be read from an error body of any shape.

    ``shape``: ``envelope`` ({"error": {...}}, with or without Anthropic's "type": "error"),
    ``string`` ({"error": "text"}), ``flat`` (a Responses stream ``error`` event or a bare
    {"message": ...}), ``failed`` (a Responses object with ``status: failed``, or its
    ``response.failed`` event), ``empty`` (nothing recognisable). ``error_rest``/``body_rest`` are
    the unknown members of a proper envelope (carried back to the same API).
    """

    shape: str
    message: str | None = None
    type: str | None = None
    code: str | None = None
    param: str | None = None
    request_id: str | None = None
    error_code: str | None = None  # Anthropic error.details.error_code
    error_rest: dict[str, Any] = field(default_factory=dict)
    body_rest: dict[str, Any] = field(default_factory=dict)


_ERROR_KEYS = frozenset({"message", "type"})


def _text(value: object) -> str | None:
    """A JSON value as message text: strings verbatim, null/absent None, anything else as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    try:
        return dumps(value).decode("utf-8")
    except (TypeError, ValueError):
        return str(value)


def _name(value: object) -> str | None:
    """A JSON value as a type/code/param name: strings verbatim, numbers as text, else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def read_fields(body: dict[str, Any]) -> Fields:
    """Read ``body`` as an error of any shape an upstream may send; never raises."""
    error = body.get("error")
    if isinstance(error, dict) and "message" not in error and isinstance(error.get("error"), (dict, str)):
        error = error["error"]  # doubly wrapped by an intermediary
    response = body.get("response")
    if isinstance(response, dict) and response.get("status") == "failed":  # a response.failed event
        return _failed(response)
    if body.get("status") == "failed" or body.get("object") == "response":
        return _failed(body)
    if isinstance(error, dict):
        details = error.get("details")
        error_code = _name(details.get("error_code")) if isinstance(details, dict) else None
        own = error is body.get("error")
        return Fields(
            "envelope",
            message=_text(error.get("message")),
            type=_name(error.get("type")),
            code=_name(error.get("code")),
            param=_name(error.get("param")),
            request_id=_name(body.get("request_id")),
            error_code=error_code,
            error_rest={k: v for k, v in error.items() if k not in _ERROR_KEYS} if own else {},
            body_rest={k: v for k, v in body.items() if k != "error"} if own else {},
        )
    if isinstance(error, str):
        return Fields("string", message=error, request_id=_name(body.get("request_id")))
    message = body.get("message", body.get("detail"))
    if message is not None or "code" in body:
        return Fields(
            "flat",
            message=_text(message),
            type=None if body.get("type") == "error" else _name(body.get("type")),
            code=_name(body.get("code")),
            param=_name(body.get("param")),
            request_id=_name(body.get("request_id")),
        )
    return Fields("empty", message=_text(error) if error is not None else None)


def _failed(response: dict[str, Any]) -> Fields:
    error = response.get("error")
    if not isinstance(error, dict):
        return Fields("failed", message=_text(error))
    return Fields("failed", message=_text(error.get("message")), code=_name(error.get("code")))


def default_message(status: int | None) -> str:
    """The message for an error whose upstream sent none."""
    return f"upstream error (HTTP {status})" if status is not None else "upstream error"
