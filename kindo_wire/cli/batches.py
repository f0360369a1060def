"""What a ``--jobs`` worker does with one batch of records, and what it sends back.

A worker returns its batch's output already joined into bytes (the output lines, the loss lines)
plus counts, so the parent process only writes and adds: it is not the bottleneck at N jobs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .._fastjson import dumps
from ..api import Api
from ..loss import Loss
from ..records import Options, convert_line, loss_fields, validate_line
from .units import Batch, Item, Lines, Where, batch_size


@dataclass(frozen=True)
class Failure:
    """A record that could not be converted (or is not valid): where, and why."""

    where: Where
    message: str
    pointer: str = ""

    def __str__(self) -> str:
        at = f" (at {self.pointer})" if self.pointer else ""
        return f"{self.where}: {self.message}{at}"


@dataclass
class BatchResult:
    output: bytes = b""
    losses: bytes = b""
    records: int = 0
    bytes: int = 0
    sources: Counter[str] = field(default_factory=Counter)
    lossy: int = 0  # records with at least one loss
    codes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (code, severity): count
    failures: list[Failure] = field(default_factory=list)
    failed: int = 0  # records that failed (a record may have several failures)


@dataclass(frozen=True)
class ConvertJob:
    options: Options
    keep_losses: bool = False  # render loss lines (``--losses FILE``)
    fail_fast: bool = False  # stop at the batch's first failure


@dataclass(frozen=True)
class ValidateJob:
    api: Api | None = None
    fail_fast: bool = False


def _items(batch: Batch, result: BatchResult) -> list[Item]:
    """The batch's records (a block of lines split here), its bytes counted in ``result``; none,
    and a failure, when its block can no longer be read from the input file."""
    result.bytes = batch_size(batch)
    if not isinstance(batch, Lines):
        return batch
    try:
        return batch.items()
    except OSError as exc:
        result.failures.append(Failure(Where("line", batch.first), f"cannot read the input: {exc}"))
        result.failed += 1
        return []


def _readable(batch: Batch, result: BatchResult, fail_fast: bool) -> Iterator[tuple[Where, bytes]]:
    """Each record of ``batch`` that was read, counted in ``result``; a record over the size limit
    is a failure. With ``fail_fast``, nothing after the batch's first failure."""
    for item in _items(batch, result):
        if fail_fast and result.failures:
            return
        result.records += 1
        if item.data is None:
            size = f"{item.size:,} bytes"
            result.failures.append(
                Failure(item.where, f"longer than the record size limit ({size}); skipped")
            )
            result.failed += 1
        else:
            yield item.where, item.data


def convert_batch(job: ConvertJob, batch: Batch) -> BatchResult:
    result = BatchResult()
    output: list[bytes] = []
    losses: list[bytes] = []
    for where, data in _readable(batch, result, job.fail_fast):
        outcome = convert_line(data, job.options)
        if outcome.source is not None:
            result.sources[outcome.source.value] += 1
        if outcome.losses:
            result.lossy += 1
            result.codes.update((loss.code, loss.severity.name.lower()) for loss in outcome.losses)
            if job.keep_losses:
                losses.extend(loss_line(where, outcome.source, loss) for loss in outcome.losses)
        if outcome.record is not None:
            output.append(outcome.line())
        else:
            result.failures.append(Failure(where, outcome.error or "failed", outcome.pointer))
            result.failed += 1
    result.output = b"".join(output)
    result.losses = b"".join(losses)
    return result


def loss_line(where: Where, source: Api | None, loss: Loss) -> bytes:
    """One line of the ``--losses`` file: the record's place, its source API and the loss, whose
    pointer is into the input record."""
    return (
        dumps({where.unit: where.at, "source": source.value if source else None, **loss_fields(loss)}) + b"\n"
    )


def validate_batch(job: ValidateJob, batch: Batch) -> BatchResult:
    result = BatchResult()
    for where, data in _readable(batch, result, job.fail_fast):
        checked = validate_line(data, job.api)
        if checked.api is not None:
            result.sources[checked.api.value] += 1
        result.failures.extend(Failure(where, p.message, p.pointer) for p in checked.problems)
        result.failed += bool(checked.problems)
    return result
