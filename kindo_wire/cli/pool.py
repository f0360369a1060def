"""``--jobs N``: batches of records converted in N processes, results back in input order.

At most ``2 * N`` batches are in flight, so a slow consumer (or a fast reader) never piles the
input up in memory; results are yielded strictly in the order the batches were read, which keeps
the output identical to a one-process run.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

def ordered_map(func: Callable[[T], R], batches: Iterable[T], jobs: int) -> Iterator[R]:
    """``map(func, batches)`` in ``jobs`` worker processes (in this one if ``jobs <= 1``).

    ``func`` must be picklable (a module-level function or a ``functools.partial`` of one). When
    the consumer stops early (``--fail-fast``), the workers are terminated.
    """
    if jobs <= 1:
        yield from map(func, batches)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with context.Pool(jobs) as pool:
        pending: deque[AsyncResult[R]] = deque()
        for batch in batches:
            pending.append(pool.apply_async(func, (batch,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
