"""LiteLLM's own translation function for each (kind, source, target) the conversion benchmark times.

Bytes in to bytes out like kw: ``orjson`` loads before, ``orjson.dumps`` after (pydantic objects
through ``model_dump``). Only the translation function is timed, not the ``litellm.completion()``
machinery around it, and logging is a no-op object: both favour LiteLLM.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import harness  # noqa: F401  (before litellm: offline cost map, no sockets)
import httpx
import orjson
from litellm.completion_extras.litellm_responses_transformation.transformation import (
    LiteLLMResponsesTransformationHandler,
)
from litellm.llms.anthropic.chat.transformation import AnthropicConfig
from litellm.llms.anthropic.pass_through.adapters.transformation import (
    LiteLLMAnthropicMessagesAdapter,
)
from litellm.llms.anthropic.pass_through.responses_adapters.transformation import (
    LiteLLMAnthropicToResponsesAPIAdapter,
)
from litellm.responses.litellm_completion_transformation.transformation import (
    LiteLLMCompletionResponsesConfig,
)
from litellm.types.llms.openai import ResponsesAPIResponse
from litellm.types.utils import ModelResponse


def _default(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump()
    raise TypeError(f"not JSON serializable: {type(obj).__name__}")


def _dumps(obj: Any) -> bytes:
    """LiteLLM's output as bytes: orjson (faster than what LiteLLM itself uses), pydantic objects
    through ``model_dump``. Favours LiteLLM, so the speedups reported are conservative."""
    return orjson.dumps(obj, default=_default)


class _NoLogging:
    """Stands in for LiteLLM's ``Logging`` object: translation is measured, not logging/callbacks."""

    model_call_details: dict[str, Any] = {}
    call_type: str | None = None

    def post_call(self, *_args: Any, **_kwargs: Any) -> None:
        return None


@dataclass(frozen=True)
class Peer:
    """A LiteLLM counterpart: ``run(raw) -> bytes``, or ``None`` with why."""

    run: Callable[[bytes], bytes] | None
    what: str


