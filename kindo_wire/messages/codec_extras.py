"""Leftover fields, null markers and cache breakpoints: the plumbing every Messages codec module shares.

A wire object decodes to an IR node plus ``extras["messages"]``: the keys the IR has no slot for,
verbatim, and (as the ``~nulls`` hint) the names of known keys the source sent as an explicit ``null``.
Anthropic responses say ``"citations": null`` and ``"stop_sequence": null`` on every message; keeping
that as a hint (not a field) gives the identity back without other APIs reporting a loss for it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, NoReturn

from .. import ir
from .._carry import hint, merge_back
from ..api import Api
from ..errors import RequestError
from ..loss import LossLog

M = Api.MESSAGES
MV = M.value

# Hint: names of known keys present with value null in the source object.
NULLS = "~nulls"


class BadShape(RequestError):
    """A request shape the codec cannot read (a response decoder re-raises it as ``UpstreamError``)."""


def fail(message: str, pointer: str) -> NoReturn:
    raise BadShape(message, pointer=pointer, code="invalid_type")


def leftovers(obj: dict[str, Any], known: Collection[str], **hints: Any) -> ir.Extras:
    """``extras`` for ``obj``: its keys outside ``known`` verbatim, known keys that were null as a hint.

    Keyword ``hints`` (their names start with ``~`` once prefixed) are added when not None.
    """
    fields: dict[str, Any] | None = None
    nulls: list[str] | None = None
    for key, value in obj.items():
        if key in known:
            if value is None:
                if nulls is None:
                    nulls = []
                nulls.append(key)
            continue
        if fields is None:
            fields = {}
        fields[key] = value
    if nulls is not None:
        if fields is None:
            fields = {}
        fields[NULLS] = tuple(nulls)
    for name, value in hints.items():
        if value is not None:
            if fields is None:
                fields = {}
            fields["~" + name] = value
    return {MV: fields} if fields else ir.NO_EXTRAS


def emit(
    out: dict[str, Any], extras: ir.Extras, at: str, log: LossLog, *, top_level: bool = False
) -> dict[str, Any]:
    """Merge ``extras`` into ``out``: our own leftovers and nulls back, a loss for every other API's
    (``top_level``: a body's own fields, with the severities of ``_carry.ONLY_FIELD_SEVERITY``)."""
    return merge_back(out, extras, M, at, log, nulls=NULLS, top_level=top_level)


def flag(extras: ir.Extras, name: str) -> Any:
    """The form hint ``~name`` our decoder left on a node, or None."""
    return hint(extras, M, "~" + name) if extras else None


# --- cache_control <-> CacheHint -----------------------------------------------------------------
# [AN:cache_control_ephemeral_param.py]: {"type": "ephemeral", "ttl"?: "5m" | "1h"} (WIRE.md §2.4).

_CACHE_KNOWN = ("ttl",)


def decode_cache(value: Any, at: str) -> ir.CacheHint | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        fail("cache_control must be an object", at)
    ttl = value.get("ttl")
    if len(value) == 1 and value.get("type") == "ephemeral":
        return _EPHEMERAL
    # "type" is a leftover unless it is the one value every encoder writes anyway.
    rest = {k: v for k, v in value.items() if k != "type"} if value.get("type") == "ephemeral" else value
    known = _CACHE_KNOWN if ttl is None or isinstance(ttl, str) else ()
    return ir.CacheHint(ttl=ttl if isinstance(ttl, str) else None, extras=leftovers(rest, known))


_EPHEMERAL = ir.CacheHint()


def encode_cache(cache: ir.CacheHint, at: str, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "ephemeral"}
    if cache.ttl is not None:
        out["ttl"] = cache.ttl
    return emit(out, cache.extras, f"{at}/cache_control", log)
