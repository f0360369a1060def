"""Streams through the official SDK stream accumulators (ARCHITECTURE.md §3, invariants 4 and 7).

Every recorded stream is transcoded to each API (the same API is a pass-through) and the output
bytes are fed, through an in-memory transport, to that API's official SDK: its raw event iterator
(each event validated by the SDK's event model) and its stream helper (``chat.completions.stream``,
``responses.stream``, ``messages.stream``). The helper's final object must agree with the
non-streaming answer, ``convert_response(aggregate_stream(recorded))``, on what matters: ids, model,
texts, tool calls (arguments as parsed JSON), finish/stop reason, usage numbers, thinking and its
signature. Likewise ``stream_response(body)`` of every recorded success body is accepted by the SDK
and adds up to the body.
"""

from __future__ import annotations

import json
from typing import Any, get_args

import anthropic
import httpx
import httpx2
import openai
import pytest
from anthropic.types import Message, RawMessageStreamEvent
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import BaseModel, ValidationError

import kindo_wire as kw
from kindo_wire.api import Api
from kindo_wire.mapping.reasoning_stash import unstash
from tests.traffic import Exchange, exchanges

STREAMS = [e for e in exchanges() if e.stream is not None]
BODIES = [e for e in exchanges() if e.response is not None and e.status == 200]
BROKEN = "chat/pydantic-ai__tool_use_failed_error_streaming__0"  # ends in an upstream error frame
TARGETS = ["chat", "messages", "responses"]
SSE = {"content-type": "text/event-stream"}
USER: Any = [{"role": "user", "content": "hi"}]
TERMINAL = ("response.completed", "response.incomplete", "response.failed")


def by_type(union: Any) -> dict[str, type[BaseModel]]:
    """The models of an SDK event union, by their ``type`` literal."""
    members = get_args(get_args(union)[0])
    return {get_args(m.model_fields["type"].annotation)[0]: m for m in members}


EVENT_MODELS = {"messages": by_type(RawMessageStreamEvent), "responses": by_type(ResponseStreamEvent)}


def test_corpus() -> None:
    assert len(STREAMS) == 56 and len({e.api for e in STREAMS}) == 3
    assert any(e.name == BROKEN for e in STREAMS)
    assert len(BODIES) >= 90


# -- the SDKs, fed from memory -----------------------------------------------------------------------


def openai_client(out: bytes) -> openai.OpenAI:
    transport = httpx.MockTransport(lambda _: httpx.Response(200, headers=SSE, content=out))
    return openai.OpenAI(
        api_key="x", base_url="http://test/v1", max_retries=0, http_client=httpx.Client(transport=transport)
    )


def anthropic_client(out: bytes) -> anthropic.Anthropic:
    transport = httpx2.MockTransport(lambda _: httpx2.Response(200, headers=SSE, content=out))
    return anthropic.Anthropic(
        api_key="x", base_url="http://test", max_retries=0, http_client=httpx2.Client(transport=transport)
    )


def raw_events(out: bytes, api: str, validate: bool) -> list[Any]:
    """The SDK's raw stream (``create(stream=True)``), each event validated by the SDK's model if
    ``validate`` (the SDK itself only constructs them)."""
    if api == "chat":
        stream: Any = openai_client(out).chat.completions.create(model="m", messages=USER, stream=True)
    elif api == "responses":
        stream = openai_client(out).responses.create(model="m", input="hi", stream=True)
    else:
        stream = anthropic_client(out).messages.create(model="m", max_tokens=1, messages=USER, stream=True)
    events = [event.to_dict() for event in stream]
    for event in events if validate else ():
        model = ChatCompletionChunk if api == "chat" else EVENT_MODELS[api][event["type"]]
        model.model_validate(event)
    return events


def sdk_final(out: bytes, api: str) -> dict[str, Any]:
    """The final object of the SDK's stream helper, as JSON."""
    if api == "chat":
        with openai_client(out).chat.completions.stream(model="m", messages=USER) as chat:
            try:
                final: Any = chat.get_final_completion()
            except (openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError):
                final = chat.current_completion_snapshot  # the helper will not parse such an answer
    elif api == "messages":
        with anthropic_client(out).messages.stream(model="m", max_tokens=1, messages=USER) as messages:
            final = messages.get_final_message()
    else:
        with openai_client(out).responses.stream(model="m", input="hi") as responses:
            events = list(responses)
            assert events[-1].type in TERMINAL
            # the helper keeps only response.completed; incomplete/failed are taken from the event
            final = responses.get_final_response() if events[-1].type == TERMINAL[0] else events[-1].response
        check_deltas(events, final.model_dump(mode="json"))
    return final.model_dump(mode="json")


def check_deltas(events: list[Any], final: dict[str, Any]) -> None:
    """A Responses client reads the deltas too: their sums (the SDK's snapshots), keyed by where the
    events say they go, are the final texts and arguments."""
    texts, arguments = {}, {}
    for e in events:
        if e.type == "response.output_text.delta":
            texts[e.output_index, e.item_id, e.content_index] = e.snapshot
        elif e.type == "response.function_call_arguments.delta":
            arguments[e.output_index, e.item_id] = e.snapshot
    final_texts, final_arguments = {}, {}
    for i, item in enumerate(final["output"]):
        for j, part in enumerate(item.get("content") or ()):
            if part.get("type") == "output_text" and part["text"]:
                final_texts[i, item.get("id"), j] = part["text"]
        if item["type"] == "function_call" and item["arguments"]:
            final_arguments[i, item.get("id")] = parse(item["arguments"])
    assert texts == final_texts
    assert {k: parse(v) for k, v in arguments.items()} == final_arguments


