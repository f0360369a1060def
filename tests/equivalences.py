"""Spellings each API documents as meaning the same thing: not differences, so not losses.

The ``A -> B -> A`` property (``test_convert_properties``) compares bodies after ``canonical``, which
rewrites each form below to one spelling. Every rule is a documented equivalence of the API itself
(a deprecated alias, a documented default, a string standing for one text part, ``null`` for an
optional field); anything else that differs must be covered by a reported loss. The converters do
not report these (docs/CONVERSION.md, "Equivalent forms"): a gateway user gains nothing from being
told that ``"stop": "x"`` was sent as ``["x"]``.
"""

from __future__ import annotations

from typing import Any

from tests.strategies import strict_ok

# The empty object schema: what Chat documents an omitted ``parameters`` to mean (WIRE.md §1.3,
# "omitting parameters defines a function with an empty parameter list"); Responses' nullable
# ``parameters`` and Anthropic's required ``input_schema`` are read the same way.
EMPTY_SCHEMA = {"type": "object", "properties": {}}

# Text part types per API: a list holding exactly one such part, with no other key, is the string.
_TEXT_PARTS = {"chat": {"text"}, "messages": {"text"}, "responses": {"input_text", "output_text"}}


def canonical(body: Any, api: str, kind: str) -> Any:
    """``body`` (a request or response of ``api``; ``kind`` is "requests" or "responses") with every
    documented equivalent form spelled one way."""
    body = _drop_nulls(body)
    if kind == "requests":
        _request(body, api)
    else:
        _response(body, api)
    return body


def _drop_nulls(value: Any) -> Any:
    """``null`` for an optional field is the field left out (all three SDKs read both as unset)."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _drop_if(obj: dict[str, Any], key: str, default: Any) -> None:
    if key in obj and obj[key] == default:
        del obj[key]


def _text_form(content: Any, api: str) -> Any:
    """One plain text part is its text (WIRE.md §1.2, §2.3, §3.2: content is a string or parts)."""
    if isinstance(content, list) and len(content) == 1 and isinstance(content[0], dict):
        part = dict(content[0])
        _drop_if(part, "annotations", [])
        if part.keys() == {"type", "text"} and part["type"] in _TEXT_PARTS[api]:
            return part["text"]
    return content


def _tools_defaults(body: dict[str, Any]) -> None:
    """``parallel_tool_calls: true`` and ``tool_choice: "auto"`` with tools are the documented
    defaults (WIRE.md §1.3, §3.4); an empty ``metadata`` says nothing."""
    _drop_if(body, "parallel_tool_calls", True)
    _drop_if(body, "metadata", {})
    if body.get("tools"):
        _drop_if(body, "tool_choice", "auto")
        if isinstance(body.get("tool_choice"), dict):
            choice = body["tool_choice"]
            _drop_if(choice, "disable_parallel_tool_use", False)
            if choice == {"type": "auto"}:
                del body["tool_choice"]


def _alias(body: dict[str, Any], old: str, new: str) -> None:
    """A deprecated field name read as its replacement (WIRE.md §1.1: ``max_tokens`` ->
    ``max_completion_tokens``; ``user`` -> ``safety_identifier``)."""
    if old in body and new not in body:
        body[new] = body.pop(old)


def _request(body: dict[str, Any], api: str) -> None:
    _tools_defaults(body)
    if api == "chat":
        _alias(body, "max_tokens", "max_completion_tokens")
        _alias(body, "user", "safety_identifier")
        if isinstance(body.get("stop"), str):
            body["stop"] = [body["stop"]]
        for message in body.get("messages", []):
            if "content" in message:
                message["content"] = _text_form(message["content"], api)
            for part in message.get("content") or []:
                if isinstance(part, dict) and isinstance(part.get("image_url"), dict):
                    _drop_if(part["image_url"], "detail", "auto")
        for tool in body.get("tools", []):
            function = tool.get("function", {})
            _drop_if(function, "strict", False)  # Chat: strict is off unless asked (WIRE.md §6.3)
            _drop_if(function, "parameters", EMPTY_SCHEMA)
    elif api == "messages":
        if "system" in body:
            body["system"] = _text_form(body["system"], api)
        for message in body.get("messages", []):
            message["content"] = _text_form(message["content"], api)
        for tool in body.get("tools", []):
            _drop_if(tool, "strict", False)  # Anthropic: strict only when asked (WIRE.md §2.5)
    else:
        _alias(body, "user", "safety_identifier")
        if isinstance(body.get("input"), str):
            body["input"] = [{"role": "user", "content": body["input"]}]
        for item in body.get("input", []):
            if "role" in item:
                _drop_if(item, "type", "message")  # the easy input message form (WIRE.md §3.2)
                item["content"] = _text_form(item["content"], api)
                for part in item["content"] if isinstance(item["content"], list) else []:
                    _drop_if(part, "detail", "auto")
        for tool in body.get("tools", []):
            if tool.get("type") == "function" and "strict" not in tool:
                # left out, strict means "if the schema allows it" (WIRE.md §3.4, §6.3)
                tool["strict"] = strict_ok(tool.get("parameters"))
            _drop_if(tool, "parameters", EMPTY_SCHEMA)


def _zero_counters(usage: Any, nested: bool = False) -> None:
    """Detail and cache token counters of 0, and detail objects left empty, say the same as none
    (WIRE.md §6.9); the main counters are required and stay."""
    if not isinstance(usage, dict):
        return
    for key in list(usage):
        value = usage[key]
        if isinstance(value, dict):
            _zero_counters(value, nested=True)
            if not value:
                del usage[key]
        elif value == 0 and (nested or key.startswith("cache_")):
            del usage[key]


def _response(body: dict[str, Any], api: str) -> None:
    _zero_counters(body.get("usage"))
    if api == "chat":
        for choice in body.get("choices", []):
            _drop_if(choice.get("message", {}), "annotations", [])
