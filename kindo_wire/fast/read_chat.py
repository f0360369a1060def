"""A plain Chat Completions request, read as ``chat.request.decode_request`` would (WIRE.md §1.1-§1.4).

Plain: the top-level fields below, none of them ``null``; messages of the roles system, developer,
user, assistant and tool with nothing but ``role``/``content`` (plus ``tool_calls`` on assistant
turns and ``tool_call_id`` on tool turns); text and image parts; function tools and tool calls.
Anything else returns None and the body takes the general path.
"""

from __future__ import annotations

from typing import Any

from ..mapping.media import parse_data_url
from .common import Knobs, read_chat_call, read_knobs, read_tool_choice
from .model import Part, Request, Tool

# Top-level knobs copied as they are: wire key -> (Request attribute, the JSON types a plain body has).
_KNOBS: Knobs = {
    "temperature": ("temperature", (int, float)),
    "top_p": ("top_p", (int, float)),
    "stream": ("stream", (bool,)),
    "parallel_tool_calls": ("parallel", (bool,)),
    "store": ("store", (bool,)),
    "max_tokens": ("max_tokens", (int,)),
    "max_completion_tokens": ("max_tokens", (int,)),
    "user": ("user", (str,)),
    "safety_identifier": ("safety_identifier", (str,)),
    "metadata": ("metadata", (dict,)),
}
_STRUCTURED = frozenset({"model", "messages", "tools", "tool_choice", "stop", "stream_options"})
_INPUT_ROLES = frozenset({"user", "system", "developer"})


def read_request(body: dict[str, Any]) -> Request | None:
    model = body.get("model")
    if type(model) is not str:
        return None
    if "max_tokens" in body and "max_completion_tokens" in body:
        return None  # both: the deprecated one is a Chat-only leftover
    request = Request(model, "/max_tokens" if "max_tokens" in body else "/max_completion_tokens")
    if not read_knobs(body, request, _KNOBS, _STRUCTURED):
        return None
    messages = body.get("messages")
    if type(messages) is not list or not _turns(messages, request):
        return None
    turns = request.turns
    if turns and turns[0][0] == "system" and type(turns[0][1]) is str:
        # a leading bare-string system message is the instructions (request._lift_instructions)
        request.instructions = turns.pop(0)
    if not _stop(body, request):
        return None
    tools = body.get("tools")
    if tools is not None and not _tools(tools, request):
        return None
    choice = body.get("tool_choice")
    return request if choice is None or read_tool_choice(choice, request, nested=True) else None


def _stop(body: dict[str, Any], request: Request) -> bool:
    stop = body.get("stop")
    if stop is not None:
        if type(stop) is not list or not all(type(s) is str for s in stop):
            return False  # a bare string is form the other APIs cannot keep: left to the codecs
        request.stop = stop
    options = body.get("stream_options")
    if options is not None:
        if type(options) is not dict or len(options) != 1 or type(options.get("include_usage")) is not bool:
            return False
        request.include_usage = options["include_usage"]
    return True


def _turns(messages: list[Any], request: Request) -> bool:
    turns = request.turns
    for i, message in enumerate(messages):
        if type(message) is not dict:
            return False
        at = f"/messages/{i}"
        role, content = message.get("role"), message.get("content")
        if role == "tool":
            call_id = message.get("tool_call_id")
            if len(message) != 3 or type(content) is not str or type(call_id) is not str:
                return False
            turns.append(("user", [("result", call_id, content, None, at)], at))
            continue
        if role == "assistant":
            if len(message) != 1 + ("content" in message) + ("tool_calls" in message):
                return False
        elif type(role) is not str or role not in _INPUT_ROLES or len(message) != 2:
            return False
        calls = message.get("tool_calls") if role == "assistant" else None
        if type(content) is str:
            if calls is None:
                turns.append((role, content, at))
                continue
            parts: list[Part] | None = [("text", content, at + "/content", True, False)]
        elif content is None and role == "assistant":
            parts = []
        else:
            parts = _parts(content, at, role == "user")
        if parts is None or (calls is not None and not _calls(calls, at, parts, request.names)):
            return False
        turns.append((role, parts, at))
    return True


def _parts(content: Any, at: str, images: bool) -> list[Part] | None:
    """A content array: text parts (and image parts in a user message)."""
    if type(content) is not list:
        return None
    parts: list[Part] = []
    for j, part in enumerate(content):
        if type(part) is not dict or len(part) != 2:
            return None
        kind = part.get("type")
        if kind == "text" and type(part.get("text")) is str:
            parts.append(("text", part["text"], f"{at}/content/{j}", False, False))
        elif kind == "image_url" and images and "image_url" in part:
            inner = part["image_url"]
            url = inner.get("url") if type(inner) is dict else None
            detail = inner.get("detail") if type(inner) is dict else None
            if type(url) is not str or len(inner) != 1 + ("detail" in inner):
                return None
            if not (detail is None or type(detail) is str) or ("detail" in inner and detail is None):
                return None
            parsed = parse_data_url(url)
            part_at = f"{at}/content/{j}"
            detail_at = part_at + "/image_url/detail" if detail is not None else ""
            if parsed is None:
                parts.append(("image", url, "", "", detail, part_at, detail_at))
            else:
                parts.append(("image", None, parsed[0], parsed[1], detail, part_at, detail_at))
        else:
            return None
    return parts


def _calls(calls: Any, at: str, parts: list[Part], names: set[str]) -> bool:
    if type(calls) is not list:
        return False
    for j, call in enumerate(calls):
        read = read_chat_call(call)
        if read is None:
            return False
        call_id, name, arguments = read
        names.add(name)
        parts.append(("call", call_id, name, arguments, None, f"{at}/tool_calls/{j}"))
    return True


def _tools(tools: Any, request: Request) -> bool:
    if type(tools) is not list:
        return False
    out: list[Tool] = []
    for i, tool in enumerate(tools):
        if type(tool) is not dict or len(tool) != 2 or tool.get("type") != "function":
            return False
        inner = tool.get("function")
        if type(inner) is not dict:
            return False
        name, description = inner.get("name"), inner.get("description")
        parameters, strict = inner.get("parameters"), inner.get("strict")
        if (
            type(name) is not str
            or not (description is None or type(description) is str)
            or not (parameters is None or type(parameters) is dict)
            or not (strict is None or type(strict) is bool)
            # nothing else, and none of them null (a null is a Chat-only form)
            or len(inner) != 1 + (description is not None) + (parameters is not None) + (strict is not None)
        ):
            return False
        request.names.add(name)
        out.append((name, f"/tools/{i}", description, parameters, strict, None))
    request.tools = out
    return True
