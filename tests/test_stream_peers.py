"""One test per streaming bug of a peer gateway (PEERS.md §3, and the stream/non-stream disagreements
its §2 and §4.3 name), through the public stream API.

Each test hand-writes the upstream's SSE (WIRE.md §1.8, §2.9, §3.7 shapes), transcodes it with
``kw.StreamTranscoder`` (or a ``kw.Bridge``'s) and asserts what the client gets: the aggregated body
(``kw.aggregate_stream``), the parsed frames, or the official Anthropic SDK's own accumulator.

Covered here: 4, 8, 9 (streamed), 15-21, 24-30 (streamed), 36-38, plus two tool calls in one Chat
chunk, usage on a chunk that has choices, ``response.failed`` relabelled as success, and thinking
turned into text (Envoy, PEERS.md §2), the agents SDK's last-signature-only stream (§2) and
any-llm's stream that loses ``max_tokens`` (§2, §4.3).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from anthropic._models import construct_type
from anthropic.lib.streaming._messages import accumulate_event
from anthropic.types import RawMessageStreamEvent

import kindo_wire as kw
from kindo_wire.mapping.reasoning_stash import unstash

APIS = ("chat", "messages", "responses")
SIG_A = "EqQBCkgIBxABGAIqQNbZ+/Kx4Zq0c3L2uH9v/1mR8Tn0d5mJf6q+Xw2oP3e4YtUvQ5sR1kLm7nB8aC9dE0fG=="
SIG_B = "ErcBCkgIBxABGAIqQLq9v/u7T3xYz+Wk2Jm5Hn8Pq1Rs0Tt4Uu6Vv7Ww8Xx9Yy0Zz1Aa2Bb3Cc4Dd5Ee6Ff7Gg=="

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


def call_start(index: int, ident: str, name: str, arguments: str = "") -> dict[str, Any]:
    return {
        "index": index,
        "id": ident,
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def call_args(index: int, arguments: str) -> dict[str, Any]:
    return {"index": index, "function": {"arguments": arguments}}


def am(kind: str, **fields: Any) -> str:
    return sse(kind, {"type": kind, **fields})


def am_start(usage: dict[str, Any] | None = None) -> str:
    message = {
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


def json_delta(text: str) -> dict[str, Any]:
    return {"type": "input_json_delta", "partial_json": text}


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


def rs_call(
    index: int,
    call_id: str,
    name: str,
    arguments: str,
    *,
    deltas: list[str] | None = None,
    done_event: bool = True,
) -> list[tuple[str, dict[str, Any]]]:
    """A function-call item: ``deltas`` of its arguments (None: not streamed), then its ``.done``s."""
    item = {
        "id": f"fc_{index}",
        "type": "function_call",
        "status": "in_progress",
        "call_id": call_id,
        "name": name,
        "arguments": "",
    }
    where = {"item_id": f"fc_{index}", "output_index": index}
    events = [("response.output_item.added", {"output_index": index, "item": item})]
    events += [("response.function_call_arguments.delta", {**where, "delta": d}) for d in deltas or []]
    if done_event:
        events.append(
            ("response.function_call_arguments.done", {**where, "name": name, "arguments": arguments})
        )
    done = {**item, "arguments": arguments, "status": "completed"}
    return [*events, ("response.output_item.done", {"output_index": index, "item": done})]


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


def tool_calls(body: dict[str, Any], api: str) -> list[tuple[str, str, Any]]:
    """(id, name, parsed input) of every tool call of an aggregated answer."""
    if api == "chat":
        calls = body["choices"][0]["message"].get("tool_calls") or []
        return [(c["id"], c["function"]["name"], json.loads(c["function"]["arguments"])) for c in calls]
    if api == "messages":
        return [(b["id"], b["name"], b["input"]) for b in body["content"] if b["type"] == "tool_use"]
    items = [i for i in body["output"] if i["type"] == "function_call"]
    return [(i["call_id"], i["name"], json.loads(i["arguments"])) for i in items]


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
    snapshot, buffers = None, {}
    for _, data in frames(out):
        event = construct_type(type_=RawMessageStreamEvent, value=data)
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


# === A. Thinking signatures ======================================================================


def test_bug04_signature_only_final_delta_reaches_the_client() -> None:
    """4. OpenRouterTeam/ai-sdk-provider#423: the signature-only final `reasoning.text` delta is lost in
    streaming, causing "Invalid signature" on the next turn.

    Anthropic sends a thinking block's signature alone, in the last delta before
    ``content_block_stop`` (and a block with display "omitted" has nothing but it). It must reach a
    Messages client byte-exact and travel to a Responses client inside ``encrypted_content``, so the
    next turn restores the block exactly."""
    thinking = {"type": "thinking", "thinking": "", "signature": ""}
    upstream = (
        am_start()
        + am_block(
            0,
            thinking,
            {"type": "thinking_delta", "thinking": "Need the "},
            {"type": "thinking_delta", "thinking": "weather tool."},
            {"type": "signature_delta", "signature": SIG_A},
        )
        + am_block(1, thinking, {"type": "signature_delta", "signature": SIG_B})
        + am_block(2, {"type": "text", "text": ""}, text_delta("Checking."))
        + am_end()
    ).encode()
    first = {"type": "thinking", "thinking": "Need the weather tool.", "signature": SIG_A}
    omitted = {"type": "thinking", "thinking": "", "signature": SIG_B}
    out, _ = run(upstream, "messages", "messages")
    assert aggregate(out, "messages")["content"][:2] == [first, omitted]
    out, _ = run(upstream, "messages", "responses")
    items = aggregate(out, "responses")["output"]
    reasoning = [item for item in items if item["type"] == "reasoning"]
    assert [unstash(item["encrypted_content"]) for item in reasoning] == [
        (kw.Api.MESSAGES, first),
        (kw.Api.MESSAGES, omitted),
    ]
    # next turn: the Responses client replays its output; Anthropic gets both blocks back exactly
    turn = {"model": "claude-sonnet-4-5", "input": [{"role": "user", "content": "Weather?"}, *items]}
    back = kw.convert_request(turn, source="responses", target="messages").body
    assert [b for b in back["messages"][-1]["content"] if b["type"] == "thinking"] == [first, omitted]


def test_agents_sdk_every_thinking_block_keeps_its_own_signature_when_streamed() -> None:
    """PEERS.md §2 (openai-agents-python): the non-stream path joins every signature, the stream path
    keeps only the *last* one: stream and non-stream disagree. Streamed, each thinking block keeps
    its own signature, exactly as the non-streaming conversion gives it."""
    upstream = (
        am_start()
        + am_block(
            0,
            {"type": "thinking", "thinking": "", "signature": ""},
            {"type": "thinking_delta", "thinking": "First."},
            {"type": "signature_delta", "signature": SIG_A},
        )
        + am_block(1, {"type": "text", "text": ""}, text_delta("Let me check."))
        + am_block(
            2,
            {"type": "thinking", "thinking": "", "signature": ""},
            {"type": "thinking_delta", "thinking": "Second."},
            {"type": "signature_delta", "signature": SIG_B},
        )
        + am_end()
    ).encode()
    out, _ = run(upstream, "messages", "responses")
    streamed = aggregate(out, "responses")
    converted = kw.convert_response(
        aggregate(upstream, "messages"), source="messages", target="responses"
    ).body
    assert streamed == converted
    tokens = [unstash(i["encrypted_content"]) for i in streamed["output"] if i["type"] == "reasoning"]
    assert [raw["signature"] for _, raw in tokens] == [SIG_A, SIG_B]


@pytest.mark.parametrize("target", APIS)
def test_bug08_interrupted_thinking_never_reaches_the_client_unsigned(target: str) -> None:
    """8. openclaw/openclaw#84430: an interrupted stream persisted a thinking block without a
    signature, and every later request fails.

    The upstream dies mid-thinking (no ``signature_delta``, no ``content_block_stop``): the client
    gets its error frame, never a message it could persist, and a Responses client's failed response
    lists no reasoning item (an unsigned one, or a placeholder) for it."""
    upstream = (
        am_start()
        + am(
            "content_block_start",
            index=0,
            content_block={"type": "thinking", "thinking": "", "signature": ""},
        )
        + am("content_block_delta", index=0, delta={"type": "thinking_delta", "thinking": "Half a tho"})
    ).encode()
    out, t = run(upstream, "messages", target)
    assert isinstance(t.error, kw.StreamError)
    assert_error_ending(out, target)
    for name, data in frames(out):
        if name == "response.failed":
            output = data["response"]["output"]
            assert all(isinstance(item, dict) and item.get("type") for item in output), output
            assert not [i for i in output if i["type"] == "reasoning" and not i.get("encrypted_content")]


# === C. Streaming tool calls ======================================================================

WEATHER = ("call_W1", "get_weather", {"city": "Paris", "units": "metric"})
TIME = ("call_T2", "get_time", {"tz": "Europe/Paris"})


def chat_two_calls(*chunks: str) -> bytes:
    return chat_stream(chunk({"role": "assistant", "content": None}), *chunks, chunk({}, "tool_calls"))


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_bug15_streamed_tool_input_is_not_lost(target: str) -> None:
    """15. BerriAI/litellm#25321: the `/v1/messages` adapter drops `tool_use` input (`input:{}`) for
    non-Anthropic models; the Responses adapter ignores `function_call_arguments.done`.

    Streamed argument fragments (Chat ``tool_calls[].function.arguments``, Responses
    ``function_call_arguments.delta``) become the tool call's real input for every client."""
    from_chat = chat_two_calls(
        chunk({"tool_calls": [call_start(0, "call_W1", "get_weather")]}),
        chunk({"tool_calls": [call_args(0, '{"city": "Pa')]}),
        chunk({"tool_calls": [call_args(0, 'ris", "units"')]}),
        chunk({"tool_calls": [call_args(0, ': "metric"}')]}),
    )
    arguments = json.dumps(WEATHER[2])
    from_responses = rs_answer(
        *rs_call(
            0, "call_W1", "get_weather", arguments, deltas=[arguments[:7], arguments[7:19], arguments[19:]]
        )
    )
    for source, upstream in (("chat", from_chat), ("responses", from_responses)):
        out, t = run(upstream, source, target)
        assert t.error is None
        assert tool_calls(aggregate(out, target), target) == [WEATHER]
    if target == "messages":
        assert sdk_message(run(from_chat, "chat", "messages")[0])["content"][0]["input"] == WEATHER[2]


