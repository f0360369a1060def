"""Applying tool-name rewrites to a whole IR request or response (see ``tool_names``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .. import ir
from ..api import Api
from ..loss import LossLog
from .tool_names import is_valid, target_name


def _renamed(part: ir.Part, rename: Callable[[str], str]) -> ir.Part:
    if isinstance(part, ir.ToolCall):
        return replace(part, name=rename(part.name))
    if isinstance(part, ir.ToolResult) and part.name is not None:
        return replace(part, name=rename(part.name))
    return part


def _message(message: ir.Message, rename: Callable[[str], str]) -> ir.Message:
    parts = tuple(_renamed(p, rename) for p in message.parts)
    return replace(message, parts=parts) if parts != message.parts else message


def _names(request: ir.Request) -> set[str]:
    names = {t.name for t in request.tools or () if t.kind != "hosted"}
    for message in request.messages:
        for part in message.parts:
            if isinstance(part, ir.ToolCall):
                names.add(part.name)
    if request.tool_choice is not None:
        names.update(request.tool_choice.allowed or ())
        if request.tool_choice.name is not None and request.tool_choice.kind != "hosted":
            names.add(request.tool_choice.name)
    return names


def shorten_request_names(request: ir.Request, target: Api, log: LossLog) -> ir.Request:
    """``request`` with every tool name ``target`` would reject replaced by its deterministic short form."""
    bad = {n for n in _names(request) if not is_valid(n, target)}
    if not bad:
        return request
    mapping = {n: target_name(n, target) for n in bad}
    for name, short in sorted(mapping.items()):
        log.cosmetic(
            "/tools",
            "tool_name_rewritten",
            f"tool name {name!r} is invalid for {target.value}; sent as {short!r} and restored in replies",
        )

    def rename(name: str) -> str:
        return mapping.get(name, name)

    tools = request.tools
    if tools is not None:
        tools = tuple(replace(t, name=rename(t.name)) if t.name in mapping else t for t in tools)
    choice = request.tool_choice
    if choice is not None:
        choice = replace(
            choice,
            name=rename(choice.name) if choice.name is not None else None,
            allowed=tuple(rename(n) for n in choice.allowed) if choice.allowed is not None else None,
        )
    messages = tuple(_message(m, rename) for m in request.messages)
    return replace(request, tools=tools, tool_choice=choice, messages=messages)


def restore_response_names(response: ir.Response, mapping: dict[str, str]) -> ir.Response:
    """``response`` with shortened tool names (``mapping`` short -> original) given back their originals."""
    if not mapping:
        return response

    def rename(name: str) -> str:
        return mapping.get(name, name)

    choices = tuple(replace(c, message=_message(c.message, rename)) for c in response.choices)
    return replace(response, choices=choices)
