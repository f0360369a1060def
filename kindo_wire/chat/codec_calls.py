"""Chat tool calls (``tool_calls[i]``, legacy ``function_call``) <-> ``ir.ToolCall`` (WIRE.md §1.4, §6.5).

Shared by requests (assistant history) and responses (the model's answer).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import call_item_losses, carry
from ..errors import RequestError
from ..loss import LossLog
from ..mapping.ids import chat_tool_call_id
from ..mapping.tool_args import arguments_text
from ..shapes import need_object, need_string
from .codec_common import CHAT, extras, hint_of, inner_hint, rest_of
from .codec_parts import cache_field

_CALL_KEYS = frozenset({"id", "type", "function", "custom"})

# Legacy ``function_call`` turns carry no id; one is made from the message position so that the
# following ``function`` message (which names no id either) can refer to it deterministically.
LEGACY_ID = "call_legacy_{}"


def decode_call(call: Any, at: str) -> ir.ToolCall:
    """One element of ``tool_calls``: a function call (``arguments`` text kept as sent) or a custom one."""
    call = need_object(call, at, "a tool call")
    call_id = need_string(call.get("id"), at + "/id", "tool call id")
    kind = call.get("type")
    rest = rest_of(call, _CALL_KEYS)
    if kind == "custom":
        inner = need_object(call.get("custom"), at + "/custom", "custom")
        name = need_string(inner.get("name"), at + "/custom/name", "custom.name")
        text = need_string(inner.get("input"), at + "/custom/input", "custom.input")
        return ir.ToolCall(
            call_id, name, input=text, kind="custom", at=at,
            extras=extras(rest, inner_hint(inner, ("name", "input"), "custom")),
        )  # fmt: skip
    if kind != "function":
        raise RequestError(f"unknown tool call type {kind!r}", pointer=at + "/type")
    inner = need_object(call.get("function"), at + "/function", "function")
    name = need_string(inner.get("name"), at + "/function/name", "function.name")
    # Arguments stay the exact text the model produced, valid JSON or not (WIRE.md §6.5).
    arguments = need_string(inner.get("arguments"), at + "/function/arguments", "function.arguments")
    return ir.ToolCall(
        call_id,
        name,
        arguments=arguments,
        at=at,
        extras=extras(rest, inner_hint(inner, ("name", "arguments"), "function")),
    )


def decode_legacy_call(call: Any, at: str, call_id: str) -> ir.ToolCall:
    """A deprecated assistant ``function_call`` ``{name, arguments}``, given a synthesized id."""
    call = need_object(call, at, "function_call")
    name = need_string(call.get("name"), at + "/name", "function_call.name")
    arguments = need_string(call.get("arguments"), at + "/arguments", "function_call.arguments")
    hints = {"~legacy": True, **inner_hint(call, ("name", "arguments"), "")}
    return ir.ToolCall(call_id, name, arguments=arguments, at=at, extras=extras({}, hints))


def _inner(call: ir.ToolCall, inner: dict[str, Any]) -> dict[str, Any]:
    extra = hint_of(call.extras, "~inner")
    if extra:
        inner.update(extra)
    return inner


def is_legacy(call: ir.ToolCall) -> bool:
    return bool(hint_of(call.extras, "~legacy"))


def encode_legacy_call(call: ir.ToolCall) -> dict[str, Any]:
    return _inner(call, {"name": call.name, "arguments": arguments_text(call)})


def request_call_id(value: str, at: str, log: LossLog) -> str:
    """A tool call id as an OpenAI Chat *request* may carry it (at most 40 characters, ids.py).

    Responses keep the upstream's ids: a client accepts any length, and sends them back to us."""
    out, same = chat_tool_call_id(value)
    if not same:
        log.cosmetic(
            at, "id_rewritten", f"tool call id {value!r} sent as {out!r} (chat allows 40 characters)"
        )
    return out


def encode_call(call: ir.ToolCall, log: LossLog, *, request: bool = False) -> dict[str, Any]:
    out: dict[str, Any]
    call_id = request_call_id(call.id, f"{call.at}/id", log) if request else call.id
    if call.kind == "custom":
        text = call.input if isinstance(call.input, str) else arguments_text(call)
        out = {"id": call_id, "type": "custom", "custom": _inner(call, {"name": call.name, "input": text})}
    else:
        inner = _inner(call, {"name": call.name, "arguments": arguments_text(call)})
        out = {"id": call_id, "type": "function", "function": inner}
    cache_field(call.cache, call.at, log)  # reports a foreign breakpoint; Chat calls have none
    call_item_losses(call, CHAT, log)
    out.update(carry(call.extras, CHAT, call.at, log))
    return out
