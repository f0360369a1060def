"""The fast path (kindo_wire/fast) against the general path (source wire -> IR -> target wire).

Differential: wherever the fast path accepts a body, its output must be the general path's, byte
for byte (``dump_json``), with the same losses in the same order; where the general path refuses a
body (``RequestError``...), the fast path must decline it. Checked on every recorded exchange in
fixtures/traffic, every benchmark payload and generated bodies, in all six directions. The fast path
must also really be taken: on every benchmark payload, and on a fair share of the recorded traffic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire import convert
from kindo_wire.api import Api
from kindo_wire.converted import Converted
from kindo_wire.errors import WireError
from kindo_wire.fast import fast_request, fast_response
from kindo_wire.loss import LossError, Severity
from tests import strategies
from tests.traffic import exchanges

PAIRS = [(source, target) for source in Api for target in Api if source is not target]
PAIR_IDS = [f"{s.value}->{t.value}" for s, t in PAIRS]
PAYLOADS = Path(__file__).resolve().parent.parent / "benchmarks" / "payloads"
VENDOR = {Api.CHAT: "openai", Api.MESSAGES: "anthropic", Api.RESPONSES: "responses"}
SIZES = ("small", "medium", "large")

# The share of recorded conversions (success exchanges, every direction) the fast path must take:
# a floor well under what it takes today, so a change that quietly stops accepting common bodies
# (or makes the differential check vacuous) fails here.
MIN_REQUEST_SHARE = 0.25
MIN_RESPONSE_SHARE = 0.25


def _copy(body: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy, so neither path can see what the other did to its input."""
    return orjson.loads(orjson.dumps(body))  # type: ignore[no-any-return]


def _general_request(body: dict[str, Any], source: Api, target: Api) -> Converted | Exception:
    try:
        return convert._request_via_ir(_copy(body), source, target)
    except (WireError, NotImplementedError) as exc:
        return exc


def _general_response(
    body: dict[str, Any], source: Api, target: Api, client: dict[str, Any] | None
) -> Converted | Exception:
    try:
        return convert._response_via_ir(_copy(body), source, target, _copy(client) if client else None)
    except (WireError, NotImplementedError) as exc:
        return exc


def _same(fast: Converted | None, general: Converted | Exception, what: str) -> bool:
    """Assert the fast result equals the general one; True when the fast path took the body."""
    if fast is None:
        return False
    assert not isinstance(general, Exception), (
        f"{what}: fast path accepted a body the IR path refuses ({general})"
    )
    assert fast.dump_json() == general.dump_json(), f"{what}: bodies differ"
    assert fast.losses == general.losses, f"{what}: losses differ"
    return True


def check_request(body: dict[str, Any], source: Api, target: Api, what: str = "") -> bool:
    fast = fast_request(_copy(body), source, target)
    return _same(fast, _general_request(body, source, target), what or f"request {source}->{target}")


def check_response(
    body: dict[str, Any], source: Api, target: Api, what: str = "", client: dict[str, Any] | None = None
) -> bool:
    """``client``: the request the client sent, in ``target``'s format (``convert_response(request=)``)."""
    fast = fast_response(_copy(body), source, target, _copy(client) if client else None)
    general = _general_response(body, source, target, client)
    return _same(fast, general, what or f"response {source}->{target}")


# -- benchmark payloads: the fast path must take every one ------------------------------------------


def _bench_request(size: str, api: Api) -> dict[str, Any]:
    return orjson.loads((PAYLOADS / f"{size}.{VENDOR[api]}.json").read_bytes())  # type: ignore[no-any-return]


def _bench_response(size: str, api: Api) -> dict[str, Any]:
    if api is Api.RESPONSES:  # as benchmarks/bench_convert.py makes it: the chat answer converted
        chat = _bench_response(size, Api.CHAT)
        return convert._response_via_ir(chat, Api.CHAT, Api.RESPONSES, None).body
    return orjson.loads((PAYLOADS / f"response_{size}.{VENDOR[api]}.json").read_bytes())  # type: ignore[no-any-return]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
def test_bench_requests_take_the_fast_path(size: str, source: Api, target: Api) -> None:
    assert check_request(_bench_request(size, source), source, target), "the fast path declined"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
