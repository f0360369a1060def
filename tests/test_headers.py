"""kindo_wire.headers: client credentials (api_key), upstream auth, the Anthropic version and beta
headers, and the SDKs' own headers; forwarding and response headers: test_headers_forwarding.py."""

from __future__ import annotations

import json

import anthropic
import httpx
import httpx2
import openai
import pytest
from anthropic._constants import ANTHROPIC_API_VERSION
from hypothesis import given
from hypothesis import strategies as st

from kindo_wire.api import Api
from kindo_wire.errors import RequestError
from kindo_wire.headers import (
    DEFAULT_ANTHROPIC_VERSION,
    anthropic_betas,
    anthropic_version,
    api_key,
    forward_headers,
    response_headers,
    upstream_auth,
)

APIS = list(Api)
OPENAI_APIS = (Api.CHAT, Api.RESPONSES)


def auth_error(headers) -> RequestError:  # type: ignore[no-untyped-def]
    with pytest.raises(RequestError) as info:
        api_key(headers)
    err = info.value
    assert err.status == 401
    assert err.code == "invalid_api_key"
    assert err.pointer == ""
    return err


# ---------------------------------------------------------------------------------------------- api_key


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer sk-1"},
        {"authorization": "bearer sk-1"},
        {"AUTHORIZATION": "BEARER sk-1"},
        {"Authorization": "  Bearer    sk-1  "},
        {"Authorization": "Bearer\tsk-1"},
        {"x-api-key": "sk-1"},
        {"X-Api-Key": " sk-1 "},
        {"api-key": "sk-1"},
        {"Api-Key": "sk-1"},
        [("Authorization", "Bearer sk-1"), ("x-api-key", "sk-1"), ("api-key", "sk-1")],
        [("x-api-key", "sk-1"), ("X-API-KEY", "sk-1")],
    ],
)
def test_api_key_reads_every_credential_header(headers) -> None:  # type: ignore[no-untyped-def]
    assert api_key(headers) == "sk-1"


@pytest.mark.parametrize("headers", [{}, [], {"content-type": "application/json"}, [("x-app", "cli")]])
def test_api_key_absent_is_none(headers) -> None:  # type: ignore[no-untyped-def]
    assert api_key(headers) is None


@pytest.mark.parametrize(
    ("headers", "named"),
    [
        ({"Authorization": ""}, "Authorization"),
        ({"Authorization": "   "}, "Authorization"),
        ({"Authorization": "Bearer"}, "Authorization"),
        ({"Authorization": "Bearer   "}, "Authorization"),
        ({"x-api-key": ""}, "x-api-key"),
        ({"X-Api-Key": "  "}, "x-api-key"),
        ({"api-key": ""}, "api-key"),
    ],
)
def test_api_key_empty_value_is_401_naming_the_header(headers, named) -> None:  # type: ignore[no-untyped-def]
    err = auth_error(headers)
    assert named in err.message
    assert "empty" in err.message or "no API key" in err.message


@pytest.mark.parametrize(
    "value", ["Basic c2stMTpwdw==", "Token sk-secret-1", "sk-secret-1", "Bearer-sk-secret-1"]
)
def test_api_key_non_bearer_scheme_is_401(value) -> None:  # type: ignore[no-untyped-def]
    err = auth_error({"Authorization": value})
    assert "Authorization" in err.message
    assert "Bearer" in err.message
    assert "sk-secret-1" not in err.message
    assert "c2stMTpwdw" not in err.message


def test_api_key_bearer_token_with_inner_whitespace_is_401() -> None:
    err = auth_error({"Authorization": "Bearer sk-secret-1 sk-secret-2"})
    assert "Authorization" in err.message
    assert "sk-secret" not in err.message


@pytest.mark.parametrize(
    ("headers", "names"),
    [
        ({"Authorization": "Bearer sk-a", "x-api-key": "sk-b"}, ("Authorization", "x-api-key")),
        ({"x-api-key": "sk-a", "api-key": "sk-b"}, ("x-api-key", "api-key")),
        ([("api-key", "sk-a"), ("authorization", "Bearer sk-b")], ("api-key", "Authorization")),
        ([("x-api-key", "sk-a"), ("X-Api-Key", "sk-b")], ("x-api-key",)),
        ([("Authorization", "Bearer sk-a"), ("authorization", "Bearer sk-b")], ("Authorization",)),
    ],
)
def test_api_key_conflicting_keys_are_401_naming_the_headers(headers, names) -> None:  # type: ignore[no-untyped-def]
    err = auth_error(headers)
    for name in names:
        assert name in err.message
    assert "different" in err.message
    assert "sk-a" not in err.message and "sk-b" not in err.message


