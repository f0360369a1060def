"""The Anthropic Messages schema: identity on recorded traffic, open unions, strictness, SDK conformance."""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Iterator, Mapping
from typing import Any, get_args

import anthropic
import anthropic.types as at
import httpx2
import pytest
from anthropic.types import message_create_params as at_params
from anthropic.types import raw_message_delta_event as at_delta
from anthropic.types import shared as at_shared
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import messages as am
from kindo_wire._wire import UnknownTyped
from tests.sdk_oracle import literal_values, our_fields, sdk_fields
from tests.traffic import Exchange, of_api, same_json, stream_events

MESSAGES = of_api("messages")
STREAMS = [e for e in MESSAGES if e.stream is not None]
RESPONSES = [e for e in MESSAGES if e.stream is None and e.status == 200]
ERRORS = [e for e in MESSAGES if e.status != 200]


def ids(exchanges: list[Exchange]) -> list[str]:
    return [e.name for e in exchanges]


def event_dump(value: Any) -> Any:
    return am.STREAM_EVENT_ADAPTER.dump_python(value, mode="json", by_alias=True, exclude_unset=True)


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


# -- synthetic bodies that use every field and union member of WIRE.md §2 ----------------------

CC = {"type": "ephemeral", "ttl": "1h"}
REQUEST_CITATIONS: list[dict[str, Any]] = [
    {
        "type": "char_location",
        "cited_text": "a",
        "document_index": 0,
        "document_title": "Doc",
        "start_char_index": 0,
        "end_char_index": 1,
    },
    {
        "type": "page_location",
        "cited_text": "a",
        "document_index": 0,
        "document_title": None,
        "start_page_number": 1,
        "end_page_number": 2,
    },
    {
        "type": "content_block_location",
        "cited_text": "a",
        "document_index": 1,
        "document_title": "T",
        "start_block_index": 0,
        "end_block_index": 1,
    },
    {
        "type": "web_search_result_location",
        "cited_text": "a",
        "encrypted_index": "enc",
        "title": "T",
        "url": "https://e.x",
    },
    {
        "type": "search_result_location",
        "cited_text": "a",
        "search_result_index": 0,
        "source": "kb://1",
        "title": None,
        "start_block_index": 0,
        "end_block_index": 0,
    },
]
# the response adds file_id to the three document citations
RESPONSE_CITATIONS: list[dict[str, Any]] = [
    {**c, "file_id": "file_9"}
    if c["type"].endswith(("char_location", "page_location", "block_location"))
    else c
    for c in REQUEST_CITATIONS
]
SERVER_RESULTS: list[dict[str, Any]] = [
    {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_1",
        "content": [
            {
                "type": "web_search_result",
                "url": "https://e.x",
                "title": "T",
                "encrypted_content": "enc",
                "page_age": "1 day",
            }
        ],
        "caller": {"type": "direct"},
    },
    {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_2",
        "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
    },
    {
        "type": "web_fetch_tool_result",
        "tool_use_id": "srvtoolu_3",
        "content": {
            "type": "web_fetch_result",
            "url": "https://e.x",
            "retrieved_at": "2026-01-01T00:00:00Z",
            "content": {
                "type": "document",
                "source": {"type": "text", "media_type": "text/plain", "data": "page"},
                "title": "T",
                "citations": {"enabled": True},
            },
        },
        "caller": {"type": "code_execution_20260120", "tool_id": "srvtoolu_0"},
    },
    {
        "type": "web_fetch_tool_result",
        "tool_use_id": "srvtoolu_4",
        "content": {"type": "web_fetch_tool_result_error", "error_code": "url_not_accessible"},
    },
    {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_5",
        "content": {
            "type": "code_execution_result",
            "stdout": "1",
            "stderr": "",
            "return_code": 0,
            "content": [{"type": "code_execution_output", "file_id": "file_4"}],
        },
    },
    {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_6",
        "content": {
            "type": "encrypted_code_execution_result",
            "encrypted_stdout": "e",
            "stderr": "",
            "return_code": 1,
            "content": [],
        },
    },
    {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_7",
        "content": {"type": "code_execution_tool_result_error", "error_code": "unavailable"},
    },
    {
        "type": "bash_code_execution_tool_result",
        "tool_use_id": "srvtoolu_8",
        "content": {
            "type": "bash_code_execution_result",
            "stdout": "ok",
            "stderr": "",
            "return_code": 0,
            "content": [{"type": "bash_code_execution_output", "file_id": "file_5"}],
        },
    },
    {
        "type": "bash_code_execution_tool_result",
        "tool_use_id": "srvtoolu_9",
        "content": {"type": "bash_code_execution_tool_result_error", "error_code": "output_file_too_large"},
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_10",
        "content": {
            "type": "text_editor_code_execution_view_result",
            "content": "x",
            "file_type": "text",
            "num_lines": 1,
            "start_line": 1,
            "total_lines": 1,
        },
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_11",
        "content": {"type": "text_editor_code_execution_create_result", "is_file_update": False},
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_12",
        "content": {
            "type": "text_editor_code_execution_str_replace_result",
            "lines": ["-a", "+b"],
            "new_lines": 1,
            "new_start": 1,
            "old_lines": 1,
            "old_start": 1,
        },
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_13",
        "content": {
            "type": "text_editor_code_execution_tool_result_error",
            "error_code": "file_not_found",
            "error_message": "no such file",
        },
    },
    {
        "type": "tool_search_tool_result",
        "tool_use_id": "srvtoolu_14",
        "content": {
            "type": "tool_search_tool_search_result",
            "tool_references": [{"type": "tool_reference", "tool_name": "get_weather"}],
        },
    },
    {
        "type": "tool_search_tool_result",
        "tool_use_id": "srvtoolu_15",
        "content": {
            "type": "tool_search_tool_result_error",
            "error_code": "unavailable",
            "error_message": None,
        },
    },
]
TOOL_FIELDS = {"cache_control": CC, "defer_loading": False, "allowed_callers": ["direct"], "strict": True}
WEB_SEARCH = {
    "max_uses": 3,
    "allowed_domains": ["e.x"],
    "blocked_domains": None,
    "user_location": {
        "type": "approximate",
        "city": "Paris",
        "region": "IDF",
        "country": "FR",
        "timezone": "Europe/Paris",
    },
}
WEB_FETCH = {
    "max_uses": 2,
    "allowed_domains": None,
    "blocked_domains": ["bad.x"],
    "citations": {"enabled": True},
    "max_content_tokens": 1000,
    "url_sources": {
        "client_tool_results": {"type": "only", "tools": [{"type": "tool_reference", "name": "search"}]},
        "server_tool_results": {
            "type": "except",
            "tools": [{"type": "tool_reference", "name": "web_search"}],
        },
        "user_input": {"type": "all"},
    },
}
EXAMPLES = {"input_examples": [{"command": "ls"}]}
TOOLS: list[dict[str, Any]] = [
    {
        "type": "custom",
        "name": "get_weather",
        "description": "Weather for a city",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        "eager_input_streaming": True,
        "input_examples": [{"city": "Paris"}],
        **TOOL_FIELDS,
    },
    {"name": "no_type", "input_schema": {"type": "object"}},
    {"type": "web_search_20250305", "name": "web_search", **WEB_SEARCH, **TOOL_FIELDS},
    {"type": "web_search_20260209", "name": "web_search", **WEB_SEARCH},
    {"type": "web_search_20260318", "name": "web_search", "response_inclusion": "excluded"},
    {"type": "web_fetch_20250910", "name": "web_fetch", **WEB_FETCH, **TOOL_FIELDS},
    {"type": "web_fetch_20260209", "name": "web_fetch", "url_sources": {"user_input": {"type": "none"}}},
    {"type": "web_fetch_20260309", "name": "web_fetch", "use_cache": False},
    {"type": "web_fetch_20260318", "name": "web_fetch", "use_cache": True, "response_inclusion": "full"},
    {"type": "code_execution_20250522", "name": "code_execution", **TOOL_FIELDS},
    {"type": "code_execution_20250825", "name": "code_execution"},
    {"type": "code_execution_20260120", "name": "code_execution"},
    {"type": "code_execution_20260521", "name": "code_execution"},
    {"type": "tool_search_tool_bm25_20251119", "name": "tool_search_tool_bm25", **TOOL_FIELDS},
    {"type": "tool_search_tool_bm25", "name": "tool_search_tool_bm25"},
    {"type": "tool_search_tool_regex_20251119", "name": "tool_search_tool_regex"},
    {"type": "tool_search_tool_regex", "name": "tool_search_tool_regex"},
    {"type": "bash_20250124", "name": "bash", **EXAMPLES, **TOOL_FIELDS},
    {"type": "text_editor_20250124", "name": "str_replace_editor", **EXAMPLES},
    {"type": "text_editor_20250429", "name": "str_replace_based_edit_tool"},
    {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool", "max_characters": 10000},
    {"type": "memory_20250818", "name": "memory", **EXAMPLES, **TOOL_FIELDS},
    {
        "type": "browser_toolset_20260801",
        "configs": {"navigate": {"enabled": True, "defer_loading": False}, "zoom": None},
        "cache_control": CC,
    },
    {"type": "computer_toolset_20260801", "configs": {"screenshot": {"enabled": True}}},
]
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
FULL_REQUEST: dict[str, Any] = {
    "model": "claude-opus-4-6",
    "max_tokens": 2048,
    "system": [{"type": "text", "text": "Be brief.", "cache_control": CC}],
    "messages": [
        {"role": "system", "content": [{"type": "text", "text": "More system text."}]},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}},
                {
                    "type": "image",
                    "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
                    "transformations": {"oversized_image": "downsize"},
                    "cache_control": CC,
                },
                {"type": "image", "source": {"type": "url", "url": "https://e.x/a.jpg"}},
                {"type": "image", "source": {"type": "file", "file_id": "file_1"}},
                {
                    "type": "document",
                    "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="},
                    "title": "PDF",
                    "context": "ctx",
                    "citations": {"enabled": True},
                    "cache_control": CC,
                },
                {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "plain"}},
                {
                    "type": "document",
                    "source": {
                        "type": "content",
                        "content": [
                            {"type": "text", "text": "a"},
                            {"type": "image", "source": {"type": "url", "url": "https://e.x/b.png"}},
                        ],
                    },
                },
                {"type": "document", "source": {"type": "content", "content": "a string"}},
                {"type": "document", "source": {"type": "url", "url": "https://e.x/a.pdf"}},
                {"type": "document", "source": {"type": "file", "file_id": "file_2"}},
                {
                    "type": "search_result",
                    "source": "kb://1",
                    "title": "KB",
                    "content": [{"type": "text", "text": "fact"}],
                    "citations": {"enabled": True},
                    "cache_control": CC,
                },
                {"type": "container_upload", "file_id": "file_3", "cache_control": CC},
            ],
        },
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "hmm", "signature": "sig"},
                {"type": "redacted_thinking", "data": "opaque"},
                {"type": "text", "text": "cited", "citations": REQUEST_CITATIONS},
                {
                    "type": "tool_use",
                    "id": "toolu_1",
                    "name": "get_weather",
                    "input": {"city": "Paris"},
                    "caller": {"type": "direct"},
                    "cache_control": CC,
                },
                {
                    "type": "tool_use",
                    "id": "toolu_2",
                    "name": "get_weather",
                    "input": {},
                    "caller": {"type": "code_execution_20250825", "tool_id": "srvtoolu_0"},
                    "toolset_name": None,
                },
                {
                    "type": "server_tool_use",
                    "id": "srvtoolu_1",
                    "name": "web_search",
                    "input": {"query": "q"},
                    "caller": {"type": "direct"},
                    "cache_control": CC,
                },
                *[{**b, "cache_control": CC} for b in SERVER_RESULTS],
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": "sunny", "is_error": False},
                {
                    "type": "tool_result",
                    "tool_use_id": "toolu_2",
                    "toolset_name": "browser",
                    "cache_control": CC,
                    "content": [
                        {"type": "text", "text": "r"},
                        {"type": "image", "source": {"type": "url", "url": "https://e.x/c.png"}},
                        {
                            "type": "search_result",
                            "source": "s",
                            "title": "t",
                            "content": [{"type": "text", "text": "c"}],
                        },
                        {
                            "type": "document",
                            "source": {"type": "text", "media_type": "text/plain", "data": "d"},
                        },
                        {"type": "tool_reference", "tool_name": "get_weather", "cache_control": CC},
                        {
                            "type": "browser_state",
                            "tabs": [{"tab_id": "1", "title": "T", "url": "https://e.x", "active": True}],
                            "state_changes": [
                                {"type": "tab_opened", "tab_id": "2"},
                                {"type": "download_started", "download_id": "d1", "url": "https://e.x/f"},
                                {
                                    "type": "download_completed",
                                    "download_id": "d1",
                                    "url": "https://e.x/f",
                                    "path": "/tmp/f",
                                    "size_bytes": 10,
                                },
                                {
                                    "type": "download_failed",
                                    "download_id": "d2",
                                    "url": "https://e.x/g",
                                    "error": "boom",
                                },
                            ],
                            "cache_control": CC,
                        },
                    ],
                },
                {"type": "tool_result", "tool_use_id": "srvtoolu_x"},
            ],
        },
    ],
    "stop_sequences": ["\n\nHuman:"],
    "stream": False,
    "metadata": {"user_id": "u-1"},
    "tools": TOOLS,
    "tool_choice": {"type": "auto", "disable_parallel_tool_use": True},
    "thinking": {"type": "enabled", "budget_tokens": 1024, "display": "summarized"},
    "output_config": {"effort": "high", "format": {"type": "json_schema", "schema": {"type": "object"}}},
    "service_tier": "auto",
    "cache_control": {"type": "ephemeral", "ttl": "5m"},
    "container": {
        "id": "container_1",
        "skills": [{"type": "anthropic", "skill_id": "pptx", "version": "latest"}],
    },
    "inference_geo": "us",
    "speed": "fast",
    "diagnostics": {"previous_message_id": "msg_0"},
}
REQUEST_VARIANTS: list[tuple[str, Any]] = [
    ("tool_choice", {"type": "any", "disable_parallel_tool_use": False}),
    ("tool_choice", {"type": "tool", "name": "get_weather"}),
    ("tool_choice", {"type": "none"}),
    ("thinking", {"type": "adaptive", "display": "omitted"}),
    ("thinking", {"type": "disabled"}),
    ("thinking", {"type": "between_tools"}),
    ("container", "container_1"),
    ("container", None),
    ("system", "Be brief."),
    ("messages", [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hel"}]),
    ("stream", True),
    ("cache_control", None),
]
VARIANT_MODELS = [
    am.ToolChoiceAny,
    am.ToolChoiceTool,
    am.ToolChoiceNone,
    am.ThinkingConfigAdaptive,
    am.ThinkingConfigDisabled,
    am.ThinkingConfigBetweenTools,
]


def with_variant(field: str, value: Any) -> dict[str, Any]:
    return {**FULL_REQUEST, field: value}


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


FULL_RESPONSE: dict[str, Any] = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "claude-opus-4-6",
    "content": [
        {"type": "thinking", "thinking": "hmm", "signature": "sig"},
        {"type": "redacted_thinking", "data": "opaque"},
        {"type": "text", "text": "cited", "citations": RESPONSE_CITATIONS},
        {"type": "text", "text": "plain", "citations": None},
        {
            "type": "tool_use",
            "id": "toolu_1",
            "name": "get_weather",
            "input": {"city": "Paris"},
            "caller": {"type": "code_execution_20260120", "tool_id": "srvtoolu_0"},
            "toolset_name": "weather",
        },
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_fetch", "input": {"url": "https://e.x"}},
        *SERVER_RESULTS,
        {"type": "container_upload", "file_id": "file_3"},
    ],
    "stop_reason": "refusal",
    "stop_sequence": None,
    "stop_details": {"type": "refusal", "category": "cyber", "explanation": "no"},
    "usage": {
        "input_tokens": 10,
        "output_tokens": 20,
        "cache_creation_input_tokens": 5,
        "cache_read_input_tokens": 100,
        "cache_creation": {"ephemeral_5m_input_tokens": 2, "ephemeral_1h_input_tokens": 3},
        "output_tokens_details": {"thinking_tokens": 7},
        "server_tool_use": {"web_search_requests": 1, "web_fetch_requests": 1},
        "service_tier": "priority",
        "inference_geo": "global",
        "speed": "fast",
    },
    "container": {
        "id": "container_1",
        "expires_at": "2026-05-08T20:54:01.401735Z",
        "skills": [{"type": "anthropic", "skill_id": "pptx", "version": "latest"}],
    },
    "diagnostics": {"cache_miss_reason": {"type": "messages_changed", "cache_missed_input_tokens": 90}},
}
CACHE_MISS_REASONS = [
    {"type": "model_changed", "cache_missed_input_tokens": 1},
    {"type": "system_changed", "cache_missed_input_tokens": 2},
    {"type": "tools_changed", "cache_missed_input_tokens": 3},
    {"type": "messages_changed", "cache_missed_input_tokens": 4},
    {"type": "previous_message_not_found"},
    {"type": "unavailable"},
]
RESPONSE_BODIES = [
    FULL_RESPONSE,
    *({**FULL_RESPONSE, "diagnostics": {"cache_miss_reason": r}} for r in CACHE_MISS_REASONS),
]


@pytest.mark.parametrize("body", RESPONSE_BODIES)
def test_full_response_round_trip(body: dict[str, Any]) -> None:
    parsed = am.Message.model_validate(body)
    assert same_json(parsed.dump(), body)
    assert not any(isinstance(b, UnknownTyped) for b in parsed.content)
    assert parsed.diagnostics is not None
    assert not isinstance(parsed.diagnostics.cache_miss_reason, UnknownTyped)


MESSAGE_START = {
    "type": "message_start",
    "message": {**FULL_RESPONSE, "content": [], "stop_reason": None, "stop_details": None},
}
FULL_EVENTS: list[dict[str, Any]] = [
    MESSAGE_START,
    {"type": "ping"},
    {
        "type": "content_block_start",
        "index": 0,
        "content_block": {"type": "thinking", "thinking": "", "signature": ""},
    },
    {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "hm"}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "sig"}},
    {"type": "content_block_stop", "index": 0},
    {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}},
    {"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "Hi"}},
    *(
        {"type": "content_block_delta", "index": 1, "delta": {"type": "citations_delta", "citation": c}}
        for c in RESPONSE_CITATIONS
    ),
    {"type": "content_block_stop", "index": 1},
    {
        "type": "content_block_start",
        "index": 2,
        "content_block": {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}},
    },
    {
        "type": "content_block_delta",
        "index": 2,
        "delta": {"type": "input_json_delta", "partial_json": '{"a":'},
    },
    {"type": "content_block_stop", "index": 2},
    {"type": "content_block_start", "index": 3, "content_block": SERVER_RESULTS[0]},
    {"type": "content_block_stop", "index": 3},
    {
        "type": "message_delta",
        "delta": {
            "stop_reason": "refusal",
            "stop_sequence": None,
            "stop_details": {"type": "refusal", "category": "bio", "explanation": None},
            "container": FULL_RESPONSE["container"],
        },
        "usage": {
            "output_tokens": 30,
            "input_tokens": 10,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "server_tool_use": {"web_search_requests": 1, "web_fetch_requests": 0},
            "output_tokens_details": {"thinking_tokens": 3},
        },
    },
    {"type": "message_stop"},
]
ERROR_EVENT = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}


