"""Responses stream events of tool calls: function/custom tool input streaming and hosted-tool progress.

Split from ``events.py`` for size; ``events.ResponseStreamEvent`` is the union over both modules.
"""

from __future__ import annotations

from typing import Literal

from kindo_wire._wire import WireModel


# [OA:responses/response_code_interpreter_call_code_delta_event.py]
class ResponseCodeInterpreterCallCodeDeltaEvent(WireModel):
    """A chunk of code_interpreter code."""

    type: Literal["response.code_interpreter_call_code.delta"]
    item_id: str
    output_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_code_interpreter_call_code_done_event.py]
class ResponseCodeInterpreterCallCodeDoneEvent(WireModel):
    """The full code_interpreter code."""

    type: Literal["response.code_interpreter_call_code.done"]
    item_id: str
    output_index: int
    code: str
    sequence_number: int | None = None


# [OA:responses/response_code_interpreter_call_completed_event.py]
class ResponseCodeInterpreterCallCompletedEvent(WireModel):
    """A code_interpreter call completed."""

    type: Literal["response.code_interpreter_call.completed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_code_interpreter_call_in_progress_event.py]
class ResponseCodeInterpreterCallInProgressEvent(WireModel):
    """A code_interpreter call started."""

    type: Literal["response.code_interpreter_call.in_progress"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_code_interpreter_call_interpreting_event.py]
class ResponseCodeInterpreterCallInterpretingEvent(WireModel):
    """A code_interpreter call is running the code."""

    type: Literal["response.code_interpreter_call.interpreting"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_file_search_call_completed_event.py]
class ResponseFileSearchCallCompletedEvent(WireModel):
    """A file_search call completed."""

    type: Literal["response.file_search_call.completed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_file_search_call_in_progress_event.py]
class ResponseFileSearchCallInProgressEvent(WireModel):
    """A file_search call started."""

    type: Literal["response.file_search_call.in_progress"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_file_search_call_searching_event.py]
class ResponseFileSearchCallSearchingEvent(WireModel):
    """A file_search call is searching."""

    type: Literal["response.file_search_call.searching"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_function_call_arguments_delta_event.py]
class ResponseFunctionCallArgumentsDeltaEvent(WireModel):
    """A chunk of function call arguments."""

    type: Literal["response.function_call_arguments.delta"]
    item_id: str
    output_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_function_call_arguments_done_event.py]
class ResponseFunctionCallArgumentsDoneEvent(WireModel):
    """The full function call arguments (``name`` is newer than some recorded streams)."""

    type: Literal["response.function_call_arguments.done"]
    item_id: str
    output_index: int
    arguments: str
    name: str | None = None
    sequence_number: int | None = None


# [OA:responses/response_web_search_call_completed_event.py]
class ResponseWebSearchCallCompletedEvent(WireModel):
    """A web_search call completed."""

    type: Literal["response.web_search_call.completed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_web_search_call_in_progress_event.py]
class ResponseWebSearchCallInProgressEvent(WireModel):
    """A web_search call started."""

    type: Literal["response.web_search_call.in_progress"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_web_search_call_searching_event.py]
class ResponseWebSearchCallSearchingEvent(WireModel):
    """A web_search call is searching."""

    type: Literal["response.web_search_call.searching"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_image_gen_call_completed_event.py]
class ResponseImageGenCallCompletedEvent(WireModel):
    """An image_generation call completed."""

    type: Literal["response.image_generation_call.completed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_image_gen_call_generating_event.py]
class ResponseImageGenCallGeneratingEvent(WireModel):
    """An image_generation call is generating."""

    type: Literal["response.image_generation_call.generating"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_image_gen_call_in_progress_event.py]
class ResponseImageGenCallInProgressEvent(WireModel):
    """An image_generation call started."""

    type: Literal["response.image_generation_call.in_progress"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_image_gen_call_partial_image_event.py]
class ResponseImageGenCallPartialImageEvent(WireModel):
    """A partial image (base64) while generating."""

    type: Literal["response.image_generation_call.partial_image"]
    item_id: str
    output_index: int
    partial_image_b64: str
    partial_image_index: int
    sequence_number: int | None = None


# [OA:responses/response_mcp_call_arguments_delta_event.py]
class ResponseMcpCallArgumentsDeltaEvent(WireModel):
    """A chunk of MCP call arguments."""

    type: Literal["response.mcp_call_arguments.delta"]
    item_id: str
    output_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_mcp_call_arguments_done_event.py]
class ResponseMcpCallArgumentsDoneEvent(WireModel):
    """The full MCP call arguments."""

    type: Literal["response.mcp_call_arguments.done"]
    item_id: str
    output_index: int
    arguments: str
    sequence_number: int | None = None


# [OA:responses/response_mcp_call_completed_event.py]
class ResponseMcpCallCompletedEvent(WireModel):
    """An MCP call completed."""

    type: Literal["response.mcp_call.completed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_mcp_call_failed_event.py]
class ResponseMcpCallFailedEvent(WireModel):
    """An MCP call failed."""

    type: Literal["response.mcp_call.failed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_mcp_call_in_progress_event.py]
class ResponseMcpCallInProgressEvent(WireModel):
    """An MCP call started."""

    type: Literal["response.mcp_call.in_progress"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_mcp_list_tools_completed_event.py]
class ResponseMcpListToolsCompletedEvent(WireModel):
    """Listing MCP tools completed."""

    type: Literal["response.mcp_list_tools.completed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_mcp_list_tools_failed_event.py]
class ResponseMcpListToolsFailedEvent(WireModel):
    """Listing MCP tools failed."""

    type: Literal["response.mcp_list_tools.failed"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_mcp_list_tools_in_progress_event.py]
class ResponseMcpListToolsInProgressEvent(WireModel):
    """Listing MCP tools started."""

    type: Literal["response.mcp_list_tools.in_progress"]
    item_id: str
    output_index: int
    sequence_number: int | None = None


# [OA:responses/response_custom_tool_call_input_delta_event.py]
class ResponseCustomToolCallInputDeltaEvent(WireModel):
    """A chunk of custom tool call input."""

    type: Literal["response.custom_tool_call_input.delta"]
    item_id: str
    output_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_custom_tool_call_input_done_event.py]
class ResponseCustomToolCallInputDoneEvent(WireModel):
    """The full custom tool call input."""

    type: Literal["response.custom_tool_call_input.done"]
    item_id: str
    output_index: int
    input: str
    sequence_number: int | None = None