@pytest.mark.parametrize("target", ["chat", "messages"])
def test_bug15_arguments_only_in_function_call_arguments_done(target: str) -> None:
    """15. BerriAI/litellm#25321: ... the Responses adapter ignores `function_call_arguments.done`.

    A Responses upstream that streams no argument deltas, only ``function_call_arguments.done`` (and
    the item's ``output_item.done``): the client still gets the arguments."""
    arguments = json.dumps(WEATHER[2])
    upstream = rs_answer(*rs_call(0, "call_W1", "get_weather", arguments))
    out, _ = run(upstream, "responses", target)
    assert tool_calls(aggregate(out, target), target) == [WEATHER]
    if target == "messages":
        assert sdk_message(out)["content"][0]["input"] == WEATHER[2]


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_bug16_empty_tool_calls_list_is_not_a_tool_call(target: str) -> None:
    """16. BerriAI/litellm#29286: empty `input_json_delta` events emitted instead of `text_delta` when
    upstream sends `tool_calls: []`.

    ``tool_calls: []`` beside text says there is no call: the client gets the text as text, no tool
    block or item, no ``input_json_delta``, and a plain end of turn."""
    upstream = chat_stream(
        chunk({"role": "assistant", "content": "", "tool_calls": []}),
        chunk({"content": "It is ", "tool_calls": []}),
        chunk({"content": "sunny.", "tool_calls": []}),
        chunk({}, "stop"),
    )
    out, _ = run(upstream, "chat", target)
    body = aggregate(out, target)
    assert visible_text(body, target) == "It is sunny."
    assert tool_calls(body, target) == []
    if target == "messages":
        deltas = [d["delta"]["type"] for n, d in frames(out) if n == "content_block_delta"]
        assert deltas == ["text_delta", "text_delta"]
        assert body["stop_reason"] == "end_turn"
    else:
        assert "response.function_call_arguments.delta" not in names(out)


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_bug17_tool_call_arriving_with_the_finish_chunk(target: str) -> None:
    """17. BerriAI/litellm#25836: Gemini→Anthropic streaming drops tool input parameters (non-stream works).

    Gemini-style Chat: the whole call (id, name, complete arguments) in the very chunk that carries
    ``finish_reason``. Streaming gives what the non-streaming conversion gives."""
    arguments = json.dumps(WEATHER[2])
    upstream = chat_stream(
        chunk({"role": "assistant", "content": None}),
        chunk({"tool_calls": [call_start(0, "call_W1", "get_weather", arguments)]}, "tool_calls"),
    )
    out, _ = run(upstream, "chat", target)
    streamed = aggregate(out, target)
    assert tool_calls(streamed, target) == [WEATHER]
    converted = kw.convert_response(aggregate(upstream, "chat"), source="chat", target=target).body
    assert tool_calls(streamed, target) == tool_calls(converted, target)


