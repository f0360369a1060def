"""Chat chunk templates (``kindo_wire.stream_plain``): a shortcut that must never change an answer.

The Chat decoder learns the shape of a text chunk it parsed and reads the next ones by it
without parsing. Whatever the stream, the client must get the same bytes and losses with
templates as without them (``PlainDelta.learn`` patched to learn nothing): on every recorded
stream (OpenAI's real spelling, with its ``obfuscation`` noise) and on generated streams in kw's
spelling and in OpenAI's. The templates must also be used, or these tests prove nothing: a long
answer must be read by template but for the chunks that need the parser.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from traffic import exchanges

import kindo_wire as kw
from kindo_wire.stream_plain import PlainDelta
from tests.stream_strategies import encode, parse, streams

APIS = ("chat", "messages", "responses")
STREAMS = [e for e in exchanges() if e.stream is not None and e.api == "chat"]


@contextmanager
def no_templates() -> Iterator[None]:
    with mock.patch.object(PlainDelta, "learn", classmethod(lambda cls, *args, **kwargs: None)):
        yield


@contextmanager
def counting(reads: list[bool]) -> Iterator[None]:
    """Records, per template read, whether the template gave the text."""
    real = PlainDelta.read

    def read(self: PlainDelta, data: str) -> str | None:
        text = real(self, data)
        reads.append(text is not None)
        return text

    with mock.patch.object(PlainDelta, "read", read):
        yield


def transcode(raw: bytes, source: str, target: str) -> tuple[bytes, list[str], str | None]:
    t = kw.StreamTranscoder(source=source, target=target)
    out = t.feed(raw) + t.close()
    return out, [f"{loss.code}@{loss.pointer}" for loss in t.losses], t.error and t.error.message


def both_ways(raw: bytes, source: str, target: str) -> None:
    with_templates = transcode(raw, source, target)
    with no_templates():
        assert transcode(raw, source, target) == with_templates


# -- recorded streams ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", APIS)
@pytest.mark.parametrize("exchange", STREAMS, ids=lambda e: e.name)
def test_recorded_streams_give_the_same_bytes_with_and_without_templates(exchange: Any, target: str) -> None:
    both_ways(exchange.stream.encode(), "chat", target)


def template_reads(raw: bytes) -> list[bool]:
    reads: list[bool] = []
    with counting(reads):
        transcode(raw, "chat", "messages")
    return reads


# -- generated streams, in kw's spelling and in OpenAI's ------------------------------------------


def openai_spelling(stream: bytes, seed: int) -> bytes:
    """The chunks as OpenAI writes them now: a random ``obfuscation`` string last in each."""
    noise = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    events = []
    for name, payload in parse(stream):
        if isinstance(payload, dict):
            noisy = {**payload, "obfuscation": "".join(noise.choices(letters, k=noise.randint(0, 16)))}
            events.append((name, noisy))
        else:
            events.append((name, payload))
    return encode(events)


@given(st.sampled_from(APIS), st.data())
def test_generated_streams_give_the_same_bytes_with_and_without_templates(
    target: str, data: st.DataObject
) -> None:
    _body, stream = data.draw(streams["chat"])
    both_ways(stream, "chat", target)
    both_ways(openai_spelling(stream, data.draw(st.integers(0, 2**16))), "chat", target)


# -- the template itself ------------------------------------------------------------------------

CHAT_CHUNK = (
    '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",'
    '"choices":[{"index":0,"delta":{"content":"%s"},"logprobs":null,"finish_reason":null}],'
    '"usage":null,"obfuscation":"%s"}'
)
NO_NOISE = CHAT_CHUNK.replace(',"obfuscation":"%s"', "")  # as OpenAI wrote chunks before 2025
CONTENT = ("choices", 0, "delta", "content")


def learned(
    data: str, at: tuple[str | int, ...] = CONTENT, noise: str | None = "obfuscation"
) -> PlainDelta | None:
    return PlainDelta.learn(json.loads(data), data, at, noise)


def test_chunks_are_read_with_any_noise() -> None:
    template = learned(CHAT_CHUNK % ("Hi", "n0is3"))
    assert template is not None
    assert template.read(CHAT_CHUNK % (" there", "")) == " there"
    assert template.read(CHAT_CHUNK % ("é漢😀", "Zz09xQ")) == "é漢😀"
    assert template.read(CHAT_CHUNK % ("", "q")) == ""


def test_chunks_without_noise_and_tool_arguments_are_read() -> None:
    template = learned(NO_NOISE % "Hi")
    assert template is not None and template.read(NO_NOISE % "yes") == "yes"
    assert template.read(CHAT_CHUNK % ("yes", "n")) is None  # noise the template has no hole for
    call = CHAT_CHUNK.replace(
        '{"content":"%s"}', '{"tool_calls":[{"index":0,"function":{"arguments":"%s"}}]}'
    )
    template = learned(
        call % ('{\\"a', "x"), ("choices", 0, "delta", "tool_calls", 0, "function", "arguments")
    )
    assert template is not None
    assert template.read(call % ("1, 2", "yz")) == "1, 2"
    assert template.read(call % ('\\"}', "yz")) is None  # escaped quotes: parsed


@pytest.mark.parametrize(
    "data",
    [
        CHAT_CHUNK % ('a\\"b', "abc"),  # an escape in the text: parsed
        CHAT_CHUNK % ("a\\nb", "abc"),
        CHAT_CHUNK % ("caf\\u00e9", "abc"),
        CHAT_CHUNK % ("\u2028", "abc"),  # a character isprintable refuses: parsed
        CHAT_CHUNK % ("Hi", 'a\\"b'),  # an escape in the noise
        CHAT_CHUNK % ("Hi", "a\\"),  # its quote escaped: the rest is inside the string
        CHAT_CHUNK % ("a\\", "abc"),  # the same in the text
        CHAT_CHUNK % ("Hi", "a\tb"),  # a raw control character: not JSON
        CHAT_CHUNK % ("a\tb", "abc"),
        CHAT_CHUNK % ("Hi", "abc") + " ",  # anything after the object
        (CHAT_CHUNK % ("Hi", "abc")).replace('"index":0', '"index":1'),  # another choice
        (CHAT_CHUNK % ("Hi", "abc")).replace('"model":"gpt-4o"', '"model":"gpt-4o-mini"'),
        (CHAT_CHUNK % ("Hi", "abc")).replace('"logprobs":null', '"logprobs":{"content":[]}'),
        (CHAT_CHUNK % ("Hi", "abc")).replace('"finish_reason":null', '"finish_reason":"stop"'),
        (CHAT_CHUNK % ("Hi", "abc")).replace('"content":', '"content": '),  # a space
        (CHAT_CHUNK % ("Hi", "abc")).replace('"content"', '"refusal"'),  # another part
        (CHAT_CHUNK % ("Hi", "abc"))[:-1],  # cut short
        CHAT_CHUNK.split('"content":"', maxsplit=1)[0] + '"content":"Hi',  # no end to the text
    ],
)
def test_anything_but_the_template_filled_plainly_is_left_to_the_parser(data: str) -> None:
    template = learned(CHAT_CHUNK % ("Hi", "abc"))
    assert template is not None
    assert template.read(data) is None


@pytest.mark.parametrize(
    ("data", "at", "noise"),
    [
        ((CHAT_CHUNK % ("Hi", "abc")).replace(",", ", "), CONTENT, "obfuscation"),  # not compact
        # an escape orjson would not write
        ((CHAT_CHUNK % ("Hi", "abc")).replace("Hi", "\\u0048i"), CONTENT, "obfuscation"),
        ('{"obfuscation":"x","choices":[{"delta":{"content":"Hi"}}]}', CONTENT, "obfuscation"),  # noise first
        ((CHAT_CHUNK % ("Hi", "abc")).replace("gpt-4o", "@kw:text@"), CONTENT, "obfuscation"),  # a stand-in
        (CHAT_CHUNK % ("Hi", "n"), ("choices", 0, "delta", "refusal"), "obfuscation"),  # no text there
        (CHAT_CHUNK % ("Hi", "n"), ("choices", 0, "delta", "content", 0), "obfuscation"),  # not a container
    ],
)
def test_no_template_is_learned_from_what_it_could_not_read_back(
    data: str, at: tuple[str | int, ...], noise: str
) -> None:
    assert learned(data, at, noise) is None


# -- the decoder's bookkeeping around a template -----------------------------------------------------


def role_chunk(index: int = 0) -> str:
    return (
        (CHAT_CHUNK % ("", "r"))
        .replace('{"content":""}', '{"role":"assistant","content":""}')
        .replace('"index":0', f'"index":{index}')
    )


def end_chunk(index: int = 0) -> str:
    chunk = (CHAT_CHUNK % ("", "e")).replace('{"content":""}', "{}").replace('"index":0', f'"index":{index}')
    return chunk.replace('"finish_reason":null', '"finish_reason":"stop"')


def chat_stream(*chunks: str) -> bytes:
    return "".join(f"data: {c}\n\n" for c in (role_chunk(), *chunks, end_chunk(), "[DONE]")).encode()


def test_a_chat_field_that_changes_mid_part_is_aggregated_as_without_templates() -> None:
    # the text chunks carry a system_fingerprint, the finish chunk none: its last value is the
    # last text chunk's, which a template read (skipping the chunk's fields) must not lose
    fingerprinted = CHAT_CHUNK.replace('"model":"gpt-4o",', '"model":"gpt-4o","system_fingerprint":"fp_1",')
    changed = (fingerprinted % ("b\\n", "x")).replace("fp_1", "fp_2")  # parsed: it has an escape
    # (the first text chunk opens the part, the second teaches the template)
    texts = [fingerprinted % ("a", "x"), fingerprinted % ("a", "w"), changed]
    raw = chat_stream(*texts, fingerprinted % ("c", "y"), fingerprinted % ("d", "z"))
    with_templates = kw.aggregate_stream(raw, api="chat")
    with no_templates():
        assert kw.aggregate_stream(raw, api="chat") == with_templates
    assert with_templates["system_fingerprint"] == "fp_1"  # the last chunk that has it says fp_1
    assert with_templates["choices"][0]["message"]["content"] == "aab\ncd"
    for target in APIS:
        both_ways(raw, "chat", target)


def test_interleaved_chat_choices_are_read_as_without_templates() -> None:
    second = CHAT_CHUNK.replace('"index":0', '"index":1')
    chunks = [role_chunk(1)]
    for i in range(6):
        chunks += [CHAT_CHUNK % (f"a{i}", "n"), second % (f"b{i}", "m")]
    raw = chat_stream(*chunks, end_chunk(1))
    body = kw.aggregate_stream(raw, api="chat")
    assert [c["message"]["content"] for c in body["choices"]] == [
        "".join(f"a{i}" for i in range(6)),
        "".join(f"b{i}" for i in range(6)),
    ]
    for target in APIS:
        both_ways(raw, "chat", target)


def test_a_long_chat_answer_is_mostly_read_by_template() -> None:
    words = [f" w{i}" for i in range(200)] + [" a\\nb"] + [f" v{i}" for i in range(50)]
    noise = random.Random(7)
    raw = chat_stream(*(CHAT_CHUNK % (word, "x" * noise.randint(0, 9)) for word in words))
    reads = template_reads(raw)
    # the first text chunk opens the part, the second teaches the template, which then reads
    # every later chunk: it gives the text of all but the escaped one and the finish chunk
    assert len(reads) == len(words) - 1
    assert sum(reads) == len(words) - 3
    assert kw.aggregate_stream(raw, api="chat")["choices"][0]["message"]["content"] == "".join(
        word.replace("\\n", "\n") for word in words
    )
    for target in APIS:
        both_ways(raw, "chat", target)


@pytest.mark.parametrize("bad", ['a"b', "a\tb"])
def test_a_broken_lookalike_of_a_template_breaks_the_stream(bad: str) -> None:
    raw = chat_stream(CHAT_CHUNK % ("a", "x"), CHAT_CHUNK % (bad, "y"))
    t = kw.StreamTranscoder(source="chat", target="messages")
    out = t.feed(raw) + t.close()
    assert t.error is not None and "not JSON" in t.error.message
    names = [line[7:] for line in out.split(b"\n") if line.startswith(b"event: ")]
    assert names[-1] == b"error" and b"message_stop" not in names  # no ending that looks complete
