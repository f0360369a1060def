"""The SSE codec against the WHATWG event-stream rules, the recorded streams, and random input."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kindo_wire.errors import StreamError, WireError
from kindo_wire.sse import ServerSentEvent, SSEDecoder, encode_all, encode_comment, encode_event
from kindo_wire.sse.decoder import FrameDecoder, PassDecoder, Passed
from kindo_wire.sse.encoder import encode_passed
from tests.traffic import exchanges

STREAMS = [e for e in exchanges() if e.stream is not None]


def decode(data: bytes, **options: object) -> list[ServerSentEvent]:
    decoder = SSEDecoder(**options)  # type: ignore[arg-type]
    return decoder.feed(data) + decoder.close()


def decode_split(data: bytes, cuts: list[int]) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    start = 0
    for cut in sorted(set(cuts)):
        events += decoder.feed(data[start:cut])
        start = cut
    return events + decoder.feed(data[start:]) + decoder.close()


def datas(events: list[ServerSentEvent]) -> list[str]:
    return [e.data for e in events]


# -- the rules of the standard, one by one ----------------------------------------------------


def test_multiline_data_joins_with_lf() -> None:
    # The standard's first example: three data lines, one event.
    assert datas(decode(b"data: YHOO\ndata: +2\ndata: 10\n\n")) == ["YHOO\n+2\n10"]


def test_empty_data_lines_and_unterminated_final_event() -> None:
    # The standard's example: "data" alone is a field with an empty value; the last block has no
    # blank line after it, so it is discarded.
    decoder = SSEDecoder()
    events = decoder.feed(b"data\n\ndata\ndata\n\ndata:") + decoder.close()
    assert datas(events) == ["", "\n"]
    assert decoder.discarded_tail


def test_one_leading_space_is_stripped() -> None:
    assert datas(decode(b"data:test\n\ndata: test\n\ndata:  test\n\n")) == ["test", "test", " test"]


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"])
def test_every_line_ending(eol: bytes) -> None:
    raw = eol.join([b"event: add", b"data: 1", b"data: 2", b"", b"data: 3", b"", b""])
    events = decode(raw)
    assert [(e.event, e.data) for e in events] == [("add", "1\n2"), (None, "3")]


def test_crlf_split_across_feeds_is_one_line_end() -> None:
    decoder = SSEDecoder()
    # If the LF after the CR were taken as an empty line, "data: a" would dispatch early and
    # "data: b" would be a second event.
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"\ndata: b\r") == []
    assert datas(decoder.feed(b"\n\r\n")) == ["a\nb"]


def test_comments_are_ignored_unless_kept() -> None:
    raw = b": keep-alive\n\ndata: x\n:inline\n\n"
    assert decode(raw) == [ServerSentEvent(data="x")]
    kept = decode(raw, keep_comments=True)
    # The inline comment comes before the blank line that dispatches "x".
    assert [e.comment for e in kept] == ["keep-alive", "inline", None]
    assert kept[0].is_comment and not kept[2].is_comment
    assert kept[2] == ServerSentEvent(data="x")


def test_leading_bom_is_dropped_once() -> None:
    bom = "\ufeff".encode()
    assert datas(decode(bom + b"data: a\n\n")) == ["a"]
    # A BOM split across feeds is still the stream's first character.
    decoder = SSEDecoder()
    assert decoder.feed(bom[:1]) == [] and decoder.feed(bom[1:]) == []
    assert datas(decoder.feed(b"data: a\n\n")) == ["a"]
    # A second BOM is content: the line "\ufeffdata: b" names the unknown field "\ufeffdata".
    assert datas(decode(bom + bom + b"data: b\n\n")) == []


def test_id_persists_and_null_id_is_ignored() -> None:
    events = decode(b"id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n")
    assert [(e.id, e.data) for e in events] == [("1", "a"), ("1", "b"), ("1", "c"), ("", "d")]


def test_retry_only_when_all_digits() -> None:
    decoder = SSEDecoder()
    events = decoder.feed(b"retry: 1500\ndata: a\n\nretry: 15s\ndata: b\n\nretry: 2000\n\n")
    assert [(e.data, e.retry) for e in events] == [("a", 1500), ("b", None)]
    assert decoder.retry == 2000  # set even though that block dispatched nothing


def test_event_without_data_is_not_dispatched_and_unknown_fields_ignored() -> None:
    assert decode(b"event: ping\n\nfoo: bar\ndata: x\n\n") == [ServerSentEvent(data="x")]


def test_multibyte_utf8_split_at_every_byte() -> None:
    raw = "data: héllo €𝄞\n\n".encode()
    for cut in range(len(raw) + 1):
        assert datas(decode_split(raw, [cut])) == ["héllo €𝄞"]


def test_invalid_utf8_is_replaced_or_refused() -> None:
    assert datas(decode(b"data: \xff\n\n")) == ["\ufffd"]
    with pytest.raises(StreamError):
        decode(b"data: \xff\n\n", strict_utf8=True)
    with pytest.raises(StreamError):
        decode(b"data: \xe2\x82", strict_utf8=True)  # truncated code point at end of stream


def test_oversized_line_is_refused_without_buffering_it() -> None:
    decoder = SSEDecoder(max_event_size=1000)
    decoder.feed(b"data: " + b"x" * 900)
    with pytest.raises(StreamError, match="1000"):
        for _ in range(10):
            decoder.feed(b"x" * 100)
    with pytest.raises(StreamError):  # the decoder stays failed
        decoder.feed(b"\n\n")


def test_oversized_event_made_of_many_lines_is_refused() -> None:
    decoder = SSEDecoder(max_event_size=1000)
    with pytest.raises(StreamError):
        decoder.feed(b"data: 0123456789\n" * 200)


def test_events_under_the_limit_pass() -> None:
    decoder = SSEDecoder(max_event_size=1000)
    # Many small events add up to far more than the limit: only one event counts at a time.
    assert len(decoder.feed(b"data: 0123456789\n\n" * 500)) == 500


def test_memory_stays_flat_over_a_long_stream() -> None:
    # 32 MB of events through one decoder: what it holds is one event, not the stream.
    chunk = b"".join(b'data: {"i": %d, "pad": "%s"}\n\n' % (i, b"x" * 900) for i in range(64))
    decoder = SSEDecoder()
    tracemalloc.start()
    try:
        for _ in range(500):
            for event in decoder.feed(chunk):
                del event
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * len(chunk) + 256 * 1024


def test_encoder_writes_the_canonical_form() -> None:
    assert encode_event('{"a":1}', "message_start") == b'event: message_start\ndata: {"a":1}\n\n'
    assert encode_event("a\nb") == b"data: a\ndata: b\n\n"
    assert encode_event("x", id="7", retry=10) == b"id: 7\nretry: 10\ndata: x\n\n"
    assert encode_comment("keep-alive") == b": keep-alive\n\n"
    with pytest.raises(ValueError):
        encode_event("x", "bad\nname")


# -- the recorded streams ------------------------------------------------------------------------


@pytest.mark.parametrize("exchange", STREAMS, ids=lambda e: e.name)
def test_recorded_stream_byte_by_byte_equals_whole(exchange) -> None:  # type: ignore[no-untyped-def]
    raw = exchange.stream.encode()
    whole = decode(raw)
    assert whole, "every recorded stream has events"
    assert decode_split(raw, list(range(len(raw)))) == whole
    # Re-encoding gives a stream that decodes to the same events.
    assert decode(encode_all(whole)) == whole


def test_recorded_stream_count() -> None:
    assert len(STREAMS) == 56


@given(data=st.data())
def test_recorded_stream_any_split_equals_whole(data: st.DataObject) -> None:
    exchange = data.draw(st.sampled_from(STREAMS))
    raw = exchange.stream.encode()
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=40))
    assert decode_split(raw, cuts) == decode(raw)


# -- properties over generated input -------------------------------------------------------------

line_text = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"]))
one_line = line_text.filter(lambda s: s != "")


@st.composite
def events(draw: st.DrawFn) -> ServerSentEvent:
    if draw(st.booleans()) and draw(st.booleans()):
        return ServerSentEvent(comment=draw(line_text))
    data = "\n".join(draw(st.lists(line_text, min_size=1, max_size=4)))
    event = draw(st.none() | one_line)
    ident = draw(st.none() | line_text.filter(lambda s: "\0" not in s))
    retry = draw(st.none() | st.integers(0, 10**9))
    return ServerSentEvent(data=data, event=event, id=ident, retry=retry)


@given(st.lists(events(), max_size=8), st.data())
def test_encode_then_decode_is_identity(sent: list[ServerSentEvent], data: st.DataObject) -> None:
    raw = encode_all(sent)
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=10))
    decoder = SSEDecoder(keep_comments=True)
    got: list[ServerSentEvent] = []
    start = 0
    for cut in sorted(set(cuts)):
        got += decoder.feed(raw[start:cut])
        start = cut
    got += decoder.feed(raw[start:]) + decoder.close()
    # The id of an event without one is the stream's last id, as the standard says.
    expected, last_id = [], None
    for e in sent:
        if e.comment is None:
            last_id = e.id if e.id is not None else last_id
            expected.append(ServerSentEvent(data=e.data, event=e.event, id=last_id, retry=e.retry))
        else:
            expected.append(e)
    assert got == expected
    assert not decoder.discarded_tail


@given(st.binary(max_size=2000), st.lists(st.integers(0, 2000), max_size=20), st.booleans())
def test_arbitrary_bytes_decode_or_raise_a_kw_error(raw: bytes, cuts: list[int], strict: bool) -> None:
    decoder = SSEDecoder(max_event_size=256, strict_utf8=strict)
    try:
        start = 0
        for cut in sorted({min(c, len(raw)) for c in cuts}):
            for event in decoder.feed(raw[start:cut]):
                assert len(event.data) <= 256
            start = cut
        decoder.feed(raw[start:])
        decoder.close()
    except WireError:
        pass  # the only exception allowed


# -- FrameDecoder: the transcoders' (name, data) reader must read what SSEDecoder reads ----------

# Lines of the shapes a stream has, and the near-misses of the named-event shape the FrameDecoder
# reads by regex: no space after the colon, an empty name, a second data line, ids and comments.
sse_line = (
    st.sampled_from(
        [
            "event: a",
            "event: content_block_delta",
            "data: {}",
            'data: {"x":1}',
            "data: ",
            "data:x",
            "event:",
            "event: ",
            "id: 7",
            ": ping",
            "retry: 10",
            "",
        ]
    )
    | line_text.map(lambda s: "data: " + s)
    | line_text.map(lambda s: "event: " + s)
)
# An event is a few lines and a blank one, so that whole named events are common.
sse_block = st.lists(sse_line, min_size=1, max_size=3).map(lambda lines: [*lines, ""])


def frames_of(data: bytes, cuts: list[int], **options: object) -> list[tuple[str | None, str | None]]:
    decoder = FrameDecoder(**options)  # type: ignore[arg-type]
    got: list[tuple[str | None, str | None]] = []
    start = 0
    for cut in sorted({min(c, len(data)) for c in cuts}):
        got += decoder.feed(data[start:cut])
        start = cut
    return got + decoder.feed(data[start:]) + decoder.close()


@given(
    st.lists(sse_block, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.integers(0, 600), max_size=6),
)
# each near-miss of the named shape once for sure: an empty name, no space, a second data line
@example([["event: ", "data: x", ""], ["event:", "data: y", ""], ["event: a", "data:x", ""]], "\n", [])
@example([["event: a", "data: 1", "data: 2", ""], ["event: b", "id: 1", "data: 3", ""]], "\n", [])
def test_frames_are_the_events_name_and_data(blocks: list[list[str]], eol: str, cuts: list[int]) -> None:
    raw = "".join(line + eol for block in blocks for line in block).encode()
    expected = [
        (None, None) if e.comment is not None else (e.event, e.data) for e in decode(raw, keep_comments=True)
    ]
    assert frames_of(raw, [], keep_comments=True) == expected  # whole: named runs read by the regex
    assert frames_of(raw, cuts, keep_comments=True) == expected  # split: line by line where cut


def test_frames_refuse_an_oversized_named_event_whole_or_split() -> None:
    raw = b"event: a\ndata: " + b"x" * 100 + b"\n\n"
    for cuts in ([], [5], [20, 60]):
        with pytest.raises(StreamError, match="limit"):
            frames_of(raw, cuts, max_event_size=64)
    assert frames_of(raw, [], max_event_size=200) == [("a", "x" * 100)]


# -- PassDecoder: the same-API transcoder's reader must pass on what SSEDecoder + encode would ---


def passed_bytes(data: bytes, cuts: list[int], **options: object) -> bytes:
    decoder = PassDecoder(keep_comments=True, **options)  # type: ignore[arg-type]
    got: list[Passed] = []
    start = 0
    for cut in sorted({min(c, len(data)) for c in cuts}):
        got += decoder.feed(data[start:cut])
        start = cut
    got += decoder.feed(data[start:]) + decoder.close()
    assert [e if type(e) is tuple else None for e in got] == [  # a pair holds no id, retry or comment
        (e.event, e.data) if (e.id, e.retry, e.comment) == (None, None, None) and "\n" not in e.data else None
        for e in decode(data, keep_comments=True)
    ]
    return encode_passed(got)


@given(
    st.lists(sse_block, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.integers(0, 600), max_size=6),
)
# an id in the middle of a named run, whole and split: every later event carries it
@example([["event: a", "data: 1", ""], ["id: 7", "data: 2", ""], ["event: b", "data: 3", ""]], "\n", [])
@example([["event: a", "data: 1", ""], ["id: 7", "data: 2", ""], ["event: b", "data: 3", ""]], "\n", [20])
@example([["retry: 10", "event: a", "data: 1", ""], [": ping", ""], ["data: x", "data: y", ""]], "\n", [])
def test_passed_events_are_written_back_as_sse_decoder_and_encode_write_them(
    blocks: list[list[str]], eol: str, cuts: list[int]
) -> None:
    raw = "".join(line + eol for block in blocks for line in block).encode()
    expected = encode_all(decode(raw, keep_comments=True))
    assert passed_bytes(raw, []) == expected
    assert passed_bytes(raw, cuts) == expected


def test_recorded_streams_pass_through_as_they_came() -> None:
    """The recorded streams are in the canonical form: passed on, they are the bytes they were."""
    for exchange in STREAMS:
        raw = exchange.stream.encode()  # type: ignore[union-attr]
        assert passed_bytes(raw, []) == raw, exchange.path.name
