"""Responses request <-> IR request (WIRE.md §3.1-§3.5; docs/CONVERSION.md).

Fields only Responses has (``truncation``, ``background``, ``conversation``, ``prompt``,
``max_tool_calls``, ``stream_options``, ``context_management``, unknown ones...) stay in
``extras["responses"]``. Form hints: ``~input`` ("string" or "absent"), ``~include`` (the client's
include list: only its logprobs value means something to the other APIs, WIRE.md §6.14), ``~text``
(the ``text`` object's own leftovers), ``~mot`` (a ``max_output_tokens`` below the minimum, kept as sent).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import ir
from ..loss import LossLog
from ..shapes import wrong_type
from .codec_config import (
    decode_include,
    decode_reasoning_config,
    decode_text,
    encode_format,
    encode_include,
    encode_reasoning_config,
)
from .codec_history import encode_messages
from .codec_items import decode_input
from .codec_tools import decode_tool_choice, decode_tools, encode_tool_choice, encode_tools
from .codec_util import extras, leftovers, merge, mine, own

_KNOWN = frozenset(
    {
        "model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls", "max_output_tokens",
        "temperature", "top_p", "reasoning", "text", "stream", "top_logprobs", "include", "safety_identifier",
        "user", "metadata", "service_tier", "store", "previous_response_id", "prompt_cache_key",
    }
)  # fmt: skip
# Fields copied as they are, IR field name -> Responses field name (WIRE.md §3.1, §6.15, §6.16).
_COPIED = (
    ("temperature", "temperature"),
    ("top_p", "top_p"),
    ("parallel_tool_calls", "parallel_tool_calls"),
    ("stream", "stream"),
    ("top_logprobs", "top_logprobs"),
    ("safety_identifier", "safety_identifier"),
    ("user", "user"),
    ("metadata", "metadata"),
    ("store", "store"),
    ("previous_response_id", "previous_response_id"),
    ("prompt_cache_key", "prompt_cache_key"),
)
# Responses rejects a smaller max_output_tokens (WIRE.md §6.12 [INFER; verify]).
MIN_OUTPUT_TOKENS = 16
# service_tier values of other APIs -> Responses (WIRE.md §6.16); OpenAI's own values pass unchanged.
OPENAI_SERVICE_TIERS = frozenset({"auto", "default", "flex", "scale", "priority", "fast"})
SERVICE_TIER_FROM_OTHERS: dict[str, str] = {
    "standard_only": "default",
    "standard": "default",
    "batch": "flex",
}


def decode_request(body: dict[str, Any], log: LossLog) -> ir.Request:
    rest = leftovers(body, _KNOWN)
    messages: list[ir.Message]
    source = body.get("input")
    if isinstance(source, str):
        # a bare string is one user message (WIRE.md §3.1)
        messages = [ir.Message("user", (ir.Text(source, plain=True, at="/input"),), at="/input")]
        rest["~input"] = "string"
    elif isinstance(source, list):
        messages = decode_input(source, "/input")
    elif "input" not in body:
        messages = []
        rest["~input"] = "absent"
    elif source is None:
        messages = []
    else:
        wrong_type(source, "/input", "input", "a string or a list of items")
    instructions = None
    value = body.get("instructions")
    if isinstance(value, str):
        text = ir.Text(value, plain=True, at="/instructions")
        instructions = ir.Message("system", (text,), at="/instructions")
    elif value is not None:
        rest["instructions"] = value  # an item list (seen in echoes): no IR slot
    tools = decode_tools(body["tools"], "/tools") if body.get("tools") is not None else None
    choice = body.get("tool_choice")
    reasoning = body.get("reasoning")
    output_format = verbosity = None
    if body.get("text") is not None:
        output_format, verbosity, rest["~text"] = decode_text(body["text"], "/text")
    include = body.get("include")
    if include is not None:
        rest["~include"] = include
    logprobs, logprobs_at = decode_include(include)
    max_tokens = body.get("max_output_tokens")
    if isinstance(max_tokens, int) and max_tokens < MIN_OUTPUT_TOKENS:
        rest["~mot"] = True
    return ir.Request(
        model=body.get("model"),
        messages=tuple(messages),
        instructions=instructions,
        tools=tools,
        tool_choice=decode_tool_choice(choice, "/tool_choice") if choice is not None else None,
        parallel_tool_calls=body.get("parallel_tool_calls"),
        max_tokens=max_tokens,
        max_tokens_at="/max_output_tokens",
        temperature=body.get("temperature"),
        top_p=body.get("top_p"),
        reasoning=decode_reasoning_config(reasoning, "/reasoning") if reasoning is not None else None,
        output_format=output_format,
        verbosity=verbosity,
        stream=body.get("stream"),
        logprobs=logprobs,
        logprobs_at=logprobs_at,
        top_logprobs=body.get("top_logprobs"),
        safety_identifier=body.get("safety_identifier"),
        user=body.get("user"),
        metadata=body.get("metadata"),
        service_tier=body.get("service_tier"),
        store=body.get("store"),
        previous_response_id=body.get("previous_response_id"),
        prompt_cache_key=body.get("prompt_cache_key"),
        extras=extras(rest),
    )


def encode_request(request: ir.Request, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if request.model is not None:
        out["model"] = request.model
    messages = request.messages
    lead: list[Any] = []
    if request.instructions is not None:
        text = _instructions(request.instructions, log)
        if text is not None:
            out["instructions"] = text
        else:  # non-text parts: only an input message can carry them (keeps the position: first)
            lead = encode_messages((replace(request.instructions, role="system"),), log)
    form = mine(request.extras, "~input")
    if form == "string" and _one_plain_user_text(messages):
        out["input"] = messages[0].parts[0].text  # type: ignore[union-attr]
    elif not (form == "absent" and not messages):
        out["input"] = lead + encode_messages(messages, log)
    if request.tools is not None:
        out["tools"] = encode_tools(request.tools, log)
    if request.tool_choice is not None:
        choice = encode_tool_choice(request.tool_choice, log)
        if choice is not None:
            out["tool_choice"] = choice
    if request.max_tokens is not None:
        out["max_output_tokens"] = _max_output_tokens(request.max_tokens, request, log)
    if request.include_usage is not None:
        # the stream transcoder honours the flag: Responses streams always end with usage
        log.cosmetic("/stream_options", "stream_usage_implied", "Responses streams always report usage")
    if request.stop:
        log.semantic(
            request.stop_at,
            "stop_sequences_dropped",
            f"Responses has no stop sequences: {list(request.stop)!r}",
        )
    for field, name in _COPIED:
        value = getattr(request, field)
        if value is not None:
            out[name] = value
    if request.service_tier is not None:
        out["service_tier"] = service_tier(request.service_tier, log)
    if request.reasoning is not None:
        out["reasoning"] = encode_reasoning_config(request.reasoning, log)
    text_rest = mine(request.extras, "~text")
    if request.output_format is not None or request.verbosity is not None or text_rest is not None:
        text_config: dict[str, Any] = {}
        if request.output_format is not None:
            text_config["format"] = encode_format(request.output_format, log)
        if request.verbosity is not None:
            text_config["verbosity"] = request.verbosity
        out["text"] = merge(text_config, extras(text_rest or {}), "/text", log)
    include = encode_include(request)
    if include is not None:
        out["include"] = include
    return merge(out, request.extras, "", log, top_level=True)


def _instructions(message: ir.Message, log: LossLog) -> str | None:
    """The instructions string (WIRE.md §6.1) when the source had one bare string; else None, and
    the parts go as a leading system input message (text parts, cache hints, anything else)."""
    if len(message.parts) != 1:
        return None
    part = message.parts[0]
    if not (isinstance(part, ir.Text) and part.plain and part.cache is None and not part.citations):
        return None
    if part.extras:
        merge({}, part.extras, part.at, log)
    if message.extras:
        merge({}, message.extras, message.at, log)
    return part.text


def _one_plain_user_text(messages: tuple[ir.Message, ...]) -> bool:
    if len(messages) != 1 or messages[0].role != "user" or len(messages[0].parts) != 1:
        return False
    part = messages[0].parts[0]
    return isinstance(part, ir.Text) and part.plain and not own(part.extras)


def _max_output_tokens(value: int, request: ir.Request, log: LossLog) -> int:
    if value < MIN_OUTPUT_TOKENS and not mine(request.extras, "~mot"):
        log.degraded(
            request.max_tokens_at,
            "value_clamped",
            f"max tokens {value} raised to the minimum {MIN_OUTPUT_TOKENS}",
        )
        return MIN_OUTPUT_TOKENS
    return value


def service_tier(value: str, log: LossLog) -> str:
    """A service tier as Responses takes it: another API's (Anthropic's ``standard``) mapped, with a
    loss (WIRE.md §6.16)."""
    if value in OPENAI_SERVICE_TIERS:
        return value
    mapped = SERVICE_TIER_FROM_OTHERS.get(value, "auto")
    log.degraded("/service_tier", "service_tier_approximated", f"service tier {value!r} sent as {mapped!r}")
    return mapped
