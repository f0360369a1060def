"""The Chat Completions schema: identity on recorded traffic, open unions, strictness, SDK conformance."""

from __future__ import annotations

import copy
import json
from typing import Any

import openai.types as oa
import openai.types.chat as oac
import pytest
from openai.types.chat import chat_completion as oa_completion
from openai.types.chat import chat_completion_chunk as oa_chunk
from openai.types.chat import chat_completion_message as oa_message
from openai.types.chat import completion_create_params as oa_params
from openai.types.shared_params import response_format_json_schema as oa_json_schema
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import chat
from kindo_wire._wire import UnknownTyped, WireModel
from tests.sdk_oracle import drain, literal_values, our_fields, sdk_fields
from tests.traffic import Exchange, of_api, same_json, stream_events

CHAT = of_api("chat")
STREAMS = [e for e in CHAT if e.stream is not None]
RESPONSES = [e for e in CHAT if e.stream is None and e.status == 200]
ERRORS = [e for e in CHAT if e.status != 200]

# A recorded request the API itself rejected (400 "Missing required parameter:
# 'messages[1].content[0].type'"): a client put whole messages inside a user message's content array.
# The schema must reject it too, at the same place.
MISSING_PART_TYPE = "chat/crewai__custom_llm_within_crew__0"


def ids(exchanges: list[Exchange]) -> list[str]:
    return [e.name for e in exchanges]


def stream_dump(value: chat.ChatCompletionChunk | chat.ChatStreamError) -> Any:
    return chat.STREAM_EVENT_ADAPTER.dump_python(value, mode="json", by_alias=True, exclude_unset=True)


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


# -- hand-written bodies that use every field and every union member of the schema -------------

FULL_REQUEST: dict[str, Any] = {
    "model": "gpt-4o",
    "messages": [
        {"role": "developer", "content": "Be brief.", "name": "dev"},
        {
            "role": "system",
            "name": "sys",
            "content": [
                {"type": "text", "text": "You help.", "prompt_cache_breakpoint": {"mode": "explicit"}}
            ],
        },
        {
            "role": "user",
            "name": "alice",
            "content": [
                {"type": "text", "text": "Look:"},
                {
                    "type": "image_url",
                    "image_url": {"url": "https://example.com/a.png", "detail": "high"},
                    "prompt_cache_breakpoint": {"mode": "explicit"},
                },
                {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
                {
                    "type": "file",
                    "file": {"file_data": "data:application/pdf;base64,JVBERi0=", "filename": "a.pdf"},
                },
                {"type": "file", "file": {"file_id": "file-abc"}},
            ],
        },
        {
            "role": "assistant",
            "name": "bot",
            "content": [{"type": "text", "text": "Calling."}, {"type": "refusal", "refusal": "Not that."}],
            "refusal": None,
            "audio": {"id": "audio_1"},
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                },
                {"id": "call_2", "type": "custom", "custom": {"name": "sql", "input": "SELECT 1"}},
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
        {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "1"}]},
        {"role": "assistant", "content": None, "function_call": {"name": "legacy", "arguments": "{}"}},
        {"role": "function", "name": "legacy", "content": None},
    ],
    "stream": False,
    "stream_options": {"include_usage": True, "include_obfuscation": False},
    "max_completion_tokens": 1024,
    "max_tokens": 512,
    "temperature": 0.7,
    "top_p": 1,
    "n": 1,
    "stop": ["END", "STOP"],
    "presence_penalty": -0.5,
    "frequency_penalty": 0.25,
    "logit_bias": {"50256": -100},
    "logprobs": True,
    "top_logprobs": 5,
    "seed": 42,
    "response_format": {
        "type": "json_schema",
        "json_schema": {
            "name": "answer",
            "description": "An answer",
            "schema": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            "strict": True,
        },
    },
    "tools": [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                "strict": True,
            },
        },
        {
            "type": "custom",
            "custom": {
                "name": "sql",
                "description": "Run SQL",
                "format": {
                    "type": "grammar",
                    "grammar": {"definition": "start: /SELECT .*/", "syntax": "lark"},
                },
            },
        },
        {"type": "custom", "custom": {"name": "free", "format": {"type": "text"}}},
    ],
    "tool_choice": {
        "type": "allowed_tools",
        "allowed_tools": {
            "mode": "required",
            "tools": [{"type": "function", "function": {"name": "get_weather"}}],
        },
    },
    "parallel_tool_calls": False,
    "functions": [{"name": "legacy", "description": "Legacy", "parameters": {"type": "object"}}],
    "function_call": {"name": "legacy"},
    "reasoning_effort": "low",
    "verbosity": "low",
    "modalities": ["text", "audio"],
    "audio": {"format": "mp3", "voice": {"id": "voice_123"}},
    "prediction": {"type": "content", "content": [{"type": "text", "text": "predicted"}]},
    "web_search_options": {
        "search_context_size": "medium",
        "user_location": {
            "type": "approximate",
            "approximate": {"city": "Paris", "country": "FR", "region": "IDF", "timezone": "Europe/Paris"},
        },
    },
    "metadata": {"k": "v"},
    "store": True,
    "service_tier": "flex",
    "user": "u-1",
    "safety_identifier": "hash-1",
    "prompt_cache_key": "key-1",
    "prompt_cache_retention": "24h",
    "prompt_cache_options": {"mode": "explicit", "ttl": "30m"},
    "moderation": {
        "model": "omni-moderation-latest",
        "policy": {"input": {"mode": "block"}, "output": {"mode": "score"}},
    },
}

