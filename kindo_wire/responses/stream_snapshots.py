"""The Responses stream's snapshots that later events supersede, checked against the answer.

A Responses stream sends an object several times: the ``response`` of ``response.created`` and
``response.in_progress``, each item in ``output_item.added`` and ``.done``, each content or summary
part in its ``added`` and ``done`` events; the terminal event repeats the whole answer, and the
aggregate is read from it (WIRE.md §3.7). A field that only a superseded snapshot carried, or an
object the answer no longer has, reaches no client of another API: ``Snapshots`` keeps the keys
each snapshot had (a few per item, not their values) and names those the answer lacks, so that the
transcoder reports them instead of dropping them in silence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import make_pointer

Location = tuple[str | int, ...]  # keys and list positions from the answer down
_NONE: frozenset[str] = frozenset()


class Snapshots:
    """Keys of the superseded snapshots' objects, by where each object sits in the answer."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: dict[Location, set[str]] = {}

    def saw(self, path: Location, snapshot: dict[str, Any], skip: frozenset[str] = _NONE) -> None:
        """``snapshot`` is the object at ``path``, for now; so are the objects inside it, but for
        those under the keys ``skip`` names."""
        seen = self.seen
        stack = [(path, snapshot, skip)]
        while stack:
            at, obj, skipped = stack.pop()
            keys = seen.get(at)
            if keys is None:
                seen[at] = set(obj)
            else:
                keys.update(obj)
            for key, value in obj.items():
                kind = type(value)
                if kind is dict:
                    if key not in skipped:
                        stack.append(((*at, key), value, _NONE))
                elif kind is list and value and key not in skipped:
                    stack += [((*at, key, n), v, _NONE) for n, v in enumerate(value) if type(v) is dict]

    def missing(self, answer: dict[str, Any]) -> Iterator[str]:
        """The JSON Pointer (in ``answer``) of each snapshot field, or whole snapshot object, that
        ``answer`` lacks."""
        gone: set[Location] = set()
        for path, keys in sorted(self.seen.items(), key=lambda entry: len(entry[0])):
            if any(path[:n] in gone for n in range(len(path))):
                continue  # inside an object already named
            held = _at(answer, path)
            if held is None:
                gone.add(path)
                yield make_pointer(path)
            else:
                yield from (make_pointer((*path, key)) for key in sorted(keys - held.keys()))


def _at(answer: dict[str, Any], path: Location) -> dict[str, Any] | None:
    node: Any = answer
    for step in path:
        if type(step) is int:
            node = node[step] if type(node) is list and 0 <= step < len(node) else None
        else:
            node = node.get(step) if type(node) is dict else None
    return node if type(node) is dict else None
