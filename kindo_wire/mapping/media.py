"""Data URLs <-> base64 sources (WIRE.md §6.2)."""

from __future__ import annotations

import re

from ..ir import Document
from ..loss import LossLog

# data:<media type>;base64,<payload> - the only data URL form that maps to a base64 source exactly.
_DATA_URL = re.compile(r"data:([a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+);base64,(.*)", re.S)

# Anthropic accepts only these image media types [AN:base64_image_source_param.py].
ANTHROPIC_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def parse_data_url(url: str) -> tuple[str, str] | None:
    """``(media_type, base64 data)`` of a ``data:...;base64,`` URL, or None for any other URL."""
    if not url.startswith("data:"):
        return None
    match = _DATA_URL.fullmatch(url)
    return (match.group(1), match.group(2)) if match else None


def data_url(media_type: str, data: str) -> str:
    return f"data:{media_type};base64,{data}"


# File extensions for the document media types gateways see; anything else gets ".bin".
_EXTENSIONS = {"application/pdf": ".pdf", "text/plain": ".txt", "text/csv": ".csv", "text/markdown": ".md"}


def document_filename(document: Document, log: LossLog) -> str:
    """A filename for inline document data sent to OpenAI, which requires one with ``file_data``.

    The document's title when it has one, else ``document`` plus the media type's extension; the
    made-up name is reported (COSMETIC ``filename_synthesized``).
    """
    if document.title:
        return document.title
    name = "document" + _EXTENSIONS.get(document.source.media_type or "", ".bin")
    log.cosmetic(
        f"{document.at}/filename", "filename_synthesized", f"inline file sent with filename {name!r}"
    )
    return name
