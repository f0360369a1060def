"""Error envelopes in all directions (WIRE.md §4): the tables, the odd bodies upstreams send, the
recorded error exchanges, and the official SDKs raising the right exception for what we send."""

from __future__ import annotations

import json
import typing
from typing import Any

import anthropic
import httpx
import httpx2
import openai
import pytest
from anthropic._error_classes import ERROR_CLASSES
from anthropic.types.shared.error_object import ErrorObject as AnthropicErrorObject
from anthropic.types.shared.error_response import ErrorResponse as AnthropicErrorResponse
from anthropic.types.shared.error_type import ErrorType
from hypothesis import given
from hypothesis import strategies as st
from openai.types.responses.response_error import ResponseError
from openai.types.shared.error_object import ErrorObject as OpenAIErrorObject

import kindo_wire as kw
from kindo_wire import ir
from kindo_wire._codecs import CODECS
from kindo_wire.api import Api
from kindo_wire.mapping import error_kinds as ek
from tests.traffic import exchanges, same_json

OPENAI = ("chat", "responses")
APIS = ("chat", "messages", "responses")


# The error.type values the anthropic SDK's ErrorResponse union has a member for (no conflict_error,
# no request_too_large: the SDK raises on those statuses all the same, it just has no model for them).
SDK_ANTHROPIC_TYPES = frozenset(
    typing.get_args(member.model_fields["type"].annotation)[0]
    for member in typing.get_args(typing.get_args(AnthropicErrorObject)[0])
)


# -- helpers -------------------------------------------------------------------------------------


def anthropic_body(type_: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"type": "error", "error": {"type": type_, "message": message}, **extra}


