"""The Responses schema: identity on recorded traffic, hand-written bodies, open unions and
strictness. Conformance with the official openai SDK is in test_responses_sdk.py."""

from __future__ import annotations

import copy
import json
import warnings
from typing import Any

import openai.types as oa_types
import openai.types.responses as oa
import pytest
from openai.types.responses import response_create_params as oa_params
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import responses as rs
from kindo_wire._wire import UnknownTyped
from tests.responses_schema_helpers import (
    ERRORS,
    RESPONSES,
    RS,
    STREAMS,
    TERMINAL_EVENTS,
    catch_alls,
    event_dump,
    ids,
    sdk_accepts,
    sdk_round_trip,
)
from tests.traffic import Exchange, same_json, stream_events


def test_fixtures_cover_every_kind_of_exchange() -> None:
    assert len(RS) == 61
    assert len(STREAMS) == 15
    assert len(ERRORS) == 5 and all(e.status == 400 for e in ERRORS)
    assert len(RESPONSES) == 41


# -- 1. parse -> dump is the identity on every recorded exchange -------------------------------


@pytest.mark.parametrize("ex", RS, ids=ids(RS))
def test_request_round_trip(ex: Exchange) -> None:
    request = rs.ResponseCreateRequest.model_validate(ex.request)
    assert same_json(request.dump(), ex.request)
    from_bytes = rs.ResponseCreateRequest.model_validate_json(json.dumps(ex.request))
    assert same_json(json.loads(from_bytes.dump_json()), ex.request)
    assert request.model == ex.request["model"]
    # every recorded item, part and tool is of a type the schema knows
    assert catch_alls(request) == []
    if isinstance(ex.request["input"], list):
        assert isinstance(request.input, list) and len(request.input) == len(ex.request["input"])


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_response_round_trip(ex: Exchange) -> None:
    response = rs.Response.model_validate_json(json.dumps(ex.response))
    assert same_json(response.dump(), ex.response)
    assert same_json(json.loads(response.dump_json()), ex.response)
    assert catch_alls(response) == []
    assert response.id == ex.response["id"] and response.status == ex.response["status"]
    assert [o.type for o in response.output] == [o["type"] for o in ex.response["output"]]


@pytest.mark.parametrize("ex", ERRORS, ids=ids(ERRORS))
def test_error_round_trip(ex: Exchange) -> None:
    body = rs.ErrorResponse.model_validate_json(json.dumps(ex.response))
    assert same_json(body.dump(), ex.response)
    assert body.error.message == ex.response["error"]["message"]
    assert body.error.type == "invalid_request_error"


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_stream_round_trip(ex: Exchange) -> None:
    events = stream_events(ex)
    assert events and events[-1][0] in TERMINAL_EVENTS
    numbers = []
    for name, data in events:
        event = rs.STREAM_EVENT_ADAPTER.validate_json(data)
        assert not isinstance(event, UnknownTyped)
        assert event.type == name  # SSE `event:` equals data.type
        assert same_json(event_dump(event), json.loads(data))
        assert catch_alls(event) == []
        numbers.append(event.sequence_number)
    # recordings made before sequence_number existed have none; the others count from 0 by 1
    assert numbers == list(range(len(events))) or set(numbers) == {None}


# -- hand-written bodies: the common shapes, each checked to land in the expected model ---------