def event_id(body: dict[str, Any]) -> str:
    delta = body.get("delta", {})
    return f"{body['type']}.{delta['type']}" if "type" in delta else str(body["type"])


@pytest.mark.parametrize("body", [*FULL_EVENTS, ERROR_EVENT], ids=event_id)
def test_full_event_round_trip(body: dict[str, Any]) -> None:
    value = am.STREAM_EVENT_ADAPTER.validate_python(body)
    assert not isinstance(value, UnknownTyped)
    assert not isinstance(getattr(value, "delta", None), UnknownTyped)
    assert same_json(event_dump(value), body)
    assert same_json(event_dump(am.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))), body)


MODEL_LIST = {
    "data": [
        {
            "type": "model",
            "id": "claude-sonnet-4-5-20250929",
            "display_name": "Claude Sonnet 4.5",
            "created_at": "2025-09-29T00:00:00Z",
            "lifecycle": "active",
            "line": "sonnet",
            "max_input_tokens": 200000,
            "max_tokens": 64000,
            "deprecated_at": None,
            "retires_at": None,
            "capabilities": {
                "batch": {"supported": True},
                "citations": {"supported": True},
                "code_execution": {"supported": True},
                "context_management": {
                    "supported": True,
                    "clear_thinking_20251015": {"supported": True},
                    "clear_tool_uses_20250919": {"supported": True},
                    "compact_20260112": {"supported": False},
                },
                "effort": {
                    "supported": True,
                    "low": {"supported": True},
                    "medium": {"supported": True},
                    "high": {"supported": True},
                    "xhigh": {"supported": False},
                    "max": {"supported": False},
                },
                "image_input": {"supported": True},
                "pdf_input": {"supported": True},
                "server_tools": {
                    "supported": True,
                    "code_execution": {"supported": True},
                    "web_search": {"supported": True},
                },
                "structured_outputs": {"supported": True},
                "thinking": {
                    "supported": True,
                    "types": {
                        "enabled": {"supported": True},
                        "adaptive": {"supported": False},
                        "disabled": {"supported": True},
                        "between_tools": {"supported": False},
                    },
                },
            },
        },
        # the classic minimal shape
        {
            "type": "model",
            "id": "claude-3-haiku-20240307",
            "display_name": "Claude Haiku 3",
            "created_at": "2024-03-07T00:00:00Z",
        },
    ],
    "has_more": False,
    "first_id": "claude-sonnet-4-5-20250929",
    "last_id": "claude-3-haiku-20240307",
}


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


