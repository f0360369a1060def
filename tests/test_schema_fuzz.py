"""Fuzz: any JSON at any schema either parses or raises pydantic's ValidationError, nothing else."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kindo_wire._schemas import SCHEMAS, Schemas
from kindo_wire.api import Api
from tests.traffic import exchanges, stream_events

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "role", "id", "content", "text", "x"]) | st.text(max_size=6),
            children,
            max_size=4,
        )
    ),
    max_leaves=25,
)


def _parse_all_ways(schemas: Schemas, doc: Any) -> None:
    for parse in (
        schemas.request.model_validate,
        schemas.response.model_validate,
        schemas.error.model_validate,
        schemas.stream_event.validate_python,
    ):
        try:
            parsed = parse(doc)
        except ValidationError:
            continue
        dumped = parsed.dump() if hasattr(parsed, "dump") else schemas.dump_event(parsed)
        assert json.loads(json.dumps(dumped)) == dumped


@pytest.mark.parametrize("api", list(Api))
@given(doc=json_values)
def test_arbitrary_json_parses_or_raises_validation_error(api: Api, doc: Any) -> None:
    _parse_all_ways(SCHEMAS[api], doc)


def _bodies() -> list[tuple[Api, Any]]:
    found: list[tuple[Api, Any]] = []
    for exchange in exchanges():
        api = Api(exchange.api)
        found.append((api, exchange.request))
        if exchange.response is not None:
            found.append((api, exchange.response))
        if exchange.stream is not None:
            found += [(api, json.loads(data)) for _, data in stream_events(exchange) if data != "[DONE]"]
    return found


BODIES = _bodies()


def _nodes(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _nodes(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _nodes(value, (*path, index))
    return found


@given(st.data())
def test_mutated_recorded_bodies_parse_or_raise_validation_error(data: st.DataObject) -> None:
    api, body = data.draw(st.sampled_from(BODIES))
    body = copy.deepcopy(body)
    if not isinstance(body, dict):
        return
    for _ in range(data.draw(st.integers(1, 3))):
        nodes = _nodes(body)[1:]
        if not nodes:
            break
        path = data.draw(st.sampled_from(nodes))
        parent: Any = body
        for segment in path[:-1]:
            parent = parent[segment]
        if isinstance(parent, dict) and data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(json_values)
    _parse_all_ways(SCHEMAS[api], body)