# -- what must agree ----------------------------------------------------------------------------------


def parse(arguments: Any) -> Any:
    """Tool arguments as JSON: streamed argument bytes pass through unparsed (whitespace may differ)."""
    return json.loads(arguments) if isinstance(arguments, str) and arguments else arguments


def numbers(value: Any, path: str = "") -> dict[str, int]:
    """Every integer in a usage object, by path (None and absent are the same)."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in numbers(item, f"{path}/{key}").items()}
    return {path: value} if isinstance(value, int) and not isinstance(value, bool) else {}


def unstashed(token: Any) -> Any:
    """A Responses reasoning item stashed for a Messages client, without its ``encrypted_content``:
    OpenAI re-encrypts it between ``response.output_item.done`` and ``response.completed``."""
    found = unstash(token)
    if found is None or found[0] is not Api.RESPONSES:
        return token
    return {k: v for k, v in found[1].items() if k != "encrypted_content"}


def present(obj: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: obj[k] for k in keys if obj.get(k) is not None}


def chat_view(body: dict[str, Any]) -> dict[str, Any]:
    choices = []
    for choice in body["choices"]:
        message = choice["message"]
        calls = [
            (c["id"], c["function"]["name"], parse(c["function"]["arguments"]))
            for c in message.get("tool_calls") or ()
        ]
        texts = {k: message.get(k) or None for k in ("content", "refusal", "reasoning", "reasoning_content")}
        choices.append((choice["index"], choice["finish_reason"], texts, calls))
    return {**present(body, ("id", "model")), "usage": numbers(body.get("usage")), "choices": choices}


def messages_view(body: dict[str, Any]) -> dict[str, Any]:
    keys = ("type", "text", "thinking", "id", "name", "input", "tool_use_id")
    blocks = [
        {
            **present(block, keys),
            "signature": unstashed(block.get("signature")),
            "data": unstashed(block.get("data")),
        }
        for block in body["content"]
    ]
    head = present(body, ("id", "model", "stop_reason", "stop_sequence"))
    return {**head, "usage": numbers(body.get("usage")), "content": blocks}


def responses_view(body: dict[str, Any]) -> dict[str, Any]:
    items = []
    for item in body["output"]:
        view = present(item, ("type", "id", "call_id", "name", "encrypted_content"))
        view["arguments"] = parse(item.get("arguments"))
        view["content"] = [p.get("text") or p.get("refusal") for p in item.get("content") or ()]
        view["summary"] = [s.get("text") for s in item.get("summary") or ()]
        items.append(view)
    head = present(body, ("id", "model", "status", "incomplete_details"))
    return {**head, "usage": numbers(body.get("usage")), "output": items}


VIEW = {"chat": chat_view, "messages": messages_view, "responses": responses_view}


# -- invariant 7 and 4: transcoded streams ------------------------------------------------------------


def transcode(ex: Exchange, target: str) -> bytes:
    assert ex.stream is not None
    transcoder = kw.StreamTranscoder(source=ex.api, target=target)
    out = transcoder.feed(ex.stream.encode("utf-8")) + transcoder.close()
    assert transcoder.error is None, transcoder.error
    return out


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("ex", [e for e in STREAMS if e.name != BROKEN], ids=lambda e: e.name)
def test_transcoded_stream_is_accepted_and_agrees(ex: Exchange, target: str) -> None:
    assert ex.stream is not None
    out = transcode(ex, target)
    # a pass-through is the upstream's own bytes, which may predate the SDK's types
    assert raw_events(out, target, validate=target != ex.api)
    expected = kw.convert_response(
        kw.aggregate_stream(ex.stream.encode("utf-8"), api=ex.api), source=ex.api, target=target
    ).body
    assert VIEW[target](sdk_final(out, target)) == VIEW[target](expected)


@pytest.mark.parametrize("target", TARGETS)
def test_upstream_error_frame_is_the_sdk_error(target: str) -> None:
    (ex,) = [e for e in STREAMS if e.name == BROKEN]
    assert ex.stream is not None
    with pytest.raises(kw.StreamError):
        kw.aggregate_stream(ex.stream.encode("utf-8"), api=ex.api)
    out = transcode(ex, target)
    if target == "chat":
        with pytest.raises(openai.APIError, match="Tool call validation failed"):
            sdk_final(out, target)
    elif target == "messages":
        with pytest.raises(anthropic.APIStatusError, match="Tool call validation failed"):
            sdk_final(out, target)
    else:  # the openai SDK raises only for an ``error`` key: a Responses stream fails in its events
        events = raw_events(out, target, validate=True)
        assert [e["type"] for e in events][-2:] == ["error", "response.failed"]
        assert "Tool call validation failed" in events[-2]["message"]
        final = sdk_final(out, target)
        assert final["status"] == "failed" and final["error"]["message"] == events[-2]["message"]


# -- stream_response: a recorded body replayed as a stream --------------------------------------------


def sdk_accepts(body: dict[str, Any], api: str) -> bool:
    model = {"chat": ChatCompletion, "messages": Message, "responses": Response}[api]
    try:
        model.model_validate(body)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("ex", BODIES, ids=lambda e: e.name)
def test_replayed_body_is_accepted_and_adds_up(ex: Exchange) -> None:
    out = kw.stream_response(ex.response, api=ex.api)
    # the events hold the body's parts: the SDK's models judge them only if they accept the body
    assert raw_events(out, ex.api, validate=sdk_accepts(ex.response, ex.api))
    assert VIEW[ex.api](sdk_final(out, ex.api)) == VIEW[ex.api](ex.response)
