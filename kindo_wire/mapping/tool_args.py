"""Tool-call arguments: a JSON string in Chat and Responses, a JSON object in Anthropic (WIRE.md §6.5).

"The model does not always generate valid JSON" [OA:chat/chat_completion_message_function_tool_call_param.py],
and Anthropic's ``input`` must be an object. Arguments that are not a JSON object are wrapped as
``{"raw_arguments": "<the text>"}`` with a SEMANTIC loss, and unwrapped again on the way back to a
string API, so nothing is dropped and nothing crashes.
"""

from __future__ import annotations

from typing import Any

from .._fastjson import dumps, loads
from ..ir import ToolCall
from ..loss import LossLog

RAW_ARGUMENTS_KEY = "raw_arguments"


def _compact(value: Any) -> str:
    return dumps(value).decode()


def arguments_text(call: ToolCall) -> str:
    """The call's arguments as JSON text (Chat ``function.arguments``, Responses ``arguments``)."""
    if call.arguments is not None:
        return call.arguments
    value = call.input
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(RAW_ARGUMENTS_KEY), str):
        return str(value[RAW_ARGUMENTS_KEY])
    return _compact({} if value is None else value)


def arguments_object(call: ToolCall, log: LossLog) -> dict[str, Any]:
    """The call's arguments as a JSON object (Anthropic ``tool_use.input``).

    Records a COSMETIC loss when re-serializing would not give the same text back (whitespace, key
    order), and a SEMANTIC one when the text is not a JSON object (it is wrapped, not dropped).
    """
    if call.arguments is None:
        if isinstance(call.input, dict):
            return call.input
        log.semantic(call.at, "tool_arguments_not_object", "tool input is not a JSON object; wrapped")
        return {RAW_ARGUMENTS_KEY: _compact(call.input)}
    text = call.arguments
    if text == "" or text.isspace():
        if text:
            log.cosmetic(call.at, "tool_arguments_reformatted", "blank arguments sent as {}")
        return {}
    try:
        value = loads(text)
    except (ValueError, RecursionError):
        value = None
    else:
        if isinstance(value, dict):
            if dumps(value) != text.encode("utf-8", "surrogatepass"):
                log.cosmetic(call.at, "tool_arguments_reformatted", "arguments re-serialized compactly")
            return value
    log.semantic(
        call.at, "tool_arguments_not_object", "arguments are not a JSON object; sent as {raw_arguments: text}"
    )
    return {RAW_ARGUMENTS_KEY: text}
