"""Hypothesis strategies for valid request and response bodies of the three wire formats.

Each strategy builds a body the real API (and its official SDK type) accepts: tool calls are answered by
results with the same id, named tool choices name a defined tool, Anthropic thinking comes with a budget
below ``max_tokens`` and no forced tool choice or temperature, responses' finish reasons agree with
their content. A conversation is first drawn as an API-neutral plan (``Turn``s), then rendered in the
form each API uses, drawing that API's own form choices (bare string vs parts, field spellings).

``requests[api]`` / ``responses[api]`` are the strategies by API value.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

# -- small values ---------------------------------------------------------------------------------

words = st.text(alphabet=string.ascii_letters + string.digits + " .,:!?-'é€", min_size=1, max_size=24).filter(
    lambda s: s.strip() != ""
)
tool_names = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)
id_core = st.from_regex(r"[A-Za-z0-9]{6,16}", fullmatch=True)
small_ints = st.integers(min_value=0, max_value=5000)

# A 1x1 PNG, valid base64.
PNG_BASE64 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
image_urls = st.sampled_from(
    [
        "https://example.com/cat.png",
        "https://upload.example.org/images/photo.jpg",
        f"data:image/png;base64,{PNG_BASE64}",
        f"data:image/jpeg;base64,{PNG_BASE64}",
    ]
)

SCHEMAS: list[dict[str, Any]] = [
    {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
        "required": ["a", "b"],
        "additionalProperties": False,
    },
    {"type": "object", "properties": {}},
]

json_scalars = st.one_of(
    st.integers(min_value=-1000, max_value=1000),
    words,
    st.booleans(),
    st.none(),
)
arguments_objects = st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), json_scalars, max_size=3)


def strict_ok(schema: dict[str, Any] | None) -> bool:
    """Whether OpenAI's strict mode takes this function schema (what a valid strict request has)."""
    # The rules that matter for SCHEMAS (flat objects): additionalProperties false, all required.
    if schema is None or schema.get("additionalProperties") is not False:
        return False
    return set(schema.get("required", ())) == set(schema.get("properties", {}))


OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "gpt-5"]
ANTHROPIC_MODELS = ["claude-sonnet-4-20250514", "claude-3-5-haiku-latest", "claude-opus-4-1"]
EFFORTS = ["minimal", "low", "medium", "high"]


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# -- the API-neutral plan of a conversation ---------------------------------------------------------


@dataclass
class Call:
    id: str
    name: str
    arguments: dict[str, Any]
    spaced: bool  # arguments text as json.dumps gives it (", " and ": ") instead of compact


@dataclass
class Turn:
    """One turn of the plan.

    ``user``: ``items`` of ("text", str) / ("image", url). ``assistant``: ``text`` (may be empty when
    there are calls), ``calls``, and ``reasoning`` (text of a thinking block / reasoning item first).
    ``results``: tool results ``(call id, text, is_error)`` answering the previous assistant turn.
    """

    role: str  # "user" | "assistant" | "results"
    items: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    calls: list[Call] = field(default_factory=list)
    reasoning: str | None = None
    results: list[tuple[str, str, bool]] = field(default_factory=list)


@dataclass
class Plan:
    system: str | None
    system_role: str  # "system" | "developer"
    turns: list[Turn]
    tools: list[tuple[str, str | None, dict[str, Any]]]  # (name, description, schema)


