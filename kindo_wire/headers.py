"""HTTP headers a gateway reads from its client and writes to its upstream, as pure functions.

Inputs are any ``Mapping[str, str]`` or an iterable of ``(name, value)`` pairs (so a header may be
repeated); objects with ``multi_items()`` (httpx/httpx2 ``Headers``) are read pair by pair, not through
their comma-joined ``items()``. Names are case-insensitive, values are trimmed of surrounding
whitespace (RFC 9110 §5.5), and every output is a plain ``dict[str, str]`` with lowercase names.

The rules:

* **Credentials.** ``api_key`` accepts the client's key from ``Authorization: Bearer``, Anthropic's
  ``x-api-key`` or the bare Azure-style ``api-key``; conflicting, empty or non-Bearer values are a 401
  ``RequestError`` that names the header but never echoes the key. The client's credential headers
  are never forwarded: the gateway adds its own with ``upstream_auth``.
* **Allow-list, not deny-list.** ``forward_headers`` passes only the client headers listed in
  ``FORWARDED_HEADERS`` for the (client API, upstream API) pair. Headers a vendor defines go only to
  that vendor's upstream, and only from a client that speaks that vendor's API; beta opt-ins
  (``openai-beta``) only between identical APIs, since a flag names a feature of the client's API.
  Trace and session ids cross freely. Hop-by-hop and framing headers never pass, nor any header the
  client's ``Connection`` header nominates (RFC 9110 §7.6.1).
* **Anthropic upstreams** always get ``anthropic-version`` (the client's when the client speaks
  Messages, else ``DEFAULT_ANTHROPIC_VERSION``) and, from a Messages client that sent any, its
  ``anthropic-beta`` flags; an OpenAI-shaped client has no betas to send.
* **Telemetry stays on its hop.** ``user-agent`` and the Stainless SDK ``x-stainless-*`` headers
  describe the client's software, its retry count and its timeout on the client->gateway hop; the
  gateway's own HTTP client sends its own, so they are not forwarded.
* **Responses.** ``response_headers`` returns the upstream request id under the client's name
  (``request-id`` for Anthropic, ``x-request-id`` for OpenAI, WIRE.md §4.3), ``retry-after`` and
  ``retry-after-ms`` verbatim, same-vendor rate-limit headers verbatim and cross-vendor only those
  with an exact counterpart. Resets are not mapped across vendors: Anthropic gives an RFC 3339
  instant, OpenAI a duration ("6m0s"), and converting one to the other needs a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from .api import Api, as_api
from .errors import RequestError

HeadersLike: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]]

# The documented long-standing Anthropic API version (docs' curl examples; WIRE.md §2.1). The SDK
# 2.12.0 sends a newer one, which a Messages client's own header carries through.
DEFAULT_ANTHROPIC_VERSION = "2023-06-01"

# Which vendor defines each API's headers (WIRE.md §0.2).
VENDORS: dict[Api, str] = {Api.CHAT: "openai", Api.RESPONSES: "openai", Api.MESSAGES: "anthropic"}

# The client credential headers. `authorization` (OpenAI, and Anthropic SDK 2.12.0 which sends
# `Authorization: Bearer`, SDK-rt anthropic/_client.py), `x-api-key` (Anthropic docs), `api-key`
# (Azure OpenAI's key header, still sent by Azure-era clients).
CREDENTIAL_HEADERS = frozenset({"authorization", "x-api-key", "api-key"})

# Hop-by-hop and framing headers (RFC 9110 §7.6.1 Connection, RFC 9112 §6/§7 framing, RFC 9110 §7.2
# Host) plus `accept-encoding`: the gateway's HTTP client negotiates its own compression. Any
# `proxy-*` header (Proxy-Authorization, Proxy-Connection) is hop-by-hop too.
HOP_BY_HOP_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "connection",
        "transfer-encoding",
        "keep-alive",
        "upgrade",
        "te",
        "trailer",
        "accept-encoding",
    }
)
HOP_BY_HOP_PREFIXES = ("proxy-",)

# Ids that may cross to any upstream: they carry no credential and mean the same to everyone.
# - traceparent, tracestate: W3C Trace Context (w3.org/TR/trace-context), made for intermediaries to
#   propagate; public Codex proxies list both among the headers Codex sends.
# - x-client-request-id: a client-chosen per-request id; Claude Code sends a fresh UUID per request
#   (griffinmartin/opencode-claude-auth#109); Codex proxies list it too.
# - x-claude-code-session-id: Claude Code's per-session UUID, sent since v2.1.86 (code.claude.com
#   llm-gateway-protocol: gateways may consume it for routing/attribution).
# - session_id, session-id: Codex CLI's conversation id (openai/codex codex-rs/codex-api
#   requests/headers.rs sends `session_id`; newer builds `session-id`, KarpelesLab/teamclaude#352).
# Not x-request-id: that is OpenAI's *response* header name and proxies (Envoy, nginx) mint their
# own per hop; a client's own request id belongs in x-client-request-id.
CROSS_VENDOR_HEADERS = frozenset(
    {
        "traceparent",
        "tracestate",
        "x-client-request-id",
        "x-claude-code-session-id",
        "session_id",
        "session-id",
    }
)

# OpenAI-defined headers, forwarded only between OpenAI APIs.
# - openai-organization, openai-project: select the billed organization/project (OpenAI API reference
#   "Authentication"; openai-python _client.py default_headers).
# - originator: Codex's client id (`codex_cli_rs`, openai/codex codex-rs/core/src/default_client.rs).
# - x-openai-subagent: Codex marks review/compact sub-agent requests (codex-api requests/headers.rs).
# Not chatgpt-account-id: it pairs with a ChatGPT OAuth token, a credential the gateway replaces.
# Not version, x-codex-*: Codex telemetry and ChatGPT-backend state, not public API contract.
OPENAI_HEADERS = frozenset({"openai-organization", "openai-project", "originator", "x-openai-subagent"})

# OpenAI beta opt-ins (`OpenAI-Beta: assistants=v2`, Codex's `responses=experimental`): a flag names
# a feature of the API the client speaks, so it passes only between identical APIs.
OPENAI_SAME_API_HEADERS = frozenset({"openai-beta"})

# Anthropic-defined headers, forwarded only Messages -> Messages (anthropic-version/-beta have their
# own rule in forward_headers, code.claude.com llm-gateway-protocol: "forward unchanged").
# - anthropic-workspace-id: selects the Workspace (SDK `workspace_id`); gateways fronting the Claude
#   Platform on AWS must forward it (llm-gateway-protocol).
# - anthropic-user-profile-id: attributes the request to a user profile (SDK `user_profile_id`,
#   anthropic/types/user_profile.py).
# Not anthropic-dangerous-direct-browser-access: it only relaxes the CORS check for browser callers;
# the gateway's upstream request is server-to-server and forwards no Origin.
# Not x-app (Claude Code's `cli`): client telemetry, like user-agent.
ANTHROPIC_HEADERS = frozenset({"anthropic-workspace-id", "anthropic-user-profile-id"})

# The client headers forward_headers passes, per (client API, upstream API).
FORWARDED_HEADERS: dict[tuple[Api, Api], frozenset[str]] = {
    (Api.CHAT, Api.CHAT): CROSS_VENDOR_HEADERS | OPENAI_HEADERS | OPENAI_SAME_API_HEADERS,
    (Api.CHAT, Api.RESPONSES): CROSS_VENDOR_HEADERS | OPENAI_HEADERS,
    (Api.CHAT, Api.MESSAGES): CROSS_VENDOR_HEADERS,
    (Api.RESPONSES, Api.CHAT): CROSS_VENDOR_HEADERS | OPENAI_HEADERS,
    (Api.RESPONSES, Api.RESPONSES): CROSS_VENDOR_HEADERS | OPENAI_HEADERS | OPENAI_SAME_API_HEADERS,
    (Api.RESPONSES, Api.MESSAGES): CROSS_VENDOR_HEADERS,
    (Api.MESSAGES, Api.CHAT): CROSS_VENDOR_HEADERS,
    (Api.MESSAGES, Api.RESPONSES): CROSS_VENDOR_HEADERS,
    (Api.MESSAGES, Api.MESSAGES): CROSS_VENDOR_HEADERS | ANTHROPIC_HEADERS,
}

# The response header carrying the upstream's request id (WIRE.md §0.2: SDK-rt openai/_exceptions.py,
# anthropic/_exceptions.py).
REQUEST_ID_HEADERS: dict[Api, str] = {
    Api.CHAT: "x-request-id",
    Api.RESPONSES: "x-request-id",
    Api.MESSAGES: "request-id",
}

# Retry hints both SDKs read, `retry-after-ms` first (SDK-rt openai/_base_client.py and
# anthropic/_base_client.py `_parse_retry_after_header`).
RETRY_AFTER_HEADERS = ("retry-after-ms", "retry-after")

# Rate-limit header families, passed verbatim between same-vendor APIs. OpenAI "Rate limits" guide
# (x-ratelimit-{limit,remaining,reset}-{requests,tokens}); Anthropic "Rate limits" page
# (anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}).
RATE_LIMIT_PREFIXES: dict[str, str] = {"openai": "x-ratelimit-", "anthropic": "anthropic-ratelimit-"}

# Cross-vendor rate-limit counterparts: counts are plain integers on both sides, so they map exactly.
# Anthropic's tokens-* (its overall token limit, Anthropic "Rate limits") pairs with OpenAI's
# tokens-*; its input-/output-tokens-* have no OpenAI counterpart and are dropped. Resets are not
# mapped (RFC 3339 instant vs "6m0s" duration). Anthropic's own OpenAI compatibility layer likewise
# answers with x-ratelimit-* headers (WIRE.md §4.3, [D:compat]).
ANTHROPIC_TO_OPENAI_RATE_LIMITS: dict[str, str] = {
    "anthropic-ratelimit-requests-limit": "x-ratelimit-limit-requests",
    "anthropic-ratelimit-requests-remaining": "x-ratelimit-remaining-requests",
    "anthropic-ratelimit-tokens-limit": "x-ratelimit-limit-tokens",
    "anthropic-ratelimit-tokens-remaining": "x-ratelimit-remaining-tokens",
}
# The same pairs read the other way.
OPENAI_TO_ANTHROPIC_RATE_LIMITS: dict[str, str] = {v: k for k, v in ANTHROPIC_TO_OPENAI_RATE_LIMITS.items()}

_CONTENT_TYPE = {"content-type": "application/json"}


def _pairs(headers: HeadersLike) -> list[tuple[str, str]]:
    """Every (lowercase name, trimmed value) pair, repeats kept, in input order."""
    multi_items = getattr(headers, "multi_items", None)
    items: Iterable[Any]
    if callable(multi_items):
        items = multi_items()
    elif isinstance(headers, Mapping):
        items = headers.items()
    else:
        items = headers
    return [(str(name).strip().lower(), str(value).strip()) for name, value in items]


def _values(pairs: list[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in pairs if key == name]


def _safe(value: str) -> bool:
    """False for values that would split or truncate a header line (CR, LF, NUL)."""
    return not any(c in value for c in "\r\n\0")


def _visible_ascii(token: str) -> bool:
    return all("\x21" <= c <= "\x7e" for c in token)


def _auth_error(message: str) -> RequestError:
    return RequestError(message, pointer="", status=401, code="invalid_api_key")


def _bearer_token(value: str) -> str:
    if not value:
        raise _auth_error("The Authorization header is empty.")
    scheme, *rest = value.split(None, 1)
    if scheme.lower() != "bearer":
        raise _auth_error("The Authorization header must be 'Bearer <key>'.")
    token = rest[0].strip() if rest else ""
    if not token:
        raise _auth_error("The Authorization header has no API key after 'Bearer'.")
    return _checked(token, "Authorization")


def _checked(key: str, header: str) -> str:
    if not _visible_ascii(key):
        raise _auth_error(f"The API key in the {header} header has whitespace or non-printable characters.")
    return key


def api_key(headers: HeadersLike) -> str | None:
    """The client's API key, from ``Authorization: Bearer``, ``x-api-key`` or ``api-key``; None if absent.

    Raises a 401 ``RequestError`` (code ``invalid_api_key``) if a value is empty, ``Authorization``
    uses another scheme, or two credential headers (or two copies of one) carry different keys.
    """
    found: list[tuple[str, str]] = []
    for name, value in _pairs(headers):
        if name == "authorization":
            found.append(("Authorization", _bearer_token(value)))
        elif name in ("x-api-key", "api-key"):
            if not value:
                raise _auth_error(f"The {name} header is empty.")
            found.append((name, _checked(value, name)))
    if not found:
        return None
    first_header, key = found[0]
    for header, other in found[1:]:
        if other != key:
            if header == first_header:
                raise _auth_error(f"The {header} header is repeated with different API keys.")
            raise _auth_error(f"The {first_header} and {header} headers carry different API keys.")
    return key


def upstream_auth(key: str, *, api: Api | str) -> dict[str, str]:
    """The credential header for an upstream of ``api``: ``x-api-key`` for Messages, else Bearer."""
    if not key or not _visible_ascii(key):
        raise ValueError("upstream key must be non-empty visible ASCII (no whitespace or control characters)")
    if as_api(api) is Api.MESSAGES:
        return {"x-api-key": key}
    return {"authorization": f"Bearer {key}"}


def anthropic_version(headers: HeadersLike, *, default: str = DEFAULT_ANTHROPIC_VERSION) -> str:
    """The client's ``anthropic-version`` (the first non-empty one), else ``default``."""
    for value in _values(_pairs(headers), "anthropic-version"):
        if value:
            return value
    return default


