"""What the Anthropic Messages codec tests share: the API and severity shorthands, losses as
(code, pointer, severity) tuples, a request encoder returning them, and builders for a foreign
(OpenAI-shaped) IR request (test_messages_codec.py, test_messages_codec_encode.py,
test_messages_codec_responses.py)."""

from __future__ import annotations

from typing import Any

from kindo_wire import ir
from kindo_wire.api import Api
from kindo_wire.loss import LossLog, Severity
from kindo_wire.messages.request import encode_request

M, C, R = Api.MESSAGES, Api.CHAT, Api.RESPONSES
D, S, COS = Severity.DEGRADED, Severity.SEMANTIC, Severity.COSMETIC

Loss3 = tuple[str, str, Severity]


def losses(log: LossLog) -> list[Loss3]:
    return [(loss.code, loss.pointer, loss.severity) for loss in log.items]


def enc(req: ir.Request) -> tuple[dict[str, Any], list[Loss3]]:
    log = LossLog()
    return encode_request(req, log), losses(log)


def req(*messages: ir.Message, **fields: Any) -> ir.Request:
    """A foreign (OpenAI-shaped) IR request; max_tokens given so that it is no loss."""
    fields.setdefault("max_tokens", 100)
    return ir.Request(model="m", messages=messages, **fields)


def user(*parts: ir.Part, at: str = "/messages/0") -> ir.Message:
    return ir.Message("user", parts, at=at)


def text(value: str, at: str = "/messages/0/content") -> ir.Text:
    return ir.Text(value, plain=True, at=at)
