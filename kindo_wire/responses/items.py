"""Responses items: the elements of ``input`` and of ``Response.output`` (WIRE.md §3.2, §3.3).

Most item types appear on both sides with the same shape (an output item is replayed as input);
one model serves both, with the fields required on *both* sides required here. Messages differ:
an input message may omit ``type`` and carry any role and string content, an output message is
the assistant's, with ``id`` and ``status``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from kindo_wire._wire import JSONObject, OpenUnion, UnknownTyped, WireModel

from .computer import ComputerCall, ComputerCallOutput
from .content import InputContent, OutputContent, ReasoningContent, SummaryPart, ToolOutputContent
from .hosted import (
    ApplyPatchCall,
    ApplyPatchCallOutput,
    Caller,
    CodeInterpreterCall,
    FileSearchCall,
    ImageGenerationCall,
    LocalShellCall,
    LocalShellCallOutput,
    ShellCall,
    ShellCallOutput,
    WebSearchCall,
)
from .tools import Tool

# --- messages ---


# [OA:responses/easy_input_message_param.py] + response_input_item_param.py Message + output message
class EasyInputMessage(WireModel):
    """An input message; ``type`` may be omitted (it defaults to ``"message"``).

    Covers the easy form (any role, string or part list), the strict input form (with
    ``status``) and a replayed output message (``id``, ``status``, ``output_text`` parts).
    """

    type: Literal["message"] | None = None
    role: Literal["user", "assistant", "system", "developer"]
    content: str | list[InputContent]
    id: str | None = None
    status: str | None = None
    phase: str | None = None


# [OA:responses/response_output_message.py]
class OutputMessage(WireModel):
    """An assistant message of ``Response.output``."""

    type: Literal["message"]
    id: str
    role: str
    status: str
    content: list[OutputContent]
    phase: str | None = None


# --- function and custom tools ---


# [OA:responses/response_function_tool_call.py]
class FunctionCall(WireModel):
    """A call of a function tool; ``arguments`` is a JSON string. ``id`` starts with ``fc``."""

    type: Literal["function_call"]
    call_id: str
    name: str
    arguments: str
    id: str | None = None
    namespace: str | None = None
    status: str | None = None
    caller: Caller | None = None
    created_by: str | None = None


# [OA:responses/response_function_tool_call_output_item.py]
class FunctionCallOutput(WireModel):
    """The result of a function call: a string or a list of input parts."""

    type: Literal["function_call_output"]
    call_id: str
    output: str | list[ToolOutputContent]
    id: str | None = None
    name: str | None = None
    namespace: str | None = None
    status: str | None = None
    caller: Caller | None = None
    created_by: str | None = None


# [OA:responses/response_custom_tool_call.py]
class CustomToolCall(WireModel):
    """A call of a custom tool; ``input`` is free text."""

    type: Literal["custom_tool_call"]
    call_id: str
    name: str
    input: str
    id: str | None = None
    namespace: str | None = None
    status: str | None = None
    caller: Caller | None = None
    created_by: str | None = None


# [OA:responses/response_custom_tool_call_output.py]
class CustomToolCallOutput(WireModel):
    """The result of a custom tool call."""

    type: Literal["custom_tool_call_output"]
    call_id: str
    output: str | list[ToolOutputContent]
    id: str | None = None
    status: str | None = None
    caller: Caller | None = None
    created_by: str | None = None


# --- reasoning, compaction, references ---


# [OA:responses/response_reasoning_item.py]
class ReasoningItem(WireModel):
    """Model reasoning: a summary, optional raw text, and the opaque ``encrypted_content``."""

    type: Literal["reasoning"]
    id: str
    summary: list[SummaryPart]
    content: list[ReasoningContent] | None = None
    encrypted_content: str | None = None
    status: str | None = None


# [OA:responses/response_compaction_item.py]
class Compaction(WireModel):
    """An opaque summary of compacted context."""

    type: Literal["compaction"]
    encrypted_content: str
    id: str | None = None
    created_by: str | None = None


# [OA:responses/response_input_item_param.py] CompactionTrigger
class CompactionTrigger(WireModel):
    """Asks the server to compact the context at this point."""

    type: Literal["compaction_trigger"]


# [OA:responses/response_input_item_param.py] ItemReference
class ItemReference(WireModel):
    """A stored item by id; ``type`` may be omitted (inferred: an object with ``id`` and no ``role``)."""

    type: Literal["item_reference"] | None = None
    id: str


# --- MCP ---


# [OA:responses/response_output_item.py] McpListToolsTool
class McpListedTool(WireModel):
    """A tool listed by an MCP server."""

    name: str
    input_schema: JSONObject
    description: str | None = None
    annotations: JSONObject | None = None


# [OA:responses/response_output_item.py] McpListTools
class McpListTools(WireModel):
    """The tools an MCP server offers."""

    type: Literal["mcp_list_tools"]
    id: str
    server_label: str
    tools: list[McpListedTool]
    error: str | None = None


# [OA:responses/response_output_item.py] McpApprovalRequest
class McpApprovalRequest(WireModel):
    """The model asks approval to call an MCP tool."""

    type: Literal["mcp_approval_request"]
    id: str
    server_label: str
    name: str
    arguments: str


# [OA:responses/response_input_item_param.py] McpApprovalResponse
class McpApprovalResponse(WireModel):
    """The client's answer to an approval request."""

    type: Literal["mcp_approval_response"]
    approval_request_id: str
    approve: bool
    id: str | None = None
    reason: str | None = None


