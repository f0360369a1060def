"""Deterministic id rewriting between the APIs (WIRE.md §6.19).

A response id keeps its core across APIs: ``chatcmpl-X`` <-> ``msg_X`` <-> ``resp_X``, so the same
answer has the same X everywhere and the mapping needs no state.
"""

from __future__ import annotations

import hashlib
import re

from ..api import Api

# The prefix each API gives its top-level response id.
RESPONSE_ID_PREFIX: dict[Api, str] = {
    Api.CHAT: "chatcmpl-",
    Api.MESSAGES: "msg_",
    Api.RESPONSES: "resp_",
}


def response_id_core(value: str, api: Api) -> tuple[str, bool]:
    """The core X of ``api``'s response id, and whether the id had ``api``'s prefix at all."""
    prefix = RESPONSE_ID_PREFIX[api]
    if value.startswith(prefix):
        return value[len(prefix) :], True
    return value, False


def response_id(value: str, source: Api, target: Api) -> tuple[str, bool]:
    """``source``'s response id as ``target``'s, and whether it round-trips (it had the prefix)."""
    core, exact = response_id_core(value, source)
    return RESPONSE_ID_PREFIX[target] + core, exact


def item_id(prefix: str, response_core: str, index: int) -> str:
    """A Responses output item id (``msg_``, ``fc_``, ``rs_``) derived from the response id and position.

    Responses validates item id prefixes on replay (``fc`` for function calls, ``msg`` for messages).
    """
    return f"{prefix}{response_core}_{index}"


_ANTHROPIC_ID = re.compile(r"[A-Za-z0-9_-]+")


def anthropic_tool_use_id(value: str) -> tuple[str, bool]:
    """A tool call id Anthropic accepts (``^[a-zA-Z0-9_-]+$``), and whether it is unchanged.

    Other characters are replaced by ``_`` and a short hash keeps distinct ids distinct.
    """
    if _ANTHROPIC_ID.fullmatch(value):
        return value, True
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return re.sub(r"[^A-Za-z0-9_-]", "_", value) + "_" + digest, False


# OpenAI Chat rejects a tool call id longer than 40 characters ("string_above_max_length" at
# messages[].tool_calls[].id; WIRE.md §6.5 ids, PEERS: ids from other providers and gateways run
# to 43-83 characters). Longer ids keep a prefix and gain a hash of the whole id, so the call and
# its result still match and two long ids never collide.
CHAT_TOOL_CALL_ID_MAX = 40


def chat_tool_call_id(value: str) -> tuple[str, bool]:
    """A tool call id OpenAI Chat accepts, and whether it is unchanged (deterministic)."""
    if len(value) <= CHAT_TOOL_CALL_ID_MAX:
        return value, True
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{value[: CHAT_TOOL_CALL_ID_MAX - 9]}_{digest}", False