def messages_grammar(out: bytes) -> None:
    """Anthropic's block grammar: one block open at a time, every delta inside its open block, indices
    0, 1, 2... (WIRE.md §2.9)."""
    open_index, next_index = None, 0
    for name, data in frames(out):
        if name == "content_block_start":
            assert open_index is None and data["index"] == next_index
            open_index = data["index"]
        elif name == "content_block_delta":
            assert data["index"] == open_index, "a delta outside its open block"
        elif name == "content_block_stop":
            assert data["index"] == open_index
            open_index, next_index = None, next_index + 1
    assert open_index is None


def test_bug18_interleaved_parallel_tool_deltas_stay_inside_their_block() -> None:
    """18. headroomlabs-ai/headroom#2890: interleaved parallel tool deltas are emitted after
    `content_block_stop`, an invalid Anthropic sequence."""
    upstream = chat_two_calls(
        chunk({"tool_calls": [call_start(0, "call_W1", "get_weather", '{"city": ')]}),
        chunk({"tool_calls": [call_start(1, "call_T2", "get_time", '{"tz": ')]}),
        chunk({"tool_calls": [call_args(0, '"Paris", ')]}),
        chunk({"tool_calls": [call_args(1, '"Europe/Paris"}')]}),
        chunk({"tool_calls": [call_args(0, '"units": "metric"}')]}),
    )
    out, t = run(upstream, "chat", "messages")
    assert t.error is None
    messages_grammar(out)
    assert tool_calls(aggregate(out, "messages"), "messages") == [WEATHER, TIME]
    assert [(b["id"], b["input"]) for b in sdk_message(out)["content"]] == [
        (WEATHER[0], WEATHER[2]),
        (TIME[0], TIME[2]),
    ]


