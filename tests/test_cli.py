"""The ``kindo-wire`` command through its real entry point (a subprocess), as a user runs it.

Conversions of the bundled fixtures to each API (checked against the library and the target's
gateway checks), stdin/stdout, single JSON documents, bad and blank lines, empty input, huge and
oversized lines, ``--strict``, ``--losses``, ``--aggregate``, ``--jobs``, ``--fail-fast``, exit
codes, ``validate``, ``transcode`` and the progress bar (under a pseudo-terminal).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kindo_wire as kw
from kindo_wire.api import Api
from tests.test_convert_fixtures import pointer_resolves
from tests.traffic import Exchange, exchanges

ROOT = Path(__file__).resolve().parent.parent
TRAFFIC = ROOT / "fixtures" / "traffic"
SCRIPT = str(Path(sys.executable).parent / "kindo-wire")
ALL = exchanges()


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [SCRIPT, *args], input=stdin, capture_output=True, cwd=cwd, timeout=300, check=False
    )


def lines_of(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def record(ex: Exchange) -> dict[str, Any]:
    return json.loads(ex.path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture exchange as one line of JSON Lines, in file order."""
    path = tmp_path_factory.mktemp("log") / "traffic.jsonl"
    path.write_text("".join(json.dumps(record(ex)) + "\n" for ex in ALL), encoding="utf-8")
    return path


CHAT_REQUEST = {
    "model": "gpt-4o",
    "messages": [{"role": "user", "content": "hi"}],
    "max_completion_tokens": 64,
    "seed": 7,
}


@pytest.mark.parametrize("target", list(Api))
def test_convert_the_fixtures_agrees_with_the_library(target: Api) -> None:
    done = run("convert", str(TRAFFIC), "--to", target.value)
    assert done.returncode == 0, done.stderr.decode()
    out = lines_of(done.stdout)
    assert len(out) == len(ALL) == 184
    for ex, converted in zip(ALL, out, strict=True):  # output order is input order
        assert (converted["api"], converted["converted_from"]) == (target.value, ex.api)
        assert converted["source"] == record(ex)["source"]  # fields kw does not know are kept
        request = kw.convert_request(ex.request, source=ex.api, target=target).body
        if target is Api.CHAT and ex.api != "chat" and request.get("stream"):
            request["stream_options"] = {"include_usage": True}  # docs/CLI.md: usage stays in the stream
        assert converted["request"] == request
        if ex.status == 200:
            kw.validate_request(converted["request"], api=target)
        if ex.stream is not None:
            assert "response" not in converted
            sent = kw.transcode_stream([ex.stream.encode()], source=ex.api, target=target, request=request)
            assert converted["stream"] == b"".join(sent).decode()
        elif ex.status >= 400:
            error = kw.convert_error(ex.response, source=ex.api, target=target, status=ex.status)
            assert (converted["response"], converted["status"]) == (error.body, error.status)
        else:
            body = kw.convert_response(ex.response, source=ex.api, target=target, request=request).body
            assert converted["response"] == body
    summary = done.stderr.decode()
    assert "184 records" in summary and "184 converted, 0 failed" in summary
    assert "from chat 47, messages 76, responses 61" in summary


def test_stdin_to_stdout_equals_file_to_file(log: Path, tmp_path: Path) -> None:
    piped = run("convert", "-", "--to", "messages", stdin=log.read_bytes())
    written = run("convert", str(log), "--to", "messages", "-o", str(tmp_path / "out.jsonl"))
    assert piped.returncode == written.returncode == 0
    assert piped.stdout == (tmp_path / "out.jsonl").read_bytes() and written.stdout == b""
    assert run("convert", str(log), "--to", "messages").stdout == piped.stdout  # deterministic