def test_bench_responses_take_the_fast_path(size: str, source: Api, target: Api) -> None:
    assert check_response(_bench_response(size, source), source, target), "the fast path declined"


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
def test_strict_raises_as_the_general_path_does(source: Api, target: Api) -> None:
    """``strict=True``: the same ``LossError`` (same losses) from both paths, or neither raises."""
    body = _bench_request("medium", source)
    general = convert._request_via_ir(_copy(body), source, target)
    fast = fast_request(_copy(body), source, target)
    assert fast is not None
    if any(loss.severity > 1 for loss in general.losses):
        with pytest.raises(LossError) as info:
            fast_request(_copy(body), source, target, strict=True)
        assert info.value.losses == general.losses
    else:
        assert fast_request(_copy(body), source, target, strict=True) == fast


# A tool_choice with no tools to choose from: Chat refuses one, so both paths leave it out with a
# loss (once the fast path sent it on; found by the mutated-body property with more examples).
_NO_TOOLS: dict[Api, dict[str, Any]] = {
    Api.MESSAGES: {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]},
    Api.RESPONSES: {"model": "m", "input": "hi"},
}
_CHOICES_WITHOUT_TOOLS = [
    (Api.MESSAGES, {"type": "any"}, Severity.SEMANTIC),
    (Api.MESSAGES, {"type": "tool", "name": "f"}, Severity.SEMANTIC),
    (Api.MESSAGES, {"type": "auto"}, Severity.COSMETIC),
    (Api.MESSAGES, {"type": "none"}, Severity.COSMETIC),
    (Api.RESPONSES, "required", Severity.SEMANTIC),
    (Api.RESPONSES, {"type": "function", "name": "f"}, Severity.SEMANTIC),
    (Api.RESPONSES, "auto", Severity.COSMETIC),
    (Api.RESPONSES, "none", Severity.COSMETIC),
]


@pytest.mark.parametrize(("source", "choice", "severity"), _CHOICES_WITHOUT_TOOLS)
def test_tool_choice_without_tools_is_not_sent_to_chat(source: Api, choice: Any, severity: Severity) -> None:
    body = {**_NO_TOOLS[source], "tool_choice": choice}
    assert check_request(body, source, Api.CHAT), "the fast path declined"
    out = kw.convert_request(body, source=source, target="chat")
    assert "tool_choice" not in out.body and "tools" not in out.body
    assert [(x.pointer, x.severity, x.code) for x in out.losses] == [
        ("/tool_choice", severity, "tool_choice_dropped")
    ]


def test_convert_uses_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """``convert_request`` / ``convert_response`` answer from the fast path when it accepts."""

    def refuse(*_args: Any, **_kwargs: Any) -> Converted:
        raise AssertionError("the general path ran")

    monkeypatch.setattr(convert, "_request_via_ir", refuse)
    monkeypatch.setattr(convert, "_response_via_ir", refuse)
    raw = (PAYLOADS / "medium.openai.json").read_bytes()
    assert convert.convert_request(raw, source="chat", target="messages").body["messages"]
    raw = (PAYLOADS / "response_medium.anthropic.json").read_bytes()
    assert convert.convert_response(raw, source="messages", target="chat").body["choices"]


# -- recorded traffic ---------------------------------------------------------------------------------

ALL = exchanges()
WITH_RESPONSE = [e for e in ALL if e.status < 400 and e.response is not None]


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
def test_recorded_requests_match(source: Api, target: Api) -> None:
    for exchange in ALL:
        if exchange.api == source.value:
            check_request(exchange.request, source, target, f"{exchange.name}->{target.value}")


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
def test_recorded_responses_match(source: Api, target: Api) -> None:
    for exchange in WITH_RESPONSE:
        if exchange.api == source.value:
            check_response(exchange.response, source, target, f"{exchange.name}->{target.value}")


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
def test_recorded_responses_match_with_the_client_request(source: Api, target: Api) -> None:
    """As a gateway calls it: with the client's request (here the recorded one, converted to the
    client's API), whose model is echoed and whose tool names are restored."""
    for exchange in WITH_RESPONSE:
        if exchange.api != source.value:
            continue
        client = _general_request(exchange.request, source, target)
        if isinstance(client, Converted):
            what = f"{exchange.name}->{target.value} (with the request)"
            check_response(exchange.response, source, target, what, client.body)


def test_fast_path_takes_a_fair_share_of_recorded_traffic() -> None:
    requests = [
        check_request(e.request, Api(e.api), target)
        for e in ALL
        if e.status < 400
        for target in Api
        if target.value != e.api
    ]
    responses = [
        check_response(e.response, Api(e.api), target)
        for e in WITH_RESPONSE
        for target in Api
        if target.value != e.api
    ]
    assert sum(requests) >= MIN_REQUEST_SHARE * len(requests), f"{sum(requests)}/{len(requests)} requests"
    assert sum(responses) >= MIN_RESPONSE_SHARE * len(responses), (
        f"{sum(responses)}/{len(responses)} responses"
    )


