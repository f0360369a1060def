"""A plain Responses ``Response`` read as ``responses.response`` decodes it, and a plain answer written
as ``responses.response.encode_response`` writes one (WIRE.md §3.6).

Plain: ``message`` items of ``output_text`` parts without annotations and ``function_call`` items,
a known status, integer usage counts, no error. The echoed request configuration is form (no
loss), as in the codec; unknown fields of an output item or part, or of usage, are reported by
``_carry.carry`` exactly as the codecs report them.
"""

from __future__ import annotations

from typing import Any

from .._carry import carry
from ..api import Api
from ..loss import LossLog
from ..mapping.ids import item_id
from ..responses.codec_echo import echo
from ..responses.codec_items import ITEM
from ..responses.finish_reasons import finish_for
from ..responses.request import service_tier
from ..responses.response import ANSWER_KEYS, created_at, response_id, status_of
from .answer import Answer, AnswerPart, Extras, Usage
from .common import arguments_text

RS = Api.RESPONSES
_MESSAGE_KNOWN = frozenset({"type", "role", "content"})
_TEXT_KNOWN = frozenset({"type", "text", "annotations", "prompt_cache_breakpoint"})
_CALL_KEYS = frozenset({"type", "call_id", "name", "arguments", "id", "status"})
_USAGE_KNOWN = frozenset(
    {"input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details", "total_tokens"}
)
_IN_DETAILS = frozenset({"cached_tokens", "cache_write_tokens"})
_OUT_DETAILS = frozenset({"reasoning_tokens"})


def read_response(body: dict[str, Any]) -> Answer | None:
    rid, model, created, output = (
        body.get("id"),
        body.get("model"),
        body.get("created_at"),
        body.get("output"),
    )
    tier, details = body.get("service_tier"), body.get("incomplete_details")
    if (
        type(rid) is not str
        or type(model) is not str
        or type(created) not in (int, float)
        or type(output) is not list
        or body.get("error") is not None
        or not (tier is None or type(tier) is str)
        or not (details is None or (type(details) is dict and details.keys() <= {"reason"}))
    ):
        return None
    parts: list[AnswerPart] = []
    has_calls = False
    for i, item in enumerate(output):
        kind = item.get("type") if type(item) is dict else None
        if kind == "message":
            if not _message(item, f"/output/{i}", parts):
                return None
        elif kind == "function_call":
            call = _call(item, f"/output/{i}")
            if call is None:
                return None
            parts.append(call)
            has_calls = True
        else:
            return None
    finish = finish_for(body.get("status"), details.get("reason") if details else None, has_calls, False)
    if finish is None:
        return None
    answer = Answer(rid, model, parts, finish)
    answer.created, answer.created_from = created, "/created_at"
    answer.message_at = answer.choice_at = "/output"
    answer.finish_at = "/status"
    answer.service_tier = tier
    usage = body.get("usage")
    if usage is not None:
        answer.usage = _usage(usage)
        if answer.usage is None:
            return None
    if not body.keys() <= ANSWER_KEYS:  # fields of the answer no other API has (responses.response)
        answer.extras = {RS.value: {k: v for k, v in body.items() if k not in ANSWER_KEYS}}
    return answer


def _leftovers(obj: dict[str, Any], known: frozenset[str]) -> dict[str, Any] | None:
    """``codec_util.leftovers`` without the ``~null`` hint: None when a known key is ``null``."""
    rest: dict[str, Any] = {}
    for key, value in obj.items():
        if key not in known:
            rest[key] = value
        elif value is None:
            return None
    return rest


def _message(item: dict[str, Any], at: str, parts: list[AnswerPart]) -> bool:
    """``codec_items.assistant_message``: the first part carries the item's own fields (``~item``)."""
    content, form = item.get("content"), _leftovers(item, _MESSAGE_KNOWN)
    if item.get("role") != "assistant" or type(content) is not list or not content or form is None:
        return False
    form["~type"] = True
    for j, part in enumerate(content):
        if type(part) is not dict or part.get("type") != "output_text" or type(part.get("text")) is not str:
            return False
        annotations = part.get("annotations")
        rest = _leftovers(part, _TEXT_KNOWN)
        tokens = part.get("logprobs")  # token logprobs go onto the IR part (mapping/logprobs.py)
        if (
            rest is None
            or annotations != []
            or "prompt_cache_breakpoint" in part
            or (type(tokens) is list and tokens)
        ):
            return False  # an annotation is a citation (and none at all a form the codec keeps)
        fields: Extras | None = {RS.value: rest} if rest else None
        if j == 0:
            fields = {RS.value: {**rest, ITEM: form}}
        parts.append(("text", part["text"], f"{at}/content/{j}", fields))
    return True