def openai_body(message: str, type_: str, code: str | None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def openai_raises(body: dict[str, Any], status: int, api: str) -> openai.APIStatusError:
    """What the openai SDK raises when a call gets ``body`` with ``status``."""
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    client = openai.OpenAI(
        api_key="k",
        base_url="http://test/v1",
        max_retries=0,
        http_client=httpx.Client(transport=transport),
    )
    with pytest.raises(openai.APIStatusError) as caught:
        if api == "chat":
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        else:
            client.responses.create(model="m", input="hi")
    return caught.value


def anthropic_raises(body: dict[str, Any], status: int) -> anthropic.APIStatusError:
    """What the anthropic SDK raises when a call gets ``body`` with ``status``."""
    transport = httpx2.MockTransport(lambda request: httpx2.Response(status, json=body))
    client = anthropic.Anthropic(
        api_key="k",
        base_url="http://test",
        max_retries=0,
        http_client=httpx2.Client(transport=transport),
    )
    with pytest.raises(anthropic.APIStatusError) as caught:
        client.messages.create(model="m", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    return caught.value


def assert_valid(body: dict[str, Any], status: int, api: str) -> None:
    """``body`` parses with the target API's error types (ours and the SDK's)."""
    assert 400 <= status <= 599
    if api == "messages":
        kw.messages.ErrorResponse.model_validate(body)
        assert body["type"] == "error" and isinstance(body["error"]["message"], str)
        if body["error"]["type"] in SDK_ANTHROPIC_TYPES:
            AnthropicErrorResponse.model_validate(body)
    else:
        kw.chat.ErrorResponse.model_validate(body)
        OpenAIErrorObject.model_validate(body["error"])
        assert set(body["error"]) >= {"message", "type", "param", "code"}


# -- the tables ----------------------------------------------------------------------------------


def test_every_table_value_is_a_kind_and_every_kind_is_encoded() -> None:
    for table in (
        ek.ANTHROPIC_TYPE_KINDS,
        ek.ANTHROPIC_STATUS_KINDS,
        ek.ANTHROPIC_CODE_KINDS,
        ek.OPENAI_STATUS_KINDS,
        ek.OPENAI_CODE_KINDS,
        ek.OPENAI_TYPE_KINDS,
        ek.GENERIC_NAMES,
    ):
        assert set(table.values()) <= set(ek.KINDS)
    assert set(ek.ANTHROPIC_ERRORS) == set(ek.KINDS)
    assert set(ek.OPENAI_ERRORS) == set(ek.KINDS)


def test_every_kind_is_decoded_from_each_vendor() -> None:
    anthropic_reach = (
        set(ek.ANTHROPIC_TYPE_KINDS.values())
        | set(ek.ANTHROPIC_STATUS_KINDS.values())
        | set(ek.ANTHROPIC_CODE_KINDS.values())
        | {"context_length"}  # by message
    )
    openai_reach = set(ek.OPENAI_STATUS_KINDS.values()) | set(ek.OPENAI_CODE_KINDS.values())
    assert anthropic_reach == set(ek.KINDS)
    assert openai_reach | {"billing"} == set(ek.KINDS)  # OpenAI has no payment error: spent credit is quota


def test_every_anthropic_error_type_has_a_row() -> None:
    assert set(typing.get_args(ErrorType)) <= set(ek.ANTHROPIC_TYPE_KINDS)
    # the docs' 413 type, missing from the SDK literal
    assert ek.ANTHROPIC_TYPE_KINDS["request_too_large"] == "too_large"


def test_every_anthropic_detail_code_row_is_an_sdk_error_class() -> None:
    sdk_codes = {code: status for status, code in ERROR_CLASSES if code is not None}
    expected_status = {"quota": (402, 429), "billing": (402,), "rate_limit": (429,)}
    for code, kind in ek.ANTHROPIC_CODE_KINDS.items():
        assert sdk_codes[code] in expected_status[kind]


def test_every_responses_error_code_has_a_row() -> None:
    codes = typing.get_args(ResponseError.model_fields["code"].annotation)
    assert set(codes) <= set(ek.OPENAI_CODE_KINDS)


@pytest.mark.parametrize("kind", ek.KINDS)
@pytest.mark.parametrize("api", APIS)
def test_every_kind_encodes_to_a_valid_envelope(kind: str, api: str) -> None:
    body, status = CODECS[Api(api)].encode_error(ir.Error(kind=kind, message="m"))
    assert_valid(body, status, api)


@pytest.mark.parametrize("kind", ek.KINDS)
def test_every_kind_round_trips_through_each_vendor(kind: str) -> None:
    # The documented collapses: Anthropic has one billing type for payment and spent credit, OpenAI
    # one insufficient_quota for both; an OpenAI 503 is read as overload (WIRE.md §4.3); Anthropic
    # has no context-window type, only its message (here "m", which does not say so).
    expected = {
        ("messages", "quota"): "billing",
        ("chat", "billing"): "quota",
        ("chat", "unavailable"): "overloaded",
        ("messages", "context_length"): "invalid_request",
    }
    for api in ("messages", "chat"):
        codec = CODECS[Api(api)]
        body, status = codec.encode_error(ir.Error(kind=kind, message="m"))
        assert codec.decode_error(body, status).kind == expected.get((api, kind), kind)


# Every status the anthropic SDK has a class for survives a trip through an OpenAI client's envelope.
@pytest.mark.parametrize("status", sorted({s for s, code in ERROR_CLASSES if code is None}))
def test_anthropic_statuses_survive_a_trip_through_openai(status: int) -> None:
    type_ = "invalid_request_error" if status < 500 else "api_error"
    there = kw.convert_error(anthropic_body(type_, "m"), source="messages", target="chat", status=status)
    back = kw.convert_error(there.body, source="chat", target="messages", status=there.status)
    # 503 is read as overload on the OpenAI side (see above)
    assert back.status == (529 if status == 503 else status)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504, 418, 599])
def test_openai_statuses_survive_a_trip_through_anthropic(status: int) -> None:
    type_ = "invalid_request_error" if status < 500 else "server_error"
    there = kw.convert_error(openai_body("m", type_, None), source="chat", target="messages", status=status)
    back = kw.convert_error(there.body, source="messages", target="responses", status=there.status)
    assert back.status == status


# -- WIRE.md §4.3, every row both ways ----------------------------------------------------------