FULL_REQUEST: dict[str, Any] = {
    "model": "gpt-5",
    "instructions": "Be brief.",
    "input": [
        {"role": "developer", "content": "Answer in French."},
        {
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Look:", "prompt_cache_breakpoint": {"mode": "explicit"}},
                {"type": "input_image", "detail": "high", "image_url": "https://example.com/a.png"},
                {"type": "input_file", "file_id": "file-1", "filename": "a.pdf"},
            ],
        },
        {
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [{"type": "input_text", "text": "x"}],
        },
        {
            "type": "message",
            "id": "msg_1",
            "role": "assistant",
            "status": "completed",
            "phase": "final_answer",
            "content": [
                {
                    "type": "output_text",
                    "text": "Hi",
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url": "https://e.x",
                            "title": "E",
                            "start_index": 0,
                            "end_index": 2,
                        }
                    ],
                    "logprobs": [{"token": "Hi", "bytes": [72, 105], "logprob": -0.5, "top_logprobs": []}],
                },
                {"type": "refusal", "refusal": "No."},
            ],
        },
        {
            "type": "reasoning",
            "id": "rs_1",
            "summary": [{"type": "summary_text", "text": "t"}],
            "encrypted_content": "gAAA",
        },
        {
            "type": "function_call",
            "id": "fc_1",
            "call_id": "call_1",
            "name": "get_weather",
            "arguments": "{}",
        },
        {"type": "function_call_output", "call_id": "call_1", "output": "18C"},
        {
            "type": "function_call_output",
            "call_id": "call_2",
            "output": [{"type": "input_text", "text": "18C"}],
        },
        {"type": "custom_tool_call", "call_id": "call_3", "name": "sql", "input": "SELECT 1"},
        {"type": "custom_tool_call_output", "call_id": "call_3", "output": "1"},
        {"id": "msg_0"},
        {"type": "item_reference", "id": "msg_00"},
        {"type": "compaction", "encrypted_content": "gAAA"},
        {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": True},
    ],
    "tools": [
        {"type": "function", "name": "get_weather", "parameters": {"type": "object"}, "strict": True},
        {
            "type": "custom",
            "name": "sql",
            "format": {"type": "grammar", "syntax": "lark", "definition": "start: x"},
        },
        {"type": "web_search", "search_context_size": "low"},
        {
            "type": "mcp",
            "server_label": "deepwiki",
            "server_url": "https://mcp.deepwiki.com/mcp",
            "require_approval": "never",
        },
    ],
    "tool_choice": {
        "type": "allowed_tools",
        "mode": "auto",
        "tools": [{"type": "function", "name": "get_weather"}],
    },
    "text": {
        "format": {"type": "json_schema", "name": "a", "schema": {"type": "object"}, "strict": True},
        "verbosity": "low",
    },
    "reasoning": {"effort": "high", "summary": "auto"},
    "include": ["reasoning.encrypted_content"],
    "temperature": 1,
    "top_p": 0.9,
    "truncation": "auto",
    "conversation": {"id": "conv_1"},
    "prompt": {
        "id": "pmpt_1",
        "variables": {"city": "Paris", "pic": {"type": "input_image", "detail": "auto", "file_id": "f"}},
    },
    "context_management": [{"type": "compaction", "compact_threshold": 1000}],
    "moderation": {"model": "omni-moderation-latest", "policy": {"input": {"mode": "block"}}},
    "stream": True,
    "stream_options": {"include_obfuscation": False},
}


