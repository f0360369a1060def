"""What the Responses codec tests share: the API shorthands, losses as (pointer, severity, code)
tuples and a Response body round trip (test_responses_codec.py, test_responses_codec_encode.py,
test_responses_codec_responses.py)."""

from __future__ import annotations

from typing import Any

from kindo_wire.api import Api
from kindo_wire.loss import LossLog, Severity
from kindo_wire.responses.response import decode_response, encode_response

RS, CHAT, AM = Api.RESPONSES, Api.CHAT, Api.MESSAGES


def losses(log: LossLog) -> list[tuple[str, Severity, str]]:
    return [(loss.pointer, loss.severity, loss.code) for loss in log.items]


def resp_roundtrip(body: dict[str, Any]) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_response(decode_response(body, log), log, None), log