# -- 4. conformance with the official SDK (anthropic 2.12.0) -----------------------------------

SDK_REQUEST = TypeAdapter(at_params.MessageCreateParamsNonStreaming)
SDK_STREAM_REQUEST = TypeAdapter(at_params.MessageCreateParamsStreaming)
SDK_EVENT = TypeAdapter(at.RawMessageStreamEvent)
SDK_SERVER_TOOL_NAMES = frozenset(get_args(at.ServerToolUseBlock.model_fields["name"].annotation))


class LazyItemError(Exception):
    """An item of a lazily validated ``Iterable`` failed; ``path`` locates the iterable."""

    def __init__(self, path: tuple[Any, ...], error: ValidationError) -> None:
        super().__init__(str(error))
        self.path, self.error = path, error


def drain(value: Any, path: tuple[Any, ...] = ()) -> Any:
    """Turn pydantic's lazy ``ValidatorIterator``\\ s (for ``Iterable[...]``) into lists, so item
    errors surface, with the iterable's path prepended to their location."""
    if isinstance(value, BaseModel):
        return value
    if isinstance(value, Mapping):
        return {k: drain(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, Iterator):
        try:
            value = list(value)
        except ValidationError as error:
            raise LazyItemError(path, error) from error
    if isinstance(value, (list, tuple)):
        return [drain(v, (*path, i)) for i, v in enumerate(value)]
    return value


SDK_WEB_SEARCH_ERROR = TypeAdapter(at.WebSearchToolRequestErrorParam)


def sdk_request_rejections(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Where the SDK request TypedDict rejects ``body`` (empty: accepted).

    One pydantic artifact is worked around: the SDK types ``web_search_tool_result.content`` as
    ``Union[Iterable[WebSearchResultBlockParam], WebSearchToolRequestErrorParam]``, and pydantic's
    lazy ``Iterable`` validator takes the error *object* (a dict is iterable, over its keys) and only
    fails when drained. Such a node is checked against the object member instead, then replaced by a
    valid empty list so the rest of the body is still checked."""
    adapter = SDK_STREAM_REQUEST if body.get("stream") is True else SDK_REQUEST
    body = copy.deepcopy(body)
    while True:
        try:
            drain(adapter.validate_python(body, strict=True))
        except ValidationError as error:
            return [tuple(e["loc"]) for e in error.errors()]
        except LazyItemError as lazy:
            *parent_path, key = lazy.path
            parent: Any = body
            for step in parent_path:
                parent = parent[step]
            node = parent[key]
            if not (
                isinstance(node, dict) and key == "content" and parent.get("type") == "web_search_tool_result"
            ):
                return [(*lazy.path, *e["loc"]) for e in lazy.error.errors()]
            try:
                SDK_WEB_SEARCH_ERROR.validate_python(node, strict=True)
            except ValidationError as error:
                return [(*lazy.path, *e["loc"]) for e in error.errors()]
            parent[key] = []
        else:
            return []


def test_drain_surfaces_item_errors() -> None:
    bad = {"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [{"type": "text"}]}]}
    SDK_REQUEST.validate_python(bad, strict=True)  # lazily "valid" ...
    rejections = sdk_request_rejections(bad)  # ... until drained
    assert rejections and all(loc[:4] == ("messages", 0, "content", 0) for loc in rejections)


@pytest.mark.parametrize(("code", "accepted"), [("max_uses_exceeded", True), ("bogus_code", False)])
def test_web_search_error_content_is_checked_against_the_sdk(code: str, accepted: bool) -> None:
    block = {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_1",
        "content": {"type": "web_search_tool_result_error", "error_code": code},
    }
    body = {"model": "m", "max_tokens": 1, "messages": [{"role": "assistant", "content": [block, block]}]}
    rejections = sdk_request_rejections(body)
    if accepted:
        assert rejections == []
    else:
        assert rejections == [("messages", 0, "content", 0, "content", "error_code")]
    am.MessageCreateRequest.model_validate(body)  # error codes grow: ours keeps them open


def request_sdk_gaps(parsed: am.MessageCreateRequest) -> set[tuple[Any, ...]]:
    """The parts of a request SDK 2.12.0 cannot type: tools and blocks our schema keeps in a catch-all
    (beta or newer tool families such as ``advisor_20260301``, beta block types)."""
    gaps: set[tuple[Any, ...]] = {
        ("tools", i) for i, t in enumerate(parsed.tools or []) if type(t) is am.AnthropicDefinedTool
    }
    for m, message in enumerate(parsed.messages):
        if isinstance(message.content, list):
            gaps |= {
                ("messages", m, "content", b)
                for b, blk in enumerate(message.content)
                if type(blk) is UnknownTyped
            }
    return gaps


def prune(body: dict[str, Any], gaps: set[tuple[Any, ...]]) -> dict[str, Any]:
    pruned = copy.deepcopy(body)
    for path in sorted(gaps, reverse=True):  # later indices first
        node: Any = pruned
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return pruned


@pytest.mark.parametrize("ex", MESSAGES, ids=ids(MESSAGES))
def test_recorded_request_agrees_with_sdk(ex: Exchange) -> None:
    ours = am.MessageCreateRequest.model_validate(ex.request)
    dumped = ours.dump()
    gaps = request_sdk_gaps(ours)
    if not gaps:
        assert sdk_request_rejections(ex.request) == []
        assert sdk_request_rejections(dumped) == []
        return
    # The SDK rejects the recorded body exactly where our schema holds a catch-all member ...
    rejections = sdk_request_rejections(ex.request)
    assert rejections
    assert all(any(loc[: len(gap)] == gap for gap in gaps) for loc in rejections)
    assert sdk_request_rejections(dumped) == rejections
    # ... and accepts everything else.
    assert sdk_request_rejections(prune(dumped, gaps)) == []


def test_only_beta_requests_fall_outside_the_sdk() -> None:
    outside = {
        ex.name for ex in MESSAGES if request_sdk_gaps(am.MessageCreateRequest.model_validate(ex.request))
    }
    assert outside == {"messages/pydantic-ai__anthropic_advisor_tool__0"}


def test_legacy_sampling_fields_are_ignored_by_the_sdk_type() -> None:
    # SDK 2.12.0 dropped temperature/top_p/top_k from its TypedDict ([AN-old] still had them); pydantic
    # ignores unknown TypedDict keys, so the SDK "accepts" such bodies by dropping the fields, while
    # our schema keeps and types them.
    declared = typing.get_type_hints(at_params.MessageCreateParamsNonStreaming)
    assert not {"temperature", "top_p", "top_k"} & set(declared)
    with_temperature = [ex for ex in MESSAGES if "temperature" in ex.request]
    assert len(with_temperature) == 17
    for ex in with_temperature:
        assert "temperature" not in drain(SDK_REQUEST.validate_python({**ex.request, "stream": False}))
        assert am.MessageCreateRequest.model_validate(ex.request).temperature == ex.request["temperature"]


@pytest.mark.parametrize(
    "body",
    [FULL_REQUEST, *(with_variant(f, v) for f, v in REQUEST_VARIANTS)],
    ids=["full", *(f"{f}={json.dumps(v)[:30]}" for f, v in REQUEST_VARIANTS)],
)
def test_full_request_agrees_with_sdk(body: dict[str, Any]) -> None:
    assert sdk_request_rejections(body) == []
    assert sdk_request_rejections(am.MessageCreateRequest.model_validate(body).dump()) == []


def response_sdk_gaps(parsed: am.Message) -> tuple[set[int], bool]:
    """Content indices SDK 2.12.0 cannot type (beta block types, server tools newer than its
    ``ServerToolUseBlock.name`` literal) and whether ``usage.server_tool_use`` lacks
    ``web_fetch_requests`` (older responses; the SDK requires it)."""
    blocks = {
        i
        for i, b in enumerate(parsed.content)
        if type(b) is UnknownTyped
        or (isinstance(b, am.ServerToolUseBlock) and b.name not in SDK_SERVER_TOOL_NAMES)
    }
    stu = parsed.usage.server_tool_use
    return blocks, stu is not None and stu.web_fetch_requests is None


def assert_sdk_message_agrees(sdk: at.Message, ours: am.Message) -> None:
    assert (sdk.id, sdk.model, sdk.role, sdk.type) == (ours.id, ours.model, ours.role, ours.type)
    assert (sdk.stop_reason, sdk.stop_sequence) == (ours.stop_reason, ours.stop_sequence)
    assert [b.type for b in sdk.content] == [b.type for b in ours.content]
    assert (sdk.usage.input_tokens, sdk.usage.output_tokens) == (
        ours.usage.input_tokens,
        ours.usage.output_tokens,
    )
    assert sdk.usage.cache_read_input_tokens == ours.usage.cache_read_input_tokens
    assert sdk.usage.service_tier == ours.usage.service_tier
    for theirs, mine in zip(sdk.content, ours.content, strict=True):
        if isinstance(mine, (am.ToolUseBlock, am.ServerToolUseBlock)):
            assert (getattr(theirs, "id", None), getattr(theirs, "input", None)) == (mine.id, mine.input)
        if isinstance(mine, am.TextBlock):
            assert getattr(theirs, "text", None) == mine.text


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_recorded_response_agrees_with_sdk(ex: Exchange) -> None:
    ours = am.Message.model_validate(ex.response)
    dumped = ours.dump()
    blocks, no_fetch_count = response_sdk_gaps(ours)
    if not blocks and not no_fetch_count:
        assert_sdk_message_agrees(at.Message.model_validate(dumped), ours)
        return
    with pytest.raises(ValidationError) as info:
        at.Message.model_validate(dumped)
    for error in info.value.errors():
        loc = error["loc"]
        assert (loc[0] == "content" and loc[1] in blocks) or loc == (
            "usage",
            "server_tool_use",
            "web_fetch_requests",
        )
    pruned = prune(dumped, {("content", i) for i in blocks})
    if no_fetch_count:
        pruned["usage"]["server_tool_use"]["web_fetch_requests"] = 0
    kept = am.Message.model_validate(pruned)
    assert_sdk_message_agrees(at.Message.model_validate(pruned), kept)


def test_only_beta_responses_fall_outside_the_sdk() -> None:
    outside = {ex.name: response_sdk_gaps(am.Message.model_validate(ex.response)) for ex in RESPONSES}
    assert {name: gap for name, gap in outside.items() if gap != (set(), False)} == {
        "messages/pydantic-ai__anthropic_advisor_tool__0": ({2, 3}, False),  # server tool "advisor"
        "messages/pydantic-ai__anthropic_mcp_servers__0": ({1, 2}, True),  # mcp_tool_use, mcp_tool_result
        "messages/pydantic-ai__pause_turn_web_search_vcr__0": (set(), True),
    }


@pytest.mark.parametrize("body", RESPONSE_BODIES)
def test_full_response_agrees_with_sdk(body: dict[str, Any]) -> None:
    ours = am.Message.model_validate(body)
    sdk = at.Message.model_validate(ours.dump())
    assert_sdk_message_agrees(sdk, ours)
    assert sdk.stop_details is not None and sdk.stop_details.category == "cyber"
    assert sdk.container is not None and sdk.container.id == "container_1"
    assert sdk.diagnostics is not None and sdk.diagnostics.cache_miss_reason is not None
    assert ours.diagnostics is not None and ours.diagnostics.cache_miss_reason is not None
    assert sdk.diagnostics.cache_miss_reason.type == ours.diagnostics.cache_miss_reason.type
    text = sdk.content[2]
    assert isinstance(text, at.TextBlock) and text.citations is not None
    assert [c.type for c in text.citations] == [c["type"] for c in RESPONSE_CITATIONS]


def event_sdk_gap(value: Any) -> bool:
    """Events SDK 2.12.0's ``RawMessageStreamEvent`` union cannot type: ``ping`` and ``error`` (not
    members: its stream loop skips pings and raises on errors before parsing, see
    ``test_sdk_stream_skips_pings_and_raises_on_errors``) and beta blocks / deltas."""
    if isinstance(value, (am.PingEvent, am.ErrorResponse, UnknownTyped)):
        return True
    return (
        type(getattr(value, "content_block", None)) is UnknownTyped
        or type(getattr(value, "delta", None)) is UnknownTyped
    )


def assert_sdk_event_agrees(data: str) -> None:
    ours = am.STREAM_EVENT_ADAPTER.validate_json(data)
    dumped = event_dump(ours)
    if event_sdk_gap(ours):
        with pytest.raises(ValidationError):
            SDK_EVENT.validate_python(dumped)
        return
    sdk = SDK_EVENT.validate_python(dumped)
    assert sdk.type == ours.type
    assert getattr(sdk, "index", None) == getattr(ours, "index", None)
    if isinstance(ours, am.ContentBlockDeltaEvent):
        assert isinstance(sdk, at.RawContentBlockDeltaEvent)
        assert sdk.delta.model_dump(exclude_unset=True) == ours.delta.dump()
    if isinstance(ours, am.MessageDeltaEvent):
        assert isinstance(sdk, at.RawMessageDeltaEvent)
        assert (sdk.delta.stop_reason, sdk.usage.output_tokens) == (
            ours.delta.stop_reason,
            ours.usage.output_tokens,
        )
    if isinstance(ours, am.MessageStartEvent):
        assert isinstance(sdk, at.RawMessageStartEvent)
        assert_sdk_message_agrees(sdk.message, ours.message)


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_recorded_stream_agrees_with_sdk(ex: Exchange) -> None:
    for _, data in stream_events(ex):
        assert_sdk_event_agrees(data)


def test_only_pings_and_beta_events_fall_outside_the_sdk() -> None:
    outside = {
        (ex.name, value.type)
        for ex in STREAMS
        for _, data in stream_events(ex)
        if event_sdk_gap(value := am.STREAM_EVENT_ADAPTER.validate_json(data)) and value.type != "ping"
    }
    assert outside == {
        ("messages/pydantic-ai__anthropic_compaction_usage_with_cache_streaming__0", "content_block_start"),
        ("messages/pydantic-ai__anthropic_compaction_usage_with_cache_streaming__0", "content_block_delta"),
    }


@pytest.mark.parametrize("body", [*FULL_EVENTS, ERROR_EVENT], ids=event_id)
def test_full_event_agrees_with_sdk(body: dict[str, Any]) -> None:
    assert_sdk_event_agrees(json.dumps(body))


def sdk_stream(events: list[tuple[str, bytes]]) -> anthropic.Stream[at.RawMessageStreamEvent]:
    """The SDK's own stream loop over SSE bytes written from our dumps."""
    sse = b"".join(b"event: " + name.encode() + b"\ndata: " + data + b"\n\n" for name, data in events)

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=sse)

    client = anthropic.Anthropic(
        api_key="test",
        base_url="http://sdk.test",
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
    )
    stream: anthropic.Stream[at.RawMessageStreamEvent] = client.post(
        "/v1/messages",
        body={"model": "m", "max_tokens": 1, "messages": [], "stream": True},
        cast_to=typing.cast(Any, at.RawMessageStreamEvent),
        stream=True,
        stream_cls=anthropic.Stream[at.RawMessageStreamEvent],
    )
    return stream


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_sdk_stream_reads_our_events(ex: Exchange) -> None:
    ours = [am.STREAM_EVENT_ADAPTER.validate_json(data) for _, data in stream_events(ex)]
    encoded = [
        (v.type, am.STREAM_EVENT_ADAPTER.dump_json(v, by_alias=True, exclude_unset=True)) for v in ours
    ]
    read = list(sdk_stream(encoded))
    assert [e.type for e in read] == [v.type for v in ours if not isinstance(v, am.PingEvent)]


