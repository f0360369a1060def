"""OpenAI Responses: the request, the ``Response`` object, the error envelope and the models list.

WIRE.md §3.1 (request), §3.5 (reasoning, text format), §3.6 (response), §4.1 (errors), §5.1 (models).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from kindo_wire._wire import JSONObject, Number, OpenUnion, UnknownTyped, WireModel

from .content import PromptVariable
from .items import InputItem, OutputItem
from .tool_choice import ToolChoice
from .tools import Tool

# --- request configuration objects (also echoed by the response) ---


# [OA:shared_params/reasoning.py]
class Reasoning(WireModel):
    """Reasoning controls: ``effort``, ``summary`` (``generate_summary`` is its deprecated alias),
    ``context`` and ``mode``."""

    effort: str | None = None
    summary: str | None = None
    generate_summary: str | None = None
    context: str | None = None
    mode: str | None = None


# [OA:shared_params/response_format_text.py]
class TextFormatText(WireModel):
    """Plain text output."""

    type: Literal["text"]


# [OA:shared_params/response_format_json_object.py]
class TextFormatJSONObject(WireModel):
    """Any JSON object (older JSON mode)."""

    type: Literal["json_object"]


# [OA:responses/response_format_text_json_schema_config_param.py]
class TextFormatJSONSchema(WireModel):
    """Structured output, flattened: ``name`` and ``schema`` sit beside ``type``."""

    type: Literal["json_schema"]
    name: str
    schema_: JSONObject = Field(alias="schema")
    description: str | None = None
    strict: bool | None = None


TextFormat = Annotated[
    Union[TextFormatText, TextFormatJSONObject, TextFormatJSONSchema, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response_text_config_param.py]
class TextConfig(WireModel):
    """Output text format and verbosity."""

    format: TextFormat | None = None
    verbosity: str | None = None


# [OA:responses/response_prompt_param.py]
class Prompt(WireModel):
    """A stored prompt template and its variables."""

    id: str
    version: str | None = None
    variables: dict[str, str | PromptVariable] | None = None


# [OA:responses/response_conversation_param_param.py]
class ConversationRef(WireModel):
    """A conversation by id."""

    id: str


# [OA:responses/response_create_params.py] StreamOptions
class StreamOptions(WireModel):
    """Streaming options (``include_obfuscation`` only)."""

    include_obfuscation: bool | None = None


# [OA:responses/response_create_params.py] ContextManagement
class ContextManagement(WireModel):
    """A server-side context management strategy (``compaction``)."""

    type: str
    compact_threshold: int | None = None


# [OA:responses/response_create_params.py] PromptCacheOptions
class PromptCacheOptions(WireModel):
    """Prompt caching mode and TTL."""

    mode: str | None = None
    ttl: str | None = None


# [OA:responses/response_create_params.py] ModerationPolicyInput / ModerationPolicyOutput
class ModerationMode(WireModel):
    """How moderation treats one direction (``score`` or ``block``)."""

    mode: str


# [OA:responses/response_create_params.py] ModerationPolicy
class ModerationPolicy(WireModel):
    """Moderation policy for input and output."""

    input: ModerationMode | None = None
    output: ModerationMode | None = None


# [OA:responses/response_create_params.py] Moderation
class ModerationConfig(WireModel):
    """Request-side moderation: the moderation model and policy."""

    model: str
    policy: ModerationPolicy | None = None


# --- the request ---


# [OA:responses/response_create_params.py]
class ResponseCreateRequest(WireModel):
    """The body of ``POST /v1/responses``. Every field is optional in the SDK type."""

    model: str | None = None
    input: str | list[InputItem] | None = None
    instructions: str | None = None
    stream: bool | None = None
    stream_options: StreamOptions | None = None
    max_output_tokens: int | None = None
    max_tool_calls: int | None = None
    temperature: Number | None = None
    top_p: Number | None = None
    top_logprobs: int | None = None
    tools: list[Tool] | None = None
    tool_choice: ToolChoice | None = None
    parallel_tool_calls: bool | None = None
    reasoning: Reasoning | None = None
    text: TextConfig | None = None
    include: list[str] | None = None
    previous_response_id: str | None = None
    conversation: str | ConversationRef | None = None
    store: bool | None = None
    background: bool | None = None
    truncation: Literal["auto", "disabled"] | None = None
    metadata: dict[str, str] | None = None
    prompt: Prompt | None = None
    prompt_cache_key: str | None = None
    prompt_cache_retention: str | None = None
    prompt_cache_options: PromptCacheOptions | None = None
    safety_identifier: str | None = None
    user: str | None = None
    service_tier: str | None = None
    context_management: list[ContextManagement] | None = None
    moderation: ModerationConfig | None = None


# --- the response ---


# [OA:responses/response_error.py]
class ResponseError(WireModel):
    """Why a response failed (``status: "failed"``); ``code`` is an open string."""

    code: str
    message: str


# [OA:responses/response.py] IncompleteDetails
class IncompleteDetails(WireModel):
    """Why a response is incomplete (``max_output_tokens``, ``content_filter``)."""

    reason: str | None = None


# [OA:responses/response_usage.py] InputTokensDetails
class InputTokensDetails(WireModel):
    """Breakdown of input tokens."""

    cached_tokens: int
    cache_write_tokens: int | None = None


# [OA:responses/response_usage.py] OutputTokensDetails
class OutputTokensDetails(WireModel):
    """Breakdown of output tokens."""

    reasoning_tokens: int


# [OA:responses/response_usage.py]
class ResponseUsage(WireModel):
    """Token usage; input includes cached tokens, output includes reasoning tokens."""

    input_tokens: int
    output_tokens: int
    total_tokens: int
    input_tokens_details: InputTokensDetails | None = None
    output_tokens_details: OutputTokensDetails | None = None


# [OA:responses/response.py] ModerationInputModerationResult
class ModerationResult(WireModel):
    """A moderation verdict."""

    type: Literal["moderation_result"]
    model: str
    flagged: bool
    categories: dict[str, bool]
    category_scores: dict[str, Number]
    category_applied_input_types: dict[str, list[str]]


# [OA:responses/response.py] ModerationInputError
class ModerationError(WireModel):
    """Moderation could not run."""

    type: Literal["error"]
    code: str
    message: str


ModerationOutcome = Annotated[
    Union[ModerationResult, ModerationError, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response.py] Moderation
class ResponseModeration(WireModel):
    """Moderation results of the input and of the output."""

    input: ModerationOutcome
    output: ModerationOutcome


# [OA:responses/response.py]
class Response(WireModel):
    """A response object: the non-streaming body, and the ``response`` of lifecycle events.

    The SDK also requires ``parallel_tool_calls``, ``tool_choice`` and ``tools``; they are optional
    here because OpenAI-compatible servers omit them. ``store``, ``frequency_penalty``,
    ``presence_penalty``, ``billing`` and ``tool_usage`` are sent by the API but not in the SDK type.
    """

    id: str
    object: str
    created_at: Number
    model: str
    output: list[OutputItem]
    status: str | None = None
    error: ResponseError | None = None
    incomplete_details: IncompleteDetails | None = None
    usage: ResponseUsage | None = None
    completed_at: Number | None = None
    instructions: str | list[InputItem] | None = None
    metadata: dict[str, str] | None = None
    temperature: Number | None = None
    top_p: Number | None = None
    top_logprobs: int | None = None
    max_output_tokens: int | None = None
    max_tool_calls: int | None = None
    parallel_tool_calls: bool | None = None
    tool_choice: ToolChoice | None = None
    tools: list[Tool] | None = None
    text: TextConfig | None = None
    reasoning: Reasoning | None = None
    truncation: str | None = None
    previous_response_id: str | None = None
    conversation: ConversationRef | None = None
    prompt: Prompt | None = None
    prompt_cache_key: str | None = None
    prompt_cache_retention: str | None = None
    prompt_cache_options: PromptCacheOptions | None = None
    safety_identifier: str | None = None
    service_tier: str | None = None
    background: bool | None = None
    user: str | None = None
    moderation: ResponseModeration | None = None
    store: bool | None = None
    frequency_penalty: Number | None = None
    presence_penalty: Number | None = None
    billing: JSONObject | None = None
    tool_usage: JSONObject | None = None
