"""Responses tools (WIRE.md §3.4); ``tool_choice`` is in ``tool_choice.py``.

Function tools are **flat** here (``{"type":"function","name",...}``, no nested ``function``),
unlike Chat Completions. Every hosted tool has its own model; unknown tool types parse into the
catch-all.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from kindo_wire._wire import JSONObject, Number, OpenUnion, UnknownTyped, WireModel

from .tool_config import CodeInterpreterContainer, Environment, FileSearchFilter


# [OA:responses/file_search_tool_param.py] RankingOptionsHybridSearch
class HybridSearch(WireModel):
    """Weights of embedding vs text matches."""

    embedding_weight: Number
    text_weight: Number


# [OA:responses/file_search_tool_param.py] RankingOptions
class RankingOptions(WireModel):
    """Ranking of file_search results."""

    hybrid_search: HybridSearch | None = None
    ranker: str | None = None
    score_threshold: Number | None = None


# --- tools ---


# [OA:responses/function_tool_param.py]
class FunctionTool(WireModel):
    """A function the model may call (flat shape).

    The SDK marks ``parameters`` and ``strict`` as required-but-nullable keys; the schema keeps
    them optional so a body omitting them still round-trips.
    """

    type: Literal["function"]
    name: str
    description: str | None = None
    parameters: JSONObject | None = None
    strict: bool | None = None
    defer_loading: bool | None = None
    allowed_callers: list[str] | None = None
    output_schema: JSONObject | None = None


# [OA:shared_params/custom_tool_input_format.py] Text
class CustomToolTextFormat(WireModel):
    """Unconstrained free-form text input."""

    type: Literal["text"]


# [OA:shared_params/custom_tool_input_format.py] Grammar
class CustomToolGrammarFormat(WireModel):
    """Input constrained by a Lark or regex grammar."""

    type: Literal["grammar"]
    syntax: str
    definition: str


CustomToolFormat = Annotated[
    Union[CustomToolTextFormat, CustomToolGrammarFormat, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/custom_tool_param.py]
class CustomTool(WireModel):
    """A tool taking free-form text input."""

    type: Literal["custom"]
    name: str
    description: str | None = None
    format: CustomToolFormat | None = None
    defer_loading: bool | None = None
    allowed_callers: list[str] | None = None


NamespaceMember = Annotated[
    Union[FunctionTool, CustomTool, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""A tool inside a namespace (function or custom)."""


# [OA:responses/namespace_tool_param.py]
class NamespaceTool(WireModel):
    """A named group of function/custom tools."""

    type: Literal["namespace"]
    name: str
    description: str
    tools: list[NamespaceMember]


# [OA:responses/tool_search_tool_param.py]
class ToolSearchTool(WireModel):
    """Lets the model search deferred tools (``defer_loading``)."""

    type: Literal["tool_search"]
    description: str | None = None
    execution: str | None = None
    parameters: JSONObject | None = None


# [OA:responses/web_search_tool_param.py] Filters
class WebSearchFilters(WireModel):
    """Domain restriction of web search."""

    allowed_domains: list[str] | None = None


# [OA:responses/web_search_tool_param.py] UserLocation
class UserLocation(WireModel):
    """Approximate user location for web search."""

    type: str | None = None
    city: str | None = None
    country: str | None = None
    region: str | None = None
    timezone: str | None = None


# [OA:responses/web_search_tool_param.py]
class WebSearchTool(WireModel):
    """The web_search tool (GA versions)."""

    type: Literal["web_search", "web_search_2025_08_26"]
    filters: WebSearchFilters | None = None
    search_context_size: str | None = None
    user_location: UserLocation | None = None


# [OA:responses/web_search_preview_tool_param.py]
class WebSearchPreviewTool(WireModel):
    """The web_search_preview tool."""

    type: Literal["web_search_preview", "web_search_preview_2025_03_11"]
    search_content_types: list[str] | None = None
    search_context_size: str | None = None
    user_location: UserLocation | None = None


