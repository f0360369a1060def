"""A ``tool_choice`` left with no tool to choose from.

When every tool of a request is a hosted tool the target cannot run, the encoded tool list is
empty; OpenAI refuses an empty ``tools`` array and both OpenAI and Anthropic refuse a
``tool_choice`` without tools (WIRE.md §1.4, §2.4). The choice goes too: harmless for ``auto`` and
``none`` (no tool would have run), a change of meaning for a forced choice.
"""

from __future__ import annotations

from .. import ir
from ..loss import LossLog

HARMLESS_MODES = frozenset({"auto", "none"})
ORPHAN_DETAIL = "no tool left after conversion: tool_choice not sent"


def drop_orphan_choice(choice: ir.ToolChoice, log: LossLog) -> None:
    """Record that ``choice`` was left out because no tool survived the conversion."""
    if choice.mode in HARMLESS_MODES:
        log.cosmetic(choice.at, "tool_choice_dropped", ORPHAN_DETAIL)
    else:
        log.semantic(choice.at, "tool_choice_dropped", ORPHAN_DETAIL)
