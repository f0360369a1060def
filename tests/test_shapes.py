"""The shape checks of the Chat and Responses codecs (``kindo_wire.shapes``): a field of the
wrong JSON type is refused with code ``invalid_type``, its own JSON Pointer, and what was there."""

from __future__ import annotations

from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire.shapes import json_kind

USER = {"role": "user", "content": "hi"}
CHAT = {"model": "gpt-4o", "messages": [USER]}
RESPONSES = {"model": "gpt-4o", "input": "hi"}

CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("chat", {**CHAT, "messages": {"role": "user"}}, "/messages", "messages must be an array, got an object"),
    ("chat", {**CHAT, "messages": ["hi"]}, "/messages/0", "a message must be an object, got a string"),
    (
        "chat",
        {**CHAT, "messages": [USER, {"role": "assistant", "tool_calls": [{"id": 7, "type": "function"}]}]},
        "/messages/1/tool_calls/0/id",
        "tool call id must be a string, got a number",
    ),
    (
        "chat",
        {**CHAT, "messages": [{"role": "user", "content": [{"type": "text", "text": None}]}]},
        "/messages/0/content/0/text",
        "text must be a string, got null",
    ),
    ("chat", {**CHAT, "stop": [True]}, "/stop/0", "stop must be a string, got a boolean"),
    ("responses", {**RESPONSES, "input": [[]]}, "/input/0", "an input item must be an object, got an array"),
    (
        "responses",
        {**RESPONSES, "input": [{"type": "function_call", "name": "f", "arguments": "{}"}]},
        "/input/0/call_id",
        "'call_id' must be a string, got nothing",
    ),
    (
        "responses",
        {
            **RESPONSES,
            "input": [
                {
                    "role": "user",
                    "content": [{"type": "input_audio", "input_audio": {"data": 5, "format": "wav"}}],
                }
            ],
        },
        "/input/0/content/0/input_audio/data",
        "'data' must be a string, got a number",
    ),
    ("responses", {**RESPONSES, "tools": ["f"]}, "/tools/0", "a tool must be an object, got a string"),
    ("responses", {**RESPONSES, "text": {"format": "json"}}, "/text/format", "text.format must be an object"),
    ("responses", {**RESPONSES, "reasoning": 1}, "/reasoning", "reasoning must be an object, got a number"),
    (
        "responses",
        {**RESPONSES, "tools": {"type": "function"}},
        "/tools",
        "tools must be an array, got an object",
    ),
    (
        "responses",
        {**RESPONSES, "input": 5},
        "/input",
        "input must be a string or a list of items, got a number",
    ),
    (
        "responses",
        {**RESPONSES, "input": [{"role": "user", "content": None}]},
        "/input/0/content",
        "content must be a string or a list of parts, got null",
    ),
    (
        "responses",
        {**RESPONSES, "input": [{"type": "function_call_output", "call_id": "c", "output": {"x": 1}}]},
        "/input/0/output",
        "a tool output must be a string or a list of parts, got an object",
    ),
]


# every case to both other APIs (the same API on both sides is passed through unread)
APIS = ("chat", "messages", "responses")
CROSSED = [(*case, target) for case in CASES for target in APIS if target != case[0]]


@pytest.mark.parametrize(
    ("source", "body", "pointer", "message", "target"), CROSSED, ids=[f"{c[2]}->{c[4]}" for c in CROSSED]
)
def test_a_wrong_type_is_refused_where_it_is(
    source: str, body: dict[str, Any], pointer: str, message: str, target: str
) -> None:
    with pytest.raises(kw.RequestError) as caught:
        kw.convert_request(body, source=source, target=target)
    error = caught.value
    assert (error.pointer, error.code, error.status) == (pointer, "invalid_type", 400)
    assert message in error.message
    envelope = error.to_body(source)["error"]
    assert envelope["code"] == "invalid_type" and message in envelope["message"]


def test_an_upstream_response_of_the_wrong_shape_is_the_upstreams_fault() -> None:
    body = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m", "choices": [7]}
    with pytest.raises(kw.UpstreamError) as caught:
        kw.convert_response(body, source="chat", target="messages")
    assert "got a number" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "null"), (True, "a boolean"), (0, "a number"), (1.5, "a number"), ("", "a string"),
     ([], "an array"), ({}, "an object")],
)  # fmt: skip
def test_json_kind_names_every_json_type(value: Any, kind: str) -> None:
    assert json_kind(value) == kind
