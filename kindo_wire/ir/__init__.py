"""The neutral model every conversion passes through: ``source wire -> IR -> target wire``.

No pydantic and no wire names here: frozen, slotted dataclasses, with what only one API can say
kept under ``extras[api]``.
"""

from ._node import JSON, NO_EXTRAS, Extras, extras_of
from .content import (
    Audio,
    CacheHint,
    Citation,
    Document,
    Image,
    Logprobs,
    Opaque,
    Part,
    Reasoning,
    Refusal,
    Source,
    Text,
    ToolCall,
    ToolResult,
)
from .error import Error
from .message import Message, Role
from .request import OutputFormat, ReasoningConfig, Request, Tool, ToolChoice
from .response import Choice, Finish, Response, Usage
from .stream import Header, StreamSink

__all__ = [
    "JSON",
    "NO_EXTRAS",
    "Audio",
    "CacheHint",
    "Choice",
    "Citation",
    "Document",
    "Error",
    "Extras",
    "Finish",
    "Header",
    "Image",
    "Logprobs",
    "Message",
    "Opaque",
    "OutputFormat",
    "Part",
    "Reasoning",
    "ReasoningConfig",
    "Refusal",
    "Request",
    "Response",
    "Role",
    "Source",
    "StreamSink",
    "Text",
    "Tool",
    "ToolCall",
    "ToolChoice",
    "ToolResult",
    "Usage",
    "extras_of",
]
