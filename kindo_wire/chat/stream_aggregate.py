"""What a Chat Completions stream's chunks add up to (WIRE.md §1.8): each choice's state while it
streams, and the non-streaming ``ChatCompletion`` the chunks so far make.

The decoder (``stream_decoder``) feeds the state; the aggregate is built only when asked for (at
the end, or by ``body()``), so a long answer costs one list append per fragment.
"""

from __future__ import annotations

from typing import Any

# Chunk fields that change per chunk or are rebuilt: never copied into the aggregate.
CHUNK_ONLY = frozenset({"choices", "object", "usage", "obfuscation"})
LEGACY = -1  # the tool index standing for a deprecated ``function_call``


def chunk_fields(chunk: dict[str, Any]) -> dict[str, Any]:
    """The fields of a chunk that the aggregate keeps (the last value of each wins)."""
    return {k: v for k, v in chunk.items() if k not in CHUNK_ONLY}


class Fragments(list[Any]):
    """What a delta field adds up to over the chunks (reasoning text pieces, annotations), kept as
    a list and joined once in ``message_of``: adding each piece to one string would copy it whole
    on every chunk (quadratic in a long reasoning)."""


# Delta fields whose fragments concatenate (the rest: the last value wins).
_TEXT_FIELDS = frozenset({"content", "refusal", "reasoning", "reasoning_content"})


def accumulate(extras: dict[str, Any], field: str, value: Any, keep_text: bool) -> None:
    """Another delta field into the message, as the openai SDK's accumulator adds it up: the text
    of a reasoning field concatenates (in ``Fragments``, joined once), annotations extend, and a
    ``null`` never erases what came before it (DeepSeek sends ``reasoning_content: null`` on every
    chunk of the answer after its reasoning). Any other value: the last one wins. Without
    ``keep_text``, a text field keeps only its first fragment: enough to say it was there."""
    kept = extras.get(field)
    if field in _TEXT_FIELDS and isinstance(value, str):
        if type(kept) is Fragments:
            if keep_text:
                kept.append(value)
        else:
            extras[field] = Fragments((value,))
    elif field == "annotations" and isinstance(value, list):
        if type(kept) is Fragments:
            kept.extend(value)
        else:
            extras[field] = Fragments(value)
    elif value is not None or kept is None:
        extras[field] = value


class ChoiceState:
    """One answer being assembled: its message fields and its open IR parts."""

    __slots__ = ("calls", "extras", "finish", "keys", "logprobs", "rest", "text", "text_seen")

    def __init__(self) -> None:
        self.text: dict[str, list[str]] = {"content": [], "refusal": []}
        self.text_seen: set[str] = set()
        self.calls: dict[int, dict[str, Any]] = {}
        self.extras: dict[str, Any] = {}
        self.rest: dict[str, Any] = {}
        self.logprobs: dict[str, Any] | None = None
        self.finish: Any = None
        self.keys: dict[str | int, int] = {}  # "content" / "refusal" / tool index -> part key


def message_of(state: ChoiceState, *, begun: bool = False) -> dict[str, Any]:
    """The assistant ``message`` a choice's chunks add up to."""
    message: dict[str, Any] = {"role": "assistant"}
    for field in ("content", "refusal"):
        seen = field in state.text_seen
        message[field] = "".join(state.text[field]) if seen else None
    annotations = state.extras.get("annotations")
    message["annotations"] = list(annotations) if type(annotations) is Fragments else annotations or []
    # By ``index``, as the openai SDK's accumulator lists them; ``begun``: in the order the
    # calls began, which is the order they streamed in to a client that cannot interleave
    # them (the same unless an upstream starts a call before a lower index, docs/STREAMING.md).
    order = list(state.calls) if begun else sorted(state.calls)
    calls = [_tool_call(state.calls[k]) for k in order if k != LEGACY]
    if calls:
        message["tool_calls"] = calls
    legacy = state.calls.get(LEGACY)
    if legacy is not None:
        message["function_call"] = {**legacy["function"], "arguments": "".join(legacy["text"])}
    for key, value in state.extras.items():
        if key != "annotations":
            message[key] = "".join(value) if type(value) is Fragments else value
    return message


def _tool_call(call: dict[str, Any]) -> dict[str, Any]:
    holder, field = ("custom", "input") if "custom" in call else ("function", "arguments")
    out = {k: v for k, v in call.items() if k not in ("text", holder)}
    out.setdefault("type", holder)
    out[holder] = {**call[holder], field: "".join(call["text"])}
    return out


def completion(
    top: dict[str, Any],
    choices: dict[int, ChoiceState],
    usage: dict[str, Any] | None,
    *,
    begun: bool = False,
) -> dict[str, Any]:
    """The ``ChatCompletion``: the chunks' top-level fields (``top``, last value wins), each choice
    by index, and the usage a chunk carried."""
    out: dict[str, Any] = {}
    for key in ("id", "object", "created", "model"):
        if key in top:
            out[key] = top[key]
    out["object"] = "chat.completion"
    out.update({k: v for k, v in top.items() if k not in out and k not in CHUNK_ONLY})
    listed = []
    for index in sorted(choices):
        state = choices[index]
        choice = {
            "index": index,
            "message": message_of(state, begun=begun),
            "logprobs": state.logprobs,
        }
        choice["finish_reason"] = state.finish
        choice.update(state.rest)
        listed.append(choice)
    out["choices"] = listed
    if usage is not None:
        out["usage"] = usage
    return out