# Other forms of the fields whose value is a union, each applied to FULL_REQUEST in turn.
REQUEST_VARIANTS: list[tuple[str, Any]] = [
    ("tool_choice", "none"),
    ("tool_choice", "auto"),
    ("tool_choice", "required"),
    ("tool_choice", {"type": "function", "function": {"name": "get_weather"}}),
    ("tool_choice", {"type": "custom", "custom": {"name": "sql"}}),
    ("response_format", {"type": "text"}),
    ("response_format", {"type": "json_object"}),
    ("response_format", {"type": "json_schema", "json_schema": {"name": "bare"}}),
    ("function_call", "none"),
    ("function_call", "auto"),
    ("audio", {"format": "pcm16", "voice": "alloy"}),
    ("stop", "END"),
    ("stop", None),
    ("prediction", {"type": "content", "content": "predicted"}),
    ("web_search_options", {}),
    ("prompt_cache_options", {}),
    ("moderation", {"model": "omni-moderation-latest", "policy": None}),
    ("temperature", 1),
    ("temperature", 0.0),
    ("messages", [{"role": "user", "content": "hi"}]),
    ("stream", True),
]

URL_CITATION = {"start_index": 0, "end_index": 2, "url": "https://example.com", "title": "Example"}
MODERATION = {
    "input": {
        "type": "moderation_results",
        "model": "omni-moderation-latest",
        "results": [
            {
                "type": "moderation_result",
                "flagged": False,
                "categories": {"violence": False},
                "category_scores": {"violence": 0.001},
                "category_applied_input_types": {"violence": ["text", "image"]},
                "model": "omni-moderation-latest",
            }
        ],
    },
    "output": {"type": "error", "code": "moderation_unavailable", "message": "Moderation failed."},
}
USAGE = {
    "prompt_tokens": 100,
    "completion_tokens": 50,
    "total_tokens": 150,
    "prompt_tokens_details": {"cached_tokens": 64, "cache_write_tokens": 0, "audio_tokens": 0},
    "completion_tokens_details": {
        "reasoning_tokens": 10,
        "audio_tokens": 0,
        "accepted_prediction_tokens": 1,
        "rejected_prediction_tokens": 2,
    },
}
LOGPROBS = {
    "content": [
        {
            "token": "Hi",
            "logprob": -0.5,
            "bytes": [72, 105],
            "top_logprobs": [
                {"token": "Hi", "logprob": -0.5, "bytes": [72, 105]},
                {"token": "Hey", "logprob": -9999.0, "bytes": None},
            ],
        }
    ],
    "refusal": None,
}
FULL_RESPONSE: dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-4o-2024-08-06",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "logprobs": LOGPROBS,
            "message": {
                "role": "assistant",
                "content": "Hi",
                "refusal": None,
                "annotations": [{"type": "url_citation", "url_citation": URL_CITATION}],
                "audio": {"id": "audio_1", "data": "UklGRg==", "expires_at": 1700003600, "transcript": "Hi"},
                "function_call": {"name": "legacy", "arguments": "{}"},
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                    {"id": "call_2", "type": "custom", "custom": {"name": "sql", "input": "SELECT 1"}},
                ],
            },
        },
        {
            "index": 1,
            "finish_reason": "content_filter",
            "logprobs": None,
            "message": {"role": "assistant", "content": None, "refusal": "I can't help with that."},
        },
    ],
    "usage": USAGE,
    "system_fingerprint": "fp_1",
    "service_tier": "default",
    "moderation": MODERATION,
}