# [OA:responses/response_output_item.py] McpCall
class McpCall(WireModel):
    """A call of an MCP tool, with its output or error.

    ``error`` is a string in the SDK; the API also sends an object (``{"type": "http_error",
    "code": 500, "message": ...}``).
    """

    type: Literal["mcp_call"]
    id: str
    server_label: str
    name: str
    arguments: str
    output: str | None = None
    error: str | JSONObject | None = None
    approval_request_id: str | None = None
    status: str | None = None


# --- tool search, additional tools, programs ---


# [OA:responses/response_tool_search_call.py]
class ToolSearchCall(WireModel):
    """A search of deferred tools (``arguments`` is a JSON value)."""

    type: Literal["tool_search_call"]
    arguments: Any
    id: str | None = None
    call_id: str | None = None
    execution: str | None = None
    status: str | None = None
    created_by: str | None = None


# [OA:responses/response_tool_search_output_item.py]
class ToolSearchOutput(WireModel):
    """The tools found by a tool search."""

    type: Literal["tool_search_output"]
    tools: list[Tool]
    id: str | None = None
    call_id: str | None = None
    execution: str | None = None
    status: str | None = None
    created_by: str | None = None


# [OA:responses/response_output_item.py] AdditionalTools
class AdditionalTools(WireModel):
    """Tools added to the conversation mid-way (developer role)."""

    type: Literal["additional_tools"]
    role: str
    tools: list[Tool]
    id: str | None = None


# [OA:responses/response_output_item.py] Program
class Program(WireModel):
    """A program written by the model (programmatic tool calling)."""

    type: Literal["program"]
    id: str
    call_id: str
    code: str
    fingerprint: str


# [OA:responses/response_output_item.py] ProgramOutput
class ProgramOutput(WireModel):
    """The result of a program."""

    type: Literal["program_output"]
    id: str
    call_id: str
    result: str
    status: str


def _infer_item_type(item: dict[str, Any]) -> str | None:
    """An item without ``type``: a reference if it has an ``id`` and no ``role``, else a message."""
    if "id" in item and "role" not in item:
        return "item_reference"
    return None


InputItem = Annotated[
    Union[  # noqa: UP007
        EasyInputMessage,
        FunctionCall,
        FunctionCallOutput,
        CustomToolCall,
        CustomToolCallOutput,
        ReasoningItem,
        ItemReference,
        Compaction,
        CompactionTrigger,
        FileSearchCall,
        WebSearchCall,
        ComputerCall,
        ComputerCallOutput,
        ImageGenerationCall,
        CodeInterpreterCall,
        LocalShellCall,
        LocalShellCallOutput,
        ShellCall,
        ShellCallOutput,
        ApplyPatchCall,
        ApplyPatchCallOutput,
        McpListTools,
        McpApprovalRequest,
        McpApprovalResponse,
        McpCall,
        ToolSearchCall,
        ToolSearchOutput,
        AdditionalTools,
        Program,
        ProgramOutput,
        UnknownTyped,
    ],
    OpenUnion("type", default="message", infer=_infer_item_type),
]
"""An element of the request's ``input`` list (and of an echoed ``instructions`` list)."""

OutputItem = Annotated[
    Union[  # noqa: UP007
        OutputMessage,
        FunctionCall,
        FunctionCallOutput,
        CustomToolCall,
        CustomToolCallOutput,
        ReasoningItem,
        Compaction,
        FileSearchCall,
        WebSearchCall,
        ComputerCall,
        ComputerCallOutput,
        ImageGenerationCall,
        CodeInterpreterCall,
        LocalShellCall,
        LocalShellCallOutput,
        ShellCall,
        ShellCallOutput,
        ApplyPatchCall,
        ApplyPatchCallOutput,
        McpListTools,
        McpApprovalRequest,
        McpApprovalResponse,
        McpCall,
        ToolSearchCall,
        ToolSearchOutput,
        AdditionalTools,
        Program,
        ProgramOutput,
        UnknownTyped,
    ],
    OpenUnion("type"),
]
"""An element of ``Response.output`` (and the ``item`` of ``response.output_item.*`` events)."""
