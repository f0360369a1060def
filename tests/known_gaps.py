"""Open defects of issue 3: differences after ``A -> B -> A`` that no reported loss covers yet.

``test_convert_properties`` fails on any *other* uncovered difference, so this list can only shrink.
Each entry is (bodies, pair, JSON Pointer pattern with ``*`` for list indices, diff kind). They fall
in four groups, all to be fixed by reporting a loss in the ``A -> B`` encoder or by restoring the
form on the way back:

- form not carried: a field spelled two ways (``max_tokens`` vs ``max_completion_tokens``, ``user``
  vs ``safety_identifier``, ``stop`` string vs list), string vs part-list content, defaults made
  explicit (``strict``, ``parameters``, ``detail``, usage detail objects, ``annotations: []``);
- knobs dropped without a loss: ``metadata``, ``stream_options``, ``store``, ``reasoning.summary``,
  ``thinking: disabled``, ``disable_parallel_tool_use: false``, Chat usage detail counters,
  ``service_tier``;
- Responses ``input`` as a bare string comes back as a one-message list;
- Responses ``instructions`` vs a leading system input message: sending one back as the other
  shifts every ``/input`` index, so through Chat the whole input list differs;
- Anthropic ``stop_sequence`` reported through a target without one.
"""

from __future__ import annotations

import re

