"""Chat ``finish_reason`` <-> ``ir.Finish`` (WIRE.md §1.7, §6.8).

The exact wire value is kept as the choice's ``~finish_reason`` hint whenever the table below would
not give it back (``function_call``, an unknown value), so Chat -> Chat is exact.
"""

from __future__ import annotations

from ..ir import Finish
from ..loss import Severity

# WIRE.md §6.8 "CC -> others": every Chat value (WIRE.md §1.7) and its IR meaning.
FROM_CHAT: dict[str, Finish] = {
    "stop": Finish.END_TURN,  # natural end or a stop sequence: Chat does not say which
    "length": Finish.MAX_TOKENS,
    "tool_calls": Finish.TOOL_USE,
    "content_filter": Finish.CONTENT_FILTER,
    "function_call": Finish.TOOL_USE,  # deprecated legacy form
}

# WIRE.md §6.8 "AM -> others" / "RS -> others": every IR reason as Chat says it, with the loss
# (severity, code) to record when Chat's value means something else; None when it is exact.
# Decisions beyond the table: FAILED / CANCELLED / IN_PROGRESS (Chat would answer with an HTTP
# error or nothing at all) become "stop" with a SEMANTIC loss so that the body stays valid.
TO_CHAT: dict[Finish, tuple[str, tuple[Severity, str] | None]] = {
    Finish.END_TURN: ("stop", None),
    # "stop" is a natural end *or* a stop sequence (WIRE.md §1.7): only the distinction is lost, and
    # the matched string (stop_sequence_dropped, reported by the encoder).
    Finish.STOP_SEQUENCE: ("stop", (Severity.COSMETIC, "stop_sequence_lost")),
    Finish.MAX_TOKENS: ("length", None),
    Finish.TOOL_USE: ("tool_calls", None),
    Finish.PAUSE_TURN: ("stop", (Severity.SEMANTIC, "finish_reason_approximated")),
    Finish.REFUSAL: ("content_filter", None),  # LiteLLM's map; back again it is "refusal" [DF:litellm]
    Finish.CONTENT_FILTER: ("content_filter", None),
    Finish.CONTEXT_WINDOW_EXCEEDED: ("length", (Severity.DEGRADED, "finish_reason_approximated")),
    Finish.COMPACTION: ("length", (Severity.DEGRADED, "finish_reason_approximated")),
    Finish.FAILED: ("stop", (Severity.SEMANTIC, "finish_reason_approximated")),
    Finish.CANCELLED: ("stop", (Severity.SEMANTIC, "finish_reason_approximated")),
    Finish.IN_PROGRESS: ("stop", (Severity.SEMANTIC, "finish_reason_approximated")),
}
