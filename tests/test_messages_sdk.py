"""The Anthropic Messages schema against the official anthropic SDK: what we parse and dump agrees
with the SDK's types and stream reader, and every SDK field is declared with the same literal values."""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Iterator, Mapping
from typing import Any, get_args

import anthropic
import anthropic.types as at
import httpx2
import pytest
from anthropic.types import message_create_params as at_params
from anthropic.types import raw_message_delta_event as at_delta
from anthropic.types import shared as at_shared
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import messages as am
from kindo_wire._wire import UnknownTyped
from tests.messages_bodies import (
    ERROR_EVENT,
    ERRORS,
    FULL_EVENTS,
    FULL_REQUEST,
    FULL_RESPONSE,
    MESSAGE_START,
    MESSAGES,
    MODEL_LIST,
    REQUEST_VARIANTS,
    RESPONSE_BODIES,
    RESPONSE_CITATIONS,
    RESPONSES,
    STREAMS,
    event_dump,
    event_id,
    ids,
    with_variant,
)
from tests.sdk_oracle import literal_values, our_fields, sdk_fields
from tests.traffic import Exchange, same_json, stream_events

# -- 4. conformance with the official SDK (anthropic 2.12.0) -----------------------------------

SDK_REQUEST = TypeAdapter(at_params.MessageCreateParamsNonStreaming)
SDK_STREAM_REQUEST = TypeAdapter(at_params.MessageCreateParamsStreaming)
SDK_EVENT = TypeAdapter(at.RawMessageStreamEvent)
SDK_SERVER_TOOL_NAMES = frozenset(get_args(at.ServerToolUseBlock.model_fields["name"].annotation))


class LazyItemError(Exception):
    """An item of a lazily validated ``Iterable`` failed; ``path`` locates the iterable."""

    def __init__(self, path: tuple[Any, ...], error: ValidationError) -> None:
        super().__init__(str(error))
        self.path, self.error = path, error


