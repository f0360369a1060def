"""Responses ``reasoning``, ``text`` and ``include`` <-> IR (WIRE.md §3.5, §6.10, §6.14, §6.17)."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..loss import LossLog
from ..mapping.effort import effort_for
from ..shapes import need_object
from .codec_util import NULL, extras, leftovers, merge, mine

# The include value that asks for output logprobs: Chat's ``logprobs: true`` (WIRE.md §6.14).
LOGPROBS_INCLUDE = "message.output_text.logprobs"

_REASONING_KNOWN = frozenset({"effort", "summary", "generate_summary"})
_FORMAT_KNOWN = frozenset({"type", "name", "description", "schema", "strict"})
_TEXT_KNOWN = frozenset({"format", "verbosity"})

# Anthropic thinking.display -> Responses reasoning.summary (WIRE.md §6.10 "Summary request").
_DISPLAY_SUMMARY: dict[str, str | None] = {"summarized": "auto", "omitted": None}
# A json_schema format needs a name in OpenAI (WIRE.md §6.17): what we call an unnamed one.
SYNTHESIZED_SCHEMA_NAME = "response"


def decode_reasoning_config(value: Any, at: str) -> ir.ReasoningConfig:
    config = need_object(value, at, "reasoning")
    rest = leftovers(config, _REASONING_KNOWN)
    summary = config.get("summary")
    if summary is None and isinstance(config.get("generate_summary"), str):
        summary = config["generate_summary"]  # the deprecated alias (WIRE.md §3.5)
        rest["~alias"] = True
    elif "generate_summary" in config:
        rest["generate_summary"] = config["generate_summary"]
        nulls = rest.get("~null")
        if nulls and "generate_summary" in nulls:
            nulls.remove("generate_summary")
            if not nulls:
                del rest["~null"]
    return ir.ReasoningConfig(effort=config.get("effort"), summary=summary, at=at, extras=extras(rest))


def encode_reasoning_config(config: ir.ReasoningConfig, log: LossLog) -> dict[str, Any]:
    out: dict[str, Any] = {}
    effort = config.effort
    if effort is None:
        if config.thinking == "disabled":
            effort = "none"  # the §6.10 "Off" row
        elif config.budget_tokens is not None:
            effort = effort_for(config.budget_tokens)
            log.degraded(
                config.at,  # the whole thinking object becomes one effort value
                "effort_approximated",
                f"thinking budget {config.budget_tokens} sent as effort {effort!r}",
            )
        elif config.thinking == "adaptive":
            effort = "medium"  # adaptive without an effort: WIRE.md §6.10 [INFER]
            log.degraded(config.at, "effort_approximated", "adaptive thinking sent as effort 'medium'")
    if effort is not None:
        out["effort"] = effort
    summary = config.summary
    if summary is None and config.display is not None:
        summary = _DISPLAY_SUMMARY.get(config.display)
    if summary is not None:
        out["generate_summary" if mine(config.extras, "~alias") else "summary"] = summary
    return merge(out, config.extras, config.at, log)


def decode_text(value: Any, at: str) -> tuple[ir.OutputFormat | None, str | None, dict[str, Any]]:
    """``text`` -> (output format, verbosity, the ``text`` object's own leftovers)."""
    text = need_object(value, at, "text")
    fmt = text.get("format")
    output = None
    if fmt is not None:
        output = _decode_format(need_object(fmt, f"{at}/format", "text.format"), f"{at}/format")
    verbosity = text.get("verbosity")
    return output, verbosity if isinstance(verbosity, str) else None, leftovers(text, _TEXT_KNOWN)


def _decode_format(fmt: dict[str, Any], at: str) -> ir.OutputFormat:
    schema, strict = fmt.get("schema"), fmt.get("strict")
    return ir.OutputFormat(
        str(fmt.get("type")),
        schema=schema if isinstance(schema, dict) else None,
        name=fmt.get("name"),
        description=fmt.get("description"),
        strict=strict if isinstance(strict, bool) else None,
        at=at,
        extras=extras(leftovers(fmt, _FORMAT_KNOWN)),
    )


def encode_format(fmt: ir.OutputFormat, log: LossLog) -> dict[str, Any]:
    """``text.format``: the json_schema fields are flat here (WIRE.md §3.5)."""
    out: dict[str, Any] = {"type": fmt.kind}
    if fmt.kind == "json_schema":
        name = fmt.name
        if name is None and "name" not in (mine(fmt.extras, NULL) or ()):
            name = SYNTHESIZED_SCHEMA_NAME
            log.degraded(fmt.at, "output_format_approximated", f"json_schema without a name sent as {name!r}")
        if name is not None:
            out["name"] = name
        if fmt.schema is not None:
            out["schema"] = fmt.schema
    elif fmt.name is not None:
        out["name"] = fmt.name
    if fmt.description is not None:
        out["description"] = fmt.description
    if fmt.strict is not None:
        out["strict"] = fmt.strict
    return merge(out, fmt.extras, fmt.at, log)


def decode_include(value: Any) -> tuple[bool | None, str]:
    """``logprobs`` as the other APIs say it (True when output logprobs were included), and the
    pointer of the include entry that asked for them."""
    if isinstance(value, list) and LOGPROBS_INCLUDE in value:
        return True, f"/include/{value.index(LOGPROBS_INCLUDE)}"
    return None, "/logprobs"


def encode_include(request: ir.Request) -> list[Any] | None:
    """The ``include`` list: the client's own (kept under ``~include``), or the logprobs value."""
    kept = mine(request.extras, "~include")
    if kept is not None:
        if request.logprobs and isinstance(kept, list) and LOGPROBS_INCLUDE not in kept:
            return [*kept, LOGPROBS_INCLUDE]
        return kept  # type: ignore[no-any-return]
    return [LOGPROBS_INCLUDE] if request.logprobs else None
