"""What a gateway checks in a Chat Completions request beyond its types (WIRE.md §1)."""

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
    require_non_empty,
)


def check(body: dict[str, Any]) -> None:
    require_model(body)
    require_non_empty(body, "messages")
    for i, message in enumerate(body["messages"]):
        _check_message(message, i)
    _check_tool_pairing(body["messages"])
    check_ranges(body, limits.CHAT_RANGES)
    _check_sampling_extras(body)
    check_metadata(body)
    check_safety_identifier(body)
    _check_tools(body)
    if body.get("stream_options") is not None and body.get("stream") is not True:
        # "The 'stream_options' parameter is only allowed when 'stream' is enabled."
        raise RequestError("stream_options is only allowed when stream is true", pointer="/stream_options")


def _check_message(message: dict[str, Any], i: int) -> None:
    role = message.get("role")
    check_role(role, limits.ROLES[Api.CHAT], "messages", i)
    if role == "tool" and not message.get("tool_call_id"):
        raise RequestError(
            "a tool message needs the tool_call_id it answers",
            pointer=at("messages", i, "tool_call_id"),
            code="missing_required_parameter",
        )
    if role == "assistant" and message.get("content") is None:
        if not (message.get("tool_calls") or message.get("function_call") or message.get("audio")):
            # "content is required unless tool_calls or function_call is specified"
            raise RequestError(
                "an assistant message needs content unless it has tool_calls or function_call",
                pointer=at("messages", i, "content"),
                code="missing_required_parameter",
            )


def _check_tool_pairing(messages: list[dict[str, Any]]) -> None:
    """Each tool message answers a call of the assistant message before it, and every call of that
    message is answered before the conversation moves on (both are API 400s:
    "messages with role 'tool' must be a response to a preceding message with 'tool_calls'" and
    "An assistant message with 'tool_calls' must be followed by tool messages responding to each
    'tool_call_id'")."""
    calls: dict[str, int] = {}  # open tool_call id -> its index in the assistant message
    caller = -1
    for i, message in enumerate(messages):
        role = message.get("role")
        if role == "tool":
            if caller < 0:
                raise RequestError(
                    "messages with role 'tool' must be a response to a preceding message with 'tool_calls'",
                    pointer=at("messages", i, "role"),
                )
            if message["tool_call_id"] not in calls:
                raise RequestError(
                    f"tool_call_id {message['tool_call_id']!r} answers no tool call of messages[{caller}]",
                    pointer=at("messages", i, "tool_call_id"),
                )
            calls.pop(message["tool_call_id"])
            continue
        if calls:
            unanswered = min(calls.values())
            raise RequestError(
                "an assistant message with 'tool_calls' must be followed by tool messages responding to "
                f"each 'tool_call_id'; {next(iter(calls))!r} has none",
                pointer=at("messages", caller, "tool_calls", unanswered),
            )
        tool_calls = message.get("tool_calls") if role == "assistant" else None
        caller = i if tool_calls else -1
        calls = {c["id"]: k for k, c in enumerate(tool_calls or []) if isinstance(c.get("id"), str)}


def _check_sampling_extras(body: dict[str, Any]) -> None:
    if body.get("top_logprobs") is not None and body.get("logprobs") is not True:
        raise RequestError("top_logprobs requires logprobs to be true", pointer="/top_logprobs")
    stop = body.get("stop")
    if isinstance(stop, list) and len(stop) > limits.CHAT_MAX_STOP:
        raise RequestError(
            f"at most {limits.CHAT_MAX_STOP} stop sequences are allowed",
            pointer="/stop",
            code="array_above_max_length",
        )
    low, high = limits.LOGIT_BIAS_RANGE
    for token, bias in (body.get("logit_bias") or {}).items():
        if not isinstance(bias, (int, float)) or isinstance(bias, bool) or not low <= bias <= high:
            raise RequestError(
                f"logit_bias values must be numbers from {low} to {high}", pointer=at("logit_bias", token)
            )


def _check_tools(body: dict[str, Any]) -> None:
    pattern = limits.TOOL_NAME[Api.CHAT]
    names: set[str] = set()
    for i, tool in enumerate(body.get("tools") or []):
        kind = tool.get("type")
        if kind in ("function", "custom"):
            name = (tool.get(kind) or {}).get("name")
            check_tool_name(name, pattern, "tools", i, kind, "name")
            names.add(str(name))
    for i, function in enumerate(body.get("functions") or []):
        check_tool_name(function.get("name"), pattern, "functions", i, "name")
    choice = body.get("tool_choice")
    if choice is not None and choice != "none" and not body.get("tools"):
        raise RequestError("tool_choice is only allowed when tools are specified", pointer="/tool_choice")
    if isinstance(choice, dict):
        kind = choice.get("type")
        if kind in ("function", "custom"):
            check_named_tool((choice.get(kind) or {}).get("name"), names, "tool_choice", kind, "name")
        elif kind == "allowed_tools":
            allowed = (choice.get("allowed_tools") or {}).get("tools") or []
            for j, entry in enumerate(allowed):
                entry_kind = entry.get("type")
                name = (entry.get(entry_kind) or {}).get("name") if isinstance(entry_kind, str) else None
                check_named_tool(
                    name, names, "tool_choice", "allowed_tools", "tools", j, entry_kind or "type", "name"
                )
    function_call = body.get("function_call")
    if isinstance(function_call, dict):
        defined = {str(f.get("name")) for f in body.get("functions") or []}
        check_named_tool(function_call.get("name"), defined, "function_call", "name")