def drain(value: Any, path: tuple[Any, ...] = ()) -> Any:
    """Turn pydantic's lazy ``ValidatorIterator``\\ s (for ``Iterable[...]``) into lists, so item
    errors surface, with the iterable's path prepended to their location."""
    if isinstance(value, BaseModel):
        return value
    if isinstance(value, Mapping):
        return {k: drain(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, Iterator):
        try:
            value = list(value)
        except ValidationError as error:
            raise LazyItemError(path, error) from error
    if isinstance(value, (list, tuple)):
        return [drain(v, (*path, i)) for i, v in enumerate(value)]
    return value


SDK_WEB_SEARCH_ERROR = TypeAdapter(at.WebSearchToolRequestErrorParam)


def sdk_request_rejections(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Where the SDK request TypedDict rejects ``body`` (empty: accepted).

    One pydantic artifact is worked around: the SDK types ``web_search_tool_result.content`` as
    ``Union[Iterable[WebSearchResultBlockParam], WebSearchToolRequestErrorParam]``, and pydantic's
    lazy ``Iterable`` validator takes the error *object* (a dict is iterable, over its keys) and only
    fails when drained. Such a node is checked against the object member instead, then replaced by a
    valid empty list so the rest of the body is still checked."""
    adapter = SDK_STREAM_REQUEST if body.get("stream") is True else SDK_REQUEST
    body = copy.deepcopy(body)
    while True:
        try:
            drain(adapter.validate_python(body, strict=True))
        except ValidationError as error:
            return [tuple(e["loc"]) for e in error.errors()]
        except LazyItemError as lazy:
            *parent_path, key = lazy.path
            parent: Any = body
            for step in parent_path:
                parent = parent[step]
            node = parent[key]
            if not (
                isinstance(node, dict) and key == "content" and parent.get("type") == "web_search_tool_result"
            ):
                return [(*lazy.path, *e["loc"]) for e in lazy.error.errors()]
            try:
                SDK_WEB_SEARCH_ERROR.validate_python(node, strict=True)
            except ValidationError as error:
                return [(*lazy.path, *e["loc"]) for e in error.errors()]
            parent[key] = []
        else:
            return []


def test_drain_surfaces_item_errors() -> None:
    bad = {"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [{"type": "text"}]}]}
    SDK_REQUEST.validate_python(bad, strict=True)  # lazily "valid" ...
    rejections = sdk_request_rejections(bad)  # ... until drained
    assert rejections and all(loc[:4] == ("messages", 0, "content", 0) for loc in rejections)


@pytest.mark.parametrize(("code", "accepted"), [("max_uses_exceeded", True), ("bogus_code", False)])
def test_web_search_error_content_is_checked_against_the_sdk(code: str, accepted: bool) -> None:
    block = {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_1",
        "content": {"type": "web_search_tool_result_error", "error_code": code},
    }
    body = {"model": "m", "max_tokens": 1, "messages": [{"role": "assistant", "content": [block, block]}]}
    rejections = sdk_request_rejections(body)
    if accepted:
        assert rejections == []
    else:
        assert rejections == [("messages", 0, "content", 0, "content", "error_code")]
    am.MessageCreateRequest.model_validate(body)  # error codes grow: ours keeps them open


def request_sdk_gaps(parsed: am.MessageCreateRequest) -> set[tuple[Any, ...]]:
    """The parts of a request SDK 2.12.0 cannot type: tools and blocks our schema keeps in a catch-all
    (beta or newer tool families such as ``advisor_20260301``, beta block types)."""
    gaps: set[tuple[Any, ...]] = {
        ("tools", i) for i, t in enumerate(parsed.tools or []) if type(t) is am.AnthropicDefinedTool
    }
    for m, message in enumerate(parsed.messages):
        if isinstance(message.content, list):
            gaps |= {
                ("messages", m, "content", b)
                for b, blk in enumerate(message.content)
                if type(blk) is UnknownTyped
            }
    return gaps


def prune(body: dict[str, Any], gaps: set[tuple[Any, ...]]) -> dict[str, Any]:
    pruned = copy.deepcopy(body)
    for path in sorted(gaps, reverse=True):  # later indices first
        node: Any = pruned
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return pruned


@pytest.mark.parametrize("ex", MESSAGES, ids=ids(MESSAGES))
def test_recorded_request_agrees_with_sdk(ex: Exchange) -> None:
    ours = am.MessageCreateRequest.model_validate(ex.request)
    dumped = ours.dump()
    gaps = request_sdk_gaps(ours)
    if not gaps:
        assert sdk_request_rejections(ex.request) == []
        assert sdk_request_rejections(dumped) == []
        return
    # The SDK rejects the recorded body exactly where our schema holds a catch-all member ...
    rejections = sdk_request_rejections(ex.request)
    assert rejections
    assert all(any(loc[: len(gap)] == gap for gap in gaps) for loc in rejections)
    assert sdk_request_rejections(dumped) == rejections
    # ... and accepts everything else.
    assert sdk_request_rejections(prune(dumped, gaps)) == []


def test_only_beta_requests_fall_outside_the_sdk() -> None:
    outside = {
        ex.name for ex in MESSAGES if request_sdk_gaps(am.MessageCreateRequest.model_validate(ex.request))
    }
    assert outside == {"messages/pydantic-ai__anthropic_advisor_tool__0"}


def test_legacy_sampling_fields_are_ignored_by_the_sdk_type() -> None:
    # SDK 2.12.0 dropped temperature/top_p/top_k from its TypedDict ([AN-old] still had them); pydantic
    # ignores unknown TypedDict keys, so the SDK "accepts" such bodies by dropping the fields, while
    # our schema keeps and types them.
    declared = typing.get_type_hints(at_params.MessageCreateParamsNonStreaming)
    assert not {"temperature", "top_p", "top_k"} & set(declared)
    with_temperature = [ex for ex in MESSAGES if "temperature" in ex.request]
    assert len(with_temperature) == 17
    for ex in with_temperature:
        assert "temperature" not in drain(SDK_REQUEST.validate_python({**ex.request, "stream": False}))
        assert am.MessageCreateRequest.model_validate(ex.request).temperature == ex.request["temperature"]


@pytest.mark.parametrize(
    "body",
    [FULL_REQUEST, *(with_variant(f, v) for f, v in REQUEST_VARIANTS)],
    ids=["full", *(f"{f}={json.dumps(v)[:30]}" for f, v in REQUEST_VARIANTS)],
)
def test_full_request_agrees_with_sdk(body: dict[str, Any]) -> None:
    assert sdk_request_rejections(body) == []
    assert sdk_request_rejections(am.MessageCreateRequest.model_validate(body).dump()) == []


def response_sdk_gaps(parsed: am.Message) -> tuple[set[int], bool]:
    """Content indices SDK 2.12.0 cannot type (beta block types, server tools newer than its
    ``ServerToolUseBlock.name`` literal) and whether ``usage.server_tool_use`` lacks
    ``web_fetch_requests`` (older responses; the SDK requires it)."""
    blocks = {
        i
        for i, b in enumerate(parsed.content)
        if type(b) is UnknownTyped
        or (isinstance(b, am.ServerToolUseBlock) and b.name not in SDK_SERVER_TOOL_NAMES)
    }
    stu = parsed.usage.server_tool_use
    return blocks, stu is not None and stu.web_fetch_requests is None


def assert_sdk_message_agrees(sdk: at.Message, ours: am.Message) -> None:
    assert (sdk.id, sdk.model, sdk.role, sdk.type) == (ours.id, ours.model, ours.role, ours.type)
    assert (sdk.stop_reason, sdk.stop_sequence) == (ours.stop_reason, ours.stop_sequence)
    assert [b.type for b in sdk.content] == [b.type for b in ours.content]
    assert (sdk.usage.input_tokens, sdk.usage.output_tokens) == (
        ours.usage.input_tokens,
        ours.usage.output_tokens,
    )
    assert sdk.usage.cache_read_input_tokens == ours.usage.cache_read_input_tokens
    assert sdk.usage.service_tier == ours.usage.service_tier
    for theirs, mine in zip(sdk.content, ours.content, strict=True):
        if isinstance(mine, (am.ToolUseBlock, am.ServerToolUseBlock)):
            assert (getattr(theirs, "id", None), getattr(theirs, "input", None)) == (mine.id, mine.input)
        if isinstance(mine, am.TextBlock):
            assert getattr(theirs, "text", None) == mine.text


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_recorded_response_agrees_with_sdk(ex: Exchange) -> None:
    ours = am.Message.model_validate(ex.response)
    dumped = ours.dump()
    blocks, no_fetch_count = response_sdk_gaps(ours)
    if not blocks and not no_fetch_count:
        assert_sdk_message_agrees(at.Message.model_validate(dumped), ours)
        return
    with pytest.raises(ValidationError) as info:
        at.Message.model_validate(dumped)
    for error in info.value.errors():
        loc = error["loc"]
        assert (loc[0] == "content" and loc[1] in blocks) or loc == (
            "usage",
            "server_tool_use",
            "web_fetch_requests",
        )
    pruned = prune(dumped, {("content", i) for i in blocks})
    if no_fetch_count:
        pruned["usage"]["server_tool_use"]["web_fetch_requests"] = 0
    kept = am.Message.model_validate(pruned)
    assert_sdk_message_agrees(at.Message.model_validate(pruned), kept)


def test_only_beta_responses_fall_outside_the_sdk() -> None:
    outside = {ex.name: response_sdk_gaps(am.Message.model_validate(ex.response)) for ex in RESPONSES}
    assert {name: gap for name, gap in outside.items() if gap != (set(), False)} == {
        "messages/pydantic-ai__anthropic_advisor_tool__0": ({2, 3}, False),  # server tool "advisor"
        "messages/pydantic-ai__anthropic_mcp_servers__0": ({1, 2}, True),  # mcp_tool_use, mcp_tool_result
        "messages/pydantic-ai__pause_turn_web_search_vcr__0": (set(), True),
    }


@pytest.mark.parametrize("body", RESPONSE_BODIES)
def test_full_response_agrees_with_sdk(body: dict[str, Any]) -> None:
    ours = am.Message.model_validate(body)
    sdk = at.Message.model_validate(ours.dump())
    assert_sdk_message_agrees(sdk, ours)
    assert sdk.stop_details is not None and sdk.stop_details.category == "cyber"
    assert sdk.container is not None and sdk.container.id == "container_1"
    assert sdk.diagnostics is not None and sdk.diagnostics.cache_miss_reason is not None
    assert ours.diagnostics is not None and ours.diagnostics.cache_miss_reason is not None
    assert sdk.diagnostics.cache_miss_reason.type == ours.diagnostics.cache_miss_reason.type
    text = sdk.content[2]
    assert isinstance(text, at.TextBlock) and text.citations is not None
    assert [c.type for c in text.citations] == [c["type"] for c in RESPONSE_CITATIONS]


def event_sdk_gap(value: Any) -> bool:
    """Events SDK 2.12.0's ``RawMessageStreamEvent`` union cannot type: ``ping`` and ``error`` (not
    members: its stream loop skips pings and raises on errors before parsing, see
    ``test_sdk_stream_skips_pings_and_raises_on_errors``) and beta blocks / deltas."""
    if isinstance(value, (am.PingEvent, am.ErrorResponse, UnknownTyped)):
        return True
    return (
        type(getattr(value, "content_block", None)) is UnknownTyped
        or type(getattr(value, "delta", None)) is UnknownTyped
    )


def assert_sdk_event_agrees(data: str) -> None:
    ours = am.STREAM_EVENT_ADAPTER.validate_json(data)
    dumped = event_dump(ours)
    if event_sdk_gap(ours):
        with pytest.raises(ValidationError):
            SDK_EVENT.validate_python(dumped)
        return
    sdk = SDK_EVENT.validate_python(dumped)
    assert sdk.type == ours.type
    assert getattr(sdk, "index", None) == getattr(ours, "index", None)
    if isinstance(ours, am.ContentBlockDeltaEvent):
        assert isinstance(sdk, at.RawContentBlockDeltaEvent)
        assert sdk.delta.model_dump(exclude_unset=True) == ours.delta.dump()
    if isinstance(ours, am.MessageDeltaEvent):
        assert isinstance(sdk, at.RawMessageDeltaEvent)
        assert (sdk.delta.stop_reason, sdk.usage.output_tokens) == (
            ours.delta.stop_reason,
            ours.usage.output_tokens,
        )
    if isinstance(ours, am.MessageStartEvent):
        assert isinstance(sdk, at.RawMessageStartEvent)
        assert_sdk_message_agrees(sdk.message, ours.message)


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_recorded_stream_agrees_with_sdk(ex: Exchange) -> None:
    for _, data in stream_events(ex):
        assert_sdk_event_agrees(data)


def test_only_pings_and_beta_events_fall_outside_the_sdk() -> None:
    outside = {
        (ex.name, value.type)
        for ex in STREAMS
        for _, data in stream_events(ex)
        if event_sdk_gap(value := am.STREAM_EVENT_ADAPTER.validate_json(data)) and value.type != "ping"
    }
    assert outside == {
        ("messages/pydantic-ai__anthropic_compaction_usage_with_cache_streaming__0", "content_block_start"),
        ("messages/pydantic-ai__anthropic_compaction_usage_with_cache_streaming__0", "content_block_delta"),
    }


@pytest.mark.parametrize("body", [*FULL_EVENTS, ERROR_EVENT], ids=event_id)
def test_full_event_agrees_with_sdk(body: dict[str, Any]) -> None:
    assert_sdk_event_agrees(json.dumps(body))


def sdk_stream(events: list[tuple[str, bytes]]) -> anthropic.Stream[at.RawMessageStreamEvent]:
    """The SDK's own stream loop over SSE bytes written from our dumps."""
    sse = b"".join(b"event: " + name.encode() + b"\ndata: " + data + b"\n\n" for name, data in events)

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=sse)

    client = anthropic.Anthropic(
        api_key="test",
        base_url="http://sdk.test",
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
    )
    stream: anthropic.Stream[at.RawMessageStreamEvent] = client.post(
        "/v1/messages",
        body={"model": "m", "max_tokens": 1, "messages": [], "stream": True},
        cast_to=typing.cast(Any, at.RawMessageStreamEvent),
        stream=True,
        stream_cls=anthropic.Stream[at.RawMessageStreamEvent],
    )
    return stream