def test_full_request_members_are_typed() -> None:
    request = rs.ResponseCreateRequest.model_validate_json(json.dumps(FULL_REQUEST))
    assert same_json(request.dump(), FULL_REQUEST)
    assert isinstance(request.input, list)
    assert [type(i) for i in request.input] == [
        rs.EasyInputMessage,
        rs.EasyInputMessage,
        rs.EasyInputMessage,
        rs.EasyInputMessage,
        rs.ReasoningItem,
        rs.FunctionCall,
        rs.FunctionCallOutput,
        rs.FunctionCallOutput,
        rs.CustomToolCall,
        rs.CustomToolCallOutput,
        rs.ItemReference,
        rs.ItemReference,
        rs.Compaction,
        rs.McpApprovalResponse,
    ]
    user, replay = request.input[1], request.input[3]
    assert isinstance(user, rs.EasyInputMessage) and isinstance(user.content, list)
    assert [type(p) for p in user.content] == [rs.InputText, rs.InputImage, rs.InputFile]
    assert isinstance(replay, rs.EasyInputMessage) and isinstance(replay.content, list)
    assert [type(p) for p in replay.content] == [rs.OutputText, rs.Refusal]
    text = replay.content[0]
    assert isinstance(text, rs.OutputText) and isinstance(text.annotations[0], rs.URLCitation)
    assert [type(t) for t in request.tools or []] == [
        rs.FunctionTool,
        rs.CustomTool,
        rs.WebSearchTool,
        rs.McpTool,
    ]
    assert isinstance(request.tool_choice, rs.ToolChoiceAllowed)
    assert request.text is not None and isinstance(request.text.format, rs.TextFormatJSONSchema)
    assert request.text.format.schema_ == {"type": "object"}
    assert request.prompt is not None and isinstance((request.prompt.variables or {})["pic"], rs.InputImage)
    assert type(request.temperature) is int and type(request.top_p) is float


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("none", str),
        ("auto", str),
        ("required", str),
        ({"type": "function", "name": "f"}, rs.ToolChoiceFunction),
        ({"type": "custom", "name": "f"}, rs.ToolChoiceCustom),
        (
            {"type": "allowed_tools", "mode": "required", "tools": [{"type": "mcp", "server_label": "x"}]},
            rs.ToolChoiceAllowed,
        ),
        ({"type": "file_search"}, rs.ToolChoiceHosted),
        ({"type": "web_search_preview"}, rs.ToolChoiceHosted),
        ({"type": "computer_use"}, rs.ToolChoiceHosted),
        ({"type": "image_generation"}, rs.ToolChoiceHosted),
        ({"type": "code_interpreter"}, rs.ToolChoiceHosted),
        ({"type": "mcp", "server_label": "deepwiki"}, rs.ToolChoiceMcp),
        ({"type": "mcp", "server_label": "deepwiki", "name": "ask"}, rs.ToolChoiceMcp),
        ({"type": "apply_patch"}, rs.ToolChoiceApplyPatch),
        ({"type": "shell"}, rs.ToolChoiceShell),
        ({"type": "programmatic_tool_calling"}, rs.ToolChoiceProgrammatic),
    ],
)
def test_tool_choice_forms(choice: Any, expected: type) -> None:
    body = {"model": "gpt-5", "input": "hi", "tool_choice": choice}
    request = rs.ResponseCreateRequest.model_validate(body)
    assert type(request.tool_choice) is expected
    assert same_json(request.dump(), body)
    assert sdk_accepts(oa_params.ResponseCreateParamsNonStreaming, body)


def test_input_forms() -> None:
    as_string = rs.ResponseCreateRequest.model_validate({"input": "hi"})
    assert as_string.input == "hi"
    empty = rs.ResponseCreateRequest.model_validate({"input": []})
    assert empty.input == [] and empty.dump() == {"input": []}
    # a prompt-only request: every field is optional
    assert rs.ResponseCreateRequest.model_validate({"prompt": {"id": "pmpt_1"}}).dump() == {
        "prompt": {"id": "pmpt_1"}
    }


USAGE = {
    "input_tokens": 10,
    "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
    "output_tokens": 5,
    "output_tokens_details": {"reasoning_tokens": 2},
    "total_tokens": 15,
}
FAILED_RESPONSE: dict[str, Any] = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1741476542.5,
    "status": "failed",
    "error": {"code": "vector_store_timeout", "message": "timed out"},
    "incomplete_details": None,
    "model": "gpt-5",
    "output": [],
    "parallel_tool_calls": True,
    "tool_choice": {"type": "function", "name": "f"},
    "tools": [],
    "usage": USAGE,
    "instructions": [{"role": "developer", "content": "Be brief."}],
    "moderation": {
        "input": {
            "type": "moderation_result",
            "model": "omni-moderation-latest",
            "flagged": False,
            "categories": {"violence": False},
            "category_scores": {"violence": 0.001},
            "category_applied_input_types": {"violence": ["text"]},
        },
        "output": {"type": "error", "code": "unavailable", "message": "Moderation failed."},
    },
}


def test_failed_response_and_incomplete_details() -> None:
    response = rs.Response.model_validate_json(json.dumps(FAILED_RESPONSE))
    assert same_json(response.dump(), FAILED_RESPONSE)
    assert response.error is not None and response.error.code == "vector_store_timeout"
    assert isinstance(response.tool_choice, rs.ToolChoiceFunction)
    assert isinstance(response.instructions, list) and isinstance(
        response.instructions[0], rs.EasyInputMessage
    )
    assert response.moderation is not None
    assert isinstance(response.moderation.input, rs.ModerationResult)
    assert isinstance(response.moderation.output, rs.ModerationError)
    assert response.usage is not None and response.usage.output_tokens_details is not None
    assert response.usage.output_tokens_details.reasoning_tokens == 2
    incomplete = FAILED_RESPONSE | {
        "status": "incomplete",
        "error": None,
        "incomplete_details": {"reason": "max_output_tokens"},
    }
    parsed = rs.Response.model_validate(incomplete)
    assert parsed.incomplete_details is not None and parsed.incomplete_details.reason == "max_output_tokens"
    sdk_round_trip(oa.Response, parsed.dump())