def test_api_key_reads_repeated_headers_from_httpx_headers() -> None:
    # httpx's items() would join the two copies into "sk-a, sk-b"; each copy must be judged alone.
    assert api_key(httpx.Headers([("x-api-key", "sk-a"), ("x-api-key", "sk-a")])) == "sk-a"
    err = auth_error(httpx.Headers([("x-api-key", "sk-a"), ("X-Api-Key", "sk-b")]))
    assert "different" in err.message


def test_auth_error_renders_in_both_envelopes() -> None:
    err = auth_error({"Authorization": "Basic xyz"})
    chat = err.to_body("chat")["error"]
    assert chat["code"] == "invalid_api_key"
    assert chat["param"] is None
    assert chat["message"] == err.message
    messages = err.to_body("messages")
    assert messages["type"] == "error"
    assert messages["error"]["type"] == "authentication_error"  # 401 in Anthropic's table
    assert messages["error"]["message"] == err.message


SECRET_KEY = st.from_regex(r"sk-[A-Za-z0-9]{12,24}", fullmatch=True)


@st.composite
def bad_credentials(draw: st.DrawFn) -> tuple[list[tuple[str, str]], list[str]]:
    k1 = draw(SECRET_KEY)
    k2 = draw(SECRET_KEY.filter(lambda k: k != k1))
    case = draw(st.sampled_from([str.lower, str.upper, str.title]))
    scenario = draw(st.integers(0, 6))
    headers = [
        [("Authorization", f"Bearer {k1}"), ("x-api-key", k2)],
        [("x-api-key", k1), ("X-API-KEY", k2)],
        [("authorization", f"Basic {k1}")],
        [("Authorization", k1)],
        [("authorization", f"Bearer {k1} {k2}")],
        [("api-key", k1), ("authorization", f"bearer {k2}")],
        [("x-api-key", k1), ("authorization", f"Bearer {k1}"), ("api-key", k2)],
    ][scenario]
    return [(case(name), value) for name, value in headers], [k1, k2]


@given(bad_credentials())
def test_every_auth_error_renders_to_every_envelope_without_the_key(case) -> None:  # type: ignore[no-untyped-def]
    headers, keys = case
    err = auth_error(headers)
    texts = [str(err), repr(err), err.message]
    texts += [json.dumps(err.to_body(api)) for api in ("chat", "messages", "responses")]
    assert err.to_body("chat")["error"]["code"] == "invalid_api_key"
    assert err.to_body("messages")["error"]["type"] == "authentication_error"
    for text in texts:
        for key in keys:
            assert key not in text


# ----------------------------------------------------------------------------------------- upstream_auth


def test_upstream_auth_per_api() -> None:
    assert upstream_auth("sk-up", api="chat") == {"authorization": "Bearer sk-up"}
    assert upstream_auth("sk-up", api=Api.RESPONSES) == {"authorization": "Bearer sk-up"}
    assert upstream_auth("sk-up", api="messages") == {"x-api-key": "sk-up"}


@pytest.mark.parametrize("api", APIS)
def test_upstream_auth_round_trips_through_api_key(api: Api) -> None:
    assert api_key(upstream_auth("sk-up", api=api)) == "sk-up"


@pytest.mark.parametrize("key", ["", "sk up", "sk-up\r\nx-evil: 1", "sk-\u00e9"])
def test_upstream_auth_rejects_unsendable_keys_without_echoing(key: str) -> None:
    with pytest.raises(ValueError) as info:
        upstream_auth(key, api="chat")
    assert not key or key not in str(info.value)


def test_unknown_api_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        upstream_auth("k", api="completions")
    with pytest.raises(ValueError):
        forward_headers({}, client="chat", upstream="bedrock")
    with pytest.raises(ValueError):
        response_headers({}, client="gemini", upstream="chat")


# ------------------------------------------------------------------------------- anthropic version / beta


