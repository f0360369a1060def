"""Snapshots (syrupy) of curated recorded exchanges converted to both other APIs: body and losses.

Each case is one request or (non-stream) response of a recorded exchange converted to one other API;
the snapshot holds ``{"body": <converted body>, "losses": [[pointer, severity, code], ...]}``. Streamed
exchanges contribute their request only. Regenerate with
``uv run pytest tests/test_convert_snapshots.py --snapshot-update`` and review the diff against WIRE.md §6.
"""

from __future__ import annotations

from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

import kindo_wire as kw
from kindo_wire.api import Api
from tests.traffic import Exchange, exchanges

CURATED: list[str] = [
    # system prompt, tools, parallel tool calls
    "chat/crewai__TestMaxUsageCountWithNativeToolCalling.test_tool_usage_increments_after_successful_execution__0",
    # multi-turn, tool calls and tool results, message names
    "chat/crewai__TestNativeToolCallingHooksIntegration.test_agent_native_tool_hooks_before_and_after__2",
    # image as data URL
    "chat/crewai__TestOpenAIGPT5MultimodalIntegration.test_describe_image__0",
    # PDF file part
    "chat/pydantic-ai__document_as_binary_content_input__0",
    # audio input
    "chat/pydantic-ai__audio_as_binary_content_input__0",
    # structured output (json_schema)
    "chat/crewai__openai_response_format_with_pydantic_model__0",
    # finish_reason length
    "chat/crewai__openai_async_with_max_tokens__0",
    # cached prompt tokens
    "chat/crewai__openai_completions_cached_prompt_tokens__0",
    # refusal + logprobs request (stream)
    "chat/openai-python__refusal_logprobs_events__0",
    # n > 1 (stream)
    "chat/openai-python__parse_pydantic_model_multiple_choices__0",
    # system prompt
    "messages/crewai__anthropic_async_with_system_message__0",
    # thinking with signatures in history
    "messages/crewai__anthropic_thinking_blocks_preserved_across_turns__1",
    # redacted thinking
    "messages/pydantic-ai__anthropic_model_thinking_part_redacted__1",
    # stop sequence matched
    "messages/pydantic-ai__stop_settings_anthropic__0",
    # stop_reason max_tokens
    "messages/crewai__anthropic_async_with_max_tokens__0",
    # parallel tool_use blocks
    "messages/pydantic-ai__mixed_tools_no_output__0",
    # tool results with is_error
    "messages/anthropic-sdk__runners_TestSyncRunTools_10e53c1d__1",
    # base64 PDF document
    "messages/crewai__TestGenericFileIntegration.test_generic_file_pdf_anthropic__0",
    # cache_control, cache write tokens
    "messages/pydantic-ai__inline_system_prompt_cache_prefix_is_reused__0",
    # document file id, cache reads
    "messages/crewai__TestCrewMultimodalFileUpload.test_pdf_upload_anthropic__1",
    # reasoning items between tool calls
    "responses/llm__responses_interleaved_reasoning_between_tool_calls__3",
    # reasoning summary, encrypted content
    "responses/pydantic-ai__reasoning_summary_auto__0",
    # structured output (text.format)
    "responses/pydantic-ai__openai_responses_native_output_decimal_strict__0",
    # instructions, logprobs
    "responses/pydantic-ai__openai_instructions_with_responses_logprobs__0",
]

BY_NAME = {e.name: e for e in exchanges()}


def cases() -> list[Any]:
    found = []
    for name in CURATED:
        exchange = BY_NAME[name]
        kinds = ["request"] + (
            ["response"] if exchange.response is not None and exchange.status < 400 else []
        )
        for kind in kinds:
            for target in Api:
                if target.value != exchange.api:
                    found.append(pytest.param(name, kind, target, id=f"{name}-{kind}->{target.value}"))
    return found


def test_curated_exchanges_exist() -> None:
    assert set(CURATED) <= set(BY_NAME)
    assert 20 <= len(CURATED) <= 30


def snapshot_of(converted: kw.Converted) -> dict[str, Any]:
    return {
        "body": converted.body,
        "losses": [[loss.pointer, loss.severity.name, loss.code] for loss in converted.losses],
    }


@pytest.mark.parametrize(("name", "kind", "target"), cases())
def test_conversion_snapshot(name: str, kind: str, target: Api, snapshot: SnapshotAssertion) -> None:
    exchange: Exchange = BY_NAME[name]
    if kind == "request":
        converted = kw.convert_request(exchange.request, source=exchange.api, target=target)
    else:
        converted = kw.convert_response(exchange.response, source=exchange.api, target=target)
    assert snapshot_of(converted) == snapshot
