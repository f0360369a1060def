"""Anthropic ``stop_reason`` <-> ``ir.Finish`` (WIRE.md §2.8, §6.8).

Every Anthropic stop reason maps to its own Finish member, so decoding is exact. Encoding a Finish
Anthropic has no value for picks the closest one and says how much meaning changed.
"""

from __future__ import annotations

from ..ir import Finish
from ..loss import Severity

# [AN:stop_reason.py] + beta "compaction" [AN:beta/beta_stop_reason.py]
STOP_REASON_TO_FINISH: dict[str, Finish] = {
    "end_turn": Finish.END_TURN,
    "max_tokens": Finish.MAX_TOKENS,
    "stop_sequence": Finish.STOP_SEQUENCE,
    "tool_use": Finish.TOOL_USE,
    "pause_turn": Finish.PAUSE_TURN,
    "refusal": Finish.REFUSAL,
    "model_context_window_exceeded": Finish.CONTEXT_WINDOW_EXCEEDED,
    "compaction": Finish.COMPACTION,
}

# Finish -> (stop_reason, severity of the approximation or None when exact).
# CONTENT_FILTER: CC content_filter -> refusal (+ stop_details {type: refusal})
# [DF:issues BerriAI/litellm#39723].
# FAILED / CANCELLED: Anthropic reports those as HTTP errors, not as a message; a body that has to be a
# message ends as end_turn, SEMANTIC because the caller no longer sees that generation broke off.
# IN_PROGRESS: only the stream's message_start has no stop reason; null is the honest value.
FINISH_TO_STOP_REASON: dict[Finish, tuple[str | None, Severity | None]] = {
    Finish.END_TURN: ("end_turn", None),
    Finish.STOP_SEQUENCE: ("stop_sequence", None),
    Finish.MAX_TOKENS: ("max_tokens", None),
    Finish.TOOL_USE: ("tool_use", None),
    Finish.PAUSE_TURN: ("pause_turn", None),
    Finish.REFUSAL: ("refusal", None),
    Finish.CONTENT_FILTER: ("refusal", Severity.DEGRADED),
    Finish.CONTEXT_WINDOW_EXCEEDED: ("model_context_window_exceeded", None),
    Finish.COMPACTION: ("compaction", None),
    Finish.FAILED: ("end_turn", Severity.SEMANTIC),
    Finish.CANCELLED: ("end_turn", Severity.SEMANTIC),
    Finish.IN_PROGRESS: (None, Severity.SEMANTIC),
}
