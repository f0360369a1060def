"""The model catalog (GET /v1/models) and its errors, as a Kindo gateway documents them."""

from __future__ import annotations

from typing import Any

import anthropic
import httpx
import httpx2
import openai
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire import models as catalog

MODELS = [
    {"id": "gpt-4o", "display_name": "GPT-4o"},
    {
        "id": "claude-sonnet-4-5",
        "display_name": "Claude Sonnet 4.5",
        "created": 1759104000,
        "owned_by": "anthropic",
    },
]
AGENTS = [{"id": f"a{i}", "created": 1700000000 + i, "owner": "org_kindo"} for i in range(5)]


def ids(body: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in body["data"]]


def test_openai_shape_of_models_and_agents() -> None:
    body = catalog.list_models(MODELS, AGENTS, include_agents=True)
    assert body["object"] == "list" and body["has_more"] is False and "next_after" not in body
    assert body["data"][0] == {
        "id": "gpt-4o",
        "object": "model",
        "created": 0,
        "owned_by": "system",
        "display_name": "GPT-4o",
    }
    assert body["data"][1]["created"] == 1759104000 and body["data"][1]["owned_by"] == "anthropic"
    # Agents: agent/<id>, owned by the organisation, and no display_name.
    assert body["data"][2] == {
        "id": "agent/a0",
        "object": "model",
        "created": 1700000000,
        "owned_by": "org_kindo",
    }
    assert ids(body) == ["gpt-4o", "claude-sonnet-4-5"] + [f"agent/a{i}" for i in range(5)]


def test_agents_only_when_asked() -> None:
    body = catalog.list_models(MODELS, AGENTS)
    assert ids(body) == ["gpt-4o", "claude-sonnet-4-5"]
    assert body["has_more"] is False


def test_paging_applies_to_agents_only() -> None:
    first = catalog.list_models(MODELS, AGENTS, include_agents=True, limit=2)
    # The proxied models come in full on the first page; limit counts agents.
    assert ids(first) == ["gpt-4o", "claude-sonnet-4-5", "agent/a0", "agent/a1"]
    assert first["has_more"] is True and first["next_after"] == 2
    second = catalog.list_models(MODELS, AGENTS, include_agents=True, limit=2, after=2)
    assert ids(second) == ["agent/a2", "agent/a3"] and second["next_after"] == 4
    last = catalog.list_models(MODELS, AGENTS, include_agents=True, limit=2, after=4)
    assert ids(last) == ["agent/a4"] and last["has_more"] is False and "next_after" not in last
    beyond = catalog.list_models(MODELS, AGENTS, include_agents=True, after=99)
    assert ids(beyond) == [] and beyond["has_more"] is False


def test_query_string_values_are_accepted() -> None:
    assert catalog.list_models(MODELS, AGENTS, include_agents=True, limit="1", after="3")["data"] == [
        {"id": "agent/a3", "object": "model", "created": 1700000003, "owned_by": "org_kindo"}
    ]


@pytest.mark.parametrize(
    ("params", "pointer", "code"),
    [
        ({"limit": 0}, "/limit", "integer_below_min_value"),
        ({"limit": 1001}, "/limit", "integer_above_max_value"),
        ({"limit": "ten"}, "/limit", "invalid_type"),
        ({"limit": True}, "/limit", "invalid_type"),
        ({"limit": 2.5}, "/limit", "invalid_type"),
        ({"after": -1}, "/after", "integer_below_min_value"),
        ({"after": "-1"}, "/after", "invalid_type"),
        ({"after": None}, "/after", "invalid_type"),
    ],
)
def test_invalid_paging_is_a_400_at_the_parameter(params: dict[str, Any], pointer: str, code: str) -> None:
    with pytest.raises(kw.RequestError) as caught:
        catalog.list_models(MODELS, AGENTS, include_agents=True, **params)
    assert (caught.value.status, caught.value.pointer, caught.value.code) == (400, pointer, code)
    assert caught.value.to_body("chat")["error"]["param"] == pointer[1:]


