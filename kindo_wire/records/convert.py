"""One logged record in another API's shape: the pure core of ``kindo-wire convert`` and of
``kindo_wire.dask`` (no files here; the command reads and writes them).

A record is a bare request, response or error body, or an exchange record shaped like
``fixtures/traffic`` (``request``, ``response`` or a raw SSE ``stream``, ``status``). Every output
record is an exchange record: ``api`` is the target, ``converted_from`` the source (detected per
record unless the caller names it), and the parts are converted. Fields kindo_wire does not know
(timestamps, user ids, notes) are copied as they were. Loss pointers are into the input record
(``/request/seed``), so one line's report reads on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._fastjson import dumps, load_text
from ..api import Api
from ..convert import ask_chat_for_usage, convert_error, convert_request, convert_response
from ..errors import StreamError, WireError
from ..loss import Loss, LossError, LossLog, Severity
from ..stream_aggregate import aggregate_reporting
from ..stream_transcoder import StreamTranscoder
from .detect import Kind, UndetectedError, detect_api, detect_kind


@dataclass(frozen=True)
class Options:
    """How to convert: to ``target``, from ``source`` (None: detected per record), ``strict``
    (a loss at DEGRADED or above fails the record), ``aggregate`` (streams become bodies)."""

    target: Api
    source: Api | None = None
    strict: bool = False
    aggregate: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one record: ``record`` (None if it failed, and then ``error`` says why,
    at ``pointer`` in the input record), its ``source`` API and ``kind`` when known, and its losses."""

    record: dict[str, Any] | None
    source: Api | None = None
    kind: Kind | None = None
    losses: tuple[Loss, ...] = ()
    error: str | None = None
    pointer: str = ""

    def line(self) -> bytes:
        """The converted record as one JSON line (compact UTF-8, keys in input order, newline)."""
        assert self.record is not None, "a failed record has no output line"
        return dumps(self.record) + b"\n"


def loss_fields(loss: Loss) -> dict[str, Any]:
    """A loss as JSON fields, as the ``--losses`` file and ``kindo_wire.dask`` report it."""
    return {
        "pointer": loss.pointer,
        "severity": loss.severity.name.lower(),
        "code": loss.code,
        "detail": loss.detail,
    }


def convert_line(line: bytes | str, options: Options) -> Outcome:
    """``convert_record`` of one line of JSON Lines."""
    try:
        doc = load_text(line)
    except (ValueError, RecursionError) as exc:
        return Outcome(None, error=f"not JSON: {exc}")
    return convert_record(doc, options)


def convert_record(doc: Any, options: Options) -> Outcome:
    """One parsed record converted to ``options.target``; never raises for bad data."""
    if not isinstance(doc, dict):
        return Outcome(None, error=f"a record must be a JSON object, not {type(doc).__name__}")
    try:
        kind = detect_kind(doc)
        source = options.source or detect_api(doc, kind)
    except UndetectedError as exc:
        return Outcome(None, error=f"cannot tell which API this is: {exc}")
    job = _Record(source, options)
    try:
        record = job.exchange(doc) if kind == "exchange" else job.bare(doc, kind)
    except _Failed as exc:
        return Outcome(None, source, kind, tuple(job.losses), exc.message, exc.pointer)
    return Outcome(record, source, kind, tuple(job.losses))


class _Failed(Exception):
    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message)
        self.message, self.pointer = message, pointer


