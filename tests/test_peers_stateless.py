"""Encrypted reasoning, store=false and previous_response_id (PEERS.md §3 bugs 9-14).

One test per real bug of a peer gateway that concerns non-streaming conversion: each rebuilds the
peer's situation with a hand-written wire body and asserts what a correct gateway does, through
the public ``kw.convert_*`` API. The index of which bug is tested where: ``tests/peers_helpers.py``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire._json import same_json
from kindo_wire.loss import LossLog
from kindo_wire.mapping.reasoning_stash import unstash
from tests.peers_helpers import (
    AM_CLIENT,
    CHAT_CLIENT,
    ENC_1,
    ENC_2,
    RS_CLIENT,
    RS_TOOLS,
    SIG_A,
    am_response,
    chat_text,
    codes,
    losses,
    request,
    response,
    rs_response,
    rs_text_item,
    strings,
    thinking_on,
)

# === B. Encrypted reasoning, store=false, previous_response_id ===================================

RS_REASONING = {
    "id": "rs_0429c1fcf5cbfa350169fabfeff870",
    "type": "reasoning",
    "encrypted_content": ENC_1,
    "summary": [{"type": "summary_text", "text": "**Checking the forecast**\n\nI should look up Paris."}],
}


def test_bug09_reasoning_items_round_trip_and_never_leak_as_text() -> None:
    """9. BerriAI/litellm#36355: the Responses bridge dropped every `reasoning` input item, plaintext
    reasoning leaked as visible text, and its own `encrypted_content` was discarded."""
    upstream = rs_response([RS_REASONING, rs_text_item("It is 18°C and cloudy in Paris.")])
    out = response(upstream, "responses", "messages", AM_CLIENT)
    content = out.body["content"]
    assert [blk["type"] for blk in content] == ["thinking", "text"]
    assert content[0]["thinking"] == "**Checking the forecast**\n\nI should look up Paris."
    assert unstash(content[0]["signature"]) == (kw.Api.RESPONSES, RS_REASONING)
    assert content[1]["text"] == "It is 18°C and cloudy in Paris."  # summary not leaked into the answer
    assert out.body["stop_reason"] == "end_turn"
    # Next Messages turn -> Responses: the reasoning item goes back as the upstream issued it.
    turn = {
        **AM_CLIENT,
        "messages": [
            AM_CLIENT["messages"][0],
            {"role": "assistant", "content": content},
            {"role": "user", "content": "And tomorrow?"},
        ],
    }
    back = request(turn, "messages", "responses")
    items = back.body["input"]
    reasoning = [item for item in items if item.get("type") == "reasoning"]
    assert reasoning == [RS_REASONING]
    assert reasoning[0]["encrypted_content"] == ENC_1
    assert "reasoning_dropped" not in codes(back)
    visible = [s for item in items if item.get("type") != "reasoning" for s in strings(item)]
    assert not any("I should look up Paris." in s for s in visible)


def test_bug10_store_false_chain_resolved_from_lookup_with_reasoning_state() -> None:
    """10. maximhq/bifrost#5410: `store=false` plus a replayed reasoning item with `encrypted_content`
    gives 400 "Item … not found"."""
    # Turn 1 was served by an Anthropic upstream; the gateway stored what the client saw.
    thinking = {"type": "thinking", "thinking": "Call get_weather.", "signature": SIG_A}
    tool_use = {"type": "tool_use", "id": "toolu_01T1x", "name": "get_weather", "input": {"city": "Paris"}}
    first = response(am_response([thinking, tool_use], "tool_use"), "messages", "responses", RS_CLIENT).body
    stored = {first["id"]: [*RS_CLIENT["input"], *first["output"]]}
    body = {
        "model": "claude-sonnet-4-5",
        "store": False,
        "include": ["reasoning.encrypted_content"],
        "previous_response_id": first["id"],
        "input": [{"type": "function_call_output", "call_id": "toolu_01T1x", "output": "18°C"}],
        "tools": RS_TOOLS,
        "reasoning": {"effort": "high"},
        "max_output_tokens": 8192,
    }
    out = request(body, "responses", "messages", previous_response=stored.get)
    assert "previous_response_unresolved" not in codes(out)
    messages = out.body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"][0] == thinking  # the reasoning state came with the stored items
    assert messages[2]["content"][0]["tool_use_id"] == "toolu_01T1x"
    assert thinking_on(out.body)
    # Without the store the id cannot be honoured: reported, never silently ignored.
    body = {**body, "input": [{"role": "user", "content": "Thanks. And tomorrow?"}]}
    out = request(body, "responses", "messages", previous_response=lambda _id: None)
    (loss,) = losses(out, "previous_response_unresolved")
    assert loss.severity == kw.Severity.SEMANTIC
    assert loss.pointer == "/previous_response_id"
    # An item_reference the stateless upstream cannot resolve is reported too, not sent as a message.
    ref = {**body, "input": [{"type": "item_reference", "id": "rs_0429c1fcf5cbfa35"}, *body["input"]]}
    del ref["previous_response_id"]
    out = request(ref, "responses", "messages")
    assert any(loss.pointer == "/input/0" and loss.severity == kw.Severity.SEMANTIC for loss in out.losses)
    assert not any("rs_0429c1fcf5cbfa35" in s for s in strings(out.body))


def test_bug11_encrypted_content_survives_a_tool_loop() -> None:
    """11. Wei-Shaw/sub2api#3588: dropping all reasoning items to dodge the `rs_` 404 silently discarded
    `encrypted_content`; the fix strips only the id."""
    silent = {
        "id": "rs_0429c1fcf5cbfa350169fabfe62a9c",
        "type": "reasoning",
        "encrypted_content": ENC_1,
        "summary": [],
    }
    call = {
        "id": "fc_0429c1fcf5cbfa350169fabff15798",
        "type": "function_call",
        "status": "completed",
        "arguments": '{"city":"Paris"}',
        "call_id": "call_WbWwKw4J6EXQ7Sn93fgmuZe3",
        "name": "get_weather",
    }
    upstream = rs_response([silent, call])
    out = response(upstream, "responses", "messages", AM_CLIENT)
    content = out.body["content"]
    assert [blk["type"] for blk in content] == ["redacted_thinking", "tool_use"]  # no text: redacted carrier
    assert unstash(content[0]["data"]) == (kw.Api.RESPONSES, silent)
    assert content[1]["id"] == "call_WbWwKw4J6EXQ7Sn93fgmuZe3"
    assert content[1]["input"] == {"city": "Paris"}
    assert out.body["stop_reason"] == "tool_use"
    turn = {
        **AM_CLIENT,
        "messages": [
            AM_CLIENT["messages"][0],
            {"role": "assistant", "content": content},
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "call_WbWwKw4J6EXQ7Sn93fgmuZe3", "content": "18°C"}
                ],
            },
        ],
    }
    items = request(turn, "messages", "responses").body["input"]
    kinds = [item.get("type", "message") for item in items]
    assert kinds == ["message", "reasoning", "function_call", "function_call_output"]
    assert items[1] == silent
    assert items[1]["encrypted_content"] == ENC_1
    assert items[2]["call_id"] == "call_WbWwKw4J6EXQ7Sn93fgmuZe3"
    assert items[2].get("id", "fc").startswith("fc")  # Responses rejects a call_ id in the item id
    assert items[3]["call_id"] == "call_WbWwKw4J6EXQ7Sn93fgmuZe3"


def test_bug12_reasoning_item_keeps_every_field() -> None:
    """12. agentscope-ai/agentscope#2420: the formatter keeps only id and summary, dropping
    `encrypted_content`, so stateless upstreams return 400."""
    full = {
        "id": "rs_68af4030592c81938ec0a5fbab4a3e9f",
        "type": "reasoning",
        "summary": [
            {"type": "summary_text", "text": "Plan the lookup."},
            {"type": "summary_text", "text": "Then answer briefly."},
        ],
        "content": [{"type": "reasoning_text", "text": "raw chain of thought"}],
        "encrypted_content": ENC_2,
        "status": "completed",
    }
    upstream = rs_response([full, rs_text_item("Done.")])
    blocks = response(upstream, "responses", "messages", AM_CLIENT).body["content"]
    turn = {
        **AM_CLIENT,
        "messages": [
            AM_CLIENT["messages"][0],
            {"role": "assistant", "content": blocks},
            {"role": "user", "content": "Thanks. Now Berlin."},
        ],
    }
    items = request(turn, "messages", "responses").body["input"]
    (restored,) = [item for item in items if item.get("type") == "reasoning"]
    assert restored == full  # id, summary, content, encrypted_content, status: all of it
    # Chat has no carrier: the loss is reported, and reasoning is not passed off as the answer.
    chat = response(upstream, "responses", "chat", {**CHAT_CLIENT, "model": "gpt-5"})
    assert chat.body["choices"][0]["message"]["content"] == "Done."
    assert [loss.severity for loss in losses(chat, "reasoning_dropped")] == [kw.Severity.DEGRADED]


def test_bug13_unknown_input_item_is_not_routed_as_a_message() -> None:
    """13. 10/chatgpt-codex-proxy#9: an unknown `additional_tools` input item was routed as a message,
    giving "Missing required parameter input[0].content"."""
    unknown = {
        "type": "additional_tools",
        "tools": [
            {
                "type": "function",
                "name": "lookup_flight",
                "parameters": {"type": "object", "properties": {}},
                "strict": False,
            }
        ],
    }
    body = {
        "model": "gpt-5",
        "input": [unknown, {"role": "user", "content": "Find me a flight to Paris."}],
        "tools": RS_TOOLS,
        "max_output_tokens": 2048,
    }
    for target in ("chat", "messages"):
        out = request(body, "responses", target)
        messages = out.body["messages"]
        assert all(m.get("content") not in (None, "", []) for m in messages if m["role"] != "assistant")
        assert not any("lookup_flight" in s for s in strings(messages))
        user = [m for m in messages if m["role"] == "user"]
        assert len(user) == 1
        (loss,) = [loss for loss in out.losses if loss.pointer == "/input/0"]
        assert (loss.code, loss.severity) == ("unsupported_part", kw.Severity.SEMANTIC)
    # Responses -> IR -> Responses keeps it whole (a Responses upstream gets it as sent).
    log = LossLog()
    codec = CODECS[kw.Api.RESPONSES]
    again = codec.encode_request(codec.decode_request(copy.deepcopy(body), log), log)
    assert same_json(again, body)
    assert log.items == []


def test_bug14_previous_response_id_to_stateless_target_is_never_silent() -> None:
    """14. raullenchai/Rapid-MLX#588: a stateless Responses shim deliberately returns 400 on
    `previous_response_id` ("silent prompt loss … is worse")."""
    body = {
        "model": "gpt-4o",
        "previous_response_id": "resp_68af4030592c8193",
        "input": [{"role": "user", "content": "And what about Berlin?"}],
        "max_output_tokens": 1024,
    }
    for target in ("chat", "messages"):
        out = request(body, "responses", target)
        (loss,) = losses(out, "previous_response_unresolved")
        assert (loss.pointer, loss.severity) == ("/previous_response_id", kw.Severity.SEMANTIC)
        with pytest.raises(kw.LossError) as raised:
            kw.convert_request(copy.deepcopy(body), source="responses", target=target, strict=True)
        assert "previous_response_unresolved" in [loss.code for loss in raised.value.losses]
    # Resolved through the caller's store: the earlier turn is prepended, nothing lost.
    history: list[dict[str, Any]] = [
        {"role": "user", "content": "What's the weather in Paris?"},
        {
            "type": "message",
            "id": "msg_68af40",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "18°C and cloudy.", "annotations": []}],
        },
    ]
    seen: list[str] = []

    def lookup(response_id: str) -> list[dict[str, Any]] | None:
        seen.append(response_id)
        return history if response_id == "resp_68af4030592c8193" else None

    out = request(body, "responses", "chat", previous_response=lookup)
    assert seen == ["resp_68af4030592c8193"]
    assert "previous_response_unresolved" not in codes(out)
    messages = out.body["messages"]
    assert [(m["role"], chat_text(m)) for m in messages] == [
        ("user", "What's the weather in Paris?"),
        ("assistant", "18°C and cloudy."),
        ("user", "And what about Berlin?"),
    ]
