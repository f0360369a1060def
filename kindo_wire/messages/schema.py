"""Anthropic Messages ``POST /v1/messages``: the request body and the ``Message`` response.

Messages are one model, :class:`MessageParam`, rather than a union discriminated on ``role``: the three
roles share the shape ``{role, content}``, converters read ``msg.role`` / ``msg.content`` uniformly,
and ``role`` is a closed ``Literal`` (the API rejects any other role, so no catch-all is wanted). The
only per-role rule (a ``system`` message holds text blocks only) is the API's to enforce.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from kindo_wire._wire import JSONObject, Number, OpenUnion, UnknownTyped, WireModel

from .blocks import (
    CacheControlEphemeral,
    ContainerUploadBlock,
    DocumentBlock,
    ImageBlock,
    RedactedThinkingBlock,
    SearchResultBlock,
    ServerToolUseBlock,
    TextBlock,
    ThinkingBlock,
    ToolResultBlock,
    ToolUseBlock,
)
from .server_results import (
    BashCodeExecutionToolResultBlock,
    CodeExecutionToolResultBlock,
    TextEditorCodeExecutionToolResultBlock,
    ToolSearchToolResultBlock,
    WebFetchToolResultBlock,
    WebSearchToolResultBlock,
)
from .tools import Tool, ToolChoice

# [AN:content_block_param.py] [AN:message_content_param.py] the blocks of a request message
ContentBlockParam = Annotated[
    TextBlock
    | ImageBlock
    | DocumentBlock
    | SearchResultBlock
    | ThinkingBlock
    | RedactedThinkingBlock
    | ToolUseBlock
    | ToolResultBlock
    | ServerToolUseBlock
    | WebSearchToolResultBlock
    | WebFetchToolResultBlock
    | CodeExecutionToolResultBlock
    | BashCodeExecutionToolResultBlock
    | TextEditorCodeExecutionToolResultBlock
    | ToolSearchToolResultBlock
    | ContainerUploadBlock
    | UnknownTyped,
    OpenUnion("type"),
]

# [AN:content_block.py] the blocks of a response ``Message`` (and of ``content_block_start``)
ContentBlock = Annotated[
    TextBlock
    | ThinkingBlock
    | RedactedThinkingBlock
    | ToolUseBlock
    | ServerToolUseBlock
    | WebSearchToolResultBlock
    | WebFetchToolResultBlock
    | CodeExecutionToolResultBlock
    | BashCodeExecutionToolResultBlock
    | TextEditorCodeExecutionToolResultBlock
    | ToolSearchToolResultBlock
    | ContainerUploadBlock
    | UnknownTyped,
    OpenUnion("type"),
]


# [AN:message_param.py] [AN:user_message_param.py]
# [AN:assistant_message_param.py] [AN:system_message_param.py]
class MessageParam(WireModel):
    """A conversation turn; a string ``content`` is shorthand for one text block."""

    role: Literal["user", "assistant", "system"]
    content: str | list[ContentBlockParam]


# [AN:thinking_config_enabled_param.py]
class ThinkingConfigEnabled(WireModel):
    """Manual extended thinking with a token budget (>= 1024, < ``max_tokens``)."""

    type: Literal["enabled"]
    budget_tokens: int
    display: str | None = None


# [AN:thinking_config_adaptive_param.py]
class ThinkingConfigAdaptive(WireModel):
    """The model decides whether and how much to think (``display``: summarized | omitted)."""

    type: Literal["adaptive"]
    display: str | None = None


# [AN:thinking_config_disabled_param.py]
class ThinkingConfigDisabled(WireModel):
    """No thinking."""

    type: Literal["disabled"]


# [AN:thinking_config_between_tools_param.py]
class ThinkingConfigBetweenTools(WireModel):
    """No thinking; short progress notes between tool calls."""

    type: Literal["between_tools"]


# [AN:thinking_config_param.py]
ThinkingConfig = Annotated[
    ThinkingConfigEnabled
    | ThinkingConfigAdaptive
    | ThinkingConfigDisabled
    | ThinkingConfigBetweenTools
    | UnknownTyped,
    OpenUnion("type"),
]


# [AN:json_output_format_param.py]
class JSONOutputFormat(WireModel):
    """Structured output: the response text is JSON following ``schema``."""

    type: Literal["json_schema"]
    schema_: JSONObject = Field(alias="schema")


# [AN:output_config_param.py] Format (a single type today; kept open for new formats)
OutputFormat = Annotated[JSONOutputFormat | UnknownTyped, OpenUnion("type")]


# [AN:output_config_param.py]
class OutputConfig(WireModel):
    """Output controls: ``effort`` (low | medium | high | xhigh | max) and a structured ``format``."""

    effort: str | None = None
    format: OutputFormat | None = None


# [AN:metadata_param.py]
class Metadata(WireModel):
    """Request metadata: an opaque end-user id."""

    user_id: str | None = None


# [AN:skill_params.py]
class SkillParams(WireModel):
    """A skill to load into the container (``type``: anthropic | custom)."""

    type: str
    skill_id: str
    version: str | None = None


# [AN:container_params.py]
class ContainerParams(WireModel):
    """A container to reuse (``id``) and the skills to load into it."""

    id: str | None = None
    skills: list[SkillParams] | None = None


# [AN:diagnostics_param.py]
class DiagnosticsParam(WireModel):
    """Ask for a cache-miss diagnosis against an earlier response."""

    previous_message_id: str | None = None


# [AN:message_create_params.py]
class MessageCreateRequest(WireModel):
    """The body of ``POST /v1/messages``."""

    model: str
    max_tokens: int
    messages: list[MessageParam]
    system: str | list[TextBlock] | None = None
    stop_sequences: list[str] | None = None
    stream: bool | None = None
    # [AN-old] legacy sampling knobs, absent from SDK 2.12.0 types but still sent by most clients
    temperature: Number | None = None
    top_p: Number | None = None
    top_k: int | None = None
    metadata: Metadata | None = None
    tools: list[Tool] | None = None
    tool_choice: ToolChoice | None = None
    thinking: ThinkingConfig | None = None
    output_config: OutputConfig | None = None
    service_tier: str | None = None
    cache_control: CacheControlEphemeral | None = None
    container: str | ContainerParams | None = None
    inference_geo: str | None = None
    speed: str | None = None
    diagnostics: DiagnosticsParam | None = None
    # [AN:beta/message_create_params.py] beta-only fields, carried verbatim
    context_management: JSONObject | None = None
    mcp_servers: list[JSONObject] | None = None
    compaction: JSONObject | None = None
    fallbacks: str | list[JSONObject] | None = None
    thread: JSONObject | None = None
    billing_policy: JSONObject | None = None
    fallback_credit_token: str | JSONObject | None = None
    betas: list[str] | None = None


# --- response --------------------------------------------------------------------------------


# [AN:refusal_stop_details.py]
class StopDetails(WireModel):
    """Why the model stopped, beyond ``stop_reason`` (today: ``type: "refusal"`` with a category)."""

    type: str
    category: str | None = None
    explanation: str | None = None


# [AN:container_skill.py]
class ContainerSkill(WireModel):
    """A skill loaded in the container."""

    type: str
    skill_id: str
    version: str


# [AN:container.py]
class Container(WireModel):
    """The code-execution container used by the request (``expires_at`` is RFC 3339)."""

    id: str
    expires_at: str
    skills: list[ContainerSkill] | None = None


# [AN:cache_miss_model_changed.py] [AN:cache_miss_system_changed.py] [AN:cache_miss_tools_changed.py] ...
class CacheMissChanged(WireModel):
    """The cache missed because part of the prompt changed."""

    type: Literal["model_changed", "system_changed", "tools_changed", "messages_changed"]
    cache_missed_input_tokens: int


# [AN:cache_miss_previous_message_not_found.py] [AN:cache_miss_unavailable.py]
class CacheMissUnexplained(WireModel):
    """No diagnosis: the previous message was not found, or diagnosis is unavailable."""

    type: Literal["previous_message_not_found", "unavailable"]


# [AN:cache_miss_reason.py]
CacheMissReason = Annotated[CacheMissChanged | CacheMissUnexplained | UnknownTyped, OpenUnion("type")]


# [AN:diagnostics.py]
class Diagnostics(WireModel):
    """The cache-miss diagnosis asked for with ``diagnostics``."""

    cache_miss_reason: CacheMissReason | None = None


# [AN:cache_creation.py]
class CacheCreation(WireModel):
    """Cache-write tokens by TTL."""

    ephemeral_5m_input_tokens: int | None = None
    ephemeral_1h_input_tokens: int | None = None


# [AN:output_tokens_details.py]
class OutputTokensDetails(WireModel):
    """Breakdown of ``output_tokens``."""

    thinking_tokens: int | None = None


# [AN:server_tool_usage.py] (older responses send only ``web_search_requests``)
class ServerToolUsage(WireModel):
    """Server tool requests billed."""

    web_search_requests: int | None = None
    web_fetch_requests: int | None = None


# [AN:usage.py]
class Usage(WireModel):
    """Token usage; total input = input + cache_creation_input + cache_read_input tokens."""

    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: int | None = None
    cache_read_input_tokens: int | None = None
    cache_creation: CacheCreation | None = None
    output_tokens_details: OutputTokensDetails | None = None
    server_tool_use: ServerToolUsage | None = None
    service_tier: str | None = None
    inference_geo: str | None = None
    speed: str | None = None


# [AN:message.py]
class Message(WireModel):
    """The response of ``POST /v1/messages`` (also the ``message`` of ``message_start``)."""

    id: str
    type: str
    role: str
    model: str
    content: list[ContentBlock]
    stop_reason: str | None = None
    stop_sequence: str | None = None
    stop_details: StopDetails | None = None
    usage: Usage
    container: Container | None = None
    diagnostics: Diagnostics | None = None
    # [AN:beta/beta_message.py] beta-only, carried verbatim
    context_management: JSONObject | None = None