def test_mid_stream_error_event_is_flat() -> None:
    body = {"type": "error", "code": "server_error", "message": "boom", "param": None, "sequence_number": 7}
    event = rs.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))
    assert type(event) is rs.ResponseErrorEvent and event.code == "server_error" and event.message == "boom"
    assert same_json(event_dump(event), body)
    sdk_round_trip(oa.ResponseErrorEvent, event.dump())
    with pytest.raises(ValidationError):  # the nested (Chat-style) shape lacks the flat `message`
        rs.STREAM_EVENT_ADAPTER.validate_python({"type": "error", "error": {"message": "boom", "type": "x"}})


MODEL_LIST = {
    "object": "list",
    "data": [
        {"id": "gpt-5", "object": "model", "created": 1754425777, "owned_by": "system"},
        {"id": "ft:gpt-4o-mini:acme::abc", "object": "model", "created": 1720000000, "owned_by": "acme"},
    ],
}


def test_models_list_round_trip() -> None:
    models = rs.ModelList.model_validate_json(json.dumps(MODEL_LIST))
    assert same_json(models.dump(), MODEL_LIST)
    assert [m.id for m in models.data] == ["gpt-5", "ft:gpt-4o-mini:acme::abc"]
    for model in models.dump()["data"]:
        sdk_round_trip(oa_types.Model, model)


def test_public_names() -> None:
    assert rs.Request is rs.ResponseCreateRequest
    assert rs.StreamEvent is rs.ResponseStreamEvent
    assert rs.ErrorBody is rs.ErrorResponse
    assert isinstance(rs.STREAM_EVENT_ADAPTER, TypeAdapter)
    assert list(rs.__all__) == sorted(rs.__all__, key=lambda n: (not n.isupper(), n))
    for name in rs.__all__:
        assert getattr(rs, name) is not None
    for name in [
        "Response",
        "InputItem",
        "OutputItem",
        "Tool",
        "ToolChoice",
        "ResponseUsage",
        "ErrorObject",
        "Model",
    ]:
        assert name in rs.__all__


# -- 3. forward compatibility: what this version does not know survives -------------------------


def test_unknown_fields_survive_everywhere() -> None:
    body = copy.deepcopy(FULL_REQUEST)
    body["future_knob"] = {"nested": [1, 2.0, None, True]}
    body["input"][1]["content"][1]["future"] = "x"
    body["input"][5]["future"] = 1
    body["tools"][0]["future"] = False
    body["text"]["format"]["future"] = 1.5
    body["reasoning"]["future"] = None
    request = rs.ResponseCreateRequest.model_validate(body)
    assert same_json(request.dump(), body)
    assert request.model_extra == {"future_knob": {"nested": [1, 2.0, None, True]}}

    response = copy.deepcopy(FAILED_RESPONSE)
    response["future"] = {"a": 1}
    response["usage"]["input_tokens_details"]["future_tokens"] = 3
    assert same_json(rs.Response.model_validate(response).dump(), response)

    event = {"type": "response.output_text.delta", "item_id": "m", "output_index": 0, "content_index": 0}
    event |= {"delta": "x", "logprobs": [], "sequence_number": 3, "obfuscation": "abc"}
    assert same_json(event_dump(rs.STREAM_EVENT_ADAPTER.validate_python(event)), event)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("input", 0), {"type": "browser_session", "url": "https://x", "n": 1.0}),
        (("input", 1, "content", 0), {"type": "input_video", "video_url": "https://v"}),
        (("input", 3, "content", 0, "annotations", 0), {"type": "page_citation", "page": 3}),
        (("input", 4, "summary", 0), {"type": "summary_image", "url": "u"}),
        (("tools", 0), {"type": "browser", "display": {"w": 1}}),
        (("tools", 1, "format"), {"type": "json_schema", "schema": {}}),
        (("tool_choice",), {"type": "browser"}),
        (("text", "format"), {"type": "grammar", "grammar": "start: x"}),
        (("prompt", "variables", "pic"), {"type": "input_video", "file_id": "f"}),
    ],
    ids=[
        "item",
        "content-part",
        "annotation",
        "summary-part",
        "tool",
        "custom-format",
        "tool-choice",
        "text-format",
        "prompt-var",
    ],
)
def test_unknown_union_members_parse_into_catch_all(path: tuple[Any, ...], value: Any) -> None:
    body = copy.deepcopy(FULL_REQUEST)
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    request = rs.ResponseCreateRequest.model_validate_json(json.dumps(body))
    assert same_json(request.dump(), body)
    parsed: Any = request
    for key in path:
        parsed = parsed[key] if isinstance(parsed, (list, dict)) else getattr(parsed, key)
    assert type(parsed) is UnknownTyped
    assert same_json(parsed.dump(), value)