@pytest.mark.parametrize("ex", STREAMS, ids=ids(STREAMS))
def test_sdk_stream_reads_our_events(ex: Exchange) -> None:
    ours = [am.STREAM_EVENT_ADAPTER.validate_json(data) for _, data in stream_events(ex)]
    encoded = [
        (v.type, am.STREAM_EVENT_ADAPTER.dump_json(v, by_alias=True, exclude_unset=True)) for v in ours
    ]
    read = list(sdk_stream(encoded))
    assert [e.type for e in read] == [v.type for v in ours if not isinstance(v, am.PingEvent)]


def test_sdk_stream_skips_pings_and_raises_on_errors() -> None:
    # [SDK-rt:anthropic/_streaming.py]: `ping` is dropped, `error` raises an APIStatusError carrying
    # the body, whatever came before; neither is a member of RawMessageStreamEvent.
    events = [
        am.STREAM_EVENT_ADAPTER.validate_python(b) for b in [MESSAGE_START, {"type": "ping"}, ERROR_EVENT]
    ]
    assert [type(e) for e in events] == [am.MessageStartEvent, am.PingEvent, am.ErrorResponse]
    encoded = [
        (v.type, am.STREAM_EVENT_ADAPTER.dump_json(v, by_alias=True, exclude_unset=True)) for v in events
    ]
    read: list[Any] = []
    with pytest.raises(anthropic.APIStatusError) as info:
        read.extend(sdk_stream(encoded))
    assert [e.type for e in read] == ["message_start"]
    assert same_json(info.value.body, ERROR_EVENT)
    assert read[0].message.id == FULL_RESPONSE["id"]
    with pytest.raises(ValidationError):
        SDK_EVENT.validate_python({"type": "ping"})


