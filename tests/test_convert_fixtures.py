"""Conversion over every recorded exchange in fixtures/traffic (docs/CONVERSION.md, ARCHITECTURE.md §3).

(a) ``X -> IR -> X`` is the identity, with no losses, for every request and success response body;
(b) every request converted to each other API is accepted by that API's official SDK request type
    and by ``kw.validate_request`` (what the live API would refuse);
(c) every success response converted to each other API is accepted by the SDK response model;
(d) every loss points into the source body (or at a missing key of an existing object) and has a
    documented snake_case code;
(e) ``strict=True`` raises ``LossError`` exactly when a loss is DEGRADED or worse.

Requests of error exchanges (status >= 400) may be deliberately invalid: they must convert or raise
``RequestError``, nothing else (and when they decode, the identity still holds).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import anthropic.types as at
import openai.types.chat as oac
import openai.types.responses as oar
import pytest
from anthropic.types import message_create_params as at_params
from openai.types.chat import completion_create_params as oa_chat_params
from openai.types.responses import response_create_params as oa_resp_params
from pydantic import BaseModel, TypeAdapter

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire.api import Api
from kindo_wire.convert import request_to_ir, response_to_ir
from kindo_wire.loss import LossLog
from tests.sdk_oracle import drain
from tests.traffic import Exchange, exchanges, same_json

ALL = list(exchanges())
OK = [e for e in ALL if e.status < 400]
BAD = [e for e in ALL if e.status >= 400]
RESPONSES = [e for e in OK if e.response is not None]

PAIRS = [(source, target) for source in Api for target in Api if source is not target]


def ids(found: list[Exchange]) -> list[str]:
    return [e.name for e in found]


def cases(found: list[Exchange]) -> list[Any]:
    """Every exchange crossed with each of the two other APIs."""
    return [
        pytest.param(e, target, id=f"{e.name}->{target.value}")
        for e in found
        for target in Api
        if target.value != e.api
    ]


def test_corpus_is_complete() -> None:
    assert len(ALL) == 184
    assert {e.api for e in ALL} == {"chat", "messages", "responses"}
    assert len(RESPONSES) >= 90 and BAD


# -- SDK oracles ------------------------------------------------------------------------------------

SDK_REQUEST: dict[Api, tuple[TypeAdapter[Any], TypeAdapter[Any]]] = {
    Api.CHAT: (
        TypeAdapter(oa_chat_params.CompletionCreateParamsNonStreaming),
        TypeAdapter(oa_chat_params.CompletionCreateParamsStreaming),
    ),
    Api.MESSAGES: (
        TypeAdapter(at_params.MessageCreateParamsNonStreaming),
        TypeAdapter(at_params.MessageCreateParamsStreaming),
    ),
    Api.RESPONSES: (
        TypeAdapter(oa_resp_params.ResponseCreateParamsNonStreaming),
        TypeAdapter(oa_resp_params.ResponseCreateParamsStreaming),
    ),
}

SDK_RESPONSE: dict[Api, type[BaseModel]] = {
    Api.CHAT: oac.ChatCompletion,
    Api.MESSAGES: at.Message,
    Api.RESPONSES: oar.Response,
}


def sdk_validate_request(body: dict[str, Any], api: Api) -> None:
    """Raises pydantic's ValidationError when the SDK request type of ``api`` rejects ``body``."""
    plain, streaming = SDK_REQUEST[api]
    adapter = streaming if body.get("stream") is True else plain
    drain(adapter.validate_python(body, strict=True))


# -- JSON pointers and loss codes ------------------------------------------------------------------

SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


