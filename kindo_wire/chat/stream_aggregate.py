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


class Text(list[str]):
    """A string field's pieces over the chunks, joined once in ``settle``: adding each piece to one
    string would copy it whole on every chunk (quadratic in a long reasoning)."""


class Items(list[Any]):
    """A list field's entries over the chunks (annotations, say): each chunk's entries join it."""


def accumulate(extras: dict[str, Any], field: str, value: Any, keep_text: bool) -> None:
    """Another chunk's value of a delta field into what the message holds, as the openai SDK's
    ``accumulate_delta`` adds it up (ChatCompletionStreamState), whatever the field: text
    concatenates (``reasoning_content``, ``reasoning``, vLLM's ``channel``...), numbers add, objects
    merge field by field by the same rules, lists grow (an entry carrying an ``index`` merges into
    the entry at that position), ``index`` and ``type`` are replaced, a ``null`` never erases what
    came before it (DeepSeek sends ``reasoning_content: null`` on every chunk of the answer after
    its reasoning), and a value of another type than the first is ignored. Three departures, where
    the SDK's result is no wire value: flags are replaced, not summed (``True + True`` is 2); a
    list entry without an ``index`` is appended (the SDK raises); and a ``null`` does not erase an
    ``index`` or ``type`` either. Without ``keep_text``, text keeps only its first piece: enough to
    say it was there, and a long reasoning is not held."""
    kept = extras.get(field)
    if value is None:
        extras.setdefault(field, None)
    elif kept is None or field in ("index", "type"):
        extras[field] = _started(value)
    elif type(kept) is Text:
        if keep_text and type(value) is str:
            kept.append(value)
    elif type(kept) is dict:
        if type(value) is dict:
            for key, item in value.items():
                accumulate(kept, key, item, keep_text)
    elif type(kept) is Items:
        if type(value) is list:
            _extend(kept, value, keep_text)
    elif type(kept) in (int, float) and type(value) in (int, float):
        extras[field] = kept + value
    elif type(kept) is bool and type(value) is bool:
        extras[field] = value


def _started(value: Any) -> Any:
    """A first value, in the form that later chunks add to (and a copy: the chunk is not ours)."""
    kind = type(value)
    if kind is str:
        return Text((value,))
    if kind is dict:
        return {key: _started(item) for key, item in value.items()}
    if kind is list:
        return Items(_started(item) for item in value)
    return value


def _extend(kept: Items, entries: list[Any], keep_text: bool) -> None:
    """A list's entries from a later chunk: appended while the list holds only scalars; else an
    entry merges into the one at the position its ``index`` names, or is inserted there."""
    if all(type(entry) in (str, Text, int, float) for entry in kept):
        kept.extend(_started(entry) for entry in entries)
        return
    for entry in entries:
        at = entry.get("index") if type(entry) is dict else None
        if type(at) is not int or at < 0:
            kept.append(_started(entry))
        elif at < len(kept) and type(kept[at]) is dict:
            for key, item in entry.items():
                accumulate(kept[at], key, item, keep_text)
        else:
            kept.insert(at, _started(entry))


def settle(value: Any) -> Any:
    """The wire value of what ``accumulate`` holds."""
    kind = type(value)
    if kind is Text:
        return "".join(value)
    if kind is dict:
        return {key: settle(item) for key, item in value.items()}
    if kind is Items:
        return [settle(item) for item in value]
    return value


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
    message["annotations"] = settle(state.extras.get("annotations")) or []
    # By ``index``, as the openai SDK's accumulator lists them; ``begun``: in the order the
    # calls began, which is the order they streamed in to a client that cannot interleave
    # them (the same unless an upstream starts a call before a lower index, docs/STREAMING.md).
    order = list(state.calls) if begun else sorted(state.calls)
    calls = [_tool_call(state.calls[k]) for k in order if k != LEGACY]
    if calls:
        message["tool_calls"] = calls
    legacy = state.calls.get(LEGACY)
    if legacy is not None:
        message["function_call"] = {**settle(legacy["function"]), "arguments": "".join(legacy["text"])}
    for key, value in state.extras.items():
        if key != "annotations":
            message[key] = settle(value)
    return message


def _tool_call(call: dict[str, Any]) -> dict[str, Any]:
    holder, field = ("custom", "input") if "custom" in call else ("function", "arguments")
    out = {k: settle(v) for k, v in call.items() if k not in ("text", holder)}
    out.setdefault("type", holder)
    out[holder] = {**settle(call[holder]), field: "".join(call["text"])}
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
