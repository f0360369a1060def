"""A plain ``ChatCompletion`` read as ``chat.response`` decodes it, and a plain answer written as
``chat.response.encode_response`` writes one (WIRE.md §1.7).

Plain: one choice with a text and/or function calls and a finish reason; usage whose detail
counts other than the mapped ones are all zero. Unknown top-level and usage fields are kept and
reported by ``_carry.carry`` as the codecs do (``system_fingerprint``...).
"""

from __future__ import annotations

from typing import Any

from .._carry import carry
from ..api import Api
from ..chat.finish_reasons import FROM_CHAT, TO_CHAT
from ..chat.response import SERVICE_TIERS
from ..loss import LossLog
from ..mapping.ids import RESPONSE_ID_PREFIX
from .answer import Answer, AnswerPart, Extras, Usage
from .common import arguments_text, read_chat_call

CHAT = Api.CHAT
_KNOWN = frozenset({"id", "object", "created", "model", "choices", "usage", "service_tier"})
_CHOICE_KEYS = frozenset({"index", "message", "finish_reason", "logprobs"})
_MESSAGE_KEYS = frozenset({"role", "content", "refusal", "annotations", "tool_calls"})
_USAGE_COUNTS = frozenset({"prompt_tokens", "completion_tokens", "total_tokens"})
_DETAILS = frozenset({"prompt_tokens_details", "completion_tokens_details"})
_CHAT_PREFIX = RESPONSE_ID_PREFIX[CHAT]
_PREFIXES = tuple(RESPONSE_ID_PREFIX[api] for api in (Api.CHAT, Api.MESSAGES, Api.RESPONSES))


def read_response(body: dict[str, Any]) -> Answer | None:
    rid, model, created, choices = body.get("id"), body.get("model"), body.get("created"), body.get("choices")
    if (
        type(rid) is not str
        or type(model) is not str
        or type(created) not in (int, float)
        or body.get("object") != "chat.completion"
        or type(choices) is not list
        or len(choices) != 1
    ):
        return None
    choice = choices[0]
    if type(choice) is not dict or not choice.keys() <= _CHOICE_KEYS or choice.get("logprobs") is not None:
        return None
    reason = choice.get("finish_reason")
    finish = FROM_CHAT.get(reason) if type(reason) is str else None
    parts = _message(choice.get("message"))
    if finish is None or parts is None or type(choice.get("index")) is not int:
        return None
    answer = Answer(rid, model, parts, finish)
    answer.created = created
    answer.message_at = "/choices/0/message"
    answer.choice_at = "/choices/0"
    answer.finish_at = "/choices/0/finish_reason"
    rest: dict[str, Any] | None = None
    for key, value in body.items():
        if key not in _KNOWN:
            if rest is None:
                rest = {}
            rest[key] = value
        elif key == "service_tier":
            if type(value) is not str:
                return None
            answer.service_tier = value
        elif key == "usage" and value is not None:
            answer.usage = _usage(value)
            if answer.usage is None:
                return None
    if rest is not None:
        answer.extras = {CHAT.value: rest}
    return answer


def _message(message: Any) -> list[AnswerPart] | None:
    if type(message) is not dict or not message.keys() <= _MESSAGE_KEYS or message.get("role") != "assistant":
        return None
    content, calls, annotations = (
        message.get("content"),
        message.get("tool_calls"),
        message.get("annotations"),
    )
    if message.get("refusal") is not None or not (annotations is None or annotations == []):
        return None
    if "annotations" in message and annotations is None:
        return None
    parts: list[AnswerPart] = []
    if type(content) is str:
        parts.append(("text", content, "/choices/0/message/content", None))
    elif content is not None:
        return None
    if calls is None:
        return parts
    if type(calls) is not list:
        return None
    for j, call in enumerate(calls):
        read = read_chat_call(call)
        if read is None:
            return None
        call_id, name, arguments = read
        parts.append(
            ("call", call_id, name, arguments, None, f"/choices/0/message/tool_calls/{j}", None, None)
        )
    return parts


def _usage(usage: Any) -> Usage | None:
    """``chat.usage.decode_usage``: detail counts other than the mapped ones must be zero (the codec
    keeps zeros as form; anything else would be a field to report)."""
    if type(usage) is not dict:
        return None
    prompt, completion, total = (
        usage.get("prompt_tokens"),
        usage.get("completion_tokens"),
        usage.get("total_tokens"),
    )
    if type(prompt) is not int or type(completion) is not int or type(total) is not int:
        return None
    read = write = reasoning = None
    rest: dict[str, Any] | None = None
    for key, value in usage.items():
        if key in _USAGE_COUNTS:
            continue
        if key in _DETAILS:
            if type(value) is not dict:
                return None
            for name, count in value.items():
                if type(count) is not int:
                    return None
                if name == "cached_tokens" and key == "prompt_tokens_details":
                    read = count
                elif name == "cache_write_tokens" and key == "prompt_tokens_details":
                    write = count
                elif name == "reasoning_tokens" and key == "completion_tokens_details":
                    reasoning = count
                elif count:
                    return None
        else:
            if rest is None:
                rest = {}
            rest[key] = value
    extras: Extras | None = {CHAT.value: rest} if rest is not None else None
    return (prompt, completion, total, read, write, reasoning, extras)


