"""What a ``--jobs`` worker does with one batch of records, and what it sends back.

A worker returns its batch's output already joined into bytes (the output lines, the loss lines)
plus counts, so the parent process only writes and adds: it is not the bottleneck at N jobs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .._fastjson import dumps
from ..api import Api
from ..loss import Loss
from ..records import Options, convert_line, loss_fields, validate_line
from .inputs import Item, Where


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


def too_long(item: Item) -> Failure:
    return Failure(item.where, f"longer than the record size limit ({item.size:,} bytes); skipped")


def convert_batch(job: ConvertJob, batch: list[Item]) -> BatchResult:
    result = BatchResult()
    output: list[bytes] = []
    losses: list[bytes] = []
    for item in batch:
        result.records += 1
        result.bytes += item.size
        if item.data is None:
            result.failures.append(too_long(item))
            result.failed += 1
        else:
            outcome = convert_line(item.data, job.options)
            if outcome.source is not None:
                result.sources[outcome.source.value] += 1
            if outcome.losses:
                result.lossy += 1
                result.codes.update((loss.code, loss.severity.name.lower()) for loss in outcome.losses)
                if job.keep_losses:
                    losses.extend(loss_line(item.where, outcome.source, loss) for loss in outcome.losses)
            if outcome.record is not None:
                output.append(outcome.line())
            else:
                result.failures.append(Failure(item.where, outcome.error or "failed", outcome.pointer))
                result.failed += 1
        if job.fail_fast and result.failures:
            break
    result.output = b"".join(output)
    result.losses = b"".join(losses)
    return result


def loss_line(where: Where, source: Api | None, loss: Loss) -> bytes:
    """One line of the ``--losses`` file: the record's place, its source API and the loss, whose
    pointer is into the input record."""
    return (
        dumps({where.unit: where.at, "source": source.value if source else None, **loss_fields(loss)}) + b"\n"
    )


def validate_batch(job: ValidateJob, batch: list[Item]) -> BatchResult:
    result = BatchResult()
    for item in batch:
        result.records += 1
        result.bytes += item.size
        if item.data is None:
            result.failures.append(too_long(item))
            result.failed += 1
        else:
            checked = validate_line(item.data, job.api)
            if checked.api is not None:
                result.sources[checked.api.value] += 1
            result.failures.extend(Failure(item.where, p.message, p.pointer) for p in checked.problems)
            result.failed += bool(checked.problems)
        if job.fail_fast and result.failures:
            break
    return result
