"""IR assistant message -> Responses ``output`` items (WIRE.md §3.3; docs/CONVERSION.md rules 8, 12).

Item ids of another API's answer derive from the response id core and the output index
(``ids.item_id``): ``msg_<core>_<n>``, ``fc_<core>_<n>``, ``ctc_<core>_<n>``, ``rs_<core>_<n>``.
Reasoning of another origin travels in a stash (``encrypted_content``) and comes back whole.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from .._carry import opaque_loss
from ..loss import LossLog
from ..mapping.ids import item_id
from ..mapping.reasoning_stash import stash
from .codec_history import encode_call, own_message_item
from .codec_items import ITEM
from .codec_parts import encode_citations
from .codec_util import RS, merge, mine


def encode_output(
    message: ir.Message, core: str, log: LossLog, *, cut_off: bool = False, first: int = 0
) -> list[Any]:
    """The output items; ``cut_off`` (an incomplete response) marks a final text item
    ``incomplete``, as OpenAI marks the message it stopped writing (WIRE.md §3.3).
    ``first`` is the output index of the first item (a stream encodes its items one at a time)."""
    items: list[Any] = []
    run: list[ir.Text | ir.Refusal] = []
    for part in message.parts:
        if isinstance(part, (ir.Text, ir.Refusal)):
            if run and mine(part.extras, ITEM) is not None:
                _message(run, core, items, log, first)
            run.append(part)
            continue
        _message(run, core, items, log, first)
        if isinstance(part, ir.ToolCall):
            items.append(_call(part, core, first + len(items), log))
        elif isinstance(part, ir.Reasoning):
            items.append(_reasoning(part, core, first + len(items)))
        elif isinstance(part, ir.Opaque):
            if part.origin is RS:
                items.append(part.raw)
            else:
                opaque_loss(part, RS, log)
        else:
            log.semantic(part.at, "unsupported_part", f"a {type(part).__name__} cannot be Responses output")
    last = len(items)
    _message(run, core, items, log, first)
    if cut_off and len(items) > last and items[-1].get("type") == "message":
        items[-1]["status"] = "incomplete"
    if message.extras:
        merge({}, message.extras, message.at, log)
    return items


def _message(run: list[ir.Text | ir.Refusal], core: str, items: list[Any], log: LossLog, first: int) -> None:
    if not run:
        return
    form = mine(run[0].extras, ITEM)
    if form is not None:
        items.append(own_message_item(run, form, log))
    else:
        content: list[Any] = []
        for part in run:
            if isinstance(part, ir.Refusal):
                content.append(merge({"type": "refusal", "refusal": part.text}, part.extras, part.at, log))
            else:
                text = {"type": "output_text", "text": part.text, "annotations": encode_citations(part, log)}
                if part.logprobs is not None:
                    text["logprobs"] = list(part.logprobs.tokens)
                content.append(merge(text, part.extras, part.at, log))
        items.append(
            {
                "type": "message",
                "id": item_id("msg_", core, first + len(items)),
                "status": "completed",
                "role": "assistant",
                "content": content,
            }
        )
    run.clear()


def _call(call: ir.ToolCall, core: str, index: int, log: LossLog) -> dict[str, Any]:
    out = encode_call(call, log)
    if "id" not in out:
        out["id"] = item_id("ctc_" if call.kind == "custom" else "fc_", core, index)
    if call.kind != "custom":
        out.setdefault("status", "completed")
    return out


def _reasoning(part: ir.Reasoning, core: str, index: int) -> dict[str, Any]:
    if part.origin is RS and part.raw is not None:
        return part.raw
    item: dict[str, Any] = {
        "type": "reasoning",
        "id": part.item_id if part.origin is RS and part.item_id else item_id("rs_", core, index),
        "summary": [{"type": "summary_text", "text": part.text}] if part.text else [],
    }
    if part.raw is not None:
        item["encrypted_content"] = stash(part.origin, part.raw)  # comes back whole (rule 8): no loss
    elif part.encrypted is not None:
        item["encrypted_content"] = part.encrypted
    return item
