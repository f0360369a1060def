"""Web search configuration across the three APIs (WIRE.md §6.3 hosted tools; docs/CONVERSION.md rule 9).

The one hosted tool whose *configuration* maps: Chat ``web_search_options``, an Anthropic
``web_search_*`` tool and a Responses ``web_search*`` tool spell the same few knobs differently.
:func:`read` turns any of them into one neutral :class:`WebSearch` (knob -> source pointer and value);
:func:`write` spells it for a target and reports a DEGRADED loss at the source pointer of every knob
the target has no place for (``unsupported_field``; ``cache_hint_dropped`` for Anthropic's
``cache_control``). A field sent as ``null`` is absent. A field no table below names (a new one, or a
common Anthropic tool field such as ``defer_loading``) is read as an unknown knob: always reported.
Each API's own tool never comes here: its encoder sends ``raw`` back byte-exact.

Not mapped: *forcing* web search with ``tool_choice``. Anthropic forces it by name
(``{type:"tool", name:"web_search"}``, only inferred in WIRE.md §6.4), Responses by a hosted choice
type naming the preview tool (``{type:"web_search_preview"}``), Chat cannot force it at all; such a
choice stays a SEMANTIC ``hosted_tool_dropped`` for another API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import ir
from ..api import Api
from ..errors import make_pointer, pointer_tokens
from ..loss import LossLog

Path = tuple[str, ...]

# Chat hint (on the IR tool ``chat.request`` makes of ``web_search_options``): the tool is that field.
CHAT_HINT = "~web_search_options"

# Knob -> where each API keeps it. A knob missing from a table is one that API cannot take.

# WIRE.md §1.1 / §6.3 (Chat): web_search_options {search_context_size?, user_location?{type:"approximate",
# approximate:{city?, country?, region?, timezone?}}}
CHAT_KNOBS: dict[str, Path] = {
    "context_size": ("search_context_size",),
    "city": ("user_location", "approximate", "city"),
    "country": ("user_location", "approximate", "country"),
    "region": ("user_location", "approximate", "region"),
    "timezone": ("user_location", "approximate", "timezone"),
}

# WIRE.md §2.5 / §6.3 (Messages): {type:"web_search_20250305", name:"web_search", max_uses?, allowed_domains?,
# blocked_domains?, user_location?{type:"approximate", city?, region?, country?, timezone?}} + cache_control
MESSAGES_KNOBS: dict[str, Path] = {
    "max_uses": ("max_uses",),
    "allowed_domains": ("allowed_domains",),
    "blocked_domains": ("blocked_domains",),
    "city": ("user_location", "city"),
    "region": ("user_location", "region"),
    "country": ("user_location", "country"),
    "timezone": ("user_location", "timezone"),
    "cache_control": ("cache_control",),
}

# WIRE.md §3.4 / §6.3 (Responses): {type:"web_search", filters?{allowed_domains?}, search_context_size?,
# user_location?{type:"approximate", city?, country?, region?, timezone?}}
RESPONSES_KNOBS: dict[str, Path] = {
    "allowed_domains": ("filters", "allowed_domains"),
    "context_size": ("search_context_size",),
    "city": ("user_location", "city"),
    "country": ("user_location", "country"),
    "region": ("user_location", "region"),
    "timezone": ("user_location", "timezone"),
}

# The tool types that are web search, every version each API documents (WIRE.md §2.5, §3.4).
MESSAGES_TYPES = frozenset({"web_search_20250305", "web_search_20260209", "web_search_20260318"})
RESPONSES_TYPES = frozenset(
    {"web_search", "web_search_2025_08_26", "web_search_preview", "web_search_preview_2025_03_11"}
)

# The code of a knob dropped for a reason the loss table names more precisely than unsupported_field.
_CODES = {"cache_control": "cache_hint_dropped"}


@dataclass(frozen=True, slots=True)
class _Form:
    knobs: dict[str, Path]
    fixed: dict[Path, dict[str, str]]  # structure: the fields an object at that path always has
    location: Path  # the object holding the location fields


_APPROXIMATE = {"type": "approximate"}
FORMS: dict[Api, _Form] = {
    Api.CHAT: _Form(CHAT_KNOBS, {(): {}, ("user_location",): _APPROXIMATE}, ("user_location", "approximate")),
    Api.MESSAGES: _Form(
        MESSAGES_KNOBS,
        # web_search_20250305: the version WIRE.md §6.3 names and the oldest, so every model with web
        # search takes it; the later versions add no knob another API could fill (WIRE.md §2.5).
        {(): {"type": "web_search_20250305", "name": "web_search"}, ("user_location",): _APPROXIMATE},
        ("user_location",),
    ),
    # web_search: the GA tool; web_search_preview has no domain filters (WIRE.md §3.4).
    Api.RESPONSES: _Form(
        RESPONSES_KNOBS, {(): {"type": "web_search"}, ("user_location",): _APPROXIMATE}, ("user_location",)
    ),
}


@dataclass(frozen=True, slots=True)
class WebSearch:
    """One web search configuration: ``knobs`` maps a knob name (``context_size``, ``city``, ``country``,
    ``region``, ``timezone``, ``allowed_domains``, ``blocked_domains``, ``max_uses``, ``cache_control``)
    to its source pointer and value; ``unknown`` holds the fields no table names; ``location`` is the
    pointer of the source's ``user_location`` (None when it had none); ``version`` is the source's
    ``type`` pointer and value when it is not the one this module writes for that API (an Anthropic
    ``web_search_20260209``, a Responses ``web_search_preview``): no other API has a version, but a
    round trip changes it, so it is reported COSMETIC."""

    knobs: dict[str, tuple[str, Any]]
    unknown: tuple[tuple[str, Any], ...]
    location: str | None
    version: tuple[str, Any] | None = None


def read(raw: dict[str, Any], origin: Api, at: str) -> WebSearch:
    """The neutral reading of ``origin``'s web search object ``raw`` found at pointer ``at``."""
    form = FORMS[origin]
    by_path = {path: knob for knob, path in form.knobs.items()}
    containers = {path[:i] for path in form.knobs.values() for i in range(1, len(path))}
    knobs: dict[str, tuple[str, Any]] = {}
    unknown: list[tuple[str, Any]] = []
    location: str | None = None

    def walk(obj: dict[str, Any], prefix: Path) -> None:
        nonlocal location
        for key, value in obj.items():
            path = (*prefix, key)
            if value is None or key in form.fixed.get(prefix, ()):
                continue  # absent, or structure (type, name) every writer sets itself
            pointer = at + make_pointer(path)
            if path in by_path:
                knobs[by_path[path]] = (pointer, value)
            elif path in containers and isinstance(value, dict):
                if path == ("user_location",):
                    location = pointer
                walk(value, path)
            else:
                unknown.append((pointer, value))

    walk(raw, ())
    kind = raw.get("type")
    version = None if kind == form.fixed[()].get("type") else (f"{at}/type", kind)
    return WebSearch(knobs, tuple(unknown), location, version)


