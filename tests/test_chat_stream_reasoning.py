"""Reasoning text in Chat streams (``delta.reasoning_content``: DeepSeek, vLLM; ``delta.reasoning``:
Groq, OpenRouter): not OpenAI wire (WIRE.md §1.6), but what every OpenAI-compatible reasoning model
streams. The decoder must add it up as the openai SDK's stream accumulator does, must not crash
on the ``null`` those servers interleave, and must not hold it when it will not be sent on.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openai.lib.streaming._deltas import accumulate_delta

import kindo_wire as kw
from kindo_wire.chat.stream_decoder import ChatStreamDecoder
from tests.test_stream_properties_memory import MB, TEXT, peak_while

HEAD = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "deepseek-reasoner"}


def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {**HEAD, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}


def aggregated(deltas: list[dict[str, Any]]) -> dict[str, Any]:
    decoder = ChatStreamDecoder()
    for delta in [{"role": "assistant", "content": ""}, *deltas]:
        decoder.event(None, json.dumps(chunk(delta)))
    decoder.event(None, json.dumps(chunk({}, "stop")))
    decoder.event(None, "[DONE]")
    message: dict[str, Any] = decoder.body()["choices"][0]["message"]
    return message


# DeepSeek's reasoner: the reasoning with ``content: null``, then the answer with
# ``reasoning_content: null`` on every chunk (api-docs.deepseek.com, reasoning_model).
DEEPSEEK = [
    {"content": None, "reasoning_content": "Let me"},
    {"content": None, "reasoning_content": " think."},
    {"content": "Hi", "reasoning_content": None},
    {"content": "!", "reasoning_content": None},
]


def test_deepseek_reasoning_survives_the_nulls_after_it() -> None:
    message = aggregated(DEEPSEEK)
    assert (message["content"], message["reasoning_content"]) == ("Hi!", "Let me think.")


def test_a_null_before_the_reasoning_is_no_crash() -> None:
    message = aggregated([{"reasoning_content": None}, {"reasoning_content": "x"}, {"content": "y"}])
    assert message["reasoning_content"] == "x"
    message = aggregated([{"annotations": None}, {"annotations": [{"type": "url_citation"}]}])
    assert message["annotations"] == [{"type": "url_citation"}]


FIELDS = ("reasoning", "reasoning_content")
deltas = st.lists(
    st.dictionaries(st.sampled_from(FIELDS), st.none() | st.text(max_size=4), min_size=1), max_size=12
)


@given(deltas)
def test_reasoning_adds_up_as_the_sdk_accumulator_adds_it(sequence: list[dict[str, Any]]) -> None:
    """The oracle: ``accumulate_delta``, which openai-python's ``ChatCompletionStreamState`` uses."""
    expected: dict[object, object] = {}
    for delta in sequence:
        accumulate_delta(expected, dict(delta))
    message = aggregated(sequence)
    for field in FIELDS:
        assert message.get(field) == expected.get(field), (field, message, expected)


@pytest.mark.parametrize("target", ["chat", "messages"])
def test_a_long_reasoning_is_not_held_for_a_client_that_gets_deltas(target: str) -> None:
    """A Messages client never gets the reasoning (it is reported lost); a Chat client gets it
    passed through. Neither needs it held: peak memory for a 64 MB reasoning is that of 8 MB."""

    def stream(size: int) -> list[bytes]:
        piece = b"data: " + json.dumps(chunk({"content": None, "reasoning_content": TEXT})).encode() + b"\n\n"
        head = b"data: " + json.dumps(chunk({"role": "assistant", "content": ""})).encode() + b"\n\n"
        tail = b"".join(
            b"data: " + json.dumps(c).encode() + b"\n\n"
            for c in (chunk({"content": "Hi", "reasoning_content": None}), chunk({}, "stop"))
        )
        block = piece * 50
        return [head, *[block] * max(1, size // len(block)), tail + b"data: [DONE]\n\n"]

    small, _, _ = peak_while(stream(8 * MB), "chat", target)
    large, sent, _ = peak_while(stream(64 * MB), "chat", target)
    assert large < 2 * small + MB, (small / MB, large / MB)
    assert (sent > 60 * MB) is (target == "chat")  # passed through to Chat, not sent to Messages
    transcoder = kw.StreamTranscoder(source="chat", target=target)
    transcoder.feed(b"".join(stream(MB)))
    transcoder.close()
    lost = [x.pointer for x in transcoder.losses if x.code == "unsupported_field"]
    assert lost == ([] if target == "chat" else ["/choices/0/message/reasoning_content"])