def anthropic_betas(headers: HeadersLike) -> tuple[str, ...]:
    """The ``anthropic-beta`` flags across all copies of the header: split on ",", trimmed, empty
    entries dropped, de-duplicated keeping first-seen order."""
    flags: dict[str, None] = {}
    for value in _values(_pairs(headers), "anthropic-beta"):
        for raw in value.split(","):
            flag = raw.strip()
            if flag:
                flags.setdefault(flag, None)
    return tuple(flags)


def _hop_by_hop(name: str, nominated: frozenset[str]) -> bool:
    return name in HOP_BY_HOP_HEADERS or name.startswith(HOP_BY_HOP_PREFIXES) or name in nominated


def forward_headers(
    headers: HeadersLike,
    *,
    client: Api | str,
    upstream: Api | str,
    key: str | None = None,
) -> dict[str, str]:
    """The headers to send upstream for a ``client``-API request forwarded to an ``upstream``-API server.

    The allow-listed client headers (repeats joined with ", ", RFC 9110 §5.3), then
    ``upstream_auth(key)`` if ``key`` is given, then for a Messages upstream ``anthropic-version``
    and any ``anthropic-beta``, then ``content-type: application/json``.
    """
    source, target = as_api(client), as_api(upstream)
    allowed = FORWARDED_HEADERS[(source, target)]
    pairs = _pairs(headers)
    nominated = frozenset(
        token.strip().lower() for value in _values(pairs, "connection") for token in value.split(",")
    )
    out: dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed or _hop_by_hop(name, nominated) or not value or not _safe(value):
            continue
        out[name] = f"{out[name]}, {value}" if name in out else value
    if key is not None:
        out.update(upstream_auth(key, api=target))
    if target is Api.MESSAGES:
        if source is Api.MESSAGES:
            version = anthropic_version(pairs)
            out["anthropic-version"] = version if _safe(version) else DEFAULT_ANTHROPIC_VERSION
            betas = [flag for flag in anthropic_betas(pairs) if _safe(flag)]
            if betas:
                out["anthropic-beta"] = ",".join(betas)
        else:
            out["anthropic-version"] = DEFAULT_ANTHROPIC_VERSION
    out.update(_CONTENT_TYPE)
    return out


