"""Where records come from: JSON Lines, a single JSON document, a folder of JSON files, or stdin.

Each record is read into memory on its own and never more than ``limit`` bytes of it: a longer
line is skipped to its end and reported, so one runaway line cannot exhaust memory. What is read
is reported in bytes as it goes, for the progress bar.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .._fastjson import dumps, loads

DEFAULT_LIMIT = 256 * 1024 * 1024  # a record larger than this is refused, not read
_SKIP_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Where:
    """A record's place in the input: ``line 7``, ``item 3`` of a JSON array, or a file."""

    unit: str  # "line", "item" or "file"
    at: int | str

    def __str__(self) -> str:
        return f"{self.unit} {self.at}"


@dataclass(frozen=True)
class Item:
    """One record's bytes (None when it was over the limit and skipped), and the input bytes it
    took up, blank lines before it included."""

    where: Where
    data: bytes | None
    size: int


@dataclass
class Input:
    """An opened input: its items, and its total size when known (not for stdin)."""

    name: str
    total: int | None
    items: Iterator[Item]


def open_input(name: str, limit: int = DEFAULT_LIMIT) -> Input:
    """``name`` (a path, a folder, or ``-`` for stdin) as records; ``OSError`` if it cannot be read."""
    if name == "-":
        return Input("stdin", None, _document_or_lines(sys.stdin.buffer, limit))
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        return Input(name, sum(p.stat().st_size for p in files), _files(files, limit))
    stream = path.open("rb")
    return Input(name, path.stat().st_size, _document_or_lines(stream, limit))


def _files(files: list[Path], limit: int) -> Iterator[Item]:
    for path in files:
        size = path.stat().st_size
        yield Item(Where("file", str(path)), path.read_bytes() if size <= limit else None, size)


def _document_or_lines(stream: BinaryIO, limit: int) -> Iterator[Item]:
    """JSON Lines, unless the first line is not JSON and the whole input is one JSON document
    (a pretty-printed record, or an array of records)."""
    with stream:
        first = stream.readline(limit + 1)
        if not first.strip() or _parses(first) or len(first) > limit:
            yield from _lines(_joined(first, stream), limit)
            return
        rest = stream.read(limit + 1 - len(first))
        head = first + rest
        document = _document(head) if len(head) <= limit else None
        if document is None:
            yield from _lines(_joined(head, stream), limit)
        elif isinstance(document, list):
            for n, record in enumerate(document, 1):
                yield Item(Where("item", n), dumps(record), len(head) if n == 1 else 0)
        else:
            yield Item(Where("item", 1), head, len(head))


def _parses(line: bytes) -> bool:
    try:
        loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _document(data: bytes) -> object | None:
    try:
        return loads(data)  # type: ignore[no-any-return]
    except (ValueError, RecursionError):
        return None


def _lines(stream: BinaryIO, limit: int) -> Iterator[Item]:
    """Non-blank lines, each at most ``limit`` bytes; longer ones skipped to their end."""
    number = 0
    blank = 0  # bytes of blank lines since the last record, counted with the next one
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while more := stream.readline(_SKIP_CHUNK):
                size += len(more)
                if more.endswith(b"\n"):
                    break
            yield Item(Where("line", number), None, blank + size)
            blank = 0
        elif line.strip():
            yield Item(Where("line", number), line, blank + len(line))
            blank = 0
        else:
            blank += len(line)


def _joined(head: bytes, rest: BinaryIO) -> BinaryIO:
    """Bytes already read, then the rest of the stream: one buffered stream again."""
    return io.BufferedReader(_Concat(head, rest), 1 << 16)


class _Concat(io.RawIOBase):
    """Reads ``head``, then ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
