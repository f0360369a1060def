"""A plain request from Chat or Responses as an Anthropic Messages request: what
``messages.request.encode_request`` writes for the same IR (``native`` false), loss for loss.

Each function names the codec function it stands for; the differential test (tests/test_fast_path.py)
holds them to the same bytes and the same losses.
"""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..loss import LossLog
from ..mapping.media import ANTHROPIC_IMAGE_TYPES
from ..mapping.strict_schema import responses_default_strict
from ..messages.codec_tools import MODE_TO_CHOICE
from ..messages.codec_turns import SYSTEM_JOIN, SYSTEM_ROLES
from ..messages.request import DEFAULT_MAX_TOKENS, MAX_TEMPERATURE
from .common import anthropic_id, arguments_object
from .model import Part, Request, TextPart, Tool, Turn

Block = dict[str, Any]
Content = str | list[Block]


def write_request(req: Request, log: LossLog) -> dict[str, Any] | None:
    """``messages.request.encode_request``; None when a tool call's arguments are not a JSON object."""
    out: dict[str, Any] = {"model": req.model}
    # One pass over the turns writes the messages and finds the system ones; the system losses come
    # first all the same (encode_system runs before encode_messages), so the turns log apart.
    turn_log = LossLog()
    found = _messages(req.turns, turn_log)
    if found is None:
        return None
    messages, hoisted, mid = found
    system = _system(req.instructions, hoisted, mid, log)
    if system is not None:
        out["system"] = system
    log.items += turn_log.items
    out["messages"] = messages
    choice = _tool_choice(req, log)
    if req.tools:
        out["tools"] = [_tool(t) for t in req.tools]
    if choice is not None:
        out["tool_choice"] = choice
    max_tokens = req.max_tokens
    if max_tokens is None:
        max_tokens = DEFAULT_MAX_TOKENS
        log.degraded(
            req.max_tokens_at, "max_tokens_defaulted", f"messages requires max_tokens; sent {max_tokens}"
        )
    out["max_tokens"] = max_tokens
    if req.stop is not None:
        out["stop_sequences"] = list(req.stop)
    temperature = req.temperature
    if temperature is not None:
        if temperature > MAX_TEMPERATURE:
            log.degraded(
                "/temperature", "value_clamped", f"temperature {temperature} clamped to {MAX_TEMPERATURE}"
            )
            temperature = MAX_TEMPERATURE
        out["temperature"] = temperature
    if req.top_p is not None:
        out["top_p"] = req.top_p
    if req.stream is not None:
        out["stream"] = req.stream
    # end-user id: safety_identifier, else OpenAI's legacy user (request._metadata)
    user_id = req.safety_identifier if req.safety_identifier is not None else req.user
    if user_id is not None:
        out["metadata"] = {"user_id": user_id}
    _foreign_fields(req, log)
    return out


def _foreign_fields(req: Request, log: LossLog) -> None:
    """``request._foreign_fields`` for the fields a plain request can have."""
    if req.metadata:
        log.degraded("/metadata", "metadata_dropped", "messages has no metadata map")
    if req.store:
        log.degraded("/store", "unsupported_field", "messages does not store responses")
    elif req.store is False:
        log.cosmetic("/store", "unsupported_field", "messages keeps no responses: store false holds anyway")
    if req.include_usage is not None:
        log.cosmetic("/stream_options", "stream_usage_implied", "messages streams always report usage")
    if req.user is not None and req.safety_identifier is not None:
        log.degraded("/user", "unsupported_field", "user not sent: safety_identifier is the end-user id")


def _tool(tool: Tool) -> dict[str, Any]:
    """``codec_tools._encode_tool`` for a function tool."""
    name, _at, description, parameters, strict, origin = tool
    out: dict[str, Any] = {"name": name}
    if description is not None:
        out["description"] = description
    out["input_schema"] = parameters if parameters is not None else {"type": "object", "properties": {}}
    if strict is not None:
        out["strict"] = strict
    elif origin is Api.RESPONSES and responses_default_strict(parameters):
        out["strict"] = True  # what Responses would have done with this schema
    return out


