"""Anthropic Messages bodies shared by the schema tests: the recorded exchanges by kind, and
hand-written bodies that use every field and union member of WIRE.md §2 (a request, a response,
stream events, a models list).
"""

from __future__ import annotations

from typing import Any

from kindo_wire import messages as am
from tests.traffic import Exchange, of_api

MESSAGES = of_api("messages")
STREAMS = [e for e in MESSAGES if e.stream is not None]
RESPONSES = [e for e in MESSAGES if e.stream is None and e.status == 200]
ERRORS = [e for e in MESSAGES if e.status != 200]


def ids(exchanges: list[Exchange]) -> list[str]:
    return [e.name for e in exchanges]


def event_dump(value: Any) -> Any:
    return am.STREAM_EVENT_ADAPTER.dump_python(value, mode="json", by_alias=True, exclude_unset=True)


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


def with_variant(field: str, value: Any) -> dict[str, Any]:
    return {**FULL_REQUEST, field: value}


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
