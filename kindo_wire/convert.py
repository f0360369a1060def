"""``convert_request``, ``convert_response`` and ``convert_error``: ``source wire -> IR -> target wire``.

Same-format conversion is the identity: the body comes back as given, with no losses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from . import ir
from ._codecs import CODECS
from ._fastjson import load_object, loads
from .api import Api, as_api
from .converted import Converted, ConvertedError
from .errors import RequestError, UpstreamError, WireError
from .fast import fast_request, fast_response
from .loss import LossLog
from .mapping.rename import restore_response_names, shorten_request_names
from .mapping.tool_names import restore_map
from .validation import validate_request

Body = dict[str, Any] | bytes | bytearray | str

# A caller's store of earlier Responses turns: previous_response_id -> the input items that turn
# saw plus the output items it produced (Responses format), or None when unknown.
PreviousResponseLookup = Callable[[str], Sequence[dict[str, Any]] | None]

# What a decoder raises when the data has a shape it did not expect: turned into kw errors.
_SHAPE_ERRORS = (KeyError, TypeError, AttributeError, ValueError, IndexError)


def request_to_ir(body: dict[str, Any], api: Api, log: LossLog) -> ir.Request:
    """Decode a parsed request of ``api``; bad input is a ``RequestError`` with the offending pointer."""
    try:
        return CODECS[api].decode_request(body, log)
    except WireError:
        raise
    except _SHAPE_ERRORS as exc:
        # The fast path does not validate; on a shape it cannot read, the validator names the field.
        validate_request(body, api=api)
        raise RequestError(f"the request could not be read as a {api.value} request: {exc}") from exc


def response_to_ir(body: dict[str, Any], api: Api, log: LossLog) -> ir.Response:
    """Decode a parsed response of ``api``; a body that is not one is an ``UpstreamError``."""
    try:
        return CODECS[api].decode_response(body, log)
    except WireError:
        raise
    except _SHAPE_ERRORS as exc:
        raise UpstreamError(f"the upstream response is not a valid {api.value} response: {exc}") from exc


def convert_request(
    body: Body,
    *,
    source: Api | str,
    target: Api | str,
    strict: bool = False,
    previous_response: PreviousResponseLookup | None = None,
) -> Converted:
    """``body``, a request of ``source``, as a request of ``target``.

    ``previous_response`` resolves a Responses ``previous_response_id`` for a stateless target (the
    earlier items are prepended to ``input``); without it the id is a SEMANTIC loss.
    ``strict=True`` raises ``LossError`` if anything at DEGRADED or above would be lost.
    """
    src, dst = as_api(source), as_api(target)
    data = load_object(body, "request body")
    if src is dst:
        return Converted(data)
    try:
        fast = fast_request(data, src, dst, strict=strict)
    except _SHAPE_ERRORS:  # a shape the fast path did not foresee: the general path reads it
        fast = None
    if fast is not None:
        return fast
    return _request_via_ir(data, src, dst, strict=strict, previous_response=previous_response)


def _request_via_ir(
    data: dict[str, Any],
    src: Api,
    dst: Api,
    *,
    strict: bool = False,
    previous_response: PreviousResponseLookup | None = None,
) -> Converted:
    """The general path: ``source wire -> IR -> target wire`` (what the fast path must equal)."""
    log = LossLog()
    if src is Api.RESPONSES and previous_response is not None:
        data = _resolve_previous(data, previous_response, log)
    request = shorten_request_names(request_to_ir(data, src, log), dst, log)
    try:
        out = CODECS[dst].encode_request(request, log)
    except _SHAPE_ERRORS as exc:
        # A value of the wrong type that the decoder passed through: name it, never a traceback.
        validate_request(data, api=src)
        raise RequestError(f"the request could not be converted to {dst.value}: {exc}") from exc
    return Converted(out, log.freeze(strict=strict))


def convert_response(
    body: Body,
    *,
    source: Api | str,
    target: Api | str,
    request: Body | None = None,
    strict: bool = False,
) -> Converted:
    """``body``, a response of ``source``, as a response of ``target``.

    ``request`` is the request the client sent, in ``target``'s format: tool names shortened for
    the upstream are restored from it, its model id is echoed, and a Responses body echoes it.
    """
    src, dst = as_api(source), as_api(target)
    data = load_object(body, "response body")
    client = load_object(request, "client request") if request is not None else None
    if src is dst:
        return Converted(data)
    try:
        fast = fast_response(data, src, dst, client, strict=strict)
    except _SHAPE_ERRORS:  # a shape the fast path did not foresee: the general path reads it
        fast = None
    if fast is not None:
        return fast
    return _response_via_ir(data, src, dst, client, strict=strict)


def _response_via_ir(
    data: dict[str, Any], src: Api, dst: Api, client: dict[str, Any] | None, *, strict: bool = False
) -> Converted:
    """The general path: ``source wire -> IR -> target wire`` (what the fast path must equal)."""
    log = LossLog()
    response = response_to_ir(data, src, log)
    if client is not None:
        response = for_client(response, client, src, dst)
    try:
        out = CODECS[dst].encode_response(response, log, client)
    except _SHAPE_ERRORS as exc:
        raise UpstreamError(f"the upstream response could not be converted to {dst.value}: {exc}") from exc
    return Converted(out, log.freeze(strict=strict))


def for_client(response: ir.Response, client: dict[str, Any], src: Api, dst: Api) -> ir.Response:
    """``response`` as the client should see it: tool names the upstream got shortened restored,
    and the model id the client asked for echoed."""
    response = restore_response_names(response, client_names(client, src, dst))
    model = client.get("model")
    if isinstance(model, str) and model != response.model:
        response = replace(response, model=model)
    return response


def client_names(client: dict[str, Any], src: Api, dst: Api) -> dict[str, str]:
    """``{tool name as the upstream (src) knows it: the client's (dst) name}`` for renamed tools."""
    return restore_map(_tool_names(client, dst), src)


def ask_chat_for_usage(body: dict[str, Any], source: Api, target: Api) -> dict[str, Any]:
    """``body`` (a converted streaming request) asking a Chat target for its usage chunk.

    A stream of the other APIs always ends with usage (message_delta, response.completed); a Chat
    stream carries it only when asked (WIRE.md §1.8). The body is returned as is when that does
    not apply, else a copy with ``stream_options.include_usage`` set.
    """
    if target is not Api.CHAT or source is Api.CHAT or body.get("stream") is not True:
        return body
    return {**body, "stream_options": {**(body.get("stream_options") or {}), "include_usage": True}}


def convert_error(
    body: Body, *, source: Api | str, target: Api | str, status: int | None = None
) -> ConvertedError:
    """An upstream error body of ``source`` (sent with HTTP ``status``) as ``target``'s envelope
    and the status to send it with."""
    src, dst = as_api(source), as_api(target)
    error = CODECS[src].decode_error(_error_object(body), status)
    # Even for the same API the body goes through the codec: an odd upstream body (plain text, a
    # bare string) must still reach the client as a well-formed envelope.
    out, out_status = CODECS[dst].encode_error(error)
    return ConvertedError(out, out_status)


def _error_object(body: Body) -> dict[str, Any]:
    """An upstream error body as a dict, whatever it was: non-JSON text becomes its message."""
    if isinstance(body, dict):
        return body
    raw = bytes(body) if isinstance(body, (bytearray, memoryview)) else body
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    try:
        doc = loads(raw)
    except (ValueError, RecursionError):
        return {"error": {"message": text}}
    if isinstance(doc, dict):
        return doc
    return {"error": {"message": doc if isinstance(doc, str) else text}}


def _tool_names(request: dict[str, Any], api: Api) -> list[str]:
    """The tool names a client request defines, in its own format."""
    names: list[str] = []
    tools = request.get("tools")
    if not isinstance(tools, list):
        return names
    for tool in tools:
        if not isinstance(tool, dict):
            continue
        holder = tool.get("function") if api is Api.CHAT else tool
        if isinstance(holder, dict) and isinstance(holder.get("name"), str):
            names.append(holder["name"])
    return names


def _resolve_previous(data: dict[str, Any], lookup: PreviousResponseLookup, log: LossLog) -> dict[str, Any]:
    previous = data.get("previous_response_id")
    if not isinstance(previous, str):
        return data
    items = lookup(previous)
    if items is None:
        return data  # the decoder reports the unresolved id
    current = data.get("input")
    if isinstance(current, str):
        current_items: list[Any] = [{"role": "user", "content": current}]
    elif isinstance(current, list):
        current_items = current
    else:
        current_items = []
    log.cosmetic(
        "/previous_response_id",
        "previous_response_resolved",
        f"{previous!r} replaced by its {len(items)} stored items",
    )
    resolved = {k: v for k, v in data.items() if k != "previous_response_id"}
    resolved["input"] = [*items, *current_items]
    return resolved
