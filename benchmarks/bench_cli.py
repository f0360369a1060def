"""Throughput of ``kindo-wire convert`` on a generated JSON Lines log, against the JSON floor.

It writes a log of ``--size-mb`` MB (default 1024) to a temporary directory by cycling over every
exchange record in ``fixtures/traffic`` (each with a distinct top-level ``log_seq``) and the bare
bodies in ``benchmarks/payloads``, then times, side by side on that one file:

- the floor: one process reading it line by line, ``orjson.loads`` + ``orjson.dumps`` of each line,
  written to another file;
- ``kw``: the real command, ``python -m kindo_wire convert IN --to T -o OUT --jobs N``, wall clock
  around the subprocess, for every target T and N in (1, cpu_count);
- ``in-process``: a ``convert_line`` loop over the same file in this process (no CLI, no batches);

in ``--rounds`` interleaved rounds (default 2), keeping each run's best, each run started once the
machine is mostly idle (other processes counted from /proc/stat).

Goal (issue): with ``--jobs N``, at least 50% of the floor's MB/s per core.

    uv run --group bench python benchmarks/bench_cli.py [--size-mb N] [--rounds N] [--write]

Not a test (pytest only collects ``tests/``). The temporary directory is deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import orjson
from harness import environment  # also keeps the run offline

from kindo_wire.api import Api
from kindo_wire.records import Options, convert_line, detect_api, detect_kind

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRAFFIC = ROOT / "fixtures" / "traffic"
PAYLOADS = (
    HERE / "payloads" if (HERE / "payloads").is_dir() else ROOT.parent / "shared" / "bench" / "payloads"
)
RESULTS = HERE / "RESULTS_cli.md"
WHAT = (
    "MB/s = input bytes / seconds, all on the same generated JSON Lines log. **floor** = one process "
    "reading the log line by line, `orjson.loads` + `orjson.dumps` of each line, written to a file; "
    "**kw** = the real command as a subprocess, `python -m kindo_wire convert IN --to T -o OUT "
    "--jobs N`, wall clock (process start-up included); **in-process** = `convert_line(line, "
    "Options(target=Api(T)))` + `outcome.line()` written, in the benchmark's own process (no CLI, no "
    "batches, no workers); **events floor** = the floor plus an `orjson` round trip of each SSE "
    "event's JSON in a record's `stream` (a reference: it translates nothing); **rebuild floor** = "
    "the floor, but each record not already in the target's API, and each of its SSE events, "
    "parsed, every object in it built once more in Python (a dict or list comprehension each), "
    "written (a reference: it translates nothing, and it is about the least a translator that "
    "builds its output as Python objects does); **ratio per core** = "
    "(MB/s / jobs) / floor MB/s; **machine CPU busy** = the share of all CPUs busy during the run, "
    "every process on the machine counted (/proc/stat); "
    "**CPU-s** = that share x CPUs x seconds. Each row is the best of interleaved rounds (floor, "
    "events floor, then every kw, in-process and rebuild floor run, then again).\n\n"
    "Goal (issue): `--jobs N` at >= 50% of the floor's MB/s per core."
)
TARGETS = ("chat", "messages", "responses")
GOAL = 0.5  # kw MB/s per core >= 50% of the floor's MB/s
ORDER = ("floor", "events floor", "rebuild floor", "kw", "in-process")


def templates() -> list[tuple[str, dict[str, Any], bool]]:
    """(label, body, is an exchange record) of every record in fixtures/traffic, then the payloads."""
    found = []
    for path in [*sorted(TRAFFIC.glob("*/*.json")), *sorted(PAYLOADS.glob("*.json"))]:
        body = orjson.loads(path.read_bytes())
        kind = detect_kind(body)
        api = detect_api(body, kind).value
        stream = " (stream)" if "stream" in body else ""
        label = f"exchange {api}{stream}" if kind == "exchange" else f"bare {kind} {api}"
        found.append((label, body, kind == "exchange"))
    return found


def generate(path: Path, size: int) -> tuple[int, Counter[str], Counter[str]]:
    """A log of about ``size`` bytes: record count, and records and bytes by kind."""
    count: Counter[str] = Counter()
    volume: Counter[str] = Counter()
    written = n = 0
    cycle = templates()
    with open(path, "wb") as out:
        while written < size:
            label, body, exchange = cycle[n % len(cycle)]
            line = orjson.dumps({**body, "log_seq": n} if exchange else body) + b"\n"
            out.write(line)
            written += len(line)
            count[label] += 1
            volume[label] += len(line)
            n += 1
    return n, count, volume


def floor(src: Path, dst: Path) -> None:
    """A plain orjson read-and-write of ``src`` to ``dst``."""
    with open(src, "rb") as f, open(dst, "wb") as out:
        for line in f:
            out.write(orjson.dumps(orjson.loads(line)) + b"\n")


def events_floor(src: Path, dst: Path) -> None:
    """The floor, plus an ``orjson`` round trip of every SSE event's JSON data in a record's
    ``stream``: the least any reader of a stream event by event does, with no translation at all
    (not a bound kw is held to: kw reads some deltas without a parse)."""
    loads, dumps = orjson.loads, orjson.dumps
    with open(src, "rb") as f, open(dst, "wb") as out:
        for line in f:
            record = loads(line)
            stream = record.get("stream") if type(record) is dict else None
            if type(stream) is str:
                frames = [
                    b"data: " + dumps(loads(text[6:])) + b"\n\n"
                    for text in stream.split("\n")
                    if text.startswith("data: {")
                ]
                record["stream"] = b"".join(frames).decode()
            out.write(dumps(record) + b"\n")


def rebuilt(value: Any) -> Any:
    """``value`` with every dict and list in it built again in Python, key by key, item by item."""
    if type(value) is dict:
        return {k: rebuilt(v) if type(v) in (dict, list) else v for k, v in value.items()}
    return [rebuilt(v) if type(v) in (dict, list) else v for v in value]


def rebuild_floor(src: Path, dst: Path, target: str) -> None:
    """The floor, but a record not already in ``target``'s API, and each of its stream events, has
    every object in it built once more in Python, translating nothing: about the least a translator
    that builds its output as Python objects does. Records in ``target``'s API are copied as the
    floor copies them, as kw passes them through."""
    loads, dumps = orjson.loads, orjson.dumps
    with open(src, "rb") as f, open(dst, "wb") as out:
        for line in f:
            record = loads(line)
            if type(record) is dict and detect_api(record, detect_kind(record)).value != target:
                stream = record.get("stream")
                if type(stream) is str:
                    frames = [
                        b"data: " + dumps(rebuilt(loads(text[6:]))) + b"\n\n"
                        for text in stream.split("\n")
                        if text.startswith("data: {")
                    ]
                    record["stream"] = b"".join(frames).decode()
                record = rebuilt(record)
            out.write(dumps(record) + b"\n")


def in_process(src: Path, dst: Path, target: str) -> None:
    """``convert_line`` of every line of ``src`` in this process, written to ``dst``."""
    options = Options(target=Api(target))
    with open(src, "rb") as f, open(dst, "wb") as out:
        for n, line in enumerate(f, 1):
            outcome = convert_line(line, options)
            if outcome.record is None:
                raise SystemExit(f"line {n} failed ({target}): {outcome.error} at {outcome.pointer}")
            out.write(outcome.line())


def cli(src: Path, dst: Path, target: str, jobs: int) -> str:
    """The command as a subprocess; the first lines of its summary. Fails loudly unless it exits 0."""
    cmd = [sys.executable, "-m", "kindo_wire", "convert", str(src), "--to", target, "-o", str(dst)]
    done = subprocess.run([*cmd, "--jobs", str(jobs)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"kindo-wire convert --to {target} --jobs {jobs} exited {done.returncode}")
    return "\n".join(done.stderr.splitlines()[:3])


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, from /proc/stat ((0, 0) elsewhere)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0, 0
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock seconds of ``fn()``, the machine's CPU busy share meanwhile (all processes), its result."""
    busy0, total0 = cpu_ticks()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    busy1, total1 = cpu_ticks()
    return seconds, (busy1 - busy0) / max(1, total1 - total0), result


