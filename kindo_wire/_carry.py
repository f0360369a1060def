"""Fields only one API has: carried back to that API, reported as lost everywhere else."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .api import Api
from .errors import pointer_token
from .ir import Extras, Opaque, ToolCall
from .loss import LossLog, Severity


def _n_severity(value: Any) -> Severity:
    # n=1 is the default everywhere; more than one answer cannot be asked of the others (WIRE.md §6.13)
    return Severity.COSMETIC if value == 1 else Severity.SEMANTIC


# How much it matters when a field only its own API has is dropped. Default: DEGRADED (a knob).
# Keyed by source API and top-level request or response field; a key missing here is DEGRADED. A
# callable decides from the value.
ONLY_FIELD_SEVERITY: dict[str, dict[str, Severity | Callable[[Any], Severity]]] = {
    Api.CHAT.value: {
        "n": _n_severity,
        "audio": Severity.SEMANTIC,  # spoken output requested
        "modalities": Severity.SEMANTIC,
        "prediction": Severity.DEGRADED,
        "functions": Severity.SEMANTIC,  # legacy tool definitions
        "function_call": Severity.SEMANTIC,
    },
    Api.MESSAGES.value: {
        "mcp_servers": Severity.SEMANTIC,  # tools the model could call
        "container": Severity.SEMANTIC,
    },
    Api.RESPONSES.value: {
        "conversation": Severity.SEMANTIC,  # server-side history the target cannot see
        "prompt": Severity.SEMANTIC,  # a stored prompt template
        "background": Severity.SEMANTIC,
        # Response fields that are not the request's echoes (WIRE.md §3.6; `billing` seen in
        # fixtures/traffic/responses): when it ended and who pays, nothing the answer says.
        "completed_at": Severity.COSMETIC,
        "billing": Severity.COSMETIC,
    },
}


# Keys of extras starting with this are form hints for the own encoder, not fields (docs/CONVERSION.md).
HINT = "~"


def _counters(value: Any) -> bool:
    """An object of counts (a usage breakdown such as ``prompt_tokens_details``)."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value.values())
    )


def _says_nothing(value: Any) -> bool:
    """An empty list or object, or an object of zeros (a usage breakdown with nothing in it)."""
    if isinstance(value, (list, dict)) and not value:
        return True
    return isinstance(value, dict) and all(v == 0 and not isinstance(v, bool) for v in value.values())


def _include(value: Any, fields: Mapping[str, Any], at: str, target: Api, log: LossLog) -> None:
    """Responses ``~include``: the extra output the client asked for, by name (WIRE.md §3.1)."""
    for i, name in enumerate(value):
        if name == "reasoning.encrypted_content" and target is Api.MESSAGES:
            continue  # thinking comes back with its signature, as a reasoning item (rule 8)
        if name != "message.output_text.logprobs":  # that one is logprobs, mapped on its own
            log.degraded(f"/include/{i}", "unsupported_field", f"{target.value} cannot return {name!r}")


def _item_fields(value: Any, fields: Mapping[str, Any], at: str, target: Api, log: LossLog) -> None:
    """Responses ``~item``: the fields of the input item an IR node came from (``id``, ``status``,
    ``phase``...). The item is the first two pointer tokens (``/input/3``) of the node's own."""
    item_at = "/".join(at.split("/", 3)[:3])
    for key in value:
        if key.startswith(HINT):
            continue
        if key in ("id", "status"):  # the item's identity in the store: nothing the model reads
            log.cosmetic(
                f"{item_at}/{key}", "item_form_dropped", f"{target.value} has no responses item {key}"
            )
        else:
            log.degraded(
                f"{item_at}/{pointer_token(key)}",
                "unsupported_field",
                f"responses item field {key!r} has no {target.value} equivalent",
            )


def _stream_options(value: Any, fields: Mapping[str, Any], at: str, target: Api, log: LossLog) -> None:
    """Chat ``~stream_options``: its fields other than ``include_usage``."""
    for key, field in value.items():
        if key != "include_usage":  # an include_usage here is an explicit null: it says nothing
            log.degraded(
                f"/stream_options/{pointer_token(key)}",
                "unsupported_field",
                f"chat stream option {key!r} has no {target.value} equivalent ({field!r})",
            )


def _inner_fields(value: Any, fields: Mapping[str, Any], at: str, target: Api, log: LossLog) -> None:
    """Chat ``~inner``: the fields of a nested object (``~inner_at``: its key, as ``function`` in a
    tool) that the IR does not take over; a null one is only how a known field was spelled."""
    holder = fields.get("~inner_at") or ""
    base = f"{at}/{pointer_token(holder)}" if holder else at
    for key, field in value.items():
        if field is not None:
            log.add(
                f"{base}/{pointer_token(key)}",
                Severity.COSMETIC if _says_nothing(field) else Severity.DEGRADED,
                "unsupported_field",
                f"chat field {key!r} has no {target.value} equivalent",
            )