# (Anthropic status, type) -> (OpenAI status, type, code)
ANTHROPIC_TO_OPENAI = [
    (400, "invalid_request_error", 400, "invalid_request_error", None),
    (401, "authentication_error", 401, "invalid_request_error", "invalid_api_key"),
    (402, "billing_error", 429, "insufficient_quota", "insufficient_quota"),
    (403, "permission_error", 403, "permission_error", None),
    (404, "not_found_error", 404, "invalid_request_error", "model_not_found"),
    (409, "conflict_error", 409, "invalid_request_error", None),
    (413, "request_too_large", 413, "invalid_request_error", None),
    (429, "rate_limit_error", 429, "requests", "rate_limit_exceeded"),
    (500, "api_error", 500, "server_error", None),
    (504, "timeout_error", 504, "server_error", None),
    (529, "overloaded_error", 503, "server_error", "server_is_overloaded"),
]

# (OpenAI status, type, code) -> (Anthropic status, type)
OPENAI_TO_ANTHROPIC = [
    (400, "invalid_request_error", "invalid_value", 400, "invalid_request_error"),
    (400, "invalid_request_error", "model_not_found", 400, "invalid_request_error"),  # "400 any"
    (401, "invalid_request_error", "invalid_api_key", 401, "authentication_error"),
    (429, "insufficient_quota", "insufficient_quota", 402, "billing_error"),
    (403, "invalid_request_error", "unsupported_country_region_territory", 403, "permission_error"),
    (404, "invalid_request_error", "model_not_found", 404, "not_found_error"),
    (409, "invalid_request_error", None, 409, "conflict_error"),
    (413, "invalid_request_error", None, 413, "request_too_large"),
    (429, "tokens", "rate_limit_exceeded", 429, "rate_limit_error"),
    (500, "server_error", None, 500, "api_error"),
    (504, "server_error", None, 504, "timeout_error"),
    (503, "server_error", None, 529, "overloaded_error"),
    (503, "server_error", "slow_down", 529, "overloaded_error"),
]


@pytest.mark.parametrize("target", OPENAI)
@pytest.mark.parametrize(("a_status", "a_type", "o_status", "o_type", "o_code"), ANTHROPIC_TO_OPENAI)
def test_wire_table_anthropic_to_openai(
    *, target: str, a_status: int, a_type: str, o_status: int, o_type: str, o_code: str | None
) -> None:
    body = anthropic_body(a_type, f"upstream said {a_type}", request_id="req_011")
    out = kw.convert_error(body, source="messages", target=target, status=a_status)
    assert out.status == o_status
    assert out.body == {
        "error": {"message": f"upstream said {a_type}", "type": o_type, "param": None, "code": o_code}
    }
    # and back: the Anthropic type (and status) is restored
    back = kw.convert_error(out.body, source=target, target="messages", status=out.status)
    assert (back.status, back.body["error"]["type"]) == (a_status, a_type)


@pytest.mark.parametrize("source", OPENAI)
@pytest.mark.parametrize(("o_status", "o_type", "o_code", "a_status", "a_type"), OPENAI_TO_ANTHROPIC)
def test_wire_table_openai_to_anthropic(
    *, source: str, o_status: int, o_type: str, o_code: str | None, a_status: int, a_type: str
) -> None:
    body = openai_body("the upstream's words", o_type, o_code, param="model")
    out = kw.convert_error(body, source=source, target="messages", status=o_status)
    assert out.status == a_status
    assert out.body == {"type": "error", "error": {"type": a_type, "message": "the upstream's words"}}


def test_rate_limit_type_follows_the_message() -> None:
    body = anthropic_body("rate_limit_error", "exceeds 50,000 input tokens per minute")
    out = kw.convert_error(body, source="messages", target="chat", status=429)
    assert out.body["error"]["type"] == "tokens" and out.body["error"]["code"] == "rate_limit_exceeded"


# -- context windows never become retryable 5xx (PEERS.md §3 bug 39) -----------------------------

