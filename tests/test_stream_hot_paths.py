"""The transcoders' hot paths give what their general forms give.

The Anthropic decoder's plain-delta path reads exactly what the JSON parser reads:
``MessagesStreamDecoder.event`` takes a ``content_block_delta`` written compactly, keys in
Anthropic's order, whose string needs no escape, without parsing it (the string's characters are
the text). Every other spelling of the same event is parsed. So a stream and the same stream
written in any other JSON spelling (spaces, ``\\u`` escapes, other key order) must give the client
the same bytes, and a near-miss of the plain form must be read as the parser reads it.

The Responses encoder writes the first sequence numbers from a table and formats the rest: both
must count on without a gap.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from tests.stream_peers_helpers import am_end, am_start, sse
from tests.stream_strategies import parse, streams

DELTA = "content_block_delta"
TARGETS = ("chat", "responses")  # (to messages, the events pass through as they came)


def respell(stream: bytes, **dump_options: Any) -> bytes:
    """The same events, each payload written by ``json.dumps(**dump_options)``."""
    out = []
    for name, payload in parse(stream):
        out.append(f"event: {name}\ndata: {json.dumps(payload, **dump_options)}\n\n")
    return "".join(out).encode()


def reversed_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(value)}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


def transcode(stream: bytes, target: str) -> tuple[bytes, tuple[kw.Loss, ...]]:
    transcoder = kw.StreamTranscoder(source="messages", target=target)
    out = transcoder.feed(stream) + transcoder.close()
    return out, transcoder.losses


@given(streams["messages"], st.sampled_from(TARGETS))
def test_any_spelling_of_a_stream_gives_the_same_client_bytes(
    body_stream: tuple[dict[str, Any], bytes], target: str
) -> None:
    _body, stream = body_stream
    expected = transcode(stream, target)
    spaced = respell(stream, ensure_ascii=False, separators=(", ", ": "))
    escaped = respell(stream, ensure_ascii=True, separators=(",", ":"))
    assert transcode(spaced, target) == expected
    assert transcode(escaped, target) == expected
    # as the API writes them: compact, padded with spaces before the last brace
    padded = "".join(
        f"event: {name}\ndata: {json.dumps(payload, separators=(',', ':'))[:-1]}{' ' * len(name)}}}\n\n"
        for name, payload in parse(stream)
    ).encode()
    assert transcode(padded, target) == expected
    # the deltas' keys in another order (other events carry blocks kept byte-exact, key order and all)
    shuffled = "".join(
        f"event: {name}\ndata: {json.dumps(reversed_keys(payload) if name == DELTA else payload)}\n\n"
        for name, payload in parse(stream)
    ).encode()
    assert transcode(shuffled, target) == expected


def delta_stream(*deltas: str) -> bytes:
    """A one-text-block stream whose content_block_delta data lines are given verbatim."""
    block = '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'
    return (
        am_start()
        + sse("content_block_start", block)
        + "".join(sse(DELTA, delta) for delta in deltas)
        + sse("content_block_stop", '{"type":"content_block_stop","index":0}')
        + am_end()
    ).encode()


PLAIN = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"'


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (PLAIN + 'Hi"}}', "Hi"),  # the plain form itself
        (PLAIN + '"}}', ""),  # an empty fragment
        (PLAIN + 'a\\"b"}}', 'a"b'),  # an escaped quote: parsed
        (PLAIN + 'a\\\\b"}}', "a\\b"),  # an escaped backslash: parsed
        (PLAIN + 'caf\\u00e9"}}', "café"),  # a \u escape: parsed
        (PLAIN + 'é漢😀"}}', "é漢😀"),  # non-ASCII as it comes: plain
        (PLAIN + '\u2028"}}', "\u2028"),  # a character that is not printable: parsed
        (PLAIN + 'Hi"}        }', "Hi"),  # padded as the API pads it: plain
        (PLAIN + 'Hi "} \t }', "Hi "),  # padded with a tab
        (PLAIN + 'Hi "  }  }', "Hi "),  # spaces before the inner brace too: parsed
    ],
)
def test_near_misses_of_the_plain_form_read_as_the_parser_reads_them(delta: str, text: str) -> None:
    body = kw.aggregate_stream(delta_stream(delta), api="messages")
    assert body["content"] == [{"type": "text", "text": text}]
    out, _losses = transcode(delta_stream(delta), "chat")
    chat = kw.aggregate_stream(out, api="chat")
    assert (chat["choices"][0]["message"]["content"] or "") == text  # (Chat says null for no text)


@pytest.mark.parametrize(
    "delta",
    [
        PLAIN + 'a"b"}}',  # an unescaped quote inside: not JSON
        PLAIN + 'a\tb"}}',  # a raw control character inside: not JSON
        PLAIN + 'x"}}}',  # one brace too many
        PLAIN + 'x"} }}',  # one brace too many, padded
        PLAIN + 'x"}\u00a0}',  # padded with a space JSON does not allow
        PLAIN + 'x"}\x0b}',  # padded with another one
        PLAIN.replace('"index":0', '"index":1') + 'x"}}',  # another block's index
    ],
)
def test_broken_lookalikes_of_the_plain_form_break_the_stream(delta: str) -> None:
    out, losses = transcode(delta_stream(delta), "responses")
    names = [line[7:] for line in out.split(b"\n") if line.startswith(b"event: ")]
    # the client's error event, then (after closing the open item) its terminal event
    assert names[-1] == b"response.failed" and b"error" in names[:-1]
    assert [loss.code for loss in losses if loss.code == "stream_broken"] == ["stream_broken"]


def test_sequence_numbers_count_on_past_the_cached_ones() -> None:
    many = 5000  # more delta events than the encoder keeps ready-made endings for
    stream = delta_stream(*(PLAIN + f'w{i} "}}}}' for i in range(many)))
    out, _losses = transcode(stream, "responses")
    events = [json.loads(line[6:]) for line in out.split(b"\n") if line.startswith(b"data: ")]
    assert [event["sequence_number"] for event in events] == list(range(len(events)))
    deltas = [event["delta"] for event in events if event["type"] == "response.output_text.delta"]
    assert deltas == [f"w{i} " for i in range(many)]
    assert kw.aggregate_stream(out, api="responses")["output"][0]["content"][0]["text"] == "".join(deltas)
