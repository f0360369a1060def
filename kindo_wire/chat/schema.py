"""OpenAI Chat Completions wire schema: request, response, stream payloads, errors, models list.

The models live in ``content``, ``tools``, ``message`` and ``completion`` beside this module;
this module defines the request and the envelopes and re-exports everything.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, TypeAdapter

from kindo_wire._wire import JSONObject, Number, OpenUnion, UnknownTyped, WireModel
from kindo_wire.chat.completion import (
    Annotation,
    ChatCompletion,
    ChatCompletionChunk,
    Choice,
    ChoiceLogprobs,
    ChunkChoice,
    CompletionTokensDetails,
    Delta,
    FunctionCallDelta,
    MessageAudio,
    Moderation,
    ModerationError,
    ModerationOutcome,
    ModerationResult,
    ModerationResults,
    PromptTokensDetails,
    ResponseMessage,
    TokenLogprob,
    ToolCallDelta,
    TopLogprob,
    URLCitation,
    URLCitationAnnotation,
    Usage,
)
from kindo_wire.chat.content import (
    ContentPart,
    File,
    FilePart,
    ImagePart,
    ImageURL,
    InputAudio,
    InputAudioPart,
    PromptCacheBreakpoint,
    RefusalPart,
    TextPart,
)
from kindo_wire.chat.message import (
    AssistantAudio,
    AssistantMessage,
    DeveloperMessage,
    FunctionMessage,
    Message,
    SystemMessage,
    ToolMessage,
    UnknownMessage,
    UserMessage,
)
from kindo_wire.chat.tools import (
    AllowedTools,
    AllowedToolsChoice,
    CustomCall,
    CustomTool,
    CustomToolCall,
    CustomToolDefinition,
    CustomToolFormat,
    CustomToolGrammar,
    CustomToolGrammarFormat,
    CustomToolTextFormat,
    FunctionCall,
    FunctionCallChoice,
    FunctionDefinition,
    FunctionTool,
    FunctionToolCall,
    NamedCustomToolChoice,
    NamedFunctionToolChoice,
    Tool,
    ToolCall,
    ToolChoice,
    ToolChoiceObject,
    ToolName,
)

# ---------------------------------------------------------------------------------------------
# Request options


# [OA:chat/chat_completion_stream_options_param.py]
class StreamOptions(WireModel):
    """Stream options (only with ``stream: true``)."""

    include_usage: bool | None = None
    include_obfuscation: bool | None = None


# [OA:shared_params/response_format_text.py]
class ResponseFormatText(WireModel):
    """Plain text output (the default)."""

    type: Literal["text"]


# [OA:shared_params/response_format_json_object.py]
class ResponseFormatJSONObject(WireModel):
    """JSON mode: any valid JSON object."""

    type: Literal["json_object"]


# [OA:shared_params/response_format_json_schema.py] JSONSchema
class JSONSchemaFormat(WireModel):
    """A named JSON Schema the output must follow (``schema`` is ``schema_`` in Python)."""

    name: str
    description: str | None = None
    schema_: JSONObject | None = Field(default=None, alias="schema")
    strict: bool | None = None


# [OA:shared_params/response_format_json_schema.py]
class ResponseFormatJSONSchema(WireModel):
    """Structured Outputs."""

    type: Literal["json_schema"]
    json_schema: JSONSchemaFormat


ResponseFormat = Annotated[
    ResponseFormatText | ResponseFormatJSONObject | ResponseFormatJSONSchema | UnknownTyped,
    OpenUnion("type"),
]


# [OA:chat/chat_completion_audio_param.py] VoiceID
class VoiceId(WireModel):
    """A custom voice."""

    id: str


# [OA:chat/chat_completion_audio_param.py]
class AudioParams(WireModel):
    """Audio output parameters (required with ``modalities: ["audio"]``)."""

    format: Literal["wav", "aac", "mp3", "flac", "opus", "pcm16"]
    voice: str | VoiceId


# [OA:chat/chat_completion_prediction_content_param.py]
class Prediction(WireModel):
    """Predicted output, to speed up regeneration of mostly known content."""

    type: Literal["content"]
    content: str | list[ContentPart]


# [OA:chat/completion_create_params.py] WebSearchOptionsUserLocationApproximate
class ApproximateLocation(WireModel):
    """A coarse user location."""

    city: str | None = None
    country: str | None = None
    region: str | None = None
    timezone: str | None = None


# [OA:chat/completion_create_params.py] WebSearchOptionsUserLocation
class UserLocation(WireModel):
    """The user's approximate location for web search."""

    type: Literal["approximate"]
    approximate: ApproximateLocation