KNOWN_GAPS: frozenset[tuple[str, str, str, str]] = frozenset(
    {
        ("requests", "chat->messages", "/max_completion_tokens", "added"),
        ("requests", "chat->messages", "/max_tokens", "missing"),
        ("requests", "chat->messages", "/messages/*/content", "added"),
        ("requests", "chat->messages", "/messages/*/content", "changed"),
        ("requests", "chat->messages", "/messages/*/content/*/image_url/detail", "missing"),
        ("requests", "chat->messages", "/metadata", "missing"),
        ("requests", "chat->messages", "/parallel_tool_calls", "missing"),
        ("requests", "chat->messages", "/safety_identifier", "added"),
        ("requests", "chat->messages", "/stop", "changed"),
        ("requests", "chat->messages", "/stream_options", "missing"),
        ("requests", "chat->messages", "/tool_choice", "added"),
        ("requests", "chat->messages", "/tools/*/function/parameters", "added"),
        ("requests", "chat->messages", "/tools/*/function/strict", "changed"),
        ("requests", "chat->messages", "/user", "missing"),
        ("requests", "chat->responses", "/max_completion_tokens", "added"),
        ("requests", "chat->responses", "/max_tokens", "missing"),
        ("requests", "chat->responses", "/messages/*/content", "added"),
        ("requests", "chat->responses", "/messages/*/content", "changed"),
        ("requests", "chat->responses", "/messages/*/content/*/image_url/detail", "added"),
        ("requests", "chat->responses", "/stream_options", "missing"),
        ("requests", "chat->responses", "/tools/*/function/strict", "added"),
        ("requests", "messages->chat", "/tool_choice/disable_parallel_tool_use", "missing"),
        ("requests", "messages->responses", "/messages/*/content", "changed"),
        ("requests", "messages->responses", "/stop_sequences", "missing"),
        ("requests", "messages->responses", "/thinking", "missing"),
        ("requests", "messages->responses", "/tool_choice/disable_parallel_tool_use", "missing"),
        ("requests", "messages->responses", "/tools/*/strict", "added"),
        ("requests", "responses->chat", "/input", "changed"),
        ("requests", "responses->chat", "/input", "length"),
        ("requests", "responses->chat", "/input/*/arguments", "added"),
        ("requests", "responses->chat", "/input/*/arguments", "changed"),
        ("requests", "responses->chat", "/input/*/arguments", "missing"),
        ("requests", "responses->chat", "/input/*/call_id", "added"),
        ("requests", "responses->chat", "/input/*/call_id", "changed"),
        ("requests", "responses->chat", "/input/*/call_id", "missing"),
        ("requests", "responses->chat", "/input/*/content", "added"),
        ("requests", "responses->chat", "/input/*/content", "changed"),
        ("requests", "responses->chat", "/input/*/content", "length"),
        ("requests", "responses->chat", "/input/*/content", "missing"),
        ("requests", "responses->chat", "/input/*/id", "missing"),
        ("requests", "responses->chat", "/input/*/name", "added"),
        ("requests", "responses->chat", "/input/*/name", "changed"),
        ("requests", "responses->chat", "/input/*/name", "missing"),
        ("requests", "responses->chat", "/input/*/output", "added"),
        ("requests", "responses->chat", "/input/*/output", "changed"),
        ("requests", "responses->chat", "/input/*/output", "missing"),
        ("requests", "responses->chat", "/input/*/role", "added"),
        ("requests", "responses->chat", "/input/*/role", "changed"),
        ("requests", "responses->chat", "/input/*/role", "missing"),
        ("requests", "responses->chat", "/input/*/status", "missing"),
        ("requests", "responses->chat", "/input/*/type", "added"),
        ("requests", "responses->chat", "/input/*/type", "changed"),
        ("requests", "responses->chat", "/input/*/type", "missing"),
        ("requests", "responses->chat", "/instructions", "missing"),
        ("requests", "responses->messages", "/input", "changed"),
        ("requests", "responses->messages", "/input", "length"),
        ("requests", "responses->messages", "/input/*/content", "changed"),
        ("requests", "responses->messages", "/input/*/id", "missing"),
        ("requests", "responses->messages", "/input/*/status", "missing"),
        ("requests", "responses->messages", "/input/*/type", "missing"),
        ("requests", "responses->messages", "/instructions", "added"),
        ("requests", "responses->messages", "/metadata", "missing"),
        ("requests", "responses->messages", "/parallel_tool_calls", "missing"),
        ("requests", "responses->messages", "/reasoning", "missing"),
        ("requests", "responses->messages", "/reasoning/summary", "missing"),
        ("requests", "responses->messages", "/safety_identifier", "added"),
        ("requests", "responses->messages", "/store", "missing"),
        ("requests", "responses->messages", "/tool_choice", "added"),
        ("requests", "responses->messages", "/tools/*/parameters", "changed"),
        ("requests", "responses->messages", "/tools/*/strict", "changed"),
        ("requests", "responses->messages", "/user", "missing"),
        ("responses", "chat->messages", "/choices/*/message/annotations", "added"),
        ("responses", "chat->messages", "/service_tier", "missing"),
        (
            "responses",
            "chat->messages",
            "/usage/completion_tokens_details/accepted_prediction_tokens",
            "missing",
        ),
        ("responses", "chat->messages", "/usage/completion_tokens_details/audio_tokens", "missing"),
        (
            "responses",
            "chat->messages",
            "/usage/completion_tokens_details/rejected_prediction_tokens",
            "missing",
        ),
        ("responses", "chat->messages", "/usage/prompt_tokens_details/audio_tokens", "missing"),
        ("responses", "chat->responses", "/choices/*/message/annotations", "added"),
        ("responses", "chat->responses", "/usage/completion_tokens_details", "added"),
        (
            "responses",
            "chat->responses",
            "/usage/completion_tokens_details/accepted_prediction_tokens",
            "missing",
        ),
        ("responses", "chat->responses", "/usage/completion_tokens_details/audio_tokens", "missing"),
        (
            "responses",
            "chat->responses",
            "/usage/completion_tokens_details/rejected_prediction_tokens",
            "missing",
        ),
        ("responses", "chat->responses", "/usage/prompt_tokens_details", "added"),
        ("responses", "chat->responses", "/usage/prompt_tokens_details/audio_tokens", "missing"),
        ("responses", "chat->responses", "/usage/prompt_tokens_details/cache_write_tokens", "added"),
        ("responses", "messages->chat", "/stop_sequence", "changed"),
        ("responses", "messages->responses", "/stop_sequence", "changed"),
        ("responses", "messages->responses", "/usage/cache_creation_input_tokens", "added"),
        ("responses", "messages->responses", "/usage/cache_read_input_tokens", "added"),
        ("responses", "messages->responses", "/usage/output_tokens_details", "added"),
        ("responses", "responses->chat", "/user", "added"),
        ("responses", "responses->messages", "/user", "added"),
    }
)

_INDEX = re.compile(r"/\d+(?=/|$)")


def is_known_gap(bodies: str, source: str, target: str, pointer: str, kind: str) -> bool:
    """Whether an uncovered difference is one of the open defects listed above."""
    return (bodies, f"{source}->{target}", _INDEX.sub("/*", pointer), kind) in KNOWN_GAPS
