"""kindo_wire.headers: client credentials, the forwarding allow-list, and response header mapping."""

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
    ANTHROPIC_HEADERS,
    CREDENTIAL_HEADERS,
    CROSS_VENDOR_HEADERS,
    DEFAULT_ANTHROPIC_VERSION,
    FORWARDED_HEADERS,
    HOP_BY_HOP_HEADERS,
    OPENAI_HEADERS,
    OPENAI_SAME_API_HEADERS,
    anthropic_betas,
    anthropic_version,
    api_key,
    forward_headers,
    response_headers,
    upstream_auth,
)

APIS = list(Api)
OPENAI_APIS = (Api.CHAT, Api.RESPONSES)
PAIRS = [(c, u) for c in APIS for u in APIS]


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


# --------------------------------------------------------------------------------------- forward_headers

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"

# What Claude Code, the SDKs, Codex and curl send, plus every hop-by-hop header, in mixed case.
KITCHEN_SINK = [
    ("Host", "gateway.example"),
    ("Content-Length", "123"),
    ("Connection", "keep-alive"),
    ("Transfer-Encoding", "chunked"),
    ("Keep-Alive", "timeout=5"),
    ("Upgrade", "h2c"),
    ("TE", "trailers"),
    ("Trailer", "x-checksum"),
    ("Proxy-Authorization", "Basic cHJveHk6cHc="),
    ("Proxy-Connection", "keep-alive"),
    ("Accept-Encoding", "gzip, br"),
    ("Authorization", "Bearer sk-client"),
    ("X-Api-Key", "sk-client"),
    ("api-key", "sk-client"),
    ("User-Agent", "claude-cli/2.1.69 (external, cli)"),
    ("X-Stainless-Lang", "js"),
    ("X-Stainless-Retry-Count", "0"),
    ("x-app", "cli"),
    ("anthropic-dangerous-direct-browser-access", "true"),
    ("anthropic-version", "2026-10-21"),
    ("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14"),
    ("Anthropic-Beta", "claude-code-20250219, compact-2026-01-12"),
    ("anthropic-workspace-id", "wrkspc_1"),
    ("anthropic-user-profile-id", "uprof_1"),
    ("OpenAI-Organization", "org-1"),
    ("OpenAI-Project", "proj_1"),
    ("OpenAI-Beta", "responses=experimental"),
    ("originator", "codex_cli_rs"),
    ("session_id", "sess-codex"),
    ("x-openai-subagent", "review"),
    ("chatgpt-account-id", "acct-1"),
    ("version", "0.50.0"),
    ("traceparent", TRACEPARENT),
    ("tracestate", "vendor=1"),
    ("x-client-request-id", "creq-1"),
    ("X-Claude-Code-Session-Id", "cc-sess-1"),
    ("x-request-id", "client-rid"),
    ("Content-Type", "application/json; charset=utf-8"),
    ("Accept", "text/event-stream"),
    ("Cookie", "a=b"),
]

CROSS = {
    "traceparent": TRACEPARENT,
    "tracestate": "vendor=1",
    "x-client-request-id": "creq-1",
    "x-claude-code-session-id": "cc-sess-1",
    "session_id": "sess-codex",
    "content-type": "application/json",
}
OPENAI_VENDOR = {
    "openai-organization": "org-1",
    "openai-project": "proj_1",
    "originator": "codex_cli_rs",
    "x-openai-subagent": "review",
}
EXPECTED = {
    (Api.CHAT, Api.CHAT): {**CROSS, **OPENAI_VENDOR, "openai-beta": "responses=experimental"},
    (Api.CHAT, Api.RESPONSES): {**CROSS, **OPENAI_VENDOR},
    (Api.RESPONSES, Api.CHAT): {**CROSS, **OPENAI_VENDOR},
    (Api.RESPONSES, Api.RESPONSES): {**CROSS, **OPENAI_VENDOR, "openai-beta": "responses=experimental"},
    # An OpenAI-shaped client's anthropic-* headers are not its own: default version, no betas.
    (Api.CHAT, Api.MESSAGES): {**CROSS, "anthropic-version": "2023-06-01"},
    (Api.RESPONSES, Api.MESSAGES): {**CROSS, "anthropic-version": "2023-06-01"},
    (Api.MESSAGES, Api.MESSAGES): {
        **CROSS,
        "anthropic-workspace-id": "wrkspc_1",
        "anthropic-user-profile-id": "uprof_1",
        "anthropic-version": "2026-10-21",
        "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14,compact-2026-01-12",
    },
    (Api.MESSAGES, Api.CHAT): CROSS,
    (Api.MESSAGES, Api.RESPONSES): CROSS,
}


