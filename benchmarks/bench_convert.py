"""Conversion time, bytes in to bytes out, against the JSON floor and against LiteLLM.

For every payload size and every direction between the three APIs (chat, messages, responses) it
times, side by side in one process:

- ``kw``: ``kw.convert_request(raw, source=, target=).dump_json()`` (``convert_response`` for the
  response payloads);
- the floor: ``orjson.dumps(orjson.loads(raw))`` of the same input bytes;
- LiteLLM's own translation function for that direction, also bytes in to bytes out (``orjson``
  loads before, ``orjson.dumps`` after, pydantic objects dumped with ``model_dump``), from
  ``litellm_peers.py``;
- for responses, the lower bound of ``unchecked.py``: a translator with no checks at all, shown
  once to write the same bytes as kw for the payload.

Rounds are interleaved (kw, floor, LiteLLM, kw, floor, ...) with a calibrated ``timeit`` loop
each, taken in passes over all cases, and the best round is reported, so ratios are measured
under the same machine state and a noisy spell cannot spoil every round of one case.
Goal (issue): on medium and large payloads, kw <= 3x the floor and >= 5x faster than LiteLLM.

    uv run --group bench python benchmarks/bench_convert.py             # print the table
    uv run --group bench python benchmarks/bench_convert.py --write     # also write RESULTS_convert.md
    uv run --group bench python benchmarks/bench_convert.py --profile   # cProfile kw, medium + large

Not a test (pytest only collects ``tests/``). No network: LiteLLM reads its bundled cost map and
every socket connect raises while this runs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import orjson
import pydantic
from harness import Fn, calibrate, measure  # before litellm (it raises otherwise): offline
from litellm_peers import Peer, litellm_peers
from unchecked import RESPONSES as UNCHECKED_RESPONSES

import kindo_wire as kw
from kindo_wire.fast import fast_request, fast_response

HERE = Path(__file__).resolve().parent
PAYLOADS = HERE / "payloads"
RESULTS = HERE / "RESULTS_convert.md"
FLOOR_GOAL = 3.0  # kw <= 3x orjson loads+dumps
LITELLM_GOAL = 5.0  # kw >= 5x faster than LiteLLM
GOAL_SIZES = ("medium", "large")
SIZES = ("small", "medium", "large")
APIS = ("chat", "messages", "responses")
DIRECTIONS = [(s, t) for s in APIS for t in APIS if s != t]
VENDOR = {"chat": "openai", "messages": "anthropic", "responses": "responses"}


# --------------------------------------------------------------------------------------------- #
# Output checks: run once per case, outside the timing, on both kw's and LiteLLM's output        #
# --------------------------------------------------------------------------------------------- #


def check_output(kind: str, target: str, out: bytes) -> None:
    """Assert that ``out`` is a translated body of ``target`` (not the input echoed back)."""
    body = orjson.loads(out)
    assert isinstance(body, dict), "not a JSON object"
    if kind == "request":
        if target == "chat":
            roles = [m["role"] for m in body["messages"]]
            assert "input" not in body and "system" not in body, "source fields left in a chat request"
            assert roles and set(roles) <= {"system", "developer", "user", "assistant", "tool"}, roles
        elif target == "messages":
            roles = {m["role"] for m in body["messages"]}
            assert roles <= {"user", "assistant"}, f"messages request with roles {roles}"
            assert isinstance(body.get("max_tokens"), int), "messages request without max_tokens"
        else:
            assert isinstance(body["input"], list) and body["input"], "responses request without input"
            assert "messages" not in body, "source field left in a responses request"
        if "tools" in body and target == "messages":
            assert all("input_schema" in t for t in body["tools"]), "tools not in Anthropic form"
        if "tools" in body and target == "responses":
            assert all("function" not in t for t in body["tools"]), "tools not in Responses form"
    elif target == "chat":
        assert body["choices"][0]["message"]["role"] == "assistant", "not a chat completion"
    elif target == "messages":
        assert body["type"] == "message", "not an Anthropic message"
        assert any(b["type"] == "tool_use" for b in body["content"]), "tool calls lost"
    else:
        assert body["object"] == "response", "not a Responses object"
        assert any(i["type"] == "function_call" for i in body["output"]), "tool calls lost"


# --------------------------------------------------------------------------------------------- #
# Cases and timing                                                                               #
# --------------------------------------------------------------------------------------------- #


@dataclass
class Case:
    kind: str  # "request" | "response"
    size: str
    source: str
    target: str
    raw: bytes
    kw: Fn | None  # None when kw cannot run this direction yet
    kw_error: str
    floor: Fn
    peer: Fn | None
    peer_what: str
    unchecked: Fn | None = None  # unchecked.py's translator (responses): same output bytes, no checks

    @property
    def label(self) -> str:
        return f"{self.kind} {self.size}"


def json_floor(raw: bytes) -> bytes:
    return orjson.dumps(orjson.loads(raw))


def kw_fn(kind: str, raw: bytes, source: str, target: str) -> Fn:
    if kind == "request":
        return lambda: kw.convert_request(raw, source=source, target=target).dump_json()
    return lambda: kw.convert_response(raw, source=source, target=target).dump_json()


def response_payloads(size: str, peers: dict[tuple[str, str, str], Peer]) -> tuple[dict[str, bytes], str]:
    """The response bodies of one size per API. There is no Responses-API response payload on
    disk: it is the chat response converted once by kw (by LiteLLM while kw cannot yet)."""
    found = {
        "chat": (PAYLOADS / f"response_{size}.openai.json").read_bytes(),
        "messages": (PAYLOADS / f"response_{size}.anthropic.json").read_bytes(),
    }
    try:
        found["responses"] = kw.convert_response(found["chat"], source="chat", target="responses").dump_json()
        check_output("response", "responses", found["responses"])
        origin = "kw"
    except NotImplementedError:
        run = peers[("response", "chat", "responses")].run
        assert run is not None
        found["responses"] = run(found["chat"])
        origin = "litellm (kw not implemented yet)"
    return found, origin


def build_cases(
    peers: dict[tuple[str, str, str], Peer], sizes: tuple[str, ...]
) -> tuple[list[Case], list[str]]:
    cases: list[Case] = []
    notes: list[str] = []
    for kind in ("request", "response"):
        for size in sizes:
            if kind == "request":
                raws = {api: (PAYLOADS / f"{size}.{VENDOR[api]}.json").read_bytes() for api in APIS}
            else:
                raws, origin = response_payloads(size, peers)
                notes.append(
                    f"response_{size}.responses (generated): converted from the chat response by {origin}"
                )
            for source, target in DIRECTIONS:
                raw = raws[source]
                fn: Fn | None = kw_fn(kind, raw, source, target)
                error = ""
                try:
                    assert fn is not None
                    check_output(kind, target, fn())  # type: ignore[arg-type]
                except NotImplementedError:
                    fn, error = None, "not implemented yet"
                except Exception as exc:  # a codec bug: report it in the table, keep measuring the rest
                    fn, error = None, f"{type(exc).__name__}: {exc}"[:120]
                peer = peers.get((kind, source, target), Peer(None, "n/a"))
                peer_fn: Fn | None = None
                if peer.run is not None:
                    run = peer.run
                    check_output(kind, target, run(raw))  # LiteLLM must really translate this payload
                    peer_fn = partial(run, raw)
                cases.append(
                    Case(
                        kind=kind,
                        size=size,
                        source=source,
                        target=target,
                        raw=raw,
                        kw=fn,
                        kw_error=error,
                        floor=partial(json_floor, raw),
                        peer=peer_fn,
                        peer_what=peer.what,
                        unchecked=unchecked_fn(kind, raw, source, target, fn),
                    )
                )
    return cases, notes


def unchecked_fn(kind: str, raw: bytes, source: str, target: str, kw_run: Fn | None) -> Fn | None:
    """The lower bound of unchecked.py for a response case, once shown to write kw's very bytes
    (else it would not be the same work, and the bench stops)."""
    if kind != "response" or kw_run is None:
        return None
    translate = UNCHECKED_RESPONSES[(source, target)]
    if translate(raw) != kw_run():
        raise AssertionError(f"unchecked.py {source} -> {target} does not write kw's bytes for this payload")
    return partial(translate, raw)


def fast_path_note(cases: list[Case]) -> str:
    """Which kw cases the fast path (kindo_wire/fast) converts; the others take the IR path."""
    taken: list[str] = []
    declined: list[str] = []
    for case in cases:
        if case.kw is None:
            continue
        body = orjson.loads(case.raw)
        source, target = kw.Api(case.source), kw.Api(case.target)
        convert = fast_request if case.kind == "request" else fast_response
        fast = convert(body, source, target)
        label = f"{case.kind} {case.size} {case.source} → {case.target}"
        (taken if fast is not None else declined).append(label)
    note = f"The fast path converted {len(taken)} of {len(taken) + len(declined)} kw cases"
    return note + (f"; the IR path ran for: {'; '.join(declined)}." if declined else ".")


@dataclass
class Row:
    case: Case
    kw_us: float | None
    floor_us: float
    peer_us: float | None
    spread: float
    unchecked_us: float | None = None  # (median - min) / min of kw, a stability hint

    @property
    def ratio(self) -> float | None:
        return self.kw_us / self.floor_us if self.kw_us is not None else None

    @property
    def speedup(self) -> float | None:
        if self.kw_us is None or self.peer_us is None:
            return None
        return self.peer_us / self.kw_us

    @property
    def goal(self) -> str:
        if self.case.size not in GOAL_SIZES:
            return "(small: not in goal)"
        if self.ratio is None:
            return "pending"
        ok = self.ratio <= FLOOR_GOAL and (self.speedup is None or self.speedup >= LITELLM_GOAL)
        return "yes" if ok else "**no**"


def run_rows(cases: list[Case], *, rounds: int, passes: int, target_s: float) -> list[Row]:
    """``rounds`` interleaved rounds per case, in ``passes`` passes over all cases: a noisy spell
    on this shared machine then falls on a few rounds of every case, not on all of one case's
    (one such spell once made a row's floor 40% slow in all 25 of its rounds)."""
    collected: list[list[list[float]]] = [[[], [], [], []] for _ in cases]
    per_pass = -(-rounds // passes)
    for _ in range(passes):
        for case, samples in zip(cases, collected, strict=True):
            found = measure(
                [case.kw, case.floor, case.peer, case.unchecked], rounds=per_pass, target_s=target_s
            )
            for kept, more in zip(samples, found, strict=True):
                kept.extend(more)
            print(".", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    rows = []
    for case, (kw_s, floor_s, peer_s, unchecked_s) in zip(cases, collected, strict=True):
        rows.append(
            Row(
                case=case,
                kw_us=min(kw_s) * 1e6 if kw_s else None,
                floor_us=min(floor_s) * 1e6,
                peer_us=min(peer_s) * 1e6 if peer_s else None,
                spread=(statistics.median(kw_s) - min(kw_s)) / min(kw_s) if kw_s else 0.0,
                unchecked_us=min(unchecked_s) * 1e6 if unchecked_s else None,
            )
        )
    return rows


def fmt(value: float | None, spec: str, missing: str = "—") -> str:
    return missing if value is None else format(value, spec)


def table(rows: list[Row]) -> str:
    lines = [
        "| payload | direction | kw (µs) | floor (µs) | ratio | LiteLLM (µs) | speedup vs LiteLLM "
        "| goal met | LiteLLM / floor | unchecked / floor |",
        "|---|---|---:|---:|---:|---:|---:|:---:|---:|---:|",
    ]
    for r in rows:
        c = r.case
        kw_cell = fmt(r.kw_us, ".1f", c.kw_error or "—")
        ratio = f"**{r.ratio:.2f}x**" if r.ratio is not None else "—"
        peer = fmt(r.peer_us, ".1f", "n/a")
        speedup = f"{r.speedup:.1f}x" if r.speedup is not None else ("n/a" if r.peer_us is None else "—")
        ceiling = f"{r.peer_us / r.floor_us:.1f}x" if r.peer_us is not None else "n/a"
        bound = f"{r.unchecked_us / r.floor_us:.2f}x" if r.unchecked_us is not None else "n/a"
        lines.append(
            f"| {c.kind} {c.size} ({len(c.raw):,} B) | {c.source} → {c.target} | {kw_cell} | "
            f"{r.floor_us:.1f} | {ratio} | {peer} | {speedup} | {r.goal} | {ceiling} | {bound} |"
        )
    return "\n".join(lines)


def summary(rows: list[Row]) -> str:
    in_goal = [r for r in rows if r.case.size in GOAL_SIZES]
    measured = [r for r in in_goal if r.ratio is not None]
    pending = len(in_goal) - len(measured)
    unreachable = [
        f"{r.case.kind} {r.case.size} {r.case.source} → {r.case.target} ({r.peer_us / r.floor_us:.1f}x)"
        for r in in_goal
        if r.peer_us is not None and r.peer_us / r.floor_us < LITELLM_GOAL
    ]
    ceiling_note = (
        f"LiteLLM is within {LITELLM_GOAL:g}x of the floor itself on {len(unreachable)} goal rows, so "
        f"'{LITELLM_GOAL:g}x faster than LiteLLM' would need kw faster than orjson loads+dumps alone "
        f"there: {'; '.join(unreachable)}."
        if unreachable
        else ""
    )
    if not measured:
        head = f"Goal rows (medium + large): {len(in_goal)}, none measurable yet (kw codecs pending)."
        return "\n".join(p for p in (head, ceiling_note) if p)
    worst = max(measured, key=lambda r: r.ratio or 0.0)
    with_peer = [r for r in measured if r.speedup is not None]
    met = sum(1 for r in measured if r.goal == "yes")
    parts = [
        f"Goal rows (medium + large): {met}/{len(in_goal)} met"
        + (f", {pending} not measurable yet" if pending else "")
        + ".",
        f"Worst ratio to the floor: {worst.ratio:.2f}x ({worst.case.kind} {worst.case.size} "
        f"{worst.case.source} → {worst.case.target}; goal <= {FLOOR_GOAL:g}x).",
        f"The floor half of the goal alone (ratio <= {FLOOR_GOAL:g}x): "
        f"{sum(1 for r in measured if (r.ratio or 0.0) <= FLOOR_GOAL)}/{len(in_goal)} goal rows "
        f"({_floor_met(measured)}).",
    ]
    if with_peer:
        slowest = min(with_peer, key=lambda r: r.speedup or 0.0)
        parts.append(
            f"Smallest speedup vs LiteLLM: {slowest.speedup:.1f}x ({slowest.case.kind} {slowest.case.size} "
            f"{slowest.case.source} → {slowest.case.target}; goal >= {LITELLM_GOAL:g}x)."
        )
    if ceiling_note:
        parts.append(ceiling_note)
    bounded = [r for r in measured if r.unchecked_us is not None]
    if bounded:
        parts.append(unchecked_note(bounded))
    unstable = [r for r in measured if r.spread > 0.10]
    if unstable:
        parts.append(f"{len(unstable)} goal rows had a kw median more than 10% above its best round (noisy).")
    return "\n".join(parts)


def unchecked_note(rows: list[Row]) -> str:
    """What the unchecked translators (same bytes as kw, nothing checked) leave of the floor goal."""
    bounds = [(r.unchecked_us or 0.0) / r.floor_us for r in rows]
    room = [FLOOR_GOAL * r.floor_us - (r.unchecked_us or 0.0) for r in rows]
    spent = [(r.kw_us or 0.0) - (r.unchecked_us or 0.0) for r in rows]
    return (
        f"Unchecked lower bound ({len(rows)} response goal rows): benchmarks/unchecked.py writes the "
        f"same bytes as kw with no check, no loss report and no dispatch, in {min(bounds):.2f}x-"
        f"{max(bounds):.2f}x the floor. A kw within {FLOOR_GOAL:g}x would have {min(room):.1f}-"
        f"{max(room):.1f} µs per body for all of what kindo_wire adds; it spends {min(spent):.1f}-"
        f"{max(spent):.1f} µs on it now."
    )


def _floor_met(rows: list[Row]) -> str:
    """Goal rows within the floor ratio, counted per kind and size."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        met_total = counts.setdefault(f"{r.case.kind} {r.case.size}", [0, 0])
        met_total[0] += (r.ratio or 0.0) <= FLOOR_GOAL
        met_total[1] += 1
    return ", ".join(f"{label} {met}/{total}" for label, (met, total) in counts.items())


def environment(litellm_version: str) -> str:
    return (
        f"Python {platform.python_version()}, pydantic {pydantic.VERSION}, orjson {orjson.__version__}, "
        f"litellm {litellm_version}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end of the run"
    )


def peers_section(peers: dict[tuple[str, str, str], Peer]) -> str:
    lines = ["| kind | direction | LiteLLM function timed |", "|---|---|---|"]
    for (kind, source, target), peer in peers.items():
        lines.append(f"| {kind} | {source} → {target} | {peer.what} |")
    return "\n".join(lines)


def write_results(
    *,
    text_table: str,
    text_summary: str,
    env: str,
    peers: dict[tuple[str, str, str], Peer],
    notes: list[str],
    rounds: int,
    passes: int,
) -> None:
    RESULTS.write_text(
        "# Conversion benchmark: kindo_wire vs the JSON floor vs LiteLLM\n\n"
        f"`uv run --group bench python benchmarks/bench_convert.py --write` on {env}.\n\n"
        "Bytes in to bytes out for every direction. **kw** = `kw.convert_request(raw, source=, target=)"
        ".dump_json()` (`convert_response` for responses); **floor** = `orjson.dumps(orjson.loads(raw))` "
        "of the same input bytes; **ratio** = kw / floor; **LiteLLM** = LiteLLM's own translation "
        "function for that direction with `orjson` loads/dumps around it; **speedup** = LiteLLM / kw; "
        "**LiteLLM / floor** = the largest speedup kw could show even at the floor itself; "
        "**unchecked / floor** (responses) = `benchmarks/unchecked.py`, a translator written for these "
        "payloads only that checks nothing, reports no loss and is asserted to write exactly kw's "
        "bytes: what the same output costs with everything kindo_wire adds taken out. "
        f"Best of {rounds} interleaved rounds taken in {passes} passes over all cases, each a calibrated "
        "`timeit` loop (GC off during the loop, "
        "as `timeit` does).\n\n"
        f"Goal (issue): medium and large payloads, ratio <= {FLOOR_GOAL:g}x and speedup >= "
        f"{LITELLM_GOAL:g}x, in every direction.\n\n"
        f"{text_table}\n\n{text_summary}\n\n"
        "## What is compared\n\n"
        "Each LiteLLM output is checked once, outside the timing, to be a translated body of the target "
        "API (the same check runs on kw's output). Only the translation function is timed, not the "
        "`litellm.completion()`/`litellm.responses()` machinery around it (parameter validation, "
        "logging, callbacks, the provider's final request transform), and LiteLLM's output is "
        "serialised with orjson rather than the stdlib `json` it uses: both favour LiteLLM, so the "
        "speedups are lower bounds. Logging is replaced by a no-op object.\n\n"
        f"{peers_section(peers)}\n\n"
        + "".join(f"- {n}\n" for n in notes)
        + '- Response payloads are small (1-4 KB) even at "large": a fixed per-conversion cost weighs '
        "more there than on the 6 KB and 100 KB requests.\n"
        "- Absolute times vary between runs on this shared 2-core machine; ratios and speedups are "
        "measured side by side in one process.\n\n"
        f"{FAST_PATH_SECTION}"
    )


FAST_PATH_SECTION = """## The fast path

`convert_request` / `convert_response` first try `kindo_wire/fast`: for a *plain* body a reader per
source API checks the body while reading it into tagged tuples, and a writer per target API writes
what the codec would write, with the same losses, without building the IR (frozen dataclasses with
extras and form hints, which is where most of the general path's time went). Plain means: the common
top-level knobs (model, max tokens, temperature, top_p, stop as a list, stream, user / metadata /
safety identifier, store, parallel tool calls, stream_options.include_usage); text, bare-string content,
images by URL or base64, an Anthropic ephemeral `cache_control` on text; function tools, tool
choices, tool calls and string tool results; one-choice responses of text and function calls with
usage, finish reasons and unknown top-level / usage fields (reported as the codecs report them).
Anything else - an unknown key, a `null`, an unusual type, reasoning / thinking / effort, response
formats, hosted tools, documents, audio, refusals, citations, `n`, `include`, a tool name the target
would rewrite - declines, and the body takes the IR path. `tests/test_fast_path.py` holds it to the
general path: for every recorded exchange in fixtures/traffic, every payload here, generated bodies
and mutated ones (fields deleted, nulled, retyped), in all six directions, the fast path's
`dump_json()` bytes and losses must equal the IR path's wherever it accepts, it must decline what the
IR path refuses, and it must accept every payload benchmarked here.
"""


def profile(cases: list[Case], sizes: tuple[str, ...], top: int) -> str:
    """cProfile of kw on each direction (tottime), for the codec owners."""
    out = io.StringIO()
    for case in cases:
        if case.kw is None or case.size not in sizes:
            continue
        fn = case.kw
        number = calibrate(fn, 0.2)
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(number):
            fn()
        prof.disable()
        out.write(f"\n### {case.kind} {case.size} {case.source} -> {case.target} ({number} calls)\n")
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS_convert.md")
    parser.add_argument("--rounds", type=int, default=25, help="interleaved rounds per case (default 25)")
    parser.add_argument("--passes", type=int, default=5, help="passes over all cases (default 5)")
    parser.add_argument("--loop-ms", type=float, default=5.0, help="time per timeit loop (default 5 ms)")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated payload sizes")
    parser.add_argument("--profile", action="store_true", help="cProfile kw on medium and large and exit")
    parser.add_argument("--top", type=int, default=15, help="functions per profile (default 15)")
    args = parser.parse_args()
    sizes = tuple(s for s in args.sizes.split(",") if s)

    version, peers = litellm_peers()
    cases, notes = build_cases(peers, sizes)
    notes.append(fast_path_note(cases))
    if args.profile:
        print(profile(cases, tuple(s for s in sizes if s in GOAL_SIZES), args.top))
        return 0
    rows = run_rows(cases, rounds=args.rounds, passes=args.passes, target_s=args.loop_ms / 1000)
    text_table, text_summary = table(rows), summary(rows)
    env = environment(version)
    print(f"{env}\n\n{text_table}\n\n{text_summary}")
    for note in notes:
        print(f"note: {note}")
    if args.write:
        write_results(
            text_table=text_table,
            text_summary=text_summary,
            env=env,
            peers=peers,
            notes=notes,
            rounds=args.rounds,
            passes=args.passes,
        )
        print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