CONTEXT_MESSAGES = [
    "prompt is too long: 208310 tokens > 200000 maximum",
    "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length",
]


@pytest.mark.parametrize("status", [400, 413, 500, 529, None])
@pytest.mark.parametrize("message", CONTEXT_MESSAGES)
@pytest.mark.parametrize("target", OPENAI)
def test_anthropic_context_errors_become_context_length_exceeded(
    target: str, message: str, status: int | None
) -> None:
    type_ = {400: "invalid_request_error", 413: "request_too_large", 529: "overloaded_error"}.get(
        status or 0, "api_error"
    )
    out = kw.convert_error(anthropic_body(type_, message), source="messages", target=target, status=status)
    if status == 529:  # an overload that mentions the context is still an overload
        assert out.status == 503
        return
    assert out.status == 400
    assert out.body["error"] == {
        "message": message,
        "type": "invalid_request_error",
        "param": None,
        "code": "context_length_exceeded",
    }


@pytest.mark.parametrize("status", [400, 413, 500, 503, None])
@pytest.mark.parametrize("source", OPENAI)
def test_openai_context_length_exceeded_is_a_400_for_anthropic(source: str, status: int | None) -> None:
    message = "This model's maximum context length is 128000 tokens. However, you requested 130000."
    body = openai_body(message, "invalid_request_error", "context_length_exceeded", param="messages")
    out = kw.convert_error(body, source=source, target="messages", status=status)
    assert out.status == 400
    assert out.body == {"type": "error", "error": {"type": "invalid_request_error", "message": message}}
    # the same error reached through the other OpenAI API keeps its code and param
    other = "responses" if source == "chat" else "chat"
    same = kw.convert_error(body, source=source, target=other, status=status)
    assert (
        same.body["error"]["code"] == "context_length_exceeded" and same.body["error"]["param"] == "messages"
    )
    assert same.status == (status or 400)


def test_responses_context_window_failure_by_message() -> None:
    failed = {
        "status": "failed",
        "error": {"code": "server_error", "message": "Your input exceeds the context window"},
    }
    out = kw.convert_error(failed, source="responses", target="messages")
    assert out.status == 400 and out.body["error"]["type"] == "invalid_request_error"


def test_a_rate_limit_asking_to_shorten_the_prompt_is_still_a_rate_limit() -> None:
    message = "This request would exceed your rate limit of 20,000,000 prompt bytes. Reduce the prompt length"
    out = kw.convert_error(
        anthropic_body("rate_limit_error", message), source="messages", target="chat", status=429
    )
    assert out.status == 429 and out.body["error"]["code"] == "rate_limit_exceeded"


# -- what is kept --------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), [("chat", "responses"), ("responses", "chat")])
def test_openai_to_openai_keeps_type_param_code_status_and_unknown_members(source: str, target: str) -> None:
    body = {
        "error": {
            "message": "Invalid 'input[1].id'.",
            "type": "invalid_request_error",
            "param": "input[1].id",
            "code": "invalid_value",
            "x_detail": {"a": 1},
        },
        "x_trace": "t1",
    }
    out = kw.convert_error(body, source=source, target=target, status=422)
    assert out.status == 422 and same_json(out.body, body)


def test_openai_to_openai_quota_keeps_its_429() -> None:
    body = openai_body("You exceeded your current quota", "insufficient_quota", "insufficient_quota")
    out = kw.convert_error(body, source="chat", target="responses", status=429)
    assert out.status == 429 and out.body == body


def test_anthropic_request_id_and_details() -> None:
    body = {
        "type": "error",
        "error": {
            "type": "invalid_request_error",
            "message": "tools.1.name: duplicate",
            "details": {"error_code": "tool_name_conflict"},
        },
        "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
    }
    out = kw.convert_error(body, source="messages", target="chat", status=400)
    # error_code becomes the OpenAI code; the request id stays out of the OpenAI body (header only)
    assert out.body == openai_body("tools.1.name: duplicate", "invalid_request_error", "tool_name_conflict")
    assert "req_011CSHoEeqs5C35K2UUqR7Fy" not in json.dumps(out.body)
    # a kind with its own OpenAI code keeps that code: clients branch on it
    spend = anthropic_body("rate_limit_error", "spend cap")
    spend["error"]["details"] = {"error_code": "enforced_spend_limit_reached"}
    out = kw.convert_error(spend, source="messages", target="responses", status=429)
    assert out.status == 429 and out.body["error"]["code"] == "insufficient_quota"
    # an Anthropic body decoded and encoded again is the same body
    codec = CODECS[Api.MESSAGES]
    assert codec.encode_error(codec.decode_error(body, 400)) == (body, 400)