@pytest.mark.parametrize("ex", ERRORS, ids=ids(ERRORS))
def test_recorded_error_agrees_with_sdk(ex: Exchange) -> None:
    ours = am.ErrorResponse.model_validate(ex.response)
    sdk = at_shared.ErrorResponse.model_validate(ours.dump())
    assert (sdk.type, sdk.error.type, sdk.error.message) == (ours.type, ours.error.type, ours.error.message)
    assert sdk.request_id == ours.request_id


def test_models_and_open_errors_agree_with_sdk() -> None:
    ours = am.ModelList.model_validate(MODEL_LIST)
    for mine in ours.data:
        theirs = at.ModelInfo.model_validate({**mine.dump(), "lifecycle": mine.lifecycle or "active"})
        assert (theirs.id, theirs.display_name) == (mine.id, mine.display_name)
        assert theirs.created_at.isoformat().replace("+00:00", "Z") == mine.created_at
    capabilities = at.ModelInfo.model_validate(ours.data[0].dump()).capabilities
    assert capabilities is not None and capabilities.effort.xhigh is not None
    # the SDK requires `lifecycle` (newer field); the classic minimal ModelInfo lacks it
    with pytest.raises(ValidationError):
        at.ModelInfo.model_validate(ours.data[1].dump())
    # `request_too_large` is documented ([D:errors]) but not in the SDK's closed ErrorObject union
    too_large = {"type": "error", "error": {"type": "request_too_large", "message": "too big"}}
    assert am.ErrorResponse.model_validate(too_large).error.type == "request_too_large"
    with pytest.raises(ValidationError):
        at_shared.ErrorResponse.model_validate(too_large)


