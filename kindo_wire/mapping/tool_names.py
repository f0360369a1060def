"""Tool names each API accepts, and the reversible rewrite for those it does not (WIRE.md §6.3).

OpenAI function names must match ``^[a-zA-Z0-9_-]{1,64}$``; Anthropic allows 128 characters. A name
another API would reject is rewritten deterministically (sanitized, cut to 55 characters, then
``_`` and 8 hex digits of its SHA-256), so the same name always maps the same way on every turn and
the original is recovered from the client's own tool list (``restore_map``) with no stored state.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..api import Api
from ..validation.limits import TOOL_NAME

_INVALID = re.compile(r"[^a-zA-Z0-9_-]")


def is_valid(name: str, api: Api) -> bool:
    return TOOL_NAME[api].fullmatch(name) is not None


def target_name(name: str, api: Api) -> str:
    """``name`` as ``api`` accepts it: unchanged when valid, else the deterministic short form."""
    if TOOL_NAME[api].fullmatch(name):
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return _INVALID.sub("_", name)[:55] + "_" + digest


def restore_map(names: Iterable[str], api: Api) -> dict[str, str]:
    """``{name as api received it: original name}`` for the names that had to be rewritten."""
    return {short: name for name in names if (short := target_name(name, api)) != name}
