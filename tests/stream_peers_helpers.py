"""Writers of upstream streams and readers of what the client gets, shared by the peer-bug stream tests
(``tests/test_stream_peers_*.py``: one test per streaming bug of a peer gateway, PEERS.md §3, and the
stream/non-stream disagreements its §2 and §4.3 name).

A test hand-writes the upstream's SSE with the writers here (WIRE.md §1.8, §2.9, §3.7 shapes),
transcodes it with ``run`` (a ``kw.StreamTranscoder`` fed in 5-byte pieces) and asserts what the client
gets: the aggregated body (``aggregate``), the parsed frames (``frames``), or the official Anthropic
SDK's own accumulator (``sdk_message``).
"""

from __future__ import annotations

import json
from typing import Any, cast

import pytest
from anthropic._models import construct_type
from anthropic.lib.streaming._messages import accumulate_event
from anthropic.types import RawMessageStreamEvent

import kindo_wire as kw

APIS = ("chat", "messages", "responses")

# --- writing upstream streams ---------------------------------------------------------------------


def sse(name: str | None, payload: Any) -> str:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return (f"event: {name}\n" if name else "") + f"data: {data}\n\n"


CHAT_HEAD = {"id": "chatcmpl-P1", "object": "chat.completion.chunk", "created": 1700000000, "model": "gpt-4o"}


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **top: Any) -> str:
    """One Chat chunk of choice 0 (``choices=[]`` in ``top`` for a usage chunk)."""
    body: dict[str, Any] = {
        **CHAT_HEAD,
        "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish}],
    }
    body.update(top)
    return sse(None, body)


def chat_stream(*chunks: str, done: bool = True) -> bytes:
    return ("".join(chunks) + (sse(None, "[DONE]") if done else "")).encode()


def am(kind: str, **fields: Any) -> str:
    return sse(kind, {"type": kind, **fields})


def am_start(usage: dict[str, Any] | None = None) -> str:
    message: dict[str, Any] = {
        "id": "msg_P1",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": usage or {"input_tokens": 40, "output_tokens": 1},
    }
    return am("message_start", message=message)


def am_block(index: int, block: dict[str, Any], *deltas: dict[str, Any]) -> str:
    return (
        am("content_block_start", index=index, content_block=block)
        + "".join(am("content_block_delta", index=index, delta=d) for d in deltas)
        + am("content_block_stop", index=index)
    )


def am_end(stop: str = "end_turn", usage: dict[str, Any] | None = None) -> str:
    delta = {"stop_reason": stop, "stop_sequence": None}
    return am("message_delta", delta=delta, usage=usage or {"output_tokens": 87}) + am("message_stop")


def text_delta(text: str) -> dict[str, Any]:
    return {"type": "text_delta", "text": text}


RS_SHELL = {
    "id": "resp_P1",
    "object": "response",
    "created_at": 1700000000,
    "status": "in_progress",
    "model": "gpt-5",
    "output": [],
    "usage": None,
    "error": None,
    "incomplete_details": None,
}
RS_USAGE = {
    "input_tokens": 50,
    "input_tokens_details": {"cached_tokens": 10},
    "output_tokens": 87,
    "output_tokens_details": {"reasoning_tokens": 40},
    "total_tokens": 137,
}


def rs_stream(*events: tuple[str, dict[str, Any]]) -> bytes:
    """Responses events numbered from 0, after ``response.created``."""
    every = [("response.created", {"response": RS_SHELL}), *events]
    return "".join(sse(k, {"type": k, **f, "sequence_number": n}) for n, (k, f) in enumerate(every)).encode()


def rs_text(index: int, text: str) -> list[tuple[str, dict[str, Any]]]:
    where = {"item_id": f"msg_{index}", "output_index": index, "content_index": 0}
    part = {"type": "output_text", "text": text, "annotations": []}
    item = {"id": f"msg_{index}", "type": "message", "status": "completed", "role": "assistant"}
    return [
        (
            "response.output_item.added",
            {"output_index": index, "item": {**item, "status": "in_progress", "content": []}},
        ),
        ("response.content_part.added", {**where, "part": {**part, "text": ""}}),
        ("response.output_text.delta", {**where, "delta": text, "logprobs": []}),
        ("response.output_text.done", {**where, "text": text, "logprobs": []}),
        ("response.content_part.done", {**where, "part": part}),
        ("response.output_item.done", {"output_index": index, "item": {**item, "content": [part]}}),
    ]


