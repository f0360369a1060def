"""Conversion properties over generated bodies (hypothesis; ARCHITECTURE.md §3 invariants 2, 3 and 6).

(i)   ``X -> IR -> X`` is the identity, with no losses;
(ii)  ``A -> B -> A`` gives back the original except where an ``A -> B`` loss says why: every path where
      the result differs is covered by a loss whose pointer is that path or an ancestor of it (a list
      whose length or type changed is also covered by a loss on or inside one of its elements); pointer ""
      covers nothing. Both bodies are compared in ``tests.equivalences.canonical`` form: spellings
      the API documents as the same (an alias, a default, a string for one text part) are no loss.
      Only COSMETIC losses: every difference is covered by a COSMETIC one; no losses: equal;
(iii) a mutated body (a key deleted, a value of another type) converts or raises ``RequestError``
      (responses: ``UpstreamError``), never anything else.
Converted generated bodies are also checked against the target SDK's types.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire.api import Api
from kindo_wire.convert import request_to_ir, response_to_ir
from kindo_wire.loss import LossLog
from tests import strategies
from tests.equivalences import canonical
from tests.test_convert_fixtures import SDK_RESPONSE, sdk_validate_request
from tests.traffic import exchanges, same_json
from tests.unknown_fields import copy_json

APIS = list(Api)
PAIRS = [pytest.param(a, b, id=f"{a.value}->{b.value}") for a in Api for b in Api if a is not b]

Path = tuple[str, ...]


# -- a small JSON diff ----------------------------------------------------------------------------


def json_diff(original: Any, result: Any, path: Path = ()) -> list[tuple[Path, str]]:
    """Where ``result`` differs from ``original``: (path, kind) with kind changed | missing | added |
    length (a list whose length changed: reported at the list's path, its items not compared)."""
    if type(original) is not type(result):
        return [(path, "changed")]
    if isinstance(original, dict):
        found: list[tuple[Path, str]] = []
        for key in original:
            if key not in result:
                found.append(((*path, key), "missing"))
            else:
                found += json_diff(original[key], result[key], (*path, key))
        found += [((*path, key), "added") for key in result if key not in original]
        return found
    if isinstance(original, list):
        if len(original) != len(result):
            return [(path, "length")]
        found = []
        for i, (a, b) in enumerate(zip(original, result, strict=True)):
            found += json_diff(a, b, (*path, str(i)))
        return found
    return [] if original == result else [(path, "changed")]


def tokens(pointer: str) -> Path:
    if pointer == "":
        return ()
    assert pointer.startswith("/"), pointer
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def covers(loss: kw.Loss, path: Path, kind: str) -> bool:
    if loss.pointer == "":
        return False
    at = tokens(loss.pointer)
    if path[: len(at)] == at:
        return True
    # A list that lost or changed elements (or became a string) is covered by a loss on an element
    # or inside one (a text part that lost an unknown field is then the string it equals).
    return kind in ("length", "changed") and len(at) > len(path) and at[: len(path)] == path


def uncovered(
    original: dict[str, Any], result: dict[str, Any], losses: tuple[kw.Loss, ...]
) -> list[tuple[str, str]]:
    """The differences no loss accounts for, as (pointer, kind), under the rules of the module doc."""
    worst = max((loss.severity for loss in losses), default=None)
    usable = [
        x
        for x in losses
        if worst is None or worst > kw.Severity.COSMETIC or x.severity is kw.Severity.COSMETIC
    ]
    return [
        ("/" + "/".join(path), kind)
        for path, kind in json_diff(original, result)
        if not any(covers(loss, path, kind) for loss in usable)
    ]


def test_diff_and_cover_helpers() -> None:
    a = {"x": [1, {"y": 2}], "z": "s", "k": 1}
    b = {"x": [1, {"y": 3}], "w": None, "k": 1.0}
    assert sorted(json_diff(a, b)) == [
        (("k",), "changed"),
        (("w",), "added"),
        (("x", "1", "y"), "changed"),
        (("z",), "missing"),
    ]
    assert json_diff({"l": [1, 2]}, {"l": [1]}) == [(("l",), "length")]
    assert json_diff(a, a) == []
    loss = kw.Loss("/x/1", kw.Severity.DEGRADED, "unsupported_field", "d")
    assert covers(loss, ("x", "1", "y"), "changed")
    assert covers(loss, ("x",), "changed")  # the list /x became something else: an element's loss
    assert not covers(loss, ("y",), "changed")
    assert covers(loss, ("x",), "length")
    assert covers(kw.Loss("/x/1/y", kw.Severity.DEGRADED, "c", "d"), ("x",), "changed")
    assert not covers(kw.Loss("/x/1/y", kw.Severity.DEGRADED, "c", "d"), ("x", "0"), "changed")
    assert not covers(kw.Loss("", kw.Severity.SEMANTIC, "c", "d"), ("x",), "changed")
    assert not covers(kw.Loss("/x/1", kw.Severity.SEMANTIC, "c", "d"), ("x", "10"), "changed")
    cosmetic = kw.Loss("/z", kw.Severity.COSMETIC, "c", "d")
    assert uncovered({"z": 1}, {"z": 2}, (cosmetic,)) == []
    assert uncovered({"z": 1}, {"z": 2}, ()) == [("/z", "changed")]
    assert uncovered({"z": 1, "k": 1}, {"z": 2, "k": 2}, (cosmetic, loss)) == [("/k", "changed")]


# -- the strategies make valid bodies ---------------------------------------------------------------


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@given(data=st.data())
def test_generated_requests_are_valid(api: Api, data: st.DataObject) -> None:
    body = data.draw(strategies.requests[api.value])
    sdk_validate_request(body, api)
    kw.validate_request(body, api=api)


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@given(data=st.data())
def test_generated_responses_are_valid(api: Api, data: st.DataObject) -> None:
    body = data.draw(strategies.responses[api.value])
    SDK_RESPONSE[api].model_validate(body)


# -- (i) identity -----------------------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@given(data=st.data())
def test_request_identity(api: Api, data: st.DataObject) -> None:
    body = data.draw(strategies.requests[api.value])
    log = LossLog()
    out = CODECS[api].encode_request(request_to_ir(body, api, log), log)
    assert same_json(out, body)
    assert log.freeze() == ()


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@given(data=st.data())
def test_response_identity(api: Api, data: st.DataObject) -> None:
    body = data.draw(strategies.responses[api.value])
    log = LossLog()
    out = CODECS[api].encode_response(response_to_ir(body, api, log), log, None)
    assert same_json(out, body)
    assert log.freeze() == ()


# -- (ii) there and back ----------------------------------------------------------------------------


def describe(losses: tuple[kw.Loss, ...]) -> str:
    return "\n".join(f"  {x}" for x in losses) or "  (none)"


@pytest.mark.parametrize(("source", "target"), PAIRS)
@given(data=st.data())
def test_request_there_and_back(source: Api, target: Api, data: st.DataObject) -> None:
    original = data.draw(strategies.requests[source.value])
    there = kw.convert_request(original, source=source, target=target)
    sdk_validate_request(there.body, target)
    back = kw.convert_request(there.body, source=target, target=source)
    same = canonical(original, source.value, "requests")
    returned = canonical(back.body, source.value, "requests")
    differences = uncovered(same, returned, there.losses)
    assert not differences, f"differences no loss covers: {differences}\nlosses:\n{describe(there.losses)}"
    if not there.losses:
        assert same_json(returned, same)


@pytest.mark.parametrize(("source", "target"), PAIRS)
@given(data=st.data())
def test_response_there_and_back(source: Api, target: Api, data: st.DataObject) -> None:
    original = data.draw(strategies.responses[source.value])
    there = kw.convert_response(original, source=source, target=target)
    SDK_RESPONSE[target].model_validate(there.body)
    back = kw.convert_response(there.body, source=target, target=source)
    same = canonical(original, source.value, "responses")
    returned = canonical(back.body, source.value, "responses")
    differences = uncovered(same, returned, there.losses)
    assert not differences, f"differences no loss covers: {differences}\nlosses:\n{describe(there.losses)}"
    if not there.losses:
        assert same_json(returned, same)


# -- (iii) mutated bodies ---------------------------------------------------------------------------

OTHER_VALUES: list[Any] = [None, 0, 1.5, "x", True, [], {}, [1], {"a": 1}]


def paths(value: Any, path: Path = ()) -> list[Path]:
    found: list[Path] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found += [(*path, key), *paths(child, (*path, key))]
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += [(*path, str(i)), *paths(child, (*path, str(i)))]
    return found


@st.composite
def mutated(draw: st.DrawFn, bodies: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    body = copy_json(draw(bodies))
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        where = paths(body)
        if not where:
            break
        path = draw(st.sampled_from(where))
        parent: Any = body
        for token in path[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]
        key: Any = int(path[-1]) if isinstance(parent, list) else path[-1]
        if draw(st.booleans()):
            del parent[key]
        else:
            current = parent[key]
            parent[key] = draw(st.sampled_from([v for v in OTHER_VALUES if type(v) is not type(current)]))
    return body


def recorded(api: Api, kind: str) -> st.SearchStrategy[dict[str, Any]]:
    found = [
        e.request if kind == "request" else e.response
        for e in exchanges()
        if e.api == api.value and e.status < 400 and (kind == "request" or e.response is not None)
    ]
    return st.sampled_from(found)


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@given(data=st.data())
def test_mutated_request_converts_or_raises_request_error(api: Api, data: st.DataObject) -> None:
    body = data.draw(mutated(strategies.requests[api.value] | recorded(api, "request")))
    for target in Api:
        if target is api:
            continue
        with contextlib.suppress(kw.RequestError):
            kw.convert_request(body, source=api, target=target)


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@given(data=st.data())
def test_mutated_response_converts_or_raises_upstream_error(api: Api, data: st.DataObject) -> None:
    body = data.draw(mutated(strategies.responses[api.value] | recorded(api, "response")))
    for target in Api:
        if target is api:
            continue
        with contextlib.suppress(kw.UpstreamError):
            kw.convert_response(body, source=api, target=target)
