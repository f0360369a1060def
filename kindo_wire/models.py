"""The model catalog a gateway serves on ``GET /v1/models``, and the two errors it answers with.

A Kindo gateway lists two kinds of entry:

* **proxied models**, dicts with ``id`` and ``display_name`` (optionally ``created``, unix
  seconds, default 0 -- "an epoch value if the release date is unknown", as Anthropic's own
  catalog does -- and ``owned_by``, default ``"system"``);
* **agents**, dicts with ``id``, ``created`` and ``owner`` (the organisation), listed as
  ``agent/<id>``. Agents run only on the Responses API: on Chat and Messages an ``agent/`` id is an
  unknown model, so the Anthropic-shaped catalog never lists them.

Paging (``limit``, ``after``) applies to the agents only: the proxied models are listed in full on
the first page (``after=0``) and never on later ones. ``after`` is an offset into the agents;
``next_after`` is present exactly when ``has_more`` is true, and walking ``after = next_after``
until ``has_more`` is false lists every entry exactly once.

Shapes: OpenAI's list (WIRE.md §5.1) for ``api="chat"``/``"responses"``; Anthropic's
``{data, has_more, first_id, last_id}`` with ``ModelInfo`` entries (WIRE.md §5.2) for ``"messages"``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from .api import Api, as_api
from .converted import ConvertedError
from .errors import RequestError

AGENT_PREFIX = "agent/"
DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
DEFAULT_OWNER = "system"  # OpenAI's owned_by for platform models [OA:model.py]


def _page_param(value: Any, name: str, low: int, high: int | None) -> int:
    """A paging parameter as a gateway receives it: an int, or the decimal string of a query string."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestError(
            f"expected an integer, but got {value!r} instead", pointer=f"/{name}", code="invalid_type"
        )
    if value < low:
        raise RequestError(
            f"integer below minimum value. Expected a value >= {low}, but got {value} instead.",
            pointer=f"/{name}",
            code="integer_below_min_value",
        )
    if high is not None and value > high:
        raise RequestError(
            f"integer above maximum value. Expected a value <= {high}, but got {value} instead.",
            pointer=f"/{name}",
            code="integer_above_max_value",
        )
    return value


def _require(entry: Mapping[str, Any], key: str, kind: type, what: str) -> Any:
    value = entry.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"each {what} needs {key!r} of type {kind.__name__}: {dict(entry)!r}")
    return value


def _model_entry(model: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": _require(model, "id", str, "proxied model"),
        "object": "model",
        "created": model.get("created", 0),
        "owned_by": model.get("owned_by", DEFAULT_OWNER),
        "display_name": _require(model, "display_name", str, "proxied model"),
    }


def _agent_entry(agent: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": AGENT_PREFIX + _require(agent, "id", str, "agent"),
        "object": "model",
        "created": _require(agent, "created", int, "agent"),
        "owned_by": _require(agent, "owner", str, "agent"),
    }


def _anthropic_entry(entry: dict[str, Any]) -> dict[str, Any]:
    # [AN:model_info.py]: created_at is RFC 3339; lifecycle is required by SDK 2.12.0.
    created = datetime.fromtimestamp(entry["created"], tz=timezone.utc)
    return {
        "type": "model",
        "id": entry["id"],
        "display_name": entry["display_name"],
        "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "lifecycle": "active",
    }


def list_models(
    models: Iterable[Mapping[str, Any]],
    agents: Iterable[Mapping[str, Any]] = (),
    *,
    include_agents: bool = False,
    limit: int | str = DEFAULT_LIMIT,
    after: int | str = 0,
    api: Api | str = "chat",
) -> dict[str, Any]:
    """The ``GET /v1/models`` body of one page of the catalog, in ``api``'s shape.

    ``limit`` (1-1000) and ``after`` (>= 0) may be ints or the strings of a query string; anything
    else raises ``RequestError`` (400) pointing at the parameter.
    """
    which = as_api(api)
    size = _page_param(limit, "limit", 1, MAX_LIMIT)
    start = _page_param(after, "after", 0, None)
    listed = list(agents) if include_agents and which is not Api.MESSAGES else []
    entries = [_model_entry(m) for m in models] if start == 0 else []
    entries += [_agent_entry(a) for a in listed[start : start + size]]
    has_more = start + size < len(listed)
    body: dict[str, Any]
    if which is Api.MESSAGES:
        data = [_anthropic_entry(e) for e in entries]
        body = {
            "data": data,
            "has_more": has_more,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
        }
    else:
        body = {"object": "list", "data": entries, "has_more": has_more}
    if has_more:
        body["next_after"] = start + size
    return body


def is_agent(model: str) -> bool:
    return model.startswith(AGENT_PREFIX)


def _catalog_error(status: int, code: str, message: str, api: Api | str) -> ConvertedError:
    if as_api(api) is Api.MESSAGES:
        # Messages renders catalog errors as invalid_request_error, without a code.
        return ConvertedError(
            body={"type": "error", "error": {"type": "invalid_request_error", "message": message}},
            status=status,
        )
    return ConvertedError(
        body={"error": {"message": message, "type": "invalid_request_error", "param": "model", "code": code}},
        status=status,
    )


def model_not_found(model: str, *, api: Api | str) -> ConvertedError:
    """400 ``model_not_found``: the model is not in the catalog (or is an agent off Responses)."""
    message = f"The model `{model}` does not exist or you do not have access to it."
    return _catalog_error(400, "model_not_found", message, api)


def model_access_denied(model: str, *, api: Api | str) -> ConvertedError:
    """403 ``model_access_denied``: the model exists but this caller may not use it."""
    message = f"You do not have access to the model `{model}`."
    return _catalog_error(403, "model_access_denied", message, api)


def check_model(
    model: str,
    *,
    api: Api | str,
    models: Iterable[Mapping[str, Any]],
    agents: Iterable[Mapping[str, Any]] = (),
    allowed: Collection[str] | None = None,
) -> ConvertedError | None:
    """None when ``model`` may be used on ``api``; otherwise the catalog error to answer with.

    ``allowed``, when given, is the ids this caller may use (agents as ``agent/<id>``); a listed
    model outside it is denied (403), an unlisted one is not found (400).
    """
    which = as_api(api)
    if is_agent(model):
        known = which is Api.RESPONSES and any(AGENT_PREFIX + a.get("id", "") == model for a in agents)
    else:
        known = any(m.get("id") == model for m in models)
    if not known:
        return model_not_found(model, api=which)
    if allowed is not None and model not in allowed:
        return model_access_denied(model, api=which)
    return None
