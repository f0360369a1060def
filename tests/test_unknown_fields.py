"""Fields no API defines: kept through ``X -> IR -> X``, reported when another API cannot keep them.

The generated bodies of ``tests.strategies`` hold only documented fields, so the identity and
there-and-back properties of ``test_convert_properties`` never saw an unknown one: these run the
same properties over the same bodies with ``x_kw_`` fields added to any of their objects
(``tests.unknown_fields``). A field lost on the way there must be reported at its own pointer (or
an ancestor's); the original without the reported fields must then come back, up to the losses.
The examples below are the silent drops these properties found, each pinned where it was.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kindo_wire as kw
from kindo_wire._codecs import CODECS
from kindo_wire.api import Api
from kindo_wire.convert import request_to_ir, response_to_ir
from kindo_wire.loss import LossLog
from kindo_wire.stream_transcoder import StreamTranscoder
from tests import strategies
from tests.equivalences import canonical
from tests.peers_helpers import chat_response, rs_response, rs_text_item
from tests.test_convert_properties import APIS, PAIRS, describe, tokens, uncovered
from tests.traffic import TRAFFIC, same_json
from tests.unknown_fields import RESPONSES_ECHOES, remove, with_unknown_fields

KINDS = ["requests", "responses"]
CONVERT = {"requests": kw.convert_request, "responses": kw.convert_response}


def through_ir(kind: str, body: dict[str, Any], api: Api) -> tuple[dict[str, Any], tuple[kw.Loss, ...]]:
    """``api -> IR -> api``: the body and the losses."""
    log = LossLog()
    if kind == "requests":
        out = CODECS[api].encode_request(request_to_ir(body, api, log), log)
    else:
        out = CODECS[api].encode_response(response_to_ir(body, api, log), log, None)
    return out, log.freeze()


def drawn(data: st.DataObject, kind: str, api: Api) -> tuple[dict[str, Any], list[str]]:
    skip = RESPONSES_ECHOES if (kind, api) == ("responses", Api.RESPONSES) else frozenset()
    return data.draw(with_unknown_fields(getattr(strategies, kind)[api.value], skip))


@pytest.mark.parametrize("api", APIS, ids=[a.value for a in APIS])
@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_identity_keeps_unknown_fields(kind: str, api: Api, data: st.DataObject) -> None:
    body, _ = drawn(data, kind, api)
    out, losses = through_ir(kind, body, api)
    assert same_json(out, body)
    assert losses == ()


@pytest.mark.parametrize(("source", "target"), PAIRS)
@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_unknown_fields_are_kept_or_reported(
    kind: str, source: Api, target: Api, data: st.DataObject
) -> None:
    original, added = drawn(data, kind, source)
    there = CONVERT[kind](original, source=source, target=target)
    back = CONVERT[kind](there.body, source=target, target=source)
    at = [tokens(loss.pointer) for loss in there.losses if loss.pointer]
    reported = [p for p in added if any(tokens(p)[: len(a)] == a for a in at)]
    same = canonical(remove(original, reported), source.value, kind)
    returned = canonical(back.body, source.value, kind)
    differences = uncovered(same, returned, there.losses)
    assert not differences, f"differences no loss covers: {differences}\nlosses:\n{describe(there.losses)}"


# -- the drops the properties found ---------------------------------------------------------------


def responses_answer(**fields: Any) -> dict[str, Any]:
    """A Responses answer of one text item, with ``fields`` at its top level."""
    return {**rs_response([rs_text_item("Hi")]), **fields}


CALL = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
USER = {"role": "user", "content": "Hi"}
TOOLS = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]

# (what, kind, source, body, target, pointer, severity)
DROPS = [
    (
        "a reasoning model's text on a Chat answer (Groq, vLLM: message.reasoning)",
        "responses", Api.CHAT,
        chat_response(
            {"role": "assistant", "content": "Hi", "reasoning": "Think", "channel": "final"}, "stop"
        ),
        Api.MESSAGES, "/choices/0/message/reasoning", kw.Severity.DEGRADED,
    ),
    (
        "a field of a Chat answer's tool call function",
        "responses", Api.CHAT,
        chat_response({"role": "assistant", "content": None, "tool_calls": [
            {**CALL, "function": {**CALL["function"], "x_vendor": "v"}}]}, "tool_calls"),
        Api.RESPONSES, "/choices/0/message/tool_calls/0/function/x_vendor", kw.Severity.DEGRADED,
    ),
    (
        "a field of a Chat tool's function",
        "requests", Api.CHAT,
        {"model": "m", "messages": [USER], "tools": [
            {"type": "function", "function": {**TOOLS[0]["function"], "x_vendor": "v"}}]},
        Api.RESPONSES, "/tools/0/function/x_vendor", kw.Severity.DEGRADED,
    ),
    (
        "a field of a forced Chat tool choice's function",
        "requests", Api.CHAT,
        {"model": "m", "messages": [USER], "tools": TOOLS,
         "tool_choice": {"type": "function", "function": {"name": "f", "x_vendor": "v"}}},
        Api.MESSAGES, "/tool_choice/function/x_vendor", kw.Severity.DEGRADED,
    ),
    (
        "a field of a Chat system message hoisted into the Anthropic system prompt",
        "requests", Api.CHAT,
        {"model": "m", "messages": [{"role": "system", "content": "Be brief", "x_vendor": "v"}, USER]},
        Api.MESSAGES, "/messages/0/x_vendor", kw.Severity.DEGRADED,
    ),
    (
        "a field of an Anthropic user turn that holds only tool results",
        "requests", Api.MESSAGES,
        {"model": "m", "max_tokens": 64, "messages": [
            USER,
            {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}]},
            {"role": "user", "x_vendor": "v",
             "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "ok"}]},
        ]},
        Api.CHAT, "/messages/2/x_vendor", kw.Severity.DEGRADED,
    ),
    (
        "a top-level field of a Responses answer that is not a request echo",
        "responses", Api.RESPONSES, responses_answer(x_vendor="v"),
        Api.CHAT, "/x_vendor", kw.Severity.DEGRADED,
    ),
    (
        "who pays for a Responses answer (billing, seen on every live crewAI recording)",
        "responses", Api.RESPONSES, responses_answer(billing={"payer": "developer"}),
        Api.MESSAGES, "/billing", kw.Severity.COSMETIC,
    ),
    (
        "when a Responses answer completed",
        "responses", Api.RESPONSES, responses_answer(completed_at=2),
        Api.CHAT, "/completed_at", kw.Severity.COSMETIC,
    ),
    (
        "another count in Responses usage details",
        "responses", Api.RESPONSES,
        responses_answer(usage={**responses_answer()["usage"],
                                "input_tokens_details": {"cached_tokens": 0, "audio_tokens": 3}}),
        Api.CHAT, "/usage/input_tokens_details/audio_tokens", kw.Severity.DEGRADED,
    ),
    (
        "another field of Responses incomplete_details",
        "responses", Api.RESPONSES,
        responses_answer(status="incomplete",
                         incomplete_details={"reason": "max_output_tokens", "x_vendor": "v"}),
        Api.MESSAGES, "/incomplete_details/x_vendor", kw.Severity.DEGRADED,
    ),
]  # fmt: skip


class Drop(NamedTuple):
    kind: str
    source: Api
    body: dict[str, Any]
    target: Api
    pointer: str
    severity: kw.Severity


@pytest.mark.parametrize("drop", [pytest.param(Drop(*row[1:]), id=row[0]) for row in DROPS])
def test_a_field_dropped_is_reported_where_it_was(drop: Drop) -> None:
    kind, source, body, target, pointer, severity = drop
    converted = CONVERT[kind](body, source=source, target=target)
    found = [loss for loss in converted.losses if loss.pointer == pointer]
    assert [(x.code, x.severity) for x in found] == [("unsupported_field", severity)], describe(
        converted.losses
    )
    assert same_json(through_ir(kind, body, source)[0], body)  # ... and the source API keeps it


def test_a_recorded_reasoning_stream_reports_its_reasoning_as_the_body_does() -> None:
    """Groq's gpt-oss streams ``delta.reasoning`` with ``delta.channel``: Anthropic and Responses
    clients get no thinking from it, and both transcoders say so, at the aggregated message's
    pointer, as converting the aggregated body does."""
    record = json.loads(
        (TRAFFIC / "chat" / "pydantic-ai__tool_use_failed_error_streaming__1.json").read_text()
    )
    assert '"reasoning":' in record["stream"]
    for target in (Api.MESSAGES, Api.RESPONSES):
        transcoder = StreamTranscoder(source="chat", target=target.value)
        transcoder.feed(record["stream"].encode())
        transcoder.close()
        lost = {loss.pointer for loss in transcoder.losses if loss.code == "unsupported_field"}
        assert {"/choices/0/message/reasoning", "/choices/0/message/channel"} <= lost, target
