"""JSON helpers shared by the command line and the tests."""

from __future__ import annotations

from typing import Any


def same_json(a: Any, b: Any) -> bool:
    """JSON equality that also tells 1 from 1.0 and True from 1 (plain ``==`` does not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
