"""One logged record checked against its API: the pure core of ``kindo-wire validate``.

A request gets the checks a gateway makes before forwarding (``validate_request``); a response or
error body is parsed with the API's schema; a stream's events are parsed one by one and the
stream is read by its grammar, so a stream cut off before its terminal event is a problem too.
Every problem names the JSON Pointer of the offending field in the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic_core import ValidationError

from .._fastjson import load_text, loads
from .._lazy import schemas
from ..api import Api
from ..errors import RequestError, WireError
from ..sse import SSEDecoder
from ..stream_transcoder import StreamTranscoder
from ..validation import validate_request
from ..validation.pydantic_errors import to_request_error
from .detect import Kind, UndetectedError, detect_api, detect_kind


@dataclass(frozen=True)
class Problem:
    """What is wrong with a record, and where (a JSON Pointer into the record; "" = all of it)."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


@dataclass(frozen=True)
class Checked:
    """A record's API and kind (None when they could not be told) and its problems."""

    api: Api | None
    kind: Kind | None
    problems: tuple[Problem, ...] = field(default=())


def validate_line(line: bytes | str, api: Api | None = None) -> Checked:
    """``validate_record`` of one line of JSON Lines."""
    try:
        doc = load_text(line)
    except (ValueError, RecursionError) as exc:
        return Checked(None, None, (Problem("", f"not JSON: {exc}"),))
    return validate_record(doc, api)


def validate_record(doc: Any, api: Api | None = None) -> Checked:
    """The problems of one parsed record, checked as ``api`` (None: detected per record)."""
    if not isinstance(doc, dict):
        problem = Problem("", f"a record must be a JSON object, not {type(doc).__name__}")
        return Checked(None, None, (problem,))
    try:
        kind = detect_kind(doc)
        which = api or detect_api(doc, kind)
    except UndetectedError as exc:
        return Checked(None, None, (Problem("", f"cannot tell which API this is: {exc}"),))
    if kind == "request":
        problems = _request(doc, which, "")
    elif kind == "response":
        problems = _body(doc, which, "", error=False)
    elif kind == "error":
        problems = _body(doc, which, "", error=True)
    else:
        problems = _exchange(doc, which)
    return Checked(which, kind, tuple(problems))


def _exchange(doc: dict[str, Any], api: Api) -> list[Problem]:
    status = doc.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool):
        return [Problem("/status", "status must be an integer HTTP status")]
    problems: list[Problem] = []
    if "request" in doc:
        refused = _request(doc["request"], api, "/request")
        # A request the live API refused (a 4xx was recorded) may be refused here too: the record
        # is a faithful log of a bad request, not a bad record.
        if not (refused and 400 <= status < 500):
            problems += refused
    stream = doc.get("stream")
    if isinstance(stream, str):
        problems += _stream(stream, api)
    elif doc.get("response") is not None:
        response = doc["response"]
        error = status >= 400 or (isinstance(response, dict) and detect_kind(response) == "error")
        problems += _body(response, api, "/response", error=error)
    return problems


def _request(body: Any, api: Api, at: str) -> list[Problem]:
    if not isinstance(body, dict):
        return [Problem(at, f"a request must be a JSON object, not {type(body).__name__}")]
    try:
        validate_request(body, api=api)
    except RequestError as exc:
        return [Problem(at + exc.pointer, exc.message)]
    return []


def _body(body: Any, api: Api, at: str, *, error: bool) -> list[Problem]:
    what = "an error body" if error else "a response"
    if not isinstance(body, dict):
        return [Problem(at, f"{what} must be a JSON object, not {type(body).__name__}")]
    schema = schemas()[api]
    model = schema.error if error else schema.response
    try:
        model.model_validate(body)
    except ValidationError as exc:
        found = to_request_error(exc, body)
        return [Problem(at + found.pointer, f"{what} of {api.value}: {found.message}")]
    except RecursionError:
        return [Problem(at, f"{what} nested too deeply")]
    return []


def _stream(text: str, api: Api) -> list[Problem]:
    """Each event parsed with the API's event schema, then the whole read by its grammar."""
    adapter = schemas()[api].stream_event
    decoder = SSEDecoder()
    data = text.encode("utf-8")
    try:
        events = decoder.feed(data) + decoder.close()
    except WireError as exc:
        return [Problem("/stream", exc.message)]
    for n, event in enumerate(events):
        if api is Api.CHAT and event.data == "[DONE]":
            continue
        name = event.event or "data"
        try:
            payload = loads(event.data)
        except ValueError as exc:
            return [Problem("/stream", f"event {n} ({name}) is not JSON: {exc}")]
        try:
            adapter.validate_python(payload)
        except ValidationError as exc:
            found = to_request_error(exc, payload)
            return [Problem("/stream", f"event {n} ({name}) at {found.pointer or '/'}: {found.message}")]
    grammar = StreamTranscoder(source=api, target=api)  # same API: every event checked, passed on
    grammar.feed(data)
    grammar.close()
    if grammar.error is not None:
        return [Problem("/stream", grammar.error.message)]
    return []