def reading(tool: ir.Tool) -> WebSearch | None:
    """The configuration of a hosted web-search tool from any API; None for any other tool."""
    raw, origin = tool.raw, tool.origin
    if tool.kind != "hosted" or raw is None or origin is None:
        return None
    if origin is Api.CHAT:
        found = bool((tool.extras.get(Api.CHAT.value) or {}).get(CHAT_HINT))
    else:
        found = raw.get("type") in (MESSAGES_TYPES if origin is Api.MESSAGES else RESPONSES_TYPES)
    return read(raw, origin, tool.at) if found else None


def _object(out: dict[str, Any], path: Path, fixed: dict[Path, dict[str, str]]) -> dict[str, Any]:
    """The object at ``path`` in ``out``, made (with its fixed fields) where missing."""
    for i, key in enumerate(path):
        inner = out.get(key)
        if not isinstance(inner, dict):
            inner = out[key] = dict(fixed.get(path[: i + 1], {}))
        out = inner
    return out


def write(search: WebSearch, target: Api, log: LossLog) -> dict[str, Any]:
    """``search`` as ``target``'s web search object (Chat: the ``web_search_options`` value)."""
    form = FORMS[target]
    out = dict(form.fixed[()])
    if search.location is not None:
        _object(out, form.location, form.fixed)
    for knob, (at, value) in search.knobs.items():
        path = form.knobs.get(knob)
        if path is None:
            log.degraded(at, _CODES.get(knob, "unsupported_field"), _detail(at, target))
        else:
            _object(out, path[:-1], form.fixed)[path[-1]] = value
    for at, _ in search.unknown:
        log.degraded(at, "unsupported_field", _detail(at, target))
    if search.version is not None:
        at, kind = search.version
        log.cosmetic(at, "unsupported_field", f"web search version {kind!r} is not kept for {target.value}")
    return out


def _detail(at: str, target: Api) -> str:
    return f"web search {pointer_tokens(at)[-1]!r} has no {target.value} counterpart"


def convert(tool: ir.Tool, target: Api, log: LossLog) -> dict[str, Any] | None:
    """A foreign web-search tool as ``target``'s form (with its losses); None if it is not one."""
    search = reading(tool)
    return None if search is None else write(search, target, log)
