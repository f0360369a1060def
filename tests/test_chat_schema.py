"""The Chat Completions schema: identity on recorded traffic and on hand-written bodies, open unions
(forward compatibility), strictness. Conformance with the openai SDK is in test_chat_sdk.py."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from kindo_wire import chat
from kindo_wire._wire import UnknownTyped, WireModel
from tests.chat_schema_helpers import (
    CHAT,
    ERRORS,
    FULL_CHUNKS,
    FULL_REQUEST,
    FULL_RESPONSE,
    MISSING_PART_TYPE,
    MODEL_LIST,
    REQUEST_VARIANTS,
    RESPONSES,
    STREAMS,
    USAGE,
    chunk,
    ids,
    stream_dump,
    with_variant,
)
from tests.traffic import Exchange, same_json, stream_events


def test_fixtures_cover_every_kind_of_exchange() -> None:
    assert len(CHAT) >= 47
    assert len(STREAMS) >= 14
    assert RESPONSES and ERRORS
    assert any(event == "error" for ex in STREAMS for event, _ in stream_events(ex))


# -- 1. parse -> dump is the identity on every recorded exchange -------------------------------


@pytest.mark.parametrize("ex", CHAT, ids=ids(CHAT))
def test_request_round_trip(ex: Exchange) -> None:
    if ex.name == MISSING_PART_TYPE:
        with pytest.raises(ValidationError) as info:
            chat.ChatCompletionRequest.model_validate(ex.request)
        missing = [e["loc"] for e in info.value.errors() if e["type"] == "missing"]
        assert missing and all(loc[:2] == ("messages", 1) and loc[-1] == "type" for loc in missing)
        assert ex.status == 400 and ex.response["error"]["param"] == "messages[1].content[0].type"
        return
    request = chat.ChatCompletionRequest.model_validate(ex.request)
    assert same_json(request.dump(), ex.request)
    from_bytes = chat.ChatCompletionRequest.model_validate_json(json.dumps(ex.request))
    assert same_json(json.loads(from_bytes.dump_json()), ex.request)
    assert request.model == ex.request["model"]
    assert len(request.messages) == len(ex.request["messages"])


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_response_round_trip(ex: Exchange) -> None:
    response = chat.ChatCompletion.model_validate_json(json.dumps(ex.response))
    assert same_json(response.dump(), ex.response)
    assert same_json(json.loads(response.dump_json()), ex.response)
    assert all(isinstance(c.message, chat.ResponseMessage) for c in response.choices)


@pytest.mark.parametrize("ex", ERRORS, ids=ids(ERRORS))
def test_error_round_trip(ex: Exchange) -> None:
    body = chat.ErrorResponse.model_validate_json(json.dumps(ex.response))
    assert same_json(body.dump(), ex.response)
    assert body.error.message == ex.response["error"]["message"]


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_stream_round_trip(ex: Exchange) -> None:
    events = stream_events(ex)
    assert events[-1][1] == "[DONE]" or events[-1][0] == "error"
    payloads = [(name, data) for name, data in events if data != "[DONE]"]
    assert payloads
    for name, data in payloads:
        event = chat.STREAM_EVENT_ADAPTER.validate_json(data)
        assert same_json(stream_dump(event), json.loads(data))
        expected = chat.ChatStreamError if "error" in json.loads(data) else chat.ChatCompletionChunk
        assert type(event) is expected
        assert (name == "error") == (expected is chat.ChatStreamError)


# -- parse -> dump is also the identity on the hand-written bodies of chat_schema_helpers.py -----


@pytest.mark.parametrize(
    "body",
    [FULL_REQUEST, *(with_variant(f, v) for f, v in REQUEST_VARIANTS)],
    ids=["full", *(f"{f}={json.dumps(v)[:40]}" for f, v in REQUEST_VARIANTS)],
)
def test_full_request_round_trip(body: dict[str, Any]) -> None:
    request = chat.ChatCompletionRequest.model_validate_json(json.dumps(body))
    assert same_json(request.dump(), body)
    assert not any(isinstance(m, chat.UnknownMessage) for m in request.messages)
    assert not any(isinstance(t, UnknownTyped) for t in request.tools or [])
    assert not isinstance(request.tool_choice, UnknownTyped)
    assert not isinstance(request.response_format, UnknownTyped)


def test_full_request_members_are_typed() -> None:
    request = chat.ChatCompletionRequest.model_validate(FULL_REQUEST)
    roles = [type(m) for m in request.messages]
    assert roles == [
        chat.DeveloperMessage,
        chat.SystemMessage,
        chat.UserMessage,
        chat.AssistantMessage,
        chat.ToolMessage,
        chat.ToolMessage,
        chat.AssistantMessage,
        chat.FunctionMessage,
    ]
    user = request.messages[2]
    assert isinstance(user, chat.UserMessage) and isinstance(user.content, list)
    assert [type(p) for p in user.content] == [
        chat.TextPart,
        chat.ImagePart,
        chat.InputAudioPart,
        chat.FilePart,
        chat.FilePart,
    ]
    assistant = request.messages[3]
    assert isinstance(assistant, chat.AssistantMessage) and isinstance(assistant.content, list)
    assert [type(p) for p in assistant.content] == [chat.TextPart, chat.RefusalPart]
    assert [type(c) for c in assistant.tool_calls or []] == [chat.FunctionToolCall, chat.CustomToolCall]
    assert [type(t) for t in request.tools or []] == [chat.FunctionTool, chat.CustomTool, chat.CustomTool]
    sql = (request.tools or [])[1]
    assert isinstance(sql, chat.CustomTool) and isinstance(sql.custom.format, chat.CustomToolGrammarFormat)
    assert isinstance(request.tool_choice, chat.AllowedToolsChoice)
    assert isinstance(request.response_format, chat.ResponseFormatJSONSchema)
    assert (
        request.response_format.json_schema.schema_
        == FULL_REQUEST["response_format"]["json_schema"]["schema"]
    )
    assert isinstance(request.audio, chat.AudioParams) and isinstance(request.audio.voice, chat.VoiceId)
    assert isinstance(request.function_call, chat.ToolName)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("tool_choice", {"type": "function", "function": {"name": "f"}}, chat.NamedFunctionToolChoice),
        ("tool_choice", {"type": "custom", "custom": {"name": "f"}}, chat.NamedCustomToolChoice),
        ("response_format", {"type": "text"}, chat.ResponseFormatText),
        ("response_format", {"type": "json_object"}, chat.ResponseFormatJSONObject),
    ],
)
def test_union_members_parse_into_their_models(field: str, value: Any, expected: type) -> None:
    request = chat.ChatCompletionRequest.model_validate(with_variant(field, value))
    assert type(getattr(request, field)) is expected


def test_full_response_round_trip() -> None:
    response = chat.ChatCompletion.model_validate_json(json.dumps(FULL_RESPONSE))
    assert same_json(response.dump(), FULL_RESPONSE)
    message = response.choices[0].message
    assert [type(c) for c in message.tool_calls or []] == [chat.FunctionToolCall, chat.CustomToolCall]
    assert [type(a) for a in message.annotations or []] == [chat.URLCitationAnnotation]
    assert response.moderation is not None
    assert isinstance(response.moderation.input, chat.ModerationResults)
    assert isinstance(response.moderation.output, chat.ModerationError)
    assert response.usage is not None and response.usage.prompt_tokens_details is not None
    assert response.usage.prompt_tokens_details.cached_tokens == 64
    logprobs = response.choices[0].logprobs
    assert logprobs is not None and logprobs.content is not None
    assert type(logprobs.content[0].top_logprobs[1].logprob) is float


@pytest.mark.parametrize("body", FULL_CHUNKS, ids=[f"chunk{i}" for i in range(len(FULL_CHUNKS))])
def test_full_chunk_round_trip(body: dict[str, Any]) -> None:
    event = chat.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))
    assert isinstance(event, chat.ChatCompletionChunk)
    assert same_json(stream_dump(event), body)
    assert same_json(event.dump(), body)


def test_models_list_round_trip() -> None:
    models = chat.ModelList.model_validate_json(json.dumps(MODEL_LIST))
    assert same_json(models.dump(), MODEL_LIST)
    assert [m.id for m in models.data] == ["gpt-4o", "ft:gpt-4o-mini:acme::abc"]
    one = chat.Model.model_validate(MODEL_LIST["data"][0])
    assert same_json(one.dump(), MODEL_LIST["data"][0])


def test_public_aliases() -> None:
    assert chat.Request is chat.ChatCompletionRequest
    assert chat.Response is chat.ChatCompletion
    assert chat.ErrorBody is chat.ErrorResponse
    assert list(chat.__all__) == sorted(chat.__all__, key=lambda n: (not n.isupper(), n))
    for name in chat.__all__:
        assert getattr(chat, name) is not None


# -- 2. forward compatibility: what this version does not know survives -------------------------


def test_unknown_fields_survive_everywhere() -> None:
    body = copy.deepcopy(FULL_REQUEST)
    body["future_knob"] = {"nested": [1, 2.0, None, True]}
    body["messages"][2]["content"][1]["image_url"]["future"] = "x"
    body["messages"][3]["tool_calls"][0]["function"]["future"] = 1
    body["tools"][0]["function"]["future"] = False
    body["response_format"]["json_schema"]["future"] = 1.5
    request = chat.ChatCompletionRequest.model_validate(body)
    assert same_json(request.dump(), body)
    assert request.model_extra == {"future_knob": {"nested": [1, 2.0, None, True]}}

    response = copy.deepcopy(FULL_RESPONSE)
    response["choices"][0]["message"]["reasoning_content"] = "thinking"
    response["usage"]["prompt_tokens_details"]["future_tokens"] = 3
    assert same_json(chat.ChatCompletion.model_validate(response).dump(), response)

    delta = chunk(
        choices=[{"index": 0, "delta": {"reasoning": "hm", "channel": "analysis"}}], x_groq={"id": 1}
    )
    assert same_json(stream_dump(chat.STREAM_EVENT_ADAPTER.validate_python(delta)), delta)


@pytest.mark.parametrize(
    ("path", "value", "catch_all"),
    [
        (
            ("messages", 2, "content", 0),
            {"type": "video_url", "video_url": {"url": "https://v"}},
            UnknownTyped,
        ),
        (("tools", 0), {"type": "web_search", "web_search": {"filters": None}, "n": 1.0}, UnknownTyped),
        (
            ("messages", 0),
            {"role": "critic", "content": [{"any": "thing"}], "score": 0.5},
            chat.UnknownMessage,
        ),
        (("tool_choice",), {"type": "mcp", "server_label": "x"}, UnknownTyped),
        (("response_format",), {"type": "grammar", "grammar": "start: x"}, UnknownTyped),
        (("tools", 1, "custom", "format"), {"type": "python"}, UnknownTyped),
        (("messages", 3, "tool_calls", 0), {"id": "c", "type": "mcp_call", "mcp": {}}, UnknownTyped),
    ],
    ids=["content-part", "tool", "role", "tool-choice", "response-format", "custom-format", "tool-call"],
)
def test_unknown_union_members_parse_into_catch_all(
    path: tuple[Any, ...], value: Any, catch_all: type[WireModel]
) -> None:
    body = copy.deepcopy(FULL_REQUEST)
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    request = chat.ChatCompletionRequest.model_validate(body)
    assert same_json(request.dump(), body)
    parsed: Any = request
    for key in path:
        parsed = parsed[key] if isinstance(key, int) else getattr(parsed, key)
    assert type(parsed) is catch_all
    assert same_json(parsed.dump(), value)


def test_unknown_response_members_parse_into_catch_all() -> None:
    response = copy.deepcopy(FULL_RESPONSE)
    message = response["choices"][0]["message"]
    message["annotations"].append({"type": "file_citation", "file_id": "f"})
    message["tool_calls"].append({"id": "c3", "type": "mcp_call", "mcp": {"x": 1}})
    response["moderation"]["output"] = {"type": "skipped", "reason": "disabled"}
    parsed = chat.ChatCompletion.model_validate(response)
    assert same_json(parsed.dump(), response)
    assert type((parsed.choices[0].message.annotations or [])[-1]) is UnknownTyped
    assert type((parsed.choices[0].message.tool_calls or [])[-1]) is UnknownTyped
    assert parsed.moderation is not None and type(parsed.moderation.output) is UnknownTyped


def test_stream_event_is_told_apart_by_the_error_key() -> None:
    error = {"error": {"message": "boom", "type": "server_error", "param": None, "code": None}, "extra": 1}
    parsed = chat.STREAM_EVENT_ADAPTER.validate_json(json.dumps(error))
    assert type(parsed) is chat.ChatStreamError and parsed.error.type == "server_error"
    assert same_json(stream_dump(parsed), error)
    with pytest.raises(ValidationError):  # an "error" key makes it an error, which needs error.message
        chat.STREAM_EVENT_ADAPTER.validate_python({**FULL_CHUNKS[0], "error": {"type": "x"}})


# -- 3. strictness: wrong types are rejected, not coerced --------------------------------------

MINIMAL = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}


@pytest.mark.parametrize(
    "patch",
    [
        {"max_tokens": "100"},
        {"max_tokens": 100.0},
        {"n": True},
        {"messages": "hi"},
        {"messages": [{"role": "user", "content": [{"text": "no type"}]}]},
        {"messages": [{"content": "no role"}]},
        {"messages": [{"role": "user"}]},
        {"messages": [{"role": "user", "content": 5}]},
        {"messages": [{"role": "tool", "content": "x"}]},
        {"messages": [{"role": "function", "name": "f"}]},
        {"messages": [{"role": "assistant", "tool_calls": [{"id": "c", "type": "function"}]}]},
        {
            "messages": [
                {
                    "role": "user",
                    "content": [{"type": "image_url", "image_url": {"url": "u", "detail": "4k"}}],
                }
            ]
        },
        {"temperature": "0.5"},
        {"stream": "true"},
        {"stream": 1},
        {"stop": ["a", 1]},
        {"tool_choice": "any"},
        {"tool_choice": {"type": "function", "function": {}}},
        {"tools": [{"type": "function", "function": {"description": "no name"}}]},
        {"response_format": {"type": "json_schema"}},
        {"modalities": ["video"]},
        {"audio": {"format": "ogg", "voice": "alloy"}},
        {"model": 4},
    ],
)
def test_wrong_types_are_rejected(patch: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        chat.ChatCompletionRequest.model_validate(MINIMAL | patch)
    with pytest.raises(ValidationError):
        chat.ChatCompletionRequest.model_validate_json(json.dumps(MINIMAL | patch))


@pytest.mark.parametrize("missing", ["model", "messages"])
def test_required_request_fields(missing: str) -> None:
    with pytest.raises(ValidationError):
        chat.ChatCompletionRequest.model_validate({k: v for k, v in MINIMAL.items() if k != missing})


def test_numbers_keep_their_spelling() -> None:
    raw = b'{"model":"m","messages":[],"temperature":1,"top_p":1.0,"presence_penalty":-0.0}'
    out = chat.ChatCompletionRequest.model_validate_json(raw).dump_json()
    assert json.loads(out) == json.loads(raw)
    assert b'"temperature":1,' in out and b'"top_p":1.0' in out and b'"presence_penalty":-0.0' in out


@pytest.mark.parametrize(
    ("model", "body"),
    [
        (chat.ChatCompletion, FULL_RESPONSE | {"created": "1700000000"}),
        (chat.ChatCompletion, FULL_RESPONSE | {"choices": [{"index": 0, "message": {"role": "assistant"}}]}),
        (chat.ChatCompletion, FULL_RESPONSE | {"usage": USAGE | {"total_tokens": 150.0}}),
        (chat.ChatCompletionChunk, chunk(choices=[{"index": "0", "delta": {}}])),
        (chat.ChatCompletionChunk, chunk(choices=[{"index": 0, "delta": {"tool_calls": [{"id": "c"}]}}])),
        (chat.ErrorResponse, {"error": {"message": "m"}}),
        (chat.ErrorResponse, {"error": "boom"}),
        (chat.ModelList, {"object": "list", "data": [{"id": "m", "object": "model", "owned_by": "x"}]}),
    ],
    ids=[
        "created-str",
        "no-finish-reason",
        "float-tokens",
        "index-str",
        "delta-no-index",
        "no-type",
        "str",
        "no-created",
    ],
)
def test_wrong_response_types_are_rejected(model: type[BaseModel], body: Any) -> None:
    with pytest.raises(ValidationError):
        model.model_validate_json(json.dumps(body))
