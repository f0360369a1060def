"""Anthropic Messages server-tool result blocks (web search/fetch, code execution, tool search).

The server produces them; a client replays them unchanged in the next request, so one model per type
serves both directions. ``error_code`` values grow with the tools and stay open strings.
"""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import OpenUnion, UnknownTyped, WireModel

from .blocks import CacheControlEphemeral, Caller, DocumentBlock, ToolReferenceBlock

# --- web search ------------------------------------------------------------------------------


# [AN:web_search_result_block_param.py] [AN:web_search_result_block.py]
class WebSearchResult(WireModel):
    """One web search hit (its content is encrypted, for replay only)."""

    type: Literal["web_search_result"]
    url: str
    title: str
    encrypted_content: str
    page_age: str | None = None


# [AN:web_search_tool_request_error_object_param.py] [AN:web_search_tool_result_error_object.py]
class WebSearchToolResultError(WireModel):
    """A failed web search (``max_uses_exceeded``, ``unavailable``, ...)."""

    type: Literal["web_search_tool_result_error"]
    error_code: str


# [AN:web_search_tool_result_block_content.py] the object form (the other form is a list of results)
WebSearchToolResultErrorContent = Annotated[WebSearchToolResultError | UnknownTyped, OpenUnion("type")]


# [AN:web_search_tool_result_block_param.py] [AN:web_search_tool_result_block.py]
class WebSearchToolResultBlock(WireModel):
    """The result of a ``web_search`` server tool call: a list of hits or an error object."""

    type: Literal["web_search_tool_result"]
    tool_use_id: str
    content: list[WebSearchResult] | WebSearchToolResultErrorContent
    caller: Caller | None = None
    cache_control: CacheControlEphemeral | None = None


# --- web fetch -------------------------------------------------------------------------------


# [AN:web_fetch_block_param.py] [AN:web_fetch_block.py]
class WebFetchResult(WireModel):
    """A fetched page, as a document block."""

    type: Literal["web_fetch_result"]
    url: str
    content: DocumentBlock
    retrieved_at: str | None = None


# [AN:web_fetch_tool_result_error_block_param.py] [AN:web_fetch_tool_result_error_block.py]
class WebFetchToolResultError(WireModel):
    """A failed fetch (``url_not_allowed``, ``url_not_accessible``, ...)."""

    type: Literal["web_fetch_tool_result_error"]
    error_code: str


# [AN:web_fetch_tool_result_block.py] Content
WebFetchToolResultContent = Annotated[
    WebFetchResult | WebFetchToolResultError | UnknownTyped, OpenUnion("type")
]


# [AN:web_fetch_tool_result_block_param.py] [AN:web_fetch_tool_result_block.py]
class WebFetchToolResultBlock(WireModel):
    """The result of a ``web_fetch`` server tool call."""

    type: Literal["web_fetch_tool_result"]
    tool_use_id: str
    content: WebFetchToolResultContent
    caller: Caller | None = None
    cache_control: CacheControlEphemeral | None = None


# --- code execution --------------------------------------------------------------------------


# [AN:code_execution_output_block_param.py] [AN:code_execution_output_block.py]
class CodeExecutionOutput(WireModel):
    """A file produced by code execution."""

    type: Literal["code_execution_output"]
    file_id: str


# [AN:code_execution_result_block_param.py] [AN:code_execution_result_block.py]
class CodeExecutionResult(WireModel):
    """The outcome of a code execution run."""

    type: Literal["code_execution_result"]
    stdout: str
    stderr: str
    return_code: int
    content: list[CodeExecutionOutput]


# [AN:encrypted_code_execution_result_block_param.py] [AN:encrypted_code_execution_result_block.py]
class EncryptedCodeExecutionResult(WireModel):
    """A code execution outcome whose stdout is encrypted (programmatic tool calling)."""

    type: Literal["encrypted_code_execution_result"]
    encrypted_stdout: str
    stderr: str
    return_code: int
    content: list[CodeExecutionOutput]


# [AN:code_execution_tool_result_error_param.py] [AN:code_execution_tool_result_error_object.py]
class CodeExecutionToolResultError(WireModel):
    """A failed code execution call."""

    type: Literal["code_execution_tool_result_error"]
    error_code: str


# [AN:code_execution_tool_result_block_content.py]
CodeExecutionToolResultContent = Annotated[
    CodeExecutionResult | EncryptedCodeExecutionResult | CodeExecutionToolResultError | UnknownTyped,
    OpenUnion("type"),
]


# [AN:code_execution_tool_result_block_param.py] [AN:code_execution_tool_result_block.py]
class CodeExecutionToolResultBlock(WireModel):
    """The result of a ``code_execution`` server tool call."""

    type: Literal["code_execution_tool_result"]
    tool_use_id: str
    content: CodeExecutionToolResultContent
    cache_control: CacheControlEphemeral | None = None


