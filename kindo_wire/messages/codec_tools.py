"""Tool definitions and ``tool_choice`` <-> IR (WIRE.md §2.5, §6.3, §6.4).

Hosted tools are kept whole for Messages and dropped elsewhere, except web search: a Chat or
Responses web search configuration becomes a ``web_search_20250305`` tool (``mapping.web_search``).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..api import Api
from ..loss import LossLog
from ..mapping import web_search
from ..mapping.strict_schema import responses_default_strict
from .codec_extras import M, decode_cache, emit, encode_cache, fail, flag, leftovers
from .codec_parts import CUSTOM_INPUT

# --- definitions ---------------------------------------------------------------------------------

# Keys of a custom (client) tool the IR has slots for [AN:tool_param.py]; the rest (input_examples,
# eager_input_streaming, defer_loading, allowed_callers...) are leftovers.
_TOOL_KNOWN = ("type", "name", "description", "input_schema", "strict", "cache_control")


def _decode_tool(tool: Any, at: str) -> ir.Tool:
    if not isinstance(tool, dict):
        fail("a tool must be an object", at)
    kind = tool.get("type")
    name = tool.get("name")
    if kind is not None and kind != "custom":
        # web_search_*, bash_*, text_editor_*, code_execution_*, computer_*...: hosted, kept whole (rule 9)
        return ir.Tool(name if isinstance(name, str) else str(kind), "hosted", origin=M, raw=tool, at=at)
    if not isinstance(name, str):
        fail("a tool name must be a string", f"{at}/name")
    schema, description, strict = tool.get("input_schema"), tool.get("description"), tool.get("strict")
    if not isinstance(schema, (dict, type(None))):
        fail("input_schema must be an object", f"{at}/input_schema")
    if not isinstance(description, (str, type(None))):
        fail("description must be a string", f"{at}/description")
    if not isinstance(strict, (bool, type(None))):
        fail("strict must be a boolean", f"{at}/strict")
    return ir.Tool(
        name,
        description=description,
        parameters=schema,
        strict=strict,
        cache=decode_cache(tool.get("cache_control"), f"{at}/cache_control"),
        origin=M,  # an Anthropic schema: OpenAI strict mode may refuse it (strict_schema)
        at=at,
        extras=leftovers(tool, _TOOL_KNOWN, typed=True if kind == "custom" else None),
    )


def decode_tools(tools: Any) -> tuple[ir.Tool, ...]:
    if not isinstance(tools, list):
        fail("tools must be an array", "/tools")
    return tuple([_decode_tool(t, f"/tools/{i}") for i, t in enumerate(tools)])


def _empty_schema() -> dict[str, Any]:
    # OpenAI tools may omit parameters; input_schema is required (WIRE.md §6.3 common translator default)
    return {"type": "object", "properties": {}}


def _custom_schema() -> dict[str, Any]:
    return {"type": "object", "properties": {CUSTOM_INPUT: {"type": "string"}}, "required": [CUSTOM_INPUT]}


def _encode_hosted(tool: ir.Tool, searched: bool, log: LossLog) -> dict[str, Any] | None:
    if tool.origin is M and tool.raw is not None:
        return tool.raw
    # one web_search tool: Anthropic tool names are unique
    if not searched and (search := web_search.convert(tool, M, log)) is not None:
        return search
    log.semantic(tool.at, "hosted_tool_dropped", f"hosted tool {tool.name!r} has no messages equivalent")
    return None


def _encode_tool(tool: ir.Tool, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {"name": tool.name}
    if flag(tool.extras, "typed"):
        out["type"] = "custom"
    if tool.description is not None:
        out["description"] = tool.description
    if tool.kind == "custom":
        # WIRE.md §6.3: no free-form tools in Anthropic; emulated as one string parameter, grammar lost
        log.degraded(
            tool.at,
            "custom_tool_emulated",
            f"custom tool {tool.name!r} sent as a function with one string parameter {CUSTOM_INPUT!r}",
        )
        out["input_schema"] = _custom_schema()
    else:
        out["input_schema"] = tool.parameters if tool.parameters is not None else _empty_schema()
    if tool.strict is not None:
        out["strict"] = tool.strict
    elif (
        tool.origin is Api.RESPONSES and tool.kind == "function" and responses_default_strict(tool.parameters)
    ):
        out["strict"] = True  # what Responses would have done with this schema
    if tool.cache is not None:
        out["cache_control"] = encode_cache(tool.cache, tool.at, log)
    return emit(out, tool.extras, tool.at, log)


def encode_tools(tools: tuple[ir.Tool, ...], allowed: frozenset[str] | None, log: LossLog) -> list[Any]:
    out = []
    searched = False  # a foreign web search configuration already sent
    for tool in tools:
        if tool.kind == "hosted":
            wire = _encode_hosted(tool, searched, log)
            if wire is not None:
                out.append(wire)
                searched = searched or tool.origin is not M
        elif allowed is None or tool.name in allowed:
            out.append(_encode_tool(tool, log))
        # else allowed_tools: Anthropic has no subset choice, so the list itself is filtered (§6.4)
    return out


# --- tool_choice ---------------------------------------------------------------------------------

# [AN:tool_choice_*_param.py] <-> IR mode (WIRE.md §6.4)
CHOICE_TO_MODE: dict[str, ir.request.ToolChoiceMode] = {
    "auto": "auto",
    "any": "required",
    "tool": "tool",
    "none": "none",
}
MODE_TO_CHOICE: dict[str, str] = {"auto": "auto", "required": "any", "tool": "tool", "none": "none"}

_CHOICE_KNOWN = ("type", "name", "disable_parallel_tool_use")


def decode_tool_choice(choice: Any, tools: tuple[ir.Tool, ...] | None) -> tuple[ir.ToolChoice, bool | None]:
    """The IR choice and ``parallel_tool_calls`` (``not disable_parallel_tool_use``; None when absent)."""
    at = "/tool_choice"
    if not isinstance(choice, dict):
        fail("tool_choice must be an object", at)
    kind = choice.get("type")
    mode = CHOICE_TO_MODE.get(kind) if isinstance(kind, str) else None
    if mode is None:
        fail(f"unknown tool_choice type {kind!r}", f"{at}/type")
    name = choice.get("name")
    if mode == "tool" and not isinstance(name, str):
        fail("tool_choice name must be a string", f"{at}/name")
    disable = choice.get("disable_parallel_tool_use")
    if not isinstance(disable, (bool, type(None))):
        fail("disable_parallel_tool_use must be a boolean", f"{at}/disable_parallel_tool_use")
    hosted = mode == "tool" and any(t.kind == "hosted" and t.name == name for t in tools or ())
    out = ir.ToolChoice(
        mode,
        name=name if mode == "tool" else None,
        kind="hosted" if hosted else "function",
        origin=M if hosted else None,
        raw=choice if hosted else None,
        at=at,
        # the parallel flag lives inside tool_choice here; the hint says it was written, even as false
        extras=leftovers(choice, _CHOICE_KNOWN, parallel=True if disable is not None else None),
    )
    return out, (None if disable is None else not disable)


def encode_tool_choice(
    choice: ir.ToolChoice | None, parallel: bool | None, log: LossLog, *, has_tools: bool = True
) -> tuple[dict[str, Any] | None, frozenset[str] | None]:
    """Anthropic ``tool_choice`` (None: omit it) and, for ``allowed``, the tool names to keep."""
    if choice is None:
        if parallel is False and not has_tools:
            # tool_choice needs tools (Anthropic rejects it alone); with no tools nothing runs in parallel
            log.cosmetic(
                "/parallel_tool_calls", "parallel_flag_moot", "no tools: parallel_tool_calls not sent"
            )
            return None, None
        # AM has no top-level parallel flag: parallel off alone becomes auto + disable (WIRE.md §6.4)
        return ({"type": "auto", "disable_parallel_tool_use": True} if parallel is False else None), None
    allowed: frozenset[str] | None = None
    mode = choice.mode
    if choice.kind == "hosted" and mode == "tool":
        if choice.origin is M and isinstance(choice.raw, dict):
            return choice.raw, None
        log.semantic(choice.at, "hosted_tool_dropped", f"forced hosted tool {choice.name!r} cannot be sent")
        out: dict[str, Any] = {"type": "auto"}
    elif mode == "allowed":
        allowed = frozenset(choice.allowed or ())
        out = {"type": "any" if choice.allowed_mode == "required" else "auto"}
        log.degraded(
            choice.at, "tool_choice_degraded", "allowed_tools sent as a filtered tools list with auto/any"
        )
    else:
        out = {"type": MODE_TO_CHOICE[mode]}
        if mode == "tool":
            out["name"] = choice.name
    if flag(choice.extras, "parallel"):
        out["disable_parallel_tool_use"] = parallel is False  # ours: written back as it came
    elif parallel is False and out["type"] != "none":
        out["disable_parallel_tool_use"] = True
    elif parallel is False:
        # Anthropic's "none" has no parallel flag; no tool runs, so none runs in parallel either
        log.cosmetic(
            "/parallel_tool_calls", "parallel_flag_moot", "tool_choice none: parallel_tool_calls not sent"
        )
    return emit(out, choice.extras, choice.at, log), allowed