# -- generated bodies ---------------------------------------------------------------------------------


# More examples than the profile's default: the generated bodies are where rare forms (an image
# detail, an empty text, a long id...) meet the fast path.
GENERATED = settings(max_examples=max(settings.default.max_examples, 300))


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
@GENERATED
@given(data=st.data())
def test_generated_requests_match(source: Api, target: Api, data: st.DataObject) -> None:
    taken = check_request(data.draw(strategies.requests[source.value]), source, target)
    event("fast path" if taken else "IR path")


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=PAIR_IDS)
@GENERATED
@given(data=st.data())
def test_generated_responses_match(source: Api, target: Api, data: st.DataObject) -> None:
    taken = check_response(data.draw(strategies.responses[source.value]), source, target)
    event("fast path" if taken else "IR path")


# -- mutated bodies: the edge of "plain" ------------------------------------------------------------

# Values a field may be replaced with: wrong types, empty forms, nulls, look-alikes of real parts.
ODD_VALUES: list[Any] = [
    None, "", "x", "auto", "none", 0, -1, 3, 1.5, True, False, [], {}, ["x"], [{}],
    {"type": "text", "text": ""}, {"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}},
    {"type": "image_url", "image_url": {"url": "data:image/gif;base64,R0lG", "detail": "low"}},
    {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "original"},
    {"type": "image", "source": {"type": "base64", "media_type": "image/bmp", "data": "Qk0="}},
    {"role": "developer", "content": "be brief"},
    {"role": "system", "content": [{"type": "text", "text": "s"}]},
    {"role": "tool", "tool_call_id": "call_" + "x" * 45, "content": "r"},
    {"type": "function_call_output", "call_id": "c 1", "output": ""},
    "call with spaces", "x" * 70, "{}", " ", '{"a": [1, 2]}', "[1]",
]  # fmt: skip


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in a JSON value (the root excluded)."""
    found: list[tuple[Any, ...]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        found.append((*path, key))
        found.extend(_paths(child, (*path, key)))
    return found


@st.composite
def mutated(draw: st.DrawFn, bodies: list[tuple[Api, dict[str, Any]]]) -> tuple[Api, dict[str, Any]]:
    """A body the fast path takes, with one to three locations deleted, replaced or duplicated."""
    api, body = draw(st.sampled_from(bodies))
    body = _copy(body)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(body)
        if not paths:
            break
        *parents, key = draw(st.sampled_from(paths))
        holder: Any = body
        for step in parents:
            holder = holder[step]
        action = draw(st.sampled_from(["delete", "replace", "replace", "duplicate"]))
        if action == "delete":
            del holder[key]
        elif action == "duplicate" and isinstance(holder, list):
            holder.insert(key, _copy({"v": holder[key]})["v"])
        else:
            holder[key] = _copy({"v": draw(st.sampled_from(ODD_VALUES))})["v"]
    return api, body


def _taken_requests() -> list[tuple[Api, dict[str, Any]]]:
    bodies = [(api, _bench_request(size, api)) for api in Api for size in ("small", "medium")]
    for e in ALL:
        api = Api(e.api)
        if any(fast_request(_copy(e.request), api, t) is not None for t in Api if t is not api):
            bodies.append((api, e.request))
    return bodies


def _taken_responses() -> list[tuple[Api, dict[str, Any]]]:
    bodies = [(api, _bench_response(size, api)) for api in Api for size in ("small", "medium")]
    for e in WITH_RESPONSE:
        api = Api(e.api)
        if any(fast_response(_copy(e.response), api, t) is not None for t in Api if t is not api):
            bodies.append((api, e.response))
    return bodies


TAKEN_REQUESTS = _taken_requests()
TAKEN_RESPONSES = _taken_responses()


@pytest.mark.parametrize("target", list(Api), ids=[t.value for t in Api])
@GENERATED
@given(data=st.data())
def test_mutated_requests_match(target: Api, data: st.DataObject) -> None:
    source, body = data.draw(mutated(TAKEN_REQUESTS))
    if source is not target:
        event("fast path" if check_request(body, source, target) else "IR path")


@pytest.mark.parametrize("target", list(Api), ids=[t.value for t in Api])
@GENERATED
@given(data=st.data())
def test_mutated_responses_match(target: Api, data: st.DataObject) -> None:
    source, body = data.draw(mutated(TAKEN_RESPONSES))
    if source is not target:
        event("fast path" if check_response(body, source, target) else "IR path")
