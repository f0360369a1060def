"""The schema set of each API, so code that works on any API looks its models up in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from . import chat, messages, responses
from ._wire import WireModel
from .api import Api


@dataclass(frozen=True)
class Schemas:
    request: type[WireModel]
    response: type[WireModel]
    error: type[WireModel]
    stream_event: TypeAdapter[Any]  # one SSE data payload; built once at import

    def dump_event(self, event: Any) -> Any:
        return self.stream_event.dump_python(event, mode="json", by_alias=True, exclude_unset=True)


SCHEMAS: dict[Api, Schemas] = {
    Api.CHAT: Schemas(
        chat.ChatCompletionRequest, chat.ChatCompletion, chat.ErrorResponse, chat.STREAM_EVENT_ADAPTER
    ),
    Api.MESSAGES: Schemas(
        messages.MessageCreateRequest, messages.Message, messages.ErrorResponse, messages.STREAM_EVENT_ADAPTER
    ),
    Api.RESPONSES: Schemas(
        responses.ResponseCreateRequest,
        responses.Response,
        responses.ErrorResponse,
        responses.STREAM_EVENT_ADAPTER,
    ),
}