def response_headers(headers: HeadersLike, *, client: Api | str, upstream: Api | str) -> dict[str, str]:
    """The upstream response headers to pass back to a ``client``-API client.

    The request id under the client's header name, ``retry-after``/``retry-after-ms`` verbatim,
    rate-limit headers verbatim between same-vendor APIs and mapped (counts only) across vendors.
    Nothing else. For a repeated header the first non-empty value wins.
    """
    source, target = as_api(client), as_api(upstream)
    first: dict[str, str] = {}
    for name, value in _pairs(headers):
        if value and _safe(value):
            first.setdefault(name, value)
    out: dict[str, str] = {}
    # The upstream's own name first; then the other vendor's, for OpenAI-/Anthropic-compatible servers.
    own = REQUEST_ID_HEADERS[target]
    other = "request-id" if own == "x-request-id" else "x-request-id"
    request_id = first.get(own) or first.get(other)
    if request_id:
        out[REQUEST_ID_HEADERS[source]] = request_id
    for name in RETRY_AFTER_HEADERS:
        if name in first:
            out[name] = first[name]
    if VENDORS[source] == VENDORS[target]:
        prefix = RATE_LIMIT_PREFIXES[VENDORS[target]]
        out.update({name: value for name, value in first.items() if name.startswith(prefix)})
    else:
        table = ANTHROPIC_TO_OPENAI_RATE_LIMITS if target is Api.MESSAGES else OPENAI_TO_ANTHROPIC_RATE_LIMITS
        out.update({to: first[frm] for frm, to in table.items() if frm in first})
    return out


__all__ = [
    "ANTHROPIC_HEADERS",
    "ANTHROPIC_TO_OPENAI_RATE_LIMITS",
    "CREDENTIAL_HEADERS",
    "CROSS_VENDOR_HEADERS",
    "DEFAULT_ANTHROPIC_VERSION",
    "FORWARDED_HEADERS",
    "HOP_BY_HOP_HEADERS",
    "HOP_BY_HOP_PREFIXES",
    "OPENAI_HEADERS",
    "OPENAI_SAME_API_HEADERS",
    "OPENAI_TO_ANTHROPIC_RATE_LIMITS",
    "RATE_LIMIT_PREFIXES",
    "REQUEST_ID_HEADERS",
    "RETRY_AFTER_HEADERS",
    "VENDORS",
    "HeadersLike",
    "anthropic_betas",
    "anthropic_version",
    "api_key",
    "forward_headers",
    "response_headers",
    "upstream_auth",
]
