"""The Responses schema against the official openai SDK: every SDK union member and field has a
dedicated model, and what we parse and dump the SDK parses (recorded traffic, its stream
accumulator)."""

from __future__ import annotations

import copy
import json
from typing import Any, Literal, Union, get_args, get_origin

import openai.types as oa_types
import openai.types.responses as oa
import pytest
from openai.types.responses import response_create_params as oa_params
from pydantic import BaseModel, TypeAdapter, ValidationError

from kindo_wire import chat as kw_chat
from kindo_wire import responses as rs
from kindo_wire._wire import UnknownTyped, WireModel
from tests.responses_schema_helpers import (
    ERRORS,
    NONE_TYPE,
    RESPONSES,
    RS,
    STREAMS,
    catch_alls,
    event_dump,
    ids,
    is_record,
    record_fields,
    sample,
    sdk_accepts,
    sdk_adapter,
    sdk_round_trip,
    sdk_validate,
    tags,
    union_members,
    walk,
)
from tests.traffic import Exchange, same_json, stream_events

# -- 2. every SDK type has a dedicated model -----------------------------------------------------

# (SDK union, our union)
SDK_UNIONS: list[tuple[str, Any, Any]] = [
    ("ResponseInputItemParam", oa.ResponseInputItemParam, rs.InputItem),
    ("ResponseInputItem", oa.ResponseInputItem, rs.InputItem),
    ("ResponseOutputItem", oa.ResponseOutputItem, rs.OutputItem),
    ("ToolParam", oa.ToolParam, rs.Tool),
    ("Tool", oa.Tool, rs.Tool),
    ("ToolChoice", oa_params.ToolChoice, rs.ToolChoice),
    ("ResponseStreamEvent", oa.ResponseStreamEvent, rs.ResponseStreamEvent),
    ("ResponseInputContentParam", oa.ResponseInputContentParam, rs.InputContent),
    ("ResponseInputAudioParam", oa.ResponseInputAudioParam, rs.InputContent),
    ("ResponseOutputMessage.Content", oa.response_output_message.Content, rs.OutputContent),
    ("ResponseOutputText.Annotation", oa.response_output_text.Annotation, rs.Annotation),
    ("ComputerAction", oa.ComputerAction, rs.ComputerAction),
    ("ResponseFormatTextConfigParam", oa.ResponseFormatTextConfigParam, rs.TextFormat),
    ("WebSearchAction", oa.response_function_web_search.Action, rs.WebSearchAction),
    ("ApplyPatchOperation", oa.response_apply_patch_tool_call.Operation, rs.ApplyPatchOperation),
    ("ShellEnvironment", oa.function_shell_tool.Environment, rs.Environment),
    ("FileSearchFilters", oa.file_search_tool.Filters, rs.FileSearchFilter),
    ("PromptVariables", oa.response_prompt_param.Variables, Union[str, rs.PromptVariable]),  # noqa: UP007
    ("Caller", oa.response_function_tool_call.Caller, rs.Caller),
]

MEMBER_CASES: list[tuple[str, Any, Any, Any]] = []
for union_name, sdk_union, ours in SDK_UNIONS:
    for member in union_members(sdk_union):
        if member is NONE_TYPE:
            continue
        if get_origin(member) is Literal or member is str:  # "none" / "auto" / "required", a string variable
            values = list(get_args(member)) if member is not str else ["s"]
            MEMBER_CASES += [(f"{union_name}:{v}", member, ours, v) for v in values]
            continue
        for full in (False, True):
            base = sample(member, full)
            for tag in tags(member) or [None]:
                body = base if tag is None else {**base, "type": tag}
                label = f"{union_name}:{member.__name__}:{tag}:{'full' if full else 'min'}"
                MEMBER_CASES.append((label, member, ours, body))


@pytest.mark.parametrize(
    ("sdk_type", "ours", "body"), [c[1:] for c in MEMBER_CASES], ids=[c[0] for c in MEMBER_CASES]
)
def test_every_sdk_union_member_parses_into_a_dedicated_model(sdk_type: Any, ours: Any, body: Any) -> None:
    sdk_validate(sdk_type, body)  # the sample is valid for the SDK
    adapter = TypeAdapter(ours)
    parsed = adapter.validate_python(body)
    assert not isinstance(parsed, UnknownTyped)
    assert catch_alls(parsed) == []
    assert same_json(adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True), body)
    from_json = adapter.validate_json(json.dumps(body))
    assert type(from_json) is type(parsed)
    assert same_json(adapter.dump_python(from_json, mode="json", by_alias=True, exclude_unset=True), body)
    # every key the SDK declares is a declared field of ours, never an unknown extra
    assert [v.model_extra for v in walk(parsed) if isinstance(v, WireModel) and v.model_extra] == []


