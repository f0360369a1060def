"""The three wire formats kindo_wire speaks, and the coercion every ``api=``/``source=``/``target=`` uses."""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """The 3.11 StrEnum: members are strings and print as their value."""

        def __str__(self) -> str:
            return str(self.value)


class Api(StrEnum):
    """A wire format, named for the endpoint family it is spoken on."""

    CHAT = "chat"  # POST /v1/chat/completions
    MESSAGES = "messages"  # POST /v1/messages
    RESPONSES = "responses"  # POST /v1/responses


# A dict lookup, not Api(value): this runs twice per conversion, and the enum call costs ~0.5 µs.
_BY_VALUE: dict[str, Api] = {api.value: api for api in Api}


def as_api(value: Api | str) -> Api:
    """``Api`` from the enum or its string value; anything else is a caller bug (ValueError)."""
    found = _BY_VALUE.get(value) if isinstance(value, str) else None
    if found is None:
        names = ", ".join(repr(a.value) for a in Api)
        raise ValueError(f"unknown api {value!r}: expected one of {names}")
    return found
