"""The fast path for responses: a plain answer read by its source's reader, written by the target's writer."""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..converted import Converted, converted
from ..loss import LossLog
from . import answer_chat, answer_messages, answer_responses
from .answer import Answer
from .common import names_valid

READERS = {
    Api.CHAT: answer_chat.read_response,
    Api.MESSAGES: answer_messages.read_response,
    Api.RESPONSES: answer_responses.read_response,
}


def fast_response(
    body: dict[str, Any],
    source: Api,
    target: Api,
    client: dict[str, Any] | None = None,
    *,
    strict: bool = False,
) -> Converted | None:
    """``body`` (a response of ``source``) as ``target``'s, or None when it is not plain.

    ``client`` is the request the client sent, in ``target``'s format (as in ``convert_response``):
    its model id is echoed; a tool name it defines that ``source`` would have had rewritten sends the
    body down the general path, which restores it.
    """
    answer = READERS[source](body)
    if answer is None:
        return None
    if client is not None:
        if not names_valid(_tool_names(client, target), source):
            return None
        model = client.get("model")
        if type(model) is str:
            answer.model = model
    log = LossLog()
    out = _write(answer, target, log, client)
    if out is None:
        return None
    return converted(out, log.freeze(strict=strict))


def _write(answer: Answer, target: Api, log: LossLog, client: dict[str, Any] | None) -> dict[str, Any] | None:
    if target is Api.CHAT:
        return answer_chat.write_response(answer, log)
    if target is Api.MESSAGES:
        return answer_messages.write_response(answer, log)
    return answer_responses.write_response(answer, log, client)


def _tool_names(request: dict[str, Any], api: Api) -> list[str]:
    """The tool names a client request defines, in its own format (``convert._tool_names``)."""
    tools = request.get("tools")
    if type(tools) is not list:
        return []
    names = []
    for tool in tools:
        holder = tool.get("function") if api is Api.CHAT and type(tool) is dict else tool
        if type(holder) is dict and type(holder.get("name")) is str:
            names.append(holder["name"])
    return names
