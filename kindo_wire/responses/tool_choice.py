"""Responses ``tool_choice`` (WIRE.md §3.4): a mode string or a flat object naming the tool(s)."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from kindo_wire._wire import JSONObject, OpenUnion, UnknownTyped, WireModel


# [OA:responses/tool_choice_function_param.py]
class ToolChoiceFunction(WireModel):
    """Force a function call (flat: no nested ``function``)."""

    type: Literal["function"]
    name: str


# [OA:responses/tool_choice_custom_param.py]
class ToolChoiceCustom(WireModel):
    """Force a custom tool call."""

    type: Literal["custom"]
    name: str


# [OA:responses/tool_choice_allowed_param.py]
class ToolChoiceAllowed(WireModel):
    """Restrict the model to a subset of ``tools``."""

    type: Literal["allowed_tools"]
    mode: Literal["auto", "required"]
    tools: list[JSONObject]


# [OA:responses/tool_choice_types_param.py]
class ToolChoiceHosted(WireModel):
    """Force a hosted tool."""

    type: Literal[
        "file_search",
        "web_search_preview",
        "computer",
        "computer_use_preview",
        "computer_use",
        "web_search_preview_2025_03_11",
        "image_generation",
        "code_interpreter",
    ]


# [OA:responses/tool_choice_mcp_param.py]
class ToolChoiceMcp(WireModel):
    """Force a tool of an MCP server."""

    type: Literal["mcp"]
    server_label: str
    name: str | None = None


# [OA:responses/tool_choice_apply_patch_param.py]
class ToolChoiceApplyPatch(WireModel):
    """Force the apply_patch tool."""

    type: Literal["apply_patch"]


# [OA:responses/tool_choice_shell_param.py]
class ToolChoiceShell(WireModel):
    """Force the shell tool."""

    type: Literal["shell"]


# [OA:responses/response_create_params.py] ToolChoiceSpecificProgrammaticToolCallingParam
class ToolChoiceProgrammatic(WireModel):
    """Force programmatic tool calling."""

    type: Literal["programmatic_tool_calling"]


ToolChoiceObject = Annotated[
    Union[  # noqa: UP007
        ToolChoiceFunction,
        ToolChoiceCustom,
        ToolChoiceAllowed,
        ToolChoiceHosted,
        ToolChoiceMcp,
        ToolChoiceApplyPatch,
        ToolChoiceShell,
        ToolChoiceProgrammatic,
        UnknownTyped,
    ],
    OpenUnion("type"),
]

ToolChoice = Union[Literal["none", "auto", "required"], ToolChoiceObject]  # noqa: UP007
"""``"none"`` / ``"auto"`` / ``"required"`` or an object naming the tool(s)."""
