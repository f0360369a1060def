"""Hypothesis strategies for valid SSE streams of the three APIs (WIRE.md §1.8, §2.9, §3.7).

A stream is drawn as the non-streaming body it adds up to (``bodies[api]``), replayed by
``kw.stream_response`` (each text whole in one delta) and then re-chunked the way real servers send
it: every text, refusal, thinking, summary and tool-argument delta cut into several smaller deltas
at drawn code-point boundaries (the texts hold 2-, 3- and 4-byte UTF-8 characters, so byte splits of
the stream land inside code points). Chat tool calls are re-fragmented as OpenAI does (id and name
on the first fragment, then argument pieces), sequentially, several calls in one chunk, or with the
fragments of different calls interleaved by ``index``. Keep-alives (Anthropic ``ping``, SSE comments)
may appear between events and the lines may end in CRLF.

``streams[api]`` draws ``(body, stream bytes)``: ``kw.aggregate_stream(stream, api=api)`` is ``body``
(up to the Chat message keys the aggregate always spells out, see ``chat_message_defaults``).
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire.responses.codec_echo import echo
from kindo_wire.sse import SSEDecoder
from tests.strategies import ANTHROPIC_MODELS, OPENAI_MODELS, id_core, tool_names

APIS = ("chat", "messages", "responses")

# 1-byte, 2-byte (é), 3-byte (€ 漢 字) and 4-byte (😀 🦀) UTF-8 characters, and JSON's escapes.
CHARS = [*"abc xyz.,!?", '"', "\\", "\n", "é", "€", "漢", "字", "😀", "🦀"]
texts = st.text(alphabet=st.sampled_from(CHARS), min_size=1, max_size=40)
json_values = st.one_of(
    st.integers(min_value=-1000, max_value=1000),
    texts,
    st.booleans(),
    st.none(),
    st.lists(st.integers(0, 9) | texts, max_size=3),
)
arguments = st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), json_values, max_size=3)

Event = tuple[str | None, Any]  # (event name, JSON payload | "[DONE]" | None for a keep-alive comment)


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- bodies ------------------------------------------------------------------------------------------


def chat_message_defaults(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with every message spelling out ``content``, ``refusal`` and ``annotations``.

    The aggregate of a Chat stream is the ``ChatCompletion`` OpenAI returns, whose message always has
    the three keys (``null`` / ``[]`` when empty, WIRE.md §1.7); a generated body may leave them out,
    which means the same.
    """
    out = json.loads(json.dumps(body))
    for choice in out.get("choices", []):
        message = choice["message"]
        for key, default in (("content", None), ("refusal", None), ("annotations", [])):
            message.setdefault(key, default)
    return out


@st.composite
def chat_bodies(draw: st.DrawFn) -> dict[str, Any]:
    core = draw(id_core)
    choices = []
    for index in range(draw(st.sampled_from([1, 1, 1, 2]))):
        content = draw(st.none() | texts)
        refusal = draw(texts) if draw(st.integers(0, 4)) == 0 else None
        calls = [
            {
                "id": f"call_{core}{index}{j}",
                "type": "function",
                "function": {"name": draw(tool_names), "arguments": dump(draw(arguments))},
            }
            for j in range(draw(st.integers(0, 3)))
        ]
        if content is None and refusal is None and not calls:
            content = draw(texts)
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if draw(st.booleans()):
            message.update(refusal=refusal, annotations=[])
        elif refusal is not None:
            message["refusal"] = refusal
        if calls:
            message["tool_calls"] = calls
        finish = "tool_calls" if calls else draw(st.sampled_from(["stop", "length", "content_filter"]))
        choices.append({"index": index, "message": message, "logprobs": None, "finish_reason": finish})
    body: dict[str, Any] = {
        "id": f"chatcmpl-{core}",
        "object": "chat.completion",
        "created": draw(st.integers(1_600_000_000, 1_800_000_000)),
        "model": draw(st.sampled_from(OPENAI_MODELS)),
        "choices": choices,
    }
    if draw(st.integers(0, 3)) != 0:
        prompt, completion = draw(st.integers(1, 5000)), draw(st.integers(1, 2000))
        body["usage"] = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }
        if draw(st.booleans()):
            body["usage"]["prompt_tokens_details"] = {"cached_tokens": draw(st.integers(0, prompt))}
            body["usage"]["completion_tokens_details"] = {
                "reasoning_tokens": draw(st.integers(0, completion))
            }
    if draw(st.booleans()):
        body["system_fingerprint"] = "fp_" + draw(st.from_regex(r"[a-f0-9]{10}", fullmatch=True))
    return body