@cache
def documented_codes() -> frozenset[str]:
    """The loss codes of the table in docs/CONVERSION.md ("Use these codes; add a new one ... here")."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "CONVERSION.md").read_text(encoding="utf-8")
    section = text.split("## Loss codes", 1)[1]
    codes: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            codes.update(re.findall(r"`([a-z0-9_]+)`", first_cell))
    return frozenset(codes)


def pointer_tokens(pointer: str) -> list[str]:
    assert pointer == "" or pointer.startswith("/"), f"not a JSON pointer: {pointer!r}"
    if pointer == "":
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def step(node: Any, token: str) -> tuple[bool, Any]:
    """(found, child) of ``node`` at ``token``."""
    if isinstance(node, dict):
        return (token in node, node.get(token))
    if isinstance(node, list) and re.fullmatch(r"0|[1-9][0-9]*", token):
        index = int(token)
        return (index < len(node), node[index] if index < len(node) else None)
    return (False, None)


def pointer_resolves(body: Any, pointer: str) -> bool:
    """True if ``pointer`` names a value of ``body``, or a missing key of an object that exists (where a
    synthesized field would have been)."""
    node = body
    tokens = pointer_tokens(pointer)
    for i, token in enumerate(tokens):
        found, child = step(node, token)
        if not found:
            return i == len(tokens) - 1 and isinstance(node, dict)
        node = child
    return True


def check_losses(losses: tuple[kw.Loss, ...], source_body: dict[str, Any]) -> None:
    for loss in losses:
        assert isinstance(loss, kw.Loss)
        assert isinstance(loss.severity, kw.Severity)
        assert SNAKE.fullmatch(loss.code), f"loss code is not snake_case: {loss}"
        assert loss.code in documented_codes(), f"loss code not in docs/CONVERSION.md: {loss}"
        assert isinstance(loss.detail, str) and loss.detail, f"loss without detail: {loss}"
        assert pointer_resolves(source_body, loss.pointer), f"loss pointer does not resolve: {loss}"


def test_pointer_helper() -> None:
    body = {"a": [{"b/c": 1, "d~e": None}], "f": {}}
    for good in ("", "/a", "/a/0", "/a/0/b~1c", "/a/0/d~0e", "/f/missing", "/a/0/new"):
        assert pointer_resolves(body, good), good
    for bad in ("/a/1", "/a/0/b~1c/x", "/g/h", "/a/x", "/a/01"):
        assert not pointer_resolves(body, bad), bad
    assert {
        "unsupported_field",
        "reasoning_dropped",
        "prefill_added",
        "usage_incomplete",
    } <= documented_codes()


# -- (a) identity ---------------------------------------------------------------------------------


def request_identity(body: dict[str, Any], api: Api) -> tuple[dict[str, Any], tuple[kw.Loss, ...]]:
    log = LossLog()
    out = CODECS[api].encode_request(request_to_ir(body, api, log), log)
    return out, log.freeze()


def response_identity(body: dict[str, Any], api: Api) -> tuple[dict[str, Any], tuple[kw.Loss, ...]]:
    log = LossLog()
    out = CODECS[api].encode_response(response_to_ir(body, api, log), log, None)
    return out, log.freeze()


@pytest.mark.parametrize("ex", OK, ids=ids(OK))
def test_request_identity(ex: Exchange) -> None:
    out, losses = request_identity(ex.request, Api(ex.api))
    assert same_json(out, ex.request)
    assert losses == ()


@pytest.mark.parametrize("ex", BAD, ids=ids(BAD))
def test_error_exchange_request_identity_or_request_error(ex: Exchange) -> None:
    try:
        out, losses = request_identity(ex.request, Api(ex.api))
    except kw.RequestError:
        return
    assert same_json(out, ex.request)
    assert losses == ()


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_response_identity(ex: Exchange) -> None:
    out, losses = response_identity(ex.response, Api(ex.api))
    assert same_json(out, ex.response)
    assert losses == ()


def test_same_api_conversion_is_the_identity() -> None:
    for ex in OK[::7]:
        done = kw.convert_request(ex.request, source=ex.api, target=ex.api)
        assert same_json(done.body, ex.request) and done.losses == ()


# -- (b) requests to the other APIs ----------------------------------------------------------------


@pytest.mark.parametrize(("ex", "target"), cases(OK))
def test_request_converts_to_a_body_the_target_sdk_accepts(ex: Exchange, target: Api) -> None:
    done = kw.convert_request(ex.request, source=ex.api, target=target)
    assert isinstance(done, kw.Converted)
    sdk_validate_request(done.body, target)
    # The gateway checks know rules the SDK types cannot say (tool_choice needs tools, an
    # assistant message needs content or tool calls): the live API would refuse such a body.
    kw.validate_request(done.body, api=target)
    assert done.body.get("model") == ex.request.get("model")  # convert.py echoes the model id
    check_losses(done.losses, ex.request)


@pytest.mark.parametrize(("ex", "target"), cases(BAD))
def test_error_exchange_request_converts_or_raises_request_error(ex: Exchange, target: Api) -> None:
    try:
        done = kw.convert_request(ex.request, source=ex.api, target=target)
    except kw.RequestError as error:
        assert isinstance(error.pointer, str) and pointer_resolves(ex.request, error.pointer)
        return
    check_losses(done.losses, ex.request)


# -- (c) responses to the other APIs ---------------------------------------------------------------


@pytest.mark.parametrize(("ex", "target"), cases(RESPONSES))
def test_response_converts_to_a_body_the_target_sdk_accepts(ex: Exchange, target: Api) -> None:
    done = kw.convert_response(ex.response, source=ex.api, target=target)
    SDK_RESPONSE[target].model_validate(done.body)
    check_losses(done.losses, ex.response)


@pytest.mark.parametrize(("ex", "target"), cases(RESPONSES))
def test_response_with_client_request_converts_to_a_body_the_target_sdk_accepts(
    ex: Exchange, target: Api
) -> None:
    """A gateway passes the client's request (in the target format): the reply echoes its model id."""
    client = kw.convert_request(ex.request, source=ex.api, target=target).body
    client["model"] = "client-model-alias"
    done = kw.convert_response(ex.response, source=ex.api, target=target, request=client)
    SDK_RESPONSE[target].model_validate(done.body)
    assert done.body["model"] == "client-model-alias"
    check_losses(done.losses, ex.response)