@pytest.mark.parametrize("source", ["responses", "messages"])
def test_bug19_parallel_calls_get_distinct_chat_indexes(source: str) -> None:
    """19. mcowger/plexus#691: Responses→Chat gives every parallel call `index:0`, so clients
    concatenate JSON arguments. (Also any-llm, PEERS.md §2: the Anthropic content-block index used
    as the ``tool_calls`` index, so a call after a text block starts at 1.)"""
    if source == "responses":
        upstream = rs_answer(
            *rs_call(
                0,
                "call_W1",
                "get_weather",
                json.dumps(WEATHER[2]),
                deltas=['{"city": "Paris", ', '"units": "metric"}'],
            ),
            *rs_call(1, "call_T2", "get_time", json.dumps(TIME[2]), deltas=['{"tz": ', '"Europe/Paris"}']),
        )
    else:
        upstream = (
            am_start()
            + am_block(0, {"type": "text", "text": ""}, text_delta("Checking both."))
            + am_block(
                1,
                {"type": "tool_use", "id": "call_W1", "name": "get_weather", "input": {}},
                json_delta('{"city": "Paris", '),
                json_delta('"units": "metric"}'),
            )
            + am_block(
                2,
                {"type": "tool_use", "id": "call_T2", "name": "get_time", "input": {}},
                json_delta('{"tz": "Europe/Paris"}'),
            )
            + am_end("tool_use")
        ).encode()
    out, _ = run(upstream, source, "chat")
    fragments = [
        call
        for _, data in frames(out)
        if isinstance(data, dict)
        for choice in data.get("choices", [])
        for call in choice["delta"].get("tool_calls") or []
    ]
    assert {f["id"]: f["index"] for f in fragments if "id" in f} == {"call_W1": 0, "call_T2": 1}
    body = aggregate(out, "chat")
    assert tool_calls(body, "chat") == [WEATHER, TIME]
    assert body["choices"][0]["finish_reason"] == "tool_calls"


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_bug20_argument_fragments_follow_their_index(target: str) -> None:
    """20. mozilla-ai/any-llm#1305: streamed arguments were routed to the current block, not to
    `tool_calls[].index`.

    Call 1 opens while call 0 is still streaming, and call 0's last fragment comes after call 1's:
    each fragment lands in the call its ``index`` names."""
    upstream = chat_two_calls(
        chunk({"tool_calls": [call_start(0, "call_W1", "get_weather")]}),
        chunk({"tool_calls": [call_args(0, '{"city": "Paris"')]}),
        chunk({"tool_calls": [call_start(1, "call_T2", "get_time")]}),
        chunk({"tool_calls": [call_args(1, '{"tz": "Europe/Paris"}')]}),
        chunk({"tool_calls": [call_args(0, ', "units": "metric"}')]}),
    )
    out, _ = run(upstream, "chat", target)
    assert tool_calls(aggregate(out, target), target) == [WEATHER, TIME]


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_two_tool_calls_in_one_chunk(target: str) -> None:
    """20. mozilla-ai/any-llm#1305 (arguments routed to the current block, not to their ``index``),
    in the form several providers send: one chunk carrying two ``tool_calls`` entries, both whole,
    then a chunk with a fragment of each (WIRE.md §1.8: a tool-call chunk "may carry several
    entries")."""
    upstream = chat_two_calls(
        chunk(
            {
                "tool_calls": [
                    call_start(0, "call_W1", "get_weather", '{"city": "Paris", '),
                    call_start(1, "call_T2", "get_time", '{"tz": '),
                ]
            }
        ),
        chunk({"tool_calls": [call_args(1, '"Europe/Paris"}'), call_args(0, '"units": "metric"}')]}),
    )
    out, t = run(upstream, "chat", target)
    assert t.error is None
    body = aggregate(out, target)
    assert tool_calls(body, target) == [WEATHER, TIME]
    if target == "messages":
        messages_grammar(out)
        assert body["stop_reason"] == "tool_use"


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_bug21_arguments_that_are_not_streamed_still_arrive(target: str) -> None:
    """21. maximhq/bifrost#1354: OpenRouter does not stream function arguments, so Claude Code receives
    empty `arguments`.

    The arguments come whole on the call's first fragment (Chat), or only in ``output_item.done``
    with no delta and no ``function_call_arguments.done`` (Responses)."""
    arguments = json.dumps(WEATHER[2])
    from_chat = chat_two_calls(chunk({"tool_calls": [call_start(0, "call_W1", "get_weather", arguments)]}))
    from_responses = rs_answer(*rs_call(0, "call_W1", "get_weather", arguments, done_event=False))
    for source, upstream in (("chat", from_chat), ("responses", from_responses)):
        out, _ = run(upstream, source, target)
        assert tool_calls(aggregate(out, target), target) == [WEATHER], source
        if target == "messages":
            assert sdk_message(out)["content"][0]["input"] == WEATHER[2]


# === D. Usage accounting ==========================================================================

CHAT_USAGE = {
    "prompt_tokens": 50,
    "completion_tokens": 87,
    "total_tokens": 137,
    "prompt_tokens_details": {"cached_tokens": 10},
}


