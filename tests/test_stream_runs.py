"""Runs of fragments (``StreamSink.deltas``, the decoders' ``events``): a batch must mean nothing.

A decoder given a list of frames passes a run of plain fragments of one part to its sink in one
``deltas`` call, and an encoder writes a run in one loop. Whatever the stream and however its
frames are batched, that must be exactly what one ``event`` per frame and one ``delta`` per
fragment give: the same IR calls in the same order (keep-alives where they were), the same client
bytes, the same losses, and nothing read after the frame that ended the stream. The runs must also
happen, or these tests prove nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from traffic import exchanges

from kindo_wire import ir
from kindo_wire.api import Api
from kindo_wire.loss import LossLog
from kindo_wire.sse.decoder import Frame, FrameDecoder
from kindo_wire.stream_transcoder import StreamTranscoder, new_decoder, new_encoder
from tests.stream_strategies import streams

APIS = ("chat", "messages", "responses")
PAYLOADS = Path(__file__).resolve().parent.parent / "benchmarks" / "payloads"
RECORDED = [e for e in exchanges() if e.stream is not None and e.status == 200]

Call = tuple[Any, ...]


class Recorder:
    """A sink writing down every IR call, a run as the ``delta`` calls it stands for."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.runs: list[int] = []  # the length of each ``deltas`` call

    def start(self, header: ir.Header) -> None:
        self.calls.append(("start", header))

    def part_start(self, choice: int, key: int, part: ir.Part) -> None:
        self.calls.append(("part_start", choice, key, part))

    def delta(self, choice: int, key: int, text: str) -> None:
        self.calls.append(("delta", choice, key, text))

    def deltas(self, choice: int, key: int, texts: list[str]) -> None:
        assert texts, "a run is never empty"
        self.runs.append(len(texts))
        self.calls += [("delta", choice, key, text) for text in texts]

    def part_end(self, choice: int, key: int, part: ir.Part) -> None:
        self.calls.append(("part_end", choice, key, part))

    def keep_alive(self) -> None:
        self.calls.append(("keep_alive",))

    def finish(self, response: ir.Response) -> None:
        self.calls.append(("finish", response))

    def fail(self, error: ir.Error) -> None:
        self.calls.append(("fail", error))


def frames_of(raw: bytes) -> list[Frame]:
    decoder = FrameDecoder(keep_comments=True)
    return decoder.feed(raw) + decoder.close()


def one_by_one(api: str, frames: list[Frame]) -> Recorder:
    """The reference: ``event`` per frame, a comment as a keep-alive, stopping at the end."""
    sink = Recorder()
    decoder = new_decoder(Api(api), sink)  # type: ignore[arg-type]
    for name, data in frames:
        if data is None:
            sink.keep_alive()
            continue
        decoder.event(name, data)
        if sink.calls[-1][0] in ("finish", "fail"):
            break
    return sink


def batched(api: str, frames: list[Frame], cuts: list[int]) -> tuple[Recorder, list[bool]]:
    """``events`` over the frames cut into batches at ``cuts``; what each batch returned."""
    sink = Recorder()
    decoder = new_decoder(Api(api), sink)  # type: ignore[arg-type]
    bounds = [0, *sorted({c for c in cuts if 0 < c < len(frames)}), len(frames)]
    ended = []
    for a, b in pairwise(bounds):
        ended.append(decoder.events(frames[a:b]))
        if ended[-1]:
            break
    return sink, ended


def check_decoder(api: str, raw: bytes, cuts: list[int]) -> Recorder:
    frames = frames_of(raw)
    reference = one_by_one(api, frames)
    sink, ended = batched(api, frames, cuts)
    assert sink.calls == reference.calls
    assert ended[-1] is (reference.calls[-1][0] in ("finish", "fail"))
    assert not any(ended[:-1])
    return sink


@pytest.mark.parametrize("exchange", RECORDED, ids=lambda e: e.name)
def test_recorded_streams_decode_the_same_in_one_batch(exchange: Any) -> None:
    assert exchange.stream is not None
    check_decoder(exchange.api, exchange.stream.encode(), [])


@pytest.mark.parametrize("api", APIS)
@given(data=st.data())
def test_generated_streams_decode_the_same_in_any_batches(api: str, data: st.DataObject) -> None:
    _body, raw = data.draw(streams[api])
    frames = frames_of(raw)
    cuts = data.draw(st.lists(st.integers(0, len(frames)), max_size=4))
    check_decoder(api, raw, cuts)


@pytest.mark.parametrize(
    ("api", "payload"), [("chat", "stream.openai.sse"), ("messages", "stream.anthropic.sse")]
)
def test_a_long_answer_is_passed_on_in_runs(api: str, payload: str) -> None:
    """The benchmark's streams: their fragments reach the sink in long runs, about one per part,
    not one by one (the Chat template is learned on a part's first fragment, and a fragment it
    cannot read, one with escapes, is parsed and ends the run)."""
    sink = check_decoder(api, (PAYLOADS / payload).read_bytes(), [])
    fragments = sum(1 for call in sink.calls if call[0] == "delta")
    parts = sum(1 for call in sink.calls if call[0] == "part_start")
    assert fragments > 150
    assert sum(sorted(sink.runs)[-parts:]) >= 0.9 * fragments


