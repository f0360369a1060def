"""Responses content parts <-> IR parts (WIRE.md §3.2 input parts, §3.3 output_text, §6.2).

Part types: ``input_text`` / ``output_text`` -> ``Text``, ``refusal`` -> ``Refusal``, ``input_image`` ->
``Image``, ``input_file`` -> ``Document``, ``input_audio`` -> ``Audio``, anything else -> ``Opaque``.
Hints (own encoder only): ``~t`` the part type when it is not the role's default, ``~ann`` whether
``annotations`` was sent when that is not the type's default, ``~raw`` on a ``CacheHint`` (the exact
``prompt_cache_breakpoint``), ``~detail`` False when an image had no ``detail``, ``~rs`` on audio
that came from Responses.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import opaque_loss
from ..api import Api
from ..errors import RequestError
from ..loss import LossLog
from ..mapping.cache_breakpoints import openai_breakpoint
from ..mapping.media import data_url, document_filename, parse_data_url
from ..shapes import need_object, need_string_field, wrong_type
from .codec_util import RS, extras, leftovers, merge, mine

OUTPUT_TEXT = "output_text"
INPUT_TEXT = "input_text"

_TEXT_KNOWN = frozenset({"type", "text", "annotations", "prompt_cache_breakpoint"})
_REFUSAL_KNOWN = frozenset({"type", "refusal"})
_AUDIO_KNOWN = frozenset({"type", "input_audio"})
_FALLBACK_MEDIA_TYPE = "application/octet-stream"


def decode_content(content: Any, at: str, assistant: bool) -> tuple[ir.Part, ...]:
    """A message item's ``content``: a bare string is one plain ``Text``; a list, one part per entry."""
    if isinstance(content, str):
        return (ir.Text(content, plain=True, at=at),)
    if not isinstance(content, list):
        wrong_type(content, at, "content", "a string or a list of parts")
    default = OUTPUT_TEXT if assistant else INPUT_TEXT
    return tuple(
        decode_part(need_object(p, f"{at}/{j}", "a content part"), f"{at}/{j}", default)
        for j, p in enumerate(content)
    )


def decode_part(part: dict[str, Any], at: str, default_text: str = INPUT_TEXT) -> ir.Part:
    kind = part.get("type")
    if kind in (INPUT_TEXT, OUTPUT_TEXT):
        return _decode_text(part, at, kind, default_text)
    if kind == "refusal":
        return ir.Refusal(
            need_string_field(part, "refusal", at), at=at, extras=extras(leftovers(part, _REFUSAL_KNOWN))
        )
    if kind == "input_image":
        return _decode_image(part, at)
    if kind == "input_file":
        return _decode_file(part, at)
    if kind == "input_audio":
        audio = need_object(part.get("input_audio"), f"{at}/input_audio", "input_audio")
        rest = leftovers(part, _AUDIO_KNOWN)
        rest["~rs"] = {k: v for k, v in audio.items() if k not in ("data", "format")}
        return ir.Audio(
            need_string_field(audio, "data", f"{at}/input_audio"),
            need_string_field(audio, "format", f"{at}/input_audio"),
            at=at,
            extras=extras(rest),
        )
    return ir.Opaque(RS, str(kind), part, at=at)


def _decode_text(part: dict[str, Any], at: str, kind: str, default_text: str) -> ir.Text:
    rest = leftovers(part, _TEXT_KNOWN)
    if kind != default_text:
        rest["~t"] = kind
    annotations = part.get("annotations")
    has_ann = isinstance(annotations, list)
    if has_ann != (kind == OUTPUT_TEXT):
        rest["~ann"] = has_ann
    citations = tuple(decode_citation(a) for a in annotations) if isinstance(annotations, list) else ()
    if not has_ann and annotations is not None:
        rest["annotations"] = annotations  # not a list: kept as sent
    breakpoint_ = part.get("prompt_cache_breakpoint")
    cache = ir.CacheHint(extras=extras({"~raw": breakpoint_})) if breakpoint_ is not None else None
    return ir.Text(need_string_field(part, "text", at), citations, cache, at=at, extras=extras(rest))


