"""Public names a package imports on first use (PEP 562), so its codecs load without its schema.

``kindo_wire.chat``, ``.messages`` and ``.responses`` each re-export their pydantic models, and every
module of the package (the codecs, the stream decoders) imports the package first. Building those
models is most of the cost of ``import kindo_wire`` (about a second), which a conversion never
needs: the codecs work on plain dicts. So each package's names live in a module of their own and
are imported the first time one is asked for.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._schemas import Schemas
    from .api import Api


def public_names(package: str, module: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose public names are ``module``'s ``__all__``.

    Only ``__all__`` and capitalised names (every model and constant there) load ``module``: a
    lowercase name is a submodule not yet imported, which the import system looks up with
    ``hasattr`` before importing it, and which must not cost the schema.
    """

    def __getattr__(name: str) -> Any:
        if name != "__all__" and not name[:1].isupper():
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        names = importlib.import_module(f"{package}.{module}")
        if name != "__all__" and name not in names.__all__:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(names, name)
        setattr(sys.modules[package], name, value)  # found once, then an ordinary attribute
        return value

    def __dir__() -> list[str]:
        names = importlib.import_module(f"{package}.{module}")
        return sorted({*vars(sys.modules[package]), *names.__all__})

    return __getattr__, __dir__


@cache  # validate_request asks on every request: after the first, a cached call, no import lookup
def schemas() -> dict[Api, Schemas]:
    """``kindo_wire._schemas.SCHEMAS`` (every API's pydantic models), imported by the first call:
    validation needs them, conversion does not."""
    module = importlib.import_module("kindo_wire._schemas")
    found: dict[Api, Schemas] = module.SCHEMAS
    return found
