"""The summary printed at the end of a run: records by source API, converted or valid, failed,
and losses by code and severity (the most frequent first)."""

from __future__ import annotations

from collections import Counter

from .batches import BatchResult


class Tally:
    def __init__(self) -> None:
        self.records = 0
        self.bytes = 0
        self.failed = 0
        self.lossy = 0
        self.sources: Counter[str] = Counter()
        self.codes: Counter[tuple[str, str]] = Counter()
        self.elapsed = 0.0  # seconds, set at the end of the run

    def add(self, result: BatchResult) -> None:
        self.records += result.records
        self.bytes += result.bytes
        self.failed += result.failed
        self.lossy += result.lossy
        self.sources.update(result.sources)
        self.codes.update(result.codes)

    def _head(self, what: str) -> list[str]:
        rate = self.bytes / self.elapsed / 1e6 if self.elapsed > 0 else 0.0
        lines = [
            f"{what}: {_count(self.records, 'record')}, {self.bytes / 1e6:,.1f} MB in {self.elapsed:.2f} s "
            f"({rate:,.1f} MB/s)"
        ]
        if self.sources:
            lines.append("  from " + ", ".join(f"{api} {n:,}" for api, n in sorted(self.sources.items())))
        return lines

    def convert_summary(self, target: str) -> str:
        lines = self._head(f"kindo-wire convert to {target}")
        lines.append(f"  {self.records - self.failed:,} converted, {self.failed:,} failed")
        if self.codes:
            total = sum(self.codes.values())
            lossy, losses = _count(self.lossy, "record"), _count(total, "loss", "losses")
            lines.append(f"  {lossy} with losses ({losses}), by code:")
            ranked = sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0]))
            lines.extend(f"    {code} ({severity}): {n:,}" for (code, severity), n in ranked)
        else:
            lines.append("  no losses")
        return "\n".join(lines)

    def validate_summary(self) -> str:
        lines = self._head("kindo-wire validate")
        lines.append(f"  {self.records - self.failed:,} valid, {self.failed:,} invalid")
        return "\n".join(lines)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"
