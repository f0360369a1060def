"""Chat Completions content parts: the items of a message's ``content`` array."""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import OpenUnion, UnknownTyped, WireModel


# [OA:chat/chat_completion_content_part_text_param.py] PromptCacheBreakpoint
class PromptCacheBreakpoint(WireModel):
    """Marks the end of a reusable prompt prefix (TTL from ``prompt_cache_options.ttl``)."""

    mode: Literal["explicit"]


# [OA:chat/chat_completion_content_part_text_param.py]
class TextPart(WireModel):
    """A text part; the only part allowed for system, developer and tool messages."""

    type: Literal["text"]
    text: str
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:chat/chat_completion_content_part_image_param.py] ImageURL
class ImageURL(WireModel):
    """An http(s) URL or a ``data:<mime>;base64,...`` URL."""

    url: str
    detail: Literal["auto", "low", "high"] | None = None


# [OA:chat/chat_completion_content_part_image_param.py]
class ImagePart(WireModel):
    """An image given by URL (user messages)."""

    type: Literal["image_url"]
    image_url: ImageURL
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:chat/chat_completion_content_part_input_audio_param.py] InputAudio
class InputAudio(WireModel):
    """Base64 audio data and its encoding."""

    data: str
    format: Literal["wav", "mp3"]


# [OA:chat/chat_completion_content_part_input_audio_param.py]
class InputAudioPart(WireModel):
    """Inline audio input (user messages)."""

    type: Literal["input_audio"]
    input_audio: InputAudio
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:chat/chat_completion_content_part_param.py] FileFile
class File(WireModel):
    """A file given inline (``file_data``, base64 / data URL) or by an uploaded ``file_id``."""

    file_data: str | None = None
    file_id: str | None = None
    filename: str | None = None


# [OA:chat/chat_completion_content_part_param.py] File
class FilePart(WireModel):
    """A file input such as a PDF (user messages)."""

    type: Literal["file"]
    file: File
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


# [OA:chat/chat_completion_content_part_refusal_param.py]
class RefusalPart(WireModel):
    """A refusal replayed in an assistant message."""

    type: Literal["refusal"]
    refusal: str


ContentPart = Annotated[
    TextPart | ImagePart | InputAudioPart | FilePart | RefusalPart | UnknownTyped,
    OpenUnion("type"),
]
"""One content part of any message role; the API enforces which roles allow which parts
(text only for system/developer/tool, text and refusal for assistant), the schema does not."""