def litellm_peers() -> tuple[str, dict[tuple[str, str, str], Peer]]:
    """LiteLLM's version and its translation function for each (kind, source, target)."""
    anthropic = AnthropicConfig()
    adapter = LiteLLMAnthropicMessagesAdapter()
    responses_adapter = LiteLLMAnthropicToResponsesAPIAdapter()
    bridge = LiteLLMResponsesTransformationHandler()
    completion_responses = LiteLLMCompletionResponsesConfig
    log = _NoLogging()

    # ---- requests
    def chat_to_anthropic(body: dict[str, Any]) -> dict[str, Any]:
        model, messages = body.pop("model"), body.pop("messages")
        optional = anthropic.map_openai_params(body, {}, model, False)
        return anthropic.transform_request(model, messages, optional, {}, {})

    def req_chat_messages(raw: bytes) -> bytes:
        return _dumps(chat_to_anthropic(orjson.loads(raw)))

    def req_chat_responses(raw: bytes) -> bytes:
        body = orjson.loads(raw)
        model, messages = body.pop("model"), body.pop("messages")
        out = bridge.transform_request(model, messages, body, {}, {}, log)  # type: ignore[arg-type]
        out.pop("litellm_logging_obj", None)  # kwargs for litellm.responses(), not wire fields
        out.pop("client", None)
        return _dumps(out)

    def req_messages_chat(raw: bytes) -> bytes:
        out, _names = adapter.translate_anthropic_to_openai(orjson.loads(raw))
        return _dumps(out)

    def req_messages_responses(raw: bytes) -> bytes:
        return _dumps(responses_adapter.translate_request(orjson.loads(raw)))

    def responses_to_chat(body: dict[str, Any]) -> dict[str, Any]:
        model, input_ = body.pop("model"), body.pop("input")
        out = completion_responses.transform_responses_api_request_to_chat_completion_request(
            model, input_, body, custom_llm_provider="openai"
        )
        out.pop("custom_llm_provider", None)  # a litellm.completion() kwarg, not a wire field
        return out

    def req_responses_chat(raw: bytes) -> bytes:
        return _dumps(responses_to_chat(orjson.loads(raw)))

    def req_responses_messages(raw: bytes) -> bytes:
        return _dumps(chat_to_anthropic(responses_to_chat(orjson.loads(raw))))

    # ---- responses
    def anthropic_to_model_response(raw: bytes) -> Any:
        return anthropic.transform_response(
            "claude-sonnet-4-5",
            httpx.Response(200, content=raw),
            ModelResponse(),
            log,  # type: ignore[arg-type]
            {},
            [],
            {},
            {},
            None,
        )

    def chat_to_responses_response(model_response: Any) -> Any:
        return completion_responses.transform_chat_completion_response_to_responses_api_response(
            "", {}, model_response
        )

    def resp_chat_messages(raw: bytes) -> bytes:
        return _dumps(adapter.translate_openai_response_to_anthropic(ModelResponse(**orjson.loads(raw))))

    def resp_chat_responses(raw: bytes) -> bytes:
        return _dumps(chat_to_responses_response(ModelResponse(**orjson.loads(raw))))

    def resp_messages_chat(raw: bytes) -> bytes:
        return _dumps(anthropic_to_model_response(raw))

    def resp_messages_responses(raw: bytes) -> bytes:
        return _dumps(chat_to_responses_response(anthropic_to_model_response(raw)))

    def resp_responses_chat(raw: bytes) -> bytes:
        out = bridge.transform_response(
            "gpt-4o",
            ResponsesAPIResponse(**orjson.loads(raw)),
            ModelResponse(),
            log,  # type: ignore[arg-type]
            {},
            [],
            {},
            {},
            None,
        )
        return _dumps(out)

    def resp_responses_messages(raw: bytes) -> bytes:
        return _dumps(responses_adapter.translate_response(ResponsesAPIResponse(**orjson.loads(raw))))

    a = "litellm.llms.anthropic"
    peers = {
        ("request", "chat", "messages"): Peer(
            req_chat_messages,
            f"`{a}.chat.transformation.AnthropicConfig` `map_openai_params` + `transform_request`",
        ),
        ("request", "chat", "responses"): Peer(
            req_chat_responses,
            "`litellm.completion_extras.litellm_responses_transformation.transformation."
            "LiteLLMResponsesTransformationHandler().transform_request` (the chat->responses bridge)",
        ),
        ("request", "messages", "chat"): Peer(
            req_messages_chat,
            f"`{a}.pass_through.adapters.transformation.LiteLLMAnthropicMessagesAdapter()"
            ".translate_anthropic_to_openai`",
        ),
        ("request", "messages", "responses"): Peer(
            req_messages_responses,
            f"`{a}.pass_through.responses_adapters.transformation.LiteLLMAnthropicToResponsesAPIAdapter()"
            ".translate_request`",
        ),
        ("request", "responses", "chat"): Peer(
            req_responses_chat,
            "`litellm.responses.litellm_completion_transformation.transformation."
            "LiteLLMCompletionResponsesConfig.transform_responses_api_request_to_chat_completion_request`",
        ),
        ("request", "responses", "messages"): Peer(
            req_responses_messages,
            "no direct function: via chat, as `litellm.responses()` does for an Anthropic model "
            "(`transform_responses_api_request_to_chat_completion_request`, then `AnthropicConfig` "
            "`map_openai_params` + `transform_request`)",
        ),
        ("response", "chat", "messages"): Peer(
            resp_chat_messages,
            "`ModelResponse(**body)` + `LiteLLMAnthropicMessagesAdapter()"
            ".translate_openai_response_to_anthropic`",
        ),
        ("response", "chat", "responses"): Peer(
            resp_chat_responses,
            "`ModelResponse(**body)` + `LiteLLMCompletionResponsesConfig."
            "transform_chat_completion_response_to_responses_api_response`",
        ),
        ("response", "messages", "chat"): Peer(
            resp_messages_chat,
            "`AnthropicConfig().transform_response` (on an in-memory `httpx.Response`)",
        ),
        ("response", "messages", "responses"): Peer(
            resp_messages_responses,
            "no direct function: via chat, as `litellm.responses()` does for an Anthropic model "
            "(`AnthropicConfig().transform_response`, then "
            "`transform_chat_completion_response_to_responses_api_response`)",
        ),
        ("response", "responses", "chat"): Peer(
            resp_responses_chat,
            "`ResponsesAPIResponse(**body)` + `LiteLLMResponsesTransformationHandler().transform_response`",
        ),
        ("response", "responses", "messages"): Peer(
            resp_responses_messages,
            "`ResponsesAPIResponse(**body)` + `LiteLLMAnthropicToResponsesAPIAdapter().translate_response`",
        ),
    }
    return importlib.metadata.version("litellm"), peers
