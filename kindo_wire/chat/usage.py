"""Chat ``usage`` <-> ``ir.Usage`` (WIRE.md §1.7, §6.9).

Chat counts are already in the IR's (OpenAI) convention: ``prompt_tokens`` includes cached tokens.
Detail fields without an IR slot (``audio_tokens``, ``accepted_prediction_tokens``...) are kept:
as a ``~`` hint when they are all zero (nothing is lost by dropping a zero elsewhere), else as
Chat extras that other targets report.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry
from ..loss import LossLog
from .codec_common import CHAT, extras, hint_of

# usage fields with an IR slot, and the detail objects the IR reads one field from (WIRE.md §6.9).
_TOP = (
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "prompt_tokens_details",
    "completion_tokens_details",
)
_PROMPT_DETAILS = ("cached_tokens", "cache_write_tokens")
_COMPLETION_DETAILS = ("reasoning_tokens",)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _details(
    usage: dict[str, Any], key: str, used: tuple[str, ...], rest: dict[str, Any], hints: dict[str, Any]
) -> dict[str, Any]:
    """The detail object ``key``; its leftovers go to ``rest`` (informative) or ``hints`` (all zero)."""
    if key not in usage:
        return {}
    value = usage[key]
    if not isinstance(value, dict):
        hints.setdefault("~keep", {})[key] = value
        return {}
    left = {k: v for k, v in value.items() if k not in used or _int(v) is None}
    if any(v not in (0, None) for v in left.values()):
        rest[key] = left
    else:
        hints["~" + key] = left  # also marks that the object was there
    return value


def decode_usage(usage: dict[str, Any]) -> ir.Usage:
    rest = {k: v for k, v in usage.items() if k not in _TOP}
    hints: dict[str, Any] = {}
    absent = [k for k in _TOP[:3] if _int(usage.get(k)) is None]
    if absent:
        hints["~absent"] = absent
        rest.update({k: usage[k] for k in absent if k in usage})
    prompt = _details(usage, "prompt_tokens_details", _PROMPT_DETAILS, rest, hints)
    completion = _details(usage, "completion_tokens_details", _COMPLETION_DETAILS, rest, hints)
    return ir.Usage(
        input_tokens=_int(usage.get("prompt_tokens")),
        output_tokens=_int(usage.get("completion_tokens")),
        total_tokens=_int(usage.get("total_tokens")),
        cache_read=_int(prompt.get("cached_tokens")),
        cache_write=_int(prompt.get("cache_write_tokens")),
        reasoning_tokens=_int(completion.get("reasoning_tokens")),
        extras=extras(rest, hints),
    )


def encode_usage(usage: ir.Usage, log: LossLog, at: str = "/usage") -> dict[str, Any]:
    absent = hint_of(usage.extras, "~absent") or ()
    out: dict[str, Any] = {}
    for key, value in (("prompt_tokens", usage.input_tokens), ("completion_tokens", usage.output_tokens)):
        if value is None and key not in absent:
            log.cosmetic(f"{at}/{key}", "usage_incomplete", f"usage {key} unknown; sent as 0")
        out[key] = value or 0
    out["total_tokens"] = (
        usage.total_tokens
        if usage.total_tokens is not None
        else out["prompt_tokens"] + out["completion_tokens"]
    )
    for key in absent:
        out.pop(key, None)
    fields = carry(usage.extras, CHAT, at, log)
    prompt = _encode_details(
        usage.extras,
        fields,
        "prompt_tokens_details",
        {"cached_tokens": usage.cache_read, "cache_write_tokens": usage.cache_write},
    )
    completion = _encode_details(
        usage.extras, fields, "completion_tokens_details", {"reasoning_tokens": usage.reasoning_tokens}
    )
    if prompt is not None:
        out["prompt_tokens_details"] = prompt
    if completion is not None:
        out["completion_tokens_details"] = completion
    keep = hint_of(usage.extras, "~keep")
    if keep:
        out.update(keep)
    out.update(fields)
    return out


def _encode_details(
    node: ir.Extras, fields: dict[str, Any], key: str, values: dict[str, int | None]
) -> dict[str, Any] | None:
    left = fields.pop(key, None)
    if left is None:
        left = hint_of(node, "~" + key)
    details = {k: v for k, v in values.items() if v is not None}
    if left is None and not details:
        return None
    details.update(left or {})
    return details
