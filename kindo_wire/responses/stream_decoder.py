"""Responses SSE events -> IR stream events, and the aggregated ``Response`` (WIRE.md §3.7).

Grammar (one state table; ``sequence_number`` counts up by one from the first event)::

    response.created  response.queued*  response.in_progress?
      (output_item.added  <item events of that output_index>*  output_item.done)*
    response.completed | response.incomplete | response.failed          error may cut it anywhere

Each content part of a message item is one IR part, as is every other item (a function call,
reasoning, a hosted-tool call kept whole). The terminal event carries the full response, which is
the aggregate; an upstream that sends it with an empty ``output`` gets the streamed items.
Unknown event types without an ``output_index`` are ignored (counted in ``ignored``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import ir
from .._fastjson import loads
from ..errors import StreamError
from ..loss import LossLog
from ..sse.decoder import Frame
from ..stream_common import NULL_SINK, event_object, need
from ..stream_grammar import Grammar
from ..stream_ignored import count_fields, count_snapshot_fields
from .codec_echo import ECHO_KEYS
from .codec_items import assistant_message, decode_call, decode_reasoning
from .codec_util import RS
from .error import decode_error
from .response import decode_response
from .stream_snapshots import Snapshots
from .usage import decode_usage

API = "responses"
_TOP = {
    "response.created": "created",
    "response.queued": "queued",
    "response.in_progress": "in_progress",
    "response.output_item.added": "added",
    "response.output_item.done": "done",
    "response.completed": "terminal",
    "response.incomplete": "terminal",
    "response.failed": "failed",
    "error": "error",
}
_LIVE = ("created", "running", "item")
TABLE = {
    ("start", "created"): "created",
    ("created", "queued"): "created",
    ("created", "in_progress"): "running",
    ("running", "in_progress"): "running",
    ("created", "added"): "item",
    ("running", "added"): "item",
    ("item", "sub"): "item",
    ("item", "done"): "running",
    ("created", "terminal"): "terminal",
    ("running", "terminal"): "terminal",
    **{(state, "failed"): "failed" for state in (*_LIVE, "errored")},
    **{(state, "error"): "errored" for state in ("start", *_LIVE)},
}
FINAL = frozenset({"terminal", "errored", "failed"})  # an error event may be the last thing sent
FINISHED = frozenset({"terminal", "failed"})
# Item events whose ``delta`` is IR text of the open part.
_DELTAS = frozenset(
    {
        "response.output_text.delta",
        "response.refusal.delta",
        "response.function_call_arguments.delta",
        "response.custom_tool_call_input.delta",
        "response.reasoning_summary_text.delta",
    }
)
# Events inside an item (WIRE.md §3.7): each names its item's output_index.
_ITEM_EVENTS = frozenset(
    {
        "response.content_part.added", "response.content_part.done", "response.output_text.done",
        "response.output_text.annotation.added", "response.refusal.done",
        "response.function_call_arguments.done", "response.custom_tool_call_input.done",
        "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.done", "response.reasoning_text.delta",
        "response.reasoning_text.done", *_DELTAS,
    }
)  # fmt: skip
SUMMARY_JOIN = "\n\n"  # decode_reasoning joins summary texts with a blank line
# Every field a Responses stream event has (WIRE.md §3.7, [OA:responses/response_stream_event.py]),
# whatever its type: the objects an event carries (``response``, ``item``, ``part``...) reach the
# answer, but a field beyond these has no place in it. It is counted in ``ignored``
# (``field:<event type>.<key>``) and reported. One set for all types keeps the check to a subset
# test per event, on the delta path too; a documented field on an unusual event type passes.
_EVENT_FIELDS = frozenset(
    {
        "type", "sequence_number", "obfuscation", "response", "item", "part", "output_index",
        "item_id", "content_index", "summary_index", "annotation_index", "annotation", "delta", "text",
        "logprobs", "refusal", "arguments", "name", "input", "code", "message", "param", "status",
        "partial_image_b64", "partial_image_index", "error", "output_format",
    }
)  # fmt: skip


class ResponsesStreamDecoder:
    """Feed ``event(name, data)`` per SSE event; ``body()`` is the aggregated response so far."""

    def __init__(self, sink: ir.StreamSink = NULL_SINK, *, keep_text: bool = True) -> None:
        # ``keep_text`` is taken for a uniform interface: the terminal event repeats the whole
        # answer whatever is kept, so items are kept whole (an empty terminal output needs them).
        self.sink = sink
        self.keep_text = keep_text
        self.grammar = Grammar(API, TABLE, start="start", final=FINAL)
        self.response_obj: dict[str, Any] = {}
        self.items: list[Any] = []
        self.item: dict[str, Any] | None = None
        self.output_index = -1
        self.key = -1  # the IR key of the part open in the current item
        self.open_keys: set[int] = set()
        self.next_key = 0
        self.sequence: int | None = None
        self.error: ir.Error | None = None  # what an ``error`` event said
        self.ignored: dict[str, int] = {}
        self.snapshots = Snapshots()  # fields a later snapshot may drop, checked at the end
        self.ended = False  # the sink was told finish or fail

    @property
    def complete(self) -> bool:
        return self.grammar.complete

    @property
    def finished(self) -> bool:
        """Nothing may follow: a terminal event, or ``response.failed``, was read."""
        return self.grammar.state in FINISHED

    def event(self, name: str | None, data: str) -> None:
        self.events([(name, data)])

    def events(self, frames: Iterable[Frame]) -> bool:
        """``event`` for each frame (a comment is the sink's keep-alive), up to the one that ended
        the stream (True then: the frames after it are not read). The common event, more text for
        the open item's part, is checked inline, and a run of them goes to the sink in one
        ``deltas`` call."""
        run: list[str] = []
        for _name, data in frames:  # (the name says nothing the data's type does not)
            if data is None:
                if run:
                    self.sink.deltas(0, self.key, run)
                    run = []
                self.sink.keep_alive()
                continue
            if self.grammar.state == "failed":
                continue
            try:
                obj = loads(data)
            except (ValueError, RecursionError):
                obj = None
            if type(obj) is dict and self.grammar.state == "item":
                kind = obj.get("type")
                number, text = obj.get("sequence_number"), obj.get("delta")
                if (
                    type(kind) is str
                    and kind in _DELTAS  # allowed by the table in this state: checked inline
                    and (number is None or (type(number) is int and number == (self.sequence or 0) + 1))
                    and obj.get("output_index") == self.output_index
                    and type(text) is str
                    and self.key in self.open_keys
                    and _EVENT_FIELDS.issuperset(obj)
                ):
                    if text:
                        run.append(text)
                    if number is not None:
                        self.sequence = number
                    continue
            if run:
                self.sink.deltas(0, self.key, run)
                run = []
            self._event(obj if type(obj) is dict else event_object(data, API))
            if self.ended:
                return True
        if run:
            self.sink.deltas(0, self.key, run)
        return False

    def _event(self, obj: dict[str, Any]) -> None:
        kind = obj.get("type")
        if not isinstance(kind, str):
            raise StreamError(f"{API} stream: an event has no type")
        number = self._sequence(obj)
        if not _EVENT_FIELDS.issuperset(obj):
            count_fields(self.ignored, kind, obj, _EVENT_FIELDS)
        top = _TOP.get(kind)
        if self.grammar.state != "errored" or top == "failed":  # after an error, only response.failed counts
            self._dispatch(kind, top, obj)
        if number is not None:
            self.sequence = number  # counted once the event was accepted

    def _dispatch(self, kind: str, top: str | None, obj: dict[str, Any]) -> None:
        if top is None:
            if "output_index" not in obj:
                if kind in _ITEM_EVENTS:
                    raise StreamError(f"{API} stream: {kind} without an output_index")
                self.ignored[kind] = self.ignored.get(kind, 0) + 1
                return
            self.grammar.step("sub")
            if obj["output_index"] != self.output_index:
                raise StreamError(
                    f"{API} stream: {kind} for output {obj['output_index']!r} inside item {self.output_index}"
                )
            self._sub(kind, obj)
            return
        self.grammar.step(top)
        getattr(self, "_" + top)(obj)

    def _sequence(self, obj: dict[str, Any]) -> int | None:
        number = obj.get("sequence_number")
        if not isinstance(number, int) or isinstance(number, bool):
            return None
        if self.sequence is not None and number != self.sequence + 1:
            raise StreamError(f"{API} stream: sequence_number {number!r} after {self.sequence}")
        return number

    # --- top-level events ------------------------------------------------------------------------

    def _created(self, obj: dict[str, Any]) -> None:
        response = need(obj.get("response"), dict, "response.created.response", API)
        self.response_obj = response
        self.snapshots.saw((), response, ECHO_KEYS)
        usage = response.get("usage")
        ident, model, created = response.get("id"), response.get("model"), response.get("created_at")
        tier = response.get("service_tier")
        self.sink.start(
            ir.Header(
                id=ident if isinstance(ident, str) else None,
                model=model if isinstance(model, str) else None,
                created=created
                if isinstance(created, (int, float)) and not isinstance(created, bool)
                else None,
                service_tier=tier if isinstance(tier, str) else None,
                usage=decode_usage(usage) if isinstance(usage, dict) else None,
            )
        )

    def _queued(self, obj: dict[str, Any]) -> None:
        self._in_progress(obj)

    def _in_progress(self, obj: dict[str, Any]) -> None:
        response = obj.get("response")
        if isinstance(response, dict):
            self.response_obj = response
            self.snapshots.saw((), response, ECHO_KEYS)

    def _added(self, obj: dict[str, Any]) -> None:
        index = obj.get("output_index")
        if index != len(self.items) or isinstance(index, bool):
            raise StreamError(
                f"{API} stream: output_item.added has output_index {index!r}, expected {len(self.items)}"
            )
        item = dict(need(obj.get("item"), dict, "output_item.added.item", API))
        self.snapshots.saw(("output", index), obj["item"])  # as sent: ``item`` grows below
        self.item, self.output_index = item, index
        self.items.append(item)
        kind = item.get("type")
        at = f"/output/{index}"
        if kind == "message":
            item["content"] = list(item.get("content") or [])
            return  # its content parts are the IR parts
        self.key = self.next_key
        self.next_key += 1
        if kind in ("function_call", "custom_tool_call"):
            ident, name, item_id = item.get("call_id"), item.get("name"), item.get("id")
            custom = kind == "custom_tool_call"
            call = ir.ToolCall(
                str(ident), str(name), arguments="", kind="custom" if custom else "function",
                item_id=item_id if isinstance(item_id, str) else None, at=at,
            )  # fmt: skip
            self._open(call)
        elif kind == "reasoning":
            self._open(ir.Reasoning(RS, at=at))
        else:
            self._open(ir.Opaque(RS, str(kind), item, at=at))

    def _done(self, obj: dict[str, Any]) -> None:
        item = need(obj.get("item"), dict, "output_item.done.item", API)
        index = self.output_index
        if obj.get("output_index") != index:
            raise StreamError(
                f"{API} stream: output_item.done for {obj.get('output_index')!r} inside item {index}"
            )
        if item.get("type") != self.items[index].get("type"):
            raise StreamError(f"{API} stream: output_item.done changes item {index}'s type")
        self.items[index] = item  # kept whole: a terminal event may come with an empty output
        self.snapshots.saw(("output", index), item)
        self.item = None
        kind = item.get("type")
        at = f"/output/{index}"
        if kind == "message":
            return
        if kind in ("function_call", "custom_tool_call"):
            part: ir.Part = decode_call(item, at, str(kind))
        elif kind == "reasoning":
            part = decode_reasoning(item, at)
        else:
            part = ir.Opaque(RS, str(kind), item, at=at)
        self._close(part)

    def _terminal(self, obj: dict[str, Any]) -> None:
        self.response_obj = need(obj.get("response"), dict, f"{obj['type']}.response", API)
        self._superseded()
        self.ended = True
        self.sink.finish(self.response())

    def _failed(self, obj: dict[str, Any]) -> None:
        response = obj.get("response")
        if isinstance(response, dict):
            self.response_obj = response
        self._superseded()
        if self.error is not None:
            return  # the error event before it was the failure; this is its terminal event
        error = response.get("error") if isinstance(response, dict) else None
        body = {"error": error} if isinstance(error, dict) else {"error": {"message": "the response failed"}}
        self.ended = True
        self.sink.fail(decode_error(body, None))

    def _error(self, obj: dict[str, Any]) -> None:
        inner = {k: v for k, v in obj.items() if k not in ("type", "sequence_number")}
        self.error = decode_error({"error": inner}, None)
        self.ended = True
        self.sink.fail(self.error)

    # --- events inside an item -------------------------------------------------------------------

    def _sub(self, kind: str, obj: dict[str, Any]) -> None:
        item = self.item
        assert item is not None  # the grammar is in state "item"
        if kind == "response.content_part.added" and item.get("type") == "message":
            part = dict(need(obj.get("part"), dict, "content_part.added.part", API))
            if obj.get("content_index") != len(item["content"]):
                raise StreamError(
                    f"{API} stream: content_part.added has content_index {obj.get('content_index')!r}"
                )
            item["content"].append(part)
            self._part(obj, "content", obj["part"])
            self.key = self.next_key
            self.next_key += 1
            if part.get("type") == "refusal":
                self._open(ir.Refusal(""))
            else:
                self._open(ir.Text(""))
        elif kind == "response.content_part.done" and item.get("type") == "message":
            part = need(obj.get("part"), dict, "content_part.done.part", API)
            index = obj.get("content_index")
            if not isinstance(index, int) or not 0 <= index < len(item["content"]):
                raise StreamError(f"{API} stream: content_part.done has content_index {index!r}")
            item["content"][index] = part
            self._part(obj, "content", part)
            one = {"type": "message", "role": "assistant", "content": [part]}
            decoded = assistant_message(one, f"/output/{self.output_index}")
            self._close(decoded[0])
        elif kind in _DELTAS:
            text = need(obj.get("delta"), str, f"{kind}.delta", API)
            if self.key not in self.open_keys:
                raise StreamError(f"{API} stream: {kind} with no part open to take it")
            if text:
                self.sink.delta(0, self.key, text)
        elif kind == "response.reasoning_summary_part.added":
            if obj.get("summary_index", 0) != 0:
                self.sink.delta(0, self.key, SUMMARY_JOIN)
            self._part(obj, "summary", obj.get("part"))
        elif kind == "response.reasoning_summary_part.done":
            self._part(obj, "summary", obj.get("part"))
        # every other item event (.done of deltas, annotations, hosted-tool progress) is summed up
        # by the part's or item's own .done event

    def _part(self, obj: dict[str, Any], holder: str, part: Any) -> None:
        """A content or summary part's snapshot, for ``_superseded``."""
        index = obj.get(holder + "_index")
        if type(part) is dict and type(index) is int:
            self.snapshots.saw(("output", self.output_index, holder, index), part)

    def _superseded(self) -> None:
        """Count each field (or object) a superseded snapshot had and the answer lacks, by its
        pointer in the answer (``snapshot:<pointer>``)."""
        count_snapshot_fields(self.ignored, self.snapshots.missing(self.body()))

    def _open(self, part: ir.Part) -> None:
        self.open_keys.add(self.key)
        self.sink.part_start(0, self.key, part)

    def _close(self, part: ir.Part) -> None:
        if self.key not in self.open_keys:
            raise StreamError(f"{API} stream: a part ends that never began")
        self.open_keys.discard(self.key)
        self.sink.part_end(0, self.key, part)

    def body(self) -> dict[str, Any]:
        """The non-streaming ``Response``: the terminal event's, else what streamed so far."""
        out = dict(self.response_obj)
        if not out.get("output") and self.items:
            out["output"] = list(self.items)
        out.setdefault("output", [])
        return out

    def response(self) -> ir.Response:
        return decode_response(self.body(), LossLog())
