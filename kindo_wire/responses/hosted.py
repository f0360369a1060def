"""Responses items of hosted (built-in) tools: calls and their outputs (WIRE.md §3.2, §3.3).

These have no Chat or Messages equivalent (except web search) and are passed through; each has a
typed model so they parse, validate and round-trip.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from kindo_wire._wire import Number, OpenUnion, UnknownTyped, WireModel

from .tool_config import Environment


# [OA:responses/response_function_tool_call.py] CallerDirect
class CallerDirect(WireModel):
    """The model called the tool directly."""

    type: Literal["direct"]


# [OA:responses/response_function_tool_call.py] CallerProgram
class CallerProgram(WireModel):
    """A program (programmatic tool calling) called the tool."""

    type: Literal["program"]
    caller_id: str


Caller = Annotated[
    Union[CallerDirect, CallerProgram, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""Who issued a tool call."""

# --- file_search ---


# [OA:responses/response_file_search_tool_call.py] Result
class FileSearchResult(WireModel):
    """One file_search hit (returned with ``include: ["file_search_call.results"]``)."""

    attributes: dict[str, str | Number | bool] | None = None
    file_id: str | None = None
    filename: str | None = None
    score: Number | None = None
    text: str | None = None


# [OA:responses/response_file_search_tool_call.py]
class FileSearchCall(WireModel):
    """A file_search call."""

    type: Literal["file_search_call"]
    id: str
    queries: list[str]
    status: str
    results: list[FileSearchResult] | None = None


# --- web_search ---


# [OA:responses/response_function_web_search.py] ActionSearchSource
class WebSearchURLSource(WireModel):
    """A URL consulted by a search."""

    type: Literal["url"]
    url: str


# [DF:wire] {"type": "api", "name": "oai-weather"} (not in the SDK, which knows only "url")
class WebSearchAPISource(WireModel):
    """A data API consulted by a search (e.g. weather)."""

    type: Literal["api"]
    name: str


