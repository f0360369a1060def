"""Responses ``tools`` and ``tool_choice`` <-> IR (WIRE.md §3.4, §6.3, §6.4).

Function tools are flat ``{type, name, description?, parameters, strict}``; ``strict`` is always sent
to Responses when the source did not say (``false``: Responses would otherwise try strict mode,
WIRE.md §6.3). Every other tool type is hosted: kept whole (``raw``) for Responses and dropped with
``hosted_tool_dropped`` elsewhere, except web search: a Chat ``web_search_options`` or an Anthropic
``web_search_*`` tool becomes a ``web_search`` tool (``mapping.web_search``, §6.3).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..api import Api
from ..errors import RequestError
from ..loss import LossLog
from ..mapping import web_search
from ..mapping.strict_schema import strict_problem
from ..shapes import need_array, need_object, need_string_field
from .codec_util import NULL, RS, extras, leftovers, merge, mine

_FUNCTION_KNOWN = frozenset({"type", "name", "description", "parameters", "strict"})
_CUSTOM_KNOWN = frozenset({"type", "name", "description"})
# Chat ``custom`` tools carry the same ``format`` object: read from either API's extras.
_FORMAT_APIS = (RS.value, Api.CHAT.value)

# tool_choice strings (WIRE.md §3.4 / §6.4): the same words as the IR modes.
CHOICE_MODES = frozenset({"auto", "none", "required"})
_NAMED_CHOICE_KNOWN = frozenset({"type", "name"})
_ALLOWED_KNOWN = frozenset({"type", "mode", "tools"})


def decode_tools(tools: Any, at: str) -> tuple[ir.Tool, ...]:
    need_array(tools, at, "tools")
    return tuple(
        _decode_tool(need_object(t, f"{at}/{i}", "a tool"), f"{at}/{i}") for i, t in enumerate(tools)
    )


def _decode_tool(tool: dict[str, Any], at: str) -> ir.Tool:
    kind = tool.get("type")
    if kind == "function":
        rest = leftovers(tool, _FUNCTION_KNOWN)
        absent = [k for k in ("parameters", "strict") if k not in tool]
        if absent:
            rest["~absent"] = absent
        parameters, strict = tool.get("parameters"), tool.get("strict")
        return ir.Tool(
            need_string_field(tool, "name", at),
            description=tool.get("description"),
            parameters=parameters if isinstance(parameters, dict) else None,
            strict=strict if isinstance(strict, bool) else None,
            origin=RS,  # strict left out means "strict if the schema allows" here (strict_schema)
            at=at,
            extras=extras(rest),
        )
    if kind == "custom":
        # ``format`` (grammar / text) has no IR slot: kept as a Responses field (Chat reads it too)
        return ir.Tool(
            need_string_field(tool, "name", at),
            kind="custom",
            description=tool.get("description"),
            at=at,
            extras=extras(leftovers(tool, _CUSTOM_KNOWN)),
        )
    name = tool.get("name") or tool.get("server_label") or kind
    return ir.Tool(str(name), kind="hosted", origin=RS, raw=tool, at=at)


def encode_tools(tools: tuple[ir.Tool, ...], log: LossLog) -> list[Any]:
    out: list[Any] = []
    for tool in tools:
        if tool.kind == "hosted":
            hosted = _hosted(tool, log)
            if hosted is not None:
                out.append(hosted)
            continue
        if tool.cache is not None:
            log.degraded(tool.at, "cache_hint_dropped", "Responses tools carry no cache breakpoint")
        if tool.kind == "custom":
            out.append(_custom(tool, log))
            continue
        item: dict[str, Any] = {"type": "function", "name": tool.name}
        if tool.description is not None:
            item["description"] = tool.description
        absent = mine(tool.extras, "~absent") or ()
        if tool.parameters is not None or "parameters" not in absent:
            item["parameters"] = tool.parameters  # required-but-nullable in the SDK (WIRE.md §3.4)
        if (
            tool.strict is True
            and tool.origin is Api.MESSAGES
            and (problem := strict_problem(tool.parameters))
        ):
            log.degraded(
                f"{tool.at}/strict", "strict_relaxed", f"sent strict: false; OpenAI strict mode: {problem}"
            )
            item["strict"] = False
        elif tool.strict is not None:
            item["strict"] = tool.strict
        elif "strict" not in absent and "strict" not in (mine(tool.extras, NULL) or ()):
            item["strict"] = False  # send strict explicitly: absent would mean "try strict" (§6.3)
        out.append(merge(item, tool.extras, tool.at, log))
    return out


def _custom(tool: ir.Tool, log: LossLog) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "custom", "name": tool.name}
    if tool.description is not None:
        item["description"] = tool.description
    node_extras: Any = tool.extras
    for api in _FORMAT_APIS:
        fields = node_extras.get(api)
        if fields and "format" in fields:
            item["format"] = fields["format"]
            if api != RS.value:  # the shared OpenAI field, not a loss: do not let carry report it
                node_extras = {**node_extras, api: {k: v for k, v in fields.items() if k != "format"}}
    return merge(item, node_extras, tool.at, log)


def _hosted(tool: ir.Tool, log: LossLog) -> dict[str, Any] | None:
    raw = tool.raw or {}
    if tool.origin is RS:
        return raw
    search = web_search.convert(tool, RS, log)
    if search is None:
        kind = raw.get("type")
        log.semantic(
            tool.at,
            "hosted_tool_dropped",
            f"{tool.origin} tool {kind or tool.name!r} has no Responses equivalent",
        )
    return search


# ---- tool_choice ----------------------------------------------------------------------------------


def decode_tool_choice(choice: Any, at: str) -> ir.ToolChoice:
    if isinstance(choice, str):
        if choice not in CHOICE_MODES:
            raise RequestError(f"unknown tool_choice {choice!r}", pointer=at)
        return ir.ToolChoice(choice, at=at)  # type: ignore[arg-type]
    choice = need_object(choice, at, "tool_choice")
    kind = choice.get("type")
    if kind in {"function", "custom"}:
        return ir.ToolChoice(
            "tool",
            name=need_string_field(choice, "name", at),
            kind=kind,
            at=at,
            extras=extras(leftovers(choice, _NAMED_CHOICE_KNOWN)),
        )
    if kind == "allowed_tools":
        entries = choice.get("tools")
        if not isinstance(entries, list):
            raise RequestError("allowed_tools needs a tools list", pointer=f"{at}/tools")
        rest = leftovers(choice, _ALLOWED_KNOWN)
        names = []
        for entry in entries:
            if not (isinstance(entry, dict) and entry.get("type") == "function" and len(entry) == 2):
                rest["~tools"] = entries  # entries other than plain functions: resent as they came
            name = entry.get("name") if isinstance(entry, dict) else None
            names.append(str(name or (entry.get("type") if isinstance(entry, dict) else entry)))
        mode = choice.get("mode")
        if "mode" not in choice:
            rest["~nomode"] = True
        return ir.ToolChoice(
            "allowed",
            allowed=tuple(names),
            allowed_mode=mode if isinstance(mode, str) else None,
            at=at,
            extras=extras(rest),
        )
    # a hosted tool (web_search_preview, file_search, mcp, shell...): only Responses can force it
    name = choice.get("name") or choice.get("server_label") or kind
    return ir.ToolChoice("tool", name=str(name), kind="hosted", origin=RS, raw=choice, at=at)


def encode_tool_choice(choice: ir.ToolChoice, log: LossLog) -> Any:
    """The Responses ``tool_choice`` (flat forms, WIRE.md §6.4); None when it cannot be sent."""
    if choice.mode in CHOICE_MODES:
        if choice.extras:
            merge({}, choice.extras, choice.at, log)
        return choice.mode
    if choice.kind == "hosted":
        if choice.origin is RS:
            return choice.raw
        log.semantic(choice.at, "hosted_tool_dropped", f"forcing {choice.name!r} has no Responses equivalent")
        return None
    if choice.mode == "tool":
        return merge({"type": choice.kind, "name": choice.name}, choice.extras, choice.at, log)
    entries = mine(choice.extras, "~tools")
    if entries is None:
        entries = [{"type": "function", "name": n} for n in choice.allowed or ()]
    out: dict[str, Any] = {"type": "allowed_tools", "mode": choice.allowed_mode or "auto", "tools": entries}
    if choice.allowed_mode is None and (mine(choice.extras, "~nomode") or mine(choice.extras, NULL)):
        del out["mode"]  # absent or null at the source: merge restores the null
    return merge(out, choice.extras, choice.at, log)
