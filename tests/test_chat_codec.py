"""The Chat Completions codec: identity on recorded traffic, WIRE.md §6 rows with Chat as source and
as target, and malformed input. Expected values come from WIRE.md, not from the codec's output."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from kindo_wire import ir
from kindo_wire._carry import carry
from kindo_wire.api import Api
from kindo_wire.chat.finish_reasons import FROM_CHAT, TO_CHAT
from kindo_wire.chat.request import decode_request, encode_request
from kindo_wire.chat.response import decode_response, encode_response
from kindo_wire.errors import RequestError, UpstreamError
from kindo_wire.loss import LossLog, Severity
from tests.traffic import of_api, same_json

CHAT_REQUESTS = of_api("chat")
CHAT_RESPONSES = [e for e in of_api("chat") if isinstance(e.response, dict) and "choices" in e.response]


def roundtrip_request(body: dict[str, Any]) -> tuple[dict[str, Any], LossLog]:
    log = LossLog()
    return encode_request(decode_request(body, log), log), log


def encode(req: ir.Request) -> tuple[dict[str, Any], list[tuple[str, str, Severity]]]:
    log = LossLog()
    out = encode_request(req, log)
    return out, [(loss.pointer, loss.code, loss.severity) for loss in log.items]


def encode_resp(resp: ir.Response) -> tuple[dict[str, Any], list[tuple[str, str, Severity]]]:
    log = LossLog()
    out = encode_response(resp, log, None)
    return out, [(loss.pointer, loss.code, loss.severity) for loss in log.items]


def user(*parts: ir.Part, at: str = "/messages/0") -> ir.Message:
    return ir.Message("user", parts, at=at)


def req(*messages: ir.Message, **kw: Any) -> ir.Request:
    return ir.Request(model="m", messages=messages, **kw)


D, S, C = Severity.DEGRADED, Severity.SEMANTIC, Severity.COSMETIC


# --- identity ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("exchange", CHAT_REQUESTS, ids=lambda e: e.name)
def test_request_identity_on_traffic(exchange: Any) -> None:
    out, log = roundtrip_request(exchange.request)
    assert same_json(out, exchange.request)
    assert log.items == []


@pytest.mark.parametrize("exchange", CHAT_RESPONSES, ids=lambda e: e.name)
def test_response_identity_on_traffic(exchange: Any) -> None:
    log = LossLog()
    out = encode_response(decode_response(exchange.response, log), log, exchange.request)
    assert same_json(out, exchange.response)
    assert log.items == []


KITCHEN_SINK: dict[str, Any] = {
    "model": "gpt-4o",
    "messages": [
        {"role": "developer", "content": "be brief", "name": "ops"},
        {
            "role": "system",
            "content": [{"type": "text", "text": "sys", "prompt_cache_breakpoint": {"mode": "explicit"}}],
        },
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "look"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA", "detail": "low"}},
                {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": None}},
                {"type": "input_audio", "input_audio": {"data": "UklG", "format": "wav"}},
                {
                    "type": "file",
                    "file": {"file_data": "data:application/pdf;base64,JVBE", "filename": "a.pdf"},
                },
                {"type": "file", "file": {"file_data": "JVBE"}},
                {"type": "file", "file": {"file_id": "file-1"}},
                {"type": "future_part", "x": 1},
            ],
        },
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "a"}, {"type": "refusal", "refusal": "no"}],
            "refusal": None,
            "audio": {"id": "audio_1"},
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": '{ "a": 1 }'}},
                {"id": "call_2", "type": "custom", "custom": {"name": "g", "input": "raw text"}},
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": [{"type": "text", "text": "r1"}]},
        {"role": "tool", "tool_call_id": "call_2", "content": "r2", "name": "g"},
        {"role": "assistant", "content": None, "function_call": {"name": "legacy", "arguments": "{}"}},
        {"role": "function", "name": "legacy", "content": "done"},
        {"role": "assistant", "content": "only refusal", "refusal": "nope"},
        {"role": "user", "content": []},
    ],
    "tools": [
        {
            "type": "function",
            "function": {"name": "f", "description": "", "parameters": {"type": "object"}, "strict": True},
        },
        {"type": "function", "function": {"name": "h"}},
        {"type": "custom", "custom": {"name": "g", "format": {"type": "text"}}},
    ],
    "tool_choice": {
        "type": "allowed_tools",
        "allowed_tools": {"mode": "required", "tools": [{"type": "custom", "custom": {"name": "g"}}]},
    },
    "parallel_tool_calls": False,
    "max_tokens": 100,
    "stop": "END",
    "temperature": 0.5,
    "top_p": None,
    "reasoning_effort": "low",
    "response_format": {"type": "json_schema", "json_schema": {"schema": {"type": "object"}, "strict": None}},
    "verbosity": "low",
    "stream": True,
    "stream_options": {"include_usage": True, "include_obfuscation": False},
    "logprobs": True,
    "top_logprobs": 2,
    "safety_identifier": "u1",
    "user": "legacy",
    "metadata": {"k": "v"},
    "service_tier": "flex",
    "store": False,
    "prompt_cache_key": "pk",
    "n": 2,
    "seed": 7,
    "presence_penalty": 0.1,
    "frequency_penalty": 0.2,
    "logit_bias": {"1": 5},
    "modalities": ["text"],
    "prediction": {"type": "content", "content": "x"},
    "web_search_options": {"search_context_size": "low"},
    "brand_new_field": {"a": 1},
}


@pytest.mark.parametrize(
    "body",
    [
        KITCHEN_SINK,
        {
            "model": "m",
            "messages": [{"role": "user", "content": "hi"}],
            "max_completion_tokens": 5,
            "stop": ["a"],
        },
        {
            "model": "m",
            "messages": [{"role": "user", "content": "hi"}],
            "max_tokens": 3,
            "max_completion_tokens": 5,
        },
        {"model": "m", "messages": [], "tool_choice": {"type": "function", "function": {"name": "f"}}},
        {"model": "m", "messages": [], "tool_choice": {"type": "custom", "custom": {"name": "g"}}},
        {"model": "m", "messages": [], "tool_choice": "none", "response_format": {"type": "json_object"}},
        {
            "model": "m",
            "messages": [],
            "tool_choice": {"type": "allowed_tools", "allowed_tools": {"mode": None, "tools": [], "x": 1}},
        },
        {"model": "m", "messages": [], "stream_options": {}, "tools": [], "stop": None},
        {
            "model": "m",
            "messages": [{"role": "assistant", "tool_calls": [], "content": "x", "function_call": None}],
        },
    ],
)
def test_request_identity_hand_written(body: dict[str, Any]) -> None:
    out, log = roundtrip_request(body)
    assert same_json(out, body), out
    assert log.items == []


# --- decoding (Chat as source) -----------------------------------------------------------------------


def test_decode_top_level_fields() -> None:
    r = decode_request(KITCHEN_SINK, LossLog())
    assert r.model == "gpt-4o" and r.max_tokens == 100 and r.stop == ("END",)
    assert r.reasoning == ir.ReasoningConfig(effort="low", at="/reasoning_effort")
    assert r.output_format is not None and r.output_format.kind == "json_schema"
    assert r.output_format.schema == {"type": "object"} and r.output_format.name is None
    assert (r.include_usage, r.logprobs, r.top_logprobs, r.verbosity) == (True, True, 2, "low")
    assert (r.safety_identifier, r.user, r.metadata, r.service_tier) == ("u1", "legacy", {"k": "v"}, "flex")
    assert (r.store, r.prompt_cache_key, r.parallel_tool_calls, r.temperature, r.top_p) == (
        False,
        "pk",
        False,
        0.5,
        None,
    )
    chat = r.extras["chat"]
    for key in (
        "n",
        "seed",
        "presence_penalty",
        "frequency_penalty",
        "logit_bias",
        "modalities",
        "prediction",
    ):
        assert chat[key] == KITCHEN_SINK[key]
    assert "web_search_options" not in chat  # a hosted tool of the IR now (tests/test_web_search.py)
    assert r.tools is not None and r.tools[-1].raw == {"search_context_size": "low"}
    assert chat["brand_new_field"] == {"a": 1}
    assert chat["~max_tokens"] is True and chat["~stop"] is True


def test_decode_messages_and_parts() -> None:
    r = decode_request(KITCHEN_SINK, LossLog())
    dev, sys_, usr, asst, tool1, tool2, legacy, function = r.messages[:8]
    assert (dev.role, dev.name, dev.parts) == (
        "developer",
        "ops",
        (ir.Text("be brief", plain=True, at="/messages/0/content"),),
    )
    assert sys_.parts[0].cache is not None  # type: ignore[union-attr]
    image, url_image, audio, pdf, bare, by_id, unknown = usr.parts[1:]
    assert image == ir.Image(
        ir.Source("base64", media_type="image/png", data="AAAA"),
        detail="low",
        at="/messages/2/content/1",
        detail_at="/messages/2/content/1/image_url/detail",
    )
    assert isinstance(url_image, ir.Image) and url_image.source == ir.Source("url", url="https://x/y.png")
    assert isinstance(audio, ir.Audio) and (audio.data, audio.format) == ("UklG", "wav")
    assert isinstance(pdf, ir.Document) and pdf.filename == "a.pdf"
    assert pdf.source == ir.Source("base64", media_type="application/pdf", data="JVBE")
    assert isinstance(bare, ir.Document) and bare.source == ir.Source("base64", data="JVBE")
    assert isinstance(by_id, ir.Document) and by_id.source == ir.Source(
        "file", file_id="file-1", origin=Api.CHAT
    )
    assert unknown == ir.Opaque(
        Api.CHAT, "future_part", {"type": "future_part", "x": 1}, at="/messages/2/content/7"
    )
    kinds = [type(p).__name__ for p in asst.parts]
    assert kinds == ["Text", "Refusal", "ToolCall", "ToolCall"]
    call, custom = asst.parts[2], asst.parts[3]
    assert (
        isinstance(call, ir.ToolCall)
        and call.arguments == '{ "a": 1 }'
        and call.at == "/messages/3/tool_calls/0"
    )
    assert isinstance(custom, ir.ToolCall) and (custom.kind, custom.input) == ("custom", "raw text")
    # WIRE §6.1 tool result row: a tool message is a user message whose only part is a ToolResult
    assert tool1.role == "user" and len(tool1.parts) == 1
    result = tool1.parts[0]
    assert isinstance(result, ir.ToolResult) and result.call_id == "call_1"
    assert result.content == (ir.Text("r1", at="/messages/4/content/0"),)
    assert tool2.parts[0] == ir.ToolResult(
        "call_2", "r2", name="g", at="/messages/5", extras={"chat": {"~name": True}}
    )
    # legacy function row: the function result answers the synthesized id of the function_call
    legacy_call = legacy.parts[0]
    fn_result = function.parts[0]
    assert isinstance(legacy_call, ir.ToolCall) and isinstance(fn_result, ir.ToolResult)
    assert fn_result.call_id == legacy_call.id == "call_legacy_6" and fn_result.name == "legacy"


def test_decode_tools_and_choices() -> None:
    r = decode_request(KITCHEN_SINK, LossLog())
    assert r.tools is not None
    f, h, g, search = r.tools
    assert (search.kind, search.at) == ("hosted", "/web_search_options")
    assert (f.name, f.kind, f.description, f.parameters, f.strict) == (
        "f",
        "function",
        "",
        {"type": "object"},
        True,
    )
    assert (h.parameters, h.strict, h.description) == (None, None, None)
    assert (g.kind, g.extras["chat"]["format"]) == ("custom", {"type": "text"})
    assert r.tool_choice is not None
    assert (r.tool_choice.mode, r.tool_choice.allowed, r.tool_choice.allowed_mode) == (
        "allowed",
        ("g",),
        "required",
    )
    forms = {
        "none": ("none", None, "function"),
        "auto": ("auto", None, "function"),
        "required": ("required", None, "function"),
    }
    for wire, expected in forms.items():
        c = decode_request({"model": "m", "messages": [], "tool_choice": wire}, LossLog()).tool_choice
        assert c is not None and (c.mode, c.name, c.kind) == expected
    c = decode_request(
        {"model": "m", "messages": [], "tool_choice": {"type": "function", "function": {"name": "f"}}},
        LossLog(),
    ).tool_choice
    assert c is not None and (c.mode, c.name, c.kind) == ("tool", "f", "function")


# --- encoding IR from other APIs (Chat as target) -----------------------------------------------------


def test_instructions_become_one_leading_system_message() -> None:
    instructions = ir.Message("system", (ir.Text("be nice", plain=True),), at="/system")
    out, losses = encode(req(user(ir.Text("hi", plain=True)), instructions=instructions))
    assert out == {
        "model": "m",
        "messages": [{"role": "system", "content": "be nice"}, {"role": "user", "content": "hi"}],
    }
    assert losses == []


def test_instruction_blocks_and_cache_hints() -> None:
    blocks = (
        ir.Text("a", at="/system/0"),
        ir.Text("b", cache=ir.CacheHint(ttl="1h"), at="/system/1"),
    )
    out, losses = encode(req(instructions=ir.Message("system", blocks, at="/system")))
    assert out["messages"] == [
        {"role": "system", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}
    ]
    assert losses == [
        ("/system/1/cache_control", "cache_hint_dropped", D),
        ("/system/1/cache_control/ttl", "cache_ttl_dropped", D),
    ]


def test_reasoning_and_opaque_parts_are_dropped_with_losses() -> None:
    asst = ir.Message(
        "assistant",
        (
            ir.Reasoning(Api.MESSAGES, text="hm", signature="sig", at="/messages/1/content/0"),
            ir.Text("answer", at="/messages/1/content/1"),
            ir.Opaque(
                Api.MESSAGES, "server_tool_use", {"type": "server_tool_use"}, at="/messages/1/content/2"
            ),
            ir.ToolCall("toolu_1", "f", input={"a": 1}, at="/messages/1/content/3"),
        ),
        at="/messages/1",
    )
    out, losses = encode(req(asst))
    assert out["messages"] == [
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "answer"}],
            "tool_calls": [
                {"id": "toolu_1", "type": "function", "function": {"name": "f", "arguments": '{"a":1}'}}
            ],
        }
    ]
    assert losses == [
        ("/messages/1/content/0", "reasoning_dropped", D),
        ("/messages/1/content/2", "unsupported_part", S),
    ]


def test_tool_result_media_moves_to_following_user_message() -> None:
    result = ir.ToolResult(
        "toolu_1",
        (
            ir.Text("see image", at="/messages/2/content/0/content/0"),
            ir.Image(
                ir.Source("base64", media_type="image/png", data="AAAA"), at="/messages/2/content/0/content/1"
            ),
        ),
        is_error=True,
        at="/messages/2/content/0",
    )
    out, losses = encode(req(user(result, ir.Text("and?", at="/messages/2/content/1"), at="/messages/2")))
    assert out["messages"] == [
        {"role": "tool", "tool_call_id": "toolu_1", "content": [{"type": "text", "text": "see image"}]},
        {
            "role": "user",
            "content": [
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                {"type": "text", "text": "and?"},
            ],
        },
    ]
    assert losses == [
        ("/messages/2/content/0/content/1", "tool_result_media_moved", D),
        ("/messages/2/content/0/is_error", "tool_result_error_flag_dropped", D),
    ]


def test_tool_result_without_content_is_empty_string() -> None:
    out, losses = encode(req(user(ir.ToolResult("t", None, at="/messages/0/content/0"))))
    assert out["messages"] == [{"role": "tool", "tool_call_id": "t", "content": ""}]
    assert losses == []


def test_media_sources_wire_6_2() -> None:
    parts = (
        ir.Image(ir.Source("url", url="https://a/b.png"), detail="high", at="/p/0"),
        ir.Image(ir.Source("file", file_id="file_011", origin=Api.MESSAGES), at="/p/1"),
        ir.Document(
            ir.Source("base64", media_type="application/pdf", data="JVBE"), filename="x.pdf", at="/p/2"
        ),
        ir.Document(ir.Source("url", url="https://a/b.pdf"), at="/p/3"),
        ir.Document(ir.Source("text", media_type="text/plain", data="plain doc"), title="T", at="/p/4"),
        ir.Document(ir.Source("file", file_id="file-abc", origin=Api.RESPONSES), at="/p/5"),
        ir.Document(ir.Source("file", file_id="file_011", origin=Api.MESSAGES), at="/p/6"),
        ir.Audio("UklG", "mp3", at="/p/7"),
        ir.Image(ir.Source("url", url="https://a/c.png"), detail="original", at="/p/8"),
    )
    out, losses = encode(req(user(*parts)))
    assert out["messages"][0]["content"] == [
        {"type": "image_url", "image_url": {"url": "https://a/b.png", "detail": "high"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBE", "filename": "x.pdf"}},
        {"type": "text", "text": "plain doc"},
        {"type": "file", "file": {"file_id": "file-abc"}},
        {"type": "input_audio", "input_audio": {"data": "UklG", "format": "mp3"}},
        {"type": "image_url", "image_url": {"url": "https://a/c.png"}},
    ]
    assert losses == [
        ("/p/1", "file_id_foreign", S),
        ("/p/3", "unsupported_part", S),
        ("/p/4", "content_form_changed", C),
        ("/p/4/title", "unsupported_field", D),
        ("/p/6", "file_id_foreign", S),
        ("/p/8/detail", "unsupported_field", D),
    ]


def test_hosted_tools_and_web_search_wire_6_3() -> None:
    tools = (
        ir.Tool("f", parameters={"type": "object"}, strict=False, at="/tools/0"),
        ir.Tool(
            "web_search",
            kind="hosted",
            origin=Api.RESPONSES,
            raw={
                "type": "web_search",
                "search_context_size": "high",
                "user_location": {"type": "approximate", "city": "Paris", "country": "FR"},
                "filters": {"allowed_domains": ["a.com"]},
            },
            at="/tools/1",
        ),
        ir.Tool(
            "code_interpreter",
            kind="hosted",
            origin=Api.RESPONSES,
            raw={"type": "code_interpreter"},
            at="/tools/2",
        ),
    )
    out, losses = encode(req(tools=tools))
    assert out["tools"] == [
        {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}, "strict": False}}
    ]
    assert out["web_search_options"] == {
        "search_context_size": "high",
        "user_location": {"type": "approximate", "approximate": {"city": "Paris", "country": "FR"}},
    }
    assert losses == [
        ("/tools/1/filters/allowed_domains", "unsupported_field", D),
        ("/tools/2", "hosted_tool_dropped", S),
    ]


@pytest.mark.parametrize(
    ("choice", "expected", "losses"),
    [
        (ir.ToolChoice("auto"), "auto", []),
        (ir.ToolChoice("none"), "none", []),
        (ir.ToolChoice("required"), "required", []),
        (ir.ToolChoice("tool", name="f"), {"type": "function", "function": {"name": "f"}}, []),
        (ir.ToolChoice("tool", name="g", kind="custom"), {"type": "custom", "custom": {"name": "g"}}, []),
        (
            ir.ToolChoice("allowed", allowed=("f", "g"), allowed_mode="required"),
            {
                "type": "allowed_tools",
                "allowed_tools": {
                    "mode": "required",
                    "tools": [
                        {"type": "function", "function": {"name": "f"}},
                        {"type": "custom", "custom": {"name": "g"}},
                    ],
                },
            },
            [],
        ),
        (
            ir.ToolChoice("tool", name="web_search", kind="hosted", origin=Api.RESPONSES, at="/tool_choice"),
            None,
            [("/tool_choice", "hosted_tool_dropped", S)],
        ),
    ],
)
def test_tool_choice_wire_6_4(choice: ir.ToolChoice, expected: Any, losses: list[Any]) -> None:
    tools = (ir.Tool("f"), ir.Tool("g", kind="custom"))
    out, got = encode(req(tools=tools, tool_choice=choice))
    assert out.get("tool_choice") == expected
    assert got == losses


@pytest.mark.parametrize(
    ("config", "effort", "losses"),
    [
        (ir.ReasoningConfig(effort="high", at="/reasoning"), "high", []),
        (
            ir.ReasoningConfig(thinking="enabled", budget_tokens=1024, at="/thinking"),
            "low",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="enabled", budget_tokens=4096, at="/thinking"),
            "medium",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="enabled", budget_tokens=10000, at="/thinking"),
            "high",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="adaptive", at="/thinking"),
            "medium",
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(thinking="disabled", at="/thinking"),
            None,
            [("/thinking", "effort_approximated", D)],
        ),
        (
            ir.ReasoningConfig(effort="low", summary="auto", at="/reasoning"),
            "low",
            [("/reasoning/summary", "unsupported_field", D)],
        ),
    ],
)
def test_reasoning_controls_wire_6_10(
    config: ir.ReasoningConfig, effort: str | None, losses: list[Any]
) -> None:
    out, got = encode(req(reasoning=config))
    assert out.get("reasoning_effort") == effort
    assert got == losses


def test_top_level_fields_from_other_apis() -> None:
    r = req(
        max_tokens=512,
        stop=("x",),
        output_format=ir.OutputFormat("json_schema", schema={"type": "object"}, at="/output_config/format"),
        include_usage=True,
        service_tier="standard_only",
        previous_response_id="resp_1",
        extras={"messages": {"top_k": 5, "~hint": 1}},
    )
    out, losses = encode(r)
    assert out == {
        "model": "m",
        "messages": [],
        "max_completion_tokens": 512,
        "stop": ["x"],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "response", "schema": {"type": "object"}},
        },
        "stream_options": {"include_usage": True},
        "service_tier": "default",
    }
    assert losses == [
        ("/output_config/format", "output_format_approximated", C),
        ("/service_tier", "service_tier_approximated", D),
        ("/previous_response_id", "previous_response_unresolved", S),
        ("/top_k", "unsupported_field", D),
    ]


def test_chat_only_fields_are_reported_by_other_encoders_via_carry() -> None:
    r = decode_request({"model": "m", "messages": [], "n": 3, "seed": 1}, LossLog())
    log = LossLog()
    assert carry(r.extras, Api.MESSAGES, "", log, top_level=True) == {}
    assert [(x.pointer, x.code, x.severity) for x in log.items] == [
        ("/n", "unsupported_field", S),
        ("/seed", "unsupported_field", D),
    ]


# --- responses -----------------------------------------------------------------------------------------


def test_every_finish_value_has_a_row() -> None:
    assert set(FROM_CHAT) == {"stop", "length", "tool_calls", "content_filter", "function_call"}
    assert set(TO_CHAT) == set(ir.Finish)
    assert all(TO_CHAT[f][0] in FROM_CHAT for f in ir.Finish)


@pytest.mark.parametrize(
    ("finish", "reason", "losses"),
    [
        (ir.Finish.END_TURN, "stop", []),
        (ir.Finish.STOP_SEQUENCE, "stop", [("/stop_reason", "stop_sequence_lost", C)]),
        (ir.Finish.MAX_TOKENS, "length", []),
        (ir.Finish.TOOL_USE, "tool_calls", []),
        (ir.Finish.REFUSAL, "content_filter", []),
        (ir.Finish.PAUSE_TURN, "stop", [("/stop_reason", "finish_reason_approximated", S)]),
        (ir.Finish.CONTEXT_WINDOW_EXCEEDED, "length", [("/stop_reason", "finish_reason_approximated", D)]),
        (ir.Finish.COMPACTION, "length", [("/stop_reason", "finish_reason_approximated", D)]),
    ],
)
def test_finish_reasons_wire_6_8(finish: ir.Finish, reason: str, losses: list[Any]) -> None:
    resp = ir.Response(
        "msg_1",
        "claude",
        (ir.Choice(ir.Message("assistant", ()), finish, at="/choices/0", finish_at="/stop_reason"),),
        created=5,
    )
    out, got = encode_resp(resp)
    assert out["choices"][0]["finish_reason"] == reason
    assert got == losses


def test_foreign_response_encoding() -> None:
    cite = ir.Citation(Api.MESSAGES, {"type": "web_search_result_location"}, url="https://u", title="U")
    msg = ir.Message(
        "assistant",
        (
            ir.Reasoning(Api.MESSAGES, text="t", at="/content/0"),
            ir.Text("Hello ", at="/content/1"),
            ir.Text(
                "world",
                citations=(cite, ir.Citation(Api.MESSAGES, {"type": "char_location"})),
                at="/content/2",
            ),
            ir.ToolCall("toolu_9", "f", input={}, at="/content/3"),
        ),
        at="",
    )
    usage = ir.Usage(input_tokens=100, output_tokens=20, cache_read=30, cache_write=10)
    resp = ir.Response("msg_abc", "claude", (ir.Choice(msg, ir.Finish.TOOL_USE),), usage=usage)
    out, losses = encode_resp(resp)
    assert out == {
        "id": "chatcmpl-abc",
        "object": "chat.completion",
        "created": 0,
        "model": "claude",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": "Hello world",
                    "refusal": None,
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url_citation": {
                                "start_index": 6,
                                "end_index": 11,
                                "url": "https://u",
                                "title": "U",
                            },
                        }
                    ],
                    "tool_calls": [
                        {"id": "toolu_9", "type": "function", "function": {"name": "f", "arguments": "{}"}}
                    ],
                },
                "finish_reason": "tool_calls",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": 100,
            "completion_tokens": 20,
            "total_tokens": 120,
            "prompt_tokens_details": {"cached_tokens": 30, "cache_write_tokens": 10},
        },
    }
    assert losses == [
        ("/created", "created_synthesized", C),
        ("/content/0", "reasoning_dropped", D),
        ("/content/2", "citation_dropped", S),
        ("", "content_form_changed", C),
    ]


def test_response_decode_usage_and_choices() -> None:
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 9,
        "model": "gpt",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": None, "refusal": "no"},
                "finish_reason": "content_filter",
                "logprobs": {"content": []},
            },
            {
                "index": 1,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "function_call": {"name": "f", "arguments": "{}"},
                },
                "finish_reason": "function_call",
            },
        ],
        "usage": {
            "prompt_tokens": 10,
            "completion_tokens": 5,
            "total_tokens": 15,
            "prompt_tokens_details": {"cached_tokens": 4, "cache_write_tokens": 2, "audio_tokens": 3},
            "completion_tokens_details": {"reasoning_tokens": 1, "audio_tokens": 0},
        },
        "system_fingerprint": "fp",
    }
    log = LossLog()
    resp = decode_response(body, log)
    assert resp.usage is not None
    u = resp.usage
    assert (
        u.input_tokens,
        u.output_tokens,
        u.total_tokens,
        u.cache_read,
        u.cache_write,
        u.reasoning_tokens,
    ) == (10, 5, 15, 4, 2, 1)
    assert u.extras["chat"]["prompt_tokens_details"] == {"audio_tokens": 3}  # informative: a real leftover
    first, second = resp.choices
    assert first.finish is ir.Finish.CONTENT_FILTER and first.extras["chat"]["logprobs"] == {"content": []}
    assert first.message.parts == (ir.Refusal("no", at="/choices/0/message/refusal"),)
    assert second.finish is ir.Finish.TOOL_USE
    assert same_json(encode_response(resp, log, None), body) and log.items == []


# --- malformed input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"model": "m", "messages": "hi"}, "/messages"),
        ({"model": "m", "messages": [], "max_tokens": "10"}, "/max_tokens"),
        ({"model": "m", "messages": [], "reasoning_effort": ["high"]}, "/reasoning_effort"),
        ({"model": "m", "messages": ["hi"]}, "/messages/0"),
        ({"model": "m", "messages": [{"role": "robot", "content": "x"}]}, "/messages/0/role"),
        ({"model": "m", "messages": [{"role": "user", "content": [3]}]}, "/messages/0/content/0"),
        ({"model": "m", "messages": [{"role": "tool", "content": "x"}]}, "/messages/0/tool_call_id"),
        (
            {
                "model": "m",
                "messages": [
                    {
                        "role": "assistant",
                        "tool_calls": [
                            {"id": "c", "type": "function", "function": {"name": "f", "arguments": {}}}
                        ],
                    }
                ],
            },
            "/messages/0/tool_calls/0/function/arguments",
        ),
    ],
)
def test_malformed_requests_raise_request_error(body: dict[str, Any], pointer: str) -> None:
    with pytest.raises(RequestError) as exc:
        decode_request(body, LossLog())
    assert exc.value.pointer == pointer


def test_arguments_that_are_not_json_survive() -> None:
    body = {
        "model": "m",
        "messages": [
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "c", "type": "function", "function": {"name": "f", "arguments": "{not json"}}
                ],
            }
        ],
    }
    out, log = roundtrip_request(body)
    assert same_json(out, body) and log.items == []


def test_unknown_part_is_opaque_for_other_targets() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": [{"type": "video", "v": 1}]}]}
    r = decode_request(body, LossLog())
    part = r.messages[0].parts[0]
    assert part == ir.Opaque(Api.CHAT, "video", {"type": "video", "v": 1}, at="/messages/0/content/0")


def test_malformed_response_is_upstream_error() -> None:
    with pytest.raises(UpstreamError):
        decode_response({"id": "x", "choices": [{"message": "oops"}]}, LossLog())


def test_long_tool_call_ids_are_shortened_for_chat_requests_only() -> None:
    # OpenAI rejects tool_calls[].id over 40 characters (WIRE.md §6.5; PEERS: 43-83 character ids
    # from other providers). The call and its result get the same short id; the response keeps it.
    long_id = "toolu_vrtx_" + "0123456789abcdefghijklmnopqrstuvwxyz"  # 47 characters
    call = ir.ToolCall(long_id, "f", input={}, at="/messages/1/content/0")
    request = ir.Request(
        model="m",
        messages=(
            ir.Message("user", (ir.Text("q", plain=True),), at="/messages/0"),
            ir.Message("assistant", (call,), at="/messages/1"),
            ir.Message("user", (ir.ToolResult(long_id, "r", at="/messages/2/content/0"),), at="/messages/2"),
        ),
    )
    log = LossLog()
    out = encode_request(request, log)
    sent = out["messages"][1]["tool_calls"][0]["id"]
    assert len(sent) == 40 and sent.startswith("toolu_vrtx_0123456789abcdefghij_")
    assert out["messages"][2]["tool_call_id"] == sent
    assert [(x.pointer, x.code) for x in log.items] == [
        ("/messages/1/content/0/id", "id_rewritten"),
        ("/messages/2/content/0", "id_rewritten"),
    ]
    other = ir.ToolCall(long_id + "x", "f", input={})
    assert encode_request(replace(request, messages=(ir.Message("assistant", (other,)),)), LossLog())[
        "messages"
    ][0]["tool_calls"][0]["id"] not in (sent, long_id + "x")
    short = ir.ToolCall("call_" + "a" * 35, "f", input={})  # exactly 40: kept
    kept = encode_request(replace(request, messages=(ir.Message("assistant", (short,)),)), LossLog())
    assert kept["messages"][0]["tool_calls"][0]["id"] == short.id
    answer = ir.Response(
        id="chatcmpl-1", model="m", choices=(ir.Choice(ir.Message("assistant", (call,)), ir.Finish.TOOL_USE),)
    )
    assert encode_response(answer, LossLog(), None)["choices"][0]["message"]["tool_calls"][0]["id"] == long_id
