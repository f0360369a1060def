"""The Anthropic Messages schema: identity on recorded traffic and on bodies that use every field,
open unions, strictness. Conformance with the anthropic SDK: ``test_messages_sdk.py``."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import messages as am
from kindo_wire._wire import UnknownTyped
from tests.messages_bodies import (
    CC,
    ERROR_EVENT,
    ERRORS,
    FULL_EVENTS,
    FULL_REQUEST,
    FULL_RESPONSE,
    MESSAGES,
    MODEL_LIST,
    REQUEST_VARIANTS,
    RESPONSE_BODIES,
    RESPONSES,
    SERVER_RESULTS,
    STREAMS,
    event_dump,
    event_id,
    ids,
    with_variant,
)
from tests.traffic import Exchange, same_json, stream_events


def test_fixtures_cover_every_kind_of_exchange() -> None:
    assert len(MESSAGES) == 76
    assert len(STREAMS) == 27
    assert len(RESPONSES) == 46
    assert {e.status for e in ERRORS} == {400, 404, 429}


# -- 1. parse -> dump is the identity on every recorded exchange -------------------------------


@pytest.mark.parametrize("ex", MESSAGES, ids=ids(MESSAGES))
def test_request_round_trip(ex: Exchange) -> None:
    parsed = am.MessageCreateRequest.model_validate(ex.request)
    assert same_json(parsed.dump(), ex.request)
    from_bytes = am.Request.model_validate_json(json.dumps(ex.request))
    assert same_json(json.loads(from_bytes.dump_json()), ex.request)


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_response_round_trip(ex: Exchange) -> None:
    parsed = am.Message.model_validate(ex.response)
    assert same_json(parsed.dump(), ex.response)
    assert same_json(
        json.loads(am.Response.model_validate_json(json.dumps(ex.response)).dump_json()), ex.response
    )


@pytest.mark.parametrize("ex", ERRORS, ids=ids(ERRORS))
def test_error_round_trip(ex: Exchange) -> None:
    parsed = am.ErrorResponse.model_validate(ex.response)
    assert same_json(parsed.dump(), ex.response)
    assert parsed.error.type == ex.response["error"]["type"]


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_stream_round_trip(ex: Exchange) -> None:
    events = stream_events(ex)
    assert events
    parsed = []
    for name, data in events:
        value = am.STREAM_EVENT_ADAPTER.validate_json(data)
        assert value.type == name
        assert same_json(event_dump(value), json.loads(data))
        parsed.append(value)
    # the grammar of [D:stream]: message_start first, message_stop last, blocks indexed in order
    real = [v for v in parsed if not isinstance(v, am.PingEvent)]
    assert isinstance(real[0], am.MessageStartEvent)
    assert isinstance(real[-1], am.MessageStopEvent)
    starts = [v.index for v in real if isinstance(v, am.ContentBlockStartEvent)]
    assert starts == list(range(len(starts)))


TOOL_MODELS: list[type[BaseModel]] = [
    am.CustomTool,
    am.CustomTool,
    *[am.WebSearchTool] * 3,
    *[am.WebFetchTool] * 4,
    *[am.CodeExecutionTool] * 4,
    *[am.ToolSearchTool] * 4,
    am.BashTool,
    *[am.TextEditorTool] * 3,
    am.MemoryTool,
    am.ToolsetTool,
    am.ToolsetTool,
]
VARIANT_MODELS = [
    am.ToolChoiceAny,
    am.ToolChoiceTool,
    am.ToolChoiceNone,
    am.ThinkingConfigAdaptive,
    am.ThinkingConfigDisabled,
    am.ThinkingConfigBetweenTools,
]


def test_full_request_round_trip_and_typing() -> None:
    parsed = am.MessageCreateRequest.model_validate(FULL_REQUEST)
    assert same_json(parsed.dump(), FULL_REQUEST)
    assert parsed.tools is not None
    assert [type(t) for t in parsed.tools] == TOOL_MODELS
    user, assistant, results = parsed.messages[1:]
    assert isinstance(user.content, list) and isinstance(assistant.content, list)
    assert [type(b).__name__ for b in user.content] == [
        "TextBlock",
        *["ImageBlock"] * 3,
        *["DocumentBlock"] * 6,
        "SearchResultBlock",
        "ContainerUploadBlock",
    ]
    sources = [b.source for b in user.content if isinstance(b, (am.ImageBlock, am.DocumentBlock))]
    assert [type(s).__name__ for s in sources] == [
        "Base64ImageSource",
        "URLSource",
        "FileSource",
        "Base64PDFSource",
        "PlainTextSource",
        "ContentBlockSource",
        "ContentBlockSource",
        "URLSource",
        "FileSource",
    ]
    text = assistant.content[2]
    assert isinstance(text, am.TextBlock) and text.citations is not None
    assert [type(c).__name__ for c in text.citations] == [
        "CitationCharLocation",
        "CitationPageLocation",
        "CitationContentBlockLocation",
        "CitationWebSearchResultLocation",
        "CitationSearchResultLocation",
    ]
    assert not any(isinstance(b, UnknownTyped) for b in assistant.content)
    result_blocks = (
        am.WebSearchToolResultBlock,
        am.WebFetchToolResultBlock,
        am.CodeExecutionToolResultBlock,
        am.BashCodeExecutionToolResultBlock,
        am.TextEditorCodeExecutionToolResultBlock,
        am.ToolSearchToolResultBlock,
    )
    result_contents = [b.content for b in assistant.content if isinstance(b, result_blocks)]
    assert len(result_contents) == len(SERVER_RESULTS)
    assert not any(isinstance(c, UnknownTyped) for c in result_contents)
    assert isinstance(results.content, list)
    rich = results.content[1]
    assert isinstance(rich, am.ToolResultBlock) and isinstance(rich.content, list)
    assert [type(c).__name__ for c in rich.content] == [
        "TextBlock",
        "ImageBlock",
        "SearchResultBlock",
        "DocumentBlock",
        "ToolReferenceBlock",
        "BrowserStateBlock",
    ]
    assert isinstance(parsed.output_config, am.OutputConfig)
    assert isinstance(parsed.output_config.format, am.JSONOutputFormat)
    assert parsed.output_config.format.schema_ == {"type": "object"}
    assert isinstance(parsed.container, am.ContainerParams)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [(f, v, m) for (f, v), m in zip(REQUEST_VARIANTS[: len(VARIANT_MODELS)], VARIANT_MODELS, strict=True)],
)
def test_request_variants_parse_into_their_models(field: str, value: Any, expected: type) -> None:
    parsed = am.MessageCreateRequest.model_validate(with_variant(field, value))
    assert type(getattr(parsed, field)) is expected


@pytest.mark.parametrize(
    "field, value", REQUEST_VARIANTS, ids=[f"{f}={json.dumps(v)[:30]}" for f, v in REQUEST_VARIANTS]
)
def test_request_variants_round_trip(field: str, value: Any) -> None:
    body = with_variant(field, value)
    assert same_json(am.MessageCreateRequest.model_validate(body).dump(), body)


@pytest.mark.parametrize("body", RESPONSE_BODIES)
def test_full_response_round_trip(body: dict[str, Any]) -> None:
    parsed = am.Message.model_validate(body)
    assert same_json(parsed.dump(), body)
    assert not any(isinstance(b, UnknownTyped) for b in parsed.content)
    assert parsed.diagnostics is not None
    assert not isinstance(parsed.diagnostics.cache_miss_reason, UnknownTyped)


@pytest.mark.parametrize("body", [*FULL_EVENTS, ERROR_EVENT], ids=event_id)
def test_full_event_round_trip(body: dict[str, Any]) -> None:
    value = am.STREAM_EVENT_ADAPTER.validate_python(body)
    assert not isinstance(value, UnknownTyped)
    assert not isinstance(getattr(value, "delta", None), UnknownTyped)
    assert same_json(event_dump(value), body)
    assert same_json(event_dump(am.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))), body)


def test_models_list_round_trip() -> None:
    parsed = am.ModelList.model_validate(MODEL_LIST)
    assert same_json(parsed.dump(), MODEL_LIST)
    capabilities = parsed.data[0].capabilities
    assert capabilities is not None and capabilities.thinking is not None
    assert capabilities.thinking.types is not None
    assert capabilities.thinking.types.between_tools == am.CapabilitySupport(supported=False)


def test_public_aliases() -> None:
    assert am.Request is am.MessageCreateRequest
    assert am.Response is am.Message
    assert am.StreamEvent is am.MessageStreamEvent
    assert am.ErrorBody is am.ErrorResponse
    assert isinstance(am.STREAM_EVENT_ADAPTER, TypeAdapter)
    assert len(set(am.__all__)) == len(am.__all__)  # (ruff RUF022 keeps it isort-sorted)
    for name in am.__all__:
        assert hasattr(am, name), name


# -- 2. forward compatibility ------------------------------------------------------------------


def test_unknown_fields_survive_everywhere() -> None:
    body = copy.deepcopy(FULL_REQUEST)
    body["future_top"] = {"nested": [1, 2.0]}
    body["messages"][1]["future_message"] = True
    for block in body["messages"][1]["content"] + body["messages"][2]["content"]:
        block["future_block"] = "x"
    body["messages"][2]["content"][2]["citations"][0]["future_citation"] = None
    body["messages"][1]["content"][1]["source"]["future_source"] = 1
    body["tools"][0]["future_tool"] = 1.5
    body["tools"][2]["user_location"]["future_loc"] = "x"
    body["tool_choice"]["future_choice"] = 0
    body["thinking"]["future_thinking"] = []
    body["output_config"]["format"]["future_format"] = {}
    body["cache_control"]["future_cc"] = "y"
    parsed = am.MessageCreateRequest.model_validate(body)
    assert same_json(parsed.dump(), body)
    assert parsed.model_extra == {"future_top": {"nested": [1, 2.0]}}

    response = copy.deepcopy(FULL_RESPONSE)
    response["future"] = 1
    response["usage"]["iterations"] = [{"input_tokens": 1}]
    response["content"][0]["future"] = "x"
    assert same_json(am.Message.model_validate(response).dump(), response)

    error = {"type": "error", "error": {"type": "x", "message": "m", "future": 1}, "future": 2}
    assert same_json(am.ErrorResponse.model_validate(error).dump(), error)


MINIMAL_BODY: dict[str, Any] = {"model": "m", "max_tokens": 1, "messages": []}
UNKNOWN_BLOCK = {
    "type": "mcp_tool_use",
    "id": "mcptoolu_1",
    "name": "ask",
    "server_name": "wiki",
    "input": {},
}


def in_block(block: dict[str, Any]) -> dict[str, Any]:
    return {"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [block]}]}


UNKNOWN_REQUEST_MEMBERS: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = [
    ("block", in_block(UNKNOWN_BLOCK), ("messages", 0, "content", 0)),
    (
        "image-source",
        in_block({"type": "image", "source": {"type": "s3", "bucket": "b"}}),
        ("messages", 0, "content", 0, "source"),
    ),
    (
        "document-source",
        in_block({"type": "document", "source": {"type": "html", "data": "<p>"}}),
        ("messages", 0, "content", 0, "source"),
    ),
    (
        "citation",
        in_block({"type": "text", "text": "t", "citations": [{"type": "video_location", "cited_text": "a"}]}),
        ("messages", 0, "content", 0, "citations", 0),
    ),
    (
        "caller",
        in_block(
            {
                "type": "tool_use",
                "id": "t",
                "name": "n",
                "input": {},
                "caller": {"type": "agent", "tool_id": "x"},
            }
        ),
        ("messages", 0, "content", 0, "caller"),
    ),
    (
        "web-search-content",
        in_block(
            {"type": "web_search_tool_result", "tool_use_id": "s", "content": {"type": "partial", "n": 1}}
        ),
        ("messages", 0, "content", 0, "content"),
    ),
    (
        "tool-result-part",
        in_block({"type": "tool_result", "tool_use_id": "t", "content": [{"type": "video", "url": "u"}]}),
        ("messages", 0, "content", 0, "content", 0),
    ),
    ("tool-choice", {**MINIMAL_BODY, "tool_choice": {"type": "auto_plus", "budget": 3}}, ("tool_choice",)),
    ("thinking", {**MINIMAL_BODY, "thinking": {"type": "extreme", "budget_tokens": 9}}, ("thinking",)),
    (
        "format",
        {**MINIMAL_BODY, "output_config": {"format": {"type": "regex", "pattern": "a+"}}},
        ("output_config", "format"),
    ),
]


@pytest.mark.parametrize(
    ("body", "path"),
    [(b, p) for _, b, p in UNKNOWN_REQUEST_MEMBERS],
    ids=[n for n, _, _ in UNKNOWN_REQUEST_MEMBERS],
)
def test_unknown_request_members_parse_into_catch_all(body: dict[str, Any], path: tuple[Any, ...]) -> None:
    parsed = am.MessageCreateRequest.model_validate(body)
    node: Any = parsed
    raw: Any = body
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, key)
        raw = raw[key]
    assert type(node) is UnknownTyped
    assert node.type == raw["type"]
    assert same_json(parsed.dump(), body)


@pytest.mark.parametrize(
    ("tool", "model"),
    [
        (
            {"type": "web_search_20270101", "name": "web_search", "max_uses": 2, "cache_control": CC},
            am.AnthropicDefinedTool,
        ),
        (
            {"type": "advisor_20260301", "name": "advisor", "model": "claude-opus-4-6"},
            am.AnthropicDefinedTool,
        ),
        ({"type": "web_search_20260318", "name": "web_search", "max_uses": 2}, am.WebSearchTool),
        ({"name": "f", "input_schema": {"type": "object"}}, am.CustomTool),
        ({"type": None, "name": "f", "input_schema": {"type": "object"}}, am.CustomTool),
    ],
    ids=["future-version", "new-family", "known-version", "custom-untyped", "custom-null-type"],
)
def test_tools_of_unknown_versions_are_kept(tool: dict[str, Any], model: type[BaseModel]) -> None:
    body = {"model": "m", "max_tokens": 1, "messages": [], "tools": [tool]}
    parsed = am.MessageCreateRequest.model_validate(body)
    assert parsed.tools is not None and type(parsed.tools[0]) is model
    assert same_json(parsed.dump(), body)
    if model is am.AnthropicDefinedTool:
        assert isinstance(parsed.tools[0], am.AnthropicDefinedTool)
        assert parsed.tools[0].name == tool["name"]  # the common fields stay typed
        assert (parsed.tools[0].cache_control is not None) == ("cache_control" in tool)


def test_unknown_response_members_parse_into_catch_all() -> None:
    body = {**FULL_RESPONSE, "content": [UNKNOWN_BLOCK, {"type": "compaction", "content": None}]}
    parsed = am.Message.model_validate(body)
    assert [type(b) for b in parsed.content] == [UnknownTyped, UnknownTyped]
    assert same_json(parsed.dump(), body)
    # a request-only block type is unknown in a response
    assert (
        type(am.Message.model_validate({**FULL_RESPONSE, "content": [{"type": "image"}]}).content[0])
        is UnknownTyped
    )


@pytest.mark.parametrize(
    "body",
    [
        {"type": "content_block_delta", "index": 0, "delta": {"type": "compaction_delta", "content": "x"}},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "compaction", "content": None}},
        {"type": "message_progress", "progress": 0.5},
    ],
    ids=["delta", "block", "event"],
)
def test_unknown_stream_members_parse_into_catch_all(body: dict[str, Any]) -> None:
    value = am.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))
    inner = getattr(value, "delta", None) or getattr(value, "content_block", None) or value
    assert type(inner) is UnknownTyped
    assert same_json(event_dump(value), body)


def test_error_types_are_open() -> None:
    body = {
        "type": "error",
        "error": {
            "type": "request_too_large",
            "message": "too big",
            "details": {"error_code": "x_y", "n": 1},
        },
        "request_id": "req_1",
    }
    parsed = am.ErrorResponse.model_validate(body)
    assert parsed.error.type == "request_too_large"
    assert parsed.error.details is not None and parsed.error.details.error_code == "x_y"
    assert same_json(parsed.dump(), body)


def test_numbers_keep_their_spelling() -> None:
    for temperature, top_p in [(1, 0.9), (1.0, 1), (0, 0.0)]:
        body = {"model": "m", "max_tokens": 1, "messages": [], "temperature": temperature, "top_p": top_p}
        parsed = am.MessageCreateRequest.model_validate_json(json.dumps(body))
        assert type(parsed.temperature) is type(temperature)
        assert same_json(json.loads(parsed.dump_json()), body)


# -- 3. strictness ------------------------------------------------------------------------------

MINIMAL = {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}


@pytest.mark.parametrize(
    "patch",
    [
        {"max_tokens": "100"},
        {"max_tokens": 100.0},
        {"max_tokens": True},
        {"model": 5},
        {"messages": {"role": "user", "content": "hi"}},
        {"messages": "hi"},
        {"messages": [{"role": "user", "content": [{"text": "no type"}]}]},
        {"messages": [{"role": "tool", "content": "hi"}]},
        {"messages": [{"role": "user"}]},
        {"messages": [{"role": "user", "content": [{"type": "text", "text": 5}]}]},
        {"messages": [{"role": "user", "content": [{"type": "text"}]}]},
        {
            "messages": [
                {
                    "role": "assistant",
                    "content": [{"type": "tool_use", "id": "t", "name": "n", "input": "{}"}],
                }
            ]
        },
        {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "image",
                            "source": {"type": "base64", "media_type": "image/bmp", "data": "x"},
                        }
                    ],
                }
            ]
        },
        {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "x", "cache_control": {"type": "ephemeral", "ttl": "2h"}}
                    ],
                }
            ]
        },
        {
            "messages": [
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "is_error": "no"}]}
            ]
        },
        {"temperature": "0.5"},
        {"temperature": True},
        {"top_k": 1.5},
        {"stream": "true"},
        {"stop_sequences": "STOP"},
        {"system": [{"type": "image", "source": {"type": "url", "url": "u"}}]},
        {"tool_choice": {"type": "tool"}},
        {"tool_choice": "auto"},
        {"thinking": {"type": "enabled"}},
        {"thinking": {"type": "enabled", "budget_tokens": "1024"}},
        {"tools": [{"type": "web_search_20250305", "name": "search"}]},
        {"tools": [{"type": "custom", "name": "f"}]},
        {"tools": [{"name": "f", "input_schema": "{}"}]},
        {"cache_control": {"type": "persistent"}},
        {"metadata": {"user_id": 1}},
        {"output_config": {"format": {"type": "json_schema"}}},
        {"container": 1},
    ],
    ids=lambda p: json.dumps(p)[:60],
)
def test_wrong_types_are_rejected(patch: dict[str, Any]) -> None:
    am.MessageCreateRequest.model_validate(MINIMAL)
    with pytest.raises(ValidationError):
        am.MessageCreateRequest.model_validate({**MINIMAL, **patch})


@pytest.mark.parametrize("missing", ["model", "max_tokens", "messages"])
def test_required_request_fields(missing: str) -> None:
    with pytest.raises(ValidationError):
        am.MessageCreateRequest.model_validate({k: v for k, v in MINIMAL.items() if k != missing})


@pytest.mark.parametrize(
    ("model", "body"),
    [
        (am.Message, {**FULL_RESPONSE, "usage": {"input_tokens": "1", "output_tokens": 1}}),
        (am.Message, {**FULL_RESPONSE, "content": [{"text": "no type"}]}),
        (am.Message, {**FULL_RESPONSE, "content": "text"}),
        (am.Message, {k: v for k, v in FULL_RESPONSE.items() if k != "usage"}),
        (am.ErrorResponse, {"type": "error", "error": {"type": "api_error"}}),
        (am.ErrorResponse, {"type": "failure", "error": {"type": "api_error", "message": "m"}}),
        (am.ModelList, {"data": {"id": "m"}}),
        (am.ModelInfo, {"type": "model", "id": "m", "display_name": "M", "created_at": 1715367049}),
    ],
    ids=[
        "usage-str",
        "block-no-type",
        "content-str",
        "no-usage",
        "error-no-message",
        "error-type",
        "data-obj",
        "created-int",
    ],
)
def test_wrong_response_types_are_rejected(model: type[BaseModel], body: Any) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(body)


@pytest.mark.parametrize(
    "body",
    [
        {"type": "content_block_delta", "index": "0", "delta": {"type": "text_delta", "text": "a"}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta"}},
        {"type": "content_block_delta", "index": 0, "delta": {"text": "a"}},
        {"type": "message_delta", "delta": {}, "usage": {}},
        {"type": "message_start"},
        {"index": 0},
    ],
    ids=["index-str", "delta-no-text", "delta-no-type", "usage-no-output", "start-no-message", "no-type"],
)
def test_wrong_events_are_rejected(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        am.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))
