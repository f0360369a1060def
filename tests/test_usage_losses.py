"""Usage counts with no place in the target are reported one by one, where each is.

A usage breakdown the target cannot carry (Chat's ``audio_tokens``, Anthropic's
``cache_creation``) is lost count by count: a non-zero count is DEGRADED at its own pointer, a
zero is COSMETIC (the form, not a number), and a breakdown of nothing but zeros is one COSMETIC
loss at the object (``_carry.carry``), or none for Chat's, which keeps it as form (chat/usage.py).
"""

from __future__ import annotations

from typing import Any

import kindo_wire as kw


def chat_answer(prompt_details: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o-audio-preview",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": 64,
            "completion_tokens": 9,
            "total_tokens": 73,
            "prompt_tokens_details": prompt_details,
        },
    }


def usage_losses(converted: kw.Converted) -> list[tuple[str, str]]:
    return [
        (loss.pointer, loss.severity.name) for loss in converted.losses if loss.pointer.startswith("/usage")
    ]


def test_each_count_with_no_place_is_reported_where_it_is() -> None:
    body = chat_answer({"cached_tokens": 5, "audio_tokens": 49, "image_tokens": 0})
    for target in ("messages", "responses"):
        out = kw.convert_response(body, source="chat", target=target)
        assert usage_losses(out) == [
            ("/usage/prompt_tokens_details/audio_tokens", "DEGRADED"),
            ("/usage/prompt_tokens_details/image_tokens", "COSMETIC"),
        ]  # cached_tokens has a place in both: not reported


def test_a_chat_breakdown_of_zeros_is_form_not_loss() -> None:
    body = chat_answer({"cached_tokens": 5, "audio_tokens": 0, "image_tokens": 0})
    assert usage_losses(kw.convert_response(body, source="chat", target="messages")) == []


def test_anthropic_cache_creation_counts_are_reported_one_by_one() -> None:
    body = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": [{"type": "text", "text": "hi"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 3,
            "output_tokens": 1,
            "cache_creation_input_tokens": 10,
            "cache_creation": {"ephemeral_5m_input_tokens": 10, "ephemeral_1h_input_tokens": 0},
        },
    }
    out = kw.convert_response(body, source="messages", target="chat")
    assert usage_losses(out) == [
        ("/usage/cache_creation/ephemeral_5m_input_tokens", "DEGRADED"),
        ("/usage/cache_creation/ephemeral_1h_input_tokens", "COSMETIC"),
    ]
    assert out.body["usage"]["prompt_tokens_details"]["cache_write_tokens"] == 10  # the total crosses
    body["usage"]["cache_creation"] = {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0}
    body["usage"]["cache_creation_input_tokens"] = 0
    out = kw.convert_response(body, source="messages", target="chat")
    assert usage_losses(out) == [("/usage/cache_creation", "COSMETIC")]