# -- every SDK field is declared, with the same literal values -----------------------------------

FIELD_PAIRS: list[tuple[Any, type[BaseModel], set[str]]] = [
    # request, top level ("extra": what we declare beyond the SDK type)
    (
        at_params.MessageCreateParamsNonStreaming,
        am.MessageCreateRequest,
        {
            "temperature",
            "top_p",
            "top_k",
            "context_management",
            "mcp_servers",
            "compaction",
            "fallbacks",
            "thread",
        }
        | {"billing_policy", "fallback_credit_token", "betas"},
    ),
    (at.UserMessageParam, am.MessageParam, set()),
    (at.AssistantMessageParam, am.MessageParam, set()),
    (at.SystemMessageParam, am.MessageParam, set()),
    (at.ThinkingConfigEnabledParam, am.ThinkingConfigEnabled, set()),
    (at.ThinkingConfigAdaptiveParam, am.ThinkingConfigAdaptive, set()),
    (at.ThinkingConfigDisabledParam, am.ThinkingConfigDisabled, set()),
    (at.ThinkingConfigBetweenToolsParam, am.ThinkingConfigBetweenTools, set()),
    (at.OutputConfigParam, am.OutputConfig, set()),
    (at.JSONOutputFormatParam, am.JSONOutputFormat, set()),
    (at.MetadataParam, am.Metadata, set()),
    (at.ContainerParams, am.ContainerParams, set()),
    (at.SkillParams, am.SkillParams, set()),
    (at.DiagnosticsParam, am.DiagnosticsParam, set()),
    (at.CacheControlEphemeralParam, am.CacheControlEphemeral, set()),
    # request blocks and their parts
    (at.TextBlockParam, am.TextBlock, set()),
    (at.ImageBlockParam, am.ImageBlock, set()),
    (at.Base64ImageSourceParam, am.Base64ImageSource, set()),
    (at.URLImageSourceParam, am.URLSource, set()),
    (at.FileImageSourceParam, am.FileSource, set()),
    (at.ImageTransformationsParam, am.ImageTransformations, set()),
    (at.DocumentBlockParam, am.DocumentBlock, set()),
    (at.Base64PDFSourceParam, am.Base64PDFSource, set()),
    (at.PlainTextSourceParam, am.PlainTextSource, set()),
    (at.ContentBlockSourceParam, am.ContentBlockSource, set()),
    (at.URLPDFSourceParam, am.URLSource, set()),
    (at.FileDocumentSourceParam, am.FileSource, set()),
    (at.CitationsConfigParam, am.CitationsConfig, set()),
    (at.SearchResultBlockParam, am.SearchResultBlock, set()),
    (at.ThinkingBlockParam, am.ThinkingBlock, set()),
    (at.RedactedThinkingBlockParam, am.RedactedThinkingBlock, set()),
    (at.ToolUseBlockParam, am.ToolUseBlock, set()),
    (at.DirectCallerParam, am.DirectCaller, set()),
    (at.ServerToolCallerParam, am.ServerToolCaller, set()),
    (at.ServerToolCaller20260120Param, am.ServerToolCaller, set()),
    (at.ToolResultBlockParam, am.ToolResultBlock, set()),
    (at.ToolReferenceBlockParam, am.ToolReferenceBlock, set()),
    (at.BrowserStateBlockParam, am.BrowserStateBlock, set()),
    (at.BrowserStateTabEntryParam, am.BrowserStateTab, set()),
    (at.BrowserStateChangeTabOpenedParam, am.BrowserStateChangeTabOpened, set()),
    (at.BrowserStateChangeDownloadStartedParam, am.BrowserStateChangeDownloadStarted, set()),
    (at.BrowserStateChangeDownloadCompletedParam, am.BrowserStateChangeDownloadCompleted, set()),
    (at.BrowserStateChangeDownloadFailedParam, am.BrowserStateChangeDownloadFailed, set()),
    (at.ServerToolUseBlockParam, am.ServerToolUseBlock, set()),
    (at.ContainerUploadBlockParam, am.ContainerUploadBlock, set()),
    (at.CitationCharLocationParam, am.CitationCharLocation, {"file_id"}),
    (at.CitationPageLocationParam, am.CitationPageLocation, {"file_id"}),
    (at.CitationContentBlockLocationParam, am.CitationContentBlockLocation, {"file_id"}),
    (at.CitationWebSearchResultLocationParam, am.CitationWebSearchResultLocation, set()),
    (at.CitationSearchResultLocationParam, am.CitationSearchResultLocation, set()),
    (at.WebSearchToolResultBlockParam, am.WebSearchToolResultBlock, set()),
    (at.WebSearchResultBlockParam, am.WebSearchResult, set()),
    (at.WebSearchToolRequestErrorParam, am.WebSearchToolResultError, set()),
    (at.WebFetchToolResultBlockParam, am.WebFetchToolResultBlock, set()),
    (at.WebFetchBlockParam, am.WebFetchResult, set()),
    (at.WebFetchToolResultErrorBlockParam, am.WebFetchToolResultError, set()),
    (at.CodeExecutionToolResultBlockParam, am.CodeExecutionToolResultBlock, set()),
    (at.CodeExecutionResultBlockParam, am.CodeExecutionResult, set()),
    (at.EncryptedCodeExecutionResultBlockParam, am.EncryptedCodeExecutionResult, set()),
    (at.CodeExecutionOutputBlockParam, am.CodeExecutionOutput, set()),
    (at.CodeExecutionToolResultErrorParam, am.CodeExecutionToolResultError, set()),
    (at.BashCodeExecutionToolResultBlockParam, am.BashCodeExecutionToolResultBlock, set()),
    (at.BashCodeExecutionResultBlockParam, am.BashCodeExecutionResult, set()),
    (at.BashCodeExecutionOutputBlockParam, am.BashCodeExecutionOutput, set()),
    (at.BashCodeExecutionToolResultErrorParam, am.BashCodeExecutionToolResultError, set()),
    (at.TextEditorCodeExecutionToolResultBlockParam, am.TextEditorCodeExecutionToolResultBlock, set()),
    (at.TextEditorCodeExecutionViewResultBlockParam, am.TextEditorCodeExecutionViewResult, set()),
    (at.TextEditorCodeExecutionCreateResultBlockParam, am.TextEditorCodeExecutionCreateResult, set()),
    (at.TextEditorCodeExecutionStrReplaceResultBlockParam, am.TextEditorCodeExecutionStrReplaceResult, set()),
    (at.TextEditorCodeExecutionToolResultErrorParam, am.TextEditorCodeExecutionToolResultError, set()),
    (at.ToolSearchToolResultBlockParam, am.ToolSearchToolResultBlock, set()),
    (at.ToolSearchToolSearchResultBlockParam, am.ToolSearchToolSearchResult, set()),
    (at.ToolSearchToolResultErrorParam, am.ToolSearchToolResultError, set()),
    # tools
    (at.ToolParam, am.CustomTool, set()),
    (at.WebSearchTool20250305Param, am.WebSearchTool, {"response_inclusion"}),
    (at.WebSearchTool20260209Param, am.WebSearchTool, {"response_inclusion"}),
    (at.WebSearchTool20260318Param, am.WebSearchTool, set()),
    (at.UserLocationParam, am.UserLocation, set()),
    (at.WebFetchTool20250910Param, am.WebFetchTool, {"use_cache", "response_inclusion"}),
    (at.WebFetchTool20260209Param, am.WebFetchTool, {"use_cache", "response_inclusion"}),
    (at.WebFetchTool20260309Param, am.WebFetchTool, {"response_inclusion"}),
    (at.WebFetchTool20260318Param, am.WebFetchTool, set()),
    (at.WebFetchURLSourcesParam, am.WebFetchURLSources, set()),
    (at.WebFetchURLSourceAllParam, am.WebFetchURLSource, {"tools"}),
    (at.WebFetchURLSourceNoneParam, am.WebFetchURLSource, {"tools"}),
    (at.WebFetchURLSourceOnlyParam, am.WebFetchURLSource, set()),
    (at.WebFetchURLSourceExceptParam, am.WebFetchURLSource, set()),
    (at.WebFetchURLSourceToolReferenceParam, am.WebFetchURLSourceToolReference, set()),
    (at.CodeExecutionTool20250522Param, am.CodeExecutionTool, set()),
    (at.CodeExecutionTool20250825Param, am.CodeExecutionTool, set()),
    (at.CodeExecutionTool20260120Param, am.CodeExecutionTool, set()),
    (at.CodeExecutionTool20260521Param, am.CodeExecutionTool, set()),
    (at.ToolSearchToolBm25_20251119Param, am.ToolSearchTool, set()),
    (at.ToolSearchToolRegex20251119Param, am.ToolSearchTool, set()),
    (at.ToolBash20250124Param, am.BashTool, set()),
    (at.ToolTextEditor20250124Param, am.TextEditorTool, {"max_characters"}),
    (at.ToolTextEditor20250429Param, am.TextEditorTool, {"max_characters"}),
    (at.ToolTextEditor20250728Param, am.TextEditorTool, set()),
    (at.MemoryTool20250818Param, am.MemoryTool, set()),
    (at.BrowserToolset20260801Param, am.ToolsetTool, set()),
    (at.ComputerToolset20260801Param, am.ToolsetTool, set()),
    (at.BrowserCloseTabConfigParam, am.ToolsetMemberConfig, set()),
    (at.ToolChoiceAutoParam, am.ToolChoiceAuto, set()),
    (at.ToolChoiceAnyParam, am.ToolChoiceAny, set()),
    (at.ToolChoiceToolParam, am.ToolChoiceTool, set()),
    (at.ToolChoiceNoneParam, am.ToolChoiceNone, set()),
    # response (the request-only cache_control / context are what we add on shared models)
    (at.Message, am.Message, {"context_management"}),
    (at.TextBlock, am.TextBlock, {"cache_control"}),
    (at.ThinkingBlock, am.ThinkingBlock, set()),
    (at.RedactedThinkingBlock, am.RedactedThinkingBlock, set()),
    (at.ToolUseBlock, am.ToolUseBlock, {"cache_control"}),
    (at.ServerToolUseBlock, am.ServerToolUseBlock, {"cache_control"}),
    (at.DirectCaller, am.DirectCaller, set()),
    (at.ServerToolCaller, am.ServerToolCaller, set()),
    (at.ServerToolCaller20260120, am.ServerToolCaller, set()),
    (at.ContainerUploadBlock, am.ContainerUploadBlock, {"cache_control"}),
    (at.ToolReferenceBlock, am.ToolReferenceBlock, {"cache_control"}),
    (at.DocumentBlock, am.DocumentBlock, {"context", "cache_control"}),
    (at.Base64PDFSource, am.Base64PDFSource, set()),
    (at.PlainTextSource, am.PlainTextSource, set()),
    (at.CitationsConfig, am.CitationsConfig, set()),
    (at.CitationCharLocation, am.CitationCharLocation, set()),
    (at.CitationPageLocation, am.CitationPageLocation, set()),
    (at.CitationContentBlockLocation, am.CitationContentBlockLocation, set()),
    (at.CitationsWebSearchResultLocation, am.CitationWebSearchResultLocation, set()),
    (at.CitationsSearchResultLocation, am.CitationSearchResultLocation, set()),
    (at.WebSearchToolResultBlock, am.WebSearchToolResultBlock, {"cache_control"}),
    (at.WebSearchResultBlock, am.WebSearchResult, set()),
    (at.WebSearchToolResultError, am.WebSearchToolResultError, set()),
    (at.WebFetchToolResultBlock, am.WebFetchToolResultBlock, {"cache_control"}),
    (at.WebFetchBlock, am.WebFetchResult, set()),
    (at.WebFetchToolResultErrorBlock, am.WebFetchToolResultError, set()),
    (at.CodeExecutionToolResultBlock, am.CodeExecutionToolResultBlock, {"cache_control"}),
    (at.CodeExecutionResultBlock, am.CodeExecutionResult, set()),
    (at.EncryptedCodeExecutionResultBlock, am.EncryptedCodeExecutionResult, set()),
    (at.CodeExecutionOutputBlock, am.CodeExecutionOutput, set()),
    (at.CodeExecutionToolResultError, am.CodeExecutionToolResultError, set()),
    (at.BashCodeExecutionToolResultBlock, am.BashCodeExecutionToolResultBlock, {"cache_control"}),
    (at.BashCodeExecutionResultBlock, am.BashCodeExecutionResult, set()),
    (at.BashCodeExecutionOutputBlock, am.BashCodeExecutionOutput, set()),
    (at.BashCodeExecutionToolResultError, am.BashCodeExecutionToolResultError, set()),
    (at.TextEditorCodeExecutionToolResultBlock, am.TextEditorCodeExecutionToolResultBlock, {"cache_control"}),
    (at.TextEditorCodeExecutionViewResultBlock, am.TextEditorCodeExecutionViewResult, set()),
    (at.TextEditorCodeExecutionCreateResultBlock, am.TextEditorCodeExecutionCreateResult, set()),
    (at.TextEditorCodeExecutionStrReplaceResultBlock, am.TextEditorCodeExecutionStrReplaceResult, set()),
    (at.TextEditorCodeExecutionToolResultError, am.TextEditorCodeExecutionToolResultError, set()),
    (at.ToolSearchToolResultBlock, am.ToolSearchToolResultBlock, {"cache_control"}),
    (at.ToolSearchToolSearchResultBlock, am.ToolSearchToolSearchResult, set()),
    (at.ToolSearchToolResultError, am.ToolSearchToolResultError, set()),
    (at.Usage, am.Usage, set()),
    (at.CacheCreation, am.CacheCreation, set()),
    (at.OutputTokensDetails, am.OutputTokensDetails, set()),
    (at.ServerToolUsage, am.ServerToolUsage, set()),
    (at.RefusalStopDetails, am.StopDetails, set()),
    (at.Container, am.Container, set()),
    (at.ContainerSkill, am.ContainerSkill, set()),
    (at.Diagnostics, am.Diagnostics, set()),
    (at.CacheMissModelChanged, am.CacheMissChanged, set()),
    (at.CacheMissSystemChanged, am.CacheMissChanged, set()),
    (at.CacheMissToolsChanged, am.CacheMissChanged, set()),
    (at.CacheMissMessagesChanged, am.CacheMissChanged, set()),
    (at.CacheMissPreviousMessageNotFound, am.CacheMissUnexplained, set()),
    (at.CacheMissUnavailable, am.CacheMissUnexplained, set()),
    # stream
    (at.RawMessageStartEvent, am.MessageStartEvent, set()),
    (at.RawContentBlockStartEvent, am.ContentBlockStartEvent, set()),
    (at.RawContentBlockDeltaEvent, am.ContentBlockDeltaEvent, set()),
    (at.RawContentBlockStopEvent, am.ContentBlockStopEvent, set()),
    (at.RawMessageDeltaEvent, am.MessageDeltaEvent, set()),
    (at_delta.Delta, am.MessageDelta, set()),
    (at.MessageDeltaUsage, am.MessageDeltaUsage, set()),
    (at.RawMessageStopEvent, am.MessageStopEvent, set()),
    (at.TextDelta, am.TextDelta, set()),
    (at.InputJSONDelta, am.InputJSONDelta, set()),
    (at.ThinkingDelta, am.ThinkingDelta, set()),
    (at.SignatureDelta, am.SignatureDelta, set()),
    (at.CitationsDelta, am.CitationsDelta, set()),
    # errors and models
    (at_shared.ErrorResponse, am.ErrorResponse, set()),
    (at_shared.InvalidRequestErrorObject, am.ErrorObject, {"details"}),
    (at.ModelInfo, am.ModelInfo, set()),
    (at.ModelCapabilities, am.ModelCapabilities, set()),
    (at.CapabilitySupport, am.CapabilitySupport, set()),
    (at.ThinkingCapability, am.ThinkingCapability, set()),
    (at.ThinkingTypes, am.ThinkingTypes, set()),
    (at.EffortCapability, am.EffortCapability, set()),
    (at.ContextManagementCapability, am.ContextManagementCapability, set()),
    (at.ServerToolsCapability, am.ServerToolsCapability, set()),
]
# SDK request keys that are not body fields: the SDK turns them into headers ([AN:message_create_params.py])
SDK_HEADER_KEYS = {"user_profile_id", "workspace_id"}