def test_forwarded_headers_table_covers_all_nine_pairs() -> None:
    assert set(FORWARDED_HEADERS) == set(PAIRS)
    assert set(EXPECTED) == set(PAIRS)


@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=str)
def test_forward_headers_every_pair(client: Api, upstream: Api) -> None:
    assert forward_headers(KITCHEN_SINK, client=client, upstream=upstream) == EXPECTED[(client, upstream)]
    # String API names work the same, and a key adds exactly the upstream's own credential header.
    keyed = forward_headers(KITCHEN_SINK, client=client.value, upstream=upstream.value, key="sk-gateway")
    assert keyed == {**EXPECTED[(client, upstream)], **upstream_auth("sk-gateway", api=upstream)}
    assert "sk-client" not in json.dumps(keyed)


@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=str)
def test_forward_headers_table_invariants(client: Api, upstream: Api) -> None:
    allowed = FORWARDED_HEADERS[(client, upstream)]
    assert allowed >= CROSS_VENDOR_HEADERS
    assert not allowed & CREDENTIAL_HEADERS
    assert not allowed & HOP_BY_HOP_HEADERS
    assert not any(name.startswith("proxy-") for name in allowed)
    assert not allowed & {"user-agent", "content-type", "anthropic-version", "anthropic-beta"}
    assert not any(name.startswith("x-stainless-") for name in allowed)
    # Vendor headers only from a client of that vendor to an upstream of that vendor.
    assert bool(allowed & ANTHROPIC_HEADERS) == (client is Api.MESSAGES and upstream is Api.MESSAGES)
    assert bool(allowed & OPENAI_HEADERS) == (client in OPENAI_APIS and upstream in OPENAI_APIS)
    assert bool(allowed & OPENAI_SAME_API_HEADERS) == (client is upstream and client in OPENAI_APIS)


def test_forward_headers_accepts_a_mapping() -> None:
    out = forward_headers(
        {"TraceParent": TRACEPARENT, "AUTHORIZATION": "Bearer sk-c"}, client="chat", upstream="chat"
    )
    assert out == {"traceparent": TRACEPARENT, "content-type": "application/json"}


def test_forward_headers_joins_repeated_allowed_headers() -> None:
    out = forward_headers(
        [("tracestate", "a=1"), ("TraceState", "b=2"), ("tracestate", "")], client="chat", upstream="messages"
    )
    assert out["tracestate"] == "a=1, b=2"


def test_forward_headers_drops_headers_nominated_by_connection() -> None:
    headers = [("Connection", "close, TraceParent"), ("traceparent", TRACEPARENT), ("tracestate", "a=1")]
    out = forward_headers(headers, client="chat", upstream="chat")
    assert "traceparent" not in out
    assert out["tracestate"] == "a=1"


def test_forward_headers_drops_values_that_would_split_a_header_line() -> None:
    headers = [("x-client-request-id", "a\r\nx-api-key: sk-evil"), ("anthropic-beta", "ok-1,bad\n-2")]
    out = forward_headers(headers, client="messages", upstream="messages")
    assert "x-client-request-id" not in out
    assert out["anthropic-beta"] == "ok-1"


def test_forward_headers_anthropic_version_and_beta_rules() -> None:
    # A Messages client without either header: the default version and no anthropic-beta at all.
    bare = forward_headers({}, client="messages", upstream="messages")
    assert bare == {"anthropic-version": "2023-06-01", "content-type": "application/json"}
    # A Messages client's version and betas pass to a Messages upstream, never to an OpenAI one.
    sent = {"anthropic-version": "2024-10-22", "anthropic-beta": "files-api-2025-04-14"}
    same = forward_headers(sent, client="messages", upstream="messages")
    assert same["anthropic-version"] == "2024-10-22"
    assert same["anthropic-beta"] == "files-api-2025-04-14"
    for upstream in OPENAI_APIS:
        out = forward_headers(sent, client="messages", upstream=upstream)
        assert not any(name.startswith("anthropic-") for name in out)
    # An OpenAI client's stray anthropic-* headers are ignored: default version, no betas.
    for client in OPENAI_APIS:
        out = forward_headers(sent, client=client, upstream="messages")
        assert out["anthropic-version"] == DEFAULT_ANTHROPIC_VERSION
        assert "anthropic-beta" not in out


def test_forward_headers_with_no_input_is_just_content_type_and_auth() -> None:
    assert forward_headers([], client="chat", upstream="responses") == {"content-type": "application/json"}
    assert forward_headers([], client="responses", upstream="messages", key="sk-g") == {
        "x-api-key": "sk-g",
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }


INTERESTING_NAMES = sorted(
    CREDENTIAL_HEADERS
    | HOP_BY_HOP_HEADERS
    | CROSS_VENDOR_HEADERS
    | OPENAI_HEADERS
    | OPENAI_SAME_API_HEADERS
    | ANTHROPIC_HEADERS
    | {
        "proxy-authorization",
        "proxy-connection",
        "proxy-foo",
        "user-agent",
        "x-stainless-os",
        "anthropic-version",
        "anthropic-beta",
        "content-type",
        "x-request-id",
        "chatgpt-account-id",
        "cookie",
    }
)
HEADER_NAME = st.one_of(
    st.sampled_from(INTERESTING_NAMES), st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,15}", fullmatch=True)
).flatmap(lambda n: st.sampled_from([n, n.upper(), n.title()]))
# Lowercase-only plain values, so an uppercase SECRET marker can only come from a credential header.
PLAIN_VALUE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ,;=-_./", max_size=20)
SECRET_VALUE = st.from_regex(r"(Bearer )?SECRET[0-9]{1,4}", fullmatch=True)


@st.composite
def client_headers(draw: st.DrawFn) -> list[tuple[str, str]]:
    pairs = []
    for name in draw(st.lists(HEADER_NAME, max_size=25)):
        secret = name.lower() in CREDENTIAL_HEADERS or name.lower().startswith("proxy-")
        pairs.append((name, draw(SECRET_VALUE if secret else PLAIN_VALUE)))
    return pairs


@given(
    client_headers(),
    st.sampled_from(APIS),
    st.sampled_from(APIS),
    st.none() | st.from_regex(r"gw-[a-z0-9]{4,10}", fullmatch=True),
)
def test_forward_headers_never_passes_credentials_or_hop_by_hop(headers, client, upstream, key) -> None:  # type: ignore[no-untyped-def]
    out = forward_headers(headers, client=client, upstream=upstream, key=key)
    own_auth = upstream_auth(key, api=upstream) if key else {}
    for name, value in out.items():
        assert name == name.lower()
        assert name not in HOP_BY_HOP_HEADERS
        assert not name.startswith(("proxy-", "x-stainless-"))
        assert "SECRET" not in value
        if name in CREDENTIAL_HEADERS:
            assert own_auth.get(name) == value
        assert (
            name in FORWARDED_HEADERS[(client, upstream)]
            or name in own_auth
            or name in {"content-type", "anthropic-version", "anthropic-beta"}
        )
    assert out["content-type"] == "application/json"
    if upstream is Api.MESSAGES:
        assert "anthropic-version" in out
        assert not any(n.startswith("openai-") or n in OPENAI_HEADERS for n in out)
    else:
        assert not any(n.startswith("anthropic-") for n in out)
    if client is not Api.MESSAGES:
        assert not any(n in ANTHROPIC_HEADERS or n == "anthropic-beta" for n in out)


# -------------------------------------------------------------------------------------- response_headers

ANTHROPIC_RESPONSE = [
    ("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy"),
    ("retry-after", "5"),
    ("anthropic-ratelimit-requests-limit", "1000"),
    ("anthropic-ratelimit-requests-remaining", "998"),
    ("anthropic-ratelimit-requests-reset", "2025-01-01T00:01:00Z"),
    ("anthropic-ratelimit-tokens-limit", "80000"),
    ("anthropic-ratelimit-tokens-remaining", "79000"),
    ("anthropic-ratelimit-tokens-reset", "2025-01-01T00:01:00Z"),
    ("anthropic-ratelimit-input-tokens-limit", "40000"),
    ("anthropic-ratelimit-output-tokens-remaining", "8000"),
    ("Content-Type", "application/json"),
    ("Content-Length", "512"),
    ("Connection", "keep-alive"),
    ("Set-Cookie", "__cf_bm=abc"),
    ("cf-ray", "8f-SJC"),
    ("anthropic-organization-id", "org-uuid"),
]
OPENAI_RESPONSE = [
    ("x-request-id", "req_abc123"),
    ("retry-after-ms", "1500"),
    ("retry-after", "2"),
    ("x-ratelimit-limit-requests", "5000"),
    ("x-ratelimit-remaining-requests", "4999"),
    ("x-ratelimit-reset-requests", "12ms"),
    ("x-ratelimit-limit-tokens", "160000"),
    ("x-ratelimit-remaining-tokens", "159976"),
    ("x-ratelimit-reset-tokens", "6m0s"),
    ("x-ratelimit-limit-tokens_usage_based", "160000"),
    ("openai-organization", "org-1"),
    ("openai-processing-ms", "321"),
    ("openai-version", "2020-10-01"),
    ("Transfer-Encoding", "chunked"),
    ("Set-Cookie", "_cfuvid=xyz"),
]


