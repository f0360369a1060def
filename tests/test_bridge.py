"""A gateway's round trip through ``kw.Bridge``, across turns, with a fresh Bridge per HTTP request.

The gateway keeps no state: what the next turn needs (a shortened tool name, another vendor's
reasoning state) must travel inside the bodies the client sees and sends back.
"""

from __future__ import annotations

import re
from typing import Any

import kindo_wire as kw

# Claude Code's MCP tools have names longer than OpenAI's 64-character limit.
LONG_NAME = "mcp__workspace_filesystem__read_multiple_text_files_with_line_numbers_v2"
OPENAI_NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")
READ_SCHEMA = {
    "type": "object",
    "properties": {"paths": {"type": "array", "items": {"type": "string"}}},
    "required": ["paths"],
}


def responses_reply(output: list[dict[str, Any]], *, status: str = "completed") -> dict[str, Any]:
    """A Responses API response body as the upstream sends it (WIRE.md §3.6)."""
    return {
        "id": "resp_0a1b2c",
        "object": "response",
        "created_at": 1763800000,
        "status": status,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "model": "gpt-5-2025-08-07",
        "output": output,
        "parallel_tool_calls": True,
        "temperature": 1.0,
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "usage": {
            "input_tokens": 1200,
            "input_tokens_details": {"cached_tokens": 1000},
            "output_tokens": 90,
            "output_tokens_details": {"reasoning_tokens": 64},
            "total_tokens": 1290,
        },
    }


MESSAGES_TURN_1: dict[str, Any] = {
    "model": "gpt-5",
    "max_tokens": 8192,
    "system": "You are a coding agent.",
    "thinking": {"type": "enabled", "budget_tokens": 4096},
    "tools": [{"name": LONG_NAME, "description": "Read files", "input_schema": READ_SCHEMA}],
    "messages": [{"role": "user", "content": "Read README.md"}],
}

UPSTREAM_REASONING = {
    "id": "rs_0a1b2c_0",
    "type": "reasoning",
    "summary": [{"type": "summary_text", "text": "I should read the README first."}],
    "encrypted_content": "gAAAAABpZ3Vlc3Mgd2hhdCB0aGlzIGlzOyBpdCBpcyBvcGFxdWU=",
}


def test_messages_client_on_responses_upstream_keeps_reasoning_and_tool_names_across_turns() -> None:
    bridge = kw.Bridge(client="messages", upstream="responses")
    upstream_request = bridge.request(MESSAGES_TURN_1).body
    short = upstream_request["tools"][0]["name"]
    assert short != LONG_NAME and OPENAI_NAME.fullmatch(short)
    assert upstream_request["instructions"] == "You are a coding agent."

    call = {
        "id": "fc_0a1b2c_1",
        "type": "function_call",
        "status": "completed",
        "call_id": "call_Q1",
        "name": short,
        "arguments": '{"paths":["README.md"]}',
    }
    reply = bridge.response(responses_reply([UPSTREAM_REASONING, call])).body
    thinking, tool_use = reply["content"]
    # The upstream's reasoning is shown as thinking, its summary as the text (WIRE.md §6.10).
    assert thinking["type"] == "thinking"
    assert thinking["thinking"] == "I should read the README first."
    assert tool_use == {
        "type": "tool_use",
        "id": "call_Q1",
        "name": LONG_NAME,
        "input": {"paths": ["README.md"]},
    }
    assert reply["stop_reason"] == "tool_use"
    assert reply["model"] == "gpt-5"  # the client's model id echoed

    # Next turn: Claude Code replays the assistant turn as it received it; a fresh Bridge.
    turn_2 = dict(MESSAGES_TURN_1)
    turn_2["messages"] = [
        *MESSAGES_TURN_1["messages"],
        {"role": "assistant", "content": reply["content"]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "call_Q1", "content": "# kindo"}],
        },
    ]
    converted = kw.Bridge(client="messages", upstream="responses").request(turn_2)
    items = converted.body["input"]
    # The upstream receives its own reasoning item back byte-exact, encrypted_content included.
    assert [i for i in items if i.get("type") == "reasoning"] == [UPSTREAM_REASONING]
    (replayed_call,) = [i for i in items if i.get("type") == "function_call"]
    assert replayed_call["name"] == short  # shortened the same way again
    assert replayed_call["call_id"] == "call_Q1"
    assert replayed_call["arguments"] == '{"paths":["README.md"]}'
    assert "id" not in replayed_call or replayed_call["id"].startswith("fc")
    outputs = [i for i in items if i.get("type") == "function_call_output"]
    assert outputs == [{"type": "function_call_output", "call_id": "call_Q1", "output": "# kindo"}]
    assert not [loss for loss in converted.losses if loss.code == "reasoning_dropped"]


ANTHROPIC_THINKING = {
    "type": "thinking",
    "thinking": "The user wants the weather; call the tool.",
    "signature": "EqQBCkgIARABGAIiQL2x8mV0eXBpY2FsIGFudGhyb3BpYyBzaWduYXR1cmU=",
}


def anthropic_reply(content: list[dict[str, Any]], stop_reason: str) -> dict[str, Any]:
    return {
        "id": "msg_01XYZ",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5-20250929",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": 50,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 1000,
            "output_tokens": 80,
        },
    }


WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    "strict": False,
}


def test_responses_client_on_messages_upstream_gets_its_thinking_back_byte_exact() -> None:
    turn_1 = {
        "model": "claude-sonnet-4-5",
        "input": "Weather in Paris?",
        "reasoning": {"effort": "high"},
        "max_output_tokens": 8000,
        "tools": [WEATHER_TOOL],
    }
    bridge = kw.Bridge(client="responses", upstream="messages")
    upstream_request = bridge.request(turn_1).body
    assert upstream_request["thinking"]["type"] == "enabled"
    assert 1024 <= upstream_request["thinking"]["budget_tokens"] < upstream_request["max_tokens"]

    tool_use = {"type": "tool_use", "id": "toolu_01A", "name": "get_weather", "input": {"city": "Paris"}}
    reply = bridge.response(anthropic_reply([ANTHROPIC_THINKING, tool_use], "tool_use")).body
    reasoning, call = reply["output"]
    assert reasoning["type"] == "reasoning"
    assert reasoning["id"].startswith("rs")
    assert reasoning["summary"] == [{"type": "summary_text", "text": ANTHROPIC_THINKING["thinking"]}]
    assert isinstance(reasoning["encrypted_content"], str)
    assert call["type"] == "function_call" and call["id"].startswith("fc")
    assert (call["call_id"], call["name"], call["arguments"]) == (
        "toolu_01A",
        "get_weather",
        '{"city":"Paris"}',
    )
    assert reply["status"] == "completed"
    # Usage in OpenAI's convention: input includes cache reads (WIRE.md §6.9).
    assert reply["usage"]["input_tokens"] == 1050
    assert reply["usage"]["input_tokens_details"]["cached_tokens"] == 1000

    turn_2 = dict(turn_1)
    turn_2["input"] = [
        {"role": "user", "content": "Weather in Paris?"},
        reasoning,
        call,
        {"type": "function_call_output", "call_id": "toolu_01A", "output": "18C, cloudy"},
    ]
    upstream_2 = kw.Bridge(client="responses", upstream="messages").request(turn_2).body
    assistant = upstream_2["messages"][1]
    assert assistant["role"] == "assistant"
    assert assistant["content"][0] == ANTHROPIC_THINKING  # the signature Anthropic issued, unchanged
    assert assistant["content"][1] == tool_use
    assert upstream_2["messages"][2]["content"][0]["type"] == "tool_result"
    assert upstream_2["thinking"]["type"] == "enabled"  # signed thinking present: no need to disable


def test_messages_client_on_chat_upstream_restores_long_tool_names() -> None:
    request = {
        "model": "gpt-4o",
        "max_tokens": 1024,
        "tools": [{"name": LONG_NAME, "input_schema": READ_SCHEMA}],
        "messages": [{"role": "user", "content": "Read a.txt"}],
    }
    bridge = kw.Bridge(client="messages", upstream="chat")
    upstream_request = bridge.request(request)
    short = upstream_request.body["tools"][0]["function"]["name"]
    assert OPENAI_NAME.fullmatch(short)
    assert [loss.code for loss in upstream_request.losses].count("tool_name_rewritten") == 1
    chat_reply = {
        "id": "chatcmpl-AbC",
        "object": "chat.completion",
        "created": 1763800000,
        "model": "gpt-4o-2024-08-06",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": short, "arguments": '{"paths":["a.txt"]}'},
                        }
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30},
    }
    reply = bridge.response(chat_reply).body
    assert reply["id"] == "msg_AbC"
    assert reply["content"] == [
        {"type": "tool_use", "id": "call_1", "name": LONG_NAME, "input": {"paths": ["a.txt"]}}
    ]
    assert reply["stop_reason"] == "tool_use"
    # Next turn, fresh Bridge: the long name in history is shortened exactly as before.
    request["messages"] = [
        *request["messages"],
        {"role": "assistant", "content": reply["content"]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "call_1", "content": "hello"}]},
    ]
    upstream_2 = kw.Bridge(client="messages", upstream="chat").request(request).body
    assistant = upstream_2["messages"][1]
    assert assistant["tool_calls"][0]["function"]["name"] == short
    assert upstream_2["messages"][2] == {"role": "tool", "tool_call_id": "call_1", "content": "hello"}


def test_bridge_error_maps_overloaded_for_an_openai_client() -> None:
    body = {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
        "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
    }
    converted = kw.Bridge(client="chat", upstream="messages").error(body, 529)
    # 529 is not a status OpenAI clients know: 503 is their "overloaded" (WIRE.md §4.3).
    assert converted.status == 503
    assert converted.body["error"]["message"] == "Overloaded"


def test_bridge_response_before_request_still_converts() -> None:
    reply = anthropic_reply([{"type": "text", "text": "hi"}], "end_turn")
    body = kw.Bridge(client="chat", upstream="messages").response(reply).body
    assert body["choices"][0]["message"]["content"] == "hi"
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["model"] == "claude-sonnet-4-5-20250929"


def test_bridge_remembers_the_client_request() -> None:
    bridge = kw.Bridge(client="chat", upstream="messages")
    assert bridge.client_request is None
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    bridge.request(body)
    assert bridge.client_request == body
    assert repr(bridge) == "Bridge(client='chat', upstream='messages')"