def test_sdk_stream_skips_pings_and_raises_on_errors() -> None:
    # [SDK-rt:anthropic/_streaming.py]: `ping` is dropped, `error` raises an APIStatusError carrying
    # the body, whatever came before; neither is a member of RawMessageStreamEvent.
    events = [
        am.STREAM_EVENT_ADAPTER.validate_python(b) for b in [MESSAGE_START, {"type": "ping"}, ERROR_EVENT]
    ]
    assert [type(e) for e in events] == [am.MessageStartEvent, am.PingEvent, am.ErrorResponse]
    encoded = [
        (v.type, am.STREAM_EVENT_ADAPTER.dump_json(v, by_alias=True, exclude_unset=True)) for v in events
    ]
    read: list[Any] = []
    with pytest.raises(anthropic.APIStatusError) as info:
        read.extend(sdk_stream(encoded))
    assert [e.type for e in read] == ["message_start"]
    assert same_json(info.value.body, ERROR_EVENT)
    assert read[0].message.id == FULL_RESPONSE["id"]
    with pytest.raises(ValidationError):
        SDK_EVENT.validate_python({"type": "ping"})


@pytest.mark.parametrize("ex", ERRORS, ids=ids(ERRORS))
def test_recorded_error_agrees_with_sdk(ex: Exchange) -> None:
    ours = am.ErrorResponse.model_validate(ex.response)
    sdk = at_shared.ErrorResponse.model_validate(ours.dump())
    assert (sdk.type, sdk.error.type, sdk.error.message) == (ours.type, ours.error.type, ours.error.message)
    assert sdk.request_id == ours.request_id


