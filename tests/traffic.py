"""The recorded exchanges in fixtures/traffic, loaded for tests (no network, no ../shared)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kindo_wire._json import same_json
from kindo_wire.sse import SSEDecoder

__all__ = ["TRAFFIC", "Exchange", "exchanges", "of_api", "same_json", "stream_events"]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRAFFIC = FIXTURES / "traffic"


@dataclass(frozen=True)
class Exchange:
    """One recorded HTTP exchange: a request and either a JSON response or a raw SSE stream."""

    path: Path
    api: str  # "chat" | "messages" | "responses"
    request: dict[str, Any]
    status: int
    response: Any  # parsed JSON body, or None for a stream
    stream: str | None  # raw SSE text, verbatim

    @property
    def name(self) -> str:
        return f"{self.api}/{self.path.stem}"


@cache
def exchanges() -> tuple[Exchange, ...]:
    found = []
    for path in sorted(TRAFFIC.glob("*/*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        found.append(
            Exchange(
                path=path,
                api=raw["api"],
                request=raw["request"],
                status=raw["status"],
                response=raw.get("response"),
                stream=raw.get("stream"),
            )
        )
    return tuple(found)


def of_api(api: str) -> list[Exchange]:
    return [e for e in exchanges() if e.api == api]


def stream_events(exchange: Exchange) -> list[tuple[str | None, str]]:
    """(event name, data) of every SSE event of a recorded stream, decoded by kindo_wire.sse."""
    assert exchange.stream is not None
    decoder = SSEDecoder()
    events = decoder.feed(exchange.stream.encode("utf-8")) + decoder.close()
    return [(e.event, e.data) for e in events]