def _tool_choice(req: Request, log: LossLog) -> dict[str, Any] | None:
    """``codec_tools.encode_tool_choice`` (no allowed list, no hosted tools)."""
    parallel = req.parallel
    if req.choice is None:
        if parallel is False and not req.tools:
            log.cosmetic(
                "/parallel_tool_calls", "parallel_flag_moot", "no tools: parallel_tool_calls not sent"
            )
            return None
        return {"type": "auto", "disable_parallel_tool_use": True} if parallel is False else None
    out: dict[str, Any] = {"type": MODE_TO_CHOICE[req.choice]}
    if req.choice == "tool":
        out["name"] = req.choice_name
    if parallel is False:
        if out["type"] != "none":
            out["disable_parallel_tool_use"] = True
        else:
            log.cosmetic(
                "/parallel_tool_calls", "parallel_flag_moot", "tool_choice none: parallel_tool_calls not sent"
            )
    return out


def _system(instructions: Turn | None, hoisted: list[Turn], mid: Turn | None, log: LossLog) -> Content | None:
    """``codec_turns.encode_system`` (not native): the instructions plus every system/developer turn
    (``hoisted``; ``mid``: the first one after the conversation started)."""
    sources = [instructions, *hoisted] if instructions is not None else hoisted
    if not sources:
        return None
    for turn in hoisted:
        if turn[0] == "developer":
            log.cosmetic(turn[2], "role_changed", "developer message sent as system")
    if instructions is not None and hoisted:
        log.cosmetic(instructions[2], "system_joined", "instructions joined with system messages as blocks")
    if len(sources) > 1:
        if mid is not None:
            log.semantic(mid[2], "system_joined", "a mid-conversation system message moved into system")
        else:
            log.cosmetic(sources[1][2], "system_joined", "system messages joined into one system prompt")
    texts: list[TextPart] = []
    for source in sources:
        content = source[1]
        if isinstance(content, str):
            texts.append(("text", content, source[2], True, False))
            continue
        for part in content:
            if part[0] == "text":
                texts.append(part)
    if not hoisted and all(p[3] and not p[4] for p in texts):
        return SYSTEM_JOIN.join(p[1] for p in texts)
    return [_text(p) for p in texts]


def _messages(turns: list[Turn], log: LossLog) -> tuple[list[Block], list[Turn], Turn | None] | None:
    """``codec_turns.encode_messages`` (not native): empty turns left out, tool-result turns merged,
    a trailing assistant turn reported as a prefill. Also the system/developer turns it leaves to
    ``_system``, and the first of them that came after the conversation started (or None)."""
    out: list[Block] = []
    hoisted: list[Turn] = []
    mid: Turn | None = None
    last: Turn | None = None
    for index, turn in enumerate(turns):
        role, parts, _ = turn
        if role in SYSTEM_ROLES:
            hoisted.append(turn)
            if mid is None and len(hoisted) <= index:  # a turn of another role came before it
                mid = turn
            continue
        content: Content | None = None
        if isinstance(parts, str):
            content = parts
        elif len(parts) == 1:
            first = parts[0]
            if first[0] == "text" and first[3] and not first[4]:
                content = first[1]  # a bare string (codec_turns._plain)
        if not content:
            # an empty bare string says nothing: no blocks (Anthropic rejects empty text)
            content = _blocks(role, parts, log) if isinstance(parts, list) else []
            if content is None:
                return None
            if not content:
                continue  # nothing left to say (Anthropic rejects empty turns)
        if role == "user" and out and last is not None:
            prev = out[-1]
            if prev["role"] == "user" and (_holds_results(prev["content"]) or _holds_results(content)):
                _merge(prev, last, turn, content, log)
                continue
        out.append({"role": role, "content": content})
        last = turn
    if out and last is not None and out[-1]["role"] == "assistant":
        log.degraded(last[2], "prefill_added", "a trailing assistant turn is a prefill for messages")
    return out, hoisted, mid


