"""Which API a logged record speaks, and whether it is a request, a response, an error or an exchange.

Gateway logs mix the three APIs and rarely say which is which. The rules, in order (the first that
decides wins; ``docs/CLI.md`` states them for users):

* an **exchange record** (shaped like ``fixtures/traffic``: ``request``, ``response`` or ``stream``)
  names its API in ``api``, else by the endpoint in ``url``, else by its bodies;
* a **response** says what it is: ``object: "chat.completion"``, ``object: "response"``,
  ``type: "message"``;
* an **error** envelope is Anthropic's (``type: "error"``) or OpenAI's (``{"error": {...}}``), which
  Chat and Responses share: it is read as Chat, which converts the same;
* a **request** with ``input`` or another Responses-only field is Responses. A ``messages`` request
  is Chat or Messages by the fields only one of them has (``SIGNALS`` below). A body with none, such
  as ``{"model", "max_tokens", "messages": [user text]}``, means the same in both: it is read as
  Messages when it has ``max_tokens`` and a ``claude`` model, as Chat otherwise.
"""

from __future__ import annotations

from typing import Any, Literal

from ..api import Api

_BY_VALUE = {api.value: api for api in Api}

Kind = Literal["exchange", "request", "response", "error"]

KINDS: tuple[Kind, ...] = ("exchange", "request", "response", "error")


class UndetectedError(ValueError):
    """The record does not look like any body of the three APIs."""


# Endpoints, by the end of the URL path (WIRE.md §1.1, §2.1, §3.1).
ENDPOINTS: tuple[tuple[str, Api], ...] = (
    ("/chat/completions", Api.CHAT),
    ("/messages", Api.MESSAGES),
    ("/responses", Api.RESPONSES),
)

# Top-level request fields that only one of the two `messages`-list APIs has (WIRE.md §1.2, §2.2).
MESSAGES_ONLY_FIELDS = frozenset(
    {"system", "stop_sequences", "top_k", "thinking", "container", "mcp_servers", "context_management"}
)
CHAT_ONLY_FIELDS = frozenset(
    {
        "max_completion_tokens", "n", "response_format", "stream_options", "seed", "logprobs",
        "top_logprobs", "frequency_penalty", "presence_penalty", "logit_bias", "parallel_tool_calls",
        "reasoning_effort", "modalities", "audio", "prediction", "web_search_options", "stop",
        "functions", "function_call", "prompt_cache_key", "safety_identifier", "verbosity", "user",
    }
)  # fmt: skip
RESPONSES_ONLY_FIELDS = frozenset(
    {"input", "instructions", "previous_response_id", "max_output_tokens", "conversation", "text"}
)
# Message roles and content part types that only one of them has.
CHAT_ONLY_ROLES = frozenset({"system", "developer", "tool", "function"})
MESSAGES_ONLY_PARTS = frozenset(
    {"tool_use", "tool_result", "thinking", "redacted_thinking", "document", "search_result", "image"}
)
CHAT_ONLY_PARTS = frozenset({"image_url", "input_audio", "file", "refusal"})


def detect_kind(doc: dict[str, Any]) -> Kind:
    """What ``doc`` is. Anything that is not an exchange or a recognisable response or error is
    taken as a request (which its conversion then checks)."""
    if (
        "request" in doc
        or isinstance(doc.get("stream"), str)  # a request's `stream` is a bool; a record's, the SSE
        or (isinstance(doc.get("response"), dict) and "type" not in doc)  # not a Responses event
    ):
        return "exchange"
    if "error" in doc and doc.get("object") != "response" and "choices" not in doc:
        return "error"
    if (
        doc.get("object") in ("chat.completion", "response")
        or (doc.get("type") == "message" and "content" in doc)
        or "choices" in doc
        or "output" in doc
    ):
        return "response"
    return "request"


def detect_api(doc: dict[str, Any], kind: Kind) -> Api:
    """The API of a ``kind`` record; ``UndetectedError`` if nothing in it says."""
    if kind == "exchange":
        return _exchange_api(doc)
    if kind == "error":
        return Api.MESSAGES if doc.get("type") == "error" else Api.CHAT
    if kind == "response":
        return _response_api(doc)
    return _request_api(doc)


