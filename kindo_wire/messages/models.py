"""Anthropic ``GET /v1/models``: ``ModelList`` of ``ModelInfo``."""

from __future__ import annotations

from kindo_wire._wire import WireModel


# [AN:capability_support.py]
class CapabilitySupport(WireModel):
    """Whether a capability is supported."""

    supported: bool


# [AN:thinking_types.py]
class ThinkingTypes(WireModel):
    """Support per thinking config type."""

    enabled: CapabilitySupport | None = None
    adaptive: CapabilitySupport | None = None
    disabled: CapabilitySupport | None = None
    between_tools: CapabilitySupport | None = None


# [AN:thinking_capability.py]
class ThinkingCapability(WireModel):
    """Thinking support."""

    supported: bool
    types: ThinkingTypes | None = None


# [AN:effort_capability.py]
class EffortCapability(WireModel):
    """Effort support, per level."""

    supported: bool
    low: CapabilitySupport | None = None
    medium: CapabilitySupport | None = None
    high: CapabilitySupport | None = None
    xhigh: CapabilitySupport | None = None
    max: CapabilitySupport | None = None


# [AN:context_management_capability.py] (the dated edit types are carried as extra fields too)
class ContextManagementCapability(WireModel):
    """Context management support, per edit type."""

    supported: bool
    clear_thinking_20251015: CapabilitySupport | None = None
    clear_tool_uses_20250919: CapabilitySupport | None = None
    compact_20260112: CapabilitySupport | None = None


# [AN:server_tools_capability.py]
class ServerToolsCapability(WireModel):
    """Server tool support."""

    supported: bool
    code_execution: CapabilitySupport | None = None
    web_search: CapabilitySupport | None = None


# [AN:model_capabilities.py] every key optional: the set grows and older answers omit it
class ModelCapabilities(WireModel):
    """What a model supports."""

    batch: CapabilitySupport | None = None
    citations: CapabilitySupport | None = None
    code_execution: CapabilitySupport | None = None
    context_management: ContextManagementCapability | None = None
    effort: EffortCapability | None = None
    image_input: CapabilitySupport | None = None
    pdf_input: CapabilitySupport | None = None
    server_tools: ServerToolsCapability | None = None
    structured_outputs: CapabilitySupport | None = None
    thinking: ThinkingCapability | None = None


# [AN:model_info.py] timestamps stay RFC 3339 strings
class ModelInfo(WireModel):
    """One model of ``GET /v1/models``."""

    type: str
    id: str
    display_name: str
    created_at: str
    lifecycle: str | None = None
    line: str | None = None
    max_input_tokens: int | None = None
    max_tokens: int | None = None
    deprecated_at: str | None = None
    retires_at: str | None = None
    capabilities: ModelCapabilities | None = None


# [SDK-rt:anthropic/pagination.py] SyncPage
class ModelList(WireModel):
    """The page returned by ``GET /v1/models``."""

    data: list[ModelInfo]
    has_more: bool | None = None
    first_id: str | None = None
    last_id: str | None = None