def headroom(jobs: int) -> float:
    """How many times one CPU-bound process's throughput ``jobs`` of them get together (ideal: jobs)."""
    cmd = [sys.executable, "-c", "sum(i * i for i in range(25_000_000))"]
    one = timed(partial(subprocess.run, cmd, check=True))[0]
    together = timed(lambda: [p.wait() for p in [subprocess.Popen(cmd) for _ in range(jobs)]])[0]
    return jobs * one / together


@dataclass(frozen=True)
class Row:
    what: str
    target: str
    jobs: int
    seconds: float
    busy: float  # the machine's CPU busy share during the run, all processes

    @property
    def cpu_s(self) -> float:
        """CPU seconds the whole machine spent during the run."""
        return self.busy * (os.cpu_count() or 1) * self.seconds


def table(rows: list[Row], size: int, floor_mbs: float) -> str:
    lines = [
        "| run | target | jobs | seconds | MB/s | ratio per core | >= 50% goal | machine CPU busy | CPU-s |",
        "|---|---|---:|---:|---:|---:|:---:|---:|---:|",
    ]
    for r in rows:
        mbs = size / r.seconds / 1e6
        ratio = mbs / r.jobs / floor_mbs
        goal = {
            "floor": "(floor)",
            "events floor": "(reference)",
            "rebuild floor": "(reference)",
            "in-process": "(no CLI)",
        }.get(r.what, "yes" if ratio >= GOAL else "**no**")
        lines.append(
            f"| {r.what} | {r.target} | {r.jobs} | {r.seconds:.2f} | {mbs:,.1f} | **{ratio:.0%}** | {goal} "
            f"| {r.busy:.0%} | {r.cpu_s:.1f} |"
        )
    return "\n".join(lines)


