"""The ``kindo-wire`` command (also ``python -m kindo_wire``): the only part of kindo_wire that
touches files. Logged traffic converted, validated or transcoded offline; see ``docs/CLI.md``.

    kindo-wire convert IN --to API [--from API|auto] [-o OUT] [--strict] [--aggregate]
                          [--losses FILE] [--jobs N] [--fail-fast] [--max-record-size BYTES]
    kindo-wire validate IN [--api API|auto] [--jobs N] [--fail-fast] [--max-record-size BYTES]
    kindo-wire transcode IN.sse [--from API|auto] --to API [-o OUT] [--request FILE] [--strict]
    kindo-wire check PATH...
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..api import Api
from ..records import Options
from . import commands
from .check import check
from .inputs import DEFAULT_LIMIT

_APIS = [api.value for api in Api]
_IN_HELP = "JSON Lines, one JSON document (a record or an array of them), a folder of .json files, or -"


def _jobs(value: str) -> int:
    jobs = int(value)
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return jobs or os.cpu_count() or 1


def _size(value: str) -> int:
    size = int(value)
    if size < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return size


def _parser() -> argparse.ArgumentParser:
    what = "Translate logged LLM API traffic between chat, messages and responses."
    parser = argparse.ArgumentParser(prog="kindo-wire", description=what)
    commands_ = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands_.add_parser("convert", help="convert records to another API")
    convert.add_argument("input", metavar="IN", help=_IN_HELP)
    convert.add_argument("--to", required=True, choices=_APIS, help="the API to convert to")
    convert.add_argument("--from", dest="source", default="auto", choices=[*_APIS, "auto"],
                         help="the API of every record (default: detected per record)")  # fmt: skip
    convert.add_argument("-o", "--output", metavar="OUT", help="where to write JSON Lines (default: stdout)")
    convert.add_argument("--strict", action="store_true", help="a loss at DEGRADED or above fails the record")
    convert.add_argument("--aggregate", action="store_true", help="streams become non-streaming bodies")
    convert.add_argument("--losses", metavar="FILE", help="write every loss to FILE as JSON Lines")
    convert.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="N processes (0: one per CPU)")
    convert.add_argument("--fail-fast", action="store_true", help="stop at the first failed record")
    convert.add_argument("--max-record-size", type=_size, default=DEFAULT_LIMIT, metavar="BYTES",
                         help="a longer record is reported and skipped (default: 256 MiB)")  # fmt: skip

    validate = commands_.add_parser("validate", help="check records against their API")
    validate.add_argument("input", metavar="IN", help=_IN_HELP)
    validate.add_argument("--api", default="auto", choices=[*_APIS, "auto"],
                          help="the API of every record (default: detected per record)")  # fmt: skip
    validate.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="N processes (0: one per CPU)")
    validate.add_argument("--fail-fast", action="store_true", help="stop at the first invalid record")
    validate.add_argument("--max-record-size", type=_size, default=DEFAULT_LIMIT, metavar="BYTES",
                          help="a longer record is reported and skipped (default: 256 MiB)")  # fmt: skip

    transcode = commands_.add_parser("transcode", help="a raw SSE capture as another API's stream")
    transcode.add_argument("input", metavar="IN", help="the raw SSE bytes of one response, or -")
    transcode.add_argument("--from", dest="source", default="auto", choices=[*_APIS, "auto"],
                           help="the stream's API (default: detected from its first event)")  # fmt: skip
    transcode.add_argument("--to", required=True, choices=_APIS, help="the API to transcode to")
    transcode.add_argument("-o", "--output", metavar="OUT", help="where to write the SSE (default: stdout)")
    transcode.add_argument("--request", metavar="FILE", help="the client's request, in the --to API")
    transcode.add_argument("--losses", metavar="FILE", help="write every loss to FILE as JSON Lines")
    transcode.add_argument("--strict", action="store_true", help="a lossy answer ends in an error frame")

    check_ = commands_.add_parser("check", help="validate and round-trip recorded exchanges")
    check_.add_argument("paths", nargs="+", help="exchange JSON files or folders of them")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    stderr = sys.stderr
    try:
        if args.command == "convert":
            source = None if args.source == "auto" else Api(args.source)
            options = Options(Api(args.to), source, strict=args.strict, aggregate=args.aggregate)
            return commands.convert(
                args.input, options, output=args.output, losses=args.losses, jobs=args.jobs,
                fail_fast=args.fail_fast, limit=args.max_record_size, stderr=stderr,
            )  # fmt: skip
        if args.command == "validate":
            api = None if args.api == "auto" else Api(args.api)
            return commands.validate(
                args.input, api, jobs=args.jobs, fail_fast=args.fail_fast, limit=args.max_record_size,
                stderr=stderr,
            )  # fmt: skip
        if args.command == "transcode":
            source = None if args.source == "auto" else Api(args.source)
            request = Path(args.request).read_bytes() if args.request else None
            return commands.transcode(
                args.input, source, Api(args.to), output=args.output, losses=args.losses,
                request=request, strict=args.strict, stderr=stderr,
            )  # fmt: skip
        return check(args.paths, sys.stdout)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return commands.EXIT_FAILED
    except BrokenProcessPool as exc:  # a --jobs worker was killed (out of memory, a signal)
        print(f"kindo-wire {args.command}: a worker process stopped abruptly: {exc}", file=stderr)
        return commands.EXIT_USAGE
    except OSError as exc:  # an output that cannot be written, a --request that cannot be read
        print(f"kindo-wire {args.command}: {exc.strerror or exc}: {exc.filename or ''}", file=stderr)
        return commands.EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
