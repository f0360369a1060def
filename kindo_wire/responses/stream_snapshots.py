"""The Responses stream's snapshots that later events supersede, checked against the answer.

A Responses stream sends an object several times: the ``response`` of ``response.created`` and
``response.in_progress``, each item in ``output_item.added`` and ``.done``, each content or summary
part in its ``added`` and ``done`` events; the terminal event repeats the whole answer, and the
aggregate is read from it (WIRE.md §3.7). A field that only a superseded snapshot carried, or an
object the answer no longer has, reaches no client of another API: ``Snapshots`` keeps a reference
to each snapshot (the decoder holds most of them anyway) and, once the answer is known, names what
the answer lacks, so that the transcoder reports it instead of dropping it in silence. The check
runs once, at the end: most snapshots equal the answer's object (one C-level comparison), and the
rest differ in a few values, not keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import make_pointer

Location = tuple[str | int, ...]  # keys and list positions from the answer down
# Not compared: per-token entries (a long answer's thousands), which every later snapshot repeats.
_BULK = frozenset({"logprobs", "top_logprobs"})
# Not missed when the answer lacks it: the progress an object was in when it was sent, which the
# terminal event supersedes. A server other than OpenAI's may leave ``status`` out of its terminal
# ``output``; no content went with "in_progress" (a "failed" or "incomplete" is still named).
_IN_PROGRESS = ("status", "in_progress")


class Snapshots:
    """The superseded snapshots, by where their object sits in the answer."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: list[tuple[Location, dict[str, Any], frozenset[str]]] = []

    def saw(self, path: Location, snapshot: dict[str, Any], skip: frozenset[str] = _BULK) -> None:
        """``snapshot`` is the object at ``path``, for now (``skip``: top-level keys whose objects
        are not compared; ``_BULK`` by default, and below)."""
        seen = self.seen
        if seen and seen[-1][0] == path and seen[-1][1] == snapshot:
            return  # ``response.in_progress`` repeats ``response.created``'s
        seen.append((path, snapshot, skip))

    def missing(self, answer: dict[str, Any]) -> Iterator[str]:
        """The JSON Pointer (in ``answer``) of each snapshot field, or whole snapshot object, that
        ``answer`` lacks (an object once: not the fields inside it), in the order first seen."""
        named: dict[str, None] = {}
        for path, snapshot, skip in self.seen:
            held = _at(answer, path)
            if held is None:
                named[make_pointer(path)] = None
            elif snapshot is not held and snapshot != held:
                for lacking in _lacking(snapshot, held, path, skip):
                    named[make_pointer(lacking)] = None
        gone = [pointer + "/" for pointer in named]
        yield from (p for p in named if not any(p.startswith(g) for g in gone))


def _lacking(
    snapshot: dict[str, Any], held: dict[str, Any], path: Location, skip: frozenset[str]
) -> Iterator[Location]:
    """Where, under ``path``, ``held`` lacks a field or object that ``snapshot`` has."""
    for key, value in snapshot.items():
        if key not in held:
            if (key, value) != _IN_PROGRESS and not _empty(value):
                yield (*path, key)
        elif key in skip or value == held[key]:
            continue
        elif type(value) is dict:
            if type(held[key]) is dict:
                yield from _lacking(value, held[key], (*path, key), _BULK)
            else:
                yield (*path, key)
        elif type(value) is list and type(held[key]) is list:
            for n, entry in enumerate(value):
                if type(entry) is dict:
                    other = held[key][n] if n < len(held[key]) else None
                    if type(other) is dict:
                        yield from _lacking(entry, other, (*path, key, n), _BULK)
                    else:
                        yield (*path, key, n)


def _empty(value: Any) -> bool:
    """Null, or an empty string, list or object: a field an answer that lacks it loses nothing of
    (a snapshot sent before the content, ``"content": []``, ``"usage": null``)."""
    return value is None or (type(value) in (str, list, dict) and not value)


def _at(answer: dict[str, Any], path: Location) -> dict[str, Any] | None:
    node: Any = answer
    for step in path:
        if type(step) is int:
            node = node[step] if type(node) is list and 0 <= step < len(node) else None
        else:
            node = node.get(step) if type(node) is dict else None
    return node if type(node) is dict else None
