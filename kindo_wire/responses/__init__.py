"""OpenAI Responses wire schema (``POST /v1/responses``): request, response, items, tools, stream events.

Every model parses strictly, keeps unknown fields and dumps back exactly what it parsed
(``.dump()`` / ``.dump_json()``). Unknown item, content, tool and event types parse into
``UnknownTyped`` (re-exported here) instead of failing.

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
