"""A ``ChatCompletion`` choice's ``message`` <-> an IR assistant message (WIRE.md §1.7, §6.7).

Response content is always one string: several IR text parts are joined (their citations' offsets
shifted to match), refusals go to ``message.refusal``, URL citations to ``annotations``.
Hints (message extras, Chat only): ``~absent`` lists the standard keys the source left out;
``~keep`` mapped keys sent as ``null`` / ``[]``.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry, opaque_loss
from ..loss import LossLog
from ..shapes import need_array, need_object
from .codec_calls import (
    LEGACY_ID,
    decode_call,
    decode_legacy_call,
    encode_call,
    encode_legacy_call,
    is_legacy,
)
from .codec_common import CHAT, extras, hint_of, rest_of

_KEYS = frozenset({"role", "content", "refusal", "tool_calls", "function_call", "annotations"})
# Keys OpenAI always sends on a response message (null or [] when empty): sent for foreign IR too.
_STANDARD = ("content", "refusal", "annotations")


def _citation(raw: Any) -> ir.Citation:
    raw = need_object(raw, "", "an annotation")
    inner = raw.get("url_citation") if raw.get("type") == "url_citation" else None
    if not isinstance(inner, dict):
        return ir.Citation(CHAT, raw)
    return ir.Citation(
        CHAT,
        raw,
        url=inner.get("url"),
        title=inner.get("title"),
        start_index=inner.get("start_index"),
        end_index=inner.get("end_index"),
    )


def decode_answer(message: Any, at: str, index: int) -> ir.Message:
    message = need_object(message, at, "message")
    rest = rest_of(message, _KEYS)
    keep: dict[str, Any] = {}
    hints: dict[str, Any] = {}
    absent = [k for k in _STANDARD if k not in message]
    if absent:
        hints["~absent"] = absent
    if message.get("role") != "assistant":
        keep["role"] = message.get("role")
    parts: list[ir.Part] = []
    content = message.get("content")
    annotations = message.get("annotations")
    if isinstance(content, str):
        cites: tuple[ir.Citation, ...] = ()
        if annotations:
            cites = tuple(_citation(a) for a in need_array(annotations, at + "/annotations", "annotations"))
        parts.append(ir.Text(content, citations=cites, plain=True, at=at + "/content"))
        if "annotations" in message and not annotations:
            keep["annotations"] = annotations
    else:
        if "content" in message:
            keep["content"] = content
        if "annotations" in message:
            keep["annotations"] = annotations  # nothing to cite: kept as sent
    refusal = message.get("refusal")
    if isinstance(refusal, str):
        parts.append(ir.Refusal(refusal, at=at + "/refusal"))
    elif "refusal" in message:
        keep["refusal"] = refusal
    calls = message.get("tool_calls")
    if calls:
        parts.extend(
            decode_call(c, f"{at}/tool_calls/{j}") for j, c in enumerate(need_array(calls, at, "tool_calls"))
        )
    elif "tool_calls" in message:
        keep["tool_calls"] = calls
    legacy = message.get("function_call")
    if legacy is not None:
        parts.append(decode_legacy_call(legacy, at + "/function_call", LEGACY_ID.format(index)))
    elif "function_call" in message:
        keep["function_call"] = None
    if keep:
        hints["~keep"] = keep
    return ir.Message("assistant", tuple(parts), at=at, extras=extras(rest, hints))


def _encode_citation(cite: ir.Citation, text: ir.Text, offset: int, log: LossLog) -> dict[str, Any] | None:
    if cite.origin is CHAT:
        return cite.raw
    if cite.url is None:
        log.semantic(text.at, "citation_dropped", "only URL citations have a chat form")
        return None
    # Offsets are character positions in the joined content; a citation without them (Anthropic
    # cites a whole text block) covers its text part (WIRE.md §6.7).
    start = cite.start_index + offset if cite.start_index is not None else offset
    end = cite.end_index + offset if cite.end_index is not None else offset + len(text.text)
    inner = {"end_index": end, "start_index": start, "title": cite.title or "", "url": cite.url}
    return {"type": "url_citation", "url_citation": inner}


def encode_answer(message: ir.Message, log: LossLog) -> dict[str, Any]:
    texts: list[str] = []
    annotations: list[dict[str, Any]] = []
    refusals: list[str] = []
    calls: list[dict[str, Any]] = []
    legacy: dict[str, Any] | None = None
    offset = 0
    for part in message.parts:
        if isinstance(part, ir.Text):
            for cite in part.citations:
                encoded = _encode_citation(cite, part, offset, log)
                if encoded is not None:
                    annotations.append(encoded)
            texts.append(part.text)
            offset += len(part.text)
            carry(part.extras, CHAT, part.at, log)
        elif isinstance(part, ir.Refusal):
            refusals.append(part.text)
            carry(part.extras, CHAT, part.at, log)
        elif isinstance(part, ir.ToolCall):
            if is_legacy(part):
                legacy = encode_legacy_call(part)
            else:
                calls.append(encode_call(part, log))
        elif isinstance(part, ir.Reasoning):
            log.degraded(part.at, "reasoning_dropped", "chat has no reasoning carrier")
        elif isinstance(part, ir.Opaque):
            opaque_loss(part, CHAT, log)
        else:
            log.semantic(part.at, "unsupported_part", f"a chat answer cannot hold {type(part).__name__}")
    if len(texts) > 1:
        log.cosmetic(
            message.at, "content_form_changed", f"{len(texts)} text parts joined into one content string"
        )
    out: dict[str, Any] = {
        "role": "assistant",
        "content": "".join(texts) if texts else None,
        "refusal": "".join(refusals) if refusals else None,
        "annotations": annotations,
    }
    for key in hint_of(message.extras, "~absent") or ():
        if out[key] in (None, []):
            del out[key]
    if calls:
        out["tool_calls"] = calls
    if legacy is not None:
        out["function_call"] = legacy
    keep = hint_of(message.extras, "~keep")
    if keep:
        out.update(keep)
    out.update(carry(message.extras, CHAT, message.at, log))
    return out
