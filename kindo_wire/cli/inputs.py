"""Where records come from: JSON Lines, a single JSON document, a folder of JSON files, or stdin.

JSON Lines are read in blocks of whole lines (``units.Lines``), counted here and split into
records by the process that converts them. A line is never held whole once it is longer than
``limit`` bytes: it is skipped to its end and reported, so one runaway line cannot exhaust memory.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .._fastjson import dumps, load_text
from .units import BATCH_BYTES, Batch, Item, Lines, Where, batched

DEFAULT_LIMIT = 256 * 1024 * 1024  # a record larger than this is refused, not read


@dataclass
class Input:
    """An opened input: its batches, and its total size when known (not for stdin)."""

    name: str
    total: int | None
    batches: Iterator[Batch]


def open_input(name: str, limit: int = DEFAULT_LIMIT, *, by_reference: bool = False) -> Input:
    """``name`` (a path, a folder, or ``-`` for stdin) as batches of records; ``OSError`` if it
    cannot be read. ``by_reference``: the batches go to other processes, so the blocks of a JSON
    Lines file say where they are in it rather than carry their bytes."""
    if name == "-":
        return Input("stdin", None, _document_or_lines(sys.stdin.buffer, limit, None))
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        return Input(name, sum(p.stat().st_size for p in files), batched(_files(files, limit)))
    stream = path.open("rb")
    shared = str(path.resolve()) if by_reference and path.is_file() else None
    return Input(name, path.stat().st_size, _document_or_lines(stream, limit, shared))


def _files(files: list[Path], limit: int) -> Iterator[Item]:
    for path in files:
        size = path.stat().st_size
        yield Item(Where("file", str(path)), path.read_bytes() if size <= limit else None, size)


def _document_or_lines(stream: BinaryIO, limit: int, path: str | None) -> Iterator[Batch]:
    """JSON Lines, unless the first line is not JSON and the whole input is one JSON document
    (a pretty-printed record, or an array of records). ``path``: the file ``stream`` reads, for
    blocks sent by reference."""
    with stream:
        first = stream.readline(limit + 1)
        if not first.strip() or _parses(first) or len(first) > limit:
            yield from _lines(first, stream, limit, path)
            return
        rest = stream.read(limit + 1 - len(first))
        head = first + rest
        document = _document(head) if len(head) <= limit else None
        if document is None:
            yield from _lines(head, stream, limit, path)
        elif isinstance(document, list):
            yield from batched(  # the array's bytes are counted once, with its first record
                Item(Where("item", n), dumps(record), len(head) if n == 1 else 0)
                for n, record in enumerate(document, 1)
            )
        else:
            yield [Item(Where("item", 1), head, len(head))]


def _lines(head: bytes, rest: BinaryIO, limit: int, path: str | None) -> Iterator[Batch]:
    """The input's blocks of lines: read again from the start of the file at ``path`` when there is
    one, else ``head`` (what was read to tell the format) followed by the rest of the stream."""
    if path is not None and rest.seekable():
        rest.seek(0)
        return _blocks(rest, limit, path)
    return _blocks(_joined(head, rest), limit, None)


def _parses(line: bytes) -> bool:
    try:
        load_text(line)
    except (ValueError, RecursionError):
        return False
    return True


def _document(data: bytes) -> object | None:
    try:
        return load_text(data)  # type: ignore[no-any-return]
    except (ValueError, RecursionError):
        return None


def _blocks(stream: BinaryIO, limit: int, path: str | None) -> Iterator[Batch]:
    """``stream``'s lines in blocks of about ``BATCH_BYTES`` cut after a newline, and each line over
    ``limit`` that grew too long to hold here as a one-record batch with no data. With ``path``
    (the file ``stream`` reads from its start), a block is sent as where it is, not its bytes."""
    number = 1  # the number of the next line
    offset = 0  # where in the stream the open line (``pending``) starts
    pending: list[bytes] = []  # a line begun in an earlier block and not ended yet
    held = 0  # its length so far
    skipping = False  # it is over the limit: counted, not kept
    while block := stream.read(BATCH_BYTES):
        first = block.find(b"\n")
        if first < 0:  # the open line goes on
            held += len(block)
            if held > limit:
                skipping, pending = True, []
            elif not skipping:
                pending.append(block)
            continue
        last = block.rfind(b"\n") + 1
        start, head = offset, 0  # where this block's lines start: with the open line
        if skipping or held + first > limit:
            yield [Item(Where("line", number), None, held + first + 1)]
            number += 1
            start, head, pending = offset + held + first + 1, first + 1, []
        length = offset + held + last - start
        if length:  # (the open line has no newline: the block's own count is the lines' count)
            if path is not None:
                yield Lines(number, limit, None, path, start, length)
            else:
                yield Lines(number, limit, b"".join([*pending, block[head:last]]))
            number += block.count(b"\n", head, last)
        offset = start + length
        rest = block[last:]  # the next open line (a block at most: the checks above bound it)
        pending, held, skipping = ([rest] if rest else []), len(rest), False
    if held and skipping:
        yield [Item(Where("line", number), None, held)]
    elif held and path is not None:  # the last line, with no newline
        yield Lines(number, limit, None, path, offset, held)
    elif held:
        yield Lines(number, limit, b"".join(pending))


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
