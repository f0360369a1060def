"""``kindo-wire check PATH...``: the recorded exchanges round-trip through the schemas.

``kindo-wire check PATH...`` takes recorded exchanges (files shaped like ``fixtures/traffic``:
``api``, ``request``, ``status`` and a ``response`` body or a raw SSE ``stream``) and, for each:

* validates the request as a gateway would (``validate_request``); a request the live API
  answered with 200 must pass, one it refused may be refused here too;
* parses the response or error body and every stream event with the API's schema, and checks
  that dumping gives back the same JSON: no field lost, none added, no ``null`` invented.

It prints one line per problem and a summary per API, and exits 1 if anything failed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pydantic_core import ValidationError

from .._json import same_json
from .._lazy import schemas as all_schemas
from ..api import Api, as_api
from ..errors import RequestError, WireError
from ..sse import SSEDecoder
from ..validation import validate_request

if TYPE_CHECKING:
    from .._schemas import Schemas


def _exchange_files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.rglob("*.json"))
        else:
            yield path


def _check_body(schemas: Schemas, body: Any, *, error: bool) -> str | None:
    model = schemas.error if error else schemas.response
    try:
        parsed = model.model_validate(body)
    except ValidationError as exc:
        return f"{'error' if error else 'response'} body does not parse: {exc.errors()[0]['msg']}"
    if not same_json(parsed.dump(), body):
        return "response body does not dump back identically"
    return None


def _check_stream(api: Api, schemas: Schemas, text: str, tally: Counter[str]) -> str | None:
    decoder = SSEDecoder()
    events = decoder.feed(text.encode("utf-8")) + decoder.close()
    for n, event in enumerate(events):
        if api is Api.CHAT and event.data == "[DONE]":
            continue
        try:
            payload = json.loads(event.data)
            parsed = schemas.stream_event.validate_python(payload)
        except (ValueError, ValidationError) as exc:
            return f"stream event {n} ({event.event or 'data'}) does not parse: {exc}"
        if not same_json(schemas.dump_event(parsed), payload):
            return f"stream event {n} ({event.event or 'data'}) does not dump back identically"
        tally["stream events"] += 1
    return None


def check_exchange(record: dict[str, Any], tally: Counter[str]) -> list[str]:
    """The problems found in one recorded exchange (empty when it is fine)."""
    api = as_api(record["api"])
    schemas = all_schemas()[api]
    problems: list[str] = []
    status = record.get("status", 200)
    try:
        validate_request(record["request"], api=api)
        tally["requests valid"] += 1
    except RequestError as exc:
        if status == 200:
            problems.append(f"request refused, but the API accepted it: {exc}")
        else:
            tally[f"requests refused (the API refused them too, {status})"] += 1
    if "stream" in record:
        problem = _check_stream(api, schemas, record["stream"], tally)
        tally["streams"] += 1
    else:
        problem = _check_body(schemas, record.get("response"), error=status != 200)
        tally["responses" if status == 200 else "error bodies"] += 1
    if problem:
        problems.append(problem)
    return problems


def check(paths: Sequence[str], out: TextIO) -> int:
    tallies: dict[str, Counter[str]] = {}
    failed = 0
    passed = 0
    for path in _exchange_files(paths):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            tally = tallies.setdefault(str(record["api"]), Counter())
            problems = check_exchange(record, tally)
        except (OSError, ValueError, KeyError, TypeError, WireError) as exc:
            problems = [f"not a recorded exchange: {exc!r}"]
        for problem in problems:
            print(f"FAIL {path}: {problem}", file=out)
        if problems:
            failed += 1
        else:
            passed += 1
            tally["exchanges ok"] += 1
    for api, counts in sorted(tallies.items()):
        print(f"{api}: " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items())), file=out)
    print(f"{passed} passed, {failed} failed", file=out)
    return 1 if failed or not passed else 0