def test_models_and_open_errors_agree_with_sdk() -> None:
    ours = am.ModelList.model_validate(MODEL_LIST)
    for mine in ours.data:
        theirs = at.ModelInfo.model_validate({**mine.dump(), "lifecycle": mine.lifecycle or "active"})
        assert (theirs.id, theirs.display_name) == (mine.id, mine.display_name)
        assert theirs.created_at.isoformat().replace("+00:00", "Z") == mine.created_at
    capabilities = at.ModelInfo.model_validate(ours.data[0].dump()).capabilities
    assert capabilities is not None and capabilities.effort.xhigh is not None
    # the SDK requires `lifecycle` (newer field); the classic minimal ModelInfo lacks it
    with pytest.raises(ValidationError):
        at.ModelInfo.model_validate(ours.data[1].dump())
    # `request_too_large` is documented ([D:errors]) but not in the SDK's closed ErrorObject union
    too_large = {"type": "error", "error": {"type": "request_too_large", "message": "too big"}}
    assert am.ErrorResponse.model_validate(too_large).error.type == "request_too_large"
    with pytest.raises(ValidationError):
        at_shared.ErrorResponse.model_validate(too_large)


# -- every SDK field is declared, with the same literal values -----------------------------------

FIELD_PAIRS: list[tuple[Any, type[BaseModel], set[str]]] = [
    # request, top level ("extra": what we declare beyond the SDK type)
    (
        at_params.MessageCreateParamsNonStreaming,
        am.MessageCreateRequest,
        {
            "temperature",
            "top_p",
            "top_k",
            "context_management",
            "mcp_servers",
            "compaction",
            "fallbacks",
            "thread",
        }
        | {"billing_policy", "fallback_credit_token", "betas"},
    ),
    (at.UserMessageParam, am.MessageParam, set()),
    (at.AssistantMessageParam, am.MessageParam, set()),
    (at.SystemMessageParam, am.MessageParam, set()),
    (at.ThinkingConfigEnabledParam, am.ThinkingConfigEnabled, set()),
    (at.ThinkingConfigAdaptiveParam, am.ThinkingConfigAdaptive, set()),
    (at.ThinkingConfigDisabledParam, am.ThinkingConfigDisabled, set()),
    (at.ThinkingConfigBetweenToolsParam, am.ThinkingConfigBetweenTools, set()),
    (at.OutputConfigParam, am.OutputConfig, set()),
    (at.JSONOutputFormatParam, am.JSONOutputFormat, set()),
    (at.MetadataParam, am.Metadata, set()),
    (at.ContainerParams, am.ContainerParams, set()),
    (at.SkillParams, am.SkillParams, set()),
    (at.DiagnosticsParam, am.DiagnosticsParam, set()),
    (at.CacheControlEphemeralParam, am.CacheControlEphemeral, set()),
    # request blocks and their parts
    (at.TextBlockParam, am.TextBlock, set()),
    (at.ImageBlockParam, am.ImageBlock, set()),
    (at.Base64ImageSourceParam, am.Base64ImageSource, set()),
    (at.URLImageSourceParam, am.URLSource, set()),
    (at.FileImageSourceParam, am.FileSource, set()),
    (at.ImageTransformationsParam, am.ImageTransformations, set()),
    (at.DocumentBlockParam, am.DocumentBlock, set()),
    (at.Base64PDFSourceParam, am.Base64PDFSource, set()),
    (at.PlainTextSourceParam, am.PlainTextSource, set()),
    (at.ContentBlockSourceParam, am.ContentBlockSource, set()),
    (at.URLPDFSourceParam, am.URLSource, set()),
    (at.FileDocumentSourceParam, am.FileSource, set()),
    (at.CitationsConfigParam, am.CitationsConfig, set()),
    (at.SearchResultBlockParam, am.SearchResultBlock, set()),
    (at.ThinkingBlockParam, am.ThinkingBlock, set()),
    (at.RedactedThinkingBlockParam, am.RedactedThinkingBlock, set()),
    (at.ToolUseBlockParam, am.ToolUseBlock, set()),
    (at.DirectCallerParam, am.DirectCaller, set()),
    (at.ServerToolCallerParam, am.ServerToolCaller, set()),
    (at.ServerToolCaller20260120Param, am.ServerToolCaller, set()),
    (at.ToolResultBlockParam, am.ToolResultBlock, set()),
    (at.ToolReferenceBlockParam, am.ToolReferenceBlock, set()),
    (at.BrowserStateBlockParam, am.BrowserStateBlock, set()),
    (at.BrowserStateTabEntryParam, am.BrowserStateTab, set()),
    (at.BrowserStateChangeTabOpenedParam, am.BrowserStateChangeTabOpened, set()),
    (at.BrowserStateChangeDownloadStartedParam, am.BrowserStateChangeDownloadStarted, set()),
    (at.BrowserStateChangeDownloadCompletedParam, am.BrowserStateChangeDownloadCompleted, set()),
    (at.BrowserStateChangeDownloadFailedParam, am.BrowserStateChangeDownloadFailed, set()),
    (at.ServerToolUseBlockParam, am.ServerToolUseBlock, set()),
    (at.ContainerUploadBlockParam, am.ContainerUploadBlock, set()),
    (at.CitationCharLocationParam, am.CitationCharLocation, {"file_id"}),
    (at.CitationPageLocationParam, am.CitationPageLocation, {"file_id"}),
    (at.CitationContentBlockLocationParam, am.CitationContentBlockLocation, {"file_id"}),
    (at.CitationWebSearchResultLocationParam, am.CitationWebSearchResultLocation, set()),
    (at.CitationSearchResultLocationParam, am.CitationSearchResultLocation, set()),
    (at.WebSearchToolResultBlockParam, am.WebSearchToolResultBlock, set()),
    (at.WebSearchResultBlockParam, am.WebSearchResult, set()),
    (at.WebSearchToolRequestErrorParam, am.WebSearchToolResultError, set()),
    (at.WebFetchToolResultBlockParam, am.WebFetchToolResultBlock, set()),
    (at.WebFetchBlockParam, am.WebFetchResult, set()),
    (at.WebFetchToolResultErrorBlockParam, am.WebFetchToolResultError, set()),
    (at.CodeExecutionToolResultBlockParam, am.CodeExecutionToolResultBlock, set()),
    (at.CodeExecutionResultBlockParam, am.CodeExecutionResult, set()),
    (at.EncryptedCodeExecutionResultBlockParam, am.EncryptedCodeExecutionResult, set()),
    (at.CodeExecutionOutputBlockParam, am.CodeExecutionOutput, set()),
    (at.CodeExecutionToolResultErrorParam, am.CodeExecutionToolResultError, set()),
    (at.BashCodeExecutionToolResultBlockParam, am.BashCodeExecutionToolResultBlock, set()),
    (at.BashCodeExecutionResultBlockParam, am.BashCodeExecutionResult, set()),
    (at.BashCodeExecutionOutputBlockParam, am.BashCodeExecutionOutput, set()),
    (at.BashCodeExecutionToolResultErrorParam, am.BashCodeExecutionToolResultError, set()),
    (at.TextEditorCodeExecutionToolResultBlockParam, am.TextEditorCodeExecutionToolResultBlock, set()),
    (at.TextEditorCodeExecutionViewResultBlockParam, am.TextEditorCodeExecutionViewResult, set()),
    (at.TextEditorCodeExecutionCreateResultBlockParam, am.TextEditorCodeExecutionCreateResult, set()),
    (at.TextEditorCodeExecutionStrReplaceResultBlockParam, am.TextEditorCodeExecutionStrReplaceResult, set()),
    (at.TextEditorCodeExecutionToolResultErrorParam, am.TextEditorCodeExecutionToolResultError, set()),
    (at.ToolSearchToolResultBlockParam, am.ToolSearchToolResultBlock, set()),
    (at.ToolSearchToolSearchResultBlockParam, am.ToolSearchToolSearchResult, set()),
    (at.ToolSearchToolResultErrorParam, am.ToolSearchToolResultError, set()),
    # tools
    (at.ToolParam, am.CustomTool, set()),
    (at.WebSearchTool20250305Param, am.WebSearchTool, {"response_inclusion"}),
    (at.WebSearchTool20260209Param, am.WebSearchTool, {"response_inclusion"}),
    (at.WebSearchTool20260318Param, am.WebSearchTool, set()),
    (at.UserLocationParam, am.UserLocation, set()),
    (at.WebFetchTool20250910Param, am.WebFetchTool, {"use_cache", "response_inclusion"}),
    (at.WebFetchTool20260209Param, am.WebFetchTool, {"use_cache", "response_inclusion"}),
    (at.WebFetchTool20260309Param, am.WebFetchTool, {"response_inclusion"}),
    (at.WebFetchTool20260318Param, am.WebFetchTool, set()),
    (at.WebFetchURLSourcesParam, am.WebFetchURLSources, set()),
    (at.WebFetchURLSourceAllParam, am.WebFetchURLSource, {"tools"}),
    (at.WebFetchURLSourceNoneParam, am.WebFetchURLSource, {"tools"}),
    (at.WebFetchURLSourceOnlyParam, am.WebFetchURLSource, set()),
    (at.WebFetchURLSourceExceptParam, am.WebFetchURLSource, set()),
    (at.WebFetchURLSourceToolReferenceParam, am.WebFetchURLSourceToolReference, set()),
    (at.CodeExecutionTool20250522Param, am.CodeExecutionTool, set()),
    (at.CodeExecutionTool20250825Param, am.CodeExecutionTool, set()),
    (at.CodeExecutionTool20260120Param, am.CodeExecutionTool, set()),
    (at.CodeExecutionTool20260521Param, am.CodeExecutionTool, set()),
    (at.ToolSearchToolBm25_20251119Param, am.ToolSearchTool, set()),
    (at.ToolSearchToolRegex20251119Param, am.ToolSearchTool, set()),
    (at.ToolBash20250124Param, am.BashTool, set()),
    (at.ToolTextEditor20250124Param, am.TextEditorTool, {"max_characters"}),
    (at.ToolTextEditor20250429Param, am.TextEditorTool, {"max_characters"}),
    (at.ToolTextEditor20250728Param, am.TextEditorTool, set()),
    (at.MemoryTool20250818Param, am.MemoryTool, set()),
    (at.BrowserToolset20260801Param, am.ToolsetTool, set()),
    (at.ComputerToolset20260801Param, am.ToolsetTool, set()),
    (at.BrowserCloseTabConfigParam, am.ToolsetMemberConfig, set()),
    (at.ToolChoiceAutoParam, am.ToolChoiceAuto, set()),
    (at.ToolChoiceAnyParam, am.ToolChoiceAny, set()),
    (at.ToolChoiceToolParam, am.ToolChoiceTool, set()),
    (at.ToolChoiceNoneParam, am.ToolChoiceNone, set()),
    # response (the request-only cache_control / context are what we add on shared models)
    (at.Message, am.Message, {"context_management"}),
    (at.TextBlock, am.TextBlock, {"cache_control"}),
    (at.ThinkingBlock, am.ThinkingBlock, set()),
    (at.RedactedThinkingBlock, am.RedactedThinkingBlock, set()),
    (at.ToolUseBlock, am.ToolUseBlock, {"cache_control"}),
    (at.ServerToolUseBlock, am.ServerToolUseBlock, {"cache_control"}),
    (at.DirectCaller, am.DirectCaller, set()),
    (at.ServerToolCaller, am.ServerToolCaller, set()),
    (at.ServerToolCaller20260120, am.ServerToolCaller, set()),
    (at.ContainerUploadBlock, am.ContainerUploadBlock, {"cache_control"}),
    (at.ToolReferenceBlock, am.ToolReferenceBlock, {"cache_control"}),
    (at.DocumentBlock, am.DocumentBlock, {"context", "cache_control"}),
    (at.Base64PDFSource, am.Base64PDFSource, set()),
    (at.PlainTextSource, am.PlainTextSource, set()),
    (at.CitationsConfig, am.CitationsConfig, set()),
    (at.CitationCharLocation, am.CitationCharLocation, set()),
    (at.CitationPageLocation, am.CitationPageLocation, set()),
    (at.CitationContentBlockLocation, am.CitationContentBlockLocation, set()),
    (at.CitationsWebSearchResultLocation, am.CitationWebSearchResultLocation, set()),
    (at.CitationsSearchResultLocation, am.CitationSearchResultLocation, set()),
    (at.WebSearchToolResultBlock, am.WebSearchToolResultBlock, {"cache_control"}),
    (at.WebSearchResultBlock, am.WebSearchResult, set()),
    (at.WebSearchToolResultError, am.WebSearchToolResultError, set()),
    (at.WebFetchToolResultBlock, am.WebFetchToolResultBlock, {"cache_control"}),
    (at.WebFetchBlock, am.WebFetchResult, set()),
    (at.WebFetchToolResultErrorBlock, am.WebFetchToolResultError, set()),
    (at.CodeExecutionToolResultBlock, am.CodeExecutionToolResultBlock, {"cache_control"}),
    (at.CodeExecutionResultBlock, am.CodeExecutionResult, set()),
    (at.EncryptedCodeExecutionResultBlock, am.EncryptedCodeExecutionResult, set()),
    (at.CodeExecutionOutputBlock, am.CodeExecutionOutput, set()),
    (at.CodeExecutionToolResultError, am.CodeExecutionToolResultError, set()),
    (at.BashCodeExecutionToolResultBlock, am.BashCodeExecutionToolResultBlock, {"cache_control"}),
    (at.BashCodeExecutionResultBlock, am.BashCodeExecutionResult, set()),
    (at.BashCodeExecutionOutputBlock, am.BashCodeExecutionOutput, set()),
    (at.BashCodeExecutionToolResultError, am.BashCodeExecutionToolResultError, set()),
    (at.TextEditorCodeExecutionToolResultBlock, am.TextEditorCodeExecutionToolResultBlock, {"cache_control"}),
    (at.TextEditorCodeExecutionViewResultBlock, am.TextEditorCodeExecutionViewResult, set()),
    (at.TextEditorCodeExecutionCreateResultBlock, am.TextEditorCodeExecutionCreateResult, set()),
    (at.TextEditorCodeExecutionStrReplaceResultBlock, am.TextEditorCodeExecutionStrReplaceResult, set()),
    (at.TextEditorCodeExecutionToolResultError, am.TextEditorCodeExecutionToolResultError, set()),
    (at.ToolSearchToolResultBlock, am.ToolSearchToolResultBlock, {"cache_control"}),
    (at.ToolSearchToolSearchResultBlock, am.ToolSearchToolSearchResult, set()),
    (at.ToolSearchToolResultError, am.ToolSearchToolResultError, set()),
    (at.Usage, am.Usage, set()),
    (at.CacheCreation, am.CacheCreation, set()),
    (at.OutputTokensDetails, am.OutputTokensDetails, set()),
    (at.ServerToolUsage, am.ServerToolUsage, set()),
    (at.RefusalStopDetails, am.StopDetails, set()),
    (at.Container, am.Container, set()),
    (at.ContainerSkill, am.ContainerSkill, set()),
    (at.Diagnostics, am.Diagnostics, set()),
    (at.CacheMissModelChanged, am.CacheMissChanged, set()),
    (at.CacheMissSystemChanged, am.CacheMissChanged, set()),
    (at.CacheMissToolsChanged, am.CacheMissChanged, set()),
    (at.CacheMissMessagesChanged, am.CacheMissChanged, set()),
    (at.CacheMissPreviousMessageNotFound, am.CacheMissUnexplained, set()),
    (at.CacheMissUnavailable, am.CacheMissUnexplained, set()),
    # stream
    (at.RawMessageStartEvent, am.MessageStartEvent, set()),
    (at.RawContentBlockStartEvent, am.ContentBlockStartEvent, set()),
    (at.RawContentBlockDeltaEvent, am.ContentBlockDeltaEvent, set()),
    (at.RawContentBlockStopEvent, am.ContentBlockStopEvent, set()),
    (at.RawMessageDeltaEvent, am.MessageDeltaEvent, set()),
    (at_delta.Delta, am.MessageDelta, set()),
    (at.MessageDeltaUsage, am.MessageDeltaUsage, set()),
    (at.RawMessageStopEvent, am.MessageStopEvent, set()),
    (at.TextDelta, am.TextDelta, set()),
    (at.InputJSONDelta, am.InputJSONDelta, set()),
    (at.ThinkingDelta, am.ThinkingDelta, set()),
    (at.SignatureDelta, am.SignatureDelta, set()),
    (at.CitationsDelta, am.CitationsDelta, set()),
    # errors and models
    (at_shared.ErrorResponse, am.ErrorResponse, set()),
    (at_shared.InvalidRequestErrorObject, am.ErrorObject, {"details"}),
    (at.ModelInfo, am.ModelInfo, set()),
    (at.ModelCapabilities, am.ModelCapabilities, set()),
    (at.CapabilitySupport, am.CapabilitySupport, set()),
    (at.ThinkingCapability, am.ThinkingCapability, set()),
    (at.ThinkingTypes, am.ThinkingTypes, set()),
    (at.EffortCapability, am.EffortCapability, set()),
    (at.ContextManagementCapability, am.ContextManagementCapability, set()),
    (at.ServerToolsCapability, am.ServerToolsCapability, set()),
]
# SDK request keys that are not body fields: the SDK turns them into headers ([AN:message_create_params.py])
SDK_HEADER_KEYS = {"user_profile_id", "workspace_id"}

