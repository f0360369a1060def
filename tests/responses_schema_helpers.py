"""What the Responses schema tests share: the recorded exchanges by kind, a walk over parsed
models, and sample bodies built from the openai SDK's types (test_responses_schema.py,
test_responses_sdk.py)."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import NotRequired, Required, is_typeddict

from kindo_wire import responses as rs
from kindo_wire._wire import UnknownTyped, WireModel
from tests.sdk_oracle import drain
from tests.traffic import Exchange, of_api

RS = of_api("responses")
STREAMS = [e for e in RS if e.stream is not None]
RESPONSES = [e for e in RS if e.stream is None and e.status == 200]
ERRORS = [e for e in RS if e.status != 200]
TERMINAL_EVENTS = {"response.completed", "response.failed", "response.incomplete", "error"}


def ids(exchanges: list[Exchange]) -> list[str]:
    return [e.name for e in exchanges]


def event_dump(event: Any) -> Any:
    return rs.STREAM_EVENT_ADAPTER.dump_python(event, mode="json", by_alias=True, exclude_unset=True)


def walk(value: Any) -> Iterator[Any]:
    """Every model, list element and dict value under ``value`` (depth first, ``value`` included)."""
    yield value
    if isinstance(value, WireModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name))
        for extra in (value.model_extra or {}).values():
            yield from walk(extra)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)


def catch_alls(value: Any) -> list[UnknownTyped]:
    return [v for v in walk(value) if isinstance(v, UnknownTyped)]


# A sample body for any SDK model or TypedDict, built from its annotations: `full=False` gives only the
# required keys, `full=True` every key; a union takes its first structured member (model, TypedDict,
# list or dict) so samples go deep. Values: "s", 1, 0.5, True; lists and dicts of one element.

NONE_TYPE = type(None)


def unwrap(tp: Any) -> Any:
    while get_origin(tp) in (Annotated, Required, NotRequired):
        tp = get_args(tp)[0]
    return tp


def union_members(tp: Any) -> list[Any]:
    tp = unwrap(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return [m for a in get_args(tp) for m in union_members(a)]
    return [tp]


def is_record(tp: Any) -> bool:
    return isinstance(tp, type) and (issubclass(tp, BaseModel) or is_typeddict(tp))


def record_fields(tp: Any) -> list[tuple[str, Any, bool]]:
    """(wire key, annotation, required) of an SDK model or TypedDict."""
    if issubclass(tp, BaseModel):
        return [
            (
                f.alias or name,
                Annotated[(f.annotation, *f.metadata)] if f.metadata else f.annotation,
                f.is_required(),
            )
            for name, f in tp.model_fields.items()
        ]
    hints = typing.get_type_hints(tp, include_extras=True)

    def required(annotation: Any) -> bool:
        origin = get_origin(annotation)
        return origin is Required or (origin is not NotRequired and bool(tp.__total__))

    return [(key, annotation, required(annotation)) for key, annotation in hints.items()]


def sample(tp: Any, full: bool) -> Any:
    choices = [m for m in union_members(tp) if m is not NONE_TYPE]
    structured = [m for m in choices if is_record(m) or get_origin(m) not in (None, Literal)]
    tp = (structured or choices)[0]
    origin = get_origin(tp)
    if origin is Literal:
        return get_args(tp)[0]
    if origin is dict:
        return {"k": sample(get_args(tp)[1], full)}
    if origin is not None and issubclass(origin, Iterable):  # list, Iterable, SequenceNotStr
        return [sample(get_args(tp)[0], full)]
    if is_record(tp):
        return {key: sample(a, full) for key, a, required in record_fields(tp) if required or full}
    simple: dict[Any, Any] = {str: "s", bool: True, int: 1, float: 0.5}
    return simple.get(tp, {"any": [1, "x"]})  # `object`: any JSON value


def tags(tp: Any) -> list[str]:
    for key, annotation, _ in record_fields(tp):
        if key == "type":
            return [v for m in union_members(annotation) if get_origin(m) is Literal for v in get_args(m)]
    return []


@cache
def sdk_adapter(tp: Any) -> TypeAdapter[Any]:
    # cached: a ValidatorIterator must not outlive the adapter that made it
    return TypeAdapter(tp)


def sdk_validate(tp: Any, body: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.model_validate(body)
    return drain(sdk_adapter(tp).validate_python(body, strict=True))


def sdk_accepts(tp: Any, body: Any) -> bool:
    try:
        sdk_validate(tp, body)
    except ValidationError:
        return False
    return True


def sdk_round_trip(sdk_model: type[BaseModel], ours: dict[str, Any]) -> BaseModel:
    """The SDK parses our dump and writes back the same JSON. Compared with `==`, not `same_json`: the
    SDK (lax) turns an integral `created_at` or logprob into a float."""
    parsed = sdk_model.model_validate(ours)
    assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == ours
    return parsed
