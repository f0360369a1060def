"""Fields no API defines, in stream events: reported when the client's API cannot carry them.

The stream counterpart of ``test_unknown_fields``: an ``x_kw_`` field added to an object of one
event of a generated stream. Transcoded to another API, it must be named by a loss: at its pointer
in the aggregated answer when it is part of the answer (a message, block, chunk, choice or delta
field, the terminal Responses object), or as ``unknown_event_field_ignored`` when it is a field of
the event itself, which no answer has a place for. Passed through to the same API, it arrives as it
came and nothing is reported.

In a Responses stream the field may also go into a snapshot that a later event supersedes (the
``response`` of ``response.created`` and ``response.in_progress``, the ``item`` and ``part`` of the
``added`` and ``done`` events): the aggregate is read from the terminal event, so a field only a
snapshot had is not in the answer, and must be named all the same.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from tests.stream_properties_helpers import transcode
from tests.stream_strategies import APIS, encode, parse, streams
from tests.traffic import TRAFFIC
from tests.unknown_fields import RESPONSES_ECHOES, UNKNOWN_VALUES, objects


def places(api: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The objects of one event's payload an unknown field is drawn into (see the module doc)."""
    if api != "responses":
        return [o for _, o in objects(payload)]
    found = [payload]
    for holder in ("response", "item", "part"):  # the answer (terminal events), or a snapshot
        if isinstance(payload.get(holder), dict):
            skip = RESPONSES_ECHOES if holder == "response" else frozenset()
            found += [o for _, o in objects(payload[holder], skip=skip)]
    return found


@st.composite
def streams_with_an_unknown_field(draw: st.DrawFn, api: str) -> tuple[bytes, str]:
    _, stream = draw(streams[api])
    events = parse(stream)
    payloads = [data for _, data in events if isinstance(data, dict)]
    payload = draw(st.sampled_from(payloads))
    target = draw(st.sampled_from(places(api, payload)))
    key = "x_kw_" + draw(st.from_regex(r"[a-z]{1,6}", fullmatch=True))
    target[key] = draw(UNKNOWN_VALUES)
    return encode(events), key


@pytest.mark.parametrize("source", APIS)
@given(data=st.data())
def test_an_unknown_event_field_is_reported_or_passed_through(source: str, data: st.DataObject) -> None:
    stream, key = data.draw(streams_with_an_unknown_field(source))
    answer = kw.aggregate_stream(stream, api=source)
    in_answer = key in json.dumps(answer)
    for target in APIS:
        out, error, losses = transcode([stream], source, target)
        assert error is None, error
        named = [x for x in losses if key in x.pointer or key in x.detail]
        if target == source:
            assert out == stream and not named
        elif in_answer:
            # a field of the answer: the stream names it wherever converting the answer does (which
            # test_unknown_fields holds to name every field, or a loss of the whole around it)
            body = kw.convert_response(answer, source=source, target=target)
            by_body = {x.pointer for x in body.losses if key in x.pointer or key in x.detail}
            assert by_body <= {x.pointer for x in named}, (by_body, named)
        else:
            assert named, f"{key} dropped in silence: {[(x.pointer, x.code) for x in losses]}"


def test_recorded_context_management_reaches_the_answer() -> None:
    """Anthropic's ``context_management`` (a beta Message field) arrives on ``message_delta``, at the
    end: the aggregate has it, as the SDK's accumulator has it, and other APIs report it."""
    path = TRAFFIC / "messages" / "pydantic-ai__anthropic_compaction_usage_with_cache_streaming__0.json"
    stream = json.loads(path.read_text())["stream"].encode()
    assert kw.aggregate_stream(stream, api="messages")["context_management"] == {"applied_edits": []}
    for target in ("chat", "responses"):
        _, error, losses = transcode([stream], "messages", target)
        assert error is None
        assert [x.code for x in losses if x.pointer == "/context_management"] == ["unsupported_field"]


def snapshot_losses(events: list[tuple[str | None, Any]]) -> dict[str, set[str]]:
    """The pointers ``unknown_event_field_ignored`` names, by target (none when passed through)."""
    stream, named = encode(events), {}
    for target in APIS:
        _, error, losses = transcode([stream], "responses", target)
        assert error is None
        named[target] = {x.pointer for x in losses if x.code == "unknown_event_field_ignored"}
    assert not named.pop("responses")
    return named


def test_a_field_only_a_superseded_responses_snapshot_had_is_reported() -> None:
    """A recorded Responses stream (a file search call, then a message), with a field put into the
    ``item`` of an ``output_item.added`` and the ``part`` of a ``content_part.added`` only: the
    answer is read from the terminal event, which lacks both, so each is named at its pointer in
    the answer. When the terminal ``output`` lacks a whole streamed item, the item is named once,
    the fields inside it with it."""
    path = TRAFFIC / "responses" / "pydantic-ai__openai_responses_model_file_search_tool_stream__3.json"
    recorded = json.loads(path.read_text())["stream"].encode()
    events = parse(recorded)
    payloads = [data for _, data in events if isinstance(data, dict)]
    added = next(p for p in payloads if p["type"] == "response.output_item.added")
    added["item"]["x_kw_first"] = "only here"
    part = next(p for p in payloads if p["type"] == "response.content_part.added")
    part["part"]["x_kw_part"] = 1
    assert (added["output_index"], part["output_index"], part["content_index"]) == (0, 1, 0)
    fields = {"/output/0/x_kw_first", "/output/1/content/0/x_kw_part"}
    assert snapshot_losses(events) == {"chat": fields, "messages": fields}
    payloads[-1]["response"]["output"].pop()
    cut = {"/output/0/x_kw_first", "/output/1"}
    assert snapshot_losses(events) == {"chat": cut, "messages": cut}
    assert snapshot_losses(parse(recorded)) == {"chat": set(), "messages": set()}


def test_a_snapshot_field_that_carried_nothing_is_not_missed() -> None:
    """A server other than OpenAI's may leave out of its later events what an ``added`` snapshot
    sent before any content: ``"status": "in_progress"`` (which the terminal event supersedes), a
    null, an empty list. The answer lacking them loses nothing, so nothing is named; a status the
    ``.done`` event settled ("completed") is a value, and its absence from the answer still is."""
    path = TRAFFIC / "responses" / "pydantic-ai__openai_responses_model_file_search_tool_stream__3.json"
    events = parse(json.loads(path.read_text())["stream"].encode())
    payloads = [data for _, data in events if isinstance(data, dict)]
    added = [p["item"] for p in payloads if p["type"] == "response.output_item.added"]
    assert [(item["status"], item.get("content"), item.get("results")) for item in added] == [
        ("in_progress", None, None),
        ("in_progress", [], None),
    ]
    done = [p["item"] for p in payloads if p["type"] == "response.output_item.done"]
    answer = payloads[-1]["response"]["output"]
    for item in [*done, *answer]:
        del item["status"]
        item.pop("results", None)
    added[0]["x_kw_null"] = None
    added[1]["x_kw_gone"] = ""
    assert snapshot_losses(events) == {"chat": set(), "messages": set()}
    done[0]["status"] = "completed"
    added[1]["x_kw_kept"] = 0  # a zero is a value
    named = {"/output/0/status", "/output/1/x_kw_kept"}
    assert snapshot_losses(events) == {"chat": named, "messages": named}
