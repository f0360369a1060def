"""Reading the common delta event without a JSON parse, from the shape of the one before it.

Most events of a long stream are "more text for the open part", and an upstream writes them all
alike: OpenAI's Chat chunk and Responses delta differ from the previous one only in the text, a
random ``obfuscation`` string and the ``sequence_number``. ``PlainDelta.learn`` takes an event
the decoder has parsed and accepted, and when its data is exactly the compact JSON orjson writes
for it (keys in their order, no spaces), keeps it as a template with up to three holes: the
text, then (if the event has it) the noise, and the number anywhere, as OpenAI's spellings put it::

    {"type":"response.output_text.delta","content_index":0,"delta":"TEXT","item_id":"msg_1",
     "logprobs":[],"obfuscation":"NOISE","output_index":0,"sequence_number":NUMBER}
    {"type":"response.output_text.delta","sequence_number":NUMBER,"item_id":"msg_1",...,
     "delta":"TEXT","logprobs":[],"obfuscation":"NOISE"}

``read`` then gives the text of a later event that fills the same template with a string that has
no escapes (so its characters are the text), printable noise and the expected number, and
``None`` for anything else, which the decoder parses as before: the template is a shortcut to
the answer the parse would give, never a second reading of the wire. What the template fixes
(type, item ids, indexes, ``logprobs: []``, every other field) must be byte-identical, so an event
that says anything else is parsed.
"""

from __future__ import annotations

from typing import Any

from ._fastjson import dumps

# Stand-ins written where the holes are; a template whose data holds one already is not made.
_TEXT = "@kw:text@"
_NOISE = "@kw:noise@"
_NUMBER = "@kw:number@"


def _at(obj: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        obj = obj[step]
    return obj


def _with(obj: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of ``obj`` with ``value`` at ``path`` (only the containers on the path copied)."""
    if not path:
        return value
    copy = list(obj) if isinstance(obj, list) else dict(obj)
    copy[path[0]] = _with(obj[path[0]], path[1:], value)  # type: ignore[index]
    return copy


class PlainDelta:
    """A learned delta event; ``read(data, number)`` is its text, or ``None`` (parse it).

    The event is ``head TEXT lit NOISE rest`` (or ``head TEXT rest`` without noise): ``head``
    ends with the text's opening quote, ``lit`` runs from its closing quote to the noise's opening
    one, ``rest`` from the last string's closing quote to the end. The number, if any, is written
    inside one of the three (``slot`` 0, 1, 2), followed by ``after``.
    """

    __slots__ = ("after", "head", "lit", "noise", "numbered", "rest", "slot", "start")

    def __init__(self, literals: list[list[str]], noise: bool) -> None:
        self.noise = noise
        self.slot, self.after = -1, ""
        fixed = []
        for index, literal in enumerate(literals):
            if len(literal) == 2:  # [before the number, after it]
                self.slot, self.after = index if noise or index == 0 else 2, literal[1]
            fixed.append(literal[0])
        self.head = fixed[0]  # up to the text's opening quote
        self.start = len(self.head)
        self.lit = fixed[1] if noise else ""  # the text's closing quote to the noise's opening one
        self.rest = fixed[-1]  # after the last string's closing quote, to the end
        self.numbered = self.slot >= 0

    @classmethod
    def learn(
        cls,
        obj: dict[str, Any],
        data: str,
        text: tuple[str | int, ...],
        noise: str | None = None,
        number: str | None = None,
    ) -> PlainDelta | None:
        """The template of ``data`` (parsed as ``obj``), its text at path ``text``, its noise and
        number at the top-level keys given; ``None`` if ``data`` is not in the form a template
        can read back (not orjson's compact form, the noise before the text, no text there)."""
        if any(stand_in in data for stand_in in (_TEXT, _NOISE, _NUMBER)):
            return None
        try:
            value = _at(obj, text)
        except (KeyError, IndexError, TypeError):
            return None
        if type(value) is not str or dumps(obj).decode() != data:
            return None
        shape = _with(obj, text, _TEXT)
        holes = [(_TEXT, 1, len(_TEXT))]  # (stand-in, where it starts after its quote, its width)
        has_noise = noise is not None and type(obj.get(noise)) is str
        if has_noise:
            shape[noise] = _NOISE
            holes.append((_NOISE, 1, len(_NOISE)))
        if number is not None and type(obj.get(number)) is int:
            shape[number] = _NUMBER
            holes.append((_NUMBER, 0, len(_NUMBER) + 2))  # the quotes go too: a number has none
        written = dumps(shape).decode()
        found = sorted((written.find(f'"{hole}"') + skip, hole, width) for hole, skip, width in holes)
        # the literals between the string holes, each split around the number if it holds it
        literals: list[list[str]] = [[]]
        pos = 0
        for at, stand_in, width in found:
            literals[-1].append(written[pos:at])
            pos = at + width
            if stand_in != _NUMBER:
                literals.append([])
        literals[-1].append(written[pos:])
        if next(hole for _at, hole, _width in found if hole != _NUMBER) != _TEXT:
            return None  # the noise before the text: not a layout read here
        return cls(literals, has_noise)

    def read(self, data: str, number: int) -> str | None:
        """The text of ``data`` if it fills this template (with ``number``, when numbered)."""
        head, lit, rest, slot = self.head, self.lit, self.rest, self.slot
        start = self.start
        if slot >= 0:
            if slot == 0:
                head = f"{head}{number}{self.after}"
                start = len(head)
            elif slot == 1:
                lit = f"{lit}{number}{self.after}"
            else:
                rest = f"{rest}{number}{self.after}"
        if not data.startswith(head):
            return None
        end = data.find('"', start)
        if end < 0:
            return None
        text = data[start:end]
        # written as itself: no backslash (the first quote ends it) and no control character
        # (isprintable is stricter than JSON: that only costs the shortcut, never correctness)
        if "\\" in text or not text.isprintable():
            return None
        if self.noise:
            if not data.startswith(lit, end):
                return None
            start = end + len(lit)
            end = data.find('"', start)
            if end < 0:
                return None
            noise = data[start:end]
            if "\\" in noise or not noise.isprintable():
                return None
        return text if data[end:] == rest else None