# [AN:bash_code_execution_output_block_param.py] [AN:bash_code_execution_output_block.py]
class BashCodeExecutionOutput(WireModel):
    """A file produced by a bash command."""

    type: Literal["bash_code_execution_output"]
    file_id: str


# [AN:bash_code_execution_result_block_param.py] [AN:bash_code_execution_result_block.py]
class BashCodeExecutionResult(WireModel):
    """The outcome of a bash command in the container."""

    type: Literal["bash_code_execution_result"]
    stdout: str
    stderr: str
    return_code: int
    content: list[BashCodeExecutionOutput]


# [AN:bash_code_execution_tool_result_error_param.py] [AN:bash_code_execution_tool_result_error_object.py]
class BashCodeExecutionToolResultError(WireModel):
    """A failed bash command call."""

    type: Literal["bash_code_execution_tool_result_error"]
    error_code: str


# [AN:bash_code_execution_tool_result_block.py] Content
BashCodeExecutionToolResultContent = Annotated[
    BashCodeExecutionResult | BashCodeExecutionToolResultError | UnknownTyped, OpenUnion("type")
]


# [AN:bash_code_execution_tool_result_block_param.py] [AN:bash_code_execution_tool_result_block.py]
class BashCodeExecutionToolResultBlock(WireModel):
    """The result of a ``bash_code_execution`` server tool call."""

    type: Literal["bash_code_execution_tool_result"]
    tool_use_id: str
    content: BashCodeExecutionToolResultContent
    cache_control: CacheControlEphemeral | None = None


# [AN:text_editor_code_execution_view_result_block_param.py] [AN:..._view_result_block.py]
class TextEditorCodeExecutionViewResult(WireModel):
    """A viewed file (``file_type``: text | image | pdf)."""

    type: Literal["text_editor_code_execution_view_result"]
    content: str
    file_type: str
    num_lines: int | None = None
    start_line: int | None = None
    total_lines: int | None = None


# [AN:text_editor_code_execution_create_result_block_param.py] [AN:..._create_result_block.py]
class TextEditorCodeExecutionCreateResult(WireModel):
    """A created (or overwritten) file."""

    type: Literal["text_editor_code_execution_create_result"]
    is_file_update: bool


# [AN:text_editor_code_execution_str_replace_result_block_param.py] [AN:..._str_replace_result_block.py]
class TextEditorCodeExecutionStrReplaceResult(WireModel):
    """An edited file, as a diff hunk."""

    type: Literal["text_editor_code_execution_str_replace_result"]
    lines: list[str] | None = None
    new_lines: int | None = None
    new_start: int | None = None
    old_lines: int | None = None
    old_start: int | None = None


# [AN:text_editor_code_execution_tool_result_error_param.py] [AN:..._tool_result_error_object.py]
class TextEditorCodeExecutionToolResultError(WireModel):
    """A failed text editor call."""

    type: Literal["text_editor_code_execution_tool_result_error"]
    error_code: str
    error_message: str | None = None


# [AN:text_editor_code_execution_tool_result_block.py] Content
TextEditorCodeExecutionToolResultContent = Annotated[
    TextEditorCodeExecutionViewResult
    | TextEditorCodeExecutionCreateResult
    | TextEditorCodeExecutionStrReplaceResult
    | TextEditorCodeExecutionToolResultError
    | UnknownTyped,
    OpenUnion("type"),
]


# [AN:text_editor_code_execution_tool_result_block_param.py] [AN:..._tool_result_block.py]
class TextEditorCodeExecutionToolResultBlock(WireModel):
    """The result of a ``text_editor_code_execution`` server tool call."""

    type: Literal["text_editor_code_execution_tool_result"]
    tool_use_id: str
    content: TextEditorCodeExecutionToolResultContent
    cache_control: CacheControlEphemeral | None = None


# --- tool search -----------------------------------------------------------------------------


# [AN:tool_search_tool_search_result_block_param.py] [AN:tool_search_tool_search_result_block.py]
class ToolSearchToolSearchResult(WireModel):
    """The deferred tools a tool search found."""

    type: Literal["tool_search_tool_search_result"]
    tool_references: list[ToolReferenceBlock]


# [AN:tool_search_tool_result_error_param.py] [AN:tool_search_tool_result_error_object.py]
class ToolSearchToolResultError(WireModel):
    """A failed tool search."""

    type: Literal["tool_search_tool_result_error"]
    error_code: str
    error_message: str | None = None


# [AN:tool_search_tool_result_block.py] Content
ToolSearchToolResultContent = Annotated[
    ToolSearchToolSearchResult | ToolSearchToolResultError | UnknownTyped, OpenUnion("type")
]


# [AN:tool_search_tool_result_block_param.py] [AN:tool_search_tool_result_block.py]
class ToolSearchToolResultBlock(WireModel):
    """The result of a ``tool_search_tool_regex`` / ``tool_search_tool_bm25`` call."""

    type: Literal["tool_search_tool_result"]
    tool_use_id: str
    content: ToolSearchToolResultContent
    cache_control: CacheControlEphemeral | None = None
