"""Logged records converted on a Dask cluster (the ``kindo-wire[dask]`` extra).

The same conversion as ``kindo-wire convert``, record for record and byte for byte, for logs too
large for one machine: partitioned JSON Lines (``dask.bag.read_text("s3://logs/*.jsonl")``) in,
a bag of converted lines out, on whatever cluster the caller's Dask client points at::

    import dask.bag as db
    from kindo_wire.dask import convert_bag

    lines = db.read_text("s3://bucket/logs/2026-11-*.jsonl", blocksize="64MiB")
    convert_bag(lines, to="messages").to_textfiles("s3://bucket/as-messages/*.jsonl", last_endline=True)

``convert_bag`` drops the records that fail (as the command leaves them out of its output);
``convert_bag_outcomes`` keeps one report per record (output, source API, losses, error) for
callers who count or keep them. Elements may be JSON text (``str`` or ``bytes``, as ``read_text``
gives) or already-parsed dicts (``dataframe.to_bag(format="dict")``); blank lines are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:
    import dask.bag as db
except ImportError as exc:  # pragma: no cover - the extra is not installed
    raise ImportError("kindo_wire.dask needs Dask: pip install 'kindo-wire[dask]'") from exc

from .api import Api, as_api
from .records import Options, Outcome, convert_line, convert_record

__all__ = ["convert_bag", "convert_bag_outcomes"]


def convert_bag(
    records: db.Bag,
    *,
    to: Api | str,
    source: Api | str = "auto",
    strict: bool = False,
    aggregate: bool = False,
) -> db.Bag:
    """Each record converted to ``to``: a bag of JSON lines (``str``, no trailing newline), in
    the input's order, identical to the lines ``kindo-wire convert`` writes for the same input.
    ``source="auto"`` detects each record's API; ``strict`` and ``aggregate`` as the command's
    ``--strict`` and ``--aggregate``."""
    options = _options(to, source, strict=strict, aggregate=aggregate)
    converted: db.Bag = records.map_partitions(_lines, options)  # type: ignore[no-untyped-call]
    return converted


def convert_bag_outcomes(
    records: db.Bag,
    *,
    to: Api | str,
    source: Api | str = "auto",
    strict: bool = False,
    aggregate: bool = False,
) -> db.Bag:
    """One dict per record: ``output`` (the converted line, or None if it failed), ``source``
    and ``kind`` (as detected), ``losses`` (dicts with a pointer into the record, severity,
    code, detail), ``error`` and ``pointer`` (why and where it failed)."""
    options = _options(to, source, strict=strict, aggregate=aggregate)
    reports: db.Bag = records.map_partitions(_reports, options)  # type: ignore[no-untyped-call]
    return reports


def _options(to: Api | str, source: Api | str, *, strict: bool, aggregate: bool) -> Options:
    return Options(
        as_api(to), None if source == "auto" else as_api(source), strict=strict, aggregate=aggregate
    )


def _outcomes(partition: Iterable[Any], options: Options) -> Iterable[Outcome]:
    for record in partition:
        if isinstance(record, (str, bytes)):
            if record.strip():
                yield convert_line(record, options)
        else:
            yield convert_record(record, options)


def _lines(partition: Iterable[Any], options: Options) -> list[str]:
    return [_text(o) for o in _outcomes(partition, options) if o.record is not None]


def _text(outcome: Outcome) -> str:
    """The command's output line for ``outcome``, without its newline (``to_textfiles`` adds it)."""
    return outcome.line()[:-1].decode("utf-8")


def _reports(partition: Iterable[Any], options: Options) -> list[dict[str, Any]]:
    return [
        {
            "output": _text(o) if o.record is not None else None,
            "source": o.source.value if o.source else None,
            "kind": o.kind,
            "losses": [
                {
                    "pointer": x.pointer,
                    "severity": x.severity.name.lower(),
                    "code": x.code,
                    "detail": x.detail,
                }
                for x in o.losses
            ],
            "error": o.error,
            "pointer": o.pointer,
        }
        for o in _outcomes(partition, options)
    ]