def decode_citation(annotation: Any) -> ir.Citation:
    """An ``output_text`` annotation; only ``url_citation`` maps to other APIs (WIRE.md §6.7)."""
    raw = annotation if isinstance(annotation, dict) else {"value": annotation}
    if raw.get("type") != "url_citation":
        return ir.Citation(RS, raw)
    return ir.Citation(
        RS, raw, url=raw.get("url"), title=raw.get("title"),
        start_index=raw.get("start_index"), end_index=raw.get("end_index"),
    )  # fmt: skip


def _source_from_url(url: str) -> ir.Source:
    parsed = parse_data_url(url)
    if parsed is not None:
        return ir.Source("base64", media_type=parsed[0], data=parsed[1])
    return ir.Source("url", url=url)


def _decode_image(part: dict[str, Any], at: str) -> ir.Image:
    url, file_id = part.get("image_url"), part.get("file_id")
    known = {"type", "detail", "prompt_cache_breakpoint"}
    if isinstance(url, str):
        source = _source_from_url(url)
        known.add("image_url")
    elif isinstance(file_id, str):
        source = ir.Source("file", file_id=file_id, origin=RS)
        known.add("file_id")
    else:
        raise RequestError("input_image needs an image_url or a file_id", pointer=at)
    rest = leftovers(part, known)
    if "detail" not in part:
        rest["~detail"] = False
    return ir.Image(source, part.get("detail"), _cache(part), at=at, extras=extras(rest))


def _decode_file(part: dict[str, Any], at: str) -> ir.Document:
    known = {"type", "filename", "prompt_cache_breakpoint"}
    if isinstance(data := part.get("file_data"), str):
        parsed = parse_data_url(data)
        # file_data is a data URL or bare base64 (WIRE.md §3.2); a bare one has no media type
        source = (
            ir.Source("base64", media_type=parsed[0], data=parsed[1])
            if parsed
            else ir.Source("base64", data=data)
        )
        known.add("file_data")
    elif isinstance(url := part.get("file_url"), str):
        source = ir.Source("url", url=url)
        known.add("file_url")
    elif isinstance(file_id := part.get("file_id"), str):
        source = ir.Source("file", file_id=file_id, origin=RS)
        known.add("file_id")
    else:
        raise RequestError("input_file needs file_data, file_url or file_id", pointer=at)
    rest = leftovers(part, known)
    if "filename" not in part:
        rest["~no_filename"] = True  # as sent: no name is made up on the way back
    return ir.Document(source, part.get("filename"), cache=_cache(part), at=at, extras=extras(rest))


def _cache(part: dict[str, Any]) -> ir.CacheHint | None:
    value = part.get("prompt_cache_breakpoint")
    return ir.CacheHint(extras=extras({"~raw": value})) if value is not None else None


# ---- encoding -------------------------------------------------------------------------------------


def encode_part(part: ir.Part, assistant: bool, log: LossLog) -> dict[str, Any] | None:
    """One content part of a message item (or of a tool output); None when it cannot be sent."""
    if isinstance(part, ir.Text):
        return encode_text(part, assistant, log)
    if isinstance(part, ir.Refusal):
        return merge({"type": "refusal", "refusal": part.text}, part.extras, part.at, log)
    if isinstance(part, ir.Image):
        return _encode_image(part, log)
    if isinstance(part, ir.Document):
        return _encode_document(part, log)
    if isinstance(part, ir.Audio):
        rest = mine(part.extras, "~rs")
        if rest is None:
            log.semantic(part.at, "audio_dropped", "Responses takes no input_audio in message content")
            return None
        out = {"type": "input_audio", "input_audio": {"data": part.data, "format": part.format, **rest}}
        return merge(out, part.extras, part.at, log)
    if isinstance(part, ir.Opaque):
        if part.origin is RS:
            return part.raw
        opaque_loss(part, RS, log)
        return None
    log.semantic(
        part.at, "unsupported_part", f"a {type(part).__name__} cannot be message content in Responses"
    )
    return None


