"""A plain request from Messages or Responses as a Chat Completions request: what
``chat.request.encode_request`` writes for the same IR, loss for loss.

Each function names the codec function it stands for; the differential test (tests/test_fast_path.py)
holds them to the same bytes and the same losses.
"""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..chat.codec_calls import request_call_id
from ..chat.codec_parts import CHAT_IMAGE_DETAILS
from ..loss import LossLog
from ..mapping.cache_breakpoints import report_dropped
from ..mapping.ids import CHAT_TOOL_CALL_ID_MAX
from ..mapping.media import data_url
from ..mapping.orphan_choice import drop_orphan_choice
from ..mapping.strict_schema import responses_default_strict, strict_problem
from .common import arguments_text
from .model import Part, Request, Tool, Turn, plain_text

Message = dict[str, Any]

# Knobs copied as they are, in the order of chat.request._SCALARS (the ones a plain request has).
_SCALARS = (
    ("parallel", "parallel_tool_calls"),
    ("temperature", "temperature"),
    ("top_p", "top_p"),
    ("stream", "stream"),
    ("safety_identifier", "safety_identifier"),
    ("user", "user"),
    ("metadata", "metadata"),
    ("store", "store"),
)


def write_request(req: Request, log: LossLog) -> dict[str, Any]:
    """``chat.request.encode_request``."""
    body: dict[str, Any] = {"model": req.model, "messages": _messages(req, log)}
    if req.tools is not None:
        body["tools"] = [_tool(t, log) for t in req.tools]
    if req.choice is not None and req.tools is None:  # Chat refuses a tool_choice without tools
        drop_orphan_choice(req.choice, "/tool_choice", log)
    elif req.choice is not None:
        if req.choice == "tool":
            body["tool_choice"] = {"type": "function", "function": {"name": req.choice_name}}
        else:
            body["tool_choice"] = req.choice
    if req.max_tokens is not None:
        body["max_completion_tokens"] = req.max_tokens
    if req.stop is not None:
        body["stop"] = list(req.stop)
    for field, name in _SCALARS:
        value = getattr(req, field)
        if value is not None:
            body[name] = value
    return body


def _tool(tool: Tool, log: LossLog) -> dict[str, Any]:
    """``codec_tools.encode_tools`` for a function tool."""
    name, at, description, parameters, strict, origin = tool
    inner: dict[str, Any] = {"name": name}
    if description is not None:
        inner["description"] = description
    if parameters is not None:
        inner["parameters"] = parameters
    if strict is True and origin is Api.MESSAGES and (problem := strict_problem(parameters)):
        log.degraded(f"{at}/strict", "strict_relaxed", f"sent strict: false; OpenAI strict mode: {problem}")
        inner["strict"] = False
    elif strict is not None:
        inner["strict"] = strict
    elif origin is Api.RESPONSES and responses_default_strict(parameters):
        inner["strict"] = True  # what Responses would have done with this schema
    return {"type": "function", "function": inner}


def _messages(req: Request, log: LossLog) -> list[Message]:
    """``codec_msg_encode.encode_messages``."""
    out: list[Message] = []
    turns = req.turns
    if req.instructions is not None:
        _plain(req.instructions, "system", out, log)
    elif turns and turns[0][0] == "system" and plain_text(turns[0][1]) is not None:
        # a system message of the conversation (is_bare_system), not instructions: as a part list
        _plain(turns[0], "system", out, log, as_parts=True)
        turns = turns[1:]
    for turn in turns:
        role = turn[0]
        if role == "assistant":
            out.append(_assistant(turn[1], log))
        elif role == "user":
            _user(turn, out, log)
        else:
            _plain(turn, role, out, log)
    return out


def _part(part: Part, log: LossLog) -> dict[str, Any]:
    """``codec_parts.encode_part`` of a text or an image."""
    if part[0] == "text":
        if part[4]:  # an Anthropic breakpoint is not placed (mapping/cache_breakpoints.py)
            report_dropped(part[2], Api.CHAT, None, log)
        return {"type": "text", "text": part[1]}
    assert part[0] == "image"
    _, url, media_type, data, detail, _at, detail_at = part
    inner: dict[str, Any] = {"url": url if url is not None else data_url(media_type, data)}
    if detail is not None:
        if detail in CHAT_IMAGE_DETAILS:
            inner["detail"] = detail
        else:
            log.degraded(detail_at, "unsupported_field", f"image detail {detail!r} has no chat value")
    return {"type": "image_url", "image_url": inner}


def _plain(turn: Turn, role: str, out: list[Message], log: LossLog, *, as_parts: bool = False) -> None:
    """``codec_msg_encode._plain``: a system, developer or user turn of content parts only."""
    content = turn[1]
    if isinstance(content, str):
        out.append({"role": role, "content": [{"type": "text", "text": content}] if as_parts else content})
        return
    text = None if as_parts else plain_text(content)
    if text is not None:
        out.append({"role": role, "content": text})
        return
    encoded = [_part(p, log) for p in content]
    out.append({"role": role, "content": encoded if encoded or as_parts else ""})


def _assistant(content: str | list[Part], log: LossLog) -> Message:
    """``codec_msg_encode._assistant``: text parts as content, calls as ``tool_calls``."""
    if isinstance(content, str):
        return {"role": "assistant", "content": content}
    texts: list[Part] = []
    encoded: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []
    for part in content:
        if part[0] == "call":
            _, call_id, name, arguments, value, at = part
            if arguments is None:
                arguments = arguments_text(value or {})
            if len(call_id) > CHAT_TOOL_CALL_ID_MAX:  # codec_calls.request_call_id, cheap case first
                call_id = request_call_id(call_id, at + "/id", log)
            calls.append(
                {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}
            )
        elif part[0] == "text":
            texts.append(part)
            encoded.append(_part(part, log))
    text = plain_text(texts)
    out: Message = {"role": "assistant", "content": text if text is not None else encoded or None}
    if calls:
        out["tool_calls"] = calls
    return out


def _user(turn: Turn, out: list[Message], log: LossLog) -> None:
    """``codec_msg_encode._user``: tool results first, as ``tool`` messages, then the rest."""
    parts = turn[1]
    if isinstance(parts, str):
        out.append({"role": "user", "content": parts})
        return
    rest: list[Part] = []
    for part in parts:
        if part[0] == "result":
            _, call_id, content, is_error, at = part
            if len(call_id) > CHAT_TOOL_CALL_ID_MAX:
                call_id = request_call_id(call_id, at, log)
            out.append(
                {"role": "tool", "tool_call_id": call_id, "content": "" if content is None else content}
            )
            if is_error:
                log.degraded(
                    at + "/is_error",
                    "tool_result_error_flag_dropped",
                    "chat tool messages have no error flag",
                )
        else:
            rest.append(part)
    if len(rest) == len(parts):
        _plain(turn, "user", out, log)
    elif rest:
        out.append({"role": "user", "content": [_part(p, log) for p in rest]})
