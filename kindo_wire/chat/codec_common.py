"""Small helpers shared by the Chat codec modules (extras, hints, pointers, type checks)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from .. import ir
from ..api import Api

CHAT = Api.CHAT
CHAT_KEY = Api.CHAT.value


def rest_of(obj: dict[str, Any], known: Collection[str]) -> dict[str, Any]:
    """The fields of ``obj`` that the IR has no slot for (kept verbatim for the Chat encoder)."""
    return {k: v for k, v in obj.items() if k not in known}


def inner_hint(obj: dict[str, Any], used: Collection[str], holder: str) -> dict[str, Any]:
    """The ``~inner`` hint of a nested object (``holder``: its key, "" for the node's own object):
    its fields the IR does not take over, and the nulls of those it does, for the Chat encoder to
    write back. ``~inner_at`` names the object so that another API reports those fields where
    they were (``_carry``)."""
    rest = {k: v for k, v in obj.items() if k not in used or v is None}
    return {"~inner": rest, "~inner_at": holder} if rest else {}


def extras(rest: dict[str, Any], hints: dict[str, Any] | None = None) -> ir.Extras:
    """``extras`` holding Chat leftovers and ``~`` form hints; the shared empty mapping when neither."""
    if hints:
        rest = {**rest, **hints} if rest else hints
    return ir.extras_of(CHAT, rest)


def own(node_extras: ir.Extras) -> dict[str, Any]:
    """The Chat entry of a node's extras (hints included), or an empty dict."""
    fields = node_extras.get(CHAT_KEY)
    return dict(fields) if fields else {}


def hint_of(node_extras: ir.Extras, key: str) -> Any:
    fields = node_extras.get(CHAT_KEY)
    return fields.get(key) if fields else None


def nulls(obj: dict[str, Any], keys: Iterable[str]) -> tuple[str, ...]:
    """The mapped keys ``obj`` sent as explicit ``null`` (the IR's None means absent)."""
    return tuple(k for k in keys if k in obj and obj[k] is None)
