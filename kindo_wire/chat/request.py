"""chat request <-> IR request (WIRE.md §1.1-§1.6).

Top-level form hints in ``Request.extras["chat"]`` (docs/CONVERSION.md rule 2): ``~null`` lists mapped
fields sent as ``null``; ``~max_tokens`` says the cap came as ``max_tokens`` (not
``max_completion_tokens``); ``~stop`` that ``stop`` was a bare string; ``~stream_options`` holds
the ``stream_options`` fields other than ``include_usage``.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import carry
from ..errors import RequestError
from ..loss import LossLog
from ..mapping.effort import effort_for
from ..mapping.orphan_choice import drop_orphan_choice
from ..shapes import need_array, need_object, need_string
from .codec_common import CHAT, extras, hint_of, inner_hint, rest_of
from .codec_msg_decode import decode_messages
from .codec_msg_encode import encode_messages, is_bare_system
from .codec_tools import (
    decode_tool_choice,
    decode_tools,
    decode_web_search,
    encode_tool_choice,
    encode_tools,
)

# Top-level fields with an IR slot (WIRE.md §1.1; web_search_options is a hosted tool in
# Request.tools, WIRE.md §6.3). Everything else - n, seed, penalties, logit_bias, modalities, audio,
# prediction, functions, function_call, unknown fields - stays in Request.extras["chat"]: back for
# Chat, reported lost elsewhere.
_MAPPED = frozenset(
    {
        "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "max_tokens",
        "max_completion_tokens", "stop", "temperature", "top_p", "reasoning_effort", "response_format",
        "verbosity", "stream", "stream_options", "logprobs", "top_logprobs", "safety_identifier", "user",
        "metadata", "service_tier", "store", "prompt_cache_key", "web_search_options",
    }
)  # fmt: skip

# Fields copied one to one between the wire and the IR (same name on both sides).
_SCALARS = (
    "parallel_tool_calls", "temperature", "top_p", "verbosity", "stream", "logprobs", "top_logprobs",
    "safety_identifier", "user", "metadata", "store", "prompt_cache_key",
)  # fmt: skip

# Service tiers Chat accepts (WIRE.md §1.1); foreign values map through this table (WIRE.md §6.16).
SERVICE_TIERS: dict[str, str] = {
    "auto": "auto",
    "default": "default",
    "flex": "flex",
    "scale": "scale",
    "priority": "priority",
    "fast": "fast",
    "standard_only": "default",  # Anthropic: never priority capacity
}


# JSON types of the mapped scalars (WIRE.md §1.1): a value of another type is a RequestError here, so
# no IR slot ever holds a value its type does not allow (other encoders compare and look them up).
_NUMBER = (int, float)
_TYPES: dict[str, tuple[type, ...]] = {
    "model": (str,),
    "parallel_tool_calls": (bool,),
    "max_tokens": (int,),
    "max_completion_tokens": (int,),
    "temperature": _NUMBER,
    "top_p": _NUMBER,
    "reasoning_effort": (str,),
    "verbosity": (str,),
    "stream": (bool,),
    "logprobs": (bool,),
    "top_logprobs": (int,),
    "safety_identifier": (str,),
    "user": (str,),
    "metadata": (dict,),
    "service_tier": (str,),
    "store": (bool,),
    "prompt_cache_key": (str,),
    "web_search_options": (dict,),
}


def _check_types(body: dict[str, Any]) -> None:
    for key, types in _TYPES.items():
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join(t.__name__ for t in types)
            raise RequestError(f"{key} must be {names}", pointer="/" + key, code="invalid_type")


def decode_request(body: dict[str, Any], log: LossLog) -> ir.Request:
    body = need_object(body, "", "the request body")
    _check_types(body)
    rest = rest_of(body, _MAPPED)
    hints: dict[str, Any] = {}
    nulls = [k for k in _MAPPED if k in body and body[k] is None]
    if nulls:
        hints["~null"] = sorted(nulls)
    fields: dict[str, Any] = {k: body[k] for k in _SCALARS if body.get(k) is not None}
    cap = body.get("max_completion_tokens")
    if cap is None and body.get("max_tokens") is not None:
        cap = body["max_tokens"]
        hints["~max_tokens"] = True
    elif body.get("max_tokens") is not None:
        rest["max_tokens"] = body["max_tokens"]  # both sent: the deprecated one is a Chat-only leftover
    stop = body.get("stop")
    if isinstance(stop, str):
        stop, hints["~stop"] = (stop,), True
    elif stop is not None:
        stop = tuple(
            need_string(s, f"/stop/{i}", "stop") for i, s in enumerate(need_array(stop, "/stop", "stop"))
        )
    include_usage = None
    options = body.get("stream_options")
    if options is not None:
        options = need_object(options, "/stream_options", "stream_options")
        include_usage = options.get("include_usage")
        if include_usage is not None and not isinstance(include_usage, bool):
            raise RequestError("include_usage must be bool", pointer="/stream_options/include_usage")
        hints["~stream_options"] = {k: v for k, v in options.items() if k != "include_usage" or v is None}
    effort = body.get("reasoning_effort")
    choice = body.get("tool_choice")
    model = body.get("model")
    tier = body.get("service_tier")
    instructions, messages = _lift_instructions(decode_messages(body.get("messages")))
    tools = decode_tools(body["tools"]) if body.get("tools") is not None else None
    if body.get("web_search_options") is not None:
        search = decode_web_search(body["web_search_options"], listed=tools is not None)
        tools = (*(tools or ()), search)
    if choice is not None and body.get("tools") is None:
        hints["~choice_alone"] = True  # a tool_choice with no tools list: written back as it came
    return ir.Request(
        model=model if isinstance(model, str) else None,
        messages=messages,
        instructions=instructions,
        tools=tools,
        tool_choice=decode_tool_choice(choice) if choice is not None else None,
        max_tokens=cap,
        max_tokens_at="/max_tokens"
        if "max_completion_tokens" not in body and "max_tokens" in body
        else "/max_completion_tokens",
        stop=stop,
        reasoning=ir.ReasoningConfig(effort=effort, at="/reasoning_effort") if effort is not None else None,
        output_format=_decode_format(body["response_format"])
        if body.get("response_format") is not None
        else None,
        include_usage=include_usage if isinstance(include_usage, bool) else None,
        service_tier=tier if isinstance(tier, str) else None,
        extras=extras(rest, hints),
        **fields,
    )


def _lift_instructions(
    messages: tuple[ir.Message, ...],
) -> tuple[ir.Message | None, tuple[ir.Message, ...]]:
    """A leading ``system`` message with a bare string is the instructions (WIRE.md §6.1): sent as
    Responses ``instructions`` / the Anthropic ``system`` string, and back here as it came."""
    if messages and is_bare_system(messages[0]):
        return messages[0], messages[1:]
    return None, messages


def _decode_format(value: Any) -> ir.OutputFormat:
    at = "/response_format"
    value = need_object(value, at, "response_format")
    kind = str(value.get("type"))
    if kind != "json_schema":
        return ir.OutputFormat(kind, at=at, extras=extras(rest_of(value, {"type"})))
    inner = need_object(value.get("json_schema"), at + "/json_schema", "json_schema")
    used = ("name", "description", "schema", "strict")
    hints = inner_hint(inner, used, "json_schema")
    if "name" not in inner:
        hints["~no_name"] = True  # Chat requires it, but a client that left it out gets it left out
    name, desc, schema, strict = (inner.get(k) for k in used)
    return ir.OutputFormat(
        kind,
        schema=schema if isinstance(schema, dict) else None,
        name=name if isinstance(name, str) else None,
        description=desc if isinstance(desc, str) else None,
        strict=strict if isinstance(strict, bool) else None,
        at=at,
        extras=extras(rest_of(value, {"type", "json_schema"}), hints),
    )


# --- encoding -------------------------------------------------------------------------------------


def encode_request(request: ir.Request, log: LossLog) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if request.model is not None:
        body["model"] = request.model
    body["messages"] = encode_messages(request.instructions, request.messages, log)
    orphaned = False  # another API's tools, none of which is a Chat tool now (a Chat body is kept)
    if request.tools is not None:
        tools, search = encode_tools(request.tools, log)
        orphaned = not tools and any(tool.origin is not CHAT for tool in request.tools)
        if tools is not None and not orphaned:
            body["tools"] = tools
        if search is not None:
            body["web_search_options"] = search
    # No tools went out (none survived, or none came): Chat refuses a tool_choice alone, unless a
    # Chat body sent it so (then it is written back as it came).
    alone = "tools" not in body and not hint_of(request.extras, "~choice_alone")
    if request.tool_choice is not None and alone:
        drop_orphan_choice(request.tool_choice.mode, request.tool_choice.at, log)
    elif request.tool_choice is not None:
        choice = encode_tool_choice(request.tool_choice, request.tools, log)
        if choice is not None:
            body["tool_choice"] = choice
    if request.max_tokens is not None:
        key = "max_tokens" if hint_of(request.extras, "~max_tokens") else "max_completion_tokens"
        body[key] = request.max_tokens
    if request.stop is not None:
        body["stop"] = request.stop[0] if hint_of(request.extras, "~stop") else list(request.stop)
    for key in _SCALARS:
        value = getattr(request, key)
        if value is not None:
            body[key] = value
    if request.reasoning is not None:
        effort = _effort(request.reasoning, log)
        if effort is not None:
            body["reasoning_effort"] = effort
    if request.output_format is not None:
        body["response_format"] = _encode_format(request.output_format, log)
    options = hint_of(request.extras, "~stream_options")
    if request.include_usage is not None or options is not None:
        body["stream_options"] = dict(options or {})
        if request.include_usage is not None:
            body["stream_options"]["include_usage"] = request.include_usage
    if request.service_tier is not None:
        tier = SERVICE_TIERS.get(request.service_tier)
        if tier != request.service_tier:
            log.degraded(
                "/service_tier", "service_tier_approximated", f"{request.service_tier!r} sent as {tier!r}"
            )
        if tier is not None:
            body["service_tier"] = tier
    if request.previous_response_id is not None:
        log.semantic(
            "/previous_response_id",
            "previous_response_unresolved",
            "chat is stateless: earlier turns are missing",
        )
    body.update(carry(request.extras, CHAT, "", log, top_level=True))
    for key in hint_of(request.extras, "~null") or ():
        body.setdefault(key, None)
    return body


def _effort(config: ir.ReasoningConfig, log: LossLog) -> str | None:
    """``reasoning_effort`` from effort or an Anthropic thinking config (WIRE.md §6.10)."""
    at = config.at
    effort = config.effort
    if effort is not None:
        if config.budget_tokens is not None:
            log.degraded(
                at + "/budget_tokens", "effort_approximated", f"budget dropped; effort {effort!r} kept"
            )
    elif config.thinking == "enabled" and config.budget_tokens is not None:
        effort = effort_for(config.budget_tokens)
        log.degraded(at, "effort_approximated", f"thinking budget {config.budget_tokens} sent as {effort!r}")
    elif config.thinking == "adaptive":
        effort = "medium"
        log.degraded(at, "effort_approximated", "adaptive thinking sent as 'medium'")
    elif config.thinking is not None:
        # Decision: disabled thinking is omitted, not sent as "none": most Chat models reject "none"
        # (WIRE.md §6.10 "only for models that accept none"), so the model's default applies.
        log.degraded(at, "effort_approximated", f"thinking {config.thinking!r} sent as no reasoning_effort")
    if config.summary is not None:
        log.degraded(at + "/summary", "unsupported_field", "chat has no reasoning summary request")
    if config.display is not None:
        log.degraded(at + "/display", "unsupported_field", "chat has no thinking display option")
    carry(config.extras, CHAT, at, log)
    return effort


def _encode_format(fmt: ir.OutputFormat, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {"type": fmt.kind}
    if fmt.kind == "json_schema":
        inner: dict[str, Any] = {}
        if fmt.name is not None:
            inner["name"] = fmt.name
        elif not hint_of(fmt.extras, "~no_name"):
            # OpenAI requires a name (WIRE.md §6.17); Anthropic formats have none.
            inner["name"] = "response"
            log.cosmetic(fmt.at, "output_format_approximated", "json_schema name synthesized as 'response'")
        if fmt.description is not None:
            inner["description"] = fmt.description
        if fmt.schema is not None:
            inner["schema"] = fmt.schema
        if fmt.strict is not None:
            inner["strict"] = fmt.strict
        extra = hint_of(fmt.extras, "~inner")
        if extra:
            inner.update(extra)
        out["json_schema"] = inner
    out.update(carry(fmt.extras, CHAT, fmt.at, log))
    return out
