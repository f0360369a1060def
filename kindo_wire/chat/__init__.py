"""OpenAI Chat Completions wire schema (``POST /v1/chat/completions``, ``GET /v1/models``).

Every name of ``kindo_wire.chat.schema`` (its ``__all__``) is available here.
"""

from kindo_wire.chat.schema import *  # noqa: F403 - the package's names are its schema's
from kindo_wire.chat.schema import __all__ as __all__
