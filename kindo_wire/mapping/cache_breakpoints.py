"""Cache breakpoints between the APIs (WIRE.md §1.3, §3.2, §6 "Cache breakpoint"; CONVERSION.md rule 15).

Both OpenAI APIs mark the end of a reusable prefix with ``prompt_cache_breakpoint`` on a content
part; Anthropic with ``cache_control`` on a block. Only the position can cross, and only where it
cannot break the request:

- between the OpenAI APIs it is placed as it came: the client wrote that field for an OpenAI
  model, and both APIs take it on the same models;
- an Anthropic ``cache_control`` is not placed in either OpenAI API: only the newest OpenAI models
  accept the field (an older one would fail the whole request over it) and OpenAI caches prefixes
  without being asked, so it is reported (DEGRADED ``cache_hint_dropped``, and
  ``cache_ttl_dropped`` for its ``ttl``);
- toward Anthropic every breakpoint becomes ``cache_control: {"type": "ephemeral"}`` (Anthropic
  caches nothing without one: ``messages.codec_extras.encode_cache``).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import hint
from ..api import Api
from ..loss import LossLog

# The form hint under which each OpenAI decoder keeps the exact prompt_cache_breakpoint it read.
RAW = "~raw"


def openai_breakpoint(cache: ir.CacheHint, target: Api, at: str, log: LossLog) -> Any | None:
    """The ``prompt_cache_breakpoint`` for ``target`` (Chat or Responses) of the part at ``at``:
    the one an OpenAI client wrote, or None for an Anthropic one (reported)."""
    own = hint(cache.extras, target, RAW)
    if own is not None:
        return own
    other = hint(cache.extras, Api.RESPONSES if target is Api.CHAT else Api.CHAT, RAW)
    if other is not None:
        return other
    report_dropped(at, target, cache.ttl, log)
    return None


def report_dropped(at: str, target: Api, ttl: str | None, log: LossLog) -> None:
    """The losses of an Anthropic breakpoint (with its ``ttl``) on the block at ``at`` not placed
    for ``target``: also what the fast writers report for the blocks they take."""
    log.degraded(
        f"{at}/cache_control",
        "cache_hint_dropped",
        f"an Anthropic cache breakpoint is not placed for {target.value} (newest OpenAI models only)",
    )
    if ttl is not None:
        detail = f"cache ttl {ttl!r} has no OpenAI counterpart"
        log.degraded(f"{at}/cache_control/ttl", "cache_ttl_dropped", detail)
