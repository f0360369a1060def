"""kindo_wire.headers: the forwarding allow-list (forward_headers) and the response header
mapping (response_headers), in every client/upstream pair, on examples and generated headers."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindo_wire.api import Api
from kindo_wire.headers import (
    ANTHROPIC_HEADERS,
    CREDENTIAL_HEADERS,
    CROSS_VENDOR_HEADERS,
    DEFAULT_ANTHROPIC_VERSION,
    FORWARDED_HEADERS,
    HOP_BY_HOP_HEADERS,
    OPENAI_HEADERS,
    OPENAI_SAME_API_HEADERS,
    forward_headers,
    response_headers,
    upstream_auth,
)
from tests.test_headers import APIS, OPENAI_APIS

PAIRS = [(c, u) for c in APIS for u in APIS]


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
