"""One explicit state table per stream grammar (ARCHITECTURE.md §4): an event the table does not
allow in the current state is a ``StreamError``, never a flag to check later."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import StreamError

Table = Mapping[tuple[str, str], str]


class Grammar:
    """The state of one stream under ``table``: ``(state, event kind) -> next state``."""

    __slots__ = ("api", "final", "state", "table")

    def __init__(self, api: str, table: Table, *, start: str, final: frozenset[str]) -> None:
        self.api = api
        self.table = table
        self.state = start
        self.final = final

    def step(self, kind: str) -> str:
        """Move on ``kind``; raise ``StreamError`` if the grammar forbids it here."""
        nxt = self.table.get((self.state, kind))
        if nxt is None:
            raise StreamError(f"{self.api} stream: {kind!r} is not allowed {_where(self.state)}")
        self.state = nxt
        return nxt

    @property
    def complete(self) -> bool:
        return self.state in self.final


def _where(state: str) -> str:
    return "before the stream started" if state == "start" else f"in state {state!r}"
