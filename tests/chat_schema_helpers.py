"""What the Chat Completions schema tests share: the recorded exchanges by kind, and hand-written
bodies that use every field and every union member of the schema (a request and its variants, a
response, stream chunks, a models list) (test_chat_schema.py, test_chat_sdk.py)."""

from __future__ import annotations

import copy
from typing import Any

from kindo_wire import chat
from tests.traffic import Exchange, of_api

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
