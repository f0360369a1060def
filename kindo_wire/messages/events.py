"""Anthropic Messages stream events (``stream: true``): each SSE ``event:`` name equals ``data.type``.

The union adds ``ping`` and ``error`` to the SDK's ``RawMessageStreamEvent`` (the SDK drops pings and
raises on errors before parsing); any other unknown event type parses into the catch-all, to be ignored
or forwarded as the versioning policy asks.
"""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import OpenUnion, UnknownTyped, WireModel

from .blocks import TextCitation
from .errors import ErrorResponse
from .schema import (
    Container,
    ContentBlock,
    Message,
    OutputTokensDetails,
    ServerToolUsage,
    StopDetails,
)


# [AN:text_delta.py]
class TextDelta(WireModel):
    """More text for a ``text`` block."""

    type: Literal["text_delta"]
    text: str


# [AN:input_json_delta.py]
class InputJSONDelta(WireModel):
    """A fragment of the JSON text of a ``tool_use`` / ``server_tool_use`` input."""

    type: Literal["input_json_delta"]
    partial_json: str


# [AN:thinking_delta.py]
class ThinkingDelta(WireModel):
    """More thinking text."""

    type: Literal["thinking_delta"]
    thinking: str


# [AN:signature_delta.py]
class SignatureDelta(WireModel):
    """The signature of a ``thinking`` block, just before its ``content_block_stop``."""

    type: Literal["signature_delta"]
    signature: str


# [AN:citations_delta.py]
class CitationsDelta(WireModel):
    """A citation to append to a ``text`` block."""

    type: Literal["citations_delta"]
    citation: TextCitation


# [AN:raw_content_block_delta.py]
ContentBlockDelta = Annotated[
    TextDelta | InputJSONDelta | ThinkingDelta | SignatureDelta | CitationsDelta | UnknownTyped,
    OpenUnion("type"),
]


# [AN:raw_message_start_event.py]
class MessageStartEvent(WireModel):
    """The first event: the message with empty ``content`` and initial ``usage``."""

    type: Literal["message_start"]
    message: Message


# [AN:raw_content_block_start_event.py]
class ContentBlockStartEvent(WireModel):
    """A block starts at position ``index`` (result blocks arrive complete here)."""

    type: Literal["content_block_start"]
    index: int
    content_block: ContentBlock


# [AN:raw_content_block_delta_event.py]
class ContentBlockDeltaEvent(WireModel):
    """An increment of the block at ``index``."""

    type: Literal["content_block_delta"]
    index: int
    delta: ContentBlockDelta


# [AN:raw_content_block_stop_event.py]
class ContentBlockStopEvent(WireModel):
    """The block at ``index`` is complete."""

    type: Literal["content_block_stop"]
    index: int


# [AN:raw_message_delta_event.py] Delta
class MessageDelta(WireModel):
    """Top-level message changes: the stop reason and friends."""

    stop_reason: str | None = None
    stop_sequence: str | None = None
    stop_details: StopDetails | None = None
    container: Container | None = None


# [AN:message_delta_usage.py] counts are cumulative; absent ones keep their ``message_start`` value
class MessageDeltaUsage(WireModel):
    """Usage so far."""

    output_tokens: int
    input_tokens: int | None = None
    cache_creation_input_tokens: int | None = None
    cache_read_input_tokens: int | None = None
    server_tool_use: ServerToolUsage | None = None
    output_tokens_details: OutputTokensDetails | None = None


# [AN:raw_message_delta_event.py]
class MessageDeltaEvent(WireModel):
    """The stop reason and cumulative usage, before ``message_stop``."""

    type: Literal["message_delta"]
    delta: MessageDelta
    usage: MessageDeltaUsage


# [AN:raw_message_stop_event.py]
class MessageStopEvent(WireModel):
    """The last event of a successful stream."""

    type: Literal["message_stop"]


# [D:stream] ping
class PingEvent(WireModel):
    """A keep-alive; may occur anywhere."""

    type: Literal["ping"]


# [D:stream] error: the same shape as the HTTP error body
ErrorEvent = ErrorResponse

# [AN:raw_message_stream_event.py] + ping and error [D:stream]
MessageStreamEvent = Annotated[
    MessageStartEvent
    | ContentBlockStartEvent
    | ContentBlockDeltaEvent
    | ContentBlockStopEvent
    | MessageDeltaEvent
    | MessageStopEvent
    | PingEvent
    | ErrorResponse
    | UnknownTyped,
    OpenUnion("type"),
]
