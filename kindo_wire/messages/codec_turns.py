"""IR messages -> Anthropic ``system`` + ``messages`` (WIRE.md §2.3, §6.1, §6.6).

A request Messages decoded itself (``native``) keeps its turn structure exactly. One from another API
is reshaped the way Anthropic requires, each change reported (CONVERSION.md rule 7): system and
developer messages are hoisted into ``system``; the user turns carrying a turn's tool results are
merged into one user message with the ``tool_result`` blocks first; empty text and empty turns
(rejected by Anthropic, WIRE.md §2.2) are left out; a trailing assistant turn becomes a prefill.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..loss import LossLog
from .codec_extras import emit
from .codec_parts import encode_parts

SYSTEM_ROLES = ("system", "developer")
# How several system prompts are joined into one, as Anthropic's own compat layer does [D:compat] (§6.1).
SYSTEM_JOIN = "\n"


def _plain(parts: tuple[ir.Part, ...]) -> str | None:
    """The string of a content that was a bare string (one plain Text with nothing else on it)."""
    if len(parts) == 1:
        part = parts[0]
        if isinstance(part, ir.Text) and part.plain and part.cache is None and not part.citations:
            return part.text
    return None


def encode_content(message: ir.Message, log: LossLog, *, native: bool) -> str | list[dict[str, Any]]:
    parts = message.parts
    text = _plain(parts)
    if text is not None and (native or text):
        first = parts[0]
        if isinstance(first, ir.Text) and first.extras:
            emit({}, first.extras, first.at, log)  # a bare string has nowhere to put leftovers
        return text
    if not native:
        # Anthropic rejects empty text blocks; one from another API said nothing (WIRE.md §2.2)
        parts = tuple(p for p in parts if not (isinstance(p, ir.Text) and not p.text))
        if message.role == "user":
            # tool_result blocks must open the user turn that answers the tool calls (WIRE.md §2.3)
            results = [p for p in parts if isinstance(p, ir.ToolResult)]
            if results and len(results) != len(parts):
                parts = (*results, *(p for p in parts if not isinstance(p, ir.ToolResult)))
    return encode_parts(parts, log, response=False)


def encode_system(request: ir.Request, log: LossLog, *, native: bool) -> str | list[dict[str, Any]] | None:
    """The top-level ``system``: the instructions plus, unless native, every system/developer message."""
    sources: list[ir.Message] = []
    if request.instructions is not None:
        sources.append(request.instructions)
    if native:
        if not sources:
            return None
        return encode_content(_reported(sources[0], log), log, native=True)
    leading = True
    mid: ir.Message | None = None
    for message in request.messages:
        if message.role in SYSTEM_ROLES:
            sources.append(message)
            if not leading and mid is None:
                mid = message
            if message.role == "developer":
                log.cosmetic(message.at, "role_changed", "developer message sent as system")
        else:
            leading = False
    if not sources:
        return None
    for source in sources:
        _reported(source, log)
    # System messages hoisted from a conversation go as blocks, the instructions alone as a string:
    # the two forms come back apart (a string is instructions, blocks are system messages), so a
    # Responses body keeps its instructions and its system items through Messages.
    hoisted = len(sources) > (request.instructions is not None)
    if request.instructions is not None and hoisted:
        log.cosmetic(
            request.instructions.at, "system_joined", "instructions joined with system messages as blocks"
        )
    if len(sources) > 1:
        if mid is not None:
            log.semantic(mid.at, "system_joined", "a mid-conversation system message moved into system")
        else:
            log.cosmetic(sources[1].at, "system_joined", "system messages joined into one system prompt")
    texts: list[ir.Text] = []
    for source in sources:
        for part in source.parts:
            if isinstance(part, ir.Text):
                texts.append(part)
            else:
                log.semantic(
                    part.at, "unsupported_part", "only text can be part of the messages system prompt"
                )
    if not hoisted and all(_plain((p,)) is not None and not p.extras for p in texts):
        return SYSTEM_JOIN.join(p.text for p in texts)
    return encode_parts(tuple(texts), log, response=False)


def _reported(message: ir.Message, log: LossLog) -> ir.Message:
    """``message``, its own fields reported: the top-level ``system`` is text, with no message
    around it to hold a participant name or another API's message fields."""
    _name_lost(message, log)
    emit({}, message.extras, message.at, log)
    return message


def _name_lost(message: ir.Message, log: LossLog) -> None:
    if message.name is not None:
        log.degraded(f"{message.at}/name", "unsupported_field", "messages has no participant name")


def _holds_results(content: str | list[dict[str, Any]]) -> bool:
    return isinstance(content, list) and any(b.get("type") == "tool_result" for b in content)


def encode_messages(messages: tuple[ir.Message, ...], log: LossLog, *, native: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    last: ir.Message | None = None
    for message in messages:
        if message.role in SYSTEM_ROLES and not native:
            continue  # hoisted by encode_system
        content = encode_content(message, log, native=native)
        _name_lost(message, log)
        if not native:
            if not content:
                continue  # nothing left to say (Anthropic rejects empty turns)
            prev = out[-1] if out else None
            if (
                prev is not None
                and last is not None
                and message.role == "user"
                and prev["role"] == "user"
                and (_holds_results(prev["content"]) or _holds_results(content))
            ):
                _merge(prev, last, message, content, log)
                continue
        wire = {"role": message.role, "content": content}
        out.append(emit(wire, message.extras, message.at, log))
        last = message
    if not native and out and out[-1]["role"] == "assistant" and last is not None:
        log.degraded(last.at, "prefill_added", "a trailing assistant turn is a prefill for messages")
    return out


def _merge(
    prev: dict[str, Any],
    prev_message: ir.Message,
    message: ir.Message,
    content: str | list[dict[str, Any]],
    log: LossLog,
) -> None:
    """Append ``message`` to the user turn ``prev``: one user turn answers all of a turn's tool calls."""
    log.cosmetic(message.at, "messages_merged", "consecutive user turns merged around tool results")
    blocks = prev["content"]
    if isinstance(blocks, str):
        log.cosmetic(prev_message.at, "content_form_changed", "string content sent as a text block")
        blocks = [{"type": "text", "text": blocks}]
    if isinstance(content, str):
        log.cosmetic(message.at, "content_form_changed", "string content sent as a text block")
        content = [{"type": "text", "text": content}]
    new_results = [b for b in content if b.get("type") == "tool_result"]
    if new_results and len(new_results) != len(content):
        content = new_results + [b for b in content if b.get("type") != "tool_result"]
    if new_results and not all(b.get("type") == "tool_result" for b in blocks):
        # results answering the tool calls go before what the user said in the same turn
        head = [b for b in blocks if b.get("type") == "tool_result"] + new_results
        tail = [b for b in blocks if b.get("type") != "tool_result"]
        prev["content"] = head + tail + [b for b in content if b.get("type") != "tool_result"]
    else:
        prev["content"] = blocks + content
