"""Properties of the stream API (ARCHITECTURE.md §3), over generated and recorded bodies: the replay
round trip, ``aggregate(stream_response(body)) == body``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from tests.stream_strategies import APIS, bodies, chat_message_defaults, streams
from tests.traffic import exchanges

# -- replay round trip -----------------------------------------------------------------------------


def standard_keys(body: dict[str, Any], api: str) -> dict[str, Any]:
    """What the aggregate spells out that a body may leave implicit: a Chat message's ``content``,
    ``refusal`` (null) and ``annotations`` ([]) and a choice's ``logprobs`` (null), as OpenAI's own
    non-streaming ``ChatCompletion`` always has them (WIRE.md §1.7). Other APIs: unchanged."""
    if api != "chat":
        return body
    body = chat_message_defaults(body)
    for choice in body["choices"]:
        choice.setdefault("logprobs", None)
    return body


@pytest.mark.parametrize("api", APIS)
@given(data=st.data())
def test_replay_round_trip(api: str, data: st.DataObject) -> None:
    body = data.draw(bodies[api])
    assert kw.aggregate_stream(kw.stream_response(body, api=api), api=api) == standard_keys(body, api)
    # and the re-chunked streams the other properties use add up to their body too
    body, stream = data.draw(streams[api])
    assert kw.aggregate_stream(stream, api=api) == standard_keys(body, api)


RECORDED_BODIES = [e for e in exchanges() if e.status == 200 and e.response is not None]


@pytest.mark.parametrize("exchange", RECORDED_BODIES, ids=[e.name for e in RECORDED_BODIES])
def test_replay_round_trip_on_recorded_bodies(exchange: Any) -> None:
    replayed = kw.stream_response(exchange.response, api=exchange.api)
    assert kw.aggregate_stream(replayed, api=exchange.api) == standard_keys(exchange.response, exchange.api)
