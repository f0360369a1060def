"""OpenAI Chat Completions wire schema (``POST /v1/chat/completions``, ``GET /v1/models``).

Every name of ``kindo_wire.chat.schema`` (its ``__all__``) is available here, imported on first use
(``kindo_wire._lazy``): the package's codecs load without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import public_names

if TYPE_CHECKING:
    from .schema import *  # noqa: F403
    from .schema import __all__ as __all__

__getattr__, __dir__ = public_names(__name__, "schema")