def test_request_id_of_an_ir_error_goes_into_the_anthropic_envelope() -> None:
    body, status = CODECS[Api.MESSAGES].encode_error(ir.Error("overloaded", "busy", request_id="req_9"))
    assert (status, body) == (
        529,
        {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}, "request_id": "req_9"},
    )


@pytest.mark.parametrize("api", APIS)
def test_same_api_decode_encode_is_the_identity_on_recorded_errors(api: str) -> None:
    codec = CODECS[Api(api)]
    recorded = [e for e in exchanges() if e.api == api and e.status >= 400]
    assert recorded
    for exchange in recorded:
        body, status = codec.encode_error(codec.decode_error(exchange.response, exchange.status))
        assert status == exchange.status and same_json(body, exchange.response), exchange.name


# -- whatever an upstream sends ----------------------------------------------------------------

ODD_BODIES: list[tuple[str, Any, int | None, str, str]] = [
    # (name, body, status, expected kind, expected message)
    ("missing type", {"error": {"message": "nope"}}, 401, "authentication", "nope"),
    ("missing message", {"type": "error", "error": {"type": "overloaded_error"}}, 529, "overloaded", ""),
    ("empty error", {"error": {}}, 500, "server", ""),
    ("bare string error", {"error": "Service Unavailable"}, 503, "?", "Service Unavailable"),
    (
        "wrapped non-JSON",
        {"error": {"message": "<html>502 Bad Gateway</html>"}},
        502,
        "unavailable",
        "<html>502 Bad Gateway</html>",
    ),
    (
        "chat stream error",
        {"error": {"message": "m", "type": "server_error", "param": None, "code": None}},
        None,
        "server",
        "m",
    ),
    (
        "responses error event",
        {
            "type": "error",
            "code": "rate_limit_exceeded",
            "message": "slow",
            "param": None,
            "sequence_number": 4,
        },
        None,
        "rate_limit",
        "slow",
    ),
    (
        "responses failed object",
        {
            "id": "resp_1",
            "object": "response",
            "status": "failed",
            "error": {"code": "server_error", "message": "b"},
        },
        None,
        "server",
        "b",
    ),
    (
        "response.failed event",
        {
            "type": "response.failed",
            "response": {"status": "failed", "error": {"code": "invalid_image", "message": "i"}},
        },
        None,
        "invalid_request",
        "i",
    ),
    ("top-level message", {"message": "gone", "code": 404}, 404, "not_found", "gone"),
    ("fastapi detail", {"detail": "Not authenticated"}, 401, "authentication", "Not authenticated"),
    (
        "doubly wrapped",
        {"error": {"error": {"message": "deep", "type": "not_found_error"}}},
        None,
        "not_found",
        "deep",
    ),
    ("message is an object", {"error": {"message": {"why": 1}}}, 400, "invalid_request", '{"why":1}'),
    ("nothing at all", {}, None, "server", ""),
    (
        "numbers for names",
        {"error": {"message": "m", "type": 7, "code": 42, "param": True}},
        400,
        "invalid_request",
        "m",
    ),
]


