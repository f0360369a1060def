"""The units of work of ``convert`` and ``validate``: records (``Item``) and blocks of JSON Lines
(``Lines``), in the batches one process converts at a time.

At ``--jobs 2`` the parent process read each line (``readline``), built two objects per record
and pickled them all to a worker: about 1 CPU-s per GB of input, on the CPUs the workers need. So
JSON Lines are read in blocks of whole lines (``inputs``), and the process converting a block
splits it into records. From a regular file a block goes to a worker as where it is (``path``, ``offset``,
``length``), and the worker reads it itself: no input bytes go through a pipe.

A block gives the records ``readline`` would: a line is split on ``\\n`` only and keeps it, a
blank (whitespace only) line is no record, and a line longer than the limit (its newline not
counted) is a record with no data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

BATCH_BYTES = 1 << 20  # about this much input per batch: enough to make a process hop cheap
BATCH_RECORDS = 2000  # and no more records than this (a folder of many small files)


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
    took up."""

    where: Where
    data: bytes | None
    size: int


@dataclass(frozen=True)
class Lines:
    """Whole lines of a JSON Lines input, ``first`` being the number of the first one: ``data``,
    or (``data`` None) the ``length`` bytes at ``offset`` of the file at ``path``."""

    first: int
    limit: int
    data: bytes | None
    path: str = ""
    offset: int = 0
    length: int = 0

    def items(self) -> list[Item]:
        """The records, with their line numbers; ``OSError`` if the file no longer has the bytes."""
        data = self.data if self.data is not None else _read(self.path, self.offset, self.length)
        items: list[Item] = []
        number, start, end = self.first, 0, len(data)
        while start < end:
            stop = data.find(b"\n", start) + 1 or end
            width = stop - start
            if width - (data[stop - 1] == 10) > self.limit:  # 10: b"\n", not part of the limit
                items.append(Item(Where("line", number), None, width))
            else:
                line = data[start:stop]
                if line.strip():
                    items.append(Item(Where("line", number), line, width))
            number += 1
            start = stop
        return items


# What one process converts at a time: records, or a block of lines it splits itself.
Batch = list[Item] | Lines


def batch_size(batch: Batch) -> int:
    """The input bytes a batch took up (a block's blank lines included)."""
    if isinstance(batch, Lines):
        return batch.length if batch.data is None else len(batch.data)
    return sum(item.size for item in batch)


def batched(items: Iterable[Item]) -> Iterator[list[Item]]:
    """``items`` in lists of about ``BATCH_BYTES`` (and at most ``BATCH_RECORDS``) each."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size
        if size >= BATCH_BYTES or len(batch) >= BATCH_RECORDS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# The file last read, open: a worker reads many blocks of the one input (and only one at a time).
_open: dict[str, int] = {}


def _read(path: str, offset: int, length: int) -> bytes:
    fd = _open.get(path)
    if fd is None:
        for old in _open.values():
            os.close(old)
        _open.clear()
        fd = _open[path] = os.open(path, os.O_RDONLY)
    data = os.pread(fd, length, offset)
    if len(data) != length:
        raise OSError(f"{path} changed while it was read ({len(data)} of {length} bytes at {offset})")
    return data
