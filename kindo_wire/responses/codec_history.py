"""IR messages -> Responses ``input`` items (WIRE.md §3.2, §6.1, §6.5, §6.6).

Foreign assistant text goes as an EasyInputMessage ``{"role":"assistant","content":"<text>"}``: the
form the SDK TypedDicts accept and the API takes for assistant replay (WIRE.md §3.2); an output
message carries no ``id`` we could vouch for. Only when the text has citations or a refusal does it
need the output-message form ``{"type":"message","role":"assistant","status":"completed","content":
[output_text|refusal]}`` (sent without ``id``, which replay does not need [INFER]).
Tool calls go as ``function_call`` items with ``call_id`` and no ``id`` unless it is a real ``fc``
id (WIRE.md §6.5); reasoning of another origin is dropped (docs/CONVERSION.md rule 8).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import ir
from .._carry import opaque_loss
from ..loss import LossLog
from ..mapping.tool_args import arguments_text
from .codec_items import ITEM
from .codec_parts import encode_citations, encode_part
from .codec_util import NULL, RS, merge, mine

_CONTENT = (ir.Text, ir.Refusal, ir.Image, ir.Document, ir.Audio)


def encode_messages(messages: tuple[ir.Message, ...], log: LossLog) -> list[Any]:
    items: list[Any] = []
    for message in messages:
        if message.name is not None:
            log.degraded(
                f"{message.at}/name", "unsupported_field", "Responses messages have no participant name"
            )
        if message.role == "assistant":
            _assistant(message, items, log)
        else:
            _input_side(message, items, log)
    return items


def put_form(item: dict[str, Any], form: Mapping[str, Any] | None) -> None:
    """Item-level fields kept under the ``~item`` hint, back on the item."""
    if not form:
        return
    for key, value in form.items():
        if key == NULL:
            for name in value:
                item.setdefault(name, None)
        elif not key.startswith("~"):
            item[key] = value


def _plain(run: Sequence[ir.Part]) -> bool:
    if len(run) != 1:
        return False
    part = run[0]
    return isinstance(part, ir.Text) and part.plain and part.cache is None and not part.citations


def _input_side(message: ir.Message, items: list[Any], log: LossLog) -> None:
    """A user / system / developer turn: runs of content parts become message items, in place."""
    run: list[ir.Part] = []
    first = True

    def flush() -> None:
        nonlocal first
        if not run and not (first and not message.parts):
            return
        form = mine(message.extras, ITEM)
        item: dict[str, Any] = {"type": "message"} if form and form.get("~type") else {}
        item["role"] = message.role
        if _plain(run):
            item["content"] = run[0].text  # type: ignore[union-attr]
        else:
            content = [p for p in (encode_part(x, False, log) for x in run) if p is not None]
            if not content and run:
                run.clear()
                return  # nothing of it could be sent (losses recorded)
            item["content"] = content
        put_form(item, form)
        if first:
            merge(item, message.extras, message.at, log)
            first = False
        items.append(item)
        run.clear()

    for part in message.parts:
        if isinstance(part, _CONTENT):
            run.append(part)
            continue
        flush()
        _other(part, items, log)
    flush()
    if first and message.extras:  # no message item was written to hold them (only tool outputs)
        merge({}, message.extras, message.at, log)


def _assistant(message: ir.Message, items: list[Any], log: LossLog) -> None:
    run: list[ir.Text | ir.Refusal] = []
    for part in message.parts:
        if isinstance(part, (ir.Text, ir.Refusal)):
            if run and mine(part.extras, ITEM) is not None:
                _assistant_message(run, items, log)  # the part starts another message item
            run.append(part)
            continue
        _assistant_message(run, items, log)
        if isinstance(part, (ir.Image, ir.Document, ir.Audio)):
            log.semantic(
                part.at, "unsupported_part", "Responses assistant messages carry only text and refusals"
            )
            continue
        _other(part, items, log)
    _assistant_message(run, items, log)
    if message.extras:
        merge({}, message.extras, message.at, log)


def _assistant_message(run: list[ir.Text | ir.Refusal], items: list[Any], log: LossLog) -> None:
    if not run:
        return
    form = mine(run[0].extras, ITEM)
    if form is not None:
        item = own_message_item(run, form, log)
    elif all(isinstance(p, ir.Text) and not p.citations for p in run):
        if len(run) > 1:  # one text part and its string are the same content (equivalent forms)
            log.cosmetic(run[0].at, "content_form_changed", "assistant text parts sent as one string")
        for part in run:
            if isinstance(part, ir.Text) and part.cache is not None:
                log.degraded(
                    part.at, "cache_hint_dropped", "assistant text replay carries no cache breakpoint"
                )
        item = {"role": "assistant", "content": "".join(p.text for p in run)}
        for part in run:
            merge(item, part.extras, part.at, log)
    else:
        content: list[Any] = []
        for part in run:
            if isinstance(part, ir.Refusal):
                content.append(merge({"type": "refusal", "refusal": part.text}, part.extras, part.at, log))
            else:
                text = {"type": "output_text", "text": part.text, "annotations": encode_citations(part, log)}
                content.append(merge(text, part.extras, part.at, log))
        item = {"type": "message", "role": "assistant", "status": "completed", "content": content}
    items.append(item)
    run.clear()


def own_message_item(
    run: list[ir.Text | ir.Refusal], form: Mapping[str, Any], log: LossLog
) -> dict[str, Any]:
    """An assistant message item decoded from Responses (its fields under ``~item``), as it came."""
    item: dict[str, Any] = {"type": "message"} if form.get("~type") else {}
    item["role"] = "assistant"
    if form.get("~empty"):
        item["content"] = []
    elif _plain(run):
        item["content"] = run[0].text
    else:
        item["content"] = [encode_part(p, True, log) for p in run]
    put_form(item, form)
    return item


def _other(part: ir.Part, items: list[Any], log: LossLog) -> None:
    """Parts that are items of their own: calls, results, reasoning, opaque items."""
    if isinstance(part, ir.ToolCall):
        items.append(encode_call(part, log))
    elif isinstance(part, ir.ToolResult):
        items.append(_result(part, log))
    elif isinstance(part, ir.Reasoning):
        if part.origin is RS:
            items.append(part.raw if part.raw is not None else _reasoning_item(part))
        else:
            log.degraded(
                part.at, "reasoning_dropped", f"{part.origin.value} reasoning cannot be sent to Responses"
            )
    elif isinstance(part, ir.Opaque):
        if part.origin is RS:
            items.append(part.raw)
        else:
            opaque_loss(part, RS, log)
    elif isinstance(part, (ir.Text, ir.Refusal)):  # pragma: no cover - handled by the callers
        raise AssertionError(part)


def _reasoning_item(part: ir.Reasoning) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "reasoning"}
    if part.item_id is not None:
        item["id"] = part.item_id
    texts = part.summary if part.summary is not None else ((part.text,) if part.text else ())
    item["summary"] = [{"type": "summary_text", "text": t} for t in texts]
    if part.encrypted is not None:
        item["encrypted_content"] = part.encrypted
    return item


def encode_call(call: ir.ToolCall, log: LossLog) -> dict[str, Any]:
    """A ``function_call`` / ``custom_tool_call`` item; ``id`` only when it is a valid item id."""
    if call.kind == "custom":
        text = call.arguments if call.arguments is not None else call.input
        out: dict[str, Any] = {"type": "custom_tool_call", "call_id": call.id, "name": call.name}
        out["input"] = text if isinstance(text, str) else arguments_text(call)
        prefix = "ctc"
    else:
        out = {
            "type": "function_call",
            "call_id": call.id,
            "name": call.name,
            "arguments": arguments_text(call),
        }
        prefix = "fc"
    if call.item_id is not None and (call.item_id.startswith(prefix) or mine(call.extras, "~id")):
        out["id"] = call.item_id
    if call.status is not None:
        out["status"] = call.status
    if call.cache is not None:
        log.degraded(call.at, "cache_hint_dropped", "Responses items carry no cache breakpoint")
    return merge(out, call.extras, call.at, log)


def _result(result: ir.ToolResult, log: LossLog) -> dict[str, Any]:
    kind = "custom_tool_call_output" if result.kind == "custom" else "function_call_output"
    out: dict[str, Any] = {"type": kind, "call_id": result.call_id}
    content = result.content
    if content is None:
        out["output"] = ""  # Responses requires output (WIRE.md §6.6 "Empty result")
    elif isinstance(content, str):
        out["output"] = content
    else:
        out["output"] = [p for p in (encode_part(x, False, log) for x in content) if p is not None]
    if result.name is not None and mine(result.extras, "~name"):
        out["name"] = result.name
    elif result.name is not None:
        # function_call_output has no name: the call_id already says which call (WIRE.md §6.6)
        log.cosmetic(f"{result.at}/name", "unsupported_field", "Responses tool outputs carry no name")
    if result.is_error:
        log.degraded(
            f"{result.at}/is_error",
            "tool_result_error_flag_dropped",
            "Responses tool outputs have no error flag",
        )
    if result.cache is not None:
        log.degraded(result.at, "cache_hint_dropped", "Responses tool outputs carry no cache breakpoint")
    put_form(out, mine(result.extras, ITEM))
    return merge(out, result.extras, result.at, log)