# Fields the SDK types as a Literal that we keep an open string: values that grow (tiers, efforts,
# error codes, server tool names) or that are response-side, where a gateway must not reject what the
# API sends.
OPEN_STRINGS = {
    ("MessageCreateRequest", "service_tier"),
    ("MessageCreateRequest", "speed"),
    ("ThinkingConfigEnabled", "display"),
    ("ThinkingConfigAdaptive", "display"),
    ("OutputConfig", "effort"),
    ("SkillParams", "type"),
    ("ImageTransformations", "oversized_image"),
    ("WebSearchTool", "response_inclusion"),
    ("WebFetchTool", "response_inclusion"),
    ("ServerToolUseBlock", "name"),
    ("WebSearchToolResultError", "error_code"),
    ("WebFetchToolResultError", "error_code"),
    ("CodeExecutionToolResultError", "error_code"),
    ("BashCodeExecutionToolResultError", "error_code"),
    ("TextEditorCodeExecutionToolResultError", "error_code"),
    ("ToolSearchToolResultError", "error_code"),
    ("TextEditorCodeExecutionViewResult", "file_type"),
    ("Message", "type"),
    ("Message", "role"),
    ("Message", "stop_reason"),
    ("MessageDelta", "stop_reason"),
    ("Usage", "service_tier"),
    ("Usage", "speed"),
    ("StopDetails", "type"),
    ("StopDetails", "category"),
    ("ContainerSkill", "type"),
    ("ErrorObject", "type"),
    ("ModelInfo", "type"),
    ("ModelInfo", "lifecycle"),
    ("ModelInfo", "line"),
}


