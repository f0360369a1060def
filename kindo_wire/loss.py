"""What a conversion could not carry across: ``Loss``, its ``Severity``, and ``LossError``.

Every converter reports through a ``LossLog``; nothing is dropped, approximated or synthesized
without a record naming the JSON Pointer of the source field it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .errors import WireError


class Severity(IntEnum):
    """How much a loss matters, ordered so that ``max(losses)`` is the worst one."""

    COSMETIC = 1  # ids or keys rewritten; nothing a caller could observe changes meaning
    DEGRADED = 2  # a tuning knob dropped or approximated (seed, top_k, logprobs, cache ttl)
    SEMANTIC = 3  # content or meaning lost (a part, a choice, a stop sequence that matched)


@dataclass(frozen=True, slots=True)
class Loss:
    """One thing the target format could not say.

    ``pointer`` is an RFC 6901 JSON Pointer into the *source* body ("" = the body as a whole). For a
    field the target requires and the source lacked (a synthesized value), it points where the
    source would have held it.
    """

    pointer: str
    severity: Severity
    code: str
    detail: str

    def __str__(self) -> str:
        return f"{self.severity.name} {self.code} at {self.pointer or '/'}: {self.detail}"


class LossError(WireError):
    """Raised by ``strict=True`` conversions when any loss at DEGRADED or above occurred.

    ``losses`` holds every loss of the conversion (COSMETIC ones included), in the order found.
    A gateway answers the client with 400: the request asked for something the upstream cannot do.
    """

    status = 400

    def __init__(self, losses: tuple[Loss, ...]) -> None:
        worst = [loss for loss in losses if loss.severity >= Severity.DEGRADED]
        shown = "; ".join(str(loss) for loss in worst[:3])
        more = f" (and {len(worst) - 3} more)" if len(worst) > 3 else ""
        super().__init__(f"conversion is lossy: {shown}{more}")
        self.losses = losses


# ``Loss(...)`` sets each field through ``object.__setattr__`` (it is frozen); the slots' own
# descriptors store the same values in half the time, and most conversions record a few losses.
_new = object.__new__
_set_pointer = Loss.__dict__["pointer"].__set__
_set_severity = Loss.__dict__["severity"].__set__
_set_code = Loss.__dict__["code"].__set__
_set_detail = Loss.__dict__["detail"].__set__


def _loss(pointer: str, severity: Severity, code: str, detail: str) -> Loss:
    """``Loss(pointer, severity, code, detail)``, built without the frozen ``__init__``."""
    loss = _new(Loss)
    _set_pointer(loss, pointer)
    _set_severity(loss, severity)
    _set_code(loss, code)
    _set_detail(loss, detail)
    return loss


_COSMETIC, _DEGRADED, _SEMANTIC = Severity.COSMETIC, Severity.DEGRADED, Severity.SEMANTIC


class LossLog:
    """The losses of one conversion, collected as the converters walk the body."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Loss] = []

    def add(self, pointer: str, severity: Severity, code: str, detail: str) -> None:
        self.items.append(_loss(pointer, severity, code, detail))

    def cosmetic(self, pointer: str, code: str, detail: str) -> None:
        self.items.append(_loss(pointer, _COSMETIC, code, detail))

    def degraded(self, pointer: str, code: str, detail: str) -> None:
        self.items.append(_loss(pointer, _DEGRADED, code, detail))

    def semantic(self, pointer: str, code: str, detail: str) -> None:
        self.items.append(_loss(pointer, _SEMANTIC, code, detail))

    def freeze(self, *, strict: bool = False) -> tuple[Loss, ...]:
        """The losses as a tuple; with ``strict``, raise ``LossError`` if any is above COSMETIC."""
        losses = tuple(self.items)
        if strict and any(loss.severity >= Severity.DEGRADED for loss in losses):
            raise LossError(losses)
        return losses
