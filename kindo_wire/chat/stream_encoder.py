"""IR stream events -> Chat Completions chunks (WIRE.md §1.8, §6.18).

The first chunk carries the role; text and refusal fragments become ``delta.content`` /
``delta.refusal``; each tool call gets the next ``tool_calls[].index`` of its choice, its id and
name on the first fragment and argument text passed through unparsed. Reasoning and parts only
another API can hold have no chunk form: the finishing conversion reports them, as
``convert_response`` does. The end comes from the full response encoded as a ``ChatCompletion``:
one ``finish_reason`` chunk per choice, the usage chunk (``choices: []``) when the client asked for
``stream_options.include_usage`` (or gave no request), then ``data: [DONE]``.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._fastjson import dumps
from ..loss import LossLog
from ..stream_out import HOLE, KEEP_ALIVE_COMMENT, template, unnamed
from .codec_calls import encode_call
from .error import encode_error
from .response import SERVICE_TIERS, _encode_id, encode_response

DONE = b"data: [DONE]\n\n"
CHUNK = "chat.completion.chunk"


def wants_usage(request: dict[str, Any] | None) -> bool:
    """Whether the client asked for the usage chunk (no request: send it, nothing is withheld)."""
    if request is None:
        return True
    options = request.get("stream_options")
    return isinstance(options, dict) and options.get("include_usage") is True


class ChatStreamEncoder:
    """A ``StreamSink`` writing Chat chunks to ``out``; losses of the answer go to ``log``."""

    def __init__(self, out: list[bytes], log: LossLog, request: dict[str, Any] | None) -> None:
        self.out = out
        self.log = log
        self.request = request
        self.include_usage = wants_usage(request)
        self.base: dict[str, Any] = {}
        self.tools: dict[tuple[int, int], int] = {}  # (choice, key) -> tool_calls index
        self.next_tool: dict[int, int] = {}
        self.parts: dict[tuple[int, int], ir.Part] = {}
        # a part's delta frame, split; made at its first fragment, so it also says one was sent
        self.frames: dict[tuple[int, int], tuple[bytes, bytes]] = {}
        self.hot: tuple[bytes, bytes] = (b"", b"")  # the frame of the part last written to
        self.hot_key = self.hot_choice = -1

    def _frame(self, choice: int, delta: dict[str, Any]) -> bytes:
        choices = [{"index": choice, "delta": delta, "logprobs": None, "finish_reason": None}]
        return unnamed({**self.base, "choices": choices})

    def _chunk(self, choice: int, delta: dict[str, Any]) -> None:
        self.out.append(self._frame(choice, delta))

    def start(self, header: ir.Header) -> None:
        shell = ir.Response(header.id, header.model, (), created=header.created)
        self.base = {
            "id": _encode_id(shell, LossLog()),
            "object": CHUNK,
            "created": header.created if header.created is not None else 0,
            "model": header.model,
        }
        tier = SERVICE_TIERS.get(header.service_tier) if header.service_tier is not None else None
        if tier is not None:
            self.base["service_tier"] = tier
        self._chunk(0, {"role": "assistant", "content": ""})

    def part_start(self, choice: int, key: int, part: ir.Part) -> None:
        self.parts[choice, key] = part
        if isinstance(part, ir.ToolCall):
            index = self.tools[choice, key] = self.next_tool.get(choice, 0)
            self.next_tool[choice] = index + 1
            if part.kind == "function":
                function = {"name": part.name, "arguments": ""}
                self._chunk(
                    choice,
                    {
                        "tool_calls": [
                            {"index": index, "id": part.id, "type": "function", "function": function}
                        ]
                    },
                )

    def delta(self, choice: int, key: int, text: str) -> None:
        self.deltas(choice, key, [text])

    def deltas(self, choice: int, key: int, texts: list[str]) -> None:
        if (key != self.hot_key or choice != self.hot_choice) and not self._heat(choice, key):
            return  # a part that streams nothing in Chat
        prefix, suffix = self.hot  # the part last written to: the hot path
        out = self.out
        for text in texts:
            out += (prefix, dumps(text), suffix)  # joined once, when the caller drains

    def _heat(self, choice: int, key: int) -> bool:
        """Make the part's delta frame (at its first fragment) the hot one; False if it has none."""
        where = (choice, key)
        frame = self.frames.get(where)
        if frame is None:
            part = self.parts.get(where)
            if isinstance(part, ir.Text):
                delta: dict[str, Any] = {"content": HOLE}
            elif isinstance(part, ir.Refusal):
                delta = {"refusal": HOLE}
            elif isinstance(part, ir.ToolCall) and part.kind == "function":
                delta = {"tool_calls": [{"index": self.tools[where], "function": {"arguments": HOLE}}]}
            else:
                return False
            frame = self.frames[where] = template(self._frame(choice, delta))
        self.hot, self.hot_key, self.hot_choice = frame, key, choice
        return True

    def part_end(self, choice: int, key: int, part: ir.Part) -> None:
        unsent = (choice, key) not in self.frames
        if isinstance(part, (ir.Text, ir.Refusal)) and unsent and part.text:
            self.delta(choice, key, part.text)  # text that came whole (no fragments): send it now
        self.parts.pop((choice, key), None)
        self.frames.pop((choice, key), None)
        if key == self.hot_key and choice == self.hot_choice:
            self.hot_key = -1
        if isinstance(part, ir.Text) and part.citations:
            # A chunk's delta has no annotations field the SDK can read: its accumulator rejects
            # list entries without an ``index`` (openai-python ChatCompletionStreamState).
            self.log.degraded(part.at, "citations_not_streamed", "chat streams have no place for citations")
        elif isinstance(part, ir.ToolCall):
            call = encode_call(part, LossLog())
            index = self.tools.pop((choice, key))
            if part.kind != "function":
                self._chunk(choice, {"tool_calls": [{"index": index, **call}]})
            elif unsent and call["function"]["arguments"]:
                self._chunk(
                    choice,
                    {
                        "tool_calls": [
                            {"index": index, "function": {"arguments": call["function"]["arguments"]}}
                        ]
                    },
                )

    def keep_alive(self) -> None:
        self.out.append(KEEP_ALIVE_COMMENT)

    def finish(self, response: ir.Response) -> None:
        body = encode_response(response, self.log, self.request)
        base = {k: v for k, v in body.items() if k not in ("choices", "usage")}
        base["object"] = CHUNK
        for choice in body["choices"]:
            final = {
                "index": choice["index"],
                "delta": {},
                "logprobs": choice.get("logprobs"),
                "finish_reason": choice["finish_reason"],
            }
            self.out.append(unnamed({**base, "choices": [final]}))
        if self.include_usage and body.get("usage") is not None:
            self.out.append(unnamed({**base, "choices": [], "usage": body["usage"]}))
        self.out.append(DONE)

    def fail(self, error: ir.Error) -> None:
        body, _status = encode_error(error)
        self.out.append(unnamed(body))
        self.after_error()

    def after_error(self) -> None:
        """The terminal frame that follows an error frame."""
        self.out.append(DONE)
