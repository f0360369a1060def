"""The same-API forwarding rule: governance fields stripped, core fields validated, the rest verbatim."""

from __future__ import annotations

import copy
import json

import pytest

import kindo_wire as kw
from kindo_wire.forwarding import forward_request
from tests.traffic import exchanges

OK = [e for e in exchanges() if e.status == 200]


@pytest.mark.parametrize("exchange", OK, ids=lambda e: e.name)
def test_recorded_requests_forward_verbatim_minus_governance(exchange) -> None:  # type: ignore[no-untyped-def]
    body = copy.deepcopy(exchange.request)
    body["litellm_metadata"] = {"team": "a"}
    body["proxy_server_request"] = {"url": "/v1/x"}
    forwarded = forward_request(body, api=exchange.api)
    expected = {k: v for k, v in exchange.request.items() if k not in kw.GOVERNANCE_FIELDS}
    assert forwarded == expected
    # Verbatim: values are the client's own objects, not a re-serialisation of our models.
    for key in forwarded:
        assert forwarded[key] is body[key]


def test_unknown_fields_and_reasoning_state_pass_byte_exact() -> None:
    signature = "EqQBCkgIBxABGAIqQP+/weird==\u00e9"  # opaque: must arrive exactly as sent
    raw = json.dumps(
        {
            "model": "claude-sonnet-4-5",
            "max_tokens": 2048,
            "future_param": {"nested": [1, 2.0, None]},
            "metadata": {"user_id": "u1"},
            "messages": [
                {"role": "user", "content": "q"},
                {
                    "role": "assistant",
                    "content": [
                        {"type": "thinking", "thinking": "hmm", "signature": signature},
                        {"type": "brand_new_block", "payload": "x"},
                    ],
                },
                {"role": "user", "content": "go on"},
            ],
        }
    )
    forwarded = forward_request(raw, api="messages")
    assert forwarded["future_param"] == {"nested": [1, 2.0, None]}
    assert isinstance(forwarded["future_param"]["nested"][1], float)
    assert forwarded["messages"][1]["content"][0]["signature"] == signature
    assert forwarded["messages"][1]["content"][1] == {"type": "brand_new_block", "payload": "x"}
    assert "metadata" not in forwarded  # a governance field, stripped on ingress


def test_a_bad_request_is_refused_not_forwarded() -> None:
    with pytest.raises(kw.RequestError) as caught:
        forward_request({"model": "gpt-4o", "messages": [], "metadata": {"k": "v"}}, api="chat")
    assert caught.value.pointer == "/messages"


def test_governance_fields_are_stripped_before_validation() -> None:
    # 17 metadata pairs would fail Chat's metadata limit, but metadata never reaches validation.
    body = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "x"}],
        "metadata": {f"k{i}": "v" for i in range(17)},
    }
    assert forward_request(body, api="chat") == {"model": "gpt-4o", "messages": body["messages"]}
    # A caller with other governance fields names them; metadata is then forwarded and validated.
    with pytest.raises(kw.RequestError, match="16"):
        forward_request(body, api="chat", fields=["user"])
    small = {**body, "metadata": {"k": "v"}, "user": "u"}
    forwarded = forward_request(small, api="chat", fields=["user"])
    assert forwarded["metadata"] is small["metadata"] and "user" not in forwarded


def test_size_limit_applies_to_raw_bodies() -> None:
    raw = json.dumps({"model": "gpt-5", "input": "x" * 100}).encode()
    with pytest.raises(kw.RequestError) as caught:
        forward_request(raw, api="responses", max_bytes=50)
    assert caught.value.status == 413
