"""How ``convert`` and ``validate`` read JSON Lines: in blocks of whole lines (cli/inputs.py), split
into records by the process that converts them (cli/units.py).

The records, their line numbers and the size limit must be what reading line by line gives: each
generated input is read both ways, with blocks and limits small enough that lines straddle blocks,
fill several, or outgrow the limit before they end. A block by reference (a ``--jobs`` worker reads
it from the file itself) must give the same records as one carrying its bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindo_wire.api import Api
from kindo_wire.cli import inputs
from kindo_wire.cli.batches import ConvertJob, convert_batch
from kindo_wire.cli.units import Item, Lines, Where, batch_size
from kindo_wire.records import Options

Record = tuple[int, bytes | None]  # (line number, the line as read; None when over the limit)


def by_readline(data: bytes, limit: int) -> list[Record]:
    """The records of ``data`` read one line at a time, each read capped just past the limit,
    as a plain ``readline`` loop would (written apart from the code under test)."""
    records: list[Record] = []
    for number, line in enumerate(io.BytesIO(data).readlines(), 1):
        content = line[:-1] if line.endswith(b"\n") else line
        if len(content) > limit:
            records.append((number, None))
        elif line.strip():
            records.append((number, line))
    return records


def by_blocks(data: bytes, limit: int, path: str | None) -> tuple[list[Record], int]:
    """The records the block reader gives (blocks split as a worker splits them), and the bytes the
    batches account for."""
    records: list[Record] = []
    size = 0
    stream = open(path, "rb") if path else io.BytesIO(data)  # noqa: SIM115 (closed below)
    with stream:
        for batch in inputs._blocks(stream, limit, path):
            size += batch_size(batch)
            if isinstance(batch, Lines):
                assert (batch.data is None) == (path is not None)
                if batch.data is not None:  # held whole here: never more than a block and a line
                    assert len(batch.data) <= inputs.BATCH_BYTES + limit
                items = batch.items()
            else:
                assert [item.data for item in batch] == [None], "only skipped lines come alone"
                items = batch
            records += [(int(item.where.at), item.data) for item in items]
    return records, size


LINE = st.one_of(
    st.just(b'{"model": "m"}'),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")),
    st.sampled_from([b"", b" ", b"\t \r", b"\r", b"\x0b", b"{}\r"]),
    st.integers(1, 300).map(lambda n: b"x" * n),
)


@given(
    lines=st.lists(LINE, max_size=30),
    last_newline=st.booleans(),
    block=st.integers(1, 64),
    limit=st.integers(0, 120),
)
def test_blocks_give_the_records_readline_gives(
    lines: list[bytes], last_newline: bool, block: int, limit: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = b"\n".join(lines) + (b"\n" if last_newline and lines else b"")
    path = tmp_path_factory.mktemp("in") / "in.jsonl"
    path.write_bytes(data)
    expected = by_readline(data, limit)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inputs, "BATCH_BYTES", block)
        carried = by_blocks(data, limit, None)
        referenced = by_blocks(data, limit, str(path))
    assert carried == (expected, len(data))
    assert referenced == (expected, len(data))


def test_a_runaway_line_is_skipped_without_being_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line longer than the limit that spans many blocks: only a count of it is kept."""
    monkeypatch.setattr(inputs, "BATCH_BYTES", 16)
    data = b'{"a": 1}\n' + b"y" * 1000 + b'\n{"b": 2}\n' + b"z" * 500
    batches = list(inputs._blocks(io.BytesIO(data), 100, None))
    skipped = [b for b in batches if isinstance(b, list)]
    assert skipped == [[Item(Where("line", 2), None, 1001)], [Item(Where("line", 4), None, 500)]]
    held = [b.data for b in batches if isinstance(b, Lines)]
    assert b"".join(d for d in held if d) == b'{"a": 1}\n{"b": 2}\n'
    assert sum(map(batch_size, batches)) == len(data)


def test_whole_inputs_read_the_same_by_reference(tmp_path: Path) -> None:
    """``open_input`` as ``--jobs`` uses it (blocks by reference) and as one process does."""
    path = tmp_path / "log.jsonl"
    path.write_bytes(b'{"model": "m"}\n\n  \nnot json\n' * 50_000)  # several blocks
    carried = list(inputs.open_input(str(path)).batches)
    referenced = list(inputs.open_input(str(path), by_reference=True).batches)
    assert len(carried) == len(referenced) > 1
    for one, other in zip(carried, referenced, strict=True):
        assert isinstance(one, Lines) and isinstance(other, Lines)
        assert other.data is None and other.path == str(path.resolve())
        assert one.items() == other.items()


def test_a_file_cut_short_under_a_worker_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b'{"model": "m", "messages": []}\n' * 10)
    block = next(iter(inputs.open_input(str(path), by_reference=True).batches))
    assert isinstance(block, Lines)
    path.write_bytes(b"{}\n")  # the file shrinks after the parent read it
    result = convert_batch(ConvertJob(Options(target=Api.CHAT)), block)
    assert result.records == 0 and result.failed == 1 and result.output == b""
    assert str(result.failures[0]).startswith("line 1: cannot read the input: ")
    assert "changed while it was read" in str(result.failures[0])
