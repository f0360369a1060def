"""Whether a JSON Schema fits OpenAI's strict mode (structured outputs / strict function tools).

Strict mode accepts a subset of JSON Schema: every object must set ``additionalProperties: false``
and list all of its properties in ``required``, and only some keywords are supported
(https://platform.openai.com/docs/guides/structured-outputs#supported-schemas). A schema from
another provider marked ``strict`` may not fit; sending it with ``strict: true`` makes OpenAI answer
400 (PEERS.md bug 40), so such a tool is sent non-strict and the loss is reported.
"""

from __future__ import annotations

from typing import Any

# Keywords OpenAI strict mode documents as supported. Anything else (uniqueItems, not, allOf,
# patternProperties, if/then/else, ...) makes the schema non-strict.
SUPPORTED_KEYWORDS = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf",
        "$ref", "$defs", "definitions", "description", "title", "pattern", "format", "multipleOf",
        "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "minItems", "maxItems",
    }
)  # fmt: skip

_SUBSCHEMA_MAPS = ("properties", "$defs", "definitions")


def strict_problem(schema: Any, where: str = "") -> str | None:
    """Why ``schema`` would be refused in strict mode (a pointer inside it and a reason), or None."""
    if not isinstance(schema, dict):
        return None if isinstance(schema, bool) else f"{where or '/'}: not a schema object"
    for key in schema:
        if key not in SUPPORTED_KEYWORDS:
            return f"{where or '/'}: keyword {key!r} is not supported in strict mode"
    kind = schema.get("type")
    if kind == "object" or (isinstance(kind, list) and "object" in kind) or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            return f"{where or '/'}: objects need additionalProperties: false"
        properties = schema.get("properties", {})
        if isinstance(properties, dict) and set(properties) - set(schema.get("required", ())):
            return f"{where or '/'}: every property must be required"
    for name in _SUBSCHEMA_MAPS:
        children = schema.get(name)
        if isinstance(children, dict):
            for key, child in children.items():
                if problem := strict_problem(child, f"{where}/{name}/{key}"):
                    return problem
    if (
        problem := strict_problem(schema["items"], f"{where}/items") if "items" in schema else None
    ) is not None:
        return problem
    for i, child in enumerate(schema.get("anyOf", ()) if isinstance(schema.get("anyOf"), list) else ()):
        if problem := strict_problem(child, f"{where}/anyOf/{i}"):
            return problem
    return None


def responses_default_strict(parameters: dict[str, Any] | None) -> bool | None:
    """What Responses does with a function tool that leaves ``strict`` out: strict mode when the
    schema allows it, else not (WIRE.md §3.4, §6.3 "tries strict mode if the schema is compatible
    and falls back otherwise"). True, or None for "not strict" (the other APIs' default)."""
    schema = parameters if parameters is not None else {"type": "object", "properties": {}}
    return True if strict_problem(schema) is None else None