@pytest.mark.parametrize("client", ["messages", "responses"])
def test_bug24_chat_upstream_is_asked_for_usage_and_the_client_gets_it(client: str) -> None:
    """24. kaitranntt/ccs#1574: no `stream_options.include_usage` upstream, so Claude Code shows 0 tokens."""
    request = {
        "messages": {
            "model": "gpt-4o",
            "max_tokens": 1024,
            "stream": True,
            "messages": [{"role": "user", "content": "Hi"}],
        },
        "responses": {"model": "gpt-4o", "stream": True, "input": "Hi"},
    }[client]
    bridge = kw.Bridge(client=client, upstream="chat")
    upstream_request = bridge.request(request).body
    assert upstream_request["stream_options"] == {"include_usage": True}
    upstream = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hello."}),
        chunk({}, "stop"),
        sse(None, {**CHAT_HEAD, "choices": [], "usage": CHAT_USAGE}),
    )
    t = bridge.stream()
    out = t.feed(upstream) + t.close()
    usage = aggregate(out, client)["usage"]
    if client == "messages":
        assert (usage["input_tokens"], usage["cache_read_input_tokens"], usage["output_tokens"]) == (
            40,
            10,
            87,
        )
        assert sdk_message(out)["usage"]["input_tokens"] == 40
    else:
        assert (usage["input_tokens"], usage["output_tokens"], usage["total_tokens"]) == (50, 87, 137)


