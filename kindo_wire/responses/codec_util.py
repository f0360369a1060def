"""Small helpers every Responses codec module shares: leftovers in, leftovers out.

A decoder keeps what the IR has no slot for in ``extras["responses"]`` (docs/CONVERSION.md rule 1):
unknown keys verbatim, and under the ``~null`` hint the known keys that were sent as an explicit
``null`` (the IR's ``None`` cannot tell "null" from "absent"). ``merge`` puts both back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import ir
from .._carry import hint, merge_back
from ..api import Api
from ..loss import LossLog

RS = Api.RESPONSES
NULL = "~null"


def leftovers(obj: Mapping[str, Any], known: frozenset[str] | set[str]) -> dict[str, Any]:
    """Keys of ``obj`` outside ``known`` (verbatim), plus the ``~null`` hint for known keys sent as null."""
    rest: dict[str, Any] = {}
    nulls: list[str] | None = None
    for key, value in obj.items():
        if key not in known:
            rest[key] = value
        elif value is None:
            if nulls is None:
                nulls = []
            nulls.append(key)
    if nulls:
        rest[NULL] = nulls
    return rest


def extras(fields: dict[str, Any]) -> ir.Extras:
    """``fields`` as Responses extras (the shared empty mapping when there are none)."""
    return ir.extras_of(RS, fields)


def own(node_extras: ir.Extras) -> Mapping[str, Any]:
    """The Responses fields of a node's extras (hints included)."""
    return node_extras.get(RS.value) or {}


def mine(node_extras: ir.Extras, key: str) -> Any:
    """The Responses form hint ``key`` of a node, or None."""
    return hint(node_extras, RS, key)


def merge(
    out: dict[str, Any], node_extras: ir.Extras, at: str, log: LossLog, *, top_level: bool = False
) -> dict[str, Any]:
    """``out`` with the node's own leftover fields merged back and its explicit nulls restored;
    every other API's leftovers reported (``_carry.carry``)."""
    return merge_back(out, node_extras, RS, at, log, nulls=NULL, top_level=top_level)
