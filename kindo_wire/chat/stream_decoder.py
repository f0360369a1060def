"""Chat Completions chunks -> IR stream events, and the aggregated ``ChatCompletion`` (WIRE.md §1.8).

Grammar (one state table; every chunk is ``data:`` without an ``event:`` line)::

    chunk+ [DONE]  |  chunk* error [DONE]?      error: ``{"error": ...}`` data, or ``event: error``

``[DONE]`` must come after every choice's ``finish_reason``: before it, the stream broke off.

Per choice, parts open in the order their first fragment arrives: the content text, the refusal,
then each tool call by ``index``. Tool calls may interleave (a fragment names its call only by
``index``), so every part of a choice stays open until that choice's ``finish_reason``: then the
aggregated message is decoded as the non-streaming decoder reads it and each part ends with its
decoded form. Usage is taken from whichever chunk carries it, whether or not its ``choices`` is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import ir
from .._fastjson import loads
from ..errors import StreamError
from ..loss import LossLog
from ..sse.decoder import Frame
from ..stream_common import NULL_SINK, RunReader, event_object, need
from ..stream_grammar import Grammar
from ..stream_plain import PlainDelta
from .codec_answer import decode_answer
from .codec_calls import LEGACY_ID
from .error import decode_error
from .response import decode_response
from .stream_aggregate import LEGACY, ChoiceState, accumulate, chunk_fields, completion, message_of

API = "chat"
TABLE = {
    ("start", "chunk"): "open",
    ("open", "chunk"): "open",
    ("open", "done"): "done",
    ("start", "error"): "errored",
    ("open", "error"): "errored",
    ("errored", "done"): "failed",
}
FINAL = frozenset({"done", "errored", "failed"})  # an error frame may be the last thing sent
FINISHED = frozenset({"done", "failed"})
DONE = "[DONE]"
_CHOICE_KEYS = frozenset({"index", "delta", "finish_reason", "logprobs"})
# Where the text of a plain delta chunk is (stream_plain), and its per-chunk random field.
_CONTENT_AT: tuple[str | int, ...] = ("choices", 0, "delta", "content")
_ARGUMENTS_AT: tuple[str | int, ...] = ("choices", 0, "delta", "tool_calls", 0, "function", "arguments")
_NOISE = "obfuscation"
# The fields of a tool call fragment that say which call it is (kept from the first fragment).
_FRAGMENT_OWN = frozenset({"index", "id", "type", "function", "custom"})


class ChatStreamDecoder(RunReader):
    """Feed ``event(name, data)`` per SSE event; ``body()`` is the aggregated response so far.

    ``keep_text=False`` keeps no content or refusal text, and of another text field (a reasoning
    model's ``reasoning_content``) only the first fragment: memory independent of answer length.
    """

    def __init__(self, sink: ir.StreamSink = NULL_SINK, *, keep_text: bool = True) -> None:
        self.sink = sink
        self.keep_text = keep_text
        self.grammar = Grammar(API, TABLE, start="start", final=FINAL)
        self.top: dict[str, Any] = {}
        self.usage: dict[str, Any] | None = None
        self.choices: dict[int, ChoiceState] = {}
        self.ignored: dict[str, int] = {}
        self.error: ir.Error | None = None
        # A text chunk's template (stream_plain), dropped by any chunk that is not more text:
        # the choice, part key and text list it feeds; the fields of the chunk it was learned
        # from; and the parts one was tried for (once each: interleaved parts cannot re-learn).
        self.plain: PlainDelta | None = None
        self.plain_to: tuple[int, int, list[str] | None] = (0, 0, None)
        self.plain_top: dict[str, Any] = {}
        self.tried: set[int] = set()
        self.ended = False  # the sink was told finish or fail

    @property
    def complete(self) -> bool:
        return self.grammar.complete

    @property
    def finished(self) -> bool:
        """Nothing may follow: ``[DONE]`` was read."""
        return self.grammar.state in FINISHED

    def event(self, name: str | None, data: str) -> None:
        self.events([(name, data)])

    def events(self, frames: Iterable[Frame]) -> bool:
        """``event`` for each frame (a comment is the sink's keep-alive), up to the one that ended
        the stream (True then: the frames after it are not read). A chunk the template reads is
        more text for the part it was learned on: a run of them goes to the sink in one ``deltas``
        call."""
        plain, run = self.plain, []
        for name, data in frames:
            if plain is not None and name is None and data is not None:
                text = plain.read(data)
                if text is not None:
                    if text:
                        run.append(text)
                    continue
            if self._other(run, name, data):
                return True
            plain, run = self.plain, []
        if run:
            self._run(run)
        return False

    def _run(self, texts: list[str]) -> None:
        choice, key, kept = self.plain_to
        if kept is not None:
            kept += texts
        self.sink.deltas(choice, key, texts)

    def _event(self, name: str | None, data: str) -> None:
        if self.grammar.state == "errored" and data != DONE:
            return  # after an error frame only [DONE] counts
        if data == DONE:
            self.plain = None
            if self.grammar.step("done") == "failed":
                return
            unfinished = [i for i, choice in self.choices.items() if choice.finish is None]
            if not self.choices or unfinished:
                # OpenAI ends every choice with a finish_reason: a [DONE] without one is a
                # stream that broke off, not an empty or complete answer
                what = f"choice {unfinished[0]}" if unfinished else "no choice"
                raise StreamError(f"{API} stream: [DONE] came but {what} had no finish_reason")
            for index in sorted(self.choices):
                self._end_parts(index)
            self.ended = True
            self.sink.finish(self.response())
            return
        try:
            obj = loads(data)
        except (ValueError, RecursionError):
            obj = None
        if type(obj) is not dict:
            obj = event_object(data, API)  # raises the StreamError that says what is wrong
        if name == "error" or "error" in obj:
            self.plain = None
            self.grammar.step("error")
            self.error = decode_error(obj, None)
            self.ended = True
            self.sink.fail(self.error)
            return
        if name not in (None, "message"):
            self.ignored[name] = self.ignored.get(name, 0) + 1
            return
        first = self.grammar.state == "start"
        if not first and self.grammar.state == "open":  # open -> open: the table's common row
            if self._more_text(obj, data):
                return
        else:
            self.grammar.step("chunk")
        self.plain = None  # any other chunk may change what the template's text would mean
        self._chunk(obj, first)

    def _template(
        self, obj: dict[str, Any], data: str, at: tuple[str | int, ...], to: tuple[int, int, list[str] | None]
    ) -> None:
        """After a parsed text chunk: the template to read the next ones by, learned once per
        part. A template stays only while the chunks it does not match leave ``top`` as a match
        would (a match skips ``top.update``: its fields are the template's)."""
        key = to[1]
        if key not in self.tried:  # (a new part's template replaces any other)
            self.tried.add(key)
            self.plain = PlainDelta.learn(obj, data, at, _NOISE)
            self.plain_to, self.plain_top = to, chunk_fields(obj)
        elif self.plain is not None and chunk_fields(obj) != self.plain_top:
            self.plain = None

    def _more_text(self, obj: dict[str, Any], data: str) -> bool:
        """The common chunk, more text for a choice's open text part, handled inline; False
        (nothing done) for any other chunk."""
        choices = obj.get("choices")
        if type(choices) is not list or len(choices) != 1 or obj.get("usage") is not None:
            return False
        choice = choices[0]
        if (
            type(choice) is not dict
            or choice.get("finish_reason") is not None
            or choice.get("logprobs") is not None
        ):
            return False
        delta = choice.get("delta")
        if type(delta) is not dict or len(delta) != 1 or not _CHOICE_KEYS.issuperset(choice):
            return False
        state = self.choices.get(choice.get("index"))  # type: ignore[arg-type]
        if state is None or state.finish is not None:
            return False
        text = delta.get("content")
        if type(text) is str and "content" in state.keys:
            self.top.update(obj)
            key, kept = state.keys["content"], state.text["content"] if self.keep_text else None
            if text:
                if kept is not None:
                    kept.append(text)
                self.sink.delta(choice["index"], key, text)
            self._template(obj, data, _CONTENT_AT, (choice["index"], key, kept))
            return True
        calls = delta.get("tool_calls")  # more arguments for a call already begun
        if type(calls) is not list or len(calls) != 1 or type(calls[0]) is not dict or len(calls[0]) != 2:
            return False
        tool, function = calls[0].get("index"), calls[0].get("function")
        if type(tool) is not int:  # (a bool is not an index)
            return False
        call = state.calls.get(tool)
        if call is None or type(function) is not dict or len(function) != 1 or "function" not in call:
            return False
        text = function.get("arguments")
        if type(text) is not str:
            return False
        self.top.update(obj)
        key = state.keys[tool]
        if text:
            call["text"].append(text)
            self.sink.delta(choice["index"], key, text)
        self._template(obj, data, _ARGUMENTS_AT, (choice["index"], key, call["text"]))
        return True

    def _chunk(self, obj: dict[str, Any], first: bool) -> None:
        self.top.update(obj)  # the last value of each field wins; per-chunk fields left out in body()
        if first:
            self._start()
        usage = obj.get("usage")
        if usage is not None and type(usage) is dict:
            self.usage = usage
        choices = obj.get("choices")
        if type(choices) is not list:
            raise StreamError(f"{API} stream: a chunk must have a choices list")
        for choice in choices:
            if type(choice) is not dict:
                raise StreamError(f"{API} stream: a choice must be an object")
            index = choice.get("index")
            if type(index) is not int:
                raise StreamError(f"{API} stream: choices[].index must be an integer")
            self._choice(index, choice)

    def _start(self) -> None:
        top = self.top
        ident, model, created, tier = (
            top.get("id"),
            top.get("model"),
            top.get("created"),
            top.get("service_tier"),
        )
        self.sink.start(
            ir.Header(
                id=ident if isinstance(ident, str) else None,
                model=model if isinstance(model, str) else None,
                created=created
                if isinstance(created, (int, float)) and not isinstance(created, bool)
                else None,
                service_tier=tier if isinstance(tier, str) else None,
            )
        )

    def _choice(self, index: int, raw: dict[str, Any]) -> None:
        state = self.choices.get(index)
        if state is None:
            state = self.choices[index] = ChoiceState()
        delta = raw.get("delta")
        if type(delta) is dict and state.finish is None:
            self._delta(index, state, delta)
        elif delta is not None:
            if state.finish is not None:
                # empty fragments after the finish (some adapters send ``content: ""``) say nothing
                if any(
                    v not in (None, "", [], {})
                    for k, v in need(delta, dict, "delta", API).items()
                    if k != "role"
                ):
                    raise StreamError(f"{API} stream: choice {index} has content after its finish_reason")
            else:
                self._delta(index, state, need(delta, dict, "delta", API))
        if not _CHOICE_KEYS.issuperset(raw):
            for key, value in raw.items():
                if key not in _CHOICE_KEYS:
                    state.rest[key] = value
        logprobs = raw.get("logprobs")
        if logprobs is not None and isinstance(logprobs, dict):
            acc = state.logprobs if state.logprobs is not None else {}
            for key, value in logprobs.items():
                kept = acc.get(key)
                if isinstance(value, list) and isinstance(kept, list):
                    kept.extend(value)  # (in place: a long stream's tokens are not copied per chunk)
                elif isinstance(value, list):
                    acc[key] = list(value)
                elif key not in acc:
                    acc[key] = value
            state.logprobs = acc
        finish = raw.get("finish_reason")
        if finish is not None and state.finish is None:
            state.finish = finish
            self._end_parts(index)

    def _delta(self, index: int, state: ChoiceState, delta: dict[str, Any]) -> None:
        if len(delta) == 1 and "content" in state.keys:  # more text: the common chunk
            text = delta.get("content")
            if type(text) is str:
                if text:
                    if self.keep_text:
                        state.text["content"].append(text)
                    self.sink.delta(index, state.keys["content"], text)
                return
        for field, value in delta.items():
            if field in ("content", "refusal"):
                if value is None:
                    continue
                text = need(value, str, f"delta.{field}", API)
                if not text:
                    continue
                if field not in state.keys:
                    state.keys[field] = len(state.keys)
                    part = ir.Text("") if field == "content" else ir.Refusal("")
                    self.sink.part_start(index, state.keys[field], part)
                state.text_seen.add(field)
                if self.keep_text:
                    state.text[field].append(text)
                self.sink.delta(index, state.keys[field], text)
            elif field == "tool_calls":
                if value is not None:
                    for call in need(value, list, "delta.tool_calls", API):
                        self._call(index, state, need(call, dict, "a tool call fragment", API))
            elif field == "function_call":
                if value is not None:
                    self._call(index, state, {"index": LEGACY, "function": value}, legacy=True)
            elif field == "role":
                continue
            else:
                accumulate(state.extras, field, value, self.keep_text)

    def _call(
        self, index: int, state: ChoiceState, fragment: dict[str, Any], *, legacy: bool = False
    ) -> None:
        tool = need(fragment.get("index"), int, "tool_calls[].index", API)
        # a function call's text is function.arguments; a custom tool call's, custom.input
        custom = "custom" in fragment or fragment.get("type") == "custom"
        holder, field = ("custom", "input") if custom else ("function", "arguments")
        inner = fragment.get(holder) or {}
        need(inner, dict, f"tool_calls[].{holder}", API)
        text = inner.get(field) or ""
        need(text, str, f"{holder}.{field}", API)
        call = state.calls.get(tool)
        if call is None:
            ident = LEGACY_ID.format(index) if legacy else fragment.get("id")
            name = inner.get("name")
            if not isinstance(ident, str) or not isinstance(name, str):
                raise StreamError(
                    f"{API} stream: tool call {tool} of choice {index} starts without an id and name"
                )
            call = {k: v for k, v in fragment.items() if k in _FRAGMENT_OWN and k not in ("index", holder)}
            call[holder] = {"name": name}
            call["text"] = []
            state.calls[tool] = call
            state.keys[tool] = len(state.keys)
            header = ir.ToolCall(ident, name, arguments="", kind="custom" if custom else "function")
            self.sink.part_start(index, state.keys[tool], header)
        elif holder not in call:
            raise StreamError(f"{API} stream: tool call {tool} of choice {index} changes its type")
        elif "name" in inner and inner["name"] != call[holder].get("name"):
            call[holder]["name"] = str(call[holder].get("name", "")) + str(inner["name"])
        # Any other field of a fragment joins its call, added up over the fragments as the other
        # delta fields are (``accumulate``): the aggregate has it, another API reports it.
        for key, value in fragment.items():
            if key not in _FRAGMENT_OWN:
                accumulate(call, key, value, keep_text=True)
        for key, value in inner.items():
            if key not in ("name", field):
                accumulate(call[holder], key, value, keep_text=True)
        if text:
            call["text"].append(text)
            self.sink.delta(index, state.keys[tool], text)

    def _end_parts(self, index: int) -> None:
        state = self.choices[index]
        if not state.keys:
            return
        message = decode_answer(message_of(state, begun=True), f"/choices/{index}/message", index)
        by_field: dict[str | int, ir.Part] = {}
        calls = iter(k for k in state.calls if k != LEGACY)  # the order they began
        for part in message.parts:
            if isinstance(part, ir.Text):
                by_field["content"] = part
            elif isinstance(part, ir.Refusal):
                by_field["refusal"] = part
            elif isinstance(part, ir.ToolCall):
                by_field[LEGACY if part.id == LEGACY_ID.format(index) else next(calls)] = part
        for field, key in sorted(state.keys.items(), key=lambda kv: kv[1]):
            self.sink.part_end(index, key, by_field[field])
        state.keys = {}

    def body(self, *, begun: bool = False) -> dict[str, Any]:
        """The non-streaming ``ChatCompletion`` the chunks so far add up to."""
        return completion(self.top, self.choices, self.usage, begun=begun)

    def response(self) -> ir.Response:
        """The answer as the stream gave it, for the encoders' terminal frames."""
        return decode_response(self.body(begun=True), LossLog())