def test_keep_alives_between_fragments_stay_in_place() -> None:
    head = (
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message",'
        '"role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,'
        '"usage":{"input_tokens":1,"output_tokens":1}}}\n\n'
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,'
        '"content_block":{"type":"text","text":""}}\n\n'
    )

    def delta(text: str) -> str:
        return (
            "event: content_block_delta\ndata: "
            f'{{"type":"content_block_delta","index":0,"delta":{{"type":"text_delta","text":"{text}"}}}}\n\n'
        )

    tail = (
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n'
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn",'
        '"stop_sequence":null},"usage":{"output_tokens":3}}\n\n'
        'event: message_stop\ndata: {"type":"message_stop"}\n\n'
    )
    raw = (head + delta("a") + delta("b") + ": keep-alive\n\n" + delta("c") + tail).encode()
    sink = check_decoder("messages", raw, [])
    kinds = [call[0] if call[0] != "delta" else call[3] for call in sink.calls]
    assert kinds[2:6] == ["a", "b", "keep_alive", "c"]
    assert sink.runs == [2, 1]


@pytest.mark.parametrize("api", APIS)
def test_nothing_after_the_end_is_read(api: str) -> None:
    exchange = next(e for e in RECORDED if e.api == api)
    assert exchange.stream is not None
    frames = frames_of(exchange.stream.encode())
    sink, ended = batched(api, [*frames, (None, "not JSON"), ("x", "{")], [])
    assert ended == [True]
    assert sink.calls == one_by_one(api, frames).calls


# --- encoders: a run writes what its fragments would, one by one ----------------------------------


def replay(target: str, calls: list[Call], runs: list[bool]) -> tuple[bytes, list[str]]:
    """``calls`` into ``target``'s encoder; consecutive fragments of one part as ``deltas`` runs
    where ``runs`` (cycled) says so, else one ``delta`` each."""
    out: list[bytes] = []
    log = LossLog()
    encoder = new_encoder(Api(target), out, log, None)
    i, turn = 0, 0
    while i < len(calls):
        call = calls[i]
        if call[0] != "delta":
            getattr(encoder, call[0])(*call[1:])
            i += 1
            continue
        j = i
        while j < len(calls) and calls[j][0] == "delta" and calls[j][1:3] == call[1:3]:
            j += 1
        texts = [c[3] for c in calls[i:j]]
        if runs[turn % len(runs)]:
            encoder.deltas(call[1], call[2], texts)
        else:
            for text in texts:
                encoder.delta(call[1], call[2], text)
        turn += 1
        i = j
    return b"".join(out), [f"{loss.code}@{loss.pointer}" for loss in log.items]


def check_encoders(source: str, calls: list[Call], runs: list[bool]) -> None:
    """Every other API's encoder (the same API on both sides passes events through)."""
    for target in APIS:
        if target == source:
            continue
        assert replay(target, calls, runs) == replay(target, calls, [False]), target


@pytest.mark.parametrize("exchange", RECORDED, ids=lambda e: e.name)
def test_recorded_answers_encode_the_same_in_runs(exchange: Any) -> None:
    assert exchange.stream is not None
    calls = one_by_one(exchange.api, frames_of(exchange.stream.encode())).calls
    check_encoders(exchange.api, calls, [True])


@pytest.mark.parametrize("api", APIS)
@given(data=st.data())
def test_generated_answers_encode_the_same_in_runs(api: str, data: st.DataObject) -> None:
    """Interleaved Chat tool calls and several choices included: a run for a part that is held
    (not the live one) or not choice 0 must be kept or dropped as its fragments would be."""
    _body, raw = data.draw(streams[api])
    calls = one_by_one(api, frames_of(raw)).calls
    check_encoders(api, calls, data.draw(st.lists(st.booleans(), min_size=1, max_size=4)))


def test_a_run_across_the_cached_sequence_numbers() -> None:
    """The Responses encoder formats sequence numbers past its table of ready-made endings."""
    text = ir.Text("", at="/content/0")
    calls: list[Call] = [("start", ir.Header("msg_1", "m")), ("part_start", 0, 0, text)]
    calls += [("delta", 0, 0, f"w{n} ") for n in range(4200)]
    whole = ir.Text("".join(f"w{n} " for n in range(4200)), at="/content/0")
    calls += [("part_end", 0, 0, whole)]
    calls += [
        (
            "finish",
            ir.Response("msg_1", "m", (ir.Choice(ir.Message("assistant", (whole,)), ir.Finish.END_TURN),)),
        )
    ]
    out, _ = replay("responses", calls, [True])
    assert out == replay("responses", calls, [False])[0]
    assert b'"delta":"w4199 ","logprobs":[],"sequence_number":4203}' in out


# --- the same API on both sides: events checked in a batch, passed on as they came ---------------


