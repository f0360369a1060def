"""A model's answer, in no particular wire format."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum

from ._node import JSON, NO_EXTRAS, Extras
from .message import Message

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        def __str__(self) -> str:
            return str(self.value)


class Finish(StrEnum):
    """Why generation stopped: the union of all three APIs' reasons (WIRE.md §6.8).

    Each API's ``finish_reasons`` module maps its values to and from these; the wire value the
    source used is kept in the choice's extras so the same API gets it back exactly.
    """

    END_TURN = "end_turn"  # natural end (Chat stop, Anthropic end_turn, Responses completed)
    STOP_SEQUENCE = "stop_sequence"  # a requested stop sequence matched
    MAX_TOKENS = "max_tokens"  # the output cap was hit
    TOOL_USE = "tool_use"  # the model called tools and waits for results
    PAUSE_TURN = "pause_turn"  # Anthropic: a long server-tool turn paused; resend to continue
    REFUSAL = "refusal"  # the model declined (Anthropic refusal)
    CONTENT_FILTER = "content_filter"  # output withheld by a filter (OpenAI)
    CONTEXT_WINDOW_EXCEEDED = "model_context_window_exceeded"  # the context window filled up
    COMPACTION = "compaction"  # Anthropic (beta): the context was compacted
    FAILED = "failed"  # Responses status failed: an error ended generation
    CANCELLED = "cancelled"  # Responses status cancelled
    IN_PROGRESS = "in_progress"  # not finished (Responses background / queued)


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts, in OpenAI's convention: ``input_tokens`` *includes* cache reads and writes.

    (Anthropic's ``input_tokens`` excludes them: its codec adds and subtracts, WIRE.md §6.9.)
    ``reasoning_tokens`` is the part of ``output_tokens`` spent thinking.
    """

    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_read: int | None = None
    cache_write: int | None = None
    reasoning_tokens: int | None = None
    total_tokens: int | None = None
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class Choice:
    """One generated answer. Only Chat has more than one (``n``).

    ``finish_at`` points at the source field the finish came from (``/choices/0/finish_reason``,
    ``/stop_reason``, ``/status``): where a finish the target cannot say is reported.
    ``stop_sequence`` is the matched stop sequence, which only Anthropic reports (top-level
    ``stop_sequence``, the default of ``stop_sequence_at``).
    """

    message: Message
    finish: Finish | None = None
    stop_sequence: str | None = None
    index: int = 0
    at: str = ""
    finish_at: str = ""
    extras: Extras = NO_EXTRAS
    stop_sequence_at: str = "/stop_sequence"


@dataclass(frozen=True, slots=True)
class Response:
    """A complete model response. ``id`` is kept whole; codecs swap its prefix (``ids``).
    ``created_from`` points at the source field ``created`` came from (Responses: ``/created_at``)."""

    id: str | None
    model: str | None
    choices: tuple[Choice, ...]
    usage: Usage | None = None
    created: int | float | None = None
    service_tier: str | None = None
    error: dict[str, JSON] | None = None
    created_from: str = "/created"
    extras: Extras = NO_EXTRAS