# Fields the SDK types as a Literal that we keep an open string: values that grow (tiers, efforts,
# error codes, server tool names) or that are response-side, where a gateway must not reject what the
# API sends.
OPEN_STRINGS = {
    ("MessageCreateRequest", "service_tier"),
    ("MessageCreateRequest", "speed"),
    ("ThinkingConfigEnabled", "display"),
    ("ThinkingConfigAdaptive", "display"),
    ("OutputConfig", "effort"),
    ("SkillParams", "type"),
    ("ImageTransformations", "oversized_image"),
    ("WebSearchTool", "response_inclusion"),
    ("WebFetchTool", "response_inclusion"),
    ("ServerToolUseBlock", "name"),
    ("WebSearchToolResultError", "error_code"),
    ("WebFetchToolResultError", "error_code"),
    ("CodeExecutionToolResultError", "error_code"),
    ("BashCodeExecutionToolResultError", "error_code"),
    ("TextEditorCodeExecutionToolResultError", "error_code"),
    ("ToolSearchToolResultError", "error_code"),
    ("TextEditorCodeExecutionViewResult", "file_type"),
    ("Message", "type"),
    ("Message", "role"),
    ("Message", "stop_reason"),
    ("MessageDelta", "stop_reason"),
    ("Usage", "service_tier"),
    ("Usage", "speed"),
    ("StopDetails", "type"),
    ("StopDetails", "category"),
    ("ContainerSkill", "type"),
    ("ErrorObject", "type"),
    ("ModelInfo", "type"),
    ("ModelInfo", "lifecycle"),
    ("ModelInfo", "line"),
}