# -- (e) strict mode -------------------------------------------------------------------------------


def assert_strict_agrees(convert: Any, body: dict[str, Any]) -> None:
    lenient = convert(strict=False)
    worst = max((loss.severity for loss in lenient.losses), default=None)
    if worst is not None and worst >= kw.Severity.DEGRADED:
        with pytest.raises(kw.LossError) as info:
            convert(strict=True)
        assert info.value.losses == lenient.losses
        assert isinstance(info.value, kw.WireError) and info.value.status == 400
    else:
        strict = convert(strict=True)
        assert same_json(strict.body, lenient.body)
        assert strict.losses == lenient.losses


@pytest.mark.parametrize(("ex", "target"), cases(OK))
def test_strict_request_raises_exactly_when_degraded(ex: Exchange, target: Api) -> None:
    def convert(strict: bool) -> kw.Converted:
        return kw.convert_request(ex.request, source=ex.api, target=target, strict=strict)

    assert_strict_agrees(convert, ex.request)


@pytest.mark.parametrize(("ex", "target"), cases(RESPONSES))
def test_strict_response_raises_exactly_when_degraded(ex: Exchange, target: Api) -> None:
    def convert(strict: bool) -> kw.Converted:
        return kw.convert_response(ex.response, source=ex.api, target=target, strict=strict)

    assert_strict_agrees(convert, ex.response)


def test_strict_mode_is_exercised_both_ways() -> None:
    """The corpus has both lossless-enough and degraded conversions, so (e) tests both branches."""
    worst = []
    for ex in OK:
        for target in Api:
            if target.value != ex.api:
                losses = kw.convert_request(ex.request, source=ex.api, target=target).losses
                worst.append(max((x.severity for x in losses), default=kw.Severity.COSMETIC))
    assert kw.Severity.SEMANTIC in worst
    assert kw.Severity.COSMETIC in worst
