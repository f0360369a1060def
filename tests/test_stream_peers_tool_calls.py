"""Tool calls in streams: one test per streaming bug of a peer gateway (PEERS.md §3, and the
stream/non-stream disagreements its §2 names), through the public stream API.

Each test hand-writes the upstream's SSE (WIRE.md §1.8, §2.9, §3.7 shapes), transcodes it with
``kw.StreamTranscoder`` and asserts what the client gets: the aggregated body (``kw.aggregate_stream``),
the parsed frames, or the official Anthropic SDK's own accumulator. The shared writers and readers are
in ``tests/stream_peers_helpers.py``; the tool-call ones are here.

Covered here: 15-21 (tool input and arguments lost, empty ``tool_calls``, a call arriving with the finish
chunk, parallel calls and their indexes, arguments that are not streamed), plus two tool calls in one
Chat chunk and any-llm's content-block index used as the ``tool_calls`` index (PEERS.md §2).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import kindo_wire as kw
from tests.stream_peers_helpers import (
    aggregate,
    am_block,
    am_end,
    am_start,
    chat_stream,
    chunk,
    frames,
    names,
    rs_answer,
    run,
    sdk_message,
    text_delta,
    visible_text,
)

# --- writing and reading tool calls ---------------------------------------------------------------


def call_start(index: int, ident: str, name: str, arguments: str = "") -> dict[str, Any]:
    return {
        "index": index,
        "id": ident,
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def call_args(index: int, arguments: str) -> dict[str, Any]:
    return {"index": index, "function": {"arguments": arguments}}


def json_delta(text: str) -> dict[str, Any]:
    return {"type": "input_json_delta", "partial_json": text}


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


def tool_calls(body: dict[str, Any], api: str) -> list[tuple[str, str, Any]]:
    """(id, name, parsed input) of every tool call of an aggregated answer."""
    if api == "chat":
        calls = body["choices"][0]["message"].get("tool_calls") or []
        return [(c["id"], c["function"]["name"], json.loads(c["function"]["arguments"])) for c in calls]
    if api == "messages":
        return [(b["id"], b["name"], b["input"]) for b in body["content"] if b["type"] == "tool_use"]
    items = [i for i in body["output"] if i["type"] == "function_call"]
    return [(i["call_id"], i["name"], json.loads(i["arguments"])) for i in items]


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
