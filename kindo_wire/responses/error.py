"""responses error envelope <-> IR error. (Scaffold: filled in by the errors work.)"""

from __future__ import annotations

from typing import Any

from .. import ir


def decode_error(body: dict[str, Any], status: int | None) -> ir.Error:
    raise NotImplementedError


def encode_error(error: ir.Error) -> tuple[dict[str, Any], int]:
    raise NotImplementedError
