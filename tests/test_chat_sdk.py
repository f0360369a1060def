"""The Chat Completions schema against the official openai SDK: recorded and hand-written requests,
responses, chunks, errors and models that we parse and dump the SDK accepts, and every field the SDK
declares is a declared field of ours (with the same literal values), and vice versa."""

from __future__ import annotations

import json
from typing import Any

import openai.types as oa
import openai.types.chat as oac
import pytest
from openai.types.chat import chat_completion as oa_completion
from openai.types.chat import chat_completion_chunk as oa_chunk
from openai.types.chat import chat_completion_message as oa_message
from openai.types.chat import completion_create_params as oa_params
from openai.types.shared_params import response_format_json_schema as oa_json_schema
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import chat
from tests.chat_schema_helpers import (
    CHAT,
    ERRORS,
    FULL_CHUNKS,
    FULL_REQUEST,
    FULL_RESPONSE,
    MISSING_PART_TYPE,
    MODEL_LIST,
    REQUEST_VARIANTS,
    RESPONSES,
    STREAMS,
    ids,
    with_variant,
)
from tests.sdk_oracle import drain, literal_values, our_fields, sdk_fields
from tests.traffic import Exchange, stream_events

# -- 4. conformance with the official openai SDK ------------------------------------------------

# The SDK's request type is a TypedDict; pydantic can validate it, but its `Iterable[...]` fields come
# out as lazy ValidatorIterators whose items are only checked when iterated, so `drain` iterates them
# all (recursively) to surface item errors. Validation is strict, like ours, so "100" is not an int.
SDK_REQUEST = TypeAdapter(oa_params.CompletionCreateParamsNonStreaming)
SDK_STREAM_REQUEST = TypeAdapter(oa_params.CompletionCreateParamsStreaming)


def sdk_request(body: dict[str, Any]) -> Any:
    adapter = SDK_STREAM_REQUEST if body.get("stream") is True else SDK_REQUEST
    return drain(adapter.validate_python(body, strict=True))


def sdk_accepts(body: dict[str, Any]) -> bool:
    try:
        sdk_request(body)
    except ValidationError:
        return False
    return True


def test_drain_surfaces_item_errors() -> None:
    bad_part = {"model": "m", "messages": [{"role": "user", "content": [{"type": "text"}]}]}
    SDK_REQUEST.validate_python(bad_part, strict=True)  # lazily "valid" ...
    with pytest.raises(ValidationError):  # ... until drained
        sdk_request(bad_part)


@pytest.mark.parametrize("ex", CHAT, ids=ids(CHAT))
def test_recorded_request_agrees_with_sdk(ex: Exchange) -> None:
    if ex.name == MISSING_PART_TYPE:
        # Both reject it. The SDK also rejects `"tools": null` (its `tools` is not Optional; ours
        # accepts null like every optional field); without it, the SDK rejects the missing part type.
        assert not sdk_accepts(ex.request)
        without_tools = {k: v for k, v in ex.request.items() if k != "tools"}
        with pytest.raises(ValidationError) as info:
            sdk_request(without_tools)
        # a lazily validated item reports its location relative to its own list: content[0].type
        errors = info.value.errors()
        assert all(e["loc"][0] == 0 for e in errors)
        assert any(e["loc"][-1] == "type" and e["type"] == "missing" for e in errors)
        with pytest.raises(ValidationError):
            chat.ChatCompletionRequest.model_validate(without_tools)
        return
    assert sdk_accepts(ex.request)
    ours = chat.ChatCompletionRequest.model_validate(ex.request).dump()
    assert sdk_accepts(ours)


@pytest.mark.parametrize(
    "body",
    [FULL_REQUEST, *(with_variant(f, v) for f, v in REQUEST_VARIANTS)],
    ids=["full", *(f"{f}={json.dumps(v)[:40]}" for f, v in REQUEST_VARIANTS)],
)
def test_full_request_agrees_with_sdk(body: dict[str, Any]) -> None:
    sdk_request(body)
    sdk_request(chat.ChatCompletionRequest.model_validate(body).dump())


