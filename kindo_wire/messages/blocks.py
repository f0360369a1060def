"""Anthropic Messages content blocks a client writes or replays, with their sources and citations.

One model per block type serves both directions: a response block replayed in the next request is the
same object on the wire (the SDK's ``MessageContentParam`` accepts response ``ContentBlock``\\ s too).
The request-only ``cache_control`` is optional on every block that allows it; the response never sets
it. Citations are likewise one model per variant: the response adds ``file_id`` (optional here).
"""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import JSONObject, OpenUnion, UnknownTyped, WireModel


# [AN:cache_control_ephemeral_param.py]
class CacheControlEphemeral(WireModel):
    """A prompt-cache breakpoint: the cacheable prefix ends at the block carrying it."""

    type: Literal["ephemeral"]
    ttl: Literal["5m", "1h"] | None = None


# [AN:citations_config_param.py] [AN:citations_config.py]
class CitationsConfig(WireModel):
    """Whether the model may cite this document / search result."""

    enabled: bool | None = None


# --- citations -------------------------------------------------------------------------------


# [AN:citation_char_location_param.py] [AN:citation_char_location.py]
class CitationCharLocation(WireModel):
    """A citation of a character range of a plain-text document."""

    type: Literal["char_location"]
    cited_text: str
    document_index: int
    document_title: str | None = None
    start_char_index: int
    end_char_index: int
    file_id: str | None = None


# [AN:citation_page_location_param.py] [AN:citation_page_location.py]
class CitationPageLocation(WireModel):
    """A citation of a page range of a PDF document."""

    type: Literal["page_location"]
    cited_text: str
    document_index: int
    document_title: str | None = None
    start_page_number: int
    end_page_number: int
    file_id: str | None = None


# [AN:citation_content_block_location_param.py] [AN:citation_content_block_location.py]
class CitationContentBlockLocation(WireModel):
    """A citation of a block range of a custom-content document."""

    type: Literal["content_block_location"]
    cited_text: str
    document_index: int
    document_title: str | None = None
    start_block_index: int
    end_block_index: int
    file_id: str | None = None


# [AN:citation_web_search_result_location_param.py] [AN:citations_web_search_result_location.py]
class CitationWebSearchResultLocation(WireModel):
    """A citation of a web search result."""

    type: Literal["web_search_result_location"]
    cited_text: str
    encrypted_index: str
    title: str | None = None
    url: str


# [AN:citation_search_result_location_param.py] [AN:citations_search_result_location.py]
class CitationSearchResultLocation(WireModel):
    """A citation of a block range of a ``search_result`` block."""

    type: Literal["search_result_location"]
    cited_text: str
    search_result_index: int
    source: str
    title: str | None = None
    start_block_index: int
    end_block_index: int


# [AN:text_citation_param.py] [AN:text_citation.py]
TextCitation = Annotated[
    CitationCharLocation
    | CitationPageLocation
    | CitationContentBlockLocation
    | CitationWebSearchResultLocation
    | CitationSearchResultLocation
    | UnknownTyped,
    OpenUnion("type"),
]

# --- sources ---------------------------------------------------------------------------------


# [AN:base64_image_source_param.py]
class Base64ImageSource(WireModel):
    """Inline base64 image bytes."""

    type: Literal["base64"]
    media_type: Literal["image/jpeg", "image/png", "image/gif", "image/webp"]
    data: str


# [AN:url_image_source_param.py] [AN:url_pdf_source_param.py]
class URLSource(WireModel):
    """An image or PDF fetched by URL."""

    type: Literal["url"]
    url: str


# [AN:file_image_source_param.py] [AN:file_document_source_param.py]
class FileSource(WireModel):
    """A file uploaded through the Files API."""

    type: Literal["file"]
    file_id: str


# [AN:image_block_param.py] Source
ImageSource = Annotated[Base64ImageSource | URLSource | FileSource | UnknownTyped, OpenUnion("type")]


# [AN:base64_pdf_source_param.py] [AN:base64_pdf_source.py]
class Base64PDFSource(WireModel):
    """Inline base64 PDF bytes."""

    type: Literal["base64"]
    media_type: Literal["application/pdf"]
    data: str


# [AN:plain_text_source_param.py] [AN:plain_text_source.py]
class PlainTextSource(WireModel):
    """An inline plain-text document."""

    type: Literal["text"]
    media_type: Literal["text/plain"]
    data: str


# [AN:image_transformations_param.py]
class ImageTransformations(WireModel):
    """What to do with an image over the size limit (``downsize`` | ``error``)."""

    oversized_image: str | None = None


# [AN:text_block_param.py] [AN:text_block.py]
class TextBlock(WireModel):
    """Text; ``citations`` is null or absent unless the model cited a source."""

    type: Literal["text"]
    text: str
    citations: list[TextCitation] | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:image_block_param.py]
class ImageBlock(WireModel):
    """An image input (user turns, tool results)."""

    type: Literal["image"]
    source: ImageSource
    transformations: ImageTransformations | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:content_block_source_content_param.py]
ContentBlockSourceContent = Annotated[TextBlock | ImageBlock | UnknownTyped, OpenUnion("type")]


# [AN:content_block_source_param.py]
class ContentBlockSource(WireModel):
    """A custom-content document made of text (and image) blocks."""

    type: Literal["content"]
    content: str | list[ContentBlockSourceContent]


