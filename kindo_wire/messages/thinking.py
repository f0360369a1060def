"""Anthropic ``thinking`` / ``output_config.effort`` <-> ``ir.ReasoningConfig`` (WIRE.md §2.6, §6.10).

Messages' own config comes back as it was. An OpenAI effort becomes a manual thinking budget
(``mapping.effort``), and the constraints Anthropic enforces on thinking are applied here, each with
its loss: budget >= 1024 and < max_tokens, no forced tool choice, a signed thinking block at the start
of every assistant tool-use turn of the current tool loop, no temperature change (§2.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import ir
from ..loss import LossLog
from ..mapping.effort import EFFORT_BUDGET, budget_for
from .codec_extras import M, emit, fail, flag, leftovers

# Anthropic's smallest thinking budget [AN:thinking_config_enabled_param.py].
MIN_BUDGET = 1024

_THINKING_KNOWN = ("type", "budget_tokens", "display")


def decode_reasoning(thinking: Any, effort: Any) -> ir.ReasoningConfig | None:
    """From top-level ``thinking`` and ``output_config.effort`` (either may be absent)."""
    if thinking is None and effort is None:
        return None
    if effort is not None and not isinstance(effort, str):
        fail("effort must be a string", "/output_config/effort")
    if thinking is None:
        return ir.ReasoningConfig(effort=effort, at="/output_config/effort", extras=_OWN)
    if not isinstance(thinking, dict):
        fail("thinking must be an object", "/thinking")
    kind, budget, display = thinking.get("type"), thinking.get("budget_tokens"), thinking.get("display")
    if not isinstance(kind, str):
        fail("thinking needs a string type", "/thinking/type")
    if not isinstance(budget, (int, type(None))) or isinstance(budget, bool):
        fail("budget_tokens must be an integer", "/thinking/budget_tokens")
    if not isinstance(display, (str, type(None))):
        fail("display must be a string", "/thinking/display")
    return ir.ReasoningConfig(
        effort=effort,
        thinking=kind,
        budget_tokens=budget,
        display=display,
        at="/thinking",
        extras=leftovers(thinking, _THINKING_KNOWN, own=True),
    )


_OWN: ir.Extras = {M.value: {"~own": True}}


@dataclass(slots=True)
class Thinking:
    """What the request encoder writes: ``thinking`` (None: omit), ``effort``, the final ``max_tokens``."""

    thinking: dict[str, Any] | None
    effort: str | None
    max_tokens: int
    temperature: float | int | None


def _unsigned_tool_turn(messages: tuple[ir.Message, ...]) -> str | None:
    """The pointer of an assistant tool-use turn of the current tool loop that does not start with
    Anthropic thinking (the loop: everything after the last user turn that is not only tool results)."""
    for message in reversed(messages):
        if message.role == "user":
            if not all(isinstance(p, ir.ToolResult) for p in message.parts):
                return None
            continue
        if message.role != "assistant" or not any(isinstance(p, ir.ToolCall) for p in message.parts):
            continue
        first = message.parts[0]
        if not (isinstance(first, ir.Reasoning) and first.origin is M):
            return message.at
    return None


def encode_reasoning(
    req: ir.Request, log: LossLog, *, max_tokens: int, defaulted: bool, forced_choice: bool
) -> Thinking:
    rc = req.reasoning
    if rc is None:
        return Thinking(None, None, max_tokens, req.temperature)
    if flag(rc.extras, "own"):
        thinking: dict[str, Any] | None = None
        if rc.thinking is not None:
            thinking = {"type": rc.thinking}
            if rc.budget_tokens is not None:
                thinking["budget_tokens"] = rc.budget_tokens
            if rc.display is not None:
                thinking["display"] = rc.display
            thinking = emit(thinking, rc.extras, rc.at, log)
        return Thinking(thinking, rc.effort, max_tokens, req.temperature)
    return _from_effort(req, rc, log, max_tokens=max_tokens, defaulted=defaulted, forced_choice=forced_choice)


def _from_effort(
    req: ir.Request,
    rc: ir.ReasoningConfig,
    log: LossLog,
    *,
    max_tokens: int,
    defaulted: bool,
    forced_choice: bool,
) -> Thinking:
    emit({}, rc.extras, rc.at, log)  # other APIs' reasoning knobs (context...) are reported
    off = Thinking(None, None, max_tokens, req.temperature)
    if rc.summary == "auto":
        # Anthropic decides how thinking is summarized, and "auto" is what it does (WIRE.md §6.10)
        log.cosmetic(f"{rc.at}/summary", "unsupported_field", "reasoning summary 'auto' is messages' own way")
    elif rc.summary is not None:
        log.degraded(f"{rc.at}/summary", "unsupported_field", f"reasoning summary {rc.summary!r} not sent")
    effort = rc.effort
    if effort == "none":
        # said explicitly, as the source did: the §6.10 "Off" row
        return Thinking({"type": "disabled"}, None, max_tokens, req.temperature)
    if effort is None:
        return off  # no effort given: the model's default applies, as it would have at the source
    budget = budget_for(effort)
    # Chat's reasoning_effort is the field itself; Responses' reasoning is an object holding effort.
    where = rc.at if rc.at.endswith("effort") else f"{rc.at}/effort"
    if budget is None:
        budget = EFFORT_BUDGET["medium"]
        log.degraded(where, "effort_approximated", f"unknown effort {effort!r} sent as {budget}")
    else:
        log.degraded(where, "effort_approximated", f"effort {effort!r} sent as budget_tokens {budget}")
    if forced_choice:
        # 400 "Thinking may not be enabled when tool_choice forces tool use" (WIRE.md §2.2, §6.4)
        log.degraded(rc.at, "thinking_disabled", "thinking cannot be combined with a forced tool choice")
        return off
    unsigned = _unsigned_tool_turn(req.messages)
    if unsigned is not None:
        # the upstream demands the final assistant tool turn start with its own signed thinking block
        log.degraded(
            rc.at,
            "thinking_disabled",
            f"the assistant tool-use turn at {unsigned} has no messages thinking block",
        )
        return off
    if budget >= max_tokens:
        if defaulted:
            max_tokens = budget + max_tokens  # room for the answer on top of the thinking
        elif max_tokens > MIN_BUDGET:
            log.degraded(where, "value_clamped", f"budget_tokens {budget} clamped below max_tokens")
            budget = max_tokens - 1
        else:
            log.degraded(rc.at, "thinking_disabled", f"max_tokens {max_tokens} leaves no thinking budget")
            return off
    temperature = req.temperature
    if temperature is not None and temperature != 1:
        # thinking is incompatible with temperature changes (WIRE.md §2.2, §6.16)
        log.degraded("/temperature", "unsupported_field", "temperature cannot be set with thinking on")
        temperature = None
    return Thinking({"type": "enabled", "budget_tokens": budget}, None, max_tokens, temperature)