@pytest.mark.parametrize(
    ("sdk_type", "model", "extra"),
    FIELD_PAIRS,
    ids=[f"{s.__module__.rsplit('.', 1)[-1]}.{s.__name__}" for s, _, _ in FIELD_PAIRS],
)
def test_fields_match_sdk(sdk_type: Any, model: type[BaseModel], extra: set[str]) -> None:
    theirs, ours = sdk_fields(sdk_type), our_fields(model)
    assert set(theirs) - SDK_HEADER_KEYS == set(ours) - extra
    for name, annotation in theirs.items():
        their_values = literal_values(annotation)
        if their_values is None or name in SDK_HEADER_KEYS:
            continue
        our_values = literal_values(ours[name])
        if our_values is not None:
            # ours may list more versions of a family (e.g. every web_search_* type), never fewer
            assert their_values <= our_values, name
        elif name != "stream":  # the SDK splits the request type on stream: Literal[True] / Literal[False]
            assert (model.__name__, name) in OPEN_STRINGS, name
        accepts = TypeAdapter(ours[name])
        for value in their_values:
            accepts.validate_python(value, strict=True)


def test_open_strings_are_really_open() -> None:
    for model_name, field in OPEN_STRINGS:
        annotation = getattr(am, model_name).model_fields[field].annotation
        assert literal_values(annotation) is None, (model_name, field)
        TypeAdapter(annotation).validate_python("some_future_value", strict=True)