@pytest.mark.parametrize(
    ("sdk_type", "model", "extra"),
    FIELD_PAIRS,
    ids=[f"{s.__module__.rsplit('.', 1)[-1]}.{s.__name__}" for s, _, _ in FIELD_PAIRS],
)
def test_fields_match_sdk(sdk_type: Any, model: type[BaseModel], extra: set[str]) -> None:
    theirs, ours = sdk_fields(sdk_type), our_fields(model)
    assert set(theirs) - SDK_HEADER_KEYS == set(ours) - extra
    for name, annotation in theirs.items():
        their_values = literal_values(annotation)
        if their_values is None or name in SDK_HEADER_KEYS:
            continue
        our_values = literal_values(ours[name])
        if our_values is not None:
            # ours may list more versions of a family (e.g. every web_search_* type), never fewer
            assert their_values <= our_values, name
        elif name != "stream":  # the SDK splits the request type on stream: Literal[True] / Literal[False]
            assert (model.__name__, name) in OPEN_STRINGS, name
        accepts = TypeAdapter(ours[name])
        for value in their_values:
            accepts.validate_python(value, strict=True)


def test_open_strings_are_really_open() -> None:
    for model_name, field in OPEN_STRINGS:
        annotation = getattr(am, model_name).model_fields[field].annotation
        assert literal_values(annotation) is None, (model_name, field)
        TypeAdapter(annotation).validate_python("some_future_value", strict=True)
