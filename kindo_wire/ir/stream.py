"""The neutral stream: what every source stream decoder says and every target encoder hears.

A stream is ``source events -> IR stream events -> target events``. The IR events are the calls of
``StreamSink``, in this order (WIRE.md §6.18 is the per-API table):

    start  (part_start  (delta | deltas)*  part_end)*  finish | fail

``choice`` is the answer (only Chat has more than one); ``key`` names one part of that answer, so
parts may be open at the same time (Chat tool calls interleave by ``index``). ``part_start`` gives
the part as first known (``Text("")``, ``ToolCall(id, name, arguments="")``, ``Reasoning(origin)``,
a complete ``Opaque``); ``delta`` adds text (text, refusal or reasoning text, or a fragment of a
tool call's JSON arguments, passed through unparsed), and ``deltas`` adds several fragments of one
part in a row, exactly as that many ``delta`` calls would (a decoder passes a run of plain
fragments at once, an encoder writes them in one loop); ``part_end`` gives the complete part exactly
as the non-streaming decoder reads it. ``finish`` gives the whole response as the non-streaming
decoder reads the aggregated stream: encoders take the finish reason, usage and their terminal
objects from it, which is why streaming and non-streaming agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .content import Part
from .error import Error
from .response import Response, Usage


@dataclass(frozen=True, slots=True)
class Header:
    """What a stream says before any content: Chat's first chunk, Anthropic ``message_start``,
    Responses ``response.created``. ``usage`` is what is known so far (Anthropic's input counts)."""

    id: str | None
    model: str | None
    created: int | float | None = None
    service_tier: str | None = None
    usage: Usage | None = None


class StreamSink(Protocol):
    """The IR stream events: a target encoder implements these, a source decoder calls them."""

    def start(self, header: Header) -> None: ...

    def part_start(self, choice: int, key: int, part: Part) -> None: ...

    def delta(self, choice: int, key: int, text: str) -> None: ...

    def deltas(self, choice: int, key: int, texts: list[str]) -> None: ...

    def part_end(self, choice: int, key: int, part: Part) -> None: ...

    def keep_alive(self) -> None: ...

    def finish(self, response: Response) -> None: ...

    def fail(self, error: Error) -> None: ...
