"""Delta templates (``kindo_wire.stream_plain``): a shortcut that must never change an answer.

The Chat and Responses decoders learn the shape of a text chunk they parsed and read the next
ones by it without parsing. Whatever the stream, the client must get the same bytes and losses
with templates as without them (``PlainDelta.learn`` patched to learn nothing): on every recorded
stream (OpenAI's real spelling, with its ``obfuscation`` noise) and on generated streams in kw's
spelling and in OpenAI's. The templates must also be used, or these tests prove nothing: the
recorded streams must be read mostly by template.
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
SOURCES = ("chat", "responses")
STREAMS = [e for e in exchanges() if e.stream is not None and e.api in SOURCES]


@contextmanager
def no_templates() -> Iterator[None]:
    with mock.patch.object(PlainDelta, "learn", classmethod(lambda cls, *args, **kwargs: None)):
        yield


@contextmanager
def counting(reads: list[bool]) -> Iterator[None]:
    """Records, per template read, whether the template gave the text."""
    real = PlainDelta.read

    def read(self: PlainDelta, data: str, number: int) -> str | None:
        text = real(self, data, number)
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
    both_ways(exchange.stream.encode(), exchange.api, target)


def template_reads(raws: list[bytes], source: str) -> list[bool]:
    reads: list[bool] = []
    with counting(reads):
        for raw in raws:
            transcode(raw, source, "messages")
    return reads


def test_recorded_responses_streams_are_mostly_read_by_template() -> None:
    reads = template_reads([e.stream.encode() for e in STREAMS if e.api == "responses"], "responses")
    assert len(reads) > 500
    assert sum(reads) / len(reads) > 0.9  # misses: text with escapes, a part's last delta


# -- generated streams, in kw's spelling and in OpenAI's ----------------------------------------


def openai_spelling(stream: bytes, api: str, seed: int) -> bytes:
    """The events as OpenAI writes them: Responses keys sorted after ``type``, and a random
    ``obfuscation`` string on every delta event / chunk (the last key of a Chat chunk)."""
    noise = random.Random(seed)
    events = []
    for name, payload in parse(stream):
        if isinstance(payload, dict) and (api == "chat" or name.endswith(".delta")):
            spelled = dict(payload)
            if api == "responses":
                spelled = {"type": spelled.pop("type"), **dict(sorted(spelled.items()))}
            letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            spelled["obfuscation"] = "".join(noise.choices(letters, k=noise.randint(0, 16)))
            events.append((name, spelled))
        else:
            events.append((name, payload))
    return encode(events)


@given(st.sampled_from(SOURCES), st.sampled_from(APIS), st.data())
def test_generated_streams_give_the_same_bytes_with_and_without_templates(
    source: str, target: str, data: st.DataObject
) -> None:
    _body, stream = data.draw(streams[source])
    both_ways(stream, source, target)
    both_ways(openai_spelling(stream, source, data.draw(st.integers(0, 2**16))), source, target)


# -- the template itself ------------------------------------------------------------------------

OPENAI_DELTA = (
    '{"type":"response.output_text.delta","content_index":0,"delta":"%s","item_id":"msg_1",'
    '"logprobs":[],"obfuscation":"%s","output_index":0,"sequence_number":%d}'
)
KW_DELTA = (
    '{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,'
    '"delta":"%s","logprobs":[],"sequence_number":%d}'
)
CHAT_CHUNK = (
    '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",'
    '"choices":[{"index":0,"delta":{"content":"%s"},"logprobs":null,"finish_reason":null}],'
    '"usage":null,"obfuscation":"%s"}'
)
RESPONSES = {"text": ("delta",), "noise": "obfuscation", "number": "sequence_number"}
CHAT = {"text": ("choices", 0, "delta", "content"), "noise": "obfuscation"}


def learned(data: str, **where: Any) -> PlainDelta | None:
    return PlainDelta.learn(json.loads(data), data, **where)


def test_openai_responses_deltas_are_read_with_any_noise_and_the_next_number() -> None:
    template = learned(OPENAI_DELTA % ("Hi", "abc", 4), **RESPONSES)
    assert template is not None and template.numbered
    assert template.read(OPENAI_DELTA % (" there", "", 5), 5) == " there"
    assert template.read(OPENAI_DELTA % ("é漢😀", "Zz09xQ", 6), 6) == "é漢😀"
    assert template.read(OPENAI_DELTA % ("", "q", 7), 7) == ""


def test_a_number_before_the_text_is_read() -> None:
    # OpenAI's other spelling (recorded in pydantic-ai's fixtures): the number second, the noise last
    numbered_first = (
        '{"type":"response.output_text.delta","sequence_number":%d,"item_id":"msg_1","output_index":1,'
        '"content_index":0,"delta":"%s","logprobs":[],"obfuscation":"%s"}'
    )
    template = learned(numbered_first % (9, "The", "ccp2"), **RESPONSES)
    assert template is not None
    assert template.read(numbered_first % (10, " cat", "x"), 10) == " cat"
    assert template.read(numbered_first % (10, " cat", "x"), 11) is None
    assert template.read(numbered_first % (100, " cat", "x"), 10) is None  # (not a prefix match)
    middle = '{"type":"response.output_text.delta","delta":"%s","sequence_number":%d,"output_index":0}'
    template = learned(middle % ("Hi", 4), **RESPONSES)
    assert template is not None and template.read(middle % ("yo", 5), 5) == "yo"
    assert template.read(middle % ("yo", 55), 5) is None


def test_kw_responses_deltas_and_chat_chunks_are_read() -> None:
    kw_template = learned(KW_DELTA % ("Hi", 4), **RESPONSES)
    assert kw_template is not None and kw_template.read(KW_DELTA % ("yo", 5), 5) == "yo"
    chat = learned(CHAT_CHUNK % ("Hi", "n0is3"), **CHAT)
    assert chat is not None and not chat.numbered
    assert chat.read(CHAT_CHUNK % ("more", "other"), 0) == "more"
    plain_chat = CHAT_CHUNK.replace(',"obfuscation":"%s"', "")  # older recordings have no noise
    template = learned(plain_chat % "Hi", **CHAT)
    assert template is not None and template.read(plain_chat % "yes", 0) == "yes"
    assert template.read(CHAT_CHUNK % ("yes", "n"), 0) is None  # noise the template has no hole for


@pytest.mark.parametrize(
    "data",
    [
        OPENAI_DELTA % ("Hi", "abc", 6),  # not the next number
        OPENAI_DELTA % ("Hi", "abc", 50),
        OPENAI_DELTA % ('a\\"b', "abc", 5),  # an escape in the text: parsed
        OPENAI_DELTA % ("a\\nb", "abc", 5),
        OPENAI_DELTA % ("caf\\u00e9", "abc", 5),
        OPENAI_DELTA % ("\u2028", "abc", 5),  # a character isprintable refuses: parsed
        OPENAI_DELTA % ("Hi", 'a\\"b', 5),  # an escape in the noise
        OPENAI_DELTA % ("Hi", "a\\", 5),  # its quote escaped: the rest is inside the string
        OPENAI_DELTA % ("a\\", "abc", 5),  # the same in the text
        OPENAI_DELTA % ("Hi", "a\tb", 5),  # a raw control character: not JSON
        OPENAI_DELTA % ("a\tb", "abc", 5),
        OPENAI_DELTA % ("Hi", "abc", 5) + " ",  # anything after the object
        (OPENAI_DELTA % ("Hi", "abc", 5)).replace('"msg_1"', '"msg_2"'),  # another item
        (OPENAI_DELTA % ("Hi", "abc", 5)).replace('"output_index":0', '"output_index":1'),
        (OPENAI_DELTA % ("Hi", "abc", 5)).replace('"logprobs":[]', '"logprobs":[{"token":"Hi"}]'),
        (OPENAI_DELTA % ("Hi", "abc", 5)).replace('"delta":', '"delta": '),  # a space
        (OPENAI_DELTA % ("Hi", "abc", 5)).replace("output_text", "refusal"),  # another event type
        (OPENAI_DELTA % ("Hi", "abc", 5))[:-1],  # cut short
        OPENAI_DELTA.split('"delta":"', maxsplit=1)[0] + '"delta":"Hi',  # no end to the text
    ],
)
def test_anything_but_the_template_filled_plainly_is_left_to_the_parser(data: str) -> None:
    template = learned(OPENAI_DELTA % ("Hi", "abc", 4), **RESPONSES)
    assert template is not None
    assert template.read(data, 5) is None


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ((OPENAI_DELTA % ("Hi", "abc", 4)).replace(",", ", "), RESPONSES),  # not orjson's compact form
        # an escape orjson would not write
        ((OPENAI_DELTA % ("Hi", "abc", 4)).replace("Hi", "\\u0048i"), RESPONSES),
        (  # the noise before the text
            '{"type":"response.output_text.delta","obfuscation":"x","delta":"Hi","sequence_number":4}',
            RESPONSES,
        ),
        ((OPENAI_DELTA % ("Hi", "abc", 4)).replace("msg_1", "@kw:text@"), RESPONSES),  # a stand-in inside
        (CHAT_CHUNK % ("Hi", "n"), {"text": ("choices", 0, "delta", "refusal")}),  # no text there
    ],
)
def test_no_template_is_learned_from_what_it_could_not_read_back(data: str, where: dict[str, Any]) -> None:
    assert learned(data, **where) is None


# -- the decoders' bookkeeping around a template ---------------------------------------------------


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
    reads = template_reads([raw], "chat")
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
