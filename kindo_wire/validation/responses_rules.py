"""What a gateway checks in a Responses request beyond its types (WIRE.md §3)."""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..errors import RequestError
from . import limits
from .checks import (
    at,
    check_metadata,
    check_named_tool,
    check_ranges,
    check_role,
    check_safety_identifier,
    check_tool_name,
    require_model,
)


def check(body: dict[str, Any]) -> None:
    # A stored prompt may supply the model and the input [OA:responses/response_create_params.py].
    has_prompt = body.get("prompt") is not None
    if not has_prompt:
        require_model(body)
        if body.get("input") is None:
            raise RequestError(
                "missing required parameter", pointer="/input", code="missing_required_parameter"
            )
    elif body.get("model") is not None:
        require_model(body)
    items = body.get("input")
    if isinstance(items, list):
        for i, item in enumerate(items):
            _check_item(item, i)
    if body.get("previous_response_id") is not None and body.get("conversation") is not None:
        raise RequestError(
            "previous_response_id cannot be combined with conversation", pointer="/previous_response_id"
        )
    check_ranges(body, limits.RESPONSES_RANGES)
    check_metadata(body)
    check_safety_identifier(body)
    _check_tools(body)


def _check_item(item: dict[str, Any], i: int) -> None:
    kind = item.get("type", "message" if "role" in item else None)
    if kind == "message":
        check_role(item.get("role"), limits.ROLES[Api.RESPONSES], "input", i)
    elif kind in ("function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output"):
        if not item.get("call_id"):
            raise RequestError(
                "missing required parameter",
                pointer=at("input", i, "call_id"),
                code="missing_required_parameter",
            )


def _tool_lists(body: dict[str, Any]) -> list[tuple[tuple[str | int, ...], list[dict[str, Any]]]]:
    """Each list of tool definitions with its path: top-level ``tools`` and the tools that
    ``additional_tools`` input items add mid-conversation."""
    found: list[tuple[tuple[str | int, ...], list[dict[str, Any]]]] = [(("tools",), body.get("tools") or [])]
    items = body.get("input")
    if isinstance(items, list):
        for i, item in enumerate(items):
            if item.get("type") == "additional_tools" and isinstance(item.get("tools"), list):
                found.append((("input", i, "tools"), item["tools"]))
    return found


def _check_tools(body: dict[str, Any]) -> None:
    pattern = limits.TOOL_NAME[Api.RESPONSES]
    names: set[str] = set()
    any_tools = False
    for path, tools in _tool_lists(body):
        for i, tool in enumerate(tools):
            any_tools = True
            if tool.get("type") in ("function", "custom"):
                check_tool_name(tool.get("name"), pattern, *path, i, "name")
                names.add(tool["name"])
            elif tool.get("type") == "namespace":
                for j, inner in enumerate(tool.get("tools") or []):
                    check_tool_name(inner.get("name"), pattern, *path, i, "tools", j, "name")
                    names.add(inner["name"])
    choice = body.get("tool_choice")
    if choice not in (None, "none", "auto") and not any_tools:
        raise RequestError("tool_choice requires tools", pointer="/tool_choice")
    if not isinstance(choice, dict):
        return
    kind = choice.get("type")
    if kind in ("function", "custom"):
        check_named_tool(choice.get("name"), names, "tool_choice", "name")
    elif kind == "allowed_tools":
        for j, entry in enumerate(choice.get("tools") or []):
            if entry.get("type") in ("function", "custom"):
                check_named_tool(entry.get("name"), names, "tool_choice", "tools", j, "name")
