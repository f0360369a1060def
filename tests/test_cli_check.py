"""`kindo-wire check`, through its real entry point (``python -m kindo_wire``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.traffic import TRAFFIC, exchanges


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindo_wire", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_check_passes_on_all_bundled_fixtures() -> None:
    result = run("check", str(TRAFFIC))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"{len(exchanges())} passed, 0 failed"
    assert "FAIL" not in result.stdout
    for api in ("chat", "messages", "responses"):
        assert any(line.startswith(f"{api}: ") for line in result.stdout.splitlines())


def _write(tmp_path: Path, name: str, record: dict[str, object]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_check_reports_each_kind_of_problem(tmp_path: Path) -> None:
    good = next(e for e in exchanges() if e.api == "messages" and e.response is not None and e.status == 200)
    record = json.loads(good.path.read_text(encoding="utf-8"))
    _write(tmp_path, "a_good.json", record)
    _write(tmp_path, "b_refused.json", {**record, "request": {**record["request"], "max_tokens": 0}})
    broken = {**record, "response": {**record["response"], "content": "not a list"}}
    _write(tmp_path, "c_broken.json", broken)
    (tmp_path / "d_not_json.json").write_text("{", encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 3
    assert "b_refused.json: request refused, but the API accepted it" in fails[0]
    assert "c_broken.json: response body does not parse" in fails[1]
    assert "d_not_json.json: not a recorded exchange" in fails[2]
    assert result.stdout.splitlines()[-1] == "1 passed, 3 failed"


def test_check_of_nothing_fails(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "0 passed, 0 failed"


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("frobnicate").returncode == 2