WebSearchSource = Annotated[
    Union[WebSearchURLSource, WebSearchAPISource, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response_function_web_search.py] ActionSearch
class WebSearchActionSearch(WireModel):
    """A search query."""

    type: Literal["search"]
    query: str | None = None
    queries: list[str] | None = None
    sources: list[WebSearchSource] | None = None


# [OA:responses/response_function_web_search.py] ActionOpenPage
class WebSearchActionOpenPage(WireModel):
    """Opening a page."""

    type: Literal["open_page"]
    url: str | None = None


# [OA:responses/response_function_web_search.py] ActionFind
class WebSearchActionFind(WireModel):
    """Finding a pattern in a page."""

    type: Literal["find_in_page"]
    url: str
    pattern: str


WebSearchAction = Annotated[
    Union[WebSearchActionSearch, WebSearchActionOpenPage, WebSearchActionFind, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response_function_web_search.py]
class WebSearchCall(WireModel):
    """A web_search call.

    ``action`` is required in the SDK, but the API leaves it out of the in-progress item of
    ``response.output_item.added``.
    """

    type: Literal["web_search_call"]
    id: str
    status: str
    action: WebSearchAction | None = None


# --- image generation, code interpreter ---


# [OA:responses/response_output_item.py] ImageGenerationCall
class ImageGenerationCall(WireModel):
    """An image_generation call; ``result`` is the base64 image."""

    type: Literal["image_generation_call"]
    id: str
    status: str
    result: str | None = None


# [OA:responses/response_code_interpreter_tool_call.py] OutputLogs
class CodeInterpreterLogs(WireModel):
    """Logs printed by the code."""

    type: Literal["logs"]
    logs: str


# [OA:responses/response_code_interpreter_tool_call.py] OutputImage
class CodeInterpreterImage(WireModel):
    """An image produced by the code."""

    type: Literal["image"]
    url: str


CodeInterpreterOutput = Annotated[
    Union[CodeInterpreterLogs, CodeInterpreterImage, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response_code_interpreter_tool_call.py]
class CodeInterpreterCall(WireModel):
    """A code_interpreter call (``code`` and ``outputs`` are required-but-nullable in the SDK)."""

    type: Literal["code_interpreter_call"]
    id: str
    container_id: str
    status: str
    code: str | None = None
    outputs: list[CodeInterpreterOutput] | None = None


# --- local_shell, shell, apply_patch ---


# [OA:responses/response_output_item.py] LocalShellCallAction
class LocalShellAction(WireModel):
    """A command to run on the client."""

    type: Literal["exec"]
    command: list[str]
    env: dict[str, str]
    timeout_ms: int | None = None
    user: str | None = None
    working_directory: str | None = None


# [OA:responses/response_output_item.py] LocalShellCall
class LocalShellCall(WireModel):
    """A local_shell call."""

    type: Literal["local_shell_call"]
    id: str
    call_id: str
    action: LocalShellAction
    status: str


# [OA:responses/response_output_item.py] LocalShellCallOutput
class LocalShellCallOutput(WireModel):
    """The output of a local_shell call (``id`` is the call's ``call_id``)."""

    type: Literal["local_shell_call_output"]
    id: str
    output: str
    status: str | None = None


# [OA:responses/response_function_shell_tool_call.py] Action
class ShellAction(WireModel):
    """Commands for the shell tool."""

    commands: list[str]
    max_output_length: int | None = None
    timeout_ms: int | None = None


# [OA:responses/response_function_shell_tool_call.py]
class ShellCall(WireModel):
    """A shell call."""

    type: Literal["shell_call"]
    call_id: str
    action: ShellAction
    id: str | None = None
    status: str | None = None
    environment: Environment | None = None
    caller: Caller | None = None
    created_by: str | None = None


# [OA:responses/response_function_shell_tool_call_output.py] OutputOutcomeTimeout
class ShellTimeoutOutcome(WireModel):
    """The command timed out."""

    type: Literal["timeout"]


# [OA:responses/response_function_shell_tool_call_output.py] OutputOutcomeExit
class ShellExitOutcome(WireModel):
    """The command exited."""

    type: Literal["exit"]
    exit_code: int


ShellOutcome = Annotated[
    Union[ShellTimeoutOutcome, ShellExitOutcome, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response_function_shell_tool_call_output.py] Output
class ShellCommandOutput(WireModel):
    """The output of one command."""

    outcome: ShellOutcome
    stdout: str
    stderr: str
    created_by: str | None = None


# [OA:responses/response_function_shell_tool_call_output.py]
class ShellCallOutput(WireModel):
    """The outputs of a shell call."""

    type: Literal["shell_call_output"]
    call_id: str
    output: list[ShellCommandOutput]
    id: str | None = None
    status: str | None = None
    max_output_length: int | None = None
    caller: Caller | None = None
    created_by: str | None = None


# [OA:responses/response_apply_patch_tool_call.py] OperationCreateFile
class CreateFileOperation(WireModel):
    """Create a file from a diff."""

    type: Literal["create_file"]
    path: str
    diff: str


# [OA:responses/response_apply_patch_tool_call.py] OperationDeleteFile
class DeleteFileOperation(WireModel):
    """Delete a file."""

    type: Literal["delete_file"]
    path: str


# [OA:responses/response_apply_patch_tool_call.py] OperationUpdateFile
class UpdateFileOperation(WireModel):
    """Apply a diff to a file."""

    type: Literal["update_file"]
    path: str
    diff: str


ApplyPatchOperation = Annotated[
    Union[CreateFileOperation, DeleteFileOperation, UpdateFileOperation, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/response_apply_patch_tool_call.py]
class ApplyPatchCall(WireModel):
    """An apply_patch call."""

    type: Literal["apply_patch_call"]
    call_id: str
    operation: ApplyPatchOperation
    status: str
    id: str | None = None
    caller: Caller | None = None
    created_by: str | None = None


# [OA:responses/response_apply_patch_tool_call_output.py]
class ApplyPatchCallOutput(WireModel):
    """The result of an apply_patch call."""

    type: Literal["apply_patch_call_output"]
    call_id: str
    status: str
    output: str | None = None
    id: str | None = None
    caller: Caller | None = None
    created_by: str | None = None