def test_bug24_chat_client_gets_the_usage_chunk_it_asked_for() -> None:
    """24. kaitranntt/ccs#1574 (the Chat side): a Chat client that asked for
    ``stream_options.include_usage`` gets the usage chunk (``choices: []``) before ``[DONE]``; one
    that did not ask gets none (WIRE.md §1.8)."""
    upstream = (
        am_start({"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 1})
        + am_block(0, {"type": "text", "text": ""}, text_delta("Hello."))
        + am_end()
    ).encode()
    asked = {
        "model": "gpt-4o",
        "stream": True,
        "stream_options": {"include_usage": True},
        "messages": [{"role": "user", "content": "Hi"}],
    }
    out, _ = run(upstream, "messages", "chat", asked)
    usage_chunks = [d for _, d in frames(out) if isinstance(d, dict) and d.get("usage")]
    assert [c["choices"] for c in usage_chunks] == [[]]
    assert usage_chunks[0]["usage"]["prompt_tokens"] == 50
    assert usage_chunks[0]["usage"]["completion_tokens"] == 87
    assert frames(out)[-1][1] == "[DONE]"
    silent = {k: v for k, v in asked.items() if k != "stream_options"}
    out, _ = run(upstream, "messages", "chat", silent)
    assert not [d for _, d in frames(out) if isinstance(d, dict) and d.get("usage")]


@pytest.mark.parametrize("target", ["messages", "responses"])
def test_usage_on_a_chunk_with_choices_is_taken(target: str) -> None:
    """24. kaitranntt/ccs#1574 and 26. getpaseo/paseo#4295 (usage must be taken wherever it arrives):
    several Chat providers put ``usage`` on the chunk that carries ``finish_reason`` (non-empty
    ``choices``), not on a separate ``choices: []`` chunk. It is still the answer's usage."""
    upstream = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hello."}, usage=None),
        chunk({}, "stop", usage=CHAT_USAGE),
    )
    out, _ = run(upstream, "chat", target)
    usage = aggregate(out, target)["usage"]
    if target == "messages":
        assert (usage["input_tokens"], usage["cache_read_input_tokens"], usage["output_tokens"]) == (
            40,
            10,
            87,
        )
    else:
        assert (usage["input_tokens"], usage["output_tokens"]) == (50, 87)


def test_bug25_message_start_input_tokens() -> None:
    """25. router-for-me/CLIProxyAPI#1700: `message_start.input_tokens=0` breaks Claude Code's context meter.

    An Anthropic upstream's input counts are known at ``message_start`` and must be there for the
    client. A Chat upstream says them only at the end: ``message_start`` then has zeros, reported as
    the ``input_tokens_deferred`` loss, and the real counts come in ``message_delta`` (cumulative),
    where the SDK's accumulator takes them."""
    anthropic_usage = {"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 1}
    upstream = (
        am_start(anthropic_usage) + am_block(0, {"type": "text", "text": ""}, text_delta("Hi")) + am_end()
    ).encode()
    from_chat = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hi"}),
        chunk({}, "stop"),
        sse(None, {**CHAT_HEAD, "choices": [], "usage": CHAT_USAGE}),
    )
    for source, stream in (("messages", upstream), ("chat", from_chat)):
        out, t = run(stream, source, "messages")
        start = frames(out)[0][1]["message"]["usage"]
        deferred = "input_tokens_deferred" in {loss.code for loss in t.losses}
        if source == "messages":
            assert (start["input_tokens"], start["cache_read_input_tokens"]) == (40, 10)
            assert not deferred
        else:
            assert start["input_tokens"] == 0 and deferred
        final = sdk_message(out)["usage"]
        assert (final["input_tokens"], final["cache_read_input_tokens"]) == (40, 10), source


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug26_usage_merged_per_field_across_message_start_and_message_delta(target: str) -> None:
    """26. getpaseo/paseo#4295: input usage arrives on `message_delta` (LiteLLM), so consumers must
    merge per field as the SDK `MessageStream` does.

    ``message_delta.usage`` counts are cumulative and overwrite; counts it leaves out keep their
    ``message_start`` value."""
    late = (
        am_start({"input_tokens": 0, "output_tokens": 1})
        + am_block(0, {"type": "text", "text": ""}, text_delta("Hi"))
        + am_end(usage={"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 87})
    ).encode()
    early = (
        am_start({"input_tokens": 40, "cache_read_input_tokens": 10, "output_tokens": 1})
        + am_block(0, {"type": "text", "text": ""}, text_delta("Hi"))
        + am_end(usage={"output_tokens": 87})
    ).encode()
    for upstream in (late, early):
        out, _ = run(upstream, "messages", target)
        usage = aggregate(out, target)["usage"]
        if target == "chat":
            assert (usage["prompt_tokens"], usage["prompt_tokens_details"]["cached_tokens"]) == (50, 10)
            assert usage["completion_tokens"] == 87
        else:
            assert (usage["input_tokens"], usage["input_tokens_details"]["cached_tokens"]) == (50, 10)
            assert usage["output_tokens"] == 87


@pytest.mark.parametrize("source", ["chat", "responses"])
def test_bug27_message_start_has_the_shape_the_sdk_needs(source: str) -> None:
    """27. SaladDay/cc-switch-cli#322: `message_start` lacked `content/stop_reason/stop_sequence`, so the
    official Anthropic SDK accumulator throws; usage was also 0."""
    if source == "chat":
        upstream = chat_stream(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Hi"}),
            chunk({}, "stop"),
            sse(None, {**CHAT_HEAD, "choices": [], "usage": CHAT_USAGE}),
        )
    else:
        upstream = rs_answer(*rs_text(0, "Hi"))
    out, _ = run(upstream, source, "messages")
    name, event = frames(out)[0]
    assert name == "message_start"
    message = event["message"]
    assert {k: message[k] for k in ("type", "role", "content", "stop_reason", "stop_sequence")} == {
        "type": "message",
        "role": "assistant",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
    }
    assert isinstance(message["id"], str) and isinstance(message["model"], str)
    assert {"input_tokens", "output_tokens"} <= set(message["usage"])
    final = sdk_message(out)  # the SDK's accumulator takes it, and ends with the real counts
    assert [block["text"] for block in final["content"]] == ["Hi"]
    assert (final["usage"]["input_tokens"], final["usage"]["output_tokens"]) == (40, 87)
    assert final["stop_reason"] == "end_turn"


# === E. Stop reasons and truncation =============================================================


def test_bug28_max_tokens_stream_ends_incomplete_for_responses() -> None:
    """28. router-for-me/CLIProxyAPI#5439: the Claude→Responses translator ignores `stop_reason` and
    always emits `response.completed`; `max_tokens` should become `incomplete` with `max_output_tokens`."""
    upstream = (
        am_start()
        + am_block(0, {"type": "text", "text": ""}, text_delta("The history of Paris"))
        + am_end("max_tokens")
    ).encode()
    out, _ = run(upstream, "messages", "responses")
    kinds = names(out)
    assert kinds[-1] == "response.incomplete" and "response.completed" not in kinds
    body = aggregate(out, "responses")
    assert body["status"] == "incomplete"
    assert body["incomplete_details"] == {"reason": "max_output_tokens"}


@pytest.mark.parametrize("stop", ["pause_turn", "model_context_window_exceeded", "refusal"])
@pytest.mark.parametrize("target", ["chat", "responses"])
def test_bug29_stop_reasons_without_a_counterpart_are_not_silent_when_streamed(
    stop: str, target: str
) -> None:
    """29. MAXeaglet/commandcode-proxy#38: `pause_turn`, `max_output_tokens`,
    `model_context_window_exceeded` and `*-error` become a "silent truncation".

    Streamed, each ends exactly as the non-streaming conversion ends it (a truncation stays a
    truncation), with the same losses reported."""
    upstream = (
        am_start() + am_block(0, {"type": "text", "text": ""}, text_delta("Partial answer")) + am_end(stop)
    ).encode()
    out, t = run(upstream, "messages", target)
    converted = kw.convert_response(aggregate(upstream, "messages"), source="messages", target=target)
    assert aggregate(out, target) == converted.body
    assert {loss.code for loss in converted.losses} <= {loss.code for loss in t.losses}
    if stop == "model_context_window_exceeded":  # output was cut off: the truncation value
        body = aggregate(out, target)
        if target == "chat":
            assert body["choices"][0]["finish_reason"] == "length"
        else:
            assert body["status"] == "incomplete"


@pytest.mark.parametrize("target", ["chat", "messages"])
def test_response_failed_is_not_relabelled_as_success(target: str) -> None:
    """29. MAXeaglet/commandcode-proxy#38 (`*-error` become a silent truncation) and PEERS.md §1
    (claude-code-router: `response.incomplete` and `response.failed` are not handled, so a failed
    response reads as `stop`/`end_turn`).

    A Responses upstream that streams some text and then ``response.failed``: a Chat or Anthropic
    client gets an error frame with the upstream's message, not a normal finish."""
    error = {"code": "server_error", "message": "The model failed to generate a response."}
    upstream = rs_answer(*rs_text(0, "Partial"), status="failed", error=error)
    out, _ = run(upstream, "responses", target)
    assert_error_ending(out, target, "The model failed to generate a response.")


@pytest.mark.parametrize(
    ("source", "target", "cut_off", "expected"),
    [
        ("chat", "messages", "length", "max_tokens"),
        ("messages", "chat", "max_tokens", "length"),
        ("responses", "chat", "max_output_tokens", "length"),
        ("responses", "messages", "max_output_tokens", "max_tokens"),
    ],
)
def test_bug30_cut_off_stream_is_not_a_clean_stop(
    source: str, target: str, cut_off: str, expected: str
) -> None:
    """30. BerriAI/litellm#25825: an upstream `finish_reason` that is always `stop` makes the Anthropic
    adapter report `end_turn` for cut-off output. (And any-llm, PEERS.md §2 / §4.3: its M→C stream
    always sends `stop` at `message_stop`, so `max_tokens` is lost.)"""
    if source == "chat":
        upstream = chat_stream(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "The history of Paris"}),
            chunk({}, "length"),
        )
    elif source == "messages":
        upstream = (
            am_start()
            + am_block(0, {"type": "text", "text": ""}, text_delta("The history of Paris"))
            + am_end("max_tokens")
        ).encode()
    else:
        text = rs_text(0, "The history of Paris")
        item = {**text[-1][1]["item"], "status": "incomplete"}
        upstream = rs_stream(*text, rs_terminal([item], "incomplete", incomplete_details={"reason": cut_off}))
    out, _ = run(upstream, source, target)
    body = aggregate(out, target)
    got = body["choices"][0]["finish_reason"] if target == "chat" else body["stop_reason"]
    assert got == expected
    assert visible_text(body, target) == "The history of Paris"


# === G. Errors, including mid-stream ============================================================


def truncated(source: str) -> bytes:
    """A stream that stops mid-answer: no terminal event, the connection just ends."""
    if source == "chat":
        return chat_stream(
            chunk({"role": "assistant", "content": ""}), chunk({"content": "The weather"}), done=False
        )
    if source == "messages":
        return (
            am_start()
            + am("content_block_start", index=0, content_block={"type": "text", "text": ""})
            + am("content_block_delta", index=0, delta=text_delta("The weather"))
        ).encode()
    return rs_stream(*rs_text(0, "The weather")[:3])


@pytest.mark.parametrize("source", APIS)
@pytest.mark.parametrize("target", APIS)
def test_bug36_upstream_death_ends_in_the_clients_error_frame(source: str, target: str) -> None:
    """36. dativo-io/talon#254: the terminal event on upstream death must match the API family
    (Anthropic `event: error`, Responses `response.failed`); Chat has no standard event, which is
    documented as a limitation. (Chat clients get an ``{"error": ...}`` chunk, then ``[DONE]``.)"""
    out, t = run(truncated(source), source, target)
    assert isinstance(t.error, kw.StreamError)
    assert_error_ending(out, target, "upstream stream error")
    if target == "responses":
        assert names(out)[-1] == "response.failed"
        assert "stream_broken" in {loss.code for loss in t.losses}


@pytest.mark.parametrize("source", APIS)
@pytest.mark.parametrize("target", APIS)
def test_silent_empty_stream_on_upstream_error(source: str, target: str) -> None:
    """36. dativo-io/talon#254 (the upstream dies before its first event) and 38 (an upstream error
    must not become an empty answer): an upstream that sends nothing, or only its error frame, gives
    the client an error frame, never an empty stream or an empty successful answer."""
    out, t = run(b"", source, target)
    assert out, "an empty upstream gave the client an empty stream"
    assert isinstance(t.error, kw.StreamError)
    assert_error_ending(out, target)
    error_only = {
        "chat": sse(
            None, {"error": {"message": "Overloaded", "type": "server_error", "param": None, "code": None}}
        ),
        "messages": am("error", error={"type": "overloaded_error", "message": "Overloaded"}),
        "responses": sse(
            "error",
            {
                "type": "error",
                "code": "server_error",
                "message": "Overloaded",
                "param": None,
                "sequence_number": 0,
            },
        ),
    }[source].encode()
    out, t = run(error_only, source, target)
    assert t.error is None  # the upstream's own error, not a broken stream
    assert_error_ending(out, target, "Overloaded", done=source != "chat")


@pytest.mark.parametrize("source", ["chat", "messages", "responses"])
def test_bug37_upstream_error_event_becomes_response_failed(source: str) -> None:
    """37. zyycn/codex-proxy-rs#90: an upstream `error` event was passed through, but Codex ignores
    unknown events; it must be translated to `response.failed`.

    Whatever the upstream's error frame (Chat in-band ``{"error"}``, Anthropic ``event: error``,
    Responses ``error``), a Responses client that saw ``response.created`` ends with
    ``response.failed`` carrying the upstream's message."""
    message = "Overloaded, try again"
    if source == "chat":
        upstream = chat_stream(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Par"}),
            sse(None, {"error": {"message": message, "type": "server_error"}}),
            done=False,
        )
    elif source == "messages":
        upstream = (
            am_start()
            + am("content_block_start", index=0, content_block={"type": "text", "text": ""})
            + am("content_block_delta", index=0, delta=text_delta("Par"))
            + am("error", error={"type": "overloaded_error", "message": message})
        ).encode()
    else:
        upstream = rs_stream(
            *rs_text(0, "Par")[:3], ("error", {"code": "server_error", "message": message, "param": None})
        )
    out, _ = run(upstream, source, "responses")
    kinds = names(out)
    assert kinds[-1] == "response.failed", kinds
    failed = frames(out)[-1][1]["response"]
    assert failed["status"] == "failed" and message in failed["error"]["message"]
    assert "response.completed" not in kinds


@pytest.mark.parametrize("target", APIS)
def test_bug38_in_band_error_chunk_is_not_trailing_usage(target: str) -> None:
    """38. diegosouzapw/OmniRoute#8210: an in-band OpenRouter `{"error":…}` chunk with no choices was
    treated as trailing usage, producing a false empty `response.completed`."""
    upstream = chat_stream(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "The weather in"}),
        sse(None, {**CHAT_HEAD, "choices": [], "error": {"message": "Provider returned error", "code": 502}}),
    )
    out, _ = run(upstream, "chat", target)
    assert_error_ending(out, target, "Provider returned error", done=target != "chat")