def sdk_round_trip(sdk_model: type[BaseModel], ours: dict[str, Any]) -> dict[str, Any]:
    """The SDK model's view of our dump. Compared with `==`, not `same_json`: the SDK (lax) turns an
    integral `logprob` or score into a float, so 0 vs 0.0 differences are the SDK's, not ours."""
    parsed = sdk_model.model_validate(ours)
    dumped: dict[str, Any] = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == ours
    return dumped


@pytest.mark.parametrize(
    "body", [FULL_RESPONSE, *(e.response for e in RESPONSES)], ids=["full", *ids(RESPONSES)]
)
def test_response_agrees_with_sdk(body: dict[str, Any]) -> None:
    ours = chat.ChatCompletion.model_validate(body)
    sdk = oac.ChatCompletion.model_validate(ours.dump())
    sdk_round_trip(oac.ChatCompletion, ours.dump())
    assert sdk.id == ours.id and sdk.model == ours.model and sdk.created == ours.created
    assert [c.finish_reason for c in sdk.choices] == [c.finish_reason for c in ours.choices]
    assert [c.message.content for c in sdk.choices] == [c.message.content for c in ours.choices]
    for sdk_choice, our_choice in zip(sdk.choices, ours.choices, strict=True):
        sdk_calls = [(c.id, c.type) for c in sdk_choice.message.tool_calls or []]
        assert sdk_calls == [(c.dump()["id"], c.type) for c in our_choice.message.tool_calls or []]
    if ours.usage is not None:
        assert sdk.usage is not None and sdk.usage.total_tokens == ours.usage.total_tokens


STREAM_PAYLOADS = [
    (f"{ex.name}#{i}", data)
    for ex in STREAMS
    for i, (_, data) in enumerate(stream_events(ex))
    if data != "[DONE]" and "error" not in json.loads(data)
] + [(f"full#{i}", json.dumps(c)) for i, c in enumerate(FULL_CHUNKS)]


@pytest.mark.parametrize("data", [d for _, d in STREAM_PAYLOADS], ids=[n for n, _ in STREAM_PAYLOADS])
def test_chunk_agrees_with_sdk(data: str) -> None:
    ours = chat.STREAM_EVENT_ADAPTER.validate_json(data)
    assert isinstance(ours, chat.ChatCompletionChunk)
    sdk = oac.ChatCompletionChunk.model_validate(ours.dump())
    sdk_round_trip(oac.ChatCompletionChunk, ours.dump())
    assert (sdk.id, sdk.model, sdk.created) == (ours.id, ours.model, ours.created)
    for sdk_choice, our_choice in zip(sdk.choices, ours.choices, strict=True):
        assert sdk_choice.delta.content == our_choice.delta.content
        assert sdk_choice.finish_reason == our_choice.finish_reason
        sdk_calls = [(c.index, c.id) for c in sdk_choice.delta.tool_calls or []]
        assert sdk_calls == [(c.index, c.id) for c in our_choice.delta.tool_calls or []]


def test_errors_and_models_agree_with_sdk() -> None:
    bodies = [e.response for e in ERRORS] + [
        json.loads(data) for ex in STREAMS for _, data in stream_events(ex) if data.startswith('{"error"')
    ]
    assert len(bodies) == len(ERRORS) + 1
    for body in bodies:
        ours = chat.ErrorResponse.model_validate(body).dump()
        sdk_round_trip(oa.shared.ErrorObject, ours["error"])
    for model in chat.ModelList.model_validate(MODEL_LIST).dump()["data"]:
        sdk_round_trip(oa.Model, model)


# -- every field the SDK declares is a declared field of ours, and vice versa -------------------

