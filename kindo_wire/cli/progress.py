"""The progress bar on stderr: records, MB/s and, when the input's size is known, percent and ETA.

Drawn only when stderr is a terminal (a log file or a pipe gets the summary alone), redrawn at
most ten times a second so it costs nothing next to the conversion.
"""

from __future__ import annotations

import time
from typing import TextIO

_INTERVAL = 0.1  # seconds between redraws


class Progress:
    def __init__(self, out: TextIO, total: int | None, *, enabled: bool) -> None:
        self._out, self._total, self.enabled = out, total, enabled
        self._start = self._last = time.monotonic()
        self.records = 0
        self.bytes = 0
        self._drawn = False

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def advance(self, records: int, nbytes: int) -> None:
        self.records += records
        self.bytes += nbytes
        if self.enabled:
            now = time.monotonic()
            if now - self._last >= _INTERVAL:
                self._last = now
                self._draw(now - self._start)

    def _draw(self, elapsed: float) -> None:
        rate = self.bytes / elapsed if elapsed > 0 else 0.0
        line = f"{self.records:,} records  {rate / 1e6:,.1f} MB/s"
        if self._total:
            done = min(self.bytes / self._total, 1.0)
            left = (self._total - self.bytes) / rate if rate > 0 else 0.0
            line += f"  {done:6.1%}  ETA {_clock(max(left, 0.0))}"
        self._out.write(f"\r\x1b[K{line}")
        self._out.flush()
        self._drawn = True

    def finish(self) -> None:
        """Erase the bar, so the summary starts on a clean line."""
        if self._drawn:
            self._out.write("\r\x1b[K")
            self._out.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