@pytest.mark.parametrize(
    ("name", "body", "status", "kind", "message"), ODD_BODIES, ids=[o[0] for o in ODD_BODIES]
)
@pytest.mark.parametrize("source", APIS)
def test_odd_bodies_are_read(
    *, name: str, body: Any, status: int | None, kind: str, message: str, source: str
) -> None:
    error = CODECS[Api(source)].decode_error(body, status)
    expected_kind = kind
    if kind == "?":  # 503 with no type: Anthropic says unavailable, OpenAI says overloaded
        expected_kind = "unavailable" if source == "messages" else "overloaded"
    assert error.kind == expected_kind
    expected_message = message or ek.default_message(status)
    assert error.message == expected_message
    for target in APIS:
        if target == source:
            continue
        out = kw.convert_error(body, source=source, target=target, status=status)
        assert_valid(out.body, out.status, target)
        text = out.body["error"]["message"]
        assert text == expected_message


def test_non_json_bodies_are_wrapped_and_converted() -> None:
    out = kw.convert_error(b"upstream connect error", source="chat", target="messages", status=503)
    assert out.status == 529  # an OpenAI 503 is an overload
    assert out.body == {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "upstream connect error"},
    }
    out = kw.convert_error("<html>", source="messages", target="responses", status=502)
    assert out.status == 502 and out.body["error"]["message"] == "<html>"


# -- recorded error exchanges to both other APIs ---------------------------------------------------

RECORDED = [e for e in exchanges() if e.status >= 400]


@pytest.mark.parametrize("exchange", RECORDED, ids=[e.name for e in RECORDED])
def test_recorded_errors_convert_to_both_other_apis(exchange: Any) -> None:
    source_error = exchange.response["error"]
    for target in APIS:
        if target == exchange.api:
            continue
        out = kw.convert_error(exchange.response, source=exchange.api, target=target, status=exchange.status)
        assert_valid(out.body, out.status, target)
        assert out.body["error"]["message"] == source_error["message"]  # verbatim
        if exchange.api == "messages" and target in OPENAI:
            expected = {400: (400, None), 404: (404, "model_not_found"), 429: (429, "rate_limit_exceeded")}
            assert (out.status, out.body["error"]["code"]) == expected[exchange.status]
            assert "request_id" not in out.body
        elif target == "messages":
            expected_type = {400: "invalid_request_error", 404: "not_found_error"}[exchange.status]
            assert (out.status, out.body["error"]["type"]) == (exchange.status, expected_type)
        else:  # chat <-> responses: the envelope as it was
            assert out.status == exchange.status and same_json(out.body, exchange.response)


# -- the SDKs raise the right thing --------------------------------------------------------------

OPENAI_CLASSES: dict[int, type[openai.APIStatusError]] = {
    400: openai.BadRequestError,
    401: openai.AuthenticationError,
    403: openai.PermissionDeniedError,
    404: openai.NotFoundError,
    409: openai.ConflictError,
    413: openai.APIStatusError,
    429: openai.RateLimitError,
    500: openai.InternalServerError,
    503: openai.InternalServerError,
    504: openai.InternalServerError,
}

ANTHROPIC_CLASSES: dict[int, type[anthropic.APIStatusError]] = {
    400: anthropic.BadRequestError,
    401: anthropic.AuthenticationError,
    402: anthropic.PaymentRequiredError,
    403: anthropic.PermissionDeniedError,
    404: anthropic.NotFoundError,
    409: anthropic.ConflictError,
    413: anthropic.ContentTooLargeError,
    429: anthropic.RateLimitError,
    500: anthropic.InternalServerError,
    503: anthropic.ServiceUnavailableError,
    504: anthropic.GatewayTimeoutError,
    529: anthropic.OverloadedError,
}


@pytest.mark.parametrize("target", OPENAI)
@pytest.mark.parametrize(("a_status", "a_type", "o_status", "o_type", "o_code"), ANTHROPIC_TO_OPENAI)
def test_openai_sdk_raises_the_right_class(
    *, target: str, a_status: int, a_type: str, o_status: int, o_type: str, o_code: str | None
) -> None:
    body = anthropic_body(a_type, "the words", request_id="req_1")
    out = kw.convert_error(body, source="messages", target=target, status=a_status)
    raised = openai_raises(out.body, out.status, target)
    assert type(raised) is OPENAI_CLASSES[o_status]
    assert raised.status_code == o_status
    assert (raised.code, raised.type, raised.param) == (o_code, o_type, None)
    assert isinstance(raised.body, dict) and raised.body["message"] == "the words"


