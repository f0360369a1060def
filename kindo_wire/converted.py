"""What a conversion hands back to a gateway: a body in the target format and its HTTP status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._fastjson import dumps
from .loss import Loss


@dataclass(frozen=True, slots=True)
class ConvertedError:
    """An error body ready to send: ``.body`` is the JSON-ready envelope of the target API,
    ``.status`` the HTTP status to send it with."""

    body: dict[str, Any]
    status: int


@dataclass(frozen=True, slots=True)
class Converted:
    """A converted body: ``.body`` is JSON-ready in the target format, ``.losses`` what did not survive.

    ``.losses`` point into the *source* body; ``max(l.severity for l in losses)`` is the worst.
    """

    body: dict[str, Any]
    losses: tuple[Loss, ...] = ()

    def dump_json(self) -> bytes:
        """``.body`` as compact UTF-8 JSON bytes."""
        return dumps(self.body)


# Made on every conversion: the slots' own descriptors store the two fields in half the time the
# frozen dataclass ``__init__`` takes (an ``object.__setattr__`` per field).
_new = object.__new__
_set_body = Converted.__dict__["body"].__set__
_set_losses = Converted.__dict__["losses"].__set__


def converted(body: dict[str, Any], losses: tuple[Loss, ...]) -> Converted:
    """``Converted(body, losses)``, built without the frozen ``__init__``."""
    out = _new(Converted)
    _set_body(out, body)
    _set_losses(out, losses)
    return out
