"""The documented limits a gateway enforces before forwarding, one table per API.

Each row: (field, minimum, maximum, integer?). ``None`` is an open end. Sources are the SDK field
descriptions generated from each API's OpenAPI spec (WIRE.md §1.1, §2.2, §3.1) and the API's own
400 messages where the SDK is silent (noted on the row).
"""

from __future__ import annotations

import re

from ..api import Api

Range = tuple[str, "float | None", "float | None", bool]

# https://platform.openai.com/docs/api-reference/chat/create  [OA:chat/completion_create_params.py]
CHAT_RANGES: tuple[Range, ...] = (
    ("temperature", 0, 2, False),
    ("top_p", 0, 1, False),
    ("n", 1, 128, True),
    ("presence_penalty", -2, 2, False),
    ("frequency_penalty", -2, 2, False),
    ("top_logprobs", 0, 20, True),
    ("max_tokens", 1, None, True),
    ("max_completion_tokens", 1, None, True),
)

# https://docs.anthropic.com/en/api/messages  [AN:message_create_params.py], [AN-old] for sampling
MESSAGES_RANGES: tuple[Range, ...] = (
    ("max_tokens", 1, None, True),
    ("temperature", 0, 1, False),
    ("top_p", 0, 1, False),
    ("top_k", 0, None, True),
)

# https://platform.openai.com/docs/api-reference/responses/create  [OA:responses/response_create_params.py]
RESPONSES_RANGES: tuple[Range, ...] = (
    ("temperature", 0, 2, False),
    ("top_p", 0, 1, False),
    ("top_logprobs", 0, 20, True),
    # "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16" [DF:issues]
    ("max_output_tokens", 16, None, True),
    ("max_tool_calls", 1, None, True),
)

RANGES: dict[Api, tuple[Range, ...]] = {
    Api.CHAT: CHAT_RANGES,
    Api.MESSAGES: MESSAGES_RANGES,
    Api.RESPONSES: RESPONSES_RANGES,
}

# Roles each API accepts in its message list.
# Chat [OA:chat/chat_completion_message_param.py]; Messages [AN:message_param.py] plus the in-array
# system message of [AN:system_message_param.py]; Responses [OA:responses/easy_input_message_param.py].
ROLES: dict[Api, frozenset[str]] = {
    Api.CHAT: frozenset({"system", "developer", "user", "assistant", "tool", "function"}),
    Api.MESSAGES: frozenset({"user", "assistant", "system"}),
    Api.RESPONSES: frozenset({"user", "assistant", "system", "developer"}),
}

# Function names: OpenAI "must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum
# length of 64" [OA:shared_params/function_definition.py]; Anthropic rejects other custom tool names
# with "tools.N.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'" [DF:issues].
TOOL_NAME: dict[Api, re.Pattern[str]] = {
    Api.CHAT: re.compile(r"[a-zA-Z0-9_-]{1,64}"),
    Api.MESSAGES: re.compile(r"[a-zA-Z0-9_-]{1,128}"),
    Api.RESPONSES: re.compile(r"[a-zA-Z0-9_-]{1,64}"),
}

# OpenAI metadata: at most 16 pairs, keys up to 64 characters, values up to 512 [OA:shared_params/metadata.py]
METADATA_MAX_PAIRS = 16
METADATA_MAX_KEY = 64
METADATA_MAX_VALUE = 512
# Chat `stop`: "Up to 4 sequences" [OA:chat/completion_create_params.py]
CHAT_MAX_STOP = 4
# `safety_identifier`: at most 64 characters [OA:chat/completion_create_params.py]
SAFETY_IDENTIFIER_MAX = 64
# Chat `logit_bias` values: -100 to 100 [OA:chat/completion_create_params.py]
LOGIT_BIAS_RANGE = (-100, 100)
# Anthropic extended thinking: budget_tokens >= 1024 and < max_tokens [AN:thinking_config_enabled_param.py]
THINKING_MIN_BUDGET = 1024
