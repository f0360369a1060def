"""Reasoning text in Chat streams (``delta.reasoning_content``: DeepSeek, vLLM; ``delta.reasoning``:
Groq, OpenRouter): not OpenAI wire (WIRE.md §1.6), but what every OpenAI-compatible reasoning model
streams. The decoder must add it up as the openai SDK's stream accumulator does, must not crash
on the ``null`` those servers interleave, and must not hold it when it will not be sent on. Any
other delta field the decoder does not read itself (vLLM's ``channel``, a vendor's object) adds up
the same way.
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


FIELDS = ("reasoning", "reasoning_content", "channel", "x_kw_extra")
# What a delta field's value may be (flags aside: the SDK sums them, see the test below).
scalars = st.none() | st.text(max_size=4) | st.integers(-5, 5) | st.floats(-2, 2, width=16)
values = st.recursive(
    scalars,
    # a null ``type`` after a set one is a departure, pinned below
    lambda inner: (
        st.fixed_dictionaries(
            {}, optional={"a": inner, "b": inner, "type": inner.filter(lambda v: v is not None)}
        )
        | st.lists(st.text(max_size=3) | st.integers(0, 3), max_size=3)
        | st.lists(st.fixed_dictionaries({"index": st.integers(0, 2)}, optional={"a": inner}), max_size=3)
    ),
    max_leaves=6,
)
deltas = st.lists(st.dictionaries(st.sampled_from(FIELDS), values, min_size=1), max_size=12)


def sdk_accumulated(sequence: list[dict[str, Any]]) -> dict[object, object]:
    """The oracle: ``accumulate_delta``, which openai-python's ``ChatCompletionStreamState`` uses
    (on copies: it keeps and mutates what it is given)."""
    expected: dict[object, object] = {}
    for delta in sequence:
        accumulate_delta(expected, json.loads(json.dumps(delta)))
    return expected


@given(deltas)
def test_delta_fields_add_up_as_the_sdk_accumulator_adds_them(sequence: list[dict[str, Any]]) -> None:
    """Reasoning text and any other delta field (vLLM's ``channel``, a vendor's object or list)
    aggregate to what the openai SDK's stream state makes of them."""
    message = aggregated(sequence)
    try:
        expected = sdk_accumulated(sequence)
    except (TypeError, RuntimeError):  # lists it cannot merge (mixed entries): no answer to hold to
        return
    for field in FIELDS:
        assert message.get(field) == expected.get(field), (field, message, expected)


def test_where_the_aggregate_departs_from_the_sdk_accumulator() -> None:
    """Where the SDK's result is no wire value: flags are not summed, an entry with no ``index``
    is appended (the SDK raises), and a null does not erase a ``type``."""
    flags = [{"x_kw_flag": True}, {"x_kw_flag": True}]
    assert sdk_accumulated(flags)["x_kw_flag"] == 2
    assert aggregated(flags)["x_kw_flag"] is True
    listed = [{"x_kw_list": [{"a": 1}]}, {"x_kw_list": [{"b": 2}]}]
    with pytest.raises(RuntimeError):
        sdk_accumulated(listed)
    assert aggregated(listed)["x_kw_list"] == [{"a": 1}, {"b": 2}]
    typed = [{"x_kw_obj": {"type": "a"}}, {"x_kw_obj": {"type": None}}]
    assert sdk_accumulated(typed)["x_kw_obj"] == {"type": None}
    assert aggregated(typed)["x_kw_obj"] == {"type": "a"}


def test_channel_concatenates_as_the_sdk_accumulates_it() -> None:
    """A text field other than reasoning (vLLM's gpt-oss ``channel``) concatenates as the SDK adds
    it up; the last piece alone used to be kept."""
    message = aggregated([{"channel": "fin"}, {"channel": "al", "content": "Hi"}])
    assert (message["channel"], message["content"]) == ("final", "Hi")


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


def test_tool_call_fragment_fields_add_up_as_the_sdk_accumulator_adds_them() -> None:
    """A tool call's own fields beyond its id, type, name and arguments (a vendor's) add up over
    its fragments by the same rules as the delta's fields: the SDK merges the fragments by index."""
    first = {"index": 0, "id": "call_1", "type": "function", "x_kw_note": "a", "x_kw_n": 1}
    first["function"] = {"name": "f", "arguments": "", "x_kw_inner": "p"}
    later = {"index": 0, "x_kw_note": "b", "x_kw_n": 2, "function": {"arguments": "{}", "x_kw_inner": "q"}}
    deltas = [{"tool_calls": [first]}, {"tool_calls": [later]}]
    expected = sdk_accumulated(deltas)["tool_calls"][0]  # type: ignore[index]
    call = aggregated(deltas)["tool_calls"][0]
    assert (call["x_kw_note"], call["x_kw_n"], call["function"]["x_kw_inner"]) == ("ab", 3, "pq")
    assert call == {k: v for k, v in expected.items() if k != "index"}