def composition(records: int, count: Counter[str], volume: Counter[str], size: int) -> str:
    lines = [f"{records:,} records, {size / 1e6:,.1f} MB:", ""]
    lines += ["| records | count | MB | share of bytes |", "|---|---:|---:|---:|"]
    for label, n in sorted(count.items(), key=lambda kv: -volume[kv[0]]):
        lines.append(f"| {label} | {n:,} | {volume[label] / 1e6:,.1f} | {volume[label] / size:.1%} |")
    return "\n".join(lines)


def reading(rows: list[Row], size: int, floor_mbs: float, scaling: float | None) -> str:
    """Where the time goes, with this run's numbers."""
    secs = {(r.what, r.target, r.jobs): r.seconds for r in rows}
    inproc = [size / secs[("in-process", t, 1)] / 1e6 for t in TARGETS]
    extra = [secs[("kw", t, 1)] - secs[("in-process", t, 1)] for t in TARGETS]
    text = (
        f"In one process a bare `convert_line` loop runs at {min(inproc):,.0f}-{max(inproc):,.0f} MB/s, "
        f"{floor_mbs / max(inproc):.1f}-{floor_mbs / min(inproc):.1f}x the floor's time; the command "
        f"with `--jobs 1` takes {min(extra):+.1f} to {max(extra):+.1f} s compared with that loop (it adds "
        "interpreter start-up and imports, reading into batches, the summary). "
        + (
            "The conversion itself is where the time goes"
            if max(extra) < 0.2 * size / 1e6 / max(inproc)
            else "Past that fixed cost, the conversion is where the time goes"
        )
        + ": the floor parses and writes each line once, while kw parses it, detects the record, "
        "converts its request and its response (two conversions per exchange record: RESULTS_convert.md "
        "gives each one's ratio to the floor for one body) or transcodes its recorded SSE stream event "
        "by event (RESULTS_stream.md gives the ratio per event, and the floor never parses SSE: to it a "
        "stream is one JSON string), then writes the record."
    )
    floor_s, events_s = secs[("floor", "(none)", 1)], secs[("events floor", "(none)", 1)]
    kw_s = [secs[("kw", t, 1)] for t in TARGETS]
    text += (
        f" Parsing and writing the JSON of each event of the recorded streams as well, and nothing "
        f"else, takes {events_s / floor_s:.2f}x the floor's time (**events floor**, "
        f"{floor_s / events_s:.0%} per core). Within the goal (2x the floor's time, {2 * floor_s:.1f} s), "
        f"kw would have {2 * floor_s - events_s:.1f} s more than that reference for everything else it "
        "does: SSE framing, detecting each record, converting its request and response, and "
        f"translating the events; with `--jobs 1` it takes {min(kw_s) - events_s:.1f}-"
        f"{max(kw_s) - events_s:.1f} s more."
    )
    rebuild = {t: secs[("rebuild floor", t, 1)] for t in TARGETS}
    text += (
        " Building every object of the records kw translates, and of their events, once more in "
        "Python, translating nothing, already runs at "
        + ", ".join(f"{floor_s / rebuild[t]:.0%} ({t})" for t in TARGETS)
        + " of the floor per core (**rebuild floor**). Within the goal, a translator that builds its "
        "output as Python objects, as kw does for all but plain text deltas, would have "
        + ", ".join(f"{2 * floor_s - rebuild[t]:.1f} s ({t})" for t in TARGETS)
        + " beyond that for reading the fields it translates, checking them, choosing where each "
        "goes and recording what it cannot keep; kw takes "
        + ", ".join(f"{secs[('kw', t, 1)] - rebuild[t]:.1f} s" for t in TARGETS)
        + " more than it with `--jobs 1`."
    )
    many = sorted({r.jobs for r in rows if r.what == "kw" and r.jobs > 1})
    if many:
        n = many[0]
        gain = [secs[("kw", t, 1)] / secs[("kw", t, n)] for t in TARGETS]
        cpu = {(r.target, r.jobs): r.cpu_s for r in rows if r.what == "kw"}
        more = [cpu[(t, n)] / cpu[(t, 1)] for t in TARGETS]
        text += (
            f" `--jobs {n}` runs {min(gain):.2f}-{max(gain):.2f}x as fast as `--jobs 1` (ideal {n}x) and "
            f"the machine spends {min(more):.2f}-{max(more):.2f}x the CPU time on the same work: "
            "the extra goes to starting the workers (a fork server that imports kindo_wire once, "
            f"then {n} processes forked from it), to sending each batch's output back through a pipe "
            "(a worker reads its own input from the file), and to the parent process, which reads the "
            "log in blocks to find where lines end and writes every output line, on the same CPUs as "
            f"the workers. Just before the kw runs, {n} CPU-bound processes side by side got "
            f"{scaling:.2f}x the throughput of one on this machine ({os.cpu_count()} CPUs, shared: see "
            "the busy column, which counts every process on the machine)."
        )
    return text