@pytest.mark.parametrize(
    ("sdk_type", "ours"),
    [
        (oa_params.ResponseCreateParamsNonStreaming, rs.ResponseCreateRequest),
        (oa_params.ResponseCreateParamsStreaming, rs.ResponseCreateRequest),
        (oa.Response, rs.Response),
        (oa_types.shared.ErrorObject, rs.ErrorObject),
        (oa_types.Model, rs.Model),
    ],
)
@pytest.mark.parametrize("full", [False, True], ids=["min", "full"])
def test_every_sdk_field_is_declared(sdk_type: Any, ours: type[WireModel], full: bool) -> None:
    body = sample(sdk_type, full)
    sdk_validate(sdk_type, body)
    parsed = ours.model_validate(body)
    assert same_json(parsed.dump(), body)
    assert catch_alls(parsed) == []
    assert [v.model_extra for v in walk(parsed) if isinstance(v, WireModel) and v.model_extra] == []
    if full:
        assert parsed.model_fields_set == set(body)


def sdk_field_names() -> set[str]:
    seen: set[Any] = set()
    names: set[str] = set()

    def visit(tp: Any) -> None:
        for member in union_members(tp):
            if get_origin(member) not in (None, Literal):
                for arg in get_args(member):
                    visit(arg)
            elif is_record(member) and member not in seen:
                seen.add(member)
                for key, annotation, _ in record_fields(member):
                    names.add(key)
                    visit(annotation)

    for root in [
        oa_params.ResponseCreateParamsNonStreaming,
        oa_params.ResponseCreateParamsStreaming,
        oa.Response,
        oa.ResponseStreamEvent,
        oa.ResponseInputItemParam,
        oa.ResponseInputItem,
        oa.ToolParam,
        oa.ResponseInputAudioParam,
        oa_types.shared.ErrorObject,
        oa_types.Model,
    ]:
        visit(root)
    return names


def test_every_declared_field_is_an_sdk_field() -> None:
    declared = {
        field.alias or name
        for export in rs.__all__
        if isinstance(model := getattr(rs, export), type) and issubclass(model, WireModel)
        for name, field in model.model_fields.items()
    }
    # sent by the API in every Response but absent from the SDK type [DF:wire]
    wire_only = {"billing", "frequency_penalty", "presence_penalty", "tool_usage"}
    assert declared - sdk_field_names() == wire_only


SDK_EVENT_MODELS: dict[str, type[BaseModel]] = {
    get_args(m.model_fields["type"].annotation)[0]: m for m in union_members(oa.ResponseStreamEvent)
}


def test_stream_event_types_match_sdk() -> None:
    assert len(SDK_EVENT_MODELS) == 53
    assert set(SDK_EVENT_MODELS) == rs.STREAM_EVENT_TYPES
    assert isinstance(rs.STREAM_EVENT_TYPES, frozenset)
    assert len(rs.STREAM_EVENT_TYPES) == 53


@pytest.mark.parametrize("event_type", sorted(SDK_EVENT_MODELS))
def test_every_event_type_has_its_own_model(event_type: str) -> None:
    sdk_model = SDK_EVENT_MODELS[event_type]
    for full in (False, True):
        body = sample(sdk_model, full)
        assert body["type"] == event_type and "sequence_number" in body
        sdk_model.model_validate(body)
        event = rs.STREAM_EVENT_ADAPTER.validate_json(json.dumps(body))
        assert type(event).__name__ == sdk_model.__name__  # same name as the SDK's model
        assert getattr(rs, sdk_model.__name__) is type(event)
        assert same_json(event_dump(event), body)
    # the sequence_number is optional (old recordings lack it), the rest of the required keys are not
    assert rs.STREAM_EVENT_ADAPTER.validate_python({**body, "sequence_number": None}) is not None
    required = [k for k, _, req in record_fields(sdk_model) if req and k not in ("type", "sequence_number")]
    for key in required:
        # optional here: `name` is newer than some recordings (see RESPONSE_GAPS), `logprobs` is
        # left out by OpenAI-compatible servers
        if key in ("name", "logprobs"):
            continue
        with pytest.raises(ValidationError):
            rs.STREAM_EVENT_ADAPTER.validate_python({k: v for k, v in body.items() if k != key})


