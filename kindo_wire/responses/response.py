"""Responses response <-> IR response (WIRE.md §3.6, §6.8, §6.9).

One ``Choice`` whose assistant message holds every output item's parts, in order. The echoed
request configuration (instructions, tools, temperature, ...) goes under the ``~echo`` hint, which
no other API reports; ``~form`` keeps ``object``, ``status`` and ``incomplete_details`` exactly as
sent. Any other top-level field is a Responses field of the answer: written back here, reported
lost by the other APIs.
"""

from __future__ import annotations

from typing import Any, Protocol

from .. import ir
from ..api import Api
from ..errors import RequestError, UpstreamError
from ..loss import LossLog
from ..mapping import logprobs
from ..mapping.ids import RESPONSE_ID_PREFIX
from .codec_echo import ECHO_KEYS, echo
from .codec_items import assistant_message, decode_call, decode_reasoning
from .codec_output import encode_output
from .codec_util import NULL, RS, extras, merge, mine
from .finish_reasons import finish_for, status_for
from .request import service_tier
from .usage import decode_usage, encode_usage

_CONTENT_KEYS = frozenset({"id", "created_at", "error", "output", "usage", "model", "service_tier"})
_FORM_KEYS = ("object", "status", "incomplete_details")
# ResponseError.code values the SDK accepts (WIRE.md §3.6); another API's code is sent as server_error.
_ERROR_CODES = frozenset(
    {
        "server_error", "rate_limit_exceeded", "invalid_prompt", "data_residency_mismatch", "bio_policy",
        "vector_store_timeout", "invalid_image", "invalid_image_format", "invalid_base64_image",
        "invalid_image_url", "image_too_large", "image_too_small", "image_parse_error",
        "image_content_policy_violation", "invalid_image_mode", "image_file_too_large",
        "unsupported_image_media_type", "empty_image_file", "failed_to_download_image",
        "image_file_not_found",
    }
)  # fmt: skip
# Every key with a place in the IR or a hint: any other (`completed_at`, `billing`, one added after
# this was written) is a field of the answer.
ANSWER_KEYS = ECHO_KEYS | _CONTENT_KEYS | frozenset(_FORM_KEYS)


def decode_response(body: dict[str, Any], log: LossLog) -> ir.Response:
    try:
        return _decode(body)
    except RequestError as exc:  # the part decoders speak for requests: here the upstream is at fault
        raise UpstreamError(f"the upstream response is not a valid responses response: {exc}") from exc


def _decode(body: dict[str, Any]) -> ir.Response:
    output = body.get("output")
    if not isinstance(output, list):
        raise UpstreamError("the upstream response has no output list")
    parts: list[ir.Part] = []
    for i, item in enumerate(output):
        at = f"/output/{i}"
        kind = item.get("type") if isinstance(item, dict) else None
        if kind == "message":
            parts.extend(assistant_message(item, at))
        elif kind in {"function_call", "custom_tool_call"}:
            parts.append(decode_call(item, at, kind))
        elif kind == "reasoning":
            parts.append(decode_reasoning(item, at))
        else:
            parts.append(ir.Opaque(RS, str(kind), item if isinstance(item, dict) else {"item": item}, at=at))
    parts = list(logprobs.from_responses(parts))
    has_calls = any(isinstance(p, ir.ToolCall) for p in parts)
    only_refusal = any(isinstance(p, ir.Refusal) for p in parts) and not any(
        isinstance(p, ir.Text) and p.text for p in parts
    )
    details = body.get("incomplete_details")
    reason = details.get("reason") if isinstance(details, dict) else None
    finish = finish_for(body.get("status"), reason, has_calls, only_refusal)
    hints: dict[str, Any] = {
        "~echo": {k: v for k, v in body.items() if k in ECHO_KEYS},
        "~form": {k: body[k] for k in _FORM_KEYS if k in body},
    }
    fields = {k: v for k, v in body.items() if k not in ANSWER_KEYS}
    nulls = [
        k
        for k in ("id", "created_at", "error", "usage", "model", "service_tier")
        if k in body and body[k] is None
    ]
    if nulls:
        hints[NULL] = nulls
    usage = body.get("usage")
    error = body.get("error")
    choice = ir.Choice(
        ir.Message("assistant", tuple(parts), at="/output"), finish=finish, at="/output", finish_at="/status"
    )
    return ir.Response(
        id=body.get("id"),
        model=body.get("model"),
        choices=(choice,),
        usage=decode_usage(usage) if isinstance(usage, dict) else None,
        created=body.get("created_at"),
        created_from="/created_at",
        service_tier=body.get("service_tier"),
        error=error if isinstance(error, dict) else None,
        extras=extras({**fields, **hints}),
    )


