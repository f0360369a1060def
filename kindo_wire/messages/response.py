"""messages response <-> IR response (WIRE.md §2.8; cross-API rules §6.2, §6.5, §6.8, §6.9, §6.10).

A ``Message`` is one IR choice. Its blocks decode like request blocks (``codec_blocks``); stop reasons
and usage go through the tables of ``finish_reasons`` and ``usage``.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..errors import UpstreamError
from ..loss import LossLog
from ..mapping.ids import RESPONSE_ID_PREFIX
from .codec_blocks import decode_blocks
from .codec_extras import BadShape, M, emit, fail, flag, leftovers
from .codec_parts import encode_parts
from .finish_reasons import FINISH_TO_STOP_REASON, STOP_REASON_TO_FINISH
from .usage import decode_usage, encode_usage

_KNOWN = ("id", "type", "role", "model", "content", "usage", "stop_reason", "stop_sequence", "stop_details")
# Fields every Message has; a source body without one (hand-made, hypothesis) gets none back.
_ALWAYS = ("id", "type", "role", "model", "usage", "stop_reason", "stop_sequence")

# What a refusal with no text at all (a Chat content_filter with null content) shows: Anthropic
# rejects an empty content array on replay (WIRE.md §6.2, [DF:issues BerriAI/litellm#39723]).
REFUSAL_FALLBACK_TEXT = "[content filtered]"


def decode_response(
    body: dict[str, Any], log: LossLog, parts: tuple[ir.Part, ...] | None = None
) -> ir.Response:
    """``parts``: the content already decoded (a stream's blocks, as they ended), used instead
    of decoding ``body["content"]``."""
    try:
        return _decode(body, parts)
    except BadShape as exc:
        raise UpstreamError(exc.message, pointer=exc.pointer) from exc


def _decode(body: dict[str, Any], parts: tuple[ir.Part, ...] | None) -> ir.Response:
    if not isinstance(body, dict):
        fail("the response body must be an object", "")
    content = body.get("content")
    if not isinstance(content, list):
        fail("content must be an array", "/content")
    reason = body.get("stop_reason")
    finish = STOP_REASON_TO_FINISH.get(reason) if isinstance(reason, str) else None
    stop_sequence = body.get("stop_sequence")
    details = body.get("stop_details")
    usage, tier = (None, None) if body.get("usage") is None else decode_usage(body["usage"])
    choice = ir.Choice(
        message=ir.Message("assistant", parts if parts is not None else decode_blocks(content, "/content")),
        finish=finish,
        stop_sequence=stop_sequence if isinstance(stop_sequence, str) else None,
        finish_at="/stop_reason",
        extras={M.value: {"stop_details": details}} if details is not None else ir.NO_EXTRAS,
    )
    absent = tuple(k for k in _ALWAYS if k not in body)
    ident, model = body.get("id"), body.get("model")
    return ir.Response(
        id=ident if isinstance(ident, str) else None,
        model=model if isinstance(model, str) else None,
        choices=(choice,),
        usage=usage,
        service_tier=tier,
        extras=leftovers(
            body,
            _KNOWN,
            own=True,
            absent=absent or None,
            # a stop reason this codec has no row for is kept exactly
            stop_reason=reason if finish is None and reason is not None else None,
        ),
    )


def _message_id(value: str | None, log: LossLog) -> str:
    """A ``msg_`` id keeping the source id's core (``chatcmpl-X``/``resp_X`` -> ``msg_X``, WIRE.md §6.19)."""
    if value is None:
        log.cosmetic("/id", "id_rewritten", "the source had no id; sent as 'msg_'")
        return RESPONSE_ID_PREFIX[M]
    for prefix in RESPONSE_ID_PREFIX.values():
        if value.startswith(prefix):
            return RESPONSE_ID_PREFIX[M] + value[len(prefix) :]
    log.cosmetic("/id", "id_rewritten", f"id {value!r} had no known prefix; sent as msg_{value}")
    return RESPONSE_ID_PREFIX[M] + value


def _stop_reason(resp: ir.Response, choice: ir.Choice, own: bool, log: LossLog) -> str | None:
    raw = flag(resp.extras, "stop_reason")
    if raw is not None:
        return str(raw)
    if choice.finish is None:
        return None
    reason, severity = FINISH_TO_STOP_REASON[choice.finish]
    if severity is not None and not own:
        log.add(
            choice.finish_at,
            severity,
            "finish_reason_approximated",
            f"finish {choice.finish.value!r} sent as stop_reason {reason!r}",
        )
    if reason == "end_turn" and any(isinstance(p, ir.Refusal) for p in choice.message.parts):
        reason = "refusal"  # a refusal part is Anthropic's refusal stop (WIRE.md §6.8)
    return reason


def encode_response(response: ir.Response, log: LossLog, request: dict[str, Any] | None) -> dict[str, Any]:
    resp = response
    own = bool(flag(resp.extras, "own"))
    out: dict[str, Any] = {
        "id": resp.id if own and resp.id is not None else _message_id(resp.id, log),
        "type": "message",
        "role": "assistant",
        "model": resp.model if resp.model is not None else "",
    }
    if resp.choices:
        choice = resp.choices[0]
    else:
        log.semantic("/choices", "choices_dropped", "the source had no answer; sent empty content")
        choice = ir.Choice(ir.Message("assistant", ()))
    for extra in resp.choices[1:]:
        log.semantic(extra.at, "choices_dropped", f"choice {extra.index} dropped: messages has one answer")
    content = encode_parts(choice.message.parts, log, response=True)
    reason = _stop_reason(resp, choice, own, log)
    if reason == "refusal" and not content:
        log.cosmetic(choice.at, "refusal_as_text", f"empty refusal sent as text {REFUSAL_FALLBACK_TEXT!r}")
        content = [{"type": "text", "text": REFUSAL_FALLBACK_TEXT}]
    out["content"] = content
    out["stop_reason"] = reason
    out["stop_sequence"] = choice.stop_sequence
    if not own and choice.finish is ir.Finish.CONTENT_FILTER:
        out["stop_details"] = {"type": "refusal"}  # WIRE.md §6.8 (CC content_filter)
    if resp.usage is not None or not own:
        out["usage"] = encode_usage(resp.usage, resp.service_tier, log, own=own)
    if resp.error is not None:
        log.semantic("/error", "unsupported_field", "a messages body cannot carry the source's error")
    if resp.created is not None and not own:
        log.cosmetic(resp.created_from, "created_dropped", "messages responses carry no creation time")
    emit({}, choice.message.extras, choice.message.at, log)  # (a messages answer has no message object)
    emit(out, choice.extras, choice.at, log)
    emit(out, resp.extras, "", log, top_level=True)
    for key in flag(resp.extras, "absent") or ():
        out.pop(key, None)
    return out