def _usage_details(value: Any, fields: Mapping[str, Any], at: str, target: Api, log: LossLog) -> None:
    """Responses usage ``~shape``: the counts in ``input_tokens_details`` / ``output_tokens_details``
    the IR has no slot for (kept there so the details objects come back as they were)."""
    for side, holder in (("in", "input_tokens_details"), ("out", "output_tokens_details")):
        rest = value.get(side)
        if not isinstance(rest, dict):
            continue
        for key, field in rest.items():
            if not key.startswith(HINT) and field is not None:
                log.add(
                    f"{at}/{holder}/{pointer_token(key)}",
                    Severity.COSMETIC if field == 0 or _says_nothing(field) else Severity.DEGRADED,
                    "unsupported_field",
                    f"responses field {holder}.{key} ({field!r}) has no {target.value} equivalent",
                )


def _response_form(value: Any, fields: Mapping[str, Any], at: str, target: Api, log: LossLog) -> None:
    """Responses ``~form``: ``object``, ``status`` and ``incomplete_details`` as sent. The status and
    the reason are the IR's finish; any other field of ``incomplete_details`` is content."""
    details = value.get("incomplete_details")
    if isinstance(details, dict):
        for key, field in details.items():
            if key != "reason" and field is not None:
                log.degraded(
                    f"/incomplete_details/{pointer_token(key)}",
                    "unsupported_field",
                    f"responses field incomplete_details.{key} has no {target.value} equivalent",
                )


# Hints that hold fields of the source, not only how it spelled them: dropping them is a loss, and
# these report it ((source API, hint key) -> reporter, given the hint's value and all the node's
# fields of that API; the reporter names its API). Other hints are pure form (docs/CONVERSION.md).
_FIELD_HINTS: dict[tuple[str, str], Callable[[Any, Mapping[str, Any], str, Api, LossLog], None]] = {
    (Api.RESPONSES.value, "~item"): _item_fields,
    (Api.CHAT.value, "~stream_options"): _stream_options,
    (Api.RESPONSES.value, "~include"): _include,
    (Api.CHAT.value, "~inner"): _inner_fields,
    (Api.RESPONSES.value, "~shape"): _usage_details,
    (Api.RESPONSES.value, "~form"): _response_form,
}


def carry(extras: Extras, target: Api, at: str, log: LossLog, *, top_level: bool = False) -> dict[str, Any]:
    """``target``'s own leftover fields (to merge into its wire object); a loss for every other API's.

    ``at`` is the source pointer of the object the extras came from; ``top_level`` applies the
    request-field severity table. Hint keys (``~...``) are not emitted; those holding source fields
    (``_FIELD_HINTS``) are reported.
    """
    own: Mapping[str, Any] | None = None
    for api, fields in extras.items():
        if api == target:  # Api is a str enum: equal to its value, no .value lookup on the hot path
            own = fields
            continue
        table = ONLY_FIELD_SEVERITY.get(api, {}) if top_level else {}
        for key, value in fields.items():
            if key.startswith(HINT):
                report = _FIELD_HINTS.get((api, key))
                if report is not None and isinstance(value, (dict, list)):
                    report(value, fields, at, target, log)
                continue
            rule = table.get(key, Severity.DEGRADED)
            severity = rule if isinstance(rule, Severity) else rule(value)
            if _says_nothing(value):  # [] / {} / counters of 0: the field's form, no content
                severity = Severity.COSMETIC
            elif _counters(value):  # some counts say something: each is reported where it is
                for name, count in value.items():
                    log.add(
                        f"{at}/{pointer_token(key)}/{pointer_token(name)}",
                        severity if count else Severity.COSMETIC,
                        "unsupported_field",
                        f"{api} field {key}.{name} ({count}) has no {target.value} equivalent",
                    )
                continue
            log.add(
                f"{at}/{pointer_token(key)}",
                severity,
                "unsupported_field",
                f"{api} field {key!r} has no {target.value} equivalent",
            )
    if not own:
        return {}
    return {k: v for k, v in own.items() if not k.startswith(HINT)}


def merge_back(
    out: dict[str, Any],
    extras: Extras,
    api: Api,
    at: str,
    log: LossLog,
    *,
    nulls: str,
    top_level: bool = False,
) -> dict[str, Any]:
    """``out`` with ``api``'s leftover fields merged back and the keys listed under the ``nulls``
    hint restored as explicit ``null`` (the IR's None means absent); other APIs' leftovers reported."""
    if extras:
        own = carry(extras, api, at, log, top_level=top_level)
        if own:
            out.update(own)
        for key in hint(extras, api, nulls) or ():
            out.setdefault(key, None)
    return out


def hint(extras: Extras, api: Api, key: str) -> Any:
    """The form hint ``key`` (starting with ``~``) that ``api``'s decoder left, or None."""
    fields = extras.get(api)
    return fields.get(key) if fields else None


def opaque_loss(part: Opaque, target: Api, log: LossLog) -> None:
    """Report an ``Opaque`` part dropped because ``target`` is not the API it belongs to."""
    log.semantic(
        part.at, "unsupported_part", f"{part.origin.value} {part.kind!r} has no {target.value} equivalent"
    )


def call_item_losses(call: ToolCall, target: Api, log: LossLog) -> None:
    """Report the Responses item ``id`` / ``status`` of a tool call that ``target`` has no place for
    (they identify the item in OpenAI's store; the model never reads them)."""
    if call.item_id is not None:
        log.cosmetic(f"{call.at}/id", "item_form_dropped", f"{target.value} has no item id for a tool call")
    if call.status is not None:
        log.cosmetic(f"{call.at}/status", "item_form_dropped", f"{target.value} has no tool call status")
