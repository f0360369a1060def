"""Chat ``tools`` and ``tool_choice`` <-> IR (WIRE.md §1.4, §6.3, §6.4).

Chat has no hosted-tool list: ``web_search_options`` decodes to a hosted web-search IR tool (origin
chat, ``raw`` the options), and a foreign web-search tool maps onto ``web_search_options``
(``mapping.web_search``; WIRE.md §6.3, the one hosted tool that maps across). Every other foreign
hosted tool is dropped.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry
from ..api import Api
from ..loss import LossLog
from ..mapping import web_search
from ..mapping.strict_schema import responses_default_strict, strict_problem
from ..shapes import need_array, need_object, need_string
from .codec_common import CHAT, extras, hint_of, inner_hint, rest_of
from .codec_parts import cache_field

_TOOL_KEYS = frozenset({"type", "function", "custom"})
_FUNCTION_KEYS = ("name", "description", "parameters", "strict")
_CUSTOM_KEYS = ("name", "description")

# tool_choice strings (WIRE.md §1.4 / §6.4): Chat value <-> IR mode, one to one.
CHOICE_MODES: dict[str, str] = {"none": "none", "auto": "auto", "required": "required"}


def decode_tools(tools: Any) -> tuple[ir.Tool, ...]:
    tools = need_array(tools, "/tools", "tools")
    return tuple(_tool(t, f"/tools/{i}") for i, t in enumerate(tools))


def _tool(tool: Any, at: str) -> ir.Tool:
    tool = need_object(tool, at, "a tool")
    kind = tool.get("type")
    if kind not in ("function", "custom"):
        # Not a Chat tool type: kept whole for Chat, a hosted tool for every other target.
        return ir.Tool(str(kind), kind="hosted", origin=CHAT, raw=tool, at=at)
    inner = need_object(tool.get(kind), f"{at}/{kind}", kind)
    name = need_string(inner.get("name"), f"{at}/{kind}/name", f"{kind}.name")
    rest = rest_of(tool, _TOOL_KEYS)
    description = inner.get("description")
    if kind == "custom":
        # ``format`` (text or grammar) has no IR slot: a Chat field, reported lost elsewhere.
        fmt = {"format": inner["format"]} if "format" in inner else {}
        return ir.Tool(
            name, kind="custom", description=description, at=at,
            extras=extras({**rest, **fmt}, inner_hint(inner, (*_CUSTOM_KEYS, "format"), "custom")),
        )  # fmt: skip
    parameters = inner.get("parameters")
    strict = inner.get("strict")
    return ir.Tool(
        name,
        description=description if isinstance(description, str) else None,
        parameters=parameters if isinstance(parameters, dict) else None,
        strict=strict if isinstance(strict, bool) else None,
        at=at,
        extras=extras(rest, inner_hint(inner, _FUNCTION_KEYS, "function")),
    )


def decode_tool_choice(choice: Any) -> ir.ToolChoice:
    at = "/tool_choice"
    if isinstance(choice, str):
        mode = CHOICE_MODES.get(choice)
        if mode is None:
            return ir.ToolChoice("tool", name=choice, kind="hosted", origin=CHAT, raw=choice, at=at)
        return ir.ToolChoice(mode, at=at)  # type: ignore[arg-type]
    choice = need_object(choice, at, "tool_choice")
    kind = choice.get("type")
    if kind in ("function", "custom"):
        inner = need_object(choice.get(kind), f"{at}/{kind}", kind)
        name = need_string(inner.get("name"), f"{at}/{kind}/name", "tool_choice name")
        return ir.ToolChoice(
            "tool", name=name, kind=kind, at=at,
            extras=extras(rest_of(choice, {"type", kind}), inner_hint(inner, ("name",), kind)),
        )  # fmt: skip
    if kind == "allowed_tools":
        inner = need_object(choice.get("allowed_tools"), at + "/allowed_tools", "allowed_tools")
        listed = need_array(inner.get("tools"), at + "/allowed_tools/tools", "allowed_tools.tools")
        names = tuple(_allowed_name(t, f"{at}/allowed_tools/tools/{i}") for i, t in enumerate(listed))
        mode = inner.get("mode")
        # The listed entries are kept as sent: their type (function/custom) is form the IR does not hold.
        return ir.ToolChoice(
            "allowed", allowed=names, allowed_mode=mode if isinstance(mode, str) else None, at=at,
            extras=extras(
                rest_of(choice, {"type", "allowed_tools"}),
                {"~tools": listed, **inner_hint(inner, ("mode", "tools"), "allowed_tools")},
            ),
        )  # fmt: skip
    return ir.ToolChoice("tool", name=str(kind), kind="hosted", origin=CHAT, raw=choice, at=at)


def _allowed_name(entry: Any, at: str) -> str:
    entry = need_object(entry, at, "an allowed tool")
    kind = entry.get("type")
    inner = need_object(entry.get(kind) if isinstance(kind, str) else None, f"{at}/{kind}", "allowed tool")
    return need_string(inner.get("name"), f"{at}/{kind}/name", "allowed tool name")


# --- encoding -------------------------------------------------------------------------------------


def decode_web_search(options: dict[str, Any], *, listed: bool) -> ir.Tool:
    """``web_search_options`` as a hosted IR tool (``listed``: the body also had a ``tools`` list)."""
    hints: dict[str, Any] = {web_search.CHAT_HINT: True}
    if not listed:
        hints["~no_tools"] = True
    return ir.Tool(
        "web_search",
        kind="hosted",
        origin=CHAT,
        raw=options,
        at="/web_search_options",
        extras=extras({}, hints),
    )


def encode_tools(
    tools: tuple[ir.Tool, ...], log: LossLog
) -> tuple[list[dict[str, Any]] | None, dict[str, Any] | None]:
    """Chat ``tools`` (None: leave the field out) and ``web_search_options`` (None: none)."""
    out: list[dict[str, Any]] = []
    search: dict[str, Any] | None = None
    listed = False  # a Chat body that had web_search_options also had a tools list
    for tool in tools:
        if tool.kind == "hosted":
            if tool.origin is CHAT and tool.raw is not None:
                if hint_of(tool.extras, web_search.CHAT_HINT):
                    search, listed = tool.raw, not hint_of(tool.extras, "~no_tools")
                else:
                    out.append(tool.raw)
            elif search is None and (options := web_search.convert(tool, CHAT, log)) is not None:
                search = options
            else:
                log.semantic(
                    tool.at, "hosted_tool_dropped", f"hosted tool {tool.name!r} has no chat equivalent"
                )
            continue
        inner: dict[str, Any] = {"name": tool.name}
        if tool.description is not None:
            inner["description"] = tool.description
        if tool.kind == "function":
            if tool.parameters is not None:
                inner["parameters"] = tool.parameters
            if (
                tool.strict is True
                and tool.origin is Api.MESSAGES
                and (problem := strict_problem(tool.parameters))
            ):
                detail = f"sent strict: false; OpenAI strict mode: {problem}"
                log.degraded(f"{tool.at}/strict", "strict_relaxed", detail)
                inner["strict"] = False
            elif tool.strict is not None:
                inner["strict"] = tool.strict
            elif tool.origin is Api.RESPONSES and responses_default_strict(tool.parameters):
                inner["strict"] = True  # what Responses would have done with this schema
        extra = hint_of(tool.extras, "~inner")
        if extra:
            inner.update(extra)
        fields = carry(tool.extras, CHAT, tool.at, log)
        if tool.kind == "custom" and "format" in fields:
            inner["format"] = fields.pop("format")
        cache_field(tool.cache, tool.at, log)
        out.append({"type": tool.kind, tool.kind: inner, **fields})
    # Only a web search configuration: no tools list, unless the Chat source sent one (even empty).
    return (None if not out and search is not None and not listed else out), search


def encode_tool_choice(choice: ir.ToolChoice, tools: tuple[ir.Tool, ...] | None, log: LossLog) -> Any:
    """The Chat ``tool_choice`` value, or None (omitted, with a recorded loss)."""
    if choice.mode in ("auto", "none", "required"):
        value: Any = choice.mode
    elif choice.mode == "tool":
        if choice.kind == "hosted":
            if choice.origin is CHAT:
                return choice.raw
            log.semantic(
                choice.at, "hosted_tool_dropped", f"forcing hosted tool {choice.name!r} has no chat form"
            )
            return None
        value = {
            "type": choice.kind,
            choice.kind: {"name": choice.name, **(hint_of(choice.extras, "~inner") or {})},
        }
    else:
        value = _allowed(choice, tools)
    if isinstance(value, dict):
        value.update(carry(choice.extras, CHAT, choice.at, log))
    else:
        carry(choice.extras, CHAT, choice.at, log)
    return value


def _allowed(choice: ir.ToolChoice, tools: tuple[ir.Tool, ...] | None) -> dict[str, Any]:
    names = choice.allowed or ()
    listed = hint_of(choice.extras, "~tools")
    if (
        listed is None
        or len(listed) != len(names)
        or any(_listed_name(e) != n for e, n in zip(listed, names, strict=True))
    ):
        kinds = {t.name: t.kind for t in tools or () if t.kind != "hosted"}
        listed = [{"type": kinds.get(n, "function"), kinds.get(n, "function"): {"name": n}} for n in names]
    inner = {"mode": choice.allowed_mode or "auto", "tools": listed}
    inner.update(hint_of(choice.extras, "~inner") or {})
    return {"type": "allowed_tools", "allowed_tools": inner}


def _listed_name(entry: dict[str, Any]) -> Any:
    inner = entry.get(entry.get("type", ""))
    return inner.get("name") if isinstance(inner, dict) else None
