"""Web search configuration across the three APIs (WIRE.md §6.3 hosted tools; docs/CONVERSION.md rule 9).

The wire shapes (WIRE.md §6.3 table, §1.1 ``web_search_options``, §2.5 server tools, §3.4 other tools):
Chat ``web_search_options:{search_context_size?, user_location?{type:"approximate", approximate:{city,
country, region, timezone}}}``; Messages tool ``{type:"web_search_20250305", name:"web_search", max_uses?,
allowed_domains?, blocked_domains?, user_location?{type:"approximate", city, region, country, timezone}}``;
Responses tool ``{type:"web_search", filters?{allowed_domains}, search_context_size?, user_location?{...}}``.
"``max_uses``/``blocked_domains`` (AM) and ``search_context_size`` (OpenAI) have no counterpart", and
Chat has no domain filter: those are DEGRADED losses. Expected values are written from those shapes.
"""

from __future__ import annotations

from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire.api import Api
from kindo_wire.convert import request_to_ir
from kindo_wire.loss import LossLog
from tests.equivalences import canonical
from tests.test_convert_fixtures import pointer_resolves, sdk_validate_request
from tests.test_convert_properties import covers, uncovered
from tests.traffic import same_json

C, M, R = Api.CHAT, Api.MESSAGES, Api.RESPONSES
CO, D, S = kw.Severity.COSMETIC, kw.Severity.DEGRADED, kw.Severity.SEMANTIC

PARIS = {"city": "Paris", "country": "FR", "region": "Ile-de-France", "timezone": "Europe/Paris"}
DOMAINS = ["example.com", "example.org"]
SCHEMA = {"type": "object", "properties": {"q": {"type": "string"}}}

# A function tool next to the web search, so its position in each target's tools list is visible.
CHAT_BODY: dict[str, Any] = {
    "model": "gpt-4o",
    "messages": [{"role": "user", "content": "What is new?"}],
    "max_completion_tokens": 256,
    "tools": [{"type": "function", "function": {"name": "lookup", "parameters": SCHEMA}}],
    "web_search_options": {
        "search_context_size": "high",
        "user_location": {"type": "approximate", "approximate": dict(PARIS)},
    },
}
MESSAGES_BODY: dict[str, Any] = {
    "model": "claude-sonnet-4-5",
    "max_tokens": 256,
    "messages": [{"role": "user", "content": "What is new?"}],
    "tools": [
        {"name": "lookup", "input_schema": SCHEMA},
        {
            "type": "web_search_20250305",
            "name": "web_search",
            "max_uses": 3,
            "allowed_domains": DOMAINS,
            "user_location": {"type": "approximate", **PARIS},
        },
    ],
}
RESPONSES_BODY: dict[str, Any] = {
    "model": "gpt-4.1",
    "input": [{"role": "user", "content": "What is new?"}],
    "max_output_tokens": 256,
    "tools": [
        {"type": "function", "name": "lookup", "parameters": SCHEMA, "strict": False},
        {
            "type": "web_search",
            "filters": {"allowed_domains": DOMAINS},
            "search_context_size": "low",
            "user_location": {"type": "approximate", **PARIS},
        },
    ],
}
BODIES = {C: CHAT_BODY, M: MESSAGES_BODY, R: RESPONSES_BODY}

# (source, target) -> (the target's web search form, the losses (pointer, severity, code)), from WIRE.md §6.3.
EXPECTED: dict[tuple[Api, Api], tuple[dict[str, Any], set[tuple[str, kw.Severity, str]]]] = {
    (C, M): (
        {
            "type": "web_search_20250305",
            "name": "web_search",
            "user_location": {"type": "approximate", **PARIS},
        },
        {("/web_search_options/search_context_size", D, "unsupported_field")},
    ),
    (C, R): (
        {
            "type": "web_search",
            "search_context_size": "high",
            "user_location": {"type": "approximate", **PARIS},
        },
        set(),
    ),
    (M, C): (
        {"user_location": {"type": "approximate", "approximate": PARIS}},
        {("/tools/1/max_uses", D, "unsupported_field"), ("/tools/1/allowed_domains", D, "unsupported_field")},
    ),
    (M, R): (
        {
            "type": "web_search",
            "filters": {"allowed_domains": DOMAINS},
            "user_location": {"type": "approximate", **PARIS},
        },
        {("/tools/1/max_uses", D, "unsupported_field")},
    ),
    (R, C): (
        {"search_context_size": "low", "user_location": {"type": "approximate", "approximate": PARIS}},
        {("/tools/1/filters/allowed_domains", D, "unsupported_field")},
    ),
    (R, M): (
        {
            "type": "web_search_20250305",
            "name": "web_search",
            "allowed_domains": DOMAINS,
            "user_location": {"type": "approximate", **PARIS},
        },
        {("/tools/1/search_context_size", D, "unsupported_field")},
    ),
}
PAIRS = [pytest.param(s, t, id=f"{s.value}->{t.value}") for s, t in EXPECTED]


