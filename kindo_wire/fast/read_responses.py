"""A plain Responses request, read as ``responses.request.decode_request`` would (WIRE.md §3.1-§3.4).

Plain: the top-level fields below, none of them ``null``; ``input`` as a string or a list of
message items (text and image parts; no item ``id``/``status``), ``function_call`` and
``function_call_output`` items with nothing else on them; function tools. Turns are grouped as
``responses.codec_items.decode_input`` groups them: a run of assistant-side items is one assistant
turn (a message item right after another starts a new one), a run of tool outputs one user turn.
"""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..mapping.media import parse_data_url
from .common import Knobs, read_knobs, read_tool_choice
from .model import Part, Request, Tool

_KNOBS: Knobs = {
    "max_output_tokens": ("max_tokens", (int,)),
    "temperature": ("temperature", (int, float)),
    "top_p": ("top_p", (int, float)),
    "stream": ("stream", (bool,)),
    "parallel_tool_calls": ("parallel", (bool,)),
    "store": ("store", (bool,)),
    "user": ("user", (str,)),
    "safety_identifier": ("safety_identifier", (str,)),
    "metadata": ("metadata", (dict,)),
}
_STRUCTURED = frozenset({"model", "input", "instructions", "tools", "tool_choice"})
_INPUT_ROLES = frozenset({"user", "system", "developer"})
_TOOL_KEYS = frozenset({"type", "name", "description", "parameters", "strict"})


def read_request(body: dict[str, Any]) -> Request | None:
    model, source, instructions = body.get("model"), body.get("input"), body.get("instructions")
    if type(model) is not str:
        return None
    request = Request(model, "/max_output_tokens")
    if not read_knobs(body, request, _KNOBS, _STRUCTURED):
        return None
    if type(source) is str:
        request.turns.append(("user", source, "/input"))
    elif type(source) is not list or not _items(source, request):
        return None  # no input at all is a form only Responses keeps
    if instructions is not None:
        if type(instructions) is not str:
            return None
        request.instructions = ("system", instructions, "/instructions")
    tools = body.get("tools")
    if tools is not None and not _tools(tools, request):
        return None
    choice = body.get("tool_choice")
    return request if choice is None or read_tool_choice(choice, request, nested=False) else None


def _items(items: list[Any], request: Request) -> bool:
    """``codec_items.decode_input``: the turn still open is an assistant one (``open_role``) or the
    tool outputs; ``after_message``: its last item was a message item."""
    turns = request.turns
    open_role: str | None = None
    parts: list[Part] = []
    after_message = False
    for i, item in enumerate(items):
        if type(item) is not dict:
            return False
        at = f"/input/{i}"
        kind = item.get("type")
        if kind == "function_call":
            call_id, name, arguments = item.get("call_id"), item.get("name"), item.get("arguments")
            if (
                len(item) != 4
                or type(call_id) is not str
                or type(name) is not str
                or type(arguments) is not str
            ):
                return False
            request.names.add(name)
            if open_role != "assistant":
                open_role, parts = "assistant", []
                turns.append(("assistant", parts, at))
            parts.append(("call", call_id, name, arguments, None, at))
            after_message = False
            continue
        if kind == "function_call_output":
            call_id, output = item.get("call_id"), item.get("output")
            if len(item) != 3 or type(call_id) is not str or type(output) is not str:
                return False
            if open_role != "user":
                open_role, parts = "user", []
                turns.append(("user", parts, at))
            parts.append(("result", call_id, output, None, at))
            after_message = False
            continue
        role = item.get("role")
        if len(item) != 2 + (kind is not None) or (kind is not None and kind != "message"):
            return False
        if role == "assistant":
            texts = _assistant_content(item.get("content"), f"{at}/content")
            if texts is None:
                return False
            if open_role != "assistant" or after_message:
                open_role, parts = "assistant", []
                turns.append(("assistant", parts, at))
            parts.extend(texts)
            after_message = True
            continue
        if type(role) is not str or role not in _INPUT_ROLES or (kind is not None and role != "user"):
            # a typed system item carries form extras: no longer a bare system message to Chat
            return False
        content = item.get("content")
        if type(content) is not str:
            content = _input_content(content, f"{at}/content", role == "user")
            if content is None:
                return False
        open_role, after_message = None, False
        turns.append((role, content, at))
    return True


def _assistant_content(content: Any, at: str) -> list[Part] | None:
    if type(content) is str:
        return [("text", content, at, True, False)]
    if type(content) is not list or not content:
        return None
    parts: list[Part] = []
    for j, part in enumerate(content):
        if (
            type(part) is not dict
            or part.get("type") != "output_text"
            or type(part.get("text")) is not str
            or len(part) != 2 + ("annotations" in part)
            or part.get("annotations", []) != []
        ):
            return None
        parts.append(("text", part["text"], f"{at}/{j}", False, False))
    return parts


def _input_content(content: Any, at: str, images: bool) -> list[Part] | None:
    if type(content) is not list:
        return None
    parts: list[Part] = []
    for j, part in enumerate(content):
        if type(part) is not dict:
            return None
        kind = part.get("type")
        if kind == "input_text" and len(part) == 2 and type(part.get("text")) is str:
            parts.append(("text", part["text"], f"{at}/{j}", False, False))
            continue
        url, detail = part.get("image_url"), part.get("detail")
        if (
            kind != "input_image"
            or not images
            or type(url) is not str
            or not (detail is None or type(detail) is str)
            or len(part) != 2 + (detail is not None)
        ):
            return None
        parsed = parse_data_url(url)
        part_at = f"{at}/{j}"
        detail_at = part_at + "/detail" if detail is not None else ""
        if parsed is None:
            parts.append(("image", url, "", "", detail, part_at, detail_at))
        else:
            parts.append(("image", None, parsed[0], parsed[1], detail, part_at, detail_at))
    return parts


def _tools(tools: Any, request: Request) -> bool:
    if type(tools) is not list:
        return False
    out: list[Tool] = []
    for i, tool in enumerate(tools):
        if type(tool) is not dict or tool.get("type") != "function" or not tool.keys() <= _TOOL_KEYS:
            return False
        name, description = tool.get("name"), tool.get("description")
        parameters, strict = tool.get("parameters"), tool.get("strict")
        if (
            type(name) is not str
            or None in tool.values()
            or not (description is None or type(description) is str)
            or not (parameters is None or type(parameters) is dict)
            or not (strict is None or type(strict) is bool)
        ):
            return False
        request.names.add(name)
        # strict left out means "strict if the schema allows" in Responses (strict_schema)
        out.append((name, f"/tools/{i}", description, parameters, strict, Api.RESPONSES))
    request.tools = out
    return True