# -- 5. conformance with the official openai SDK ------------------------------------------------

# Where the SDK rejects a recorded body, it is for one of these reasons, each a gap between the SDK types
# and the real API (the API accepted or sent the body). `sdk_gaps` repairs exactly these and names them,
# so a test can assert that the SDK accepts the repaired body and that nothing else was wrong.

REQUEST_GAPS = {
    # the SDK's message content part requires `detail` on input_image; the API defaults it to "auto"
    "input_image.detail",
    # the SDK's function tool requires the (nullable) keys `strict` and `parameters`; the API does not
    "function_tool.strict",
}
RESPONSE_GAPS = {
    # `cache_write_tokens` is newer than most recordings
    "usage.cache_write_tokens",
    # the API omits `action` from the in-progress web_search_call of response.output_item.added
    "web_search_call.action",
    # the API also returns non-URL sources ({"type": "api", "name": "oai-weather"}); the SDK knows only "url"
    "web_search_call.sources",
    # the API sends mcp_call.error as an object ({"type": "http_error", "code": 500, ...}); the SDK says str
    "mcp_call.error",
    # recordings made before these fields existed
    "event.sequence_number",
    "function_call_arguments.done.name",
}


def sdk_gaps(body: Any, kind: Literal["request", "response", "event"]) -> tuple[Any, set[str]]:
    """A copy of ``body`` with the known SDK gaps repaired, and the names of those repaired."""
    found: set[str] = set()
    body = copy.deepcopy(body)
    if kind == "request":
        for tool in body.get("tools") or []:
            if tool.get("type") == "function" and ("strict" not in tool or "parameters" not in tool):
                tool.setdefault("strict", None)
                tool.setdefault("parameters", None)
                found.add("function_tool.strict")

    def fix(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                fix(item)
            return
        if not isinstance(node, dict):
            return
        if kind == "request" and node.get("type") == "input_image" and "detail" not in node:
            node["detail"] = "auto"
            found.add("input_image.detail")
        usage = node.get("usage")
        if isinstance(usage, dict) and "cache_write_tokens" not in usage.get("input_tokens_details", {0: 0}):
            usage["input_tokens_details"]["cache_write_tokens"] = 0
            found.add("usage.cache_write_tokens")
        if node.get("type") == "web_search_call":
            if "action" not in node:
                node["action"] = {"type": "search"}
                found.add("web_search_call.action")
            sources = node["action"].get("sources")
            if sources and any(s.get("type") != "url" for s in sources):
                node["action"]["sources"] = [s for s in sources if s.get("type") == "url"]
                found.add("web_search_call.sources")
        if node.get("type") == "mcp_call" and isinstance(node.get("error"), dict):
            node["error"] = json.dumps(node["error"])
            found.add("mcp_call.error")
        for value in node.values():
            fix(value)

    fix(body)
    if kind == "event":
        if "sequence_number" not in body:
            body["sequence_number"] = 0
            found.add("event.sequence_number")
        if body["type"] == "response.function_call_arguments.done" and "name" not in body:
            body["name"] = "f"
            found.add("function_call_arguments.done.name")
    return body, found


def request_adapter(body: dict[str, Any]) -> Any:
    if body.get("stream") is True:
        return oa_params.ResponseCreateParamsStreaming
    return oa_params.ResponseCreateParamsNonStreaming


def test_drain_surfaces_item_errors() -> None:
    bad = {"model": "m", "input": "x", "tools": [{"type": "function"}]}
    sdk_adapter(oa_params.ResponseCreateParamsNonStreaming).validate_python(
        bad, strict=True
    )  # lazily "valid"
    with pytest.raises(ValidationError):  # ... until drained
        sdk_validate(oa_params.ResponseCreateParamsNonStreaming, bad)


@pytest.mark.parametrize("ex", RS, ids=ids(RS))
def test_recorded_request_agrees_with_sdk(ex: Exchange) -> None:
    sdk_type = request_adapter(ex.request)
    ours = rs.ResponseCreateRequest.model_validate(ex.request).dump()
    assert same_json(ours, ex.request)  # so whatever the SDK says of ours, it says of the recording
    repaired, gaps = sdk_gaps(ex.request, "request")
    assert gaps <= REQUEST_GAPS
    if sdk_accepts(sdk_type, ex.request):
        assert sdk_accepts(sdk_type, ours)
    else:
        assert gaps, "the SDK rejects this request for a reason not in REQUEST_GAPS"
        assert sdk_accepts(sdk_type, repaired)
        assert sdk_accepts(sdk_type, sdk_gaps(ours, "request")[0])


@pytest.mark.parametrize("ex", RESPONSES, ids=ids(RESPONSES))
def test_recorded_response_agrees_with_sdk(ex: Exchange) -> None:
    ours = rs.Response.model_validate(ex.response)
    repaired, gaps = sdk_gaps(ours.dump(), "response")
    assert gaps <= RESPONSE_GAPS
    if not gaps:
        sdk = sdk_round_trip(oa.Response, ours.dump())
    else:
        with pytest.raises(ValidationError):
            oa.Response.model_validate(ours.dump())
        sdk = sdk_round_trip(oa.Response, repaired)
    assert isinstance(sdk, oa.Response)
    assert (sdk.id, sdk.status, sdk.model, sdk.created_at) == (
        ours.id,
        ours.status,
        ours.model,
        ours.created_at,
    )
    assert [(o.type, getattr(o, "id", None)) for o in sdk.output] == [
        (o.type, getattr(o, "id", None)) for o in ours.output
    ]
    if ours.usage is not None:
        assert sdk.usage is not None
        assert (sdk.usage.input_tokens, sdk.usage.output_tokens, sdk.usage.total_tokens) == (
            ours.usage.input_tokens,
            ours.usage.output_tokens,
            ours.usage.total_tokens,
        )


STREAM_PAYLOADS = [
    (f"{ex.name}#{i}", data) for ex in STREAMS for i, (_, data) in enumerate(stream_events(ex))
]


@pytest.mark.parametrize("data", [d for _, d in STREAM_PAYLOADS], ids=[n for n, _ in STREAM_PAYLOADS])
def test_recorded_event_agrees_with_sdk(data: str) -> None:
    ours = rs.STREAM_EVENT_ADAPTER.validate_json(data)
    assert not isinstance(ours, UnknownTyped)
    sdk_model = SDK_EVENT_MODELS[ours.type]
    repaired, gaps = sdk_gaps(event_dump(ours), "event")
    assert gaps <= RESPONSE_GAPS
    if not gaps:
        sdk = sdk_round_trip(sdk_model, event_dump(ours))
    else:
        with pytest.raises(ValidationError):
            sdk_model.model_validate(event_dump(ours))
        sdk = sdk_round_trip(sdk_model, repaired)
    assert type(ours).__name__ == type(sdk).__name__
    for key in ("item_id", "output_index", "content_index", "delta"):
        assert getattr(sdk, key, None) == getattr(ours, key, None)
    if "sequence_number" in json.loads(data):
        assert getattr(sdk, "sequence_number", None) == ours.sequence_number


def test_every_documented_sdk_gap_occurs_in_the_recordings() -> None:
    seen: set[str] = set()
    for ex in RS:
        seen |= sdk_gaps(ex.request, "request")[1]
    for ex in RESPONSES:
        seen |= sdk_gaps(ex.response, "response")[1]
    for _, data in STREAM_PAYLOADS:
        seen |= sdk_gaps(json.loads(data), "event")[1]
    assert seen == REQUEST_GAPS | RESPONSE_GAPS  # no allowance goes unused


def test_errors_agree_with_sdk() -> None:
    for ex in ERRORS:
        ours = rs.ErrorResponse.model_validate(ex.response).dump()
        sdk = sdk_round_trip(oa_types.shared.ErrorObject, ours["error"])
        assert isinstance(sdk, oa_types.shared.ErrorObject) and sdk.param == ex.response["error"]["param"]


def test_error_and_models_list_are_the_openai_shared_shapes() -> None:
    # WIRE.md §4.1/§5.1: Responses uses the very envelope and list Chat uses; one definition serves both.
    assert rs.ErrorResponse is kw_chat.ErrorResponse and rs.ErrorObject is kw_chat.ErrorObject
    assert rs.ModelList is kw_chat.ModelList and rs.Model is kw_chat.Model
