"""Anthropic Messages SSE events -> IR stream events, and the aggregated ``Message`` (WIRE.md §2.9).

Grammar (one state table)::

    message_start  (content_block_start  content_block_delta*  content_block_stop)*
    message_delta+  message_stop          ping anywhere; error ends the stream

Block ``index`` must be the block's position in ``content``. Unknown event types are ignored, as
Anthropic's versioning policy asks, and counted in ``ignored``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pydantic_core

from .. import ir
from .._fastjson import loads
from ..api import Api
from ..errors import StreamError
from ..loss import LossLog
from ..sse.decoder import Frame
from ..stream_common import NULL_SINK, RunReader, event_object, need
from ..stream_grammar import Grammar
from ..stream_ignored import count_fields
from .codec_blocks import decode_block
from .error import decode_error
from .response import decode_response
from .usage import decode_usage

API = "messages"
TABLE = {
    ("start", "message_start"): "message",
    ("message", "content_block_start"): "block",
    ("block", "content_block_delta"): "block",
    ("block", "content_block_stop"): "message",
    ("message", "message_delta"): "ending",
    ("ending", "message_delta"): "ending",
    ("ending", "message_stop"): "stopped",
    **{(state, "ping"): state for state in ("start", "message", "block", "ending")},
    **{(state, "error"): "failed" for state in ("start", "message", "block", "ending")},
}
FINAL = frozenset({"stopped", "failed"})
KNOWN_EVENTS = frozenset(kind for _, kind in TABLE)
# Blocks whose content streams as IR deltas, and the delta field that carries it.
_STREAMED = {"text": "text_delta", "tool_use": "input_json_delta", "thinking": "thinking_delta"}
_DELTA_FIELD = {"text_delta": "text", "input_json_delta": "partial_json", "thinking_delta": "thinking"}
# The fields of each event and delta ([AN:raw_message_*_event.py], WIRE.md §2.9). Any other has no
# place in the message the events add up to: it is counted in ``ignored`` (``field:<where>.<key>``)
# and reported. A message_delta's other fields are the message's own, arriving at its end
# (``context_management``, as the SDK's accumulator reads it): merged into the message.
_EVENT_FIELDS = {
    "message_start": frozenset({"type", "message"}),
    "content_block_start": frozenset({"type", "index", "content_block"}),
    "content_block_delta": frozenset({"type", "index", "delta"}),
    "content_block_stop": frozenset({"type", "index"}),
    "message_stop": frozenset({"type"}),
    "ping": frozenset({"type"}),
}
_DELTA_FIELDS = {
    kind: frozenset({"type", field})
    for kind, field in {**_DELTA_FIELD, "signature_delta": "signature", "citations_delta": "citation"}.items()
}
_MESSAGE_DELTA_OWN = frozenset({"type", "delta", "usage"})
# A content_block_delta as Anthropic writes it (compact, keys in this order), up to the delta
# string's first character: index, delta type, delta field.
_PLAIN = '{"type":"content_block_delta","index":%d,"delta":{"type":"%s","%s":"'
# What JSON counts as whitespace (RFC 8259 §2). The API pads a delta's data with spaces between its
# last two braces (427 of the 453 deltas in fixtures/traffic, in 26 of its 27 streams): that form is
# plain too.
_JSON_SPACE = " \t\n\r"


def partial_object(text: str) -> dict[str, Any]:
    """The object a cut-off JSON text begins, as far as it parses ({} when nothing does)."""
    try:
        value = pydantic_core.from_json(text, allow_partial="trailing-strings")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class MessagesStreamDecoder(RunReader):
    """Feed ``event(name, data)`` per SSE event; ``body()`` is the aggregated response so far.

    ``keep_text=False`` does not keep text-block text (an encoder that needs only deltas then runs
    in memory independent of the answer's length); tool input and thinking are always kept.
    """

    def __init__(self, sink: ir.StreamSink = NULL_SINK, *, keep_text: bool = True) -> None:
        self.sink = sink
        self.keep_text = keep_text
        self.grammar = Grammar(API, TABLE, start="start", final=FINAL)
        self.message: dict[str, Any] = {}
        self.content: list[Any] = []
        self.block: dict[str, Any] | None = None  # the open block
        self.index = -1  # its index
        self.pieces: list[str] = []  # its streamed text, thinking or input JSON
        self.streams: str | None = None  # the delta type its content comes in
        self.field = ""  # and the delta's field that holds it
        self.keep = True  # whether that content is kept
        # The exact data of a plain delta event for the open block, up to its string's first
        # character (see ``event``); "" when no block streams.
        self.plain = ""
        self.plain_len = 0
        self.ignored: dict[str, int] = {}
        self.error: ir.Error | None = None
        self.parts: list[ir.Part] = []  # the blocks ended so far, decoded
        self.ended = False  # the sink was told finish or fail

    @property
    def complete(self) -> bool:
        """The stream may end here."""
        return self.grammar.complete

    @property
    def finished(self) -> bool:
        """Nothing may follow (Anthropic sends nothing after message_stop or an error)."""
        return self.grammar.complete

    def event(self, name: str | None, data: str) -> None:
        self.events([(name, data)])

    def events(self, frames: Iterable[Frame]) -> bool:
        """``event`` for each frame (a comment is the sink's keep-alive), up to the one that ended
        the stream (True then: the frames after it are not read).

        The common event, in the compact form Anthropic writes it (padded or not), is more of the
        open block's content as one JSON string literal with no escapes, so its characters are the
        text itself: it is read without a parse, and a run of them goes to the sink in one
        ``deltas`` call. Any other form (escapes, spacing, key order) is parsed by ``_event``.
        """
        plain, cut, run = self.plain, self.plain_len, []
        for name, data in frames:
            if plain and data is not None and data[-1:] == "}" and data.startswith(plain):
                literal = data[cut:-1]
                if literal[-2:] != '"}':  # Anthropic pads most deltas: '"}' + spaces + '}'
                    literal = literal.rstrip(_JSON_SPACE)
                if literal[-2:] == '"}':
                    literal = literal[:-2]
                    if '"' not in literal and "\\" not in literal and literal.isprintable():
                        if literal:
                            run.append(literal)
                        continue
            if self._other(run, name, data):
                return True
            plain, cut, run = self.plain, self.plain_len, []
        if run:
            self._run(run)
        return False

    def _run(self, texts: list[str]) -> None:
        if self.keep:
            self.pieces += texts
        self.sink.deltas(0, self.index, texts)

    def _event(self, name: str | None, data: str) -> None:  # (the name says nothing the type does not)
        try:
            obj = loads(data)
        except (ValueError, RecursionError):
            obj = None
        if type(obj) is not dict:
            obj = event_object(data, API)  # raises the StreamError that says what is wrong
        kind = obj.get("type")
        if kind == "content_block_delta" and self.grammar.state == "block":
            # the common case, allowed by the table in this state: more of the open block's
            # content, checked inline; anything else about it takes _content_block_delta
            delta, streams = obj.get("delta"), self.streams
            if (
                type(delta) is dict
                and streams is not None
                and delta.get("type") == streams
                and len(obj) == 3  # (no field beyond type, index and delta: see _content_block_delta)
                and len(delta) == 2
            ):
                text = delta.get(self.field)
                index = obj.get("index")
                if type(text) is str and index == self.index and type(index) is int:
                    if self.keep:
                        self.pieces.append(text)
                    if text:
                        self.sink.delta(0, index, text)
                    return
            self._content_block_delta(obj)
            return
        if not isinstance(kind, str):
            raise StreamError(f"{API} stream: an event has no type")
        if kind not in KNOWN_EVENTS:
            if self.grammar.state == "stopped":
                raise StreamError(f"{API} stream: {kind!r} after message_stop")
            self.ignored[kind] = self.ignored.get(kind, 0) + 1
            return
        if self.grammar.state == "failed":
            return  # nothing after an error counts
        self.grammar.step(kind)
        known = _EVENT_FIELDS.get(kind)
        if known is not None and not obj.keys() <= known:
            count_fields(self.ignored, kind, obj, known)
        getattr(self, "_" + kind)(obj)

    # --- one method per event type ---------------------------------------------------------------

    def _message_start(self, obj: dict[str, Any]) -> None:
        message = need(obj.get("message"), dict, "message_start.message", API)
        self.message = dict(message)
        content = message.get("content")
        self.content = list(content) if isinstance(content, list) else []
        self.parts = [decode_block(b, f"/content/{i}") for i, b in enumerate(self.content)]
        usage = message.get("usage")
        decoded, tier = decode_usage(usage) if isinstance(usage, dict) else (None, None)
        ident, model = message.get("id"), message.get("model")
        self.sink.start(
            ir.Header(
                id=ident if isinstance(ident, str) else None,
                model=model if isinstance(model, str) else None,
                service_tier=tier,
                usage=decoded,
            )
        )

    def _content_block_start(self, obj: dict[str, Any]) -> None:
        index = self._index(obj, len(self.content))
        block = dict(need(obj.get("content_block"), dict, "content_block", API))
        self.block, self.pieces, self.index = block, [], index
        self.content.append(block)
        kind = block.get("type")
        self.streams = _STREAMED.get(kind) if isinstance(kind, str) else None
        self.field = _DELTA_FIELD[self.streams] if self.streams is not None else ""
        if self.streams is not None:
            self.plain = _PLAIN % (index, self.streams, self.field)
            self.plain_len = len(self.plain)
        self.keep = kind != "text" or self.keep_text  # input and thinking are always kept
        at = f"/content/{index}"
        if kind == "text":
            self.sink.part_start(0, index, ir.Text("", at=at))
            if block.get("text"):
                self.sink.delta(0, index, block["text"])
        elif kind == "tool_use":
            ident, name = block.get("id"), block.get("name")
            header = ir.ToolCall(str(ident), str(name), arguments="", at=at)
            self.sink.part_start(0, index, header)
        elif kind == "thinking":
            self.sink.part_start(0, index, ir.Reasoning(Api.MESSAGES, at=at))
            if block.get("thinking"):
                self.sink.delta(0, index, block["thinking"])
        else:  # redacted thinking, server tools, their results: complete at the start
            self.sink.part_start(0, index, decode_block(block, at))

    def _content_block_delta(self, obj: dict[str, Any]) -> None:
        # the hot path of a stream: type checks inline, text gathered in a list (joined once)
        index = self.index
        if obj.get("index") != index or type(obj.get("index")) is not int:
            self._index(obj, index)
        delta = obj.get("delta")
        if type(delta) is not dict:
            raise StreamError(f"{API} stream: content_block_delta.delta must be an object")
        kind = delta.get("type")
        if not obj.keys() <= _EVENT_FIELDS["content_block_delta"]:
            count_fields(self.ignored, "content_block_delta", obj, _EVENT_FIELDS["content_block_delta"])
        known = _DELTA_FIELDS.get(kind) if isinstance(kind, str) else None
        if known is not None and not delta.keys() <= known:
            count_fields(self.ignored, f"content_block_delta.delta({kind})", delta, known)
        streams = self.streams
        if kind == streams and streams is not None:  # the delta type that carries this block's content
            text = delta.get(_DELTA_FIELD[streams])
            if type(text) is not str:
                raise StreamError(f"{API} stream: {kind} must carry a string")
            if self.keep:
                self.pieces.append(text)
            if text:
                self.sink.delta(0, index, text)
            return
        block = self.block
        assert block is not None  # the grammar is in state "block"
        if kind == "signature_delta":
            block["signature"] = need(delta.get("signature"), str, "signature_delta.signature", API)
        elif kind == "citations_delta":
            block.setdefault("citations", []).append(delta.get("citation"))
        elif kind == "input_json_delta" and block.get("type") == "server_tool_use":
            self.pieces.append(need(delta.get("partial_json"), str, "input_json_delta.partial_json", API))
        else:
            self.ignored[f"delta:{kind}"] = self.ignored.get(f"delta:{kind}", 0) + 1

    def _content_block_stop(self, obj: dict[str, Any]) -> None:
        index = self._index(obj, self.index)
        block = self.block
        assert block is not None
        cut: str | None = None
        text = "".join(self.pieces)
        kind = block.get("type")
        if kind in ("tool_use", "server_tool_use"):
            if self.pieces:
                try:
                    block["input"] = loads(text) if text else {}
                except (ValueError, RecursionError):
                    # Cut off mid-input (max_tokens with eager input streaming, WIRE.md §2.9): the
                    # body gets what parses of it, as the SDK's partial parser reads it; the part
                    # keeps the text as it arrived, which encoders report as arguments that are not
                    # an object.
                    block["input"] = partial_object(text)
                    cut = text
        elif kind in ("text", "thinking") and self.keep:
            block[kind] = block.get(kind, "") + text
        self.block, self.pieces, self.streams, self.plain = None, [], None, ""
        part = decode_block(block, f"/content/{index}")
        if cut is not None and isinstance(part, ir.ToolCall):
            part = replace(part, arguments=cut, input=None)
        self.parts.append(part)
        self.sink.part_end(0, index, part)

    def _message_delta(self, obj: dict[str, Any]) -> None:
        delta = obj.get("delta")
        if isinstance(delta, dict):
            self.message.update(delta)
        for key, value in obj.items():
            if key not in _MESSAGE_DELTA_OWN and value is not None:
                self.message[key] = value
        usage = obj.get("usage")
        if isinstance(usage, dict):
            # counts are cumulative: overwrite, and keep message_start's for those not repeated
            merged = dict(self.message.get("usage") or {})
            merged.update({k: v for k, v in usage.items() if v is not None})
            self.message["usage"] = merged

    def _message_stop(self, obj: dict[str, Any]) -> None:
        if not isinstance(self.message.get("stop_reason"), str):
            # every message_delta Anthropic sends names the stop reason: without one the answer
            # cannot end well in any API (a Chat client would get no finish_reason)
            raise StreamError(f"{API} stream: message_stop came without a stop_reason")
        self.ended = True
        self.sink.finish(self.response())

    def _ping(self, obj: dict[str, Any]) -> None:
        self.sink.keep_alive()

    def _error(self, obj: dict[str, Any]) -> None:
        self.plain = ""  # nothing after an error counts
        self.error = decode_error(obj, None)
        self.ended = True
        self.sink.fail(self.error)

    # --- helpers -------------------------------------------------------------------------------

    def _index(self, obj: dict[str, Any], expected: int) -> int:
        index = obj.get("index")
        if index != expected or isinstance(index, bool):
            raise StreamError(f"{API} stream: {obj.get('type')} has index {index!r}, expected {expected}")
        return expected

    def body(self) -> dict[str, Any]:
        """The non-streaming ``Message`` the events so far add up to."""
        out = dict(self.message)
        out["content"] = list(self.content)
        return out

    def response(self) -> ir.Response:
        """The answer for the encoders' terminal frames: the message decoded as the non-streaming
        decoder reads it, with the parts the blocks already ended as (not decoded twice)."""
        return decode_response({**self.message, "content": []}, LossLog(), parts=tuple(self.parts))