def test_anthropic_version() -> None:
    assert DEFAULT_ANTHROPIC_VERSION == "2023-06-01"
    assert anthropic_version({}) == "2023-06-01"
    assert anthropic_version({"Anthropic-Version": "2026-10-21"}) == "2026-10-21"
    assert anthropic_version({"anthropic-version": "  "}) == "2023-06-01"
    assert anthropic_version({}, default="2024-01-01") == "2024-01-01"
    assert (
        anthropic_version([("anthropic-version", ""), ("ANTHROPIC-VERSION", " 2026-10-21 ")]) == "2026-10-21"
    )


def test_anthropic_betas() -> None:
    assert anthropic_betas({}) == ()
    assert anthropic_betas({"anthropic-beta": ""}) == ()
    assert anthropic_betas({"Anthropic-Beta": "files-api-2025-04-14"}) == ("files-api-2025-04-14",)
    headers = [
        ("anthropic-beta", " claude-code-20250219 ,, interleaved-thinking-2025-05-14,"),
        ("x-other", "ignored"),
        ("ANTHROPIC-BETA", "interleaved-thinking-2025-05-14, compact-2026-01-12 , claude-code-20250219"),
    ]
    assert anthropic_betas(headers) == (
        "claude-code-20250219",
        "interleaved-thinking-2025-05-14",
        "compact-2026-01-12",
    )


# ---------------------------------------------------------------------------- conformance with the SDKs

CHAT_COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 0,
    "model": "gpt-test",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
}
MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "claude-test",
    "content": [{"type": "text", "text": "hi"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 1, "output_tokens": 1},
}


@pytest.fixture
def clean_sdk_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OPENAI_CUSTOM_HEADERS",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "ANTHROPIC_CUSTOM_HEADERS",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("clean_sdk_env")
def test_openai_sdk_headers() -> None:
    captured: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(200, json=CHAT_COMPLETION)

    client = openai.OpenAI(
        api_key="k",
        organization="org-1",
        project="proj_1",
        base_url="http://test/v1",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    client.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hi"}])
    (request,) = captured
    headers = request.headers
    assert api_key(headers) == "k"
    # openai/_client.py auth_headers: {"Authorization": f"Bearer {api_key}"} -- what upstream_auth emits.
    assert upstream_auth("k", api="chat") == {"authorization": headers["authorization"]}
    same = forward_headers(headers, client="chat", upstream="chat", key="sk-gateway")
    assert same["authorization"] == "Bearer sk-gateway"
    assert same["openai-organization"] == "org-1"
    assert same["openai-project"] == "proj_1"
    assert same["content-type"] == "application/json"
    assert not any(name.startswith("x-stainless-") for name in same)
    assert "user-agent" not in same
    assert any(name.startswith("x-stainless-") for name in headers)  # the SDK did send them
    cross = forward_headers(headers, client="chat", upstream="messages", key="sk-gateway")
    assert cross == {
        "x-api-key": "sk-gateway",
        "anthropic-version": DEFAULT_ANTHROPIC_VERSION,
        "content-type": "application/json",
    }


@pytest.mark.usefixtures("clean_sdk_env")
def test_anthropic_sdk_headers() -> None:
    captured: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        captured.append(request)
        return httpx2.Response(200, json=MESSAGE)

    client = anthropic.Anthropic(
        api_key="k",
        base_url="http://test",
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
    )
    client.messages.create(
        model="claude-test",
        max_tokens=1,
        messages=[{"role": "user", "content": "hi"}],
        workspace_id="wrkspc_1",
        extra_headers={"anthropic-beta": "files-api-2025-04-14"},
    )
    (request,) = captured
    headers = request.headers
    # SDK 2.12.0 sends the API key as `Authorization: Bearer` (anthropic/_client.py _api_key_auth).
    assert api_key(headers) == "k"
    same = forward_headers(headers, client="messages", upstream="messages", key="sk-gateway")
    assert same["anthropic-version"] == ANTHROPIC_API_VERSION == headers["anthropic-version"]
    assert same["anthropic-beta"] == "files-api-2025-04-14"
    assert same["anthropic-workspace-id"] == "wrkspc_1"
    assert same["x-api-key"] == "sk-gateway"
    assert "authorization" not in same
    assert not any(name.startswith("x-stainless-") for name in same)
    for upstream in OPENAI_APIS:
        cross = forward_headers(headers, client="messages", upstream=upstream, key="sk-gateway")
        assert cross == {"authorization": "Bearer sk-gateway", "content-type": "application/json"}