def test_jobs_give_the_same_bytes_and_report_as_one_process(log: Path, tmp_path: Path) -> None:
    bad = tmp_path / "mixed.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    bad.write_bytes(b"".join(lines[:50]) + b"{oops\n" + b"".join(lines[50:]) + b"[1]\n")
    one = run("convert", str(bad), "--to", "responses")
    two = run("convert", str(bad), "--to", "responses", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and len(lines_of(one.stdout)) == 184
    failures = [line for line in one.stderr.decode().splitlines() if line.startswith("line ")]
    assert failures == [line for line in two.stderr.decode().splitlines() if line.startswith("line ")]
    assert [f.split(":")[0] for f in failures] == ["line 51", "line 186"]


def test_jobs_read_lines_across_blocks_as_one_process_does(tmp_path: Path) -> None:
    """Records longer than the 1 MB blocks the input is read in, blank lines, a line over the
    limit and a last line with no newline: the same records, numbers and failures either way."""
    good = json.dumps(CHAT_REQUEST).encode()
    long = json.dumps({**CHAT_REQUEST, "messages": [{"role": "user", "content": "p" * 700_000}]}).encode()
    path = tmp_path / "blocks.jsonl"
    path.write_bytes(b"\n".join([good, b"", long, b" \t", b"x" * 1_500_000, long, long, good]))
    args = ("convert", str(path), "--to", "messages", "--max-record-size", "1000000")
    one, two = run(*args), run(*args, "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    firsts = [r["request"]["messages"][0]["content"][:1] for r in lines_of(one.stdout)]
    assert firsts == ["h", "p", "p", "p", "h"]
    failures = [line for line in one.stderr.decode().splitlines() if line.startswith("line ")]
    assert failures == [line for line in two.stderr.decode().splitlines() if line.startswith("line ")]
    assert failures == ["line 5: longer than the record size limit (1,500,001 bytes); skipped"]


def test_bad_and_blank_lines_are_reported_with_their_number_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps(CHAT_REQUEST)
    path.write_text(f'{good}\nnot json\n\n[1, 2]\n{{"foo": 1}}\n{{"model": "m"}}\n{good}\n', encoding="utf-8")
    done = run("convert", str(path), "--to", "messages")
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "line 2: not JSON" in err
    assert "line 4: a record must be a JSON object, not list" in err
    assert "line 5: cannot tell which API this is" in err and "line 6: cannot tell which API" in err
    assert "line 3" not in err  # a blank line is not a record
    assert "2 converted, 4 failed" in err
    assert len(lines_of(done.stdout)) == 2  # the two good lines, in order


BOM = "\ufeff".encode()


def test_a_byte_order_mark_before_a_record_is_ignored(tmp_path: Path) -> None:
    """As RFC 8259 section 8.1 allows: Windows tools write one at the start of a file, and ``cat``
    of two such files leaves one at the start of a line. Elsewhere it is still not JSON."""
    good = json.dumps(CHAT_REQUEST).encode()
    joined = tmp_path / "joined.jsonl"
    joined.write_bytes(BOM + good + b"\r\n" + BOM + good + b"\n" + good + BOM + b"\n")
    for args, stdin in (
        ((str(joined),), None),
        (("-",), joined.read_bytes()),
        ((str(joined), "--jobs", "2"), None),
    ):
        done = run("convert", *args, "--to", "messages", stdin=stdin)
        assert done.returncode == 1, args
        assert [r["request"]["messages"] for r in lines_of(done.stdout)] == [CHAT_REQUEST["messages"]] * 2
        assert "line 3: not JSON" in done.stderr.decode()
    document = tmp_path / "doc.json"  # one pretty-printed record
    document.write_bytes(BOM + json.dumps(CHAT_REQUEST, indent=2).encode())
    done = run("convert", str(document), "--to", "responses")
    assert done.returncode == 0 and len(lines_of(done.stdout)) == 1
    assert run("validate", str(document)).returncode == 0


def test_bytes_that_are_not_utf8_are_named_where_they_are(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    text = json.dumps(
        {**CHAT_REQUEST, "messages": [{"role": "user", "content": "caf\u00e9"}]}, ensure_ascii=False
    )
    path.write_bytes(text.encode("latin-1") + b"\n")
    offset = text.index("\u00e9")
    for command in (("convert", str(path), "--to", "chat"), ("validate", str(path))):
        err = run(*command).stderr.decode()
        assert (
            f"line 1: not JSON: not UTF-8: byte(s) e9 at offset {offset} (invalid continuation byte)" in err
        )


def test_the_summary_counts_one_record_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}))
    err = run("convert", str(path), "--to", "messages").stderr.decode()  # max_tokens is required there
    assert "1 record, " in err and "1 record with losses (1 loss), by code:" in err
    assert "max_tokens_defaulted (degraded): 1" in err


def test_an_output_that_is_the_input_is_refused_before_it_empties_it(tmp_path: Path) -> None:
    """Opening ``-o`` for writing truncated the log before a line of it was read: the user's log
    was gone, and the run said 0 records and exited 0."""
    log = tmp_path / "log.jsonl"
    data = (json.dumps(CHAT_REQUEST) + "\n").encode()
    log.write_bytes(data)
    (tmp_path / "link.jsonl").symlink_to(log)
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "one.json").write_bytes(data)
    capture = tmp_path / "capture.sse"
    capture.write_bytes(b"data: [DONE]\n\n")
    refused = {
        ("convert", str(log), "--to", "messages", "-o", str(tmp_path / "." / "log.jsonl")): "is the input",
        ("convert", str(tmp_path / "link.jsonl"), "--to", "chat", "-o", str(log)): "is the input",
        (
            "convert",
            str(log),
            "--to",
            "chat",
            "-o",
            "out.jsonl",
            "--losses",
            "out.jsonl",
        ): "is also the -o file",
        ("convert", str(folder), "--to", "chat", "-o", str(folder / "sub" / "out.json")): "input folder",
        ("transcode", str(capture), "--from", "chat", "--to", "messages", "-o", str(capture)): "is the input",
    }
    for args, why in refused.items():
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2 and why in done.stderr.decode() and done.stdout == b"", args
    assert log.read_bytes() == data and (folder / "one.json").read_bytes() == data
    assert capture.read_bytes() == b"data: [DONE]\n\n" and not (tmp_path / "out.jsonl").exists()
    beside = run("convert", str(folder), "--to", "chat", "-o", str(folder / "out.jsonl"))  # not read
    assert beside.returncode == 0 and len(lines_of((folder / "out.jsonl").read_bytes())) == 1


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps(CHAT_REQUEST)
    path.write_text(f"{good}\n{good}\nnot json\n{good}\n", encoding="utf-8")
    done = run("convert", str(path), "--to", "messages", "--fail-fast")
    assert done.returncode == 1
    assert len(lines_of(done.stdout)) == 2
    assert "line 3: not JSON" in done.stderr.decode() and "--fail-fast" in done.stderr.decode()