# [OA:responses/file_search_tool_param.py]
class FileSearchTool(WireModel):
    """Search uploaded files in vector stores."""

    type: Literal["file_search"]
    vector_store_ids: list[str]
    filters: FileSearchFilter | None = None
    max_num_results: int | None = None
    ranking_options: RankingOptions | None = None


# [OA:responses/computer_tool_param.py]
class ComputerTool(WireModel):
    """The computer tool (GA)."""

    type: Literal["computer"]


# [OA:responses/computer_use_preview_tool_param.py]
class ComputerUsePreviewTool(WireModel):
    """The computer_use_preview tool."""

    type: Literal["computer_use_preview"]
    display_width: int
    display_height: int
    environment: str


# [OA:responses/tool_param.py] CodeInterpreter
class CodeInterpreterTool(WireModel):
    """Run Python in a container (an id string or an auto-container spec)."""

    type: Literal["code_interpreter"]
    container: str | CodeInterpreterContainer
    allowed_callers: list[str] | None = None


# [OA:responses/tool_param.py] ImageGenerationInputImageMask
class ImageMask(WireModel):
    """Inpainting mask for image edits."""

    file_id: str | None = None
    image_url: str | None = None


# [OA:responses/tool_param.py] ImageGeneration
class ImageGenerationTool(WireModel):
    """Generate or edit images."""

    type: Literal["image_generation"]
    action: str | None = None
    background: str | None = None
    input_fidelity: str | None = None
    input_image_mask: ImageMask | None = None
    model: str | None = None
    moderation: str | None = None
    output_compression: int | None = None
    output_format: str | None = None
    partial_images: int | None = None
    quality: str | None = None
    size: str | None = None


# [OA:responses/tool_param.py] McpAllowedToolsMcpToolFilter
class McpToolFilter(WireModel):
    """Select MCP tools by name or read-only annotation."""

    read_only: bool | None = None
    tool_names: list[str] | None = None


# [OA:responses/tool_param.py] McpRequireApprovalMcpToolApprovalFilter
class McpApprovalFilter(WireModel):
    """Which MCP tools always / never need approval."""

    always: McpToolFilter | None = None
    never: McpToolFilter | None = None


# [OA:responses/tool_param.py] Mcp
class McpTool(WireModel):
    """A remote MCP server (``server_url``) or a connector (``connector_id``)."""

    type: Literal["mcp"]
    server_label: str
    server_url: str | None = None
    connector_id: str | None = None
    server_description: str | None = None
    allowed_tools: list[str] | McpToolFilter | None = None
    require_approval: McpApprovalFilter | str | None = None
    headers: dict[str, str] | None = None
    authorization: str | None = None
    tunnel_id: str | None = None
    defer_loading: bool | None = None
    allowed_callers: list[str] | None = None


# [OA:responses/tool_param.py] LocalShell
class LocalShellTool(WireModel):
    """The (legacy) local_shell tool."""

    type: Literal["local_shell"]


# [OA:responses/function_shell_tool_param.py]
class ShellTool(WireModel):
    """The shell tool."""

    type: Literal["shell"]
    environment: Environment | None = None
    allowed_callers: list[str] | None = None


# [OA:responses/apply_patch_tool_param.py]
class ApplyPatchTool(WireModel):
    """The apply_patch tool (file edits as diffs)."""

    type: Literal["apply_patch"]
    allowed_callers: list[str] | None = None


# [OA:responses/tool_param.py] ProgrammaticToolCalling
class ProgrammaticToolCallingTool(WireModel):
    """Lets the model call tools from a program."""

    type: Literal["programmatic_tool_calling"]


Tool = Annotated[
    Union[  # noqa: UP007
        FunctionTool,
        CustomTool,
        NamespaceTool,
        ToolSearchTool,
        WebSearchTool,
        WebSearchPreviewTool,
        FileSearchTool,
        ComputerTool,
        ComputerUsePreviewTool,
        CodeInterpreterTool,
        ImageGenerationTool,
        McpTool,
        LocalShellTool,
        ShellTool,
        ApplyPatchTool,
        ProgrammaticToolCallingTool,
        UnknownTyped,
    ],
    OpenUnion("type"),
]
"""A tool of ``tools`` (and of ``additional_tools`` / ``tool_search_output`` items)."""