@st.composite
def messages_bodies(draw: st.DrawFn) -> dict[str, Any]:
    core = draw(id_core)
    content: list[dict[str, Any]] = []
    kinds = draw(st.lists(st.sampled_from(["thinking", "redacted", "text", "text", "tool"]), max_size=5))
    for i, kind in enumerate(kinds):
        if kind == "thinking":
            signature = "Er" + draw(id_core) + "+/="
            content.append({"type": "thinking", "thinking": draw(texts), "signature": signature})
        elif kind == "redacted":
            content.append({"type": "redacted_thinking", "data": "EmwKAhgB" + draw(id_core)})
        elif kind == "text":
            content.append({"type": "text", "text": draw(texts)})
        else:
            name = draw(tool_names)
            content.append(
                {"type": "tool_use", "id": f"toolu_{core}{i}", "name": name, "input": draw(arguments)}
            )
    if any(block["type"] == "tool_use" for block in content):
        stop = "tool_use"
    else:
        stop = draw(st.sampled_from(["end_turn", "end_turn", "max_tokens", "stop_sequence", "refusal"]))
    usage: dict[str, Any] = {
        "input_tokens": draw(st.integers(1, 5000)),
        "output_tokens": draw(st.integers(1, 2000)),
    }
    if draw(st.booleans()):
        usage["cache_creation_input_tokens"] = draw(st.sampled_from([0, 64]))
        usage["cache_read_input_tokens"] = draw(st.sampled_from([0, 128, 1024]))
    return {
        "id": f"msg_{core}",
        "type": "message",
        "role": "assistant",
        "model": draw(st.sampled_from(ANTHROPIC_MODELS)),
        "content": content,
        "stop_reason": stop,
        "stop_sequence": draw(texts) if stop == "stop_sequence" else None,
        "usage": usage,
    }


@st.composite
def responses_bodies(draw: st.DrawFn) -> dict[str, Any]:
    core = draw(id_core)
    incomplete = draw(st.integers(0, 4)) == 0
    output: list[dict[str, Any]] = []
    for kind in draw(st.lists(st.sampled_from(["reasoning", "message", "message", "call"]), max_size=4)):
        index = len(output)
        if kind == "reasoning":
            summary = [{"type": "summary_text", "text": draw(texts)} for _ in range(draw(st.integers(0, 2)))]
            item: dict[str, Any] = {"id": f"rs_{core}_{index}", "type": "reasoning", "summary": summary}
            if draw(st.booleans()):
                item["encrypted_content"] = "gAAAAB" + draw(id_core)
        elif kind == "message":
            parts: list[dict[str, Any]] = []
            for _ in range(draw(st.integers(1, 2))):
                if draw(st.integers(0, 3)) == 0:
                    parts.append({"type": "refusal", "refusal": draw(texts)})
                else:
                    parts.append(
                        {"type": "output_text", "text": draw(texts), "annotations": [], "logprobs": []}
                    )
            status = "incomplete" if incomplete and draw(st.booleans()) else "completed"
            item = {"id": f"msg_{core}_{index}", "type": "message", "status": status, "role": "assistant"}
            item["content"] = parts
        else:
            item = {
                "id": f"fc_{core}_{index}",
                "type": "function_call",
                "status": "completed",
                "call_id": f"call_{core}{index}",
                "name": draw(tool_names),
                "arguments": dump(draw(arguments)),
            }
        output.append(item)
    tokens_in, tokens_out = draw(st.integers(1, 5000)), draw(st.integers(1, 2000))
    return {
        "id": f"resp_{core}",
        "object": "response",
        "created_at": draw(st.integers(1_600_000_000, 1_800_000_000)),
        "status": "incomplete" if incomplete else "completed",
        "error": None,
        "incomplete_details": {"reason": "max_output_tokens"} if incomplete else None,
        "model": draw(st.sampled_from(OPENAI_MODELS)),
        "output": output,
        **echo(None),  # the request configuration the API reports for a request that set none
        "usage": {
            "input_tokens": tokens_in,
            "input_tokens_details": {"cached_tokens": draw(st.integers(0, tokens_in))},
            "output_tokens": tokens_out,
            "output_tokens_details": {"reasoning_tokens": draw(st.integers(0, tokens_out))},
            "total_tokens": tokens_in + tokens_out,
        },
        "metadata": {},
    }


bodies: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "chat": chat_bodies(),
    "messages": messages_bodies(),
    "responses": responses_bodies(),
}


# -- events <-> bytes ----------------------------------------------------------------------------------


def parse(stream: bytes) -> list[Event]:
    """The events of a stream, payloads parsed (``[DONE]`` stays a string, comments are dropped)."""
    decoder = SSEDecoder()
    events = decoder.feed(stream) + decoder.close()
    return [(e.event, e.data if e.data == "[DONE]" else json.loads(e.data)) for e in events]


def encode(events: list[Event], newline: str = "\n") -> bytes:
    out = []
    for name, data in events:
        if data is None:
            out.append(": keep-alive" + newline * 2)
            continue
        head = f"event: {name}{newline}" if name is not None else ""
        payload = data if isinstance(data, str) else dump(data)
        out.append(f"{head}data: {payload}{newline}{newline}")
    return "".join(out).encode("utf-8")


def pieces(draw: st.DrawFn, text: str, most: int = 5) -> list[str]:
    """``text`` cut at up to ``most - 1`` drawn code-point boundaries (no piece empty)."""
    if len(text) < 2:
        return [text]
    cuts = sorted(draw(st.sets(st.integers(1, len(text) - 1), max_size=most - 1)))
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


