"""Chat Completions response side: ``ChatCompletion``, stream chunks, usage, logprobs, moderation."""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import Number, OpenUnion, UnknownTyped, WireModel
from kindo_wire.chat.tools import FunctionCall, ToolCall

# ---------------------------------------------------------------------------------------------
# Usage


# [OA:completion_usage.py] PromptTokensDetails
class PromptTokensDetails(WireModel):
    """Breakdown of ``prompt_tokens``."""

    cached_tokens: int | None = None
    cache_write_tokens: int | None = None
    audio_tokens: int | None = None


# [OA:completion_usage.py] CompletionTokensDetails
class CompletionTokensDetails(WireModel):
    """Breakdown of ``completion_tokens``."""

    reasoning_tokens: int | None = None
    audio_tokens: int | None = None
    accepted_prediction_tokens: int | None = None
    rejected_prediction_tokens: int | None = None


# [OA:completion_usage.py] CompletionUsage
class Usage(WireModel):
    """Token usage; prompt includes cached tokens, completion includes reasoning tokens."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: PromptTokensDetails | None = None
    completion_tokens_details: CompletionTokensDetails | None = None


# ---------------------------------------------------------------------------------------------
# Logprobs


# [OA:chat/chat_completion_token_logprob.py] TopLogprob
class TopLogprob(WireModel):
    """One of the most likely tokens at a position."""

    token: str
    logprob: Number
    bytes: list[int] | None = None


# [OA:chat/chat_completion_token_logprob.py]
class TokenLogprob(WireModel):
    """The log probability of one output token (``-9999.0``: outside the top 20)."""

    token: str
    logprob: Number
    bytes: list[int] | None = None
    top_logprobs: list[TopLogprob]


# [OA:chat/chat_completion.py] ChoiceLogprobs
class ChoiceLogprobs(WireModel):
    """Per-token logprobs of the content and of the refusal."""

    content: list[TokenLogprob] | None = None
    refusal: list[TokenLogprob] | None = None


# ---------------------------------------------------------------------------------------------
# Moderation (response and chunk)


# [OA:chat/chat_completion.py] ModerationInputModerationResultsResult
class ModerationResult(WireModel):
    """One moderation verdict."""

    type: str
    flagged: bool
    categories: dict[str, bool]
    category_scores: dict[str, Number]
    category_applied_input_types: dict[str, list[str]]
    model: str


# [OA:chat/chat_completion.py] ModerationInputModerationResults
class ModerationResults(WireModel):
    """Moderation results of the input or of the output."""

    type: Literal["moderation_results"]
    model: str
    results: list[ModerationResult]


# [OA:chat/chat_completion.py] ModerationInputError
class ModerationError(WireModel):
    """Moderation could not run."""

    type: Literal["error"]
    code: str
    message: str


ModerationOutcome = Annotated[
    ModerationResults | ModerationError | UnknownTyped,
    OpenUnion("type"),
]


# [OA:chat/chat_completion.py] Moderation
class Moderation(WireModel):
    """Moderation of the input and of the output (requested with ``moderation``)."""

    input: ModerationOutcome
    output: ModerationOutcome


# ---------------------------------------------------------------------------------------------
# Non-streaming response


# [OA:chat/chat_completion_message.py] AnnotationURLCitation
class URLCitation(WireModel):
    """A web source cited by the text between ``start_index`` and ``end_index``."""

    start_index: int
    end_index: int
    url: str
    title: str


# [OA:chat/chat_completion_message.py] Annotation
class URLCitationAnnotation(WireModel):
    """A ``url_citation`` annotation (web search)."""

    type: Literal["url_citation"]
    url_citation: URLCitation


Annotation = Annotated[URLCitationAnnotation | UnknownTyped, OpenUnion("type")]


# [OA:chat/chat_completion_audio.py]
class MessageAudio(WireModel):
    """Audio output of the model; ``id`` is replayed as ``audio.id`` in the next request."""

    id: str
    data: str
    expires_at: int
    transcript: str


# [OA:chat/chat_completion_message.py]
class ResponseMessage(WireModel):
    """The assistant message of a choice; ``content`` is always a string or null."""

    role: str
    content: str | None = None
    refusal: str | None = None
    tool_calls: list[ToolCall] | None = None
    annotations: list[Annotation] | None = None
    audio: MessageAudio | None = None
    function_call: FunctionCall | None = None


# [OA:chat/chat_completion.py] Choice
class Choice(WireModel):
    """One generated choice."""

    index: int
    message: ResponseMessage
    finish_reason: str
    logprobs: ChoiceLogprobs | None = None


# [OA:chat/chat_completion.py]
class ChatCompletion(WireModel):
    """The non-streaming response of ``POST /v1/chat/completions``."""

    id: str
    object: str
    created: int
    model: str
    choices: list[Choice]
    usage: Usage | None = None
    system_fingerprint: str | None = None
    service_tier: str | None = None
    moderation: Moderation | None = None


# ---------------------------------------------------------------------------------------------
# Streaming


# [OA:chat/chat_completion_chunk.py] ChoiceDeltaFunctionCall / ChoiceDeltaToolCallFunction
class FunctionCallDelta(WireModel):
    """A fragment of a function call: the name on the first fragment, then argument text."""

    name: str | None = None
    arguments: str | None = None


# [OA:chat/chat_completion_chunk.py] ChoiceDeltaToolCall
class ToolCallDelta(WireModel):
    """A fragment of a tool call; ``index`` is the only key on continuation fragments."""

    index: int
    id: str | None = None
    type: str | None = None
    function: FunctionCallDelta | None = None


# [OA:chat/chat_completion_chunk.py] ChoiceDelta
class Delta(WireModel):
    """What one chunk adds to a choice."""

    role: str | None = None
    content: str | None = None
    refusal: str | None = None
    tool_calls: list[ToolCallDelta] | None = None
    function_call: FunctionCallDelta | None = None


# [OA:chat/chat_completion_chunk.py] Choice
class ChunkChoice(WireModel):
    """One choice's share of a chunk; ``finish_reason`` is set on its last chunk."""

    index: int
    delta: Delta
    finish_reason: str | None = None
    logprobs: ChoiceLogprobs | None = None


# [OA:chat/chat_completion_chunk.py]
class ChatCompletionChunk(WireModel):
    """One SSE data payload of a stream (``choices`` is empty on the final usage chunk)."""

    id: str
    object: str
    created: int
    model: str
    choices: list[ChunkChoice]
    usage: Usage | None = None
    system_fingerprint: str | None = None
    service_tier: str | None = None
    moderation: Moderation | None = None
    obfuscation: str | None = None  # [DF:wire] random padding, not in the SDK type
