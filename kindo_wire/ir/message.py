"""A conversation turn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._node import NO_EXTRAS, Extras
from .content import Part

Role = Literal["system", "developer", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of the conversation, in the source's own turn structure.

    Tool results are ``ToolResult`` parts of a ``user`` message (as Anthropic has them); Chat's
    ``tool`` messages and Responses' ``function_call_output`` items decode to that. Tool calls and
    reasoning are parts of an ``assistant`` message, in order. ``at`` is the source JSON Pointer.
    """

    role: Role
    parts: tuple[Part, ...]
    name: str | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS
