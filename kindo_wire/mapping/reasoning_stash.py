"""Carrying one API's reasoning state through another API's client, byte-exact (WIRE.md §6.10).

A Messages client behind a Responses upstream must send the upstream's reasoning items back next
turn, but a Messages client only replays thinking blocks. So the reasoning item travels inside the
thinking block's ``signature`` (or ``redacted_thinking.data``) as a stash: a recognizable prefix
and the original wire object, base64url-encoded. Likewise an Anthropic thinking block travels to a
Responses client inside ``encrypted_content``. On the way back the stash is recognized and the
original object restored exactly. Stashes only ever go to clients: an upstream receives reasoning
state it issued itself, or none (a foreign token would be a forgery it rejects).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ..api import Api

# "kw1" + the origin API's letter; no real signature or encrypted_content starts like this.
_PREFIX = "kw1."
_ORIGIN_TAG: dict[Api, str] = {Api.MESSAGES: "m", Api.RESPONSES: "r", Api.CHAT: "c"}
_TAG_ORIGIN: dict[str, Api] = {v: k for k, v in _ORIGIN_TAG.items()}


def stash(origin: Api, raw: dict[str, Any]) -> str:
    """``raw`` (a reasoning wire object of ``origin``) as an opaque token for another API's client."""
    payload = json.dumps(raw, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
    return _PREFIX + _ORIGIN_TAG[origin] + "." + base64.urlsafe_b64encode(payload).decode("ascii")


def unstash(token: object) -> tuple[Api, dict[str, Any]] | None:
    """The ``(origin, raw object)`` inside a stash token; None if ``token`` is not one of ours."""
    if not isinstance(token, str) or not token.startswith(_PREFIX):
        return None
    tag, _, payload = token[len(_PREFIX) :].partition(".")
    origin = _TAG_ORIGIN.get(tag)
    if origin is None:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        return None
    return (origin, raw) if isinstance(raw, dict) else None