# === Reasoning is never shown as the answer ======================================================


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_thinking_is_never_turned_into_text(target: str) -> None:
    """9. BerriAI/litellm#36355 (plaintext reasoning leaked as visible text) and PEERS.md §2 (Envoy:
    the M→C stream path treats `thinking_delta` "just like a text_delta").

    Streamed Anthropic thinking never appears as Chat ``content`` or Responses ``output_text``: a
    Responses client gets it as a reasoning item, a Chat client (no reasoning carrier) not at all,
    with the loss reported as the non-streaming conversion reports it."""
    upstream = (
        am_start()
        + am_block(
            0,
            {"type": "thinking", "thinking": "", "signature": ""},
            {"type": "thinking_delta", "thinking": "SECRET plan: "},
            {"type": "thinking_delta", "thinking": "call the tool."},
            {"type": "signature_delta", "signature": SIG_A},
        )
        + am_block(1, {"type": "text", "text": ""}, text_delta("It is "), text_delta("18°C."))
        + am_end()
    ).encode()
    out, t = run(upstream, "messages", target)
    body = aggregate(out, target)
    assert visible_text(body, target) == "It is 18°C."
    if target == "chat":
        assert b"SECRET" not in out
    else:
        shown = [
            d for n, d in frames(out) if n and n.startswith(("response.output_text", "response.content_part"))
        ]
        assert "SECRET" not in json.dumps(shown)
    converted = kw.convert_response(aggregate(upstream, "messages"), source="messages", target=target)
    assert {loss.code for loss in converted.losses} <= {loss.code for loss in t.losses}
    if target == "responses":
        reasoning = [i for i in body["output"] if i["type"] == "reasoning"]
        assert [s["text"] for s in reasoning[0]["summary"]] == ["SECRET plan: call the tool."]


