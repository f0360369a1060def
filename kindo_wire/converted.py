"""What a conversion hands back to a gateway: a body in the target format and its HTTP status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ConvertedError:
    """An error body ready to send: ``.body`` is the JSON-ready envelope of the target API,
    ``.status`` the HTTP status to send it with."""

    body: dict[str, Any]
    status: int
