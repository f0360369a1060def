"""``stream_response``: a non-streaming response body as a valid stream of the same API.

The events are the ones the API itself sends for such an answer (WIRE.md §1.8, §2.9, §3.7), each
text whole in one delta: ``aggregate_stream(stream_response(body, api=x), api=x)`` gives the body
back. For a gateway whose upstream answered without streaming a client that asked for a stream.
"""

from __future__ import annotations

from typing import Any

from ._fastjson import load_object
from .api import Api, as_api
from .convert import Body
from .loss import LossLog
from .messages.stream_encoder import MessagesStreamEncoder
from .stream_out import named, unnamed

_CHAT_MESSAGE_KEYS = ("role", "content", "refusal", "annotations", "tool_calls", "function_call")


def stream_response(body: Body, *, api: Api | str) -> bytes:
    data = load_object(body, "response body")
    kind = as_api(api)
    if kind is Api.CHAT:
        return b"".join(_chat(data))
    if kind is Api.MESSAGES:
        return b"".join(_messages(data))
    return b"".join(_Responses(data).events())


def _chat(body: dict[str, Any]) -> list[bytes]:
    base = {k: v for k, v in body.items() if k not in ("choices", "usage")}
    base["object"] = "chat.completion.chunk"
    out: list[bytes] = []

    def chunk(index: int, delta: dict[str, Any], **rest: Any) -> None:
        choice = {"index": index, "delta": delta, "logprobs": None, "finish_reason": None, **rest}
        out.append(unnamed({**base, "choices": [choice]}))

    for choice in body.get("choices") or ():
        index = choice.get("index", 0)
        message = choice.get("message") or {}
        chunk(index, {"role": "assistant", "content": ""})
        for key in ("content", "refusal"):
            if message.get(key):
                chunk(index, {key: message[key]})
        if message.get("annotations"):
            chunk(index, {"annotations": message["annotations"]})
        for j, call in enumerate(message.get("tool_calls") or ()):
            chunk(index, {"tool_calls": [{"index": j, **call}]})
        if message.get("function_call") is not None:
            chunk(index, {"function_call": message["function_call"]})
        extra = {k: v for k, v in message.items() if k not in _CHAT_MESSAGE_KEYS}
        if extra:
            chunk(index, extra)
        rest = {k: v for k, v in choice.items() if k not in ("index", "message", "logprobs", "finish_reason")}
        final = {
            "index": index,
            "delta": {},
            "logprobs": choice.get("logprobs"),
            "finish_reason": choice.get("finish_reason"),
            **rest,
        }
        out.append(unnamed({**base, "choices": [final]}))
    if body.get("usage") is not None:
        out.append(unnamed({**base, "choices": [], "usage": body["usage"]}))
    out.append(b"data: [DONE]\n\n")
    return out


_STOP_KEYS = ("stop_reason", "stop_sequence", "stop_details")


def _messages(body: dict[str, Any]) -> list[bytes]:
    out: list[bytes] = []
    message = {k: v for k, v in body.items() if k not in _STOP_KEYS}
    message.update(content=[], stop_reason=None, stop_sequence=None)
    out.append(named("message_start", {"type": "message_start", "message": message}))
    blocks = MessagesStreamEncoder(out, LossLog(), None)
    for block in body.get("content") or ():
        blocks.send_block(block)
    delta = {k: body.get(k) for k in _STOP_KEYS if k in body or k != "stop_details"}
    usage = body.get("usage") or {"output_tokens": 0}
    out.append(named("message_delta", {"type": "message_delta", "delta": delta, "usage": usage}))
    out.append(named("message_stop", {"type": "message_stop"}))
    return out


class _Responses:
    """The events of one Responses body, numbered."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        self.out: list[bytes] = []
        self.sequence = 0

    def emit(self, kind: str, **fields: Any) -> None:
        self.out.append(named(kind, {"type": kind, **fields, "sequence_number": self.sequence}))
        self.sequence += 1

    def events(self) -> list[bytes]:
        body = self.body
        shell = {**body, "status": "in_progress", "output": [], "usage": None}
        shell.update(error=None, incomplete_details=None)
        self.emit("response.created", response=shell)
        self.emit("response.in_progress", response=shell)
        for index, item in enumerate(body.get("output") or ()):
            self.item(index, item)
        status = body.get("status")
        terminal = status if status in ("completed", "incomplete", "failed") else "completed"
        self.emit(f"response.{terminal}", response=body)
        return self.out

    def item(self, index: int, item: dict[str, Any]) -> None:
        kind = item.get("type")
        ident = item.get("id")
        where = {"item_id": ident, "output_index": index}
        if kind == "message":
            self.emit(
                "response.output_item.added",
                output_index=index,
                item={**item, "status": "in_progress", "content": []},
            )
            for j, part in enumerate(item.get("content") or ()):
                self.content(where | {"content_index": j}, part)
        elif kind in ("function_call", "custom_tool_call"):
            field = "input" if kind == "custom_tool_call" else "arguments"
            name = "custom_tool_call_input" if kind == "custom_tool_call" else "function_call_arguments"
            self.emit(
                "response.output_item.added",
                output_index=index,
                item={**item, field: "", "status": "in_progress"},
            )
            if item.get(field):
                self.emit(f"response.{name}.delta", **where, delta=item[field])
            done = (
                {field: item.get(field, "")}
                if kind == "custom_tool_call"
                else {"name": item.get("name"), "arguments": item.get(field, "")}
            )
            self.emit(f"response.{name}.done", **where, **done)
        elif kind == "reasoning":
            start = {k: v for k, v in item.items() if k not in ("encrypted_content", "content")}
            self.emit("response.output_item.added", output_index=index, item={**start, "summary": []})
            for s, summary in enumerate(item.get("summary") or ()):
                text = summary.get("text", "") if isinstance(summary, dict) else ""
                empty = {"type": "summary_text", "text": ""}
                self.emit("response.reasoning_summary_part.added", **where, summary_index=s, part=empty)
                if text:
                    self.emit("response.reasoning_summary_text.delta", **where, summary_index=s, delta=text)
                self.emit("response.reasoning_summary_text.done", **where, summary_index=s, text=text)
                self.emit("response.reasoning_summary_part.done", **where, summary_index=s, part=summary)
        else:
            self.emit("response.output_item.added", output_index=index, item=item)
        self.emit("response.output_item.done", output_index=index, item=item)

    def content(self, where: dict[str, Any], part: dict[str, Any]) -> None:
        kind = part.get("type")
        if kind == "output_text":
            self.emit("response.content_part.added", **where, part={**part, "text": "", "annotations": []})
            if part.get("text"):
                self.emit("response.output_text.delta", **where, delta=part["text"], logprobs=[])
            for i, note in enumerate(part.get("annotations") or ()):
                self.emit(
                    "response.output_text.annotation.added", **where, annotation_index=i, annotation=note
                )
            self.emit("response.output_text.done", **where, text=part.get("text", ""), logprobs=[])
        elif kind == "refusal":
            self.emit("response.content_part.added", **where, part={**part, "refusal": ""})
            if part.get("refusal"):
                self.emit("response.refusal.delta", **where, delta=part["refusal"])
            self.emit("response.refusal.done", **where, refusal=part.get("refusal", ""))
        else:
            self.emit("response.content_part.added", **where, part=part)
        self.emit("response.content_part.done", **where, part=part)
