"""OpenAI reasoning effort <-> Anthropic thinking budget (WIRE.md §6.10).

Budgets are LiteLLM's published defaults [DF:litellm DEFAULT_REASONING_EFFORT_*_THINKING_BUDGET];
Anthropic's minimum budget is 1024. The reverse direction uses WIRE.md's suggested thresholds.
"""

from __future__ import annotations

# effort -> thinking.budget_tokens. "none" means thinking disabled (no budget).
EFFORT_BUDGET: dict[str, int] = {
    "minimal": 1024,
    "low": 1024,
    "medium": 2048,
    "high": 4096,
    "xhigh": 16384,
    "max": 16384,
}


def budget_for(effort: str) -> int | None:
    """The thinking budget for an OpenAI effort level; None for ``none`` or an unknown level."""
    return EFFORT_BUDGET.get(effort)


def effort_for(budget: int) -> str:
    """The OpenAI effort closest to an Anthropic thinking budget: <2048 low, <8192 medium, else high."""
    if budget < 2048:
        return "low"
    if budget < 8192:
        return "medium"
    return "high"