def quiet(max_wait: float) -> None:
    """Wait (at most ``max_wait`` s) until other processes leave the machine mostly idle."""
    deadline = time.monotonic() + max_wait
    while time.monotonic() < deadline and timed(lambda: time.sleep(2))[1] > 0.15:
        print("  (machine busy, waiting)", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=1024, help="log size in MB (default 1024)")
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS_cli.md")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds, best kept (default 2)")
    parser.add_argument("--wait", type=float, default=120, help="max s to wait for an idle machine per run")
    args = parser.parse_args()
    command = " ".join(["uv run --group bench python benchmarks/bench_cli.py", *sys.argv[1:]])
    cpus = os.cpu_count() or 1
    started = time.perf_counter()
    rows: list[Row] = []
    tmp = tempfile.TemporaryDirectory(prefix="bench_cli_")
    log, out = Path(tmp.name) / "log.jsonl", Path(tmp.name) / "out.jsonl"
    records, count, volume = generate(log, int(args.size_mb * 1e6))
    size = log.stat().st_size
    text_composition = composition(records, count, volume, size)
    print(f"{text_composition}\n", flush=True)

    def run(what: str, target: str, jobs: int, fn: Callable[[], object]) -> object:
        quiet(args.wait)
        seconds, busy, result = timed(fn)
        rows.append(Row(what, target, jobs, seconds, busy))
        print(f"{what} {target} --jobs {jobs}: {size / seconds / 1e6:,.1f} MB/s, busy {busy:.0%}", flush=True)
        return result

    with tmp:
        scaling = headroom(cpus) if cpus > 1 else None
        for _ in range(args.rounds):  # interleaved rounds, the best of each kept
            run("floor", "(none)", 1, partial(floor, log, out))
            run("events floor", "(none)", 1, partial(events_floor, log, out))
            for target in TARGETS:
                for jobs in sorted({1, cpus}):
                    print(run("kw", target, jobs, partial(cli, log, out, target, jobs)), flush=True)
                run("in-process", target, 1, partial(in_process, log, out, target))
                run("rebuild floor", target, 1, partial(rebuild_floor, log, out, target))
    best: dict[tuple[str, str, int], Row] = {}
    for r in rows:
        key = (r.what, r.target, r.jobs)
        best[key] = min(best.get(key, r), r, key=lambda x: x.seconds)
    rows = sorted(best.values(), key=lambda r: ORDER.index(r.what))
    floor_mbs = size / rows[0].seconds / 1e6
    text_table = table(rows, size, floor_mbs)
    kw_rows = [r for r in rows if r.what == "kw"]
    met = sum(1 for r in kw_rows if size / r.seconds / 1e6 / r.jobs / floor_mbs >= GOAL)
    verdict = f"Goal met on {met}/{len(kw_rows)} kw rows."
    text_reading = reading(rows, size, floor_mbs, scaling)
    env = environment("orjson", "kindo-wire")
    body = (
        f"{WHAT}\n\n{text_table}\n\n{verdict}\n\n## The log\n\n"
        "Generated by cycling over every exchange record in fixtures/traffic (each written compact on "
        "one line with a distinct top-level `log_seq`) and the bare bodies in benchmarks/payloads; "
        "every record converts to every target (the command exits 0).\n\n"
        f"{text_composition}\n\n## Reading\n\n{text_reading}\n\n"
        "- Absolute MB/s vary between runs on this shared machine; each run measures the floor and kw "
        "on the same file, with the file in the page cache, and first waits (at most "
        f"{args.wait:g} s) for the machine to be mostly idle.\n"
        f"- The whole run (generating the log included) took {time.perf_counter() - started:,.0f} s.\n"
    )
    print(f"\n{env}\n\n{text_table}\n\n{verdict}\n\n{text_reading}")
    if args.write:
        RESULTS.write_text(
            f"# CLI benchmark: `kindo-wire convert` vs the JSON floor\n\n`{command}` on {env}.\n\n{body}"
        )
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