def test_empty_input_is_zero_records_not_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    done = run("convert", str(tmp_path / "empty.jsonl"), "--to", "chat")
    assert done.returncode == 0 and done.stdout == b""
    assert "0 records" in done.stderr.decode()
    assert run("convert", "-", "--to", "chat", stdin=b"\n\n").returncode == 0


def test_a_huge_line_converts_and_an_oversized_one_is_skipped(tmp_path: Path) -> None:
    text = "x" * (20 * 1024 * 1024)
    huge = {"model": "claude-sonnet-4-5", "max_tokens": 5, "messages": [{"role": "user", "content": text}]}
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps(huge) + "\n" + json.dumps(CHAT_REQUEST) + "\n", encoding="utf-8")
    done = run("convert", str(path), "--to", "chat")
    assert done.returncode == 0
    first = lines_of(done.stdout)[0]
    assert first["request"]["messages"][0]["content"] == text
    limited = run("convert", str(path), "--to", "messages", "--max-record-size", "1000000")
    assert limited.returncode == 1
    assert "line 1: longer than the record size limit" in limited.stderr.decode()
    assert [r["converted_from"] for r in lines_of(limited.stdout)] == ["chat"]


def test_single_json_documents_are_records(tmp_path: Path) -> None:
    one = ALL[0].path  # a pretty-printed exchange record
    done = run("convert", str(one), "--to", "messages")
    assert done.returncode == 0 and len(lines_of(done.stdout)) == 1
    array = tmp_path / "array.json"
    array.write_text(json.dumps([CHAT_REQUEST, record(ALL[1]), 5], indent=2), encoding="utf-8")
    done = run("convert", str(array), "--to", "responses")
    assert done.returncode == 1
    assert "item 3: a record must be a JSON object" in done.stderr.decode()
    assert [r["converted_from"] for r in lines_of(done.stdout)] == ["chat", ALL[1].api]


def test_strict_fails_lossy_records_and_losses_file_points_into_them(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(CHAT_REQUEST) + "\n", encoding="utf-8")
    strict = run("convert", str(path), "--to", "messages", "--strict")
    assert strict.returncode == 1 and strict.stdout == b""
    assert "line 1: strict: " in strict.stderr.decode() and "(at /seed)" in strict.stderr.decode()
    losses = tmp_path / "losses.jsonl"
    lenient = run("convert", str(path), "--to", "messages", "--losses", str(losses))
    assert lenient.returncode == 0
    assert lines_of(losses.read_bytes()) == [
        {
            "line": 1,
            "source": "chat",
            "pointer": "/seed",
            "severity": "degraded",
            "code": "unsupported_field",
            "detail": kw.convert_request(CHAT_REQUEST, source="chat", target="messages").losses[0].detail,
        }
    ]


