"""IR stream events -> Anthropic Messages events (WIRE.md §2.9, §6.18).

Anthropic blocks are strictly sequential: one block is open at a time, so parts that overlap (Chat
tool calls interleaved by ``index``) follow the buffering rule of ``stream_common.Sequential``.

Each block's final form is the one ``convert_response`` gives the part (``codec_parts.encode_part``):
citations arrive as ``citations_delta``, a thinking block's signature (another API's reasoning,
stashed) as ``signature_delta``, tool input the upstream never streamed as one ``input_json_delta``.
Reasoning opens its block on its first text: reasoning with no readable text is a
``redacted_thinking`` block, sent whole.

``message_start`` carries the input counts when the upstream said them up front (Anthropic,
Responses rarely); otherwise zeros, reported as ``input_tokens_deferred``: the real counts come in
``message_delta.usage`` (cumulative, so the SDK's accumulator takes them).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._fastjson import dumps
from ..loss import LossLog
from ..stream_common import Sequential
from ..stream_out import HOLE, named, template
from .codec_parts import encode_part
from .error import encode_error
from .response import _message_id, encode_response
from .usage import encode_usage

_MESSAGE_KEYS = frozenset({"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"})


class MessagesStreamEncoder(Sequential):
    """A ``StreamSink`` writing Anthropic events to ``out``; losses of the answer go to ``log``."""

    def __init__(self, out: list[bytes], log: LossLog, request: dict[str, Any] | None) -> None:
        self.out = out
        self.log = log
        self.request = request
        super().__init__()
        self.parts: dict[int, ir.Part] = {}
        self.open_key: int | None = None  # the part whose block is open (one at a time)
        self.blocks = 0
        # the open block's delta frame, split, made at its first fragment (so it also says one
        # was sent); one block is open at a time, and its stop clears it
        self.frame: tuple[bytes, bytes] | None = None

    # --- IR events ---------------------------------------------------------------------------

    def start(self, header: ir.Header) -> None:
        if header.usage is not None:
            usage = encode_usage(header.usage, header.service_tier, LossLog())
        else:
            usage = {"input_tokens": 0, "output_tokens": 0}
            # COSMETIC: message_delta.usage carries the real counts, and Anthropic's own streams
            # define its counts as cumulative totals that replace message_start's (WIRE.md §2.9)
            self.log.cosmetic(
                "/usage",
                "input_tokens_deferred",
                "input tokens unknown at message_start: zeros, real counts in message_delta",
            )
        message: dict[str, Any] = {
            "id": _message_id(header.id, LossLog()),
            "type": "message",
            "role": "assistant",
            "model": header.model or "",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": usage,
        }
        self.out.append(named("message_start", {"type": "message_start", "message": message}))

    def keep_alive(self) -> None:
        self.out.append(named("ping", {"type": "ping"}))

    def finish(self, response: ir.Response) -> None:
        body = encode_response(response, self.log, self.request)
        for block in body["content"][self.blocks :]:
            self.send_block(block)  # a block only the full answer has (an empty refusal's stand-in text)
        delta = {"stop_reason": body["stop_reason"], "stop_sequence": body.get("stop_sequence")}
        delta.update((k, v) for k, v in body.items() if k not in _MESSAGE_KEYS)
        event = {"type": "message_delta", "delta": delta, "usage": body.get("usage") or {"output_tokens": 0}}
        self.out.append(named("message_delta", event))
        self.out.append(named("message_stop", {"type": "message_stop"}))

    def fail(self, error: ir.Error) -> None:
        body, _status = encode_error(error)
        self.out.append(named("error", body))

    # --- blocks ------------------------------------------------------------------------------

    def _block_start(self, key: int, block: dict[str, Any]) -> None:
        self.open_key = key
        event = {"type": "content_block_start", "index": self.blocks, "content_block": block}
        self.out.append(named("content_block_start", event))

    def _block_delta(self, delta: dict[str, Any]) -> None:
        event = {"type": "content_block_delta", "index": self.blocks, "delta": delta}
        self.out.append(named("content_block_delta", event))

    def _block_stop(self) -> None:
        self.frame, self.open_key = None, None
        self.out.append(named("content_block_stop", {"type": "content_block_stop", "index": self.blocks}))
        self.blocks += 1

    def _start(self, key: int, part: ir.Part) -> None:
        self.parts[key] = part
        if isinstance(part, (ir.Text, ir.Refusal)):
            self._block_start(key, {"type": "text", "text": ""})
        elif isinstance(part, ir.ToolCall) and part.kind == "function":
            block = encode_part(ir.ToolCall(part.id, part.name, input={}), LossLog(), response=True)
            assert block is not None
            self._block_start(key, block)
        # reasoning opens on its first text; custom calls and other APIs' parts come whole at the end

    def _live(self, key: int, texts: list[str]) -> None:
        """Fragments of the live part; its delta frame is made at its first one."""
        frame = self.frame
        if frame is None:
            part = self.parts[key]
            if isinstance(part, ir.Reasoning):
                if key != self.open_key:
                    self._block_start(key, {"type": "thinking", "thinking": "", "signature": ""})
                delta = {"type": "thinking_delta", "thinking": HOLE}
            elif key != self.open_key:
                return
            elif isinstance(part, ir.ToolCall):
                delta = {"type": "input_json_delta", "partial_json": HOLE}
            else:
                delta = {"type": "text_delta", "text": HOLE}
            event = {"type": "content_block_delta", "index": self.blocks, "delta": delta}
            frame = self.frame = template(named("content_block_delta", event))
        prefix, suffix = frame
        out = self.out
        for text in texts:
            out += (prefix, dumps(text), suffix)  # joined once, when the caller drains

    def _end(self, key: int, part: ir.Part) -> None:
        self.parts.pop(key, None)
        block = encode_part(part, LossLog(), response=True)  # the finishing conversion reports losses
        if key != self.open_key:
            if block is not None:
                self.send_block(block)
            return
        unsent = self.frame is None  # no fragment of it was written
        if block is not None:
            kind = block.get("type")
            if kind == "text":
                if unsent and block.get("text"):
                    self._block_delta({"type": "text_delta", "text": block["text"]})
                for citation in block.get("citations") or ():
                    self._block_delta({"type": "citations_delta", "citation": citation})
            elif kind == "tool_use" and unsent and block.get("input"):
                self._block_delta(
                    {"type": "input_json_delta", "partial_json": dumps(block["input"]).decode()}
                )
            elif kind == "thinking" and block.get("signature"):
                self._block_delta({"type": "signature_delta", "signature": block["signature"]})
        self._block_stop()

    def send_block(self, block: dict[str, Any]) -> None:
        """A complete block as Anthropic streams one: empty start, its content as deltas, stop."""
        kind = block.get("type")
        if kind == "text":
            start = {k: v for k, v in block.items() if k != "citations"} | {"text": ""}
            self._block_start(-1, start)
            if block["text"]:
                self._block_delta({"type": "text_delta", "text": block["text"]})
            for citation in block.get("citations") or ():
                self._block_delta({"type": "citations_delta", "citation": citation})
        elif kind == "tool_use":
            self._block_start(-1, {**block, "input": {}})
            if block.get("input"):
                self._block_delta(
                    {"type": "input_json_delta", "partial_json": dumps(block["input"]).decode()}
                )
        elif kind == "thinking":
            self._block_start(-1, {**block, "thinking": "", "signature": ""})
            if block.get("thinking"):
                self._block_delta({"type": "thinking_delta", "thinking": block["thinking"]})
            if block.get("signature"):
                self._block_delta({"type": "signature_delta", "signature": block["signature"]})
        else:  # redacted thinking and server-tool results arrive whole in content_block_start
            self._block_start(-1, block)
        self._block_stop()