def encode_response(response: ir.Response, log: LossLog, request: dict[str, Any] | None) -> dict[str, Any]:
    own_echo = mine(response.extras, "~echo")
    if own_echo is not None:
        return _encode_own(response, own_echo, log)
    core, out_id = response_id(response.id, log)
    choice = response.choices[0] if response.choices else None
    for extra in response.choices[1:]:
        log.semantic(
            extra.at, "choices_dropped", f"choice {extra.index} dropped: Responses returns one answer"
        )
    message = choice.message if choice is not None else ir.Message("assistant", ())
    has_refusal = any(isinstance(p, ir.Refusal) for p in message.parts)
    status, reason = status_of(choice, has_refusal, log)
    created = created_at(response.created, request, log)
    out: dict[str, Any] = {
        "id": out_id,
        "object": "response",
        "created_at": created,
        "status": status,
        "error": _error(response.error) if status == "failed" else None,
        "incomplete_details": {"reason": reason} if status == "incomplete" else None,
        "model": response.model or "",
        "output": encode_output(message, core, log, cut_off=status == "incomplete"),
        **echo(request),
        "usage": encode_usage(response.usage, log) if response.usage is not None else None,
    }
    if response.service_tier is not None:
        out["service_tier"] = service_tier(response.service_tier, log)
    if choice is not None and choice.extras:
        merge({}, choice.extras, choice.at, log)
    return merge(out, response.extras, "", log, top_level=True)


class Ending(Protocol):
    """How an answer ended: an ``ir.Choice``, or the fast path's ``Answer``."""

    @property
    def finish(self) -> ir.Finish | None: ...

    @property
    def finish_at(self) -> str: ...

    @property
    def stop_sequence(self) -> str | None: ...

    @property
    def stop_sequence_at(self) -> str: ...


def status_of(choice: Ending | None, has_refusal: bool, log: LossLog) -> tuple[str, str | None]:
    """The Responses ``status`` and incomplete reason of an answer, its losses reported: a finish
    Responses cannot say, and the matched stop sequence it has no field for."""
    status, reason, loss = status_for(choice.finish if choice is not None else None, has_refusal)
    if choice is None:
        return status, reason
    if loss is not None:
        severity, code, detail = loss
        if choice.stop_sequence is not None:
            detail = f"{detail}: {choice.stop_sequence!r}"
        log.add(choice.finish_at, severity, code, detail)
    if choice.stop_sequence is not None:
        log.degraded(
            choice.stop_sequence_at, "stop_sequence_dropped", "Responses does not say which stop matched"
        )
    return status, reason


def created_at(created: int | float | None, request: dict[str, Any] | None, log: LossLog) -> int | float:
    """``created_at`` (0 when the source had none), and the losses of a response built without
    the client's request (its echoes are then the API's defaults)."""
    if created is None:
        created = 0
        log.cosmetic(
            "/created", "created_synthesized", "the source had no creation time: created_at sent as 0"
        )
    if request is None:
        log.cosmetic("", "request_echo_defaulted", "no client request given: request echoes are API defaults")
    return created


def _encode_own(response: ir.Response, own_echo: dict[str, Any], log: LossLog) -> dict[str, Any]:
    """A body decoded here: the same body back (identity, docs/CONVERSION.md rule 1)."""
    out: dict[str, Any] = {}
    for key, value in (
        ("id", response.id),
        ("created_at", response.created),
        ("model", response.model),
        ("service_tier", response.service_tier),
        ("error", response.error),
    ):
        if value is not None:
            out[key] = value
    out.update(mine(response.extras, "~form") or {})
    message = response.choices[0].message if response.choices else ir.Message("assistant", ())
    core = (response.id or "")[len(RESPONSE_ID_PREFIX[RS]) :]
    out["output"] = encode_output(message, core, log)
    if response.usage is not None:
        out["usage"] = encode_usage(response.usage, log)
    out.update(own_echo)
    return merge(out, response.extras, "", log, top_level=True)


_PREFIXES = tuple(RESPONSE_ID_PREFIX[api] for api in (Api.RESPONSES, Api.CHAT, Api.MESSAGES))


def response_id(value: str | None, log: LossLog) -> tuple[str, str]:
    """(core, Responses id): the core of any API's id keeps its X (docs/CONVERSION.md rule 12)."""
    if value is None:
        log.cosmetic("/id", "id_rewritten", "the source had no id: sent as resp_0")
        return "0", "resp_0"
    for prefix in _PREFIXES:
        if value.startswith(prefix):
            core = value[len(prefix) :]
            return core, RESPONSE_ID_PREFIX[RS] + core
    log.cosmetic("/id", "id_rewritten", f"id {value!r} has no known prefix: sent as resp_{value}")
    return value, RESPONSE_ID_PREFIX[RS] + value


def _error(error: dict[str, Any] | None) -> dict[str, Any]:
    """``error`` of a failed response: ``{code, message}`` with a code the SDK knows."""
    if error is None:
        return {"code": "server_error", "message": ""}
    code = error.get("code")
    message = error.get("message")
    return {
        "code": code if code in _ERROR_CODES else "server_error",
        "message": message if isinstance(message, str) else "",
    }
