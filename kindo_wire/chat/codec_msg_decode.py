"""Chat ``messages[]`` -> IR messages (WIRE.md §1.2, §6.1, §6.6).

Turn structure is kept (docs/CONVERSION.md rule 7): each Chat message is one IR message; a ``tool``
(or legacy ``function``) message is a ``user`` message whose only part is a ``ToolResult``.
Form hints (message extras, Chat only): ``~content`` says how an empty content was sent
(``"null"``, ``"absent"`` or ``"[]"``); ``~keep`` holds mapped fields sent as ``null`` / ``[]``.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..errors import RequestError
from ..shapes import need_array, need_object, need_string
from .codec_calls import LEGACY_ID, decode_call, decode_legacy_call
from .codec_common import extras, rest_of
from .codec_parts import decode_part

# Fields the IR takes over, per role (WIRE.md §1.2); anything else is carried in message extras.
_PLAIN_KEYS = frozenset({"role", "content", "name"})
_ASSISTANT_KEYS = frozenset({"role", "content", "name", "refusal", "tool_calls", "function_call"})
_TOOL_KEYS = frozenset({"role", "content", "tool_call_id", "name"})
_FUNCTION_KEYS = frozenset({"role", "content", "name"})

_ROLES: frozenset[str] = frozenset({"system", "developer", "user", "assistant"})


def decode_messages(messages: Any) -> tuple[ir.Message, ...]:
    messages = need_array(messages, "/messages", "messages")
    out: list[ir.Message] = []
    legacy_call: tuple[str, str] | None = None  # (name, id) of the last legacy function_call
    for i, raw in enumerate(messages):
        at = f"/messages/{i}"
        message = need_object(raw, at, "a message")
        role = message.get("role")
        if role == "tool":
            out.append(_tool(message, at))
        elif role == "function":
            name = need_string(message.get("name"), at + "/name", "function message name")
            call_id = legacy_call[1] if legacy_call and legacy_call[0] == name else LEGACY_ID.format(i)
            out.append(_function(message, at, name, call_id))
        elif role in _ROLES:
            decoded = _message(message, role, at, i)
            for part in decoded.parts:
                if isinstance(part, ir.ToolCall) and part.id == LEGACY_ID.format(i):
                    legacy_call = (part.name, part.id)
            out.append(decoded)
        else:
            raise RequestError(f"unknown message role {role!r}", pointer=at + "/role")
    return tuple(out)


def _content(message: dict[str, Any], at: str, hints: dict[str, Any]) -> list[ir.Part]:
    if "content" not in message:
        hints["~content"] = "absent"
        return []
    content = message["content"]
    if isinstance(content, str):
        return [ir.Text(content, plain=True, at=at + "/content")]
    if content is None:
        hints["~content"] = "null"
        return []
    content = need_array(content, at + "/content", "content")
    if not content:
        hints["~content"] = "[]"
    return [decode_part(p, f"{at}/content/{j}") for j, p in enumerate(content)]


def _message(message: dict[str, Any], role: ir.Role, at: str, i: int) -> ir.Message:
    hints: dict[str, Any] = {}
    keep: dict[str, Any] = {}
    parts = _content(message, at, hints)
    name = message.get("name")
    if "name" in message and not isinstance(name, str):
        keep["name"] = name
        name = None
    if role != "assistant":
        rest = rest_of(message, _PLAIN_KEYS)
    else:
        rest = rest_of(message, _ASSISTANT_KEYS)
        refusal = message.get("refusal")
        if isinstance(refusal, str):
            parts.append(ir.Refusal(refusal, at=at + "/refusal"))
        elif "refusal" in message:
            keep["refusal"] = refusal
        calls = message.get("tool_calls")
        if calls is not None:
            calls = need_array(calls, at + "/tool_calls", "tool_calls")
            parts.extend(decode_call(c, f"{at}/tool_calls/{j}") for j, c in enumerate(calls))
        if calls is None or not calls:
            if "tool_calls" in message:
                keep["tool_calls"] = message["tool_calls"]
        legacy = message.get("function_call")
        if legacy is not None:
            parts.append(decode_legacy_call(legacy, at + "/function_call", LEGACY_ID.format(i)))
        elif "function_call" in message:
            keep["function_call"] = None
    if keep:
        hints["~keep"] = keep
    return ir.Message(role, tuple(parts), name=name, at=at, extras=extras(rest, hints))


def _tool_content(message: dict[str, Any], at: str) -> str | tuple[ir.Part, ...] | None:
    content = message.get("content")
    if content is None or isinstance(content, str):
        return content
    content = need_array(content, at + "/content", "content")
    return tuple(decode_part(p, f"{at}/content/{j}") for j, p in enumerate(content))


def _tool(message: dict[str, Any], at: str) -> ir.Message:
    call_id = need_string(message.get("tool_call_id"), at + "/tool_call_id", "tool_call_id")
    hints: dict[str, Any] = {}
    if "content" not in message:
        hints["~content"] = "absent"
    name = message.get("name")
    if isinstance(name, str):
        hints["~name"] = True  # a non-standard field some clients send: only Chat gets it back
    elif "name" in message:
        hints["~keep"] = {"name": name}
    result = ir.ToolResult(
        call_id,
        _tool_content(message, at),
        name=name if isinstance(name, str) else None,
        at=at,
        extras=extras(rest_of(message, _TOOL_KEYS), hints),
    )
    return ir.Message("user", (result,), at=at)


def _function(message: dict[str, Any], at: str, name: str, call_id: str) -> ir.Message:
    content = message.get("content")
    if content is not None:
        content = need_string(content, at + "/content", "function message content")
    hints: dict[str, Any] = {"~role": "function"}
    if "content" not in message:
        hints["~content"] = "absent"
    result = ir.ToolResult(
        call_id, content, name=name, at=at, extras=extras(rest_of(message, _FUNCTION_KEYS), hints)
    )
    return ir.Message("user", (result,), at=at)
