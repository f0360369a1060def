"""Reading the common Chat chunk without a JSON parse, from the shape of the one before it.

Most chunks of a long Chat stream are "more text for the open part", and OpenAI writes them all
alike: a chunk differs from the previous one only in its text and its random ``obfuscation``::

    {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",...,
     "choices":[{"index":0,"delta":{"content":"TEXT"},"logprobs":null,"finish_reason":null}],
     "usage":null,"obfuscation":"NOISE"}

Reading one through the parser costs a parse and a dozen checks of its fields. ``PlainDelta.learn``
takes a chunk the decoder has parsed and accepted, and when its data is exactly the compact JSON
orjson writes for it (keys in their order, no spaces), keeps it as a template with a hole for the
text and one for the noise. ``read`` then gives the text of a later chunk that fills the same
template with strings that need no unescaping (so their characters are their values), and
``None`` for anything else, which the decoder parses as before: the template is a shortcut to
the answer the parse would give, never a second reading of the wire. Everything else in the
chunk must be byte-identical to the template, so a chunk that says anything else is parsed.

(Responses deltas are not read this way: their decoder's parse path is already as cheap as a
template read, measured on both key orders OpenAI writes.)
"""

from __future__ import annotations

from typing import Any

from ._fastjson import dumps

# Stand-ins written where the holes are; a template whose data holds one already is not made.
_TEXT = "@kw:text@"
_NOISE = "@kw:noise@"


def _at(obj: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path``, through objects and arrays only (a string is not indexed into)."""
    for step in path:
        if not isinstance(obj, (dict, list)):
            raise TypeError("not a container")
        obj = obj[step]  # type: ignore[index]  # a step of the wrong kind raises, as a missing one does
    return obj


def _with(obj: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of ``obj`` with ``value`` at ``path`` (only the containers on the path copied)."""
    if not path:
        return value
    copy = list(obj) if isinstance(obj, list) else dict(obj)
    copy[path[0]] = _with(obj[path[0]], path[1:], value)  # type: ignore[index]
    return copy


class PlainDelta:
    """A learned chunk: ``head TEXT rest``, or ``head TEXT lit NOISE rest`` with noise.

    ``head`` ends with the text's opening quote, ``lit`` runs from the text's closing quote to the
    noise's opening one, and ``rest`` from the last string's closing quote to the end.
    """

    __slots__ = ("head", "lit", "noise", "rest", "start")

    def __init__(self, head: str, lit: str, noise: bool, rest: str) -> None:
        self.head, self.start = head, len(head)
        self.lit, self.noise, self.rest = lit, noise, rest

    @classmethod
    def learn(
        cls, obj: dict[str, Any], data: str, text: tuple[str | int, ...], noise: str | None = None
    ) -> PlainDelta | None:
        """The template of ``data`` (parsed as ``obj``), its text at path ``text`` and its noise at
        the top-level key ``noise``; ``None`` if ``data`` is not in the form a template can read
        back (not orjson's compact form, no string at ``text``, the noise before the text)."""
        if _TEXT in data or _NOISE in data:
            return None
        try:
            value = _at(obj, text)
        except (KeyError, IndexError, TypeError):
            return None
        if type(value) is not str or dumps(obj).decode() != data:
            return None
        shape = _with(obj, text, _TEXT)
        has_noise = noise is not None and type(obj.get(noise)) is str
        if has_noise:
            shape[noise] = _NOISE
        written = dumps(shape).decode()
        head, _, after = written.partition(f'"{_TEXT}"')
        if not has_noise:
            return cls(head + '"', "", False, '"' + after)
        lit, found, rest = after.partition(f'"{_NOISE}"')
        if not found:
            return None  # the noise before the text: not a layout read here
        return cls(head + '"', '"' + lit + '"', True, '"' + rest)

    def read(self, data: str) -> str | None:
        """The text of ``data`` if it fills this template."""
        if not data.startswith(self.head):
            return None
        start = self.start
        end = data.find('"', start)
        if end < 0:
            return None
        text = data[start:end]
        # written as itself: no backslash (so the first quote ends it) and no control character
        # (isprintable is stricter than JSON: that only costs the shortcut, never correctness)
        if "\\" in text or not text.isprintable():
            return None
        if self.noise:
            lit = self.lit
            if not data.startswith(lit, end):
                return None
            start = end + len(lit)
            end = data.find('"', start)
            if end < 0:
                return None
            noise = data[start:end]
            if "\\" in noise or not noise.isprintable():
                return None
        return text if data[end:] == self.rest else None