def rs_answer(*events: tuple[str, dict[str, Any]], status: str = "completed", **fields: Any) -> bytes:
    """A whole Responses stream: ``events``, then the terminal event whose ``output`` holds every item
    they completed (as OpenAI sends it)."""
    output = [f["item"] for kind, f in events if kind == "response.output_item.done"]
    return rs_stream(*events, rs_terminal(output, status, **fields))


def rs_terminal(
    output: list[dict[str, Any]], status: str = "completed", **fields: Any
) -> tuple[str, dict[str, Any]]:
    response = {**RS_SHELL, "status": status, "output": output, "usage": RS_USAGE, **fields}
    kind = {
        "completed": "response.completed",
        "incomplete": "response.incomplete",
        "failed": "response.failed",
    }
    return kind[status], {"response": response}


# --- reading what the client gets ---------------------------------------------------------------


def run(
    upstream: bytes,
    source: str,
    target: str,
    request: dict[str, Any] | None = None,
) -> tuple[bytes, kw.StreamTranscoder]:
    """The client's bytes, fed in 5-byte pieces (a peer's bug must not hide behind chunk boundaries)."""
    t = kw.StreamTranscoder(source=source, target=target, request=request)
    out = b"".join(t.feed(upstream[i : i + 5]) for i in range(0, len(upstream), 5)) + t.close()
    return out, t


def frames(out: bytes) -> list[tuple[str | None, Any]]:
    decoder = kw.sse.SSEDecoder()
    events = decoder.feed(out) + decoder.close()
    return [(e.event, e.data if e.data == "[DONE]" else json.loads(e.data)) for e in events]


def names(out: bytes) -> list[str | None]:
    return [name for name, _ in frames(out)]


def aggregate(out: bytes, target: str) -> dict[str, Any]:
    return kw.aggregate_stream(out, api=target)


def visible_text(body: dict[str, Any], api: str) -> str:
    """The answer text a user is shown."""
    if api == "chat":
        return body["choices"][0]["message"].get("content") or ""
    if api == "messages":
        return "".join(b["text"] for b in body["content"] if b["type"] == "text")
    return "".join(
        part.get("text", "")
        for item in body["output"]
        if item["type"] == "message"
        for part in item["content"]
        if part["type"] == "output_text"
    )


def sdk_message(out: bytes) -> dict[str, Any]:
    """The ``Message`` the official Anthropic SDK's stream accumulator builds from the client's bytes."""
    snapshot = None
    buffers: dict[int, bytes] = {}
    for _, data in frames(out):
        event = cast(RawMessageStreamEvent, construct_type(type_=RawMessageStreamEvent, value=data))
        snapshot = accumulate_event(event=event, current_snapshot=snapshot, json_bufs=buffers)
    assert snapshot is not None
    return snapshot.to_dict()


def assert_error_ending(out: bytes, target: str, message: str | None = None, *, done: bool = True) -> None:
    """The client sees its API's error frame at the end and nothing that reads as a normal finish.

    A Chat client's error chunk is followed by ``[DONE]`` when kindo_wire writes it; an upstream's
    own error chunk passed through to a Chat client (``done=False``) may come without one, as
    OpenAI's does (WIRE.md §1.8: "No [DONE] is guaranteed after an error")."""
    found = frames(out)
    kinds = names(out)
    if target == "chat":
        if found[-1][1] == "[DONE]":
            found = found[:-1]
        else:
            assert not done, "no [DONE] after the error chunk"
        error = found[-1][1]["error"]
        assert not any(
            isinstance(d, dict) and any(c.get("finish_reason") for c in d.get("choices", []))
            for _, d in found
        ), "a finish_reason chunk reads as a normal end"
    elif target == "messages":
        assert kinds[-1] == "error"
        assert "message_stop" not in kinds
        error = found[-1][1]["error"]
    else:
        assert "error" in kinds or "response.failed" in kinds
        assert kinds[-1] in ("error", "response.failed")
        assert "response.completed" not in kinds and "response.incomplete" not in kinds
        error = found[-1][1] if kinds[-1] == "error" else found[-1][1]["response"]["error"]
    if message is not None:
        assert message in error["message"]
    if target == "responses" and "response.failed" in kinds:  # still a response (kw.aggregate_stream)
        assert aggregate(out, target)["status"] == "failed"
    else:
        with pytest.raises(kw.StreamError):
            aggregate(out, target)
