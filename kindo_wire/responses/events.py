"""Responses stream events: one model per event type of ``openai.types.responses.ResponseStreamEvent``.

Framing is ``event: <type>`` + ``data: <json>`` with ``data.type`` equal to the event name (WIRE.md
§3.7). ``sequence_number`` is optional here: recordings made before it existed lack it.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import TypeAdapter

from kindo_wire._wire import JSONObject, Number, OpenUnion, UnknownTyped, WireModel

from .content import Annotation, StreamedContentPart, SummaryPart
from .items import OutputItem
from .schema import Response
from .tool_events import (
    ResponseCodeInterpreterCallCodeDeltaEvent,
    ResponseCodeInterpreterCallCodeDoneEvent,
    ResponseCodeInterpreterCallCompletedEvent,
    ResponseCodeInterpreterCallInProgressEvent,
    ResponseCodeInterpreterCallInterpretingEvent,
    ResponseCustomToolCallInputDeltaEvent,
    ResponseCustomToolCallInputDoneEvent,
    ResponseFileSearchCallCompletedEvent,
    ResponseFileSearchCallInProgressEvent,
    ResponseFileSearchCallSearchingEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseImageGenCallCompletedEvent,
    ResponseImageGenCallGeneratingEvent,
    ResponseImageGenCallInProgressEvent,
    ResponseImageGenCallPartialImageEvent,
    ResponseMcpCallArgumentsDeltaEvent,
    ResponseMcpCallArgumentsDoneEvent,
    ResponseMcpCallCompletedEvent,
    ResponseMcpCallFailedEvent,
    ResponseMcpCallInProgressEvent,
    ResponseMcpListToolsCompletedEvent,
    ResponseMcpListToolsFailedEvent,
    ResponseMcpListToolsInProgressEvent,
    ResponseWebSearchCallCompletedEvent,
    ResponseWebSearchCallInProgressEvent,
    ResponseWebSearchCallSearchingEvent,
)


# [OA:responses/response_text_delta_event.py] LogprobTopLogprob
class TextEventTopLogprob(WireModel):
    """An alternative token in a streamed text logprob."""

    token: str | None = None
    logprob: Number | None = None


# [OA:responses/response_text_delta_event.py] Logprob
class TextEventLogprob(WireModel):
    """The log probability of a streamed token."""

    token: str
    logprob: Number
    top_logprobs: list[TextEventTopLogprob] | None = None


# [OA:responses/response_audio_delta_event.py]
class ResponseAudioDeltaEvent(WireModel):
    """A chunk of base64 audio."""

    type: Literal["response.audio.delta"]
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_audio_done_event.py]
class ResponseAudioDoneEvent(WireModel):
    """The audio is complete."""

    type: Literal["response.audio.done"]
    sequence_number: int | None = None


# [OA:responses/response_audio_transcript_delta_event.py]
class ResponseAudioTranscriptDeltaEvent(WireModel):
    """A chunk of the audio transcript."""

    type: Literal["response.audio.transcript.delta"]
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_audio_transcript_done_event.py]
class ResponseAudioTranscriptDoneEvent(WireModel):
    """The audio transcript is complete."""

    type: Literal["response.audio.transcript.done"]
    sequence_number: int | None = None


# [OA:responses/response_completed_event.py]
class ResponseCompletedEvent(WireModel):
    """Terminal: the response completed (carries ``usage``)."""

    type: Literal["response.completed"]
    response: Response
    sequence_number: int | None = None


# [OA:responses/response_content_part_added_event.py]
class ResponseContentPartAddedEvent(WireModel):
    """A content part started."""

    type: Literal["response.content_part.added"]
    item_id: str
    output_index: int
    content_index: int
    part: StreamedContentPart
    sequence_number: int | None = None


# [OA:responses/response_content_part_done_event.py]
class ResponseContentPartDoneEvent(WireModel):
    """A content part is complete."""

    type: Literal["response.content_part.done"]
    item_id: str
    output_index: int
    content_index: int
    part: StreamedContentPart
    sequence_number: int | None = None


# [OA:responses/response_created_event.py]
class ResponseCreatedEvent(WireModel):
    """First event: the response was created."""

    type: Literal["response.created"]
    response: Response
    sequence_number: int | None = None


# [OA:responses/response_error_event.py]
class ResponseErrorEvent(WireModel):
    """A mid-stream error (flat: no nested ``error`` object)."""

    type: Literal["error"]
    message: str
    code: str | None = None
    param: str | None = None
    sequence_number: int | None = None


# [OA:responses/response_in_progress_event.py]
class ResponseInProgressEvent(WireModel):
    """The response is being generated."""

    type: Literal["response.in_progress"]
    response: Response
    sequence_number: int | None = None


# [OA:responses/response_failed_event.py]
class ResponseFailedEvent(WireModel):
    """Terminal: the response failed (``response.error``)."""

    type: Literal["response.failed"]
    response: Response
    sequence_number: int | None = None


# [OA:responses/response_incomplete_event.py]
class ResponseIncompleteEvent(WireModel):
    """Terminal: the response is incomplete (``response.incomplete_details``)."""

    type: Literal["response.incomplete"]
    response: Response
    sequence_number: int | None = None


# [OA:responses/response_output_item_added_event.py]
class ResponseOutputItemAddedEvent(WireModel):
    """An output item started (its initial state)."""

    type: Literal["response.output_item.added"]
    output_index: int
    item: OutputItem
    sequence_number: int | None = None


# [OA:responses/response_output_item_done_event.py]
class ResponseOutputItemDoneEvent(WireModel):
    """An output item is complete (its final state)."""

    type: Literal["response.output_item.done"]
    output_index: int
    item: OutputItem
    sequence_number: int | None = None


# [OA:responses/response_reasoning_summary_part_added_event.py]
class ResponseReasoningSummaryPartAddedEvent(WireModel):
    """A reasoning summary part started."""

    type: Literal["response.reasoning_summary_part.added"]
    item_id: str
    output_index: int
    summary_index: int
    part: SummaryPart
    sequence_number: int | None = None


# [OA:responses/response_reasoning_summary_part_done_event.py]
class ResponseReasoningSummaryPartDoneEvent(WireModel):
    """A reasoning summary part is complete."""

    type: Literal["response.reasoning_summary_part.done"]
    item_id: str
    output_index: int
    summary_index: int
    part: SummaryPart
    status: str | None = None
    sequence_number: int | None = None


# [OA:responses/response_reasoning_summary_text_delta_event.py]
class ResponseReasoningSummaryTextDeltaEvent(WireModel):
    """A chunk of reasoning summary text."""

    type: Literal["response.reasoning_summary_text.delta"]
    item_id: str
    output_index: int
    summary_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_reasoning_summary_text_done_event.py]
class ResponseReasoningSummaryTextDoneEvent(WireModel):
    """The full text of a reasoning summary part."""

    type: Literal["response.reasoning_summary_text.done"]
    item_id: str
    output_index: int
    summary_index: int
    text: str
    sequence_number: int | None = None


# [OA:responses/response_reasoning_text_delta_event.py]
class ResponseReasoningTextDeltaEvent(WireModel):
    """A chunk of raw reasoning text."""

    type: Literal["response.reasoning_text.delta"]
    item_id: str
    output_index: int
    content_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_reasoning_text_done_event.py]
class ResponseReasoningTextDoneEvent(WireModel):
    """The full raw reasoning text of a part."""

    type: Literal["response.reasoning_text.done"]
    item_id: str
    output_index: int
    content_index: int
    text: str
    sequence_number: int | None = None


# [OA:responses/response_refusal_delta_event.py]
class ResponseRefusalDeltaEvent(WireModel):
    """A chunk of refusal text."""

    type: Literal["response.refusal.delta"]
    item_id: str
    output_index: int
    content_index: int
    delta: str
    sequence_number: int | None = None


# [OA:responses/response_refusal_done_event.py]
class ResponseRefusalDoneEvent(WireModel):
    """The full refusal text."""

    type: Literal["response.refusal.done"]
    item_id: str
    output_index: int
    content_index: int
    refusal: str
    sequence_number: int | None = None


# [OA:responses/response_text_delta_event.py]
class ResponseTextDeltaEvent(WireModel):
    """A chunk of output text. ``logprobs`` is required in the SDK; OpenAI-compatible servers omit it."""

    type: Literal["response.output_text.delta"]
    item_id: str
    output_index: int
    content_index: int
    delta: str
    logprobs: list[TextEventLogprob] | None = None
    sequence_number: int | None = None


# [OA:responses/response_text_done_event.py]
class ResponseTextDoneEvent(WireModel):
    """The full text of a part. ``logprobs`` is required in the SDK; OpenAI-compatible servers omit it."""

    type: Literal["response.output_text.done"]
    item_id: str
    output_index: int
    content_index: int
    text: str
    logprobs: list[TextEventLogprob] | None = None
    sequence_number: int | None = None


# [OA:responses/response_output_text_annotation_added_event.py]
class ResponseOutputTextAnnotationAddedEvent(WireModel):
    """An annotation was added to an output_text part.

    The SDK types ``annotation`` as any object; one without a ``type`` is kept as a plain dict.
    """

    type: Literal["response.output_text.annotation.added"]
    item_id: str
    output_index: int
    content_index: int
    annotation_index: int
    annotation: Annotation | JSONObject
    sequence_number: int | None = None


# [OA:responses/response_queued_event.py]
class ResponseQueuedEvent(WireModel):
    """The response is queued (background mode)."""

    type: Literal["response.queued"]
    response: Response
    sequence_number: int | None = None


ResponseStreamEvent = Annotated[
    Union[  # noqa: UP007
        ResponseAudioDeltaEvent,
        ResponseAudioDoneEvent,
        ResponseAudioTranscriptDeltaEvent,
        ResponseAudioTranscriptDoneEvent,
        ResponseCodeInterpreterCallCodeDeltaEvent,
        ResponseCodeInterpreterCallCodeDoneEvent,
        ResponseCodeInterpreterCallCompletedEvent,
        ResponseCodeInterpreterCallInProgressEvent,
        ResponseCodeInterpreterCallInterpretingEvent,
        ResponseCompletedEvent,
        ResponseContentPartAddedEvent,
        ResponseContentPartDoneEvent,
        ResponseCreatedEvent,
        ResponseErrorEvent,
        ResponseFileSearchCallCompletedEvent,
        ResponseFileSearchCallInProgressEvent,
        ResponseFileSearchCallSearchingEvent,
        ResponseFunctionCallArgumentsDeltaEvent,
        ResponseFunctionCallArgumentsDoneEvent,
        ResponseInProgressEvent,
        ResponseFailedEvent,
        ResponseIncompleteEvent,
        ResponseOutputItemAddedEvent,
        ResponseOutputItemDoneEvent,
        ResponseReasoningSummaryPartAddedEvent,
        ResponseReasoningSummaryPartDoneEvent,
        ResponseReasoningSummaryTextDeltaEvent,
        ResponseReasoningSummaryTextDoneEvent,
        ResponseReasoningTextDeltaEvent,
        ResponseReasoningTextDoneEvent,
        ResponseRefusalDeltaEvent,
        ResponseRefusalDoneEvent,
        ResponseTextDeltaEvent,
        ResponseTextDoneEvent,
        ResponseWebSearchCallCompletedEvent,
        ResponseWebSearchCallInProgressEvent,
        ResponseWebSearchCallSearchingEvent,
        ResponseImageGenCallCompletedEvent,
        ResponseImageGenCallGeneratingEvent,
        ResponseImageGenCallInProgressEvent,
        ResponseImageGenCallPartialImageEvent,
        ResponseMcpCallArgumentsDeltaEvent,
        ResponseMcpCallArgumentsDoneEvent,
        ResponseMcpCallCompletedEvent,
        ResponseMcpCallFailedEvent,
        ResponseMcpCallInProgressEvent,
        ResponseMcpListToolsCompletedEvent,
        ResponseMcpListToolsFailedEvent,
        ResponseMcpListToolsInProgressEvent,
        ResponseOutputTextAnnotationAddedEvent,
        ResponseQueuedEvent,
        ResponseCustomToolCallInputDeltaEvent,
        ResponseCustomToolCallInputDoneEvent,
        UnknownTyped,
    ],
    OpenUnion("type"),
]
"""One event of a Responses stream; unknown event types parse into ``UnknownTyped``."""

STREAM_EVENT_TYPES: frozenset[str] = frozenset(
    {
        "response.audio.delta",
        "response.audio.done",
        "response.audio.transcript.delta",
        "response.audio.transcript.done",
        "response.code_interpreter_call_code.delta",
        "response.code_interpreter_call_code.done",
        "response.code_interpreter_call.completed",
        "response.code_interpreter_call.in_progress",
        "response.code_interpreter_call.interpreting",
        "response.completed",
        "response.content_part.added",
        "response.content_part.done",
        "response.created",
        "error",
        "response.file_search_call.completed",
        "response.file_search_call.in_progress",
        "response.file_search_call.searching",
        "response.function_call_arguments.delta",
        "response.function_call_arguments.done",
        "response.in_progress",
        "response.failed",
        "response.incomplete",
        "response.output_item.added",
        "response.output_item.done",
        "response.reasoning_summary_part.added",
        "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.delta",
        "response.reasoning_summary_text.done",
        "response.reasoning_text.delta",
        "response.reasoning_text.done",
        "response.refusal.delta",
        "response.refusal.done",
        "response.output_text.delta",
        "response.output_text.done",
        "response.web_search_call.completed",
        "response.web_search_call.in_progress",
        "response.web_search_call.searching",
        "response.image_generation_call.completed",
        "response.image_generation_call.generating",
        "response.image_generation_call.in_progress",
        "response.image_generation_call.partial_image",
        "response.mcp_call_arguments.delta",
        "response.mcp_call_arguments.done",
        "response.mcp_call.completed",
        "response.mcp_call.failed",
        "response.mcp_call.in_progress",
        "response.mcp_list_tools.completed",
        "response.mcp_list_tools.failed",
        "response.mcp_list_tools.in_progress",
        "response.output_text.annotation.added",
        "response.queued",
        "response.custom_tool_call_input.delta",
        "response.custom_tool_call_input.done",
    }
)
"""The 53 event types the SDK declares, each with its own model here."""

STREAM_EVENT_ADAPTER: TypeAdapter[ResponseStreamEvent] = TypeAdapter(ResponseStreamEvent)
"""Validates one event's JSON (``STREAM_EVENT_ADAPTER.validate_json(data)``); built once."""
