"""Chat content parts <-> IR parts (WIRE.md §1.3, §6.2).

Decoding keeps every field the IR has no slot for in the part's ``extras["chat"]``; fields of a
nested object (``image_url``, ``input_audio``, ``file``) the IR has no slot for ride along as the
``~inner`` hint, merged back only for Chat. Explicit ``null``s of mapped fields stay verbatim too.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry, opaque_loss
from ..api import Api
from ..errors import RequestError
from ..loss import LossLog
from ..mapping.cache_breakpoints import openai_breakpoint
from ..mapping.media import data_url, document_filename, parse_data_url
from ..shapes import need_object, need_string
from .codec_common import CHAT, extras, hint_of, inner_hint, rest_of

# Keys of each part type (WIRE.md §1.3) that the IR takes over; the rest is carried in extras.
_TEXT_KEYS = frozenset({"type", "text", "prompt_cache_breakpoint"})
_IMAGE_KEYS = frozenset({"type", "image_url", "prompt_cache_breakpoint"})
_AUDIO_KEYS = frozenset({"type", "input_audio"})
_FILE_KEYS = frozenset({"type", "file", "prompt_cache_breakpoint"})
_REFUSAL_KEYS = frozenset({"type", "refusal"})


def _cache(part: dict[str, Any]) -> ir.CacheHint | None:
    """``prompt_cache_breakpoint`` as a CacheHint; the wire object is kept so Chat gets it back as sent."""
    raw = part.get("prompt_cache_breakpoint")
    if raw is None:
        return None
    return ir.CacheHint(extras={CHAT.value: {"~raw": raw}})


def _rest(part: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    rest = rest_of(part, keys)
    if "prompt_cache_breakpoint" in part and part["prompt_cache_breakpoint"] is None:
        rest["prompt_cache_breakpoint"] = None
    return rest


def decode_part(part: Any, at: str) -> ir.Part:
    """One element of a Chat ``content`` array."""
    part = need_object(part, at, "a content part")
    kind = part.get("type")
    if kind == "text":
        text = need_string(part.get("text"), at + "/text", "text")
        return ir.Text(text, cache=_cache(part), at=at, extras=extras(_rest(part, _TEXT_KEYS)))
    if kind == "image_url":
        inner = need_object(part.get("image_url"), at + "/image_url", "image_url")
        url = need_string(inner.get("url"), at + "/image_url/url", "image_url.url")
        parsed = parse_data_url(url)
        source = (
            ir.Source("base64", media_type=parsed[0], data=parsed[1]) if parsed else ir.Source("url", url=url)
        )
        detail = inner.get("detail")
        hints = inner_hint(inner, ("url", "detail"), "image_url")
        return ir.Image(
            source,
            detail=detail,
            cache=_cache(part),
            at=at,
            extras=extras(_rest(part, _IMAGE_KEYS), hints),
            detail_at=at + "/image_url/detail",
        )
    if kind == "input_audio":
        inner = need_object(part.get("input_audio"), at + "/input_audio", "input_audio")
        data = need_string(inner.get("data"), at + "/input_audio/data", "input_audio.data")
        fmt = need_string(inner.get("format"), at + "/input_audio/format", "input_audio.format")
        hints = inner_hint(inner, ("data", "format"), "input_audio")
        # ir.Audio has no cache slot: a breakpoint stays a plain Chat field of the part.
        return ir.Audio(data, fmt, at=at, extras=extras(rest_of(part, _AUDIO_KEYS), hints))
    if kind == "file":
        return _decode_file(part, at)
    if kind == "refusal":
        text = need_string(part.get("refusal"), at + "/refusal", "refusal")
        return ir.Refusal(text, at=at, extras=extras(rest_of(part, _REFUSAL_KEYS), {"~in_content": True}))
    # An unknown part type: kept whole for Chat, reported by every other target.
    return ir.Opaque(CHAT, str(kind), part, at=at)


def _decode_file(part: dict[str, Any], at: str) -> ir.Document:
    inner = need_object(part.get("file"), at + "/file", "file")
    file_data, file_id = inner.get("file_data"), inner.get("file_id")
    used = {"filename"}
    if isinstance(file_data, str):
        used.add("file_data")
        parsed = parse_data_url(file_data)
        # Bare base64 (no data: URL) keeps media_type None, so the encoder sends it back bare.
        source = (
            ir.Source("base64", media_type=parsed[0], data=parsed[1])
            if parsed
            else ir.Source("base64", data=file_data)
        )
    elif isinstance(file_id, str):
        used.add("file_id")
        source = ir.Source("file", file_id=file_id, origin=CHAT)
    else:
        raise RequestError("file needs file_data or file_id", pointer=at + "/file", code="invalid_type")
    filename = inner.get("filename")
    hints = inner_hint(inner, used, "file")
    if "filename" not in inner:
        hints = {**(hints or {}), "~no_filename": True}  # as sent: no name is made up on the way back
    return ir.Document(
        source,
        filename=filename if isinstance(filename, str) else None,
        cache=_cache(part),
        at=at,
        extras=extras(_rest(part, _FILE_KEYS), hints),
        filename_at=at + "/file/filename",
    )


# The image detail values Chat takes (WIRE.md §1.3); Responses' "original" is not one of them.
CHAT_IMAGE_DETAILS = frozenset({"auto", "low", "high"})


# --- encoding -------------------------------------------------------------------------------------


def cache_field(cache: ir.CacheHint | None, at: str, log: LossLog) -> dict[str, Any]:
    """``{"prompt_cache_breakpoint": ...}`` for an OpenAI-made hint; a loss for an Anthropic one
    (the policy: ``mapping/cache_breakpoints.py``)."""
    if cache is None:
        return {}
    value = openai_breakpoint(cache, Api.CHAT, at, log)
    return {"prompt_cache_breakpoint": value} if value is not None else {}


def _merge_inner(inner: dict[str, Any], node_extras: ir.Extras) -> dict[str, Any]:
    extra = hint_of(node_extras, "~inner")
    if extra:
        inner.update(extra)
    return inner


def encode_text(part: ir.Text, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "text", "text": part.text}
    out.update(cache_field(part.cache, part.at, log))
    if part.citations:
        log.semantic(part.at, "citation_dropped", "chat request text parts carry no citations")
    out.update(carry(part.extras, CHAT, part.at, log))
    return out


def _encode_image(part: ir.Image, log: LossLog) -> dict[str, Any] | None:
    src = part.source
    if src.kind == "base64" and src.data is not None:
        url = data_url(src.media_type or "application/octet-stream", src.data)
    elif src.kind == "url" and src.url is not None:
        url = src.url
    else:
        if src.kind == "file" and src.origin not in (Api.CHAT, Api.RESPONSES):
            log.semantic(part.at, "file_id_foreign", f"{src.origin} file id is meaningless to OpenAI")
        else:
            log.semantic(part.at, "unsupported_part", f"chat image_url cannot take a {src.kind} source")
        return None
    inner: dict[str, Any] = {"url": url}
    if part.detail is not None:
        # Chat knows auto/low/high; Responses' "original" has no Chat value (WIRE.md §6.2).
        if part.detail in CHAT_IMAGE_DETAILS:
            inner["detail"] = part.detail
        else:
            log.degraded(
                part.detail_pointer, "unsupported_field", f"image detail {part.detail!r} has no chat value"
            )
    out: dict[str, Any] = {"type": "image_url", "image_url": _merge_inner(inner, part.extras)}
    out.update(cache_field(part.cache, part.at, log))
    out.update(carry(part.extras, CHAT, part.at, log))
    return out


def _encode_document(part: ir.Document, log: LossLog) -> dict[str, Any] | None:
    src = part.source
    if src.kind == "text" and src.data is not None:
        # A plain-text document has no Chat part: its text goes inline (WIRE.md §6.2 "(inline text)").
        log.cosmetic(part.at, "content_form_changed", "plain-text document sent as a text part")
        _document_knobs(part, log)
        return {"type": "text", "text": src.data}
    inner: dict[str, Any]
    if src.kind == "base64" and src.data is not None:
        inner = {"file_data": data_url(src.media_type, src.data) if src.media_type else src.data}
    elif src.kind == "file" and src.file_id is not None:
        if src.origin not in (Api.CHAT, Api.RESPONSES):
            log.semantic(part.at, "file_id_foreign", f"{src.origin} file id is meaningless to OpenAI")
            return None
        inner = {"file_id": src.file_id}
    else:
        # Chat has no document URL (WIRE.md §6.2: lossy unless the translator downloads it).
        log.semantic(part.at, "unsupported_part", f"chat file parts cannot take a {src.kind} source")
        return None
    if part.filename is not None:
        inner["filename"] = part.filename
    elif "file_data" in inner and not hint_of(part.extras, "~no_filename"):
        # OpenAI refuses file_data without a filename (PEERS.md bug 31).
        inner["filename"] = document_filename(part, log)
    _document_knobs(part, log)
    out: dict[str, Any] = {"type": "file", "file": _merge_inner(inner, part.extras)}
    out.update(cache_field(part.cache, part.at, log))
    out.update(carry(part.extras, CHAT, part.at, log))
    return out


def _document_knobs(part: ir.Document, log: LossLog) -> None:
    if part.title is not None:
        log.degraded(part.at + "/title", "unsupported_field", "document title has no chat equivalent")
    if part.context is not None:
        log.degraded(part.at + "/context", "unsupported_field", "document context has no chat equivalent")


def encode_part(part: ir.Part, log: LossLog) -> dict[str, Any] | None:
    """A content-array element for ``part``, or None (with a recorded loss) when Chat has none."""
    if isinstance(part, ir.Text):
        return encode_text(part, log)
    if isinstance(part, ir.Image):
        return _encode_image(part, log)
    if isinstance(part, ir.Document):
        return _encode_document(part, log)
    if isinstance(part, ir.Audio):
        inner = _merge_inner({"data": part.data, "format": part.format}, part.extras)
        out: dict[str, Any] = {"type": "input_audio", "input_audio": inner}
        out.update(carry(part.extras, CHAT, part.at, log))
        return out
    if isinstance(part, ir.Refusal):
        out = {"type": "refusal", "refusal": part.text}
        out.update(carry(part.extras, CHAT, part.at, log))
        return out
    if isinstance(part, ir.Opaque):
        if part.origin is CHAT:
            return part.raw
        opaque_loss(part, CHAT, log)
        return None
    if isinstance(part, ir.Reasoning):
        log.degraded(part.at, "reasoning_dropped", "chat has no reasoning carrier")
        return None
    log.semantic(part.at, "unsupported_part", f"{type(part).__name__} cannot be a chat content part")
    return None
