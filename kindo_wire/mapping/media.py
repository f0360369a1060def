"""Data URLs <-> base64 sources (WIRE.md §6.2)."""

from __future__ import annotations

import re

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