def test_unknown_output_items_and_events_parse_into_catch_all() -> None:
    response = copy.deepcopy(FAILED_RESPONSE)
    response["output"] = [{"type": "browser_call", "id": "bc_1", "status": "completed", "steps": [1]}]
    parsed = rs.Response.model_validate(response)
    assert type(parsed.output[0]) is UnknownTyped and same_json(parsed.dump(), response)

    event = {"type": "response.browser_call.navigating", "item_id": "bc_1", "sequence_number": 4, "url": "u"}
    parsed_event = rs.STREAM_EVENT_ADAPTER.validate_json(json.dumps(event))
    assert type(parsed_event) is UnknownTyped and parsed_event.type not in rs.STREAM_EVENT_TYPES
    assert same_json(event_dump(parsed_event), event)

    item_event = {"type": "response.output_item.added", "output_index": 0, "item": response["output"][0]}
    parsed_item_event = rs.STREAM_EVENT_ADAPTER.validate_python(item_event)
    assert type(parsed_item_event) is rs.ResponseOutputItemAddedEvent
    assert type(parsed_item_event.item) is UnknownTyped and same_json(
        event_dump(parsed_item_event), item_event
    )

    part = {"type": "response.content_part.added", "item_id": "m", "output_index": 0, "content_index": 0}
    part |= {"part": {"type": "output_audio", "data": ""}}
    parsed_part = rs.STREAM_EVENT_ADAPTER.validate_python(part)
    assert (
        isinstance(parsed_part, rs.ResponseContentPartAddedEvent) and type(parsed_part.part) is UnknownTyped
    )


