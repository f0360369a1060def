"""The request configuration a Response object echoes (WIRE.md §3.6).

A Response from another API has none of it: we echo the client's own Responses request when the
caller gives it (as the real API does), and the API's reported defaults otherwise. These are echoes,
not content: a Responses body decoded here keeps them under the ``~echo`` hint, so no other API
reports them lost.
"""

from __future__ import annotations

from typing import Any


def _defaults() -> dict[str, Any]:
    # What the API reports for a request that set none of these [observed in fixtures/traffic/responses].
    return {
        "instructions": None,
        "max_output_tokens": None,
        "metadata": {},
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "reasoning": {"effort": None, "summary": None},
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}},
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "truncation": "disabled",
        "user": None,
    }


# Echoed only when the client sent them.
ECHO_IF_SENT = (
    "background",
    "max_tool_calls",
    "prompt",
    "prompt_cache_key",
    "prompt_cache_retention",
    "safety_identifier",
    "top_logprobs",
)
# Every top-level field of a Response that echoes the request: those above, the conversation, and
# those the API echoes though we never write them (WIRE.md §3.6 and the SDK's Response type:
# `moderation`, `prompt_cache_options`; seen in fixtures/traffic/responses: the penalties). The
# client sent them: no other API reports them lost.
ECHO_KEYS = frozenset(
    {*_defaults(), *ECHO_IF_SENT, "conversation"}
    | {"moderation", "prompt_cache_options", "frequency_penalty", "presence_penalty"}
)
# Echoes whose request object the API fills up with its defaults.
_FILLED = ("reasoning", "text")


def echo(request: dict[str, Any] | None) -> dict[str, Any]:
    out = _defaults()
    if not request:
        return out
    for key in out:
        if key not in request or request[key] is None:
            continue
        value = request[key]
        if key in _FILLED and isinstance(value, dict):
            value = {**out[key], **value}
        out[key] = value
    for key in ECHO_IF_SENT:
        if request.get(key) is not None:
            out[key] = request[key]
    conversation = request.get("conversation")
    if isinstance(conversation, str):
        out["conversation"] = {"id": conversation}  # the response names it as an object (WIRE.md §3.6)
    elif isinstance(conversation, dict):
        out["conversation"] = conversation
    return out
