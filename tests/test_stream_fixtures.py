"""Every recorded stream, transcoded to every API: split invariance, stream/non-stream agreement,
broken upstreams, replay, and the gateway's view (ARCHITECTURE.md §3 invariants 4 and 5)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stream_compare import normalized
from traffic import Exchange, exchanges

import kindo_wire as kw
from kindo_wire.sse import SSEDecoder

APIS = ("chat", "messages", "responses")
STREAMS = [e for e in exchanges() if e.stream is not None]
ERROR_STREAM = "chat/pydantic-ai__tool_use_failed_error_streaming__0"
GOOD = [e for e in STREAMS if e.name != ERROR_STREAM]
CASES = [pytest.param(e, t, id=f"{e.name}->{t}") for e in STREAMS for t in APIS]
GOOD_CASES = [pytest.param(e, t, id=f"{e.name}->{t}") for e in GOOD for t in APIS]


def transcode(raw: bytes, source: str, target: str, splits: list[int] | None = None) -> bytes:
    t = kw.StreamTranscoder(source=source, target=target)
    if splits is None:
        out = t.feed(raw)
    else:
        out, last = b"", 0
        for cut in [*sorted(splits), len(raw)]:
            out += t.feed(raw[last:cut])
            last = cut
    return out + t.close()


def events(out: bytes) -> list[tuple[str | None, str]]:
    decoder = SSEDecoder()
    return [(e.event, e.data) for e in decoder.feed(out) + decoder.close()]


@pytest.mark.parametrize(("exchange", "target"), CASES)
def test_whole_and_byte_by_byte_agree(exchange: Exchange, target: str) -> None:
    raw = exchange.stream.encode() if exchange.stream else b""
    whole = transcode(raw, exchange.api, target)
    t = kw.StreamTranscoder(source=exchange.api, target=target)
    pieces = b"".join(t.feed(raw[i : i + 1]) for i in range(len(raw))) + t.close()
    assert pieces == whole
    assert t.error is None


@given(st.sampled_from(GOOD), st.sampled_from(APIS), st.lists(st.integers(min_value=0), max_size=12))
def test_any_split_gives_the_same_bytes(exchange: Exchange, target: str, cuts: list[int]) -> None:
    raw = exchange.stream.encode() if exchange.stream else b""
    splits = [c % (len(raw) + 1) for c in cuts]
    assert transcode(raw, exchange.api, target, splits) == transcode(raw, exchange.api, target)


@pytest.mark.parametrize(("exchange", "target"), GOOD_CASES)
def test_streaming_and_non_streaming_agree(exchange: Exchange, target: str) -> None:
    """Invariant 4: aggregate(transcode(stream)) == convert_response(aggregate(stream))."""
    raw = exchange.stream.encode() if exchange.stream else b""
    source_body = kw.aggregate_stream(raw, api=exchange.api)
    want = kw.convert_response(source_body, source=exchange.api, target=target)
    t = kw.StreamTranscoder(source=exchange.api, target=target)
    out = t.feed(raw) + t.close()
    assert t.error is None
    expected = normalized(want.body)
    if any(loss.code == "citations_not_streamed" for loss in t.losses):  # reported, so expected
        for choice in expected["choices"]:
            choice["message"]["annotations"] = []
    assert normalized(kw.aggregate_stream(out, api=target)) == expected
    # the stream reports at least what the non-streaming conversion reports
    said = {(loss.pointer, loss.code) for loss in t.losses}
    assert {(loss.pointer, loss.code) for loss in want.losses} <= said


@pytest.mark.parametrize("target", APIS)
def test_an_upstream_error_frame_becomes_the_clients(target: str) -> None:
    exchange = next(e for e in STREAMS if e.name == ERROR_STREAM)
    raw = exchange.stream.encode() if exchange.stream else b""
    out = transcode(raw, "chat", target)
    frames = events(out)
    if target == "responses":
        failed = kw.aggregate_stream(out, api=target)
        assert failed["status"] == "failed"
        assert failed["error"]["message"].startswith("Tool call validation failed")
    else:
        with pytest.raises(kw.StreamError, match="Tool call validation failed"):
            kw.aggregate_stream(out, api=target)
    if target == "chat":  # the upstream's own frame passes through, then the [DONE] it left out
        assert json.loads(frames[-2][1])["error"]["message"].startswith("Tool call validation failed")
        assert frames[-1] == (None, "[DONE]")
    elif target == "messages":
        assert frames[-1][0] == "error"
        assert json.loads(frames[-1][1])["error"]["type"] == "invalid_request_error"
    else:
        assert [name for name, _ in frames[-2:]] == ["error", "response.failed"]
        assert json.loads(frames[-1][1])["response"]["status"] == "failed"


@pytest.mark.parametrize(("exchange", "target"), GOOD_CASES)
def test_a_cut_off_upstream_never_looks_complete(exchange: Exchange, target: str) -> None:
    raw = exchange.stream.encode() if exchange.stream else b""
    t = kw.StreamTranscoder(source=exchange.api, target=target)
    out = t.feed(raw[: len(raw) // 2]) + t.close()
    assert isinstance(t.error, kw.StreamError)
    assert any(loss.code == "stream_broken" for loss in t.losses)
    if target == "responses":  # a failed response is still a response
        assert kw.aggregate_stream(out, api=target)["status"] == "failed"
    else:
        with pytest.raises(kw.StreamError, match="ended in an error"):
            kw.aggregate_stream(out, api=target)


@pytest.mark.parametrize("exchange", GOOD, ids=lambda e: e.name)
def test_same_api_passes_events_through(exchange: Exchange) -> None:
    raw = exchange.stream.encode() if exchange.stream else b""
    out = transcode(raw, exchange.api, exchange.api)
    assert events(out) == events(raw)


@pytest.mark.parametrize("exchange", GOOD, ids=lambda e: e.name)
def test_replaying_an_aggregate_gives_it_back(exchange: Exchange) -> None:
    raw = exchange.stream.encode() if exchange.stream else b""
    body = kw.aggregate_stream(raw, api=exchange.api)
    assert kw.aggregate_stream(kw.stream_response(body, api=exchange.api), api=exchange.api) == body


RESPONSES = [e for e in exchanges() if e.stream is None and e.status == 200 and isinstance(e.response, dict)]


@pytest.mark.parametrize("exchange", RESPONSES, ids=lambda e: e.name)
def test_replaying_a_recorded_response_gives_it_back(exchange: Exchange) -> None:
    body = exchange.response
    again = kw.aggregate_stream(kw.stream_response(body, api=exchange.api), api=exchange.api)
    if exchange.api == "chat":  # the aggregate always has the keys a streamed answer can have
        for choice in body["choices"]:
            choice.setdefault("logprobs", None)
            for key, empty in (("refusal", None), ("annotations", [])):
                choice["message"].setdefault(key, empty)
    assert again == body
