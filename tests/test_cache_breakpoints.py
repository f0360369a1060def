"""Cache breakpoints take one policy into both OpenAI APIs (``kindo_wire/mapping/cache_breakpoints.py``).

An OpenAI ``prompt_cache_breakpoint`` crosses between Chat and Responses as it came; an Anthropic
``cache_control`` is placed in neither (DEGRADED ``cache_hint_dropped``, and ``cache_ttl_dropped``
for a ttl); toward Anthropic any breakpoint is ``cache_control: {"type": "ephemeral"}``.
"""

from __future__ import annotations

from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire.fast import fast_request

BREAKPOINT = {"mode": "explicit"}


def chat_request() -> dict[str, Any]:
    return {
        "model": "gpt-5",
        "messages": [
            {
                "role": "system",
                "content": [{"type": "text", "text": "Long rules.", "prompt_cache_breakpoint": BREAKPOINT}],
            },
            {"role": "user", "content": "hi"},
        ],
    }


def responses_request() -> dict[str, Any]:
    return {
        "model": "gpt-5",
        "input": [
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "Long context.", "prompt_cache_breakpoint": BREAKPOINT}
                ],
            },
        ],
    }


def messages_request(cache_control: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": "claude-sonnet-4-5",
        "max_tokens": 100,
        "system": [{"type": "text", "text": "Long rules.", "cache_control": cache_control}],
        "messages": [
            {
                "role": "user",
                "content": [{"type": "text", "text": "Long context.", "cache_control": cache_control}],
            }
        ],
    }


def codes(converted: kw.Converted) -> list[tuple[str, str, str]]:
    return [
        (loss.pointer, loss.severity.name, loss.code) for loss in converted.losses if "cache" in loss.code
    ]


def test_a_chat_breakpoint_is_placed_in_responses_as_it_came() -> None:
    out = kw.convert_request(chat_request(), source="chat", target="responses")
    system = out.body["input"][0]
    assert system["content"][0]["prompt_cache_breakpoint"] == BREAKPOINT
    assert codes(out) == []


def test_a_responses_breakpoint_is_placed_in_chat_as_it_came() -> None:
    out = kw.convert_request(responses_request(), source="responses", target="chat")
    assert out.body["messages"][0]["content"][0]["prompt_cache_breakpoint"] == BREAKPOINT
    assert codes(out) == []


@pytest.mark.parametrize(("source", "body"), [("chat", chat_request()), ("responses", responses_request())])
def test_openai_breakpoints_survive_the_round_trip_between_the_openai_apis(
    source: str, body: dict[str, Any]
) -> None:
    other = "responses" if source == "chat" else "chat"
    there = kw.convert_request(body, source=source, target=other)
    back = kw.convert_request(there.body, source=other, target=source)
    assert back.body == body


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_an_anthropic_breakpoint_is_placed_in_neither_openai_api(target: str) -> None:
    out = kw.convert_request(
        messages_request({"type": "ephemeral", "ttl": "1h"}), source="messages", target=target
    )
    assert "prompt_cache_breakpoint" not in str(out.body)
    assert codes(out) == [
        ("/system/0/cache_control", "DEGRADED", "cache_hint_dropped"),
        ("/system/0/cache_control/ttl", "DEGRADED", "cache_ttl_dropped"),
        ("/messages/0/content/0/cache_control", "DEGRADED", "cache_hint_dropped"),
        ("/messages/0/content/0/cache_control/ttl", "DEGRADED", "cache_ttl_dropped"),
    ]


@pytest.mark.parametrize("target", ["chat", "responses"])
def test_the_fast_path_follows_the_same_policy(target: str) -> None:
    body = messages_request({"type": "ephemeral"})
    body["system"] = "Long rules."  # (the fast path takes a plain system prompt)
    fast = fast_request(body, kw.Api.MESSAGES, kw.Api(target))
    assert fast is not None, "the fast path should take this body"
    assert "prompt_cache_breakpoint" not in str(fast.body)
    assert codes(fast) == [("/messages/0/content/0/cache_control", "DEGRADED", "cache_hint_dropped")]
    assert codes(kw.convert_request(body, source="messages", target=target)) == codes(fast)


@pytest.mark.parametrize(("source", "body"), [("chat", chat_request()), ("responses", responses_request())])
def test_an_openai_breakpoint_becomes_an_ephemeral_cache_control_for_anthropic(
    source: str, body: dict[str, Any]
) -> None:
    out = kw.convert_request(body, source=source, target="messages")
    blocks = out.body["system"] if source == "chat" else out.body["messages"][0]["content"]
    assert blocks[0]["cache_control"] == {"type": "ephemeral"}
    assert codes(out) == []
