"""What a stream decoder read and could not place (its ``ignored`` counts), as losses.

Every decoder counts what it skips: unknown event types (``<type>``), unknown Anthropic delta
types (``delta:<type>``), fields of the events themselves (``field:<event type>.<key>``), and
fields only a superseded Responses snapshot had (``snapshot:<pointer in the answer>``). The
transcoder and the aggregation report them the same way (docs/STREAMING.md).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from .loss import LossLog, Severity


def count_fields(ignored: dict[str, int], where: str, obj: dict[str, Any], known: Collection[str]) -> None:
    """Count the fields of ``obj`` (an event, or its ``where`` part) beyond ``known``."""
    for key in obj.keys() - known:
        name = f"field:{where}.{key}"
        ignored[name] = ignored.get(name, 0) + 1


def count_snapshot_fields(ignored: dict[str, int], pointers: Iterable[str]) -> None:
    """Count the fields (pointers in the answer) only a superseded Responses snapshot had."""
    for pointer in pointers:
        ignored["snapshot:" + pointer] = 1


def report_ignored(log: LossLog, ignored: dict[str, int], *, into: str, passed_through: bool) -> None:
    """``ignored`` into ``log``; ``into``: what the client gets (``the chat stream``, ``the
    aggregated body``). A stream ``passed_through`` to its own API keeps its fields as they came."""
    for kind, count in sorted(ignored.items()):
        if kind.startswith("snapshot:"):
            if not passed_through:
                detail = "only a snapshot that the terminal event superseded had it"
                log.degraded(kind[9:], "unknown_event_field_ignored", detail)
        elif kind.startswith("field:"):
            if not passed_through:
                detail = f"{kind[6:]} ({count} event(s)): no place for it in {into}"
                log.degraded("", "unknown_event_field_ignored", detail)
        else:
            what = "delta" if kind.startswith("delta:") else "event"
            severity = Severity.DEGRADED if what == "delta" else Severity.COSMETIC
            log.add("", severity, f"unknown_{what}_ignored", f"{count} {kind!r} {what}(s) ignored")
