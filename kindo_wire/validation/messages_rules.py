"""What a gateway checks in an Anthropic Messages request beyond its types (WIRE.md §2)."""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..errors import RequestError
from . import limits
from .checks import (
    at,
    check_named_tool,
    check_ranges,
    check_role,
    check_tool_name,
    require_model,
    require_non_empty,
)

# Anthropic-defined tools carry a versioned type; only client tools ("custom" or no type) have
# free-form names to check [AN:tool_param.py].
_CUSTOM_TOOL_TYPES = (None, "custom")
_FORCING_CHOICES = ("any", "tool")


def check(body: dict[str, Any]) -> None:
    require_model(body)
    if body.get("max_tokens") is None:
        raise RequestError(
            "missing required parameter", pointer="/max_tokens", code="missing_required_parameter"
        )
    require_non_empty(body, "messages")
    for i, message in enumerate(body["messages"]):
        check_role(message.get("role"), limits.ROLES[Api.MESSAGES], "messages", i)
    _check_tool_pairing(body["messages"])
    check_ranges(body, limits.MESSAGES_RANGES)
    _check_tools(body)
    _check_thinking(body)


def _blocks(message: dict[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
    content = message.get("content")
    if not isinstance(content, list):
        return []
    return [(j, b) for j, b in enumerate(content) if b.get("type") == kind]


def _check_tool_pairing(messages: list[dict[str, Any]]) -> None:
    """tool_result blocks answer the tool_use blocks of the assistant turn just before, and each of
    those is answered in the next turn. Both are API 400s: "unexpected `tool_use_id` found in
    `tool_result` blocks" and "`tool_use` ids were found without `tool_result` blocks immediately
    after" [DF:issues]. A trailing assistant turn (prefill) has no next turn to check."""
    open_uses: dict[str, tuple[int, int]] = {}  # tool_use id -> (message index, block index)
    for i, message in enumerate(messages):
        role = message.get("role")
        if role == "user":
            for j, block in _blocks(message, "tool_result"):
                if open_uses.pop(str(block.get("tool_use_id")), None) is None:
                    raise RequestError(
                        f"unexpected tool_use_id {block.get('tool_use_id')!r} in a tool_result block: each "
                        "tool_result block must have a corresponding tool_use block in the previous message",
                        pointer=at("messages", i, "content", j, "tool_use_id"),
                    )
            if open_uses and i > 0 and messages[i - 1].get("role") == "assistant":
                where = min(open_uses.values())
                raise RequestError(
                    "tool_use ids were found without tool_result blocks immediately after: "
                    f"{next(iter(open_uses))}",
                    pointer=at("messages", where[0], "content", where[1]),
                )
        elif role == "assistant":
            open_uses = {str(b.get("id")): (i, j) for j, b in _blocks(message, "tool_use")}


def _check_tools(body: dict[str, Any]) -> None:
    pattern = limits.TOOL_NAME[Api.MESSAGES]
    names: set[str] = set()
    for i, tool in enumerate(body.get("tools") or []):
        name = tool.get("name")
        if tool.get("type") in _CUSTOM_TOOL_TYPES:
            check_tool_name(name, pattern, "tools", i, "name")
        if isinstance(name, str):
            names.add(name)
    choice = body.get("tool_choice")
    if not isinstance(choice, dict):
        return
    kind = choice.get("type")
    if kind in _FORCING_CHOICES and not body.get("tools"):
        raise RequestError(f"tool_choice {kind!r} needs tools", pointer="/tool_choice/type")
    if kind == "tool":
        check_named_tool(choice.get("name"), names, "tool_choice", "name")


def _check_thinking(body: dict[str, Any]) -> None:
    thinking = body.get("thinking")
    if not isinstance(thinking, dict) or thinking.get("type") not in ("enabled", "adaptive"):
        return
    if thinking.get("type") == "enabled":
        budget = thinking.get("budget_tokens")
        if budget is None:
            raise RequestError(
                "missing required parameter",
                pointer="/thinking/budget_tokens",
                code="missing_required_parameter",
            )
        if budget < limits.THINKING_MIN_BUDGET:
            raise RequestError(
                f"thinking.budget_tokens must be at least {limits.THINKING_MIN_BUDGET}",
                pointer="/thinking/budget_tokens",
            )
        if budget >= body["max_tokens"]:
            raise RequestError(
                "thinking.budget_tokens must be less than max_tokens", pointer="/thinking/budget_tokens"
            )
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") in _FORCING_CHOICES:
        # The API's own 400: "Thinking may not be enabled when tool_choice forces tool use." [D:thinking]
        raise RequestError(
            "Thinking may not be enabled when tool_choice forces tool use.", pointer=at("tool_choice", "type")
        )
