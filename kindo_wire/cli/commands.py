"""``kindo-wire convert``, ``validate`` and ``transcode``: files in, files out, a summary on stderr.

Exit status: 0 when every record converted (or validated), 1 when any failed, 2 when the command
itself could not run (bad arguments, an input that cannot be opened, an output that is the input,
a ``--jobs`` worker that died).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from ..api import Api
from ..errors import WireError
from ..loss import LossError
from ..records import Options, UndetectedError, stream_api
from ..stream_transcoder import StreamTranscoder
from .batches import BatchResult, ConvertJob, ValidateJob, convert_batch, loss_line, validate_batch
from .inputs import DEFAULT_LIMIT, Input, open_input
from .pool import ordered_map
from .progress import Progress
from .summary import Tally
from .units import Batch, Where

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_CHUNK = 1 << 16


def _open_input(command: str, name: str, limit: int, jobs: int, stderr: TextIO) -> Input | None:
    """The input's records, or None (and a message) when it cannot be opened."""
    try:
        return open_input(name, limit, by_reference=jobs > 1)
    except OSError as exc:
        print(f"kindo-wire {command}: cannot read {name}: {exc.strerror or exc}", file=stderr)
        return None


def _clash(command: str, name: str, outputs: dict[str, str | None], stderr: TextIO) -> bool:
    """True, and a message, when an output file is the input or another output. Opening it for
    writing would empty the log before a line of it was read (and report 0 records, exit 0), or
    interleave two outputs in one file. A folder's input is every ``*.json`` below it, so an output
    named so inside it would be read as a record."""
    files = [(flag, Path(value)) for flag, value in outputs.items() if value not in (None, "-")]
    where = Path(name)
    for n, (flag, target) in enumerate(files):
        clash = ""
        if name != "-" and where.is_dir():
            if where.resolve() in target.resolve().parents and target.suffix == ".json":
                clash = f"is a .json file in the input folder {name}"
        elif name != "-" and _same_file(where, target):
            clash = f"is the input {name}"
        clash = next((f"is also the {other} file" for other, o in files[:n] if _same_file(o, target)), clash)
        if clash:
            print(f"kindo-wire {command}: the {flag} file {target} {clash}; write elsewhere", file=stderr)
            return True
    return False


def _same_file(a: Path, b: Path) -> bool:
    """The same file: the same inode when both exist (links, ``./``), else the same full path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _open_output(name: str | None, stack: ExitStack) -> BinaryIO:
    if name is None or name == "-":
        return sys.stdout.buffer
    return stack.enter_context(open(name, "wb"))


def _run(
    source: Input,
    work: Callable[[Batch], BatchResult],
    *,
    jobs: int,
    stderr: TextIO,
    fail_fast: bool,
    write: Callable[[BatchResult], None],
) -> Tally:
    """Batches of ``source`` through ``work`` (in ``jobs`` processes), written in input order."""
    tally = Tally()
    progress = Progress(stderr, source.total, enabled=stderr.isatty())
    for result in ordered_map(work, source.batches, jobs):
        write(result)
        if result.failures:
            progress.finish()
            for failure in result.failures:
                print(failure, file=stderr)
        tally.add(result)
        progress.advance(result.records, result.bytes)
        if fail_fast and result.failures:
            print("stopped at the first failure (--fail-fast)", file=stderr)
            break
    progress.finish()
    tally.elapsed = progress.elapsed
    return tally


def convert(
    name: str,
    options: Options,
    *,
    output: str | None,
    losses: str | None,
    jobs: int,
    fail_fast: bool,
    limit: int = DEFAULT_LIMIT,
    stderr: TextIO,
) -> int:
    if _clash("convert", name, {"-o": output, "--losses": losses}, stderr):
        return EXIT_USAGE
    source = _open_input("convert", name, limit, jobs, stderr)
    if source is None:
        return EXIT_USAGE
    with ExitStack() as stack:
        out = _open_output(output, stack)
        loss_out = stack.enter_context(open(losses, "wb")) if losses else None

        def write(result: BatchResult) -> None:
            out.write(result.output)
            if loss_out is not None:
                loss_out.write(result.losses)

        job = ConvertJob(options, keep_losses=loss_out is not None, fail_fast=fail_fast)
        tally = _run(
            source, partial(convert_batch, job), jobs=jobs, stderr=stderr, fail_fast=fail_fast, write=write
        )
        out.flush()
    print(tally.convert_summary(options.target.value), file=stderr)
    return EXIT_FAILED if tally.failed else EXIT_OK


def validate(
    name: str, api: Api | None, *, jobs: int, fail_fast: bool, limit: int = DEFAULT_LIMIT, stderr: TextIO
) -> int:
    source = _open_input("validate", name, limit, jobs, stderr)
    if source is None:
        return EXIT_USAGE
    job = ValidateJob(api, fail_fast=fail_fast)
    work = partial(validate_batch, job)
    tally = _run(source, work, jobs=jobs, stderr=stderr, fail_fast=fail_fast, write=lambda _: None)
    print(tally.validate_summary(), file=stderr)
    return EXIT_FAILED if tally.failed else EXIT_OK


def transcode(
    name: str,
    source: Api | None,
    target: Api,
    *,
    output: str | None,
    losses: str | None,
    request: bytes | None,
    strict: bool,
    stderr: TextIO,
) -> int:
    """A raw SSE capture of one API as a stream of another, read and written in chunks."""
    if _clash("transcode", name, {"-o": output, "--losses": losses}, stderr):
        return EXIT_USAGE
    try:
        stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        print(f"kindo-wire transcode: cannot read {name}: {exc.strerror or exc}", file=stderr)
        return EXIT_USAGE
    with ExitStack() as stack:
        stack.enter_context(stream)
        first = stream.read(_CHUNK)
        try:
            api = source or stream_api(first.decode("utf-8", "replace"))
            transcoder = StreamTranscoder(source=api, target=target, request=request, strict=strict)
        except (UndetectedError, WireError) as exc:
            print(f"kindo-wire transcode: {exc}", file=stderr)
            return EXIT_USAGE
        out = _open_output(output, stack)
        size = 0
        failed: WireError | None = None
        chunk = first
        while chunk:
            size += len(chunk)
            try:
                out.write(transcoder.feed(chunk))
            except LossError as exc:
                failed = exc
                break
            chunk = stream.read(_CHUNK)
        out.write(transcoder.close())
        out.flush()
        if losses:
            with open(losses, "wb") as loss_out:
                for loss in transcoder.losses:
                    loss_out.write(loss_line(Where("stream", name), api, loss))
    failed = failed or transcoder.error
    counts = Counter(loss.code for loss in transcoder.losses)
    found = ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "none"
    what = f"{size:,} bytes of {api.value} SSE to {target.value}"
    print(f"kindo-wire transcode: {what}; losses: {found}", file=stderr)
    if failed is not None:
        print(f"  failed: {failed.message}; the output ends in {target.value}'s error frame", file=stderr)
        return EXIT_FAILED
    return EXIT_OK