def test_limits_at_the_edges_are_valid() -> None:
    assert catalog.list_models(MODELS, AGENTS, include_agents=True, limit=1000)["has_more"] is False
    assert ids(catalog.list_models(MODELS, AGENTS, include_agents=True, limit=1)) == [
        "gpt-4o",
        "claude-sonnet-4-5",
        "agent/a0",
    ]


@given(
    n_models=st.integers(0, 4),
    n_agents=st.integers(0, 40),
    limit=st.integers(1, 12),
    api=st.sampled_from(["chat", "responses"]),
)
def test_pagination_walk_lists_every_entry_exactly_once(
    n_models: int, n_agents: int, limit: int, api: str
) -> None:
    models = [{"id": f"m{i}", "display_name": f"M{i}"} for i in range(n_models)]
    agents = [{"id": f"x{i}", "created": i, "owner": "o"} for i in range(n_agents)]
    seen: list[str] = []
    after: int = 0
    pages = 0
    while True:
        page = catalog.list_models(models, agents, include_agents=True, limit=limit, after=after, api=api)
        assert len(page["data"]) <= limit + (n_models if after == 0 else 0)
        seen += ids(page)
        pages += 1
        if not page["has_more"]:
            assert "next_after" not in page
            break
        after = page["next_after"]
    expected = [f"m{i}" for i in range(n_models)] + [f"agent/x{i}" for i in range(n_agents)]
    assert seen == expected
    assert pages == max(1, -(-n_agents // limit))


def test_anthropic_shape_lists_models_without_agents() -> None:
    body = catalog.list_models(MODELS, AGENTS, include_agents=True, api="messages")
    assert body["data"][1] == {
        "type": "model",
        "id": "claude-sonnet-4-5",
        "display_name": "Claude Sonnet 4.5",
        "created_at": "2025-09-29T00:00:00Z",
        "lifecycle": "active",
    }
    assert (body["first_id"], body["last_id"], body["has_more"]) == ("gpt-4o", "claude-sonnet-4-5", False)
    assert body["data"][0]["created_at"] == "1970-01-01T00:00:00Z"
    empty = catalog.list_models([], api="messages")
    assert empty == {"data": [], "has_more": False, "first_id": None, "last_id": None}


def test_bad_catalog_entries_are_a_caller_bug() -> None:
    with pytest.raises(TypeError, match="display_name"):
        catalog.list_models([{"id": "m"}])
    with pytest.raises(TypeError, match="owner"):
        catalog.list_models([], [{"id": "a", "created": 1}], include_agents=True)


# -- the official SDKs read our catalog --------------------------------------------------------


def test_openai_sdk_lists_our_catalog() -> None:
    body = catalog.list_models(MODELS, AGENTS, include_agents=True)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    client = openai.OpenAI(
        api_key="k", base_url="http://test/v1", http_client=httpx.Client(transport=transport)
    )
    listed = list(client.models.list())
    assert [m.id for m in listed] == ids(body)
    assert listed[2].owned_by == "org_kindo" and listed[0].model_extra == {"display_name": "GPT-4o"}


def test_anthropic_sdk_lists_our_catalog() -> None:
    body = catalog.list_models(MODELS, api="messages")
    transport = httpx2.MockTransport(lambda request: httpx2.Response(200, json=body))
    client = anthropic.Anthropic(
        api_key="k", base_url="http://test", http_client=httpx2.Client(transport=transport)
    )
    listed = list(client.models.list())
    assert [m.id for m in listed] == ["gpt-4o", "claude-sonnet-4-5"]
    assert listed[1].display_name == "Claude Sonnet 4.5" and listed[1].created_at.year == 2025


def test_our_catalog_bodies_parse_with_our_schemas() -> None:
    assert kw.chat.ModelList.model_validate(catalog.list_models(MODELS, AGENTS, include_agents=True))
    assert kw.messages.ModelList.model_validate(catalog.list_models(MODELS, api="messages"))


# -- catalog errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("api", ["chat", "responses"])
def test_openai_catalog_errors_carry_a_code(api: str) -> None:
    missing = catalog.model_not_found("gpt-9", api=api)
    assert isinstance(missing, kw.ConvertedError) and missing.status == 400
    assert missing.body["error"]["code"] == "model_not_found"
    assert (
        missing.body["error"]["type"] == "invalid_request_error" and missing.body["error"]["param"] == "model"
    )
    assert "gpt-9" in missing.body["error"]["message"]
    denied = catalog.model_access_denied("gpt-4o", api=api)
    assert denied.status == 403 and denied.body["error"]["code"] == "model_access_denied"


def test_messages_catalog_errors_have_no_code() -> None:
    for error, status in (
        (catalog.model_not_found("claude-9", api="messages"), 400),
        (catalog.model_access_denied("claude-9", api="messages"), 403),
    ):
        assert error.status == status
        assert error.body["type"] == "error"
        assert set(error.body["error"]) == {"type", "message"}
        assert error.body["error"]["type"] == "invalid_request_error"
        assert kw.messages.ErrorResponse.model_validate(error.body)


def _openai_error(error: kw.ConvertedError) -> openai.APIStatusError:
    transport = httpx.MockTransport(lambda request: httpx.Response(error.status, json=error.body))
    client = openai.OpenAI(
        api_key="k", base_url="http://test/v1", http_client=httpx.Client(transport=transport), max_retries=0
    )
    with pytest.raises(openai.APIStatusError) as caught:
        client.responses.create(model="x", input="hi")
    return caught.value


def test_sdks_raise_the_right_classes() -> None:
    raised = _openai_error(catalog.model_not_found("gpt-9", api="responses"))
    assert isinstance(raised, openai.BadRequestError) and raised.code == "model_not_found"
    raised = _openai_error(catalog.model_access_denied("gpt-4o", api="chat"))
    assert isinstance(raised, openai.PermissionDeniedError) and raised.code == "model_access_denied"
    denied = catalog.model_access_denied("claude", api="messages")
    transport = httpx2.MockTransport(lambda request: httpx2.Response(denied.status, json=denied.body))
    client = anthropic.Anthropic(
        api_key="k", base_url="http://test", http_client=httpx2.Client(transport=transport), max_retries=0
    )
    with pytest.raises(anthropic.PermissionDeniedError):
        client.messages.create(model="claude", max_tokens=1, messages=[{"role": "user", "content": "x"}])


def test_agent_ids_are_valid_only_on_responses() -> None:
    assert catalog.check_model("agent/a1", api="responses", models=MODELS, agents=AGENTS) is None
    for api in ("chat", "messages"):
        error = catalog.check_model("agent/a1", api=api, models=MODELS, agents=AGENTS)
        assert error is not None and error.status == 400
        assert error == catalog.model_not_found("agent/a1", api=api)
    unknown_agent = catalog.check_model("agent/zz", api="responses", models=MODELS, agents=AGENTS)
    assert unknown_agent == catalog.model_not_found("agent/zz", api="responses")


def test_check_model_not_found_and_denied() -> None:
    assert catalog.check_model("gpt-4o", api="chat", models=MODELS) is None
    assert catalog.check_model("gpt-9", api="chat", models=MODELS) == catalog.model_not_found(
        "gpt-9", api="chat"
    )
    denied = catalog.check_model("gpt-4o", api="messages", models=MODELS, allowed={"claude-sonnet-4-5"})
    assert denied == catalog.model_access_denied("gpt-4o", api="messages")
    assert (
        catalog.check_model("agent/a2", api="responses", models=MODELS, agents=AGENTS, allowed={"agent/a2"})
        is None
    )
