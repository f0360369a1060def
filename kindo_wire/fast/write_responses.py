"""A plain request from Chat or Messages as a Responses request: what
``responses.request.encode_request`` writes for the same IR, loss for loss.

Each function names the codec function it stands for; the differential test (tests/test_fast_path.py)
holds them to the same bytes and the same losses.
"""

from __future__ import annotations

from typing import Any

from ..api import Api
from ..loss import LossLog
from ..mapping.cache_breakpoints import report_dropped
from ..mapping.media import data_url
from ..mapping.strict_schema import strict_problem
from ..responses.request import MIN_OUTPUT_TOKENS
from .common import arguments_text
from .model import Part, Request, TextPart, Tool, Turn, plain_text

Item = dict[str, Any]

# Knobs copied as they are, in the order of responses.request._COPIED (the ones a plain request has).
_COPIED = (
    ("temperature", "temperature"),
    ("top_p", "top_p"),
    ("parallel", "parallel_tool_calls"),
    ("stream", "stream"),
    ("safety_identifier", "safety_identifier"),
    ("user", "user"),
    ("metadata", "metadata"),
    ("store", "store"),
)
_FALLBACK_MEDIA_TYPE = "application/octet-stream"


def write_request(req: Request, log: LossLog) -> dict[str, Any]:
    """``responses.request.encode_request``."""
    out: dict[str, Any] = {"model": req.model}
    lead: list[Item] = []
    instructions = req.instructions
    if instructions is not None:
        text = plain_text(instructions[1])
        if text is not None:
            out["instructions"] = text
        else:  # not one bare string: a leading system input message carries the parts
            lead = _items([("system", instructions[1], instructions[2])], log)
    out["input"] = lead + _items(req.turns, log)
    if req.tools is not None:
        out["tools"] = [_tool(t, log) for t in req.tools]
    if req.choice is not None:
        out["tool_choice"] = (
            {"type": "function", "name": req.choice_name} if req.choice == "tool" else req.choice
        )
    max_tokens = req.max_tokens
    if max_tokens is not None:
        if max_tokens < MIN_OUTPUT_TOKENS:
            detail = f"max tokens {max_tokens} raised to the minimum {MIN_OUTPUT_TOKENS}"
            log.degraded(req.max_tokens_at, "value_clamped", detail)
            max_tokens = MIN_OUTPUT_TOKENS
        out["max_output_tokens"] = max_tokens
    if req.include_usage is not None:
        log.cosmetic("/stream_options", "stream_usage_implied", "Responses streams always report usage")
    if req.stop:
        log.semantic(
            req.stop_at, "stop_sequences_dropped", f"Responses has no stop sequences: {list(req.stop)!r}"
        )
    for field, name in _COPIED:
        value = getattr(req, field)
        if value is not None:
            out[name] = value
    return out


def _tool(tool: Tool, log: LossLog) -> Item:
    """``codec_tools.encode_tools`` for a function tool: ``strict`` always said (absent means "try")."""
    name, at, description, parameters, strict, origin = tool
    item: Item = {"type": "function", "name": name}
    if description is not None:
        item["description"] = description
    item["parameters"] = parameters
    if strict is True and origin is Api.MESSAGES and (problem := strict_problem(parameters)):
        log.degraded(f"{at}/strict", "strict_relaxed", f"sent strict: false; OpenAI strict mode: {problem}")
        item["strict"] = False
    else:
        item["strict"] = strict if strict is not None else False
    return item


def _items(turns: list[Turn], log: LossLog) -> list[Item]:
    """``codec_history.encode_messages``: a turn becomes one item or several."""
    items: list[Item] = []
    for role, parts, _at in turns:
        text = plain_text(parts)
        if text is not None:
            items.append({"role": role, "content": text})
        elif isinstance(parts, str):  # pragma: no cover - plain_text gave it back
            raise AssertionError(parts)
        elif role == "assistant":
            _assistant(parts, items, log)
        else:
            _input_side(role, parts, items, log)
    return items


def _input_side(role: str, parts: list[Part], items: list[Item], log: LossLog) -> None:
    """``codec_history._input_side``: runs of content parts become message items, in place."""
    run: list[Part] = []
    for part in parts:
        if part[0] == "text" or part[0] == "image":
            run.append(part)
            continue
        if run:
            items.append(_input_message(role, run, log))
            run = []
        _other(part, items, log)
    if run or not parts:
        items.append(_input_message(role, run, log))


def _input_message(role: str, run: list[Part], log: LossLog) -> Item:
    text = plain_text(run)
    if text is not None:
        return {"role": role, "content": text}
    return {"role": role, "content": [_input_part(p, log) for p in run]}


def _input_part(part: Part, log: LossLog) -> Item:
    """``codec_parts.encode_part`` of a user-side text or image."""
    if part[0] == "text":
        if part[4]:  # an Anthropic breakpoint is not placed (mapping/cache_breakpoints.py)
            report_dropped(part[2], Api.RESPONSES, None, log)
        return {"type": "input_text", "text": part[1]}
    assert part[0] == "image"
    _, url, media_type, data, detail, _at, _detail_at = part
    if url is None:
        url = data_url(media_type or _FALLBACK_MEDIA_TYPE, data)
    # the SDK marks detail required; auto is the API default
    return {"type": "input_image", "image_url": url, "detail": detail if detail is not None else "auto"}


def _assistant(parts: list[Part], items: list[Item], log: LossLog) -> None:
    """``codec_history._assistant``: runs of text become one assistant message item each."""
    run: list[TextPart] = []
    for part in parts:
        if part[0] == "text":
            run.append(part)
            continue
        if run:
            items.append(_assistant_message(run, log))
            run = []
        _other(part, items, log)
    if run:
        items.append(_assistant_message(run, log))


def _assistant_message(run: list[TextPart], log: LossLog) -> Item:
    """``codec_history._assistant_message`` for foreign text (no citations): one string."""
    if len(run) > 1:  # one text part and its string are the same content
        log.cosmetic(run[0][2], "content_form_changed", "assistant text parts sent as one string")
    for part in run:
        if part[4]:
            log.degraded(part[2], "cache_hint_dropped", "assistant text replay carries no cache breakpoint")
    return {"role": "assistant", "content": "".join(p[1] for p in run)}


def _other(part: Part, items: list[Item], log: LossLog) -> None:
    """``codec_history._other``: calls and results are items of their own."""
    if part[0] == "call":
        _, call_id, name, arguments, value, _at = part
        if arguments is None:
            arguments = arguments_text(value or {})
        items.append({"type": "function_call", "call_id": call_id, "name": name, "arguments": arguments})
    elif part[0] == "result":
        _, call_id, content, is_error, at = part
        items.append({"type": "function_call_output", "call_id": call_id, "output": content or ""})
        if is_error:
            log.degraded(
                f"{at}/is_error",
                "tool_result_error_flag_dropped",
                "Responses tool outputs have no error flag",
            )