def test_fixture_losses_point_into_their_records(log: Path, tmp_path: Path) -> None:
    losses = tmp_path / "losses.jsonl"
    assert run("convert", str(log), "--to", "chat", "--losses", str(losses)).returncode == 0
    reported = lines_of(losses.read_bytes())
    assert len(reported) > 100
    for loss in reported:
        ex = ALL[loss["line"] - 1]
        assert loss["source"] == ex.api
        if not loss["pointer"].startswith("/stream"):  # a stream's losses point into its answer
            assert pointer_resolves(record(ex), loss["pointer"]), loss


def test_aggregate_turns_streams_into_bodies(log: Path) -> None:
    done = run("convert", str(log), "--to", "messages", "--aggregate")
    assert done.returncode == 0
    for ex, converted in zip(ALL, lines_of(done.stdout), strict=True):
        if ex.stream is None:
            continue
        try:
            body = kw.aggregate_stream(ex.stream.encode(), api=ex.api)
        except kw.StreamError:  # it ended in an error: kept as a stream (docs/CLI.md)
            assert "stream" in converted and "response" not in converted
            continue
        assert "stream" not in converted
        request = converted["request"]
        assert (
            converted["response"]
            == kw.convert_response(body, source=ex.api, target="messages", request=request).body
        )


def test_validate_lists_problems_with_line_and_pointer(log: Path, tmp_path: Path) -> None:
    done = run("validate", str(log))
    assert done.returncode == 0 and "184 valid, 0 invalid" in done.stderr.decode()
    path = tmp_path / "bad.jsonl"
    bad_role = {"model": "gpt-4o", "messages": [{"role": "wizard", "content": "hi"}]}
    path.write_text(json.dumps(CHAT_REQUEST) + "\n" + json.dumps(bad_role) + "\n", encoding="utf-8")
    done = run("validate", str(path), "--api", "chat")
    assert done.returncode == 1
    assert "line 2: " in done.stderr.decode() and "(at /messages/0/role)" in done.stderr.decode()
    assert "1 valid, 1 invalid" in done.stderr.decode()
    two = run("validate", str(path), "--api", "chat", "--jobs", "2")  # blocks read by the workers
    untimed = [line for line in done.stderr.decode().splitlines() if " MB in " not in line]
    assert two.returncode == 1
    assert [line for line in two.stderr.decode().splitlines() if " MB in " not in line] == untimed


STREAMS = [ex for ex in ALL if ex.stream is not None and ex.status == 200]


@pytest.mark.parametrize("target", list(Api))
def test_transcode_a_raw_capture(target: Api, tmp_path: Path) -> None:
    ex = next(e for e in STREAMS if e.api != target.value)
    capture = tmp_path / "capture.sse"
    assert ex.stream is not None
    capture.write_bytes(ex.stream.encode())
    done = run("transcode", str(capture), "--to", target.value)  # --from detected
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b"".join(kw.transcode_stream([capture.read_bytes()], source=ex.api, target=target))
    cut = tmp_path / "cut.sse"
    cut.write_bytes(capture.read_bytes()[: len(capture.read_bytes()) // 2])
    broken = run("transcode", str(cut), "--from", ex.api, "--to", target.value)
    assert broken.returncode == 1
    assert b"error" in b"".join(broken.stdout.splitlines()[-4:])  # the client's error frame (then [DONE])
    assert "failed" in broken.stderr.decode()


def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path) -> None:
    missing = run("convert", str(tmp_path / "nope.jsonl"), "--to", "chat")
    assert missing.returncode == 2 and b"cannot read" in missing.stderr
    assert run("convert", "x", "--to", "gemini").returncode == 2
    for done in (missing,):
        assert b"Traceback" not in done.stderr


def test_python_dash_m_runs_the_same_command(log: Path) -> None:
    module = [sys.executable, "-m", "kindo_wire", "convert", str(log), "--to", "responses"]
    done = subprocess.run(module, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0 and done.stdout == run("convert", str(log), "--to", "responses").stdout


def test_progress_bar_only_on_a_terminal(log: Path, tmp_path: Path) -> None:
    plain = run("convert", str(log), "--to", "chat", "-o", str(tmp_path / "a.jsonl"))
    assert b"\r" not in plain.stderr  # not a terminal: the summary alone
    main, side = pty.openpty()
    big = tmp_path / "big.jsonl"
    big.write_bytes(log.read_bytes() * 15)
    with subprocess.Popen(
        [SCRIPT, "convert", str(big), "--to", "chat", "-o", str(tmp_path / "b.jsonl")], stderr=side
    ) as proc:
        os.close(side)
        seen = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(timeout=300) == 0
    os.close(main)
    assert b"records" in seen and b"MB/s" in seen and b"ETA" in seen and b"\r\x1b[K" in seen
    assert b"2,760 converted, 0 failed" in seen
