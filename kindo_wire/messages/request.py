"""messages request <-> IR request. (Scaffold: filled in by the messages codec work.)"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..loss import LossLog


def decode_request(body: dict[str, Any], log: LossLog) -> ir.Request:
    raise NotImplementedError


def encode_request(request: ir.Request, log: LossLog) -> dict[str, Any]:
    raise NotImplementedError
