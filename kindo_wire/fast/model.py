"""What a plain request holds once read: the part of the IR the fast path covers.

The IR proper (``kindo_wire.ir``) carries every field any API has, with ``extras`` and form hints,
in frozen dataclasses; building it is most of the cost of a conversion. A plain body has none of
that, so its turns and parts are read into tagged tuples (a tuple costs a fifth of a slotted
object to build, and mypy narrows a union of them on the tag) and its few knobs into ``Request``.
Every ``at`` is the JSON Pointer of the source node, exactly as the IR decoder sets it, so the
writers report losses at the same places the codecs do.
"""

from __future__ import annotations

from typing import Any, Literal

from ..api import Api

# ("text", text, at, plain, cache): ``plain``: the content was a bare string; ``cache``: an
# Anthropic ephemeral ``cache_control`` (no ttl) follows the text.
TextPart = tuple[Literal["text"], str, str, bool, bool]
# ("image", url, media_type, data, detail, at, detail_at): a URL (``url``) or inline base64
# (``url`` None); ``detail`` as OpenAI says it, at ``detail_at`` (Chat nests it in ``image_url``).
ImagePart = tuple[Literal["image"], str | None, str, str, str | None, str, str]
# ("call", id, name, arguments, input, at): ``arguments`` the JSON text (Chat, Responses), or None
# and then ``input`` the object (Anthropic).
CallPart = tuple[Literal["call"], str, str, str | None, dict[str, Any] | None, str]
# ("result", call_id, content, is_error, at): a function result with string content (None:
# Anthropic left it out).
ResultPart = tuple[Literal["result"], str, str | None, bool | None, str]
Part = TextPart | ImagePart | CallPart | ResultPart

# (role, content, at): one IR message, tool results being ``user`` turns as in the IR. ``content``
# is the bare string when the source content was one (the IR's single plain ``Text``: no codec
# reports anything at its pointer, so it is not kept), else the parts.
Turn = tuple[str, str | list[Part], str]

# (name, at, description, parameters, strict, origin): a function tool; ``origin`` is
# ``ir.Tool.origin``: the API whose JSON Schema dialect (and default strictness) it was written for.
Tool = tuple[str, str, str | None, dict[str, Any] | None, bool | None, Api | None]


def plain_text(content: str | list[Part]) -> str | None:
    """The string of a content that was a bare string (``codec_turns._plain``, ``is_bare_system``):
    the string itself, or one plain text part without a cache hint."""
    if isinstance(content, str):
        return content
    if len(content) == 1:
        part = content[0]
        if part[0] == "text" and part[3] and not part[4]:
            return part[1]
    return None


class Request:
    """A plain request; ``None`` is "not sent", as in ``ir.Request``. ``choice`` is the tool choice
    mode (auto | none | required | tool) and ``choice_name`` the forced tool; ``names`` every tool
    name the request uses (what ``mapping.rename`` checks against the target).

    No ``__slots__``: the class attributes are the defaults, so a reader sets only what it read.
    """

    instructions: Turn | None = None
    tools: list[Tool] | None = None
    choice: str | None = None
    choice_name: str | None = None
    parallel: bool | None = None
    max_tokens: int | None = None
    stop: list[str] | None = None
    stop_at = "/stop"  # Anthropic: /stop_sequences
    temperature: float | int | None = None
    top_p: float | int | None = None
    stream: bool | None = None
    include_usage: bool | None = None
    user: str | None = None
    safety_identifier: str | None = None
    metadata: dict[str, Any] | None = None
    store: bool | None = None

    def __init__(self, model: str, max_tokens_at: str) -> None:
        self.model = model
        self.max_tokens_at = max_tokens_at
        self.turns: list[Turn] = []
        self.names: set[str] = set()