# -- re-chunking -------------------------------------------------------------------------------------


def _chat(draw: st.DrawFn, events: list[Event]) -> list[Event]:
    out: list[Event] = []
    i = 0
    while i < len(events):
        name, chunk = events[i]
        i += 1
        choices = chunk.get("choices") if isinstance(chunk, dict) else None
        delta = choices[0]["delta"] if choices else {}
        if "tool_calls" in delta:
            calls = [delta["tool_calls"][0]]  # stream_response sends one whole call per chunk
            while i < len(events) and isinstance(events[i][1], dict):
                following = events[i][1]["choices"]
                if not (following and "tool_calls" in following[0]["delta"]):
                    break
                calls.append(following[0]["delta"]["tool_calls"][0])
                i += 1
            out += _chat_calls(draw, chunk, calls)
            continue
        field = next((f for f in ("content", "refusal") if delta.get(f) and "role" not in delta), None)
        if field is None:
            out.append((name, chunk))
            continue
        for piece in pieces(draw, delta[field]):
            out.append((name, {**chunk, "choices": [{**choices[0], "delta": {field: piece}}]}))
    return out


def _chat_calls(draw: st.DrawFn, chunk: dict[str, Any], calls: list[dict[str, Any]]) -> list[Event]:
    """Whole tool calls as fragments: sequential, interleaved by ``index``, several per chunk."""
    queues: list[list[dict[str, Any]]] = []
    for call in calls:
        first, *rest = pieces(draw, call["function"]["arguments"] or "")
        head = {**call, "function": {"name": call["function"]["name"], "arguments": first}}
        queues.append([head] + [{"index": call["index"], "function": {"arguments": p}} for p in rest])
    order: list[dict[str, Any]] = []
    if draw(st.booleans()):
        # fragments of different calls interleave; each call's own stay in order and the calls
        # start in ``index`` order, as OpenAI sends them (WIRE.md §1.8)
        started = 0
        while any(queues):
            ready = [j for j in range(min(started + 1, len(queues))) if queues[j]]
            j = draw(st.sampled_from(ready))
            started = max(started, j + 1)
            order.append(queues[j].pop(0))
    else:
        order = [fragment for queue in queues for fragment in queue]
    out: list[Event] = []
    while order:  # one chunk carries up to three fragments of distinct calls
        group = [order.pop(0)]
        size = draw(st.integers(1, 3))
        while order and len(group) < size and order[0]["index"] not in {g["index"] for g in group}:
            group.append(order.pop(0))
        choice = {**chunk["choices"][0], "delta": {"tool_calls": group}}
        out.append((None, {**chunk, "choices": [choice]}))
    return out


_MESSAGES_FIELDS = {"text_delta": "text", "thinking_delta": "thinking", "input_json_delta": "partial_json"}


def _messages(draw: st.DrawFn, events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for name, event in events:
        delta = event.get("delta") if name == "content_block_delta" else None
        field = _MESSAGES_FIELDS.get(delta.get("type", "")) if isinstance(delta, dict) else None
        if field is None:
            out.append((name, event))
        else:
            out += [(name, {**event, "delta": {**delta, field: p}}) for p in pieces(draw, delta[field])]
        if name != "message_stop" and draw(st.integers(0, 9)) == 0:
            out.append(("ping", {"type": "ping"}))
    return out


_RESPONSES_DELTAS = {
    "response.output_text.delta",
    "response.refusal.delta",
    "response.function_call_arguments.delta",
    "response.reasoning_summary_text.delta",
}


def _responses(draw: st.DrawFn, events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for name, event in events:
        if name in _RESPONSES_DELTAS:
            out += [(name, {**event, "delta": p}) for p in pieces(draw, event["delta"])]
        else:
            out.append((name, event))
    for number, (_, event) in enumerate(out):
        event["sequence_number"] = number
    return out


_RECHUNK = {"chat": _chat, "messages": _messages, "responses": _responses}


@st.composite
def stream_of(draw: st.DrawFn, api: str, body: dict[str, Any]) -> bytes:
    """A valid ``api`` stream adding up to ``body``, its deltas re-chunked."""
    events = _RECHUNK[api](draw, parse(kw.stream_response(body, api=api)))
    if api != "messages":  # SSE comments as keep-alives (Anthropic sends ping events instead)
        at = draw(st.lists(st.integers(0, len(events) - 1), max_size=2))
        for index in sorted(at, reverse=True):
            events.insert(index, (None, None))
    return encode(events, draw(st.sampled_from(["\n", "\n", "\r\n"])))


@st.composite
def body_and_stream(draw: st.DrawFn, api: str) -> tuple[dict[str, Any], bytes]:
    body = draw(bodies[api])
    return body, draw(stream_of(api, body))


streams: dict[str, st.SearchStrategy[tuple[dict[str, Any], bytes]]] = {
    api: body_and_stream(api) for api in APIS
}
