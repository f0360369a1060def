"""validate_request / RequestError / strip_fields: what a gateway checks before forwarding."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import anthropic
import httpx
import httpx2
import openai
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire.errors import pointer_tokens
from tests.traffic import exchanges

OK = [e for e in exchanges() if e.status == 200]

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}
MESSAGES = {"model": "claude-sonnet-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}]}
RESPONSES = {"model": "gpt-5", "input": "hi"}
MINIMAL = {"chat": CHAT, "messages": MESSAGES, "responses": RESPONSES}


def with_(api: str, **fields: Any) -> dict[str, Any]:
    body = copy.deepcopy(MINIMAL[api])
    body.update(fields)
    return body


def refused(body: Any, api: str, **options: Any) -> kw.RequestError:
    with pytest.raises(kw.RequestError) as caught:
        kw.validate_request(body, api=api, **options)
    return caught.value


# -- nothing valid is refused ------------------------------------------------------------------


@pytest.mark.parametrize("exchange", OK, ids=lambda e: e.name)
def test_every_recorded_request_that_succeeded_validates(exchange) -> None:  # type: ignore[no-untyped-def]
    model = kw.validate_request(exchange.request, api=exchange.api)
    assert model.dump() == exchange.request
    # Raw bytes and str take the same path.
    raw = json.dumps(exchange.request)
    assert kw.validate_request(raw, api=exchange.api).dump() == exchange.request
    assert kw.validate_request(raw.encode(), api=kw.Api(exchange.api)).dump() == exchange.request


# -- the recorded API errors we can predict are predicted the same way ---------------------------

RECORDED_400 = [
    # (fixture file, the param OpenAI named / the path Anthropic named, OpenAI's code)
    (
        "chat/crewai__custom_llm_within_crew__0.json",
        "messages[1].content[0].type",
        "missing_required_parameter",
    ),
    (
        "responses/pydantic-ai__openai_responses_model_http_error__0.json",
        "temperature",
        "decimal_below_min_value",
    ),
]


@pytest.mark.parametrize(("name", "param", "code"), RECORDED_400)
def test_recorded_openai_400_is_caught_before_forwarding(name: str, param: str, code: str) -> None:
    exchange = next(e for e in exchanges() if e.path.as_posix().endswith(name))
    recorded = exchange.response["error"]
    assert (recorded["param"], recorded["code"]) == (param, code)  # what the live API said
    error = refused(exchange.request, exchange.api)
    body = error.to_body(exchange.api)
    assert error.status == exchange.status == 400
    assert (body["error"]["param"], body["error"]["code"], body["error"]["type"]) == (
        param,
        code,
        recorded["type"],
    )


def test_recorded_anthropic_orphan_tool_result_is_caught() -> None:
    exchange = next(
        e for e in exchanges() if e.path.name == "anthropic-sdk__runners_TestSyncRunTools_f59a9391__1.json"
    )
    assert "unexpected `tool_use_id`" in exchange.response["error"]["message"]
    error = refused(exchange.request, "messages")
    assert error.pointer == "/messages/1/content/0/tool_use_id"
    body = error.to_body("messages")
    assert body["type"] == "error" and body["error"]["type"] == "invalid_request_error"
    assert body["error"]["message"].startswith("messages.1.content.0.tool_use_id: ")


# -- each rule, each API -----------------------------------------------------------------------

CASES: list[tuple[str, dict[str, Any], str, str | None]] = [
    # api, body, expected pointer, expected OpenAI code (None: any)
    ("chat", {"messages": CHAT["messages"]}, "/model", "missing_required_parameter"),
    ("chat", with_("chat", model=" "), "/model", "invalid_value"),
    ("chat", with_("chat", model=5), "/model", "invalid_type"),
    ("chat", with_("chat", messages=[]), "/messages", "empty_array"),
    ("chat", with_("chat", messages="hi"), "/messages", "invalid_type"),
    (
        "chat",
        with_("chat", messages=[{"role": "robot", "content": "x"}]),
        "/messages/0/role",
        "invalid_value",
    ),
    ("chat", with_("chat", messages=[{"role": "user", "content": 5}]), "/messages/0/content", "invalid_type"),
    (
        "chat",
        with_("chat", messages=[{"role": "user", "content": [{"text": "x"}]}]),
        "/messages/0/content/0/type",
        "missing_required_parameter",
    ),
    (
        "chat",
        with_("chat", messages=[{"role": "user", "content": [{"type": "text"}]}]),
        "/messages/0/content/0/text",
        "missing_required_parameter",
    ),
    (
        "chat",
        with_("chat", messages=[{"role": "tool", "content": "x"}]),
        "/messages/0/tool_call_id",
        "missing_required_parameter",
    ),
    (
        "chat",
        with_("chat", messages=[{"role": "assistant"}]),
        "/messages/0/content",
        "missing_required_parameter",
    ),
    ("chat", with_("chat", max_tokens="100"), "/max_tokens", "invalid_type"),
    ("chat", with_("chat", max_tokens=0), "/max_tokens", "integer_below_min_value"),
    ("chat", with_("chat", temperature=2.5), "/temperature", "decimal_above_max_value"),
    ("chat", with_("chat", top_p=-0.1), "/top_p", "decimal_below_min_value"),
    ("chat", with_("chat", n=0), "/n", "integer_below_min_value"),
    ("chat", with_("chat", presence_penalty=3), "/presence_penalty", "decimal_above_max_value"),
    ("chat", with_("chat", logprobs=True, top_logprobs=21), "/top_logprobs", "integer_above_max_value"),
    ("chat", with_("chat", top_logprobs=2), "/top_logprobs", None),
    ("chat", with_("chat", stop=["a", "b", "c", "d", "e"]), "/stop", None),
    ("chat", with_("chat", logit_bias={"50256": -101}), "/logit_bias/50256", None),
    ("chat", with_("chat", metadata={f"k{i}": "v" for i in range(17)}), "/metadata", None),
    ("chat", with_("chat", safety_identifier="x" * 65), "/safety_identifier", None),
    ("chat", with_("chat", stream_options={"include_usage": True}), "/stream_options", None),
    (
        "chat",
        with_("chat", tools=[{"type": "function", "function": {"name": "bad name"}}]),
        "/tools/0/function/name",
        None,
    ),
    (
        "chat",
        with_("chat", tools=[{"type": "function", "function": {"name": "f" * 65}}]),
        "/tools/0/function/name",
        None,
    ),
    ("chat", with_("chat", tool_choice="any"), "/tool_choice", None),  # PEERS: "any" sent to OpenAI
    ("chat", with_("chat", tool_choice="required"), "/tool_choice", None),
    (
        "chat",
        with_(
            "chat",
            tools=[{"type": "function", "function": {"name": "f"}}],
            tool_choice={"type": "function", "function": {"name": "g"}},
        ),
        "/tool_choice/function/name",
        None,
    ),
    (
        "chat",
        with_(
            "chat",
            messages=[
                {"role": "user", "content": "x"},
                {"role": "tool", "tool_call_id": "c", "content": "r"},
            ],
        ),
        "/messages/1/role",
        None,
    ),
    (
        "chat",
        with_(
            "chat",
            messages=[
                {
                    "role": "assistant",
                    "tool_calls": [
                        {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                        {"id": "c2", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": "r"},
                {"role": "user", "content": "next"},
            ],
        ),
        "/messages/0/tool_calls/1",
        None,
    ),
    (
        "messages",
        {"model": "m", "messages": MESSAGES["messages"]},
        "/max_tokens",
        "missing_required_parameter",
    ),
    ("messages", with_("messages", max_tokens=0), "/max_tokens", "integer_below_min_value"),
    ("messages", with_("messages", max_tokens=1.5), "/max_tokens", "invalid_type"),
    ("messages", with_("messages", messages=[]), "/messages", "empty_array"),
    (
        "messages",
        with_("messages", messages=[{"role": "tool", "content": "x"}]),
        "/messages/0/role",
        "invalid_value",
    ),
    ("messages", with_("messages", temperature=1.5), "/temperature", "decimal_above_max_value"),
    ("messages", with_("messages", top_k=-1), "/top_k", "integer_below_min_value"),
    (
        "messages",
        with_("messages", tools=[{"name": "a.b", "input_schema": {"type": "object"}}]),
        "/tools/0/name",
        None,
    ),
    (
        "messages",
        with_(
            "messages",
            tools=[{"name": "f", "input_schema": {"type": "object"}}],
            tool_choice={"type": "tool", "name": "g"},
        ),
        "/tool_choice/name",
        None,
    ),
    ("messages", with_("messages", tool_choice={"type": "any"}), "/tool_choice/type", None),
    (
        "messages",
        with_("messages", thinking={"type": "enabled", "budget_tokens": 512}),
        "/thinking/budget_tokens",
        None,
    ),
    (
        "messages",
        with_("messages", max_tokens=2000, thinking={"type": "enabled", "budget_tokens": 2000}),
        "/thinking/budget_tokens",
        None,
    ),
    (
        "messages",
        with_(
            "messages",
            max_tokens=4000,
            thinking={"type": "enabled", "budget_tokens": 2000},
            tools=[{"name": "f", "input_schema": {"type": "object"}}],
            tool_choice={"type": "any"},
        ),
        "/tool_choice/type",
        None,
    ),
    (
        "messages",
        with_(
            "messages",
            messages=[
                {"role": "user", "content": "q"},
                {
                    "role": "assistant",
                    "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}],
                },
                {"role": "user", "content": "no result"},
            ],
        ),
        "/messages/1/content/0",
        None,
    ),
    ("responses", {"input": "hi"}, "/model", "missing_required_parameter"),
    ("responses", {"model": "gpt-5"}, "/input", "missing_required_parameter"),
    ("responses", with_("responses", input=5), "/input", "invalid_type"),
    (
        "responses",
        with_("responses", input=[{"role": "tool", "content": "x"}]),
        "/input/0/role",
        "invalid_value",
    ),
    (
        "responses",
        with_("responses", input=[{"type": "function_call_output", "output": "x"}]),
        "/input/0/call_id",
        "missing_required_parameter",
    ),
    ("responses", with_("responses", max_output_tokens=10), "/max_output_tokens", "integer_below_min_value"),
    ("responses", with_("responses", max_output_tokens="100"), "/max_output_tokens", "invalid_type"),
    ("responses", with_("responses", temperature=-1), "/temperature", "decimal_below_min_value"),
    ("responses", with_("responses", top_logprobs=21), "/top_logprobs", "integer_above_max_value"),
    (
        "responses",
        with_("responses", previous_response_id="resp_1", conversation="conv_1"),
        "/previous_response_id",
        None,
    ),
    (
        "responses",
        with_("responses", tools=[{"type": "function", "name": "a b", "parameters": {}, "strict": True}]),
        "/tools/0/name",
        None,
    ),
    (
        "responses",
        with_(
            "responses",
            tools=[{"type": "function", "name": "f", "parameters": {}, "strict": True}],
            tool_choice={"type": "function", "name": "g"},
        ),
        "/tool_choice/name",
        None,
    ),
    ("responses", with_("responses", tool_choice="required"), "/tool_choice", None),
]


@pytest.mark.parametrize(("api", "body", "pointer", "code"), CASES)
def test_rule(api: str, body: dict[str, Any], pointer: str, code: str | None) -> None:
    error = refused(body, api)
    assert error.status == 400
    assert error.pointer == pointer, error.message
    if code is not None:
        assert error.code == code, error.message
    # The pointer addresses the offending field or the place a missing one belongs.
    tokens = pointer_tokens(error.pointer)
    node: Any = body
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    assert isinstance(node, (dict, list))


def test_valid_variants_pass() -> None:
    kw.validate_request(
        with_("chat", tools=[{"type": "function", "function": {"name": "f"}}], tool_choice="required"),
        api="chat",
    )
    kw.validate_request(
        with_("chat", logprobs=True, top_logprobs=20, temperature=0, n=1, stop=["a"] * 4), api="chat"
    )
    kw.validate_request(
        with_("messages", max_tokens=4000, thinking={"type": "enabled", "budget_tokens": 1024}),
        api="messages",
    )
    kw.validate_request(
        with_(
            "messages",
            messages=[{"role": "user", "content": "q"}, {"role": "assistant", "content": "prefill"}],
        ),
        api="messages",
    )
    kw.validate_request(
        {"prompt": {"id": "pmpt_1"}}, api="responses"
    )  # a stored prompt supplies model and input
    kw.validate_request(
        with_(
            "responses", input=[{"role": "user", "content": "x"}, {"type": "item_reference", "id": "msg_1"}]
        ),
        api="responses",
    )


# -- the body itself -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", [b"{", b"[]", b'"x"', b"\xff\xfe{}", b'{"model": NaN}', b"", '{"model": Infinity}']
)
@pytest.mark.parametrize("api", ["chat", "messages", "responses"])
def test_unparseable_bodies(raw: bytes | str, api: str) -> None:
    error = refused(raw, api)
    assert error.status == 400 and error.pointer == ""


def test_size_limit_is_413_in_both_envelopes() -> None:
    raw = json.dumps(with_("messages", messages=[{"role": "user", "content": "x" * 2000}])).encode()
    kw.validate_request(raw, api="messages", max_bytes=len(raw))
    error = refused(raw, "messages", max_bytes=len(raw) - 1)
    assert error.status == 413
    assert error.to_body("messages")["error"]["type"] == "request_too_large"
    assert error.to_body("chat")["error"]["code"] == "request_too_large"


def test_unknown_api_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="unknown api"):
        kw.validate_request(CHAT, api="completions")


# -- the envelopes, judged by the official SDKs ---------------------------------------------------


def _openai_raises(status: int, body: dict[str, Any]) -> openai.APIStatusError:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    client = openai.OpenAI(
        api_key="k", base_url="http://test/v1", http_client=httpx.Client(transport=transport), max_retries=0
    )
    with pytest.raises(openai.APIStatusError) as caught:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    return caught.value


def _anthropic_raises(status: int, body: dict[str, Any]) -> anthropic.APIStatusError:
    # anthropic 2.x speaks httpx2 (a fork of httpx with the same MockTransport).
    transport = httpx2.MockTransport(lambda request: httpx2.Response(status, json=body))
    client = anthropic.Anthropic(
        api_key="k", base_url="http://test", http_client=httpx2.Client(transport=transport), max_retries=0
    )
    with pytest.raises(anthropic.APIStatusError) as caught:
        client.messages.create(model="m", max_tokens=1, messages=[{"role": "user", "content": "x"}])
    return caught.value


def test_openai_sdk_reads_our_envelope() -> None:
    error = refused(with_("chat", temperature=3), "chat")
    raised = _openai_raises(error.status, error.to_body("chat"))
    assert isinstance(raised, openai.BadRequestError)
    assert (raised.code, raised.param, raised.type) == (
        "decimal_above_max_value",
        "temperature",
        "invalid_request_error",
    )
    assert "Expected a value <= 2" in raised.message
    missing = refused(with_("chat", messages=[{"role": "user", "content": [{"text": "x"}]}]), "chat")
    raised = _openai_raises(400, missing.to_body("chat"))
    # The SDK unwraps the envelope: .body is the inner error object.
    assert isinstance(raised.body, dict)
    assert raised.body["message"] == "Missing required parameter: 'messages[0].content[0].type'."


def test_anthropic_sdk_reads_our_envelope() -> None:
    error = refused(with_("messages", max_tokens=0), "messages")
    raised = _anthropic_raises(error.status, error.to_body("messages"))
    assert isinstance(raised, anthropic.BadRequestError)
    assert isinstance(raised.body, dict) and raised.body["error"]["type"] == "invalid_request_error"
    assert raised.body["error"]["message"].startswith("max_tokens: ")
    too_large = kw.RequestError("too big", status=413, code="request_too_large")
    raised = _anthropic_raises(413, too_large.to_body("messages"))
    assert raised.status_code == 413 and raised.body["error"]["type"] == "request_too_large"  # type: ignore[index]


# -- strip_fields ----------------------------------------------------------------------------------


def test_strip_fields_removes_governance_fields_only() -> None:
    body = with_(
        "chat", metadata={"a": "b"}, litellm_metadata={"x": 1}, proxy_server_request={"y": 2}, user="u"
    )
    before = copy.deepcopy(body)
    stripped = kw.strip_fields(body)
    assert body == before  # the input is not modified
    assert stripped == {k: v for k, v in before.items() if k not in kw.GOVERNANCE_FIELDS}
    assert stripped["messages"] is body["messages"]  # nothing else is copied or rebuilt
    assert kw.GOVERNANCE_FIELDS == ("metadata", "litellm_metadata", "proxy_server_request")
    assert kw.strip_fields(json.dumps(body), fields=["user"]) == {
        k: v for k, v in before.items() if k != "user"
    }


# -- fuzz: only RequestError escapes, and the pointer is always real -------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _nodes(doc: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _nodes(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _nodes(value, (*path, index))
    return found


@given(st.data())
def test_mutated_recorded_requests_fail_only_with_request_error(data: st.DataObject) -> None:
    exchange = data.draw(st.sampled_from(OK))
    body = copy.deepcopy(exchange.request)
    path = data.draw(st.sampled_from(_nodes(body)[1:]))
    parent: Any = body
    for segment in path[:-1]:
        parent = parent[segment]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(json_values)
    try:
        kw.validate_request(body, api=exchange.api)
    except kw.RequestError as error:
        assert error.status == 400
        node: Any = body
        for token in pointer_tokens(error.pointer)[:-1]:
            node = node[int(token)] if isinstance(node, list) else node[token]
        envelope = error.to_body(exchange.api)
        assert json.loads(json.dumps(envelope)) == envelope


@given(
    st.binary(max_size=300) | json_values.map(json.dumps), st.sampled_from(["chat", "messages", "responses"])
)
def test_arbitrary_bodies_fail_only_with_request_error(raw: bytes | str, api: str) -> None:
    with contextlib.suppress(kw.RequestError):  # the only exception allowed out
        kw.validate_request(raw, api=api)