@st.composite
def plans(draw: st.DrawFn, *, images: bool = True, reasoning: bool = False) -> Plan:
    tools: list[tuple[str, str | None, dict[str, Any]]] = []
    for name in draw(st.lists(tool_names, max_size=3, unique=True)):
        tools.append((name, draw(st.none() | words), draw(st.sampled_from(SCHEMAS))))
    system = draw(st.none() | words)
    system_role = draw(st.sampled_from(["system", "developer"]))
    turns: list[Turn] = []
    counter = draw(st.integers(min_value=0, max_value=10_000))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        turns.append(draw(user_turns(images=images)))
        calls: list[Call] = []
        if tools and draw(st.booleans()):
            for _ in range(draw(st.integers(min_value=1, max_value=2))):
                counter += 1
                calls.append(
                    Call(
                        id=f"call{counter}_{draw(id_core)}",
                        name=draw(st.sampled_from([t[0] for t in tools])),
                        arguments=draw(arguments_objects),
                        spaced=draw(st.integers(0, 4)) == 0,
                    )
                )
        text = draw(words) if not calls or draw(st.booleans()) else ""
        thought = draw(st.none() | words) if reasoning else None
        turns.append(Turn("assistant", text=text, calls=calls, reasoning=thought))
        if calls:
            turns.append(
                Turn(
                    "results",
                    results=[(c.id, draw(words), draw(st.integers(0, 5)) == 0) for c in calls],
                )
            )
    # the conversation ends on the user side: a user message, or the results of the last calls
    if not turns or turns[-1].role != "results" or draw(st.booleans()):
        turns.append(draw(user_turns(images=images)))
    return Plan(system, system_role, turns, tools)


@st.composite
def user_turns(draw: st.DrawFn, *, images: bool = True) -> Turn:
    kinds = st.sampled_from(["text", "text", "image"]) if images else st.just("text")
    items: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(kinds)
        items.append((kind, draw(image_urls) if kind == "image" else draw(words)))
    if all(kind == "image" for kind, _ in items):
        items.append(("text", draw(words)))
    return Turn("user", items=items)


# -- Chat Completions -------------------------------------------------------------------------------


@st.composite
def chat_requests(draw: st.DrawFn) -> dict[str, Any]:
    plan = draw(plans())
    messages: list[dict[str, Any]] = []
    if plan.system is not None:
        content: Any = plan.system
        if draw(st.booleans()):
            content = [{"type": "text", "text": plan.system}]
        messages.append({"role": plan.system_role, "content": content})
    for turn in plan.turns:
        if turn.role == "user":
            messages.append({"role": "user", "content": draw(chat_user_content(turn))})
        elif turn.role == "assistant":
            message: dict[str, Any] = {"role": "assistant"}
            if turn.text:
                message["content"] = (
                    [{"type": "text", "text": turn.text}] if draw(st.integers(0, 3)) == 0 else turn.text
                )
            elif draw(st.booleans()):
                message["content"] = None
            if turn.calls:
                message["tool_calls"] = [
                    {
                        "id": c.id,
                        "type": "function",
                        "function": {
                            "name": c.name,
                            "arguments": json.dumps(c.arguments) if c.spaced else compact(c.arguments),
                        },
                    }
                    for c in turn.calls
                ]
            messages.append(message)
        else:
            for call_id, text, _ in turn.results:
                body: Any = [{"type": "text", "text": text}] if draw(st.integers(0, 3)) == 0 else text
                messages.append({"role": "tool", "tool_call_id": call_id, "content": body})
    request: dict[str, Any] = {"model": draw(st.sampled_from(OPENAI_MODELS)), "messages": messages}
    if plan.tools:
        tools = []
        for name, description, schema in plan.tools:
            function: dict[str, Any] = {"name": name}
            if description is not None:
                function["description"] = description
            if draw(st.integers(0, 4)) != 0:
                function["parameters"] = schema
            if draw(st.booleans()):
                # OpenAI refuses strict: true on a schema its strict mode cannot take (WIRE.md §6.3)
                function["strict"] = draw(st.booleans()) and strict_ok(function.get("parameters"))
            tools.append({"type": "function", "function": function})
        request["tools"] = tools
        choice = draw(
            st.none()
            | st.sampled_from(["auto", "none", "required"])
            | st.sampled_from([t[0] for t in plan.tools]).map(
                lambda n: {"type": "function", "function": {"name": n}}
            )
        )
        if choice is not None:
            request["tool_choice"] = choice
        if draw(st.booleans()):
            request["parallel_tool_calls"] = draw(st.booleans())
    cap = draw(st.sampled_from([None, "max_completion_tokens", "max_tokens"]))
    if cap is not None:
        request[cap] = draw(st.integers(min_value=16, max_value=8192))
    optional(draw, request, "temperature", st.sampled_from([0, 0.2, 0.7, 1, 1.3, 2.0]))
    optional(draw, request, "top_p", st.sampled_from([0.1, 0.5, 0.95, 1]))
    optional(draw, request, "stop", words | st.lists(words, min_size=1, max_size=4))
    optional(draw, request, "reasoning_effort", st.sampled_from(EFFORTS))
    optional(
        draw,
        request,
        "metadata",
        st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), words, max_size=4),
    )
    optional(draw, request, "user", id_core)
    optional(draw, request, "safety_identifier", id_core)
    if draw(st.integers(0, 4)) == 0:
        request["stream"] = True
        if draw(st.booleans()):
            request["stream_options"] = {"include_usage": True}
    return request


