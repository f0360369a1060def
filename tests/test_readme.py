"""The README's examples run as written: documentation that works is part of the contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_readme_example_runs(number: int) -> None:
    namespace: dict[str, object] = {}
    # Blocks build on each other (the first imports kindo_wire as kw), as a reader runs them.
    for block in BLOCKS[: number + 1]:
        exec(compile(block, f"README.md example {number}", "exec"), namespace)