class _Record:
    """The conversion of one record from ``source``: its parts, and the losses they report."""

    def __init__(self, source: Api, options: Options) -> None:
        self.source, self.target, self.options = source, options.target, options
        self.header: dict[str, Any] = {"api": self.target.value, "converted_from": source.value}
        self.losses: list[Loss] = []

    def bare(self, doc: dict[str, Any], kind: Kind) -> dict[str, Any]:
        """A bare body, wrapped as the exchange record it is part of."""
        if kind == "error":
            body, status = self.error(doc, None)
            return self.header | {"status": status, "response": body}
        if kind == "response":
            return self.header | {"response": self.response(doc, "", None)}
        return self.header | {"request": self.request(doc, "")}

    def exchange(self, doc: dict[str, Any]) -> dict[str, Any]:
        """Each part of an exchange record converted; the other fields copied in their order."""
        status = doc.get("status", 200)
        if not isinstance(status, int) or isinstance(status, bool):
            raise _Failed("status must be an integer HTTP status", "/status")
        request = doc.get("request")
        if request is not None:
            request = self.request(_object(request, "/request"), "/request")
        out: dict[str, Any] = {} if "api" in doc else dict(self.header)
        for key, value in doc.items():
            if key == "api":
                out.update(self.header)
            elif key == "request":
                out[key] = request
            elif key == "response" and value is not None:
                response = _object(value, "/response")
                if status >= 400 or ("status" not in doc and detect_kind(response) == "error"):
                    out[key], out["status"] = self.error(response, status if "status" in doc else None)
                else:
                    out[key] = self.response(response, "/response", request)
            elif key == "stream" and isinstance(value, str):
                out.update(self.stream(value, request))
            elif key not in out:
                out[key] = value
        return out

    def request(self, body: dict[str, Any], at: str) -> dict[str, Any]:
        try:
            strict = self.options.strict
            converted = convert_request(body, source=self.source, target=self.target, strict=strict)
        except LossError as exc:
            raise self._strict(exc, at) from None
        except WireError as exc:
            raise _Failed(f"request: {exc.message}", at + getattr(exc, "pointer", "")) from None
        self.losses.extend(_under(at, converted.losses))
        # As Bridge.request does for an upstream: the source's streams always carried usage.
        return ask_chat_for_usage(converted.body, self.source, self.target)

    def response(self, body: dict[str, Any], at: str, request: dict[str, Any] | None) -> dict[str, Any]:
        try:
            converted = convert_response(
                body, source=self.source, target=self.target, request=request, strict=self.options.strict
            )
        except LossError as exc:
            raise self._strict(exc, at) from None
        except WireError as exc:
            raise _Failed(f"response: {exc.message}", at + getattr(exc, "pointer", "")) from None
        self.losses.extend(_under(at, converted.losses))
        return converted.body

    def error(self, body: dict[str, Any], status: int | None) -> tuple[dict[str, Any], int]:
        try:
            converted = convert_error(body, source=self.source, target=self.target, status=status)
        except WireError as exc:
            raise _Failed(f"error body: {exc.message}", "/response") from None
        return converted.body, converted.status

    def stream(self, text: str, request: dict[str, Any] | None) -> dict[str, Any]:
        """``{"stream": transcoded}``, or with ``aggregate`` ``{"response": body}`` when the stream
        has one (a stream that ended in an error has none: it stays a stream, with a loss)."""
        data = text.encode("utf-8")
        if self.options.aggregate:
            log = LossLog()
            try:
                body = aggregate_reporting(data, api=self.source, log=log)
            except StreamError as exc:
                self.losses.append(Loss("/stream", Severity.COSMETIC, "stream_not_aggregated", exc.message))
            else:
                try:  # what the events had and the body cannot hold, as the transcoder reports it
                    self.losses.extend(_under("/stream", log.freeze(strict=self.options.strict)))
                except LossError as exc:
                    raise self._strict(exc, "/stream") from None
                return {"response": self.response(body, "/stream", request)}
        transcoder = StreamTranscoder(
            source=self.source, target=self.target, request=request, strict=self.options.strict
        )
        try:
            out = transcoder.feed(data) + transcoder.close()
        except LossError as exc:
            raise self._strict(exc, "/stream") from None
        self.losses.extend(_under("/stream", transcoder.losses))
        return {"stream": out.decode("utf-8")}

    def _strict(self, exc: LossError, at: str) -> _Failed:
        """A strict conversion that would have lost something: the record fails, its losses kept."""
        found = _under(at, exc.losses)
        self.losses.extend(found)
        worst = [loss for loss in found if loss.severity >= Severity.DEGRADED]
        first = worst[0]
        message = f"strict: {len(worst)} loss(es) at DEGRADED or above, first {first.code}: {first.detail}"
        return _Failed(message, first.pointer)


def _object(value: Any, pointer: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Failed(f"must be a JSON object, not {type(value).__name__}", pointer)
    return value


def _under(at: str, losses: tuple[Loss, ...]) -> list[Loss]:
    """``losses`` with pointers into the record rather than into the part."""
    if not at:
        return list(losses)
    return [Loss(at + loss.pointer, loss.severity, loss.code, loss.detail) for loss in losses]