@pytest.mark.parametrize("source", OPENAI)
@pytest.mark.parametrize(("o_status", "o_type", "o_code", "a_status", "a_type"), OPENAI_TO_ANTHROPIC)
def test_anthropic_sdk_raises_the_right_class(
    *, source: str, o_status: int, o_type: str, o_code: str | None, a_status: int, a_type: str
) -> None:
    out = kw.convert_error(
        openai_body("the words", o_type, o_code), source=source, target="messages", status=o_status
    )
    raised = anthropic_raises(out.body, out.status)
    assert type(raised) is ANTHROPIC_CLASSES[a_status]
    assert raised.status_code == a_status and raised.type == a_type
    assert raised.api_message == "the words"


def test_sdk_examples_from_the_brief() -> None:
    overloaded = kw.convert_error(
        anthropic_body("overloaded_error", "Overloaded"), source="messages", target="chat", status=529
    )
    assert isinstance(openai_raises(overloaded.body, overloaded.status, "chat"), openai.InternalServerError)
    quota = openai_body("You exceeded your current quota", "insufficient_quota", "insufficient_quota")
    as_anthropic = kw.convert_error(quota, source="responses", target="messages", status=429)
    raised = anthropic_raises(as_anthropic.body, as_anthropic.status)
    assert (
        isinstance(raised, anthropic.PaymentRequiredError) and raised.api_message == quota["error"]["message"]
    )
    billing = kw.convert_error(
        anthropic_body("billing_error", "pay up"), source="messages", target="chat", status=402
    )
    rate = openai_raises(billing.body, billing.status, "chat")
    assert isinstance(rate, openai.RateLimitError) and rate.code == "insufficient_quota"
    back = kw.convert_error(overloaded.body, source="chat", target="messages", status=overloaded.status)
    assert isinstance(anthropic_raises(back.body, back.status), anthropic.OverloadedError)


# -- fuzz: any JSON value, any status ------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    ["error", "type", "message", "code", "param", "status", "object", "response", "details"]
)
ERRORISH = st.recursive(
    JSON_VALUES,
    lambda children: st.dictionaries(KEYS | st.text(max_size=4), children, max_size=5),
    max_leaves=16,
)
STATUSES = (
    st.none()
    | st.sampled_from([200, 400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529])
    | st.integers(-5, 1000)
)


@given(body=ERRORISH, status=STATUSES, source=st.sampled_from(APIS), target=st.sampled_from(APIS))
def test_any_json_becomes_a_valid_error(body: Any, status: int | None, source: str, target: str) -> None:
    raw: dict[str, Any] | bytes = body if isinstance(body, dict) else json.dumps(body).encode()
    if source != target:
        out = kw.convert_error(raw, source=source, target=target, status=status)
        assert_valid(out.body, out.status, target)
    # and the codecs alone, same API included
    data = body if isinstance(body, dict) else {"error": {"message": json.dumps(body)}}
    encoded, code = CODECS[Api(target)].encode_error(CODECS[Api(source)].decode_error(data, status))
    assert_valid(encoded, code, target)
    json.dumps(encoded)


@given(body=ERRORISH, status=STATUSES, source=st.sampled_from(APIS))
def test_the_sdks_raise_on_whatever_we_send(body: Any, status: int | None, source: str) -> None:
    data = body if isinstance(body, dict) else {"error": {"message": json.dumps(body)}}
    error = CODECS[Api(source)].decode_error(data, status)
    out, code = CODECS[Api.MESSAGES].encode_error(error)
    raised = anthropic_raises(out, code)
    assert raised.status_code == code and raised.api_message == error.message
    out, code = CODECS[Api.CHAT].encode_error(error)
    raised_oa = openai_raises(out, code, "chat")
    assert raised_oa.status_code == code
    assert isinstance(raised_oa.body, dict) and raised_oa.body["message"] == error.message