def test_untyped_message_and_item_reference_keep_their_shape() -> None:
    body = {
        "input": [
            {"role": "user", "content": "hi"},
            {"id": "msg_1"},
            {"role": "assistant", "content": "yo", "id": "msg_2"},
        ]
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no serializer fallback warnings either
        request = rs.ResponseCreateRequest.model_validate(body)
        assert same_json(request.dump(), body)
        assert same_json(json.loads(request.dump_json()), body)
    assert isinstance(request.input, list)
    message, reference, assistant = request.input
    assert type(message) is rs.EasyInputMessage and message.type is None
    assert type(reference) is rs.ItemReference and reference.id == "msg_1"
    assert reference.type is None and "type" not in reference.model_fields_set
    assert type(assistant) is rs.EasyInputMessage and assistant.id == "msg_2"
    # An explicit null `type` is kept as null, and the built model serializes by its own class
    # (no serializer fallback warning).
    explicit = {"input": [{"type": None, "id": "msg_1"}]}
    parsed = rs.ResponseCreateRequest.model_validate(explicit)
    assert isinstance(parsed.input, list) and type(parsed.input[0]) is rs.ItemReference
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert same_json(parsed.dump(), explicit)
    # and the SDK agrees these are valid input items
    assert sdk_accepts(oa_params.ResponseCreateParamsNonStreaming, body | {"model": "m"})


# -- 4. strictness: wrong types are rejected, not coerced --------------------------------------

MINIMAL: dict[str, Any] = {"model": "gpt-5", "input": "hi"}


@pytest.mark.parametrize(
    "patch",
    [
        {"max_output_tokens": "100"},
        {"max_output_tokens": 100.0},
        {"input": 5},
        {"input": [5]},
        {"input": {"role": "user", "content": "hi"}},
        {"input": [{"type": "function_call", "name": "f", "arguments": "{}"}]},  # no call_id
        {"input": [{"type": "function_call", "call_id": "c", "name": "f", "arguments": {}}]},
        {"input": [{"type": "function_call_output", "call_id": "c", "output": 5}]},
        {"input": [{"type": "function_call_output", "output": "x"}]},
        {"input": [{"type": "reasoning", "id": "rs_1"}]},  # no summary
        {"input": [{"role": "user"}]},
        {"input": [{"content": "no role, no id"}]},
        {"input": [{"role": "critic", "content": "x"}]},
        {"input": [{"role": "user", "content": [{"text": "no type"}]}]},
        {"input": [{"role": "user", "content": [{"type": "input_text"}]}]},
        {"input": [{"role": "user", "content": [{"type": "input_image", "detail": "4k", "file_id": "f"}]}]},
        {"input": [{"type": "item_reference"}]},
        {"input": [{"type": "message", "role": "user", "content": 5}]},
        {"temperature": "0.5"},
        {"stream": "true"},
        {"stream": 1},
        {"truncation": "sometimes"},
        {"tool_choice": "any"},
        {"tool_choice": {"type": "function"}},
        {"tool_choice": {"type": "allowed_tools", "mode": "any", "tools": []}},
        {"tools": [{"type": "function"}]},
        {"tools": [{"type": "function", "name": "f", "strict": "yes"}]},
        {"tools": [{"type": "file_search"}]},
        {"tools": {"type": "function", "name": "f"}},
        {"text": {"format": {"type": "json_schema", "name": "a"}}},
        {"include": "reasoning.encrypted_content"},
        {"metadata": {"k": 1}},
        {"reasoning": "high"},
        {"conversation": 5},
        {"model": 4},
    ],
)
def test_wrong_types_are_rejected(patch: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        rs.ResponseCreateRequest.model_validate(MINIMAL | patch)
    with pytest.raises(ValidationError):
        rs.ResponseCreateRequest.model_validate_json(json.dumps(MINIMAL | patch))


def test_numbers_keep_their_spelling() -> None:
    raw = b'{"model":"m","input":"x","temperature":1,"top_p":1.0,"max_output_tokens":5}'
    out = rs.ResponseCreateRequest.model_validate_json(raw).dump_json()
    assert b'"temperature":1,' in out and b'"top_p":1.0' in out
    assert json.loads(out) == json.loads(raw)


@pytest.mark.parametrize(
    ("model", "body"),
    [
        (rs.Response, FAILED_RESPONSE | {"created_at": "1741476542"}),
        (rs.Response, {k: v for k, v in FAILED_RESPONSE.items() if k != "output"}),
        (rs.Response, FAILED_RESPONSE | {"usage": USAGE | {"total_tokens": 15.0}}),
        (
            rs.Response,
            FAILED_RESPONSE | {"output": [{"type": "message", "role": "assistant", "content": []}]},
        ),
        (rs.Response, FAILED_RESPONSE | {"error": {"message": "no code"}}),
        # ErrorResponse and ModelList are Chat's own classes, rejected by tests/test_chat_schema.py.
    ],
    ids=[
        "created-str",
        "no-output",
        "float-tokens",
        "message-no-id",
        "error-no-code",
    ],
)
def test_wrong_response_types_are_rejected(model: type[BaseModel], body: Any) -> None:
    with pytest.raises(ValidationError):
        model.model_validate_json(json.dumps(body))


@pytest.mark.parametrize(
    "event",
    [
        {
            "type": "response.output_text.delta",
            "item_id": "m",
            "output_index": 0,
            "content_index": 0,
            "delta": 5,
        },
        {"type": "response.output_text.delta", "output_index": 0, "content_index": 0, "delta": "x"},
        {"type": "response.function_call_arguments.delta", "item_id": "f", "output_index": "0", "delta": "x"},
        {"type": "response.created", "response": {"id": "resp_1"}},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {"type": "function_call", "name": "f"},
        },
        {
            "type": "response.reasoning_summary_text.delta",
            "item_id": "r",
            "output_index": 0,
            "delta": "x",
            "sequence_number": "1",
        },
        {"type": "error", "code": "x"},
    ],
)
def test_wrong_event_types_are_rejected(event: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        rs.STREAM_EVENT_ADAPTER.validate_json(json.dumps(event))
