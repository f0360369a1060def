"""Chat Completions request messages: the ``messages[]`` union, discriminated on ``role``."""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import OpenUnion, WireModel
from kindo_wire.chat.content import ContentPart
from kindo_wire.chat.tools import FunctionCall, ToolCall


# [OA:chat/chat_completion_developer_message_param.py]
class DeveloperMessage(WireModel):
    """Instructions for o1 and newer models (replaces ``system``)."""

    role: Literal["developer"]
    content: str | list[ContentPart]
    name: str | None = None


# [OA:chat/chat_completion_system_message_param.py]
class SystemMessage(WireModel):
    """System instructions; allowed anywhere in the conversation."""

    role: Literal["system"]
    content: str | list[ContentPart]
    name: str | None = None


# [OA:chat/chat_completion_user_message_param.py]
class UserMessage(WireModel):
    """A user turn: text, images, audio and files."""

    role: Literal["user"]
    content: str | list[ContentPart]
    name: str | None = None


# [OA:chat/chat_completion_assistant_message_param.py] Audio
class AssistantAudio(WireModel):
    """A reference to a previous audio response of the model."""

    id: str


# [OA:chat/chat_completion_assistant_message_param.py]
class AssistantMessage(WireModel):
    """A previous model turn; ``content`` may be null when it has ``tool_calls``."""

    role: Literal["assistant"]
    content: str | list[ContentPart] | None = None
    refusal: str | None = None
    tool_calls: list[ToolCall] | None = None
    function_call: FunctionCall | None = None
    audio: AssistantAudio | None = None
    name: str | None = None


# [OA:chat/chat_completion_tool_message_param.py]
class ToolMessage(WireModel):
    """The result of the tool call ``tool_call_id``."""

    role: Literal["tool"]
    content: str | list[ContentPart]
    tool_call_id: str


# [OA:chat/chat_completion_function_message_param.py]
class FunctionMessage(WireModel):
    """Deprecated result of a legacy ``function_call``; ``content`` is required but nullable."""

    role: Literal["function"]
    content: str | None
    name: str


# [INFER] catch-all of the role union
class UnknownMessage(WireModel):
    """A message with a role this version does not know, kept verbatim."""

    role: str


Message = Annotated[
    DeveloperMessage
    | SystemMessage
    | UserMessage
    | AssistantMessage
    | ToolMessage
    | FunctionMessage
    | UnknownMessage,
    OpenUnion("role"),
]