def _call(item: dict[str, Any], at: str) -> AnswerPart | None:
    call_id, name, arguments = item.get("call_id"), item.get("name"), item.get("arguments")
    item_id, status = item.get("id"), item.get("status")
    if (
        not item.keys() <= _CALL_KEYS
        or type(call_id) is not str
        or type(name) is not str
        or type(arguments) is not str
        or not (item_id is None or type(item_id) is str)
        or not (status is None or type(status) is str)
        or len(item) != 4 + (item_id is not None) + (status is not None)
    ):
        return None
    return ("call", call_id, name, arguments, None, at, item_id, status)


def _usage(usage: Any) -> Usage | None:
    """``responses.usage.decode_usage``: detail leftovers are form there (``~shape``), not fields."""
    if type(usage) is not dict:
        return None
    rest = _leftovers(usage, _USAGE_KNOWN)
    in_d, out_d = usage.get("input_tokens_details", {}), usage.get("output_tokens_details", {})
    if (
        rest is None
        or type(in_d) is not dict
        or type(out_d) is not dict
        or not in_d.keys() <= _IN_DETAILS
        or not out_d.keys() <= _OUT_DETAILS
    ):
        return None  # (another count in the details: the codec reports it)
    counts = (
        usage.get("input_tokens"),
        usage.get("output_tokens"),
        usage.get("total_tokens"),
        in_d.get("cached_tokens"),
        in_d.get("cache_write_tokens"),
        out_d.get("reasoning_tokens"),
    )
    for count in counts:
        if not (count is None or type(count) is int):
            return None
    extras: Extras | None = {RS.value: rest} if rest else None
    return (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], extras)


# --- writing -------------------------------------------------------------------------------------


def write_response(answer: Answer, log: LossLog, client: dict[str, Any] | None) -> dict[str, Any]:
    """``responses.response.encode_response`` of an answer from another API (``client``: the
    Responses request it answers, echoed)."""
    core, out_id = response_id(answer.id, log)
    status, reason = status_of(answer, False, log)
    created = created_at(answer.created, client, log)
    out: dict[str, Any] = {
        "id": out_id,
        "object": "response",
        "created_at": created,
        "status": status,
        "error": None,
        "incomplete_details": {"reason": reason} if status == "incomplete" else None,
        "model": answer.model,
        "output": _output(answer.parts, core, log, status == "incomplete"),
        **echo(client),
        "usage": _write_usage(answer.usage, log) if answer.usage is not None else None,
    }
    if answer.service_tier is not None:
        out["service_tier"] = service_tier(answer.service_tier, log)
    if answer.extras:
        carry(answer.extras, RS, "", log, top_level=True)
    return out


def _output(parts: list[AnswerPart], core: str, log: LossLog, cut_off: bool) -> list[dict[str, Any]]:
    """``codec_output.encode_output``: runs of text are message items; ids derive from the core.
    ``cut_off`` (an incomplete response) marks a final text item ``incomplete``."""
    items: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []
    for part in parts:
        if part[0] == "text":
            run.append({"type": "output_text", "text": part[1], "annotations": []})
            if part[3]:
                carry(part[3], RS, part[2], log)
            continue
        if run:
            items.append(_message_item(run, core, len(items)))
            run = []
        _, call_id, name, arguments, value, _at, _item_id, _status = part
        items.append(
            {
                "type": "function_call",
                "call_id": call_id,
                "name": name,
                "arguments": arguments if arguments is not None else arguments_text(value or {}),
                "id": item_id("fc_", core, len(items)),
                "status": "completed",
            }
        )
    if run:
        items.append(_message_item(run, core, len(items)))
        if cut_off:
            items[-1]["status"] = "incomplete"
    return items


def _message_item(content: list[dict[str, Any]], core: str, index: int) -> dict[str, Any]:
    return {
        "type": "message",
        "id": item_id("msg_", core, index),
        "status": "completed",
        "role": "assistant",
        "content": content,
    }


def _write_usage(usage: Usage, log: LossLog) -> dict[str, Any]:
    """``responses.usage.encode_usage`` of another API's usage: every field the SDK requires."""
    input_tokens, output_tokens, total, read, write, reasoning, extras = usage
    if input_tokens is None:
        log.cosmetic("/usage", "usage_incomplete", "usage input_tokens unknown, sent as 0")
        input_tokens = 0
    if output_tokens is None:
        log.cosmetic("/usage", "usage_incomplete", "usage output_tokens unknown, sent as 0")
        output_tokens = 0
    out = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": read or 0, "cache_write_tokens": write or 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": reasoning or 0},
        "total_tokens": total if total is not None else input_tokens + output_tokens,
    }
    if extras:
        carry(extras, RS, "/usage", log)
    return out