# (SDK type, our model, wire fields we declare that this SDK type does not)
FIELD_PAIRS: list[tuple[Any, type[BaseModel], set[str]]] = [
    (oa_params.CompletionCreateParamsStreaming, chat.ChatCompletionRequest, set()),
    (oa_params.CompletionCreateParamsNonStreaming, chat.ChatCompletionRequest, set()),
    (oac.ChatCompletionDeveloperMessageParam, chat.DeveloperMessage, set()),
    (oac.ChatCompletionSystemMessageParam, chat.SystemMessage, set()),
    (oac.ChatCompletionUserMessageParam, chat.UserMessage, set()),
    (oac.ChatCompletionAssistantMessageParam, chat.AssistantMessage, set()),
    (oac.ChatCompletionToolMessageParam, chat.ToolMessage, set()),
    (oac.ChatCompletionFunctionMessageParam, chat.FunctionMessage, set()),
    (oac.chat_completion_assistant_message_param.Audio, chat.AssistantAudio, set()),
    (oac.ChatCompletionContentPartTextParam, chat.TextPart, set()),
    (oac.ChatCompletionContentPartImageParam, chat.ImagePart, set()),
    (oac.chat_completion_content_part_image_param.ImageURL, chat.ImageURL, set()),
    (oac.ChatCompletionContentPartInputAudioParam, chat.InputAudioPart, set()),
    (oac.chat_completion_content_part_input_audio_param.InputAudio, chat.InputAudio, set()),
    (oac.chat_completion_content_part_param.File, chat.FilePart, set()),
    (oac.chat_completion_content_part_param.FileFile, chat.File, set()),
    (oac.chat_completion_content_part_text_param.PromptCacheBreakpoint, chat.PromptCacheBreakpoint, set()),
    (oac.ChatCompletionContentPartRefusalParam, chat.RefusalPart, set()),
    (oa.shared_params.FunctionDefinition, chat.FunctionDefinition, set()),
    (oa_params.Function, chat.FunctionDefinition, {"strict"}),
    (oac.ChatCompletionFunctionToolParam, chat.FunctionTool, set()),
    (oac.ChatCompletionCustomToolParam, chat.CustomTool, set()),
    (oac.chat_completion_custom_tool_param.Custom, chat.CustomToolDefinition, set()),
    (oac.chat_completion_custom_tool_param.CustomFormatText, chat.CustomToolTextFormat, set()),
    (oac.chat_completion_custom_tool_param.CustomFormatGrammar, chat.CustomToolGrammarFormat, set()),
    (oac.chat_completion_custom_tool_param.CustomFormatGrammarGrammar, chat.CustomToolGrammar, set()),
    (oac.ChatCompletionNamedToolChoiceParam, chat.NamedFunctionToolChoice, set()),
    (oac.ChatCompletionNamedToolChoiceCustomParam, chat.NamedCustomToolChoice, set()),
    (oac.chat_completion_named_tool_choice_param.Function, chat.ToolName, set()),
    (oac.ChatCompletionFunctionCallOptionParam, chat.ToolName, set()),
    (oac.ChatCompletionAllowedToolChoiceParam, chat.AllowedToolsChoice, set()),
    (oac.ChatCompletionAllowedToolsParam, chat.AllowedTools, set()),
    (oac.ChatCompletionMessageFunctionToolCallParam, chat.FunctionToolCall, set()),
    (oac.chat_completion_message_function_tool_call_param.Function, chat.FunctionCall, set()),
    (oac.ChatCompletionMessageCustomToolCallParam, chat.CustomToolCall, set()),
    (oac.chat_completion_message_custom_tool_call_param.Custom, chat.CustomCall, set()),
    (oa.shared_params.ResponseFormatText, chat.ResponseFormatText, set()),
    (oa.shared_params.ResponseFormatJSONObject, chat.ResponseFormatJSONObject, set()),
    (oa.shared_params.ResponseFormatJSONSchema, chat.ResponseFormatJSONSchema, set()),
    (oa_json_schema.JSONSchema, chat.JSONSchemaFormat, set()),
    (oac.ChatCompletionAudioParam, chat.AudioParams, set()),
    (oac.chat_completion_audio_param.VoiceID, chat.VoiceId, set()),
    (oac.ChatCompletionPredictionContentParam, chat.Prediction, set()),
    (oac.ChatCompletionStreamOptionsParam, chat.StreamOptions, set()),
    (oa_params.WebSearchOptions, chat.WebSearchOptions, set()),
    (oa_params.WebSearchOptionsUserLocation, chat.UserLocation, set()),
    (oa_params.WebSearchOptionsUserLocationApproximate, chat.ApproximateLocation, set()),
    (oa_params.PromptCacheOptions, chat.PromptCacheOptions, set()),
    (oa_params.Moderation, chat.ModerationOptions, set()),
    (oa_params.ModerationPolicy, chat.ModerationPolicy, set()),
    (oa_params.ModerationPolicyInput, chat.ModerationMode, set()),
    (oa_params.ModerationPolicyOutput, chat.ModerationMode, set()),
    (oac.ChatCompletion, chat.ChatCompletion, set()),
    (oa_completion.Choice, chat.Choice, set()),
    (oa_completion.ChoiceLogprobs, chat.ChoiceLogprobs, set()),
    (oa_completion.Moderation, chat.Moderation, set()),
    (oa_completion.ModerationInputModerationResults, chat.ModerationResults, set()),
    (oa_completion.ModerationInputModerationResultsResult, chat.ModerationResult, set()),
    (oa_completion.ModerationInputError, chat.ModerationError, set()),
    (oac.ChatCompletionMessage, chat.ResponseMessage, set()),
    (oa_message.Annotation, chat.URLCitationAnnotation, set()),
    (oa_message.AnnotationURLCitation, chat.URLCitation, set()),
    (oa_message.FunctionCall, chat.FunctionCall, set()),
    (oac.ChatCompletionAudio, chat.MessageAudio, set()),
    (oac.ChatCompletionMessageFunctionToolCall, chat.FunctionToolCall, set()),
    (oac.ChatCompletionMessageCustomToolCall, chat.CustomToolCall, set()),
    (oac.ChatCompletionTokenLogprob, chat.TokenLogprob, set()),
    (oac.chat_completion_token_logprob.TopLogprob, chat.TopLogprob, set()),
    (oa.CompletionUsage, chat.Usage, set()),
    (oa.completion_usage.PromptTokensDetails, chat.PromptTokensDetails, set()),
    (oa.completion_usage.CompletionTokensDetails, chat.CompletionTokensDetails, set()),
    (oac.ChatCompletionChunk, chat.ChatCompletionChunk, {"obfuscation"}),  # [DF:wire], not in the SDK
    (oa_chunk.Choice, chat.ChunkChoice, set()),
    (oa_chunk.ChoiceDelta, chat.Delta, set()),
    (oa_chunk.ChoiceDeltaToolCall, chat.ToolCallDelta, set()),
    (oa_chunk.ChoiceDeltaToolCallFunction, chat.FunctionCallDelta, set()),
    (oa_chunk.ChoiceDeltaFunctionCall, chat.FunctionCallDelta, set()),
    (oa.shared.ErrorObject, chat.ErrorObject, set()),
    (oa.Model, chat.Model, set()),
]


