"""Checks and conversions every fast-path module shares.

The argument helpers are ``mapping.tool_args`` for the only shapes a plain body has (JSON text that
is an object, an object): the same bytes and the same losses, without building an ``ir.ToolCall``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._fastjson import dumps, loads
from ..api import Api
from ..loss import LossLog
from ..mapping.tool_args import RAW_ARGUMENTS_KEY
from ..mapping.tool_names import is_valid
from ..messages.codec_parts import tool_use_id
from .model import Request

# Tool names already found valid, per target API: the same few names come with every turn of a
# conversation, and a set lookup is much cheaper than the regex. Bounded so it cannot grow forever.
_VALID_NAMES: dict[Api, set[str]] = {api: set() for api in Api}
_MAX_CACHED_NAMES = 4096


def names_valid(names: Iterable[str], target: Api) -> bool:
    """Whether ``target`` accepts every tool name as is (else ``mapping.rename`` would rewrite it)."""
    known = _VALID_NAMES[target]
    for name in names:
        if name in known:
            continue
        if not is_valid(name, target):
            return False
        if len(known) < _MAX_CACHED_NAMES:
            known.add(name)
    return True


def arguments_object(text: str, at: str, log: LossLog) -> dict[str, Any] | None:
    """``tool_args.arguments_object`` of a call whose arguments are JSON text; None when the text is
    not a JSON object (the general path wraps it, with a SEMANTIC loss: not a plain body)."""
    if text == "" or text.isspace():
        if text:
            log.cosmetic(at, "tool_arguments_reformatted", "blank arguments sent as {}")
        return {}
    try:
        value = loads(text)
    except (ValueError, RecursionError):
        return None
    if type(value) is not dict:
        return None
    if dumps(value) != text.encode("utf-8", "surrogatepass"):
        log.cosmetic(at, "tool_arguments_reformatted", "arguments re-serialized compactly")
    return value


def arguments_text(value: dict[str, Any]) -> str:
    """``tool_args.arguments_text`` of a call whose arguments are an object (Anthropic ``input``)."""
    if len(value) == 1:
        raw = value.get(RAW_ARGUMENTS_KEY)
        if type(raw) is str:
            return raw
    return dumps(value).decode()


def anthropic_id(value: str, at: str, log: LossLog, suffix: str = "") -> str:
    """``messages.codec_parts.tool_use_id(value, at + suffix, log)``: ``value`` when Anthropic accepts
    it as it is (checked without the regex: ASCII letters, digits, ``_`` and ``-``), else the
    codec's rewrite and its loss."""
    if value.isascii() and value.replace("_", "a").replace("-", "a").isalnum():
        return value
    return tool_use_id(value, at + suffix, log)


# A reader's table of top-level knobs copied as they are: wire key -> (Request attribute, the JSON
# types a plain body has for it).
Knobs = dict[str, tuple[str, tuple[type, ...]]]


def read_knobs(body: dict[str, Any], request: Request, knobs: Knobs, structured: frozenset[str]) -> bool:
    """The body's top-level knobs into ``request``. False (the general path reads the body) for a
    knob of another type, a ``null``, or a key that is neither a knob nor one the reader takes
    apart itself (``structured``)."""
    for key, value in body.items():
        knob = knobs.get(key)
        if knob is not None:
            if type(value) not in knob[1]:
                return False
            setattr(request, knob[0], value)
        elif value is None or key not in structured:
            return False
    return True


def read_chat_call(call: Any) -> tuple[str, str, str] | None:
    """A plain Chat function ``tool_calls`` entry as (id, name, arguments), or None for any other
    shape; the same in requests and responses (WIRE.md §1.3, §1.7)."""
    if type(call) is not dict or len(call) != 3 or call.get("type") != "function":
        return None
    function, call_id = call.get("function"), call.get("id")
    if type(function) is not dict or len(function) != 2 or type(call_id) is not str:
        return None
    name, arguments = function.get("name"), function.get("arguments")
    if type(name) is not str or type(arguments) is not str:
        return None
    return call_id, name, arguments


# The string tool_choice values Chat and Responses share (WIRE.md §6.4).
TOOL_CHOICES = frozenset({"auto", "none", "required"})


def read_tool_choice(choice: Any, request: Request, *, nested: bool) -> bool:
    """An OpenAI ``tool_choice`` into ``request``: a string, or a named function, which Chat
    nests (``{"type": "function", "function": {"name"}}``) and Responses does not
    (``{"type": "function", "name"}``). False for any other shape (the general path reads it)."""
    if type(choice) is str:
        if choice not in TOOL_CHOICES:
            return False
        request.choice = choice
        return True
    if type(choice) is not dict or len(choice) != 2 or choice.get("type") != "function":
        return False
    holder = choice.get("function") if nested else choice
    if type(holder) is not dict or (nested and len(holder) != 1):
        return False
    name = holder.get("name")
    if type(name) is not str:
        return False
    request.choice, request.choice_name = "tool", name
    request.names.add(name)
    return True
