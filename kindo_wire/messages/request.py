"""messages request <-> IR request (WIRE.md §2.2-§2.7; cross-API rules §6.1-§6.17).

The decoder reads every field it has an IR slot for and keeps the rest verbatim in
``extras["messages"]`` (with the ``~native`` hint: a request Messages decoded itself keeps its turn
structure on the way back). The encoder takes IR from any decoder; blocks, tools, turns and thinking
live in the ``codec_*`` / ``thinking`` modules beside this one.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry
from ..loss import LossLog
from ..mapping.orphan_choice import drop_orphan_choice
from .codec_blocks import decode_content
from .codec_extras import MV, M, emit, fail, flag, leftovers
from .codec_tools import decode_tool_choice, decode_tools, encode_tool_choice, encode_tools
from .codec_turns import encode_messages, encode_system
from .thinking import decode_reasoning, encode_reasoning

# Anthropic requires max_tokens; the value when the source had none is LiteLLM's
# DEFAULT_ANTHROPIC_CHAT_MAX_TOKENS [DF:litellm] (WIRE.md §6.12).
DEFAULT_MAX_TOKENS = 4096

# Anthropic's temperature range is 0..1; OpenAI's goes to 2 (WIRE.md §6.16).
MAX_TEMPERATURE = 1

# OpenAI service_tier -> Anthropic (auto | standard_only), WIRE.md §6.16 [INFER]: default/flex are
# standard capacity; the rest may use priority capacity, which is what "auto" allows.
SERVICE_TIER_TO_MESSAGES: dict[str, str] = {
    "auto": "auto",
    "standard_only": "standard_only",
    "default": "standard_only",
    "flex": "standard_only",
    "scale": "auto",
    "priority": "auto",
    "fast": "auto",
}
_EXACT_TIERS = ("auto", "standard_only")

_REQUEST_KNOWN = (
    "model",
    "messages",
    "system",
    "max_tokens",
    "stop_sequences",
    "temperature",
    "top_p",
    "tools",
    "tool_choice",
    "thinking",
    "output_config",
    "metadata",
    "service_tier",
    "stream",
)
_ROLES = ("user", "assistant", "system")  # "system" in messages: SDK 2.12.0 [AN:system_message_param.py]


def _typed(body: dict[str, Any], key: str, kinds: type | tuple[type, ...]) -> Any:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, kinds) or (isinstance(value, bool) and kinds is not bool):
        fail(f"{key} has the wrong type", f"/{key}")
    return value


def _message(message: Any, at: str) -> ir.Message:
    if not isinstance(message, dict):
        fail("a message must be an object", at)
    role = message.get("role")
    if role not in _ROLES:
        fail(f"unknown role {role!r}", f"{at}/role")
    parts = decode_content(message.get("content"), f"{at}/content")
    return ir.Message(role, parts, at=at, extras=leftovers(message, ("role", "content")))


def _partial(value: Any, at: str, taken: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """``value`` (an object we read some keys of) and what is left of it to carry, None if nothing."""
    if not isinstance(value, dict):
        fail("must be an object", at)
    rest = {k: v for k, v in value.items() if k not in taken}
    return value, (rest if rest or not value else None)


def _output_format(fmt: Any) -> ir.OutputFormat | None:
    if fmt is None:
        return None
    if not isinstance(fmt, dict) or not isinstance(fmt.get("type"), str):
        fail("format must be an object with a type", "/output_config/format")
    schema = fmt.get("schema")
    return ir.OutputFormat(
        fmt["type"],
        schema=schema if isinstance(schema, dict) else None,
        at="/output_config/format",
        extras=leftovers(fmt, ("type", "schema") if isinstance(schema, (dict, type(None))) else ("type",)),
    )


def decode_request(body: dict[str, Any], log: LossLog) -> ir.Request:
    if not isinstance(body, dict):
        fail("the request body must be an object", "")
    messages = body.get("messages")
    if not isinstance(messages, list):
        fail("messages must be an array", "/messages")
    system = body.get("system")
    tools = decode_tools(body["tools"]) if body.get("tools") is not None else None
    choice, parallel = (None, None)
    if body.get("tool_choice") is not None:
        choice, parallel = decode_tool_choice(body["tool_choice"], tools)
    stop = _typed(body, "stop_sequences", list)
    if stop is not None and not all(isinstance(s, str) for s in stop):
        fail("stop_sequences must be strings", "/stop_sequences")
    extras = leftovers(body, _REQUEST_KNOWN, native=True)
    carried = dict(extras[MV])
    effort = fmt = None
    if body.get("output_config") is not None:
        config, rest = _partial(body["output_config"], "/output_config", ("effort", "format"))
        effort, fmt = config.get("effort"), config.get("format")
        if rest is not None:
            carried["output_config"] = rest
    user_id = None
    if body.get("metadata") is not None:
        metadata, rest = _partial(body["metadata"], "/metadata", ())
        user_id = metadata.get("user_id")
        if isinstance(user_id, str):
            rest = {k: v for k, v in metadata.items() if k != "user_id"} or None
        else:
            user_id = None
        if rest is not None:
            carried["metadata"] = rest  # other keys (and a null user_id) stay Anthropic's
    service_tier = _typed(body, "service_tier", str)
    return ir.Request(
        model=_typed(body, "model", str),
        messages=tuple([_message(m, f"/messages/{i}") for i, m in enumerate(messages)]),
        instructions=None
        if system is None
        else ir.Message("system", decode_content(system, "/system"), at="/system"),
        tools=tools,
        tool_choice=choice,
        parallel_tool_calls=parallel,
        max_tokens=_typed(body, "max_tokens", int),
        stop=tuple(stop) if stop is not None else None,
        stop_at="/stop_sequences",
        temperature=_typed(body, "temperature", (int, float)),
        top_p=_typed(body, "top_p", (int, float)),
        reasoning=decode_reasoning(body.get("thinking"), effort),
        output_format=_output_format(fmt),
        stream=_typed(body, "stream", bool),
        safety_identifier=user_id,
        service_tier=service_tier,
        extras={MV: carried},
    )


def _encode_format(fmt: ir.OutputFormat, log: LossLog) -> dict[str, Any] | None:
    if fmt.kind == "json_schema":
        if fmt.name is not None or fmt.description is not None or fmt.strict is not None:
            # output_config.format has a schema only (WIRE.md §2.7, §6.17)
            log.degraded(fmt.at, "output_format_approximated", "schema name/description/strict not sent")
        out: dict[str, Any] = {"type": "json_schema"}
        if fmt.schema is not None:
            out["schema"] = fmt.schema
        return emit(out, fmt.extras, fmt.at, log)
    if fmt.kind == "json_object":
        log.semantic(fmt.at, "output_format_approximated", "messages has no JSON-object mode; not sent")
        return None
    if fmt.kind == "text" and fmt.extras.get(MV) is None:
        return None  # the default
    out = {"type": fmt.kind}
    if fmt.schema is not None:
        out["schema"] = fmt.schema
    return emit(out, fmt.extras, fmt.at, log)


def _foreign_fields(req: ir.Request, log: LossLog) -> None:
    """OpenAI request fields with no Anthropic counterpart (WIRE.md §6.14, §6.15, §6.16, §6.20)."""
    if req.logprobs:
        log.degraded(req.logprobs_at, "logprobs_dropped", "messages returns no log probabilities")
    if req.top_logprobs is not None:
        log.degraded("/top_logprobs", "logprobs_dropped", "messages returns no log probabilities")
    if req.previous_response_id is not None:
        log.semantic(
            "/previous_response_id", "previous_response_unresolved", "messages is stateless; history not sent"
        )
    if req.metadata:
        log.degraded("/metadata", "metadata_dropped", "messages has no metadata map")
    if req.verbosity is not None:
        log.degraded("/verbosity", "unsupported_field", "messages has no verbosity")
    if req.store:
        log.degraded("/store", "unsupported_field", "messages does not store responses")
    elif req.store is False:
        log.cosmetic("/store", "unsupported_field", "messages keeps no responses: store false holds anyway")
    if req.include_usage is not None:
        # the stream transcoder honours the flag: Anthropic streams always carry usage
        log.cosmetic("/stream_options", "stream_usage_implied", "messages streams always report usage")
    if req.prompt_cache_key is not None:
        log.degraded("/prompt_cache_key", "unsupported_field", "messages has no prompt cache key")
    if req.user is not None and req.safety_identifier is not None:
        log.degraded("/user", "unsupported_field", "user not sent: safety_identifier is the end-user id")


def encode_request(request: ir.Request, log: LossLog) -> dict[str, Any]:
    req = request
    native = bool(flag(req.extras, "native"))
    out: dict[str, Any] = {}
    if req.extras:
        out.update(carry(req.extras, M, "", log, top_level=True))
    if req.model is not None:
        out["model"] = req.model
    system = encode_system(req, log, native=native)
    if system is not None:
        out["system"] = system
    out["messages"] = encode_messages(req.messages, log, native=native)
    choice, allowed = encode_tool_choice(
        req.tool_choice, req.parallel_tool_calls, log, has_tools=bool(req.tools)
    )
    if req.tools is not None:
        tools = encode_tools(req.tools, allowed, log)
        if tools or native:
            out["tools"] = tools
        if req.tools and not tools and req.tool_choice is not None:
            drop_orphan_choice(req.tool_choice.mode, req.tool_choice.at, log)
            choice = None
    if choice is not None:
        out["tool_choice"] = choice
    defaulted = req.max_tokens is None
    max_tokens = DEFAULT_MAX_TOKENS if req.max_tokens is None else req.max_tokens
    forced = choice is not None and choice.get("type") in ("any", "tool")
    thinking = encode_reasoning(req, log, max_tokens=max_tokens, defaulted=defaulted, forced_choice=forced)
    if defaulted:
        log.degraded(
            req.max_tokens_at,
            "max_tokens_defaulted",
            f"messages requires max_tokens; sent {thinking.max_tokens}",
        )
    out["max_tokens"] = thinking.max_tokens
    if thinking.thinking is not None:
        out["thinking"] = thinking.thinking
    # our own leftover output_config keys, completed with effort and format (copied: never mutate the IR)
    partial = out.pop("output_config", None)
    config = dict(partial) if isinstance(partial, dict) else None
    fmt = _encode_format(req.output_format, log) if req.output_format is not None else None
    if thinking.effort is not None or fmt is not None:
        config = {} if config is None else config
        if thinking.effort is not None:
            config["effort"] = thinking.effort
        if fmt is not None:
            config["format"] = fmt
    if config is not None:
        out["output_config"] = config
    if req.stop is not None:
        out["stop_sequences"] = list(req.stop)
    temperature = thinking.temperature
    if temperature is not None and temperature > MAX_TEMPERATURE:
        log.degraded(
            "/temperature", "value_clamped", f"temperature {temperature} clamped to {MAX_TEMPERATURE}"
        )
        temperature = MAX_TEMPERATURE
    if temperature is not None:
        out["temperature"] = temperature
    if req.top_p is not None:
        out["top_p"] = req.top_p
    if req.stream is not None:
        out["stream"] = req.stream
    _metadata(out, req, native)
    if req.service_tier is not None:
        tier = SERVICE_TIER_TO_MESSAGES.get(req.service_tier, "auto")
        if req.service_tier not in _EXACT_TIERS:
            log.degraded(
                "/service_tier", "service_tier_approximated", f"{req.service_tier!r} sent as {tier!r}"
            )
        out["service_tier"] = tier
    if not native:
        _foreign_fields(req, log)
    for key in flag(req.extras, "nulls") or ():
        out.setdefault(key, None)  # known fields the source sent as null
    return out


def _metadata(out: dict[str, Any], req: ir.Request, native: bool) -> None:
    # end-user id: safety_identifier, else OpenAI's legacy user (WIRE.md §6.15)
    user_id = req.safety_identifier if req.safety_identifier is not None else req.user
    rest = out.get("metadata")
    if user_id is not None:
        out["metadata"] = {**rest, "user_id": user_id} if isinstance(rest, dict) else {"user_id": user_id}
