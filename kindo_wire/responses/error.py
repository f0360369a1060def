"""Responses error envelope <-> IR error: the OpenAI envelope, shared with Chat (``chat/error.py``).

Besides ``{"error": {...}}`` the reader accepts the Responses stream ``error`` event
(``{"type": "error", "code", "message", "param", "sequence_number"}``) and a failed response
(``{"status": "failed", "error": {"code", "message"}}``, bare or inside ``response.failed``).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..api import Api
from ..chat.error import decode_openai, encode_openai


def decode_error(body: dict[str, Any], status: int | None) -> ir.Error:
    return decode_openai(body, status, Api.RESPONSES)


def encode_error(error: ir.Error) -> tuple[dict[str, Any], int]:
    return encode_openai(error)
