"""Which module converts each API to and from the IR (one folder per API: adding a fourth format
means one new folder and one row here, not six converters)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import ir
from .api import Api
from .chat import error as chat_error
from .chat import request as chat_request
from .chat import response as chat_response
from .loss import LossLog
from .messages import error as messages_error
from .messages import request as messages_request
from .messages import response as messages_response
from .responses import error as responses_error
from .responses import request as responses_request
from .responses import response as responses_response


@dataclass(frozen=True, slots=True)
class Codec:
    decode_request: Callable[[dict[str, Any], LossLog], ir.Request]
    encode_request: Callable[[ir.Request, LossLog], dict[str, Any]]
    decode_response: Callable[[dict[str, Any], LossLog], ir.Response]
    encode_response: Callable[[ir.Response, LossLog, dict[str, Any] | None], dict[str, Any]]
    decode_error: Callable[[dict[str, Any], int | None], ir.Error]
    encode_error: Callable[[ir.Error], tuple[dict[str, Any], int]]


CODECS: dict[Api, Codec] = {
    Api.CHAT: Codec(
        chat_request.decode_request,
        chat_request.encode_request,
        chat_response.decode_response,
        chat_response.encode_response,
        chat_error.decode_error,
        chat_error.encode_error,
    ),
    Api.MESSAGES: Codec(
        messages_request.decode_request,
        messages_request.encode_request,
        messages_response.decode_response,
        messages_response.encode_response,
        messages_error.decode_error,
        messages_error.encode_error,
    ),
    Api.RESPONSES: Codec(
        responses_request.decode_request,
        responses_request.encode_request,
        responses_response.decode_response,
        responses_response.encode_response,
        responses_error.decode_error,
        responses_error.encode_error,
    ),
}
