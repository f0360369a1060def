"""chat response <-> IR response. (Scaffold: filled in by the chat codec work.)"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..loss import LossLog


def decode_response(body: dict[str, Any], log: LossLog) -> ir.Response:
    raise NotImplementedError


def encode_response(response: ir.Response, log: LossLog, request: dict[str, Any] | None) -> dict[str, Any]:
    raise NotImplementedError
