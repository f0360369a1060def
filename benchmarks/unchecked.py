"""The least a response translator can do: a lower bound for the conversion benchmark.

One function per direction between the three APIs' response bodies, written only for the shapes
of ``payloads/response_*`` (one text, then function calls; known stop reasons; usage). Each one
reads the fields it needs by key, with no check of any kind, reports no loss, and writes the
target's body: ``bench_convert.py`` asserts, outside the timing, that the bytes are *exactly* the
bytes ``kw.convert_response`` writes for each payload. So the time of these functions is what the
same output costs with everything kindo_wire adds taken out (validation of the input, the decision
between the fast and the general path, loss reporting, id and tool-name checks, the public
entry point) and only the JSON work and the field moves left.

These are not converters: any body of another shape raises, or is translated wrongly, silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from kindo_wire.responses.codec_echo import echo

loads, dumps = orjson.loads, orjson.dumps

# The echo a Responses body carries when the client request is not known: the same constant
# kw writes (built once here, as a translator would keep it).
_ECHO: dict[str, Any] = echo(None)
_CHAT_FINISH = {"tool_calls": "tool_use", "stop": "end_turn", "length": "max_tokens"}
_STOP_FINISH = {v: k for k, v in _CHAT_FINISH.items()}


def _responses_output(core: str, text: str | None, calls: list[tuple[str, str, str]]) -> list[Any]:
    output: list[Any] = []
    if text is not None:
        content = [{"type": "output_text", "text": text, "annotations": []}]
        output.append(
            {
                "type": "message",
                "id": f"msg_{core}_0",
                "status": "completed",
                "role": "assistant",
                "content": content,
            }
        )
    for call_id, name, arguments in calls:
        output.append(
            {
                "type": "function_call",
                "call_id": call_id,
                "name": name,
                "arguments": arguments,
                "id": f"fc_{core}_{len(output)}",
                "status": "completed",
            }
        )
    return output


def _responses(core: str, created: int, model: str, output: list[Any], usage: dict[str, Any]) -> bytes:
    return dumps(
        {
            "id": "resp_" + core,
            "object": "response",
            "created_at": created,
            "status": "completed",
            "error": None,
            "incomplete_details": None,
            "model": model,
            "output": output,
            **_ECHO,
            "usage": usage,
            "service_tier": "default",
        }
    )


def _chat(core: str, created: int, model: str, message: dict[str, Any], *, finish: str, usage: Any) -> bytes:
    choice = {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
    return dumps(
        {
            "id": "chatcmpl-" + core,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [choice],
            "usage": usage,
            "service_tier": "default",
        }
    )


def _chat_message(text: str | None, calls: list[tuple[str, str, str]]) -> dict[str, Any]:
    tool_calls = [{"id": i, "type": "function", "function": {"name": n, "arguments": a}} for i, n, a in calls]
    return {
        "role": "assistant",
        "content": text,
        "refusal": None,
        "annotations": [],
        "tool_calls": tool_calls,
    }


def _messages(core: str, model: str, blocks: list[Any], stop: str, usage: dict[str, Any]) -> bytes:
    return dumps(
        {
            "id": "msg_" + core,
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": blocks,
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": usage,
        }
    )


def chat_to_messages(raw: bytes) -> bytes:
    body = loads(raw)
    choice = body["choices"][0]
    message, usage = choice["message"], body["usage"]
    blocks: list[Any] = [{"type": "text", "text": message["content"]}]
    for call in message["tool_calls"]:
        function = call["function"]
        blocks.append(
            {
                "type": "tool_use",
                "id": call["id"],
                "name": function["name"],
                "input": loads(function["arguments"]),
            }
        )
    cached = usage["prompt_tokens_details"]["cached_tokens"]
    out_usage = {
        "input_tokens": usage["prompt_tokens"] - cached,
        "output_tokens": usage["completion_tokens"],
        "cache_read_input_tokens": cached,
        "output_tokens_details": {"thinking_tokens": usage["completion_tokens_details"]["reasoning_tokens"]},
        "service_tier": "standard",
    }
    core = body["id"][len("chatcmpl-") :]
    return _messages(core, body["model"], blocks, _CHAT_FINISH[choice["finish_reason"]], out_usage)


def chat_to_responses(raw: bytes) -> bytes:
    body = loads(raw)
    message, usage = body["choices"][0]["message"], body["usage"]
    calls = [(c["id"], c["function"]["name"], c["function"]["arguments"]) for c in message["tool_calls"]]
    core = body["id"][len("chatcmpl-") :]
    out_usage = {
        "input_tokens": usage["prompt_tokens"],
        "input_tokens_details": {
            "cached_tokens": usage["prompt_tokens_details"]["cached_tokens"],
            "cache_write_tokens": 0,
        },
        "output_tokens": usage["completion_tokens"],
        "output_tokens_details": {"reasoning_tokens": usage["completion_tokens_details"]["reasoning_tokens"]},
        "total_tokens": usage["total_tokens"],
    }
    output = _responses_output(core, message["content"], calls)
    return _responses(core, body["created"], body["model"], output, out_usage)


def _anthropic_usage(body: dict[str, Any]) -> tuple[int, int, int, int]:
    """(input tokens with the cache, cache read, cache write, output tokens)."""
    usage = body["usage"]
    read, write = usage["cache_read_input_tokens"], usage["cache_creation_input_tokens"]
    return usage["input_tokens"] + read + write, read, write, usage["output_tokens"]


def _anthropic_parts(body: dict[str, Any]) -> tuple[str | None, list[tuple[str, str, str]]]:
    text, calls = None, []
    for block in body["content"]:
        if block["type"] == "text":
            text = block["text"]
        else:
            calls.append((block["id"], block["name"], dumps(block["input"]).decode()))
    return text, calls


def messages_to_chat(raw: bytes) -> bytes:
    body = loads(raw)
    text, calls = _anthropic_parts(body)
    prompt, read, write, output = _anthropic_usage(body)
    out_usage = {
        "prompt_tokens": prompt,
        "completion_tokens": output,
        "total_tokens": prompt + output,
        "prompt_tokens_details": {"cached_tokens": read, "cache_write_tokens": write},
    }
    core = body["id"][len("msg_") :]
    finish = _STOP_FINISH[body["stop_reason"]]
    return _chat(core, 0, body["model"], _chat_message(text, calls), finish=finish, usage=out_usage)


def messages_to_responses(raw: bytes) -> bytes:
    body = loads(raw)
    text, calls = _anthropic_parts(body)
    prompt, read, write, output = _anthropic_usage(body)
    out_usage = {
        "input_tokens": prompt,
        "input_tokens_details": {"cached_tokens": read, "cache_write_tokens": write},
        "output_tokens": output,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": prompt + output,
    }
    core = body["id"][len("msg_") :]
    return _responses(core, 0, body["model"], _responses_output(core, text, calls), out_usage)


def _responses_parts(body: dict[str, Any]) -> tuple[str | None, list[tuple[str, str, str]]]:
    text, calls = None, []
    for item in body["output"]:
        if item["type"] == "message":
            text = item["content"][0]["text"]
        else:
            calls.append((item["call_id"], item["name"], item["arguments"]))
    return text, calls


def responses_to_chat(raw: bytes) -> bytes:
    body = loads(raw)
    text, calls = _responses_parts(body)
    usage = body["usage"]
    out_usage = {
        "prompt_tokens": usage["input_tokens"],
        "completion_tokens": usage["output_tokens"],
        "total_tokens": usage["total_tokens"],
        "prompt_tokens_details": usage["input_tokens_details"],
        "completion_tokens_details": usage["output_tokens_details"],
    }
    core = body["id"][len("resp_") :]
    return _chat(
        core,
        body["created_at"],
        body["model"],
        _chat_message(text, calls),
        finish="tool_calls",
        usage=out_usage,
    )


def responses_to_messages(raw: bytes) -> bytes:
    body = loads(raw)
    text, calls = _responses_parts(body)
    blocks: list[Any] = [{"type": "text", "text": text}]
    blocks += [{"type": "tool_use", "id": i, "name": n, "input": loads(a)} for i, n, a in calls]
    usage = body["usage"]
    details = usage["input_tokens_details"]
    read, write = details["cached_tokens"], details["cache_write_tokens"]
    out_usage = {
        "input_tokens": usage["input_tokens"] - read - write,
        "output_tokens": usage["output_tokens"],
        "cache_read_input_tokens": read,
        "cache_creation_input_tokens": write,
        "output_tokens_details": {"thinking_tokens": usage["output_tokens_details"]["reasoning_tokens"]},
        "service_tier": "standard",
    }
    core = body["id"][len("resp_") :]
    return _messages(core, body["model"], blocks, "tool_use", out_usage)


RESPONSES: dict[tuple[str, str], Callable[[bytes], bytes]] = {
    ("chat", "messages"): chat_to_messages,
    ("chat", "responses"): chat_to_responses,
    ("messages", "chat"): messages_to_chat,
    ("messages", "responses"): messages_to_responses,
    ("responses", "chat"): responses_to_chat,
    ("responses", "messages"): responses_to_messages,
}