# [AN:document_block_param.py] Source
DocumentSource = Annotated[
    Base64PDFSource | PlainTextSource | ContentBlockSource | URLSource | FileSource | UnknownTyped,
    OpenUnion("type"),
]


# [AN:document_block_param.py] [AN:document_block.py]
class DocumentBlock(WireModel):
    """A document (PDF, plain text, custom content) the model may cite."""

    type: Literal["document"]
    source: DocumentSource
    title: str | None = None
    context: str | None = None
    citations: CitationsConfig | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:search_result_block_param.py]
class SearchResultBlock(WireModel):
    """A search result given by the client (RAG) that the model may cite."""

    type: Literal["search_result"]
    source: str
    title: str
    content: list[TextBlock]
    citations: CitationsConfig | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:thinking_block_param.py] [AN:thinking_block.py]
class ThinkingBlock(WireModel):
    """Extended thinking; replay it unmodified (the signature covers it)."""

    type: Literal["thinking"]
    thinking: str
    signature: str


# [AN:redacted_thinking_block_param.py] [AN:redacted_thinking_block.py]
class RedactedThinkingBlock(WireModel):
    """Encrypted thinking; replay it unmodified."""

    type: Literal["redacted_thinking"]
    data: str


# [AN:direct_caller_param.py] [AN:direct_caller.py]
class DirectCaller(WireModel):
    """The model called the tool directly."""

    type: Literal["direct"]


# [AN:server_tool_caller_param.py] [AN:server_tool_caller_20260120_param.py] [AN:server_tool_caller.py]
class ServerToolCaller(WireModel):
    """The tool was called from code run by a code-execution tool (programmatic tool calling)."""

    type: Literal["code_execution_20250825", "code_execution_20260120"]
    tool_id: str


# [AN:tool_use_caller.py] an unknown (e.g. newer code_execution_*) caller keeps its fields verbatim
Caller = Annotated[DirectCaller | ServerToolCaller | UnknownTyped, OpenUnion("type")]


# [AN:tool_use_block_param.py] [AN:tool_use_block.py]
class ToolUseBlock(WireModel):
    """A client tool call made by the model."""

    type: Literal["tool_use"]
    id: str
    name: str
    input: JSONObject
    caller: Caller | None = None
    toolset_name: str | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:server_tool_use_block_param.py] [AN:server_tool_use_block.py]
class ServerToolUseBlock(WireModel):
    """A server tool call (``web_search``, ``code_execution``, ...); ``name`` grows, so it is open."""

    type: Literal["server_tool_use"]
    id: str
    name: str
    input: JSONObject
    caller: Caller | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:container_upload_block_param.py] [AN:container_upload_block.py]
class ContainerUploadBlock(WireModel):
    """A file to put into the code-execution container."""

    type: Literal["container_upload"]
    file_id: str
    cache_control: CacheControlEphemeral | None = None


# [AN:tool_reference_block_param.py] [AN:tool_reference_block.py]
class ToolReferenceBlock(WireModel):
    """A reference to a deferred tool (tool search results, tool_result content)."""

    type: Literal["tool_reference"]
    tool_name: str
    cache_control: CacheControlEphemeral | None = None


# [AN:browser_state_tab_entry_param.py]
class BrowserStateTab(WireModel):
    """One open browser tab."""

    tab_id: str
    title: str
    url: str
    active: bool | None = None


# [AN:browser_state_change_tab_opened_param.py]
class BrowserStateChangeTabOpened(WireModel):
    """A tab was opened."""

    type: Literal["tab_opened"]
    tab_id: str


# [AN:browser_state_change_download_started_param.py]
class BrowserStateChangeDownloadStarted(WireModel):
    """A download started."""

    type: Literal["download_started"]
    download_id: str
    url: str


# [AN:browser_state_change_download_completed_param.py]
class BrowserStateChangeDownloadCompleted(WireModel):
    """A download completed."""

    type: Literal["download_completed"]
    download_id: str
    url: str
    path: str | None = None
    size_bytes: int | None = None


# [AN:browser_state_change_download_failed_param.py]
class BrowserStateChangeDownloadFailed(WireModel):
    """A download failed."""

    type: Literal["download_failed"]
    download_id: str
    url: str
    error: str | None = None


# [AN:browser_state_change_param.py]
BrowserStateChange = Annotated[
    BrowserStateChangeTabOpened
    | BrowserStateChangeDownloadStarted
    | BrowserStateChangeDownloadCompleted
    | BrowserStateChangeDownloadFailed
    | UnknownTyped,
    OpenUnion("type"),
]


# [AN:browser_state_block_param.py]
class BrowserStateBlock(WireModel):
    """The browser state returned by a browser toolset tool."""

    type: Literal["browser_state"]
    tabs: list[BrowserStateTab]
    state_changes: list[BrowserStateChange] | None = None
    cache_control: CacheControlEphemeral | None = None


# [AN:tool_result_block_param.py] Content
ToolResultContent = Annotated[
    TextBlock
    | ImageBlock
    | SearchResultBlock
    | DocumentBlock
    | ToolReferenceBlock
    | BrowserStateBlock
    | UnknownTyped,
    OpenUnion("type"),
]


# [AN:tool_result_block_param.py]
class ToolResultBlock(WireModel):
    """The result of a client tool call, in the user turn right after the ``tool_use``."""

    type: Literal["tool_result"]
    tool_use_id: str
    content: str | list[ToolResultContent] | None = None
    is_error: bool | None = None
    toolset_name: str | None = None
    cache_control: CacheControlEphemeral | None = None
