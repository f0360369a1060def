"""Anthropic Messages tool definitions and ``tool_choice``.

Anthropic-defined tools carry a dated ``type`` (``web_search_20250305``) and a fixed ``name``. Each
known family has a model whose ``type`` lists the versions SDK 2.12.0 knows, with every field typed.
A version this module does not know yet (``web_search_20270101``), or a new tool family
(``advisor_20260301``), parses into the catch-all :class:`AnthropicDefinedTool`: its common fields are
typed and the rest is kept verbatim, so a gateway forwards it unchanged instead of rejecting it.
(Mapping a future version onto its family model would need prefix matching in ``OpenUnion``, and would
guess at fields the new version may have changed.) A definition without ``type`` is a custom tool.
"""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import JSONObject, OpenUnion, UnknownTyped, WireModel

from .blocks import CacheControlEphemeral, CitationsConfig


# [AN:tool_param.py]
class CustomTool(WireModel):
    """A client tool: the model emits ``tool_use`` blocks whose ``input`` follows ``input_schema``."""

    type: Literal["custom"] | None = None
    name: str
    description: str | None = None
    input_schema: JSONObject
    cache_control: CacheControlEphemeral | None = None
    strict: bool | None = None
    eager_input_streaming: bool | None = None
    defer_loading: bool | None = None
    allowed_callers: list[str] | None = None
    input_examples: list[JSONObject] | None = None


# [AN:tool_union_param.py] fields common to every Anthropic-defined tool
class _AnthropicToolFields(WireModel):
    cache_control: CacheControlEphemeral | None = None
    defer_loading: bool | None = None
    allowed_callers: list[str] | None = None
    strict: bool | None = None


# [AN:user_location_param.py]
class UserLocation(WireModel):
    """Approximate user location used to localise web search results."""

    type: Literal["approximate"]
    city: str | None = None
    region: str | None = None
    country: str | None = None
    timezone: str | None = None


# [AN:web_search_tool_20250305_param.py] [AN:web_search_tool_20260209_param.py] [AN:..._20260318_param.py]
class WebSearchTool(_AnthropicToolFields):
    """The server-side web search tool."""

    type: Literal["web_search_20250305", "web_search_20260209", "web_search_20260318"]
    name: Literal["web_search"]
    max_uses: int | None = None
    allowed_domains: list[str] | None = None
    blocked_domains: list[str] | None = None
    user_location: UserLocation | None = None
    response_inclusion: str | None = None


# [AN:web_fetch_url_source_tool_reference_param.py]
class WebFetchURLSourceToolReference(WireModel):
    """A tool whose results may supply URLs to fetch."""

    type: Literal["tool_reference"]
    name: str


# [AN:web_fetch_url_source_all_param.py]
# [AN:..._none_param.py] [AN:..._only_param.py] [AN:..._except_param.py]
class WebFetchURLSource(WireModel):
    """Which sources of a kind may supply URLs: ``all`` | ``none`` | ``only`` / ``except`` these tools."""

    type: Literal["all", "none", "only", "except"]
    tools: list[WebFetchURLSourceToolReference] | None = None


# [AN:web_fetch_url_sources_param.py]
WebFetchURLSourceChoice = Annotated[WebFetchURLSource | UnknownTyped, OpenUnion("type")]


# [AN:web_fetch_url_sources_param.py]
class WebFetchURLSources(WireModel):
    """Where the URLs that ``web_fetch`` may fetch can come from."""

    client_tool_results: WebFetchURLSourceChoice | None = None
    server_tool_results: WebFetchURLSourceChoice | None = None
    user_input: WebFetchURLSourceChoice | None = None


# [AN:web_fetch_tool_20250910_param.py] [AN:web_fetch_tool_20260209_param.py] ... [AN:..._20260318_param.py]
class WebFetchTool(_AnthropicToolFields):
    """The server-side web fetch tool."""

    type: Literal["web_fetch_20250910", "web_fetch_20260209", "web_fetch_20260309", "web_fetch_20260318"]
    name: Literal["web_fetch"]
    max_uses: int | None = None
    allowed_domains: list[str] | None = None
    blocked_domains: list[str] | None = None
    citations: CitationsConfig | None = None
    max_content_tokens: int | None = None
    url_sources: WebFetchURLSources | None = None
    use_cache: bool | None = None
    response_inclusion: str | None = None


