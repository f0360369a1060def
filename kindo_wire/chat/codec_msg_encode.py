"""IR messages -> Chat ``messages[]`` (WIRE.md §1.2, §6.1, §6.6).

IR from any decoder: ``instructions`` becomes one leading ``system`` message; a user message's
``ToolResult`` parts become ``tool`` messages (Chat requires one per call, right after the calls),
and media inside a tool result - which Chat ``tool`` content cannot hold - moves to a ``user``
message right after them (``tool_result_media_moved``), ahead of the rest of that user turn.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry, opaque_loss
from ..loss import LossLog
from .codec_calls import encode_call, encode_legacy_call, is_legacy, request_call_id
from .codec_common import CHAT, hint_of
from .codec_parts import cache_field, encode_part, encode_text


def encode_messages(
    instructions: ir.Message | None, messages: tuple[ir.Message, ...], log: LossLog
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if instructions is not None:
        role = instructions.role if instructions.role in ("system", "developer") else "system"
        _append(out, _plain(instructions, role, log))
    elif messages and is_bare_system(messages[0]):
        # A system message of the conversation (a Responses system item), not instructions: as a
        # part list, so that it is not read as instructions when it comes back (same content).
        _append(out, _plain(messages[0], "system", log, as_parts=True))
        messages = messages[1:]
    for message in messages:
        if message.role == "assistant":
            _append(out, _assistant(message, log))
        elif message.role == "user":
            _user(message, out, log)
        else:
            _append(out, _plain(message, message.role, log))
    return out


def _append(out: list[dict[str, Any]], message: dict[str, Any] | None) -> None:
    if message is not None:
        out.append(message)


def _finish(out: dict[str, Any], message: ir.Message, log: LossLog) -> dict[str, Any]:
    if message.name is not None:
        out["name"] = message.name
    keep = hint_of(message.extras, "~keep")
    if keep:
        out.update(keep)
    out.update(carry(message.extras, CHAT, message.at, log))
    return out


def _content(parts: list[dict[str, Any]], kept: list[ir.Part], message: ir.Message, empty: Any) -> Any:
    """The ``content`` value: a bare string when the source had one, else the part list.

    With no parts, the form the Chat source used (``null`` or ``[]``), else ``empty``.
    """
    if len(kept) == 1 and isinstance(kept[0], ir.Text) and kept[0].plain and not kept[0].cache:
        return kept[0].text
    if not parts:
        form = hint_of(message.extras, "~content")
        return None if form == "null" else [] if form == "[]" else empty
    return parts


def is_bare_system(message: ir.Message) -> bool:
    """A ``system`` message Chat writes as one bare string and nothing else (no name, no other
    Chat field): what the Chat decoder reads as the instructions. Other APIs' extras write nothing."""
    if message.role != "system" or message.name is not None or len(message.parts) != 1:
        return False
    part = message.parts[0]
    return (
        isinstance(part, ir.Text)
        and part.plain
        and part.cache is None
        and not message.extras.get(CHAT)
        and not part.extras.get(CHAT)
    )


def _plain(message: ir.Message, role: str, log: LossLog, *, as_parts: bool = False) -> dict[str, Any] | None:
    """A system, developer or user message: only content parts.

    None when the message had parts and none of them could be sent (each one already reported):
    an empty message in their place would be content the client never sent (PEERS.md bug 13).
    """
    kept: list[ir.Part] = []
    parts: list[dict[str, Any]] = []
    for part in message.parts:
        if role != "user" and not isinstance(part, (ir.Text, ir.Opaque, ir.Reasoning)):
            # Chat system/developer content is text only (WIRE.md §1.2).
            log.semantic(part.at, "unsupported_part", f"chat {role} messages take text parts only")
            continue
        encoded = encode_part(part, log)
        if encoded is not None:
            kept.append(part)
            parts.append(encoded)
    if message.parts and not kept:
        return None
    out: dict[str, Any] = {"role": role}
    if hint_of(message.extras, "~content") != "absent" or kept:
        # Content is required for these roles: when nothing survived it is sent empty.
        out["content"] = parts if as_parts else _content(parts, kept, message, "")
    return _finish(out, message, log)


