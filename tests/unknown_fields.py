"""Generated bodies with fields no API defines, added to any of their objects.

The product's promise (ARCHITECTURE.md; the brief: "unknown fields pass through untouched") is
that such a field comes back unchanged through ``X -> IR -> X``, and that a conversion to another
API either carries it or reports it as a loss at its own pointer. The generated bodies of
``tests.strategies`` hold only fields the APIs document, so on their own they never test that: a
converter that dropped every unknown field in silence would pass. These strategies take such a body
and add one to three fields named ``x_kw_...`` (no API uses the prefix) to objects drawn from all of
its objects: the top level, messages and items, content parts, tool calls, tools, usage, choices.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from openai.types.responses import Response as ResponsesResponse

from tests.strategies import words

UNKNOWN_KEYS = st.from_regex(r"x_kw_[a-z]{1,6}", fullmatch=True)
# Never null (a null field reads as absent in all three SDKs, so dropping one loses nothing) and
# never a value that says nothing ([], {}, 0), which the converters may report as cosmetic only.
UNKNOWN_VALUES: st.SearchStrategy[Any] = st.one_of(
    words,
    st.integers(min_value=1, max_value=1000),
    st.booleans(),
    st.lists(words, min_size=1, max_size=2),
    st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), words, min_size=1, max_size=2),
)

# Objects whose keys are data, not fields: a new key there is a new entry, not an unknown field
# (tool arguments, JSON schemas, metadata, logit_bias keyed by token id).
DATA_OBJECTS = frozenset(
    {"input", "parameters", "input_schema", "schema", "properties", "metadata", "logit_bias", "arguments"}
)


# A Responses Response echoes the request's configuration (WIRE.md §3.6): every field of the SDK's
# Response type but these is an echo, and an echo is the client's own request, not the answer: no
# other API has a place for it, so nothing in it is reported when it is left out.
_ANSWER_FIELDS = {
    "id", "object", "created_at", "completed_at", "status", "error", "incomplete_details", "output",
    "usage", "model", "service_tier",
}  # fmt: skip
RESPONSES_ECHOES = frozenset(ResponsesResponse.model_fields) - _ANSWER_FIELDS


def objects(
    value: Any, at: str = "", key: str = "", skip: frozenset[str] = frozenset()
) -> list[tuple[str, dict[str, Any]]]:
    """(JSON Pointer, object) of every object in ``value`` (itself included) outside ``DATA_OBJECTS``
    and outside the top-level fields ``skip``."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        if key in DATA_OBJECTS:
            return found
        found.append((at, value))
        for child_key, child in value.items():
            if not (at == "" and child_key in skip):
                found += objects(child, f"{at}/{child_key}", child_key)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += objects(child, f"{at}/{i}", key if key in DATA_OBJECTS else "")
    return found


def copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


@st.composite
def with_unknown_fields(
    draw: st.DrawFn, bodies: st.SearchStrategy[dict[str, Any]], skip: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], list[str]]:
    """A body of ``bodies`` with one to three ``x_kw_`` fields added to objects drawn from it (not
    inside the top-level fields ``skip``), and the JSON Pointers of the added fields."""
    body = copy_json(draw(bodies))
    found = objects(body, skip=skip)
    added: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at, target = draw(st.sampled_from(found))
        key = draw(UNKNOWN_KEYS)
        target[key] = draw(UNKNOWN_VALUES)
        added.append(f"{at}/{key}")
    return body, sorted(set(added))


def remove(body: Any, pointers: list[str]) -> Any:
    """A copy of ``body`` without the fields at ``pointers`` (each an added ``x_kw_`` field)."""
    body = copy_json(body)
    for pointer in pointers:
        *parents, key = pointer[1:].split("/")
        node = body
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        del node[key]
    return body
