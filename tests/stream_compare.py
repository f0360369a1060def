"""What may differ between a stream's aggregate and the non-streaming answer, written once.

Two documented differences, both of the wire itself, not of kindo_wire:

* Tool-call argument bytes pass through a stream unparsed (WIRE.md §6.18), while a non-streaming
  conversion from Anthropic serializes the parsed ``input``: the same JSON, maybe other whitespace.
* OpenAI re-encrypts a reasoning item between ``response.output_item.done`` and
  ``response.completed`` (checked on every recorded Responses stream with reasoning: only
  ``encrypted_content`` differs). A stream must send a thinking block's signature when the item is
  done, so a stash of it carries the earlier ciphertext.
"""

from __future__ import annotations

import json
from typing import Any

from kindo_wire.mapping.reasoning_stash import stash, unstash


def _arguments(value: Any) -> Any:
    try:
        return ("json", json.loads(value))
    except (TypeError, ValueError):
        return value


def _stash(value: Any) -> Any:
    found = unstash(value) if isinstance(value, str) else None
    if found is None:
        return value
    origin, raw = found
    return stash(origin, {k: v for k, v in raw.items() if k != "encrypted_content"})


def normalized(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: normalized(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if key == "arguments" and isinstance(value, str):
        return _arguments(value)
    if key in ("signature", "data", "encrypted_content"):
        return _stash(value)
    return value
