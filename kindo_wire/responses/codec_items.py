"""Responses ``input`` items -> IR messages (docs/CONVERSION.md rule 7, WIRE.md §3.2).

Turns: consecutive assistant-side items (assistant ``message``, ``function_call``, ``custom_tool_call``,
``reasoning``, hosted-tool calls) form one IR assistant message, except that a ``message`` item right
after another ``message`` item starts a new one; consecutive tool outputs form one IR user message;
every user / system / developer message item is its own IR message.

Item-level fields that are form only (an item ``id``/``status``, whether ``type`` was sent) are kept
under the ``~item`` hint: on the IR message for user/system/developer items, on the first IR part of
an assistant message item (all its item-level fields, ``phase`` included, since a part's own extras
would be merged into the part), and on the ``ToolResult`` of a tool output.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import ir
from ..errors import RequestError
from ..mapping.reasoning_stash import unstash
from ..shapes import need_object, need_string_field, wrong_type
from .codec_parts import INPUT_TEXT, decode_content, decode_part
from .codec_util import RS, extras, leftovers, own

ROLES = frozenset({"user", "system", "developer", "assistant"})
ITEM = "~item"

# Items the model (or the provider on its behalf) produced: they join the assistant turn (WIRE.md §3.2/§3.3).
ASSISTANT_ITEMS = frozenset(
    {
        "function_call", "custom_tool_call", "reasoning", "web_search_call", "file_search_call",
        "computer_call", "code_interpreter_call", "image_generation_call", "local_shell_call", "shell_call",
        "apply_patch_call", "mcp_call", "mcp_list_tools", "mcp_approval_request", "tool_search_call",
        "compaction", "program",
    }
)  # fmt: skip
# Items the client sends back after a call: they join the tool-results user turn.
RESULT_ITEMS = frozenset(
    {
        "function_call_output", "custom_tool_call_output", "computer_call_output", "local_shell_call_output",
        "shell_call_output", "apply_patch_call_output", "mcp_approval_response", "tool_search_output",
        "program_output",
    }
)  # fmt: skip
_MESSAGE_KNOWN = frozenset({"type", "role", "content"})
_CALL_KNOWN = frozenset({"type", "call_id", "name", "arguments", "id", "status"})
_CUSTOM_KNOWN = frozenset({"type", "call_id", "name", "input", "id", "status"})
_OUTPUT_KNOWN = frozenset({"type", "call_id", "output", "name", "id", "status"})
_FORM_KEYS = ("id", "status")


class _Turns:
    """The IR messages built so far and the turn still open (assistant items or tool outputs)."""

    __slots__ = ("after_message", "at", "messages", "parts", "role")

    def __init__(self) -> None:
        self.messages: list[ir.Message] = []
        self.role: ir.Role | None = None
        self.parts: list[ir.Part] = []
        self.at = ""
        self.after_message = False

    def flush(self) -> None:
        if self.role is not None:
            self.messages.append(ir.Message(self.role, tuple(self.parts), at=self.at))
        self.role, self.parts, self.after_message = None, [], False

    def open(self, role: ir.Role, at: str) -> None:
        if self.role != role:
            self.flush()
            self.role, self.at = role, at


def decode_input(items: list[Any], base: str) -> list[ir.Message]:
    turns = _Turns()
    for i, raw in enumerate(items):
        at = f"{base}/{i}"
        item = need_object(raw, at, "an input item")
        kind = item.get("type")
        role = item.get("role")
        if kind is None and role is None:
            raise RequestError("input item has neither a type nor a role", pointer=at)
        if (kind is None or kind == "message") and role is not None:
            _message(item, at, turns)
        elif kind in ASSISTANT_ITEMS:
            turns.open("assistant", at)
            turns.parts.append(_assistant_item(item, at, kind))
            turns.after_message = False
        elif kind in RESULT_ITEMS:
            turns.open("user", at)
            turns.after_message = False
            turns.parts.append(_result_item(item, at, kind))
        else:
            # item_reference, compaction_trigger, unknown: kept whole, as their own turn
            turns.flush()
            opaque = ir.Opaque(RS, str(kind), item, at=at)
            turns.messages.append(ir.Message(role if role in ROLES else "user", (opaque,), at=at))
    turns.flush()
    return turns.messages


def _message(item: dict[str, Any], at: str, turns: _Turns) -> None:
    role = item["role"]
    if role not in ROLES:
        raise RequestError(f"unknown role {role!r}", pointer=f"{at}/role")
    if role == "assistant":
        if turns.role == "assistant" and turns.after_message:
            turns.flush()
        turns.open("assistant", at)
        turns.after_message = True
        turns.parts.extend(assistant_message(item, at))
        return
    parts = decode_content(item.get("content"), f"{at}/content", False)
    rest = leftovers(item, _MESSAGE_KNOWN)
    if "type" in item:
        rest["~type"] = True
    turns.flush()
    form = {k: rest.pop(k) for k in (*_FORM_KEYS, "~type") if k in rest}
    if form:
        rest[ITEM] = form
    turns.messages.append(ir.Message(role, parts, at=at, extras=extras(rest)))


def assistant_message(item: dict[str, Any], at: str) -> list[ir.Part]:
    """An assistant ``message`` item's parts, the first holding the item's own fields (``~item``)."""
    parts = decode_content(item.get("content"), f"{at}/content", True)
    rest = leftovers(item, _MESSAGE_KNOWN)
    if "type" in item:
        rest["~type"] = True
    if not parts:
        rest["~empty"] = True
        parts = (ir.Text("", at=f"{at}/content"),)
    first = parts[0]
    if isinstance(first, ir.Opaque):
        # an unknown first part has no extras to hold the item's fields: keep the item whole
        return [ir.Opaque(RS, "message", item, at=at)]
    marked = replace(first, extras={**first.extras, RS.value: {**own(first.extras), ITEM: rest}})
    return [marked, *parts[1:]]


def _assistant_item(item: dict[str, Any], at: str, kind: str) -> ir.Part:
    if kind in {"function_call", "custom_tool_call"}:
        return decode_call(item, at, kind)
    if kind == "reasoning":
        return decode_reasoning(item, at)
    return ir.Opaque(RS, kind, item, at=at)


def decode_call(item: dict[str, Any], at: str, kind: str) -> ir.ToolCall:
    """A ``function_call`` / ``custom_tool_call`` item (input replay or output)."""
    custom = kind == "custom_tool_call"
    rest = leftovers(item, _CUSTOM_KNOWN if custom else _CALL_KNOWN)
    item_id = item.get("id")
    if item_id is not None and not (
        isinstance(item_id, str) and item_id.startswith("ctc" if custom else "fc")
    ):
        rest["~id"] = True  # not a valid item id: re-sent only to Responses, as it came
    status = item.get("status")
    return ir.ToolCall(
        need_string_field(item, "call_id", at),
        need_string_field(item, "name", at),
        arguments=need_string_field(item, "input" if custom else "arguments", at),
        kind="custom" if custom else "function",
        item_id=item_id if isinstance(item_id, str) else None,
        status=status if isinstance(status, str) else None,
        at=at,
        extras=extras(rest),
    )


def decode_reasoning(item: dict[str, Any], at: str) -> ir.Reasoning:
    """A ``reasoning`` item; a stash of another API's reasoning decodes to that origin (rule 8)."""
    summary = item.get("summary")
    texts = tuple(
        s["text"] for s in summary if isinstance(s, dict) and isinstance(s.get("text"), str)
    ) if isinstance(summary, list) else ()  # fmt: skip
    text = "\n\n".join(texts)
    encrypted = item.get("encrypted_content")
    stashed = unstash(encrypted)
    if stashed is not None:
        origin, raw = stashed
        signature, data = raw.get("signature"), raw.get("data")
        return ir.Reasoning(
            origin,
            text=text,
            signature=signature if isinstance(signature, str) else None,
            redacted=data if isinstance(data, str) else None,
            raw=raw,
            at=at,
        )
    item_id = item.get("id")
    return ir.Reasoning(
        RS,
        text=text,
        summary=texts,
        encrypted=encrypted if isinstance(encrypted, str) else None,
        item_id=item_id if isinstance(item_id, str) else None,
        raw=item,
        at=at,
    )


def _result_item(item: dict[str, Any], at: str, kind: str) -> ir.Part:
    if kind not in {"function_call_output", "custom_tool_call_output"}:
        return ir.Opaque(RS, kind, item, at=at)
    output = item.get("output")
    content: str | tuple[ir.Part, ...]
    if isinstance(output, str):
        content = output
    elif isinstance(output, list):
        content = tuple(
            decode_part(need_object(p, f"{at}/output/{j}", "an output part"), f"{at}/output/{j}", INPUT_TEXT)
            for j, p in enumerate(output)
        )
    else:
        wrong_type(output, f"{at}/output", "a tool output", "a string or a list of parts")
    rest = leftovers(item, _OUTPUT_KNOWN)
    form = {k: item[k] for k in _FORM_KEYS if k in item}
    if form:
        rest[ITEM] = form
    name = item.get("name")
    if isinstance(name, str):
        rest["~name"] = True  # this client's own field: sent back; a Chat tool name is not
    return ir.ToolResult(
        need_string_field(item, "call_id", at),
        content,
        kind="custom" if kind == "custom_tool_call_output" else "function",
        name=name if isinstance(name, str) else None,
        at=at,
        extras=extras(rest),
    )
