"""Anthropic Messages wire schema: request, response, stream events, errors, models list.

``Request``/``Response``/``StreamEvent``/``ErrorBody`` are the generic names shared with the other
schemas; ``STREAM_EVENT_ADAPTER`` is built once at import for the stream hot path.

The names are imported on first use (``kindo_wire._lazy``): the package's codecs load
without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import public_names

if TYPE_CHECKING:
    from .public import *  # noqa: F403
    from .public import __all__ as __all__

__getattr__, __dir__ = public_names(__name__, "public")