def encode_text(part: ir.Text, assistant: bool, log: LossLog) -> dict[str, Any]:
    kind = mine(part.extras, "~t") or (OUTPUT_TEXT if assistant else INPUT_TEXT)
    out: dict[str, Any] = {"type": kind, "text": part.text}
    with_ann = mine(part.extras, "~ann")
    if with_ann is None:
        with_ann = kind == OUTPUT_TEXT
    if with_ann:
        out["annotations"] = encode_citations(part, log)
    elif part.citations:
        log.semantic(part.at, "citation_dropped", f"{kind} parts carry no annotations")
    if part.logprobs is not None:
        out["logprobs"] = list(part.logprobs.tokens)
    _put_cache(out, part.cache, part.at, log)
    return merge(out, part.extras, part.at, log)


def encode_citations(part: ir.Text, log: LossLog) -> list[Any]:
    """Annotations of an ``output_text``: own ones verbatim, URL citations mapped (WIRE.md §6.7)."""
    out: list[Any] = []
    for citation in part.citations:
        if citation.origin is RS:
            out.append(citation.raw)
        elif citation.url is not None and citation.start_index is not None and citation.end_index is not None:
            out.append(
                {
                    "type": "url_citation",
                    "url": citation.url,
                    "title": citation.title or "",
                    "start_index": citation.start_index,
                    "end_index": citation.end_index,
                }
            )
        else:
            kind = citation.raw.get("type")
            log.semantic(
                part.at, "citation_dropped", f"{citation.origin.value} citation {kind!r} is no URL citation"
            )
    return out


def _put_cache(out: dict[str, Any], cache: ir.CacheHint | None, at: str, log: LossLog) -> None:
    """An OpenAI-made breakpoint, placed; an Anthropic one, reported (``mapping/cache_breakpoints.py``)."""
    if cache is None:
        return
    value = openai_breakpoint(cache, RS, at, log)
    if value is not None:
        out["prompt_cache_breakpoint"] = value


def _foreign_file(source: ir.Source, at: str, log: LossLog) -> bool:
    """An Anthropic file id: meaningless to OpenAI (WIRE.md §6.2), so the part is not sent (as for Chat)."""
    if source.kind == "file" and source.origin is Api.MESSAGES:
        log.semantic(at, "file_id_foreign", f"Anthropic file id {source.file_id!r} not sent to OpenAI")
        return True
    return False


def _encode_image(part: ir.Image, log: LossLog) -> dict[str, Any] | None:
    source = part.source
    if _foreign_file(source, part.at, log):
        return None
    out: dict[str, Any] = {"type": "input_image"}
    if source.kind == "base64":
        out["image_url"] = data_url(source.media_type or _FALLBACK_MEDIA_TYPE, source.data or "")
    elif source.kind == "url":
        out["image_url"] = source.url
    elif source.kind == "file":
        out["file_id"] = source.file_id or ""
    else:
        log.semantic(
            part.at, "unsupported_part", f"an image from a {source.kind} source has no Responses form"
        )
        return None
    if part.detail is not None:
        out["detail"] = part.detail
    elif mine(part.extras, "~detail") is None:
        out["detail"] = "auto"  # the SDK marks detail required; auto is the API default (WIRE.md §3.2)
    _put_cache(out, part.cache, part.at, log)
    return merge(out, part.extras, part.at, log)


def _encode_document(part: ir.Document, log: LossLog) -> dict[str, Any] | None:
    source = part.source
    if _foreign_file(source, part.at, log):
        return None
    if source.kind == "text":
        # A plain-text document is text to OpenAI (WIRE.md §6.2 "Plain-text document")
        out: dict[str, Any] = {"type": INPUT_TEXT, "text": source.data or ""}
    else:
        out = {"type": "input_file"}
        if source.kind == "base64":
            data = source.data or ""
            out["file_data"] = data_url(source.media_type, data) if source.media_type else data
        elif source.kind == "url":
            out["file_url"] = source.url
        else:
            out["file_id"] = source.file_id or ""
        if part.filename is not None:
            out["filename"] = part.filename
        elif source.kind == "base64" and not mine(part.extras, "~no_filename"):
            # OpenAI refuses file_data without a filename (PEERS.md bug 31): use the title, or a
            # name made from the media type.
            out["filename"] = document_filename(part, log)
    for name, value in (("title", part.title), ("context", part.context)):
        if value is not None:
            log.degraded(
                f"{part.at}/{name}", "unsupported_field", f"document {name} has no Responses equivalent"
            )
    _put_cache(out, part.cache, part.at, log)
    return merge(out, part.extras, part.at, log)
