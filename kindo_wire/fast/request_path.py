"""The fast path for requests: a plain body read by its source's reader, written by the target's writer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..api import Api
from ..converted import Converted, converted
from ..loss import LossLog
from . import read_chat, read_messages, read_responses, write_chat, write_messages, write_responses
from .common import names_valid
from .model import Request

READERS: dict[Api, Callable[[dict[str, Any]], Request | None]] = {
    Api.CHAT: read_chat.read_request,
    Api.MESSAGES: read_messages.read_request,
    Api.RESPONSES: read_responses.read_request,
}
WRITERS: dict[Api, Callable[[Request, LossLog], dict[str, Any] | None]] = {
    Api.CHAT: write_chat.write_request,
    Api.MESSAGES: write_messages.write_request,
    Api.RESPONSES: write_responses.write_request,
}


def fast_request(body: dict[str, Any], source: Api, target: Api, *, strict: bool = False) -> Converted | None:
    """``body`` (a request of ``source``) as ``target``'s, or None when it is not plain.

    Plain bodies convert to the same bytes, with the same losses, as through the IR. ``strict`` raises
    ``LossError`` as ``convert_request`` does.
    """
    request = READERS[source](body)
    if request is None or not names_valid(request.names, target):
        return None  # a name the target rejects is rewritten (mapping.rename): not plain
    log = LossLog()
    out = WRITERS[target](request, log)
    if out is None:
        return None
    return converted(out, log.freeze(strict=strict))
