"""A plain Anthropic Messages request, read as ``messages.request.decode_request`` would (WIRE.md §2.2-§2.5).

Plain: the top-level fields below, none of them ``null``; ``system`` as a string or text blocks;
user and assistant turns of text (optionally with an ephemeral ``cache_control``), image, tool_use
and string tool_result blocks; custom tools without a type. No thinking, no output_config.
"""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..messages.codec_tools import CHOICE_TO_MODE
from .common import Knobs, read_knobs
from .model import Part, Request, Tool

_KNOBS: Knobs = {
    "max_tokens": ("max_tokens", (int,)),
    "temperature": ("temperature", (int, float)),
    "top_p": ("top_p", (int, float)),
    "stream": ("stream", (bool,)),
}
_STRUCTURED = frozenset({"model", "messages", "system", "tools", "tool_choice", "metadata", "stop_sequences"})
_EPHEMERAL = {"type": "ephemeral"}
_ROLES = frozenset({"user", "assistant"})
_BASE64_KEYS = frozenset({"type", "media_type", "data"})
_TOOL_KEYS = frozenset({"name", "description", "input_schema"})


def read_request(body: dict[str, Any]) -> Request | None:
    model = body.get("model")
    if type(model) is not str:
        return None
    request = Request(model, "/max_tokens")
    if not read_knobs(body, request, _KNOBS, _STRUCTURED):
        return None
    messages, system = body.get("messages"), body.get("system")
    if type(messages) is not list or not _turns(messages, request):
        return None
    if system is not None:
        content = system if type(system) is str else _system(system)
        if content is None:
            return None
        request.instructions = ("system", content, "/system")
    stop = body.get("stop_sequences")
    if stop is not None:
        if type(stop) is not list or not all(type(s) is str for s in stop):
            return None
        request.stop, request.stop_at = stop, "/stop_sequences"
    metadata = body.get("metadata")
    if metadata is not None:
        if type(metadata) is not dict or len(metadata) != 1 or type(metadata.get("user_id")) is not str:
            return None
        request.safety_identifier = metadata["user_id"]
    tools = body.get("tools")
    if tools is not None and not _tools(tools, request):
        return None
    choice = body.get("tool_choice")
    return request if choice is None or _choice(choice, request) else None


def _system(system: Any) -> list[Part] | None:
    if type(system) is not list or not system:
        return None
    parts: list[Part] = []
    for j, block in enumerate(system):
        text = _text(block, f"/system/{j}") if type(block) is dict and block.get("type") == "text" else None
        if text is None:
            return None
        parts.append(text)
    return parts


def _turns(messages: list[Any], request: Request) -> bool:
    turns = request.turns
    for i, message in enumerate(messages):
        if type(message) is not dict or len(message) != 2:
            return False
        role, content = message.get("role"), message.get("content")
        at = f"/messages/{i}"
        if type(role) is not str or role not in _ROLES:
            return False
        if type(content) is str:
            turns.append((role, content, at))
            continue
        if type(content) is not list:
            return False
        parts: list[Part] = []
        for j, block in enumerate(content):
            part = _block(block, f"{at}/content/{j}", request.names)
            if part is None:
                return False
            parts.append(part)
        turns.append((role, parts, at))
    return True


def _text(block: dict[str, Any], at: str) -> Part | None:
    """A text block (``type`` known to be ``text``), with an ephemeral breakpoint or none."""
    text = block.get("text")
    if type(text) is not str:
        return None
    if len(block) == 2:
        return ("text", text, at, False, False)
    if len(block) == 3 and block.get("cache_control") == _EPHEMERAL:
        return ("text", text, at, False, True)
    return None


def _block(block: Any, at: str, names: set[str]) -> Part | None:
    if type(block) is not dict:
        return None
    kind = block.get("type")
    if kind == "text":
        return _text(block, at)
    if kind == "tool_use":
        call_id, name, value = block.get("id"), block.get("name"), block.get("input")
        if len(block) != 4 or type(call_id) is not str or type(name) is not str or type(value) is not dict:
            return None
        names.add(name)
        return ("call", call_id, name, None, value, at)
    if kind == "tool_result":
        call_id, content, is_error = block.get("tool_use_id"), block.get("content"), block.get("is_error")
        if (
            type(call_id) is not str
            or not (content is None or type(content) is str)
            or not (is_error is None or type(is_error) is bool)
            or len(block) != 2 + (content is not None) + (is_error is not None)
        ):
            return None
        return ("result", call_id, content, is_error, at)
    if kind == "image" and len(block) == 2:
        return _image(block.get("source"), at)
    return None


def _image(source: Any, at: str) -> Part | None:
    if type(source) is not dict or not all(type(v) is str for v in source.values()):
        return None
    kind = source.get("type")
    if kind == "base64" and source.keys() == _BASE64_KEYS:
        return ("image", None, source["media_type"], source["data"], None, at, "")
    if kind == "url" and len(source) == 2 and "url" in source:
        return ("image", source["url"], "", "", None, at, "")
    return None


def _tools(tools: Any, request: Request) -> bool:
    if type(tools) is not list:
        return False
    out: list[Tool] = []
    for i, tool in enumerate(tools):
        if type(tool) is not dict or not tool.keys() <= _TOOL_KEYS:
            return False
        name, description, schema = tool.get("name"), tool.get("description"), tool.get("input_schema")
        if type(name) is not str or type(schema) is not dict:
            return False
        if "description" in tool and type(description) is not str:
            return False
        request.names.add(name)
        # an Anthropic schema: OpenAI strict mode may refuse it
        out.append((name, f"/tools/{i}", description, schema, None, Api.MESSAGES))
    request.tools = out
    return True


def _choice(choice: Any, request: Request) -> bool:
    if type(choice) is not dict:
        return False
    kind = choice.get("type")
    mode = CHOICE_TO_MODE.get(kind) if type(kind) is str else None
    disable = choice.get("disable_parallel_tool_use", False)
    if mode is None or type(disable) is not bool:
        return False
    expected = 1 + ("disable_parallel_tool_use" in choice)
    if mode == "tool":
        name = choice.get("name")
        if type(name) is not str or len(choice) != expected + 1:
            return False
        request.choice_name = name
        request.names.add(name)
    elif len(choice) != expected:
        return False
    request.choice = mode
    if "disable_parallel_tool_use" in choice:
        request.parallel = not disable
    return True
