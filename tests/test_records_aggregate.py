"""``--aggregate`` (``Options.aggregate``): a logged stream becomes the body its events add up to.

The events may carry what no body has a place for: an unknown event or delta type, a field of an
event itself, a field only a superseded Responses snapshot had. The transcoder reports these; the
aggregation must report them too, in its own record's losses, or they vanish in silence (as
Anthropic's ``compaction_delta`` in a recorded stream did).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire.api import Api
from kindo_wire.records import Options, convert_record
from tests.stream_strategies import encode, parse
from tests.traffic import TRAFFIC, exchanges

STREAMS = [ex for ex in exchanges() if ex.stream is not None]
IGNORED = ("unknown_event_ignored", "unknown_delta_ignored", "unknown_event_field_ignored")


def record_of(path_or_ex: Any) -> dict[str, Any]:
    return json.loads(path_or_ex.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def ignored(losses: tuple[kw.Loss, ...] | list[kw.Loss]) -> set[tuple[str, str]]:
    return {(x.pointer, x.code) for x in losses if x.code in IGNORED}


@pytest.mark.parametrize("ex", STREAMS, ids=lambda e: e.name)
@pytest.mark.parametrize("target", list(Api))
def test_aggregating_reports_what_the_transcoder_reports_ignored(ex: Any, target: Api) -> None:
    """Whatever the events carried that the transcoder names as ignored, the aggregation names
    too, under ``/stream`` (and for a stream to its own API, which the transcoder passes through
    untouched, the fields of the events as well: the body has no place for them)."""
    outcome = convert_record(record_of(ex.path), Options(target=target, aggregate=True))
    assert outcome.record is not None
    if "stream" in outcome.record:
        return  # it ended in an error: kept as a stream, transcoded (test_cli covers it)
    transcoder = kw.StreamTranscoder(source=ex.api, target=target.value)
    transcoder.feed(ex.stream.encode())
    transcoder.close()
    expected = {("/stream" + pointer, code) for pointer, code in ignored(transcoder.losses)}
    assert expected <= ignored(outcome.losses)


COMPACTION = TRAFFIC / "messages" / "pydantic-ai__anthropic_compaction_usage_with_cache_streaming__0.json"


@pytest.mark.parametrize("target", list(Api))
def test_an_unknown_delta_is_reported_when_aggregated(target: Api) -> None:
    """The recorded compaction stream holds a ``compaction_delta``, a delta type this library does
    not know; aggregated, it was dropped with no loss, even to a Messages body."""
    outcome = convert_record(record_of(COMPACTION), Options(target=target, aggregate=True))
    assert outcome.record is not None and "response" in outcome.record
    assert ("/stream", "unknown_delta_ignored") in ignored(outcome.losses)


def test_a_strict_aggregate_fails_on_an_ignored_delta() -> None:
    """To its own API, the rest of the record converts without loss: the delta alone fails it."""
    options = Options(target=Api.MESSAGES, aggregate=True, strict=True)
    outcome = convert_record(record_of(COMPACTION), options)
    assert outcome.record is None and outcome.error is not None
    assert "first unknown_delta_ignored" in outcome.error and outcome.pointer == "/stream"


def test_a_field_only_a_responses_snapshot_had_is_reported_when_aggregated() -> None:
    path = TRAFFIC / "responses" / "pydantic-ai__openai_responses_model_file_search_tool_stream__3.json"
    record = record_of(path)
    events = parse(record["stream"].encode())
    added = next(d for _, d in events if isinstance(d, dict) and d["type"] == "response.output_item.added")
    added["item"]["x_kw_first"] = "only here"
    record["stream"] = encode(events).decode()
    for target in Api:
        outcome = convert_record(record, Options(target=target, aggregate=True))
        assert outcome.record is not None and "response" in outcome.record
        pointer = f"/stream/output/{added['output_index']}/x_kw_first"
        assert (pointer, "unknown_event_field_ignored") in ignored(outcome.losses), target
