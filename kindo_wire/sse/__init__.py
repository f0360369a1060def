"""Sans-I/O Server-Sent Events: ``SSEDecoder`` (bytes -> events) and the encoder (events -> bytes)."""

from .decoder import DEFAULT_MAX_EVENT_SIZE, ServerSentEvent, SSEDecoder
from .encoder import encode, encode_all, encode_comment, encode_event

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "SSEDecoder",
    "ServerSentEvent",
    "encode",
    "encode_all",
    "encode_comment",
    "encode_event",
]
