"""Content parts: what a message is made of, in every API.

Wire correspondences (WIRE.md §6.2, §6.5, §6.6, §6.10):
``Text`` - Chat ``text`` part / string content, Anthropic ``text`` block, Responses
``input_text`` / ``output_text``; ``Refusal`` - Chat ``refusal`` part or ``message.refusal``,
Responses ``refusal`` part; ``Image``/``Document``/``Audio`` - media inputs; ``ToolCall`` - Chat
``tool_calls[i]``, Anthropic ``tool_use``, Responses ``function_call`` / ``custom_tool_call`` items;
``ToolResult`` - Chat ``tool`` messages, Anthropic
``tool_result`` blocks, Responses ``function_call_output`` items; ``Reasoning`` - Anthropic ``thinking`` /
``redacted_thinking`` blocks, Responses ``reasoning`` items; ``Opaque`` - anything only its own API can
carry (server-tool blocks, hosted-tool items, unknown types), kept whole for that API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..api import Api
from ._node import JSON, NO_EXTRAS, Extras


@dataclass(frozen=True, slots=True)
class CacheHint:
    """A prompt-cache breakpoint after this part.

    Anthropic ``cache_control``; OpenAI ``prompt_cache_breakpoint``.

    ``ttl`` is Anthropic's ("5m", "1h") and has no OpenAI counterpart.
    """

    ttl: str | None = None
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation on a text part. Only URL citations map across APIs (WIRE.md §6.7).

    ``raw`` is the wire object as ``origin`` sent it, restored verbatim for that API.
    """

    origin: Api
    raw: dict[str, JSON]
    url: str | None = None
    title: str | None = None
    start_index: int | None = None
    end_index: int | None = None
    cited_text: str | None = None


@dataclass(frozen=True, slots=True)
class Logprobs:
    """The log probabilities of an answer's text tokens (WIRE.md §6.14): Chat
    ``choices[].logprobs.content``, Responses ``output_text.logprobs``. The entries have the same
    shape in both (``token``, ``logprob``, ``bytes``, ``top_logprobs``) and pass as they came.
    ``at`` is where the source had them."""

    tokens: tuple[JSON, ...]
    at: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """Text. ``plain`` marks text that arrived as a bare string ``content`` rather than a part.
    ``logprobs``: an answer's token log probabilities, when the source returned any."""

    text: str
    citations: tuple[Citation, ...] = ()
    cache: CacheHint | None = None
    plain: bool = False
    at: str = ""
    extras: Extras = NO_EXTRAS
    logprobs: Logprobs | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """The model declining to answer (Anthropic has no part for it: text plus ``stop_reason: refusal``)."""

    text: str
    at: str = ""
    extras: Extras = NO_EXTRAS


SourceKind = Literal["base64", "url", "file", "text"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where media bytes are: inline base64, a URL, a provider-scoped file id, or plain text.

    ``origin`` says whose file store a ``file_id`` belongs to: ids are meaningless to another provider.
    """

    kind: SourceKind
    media_type: str | None = None
    data: str | None = None
    url: str | None = None
    file_id: str | None = None
    origin: Api | None = None


@dataclass(frozen=True, slots=True)
class Image:
    source: Source
    detail: str | None = None
    cache: CacheHint | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS
    # Where ``detail`` sits in the source (Chat nests it under ``image_url``); "" means ``at/detail``.
    detail_at: str = ""

    @property
    def detail_pointer(self) -> str:
        return self.detail_at or f"{self.at}/detail"


@dataclass(frozen=True, slots=True)
class Document:
    """A file input, PDF or other: Chat ``file``, Anthropic ``document``, Responses ``input_file``."""

    source: Source
    filename: str | None = None
    title: str | None = None
    context: str | None = None
    cache: CacheHint | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS
    # Where ``filename`` sits in the source (Chat nests it under ``file``); "" means ``at/filename``.
    filename_at: str = ""

    @property
    def filename_pointer(self) -> str:
        return self.filename_at or f"{self.at}/filename"


@dataclass(frozen=True, slots=True)
class Audio:
    """Chat ``input_audio``: no other API takes audio in a message."""

    data: str
    format: str
    at: str = ""
    extras: Extras = NO_EXTRAS


ToolKind = Literal["function", "custom"]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A client-executed tool call.

    Arguments travel as the source had them: ``arguments`` is the JSON text (Chat, Responses),
    ``input`` the parsed value (Anthropic). Exactly one is set; encoders convert (``tool_args``).
    ``item_id`` is the Responses item id (``fc_...``); ``status`` its item status.
    """

    id: str
    name: str
    arguments: str | None = None
    input: JSON = None
    kind: ToolKind = "function"
    item_id: str | None = None
    status: str | None = None
    cache: CacheHint | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class ToolResult:
    """The result of a client-executed tool call.

    ``content`` is a string, or parts (``Text``, ``Image``, ``Document``) when the source had blocks, or
    None when the source omitted it (Anthropic allows that). ``is_error`` exists only on Anthropic.
    """

    call_id: str
    content: str | tuple[Part, ...] | None
    is_error: bool | None = None
    kind: ToolKind = "function"
    name: str | None = None
    cache: CacheHint | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class Reasoning:
    """Reasoning the model did, with the state its origin API needs to continue it.

    ``text`` is the readable reasoning (Anthropic thinking text; Responses summary texts joined by a
    blank line). ``summary`` keeps Responses' summary parts apart. ``signature`` (Anthropic),
    ``redacted`` (Anthropic ``redacted_thinking.data``) and ``encrypted`` (Responses ``encrypted_content``)
    are opaque tokens only ``origin`` can verify: restored byte-exact there, never forged elsewhere.
    ``raw`` is the wire object as ``origin`` sent it, for a byte-exact return.
    """

    origin: Api
    text: str = ""
    summary: tuple[str, ...] | None = None
    signature: str | None = None
    redacted: str | None = None
    encrypted: str | None = None
    item_id: str | None = None
    raw: dict[str, JSON] | None = None
    at: str = ""
    extras: Extras = NO_EXTRAS


@dataclass(frozen=True, slots=True)
class Opaque:
    """A part only ``origin`` can carry (a server-tool block, a hosted-tool item, an unknown type).

    Restored verbatim for ``origin``; any other target reports a loss for it.
    """

    origin: Api
    kind: str
    raw: dict[str, JSON]
    at: str = ""


Part = Text | Refusal | Image | Document | Audio | ToolCall | ToolResult | Reasoning | Opaque
