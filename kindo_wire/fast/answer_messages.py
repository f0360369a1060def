"""A plain Anthropic ``Message`` read as ``messages.response`` decodes it, and a plain answer written
as ``messages.response.encode_response`` writes one (WIRE.md §2.8).

Plain: text and tool_use blocks, a known stop reason, usage with integer counts. Unknown top-level
and usage fields (``container``, ``usage.cache_creation``...) are kept and reported by
``_carry.carry`` as the codecs do.
"""

from __future__ import annotations

from typing import Any

from .._carry import carry
from ..api import Api
from ..ir import Finish
from ..loss import LossLog
from ..mapping.ids import RESPONSE_ID_PREFIX
from ..messages.finish_reasons import FINISH_TO_STOP_REASON, STOP_REASON_TO_FINISH
from ..messages.response import REFUSAL_FALLBACK_TEXT
from ..messages.usage import SERVICE_TIER_FROM_MESSAGES, put_service_tier
from .answer import Answer, AnswerPart, Extras, Usage
from .common import anthropic_id, arguments_object

M = Api.MESSAGES
_KNOWN = frozenset(
    {"id", "type", "role", "model", "content", "usage", "stop_reason", "stop_sequence", "stop_details"}
)
_COUNTS = frozenset(
    {"input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"}
)
_MESSAGES_PREFIX = RESPONSE_ID_PREFIX[M]
_PREFIXES = tuple(RESPONSE_ID_PREFIX.values())


def read_response(body: dict[str, Any]) -> Answer | None:
    rid, model, content = body.get("id"), body.get("model"), body.get("content")
    reason, sequence = body.get("stop_reason"), body.get("stop_sequence")
    finish = STOP_REASON_TO_FINISH.get(reason) if type(reason) is str else None
    if (
        type(rid) is not str
        or type(model) is not str
        or type(content) is not list
        or finish is None
        or not (sequence is None or type(sequence) is str)
        or body.get("stop_details") is not None
        or body.get("type", "message") != "message"
        or body.get("role", "assistant") != "assistant"
    ):
        return None
    parts = _blocks(content)
    usage = _usage(body.get("usage"))
    if parts is None or usage is None:
        return None
    answer = Answer(rid, model, parts, finish)
    answer.finish_at = "/stop_reason"
    answer.stop_sequence = sequence
    answer.usage, answer.service_tier = usage
    rest: dict[str, Any] | None = None
    for key, value in body.items():
        if key not in _KNOWN:
            if rest is None:
                rest = {}
            rest[key] = value
    if rest is not None:
        answer.extras = {M.value: rest}
    return answer


def _blocks(content: list[Any]) -> list[AnswerPart] | None:
    parts: list[AnswerPart] = []
    for j, block in enumerate(content):
        if type(block) is not dict:
            return None
        kind = block.get("type")
        if kind == "text":
            text = block.get("text")
            # "citations": null is form (the codec's null hint), a list would be citations
            citations = block.get("citations")
            if type(text) is not str or len(block) != 2 + ("citations" in block):
                return None
            if not (citations is None or citations == []):
                return None
            parts.append(("text", text, f"/content/{j}", None))
        elif kind == "tool_use":
            call_id, name, value = block.get("id"), block.get("name"), block.get("input")
            if (
                len(block) != 4
                or type(call_id) is not str
                or type(name) is not str
                or type(value) is not dict
            ):
                return None
            parts.append(("call", call_id, name, None, value, f"/content/{j}", None, None))
        else:
            return None
    return parts


def _usage(usage: Any) -> tuple[Usage, str | None] | None:
    """``messages.usage.decode_usage``: the IR usage and the response's service tier in OpenAI terms."""
    if type(usage) is not dict:
        return None
    uncached, output = usage.get("input_tokens"), usage.get("output_tokens")
    read, write = usage.get("cache_read_input_tokens"), usage.get("cache_creation_input_tokens")
    thinking = mapped = None
    leftovers: dict[str, Any] | None = None
    for key, value in usage.items():
        if key in _COUNTS:
            if not (value is None or type(value) is int):
                return None
            continue
        if (
            key == "output_tokens_details"
            and type(value) is dict
            and isinstance(value.get("thinking_tokens"), int)
        ):
            thinking = value["thinking_tokens"]
            if type(thinking) is not int:
                return None
            others = {k: v for k, v in value.items() if k != "thinking_tokens"}
            if others:
                leftovers = {**(leftovers or {}), key: others}
            continue
        elif key == "service_tier" and type(value) is str and value in SERVICE_TIER_FROM_MESSAGES:
            mapped = SERVICE_TIER_FROM_MESSAGES[value]
            continue
        if leftovers is None:
            leftovers = {}
        leftovers[key] = value
    total_in = None if uncached is None else uncached + (read or 0) + (write or 0)
    extras: Extras | None = {M.value: leftovers} if leftovers is not None else None
    return (total_in, output, None, read, write, thinking, extras), mapped


