"""An API error, in no particular envelope (WIRE.md §4)."""

from __future__ import annotations

from dataclasses import dataclass

from ._node import NO_EXTRAS, Extras


@dataclass(frozen=True, slots=True)
class Error:
    """An error as the upstream reported it.

    ``kind`` is the IR error kind (``mapping.error_kinds.KINDS``): invalid_request, authentication, billing,
    quota, permission, not_found, conflict, too_large, context_length, rate_limit, server, timeout,
    overloaded, unavailable (billing: a payment problem; quota: spent credit or a spend cap;
    unavailable: a 502/503 that is not an overload). ``status`` the HTTP status if known,
    ``type``/``code``/``param`` the source envelope's own values, ``request_id`` the upstream's request id.
    """

    kind: str
    message: str
    status: int | None = None
    type: str | None = None
    code: str | None = None
    param: str | None = None
    request_id: str | None = None
    extras: Extras = NO_EXTRAS