def chunk(**fields: Any) -> dict[str, Any]:
    head = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1700000000, "model": "gpt-4o"}
    return head | fields


FULL_CHUNKS: list[dict[str, Any]] = [
    chunk(
        system_fingerprint="fp_1",
        service_tier="default",
        usage=None,
        obfuscation="x1",
        choices=[
            {
                "index": 0,
                "delta": {"role": "assistant", "content": "", "refusal": None},
                "logprobs": None,
                "finish_reason": None,
            }
        ],
    ),
    chunk(
        choices=[
            {
                "index": 0,
                "delta": {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "f", "arguments": ""},
                        }
                    ]
                },
                "finish_reason": None,
            }
        ]
    ),
    chunk(
        choices=[
            {
                "index": 0,
                "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "{}"}}]},
                "logprobs": LOGPROBS,
                "finish_reason": None,
            }
        ]
    ),
    chunk(choices=[{"index": 1, "delta": {"function_call": {"name": "legacy", "arguments": "{"}}}]),
    chunk(choices=[{"index": 1, "delta": {"refusal": "No."}, "finish_reason": None}]),
    chunk(choices=[{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]),
    chunk(choices=[], usage=USAGE, moderation=MODERATION),
]

MODEL_LIST = {
    "object": "list",
    "data": [
        {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
        {"id": "ft:gpt-4o-mini:acme::abc", "object": "model", "created": 1720000000, "owned_by": "acme"},
    ],
}


def with_variant(field: str, value: Any) -> dict[str, Any]:
    body = copy.deepcopy(FULL_REQUEST)
    body[field] = value
    return body


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


# -- 4. conformance with the official openai SDK ------------------------------------------------

# The SDK's request type is a TypedDict; pydantic can validate it, but its `Iterable[...]` fields come
# out as lazy ValidatorIterators whose items are only checked when iterated, so `drain` iterates them
# all (recursively) to surface item errors. Validation is strict, like ours, so "100" is not an int.
SDK_REQUEST = TypeAdapter(oa_params.CompletionCreateParamsNonStreaming)
SDK_STREAM_REQUEST = TypeAdapter(oa_params.CompletionCreateParamsStreaming)


def sdk_request(body: dict[str, Any]) -> Any:
    adapter = SDK_STREAM_REQUEST if body.get("stream") is True else SDK_REQUEST
    return drain(adapter.validate_python(body, strict=True))


def sdk_accepts(body: dict[str, Any]) -> bool:
    try:
        sdk_request(body)
    except ValidationError:
        return False
    return True


def test_drain_surfaces_item_errors() -> None:
    bad_part = {"model": "m", "messages": [{"role": "user", "content": [{"type": "text"}]}]}
    SDK_REQUEST.validate_python(bad_part, strict=True)  # lazily "valid" ...
    with pytest.raises(ValidationError):  # ... until drained
        sdk_request(bad_part)


@pytest.mark.parametrize("ex", CHAT, ids=ids(CHAT))
def test_recorded_request_agrees_with_sdk(ex: Exchange) -> None:
    if ex.name == MISSING_PART_TYPE:
        # Both reject it. The SDK also rejects `"tools": null` (its `tools` is not Optional; ours
        # accepts null like every optional field); without it, the SDK rejects the missing part type.
        assert not sdk_accepts(ex.request)
        without_tools = {k: v for k, v in ex.request.items() if k != "tools"}
        with pytest.raises(ValidationError) as info:
            sdk_request(without_tools)
        # a lazily validated item reports its location relative to its own list: content[0].type
        errors = info.value.errors()
        assert all(e["loc"][0] == 0 for e in errors)
        assert any(e["loc"][-1] == "type" and e["type"] == "missing" for e in errors)
        with pytest.raises(ValidationError):
            chat.ChatCompletionRequest.model_validate(without_tools)
        return
    assert sdk_accepts(ex.request)
    ours = chat.ChatCompletionRequest.model_validate(ex.request).dump()
    assert sdk_accepts(ours)


@pytest.mark.parametrize(
    "body",
    [FULL_REQUEST, *(with_variant(f, v) for f, v in REQUEST_VARIANTS)],
    ids=["full", *(f"{f}={json.dumps(v)[:40]}" for f, v in REQUEST_VARIANTS)],
)
def test_full_request_agrees_with_sdk(body: dict[str, Any]) -> None:
    sdk_request(body)
    sdk_request(chat.ChatCompletionRequest.model_validate(body).dump())


def sdk_round_trip(sdk_model: type[BaseModel], ours: dict[str, Any]) -> dict[str, Any]:
    """The SDK model's view of our dump. Compared with `==`, not `same_json`: the SDK (lax) turns an
    integral `logprob` or score into a float, so 0 vs 0.0 differences are the SDK's, not ours."""
    parsed = sdk_model.model_validate(ours)
    dumped: dict[str, Any] = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == ours
    return dumped


@pytest.mark.parametrize(
    "body", [FULL_RESPONSE, *(e.response for e in RESPONSES)], ids=["full", *ids(RESPONSES)]
)
def test_response_agrees_with_sdk(body: dict[str, Any]) -> None:
    ours = chat.ChatCompletion.model_validate(body)
    sdk = oac.ChatCompletion.model_validate(ours.dump())
    sdk_round_trip(oac.ChatCompletion, ours.dump())
    assert sdk.id == ours.id and sdk.model == ours.model and sdk.created == ours.created
    assert [c.finish_reason for c in sdk.choices] == [c.finish_reason for c in ours.choices]
    assert [c.message.content for c in sdk.choices] == [c.message.content for c in ours.choices]
    for sdk_choice, our_choice in zip(sdk.choices, ours.choices, strict=True):
        sdk_calls = [(c.id, c.type) for c in sdk_choice.message.tool_calls or []]
        assert sdk_calls == [(c.dump()["id"], c.type) for c in our_choice.message.tool_calls or []]
    if ours.usage is not None:
        assert sdk.usage is not None and sdk.usage.total_tokens == ours.usage.total_tokens


STREAM_PAYLOADS = [
    (f"{ex.name}#{i}", data)
    for ex in STREAMS
    for i, (_, data) in enumerate(stream_events(ex))
    if data != "[DONE]" and "error" not in json.loads(data)
] + [(f"full#{i}", json.dumps(c)) for i, c in enumerate(FULL_CHUNKS)]


@pytest.mark.parametrize("data", [d for _, d in STREAM_PAYLOADS], ids=[n for n, _ in STREAM_PAYLOADS])
def test_chunk_agrees_with_sdk(data: str) -> None:
    ours = chat.STREAM_EVENT_ADAPTER.validate_json(data)
    assert isinstance(ours, chat.ChatCompletionChunk)
    sdk = oac.ChatCompletionChunk.model_validate(ours.dump())
    sdk_round_trip(oac.ChatCompletionChunk, ours.dump())
    assert (sdk.id, sdk.model, sdk.created) == (ours.id, ours.model, ours.created)
    for sdk_choice, our_choice in zip(sdk.choices, ours.choices, strict=True):
        assert sdk_choice.delta.content == our_choice.delta.content
        assert sdk_choice.finish_reason == our_choice.finish_reason
        sdk_calls = [(c.index, c.id) for c in sdk_choice.delta.tool_calls or []]
        assert sdk_calls == [(c.index, c.id) for c in our_choice.delta.tool_calls or []]


def test_errors_and_models_agree_with_sdk() -> None:
    bodies = [e.response for e in ERRORS] + [
        json.loads(data) for ex in STREAMS for _, data in stream_events(ex) if data.startswith('{"error"')
    ]
    assert len(bodies) == len(ERRORS) + 1
    for body in bodies:
        ours = chat.ErrorResponse.model_validate(body).dump()
        sdk_round_trip(oa.shared.ErrorObject, ours["error"])
    for model in chat.ModelList.model_validate(MODEL_LIST).dump()["data"]:
        sdk_round_trip(oa.Model, model)


# -- every field the SDK declares is a declared field of ours, and vice versa -------------------

# (SDK type, our model, wire fields we declare that this SDK type does not)
FIELD_PAIRS: list[tuple[Any, type[BaseModel], set[str]]] = [
    (oa_params.CompletionCreateParamsStreaming, chat.ChatCompletionRequest, set()),
    (oa_params.CompletionCreateParamsNonStreaming, chat.ChatCompletionRequest, set()),
    (oac.ChatCompletionDeveloperMessageParam, chat.DeveloperMessage, set()),
    (oac.ChatCompletionSystemMessageParam, chat.SystemMessage, set()),
    (oac.ChatCompletionUserMessageParam, chat.UserMessage, set()),
    (oac.ChatCompletionAssistantMessageParam, chat.AssistantMessage, set()),
    (oac.ChatCompletionToolMessageParam, chat.ToolMessage, set()),
    (oac.ChatCompletionFunctionMessageParam, chat.FunctionMessage, set()),
    (oac.chat_completion_assistant_message_param.Audio, chat.AssistantAudio, set()),
    (oac.ChatCompletionContentPartTextParam, chat.TextPart, set()),
    (oac.ChatCompletionContentPartImageParam, chat.ImagePart, set()),
    (oac.chat_completion_content_part_image_param.ImageURL, chat.ImageURL, set()),
    (oac.ChatCompletionContentPartInputAudioParam, chat.InputAudioPart, set()),
    (oac.chat_completion_content_part_input_audio_param.InputAudio, chat.InputAudio, set()),
    (oac.chat_completion_content_part_param.File, chat.FilePart, set()),
    (oac.chat_completion_content_part_param.FileFile, chat.File, set()),
    (oac.chat_completion_content_part_text_param.PromptCacheBreakpoint, chat.PromptCacheBreakpoint, set()),
    (oac.ChatCompletionContentPartRefusalParam, chat.RefusalPart, set()),
    (oa.shared_params.FunctionDefinition, chat.FunctionDefinition, set()),
    (oa_params.Function, chat.FunctionDefinition, {"strict"}),
    (oac.ChatCompletionFunctionToolParam, chat.FunctionTool, set()),
    (oac.ChatCompletionCustomToolParam, chat.CustomTool, set()),
    (oac.chat_completion_custom_tool_param.Custom, chat.CustomToolDefinition, set()),
    (oac.chat_completion_custom_tool_param.CustomFormatText, chat.CustomToolTextFormat, set()),
    (oac.chat_completion_custom_tool_param.CustomFormatGrammar, chat.CustomToolGrammarFormat, set()),
    (oac.chat_completion_custom_tool_param.CustomFormatGrammarGrammar, chat.CustomToolGrammar, set()),
    (oac.ChatCompletionNamedToolChoiceParam, chat.NamedFunctionToolChoice, set()),
    (oac.ChatCompletionNamedToolChoiceCustomParam, chat.NamedCustomToolChoice, set()),
    (oac.chat_completion_named_tool_choice_param.Function, chat.ToolName, set()),
    (oac.ChatCompletionFunctionCallOptionParam, chat.ToolName, set()),
    (oac.ChatCompletionAllowedToolChoiceParam, chat.AllowedToolsChoice, set()),
    (oac.ChatCompletionAllowedToolsParam, chat.AllowedTools, set()),
    (oac.ChatCompletionMessageFunctionToolCallParam, chat.FunctionToolCall, set()),
    (oac.chat_completion_message_function_tool_call_param.Function, chat.FunctionCall, set()),
    (oac.ChatCompletionMessageCustomToolCallParam, chat.CustomToolCall, set()),
    (oac.chat_completion_message_custom_tool_call_param.Custom, chat.CustomCall, set()),
    (oa.shared_params.ResponseFormatText, chat.ResponseFormatText, set()),
    (oa.shared_params.ResponseFormatJSONObject, chat.ResponseFormatJSONObject, set()),
    (oa.shared_params.ResponseFormatJSONSchema, chat.ResponseFormatJSONSchema, set()),
    (oa_json_schema.JSONSchema, chat.JSONSchemaFormat, set()),
    (oac.ChatCompletionAudioParam, chat.AudioParams, set()),
    (oac.chat_completion_audio_param.VoiceID, chat.VoiceId, set()),
    (oac.ChatCompletionPredictionContentParam, chat.Prediction, set()),
    (oac.ChatCompletionStreamOptionsParam, chat.StreamOptions, set()),
    (oa_params.WebSearchOptions, chat.WebSearchOptions, set()),
    (oa_params.WebSearchOptionsUserLocation, chat.UserLocation, set()),
    (oa_params.WebSearchOptionsUserLocationApproximate, chat.ApproximateLocation, set()),
    (oa_params.PromptCacheOptions, chat.PromptCacheOptions, set()),
    (oa_params.Moderation, chat.ModerationOptions, set()),
    (oa_params.ModerationPolicy, chat.ModerationPolicy, set()),
    (oa_params.ModerationPolicyInput, chat.ModerationMode, set()),
    (oa_params.ModerationPolicyOutput, chat.ModerationMode, set()),
    (oac.ChatCompletion, chat.ChatCompletion, set()),
    (oa_completion.Choice, chat.Choice, set()),
    (oa_completion.ChoiceLogprobs, chat.ChoiceLogprobs, set()),
    (oa_completion.Moderation, chat.Moderation, set()),
    (oa_completion.ModerationInputModerationResults, chat.ModerationResults, set()),
    (oa_completion.ModerationInputModerationResultsResult, chat.ModerationResult, set()),
    (oa_completion.ModerationInputError, chat.ModerationError, set()),
    (oac.ChatCompletionMessage, chat.ResponseMessage, set()),
    (oa_message.Annotation, chat.URLCitationAnnotation, set()),
    (oa_message.AnnotationURLCitation, chat.URLCitation, set()),
    (oa_message.FunctionCall, chat.FunctionCall, set()),
    (oac.ChatCompletionAudio, chat.MessageAudio, set()),
    (oac.ChatCompletionMessageFunctionToolCall, chat.FunctionToolCall, set()),
    (oac.ChatCompletionMessageCustomToolCall, chat.CustomToolCall, set()),
    (oac.ChatCompletionTokenLogprob, chat.TokenLogprob, set()),
    (oac.chat_completion_token_logprob.TopLogprob, chat.TopLogprob, set()),
    (oa.CompletionUsage, chat.Usage, set()),
    (oa.completion_usage.PromptTokensDetails, chat.PromptTokensDetails, set()),
    (oa.completion_usage.CompletionTokensDetails, chat.CompletionTokensDetails, set()),
    (oac.ChatCompletionChunk, chat.ChatCompletionChunk, {"obfuscation"}),  # [DF:wire], not in the SDK
    (oa_chunk.Choice, chat.ChunkChoice, set()),
    (oa_chunk.ChoiceDelta, chat.Delta, set()),
    (oa_chunk.ChoiceDeltaToolCall, chat.ToolCallDelta, set()),
    (oa_chunk.ChoiceDeltaToolCallFunction, chat.FunctionCallDelta, set()),
    (oa_chunk.ChoiceDeltaFunctionCall, chat.FunctionCallDelta, set()),
    (oa.shared.ErrorObject, chat.ErrorObject, set()),
    (oa.Model, chat.Model, set()),
]


@pytest.mark.parametrize(
    ("sdk_type", "model", "extra"),
    FIELD_PAIRS,
    ids=[f"{getattr(s, '__module__', '').rsplit('.', 1)[-1]}.{s.__name__}" for s, _, _ in FIELD_PAIRS],
)
def test_fields_match_sdk(sdk_type: Any, model: type[BaseModel], extra: set[str]) -> None:
    theirs, ours = sdk_fields(sdk_type), our_fields(model)
    assert set(theirs) == set(ours) - extra
    for name, annotation in theirs.items():
        their_values, our_values = literal_values(annotation), literal_values(ours[name])
        if their_values is None:
            continue
        if our_values is not None:
            assert our_values == their_values, name
        elif name != "stream":  # the SDK splits the request type on stream: Literal[True] / Literal[False]
            assert (model.__name__, name) in OPEN_STRINGS, name
        accepts = TypeAdapter(ours[name])
        for value in their_values:
            accepts.validate_python(value, strict=True)


# Fields the SDK types as a Literal that we keep an open string: values that grow (new tiers, efforts,
# finish reasons, TTLs) or that are response-side, where a gateway must not reject what the API sends.
OPEN_STRINGS = {
    ("ChatCompletionRequest", "reasoning_effort"),
    ("ChatCompletionRequest", "service_tier"),
    ("PromptCacheOptions", "ttl"),
    ("ChatCompletion", "object"),
    ("ChatCompletion", "service_tier"),
    ("Choice", "finish_reason"),
    ("ModerationResult", "type"),
    ("ResponseMessage", "role"),
    ("ChatCompletionChunk", "object"),
    ("ChatCompletionChunk", "service_tier"),
    ("ChunkChoice", "finish_reason"),
    ("Delta", "role"),
    ("ToolCallDelta", "type"),
    ("Model", "object"),
}