# --- writing -------------------------------------------------------------------------------------


def _message_id(value: str, log: LossLog) -> str:
    """``messages.response._message_id``."""
    for prefix in _PREFIXES:
        if value.startswith(prefix):
            return _MESSAGES_PREFIX + value[len(prefix) :]
    log.cosmetic("/id", "id_rewritten", f"id {value!r} had no known prefix; sent as msg_{value}")
    return _MESSAGES_PREFIX + value


def write_response(answer: Answer, log: LossLog) -> dict[str, Any] | None:
    """``messages.response.encode_response`` of an answer from another API; None when a call's
    arguments are not a JSON object."""
    out: dict[str, Any] = {"id": _message_id(answer.id, log), "type": "message", "role": "assistant"}
    out["model"] = answer.model
    content = _content(answer.parts, log)
    if content is None:
        return None
    finish = answer.finish
    reason, severity = FINISH_TO_STOP_REASON[finish]
    if severity is not None:
        detail = f"finish {finish.value!r} sent as stop_reason {reason!r}"
        log.add(answer.finish_at, severity, "finish_reason_approximated", detail)
    if reason == "refusal" and not content:
        log.cosmetic(
            answer.choice_at, "refusal_as_text", f"empty refusal sent as text {REFUSAL_FALLBACK_TEXT!r}"
        )
        content = [{"type": "text", "text": REFUSAL_FALLBACK_TEXT}]
    out["content"] = content
    out["stop_reason"] = reason
    out["stop_sequence"] = answer.stop_sequence
    if finish is Finish.CONTENT_FILTER:
        out["stop_details"] = {"type": "refusal"}
    out["usage"] = _write_usage(answer, log)
    if answer.created is not None:
        log.cosmetic(answer.created_from, "created_dropped", "messages responses carry no creation time")
    if answer.extras:
        carry(answer.extras, M, "", log, top_level=True)
    return out


def _content(parts: list[AnswerPart], log: LossLog) -> list[dict[str, Any]] | None:
    """``codec_parts.encode_parts`` (response side) of texts and calls."""
    blocks: list[dict[str, Any]] = []
    for part in parts:
        if part[0] == "text":
            blocks.append({"type": "text", "text": part[1]})
            if part[3]:
                carry(part[3], M, part[2], log)
            continue
        _, call_id, name, arguments, value, at, item_id, status = part
        if arguments is not None:
            value = arguments_object(arguments, at, log)
            if value is None:
                return None
        blocks.append(
            {"type": "tool_use", "id": anthropic_id(call_id, at, log, "/id"), "name": name, "input": value}
        )
        # _carry.call_item_losses: a Responses item's id and status have no Anthropic place
        if item_id is not None:
            log.cosmetic(f"{at}/id", "item_form_dropped", "messages has no item id for a tool call")
        if status is not None:
            log.cosmetic(f"{at}/status", "item_form_dropped", "messages has no tool call status")
    return blocks


def _write_usage(answer: Answer, log: LossLog) -> dict[str, Any]:
    """``messages.usage.encode_usage`` (not own): Anthropic's input_tokens excludes the cache."""
    if answer.usage is None:
        log.cosmetic("/usage", "usage_incomplete", "the source had no usage; sent as zeros")
        return put_service_tier({"input_tokens": 0, "output_tokens": 0}, answer.service_tier, log)
    total_in, output, _total, read, write, reasoning, extras = answer.usage
    out: dict[str, Any] = {}
    if total_in is not None:
        out["input_tokens"] = max(0, total_in - (read or 0) - (write or 0))
    else:
        log.cosmetic("/usage", "usage_incomplete", "input token count missing; sent as 0")
        out["input_tokens"] = 0
    if output is not None:
        out["output_tokens"] = output
    else:
        log.cosmetic("/usage", "usage_incomplete", "output token count missing; sent as 0")
        out["output_tokens"] = 0
    if read is not None:
        out["cache_read_input_tokens"] = read
    if write is not None:
        out["cache_creation_input_tokens"] = write
    if extras:
        carry(extras, M, "/usage", log)
    if reasoning is not None:
        out["output_tokens_details"] = {"thinking_tokens": reasoning}
    return put_service_tier(out, answer.service_tier, log)
