"""Responses ``usage`` <-> IR ``Usage`` (WIRE.md §3.6, §6.9).

Responses counts like the IR: ``input_tokens`` includes cached reads and writes, ``output_tokens``
includes reasoning. The ``~shape`` hint keeps the details objects' own leftovers (False when a
details object was absent) so the same body comes back.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..loss import LossLog
from .codec_util import extras, leftovers, merge, mine

_KNOWN = frozenset(
    {"input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details", "total_tokens"}
)
_IN_KNOWN = frozenset({"cached_tokens", "cache_write_tokens"})
_OUT_KNOWN = frozenset({"reasoning_tokens"})


def decode_usage(usage: dict[str, Any]) -> ir.Usage:
    rest = leftovers(usage, _KNOWN)
    in_details, out_details = usage.get("input_tokens_details"), usage.get("output_tokens_details")
    in_d = in_details if isinstance(in_details, dict) else {}
    out_d = out_details if isinstance(out_details, dict) else {}
    rest["~shape"] = {
        "in": leftovers(in_d, _IN_KNOWN) if isinstance(in_details, dict) else False,
        "out": leftovers(out_d, _OUT_KNOWN) if isinstance(out_details, dict) else False,
    }
    return ir.Usage(
        input_tokens=usage.get("input_tokens"),
        output_tokens=usage.get("output_tokens"),
        cache_read=in_d.get("cached_tokens"),
        cache_write=in_d.get("cache_write_tokens"),
        reasoning_tokens=out_d.get("reasoning_tokens"),
        total_tokens=usage.get("total_tokens"),
        extras=extras(rest),
    )


def encode_usage(usage: ir.Usage, log: LossLog) -> dict[str, Any]:
    shape = mine(usage.extras, "~shape")
    if shape is not None:  # our own: exactly what came
        out: dict[str, Any] = {}
        _put(out, "input_tokens", usage.input_tokens)
        if shape["in"] is not False:
            out["input_tokens_details"] = _details(
                shape["in"], (("cached_tokens", usage.cache_read), ("cache_write_tokens", usage.cache_write))
            )
        _put(out, "output_tokens", usage.output_tokens)
        if shape["out"] is not False:
            out["output_tokens_details"] = _details(
                shape["out"], (("reasoning_tokens", usage.reasoning_tokens),)
            )
        _put(out, "total_tokens", usage.total_tokens)
        return merge(out, usage.extras, "/usage", log)
    # Another API's usage: every field the SDK requires (ResponseUsage), missing counts as 0.
    input_tokens = _required(usage.input_tokens, "input_tokens", log)
    output_tokens = _required(usage.output_tokens, "output_tokens", log)
    total = usage.total_tokens if usage.total_tokens is not None else input_tokens + output_tokens
    out = {
        "input_tokens": input_tokens,
        "input_tokens_details": {
            "cached_tokens": usage.cache_read or 0,
            "cache_write_tokens": usage.cache_write or 0,
        },
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": usage.reasoning_tokens or 0},
        "total_tokens": total,
    }
    return merge(out, usage.extras, "/usage", log)


def _put(out: dict[str, Any], key: str, value: int | None) -> None:
    if value is not None:
        out[key] = value


def _details(rest: dict[str, Any], values: tuple[tuple[str, int | None], ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values:
        _put(out, key, value)
    return merge(out, extras(rest), "/usage", LossLog())


def _required(value: int | None, name: str, log: LossLog) -> int:
    if value is None:
        log.cosmetic("/usage", "usage_incomplete", f"usage {name} unknown, sent as 0")
        return 0
    return value