def event_by_event(raw: bytes) -> list[bytes]:
    """``raw`` cut after every event (and comment), so each ``feed`` completes exactly one."""
    pieces, start = [], 0
    while (end := raw.find(b"\n\n", start)) >= 0:
        pieces.append(raw[start : end + 2])
        start = end + 2
    return [*pieces, raw[start:]] if raw[start:] else pieces


def passed(api: str, pieces: list[bytes]) -> tuple[bytes, str | None, list[str]]:
    """The client bytes, error and losses of ``api`` -> ``api`` fed ``pieces``."""
    t = StreamTranscoder(source=api, target=api)
    out = b"".join(t.feed(piece) for piece in pieces) + t.close()
    return out, t.error and t.error.message, [f"{loss.code}@{loss.pointer}" for loss in t.losses]


def check_pass(api: str, raw: bytes, cuts: Sequence[int] = ()) -> bytes:
    """A batch of events (all at once, or cut at ``cuts``) passes on what one event per ``feed``
    passes on: the same bytes, the same error, the same losses."""
    reference = passed(api, event_by_event(raw))
    bounds = [0, *sorted({c for c in cuts if 0 < c < len(raw)}), len(raw)]
    assert passed(api, [raw[a:b] for a, b in pairwise(bounds)]) == reference
    return reference[0]


@pytest.mark.parametrize("exchange", RECORDED, ids=lambda e: e.name)
def test_recorded_streams_pass_through_the_same_in_one_batch(exchange: Any) -> None:
    assert exchange.stream is not None
    raw = exchange.stream.encode()
    sent = frames_of(raw)  # all passed on (a Chat error frame the upstream left unended gets [DONE])
    assert frames_of(check_pass(exchange.api, raw))[: len(sent)] == sent


@pytest.mark.parametrize("api", APIS)
@given(data=st.data())
def test_generated_streams_pass_through_the_same_in_any_batches(api: str, data: st.DataObject) -> None:
    _body, raw = data.draw(streams[api])
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=4))
    check_pass(api, raw, cuts)


CHAT_HEAD = 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,'
CHAT_TEXT = CHAT_HEAD + '"delta":{"role":"assistant","content":"hi"},"finish_reason":null}]}\n\n'
CHAT_ERROR = 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'


def test_chat_error_frame_then_done_passes_everything_up_to_done() -> None:
    """After a Chat error frame OpenAI still sends ``[DONE]``: what comes between is passed on (the
    decoder ignores it), ``[DONE]`` ends the stream, and nothing after it is read."""
    raw = (
        CHAT_TEXT + ": ping\n\n" + CHAT_ERROR + CHAT_TEXT + "data: [DONE]\n\n" + "data: {not json\n\n"
    ).encode()
    out = check_pass("chat", raw)
    assert out == raw[: raw.index(b"data: {not json")]


def test_events_after_the_end_are_not_passed_on() -> None:
    exchange = next(e for e in RECORDED if e.api == "messages")
    assert exchange.stream is not None
    raw = exchange.stream.encode()
    out = check_pass("messages", raw + b'event: ping\ndata: {"type":"ping"}\n\n')
    assert frames_of(out) == frames_of(raw)


def test_events_before_a_bad_one_are_passed_on_then_the_error_frame() -> None:
    exchange = next(e for e in RECORDED if e.api == "responses")
    assert exchange.stream is not None
    good = event_by_event(exchange.stream.encode())[:3]
    raw = b"".join(good) + b"event: response.output_text.delta\ndata: {nope\n\n"
    out = check_pass("responses", raw)
    assert frames_of(out)[:3] == frames_of(b"".join(good))
    assert [name for name, _ in frames_of(out)[3:]] == ["error", "response.failed"]


PADDED_PLAIN = re.compile(
    r'\{"type":"content_block_delta","index":(\d+),"delta":\{"type":"(?:text_delta|input_json_delta|'
    r'thinking_delta)","(?:text|partial_json|thinking)":"([^"\\]*)"\}[ \t]*\}'
)


def test_recorded_anthropic_deltas_padded_by_the_api_are_read_in_runs() -> None:
    """The API pads most ``content_block_delta`` data with spaces before the last brace. Such a
    delta whose string needs no escape is still read without a parse: every one of them in the
    recorded streams reaches the sink in a run."""
    plain = in_runs = padded = 0
    for exchange in (e for e in RECORDED if e.api == "messages"):
        assert exchange.stream is not None
        frames = frames_of(exchange.stream.encode())
        streamed = set()  # the blocks whose content streams (a server tool's input does not)
        for name, data in frames:
            if name == "content_block_start":
                start = json.loads(data or "")
                if start["content_block"]["type"] in ("text", "tool_use", "thinking"):
                    streamed.add(start["index"])
            found = PADDED_PLAIN.fullmatch(data or "")
            if found and found[2] and found[2].isprintable() and int(found[1]) in streamed:
                plain += 1
                padded += not data.endswith('"}}')  # type: ignore[union-attr]
        in_runs += sum(check_decoder("messages", exchange.stream.encode(), []).runs)
    assert padded > 200  # (the recorded traffic is padded: this test is about that form)
    assert in_runs == plain