# [OA:chat/completion_create_params.py] WebSearchOptions
class WebSearchOptions(WireModel):
    """Web search options (search-capable models)."""

    search_context_size: Literal["low", "medium", "high"] | None = None
    user_location: UserLocation | None = None


# [OA:chat/completion_create_params.py] PromptCacheOptions
class PromptCacheOptions(WireModel):
    """Prompt caching mode and TTL (``ttl`` is ``"30m"`` today; kept open as it will grow)."""

    mode: Literal["implicit", "explicit"] | None = None
    ttl: str | None = None


# [OA:chat/completion_create_params.py] ModerationPolicyInput / ModerationPolicyOutput
class ModerationMode(WireModel):
    """Whether flagged content is only scored or blocked."""

    mode: Literal["score", "block"]


# [OA:chat/completion_create_params.py] ModerationPolicy
class ModerationPolicy(WireModel):
    """Moderation policy for the input and the output."""

    input: ModerationMode | None = None
    output: ModerationMode | None = None


# [OA:chat/completion_create_params.py] Moderation
class ModerationOptions(WireModel):
    """Run moderation with ``model`` alongside the completion."""

    model: str
    policy: ModerationPolicy | None = None


# ---------------------------------------------------------------------------------------------
# Request


# [OA:chat/completion_create_params.py] CompletionCreateParamsBase (+ stream)
class ChatCompletionRequest(WireModel):
    """The body of ``POST /v1/chat/completions``."""

    model: str
    messages: list[Message]
    stream: bool | None = None
    stream_options: StreamOptions | None = None
    max_completion_tokens: int | None = None
    max_tokens: int | None = None
    temperature: Number | None = None
    top_p: Number | None = None
    n: int | None = None
    stop: str | list[str] | None = None
    presence_penalty: Number | None = None
    frequency_penalty: Number | None = None
    logit_bias: JSONObject | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    seed: int | None = None
    response_format: ResponseFormat | None = None
    tools: list[Tool] | None = None
    tool_choice: ToolChoice | None = None
    parallel_tool_calls: bool | None = None
    functions: list[FunctionDefinition] | None = None
    function_call: FunctionCallChoice | None = None
    reasoning_effort: str | None = None
    verbosity: Literal["low", "medium", "high"] | None = None
    modalities: list[Literal["text", "audio"]] | None = None
    audio: AudioParams | None = None
    prediction: Prediction | None = None
    web_search_options: WebSearchOptions | None = None
    metadata: JSONObject | None = None
    store: bool | None = None
    service_tier: str | None = None
    user: str | None = None
    safety_identifier: str | None = None
    prompt_cache_key: str | None = None
    prompt_cache_retention: Literal["in_memory", "24h"] | None = None
    prompt_cache_options: PromptCacheOptions | None = None
    moderation: ModerationOptions | None = None


# ---------------------------------------------------------------------------------------------
# Errors


# [OA:shared/error_object.py]
class ErrorObject(WireModel):
    """The ``error`` member of an error body."""

    message: str
    type: str
    param: str | None = None
    code: str | None = None


# [OA:shared/error_object.py] + [SDK-rt:openai/_exceptions.py] (body["error"])
class ErrorResponse(WireModel):
    """An HTTP error body: ``{"error": {message, type, param, code}}``."""

    error: ErrorObject