def test_response_headers_anthropic_to_messages_client_is_verbatim() -> None:
    assert response_headers(ANTHROPIC_RESPONSE, client="messages", upstream="messages") == {
        "request-id": "req_011CSHoEeqs5C35K2UUqR7Fy",
        "retry-after": "5",
        "anthropic-ratelimit-requests-limit": "1000",
        "anthropic-ratelimit-requests-remaining": "998",
        "anthropic-ratelimit-requests-reset": "2025-01-01T00:01:00Z",
        "anthropic-ratelimit-tokens-limit": "80000",
        "anthropic-ratelimit-tokens-remaining": "79000",
        "anthropic-ratelimit-tokens-reset": "2025-01-01T00:01:00Z",
        "anthropic-ratelimit-input-tokens-limit": "40000",
        "anthropic-ratelimit-output-tokens-remaining": "8000",
    }


@pytest.mark.parametrize("client", OPENAI_APIS)
def test_response_headers_anthropic_to_openai_client_maps_counts_only(client: Api) -> None:
    # Resets stay behind: an RFC 3339 instant cannot become OpenAI's "6m0s" duration without a clock.
    assert response_headers(ANTHROPIC_RESPONSE, client=client, upstream="messages") == {
        "x-request-id": "req_011CSHoEeqs5C35K2UUqR7Fy",
        "retry-after": "5",
        "x-ratelimit-limit-requests": "1000",
        "x-ratelimit-remaining-requests": "998",
        "x-ratelimit-limit-tokens": "80000",
        "x-ratelimit-remaining-tokens": "79000",
    }


@pytest.mark.parametrize(("client", "upstream"), [(c, u) for c in OPENAI_APIS for u in OPENAI_APIS])
def test_response_headers_openai_to_openai_client_is_verbatim(client: Api, upstream: Api) -> None:
    assert response_headers(OPENAI_RESPONSE, client=client, upstream=upstream) == {
        "x-request-id": "req_abc123",
        "retry-after-ms": "1500",
        "retry-after": "2",
        "x-ratelimit-limit-requests": "5000",
        "x-ratelimit-remaining-requests": "4999",
        "x-ratelimit-reset-requests": "12ms",
        "x-ratelimit-limit-tokens": "160000",
        "x-ratelimit-remaining-tokens": "159976",
        "x-ratelimit-reset-tokens": "6m0s",
        "x-ratelimit-limit-tokens_usage_based": "160000",
    }


@pytest.mark.parametrize("upstream", OPENAI_APIS)
def test_response_headers_openai_to_messages_client_maps_counts_only(upstream: Api) -> None:
    assert response_headers(OPENAI_RESPONSE, client="messages", upstream=upstream) == {
        "request-id": "req_abc123",
        "retry-after-ms": "1500",
        "retry-after": "2",
        "anthropic-ratelimit-requests-limit": "5000",
        "anthropic-ratelimit-requests-remaining": "4999",
        "anthropic-ratelimit-tokens-limit": "160000",
        "anthropic-ratelimit-tokens-remaining": "159976",
    }


def test_response_headers_request_id_fallback_and_repeats() -> None:
    # An OpenAI-compatible server that names its id the Anthropic way still has it propagated.
    assert response_headers({"Request-Id": "r-1"}, client="messages", upstream="chat") == {
        "request-id": "r-1"
    }
    # The upstream's own header name wins over the other one; the first non-empty copy wins.
    both = [("x-request-id", ""), ("request-id", "anthropic-style"), ("X-Request-Id", "openai-style")]
    assert response_headers(both, client="chat", upstream="responses") == {"x-request-id": "openai-style"}
    assert response_headers(both, client="chat", upstream="messages") == {"x-request-id": "anthropic-style"}
    assert response_headers({}, client="chat", upstream="messages") == {}


RESPONSE_NAMES = [name for name, _ in ANTHROPIC_RESPONSE + OPENAI_RESPONSE] + ["keep-alive", "proxy-x"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(RESPONSE_NAMES).flatmap(lambda n: st.sampled_from([n, n.upper()])),
            PLAIN_VALUE,
        ),
        max_size=20,
    ),
    st.sampled_from(APIS),
    st.sampled_from(APIS),
)
def test_response_headers_only_ever_returns_the_documented_set(headers, client, upstream) -> None:  # type: ignore[no-untyped-def]
    out = response_headers(headers, client=client, upstream=upstream)
    prefix = "anthropic-ratelimit-" if client is Api.MESSAGES else "x-ratelimit-"
    request_id = "request-id" if client is Api.MESSAGES else "x-request-id"
    for name, value in out.items():
        assert value
        assert name in {request_id, "retry-after", "retry-after-ms"} or name.startswith(prefix)
        if name.startswith(prefix) and client is not upstream and Api.MESSAGES in (client, upstream):
            assert "-reset" not in name


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