def _assistant(message: ir.Message, log: LossLog) -> dict[str, Any] | None:
    """The assistant message; None when every part of it was dropped (each with its loss), since
    Chat refuses an assistant message with neither content nor tool calls."""
    kept: list[ir.Part] = []
    parts: list[dict[str, Any]] = []
    refusals: list[str] = []
    calls: list[dict[str, Any]] = []
    legacy: dict[str, Any] | None = None
    for part in message.parts:
        if isinstance(part, ir.ToolCall):
            if is_legacy(part):
                legacy = encode_legacy_call(part)
            else:
                calls.append(encode_call(part, log, request=True))
        elif isinstance(part, ir.Refusal) and not hint_of(part.extras, "~in_content"):
            refusals.append(part.text)
            carry(part.extras, CHAT, part.at, log)
        elif isinstance(part, (ir.Text, ir.Refusal, ir.Opaque, ir.Reasoning)):
            encoded = encode_part(part, log)
            if encoded is not None:
                kept.append(part)
                parts.append(encoded)
        else:
            log.semantic(
                part.at, "unsupported_part", "chat assistant content takes text and refusal parts only"
            )
    if message.parts and not (kept or refusals or calls or legacy):
        return None
    out: dict[str, Any] = {"role": "assistant"}
    if hint_of(message.extras, "~content") != "absent" or kept:
        if len(kept) == 1 and isinstance(kept[0], ir.Text) and kept[0].citations:
            log.semantic(kept[0].at, "citation_dropped", "chat requests carry no citations")
        out["content"] = _content(parts, kept, message, None)
    if refusals:
        out["refusal"] = "".join(refusals)
    if calls:
        out["tool_calls"] = calls
    if legacy is not None:
        out["function_call"] = legacy
    return _finish(out, message, log)


def _user(message: ir.Message, out: list[dict[str, Any]], log: LossLog) -> None:
    """A user message; its tool results first, as ``tool`` messages, then the rest (if any)."""
    moved: list[dict[str, Any]] = []
    rest: list[ir.Part] = []
    for part in message.parts:
        if isinstance(part, ir.ToolResult):
            out.append(_tool_message(part, moved, log))
        else:
            rest.append(part)
    if len(rest) == len(message.parts):
        _append(out, _plain(message, "user", log))
        return
    if not rest and not moved:
        # Every part went out as a tool message: no user message is left to hold the message's
        # own fields (a Chat source has none here: its tool messages are each a tool result).
        carry(message.extras, CHAT, message.at, log)
        return
    parts = [p for p in (encode_part(part, log) for part in rest) if p is not None]
    user: dict[str, Any] = {"role": "user", "content": moved + parts}
    out.append(_finish(user, message, log))


def _tool_message(result: ir.ToolResult, moved: list[dict[str, Any]], log: LossLog) -> dict[str, Any]:
    role = hint_of(result.extras, "~role")
    out: dict[str, Any] = (
        {"role": "function", "name": result.name} if role == "function" else {"role": "tool"}
    )
    if role != "function":
        out["tool_call_id"] = request_call_id(result.call_id, result.at, log)
        if result.name is not None and hint_of(result.extras, "~name"):
            out["name"] = result.name
    content = result.content
    if isinstance(content, tuple):
        texts: list[dict[str, Any]] = []
        for part in content:
            if isinstance(part, (ir.Image, ir.Document, ir.Audio)):
                # Chat tool content is text only (WIRE.md §6.6): the media follows in a user message.
                encoded = encode_part(part, log)
                if encoded is not None:
                    log.degraded(
                        part.at, "tool_result_media_moved", "tool result media moved to a user message"
                    )
                    moved.append(encoded)
            elif isinstance(part, ir.Text):
                texts.append(encode_text(part, log))
            elif isinstance(part, ir.Opaque) and part.origin is CHAT:
                texts.append(part.raw)
            elif isinstance(part, ir.Opaque):
                opaque_loss(part, CHAT, log)
            else:
                log.semantic(part.at, "unsupported_part", "chat tool content takes text parts only")
        out["content"] = texts if texts or not moved else ""
    elif content is not None or hint_of(result.extras, "~content") != "absent":
        out["content"] = content if content is not None or role == "function" else ""
    if result.is_error:
        log.degraded(
            result.at + "/is_error", "tool_result_error_flag_dropped", "chat tool messages have no error flag"
        )
    cache_field(result.cache, result.at, log)
    keep = hint_of(result.extras, "~keep")
    if keep:
        out.update(keep)
    out.update(carry(result.extras, CHAT, result.at, log))
    return out