def _holds_results(content: Content) -> bool:
    return type(content) is list and any(b["type"] == "tool_result" for b in content)


def _blocks(role: str, parts: list[Part], log: LossLog) -> list[Block] | None:
    """``codec_turns.encode_content`` past its bare-string case; None when a call cannot be written."""
    if role == "user" and len(parts) > 1:
        # tool_result blocks must open the user turn that answers the tool calls
        results = [p for p in parts if p[0] == "result"]
        if results and len(results) != len(parts):
            parts = results + [p for p in parts if p[0] != "result"]
    blocks: list[Block] = []
    for part in parts:
        if part[0] == "text":
            if part[1]:  # Anthropic rejects empty text blocks; one from another API said nothing
                blocks.append(_text(part))
        elif part[0] == "call":
            _, call_id, name, arguments, value, at = part
            if arguments is not None:
                value = arguments_object(arguments, at, log)
                if value is None:
                    return None
            blocks.append(
                {
                    "type": "tool_use",
                    "id": anthropic_id(call_id, at, log, "/id"),
                    "name": name,
                    "input": value,
                }
            )
        elif part[0] == "result":
            _, call_id, content, is_error, at = part
            block: Block = {"type": "tool_result", "tool_use_id": anthropic_id(call_id, at, log)}
            if content is not None:
                block["content"] = content
            if is_error is not None:
                block["is_error"] = is_error
            blocks.append(block)
        else:
            image = _image(part, log)
            if image is not None:
                blocks.append(image)
    return blocks


def _text(part: TextPart) -> Block:
    if part[4]:
        return {"type": "text", "text": part[1], "cache_control": {"type": "ephemeral"}}
    return {"type": "text", "text": part[1]}


def _image(part: Part, log: LossLog) -> Block | None:
    """``codec_parts._image`` / ``encode_source`` for a URL or base64 image (dropped, with a loss,
    when Anthropic does not take its media type)."""
    assert part[0] == "image"
    _, url, media_type, data, detail, at, detail_at = part
    if url is not None:
        source: Block = {"type": "url", "url": url}
    elif media_type in ANTHROPIC_IMAGE_TYPES:
        source = {"type": "base64", "media_type": media_type, "data": data}
    else:
        log.semantic(at, "media_type_unsupported", f"image type {media_type!r} is not accepted")
        return None
    if detail is not None and detail != "auto":
        log.degraded(detail_at, "unsupported_field", f"image detail {detail!r} has no messages form")
    return {"type": "image", "source": source}


def _merge(prev: Block, prev_turn: Turn, turn: Turn, content: Content, log: LossLog) -> None:
    """``codec_turns._merge``: one user turn answers all of a turn's tool calls."""
    log.cosmetic(turn[2], "messages_merged", "consecutive user turns merged around tool results")
    blocks = prev["content"]
    if type(blocks) is str:
        log.cosmetic(prev_turn[2], "content_form_changed", "string content sent as a text block")
        blocks = [{"type": "text", "text": blocks}]
    if isinstance(content, str):
        log.cosmetic(turn[2], "content_form_changed", "string content sent as a text block")
        content = [{"type": "text", "text": content}]
    assert type(content) is list
    new_results = [b for b in content if b["type"] == "tool_result"]
    if new_results and len(new_results) != len(content):
        content = new_results + [b for b in content if b["type"] != "tool_result"]
    if new_results and not all(b["type"] == "tool_result" for b in blocks):
        head = [b for b in blocks if b["type"] == "tool_result"] + new_results
        tail = [b for b in blocks if b["type"] != "tool_result"]
        prev["content"] = head + tail + [b for b in content if b["type"] != "tool_result"]
    else:
        prev["content"] = blocks + content
