"""The pure core of offline conversion (``kindo_wire.records``): which API and kind a logged record
is, how each part of it is converted and reported, and that no input makes it raise."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire.api import Api
from kindo_wire.records import (
    Options,
    UndetectedError,
    convert_line,
    convert_record,
    detect_api,
    detect_kind,
    stream_api,
    validate_record,
)
from tests.test_convert_fixtures import pointer_resolves
from tests.traffic import exchanges

ALL = exchanges()


def raw(ex: Any) -> dict[str, Any]:
    return json.loads(ex.path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("ex", ALL, ids=lambda e: e.name)
def test_every_recorded_body_is_detected_as_its_api(ex: Any) -> None:
    api = Api(ex.api)
    anonymous = {k: v for k, v in raw(ex).items() if k not in ("api", "url")}
    assert detect_kind(anonymous) == "exchange" and detect_api(anonymous, "exchange") is api
    assert detect_kind(ex.request) == "request" and detect_api(ex.request, "request") is api
    if ex.stream is not None:
        assert stream_api(ex.stream) is api
    elif ex.status >= 400:
        assert detect_kind(ex.response) == "error"
        # Chat and Responses share OpenAI's envelope: read as Chat, which converts the same.
        assert detect_api(ex.response, "error") is (Api.MESSAGES if api is Api.MESSAGES else Api.CHAT)
    else:
        assert detect_kind(ex.response) == "response" and detect_api(ex.response, "response") is api


def test_a_body_both_apis_accept_is_read_by_its_model_and_max_tokens() -> None:
    plain = {"max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    assert detect_api({"model": "claude-sonnet-4-5", **plain}, "request") is Api.MESSAGES
    assert detect_api({"model": "gpt-4o", **plain}, "request") is Api.CHAT
    no_cap = {"model": "claude-sonnet-4-5", "messages": plain["messages"]}
    assert detect_api(no_cap, "request") is Api.CHAT  # Messages requires max_tokens
    # One field only the other API has decides, whatever the model is called.
    assert detect_api({"model": "claude-x", **plain, "seed": 1}, "request") is Api.CHAT
    assert detect_api({"model": "gpt-4o", **plain, "top_k": 3}, "request") is Api.MESSAGES


def test_a_streaming_request_is_not_an_exchange_record() -> None:
    request = {"model": "gpt-4o", "messages": [], "stream": True}
    assert detect_kind(request) == "request"  # its `stream` is a bool, an exchange's is the SSE
    event = {"type": "response.created", "response": {"id": "resp_1"}}
    assert detect_kind(event) != "exchange"


def test_a_stream_is_named_by_its_first_event_not_by_what_it_echoes() -> None:
    echoed = '{"type":"response.created","response":{"instructions":"message_start"}}'
    echo = f"event: response.created\ndata: {echoed}\n\n"
    assert stream_api(echo) is Api.RESPONSES
    with pytest.raises(UndetectedError):
        stream_api("data: hello\n\n")


def test_bare_bodies_become_exchange_records() -> None:
    request = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "max_completion_tokens": 9}
    done = convert_record(request, Options(Api.MESSAGES))
    assert done.record == {
        "api": "messages",
        "converted_from": "chat",
        "request": kw.convert_request(request, source="chat", target="messages").body,
    }
    overloaded = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    error = convert_record(overloaded, Options(Api.CHAT)).record
    assert error is not None and error["status"] == 503  # 529 has no OpenAI equivalent (WIRE.md §4)
    assert error["response"]["error"]["message"] == "Overloaded"


def test_exchange_keeps_unknown_fields_in_their_order() -> None:
    ex = next(e for e in ALL if e.api == "chat" and e.response is not None and e.status == 200)
    record = {"ts": "2026-11-22T10:00:00Z", **raw(ex), "tenant": "acme"}
    done = convert_record(record, Options(Api.RESPONSES)).record
    assert done is not None
    assert list(done)[:3] == ["ts", "api", "converted_from"] and list(done)[-1] == "tenant"
    assert (done["ts"], done["tenant"]) == ("2026-11-22T10:00:00Z", "acme")


@pytest.mark.parametrize("ex", [e for e in ALL if e.stream is None], ids=lambda e: e.name)
def test_losses_point_into_the_record(ex: Any) -> None:
    for target in Api:
        done = convert_record(raw(ex), Options(target))
        assert done.error is None
        for loss in done.losses:
            assert loss.pointer.startswith(("/request", "/response")), loss
            assert pointer_resolves(raw(ex), loss.pointer), loss


def test_a_broken_part_fails_the_record_with_its_pointer() -> None:
    record = {"api": "chat", "request": {"model": "m", "messages": "nope"}, "status": 200}
    done = convert_record(record, Options(Api.MESSAGES))
    assert done.record is None and done.error is not None and done.pointer.startswith("/request")
    assert (
        convert_record({"api": "chat", "request": [], "status": 200}, Options(Api.MESSAGES)).pointer
        == "/request"
    )
    bad_status = convert_record({"api": "chat", "request": {}, "status": "ok"}, Options(Api.MESSAGES))
    assert (bad_status.error, bad_status.pointer) == ("status must be an integer HTTP status", "/status")


def test_validate_record_prefixes_pointers_and_accepts_logged_refusals() -> None:
    bad = {"model": "gpt-4o", "messages": [{"role": "wizard", "content": "x"}]}
    checked = validate_record({"api": "chat", "request": bad, "status": 200})
    assert [p.pointer for p in checked.problems] == ["/request/messages/0/role"]
    assert validate_record({"api": "chat", "request": bad, "status": 400}).problems == ()
    stream = next(e for e in ALL if e.stream is not None and e.api == "messages")
    assert stream.stream is not None
    cut = {"api": "messages", "request": stream.request, "stream": stream.stream[: len(stream.stream) // 2]}
    assert [p.pointer for p in validate_record(cut).problems] == ["/stream"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "api",
                    "request",
                    "response",
                    "stream",
                    "status",
                    "messages",
                    "input",
                    "model",
                    "error",
                    "type",
                    "choices",
                    "output",
                    "content",
                    "role",
                    "max_tokens",
                    "tools",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@given(doc=JSON, target=st.sampled_from(list(Api)))
def test_no_record_makes_conversion_or_validation_raise(doc: Any, target: Api) -> None:
    done = convert_record(doc, Options(target))
    assert (done.record is None) == (done.error is not None)
    if done.record is not None:
        assert done.record["api"] == target.value
    validate_record(doc)


@given(line=st.binary(max_size=64))
def test_no_line_makes_conversion_raise(line: bytes) -> None:
    done = convert_line(line, Options(Api.CHAT))
    assert done.record is None or done.record["api"] == "chat"
