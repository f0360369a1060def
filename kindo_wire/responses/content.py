"""Responses content parts: what goes in a message's ``content`` and in a tool output list.

Input parts (``input_text``, ``input_image``, ``input_file``, ``input_audio``), output parts
(``output_text`` with annotations and logprobs, ``refusal``) and the reasoning parts
(``summary_text``, ``reasoning_text``). WIRE.md §3.2, §3.3.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from kindo_wire._wire import Number, OpenUnion, UnknownTyped, WireModel


# [OA:responses/response_input_text_param.py] PromptCacheBreakpoint
class PromptCacheBreakpoint(WireModel):
    """Marks the end of a reusable prompt prefix."""

    mode: Literal["explicit"]


# [OA:responses/response_input_text_param.py]
class InputText(WireModel):
    """A text input part."""

    type: Literal["input_text"]
    text: str
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:responses/response_input_image_param.py]
class InputImage(WireModel):
    """An image by URL (or data URL) or by uploaded ``file_id``.

    ``detail`` is a required key in the SDK message part but optional in tool outputs; the API
    defaults it to ``auto``.
    """

    type: Literal["input_image"]
    detail: Literal["low", "high", "auto", "original"] | None = None
    image_url: str | None = None
    file_id: str | None = None
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:responses/response_input_file_param.py]
class InputFile(WireModel):
    """A file inline (``file_data``), by URL (``file_url``) or by uploaded ``file_id``."""

    type: Literal["input_file"]
    detail: Literal["auto", "low", "high"] | None = None
    file_data: str | None = None
    file_id: str | None = None
    file_url: str | None = None
    filename: str | None = None
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:responses/response_input_audio_param.py] InputAudio
class InputAudioData(WireModel):
    """Base64 audio and its encoding."""

    data: str
    format: Literal["mp3", "wav"]


# [OA:responses/response_input_audio_param.py]
class InputAudio(WireModel):
    """Inline audio input (declared by the SDK, not in its message content union)."""

    type: Literal["input_audio"]
    input_audio: InputAudioData


# [OA:responses/response_output_text.py] AnnotationFileCitation
class FileCitation(WireModel):
    """A citation of an uploaded file (file_search)."""

    type: Literal["file_citation"]
    file_id: str
    filename: str
    index: int


# [OA:responses/response_output_text.py] AnnotationURLCitation
class URLCitation(WireModel):
    """A citation of a web page (web_search); indices are into the text."""

    type: Literal["url_citation"]
    url: str
    title: str
    start_index: int
    end_index: int


# [OA:responses/response_output_text.py] AnnotationContainerFileCitation
class ContainerFileCitation(WireModel):
    """A citation of a file in a code-interpreter container."""

    type: Literal["container_file_citation"]
    container_id: str
    file_id: str
    filename: str
    start_index: int
    end_index: int


# [OA:responses/response_output_text.py] AnnotationFilePath
class FilePath(WireModel):
    """A path to a generated file."""

    type: Literal["file_path"]
    file_id: str
    index: int


Annotation = Annotated[
    Union[FileCitation, URLCitation, ContainerFileCitation, FilePath, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""An annotation of an ``output_text`` part."""


# [OA:responses/response_output_text.py] LogprobTopLogprob
class TopLogprob(WireModel):
    """One alternative token at a position."""

    token: str
    bytes: list[int]
    logprob: Number


# [OA:responses/response_output_text.py] Logprob
class Logprob(WireModel):
    """The log probability of one output token, with its alternatives."""

    token: str
    bytes: list[int]
    logprob: Number
    top_logprobs: list[TopLogprob]


# [OA:responses/response_output_text.py]
class OutputText(WireModel):
    """Model text (in output messages and replayed assistant messages)."""

    type: Literal["output_text"]
    text: str
    annotations: list[Annotation]
    logprobs: list[Logprob] | None = None


# [OA:responses/response_output_refusal.py]
class Refusal(WireModel):
    """A refusal by the model."""

    type: Literal["refusal"]
    refusal: str


# [OA:responses/response_reasoning_item.py] Summary
class SummaryText(WireModel):
    """One part of a reasoning summary."""

    type: Literal["summary_text"]
    text: str


# [OA:responses/response_reasoning_item.py] Content
class ReasoningText(WireModel):
    """Raw reasoning text (open-weight models)."""

    type: Literal["reasoning_text"]
    text: str


InputContent = Annotated[
    Union[  # noqa: UP007
        InputText, InputImage, InputFile, InputAudio, OutputText, Refusal, UnknownTyped
    ],
    OpenUnion("type"),
]
"""A part of an input message's content: input parts, and output parts of a replayed assistant message.

The API decides which parts a role may carry; the schema accepts any of them.
"""

OutputContent = Annotated[
    Union[OutputText, Refusal, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""A part of an output message's content."""

ToolOutputContent = Annotated[
    Union[InputText, InputImage, InputFile, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""A part of a ``function_call_output`` / ``custom_tool_call_output`` list output."""

PromptVariable = Annotated[
    Union[InputText, InputImage, InputFile, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""A non-string value of a stored prompt's variable."""

StreamedContentPart = Annotated[
    Union[OutputText, Refusal, ReasoningText, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""The ``part`` of ``response.content_part.added`` / ``.done``."""

SummaryPart = Annotated[
    Union[SummaryText, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""A part of a reasoning item's ``summary`` (open for forward compatibility)."""

ReasoningContent = Annotated[
    Union[ReasoningText, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""A part of a reasoning item's ``content`` (open for forward compatibility)."""
