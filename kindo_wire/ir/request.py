"""A request for a model turn, in no particular wire format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..api import Api
from ._node import JSON, NO_EXTRAS, Extras
from .content import CacheHint
from .message import Message

ToolChoiceMode = Literal["auto", "none", "required", "tool", "allowed"]


@dataclass(frozen=True, slots=True)
class Tool:
    """A tool the model may call.

    ``kind``: ``function`` (JSON Schema ``parameters``), ``custom`` (free-form input, OpenAI only) or
    ``hosted`` (a provider-executed tool: web search, code execution...; ``raw`` is its wire object and
    ``origin`` the API it belongs to, since hosted tools do not translate). A function tool's
    ``origin``, when set, is the API whose JSON Schema dialect its ``parameters`` were written for.
    ``parameters`` is None when the source had none (Chat and Responses allow that).
    """

    name: str
    kind: Literal["function", "custom", "hosted"] = "function"
    description: str | None = None
    parameters: dict[str, JSON] | None = None
    strict: bool | None = None
    cache: CacheHint | None = None
    origin: Api | None = None
    raw: dict[str, JSON] | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class ToolChoice:
    """Which tools the model may or must call (WIRE.md §6.4).

    ``mode``: auto | none | required (some tool) | tool (the tool ``name``) | allowed (``allowed`` is a
    subset of tool names, ``allowed_mode`` auto or required). ``kind`` says what ``name`` is: a
    function, a custom tool, or a hosted tool (``raw``/``origin`` then hold the wire choice).
    """

    mode: ToolChoiceMode
    name: str | None = None
    kind: Literal["function", "custom", "hosted"] = "function"
    allowed: tuple[str, ...] | None = None
    allowed_mode: str | None = None
    origin: Api | None = None
    raw: JSON = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class ReasoningConfig:
    """How much the model should think (WIRE.md §6.10).

    ``effort`` is OpenAI's level (none ... max) or Anthropic's ``output_config.effort``;
    ``thinking`` is Anthropic's ``thinking.type`` (enabled | disabled | adaptive) with ``budget_tokens``;
    ``summary`` Responses' ``reasoning.summary``; ``display`` Anthropic's ``thinking.display``.
    """

    effort: str | None = None
    thinking: str | None = None
    budget_tokens: int | None = None
    summary: str | None = None
    display: str | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """Structured output (WIRE.md §6.17): ``kind`` text | json_object | json_schema."""

    kind: str
    schema: dict[str, JSON] | None = None
    name: str | None = None
    description: str | None = None
    strict: bool | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class Request:
    """A model request. ``None`` means the source did not say (so the target's default applies).

    ``instructions`` is the top-level system prompt (Anthropic ``system``, Responses ``instructions``);
    system and developer *messages* stay in ``messages`` where the source had them.
    ``max_tokens`` is the output cap under whatever name the source used (Chat ``max_tokens`` or
    ``max_completion_tokens``, Anthropic ``max_tokens``, Responses ``max_output_tokens``);
    ``max_tokens_at`` is that field's pointer, present or not (a cap made up for Anthropic is
    reported there).
    ``safety_identifier`` is the end-user id (Chat/Responses ``safety_identifier``, Anthropic
    ``metadata.user_id``); ``user`` OpenAI's legacy field of the same purpose.
    Fields only one API has live in ``extras`` under that API's name.
    """

    model: str | None
    messages: tuple[Message, ...]
    instructions: Message | None = None
    tools: tuple[Tool, ...] | None = None
    tool_choice: ToolChoice | None = None
    parallel_tool_calls: bool | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] | None = None
    temperature: float | int | None = None
    top_p: float | int | None = None
    reasoning: ReasoningConfig | None = None
    output_format: OutputFormat | None = None
    verbosity: str | None = None
    stream: bool | None = None
    include_usage: bool | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    safety_identifier: str | None = None
    user: str | None = None
    metadata: dict[str, JSON] | None = None
    service_tier: str | None = None
    store: bool | None = None
    previous_response_id: str | None = None
    prompt_cache_key: str | None = None
    max_tokens_at: str = "/max_tokens"
    stop_at: str = "/stop"  # Anthropic: /stop_sequences
    logprobs_at: str = "/logprobs"  # Responses: the include entry that asked for them
    extras: Extras = NO_EXTRAS