@st.composite
def chat_user_content(draw: st.DrawFn, turn: Turn) -> Any:
    if all(kind == "text" for kind, _ in turn.items) and len(turn.items) == 1 and draw(st.booleans()):
        return turn.items[0][1]
    parts: list[dict[str, Any]] = []
    for kind, value in turn.items:
        if kind == "text":
            parts.append({"type": "text", "text": value})
        else:
            image: dict[str, Any] = {"url": value}
            if draw(st.booleans()):
                image["detail"] = draw(st.sampled_from(["auto", "low", "high"]))
            parts.append({"type": "image_url", "image_url": image})
    return parts


def optional(draw: st.DrawFn, body: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        body[key] = draw(values)


# -- Anthropic Messages -----------------------------------------------------------------------------


@st.composite
def messages_requests(draw: st.DrawFn) -> dict[str, Any]:
    plan = draw(plans(reasoning=True))
    thinking = draw(st.sampled_from([None, None, "enabled", "disabled"]))
    max_tokens = draw(st.integers(min_value=1, max_value=8192))
    request: dict[str, Any] = {"model": draw(st.sampled_from(ANTHROPIC_MODELS))}
    if thinking == "enabled":
        budget = draw(st.integers(min_value=1024, max_value=6000))
        max_tokens = max(max_tokens, budget + draw(st.integers(min_value=1, max_value=4000)))
        request["thinking"] = {"type": "enabled", "budget_tokens": budget}
    elif thinking == "disabled":
        request["thinking"] = {"type": "disabled"}
    request["max_tokens"] = max_tokens
    messages: list[dict[str, Any]] = []
    pending_results: list[dict[str, Any]] = []
    for turn in plan.turns:
        if turn.role == "results":
            for call_id, text, is_error in turn.results:
                block: dict[str, Any] = {"type": "tool_result", "tool_use_id": call_id}
                block["content"] = [{"type": "text", "text": text}] if draw(st.booleans()) else text
                if is_error:
                    block["is_error"] = True
                pending_results.append(block)
            continue
        if turn.role == "user":
            blocks = [*pending_results, *messages_user_blocks(turn)]
            if (
                not pending_results
                and len(blocks) == 1
                and blocks[0]["type"] == "text"
                and draw(st.booleans())
            ):
                messages.append({"role": "user", "content": blocks[0]["text"]})
            else:
                messages.append({"role": "user", "content": blocks})
            pending_results = []
            continue
        content: list[dict[str, Any]] = []
        if turn.reasoning is not None and thinking == "enabled":
            if draw(st.integers(0, 3)) == 0:
                content.append({"type": "redacted_thinking", "data": "EmwKAhgB" + draw(id_core)})
            else:
                content.append(
                    {"type": "thinking", "thinking": turn.reasoning, "signature": "Er" + draw(id_core)}
                )
        if turn.text:
            content.append({"type": "text", "text": turn.text})
        content += [
            {"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in turn.calls
        ]
        if len(content) == 1 and content[0]["type"] == "text" and draw(st.integers(0, 3)) == 0:
            messages.append({"role": "assistant", "content": turn.text})
        else:
            messages.append({"role": "assistant", "content": content})
    if pending_results:
        messages.append({"role": "user", "content": pending_results})
    request["messages"] = messages
    if plan.system is not None:
        request["system"] = [{"type": "text", "text": plan.system}] if draw(st.booleans()) else plan.system
    if plan.tools:
        tools = []
        for name, description, schema in plan.tools:
            tool: dict[str, Any] = {"name": name, "input_schema": schema}
            if description is not None:
                tool["description"] = description
            tools.append(tool)
        request["tools"] = tools
        modes = ["auto", "none"] if thinking == "enabled" else ["auto", "none", "any", "tool"]
        mode = draw(st.none() | st.sampled_from(modes))
        if mode is not None:
            choice: dict[str, Any] = {"type": mode}
            if mode == "tool":
                choice["name"] = draw(st.sampled_from([t[0] for t in plan.tools]))
            if mode != "none" and draw(st.booleans()):
                choice["disable_parallel_tool_use"] = draw(st.booleans())
            request["tool_choice"] = choice
    if thinking != "enabled":
        optional(draw, request, "temperature", st.sampled_from([0, 0.3, 0.5, 1, 1.0]))
    optional(draw, request, "top_p", st.sampled_from([0.1, 0.5, 0.95]))
    optional(draw, request, "stop_sequences", st.lists(words, min_size=1, max_size=3))
    if draw(st.booleans()):
        request["metadata"] = {"user_id": draw(id_core)}
    if draw(st.integers(0, 4)) == 0:
        request["stream"] = True
    return request


def messages_user_blocks(turn: Turn) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for kind, value in turn.items:
        if kind == "text":
            blocks.append({"type": "text", "text": value})
        elif value.startswith("data:"):
            media_type, _, data = value[len("data:") :].partition(";base64,")
            blocks.append(
                {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}}
            )
        else:
            blocks.append({"type": "image", "source": {"type": "url", "url": value}})
    return blocks


# -- OpenAI Responses -------------------------------------------------------------------------------


@st.composite
def responses_requests(draw: st.DrawFn) -> dict[str, Any]:
    plan = draw(plans(reasoning=True))
    request: dict[str, Any] = {"model": draw(st.sampled_from(OPENAI_MODELS))}
    items: list[dict[str, Any]] = []
    if plan.system is not None:
        if draw(st.booleans()):
            request["instructions"] = plan.system
        else:
            system: dict[str, Any] = {"role": plan.system_role, "content": plan.system}
            if draw(st.booleans()):
                system = {"type": "message", **system}  # the typed form of the same item
            if draw(st.booleans()):
                system["content"] = [{"type": "input_text", "text": plan.system}]
            items.append(system)
    counter = 0
    for turn in plan.turns:
        if turn.role == "user":
            items.append(draw(responses_user_item(turn)))
        elif turn.role == "assistant":
            counter += 1
            if turn.reasoning is not None:
                reasoning: dict[str, Any] = {
                    "type": "reasoning",
                    "id": f"rs_{draw(id_core)}{counter}",
                    "summary": [{"type": "summary_text", "text": turn.reasoning}],
                }
                if draw(st.booleans()):
                    reasoning["encrypted_content"] = "gAAAAB" + draw(id_core)
                items.append(reasoning)
            if turn.text:
                if draw(st.booleans()):
                    items.append({"role": "assistant", "content": turn.text})
                else:
                    items.append(
                        {
                            "type": "message",
                            "role": "assistant",
                            "id": f"msg_{draw(id_core)}{counter}",
                            "status": "completed",
                            "content": [{"type": "output_text", "text": turn.text, "annotations": []}],
                        }
                    )
            for i, c in enumerate(turn.calls):
                call: dict[str, Any] = {
                    "type": "function_call",
                    "call_id": c.id,
                    "name": c.name,
                    "arguments": json.dumps(c.arguments) if c.spaced else compact(c.arguments),
                }
                if draw(st.booleans()):
                    call["id"] = f"fc_{draw(id_core)}{counter}_{i}"
                    call["status"] = "completed"
                items.append(call)
        else:
            for call_id, text, _ in turn.results:
                items.append({"type": "function_call_output", "call_id": call_id, "output": text})
    only = items[0] if len(items) == 1 else None
    if (
        only is not None
        and only.get("role") == "user"
        and isinstance(only["content"], str)
        and draw(st.booleans())
    ):
        request["input"] = only["content"]
    else:
        request["input"] = items
    if plan.tools:
        tools = []
        for name, description, schema in plan.tools:
            tool: dict[str, Any] = {"type": "function", "name": name}
            if description is not None:
                tool["description"] = description
            tool["parameters"] = schema if draw(st.integers(0, 4)) != 0 else None
            tool["strict"] = draw(st.booleans()) and strict_ok(tool["parameters"])
            tools.append(tool)
        request["tools"] = tools
        choice = draw(
            st.none()
            | st.sampled_from(["auto", "none", "required"])
            | st.sampled_from([t[0] for t in plan.tools]).map(lambda n: {"type": "function", "name": n})
        )
        if choice is not None:
            request["tool_choice"] = choice
        if draw(st.booleans()):
            request["parallel_tool_calls"] = draw(st.booleans())
    optional(draw, request, "max_output_tokens", st.integers(min_value=16, max_value=8192))
    optional(draw, request, "temperature", st.sampled_from([0, 0.2, 0.7, 1, 1.3, 2.0]))
    optional(draw, request, "top_p", st.sampled_from([0.1, 0.5, 0.95, 1]))
    if draw(st.booleans()):
        reasoning_config: dict[str, Any] = {"effort": draw(st.sampled_from(EFFORTS))}
        if draw(st.booleans()):
            reasoning_config["summary"] = draw(st.sampled_from(["auto", "concise", "detailed"]))
        request["reasoning"] = reasoning_config
    optional(
        draw,
        request,
        "metadata",
        st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), words, max_size=4),
    )
    optional(draw, request, "user", id_core)
    optional(draw, request, "safety_identifier", id_core)
    optional(draw, request, "store", st.booleans())
    if draw(st.integers(0, 4)) == 0:
        request["stream"] = True
    return request