def _exchange_api(doc: dict[str, Any]) -> Api:
    named = doc.get("api")
    if isinstance(named, str) and named in _BY_VALUE:
        return _BY_VALUE[named]
    url = doc.get("url")
    if isinstance(url, str):
        path = url.split("?", 1)[0].rstrip("/")
        for suffix, api in ENDPOINTS:
            if path.endswith(suffix):
                return api
    request, response = doc.get("request"), doc.get("response")
    if isinstance(request, dict):
        return _request_api(request)
    if isinstance(response, dict):
        kind = detect_kind(response)
        if kind in ("response", "error"):
            return detect_api(response, kind)
    stream = doc.get("stream")
    if isinstance(stream, str):
        return stream_api(stream)
    raise UndetectedError("an exchange record with no api, url or body that names its API")


def _response_api(doc: dict[str, Any]) -> Api:
    kind = doc.get("object")
    if kind == "chat.completion" or "choices" in doc:
        return Api.CHAT
    if kind == "response" or "output" in doc:
        return Api.RESPONSES
    return Api.MESSAGES


def _request_api(doc: dict[str, Any]) -> Api:
    if "messages" not in doc:
        if RESPONSES_ONLY_FIELDS.intersection(doc):
            return Api.RESPONSES
        raise UndetectedError("neither messages nor input: not a request of any of the three APIs")
    chat = len(CHAT_ONLY_FIELDS.intersection(doc))
    anthropic = len(MESSAGES_ONLY_FIELDS.intersection(doc))
    chat_votes, anthropic_votes = _message_votes(doc.get("messages"))
    tool_votes = _tool_votes(doc.get("tools"), doc.get("tool_choice"))
    chat += chat_votes + tool_votes[0]
    anthropic += anthropic_votes + tool_votes[1]
    if chat != anthropic:
        return Api.CHAT if chat > anthropic else Api.MESSAGES
    model = doc.get("model")
    if "max_tokens" in doc and isinstance(model, str) and model.startswith("claude"):
        return Api.MESSAGES
    return Api.CHAT


def _message_votes(messages: Any) -> tuple[int, int]:
    """(Chat, Messages) evidence in the message list: roles and part types only one API has."""
    chat = anthropic = 0
    if not isinstance(messages, list):
        return chat, anthropic
    for message in messages:
        if not isinstance(message, dict):
            continue
        if message.get("role") in CHAT_ONLY_ROLES or "tool_calls" in message or "tool_call_id" in message:
            chat += 1
        content = message.get("content")
        if isinstance(content, list):
            for part in content:
                kind = part.get("type") if isinstance(part, dict) else None
                if kind in MESSAGES_ONLY_PARTS:
                    anthropic += 1
                elif kind in CHAT_ONLY_PARTS:
                    chat += 1
    return chat, anthropic


def _tool_votes(tools: Any, tool_choice: Any) -> tuple[int, int]:
    """(Chat, Messages) evidence in the tool list and tool_choice."""
    chat = anthropic = 0
    for tool in tools if isinstance(tools, list) else ():
        if isinstance(tool, dict):
            if "function" in tool or "custom" in tool:
                chat += 1
            elif "input_schema" in tool or tool.get("type") not in (None, "function", "custom"):
                anthropic += 1
    if isinstance(tool_choice, str):
        chat += 1
    elif isinstance(tool_choice, dict):
        if "function" in tool_choice or tool_choice.get("type") in ("function", "allowed_tools", "custom"):
            chat += 1
        elif tool_choice.get("type") in ("auto", "any", "tool", "none"):
            anthropic += 1
    return chat, anthropic


# What the first event of each API's stream says (WIRE.md §1.8, §2.9, §3.7): whichever marker
# comes first in the stream decides, so an echoed request naming another API cannot mislead.
STREAM_MARKERS: tuple[tuple[str, Api], ...] = (
    ("message_start", Api.MESSAGES),
    ("response.created", Api.RESPONSES),
    ("response.in_progress", Api.RESPONSES),
    ("chat.completion.chunk", Api.CHAT),
    ('"choices"', Api.CHAT),
)


def stream_api(text: str) -> Api:
    """The API of a raw SSE stream, from its first event."""
    head = text[:8192]
    found = [(head.find(marker), api) for marker, api in STREAM_MARKERS if marker in head]
    if not found:
        raise UndetectedError("the stream does not start like a stream of any of the three APIs")
    return min(found, key=lambda hit: hit[0])[1]