def searches(body: dict[str, Any], api: Api) -> list[Any]:
    """Every web search configuration of ``body``: Chat's field, or the tools of a web search type."""
    if api is C:
        return [body["web_search_options"]] if "web_search_options" in body else []
    return [t for t in body.get("tools", ()) if str(t.get("type", "")).startswith("web_search")]


def functions(body: dict[str, Any], api: Api) -> list[str]:
    tools = body.get("tools", ())
    if api is C:
        return [t["function"]["name"] for t in tools]
    return [t["name"] for t in tools if not str(t.get("type", "")).startswith("web_search")]


def losses_of(result: kw.Converted) -> set[tuple[str, kw.Severity, str]]:
    return {(x.pointer, x.severity, x.code) for x in result.losses}


def leaves(value: Any, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    if isinstance(value, dict) and value:
        return [leaf for key, inner in value.items() for leaf in leaves(inner, (*path, key))]
    return [path]


def not_covered(original: dict[str, Any], returned: dict[str, Any], losses: tuple[kw.Loss, ...]) -> list[Any]:
    """``uncovered`` (test_convert_properties), where an object that went missing is also covered when
    a loss covers every field it held (Responses ``filters`` lost with its one ``allowed_domains``)."""
    found = []
    for pointer, kind in uncovered(original, returned, losses):
        path = tuple(pointer[1:].split("/"))
        value: Any = original
        for token in path:
            value = value[int(token)] if isinstance(value, list) else value[token]
        if not (
            kind == "missing"
            and isinstance(value, dict)
            and value
            and all(any(covers(x, leaf, kind) for x in losses) for leaf in leaves(value, path))
        ):
            found.append((pointer, kind))
    return found


def identity(body: dict[str, Any], api: Api) -> tuple[dict[str, Any], tuple[kw.Loss, ...]]:
    log = LossLog()
    return CODECS[api].encode_request(request_to_ir(body, api, log), log), log.freeze()


# -- every direction ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_full_config_maps(source: Api, target: Api) -> None:
    body = BODIES[source]
    out = kw.convert_request(body, source=source, target=target)
    form, lost = EXPECTED[source, target]
    assert searches(out.body, target) == [form]
    assert functions(out.body, target) == ["lookup"]  # the function tool is untouched
    if target is not C:
        assert out.body["tools"][-1] == form  # after the function tool, as in the source
    assert losses_of(out) == lost
    for loss in out.losses:
        assert pointer_resolves(body, loss.pointer), loss
    sdk_validate_request(out.body, target)


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_there_and_back_differs_only_where_a_loss_says(source: Api, target: Api) -> None:
    body = BODIES[source]
    there = kw.convert_request(body, source=source, target=target)
    back = kw.convert_request(there.body, source=target, target=source)
    original = canonical(body, source.value, "requests")
    returned = canonical(back.body, source.value, "requests")
    assert not_covered(original, returned, there.losses) == []
    # and the knobs both APIs have came back
    location = searches(back.body, source)[0]["user_location"]
    assert location == (
        {"type": "approximate", "approximate": PARIS} if source is C else original_location(source)
    )


def original_location(api: Api) -> Any:
    return searches(BODIES[api], api)[0]["user_location"]


# -- identity ------------------------------------------------------------------------------------------

CHAT_ALONE = {k: v for k, v in CHAT_BODY.items() if k != "tools"}


@pytest.mark.parametrize(
    ("body", "api"),
    [
        pytest.param(CHAT_BODY, C, id="chat"),
        pytest.param(CHAT_ALONE, C, id="chat-no-tools"),
        pytest.param({**CHAT_ALONE, "tools": []}, C, id="chat-empty-tools"),
        pytest.param({**CHAT_ALONE, "tools": None}, C, id="chat-null-tools"),
        pytest.param({**CHAT_ALONE, "web_search_options": None}, C, id="chat-null-options"),
        pytest.param({**CHAT_ALONE, "web_search_options": {}}, C, id="chat-empty-options"),
        pytest.param(MESSAGES_BODY, M, id="messages"),
        pytest.param(RESPONSES_BODY, R, id="responses"),
        pytest.param(
            {**RESPONSES_BODY, "tools": [{"type": "web_search_preview", "search_context_size": "medium"}]},
            R,
            id="responses-preview",
        ),
    ],
)
def test_own_form_is_identity(body: dict[str, Any], api: Api) -> None:
    out, losses = identity(body, api)
    assert same_json(out, body)
    assert losses == ()


def test_chat_options_are_a_hosted_tool() -> None:
    request = request_to_ir(CHAT_BODY, C, LossLog())
    assert request.tools is not None and [t.kind for t in request.tools] == ["function", "hosted"]
    search = request.tools[1]
    assert (search.origin, search.at) == (C, "/web_search_options")
    assert search.raw is CHAT_BODY["web_search_options"]  # kept by reference: back byte-exact
    assert "web_search_options" not in request.extras.get("chat", {})


def test_chat_options_alone_omit_tools_elsewhere_too() -> None:
    out = kw.convert_request(CHAT_ALONE, source=C, target=R)
    assert out.body["tools"] == [EXPECTED[C, R][0]]
    messages = kw.convert_request({**CHAT_ALONE, "web_search_options": {}}, source=C, target=M)
    assert messages.body["tools"] == [{"type": "web_search_20250305", "name": "web_search"}]
    assert messages.losses == ()


def test_bad_chat_options_are_a_request_error() -> None:
    with pytest.raises(kw.RequestError) as err:
        kw.convert_request({**CHAT_ALONE, "web_search_options": "on"}, source=C, target=M)
    assert err.value.pointer == "/web_search_options"


# -- knobs without a counterpart -------------------------------------------------------------------


def test_messages_only_knobs_and_unknown_fields_are_reported() -> None:
    tool = {
        "type": "web_search_20260209",
        "name": "web_search",
        "blocked_domains": DOMAINS,
        "cache_control": {"type": "ephemeral"},
        "defer_loading": False,
        "user_location": {"type": "approximate", "city": "Paris"},
    }
    body = {**MESSAGES_BODY, "tools": [tool]}
    for target, form in (
        (C, {"user_location": {"type": "approximate", "approximate": {"city": "Paris"}}}),
        (R, {"type": "web_search", "user_location": {"type": "approximate", "city": "Paris"}}),
    ):
        out = kw.convert_request(body, source=M, target=target)
        assert searches(out.body, target) == [form]
        assert losses_of(out) == {
            ("/tools/0/blocked_domains", D, "unsupported_field"),
            ("/tools/0/cache_control", D, "cache_hint_dropped"),
            ("/tools/0/defer_loading", D, "unsupported_field"),
            ("/tools/0/type", CO, "unsupported_field"),  # web_search_20260209 comes back as ..._20250305
        }
        assert all(pointer_resolves(body, x.pointer) for x in out.losses)
        sdk_validate_request(out.body, target)


def test_responses_preview_and_its_own_fields() -> None:
    tool = {"type": "web_search_preview", "search_content_types": ["text"], "search_context_size": "medium"}
    body = {**RESPONSES_BODY, "tools": [tool]}
    out = kw.convert_request(body, source=R, target=M)
    assert out.body["tools"] == [{"type": "web_search_20250305", "name": "web_search"}]
    assert losses_of(out) == {
        ("/tools/0/search_content_types", D, "unsupported_field"),
        ("/tools/0/search_context_size", D, "unsupported_field"),
        ("/tools/0/type", CO, "unsupported_field"),
    }
    chat = kw.convert_request(body, source=R, target=C)
    assert chat.body["web_search_options"] == {"search_context_size": "medium"}
    assert "tools" not in chat.body


def test_null_fields_are_absent_not_lost() -> None:
    # what pydantic-ai sends (fixtures/traffic/messages/pydantic-ai__anthropic_web_search_tool__0.json)
    tool = {
        "allowed_domains": None,
        "blocked_domains": None,
        "max_uses": None,
        "name": "web_search",
        "type": "web_search_20250305",
        "user_location": None,
    }
    body = {**MESSAGES_BODY, "tools": [tool]}
    assert kw.convert_request(body, source=M, target=R).body["tools"] == [{"type": "web_search"}]
    chat = kw.convert_request(body, source=M, target=C)
    assert chat.body["web_search_options"] == {} and chat.losses == ()


def test_one_web_search_per_chat_and_messages_request() -> None:
    second = {"type": "web_search", "search_context_size": "low"}
    body = {**RESPONSES_BODY, "tools": [*RESPONSES_BODY["tools"], second]}
    for target in (C, M):
        out = kw.convert_request(body, source=R, target=target)
        assert len(searches(out.body, target)) == 1
        assert ("/tools/2", S, "hosted_tool_dropped") in losses_of(out)


def test_forcing_web_search_stays_a_loss() -> None:
    # WIRE.md §6.4 "Force a hosted tool": Messages {type:"tool", name:"web_search"} [INFER], Responses
    # {type:"web_search_preview"}, Chat none: the tool maps, the forced choice does not (module doc).
    body = {**MESSAGES_BODY, "tool_choice": {"type": "tool", "name": "web_search"}}
    out = kw.convert_request(body, source=M, target=R)
    assert searches(out.body, R) == [EXPECTED[M, R][0]]
    assert "tool_choice" not in out.body
    assert ("/tool_choice", S, "hosted_tool_dropped") in losses_of(out)