@st.composite
def responses_user_item(draw: st.DrawFn, turn: Turn) -> dict[str, Any]:
    item: dict[str, Any] = {"role": "user"}
    if draw(st.booleans()):
        item = {"type": "message", "role": "user"}
    if len(turn.items) == 1 and turn.items[0][0] == "text" and draw(st.booleans()):
        item["content"] = turn.items[0][1]
        return item
    parts: list[dict[str, Any]] = []
    for kind, value in turn.items:
        if kind == "text":
            parts.append({"type": "input_text", "text": value})
        else:
            detail = draw(st.sampled_from(["auto", "low", "high"]))
            parts.append({"type": "input_image", "image_url": value, "detail": detail})
    item["content"] = parts
    return item


# -- responses --------------------------------------------------------------------------------------


@dataclass
class Answer:
    """An API-neutral model answer: optional reasoning, text, tool calls, and how it ended."""

    reasoning: str | None
    text: str
    calls: list[Call]
    finish: str  # "end" | "length" | "tools" | "stop_sequence"
    input_tokens: int
    output_tokens: int
    cache_read: int
    cache_write: int
    reasoning_tokens: int


@st.composite
def answers(draw: st.DrawFn, *, reasoning: bool = False) -> Answer:
    calls = [
        Call(f"call_{draw(id_core)}{i}", draw(tool_names), draw(arguments_objects), False)
        for i in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    text = draw(words) if not calls or draw(st.booleans()) else ""
    finish = "tools" if calls else draw(st.sampled_from(["end", "end", "length", "stop_sequence"]))
    cache_read = draw(st.sampled_from([0, 0, 128, 1024]))
    cache_write = draw(st.sampled_from([0, 0, 64]))
    output = draw(st.integers(min_value=1, max_value=2000))
    return Answer(
        reasoning=draw(st.none() | words) if reasoning else None,
        text=text,
        calls=calls,
        finish=finish,
        input_tokens=draw(st.integers(min_value=1, max_value=5000)) + cache_read + cache_write,
        output_tokens=output,
        cache_read=cache_read,
        cache_write=cache_write,
        reasoning_tokens=draw(st.integers(min_value=0, max_value=output)),
    )


CHAT_FINISH = {"end": "stop", "stop_sequence": "stop", "length": "length", "tools": "tool_calls"}


@st.composite
def token_logprobs(draw: st.DrawFn, text: str) -> list[dict[str, Any]]:
    """Token log probabilities of ``text`` as Chat and Responses return them (WIRE.md §6.14)."""
    cut = draw(st.integers(0, len(text)))
    tokens = [t for t in (text[:cut], text[cut:]) if t]
    alternatives = draw(st.integers(0, 2))
    logprob = st.floats(min_value=-20.0, max_value=0.0, allow_nan=False)
    return [
        {
            "token": token,
            "logprob": draw(logprob),
            "bytes": list(token.encode()),
            "top_logprobs": [
                {"token": token, "logprob": draw(logprob), "bytes": list(token.encode())}
                for _ in range(alternatives)
            ],
        }
        for token in tokens
    ]


@st.composite
def chat_responses(draw: st.DrawFn) -> dict[str, Any]:
    core = draw(id_core)
    n = draw(st.sampled_from([1, 1, 1, 2]))
    choices = []
    usage_answer: Answer | None = None
    for index in range(n):
        answer = draw(answers())
        usage_answer = usage_answer or answer
        message: dict[str, Any] = {"role": "assistant", "content": answer.text or None, "refusal": None}
        if answer.calls:
            message["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.name, "arguments": compact(c.arguments)},
                }
                for c in answer.calls
            ]
        if draw(st.booleans()):
            message["annotations"] = []
        logprobs = None
        if answer.text and draw(st.integers(0, 3)) == 0:
            logprobs = {"content": draw(token_logprobs(answer.text)), "refusal": None}
        choices.append(
            {
                "index": index,
                "message": message,
                "logprobs": logprobs,
                "finish_reason": CHAT_FINISH[answer.finish],
            }
        )
    assert usage_answer is not None
    body: dict[str, Any] = {
        "id": f"chatcmpl-{core}",
        "object": "chat.completion",
        "created": draw(st.integers(min_value=1_600_000_000, max_value=1_800_000_000)),
        "model": draw(st.sampled_from(OPENAI_MODELS)),
        "choices": choices,
    }
    if draw(st.integers(0, 5)) != 0:
        a = usage_answer
        usage: dict[str, Any] = {
            "prompt_tokens": a.input_tokens,
            "completion_tokens": a.output_tokens,
            "total_tokens": a.input_tokens + a.output_tokens,
        }
        if draw(st.booleans()):
            usage["prompt_tokens_details"] = {"cached_tokens": a.cache_read, "audio_tokens": 0}
            if a.cache_write:
                usage["prompt_tokens_details"]["cache_write_tokens"] = a.cache_write
            usage["completion_tokens_details"] = {
                "reasoning_tokens": a.reasoning_tokens,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            }
        body["usage"] = usage
    optional(draw, body, "service_tier", st.sampled_from(["default", "flex", "priority"]))
    optional(draw, body, "system_fingerprint", st.from_regex(r"fp_[a-f0-9]{10}", fullmatch=True))
    return body


