"""The gateway's view of a streamed reply: ``Bridge.stream()`` honours the client's request."""

from __future__ import annotations

import asyncio
import json

import pytest

import kindo_wire as kw
from kindo_wire.sse import SSEDecoder

LONG_NAME = "lookup_" + "x" * 90  # valid for Anthropic (128), too long for OpenAI (64)


def chunks(*deltas: dict[str, object], finish: str = "stop", usage: bool = True) -> bytes:
    base = {"id": "chatcmpl-abc", "object": "chat.completion.chunk", "created": 7, "model": "gpt-x"}
    frames = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}]
    frames += [{**base, "choices": [{"index": 0, "delta": d, "finish_reason": None}]} for d in deltas]
    frames.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    if usage:
        frames.append(
            {
                **base,
                "choices": [],
                "usage": {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14},
            }
        )
    return b"".join(b"data: " + json.dumps(f).encode() + b"\n\n" for f in frames) + b"data: [DONE]\n\n"


def event(name: str, **fields: object) -> bytes:
    return f"event: {name}\ndata: {json.dumps({'type': name, **fields})}\n\n".encode()


def anthropic(*blocks: tuple[dict[str, object], list[dict[str, object]]]) -> bytes:
    """An Anthropic stream of ``(start block, deltas)`` pairs, ending in end_turn."""
    message = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude", "content": []}
    message |= {"stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 5, "output_tokens": 1}}
    out = event("message_start", message=message)
    for i, (block, deltas) in enumerate(blocks):
        out += event("content_block_start", index=i, content_block=block)
        out += b"".join(event("content_block_delta", index=i, delta=d) for d in deltas)
        out += event("content_block_stop", index=i)
    stop = {"stop_reason": "end_turn", "stop_sequence": None}
    return out + event("message_delta", delta=stop, usage={"output_tokens": 2}) + event("message_stop")


def frames(out: bytes) -> list[tuple[str | None, str]]:
    decoder = SSEDecoder()
    return [(e.event, e.data) for e in decoder.feed(out) + decoder.close()]


def test_a_messages_client_on_a_chat_upstream_gets_its_tool_name_and_model_back() -> None:
    bridge = kw.Bridge(client="messages", upstream="chat")
    client_request = {
        "model": "claude-client-alias",
        "max_tokens": 100,
        "stream": True,
        "messages": [{"role": "user", "content": "find it"}],
        "tools": [{"name": LONG_NAME, "input_schema": {"type": "object"}}],
    }
    upstream = bridge.request(client_request).body
    short = upstream["tools"][0]["function"]["name"]
    assert short != LONG_NAME and len(short) <= 64
    assert upstream["stream_options"] == {"include_usage": True}  # the client's stream ends with usage
    call = {"index": 0, "id": "call_1", "type": "function", "function": {"name": short, "arguments": '{"q":'}}
    more = {"index": 0, "function": {"arguments": ' "x"}'}}
    transcoder = bridge.stream()
    raw = chunks({"tool_calls": [call]}, {"tool_calls": [more]}, finish="tool_calls")
    out = b"".join(transcoder.feed(raw[i : i + 7]) for i in range(0, len(raw), 7)) + transcoder.close()
    message = kw.aggregate_stream(out, api="messages")
    assert message["model"] == "claude-client-alias"
    assert message["content"] == [
        {"type": "tool_use", "id": "call_1", "name": LONG_NAME, "input": {"q": "x"}}
    ]
    assert message["stop_reason"] == "tool_use"
    assert message["usage"]["input_tokens"] == 11 and message["usage"]["output_tokens"] == 3
    # the first event could not know the input tokens: said, not hidden
    assert any(loss.code == "input_tokens_deferred" for loss in transcoder.losses)
    # and the next request, sent back with the original name, maps it the same way again
    again = kw.Bridge(client="messages", upstream="chat").request(client_request).body
    assert again["tools"][0]["function"]["name"] == short


@pytest.mark.parametrize(("options", "expected"), [(None, False), ({"include_usage": True}, True)])
def test_a_chat_client_gets_the_usage_chunk_only_when_it_asked(options: object, expected: bool) -> None:
    request: dict[str, object] = {
        "model": "gpt-x",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
    }
    if options is not None:
        request["stream_options"] = options
    bridge = kw.Bridge(client="chat", upstream="messages")
    bridge.request(request)
    upstream = anthropic(({"type": "text", "text": ""}, [{"type": "text_delta", "text": "hello"}]))
    transcoder = bridge.stream()
    out = transcoder.feed(upstream) + transcoder.close()
    datas = [json.loads(d) for _, d in frames(out) if d != "[DONE]"]
    usage_chunks = [d for d in datas if d["choices"] == []]
    assert bool(usage_chunks) is expected
    if expected:
        assert usage_chunks[0]["usage"]["prompt_tokens"] == 5
        assert usage_chunks[0]["usage"]["completion_tokens"] == 2
    assert all(d["model"] == "gpt-x" for d in datas)
    assert kw.aggregate_stream(out, api="chat")["choices"][0]["message"]["content"] == "hello"


def test_strict_refuses_a_lossy_stream_and_ends_it_with_an_error() -> None:
    thinking = {"type": "thinking", "thinking": "", "signature": ""}
    deltas = [{"type": "thinking_delta", "thinking": "hmm"}, {"type": "signature_delta", "signature": "sig"}]
    upstream = anthropic((thinking, deltas))
    transcoder = kw.StreamTranscoder(source="messages", target="chat", strict=True)
    with pytest.raises(kw.LossError) as caught:
        transcoder.feed(upstream)
    assert any(loss.code == "reasoning_dropped" for loss in caught.value.losses)
    tail = transcoder.close()
    assert b'"error"' in tail and tail.endswith(b"data: [DONE]\n\n")
    # thinking never became text on the way
    assert b"hmm" not in tail


def test_atranscode_stream_matches_the_sync_one() -> None:
    raw = chunks({"content": "héllo 🌍"})

    async def pieces() -> list[bytes]:
        async def source():  # type: ignore[no-untyped-def]
            for i in range(0, len(raw), 5):
                yield raw[i : i + 5]

        return [c async for c in kw.atranscode_stream(source(), source="chat", target="responses")]

    got = b"".join(asyncio.run(pieces()))
    assert got == b"".join(kw.transcode_stream([raw], source="chat", target="responses"))
    assert kw.aggregate_stream(got, api="responses")["output"][0]["content"][0]["text"] == "héllo 🌍"


def test_an_empty_fragment_after_the_finish_is_not_an_error() -> None:
    """LiteLLM's Anthropic adapter sends ``content: ""`` after the finish chunk (found by the
    benchmark): it says nothing, so the answer stays complete."""
    raw = chunks({"content": "hi"}, usage=False).replace(
        b"data: [DONE]",
        b'data: {"id":"chatcmpl-abc","choices":[{"index":0,"delta":{"content":""}}]}\n\ndata: [DONE]',
    )
    t = kw.StreamTranscoder(source="chat", target="messages")
    out = t.feed(raw) + t.close()
    assert t.error is None
    assert kw.aggregate_stream(out, api="messages")["content"] == [{"type": "text", "text": "hi"}]


def test_responses_clients_see_one_argument_string_from_deltas_to_the_final_object() -> None:
    tool = {"type": "tool_use", "id": "toolu_1", "name": "find", "input": {}}
    pieces = ['{"query": ', '"a b",  "n": 2}']
    upstream = anthropic((tool, [{"type": "input_json_delta", "partial_json": p} for p in pieces]))
    out = kw.StreamTranscoder(source="messages", target="responses").feed(upstream)
    datas = [json.loads(d) for _, d in frames(out)]
    joined = "".join(d["delta"] for d in datas if d["type"] == "response.function_call_arguments.delta")
    done = next(d for d in datas if d["type"] == "response.function_call_arguments.done")
    item = next(d for d in datas if d["type"] == "response.output_item.done")["item"]
    final = datas[-1]["response"]["output"][0]
    assert joined == done["arguments"] == item["arguments"] == final["arguments"] == "".join(pieces)


def test_a_chat_custom_tool_call_streams_into_every_api() -> None:
    call = {
        "index": 0,
        "id": "call_1",
        "type": "custom",
        "custom": {"name": "apply_patch", "input": "*** Begin"},
    }
    more = {"index": 0, "custom": {"input": " Patch"}}
    raw = chunks({"tool_calls": [call]}, {"tool_calls": [more]}, finish="tool_calls")
    assert kw.aggregate_stream(raw, api="chat")["choices"][0]["message"]["tool_calls"] == [
        {"id": "call_1", "type": "custom", "custom": {"name": "apply_patch", "input": "*** Begin Patch"}}
    ]
    out = b"".join(kw.transcode_stream([raw], source="chat", target="responses"))
    item = kw.aggregate_stream(out, api="responses")["output"][0]
    assert (item["type"], item["call_id"], item["input"]) == ("custom_tool_call", "call_1", "*** Begin Patch")
    deltas = [json.loads(d) for name, d in frames(out) if name == "response.custom_tool_call_input.delta"]
    assert "".join(d["delta"] for d in deltas) == "*** Begin Patch"


def test_an_unreadable_upstream_part_is_the_upstreams_fault() -> None:
    """A block the codec cannot read (a tool_use without a name) is a StreamError (502), never a
    RequestError, which would blame the client for the upstream's bytes."""
    upstream = anthropic(({"type": "tool_use", "id": "toolu_1", "input": {}}, []))
    with pytest.raises(kw.StreamError, match="cannot be read"):
        kw.aggregate_stream(upstream, api="messages")
    t = kw.StreamTranscoder(source="messages", target="chat")
    out = t.feed(upstream) + t.close()
    assert isinstance(t.error, kw.StreamError) and t.error.status == 502
    assert b'"error"' in out and out.endswith(b"data: [DONE]\n\n")


def test_keep_alives_reach_the_client_in_its_own_form() -> None:
    """An idle upstream's pings keep a proxy's connection open: an Anthropic ``ping`` event becomes
    an SSE comment for the OpenAI APIs (their clients skip comments), an SSE comment a ``ping``."""
    upstream = anthropic(({"type": "text", "text": ""}, [{"type": "text_delta", "text": "hi"}]))
    pinged = upstream.replace(b"event: content_block_start", event("ping") + b"event: content_block_start", 1)
    for target in ("chat", "responses"):
        out = b"".join(kw.transcode_stream([pinged], source="messages", target=target))
        assert out.count(b": keep-alive\n\n") == 1
    commented = b": still thinking\n\n" + chunks({"content": "hi"})
    out = b"".join(kw.transcode_stream([commented], source="chat", target="messages"))
    assert [name for name, _ in frames(out)].count("ping") == 1


def test_a_responses_client_sees_its_request_echoed_from_the_first_event() -> None:
    """The Responses object echoes the request (WIRE.md §3.6): in ``response.created`` as in the
    final object, which are the same response apart from status, output and usage."""
    request = {"model": "gpt-alias", "input": "hi", "instructions": "Be brief.", "temperature": 0.2}
    out = b"".join(
        kw.transcode_stream([chunks({"content": "hi"})], source="chat", target="responses", request=request)
    )
    datas = [json.loads(d) for _, d in frames(out)]
    created, final = datas[0]["response"], datas[-1]["response"]
    assert (created["status"], created["output"], created["usage"]) == ("in_progress", [], None)
    for response in (created, final):
        assert (response["model"], response["instructions"], response["temperature"]) == (
            "gpt-alias",
            "Be brief.",
            0.2,
        )
    rest = {k: v for k, v in final.items() if k not in ("status", "output", "usage")}
    assert rest == {k: v for k, v in created.items() if k not in ("status", "output", "usage")}
