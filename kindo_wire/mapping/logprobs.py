"""An answer's token log probabilities (WIRE.md §6.14).

Chat returns them per choice (``choices[].logprobs.content``, and ``.refusal`` for refusal
tokens), Responses per text part (``output_text.logprobs``), Anthropic not at all. The token
entries have the same shape in both OpenAI APIs (``token``, ``logprob``, ``bytes``,
``top_logprobs``), so they travel as they came, on the IR text part (``ir.Text.logprobs``).
A Chat answer is one string: its one text part takes the choice's tokens, and the tokens of
several Responses parts are joined in order for Chat. What does not fit that (refusal tokens,
fields Chat may add, a choice without a text part) stays where it came and is reported as any
unknown field is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .. import ir
from ..api import Api
from ..loss import LossLog

# The keys of a Chat choice's ``logprobs`` object, in the order OpenAI writes them.
CHAT_KEYS = ("content", "refusal")


def from_chat(message: ir.Message, logprobs: Any, at: str) -> ir.Message | None:
    """``message`` with the choice's content tokens on its text part, or None when they do not
    fit there (the caller keeps ``logprobs`` as it came)."""
    if (
        type(logprobs) is not dict
        or not logprobs.keys() <= set(CHAT_KEYS)
        or logprobs.get("refusal") is not None
    ):
        return None
    tokens = logprobs.get("content")
    texts = [i for i, part in enumerate(message.parts) if isinstance(part, ir.Text)]
    if type(tokens) is not list or not tokens or len(texts) != 1:
        return None
    i = texts[0]
    text = message.parts[i]
    assert isinstance(text, ir.Text)
    with_tokens = replace(text, logprobs=ir.Logprobs(tuple(tokens), f"{at}/logprobs"))
    return replace(message, parts=(*message.parts[:i], with_tokens, *message.parts[i + 1 :]))


def to_chat(message: ir.Message, keys: Sequence[str] = CHAT_KEYS) -> dict[str, Any] | None:
    """A Chat choice's ``logprobs`` for the tokens of the message's text parts (None if it has none)."""
    found = [p.logprobs for p in message.parts if isinstance(p, ir.Text) and p.logprobs is not None]
    if not found:
        return None
    tokens = [token for logprobs in found for token in logprobs.tokens]
    return {key: tokens if key == "content" else None for key in keys}


def from_responses(parts: Sequence[ir.Part]) -> tuple[ir.Part, ...]:
    """Output parts with each ``output_text``'s tokens moved from its leftover fields onto the part
    (an empty list, what Responses sends when none were asked for, stays a leftover: it says nothing)."""
    return tuple(_with_tokens(part) if isinstance(part, ir.Text) else part for part in parts)


def _with_tokens(part: ir.Text) -> ir.Text:
    fields = part.extras.get(Api.RESPONSES.value) or {}
    tokens = fields.get("logprobs")
    if type(tokens) is not list or not tokens:
        return part
    rest = {key: value for key, value in fields.items() if key != "logprobs"}
    others = {api: value for api, value in part.extras.items() if api != Api.RESPONSES.value}
    extras = {**others, Api.RESPONSES.value: rest} if rest else others
    return replace(
        part,
        logprobs=ir.Logprobs(tuple(tokens), f"{part.at}/logprobs"),
        extras=extras or ir.NO_EXTRAS,
    )


def drop(part: ir.Text, target: Api, log: LossLog) -> None:
    """The target has no place for token logprobs: say so where the source had them."""
    if part.logprobs is not None:
        log.degraded(part.logprobs.at, "logprobs_dropped", f"{target.value} returns no token logprobs")
