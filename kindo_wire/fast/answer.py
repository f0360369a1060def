"""What a plain response holds once read: the one-choice ``ir.Response`` the fast path covers.

As for requests (``model``), parts are tagged tuples and ``Answer`` sets only what a reader read.
``Extras`` values hold exactly the source-only fields the IR decoder would keep on that node
(``{api: {key: value}}``, without form hints), so the writers report them through
``_carry.carry`` as the codecs do.
"""

from __future__ import annotations

from typing import Any, Literal

from ..ir import Finish

Extras = dict[str, dict[str, Any]]

# ("text", text, at, extras)
AnswerText = tuple[Literal["text"], str, str, Extras | None]
# ("call", id, name, arguments, input, at, item_id, status): ``arguments`` JSON text, or None and
# then ``input`` the object; ``item_id`` / ``status`` of a Responses ``function_call`` item.
AnswerCall = tuple[Literal["call"], str, str, str | None, dict[str, Any] | None, str, str | None, str | None]
AnswerPart = AnswerText | AnswerCall

# (input_tokens, output_tokens, total_tokens, cache_read, cache_write, reasoning_tokens, extras),
# counted as ``ir.Usage`` counts them (OpenAI's convention: input includes the cache).
Usage = tuple[int | None, int | None, int | None, int | None, int | None, int | None, Extras | None]


class Answer:
    """A plain response: one assistant message (``parts``, at ``message_at``) and how it ended.

    ``created_from`` is the pointer ``created`` came from; ``choice_at`` the choice's own pointer.
    No ``__slots__``: the class attributes are the defaults, so a reader sets only what it read.
    """

    created: int | float | None = None
    created_from = "/created"
    message_at = ""
    choice_at = ""
    finish_at = ""
    stop_sequence: str | None = None
    stop_sequence_at = "/stop_sequence"
    usage: Usage | None = None
    service_tier: str | None = None
    extras: Extras | None = None

    def __init__(self, response_id: str, model: str, parts: list[AnswerPart], finish: Finish) -> None:
        self.id = response_id
        self.model = model
        self.parts = parts
        self.finish = finish
