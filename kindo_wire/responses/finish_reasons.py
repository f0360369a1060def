"""Responses status <-> IR ``Finish`` (WIRE.md §6.8).

Responses has no finish field: the status (plus ``incomplete_details.reason`` and the output items)
says it. Decoding refines ``completed`` by the output (calls -> TOOL_USE; a refusal only -> REFUSAL).
"""

from __future__ import annotations

from ..ir import Finish
from ..loss import Severity

# WIRE.md §6.8 "RS -> others": status -> finish (``completed`` and ``incomplete`` are refined below).
STATUS_FINISH: dict[str, Finish] = {
    "completed": Finish.END_TURN,
    "incomplete": Finish.MAX_TOKENS,  # no or an unknown reason: the output was cut short
    "failed": Finish.FAILED,
    "cancelled": Finish.CANCELLED,
    "in_progress": Finish.IN_PROGRESS,
    "queued": Finish.IN_PROGRESS,
}

# WIRE.md §3.6 / §6.8: incomplete_details.reason -> finish.
INCOMPLETE_REASON_FINISH: dict[str, Finish] = {
    "max_output_tokens": Finish.MAX_TOKENS,
    "content_filter": Finish.CONTENT_FILTER,
}

# WIRE.md §6.8 "AM -> others" / "CC -> others", RS column: finish -> (status, incomplete reason).
# REFUSAL is "completed" when the message holds a refusal part (the exact Responses form) and
# "incomplete"/"content_filter" otherwise: see ``status_for``.
FINISH_STATUS: dict[Finish, tuple[str, str | None]] = {
    Finish.END_TURN: ("completed", None),
    Finish.STOP_SEQUENCE: ("completed", None),
    Finish.MAX_TOKENS: ("incomplete", "max_output_tokens"),
    Finish.TOOL_USE: ("completed", None),
    Finish.PAUSE_TURN: ("completed", None),
    Finish.REFUSAL: ("incomplete", "content_filter"),
    Finish.CONTENT_FILTER: ("incomplete", "content_filter"),
    Finish.CONTEXT_WINDOW_EXCEEDED: ("incomplete", "max_output_tokens"),
    Finish.COMPACTION: ("incomplete", None),
    Finish.FAILED: ("failed", None),
    Finish.CANCELLED: ("cancelled", None),
    Finish.IN_PROGRESS: ("in_progress", None),
}

# The finishes Responses cannot say exactly: (severity, loss code, what it became).
FINISH_LOSS: dict[Finish, tuple[Severity, str, str]] = {
    # completed covers a stop sequence too (WIRE.md §6.8 "matched string lost"): the string itself
    # is reported apart (stop_sequence_dropped)
    Finish.STOP_SEQUENCE: (
        Severity.COSMETIC,
        "stop_sequence_lost",
        "a matched stop sequence, sent as completed",
    ),
    Finish.PAUSE_TURN: (
        Severity.SEMANTIC,
        "finish_reason_approximated",
        "pause_turn (resend to continue) sent as completed",
    ),
    Finish.CONTEXT_WINDOW_EXCEEDED: (
        Severity.DEGRADED,
        "finish_reason_approximated",
        "model_context_window_exceeded sent as incomplete/max_output_tokens",
    ),
    Finish.COMPACTION: (Severity.SEMANTIC, "finish_reason_approximated", "compaction sent as incomplete"),
}
_REFUSAL_LOSS = (
    Severity.DEGRADED,
    "finish_reason_approximated",
    "a refusal without a refusal part, sent as incomplete/content_filter",
)


def finish_for(status: object, reason: object, has_calls: bool, only_refusal: bool) -> Finish | None:
    """The IR finish of a Responses status; None when there is no (known) status."""
    finish = STATUS_FINISH.get(status) if isinstance(status, str) else None
    if finish is Finish.END_TURN:
        if has_calls:
            return Finish.TOOL_USE
        if only_refusal:
            return Finish.REFUSAL
    elif finish is Finish.MAX_TOKENS and isinstance(reason, str):
        return INCOMPLETE_REASON_FINISH.get(reason, Finish.MAX_TOKENS)
    return finish


def status_for(
    finish: Finish | None, has_refusal: bool
) -> tuple[str, str | None, tuple[Severity, str, str] | None]:
    """(status, incomplete reason, loss or None) for an IR finish; no finish is ``completed``."""
    if finish is None:
        return "completed", None, None
    if finish is Finish.REFUSAL and has_refusal:
        return "completed", None, None
    status, reason = FINISH_STATUS[finish]
    return status, reason, _REFUSAL_LOSS if finish is Finish.REFUSAL else FINISH_LOSS.get(finish)
