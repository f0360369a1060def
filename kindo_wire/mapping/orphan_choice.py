"""A ``tool_choice`` left with no tool to choose from.

When every tool of a request is a hosted tool the target cannot run, the encoded tool list is
empty; OpenAI refuses an empty ``tools`` array and both OpenAI and Anthropic refuse a
``tool_choice`` without tools (WIRE.md §1.4, §2.4). The choice goes too: harmless for ``auto`` and
``none`` (no tool would have run), a change of meaning for a forced choice.
"""

from __future__ import annotations

from ..loss import LossLog

HARMLESS_MODES = frozenset({"auto", "none"})


def drop_orphan_choice(mode: str, at: str, log: LossLog) -> None:
    """Record that the tool choice at ``at`` (an ``ir.ToolChoice`` mode) was left out because no
    tool survived the conversion (the codecs' IR and the fast writers' plain requests alike)."""
    detail = "no tool left after conversion: tool_choice not sent"
    if mode in HARMLESS_MODES:
        log.cosmetic(at, "tool_choice_dropped", detail)
    else:
        log.semantic(at, "tool_choice_dropped", detail)
