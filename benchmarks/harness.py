"""What the benchmarks share: no network, and interleaved, calibrated ``timeit`` rounds.

Import it before LiteLLM: it sets LiteLLM's local cost map and makes every socket connect raise.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import socket
import sys
import timeit
from collections.abc import Callable
from typing import Any

# Before litellm is imported: otherwise it fetches the model cost map over the network.
if "litellm" in sys.modules:
    raise RuntimeError("import harness before litellm")
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"

Fn = Callable[[], object]


def _no_network(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("benchmark: network access attempted (must run offline)")


socket.socket.connect = _no_network  # type: ignore[method-assign]
socket.socket.connect_ex = _no_network  # type: ignore[method-assign]
socket.create_connection = _no_network
socket.getaddrinfo = _no_network


def calibrate(fn: Fn, target_s: float) -> int:
    """A ``timeit`` number whose loop takes about ``target_s``."""
    timer = timeit.Timer(fn)
    number, elapsed = 1, timer.timeit(1)
    while elapsed < target_s / 4:
        number *= 4
        elapsed = timer.timeit(number)
    return max(1, int(number * target_s / elapsed))


def measure(fns: list[Fn | None], *, rounds: int, target_s: float) -> list[list[float]]:
    """Per-call seconds of each fn over ``rounds`` interleaved rounds (None stays empty), so all
    are measured under the same machine state; ``timeit`` turns the GC off in each loop."""
    timers = [(timeit.Timer(fn), calibrate(fn, target_s)) if fn is not None else None for fn in fns]
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for i, entry in enumerate(timers):
            if entry is not None:
                timer, number = entry
                samples[i].append(timer.timeit(number) / number)
    return samples


def environment(*packages: str) -> str:
    """The machine and the versions a results file states: Python, ``packages``, CPUs, load."""
    versions = "".join(f", {name} {importlib.metadata.version(name)}" for name in packages)
    return (
        f"Python {platform.python_version()}{versions}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end of the run"
    )
