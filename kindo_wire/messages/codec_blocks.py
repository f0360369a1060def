"""Anthropic content blocks -> IR parts: request and response share one grammar (WIRE.md §2.4, §2.8).

Every block a client may replay is the same object the response carried, so one decoder serves both.
Blocks with no IR counterpart (server-tool calls and results, search results, container uploads,
unknown types, documents with custom-content sources) become ``ir.Opaque`` and come back verbatim.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import ir
from ..mapping.reasoning_stash import unstash
from .codec_extras import M, decode_cache, fail, leftovers

# --- sources -------------------------------------------------------------------------------------
# [AN:image_block_param.py], [AN:document_block_param.py]: the exact key sets of each source variant.
# A source with any other shape stays Opaque (the whole block), so nothing in it is lost.
_SOURCE_KEYS: dict[str, frozenset[str]] = {
    "base64": frozenset({"type", "media_type", "data"}),
    "url": frozenset({"type", "url"}),
    "file": frozenset({"type", "file_id"}),
    "text": frozenset({"type", "media_type", "data"}),
}


def _source(source: Any) -> ir.Source | None:
    if not isinstance(source, dict):
        return None
    kind = source.get("type")
    keys = _SOURCE_KEYS.get(kind) if isinstance(kind, str) else None
    if keys is None or source.keys() != keys or not all(isinstance(source[k], str) for k in keys):
        return None
    if kind == "url":
        return ir.Source("url", url=source["url"])
    if kind == "file":
        return ir.Source("file", file_id=source["file_id"], origin=M)
    if kind == "text":
        return ir.Source("text", media_type=source["media_type"], data=source["data"])
    return ir.Source("base64", media_type=source["media_type"], data=source["data"])


# --- citations -----------------------------------------------------------------------------------
# [AN:text_citation_param.py]: only web_search_result_location carries a url (WIRE.md §6.7).


def _citation(raw: Any, at: str) -> ir.Citation:
    if not isinstance(raw, dict):
        fail("a citation must be an object", at)
    url = raw.get("url")
    title = raw.get("title")
    cited = raw.get("cited_text")
    return ir.Citation(
        origin=M,
        raw=raw,
        url=url if isinstance(url, str) else None,
        title=title if isinstance(title, str) else None,
        cited_text=cited if isinstance(cited, str) else None,
    )


# --- blocks --------------------------------------------------------------------------------------

_TEXT_KNOWN = ("type", "text", "citations", "cache_control")


def _text(block: dict[str, Any], at: str) -> ir.Part:
    text = block.get("text")
    if not isinstance(text, str):
        fail("text must be a string", f"{at}/text")
    citations = block.get("citations")
    if citations is not None and not isinstance(citations, list):
        fail("citations must be an array", f"{at}/citations")
    return ir.Text(
        text,
        citations=tuple(_citation(c, f"{at}/citations/{i}") for i, c in enumerate(citations))
        if citations
        else (),
        cache=decode_cache(block.get("cache_control"), f"{at}/cache_control"),
        at=at,
        # an empty citations list is form: kept as a hint so the list comes back
        extras=leftovers(block, _TEXT_KNOWN, empty_citations=True if citations == [] else None),
    )


_IMAGE_KNOWN = ("type", "source", "cache_control")
_DOCUMENT_KNOWN = ("type", "source", "title", "context", "cache_control")


def _image(block: dict[str, Any], at: str) -> ir.Part:
    source = _source(block.get("source"))
    if source is None or source.kind == "text":
        return ir.Opaque(M, "image", block, at)
    return ir.Image(
        source,
        cache=decode_cache(block.get("cache_control"), f"{at}/cache_control"),
        at=at,
        extras=leftovers(block, _IMAGE_KNOWN),
    )


def _document(block: dict[str, Any], at: str) -> ir.Part:
    source = _source(block.get("source"))
    title = block.get("title")
    context = block.get("context")
    if (
        source is None
        or not isinstance(title, (str, type(None)))
        or not isinstance(context, (str, type(None)))
    ):
        return ir.Opaque(M, "document", block, at)
    return ir.Document(
        source,
        title=title,
        context=context,
        cache=decode_cache(block.get("cache_control"), f"{at}/cache_control"),
        at=at,
        extras=leftovers(block, _DOCUMENT_KNOWN),  # citations {enabled} is Anthropic-only: a leftover
    )


_TOOL_USE_KNOWN = ("type", "id", "name", "input", "cache_control")


def _tool_use(block: dict[str, Any], at: str) -> ir.Part:
    call_id, name, value = block.get("id"), block.get("name"), block.get("input")
    if not isinstance(call_id, str):
        fail("tool_use id must be a string", f"{at}/id")
    if not isinstance(name, str):
        fail("tool_use name must be a string", f"{at}/name")
    if not isinstance(value, dict):
        fail("tool_use input must be an object", f"{at}/input")
    return ir.ToolCall(
        call_id,
        name,
        input=value,
        cache=decode_cache(block.get("cache_control"), f"{at}/cache_control"),
        at=at,
        extras=leftovers(block, _TOOL_USE_KNOWN),
    )


_TOOL_RESULT_KNOWN = ("type", "tool_use_id", "content", "is_error", "cache_control")


def _tool_result(block: dict[str, Any], at: str) -> ir.Part:
    call_id = block.get("tool_use_id")
    if not isinstance(call_id, str):
        fail("tool_use_id must be a string", f"{at}/tool_use_id")
    content = block.get("content")
    parts: str | tuple[ir.Part, ...] | None
    if content is None or isinstance(content, str):
        parts = content
    elif isinstance(content, list):
        parts = decode_blocks(content, f"{at}/content")
    else:
        fail("tool_result content must be a string or an array", f"{at}/content")
    is_error = block.get("is_error")
    if not isinstance(is_error, (bool, type(None))):
        fail("is_error must be a boolean", f"{at}/is_error")
    return ir.ToolResult(
        call_id,
        parts,
        is_error=is_error,
        cache=decode_cache(block.get("cache_control"), f"{at}/cache_control"),
        at=at,
        extras=leftovers(block, _TOOL_RESULT_KNOWN),
    )


def _thinking(block: dict[str, Any], at: str) -> ir.Part:
    text, signature = block.get("thinking"), block.get("signature")
    if not isinstance(text, str):
        fail("thinking must be a string", f"{at}/thinking")
    # CONVERSION.md rule 8: a signature we minted carries another API's reasoning back to it.
    stashed = unstash(signature)
    if stashed is not None:
        return ir.Reasoning(stashed[0], text=text, raw=stashed[1], at=at)
    if not isinstance(signature, str):
        fail("signature must be a string", f"{at}/signature")
    return ir.Reasoning(M, text=text, signature=signature, raw=block, at=at)


def _redacted(block: dict[str, Any], at: str) -> ir.Part:
    data = block.get("data")
    stashed = unstash(data)
    if stashed is not None:
        return ir.Reasoning(stashed[0], raw=stashed[1], at=at)
    if not isinstance(data, str):
        fail("redacted_thinking data must be a string", f"{at}/data")
    return ir.Reasoning(M, redacted=data, raw=block, at=at)


_DECODERS: dict[str, Callable[[dict[str, Any], str], ir.Part]] = {
    "text": _text,
    "image": _image,
    "document": _document,
    "tool_use": _tool_use,
    "tool_result": _tool_result,
    "thinking": _thinking,
    "redacted_thinking": _redacted,
}


def decode_block(block: Any, at: str) -> ir.Part:
    if not isinstance(block, dict):
        fail("a content block must be an object", at)
    kind = block.get("type")
    if not isinstance(kind, str):
        fail("a content block needs a string type", f"{at}/type")
    decoder = _DECODERS.get(kind)
    # server_tool_use, *_tool_result, search_result, container_upload, mcp_*, unknown: Opaque (rule 9)
    return decoder(block, at) if decoder is not None else ir.Opaque(M, kind, block, at)


def decode_blocks(blocks: list[Any], at: str) -> tuple[ir.Part, ...]:
    return tuple([decode_block(b, f"{at}/{i}") for i, b in enumerate(blocks)])


def decode_content(content: Any, at: str) -> tuple[ir.Part, ...]:
    """A message's ``content``: a string is one plain ``Text`` (at the content pointer), a list its blocks."""
    if isinstance(content, str):
        return (ir.Text(content, plain=True, at=at),)
    if isinstance(content, list):
        return decode_blocks(content, at)
    fail("content must be a string or an array of content blocks", at)