# --- writing -------------------------------------------------------------------------------------


def write_response(answer: Answer, log: LossLog) -> dict[str, Any]:
    """``chat.response.encode_response`` of a one-choice answer from another API."""
    rid = answer.id
    for prefix in _PREFIXES:  # _encode_id: the core of any API's id keeps its X
        if rid.startswith(prefix):
            rid = _CHAT_PREFIX + rid[len(prefix) :]
            break
    else:
        log.cosmetic("/id", "id_rewritten", f"id {rid!r} had no known prefix; sent with 'chatcmpl-'")
        rid = _CHAT_PREFIX + rid
    created = answer.created
    if created is None:
        log.cosmetic("/created", "created_synthesized", "the source had no created time; sent as 0")
        created = 0
    out: dict[str, Any] = {"id": rid, "object": "chat.completion", "created": created, "model": answer.model}
    out["choices"] = [_choice(answer, log)]
    if answer.usage is not None:
        out["usage"] = _usage_out(answer.usage, log)
    tier = answer.service_tier
    if tier is not None:
        mapped = SERVICE_TIERS.get(tier)
        if mapped != tier:
            log.degraded("/service_tier", "service_tier_approximated", f"{tier!r} sent as {mapped!r}")
        if mapped is not None:
            out["service_tier"] = mapped
    if answer.extras:
        carry(answer.extras, CHAT, "", log, top_level=True)
    return out


def _choice(answer: Answer, log: LossLog) -> dict[str, Any]:
    """``chat.response._encode_choice`` and ``codec_answer.encode_answer``."""
    finish = answer.finish
    reason, loss = TO_CHAT[finish]
    if loss is not None:
        detail = f"{finish.value!r} sent as {reason!r}"
        if answer.stop_sequence is not None:
            detail += f" (matched {answer.stop_sequence!r})"
        log.add(answer.finish_at, loss[0], loss[1], detail)
    if answer.stop_sequence is not None:
        log.degraded(answer.stop_sequence_at, "stop_sequence_dropped", "chat does not say which stop matched")
    texts: list[str] = []
    calls: list[dict[str, Any]] = []
    for part in answer.parts:
        if part[0] == "text":
            texts.append(part[1])
            if part[3]:
                carry(part[3], CHAT, part[2], log)
            continue
        _, call_id, name, arguments, value, at, item_id, status = part
        if arguments is None:
            arguments = arguments_text(value or {})
        calls.append({"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}})
        # _carry.call_item_losses: a Responses item's id and status have no Chat place
        if item_id is not None:
            log.cosmetic(f"{at}/id", "item_form_dropped", "chat has no item id for a tool call")
        if status is not None:
            log.cosmetic(f"{at}/status", "item_form_dropped", "chat has no tool call status")
    if len(texts) > 1:
        detail = f"{len(texts)} text parts joined into one content string"
        log.cosmetic(answer.message_at, "content_form_changed", detail)
    message: dict[str, Any] = {
        "role": "assistant",
        "content": "".join(texts) if texts else None,
        "refusal": None,
        "annotations": [],
    }
    if calls:
        message["tool_calls"] = calls
    return {"index": 0, "message": message, "finish_reason": reason, "logprobs": None}


def _usage_out(usage: Usage, log: LossLog) -> dict[str, Any]:
    """``chat.usage.encode_usage`` of another API's usage."""
    prompt, completion, total, read, write, reasoning, extras = usage
    if prompt is None:
        log.cosmetic("/usage/prompt_tokens", "usage_incomplete", "usage prompt_tokens unknown; sent as 0")
        prompt = 0
    if completion is None:
        log.cosmetic(
            "/usage/completion_tokens", "usage_incomplete", "usage completion_tokens unknown; sent as 0"
        )
        completion = 0
    out: dict[str, Any] = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": total if total is not None else prompt + completion,
    }
    if extras:
        carry(extras, CHAT, "/usage", log)
    if read is not None or write is not None:
        details = out["prompt_tokens_details"] = {}
        if read is not None:
            details["cached_tokens"] = read
        if write is not None:
            details["cache_write_tokens"] = write
    if reasoning is not None:
        out["completion_tokens_details"] = {"reasoning_tokens": reasoning}
    return out