# [AN:code_execution_tool_20250522_param.py] ... [AN:code_execution_tool_20260521_param.py]
class CodeExecutionTool(_AnthropicToolFields):
    """The server-side code execution sandbox."""

    type: Literal[
        "code_execution_20250522",
        "code_execution_20250825",
        "code_execution_20260120",
        "code_execution_20260521",
    ]
    name: Literal["code_execution"]


# [AN:tool_search_tool_bm25_20251119_param.py] [AN:tool_search_tool_regex_20251119_param.py]
class ToolSearchTool(_AnthropicToolFields):
    """The server-side search over deferred (``defer_loading``) tools."""

    type: Literal[
        "tool_search_tool_bm25_20251119",
        "tool_search_tool_bm25",
        "tool_search_tool_regex_20251119",
        "tool_search_tool_regex",
    ]
    name: Literal["tool_search_tool_bm25", "tool_search_tool_regex"]


# [AN:tool_bash_20250124_param.py]
class BashTool(_AnthropicToolFields):
    """The client-executed bash tool (schema built into the model)."""

    type: Literal["bash_20250124"]
    name: Literal["bash"]
    input_examples: list[JSONObject] | None = None


# [AN:tool_text_editor_20250124_param.py] [AN:tool_text_editor_20250429_param.py] [AN:..._20250728_param.py]
class TextEditorTool(_AnthropicToolFields):
    """The client-executed text editor tool."""

    type: Literal["text_editor_20250124", "text_editor_20250429", "text_editor_20250728"]
    name: Literal["str_replace_editor", "str_replace_based_edit_tool"]
    input_examples: list[JSONObject] | None = None
    max_characters: int | None = None


# [AN:memory_tool_20250818_param.py]
class MemoryTool(_AnthropicToolFields):
    """The client-executed memory tool."""

    type: Literal["memory_20250818"]
    name: Literal["memory"]
    input_examples: list[JSONObject] | None = None


# [AN:browser_close_tab_config_param.py] (every browser_*/computer_* member config has this shape)
class ToolsetMemberConfig(WireModel):
    """Per-member switch of a toolset."""

    enabled: bool | None = None
    defer_loading: bool | None = None


# [AN:browser_toolset_20260801_param.py] [AN:computer_toolset_20260801_param.py]
class ToolsetTool(WireModel):
    """A client-executed toolset (browser / computer use); ``configs`` maps member name -> config."""

    type: Literal["browser_toolset_20260801", "computer_toolset_20260801"]
    configs: dict[str, ToolsetMemberConfig | None] | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:tool_union_param.py] catch-all: an Anthropic-defined tool of a version or family not listed above
class AnthropicDefinedTool(_AnthropicToolFields):
    """Any other versioned tool; fields beyond the common ones are carried verbatim."""

    type: str
    name: str | None = None


# [AN:tool_union_param.py]
Tool = Annotated[
    CustomTool
    | WebSearchTool
    | WebFetchTool
    | CodeExecutionTool
    | ToolSearchTool
    | BashTool
    | TextEditorTool
    | MemoryTool
    | ToolsetTool
    | AnthropicDefinedTool,
    OpenUnion("type", default="custom"),
]


# [AN:tool_choice_auto_param.py]
class ToolChoiceAuto(WireModel):
    """The model decides; ``disable_parallel_tool_use`` -> at most one tool use."""

    type: Literal["auto"]
    disable_parallel_tool_use: bool | None = None


# [AN:tool_choice_any_param.py]
class ToolChoiceAny(WireModel):
    """The model must use some tool."""

    type: Literal["any"]
    disable_parallel_tool_use: bool | None = None


# [AN:tool_choice_tool_param.py]
class ToolChoiceTool(WireModel):
    """The model must use the tool ``name``."""

    type: Literal["tool"]
    name: str
    disable_parallel_tool_use: bool | None = None


# [AN:tool_choice_none_param.py]
class ToolChoiceNone(WireModel):
    """The model must not use tools."""

    type: Literal["none"]


# [AN:tool_choice_param.py]
ToolChoice = Annotated[
    ToolChoiceAuto | ToolChoiceAny | ToolChoiceTool | ToolChoiceNone | UnknownTyped, OpenUnion("type")
]
