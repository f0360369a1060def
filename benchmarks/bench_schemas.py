"""Schema parse + dump time on the bench payloads, as a ratio to the JSON floor.

For each payload: bytes in -> our pydantic model -> bytes out (``WireModel.parse`` then
``dump_json``), against the floor of the same bytes through ``orjson.loads`` + ``orjson.dumps``.
Stream payloads are measured per event (each SSE ``data`` payload). Both sides run in one process,
interleaved, best of several repeats, so the ratio is stable while absolute times are not.

    uv run python benchmarks/bench_schemas.py            # print the table
    uv run python benchmarks/bench_schemas.py --write    # also refresh benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pydantic
from pydantic_core import from_json, to_json

import kindo_wire as kw
from kindo_wire.sse import SSEDecoder

HERE = Path(__file__).resolve().parent
PAYLOADS = HERE / "payloads"
GOAL = 2.0  # issue: schema parse+dump within 2x of the orjson floor

REQUESTS: dict[str, Any] = {
    "openai": kw.chat.ChatCompletionRequest,
    "anthropic": kw.messages.MessageCreateRequest,
    "responses": kw.responses.ResponseCreateRequest,
}
RESPONSES: dict[str, Any] = {"openai": kw.chat.ChatCompletion, "anthropic": kw.messages.Message}
STREAMS: dict[str, Any] = {
    "openai": kw.chat.STREAM_EVENT_ADAPTER,
    "anthropic": kw.messages.STREAM_EVENT_ADAPTER,
}


def best_ns(fn: Callable[[], object], *, budget_s: float = 0.3, repeats: int = 5) -> float:
    """Best per-call time over ``repeats`` runs of a loop sized to take about budget_s / repeats."""
    loops, start = 1, time.perf_counter()
    while time.perf_counter() - start < 0.02:
        fn()
        loops += 1
    per_run = max(1, int(loops * (budget_s / repeats) / 0.02))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        for _ in range(per_run):
            fn()
        best = min(best, (time.perf_counter_ns() - t0) / per_run)
    return best


def model_roundtrip(model: Any, raw: bytes) -> Callable[[], object]:
    return lambda: model.parse(raw).dump_json()


def adapter_roundtrip(adapter: Any, datas: list[bytes]) -> Callable[[], object]:
    def run() -> None:
        for data in datas:
            adapter.dump_json(adapter.validate_python(from_json(data)), by_alias=True, exclude_unset=True)

    return run


def floor(datas: list[bytes]) -> Callable[[], object]:
    def run() -> None:
        for data in datas:
            orjson.dumps(orjson.loads(data))

    return run


def engine_floor(datas: list[bytes]) -> Callable[[], object]:
    """The same bytes through pydantic-core's own JSON reader and writer, no schema: the part of
    the gap that is the JSON engine rather than the models."""

    def run() -> None:
        for data in datas:
            to_json(from_json(data))

    return run


Case = tuple[str, int, Callable[[], object], Callable[[], object], Callable[[], object]]


def cases() -> list[Case]:
    """(label, events per call, ours, orjson floor, pydantic-core floor) for every payload."""
    found = []
    for path in sorted(PAYLOADS.iterdir()):
        stem, vendor = path.name.split(".")[0], path.name.split(".")[1]
        raw = path.read_bytes()
        if path.suffix == ".sse":
            decoder = SSEDecoder()
            datas = [e.data.encode() for e in decoder.feed(raw) + decoder.close() if e.data != "[DONE]"]
            found.append(
                (
                    f"{path.name} (per event)",
                    len(datas),
                    adapter_roundtrip(STREAMS[vendor], datas),
                    floor(datas),
                    engine_floor(datas),
                )
            )
        elif path.suffix == ".jsonl":
            continue  # the same chunks as stream.openai.sse, without SSE framing
        elif stem.startswith("response_"):
            found.append(
                (path.name, 1, model_roundtrip(RESPONSES[vendor], raw), floor([raw]), engine_floor([raw]))
            )
        else:
            found.append(
                (path.name, 1, model_roundtrip(REQUESTS[vendor], raw), floor([raw]), engine_floor([raw]))
            )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = parser.parse_args()
    rows = []
    for label, events, ours, json_floor, engine in cases():
        ours_ns = best_ns(ours) / events
        floor_ns = best_ns(json_floor) / events
        engine_ns = best_ns(engine) / events
        rows.append((label, ours_ns / 1000, floor_ns / 1000, ours_ns / floor_ns, engine_ns / floor_ns))
    lines = [
        "| payload | kindo_wire parse+dump (µs) | orjson loads+dumps (µs) | ratio | pydantic-core alone |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {label} | {ours:.1f} | {fl:.1f} | **{ratio:.2f}x** | {engine:.2f}x |"
            for label, ours, fl, ratio, engine in rows
        ),
    ]
    table = "\n".join(lines)
    print(table)
    print(f"\nworst ratio {max(r[3] for r in rows):.2f}x (goal <= {GOAL}x)")
    if args.write:
        write_results(table, rows)
    return 0


def write_results(table: str, rows: list[tuple[str, float, float, float, float]]) -> None:
    results = HERE / "RESULTS.md"
    text = results.read_text() if results.exists() else "# Benchmark results\n"
    section = (
        "## Schemas: parse + dump vs the orjson floor\n\n"
        f"`uv run python benchmarks/bench_schemas.py --write` on Python {platform.python_version()}, "
        f"pydantic {pydantic.VERSION}, orjson {orjson.__version__}, {platform.machine()}.\n\n"
        f"{table}\n\nGoal: ratio <= {GOAL}x on every payload. Worst: {max(r[3] for r in rows):.2f}x.\n"
    )
    start = text.find("## Schemas:")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    results.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