MESSAGES_STOP = {
    "end": "end_turn",
    "stop_sequence": "stop_sequence",
    "length": "max_tokens",
    "tools": "tool_use",
}


@st.composite
def messages_responses(draw: st.DrawFn) -> dict[str, Any]:
    a = draw(answers(reasoning=True))
    content: list[dict[str, Any]] = []
    if a.reasoning is not None:
        if draw(st.integers(0, 3)) == 0:
            content.append({"type": "redacted_thinking", "data": "EmwKAhgB" + draw(id_core)})
        else:
            content.append({"type": "thinking", "thinking": a.reasoning, "signature": "Er" + draw(id_core)})
    if a.text:
        content.append({"type": "text", "text": a.text})
    content += [{"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in a.calls]
    usage: dict[str, Any] = {
        "input_tokens": a.input_tokens - a.cache_read - a.cache_write,
        "output_tokens": a.output_tokens,
    }
    if draw(st.booleans()):
        usage["cache_creation_input_tokens"] = a.cache_write
        usage["cache_read_input_tokens"] = a.cache_read
    return {
        "id": f"msg_{draw(id_core)}",
        "type": "message",
        "role": "assistant",
        "model": draw(st.sampled_from(ANTHROPIC_MODELS)),
        "content": content,
        "stop_reason": MESSAGES_STOP[a.finish],
        "stop_sequence": draw(words) if a.finish == "stop_sequence" else None,
        "usage": usage,
    }


@st.composite
def responses_responses(draw: st.DrawFn) -> dict[str, Any]:
    a = draw(answers(reasoning=True))
    core = draw(id_core)
    output: list[dict[str, Any]] = []
    if a.reasoning is not None:
        item: dict[str, Any] = {
            "id": f"rs_{core}_0",
            "type": "reasoning",
            "summary": [{"type": "summary_text", "text": a.reasoning}],
        }
        if draw(st.booleans()):
            item["encrypted_content"] = "gAAAAB" + draw(id_core)
        output.append(item)
    incomplete = a.finish == "length"
    if a.text:
        output.append(
            {
                "id": f"msg_{core}_{len(output)}",
                "type": "message",
                # the message the model was cut off in is incomplete too (WIRE.md §3.3)
                "status": "incomplete" if incomplete and not a.calls else "completed",
                "role": "assistant",
                "content": [
                    {
                        "type": "output_text",
                        "text": a.text,
                        "annotations": [],
                        "logprobs": draw(token_logprobs(a.text)) if draw(st.integers(0, 3)) == 0 else [],
                    }
                ],
            }
        )
    for c in a.calls:
        output.append(
            {
                "id": f"fc_{core}_{len(output)}",
                "type": "function_call",
                "status": "completed",
                "call_id": c.id,
                "name": c.name,
                "arguments": compact(c.arguments),
            }
        )
    return {
        "id": f"resp_{core}",
        "object": "response",
        "created_at": draw(st.integers(min_value=1_600_000_000, max_value=1_800_000_000)),
        "status": "incomplete" if incomplete else "completed",
        "error": None,
        "incomplete_details": {"reason": "max_output_tokens"} if incomplete else None,
        "instructions": None,
        "max_output_tokens": None,
        "model": draw(st.sampled_from(OPENAI_MODELS)),
        "output": output,
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
        "usage": {
            "input_tokens": a.input_tokens,
            "input_tokens_details": {"cached_tokens": a.cache_read, "cache_write_tokens": a.cache_write},
            "output_tokens": a.output_tokens,
            "output_tokens_details": {"reasoning_tokens": a.reasoning_tokens},
            "total_tokens": a.input_tokens + a.output_tokens,
        },
        "metadata": {},
    }


requests: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "chat": chat_requests(),
    "messages": messages_requests(),
    "responses": responses_requests(),
}

responses: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "chat": chat_responses(),
    "messages": messages_responses(),
    "responses": responses_responses(),
}
