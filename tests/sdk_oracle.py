"""Helpers for judging our schemas with the official SDK types (test-only)."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel


def drain(value: Any) -> Any:
    """pydantic validates a TypedDict's ``Iterable[...]`` lazily (a ValidatorIterator): iterate every
    one, recursively, so item errors surface."""
    if isinstance(value, dict):
        return {k: drain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, Iterator)):
        return [drain(v) for v in value]
    return value


def sdk_fields(sdk_type: Any) -> dict[str, Any]:
    """Wire name -> annotation of an SDK model or TypedDict."""
    if isinstance(sdk_type, type) and issubclass(sdk_type, BaseModel):
        return {f.alias or name: f.annotation for name, f in sdk_type.model_fields.items()}
    return typing.get_type_hints(sdk_type)


def our_fields(model: type[BaseModel]) -> dict[str, Any]:
    return {f.alias or name: f.annotation for name, f in model.model_fields.items()}


def literal_values(annotation: Any) -> frozenset[Any] | None:
    """The values of a Literal (possibly Optional) annotation; None if it is not purely literal."""
    members = (
        get_args(annotation) if get_origin(annotation) in (typing.Union, type(int | None)) else (annotation,)
    )
    values: set[Any] = set()
    for member in members:
        if member is type(None):
            continue
        if get_origin(member) is not Literal:
            return None
        values.update(get_args(member))
    return frozenset(values)
