"""``kindo_wire.dask`` on a real ``dask.distributed.LocalCluster`` with several worker processes:
the same lines as the ``kindo-wire convert`` command on the same input, in the same order."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask.bag as db
import pytest
from dask.distributed import Client, LocalCluster

from kindo_wire.dask import convert_bag, convert_bag_outcomes
from tests.traffic import exchanges

SCRIPT = str(Path(sys.executable).parent / "kindo-wire")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture exchange, a bare body, a blank line and two bad lines, as JSON Lines."""
    lines = [json.dumps(json.loads(ex.path.read_text(encoding="utf-8"))) for ex in exchanges()]
    lines[40:40] = ["not json", "", json.dumps({"model": "gpt-4o", "messages": [], "max_tokens": 3})]
    lines.append("[1, 2]")
    path = tmp_path_factory.mktemp("dask") / "log.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("target", "flags"), [("messages", []), ("chat", ["--aggregate"]), ("responses", [])]
)
def test_a_bag_converts_to_the_same_lines_as_the_command(
    client: Client, log: Path, target: str, flags: list[str]
) -> None:
    bag = db.read_text(str(log), blocksize=200_000)  # several partitions, spread over the workers
    assert bag.npartitions > 3
    lines = convert_bag(bag, to=target, aggregate="--aggregate" in flags).compute()
    command = subprocess.run(
        [SCRIPT, "convert", str(log), "--to", target, *flags], capture_output=True, check=False
    )
    assert command.returncode == 1  # the two bad lines
    assert ("\n".join(lines) + "\n").encode() == command.stdout
    assert len(lines) == len(exchanges()) + 1


def test_outcomes_report_each_record(client: Client, log: Path) -> None:
    reports = convert_bag_outcomes(db.read_text(str(log), blocksize=200_000), to="chat").compute()
    assert len(reports) == len(exchanges()) + 3  # the blank line is not a record
    failed = [r for r in reports if r["output"] is None]
    assert [r["error"].split(":")[0] for r in failed] == [
        "not JSON",
        "a record must be a JSON object, not list",
    ]
    assert sum(r["source"] == "messages" for r in reports) == 76
    lossy = next(r for r in reports if r["losses"])
    assert set(lossy["losses"][0]) == {"pointer", "severity", "code", "detail"}


def test_parsed_records_convert_like_lines(client: Client, log: Path) -> None:
    text = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    from_text = convert_bag(db.from_sequence(text, npartitions=4), to="responses").compute()
    parsed = db.from_sequence([json.loads(line) for line in text], npartitions=4)
    assert convert_bag(parsed, to="responses").compute() == from_text
