"""IR stream events -> Responses events (WIRE.md §3.7, §6.18).

Every event gets the next ``sequence_number``; items get their ``output_index`` in order and the
ids ``convert_response`` gives them (``msg_<core>_<n>``, ``fc_<core>_<n>``, ``rs_<core>_<n>``).
Consecutive text and refusal parts share one ``message`` item, one content part each, as
``codec_output.encode_output`` groups them; a tool call or reasoning closes it. Each ``.done``
event carries what ``encode_output`` makes of the part, and the terminal event carries the full
response encoded from the aggregated stream, with the client's request echoed: the final object is
exactly ``convert_response``'s. Parts overlap only in Chat (interleaved tool calls): they follow
the buffering rule of ``stream_common.Sequential``.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._fastjson import dumps
from ..loss import LossLog
from ..mapping.ids import item_id
from ..stream_common import Sequential
from ..stream_out import HOLE, KEEP_ALIVE_COMMENT, named, template
from .codec_output import encode_output
from .error import encode_error
from .response import _error, encode_response, response_id

_TERMINAL = {
    "completed": "response.completed",
    "incomplete": "response.incomplete",
    "failed": "response.failed",
}

# The end of a delta event after its sequence number, made once for the first numbers: formatting
# the number took most of a delta's own time (a stream longer than this formats the rest).
_CACHED_ENDS = 4096
_ENDS = [b"%d}\n\n" % number for number in range(_CACHED_ENDS)]


class ResponsesStreamEncoder(Sequential):
    """A ``StreamSink`` writing Responses events to ``out``; losses of the answer go to ``log``."""

    def __init__(self, out: list[bytes], log: LossLog, request: dict[str, Any] | None) -> None:
        super().__init__()
        self.out = out
        self.log = log
        self.request = request
        self.sequence = 0
        self.core = "0"
        self.shell: dict[str, Any] = {}
        self.items: list[dict[str, Any]] = []  # finished items (a failed response shows them)
        self.message: dict[str, Any] | None = None  # the open message item: index, id, parts
        self.parts: dict[int, ir.Part] = {}
        self.where: dict[int, dict[str, Any]] = {}  # key -> item_id, output_index (, content_index)
        self.summary: set[int] = set()  # reasoning keys whose summary part is open
        # argument text as streamed, per output index: the .done events and the final object
        # repeat these bytes, not a re-serialization of them (a client joining deltas must agree)
        self.arguments: dict[int, list[str]] = {}  # per open call (key)
        self.streamed: dict[int, str] = {}  # per finished call (output index)
        # the live part's delta event, split, made at its first fragment (so it also says one was
        # sent); one part is live at a time, and its end clears it
        self.hot: tuple[bytes, bytes] | None = None
        self.hot_arguments: list[str] | None = None  # and where its text is kept, if it is a call's

    def _emit(self, kind: str, **fields: Any) -> None:
        self.out.append(named(kind, {"type": kind, **fields, "sequence_number": self.sequence}))
        self.sequence += 1

    def _encode(self, parts: tuple[ir.Part, ...], first: int) -> dict[str, Any]:
        return dict(encode_output(ir.Message("assistant", parts), self.core, LossLog(), first=first)[0])

    # --- IR events ---------------------------------------------------------------------------

    def start(self, header: ir.Header) -> None:
        self.core = response_id(header.id, LossLog())[0]
        shell = ir.Response(
            header.id, header.model, (), created=header.created, service_tier=header.service_tier
        )
        body = encode_response(shell, LossLog(), self.request)
        body.update(status="in_progress", output=[], usage=None, error=None, incomplete_details=None)
        self.shell = body
        self._emit("response.created", response=body)
        self._emit("response.in_progress", response=body)

    def resume(self, sequence: int | None, shell: dict[str, Any]) -> None:
        """Continue a stream this encoder did not start (a pass-through that must end in an error)."""
        self.sequence = sequence + 1 if sequence is not None else 0
        self.shell = {k: v for k, v in shell.items() if k != "output"}

    def keep_alive(self) -> None:
        self.out.append(KEEP_ALIVE_COMMENT)

    def finish(self, response: ir.Response) -> None:
        body = encode_response(response, self.log, self.request)
        for index, text in self.streamed.items():
            item = body["output"][index] if index < len(body["output"]) else None
            if isinstance(item, dict) and item.get("type") in ("function_call", "custom_tool_call"):
                item["input" if item["type"] == "custom_tool_call" else "arguments"] = text
        if self.message is not None:
            index = self.message["index"]
            final = body["output"][index] if index < len(body["output"]) else None
            self._close_message(final.get("status", "completed") if isinstance(final, dict) else "completed")
        self._emit(_TERMINAL.get(body.get("status", ""), "response.completed"), response=body)

    def fail(self, error: ir.Error) -> None:
        envelope, _status = encode_error(error)
        found = envelope.get("error")
        inner: dict[str, Any] = found if isinstance(found, dict) else {}
        code, message = inner.get("code"), inner.get("message") or error.message
        self._emit("error", code=code, message=message, param=inner.get("param"))
        if self.message is not None:
            self._close_message("incomplete")
        self.after_error(error)

    def after_error(self, error: ir.Error) -> None:
        """``response.failed``, the terminal event after an ``error`` event, with the items that
        were finished (an item cut off mid-way, reasoning without its state, is not among them)."""
        if not self.shell:
            return  # no response was announced: the error event is the whole story
        envelope, _status = encode_error(error)
        found = envelope.get("error")
        inner: dict[str, Any] = found if isinstance(found, dict) else {}
        failed = {**self.shell, "status": "failed", "output": [item for item in self.items if item]}
        failed["error"] = _error(
            {"code": inner.get("code"), "message": inner.get("message") or error.message}
        )
        self._emit("response.failed", response=failed)

    # --- parts -------------------------------------------------------------------------------

    def _open_message(self) -> dict[str, Any]:
        if self.message is None:
            index = len(self.items)
            ident = item_id("msg_", self.core, index)
            self.message = {"index": index, "id": ident, "parts": []}
            self.items.append({})  # its place; filled when it closes
            item = {
                "id": ident,
                "type": "message",
                "status": "in_progress",
                "content": [],
                "role": "assistant",
            }
            self._emit("response.output_item.added", output_index=index, item=item)
        return self.message

    def _close_message(self, status: str) -> None:
        message = self.message
        assert message is not None
        if message["parts"]:
            item = message["item"]  # as its last part's end encoded it, with all its parts
        else:  # cut off before its first part ended
            item = {
                "id": message["id"],
                "type": "message",
                "status": status,
                "content": [],
                "role": "assistant",
            }
        item["status"] = status
        self.items[message["index"]] = item
        self.message = None
        self._emit("response.output_item.done", output_index=message["index"], item=item)

    def _start(self, key: int, part: ir.Part) -> None:
        self.parts[key] = part
        if isinstance(part, (ir.Text, ir.Refusal)):
            message = self._open_message()
            where = {
                "item_id": message["id"],
                "output_index": message["index"],
                "content_index": len(message["parts"]),
            }
            self.where[key] = where
            empty = (
                {"type": "output_text", "annotations": [], "text": ""}
                if isinstance(part, ir.Text)
                else {"type": "refusal", "refusal": ""}
            )
            self._emit("response.content_part.added", **where, part=empty)
            return
        if self.message is not None:  # any other part ends the text run, as in encode_output
            self._close_message("completed")
        if not isinstance(part, (ir.ToolCall, ir.Reasoning)):
            return  # another API's server-tool part: no Responses item (the finishing conversion reports it)
        index = len(self.items)
        self.items.append({})
        if isinstance(part, ir.ToolCall):
            item = self._encode((ir.ToolCall(part.id, part.name, arguments="", kind=part.kind),), index)
            item["status"] = "in_progress"
        else:
            item = {"id": item_id("rs_", self.core, index), "type": "reasoning", "summary": []}
        self.where[key] = {"item_id": item["id"], "output_index": index}
        self._emit("response.output_item.added", output_index=index, item=item)

    def _live(self, key: int, texts: list[str]) -> None:
        """Fragments of the live part, one delta event each; its frame is made at its first one."""
        frame = self.hot
        if frame is None:
            frame = self._delta_frame(key)
            if frame is None:
                return
            self.hot = frame
            self.hot_arguments = self.arguments.get(key)  # a call's text, kept for its .done events
        if self.hot_arguments is not None:
            self.hot_arguments += texts
        sequence = self.sequence
        self.sequence = sequence + len(texts)
        prefix, suffix = frame
        out = self.out  # joined when drained
        if self.sequence <= _CACHED_ENDS:
            for text, end in zip(texts, _ENDS[sequence : self.sequence], strict=True):
                out += (prefix, dumps(text), suffix, end)
        else:
            for number, text in enumerate(texts, sequence):
                out += (prefix, dumps(text), suffix, b"%d}\n\n" % number)

    def _delta_frame(self, key: int) -> tuple[bytes, bytes] | None:
        """The part's delta event, split around its text and ending before its sequence number."""
        part, where = self.parts[key], self.where.get(key)
        if where is None:
            return None
        fields: dict[str, Any] = {**where, "delta": HOLE}
        if isinstance(part, ir.Text):
            kind = "response.output_text.delta"
            fields["logprobs"] = []
        elif isinstance(part, ir.Refusal):
            kind = "response.refusal.delta"
        elif isinstance(part, ir.ToolCall):
            custom = part.kind == "custom"
            kind = (
                "response.custom_tool_call_input.delta"
                if custom
                else "response.function_call_arguments.delta"
            )
            self.arguments[key] = []
        elif isinstance(part, ir.Reasoning):
            self.summary.add(key)
            empty = {"type": "summary_text", "text": ""}
            self._emit("response.reasoning_summary_part.added", **where, summary_index=0, part=empty)
            kind = "response.reasoning_summary_text.delta"
            fields = {**where, "summary_index": 0, "delta": HOLE}
        else:
            return None
        prefix, suffix = template(named(kind, {"type": kind, **fields}))
        # sequence_number is the event's last field (as _emit writes it): it goes after the split
        return prefix, suffix[: -len(b"}\n\n")] + b',"sequence_number":'

    def _end(self, key: int, part: ir.Part) -> None:
        self.parts.pop(key, None)
        unsent = self.hot is None  # no fragment of it was written
        self.hot = None
        where = self.where.pop(key, None)
        if where is None:
            return
        if isinstance(part, (ir.Text, ir.Refusal)):
            message = self.message
            assert message is not None
            message["parts"].append(part)
            message["item"] = self._encode(tuple(message["parts"]), message["index"])
            content = message["item"]["content"][-1]
            if isinstance(part, ir.Text):
                if unsent and content["text"]:
                    self._emit("response.output_text.delta", **where, delta=content["text"], logprobs=[])
                for i, note in enumerate(content.get("annotations") or ()):
                    self._emit(
                        "response.output_text.annotation.added", **where, annotation_index=i, annotation=note
                    )
                self._emit("response.output_text.done", **where, text=content["text"], logprobs=[])
            else:
                if unsent and content["refusal"]:
                    self._emit("response.refusal.delta", **where, delta=content["refusal"])
                self._emit("response.refusal.done", **where, refusal=content["refusal"])
            self._emit("response.content_part.done", **where, part=content)
            return
        index = where["output_index"]
        item = self._encode((part,), index)
        if isinstance(part, ir.ToolCall):
            custom = part.kind == "custom"
            field = "input" if custom else "arguments"
            if key in self.arguments:
                item[field] = "".join(self.arguments.pop(key))
                self.streamed[index] = item[field]
            text = item[field]
            kind = "custom_tool_call_input" if custom else "function_call_arguments"
            if unsent and text:
                self._emit(f"response.{kind}.delta", **where, delta=text)
            if custom:
                self._emit(f"response.{kind}.done", **where, input=text)
            else:
                self._emit(f"response.{kind}.done", **where, name=item["name"], arguments=text)
        elif key in self.summary:
            self.summary.discard(key)
            text = item["summary"][0]["text"] if item.get("summary") else ""
            self._emit("response.reasoning_summary_text.done", **where, summary_index=0, text=text)
            done = {"type": "summary_text", "text": text}
            self._emit("response.reasoning_summary_part.done", **where, summary_index=0, part=done)
        self.items[index] = item
        self._emit("response.output_item.done", output_index=index, item=item)