# [SDK-rt:openai/_streaming.py] a data payload with a top-level "error" key
class ChatStreamError(ErrorResponse):
    """A mid-stream error payload: ``data: {"error": {...}}``."""


# ---------------------------------------------------------------------------------------------
# Models list


# [OA:model.py]
class Model(WireModel):
    """One model of ``GET /v1/models`` (or ``GET /v1/models/{model}``)."""

    id: str
    object: str
    created: int
    owned_by: str


# [SDK-rt:openai/pagination.py] SyncPage
class ModelList(WireModel):
    """The body of ``GET /v1/models``."""

    object: str
    data: list[Model]


# ---------------------------------------------------------------------------------------------
# One SSE data payload of a stream


def _stream_event_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "error" if "error" in value else "chunk"
    return "error" if isinstance(value, ChatStreamError) else "chunk"


StreamEvent = Annotated[
    Annotated[ChatCompletionChunk, Tag("chunk")] | Annotated[ChatStreamError, Tag("error")],
    Discriminator(_stream_event_tag),
]
"""One ``data:`` payload of a Chat stream (``[DONE]`` excluded): a chunk, or an error object."""

STREAM_EVENT_ADAPTER: TypeAdapter[ChatCompletionChunk | ChatStreamError] = TypeAdapter(StreamEvent)

# Generic names shared by the three schema packages.
Request = ChatCompletionRequest
Response = ChatCompletion
ErrorBody = ErrorResponse

__all__ = [
    "STREAM_EVENT_ADAPTER",
    "AllowedTools",
    "AllowedToolsChoice",
    "Annotation",
    "ApproximateLocation",
    "AssistantAudio",
    "AssistantMessage",
    "AudioParams",
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChatCompletionRequest",
    "ChatStreamError",
    "Choice",
    "ChoiceLogprobs",
    "ChunkChoice",
    "CompletionTokensDetails",
    "ContentPart",
    "CustomCall",
    "CustomTool",
    "CustomToolCall",
    "CustomToolDefinition",
    "CustomToolFormat",
    "CustomToolGrammar",
    "CustomToolGrammarFormat",
    "CustomToolTextFormat",
    "Delta",
    "DeveloperMessage",
    "ErrorBody",
    "ErrorObject",
    "ErrorResponse",
    "File",
    "FilePart",
    "FunctionCall",
    "FunctionCallChoice",
    "FunctionCallDelta",
    "FunctionDefinition",
    "FunctionMessage",
    "FunctionTool",
    "FunctionToolCall",
    "ImagePart",
    "ImageURL",
    "InputAudio",
    "InputAudioPart",
    "JSONSchemaFormat",
    "Message",
    "MessageAudio",
    "Model",
    "ModelList",
    "Moderation",
    "ModerationError",
    "ModerationMode",
    "ModerationOptions",
    "ModerationOutcome",
    "ModerationPolicy",
    "ModerationResult",
    "ModerationResults",
    "NamedCustomToolChoice",
    "NamedFunctionToolChoice",
    "Prediction",
    "PromptCacheBreakpoint",
    "PromptCacheOptions",
    "PromptTokensDetails",
    "RefusalPart",
    "Request",
    "Response",
    "ResponseFormat",
    "ResponseFormatJSONObject",
    "ResponseFormatJSONSchema",
    "ResponseFormatText",
    "ResponseMessage",
    "StreamEvent",
    "StreamOptions",
    "SystemMessage",
    "TextPart",
    "TokenLogprob",
    "Tool",
    "ToolCall",
    "ToolCallDelta",
    "ToolChoice",
    "ToolChoiceObject",
    "ToolMessage",
    "ToolName",
    "TopLogprob",
    "URLCitation",
    "URLCitationAnnotation",
    "UnknownMessage",
    "UnknownTyped",
    "Usage",
    "UserLocation",
    "UserMessage",
    "VoiceId",
    "WebSearchOptions",
]
