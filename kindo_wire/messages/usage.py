"""Anthropic ``usage`` <-> ``ir.Usage`` (WIRE.md §2.8, §6.9).

``ir.Usage.input_tokens`` is OpenAI's total (it includes cache reads and writes); Anthropic's
``input_tokens`` is only the uncached part. Decode adds, encode subtracts (never below zero).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..loss import LossLog
from .codec_extras import emit, fail, leftovers

_USAGE_KNOWN = ("input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")
_DETAILS_KNOWN = ("thinking_tokens",)

# usage.service_tier (standard | priority | batch) <-> OpenAI's response service_tier (WIRE.md §6.9, §6.16)
SERVICE_TIER_FROM_MESSAGES: dict[str, str] = {"standard": "default", "priority": "priority", "batch": "batch"}
SERVICE_TIER_TO_MESSAGES: dict[str, str] = {"default": "standard", "priority": "priority", "batch": "batch"}
# OpenAI tiers with no Anthropic name: the closest one (flex is slower standard capacity; scale is reserved).
SERVICE_TIER_APPROX: dict[str, str] = {"flex": "standard", "scale": "priority", "auto": "standard"}


def _count(usage: dict[str, Any], key: str) -> int | None:
    value = usage.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        fail(f"{key} must be an integer", f"/usage/{key}")
    return value


def decode_usage(usage: Any) -> tuple[ir.Usage, str | None]:
    """The IR usage and the response's service tier in OpenAI terms (None when absent)."""
    if not isinstance(usage, dict):
        fail("usage must be an object", "/usage")
    uncached = _count(usage, "input_tokens")
    read = _count(usage, "cache_read_input_tokens")
    write = _count(usage, "cache_creation_input_tokens")
    total_in = None if uncached is None else uncached + (read or 0) + (write or 0)
    details = usage.get("output_tokens_details")
    thinking = None
    rest = usage
    if isinstance(details, dict) and isinstance(details.get("thinking_tokens"), int):
        thinking = details["thinking_tokens"]
        rest = dict(usage)
        others = {k: v for k, v in details.items() if k != "thinking_tokens"}
        if others:
            rest["output_tokens_details"] = others
        else:
            del rest["output_tokens_details"]
    tier = usage.get("service_tier")
    known: tuple[str, ...] = _USAGE_KNOWN
    mapped = None
    if isinstance(tier, str) and tier in SERVICE_TIER_FROM_MESSAGES:
        known = (*_USAGE_KNOWN, "service_tier")
        mapped = SERVICE_TIER_FROM_MESSAGES[tier]
    out = ir.Usage(
        input_tokens=total_in,
        output_tokens=_count(usage, "output_tokens"),
        cache_read=read,
        cache_write=write,
        reasoning_tokens=thinking,
        extras=leftovers(rest, known),
    )
    return out, mapped


def encode_usage(
    usage: ir.Usage | None, service_tier: str | None, log: LossLog, *, own: bool = False
) -> dict[str, Any]:
    """Anthropic usage; ``own`` (decoded from Messages) leaves out counts the source did not have."""
    if usage is None:
        log.cosmetic("/usage", "usage_incomplete", "the source had no usage; sent as zeros")
        return put_service_tier({"input_tokens": 0, "output_tokens": 0}, service_tier, log)
    read, write = usage.cache_read, usage.cache_write
    out: dict[str, Any] = {}
    if usage.input_tokens is not None:
        out["input_tokens"] = max(0, usage.input_tokens - (read or 0) - (write or 0))
    elif not own:
        log.cosmetic("/usage", "usage_incomplete", "input token count missing; sent as 0")
        out["input_tokens"] = 0
    if usage.output_tokens is not None:
        out["output_tokens"] = usage.output_tokens
    elif not own:
        log.cosmetic("/usage", "usage_incomplete", "output token count missing; sent as 0")
        out["output_tokens"] = 0
    if read is not None:
        out["cache_read_input_tokens"] = read
    if write is not None:
        out["cache_creation_input_tokens"] = write
    emit(out, usage.extras, "/usage", log)
    if usage.reasoning_tokens is not None:
        details = out.get("output_tokens_details")
        out["output_tokens_details"] = {
            **(details if isinstance(details, dict) else {}),
            "thinking_tokens": usage.reasoning_tokens,
        }
    return put_service_tier(out, service_tier, log)


def put_service_tier(out: dict[str, Any], service_tier: str | None, log: LossLog) -> dict[str, Any]:
    """``usage.service_tier``: where Anthropic reports the tier a response ran on (WIRE.md §6.16)."""
    if service_tier is not None:
        tier = SERVICE_TIER_TO_MESSAGES.get(service_tier)
        if tier is None:
            tier = SERVICE_TIER_APPROX.get(service_tier, "standard")
            log.degraded(
                "/service_tier",
                "service_tier_approximated",
                f"service tier {service_tier!r} sent as {tier!r}",
            )
        out["service_tier"] = tier
    return out
