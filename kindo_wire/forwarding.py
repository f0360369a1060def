"""The forwarding rule for a same-API hop: what a gateway sends upstream when no translation is needed.

Governance fields are stripped on ingress (``strip_fields``), the core fields are validated
(``validate_request``: a bad request is refused with the client's own error envelope and never
forwarded), and everything else passes through verbatim: unknown and newer fields, and byte-exact
reasoning state (thinking signatures, ``encrypted_content``), because the body forwarded is the
client's own parsed body minus the stripped fields, never a re-serialisation of our models.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .api import Api
from .validation import DEFAULT_MAX_BODY_BYTES, GOVERNANCE_FIELDS, parse_body, strip_fields, validate_request


def forward_request(
    body: dict[str, Any] | bytes | bytearray | str,
    *,
    api: Api | str,
    fields: Iterable[str] = GOVERNANCE_FIELDS,
    max_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> dict[str, Any]:
    """The body to forward to an upstream of the same ``api``, or a ``RequestError``."""
    doc = strip_fields(parse_body(body, max_bytes=max_bytes), fields)
    validate_request(doc, api=api)
    return doc
