"""IR parts -> Anthropic content blocks, from IR any API's decoder produced (WIRE.md §2.4, §6.2, §6.5, §6.6).

Parts that Anthropic cannot carry are dropped with a loss (CONVERSION.md codes); parts that came from
Messages come back exactly (leftover fields, explicit nulls, raw thinking blocks, Opaque blocks).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import call_item_losses, opaque_loss
from ..loss import LossLog
from ..mapping import logprobs
from ..mapping.ids import anthropic_tool_use_id
from ..mapping.media import ANTHROPIC_IMAGE_TYPES, parse_data_url
from ..mapping.reasoning_stash import stash
from ..mapping.tool_args import arguments_object
from .codec_extras import M, emit, encode_cache, flag

# Document sources Anthropic takes inline: base64 PDF and plain text [AN:document_block_param.py].
PDF = "application/pdf"
PLAIN_TEXT = "text/plain"

# The single string parameter a custom (free-form) OpenAI tool is emulated with (codec_tools).
CUSTOM_INPUT = "input"


def _cache(out: dict[str, Any], cache: ir.CacheHint | None, at: str, log: LossLog) -> None:
    if cache is not None:
        out["cache_control"] = encode_cache(cache, at, log)


def _text(part: ir.Text, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "text", "text": part.text}
    if part.citations:
        kept = []
        for citation in part.citations:
            if citation.origin is M:
                kept.append(citation.raw)
            else:
                # Anthropic citations need cited_text / encrypted_index an OpenAI url_citation lacks (§6.7)
                log.semantic(
                    part.at, "citation_dropped", f"{citation.origin.value} citation has no messages form"
                )
        if kept:
            out["citations"] = kept
    elif flag(part.extras, "empty_citations"):
        out["citations"] = []
    logprobs.drop(part, M, log)
    _cache(out, part.cache, part.at, log)
    return emit(out, part.extras, part.at, log)


def encode_source(source: ir.Source, at: str, log: LossLog, *, image: bool) -> dict[str, Any] | None:
    """An Anthropic ``source`` object, or None (with a loss) when Anthropic cannot take it."""
    kind = source.kind
    media_type, data = source.media_type, source.data
    if kind == "url" and source.url is not None:
        parsed = parse_data_url(source.url)
        if parsed is None:
            return {"type": "url", "url": source.url}
        media_type, data, kind = parsed[0], parsed[1], "base64"
    if kind == "file":
        if source.origin is M and source.file_id is not None:
            return {"type": "file", "file_id": source.file_id}
        owner = source.origin.value if source.origin is not None else "another provider"
        log.semantic(at, "file_id_foreign", f"file id {source.file_id!r} belongs to {owner}; not sent")
        return None
    if kind == "text" and data is not None:
        if image:
            log.semantic(at, "unsupported_part", "a text source cannot be an image")
            return None
        return {"type": "text", "media_type": media_type or PLAIN_TEXT, "data": data}
    if kind == "base64" and data is not None:
        if image:
            if media_type not in ANTHROPIC_IMAGE_TYPES:
                log.semantic(at, "media_type_unsupported", f"image type {media_type!r} is not accepted")
                return None
        elif media_type is None:
            media_type = PDF  # the only base64 document type Anthropic has
        elif media_type not in (PDF, PLAIN_TEXT):
            log.semantic(at, "media_type_unsupported", f"document type {media_type!r} is not accepted")
            return None
        elif media_type == PLAIN_TEXT:
            log.semantic(at, "media_type_unsupported", "base64 text/plain documents are not accepted")
            return None
        return {"type": "base64", "media_type": media_type, "data": data}
    log.semantic(at, "unsupported_part", f"a {kind} source without its data cannot be sent")
    return None


def _image(part: ir.Image, log: LossLog) -> dict[str, Any] | None:
    source = encode_source(part.source, part.at, log, image=True)
    if source is None:
        return None
    if part.detail is not None and part.detail != "auto":
        log.degraded(
            part.detail_pointer, "unsupported_field", f"image detail {part.detail!r} has no messages form"
        )
    out: dict[str, Any] = {"type": "image", "source": source}
    _cache(out, part.cache, part.at, log)
    return emit(out, part.extras, part.at, log)


def _document(part: ir.Document, log: LossLog) -> dict[str, Any] | None:
    source = encode_source(part.source, part.at, log, image=False)
    if source is None:
        return None
    out: dict[str, Any] = {"type": "document", "source": source}
    if part.title is not None:
        out["title"] = part.title
    if part.context is not None:
        out["context"] = part.context
    if part.filename is not None:
        log.degraded(part.filename_pointer, "unsupported_field", "a document filename has no messages form")
    _cache(out, part.cache, part.at, log)
    return emit(out, part.extras, part.at, log)


def tool_use_id(value: str, at: str, log: LossLog) -> str:
    out, same = anthropic_tool_use_id(value)
    if not same:
        log.cosmetic(at, "id_rewritten", f"tool call id {value!r} sent as {out!r}")
    return out


def _tool_use(part: ir.ToolCall, log: LossLog) -> dict[str, Any]:
    if part.kind == "custom":
        # emulated custom tool: its free-form text is the single string parameter (codec_tools)
        text = part.input if isinstance(part.input, str) else part.arguments or ""
        value: dict[str, Any] = {CUSTOM_INPUT: text}
    else:
        value = arguments_object(part, log)
    out: dict[str, Any] = {
        "type": "tool_use",
        "id": tool_use_id(part.id, f"{part.at}/id", log),
        "name": part.name,
        "input": value,
    }
    _cache(out, part.cache, part.at, log)
    call_item_losses(part, M, log)
    return emit(out, part.extras, part.at, log)


def _tool_result(part: ir.ToolResult, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "tool_result", "tool_use_id": tool_use_id(part.call_id, part.at, log)}
    content = part.content
    if isinstance(content, str):
        out["content"] = content
    elif content is not None:
        out["content"] = encode_parts(content, log, response=False)
    if part.is_error is not None:
        out["is_error"] = part.is_error
    if part.name is not None:
        # the tool_use_id says which call this answers; the name itself has no field here
        log.cosmetic(f"{part.at}/name", "unsupported_field", "messages tool results carry no name")
    _cache(out, part.cache, part.at, log)
    return emit(out, part.extras, part.at, log)


def _own_reasoning(part: ir.Reasoning) -> dict[str, Any]:
    if part.raw is not None:
        return part.raw
    if part.redacted is not None:
        return {"type": "redacted_thinking", "data": part.redacted}
    return {"type": "thinking", "thinking": part.text, "signature": part.signature or ""}


def _reasoning(part: ir.Reasoning, log: LossLog, response: bool) -> dict[str, Any] | None:
    if part.origin is M:
        return _own_reasoning(part)
    if response and part.raw is not None:
        # CONVERSION.md rule 8: the client carries the other API's reasoning back to us in a stash
        token = stash(part.origin, part.raw)
        if part.text:
            return {"type": "thinking", "thinking": part.text, "signature": token}
        return {"type": "redacted_thinking", "data": token}
    log.degraded(part.at, "reasoning_dropped", f"{part.origin.value} reasoning cannot be sent to messages")
    return None


def encode_part(part: ir.Part, log: LossLog, *, response: bool) -> dict[str, Any] | None:
    """One Anthropic block for ``part``, or None when it has no messages form (the loss is recorded)."""
    if isinstance(part, ir.Text):
        return _text(part, log)
    if isinstance(part, ir.ToolCall):
        return _tool_use(part, log)
    if isinstance(part, ir.ToolResult):
        return _tool_result(part, log)
    if isinstance(part, ir.Reasoning):
        return _reasoning(part, log, response)
    if isinstance(part, ir.Opaque):
        if part.origin is M:
            return part.raw
        opaque_loss(part, M, log)
        return None
    if isinstance(part, ir.Image):
        return _image(part, log)
    if isinstance(part, ir.Document):
        return _document(part, log)
    if isinstance(part, ir.Refusal):
        # Anthropic has no refusal part: text, with stop_reason "refusal" on a response (WIRE.md §6.2)
        log.cosmetic(part.at, "refusal_as_text", "refusal sent as a text block")
        return emit({"type": "text", "text": part.text}, part.extras, part.at, log)
    # ir.Audio: Anthropic takes no audio input [D:compat]
    log.semantic(part.at, "audio_dropped", "messages has no audio input")
    return None


def encode_parts(parts: tuple[ir.Part, ...], log: LossLog, *, response: bool) -> list[dict[str, Any]]:
    out = []
    for part in parts:
        block = encode_part(part, log, response=response)
        if block is not None:
            out.append(block)
    return out
