"""Token log probabilities between Chat and Responses (WIRE.md §6.14), and their loss to Anthropic.

Both OpenAI APIs return the same token entries, Chat per choice and Responses per ``output_text``
part; Anthropic returns none. Bodies, streams and the official SDKs' types are checked.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import openai.types.chat as chat_types
import openai.types.responses as responses_types
import pytest

import kindo_wire as kw
from kindo_wire.chat import response as chat_response
from kindo_wire.loss import LossLog
from kindo_wire.responses import response as responses_response
from tests.test_stream_sdk import sdk_final


def token(text: str, logprob: float, *alternatives: tuple[str, float]) -> dict[str, Any]:
    top = [{"token": t, "logprob": p, "bytes": list(t.encode())} for t, p in alternatives]
    return {"token": text, "logprob": logprob, "bytes": list(text.encode()), "top_logprobs": top}


HELLO = [token("Hel", -0.01, ("Hel", -0.01), ("Hi", -4.2)), token("lo", -0.2)]
WORLD = [token(" wor", -0.5), token("ld", -0.003, ("ld", -0.003))]


def chat_body(logprobs: Any) -> dict[str, Any]:
    return {
        "id": "chatcmpl-abc",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-2024-08-06",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hello", "refusal": None, "annotations": []},
                "logprobs": logprobs,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
    }


def output_text(text: str, logprobs: list[Any]) -> dict[str, Any]:
    return {"type": "output_text", "annotations": [], "logprobs": logprobs, "text": text}


def responses_body(*parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "resp_abc",
        "object": "response",
        "created_at": 1_700_000_000,
        "status": "completed",
        "model": "gpt-4o-2024-08-06",
        "output": [
            {
                "id": "msg_abc",
                "type": "message",
                "status": "completed",
                "role": "assistant",
                "content": list(parts),
            }
        ],
        "usage": {
            "input_tokens": 5,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 4,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 9,
        },
    }


def codes(converted: kw.Converted) -> dict[str, str]:
    return {loss.pointer: loss.code for loss in converted.losses}


def test_responses_tokens_reach_a_chat_client_joined_in_order() -> None:
    body = responses_body(output_text("Hello", HELLO), output_text(" world", WORLD))
    converted = kw.convert_response(body, source="responses", target="chat")
    choice = converted.body["choices"][0]
    assert choice["message"]["content"] == "Hello world"
    assert choice["logprobs"] == {"content": HELLO + WORLD, "refusal": None}
    assert not any("logprobs" in pointer for pointer in codes(converted))  # carried, not lost
    parsed = chat_types.ChatCompletion.model_validate(converted.body)
    assert parsed.choices[0].logprobs is not None
    assert [t.token for t in parsed.choices[0].logprobs.content or ()] == ["Hel", "lo", " wor", "ld"]


def test_chat_tokens_reach_a_responses_client_and_come_back() -> None:
    body = chat_body({"content": HELLO, "refusal": None})
    converted = kw.convert_response(body, source="chat", target="responses")
    part = converted.body["output"][0]["content"][0]
    assert part["text"] == "Hello"
    assert part["logprobs"] == HELLO
    assert not any("logprobs" in pointer for pointer in codes(converted))
    parsed = responses_types.Response.model_validate(converted.body)
    item = parsed.output[0]
    assert isinstance(item, responses_types.ResponseOutputMessage)
    text = item.content[0]
    assert isinstance(text, responses_types.ResponseOutputText)
    assert [t.logprob for t in text.logprobs or ()] == [-0.01, -0.2]
    back = kw.convert_response(converted.body, source="responses", target="chat")
    assert back.body["choices"][0]["logprobs"] == body["choices"][0]["logprobs"]


@pytest.mark.parametrize(
    ("api", "body", "at"),
    [
        ("chat", chat_body({"content": HELLO, "refusal": None}), "/choices/0/logprobs"),
        ("responses", responses_body(output_text("Hello", HELLO)), "/output/0/content/0/logprobs"),
    ],
)
def test_anthropic_has_no_logprobs_the_loss_points_at_them(api: str, body: dict[str, Any], at: str) -> None:
    converted = kw.convert_response(body, source=api, target="messages")
    assert converted.body["content"] == [{"type": "text", "text": "Hello"}]
    assert codes(converted)[at] == "logprobs_dropped"
    assert next(loss for loss in converted.losses if loss.pointer == at).severity is kw.Severity.DEGRADED


@pytest.mark.parametrize(
    "logprobs",
    [
        {"content": HELLO, "refusal": None},  # as OpenAI sends it
        {"content": HELLO},  # without the refusal key
        {"refusal": None, "content": HELLO},  # keys in another order
    ],
)
def test_chat_logprobs_decode_and_encode_as_they_came(logprobs: dict[str, Any]) -> None:
    body = chat_body(logprobs)
    decoded = chat_response.decode_response(copy.deepcopy(body), LossLog())
    text = decoded.choices[0].message.parts[0]
    assert isinstance(text, kw.ir.Text) and text.logprobs is not None
    assert list(text.logprobs.tokens) == HELLO
    again = chat_response.encode_response(decoded, LossLog(), None)
    assert again["choices"][0]["logprobs"] == logprobs
    assert list(again["choices"][0]["logprobs"]) == list(logprobs)


def test_responses_logprobs_decode_and_encode_as_they_came() -> None:
    body = responses_body(output_text("Hello", HELLO), output_text(" world", []))
    decoded = responses_response.decode_response(copy.deepcopy(body), LossLog())
    first, second = decoded.choices[0].message.parts
    assert isinstance(first, kw.ir.Text) and isinstance(second, kw.ir.Text)
    assert first.logprobs == kw.ir.Logprobs(tuple(HELLO), "/output/0/content/0/logprobs")
    assert second.logprobs is None  # an empty list says nothing was asked for: kept as a leftover
    log = LossLog()
    again = responses_response.encode_response(decoded, log, None)
    assert again["output"][0]["content"] == body["output"][0]["content"]


@pytest.mark.parametrize(
    "logprobs",
    [
        {"content": None, "refusal": HELLO},  # refusal tokens: Responses has no place for them
        {"content": HELLO, "refusal": None, "extra": 1},  # a field this version does not know
    ],
)
def test_chat_logprobs_without_a_responses_place_are_reported(logprobs: dict[str, Any]) -> None:
    converted = kw.convert_response(chat_body(logprobs), source="chat", target="responses")
    assert "logprobs" not in converted.body["output"][0]["content"][0]
    assert codes(converted)["/choices/0/logprobs"] == "unsupported_field"
    assert kw.convert_response(chat_body(logprobs), source="chat", target="chat").body == chat_body(logprobs)


def test_a_responses_stream_gives_a_chat_client_the_tokens() -> None:
    body = responses_body(output_text("Hello", HELLO), output_text(" world", WORLD))
    stream = kw.stream_response(body, api="responses")
    transcoder = kw.StreamTranscoder(source="responses", target="chat")
    out = transcoder.feed(stream) + transcoder.close()
    aggregated = kw.aggregate_stream(out, api="chat")
    assert aggregated["choices"][0]["logprobs"] == {"content": HELLO + WORLD, "refusal": None}
    final = sdk_final(out, "chat")  # the openai SDK's accumulator joins the chunks' tokens
    assert [t["token"] for t in final["choices"][0]["logprobs"]["content"]] == ["Hel", "lo", " wor", "ld"]


def test_a_chat_stream_gives_a_responses_client_the_tokens() -> None:
    body = chat_body({"content": HELLO, "refusal": None})
    stream = kw.stream_response(body, api="chat")
    transcoder = kw.StreamTranscoder(source="chat", target="responses")
    out = transcoder.feed(stream) + transcoder.close()
    aggregated = kw.aggregate_stream(out, api="responses")
    assert aggregated["output"][0]["content"][0]["logprobs"] == HELLO
    final = sdk_final(out, "responses")
    assert final["output"][0]["content"][0]["logprobs"] == HELLO


def test_chat_stream_tokens_are_gathered_across_chunks() -> None:
    chunks = [
        {"role": "assistant", "content": "Hel"},
        {"content": "lo"},
    ]
    head = {"id": "chatcmpl-abc", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o"}
    frames = [
        {
            **head,
            "choices": [
                {
                    "index": 0,
                    "delta": delta,
                    "logprobs": {"content": [t], "refusal": None},
                    "finish_reason": None,
                }
            ],
        }
        for delta, t in zip(chunks, HELLO, strict=True)
    ]
    frames.append({**head, "choices": [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]})
    stream = "".join(f"data: {json.dumps(f)}\n\n" for f in frames).encode() + b"data: [DONE]\n\n"
    assert kw.aggregate_stream(stream, api="chat")["choices"][0]["logprobs"] == {
        "content": HELLO,
        "refusal": None,
    }
    transcoder = kw.StreamTranscoder(source="chat", target="responses")
    out = transcoder.feed(stream) + transcoder.close()
    assert kw.aggregate_stream(out, api="responses")["output"][0]["content"][0]["logprobs"] == HELLO