@pytest.mark.parametrize("target", ["chat", "messages"])
def test_responses_reasoning_summary_is_never_turned_into_text(target: str) -> None:
    """9. BerriAI/litellm#36355: plaintext reasoning leaked as visible text (the Responses → other
    direction): a streamed reasoning summary is thinking for an Anthropic client, nothing visible for
    a Chat client."""
    where = {"item_id": "rs_0", "output_index": 0, "summary_index": 0}
    summary = {"type": "summary_text", "text": "SECRET plan."}
    item = {"id": "rs_0", "type": "reasoning", "summary": [summary], "encrypted_content": "gAAAAABenc"}
    upstream = rs_answer(
        (
            "response.output_item.added",
            {"output_index": 0, "item": {"id": "rs_0", "type": "reasoning", "summary": []}},
        ),
        ("response.reasoning_summary_part.added", {**where, "part": {"type": "summary_text", "text": ""}}),
        ("response.reasoning_summary_text.delta", {**where, "delta": "SECRET plan."}),
        ("response.reasoning_summary_text.done", {**where, "text": "SECRET plan."}),
        ("response.reasoning_summary_part.done", {**where, "part": summary}),
        ("response.output_item.done", {"output_index": 0, "item": item}),
        *rs_text(1, "It is 18°C."),
    )
    out, _ = run(upstream, "responses", target)
    body = aggregate(out, target)
    assert visible_text(body, target) == "It is 18°C."
    if target == "messages":
        assert [b["type"] for b in body["content"]] == ["thinking", "text"]
        assert body["content"][0]["thinking"] == "SECRET plan."
    else:
        assert "SECRET" not in json.dumps(body)
