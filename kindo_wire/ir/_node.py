"""The per-API leftovers IR nodes carry.

IR nodes are declared ``@dataclass(frozen=True, slots=True)``: cheap to build, impossible to
mutate by accident, free of pydantic and of wire names. A field of one wire format that the IR
has no place for is kept verbatim in ``extras[api]`` (``api`` an ``Api`` value: ``"chat"``, ``"messages"``,
``"responses"``), so that ``X -> IR -> X`` gives back what came in and ``X -> IR -> Y`` can name
each field it could not carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import Api

# Leftover wire fields by API value: {"chat": {"seed": 7}, ...}. Values are raw JSON, never mutated.
Extras = Mapping[str, Mapping[str, Any]]
JSON = Any  # a JSON value as parsed: dict, list, str, int, float, bool or None


class _NoExtras(dict[str, Mapping[str, Any]]):
    """The empty extras every node starts with: a dict (so reads stay in C) that refuses writes and
    is hashable (a dataclass default must be)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return 0

    def __repr__(self) -> str:
        return "NO_EXTRAS"

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("NO_EXTRAS is shared and immutable")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse  # type: ignore[assignment]


NO_EXTRAS: Extras = _NoExtras()


def extras_of(api: Api, fields: Mapping[str, Any]) -> Extras:
    """``fields`` (leftovers of ``api``'s wire object) as an ``extras`` mapping; empty stays shared."""
    return {api.value: fields} if fields else NO_EXTRAS
