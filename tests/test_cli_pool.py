"""``--jobs``: the worker pool (cli/pool.py) keeps input order, and a worker that dies is reported
by the command, not left to hang or end in a traceback."""

from __future__ import annotations

import io
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from kindo_wire import cli
from kindo_wire.cli import commands
from kindo_wire.cli.pool import ordered_map


def square_slowly_first(n: int) -> int:
    """Earlier batches take longer, so results come back out of order unless put back in it."""
    if n < 3:
        os.sched_yield()
        sum(range(200_000 * (3 - n)))
    return n * n


def die_on_three(n: int) -> int:
    if n == 3:
        os._exit(9)  # as the kernel's OOM killer would end it: no exception, no cleanup
    return n


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_input_order(jobs: int) -> None:
    assert list(ordered_map(square_slowly_first, range(20), jobs)) == [n * n for n in range(20)]


def test_a_dead_worker_breaks_the_pool_instead_of_hanging() -> None:
    results = ordered_map(die_on_three, range(10), 2)
    with pytest.raises(BrokenProcessPool):
        list(results)


def test_the_command_reports_a_dead_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(commands, "convert", broken)
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    status = cli.main(["convert", str(tmp_path / "in.jsonl"), "--to", "chat", "--jobs", "2"])
    assert status == commands.EXIT_USAGE == 2
    assert stderr.getvalue() == (
        "kindo-wire convert: a worker process stopped abruptly: "
        "A process in the process pool was terminated abruptly\n"
    )