@pytest.mark.parametrize(
    ("sdk_type", "model", "extra"),
    FIELD_PAIRS,
    ids=[f"{getattr(s, '__module__', '').rsplit('.', 1)[-1]}.{s.__name__}" for s, _, _ in FIELD_PAIRS],
)
def test_fields_match_sdk(sdk_type: Any, model: type[BaseModel], extra: set[str]) -> None:
    theirs, ours = sdk_fields(sdk_type), our_fields(model)
    assert set(theirs) == set(ours) - extra
    for name, annotation in theirs.items():
        their_values, our_values = literal_values(annotation), literal_values(ours[name])
        if their_values is None:
            continue
        if our_values is not None:
            assert our_values == their_values, name
        elif name != "stream":  # the SDK splits the request type on stream: Literal[True] / Literal[False]
            assert (model.__name__, name) in OPEN_STRINGS, name
        accepts = TypeAdapter(ours[name])
        for value in their_values:
            accepts.validate_python(value, strict=True)


# Fields the SDK types as a Literal that we keep an open string: values that grow (new tiers, efforts,
# finish reasons, TTLs) or that are response-side, where a gateway must not reject what the API sends.
OPEN_STRINGS = {
    ("ChatCompletionRequest", "reasoning_effort"),
    ("ChatCompletionRequest", "service_tier"),
    ("PromptCacheOptions", "ttl"),
    ("ChatCompletion", "object"),
    ("ChatCompletion", "service_tier"),
    ("Choice", "finish_reason"),
    ("ModerationResult", "type"),
    ("ResponseMessage", "role"),
    ("ChatCompletionChunk", "object"),
    ("ChatCompletionChunk", "service_tier"),
    ("ChunkChoice", "finish_reason"),
    ("Delta", "role"),
    ("ToolCallDelta", "type"),
    ("Model", "object"),
}
