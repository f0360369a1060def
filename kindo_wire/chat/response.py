"""chat response <-> IR response (``ChatCompletion``, WIRE.md §1.7).

Hints in ``Response.extras["chat"]``: ``~object`` (an ``object`` other than ``chat.completion``, or
``"absent"``), ``~id_verbatim`` (an id without the ``chatcmpl-`` prefix), ``~no_created``,
``~keep`` (mapped keys sent as ``null``). On a choice: ``~finish_reason`` (the wire value when
the table would not give it back), ``~absent`` when ``logprobs`` was left out.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry
from ..api import Api
from ..errors import RequestError, UpstreamError
from ..loss import LossLog
from ..mapping import logprobs
from ..mapping.ids import RESPONSE_ID_PREFIX, response_id
from ..shapes import need_array, need_object
from .codec_answer import decode_answer, encode_answer
from .codec_common import CHAT, extras, hint_of, rest_of
from .finish_reasons import FROM_CHAT, TO_CHAT
from .usage import decode_usage, encode_usage

_KEYS = frozenset({"id", "object", "created", "model", "choices", "usage", "service_tier"})
_CHOICE_KEYS = frozenset({"index", "message", "finish_reason", "logprobs"})
_OBJECT = "chat.completion"

# Response service tiers (WIRE.md §1.7: the tier actually used) from other APIs' values (§6.9, §6.16).
SERVICE_TIERS: dict[str, str] = {
    "auto": "auto",
    "default": "default",
    "flex": "flex",
    "scale": "scale",
    "priority": "priority",
    "standard": "default",  # Anthropic usage.service_tier
    "batch": "default",  # Anthropic batch: Chat reports no batch tier
}


def decode_response(body: dict[str, Any], log: LossLog) -> ir.Response:
    try:
        return _decode(body)
    except RequestError as exc:  # the shape checks are shared with requests: here the upstream is at fault
        raise UpstreamError(exc.message, pointer=exc.pointer) from exc


def _decode(body: dict[str, Any]) -> ir.Response:
    body = need_object(body, "", "the response body")
    rest = rest_of(body, _KEYS)
    hints: dict[str, Any] = {}
    keep: dict[str, Any] = {}
    if body.get("object") != _OBJECT:
        hints["~object"] = body.get("object", "absent")
    rid = body.get("id")
    if isinstance(rid, str) and not rid.startswith(RESPONSE_ID_PREFIX[Api.CHAT]):
        hints["~id_verbatim"] = True
    elif "id" in body and not isinstance(rid, str):
        keep["id"] = rid
    created = body.get("created")
    if "created" not in body:
        hints["~no_created"] = True
    elif not isinstance(created, (int, float)) or isinstance(created, bool):
        keep["created"] = created
        created = None
    usage = body.get("usage")
    tier = body.get("service_tier")
    for key in ("usage", "service_tier", "model"):
        if key in body and body[key] is None:
            keep[key] = None
    if keep:
        hints["~keep"] = keep
    choices = need_array(body.get("choices"), "/choices", "choices")
    model = body.get("model")
    return ir.Response(
        id=rid if isinstance(rid, str) else None,
        model=model if isinstance(model, str) else None,
        choices=tuple(_decode_choice(c, i) for i, c in enumerate(choices)),
        usage=decode_usage(usage) if isinstance(usage, dict) else None,
        created=created,
        service_tier=tier if isinstance(tier, str) else None,
        extras=extras(rest, hints),
    )


def _decode_choice(choice: Any, i: int) -> ir.Choice:
    at = f"/choices/{i}"
    choice = need_object(choice, at, "a choice")
    hints: dict[str, Any] = {}
    rest = rest_of(choice, _CHOICE_KEYS)
    reason = choice.get("finish_reason")
    finish = FROM_CHAT.get(reason) if isinstance(reason, str) else None
    if reason is not None and (finish is None or TO_CHAT[finish][0] != reason):
        hints["~finish_reason"] = reason
    message = decode_answer(choice.get("message"), at + "/message", i)
    if "logprobs" not in choice:
        hints["~absent"] = ["logprobs"]
    elif choice["logprobs"] is not None:
        with_tokens = logprobs.from_chat(message, choice["logprobs"], at)
        if with_tokens is None:
            rest["logprobs"] = choice["logprobs"]  # token data with no IR place: reported where it cannot go
        else:
            message = with_tokens
            if list(choice["logprobs"]) != list(logprobs.CHAT_KEYS):
                hints["~logprobs"] = list(choice["logprobs"])  # the keys as sent
    index = choice.get("index")
    if not isinstance(index, int):
        rest["index"] = index
    return ir.Choice(
        message=message,
        finish=finish,
        index=index if isinstance(index, int) else i,
        at=at,
        finish_at=at + "/finish_reason",
        extras=extras(rest, hints),
    )


# --- encoding -------------------------------------------------------------------------------------


def _encode_id(response: ir.Response, log: LossLog) -> str:
    rid = response.id
    if rid is None:
        log.cosmetic("/id", "id_rewritten", "the source had no id; sent as 'chatcmpl-0'")
        return "chatcmpl-0"
    if hint_of(response.extras, "~id_verbatim"):
        return rid
    for api in (Api.CHAT, Api.MESSAGES, Api.RESPONSES):
        if rid.startswith(RESPONSE_ID_PREFIX[api]):
            return response_id(rid, api, Api.CHAT)[0]
    log.cosmetic("/id", "id_rewritten", f"id {rid!r} had no known prefix; sent with 'chatcmpl-'")
    return RESPONSE_ID_PREFIX[Api.CHAT] + rid


def encode_response(response: ir.Response, log: LossLog, request: dict[str, Any] | None) -> dict[str, Any]:
    """``request`` (the client's Chat request) needs no use here: convert.py echoes its model id."""
    out: dict[str, Any] = {"id": _encode_id(response, log)}
    obj = hint_of(response.extras, "~object")
    if obj != "absent":
        out["object"] = obj if obj is not None else _OBJECT
    if response.created is not None:
        out["created"] = response.created
    elif not hint_of(response.extras, "~no_created"):
        log.cosmetic("/created", "created_synthesized", "the source had no created time; sent as 0")
        out["created"] = 0
    out["model"] = response.model
    out["choices"] = [_encode_choice(c, log) for c in response.choices]
    if response.usage is not None:
        out["usage"] = encode_usage(response.usage, log)
    if response.service_tier is not None:
        tier = SERVICE_TIERS.get(response.service_tier)
        if tier != response.service_tier:
            log.degraded(
                "/service_tier", "service_tier_approximated", f"{response.service_tier!r} sent as {tier!r}"
            )
        if tier is not None:
            out["service_tier"] = tier
    if response.error is not None:
        log.semantic("/error", "unsupported_field", "a chat completion carries no error object")
    keep = hint_of(response.extras, "~keep")
    if keep:
        out.update(keep)
    out.update(carry(response.extras, CHAT, "", log, top_level=True))
    return out


def _encode_choice(choice: ir.Choice, log: LossLog) -> dict[str, Any]:
    reason = hint_of(choice.extras, "~finish_reason")
    if reason is None and choice.finish is not None:
        reason, loss = TO_CHAT[choice.finish]
        if loss is not None:
            detail = f"{choice.finish.value!r} sent as {reason!r}"
            if choice.stop_sequence is not None:
                detail += f" (matched {choice.stop_sequence!r})"
            log.add(choice.finish_at, loss[0], loss[1], detail)
    if choice.stop_sequence is not None:
        log.degraded(choice.stop_sequence_at, "stop_sequence_dropped", "chat does not say which stop matched")
    out: dict[str, Any] = {
        "index": choice.index,
        "message": encode_answer(choice.message, log),
        "finish_reason": reason,
        "logprobs": logprobs.to_chat(
            choice.message, hint_of(choice.extras, "~logprobs") or logprobs.CHAT_KEYS
        ),
    }
    if "logprobs" in (hint_of(choice.extras, "~absent") or ()):
        del out["logprobs"]
    out.update(carry(choice.extras, CHAT, choice.at, log))
    return out
