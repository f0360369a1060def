"""JSON in and out of conversions: orjson when installed, pydantic-core otherwise, same bytes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kindo_wire import RequestError
from kindo_wire._fastjson import dumps, load_object

SAMPLE = {"a": "h\u00e9llo \u2603", "n": [1, 2.5, None, True], "nested": {"k": "v"}}


def test_dumps_is_compact_utf8() -> None:
    assert dumps(SAMPLE) == '{"a":"h\u00e9llo \u2603","n":[1,2.5,null,true],"nested":{"k":"v"}}'.encode()


@pytest.mark.parametrize("raw", [b'{"x": 1}', '{"x": 1}', bytearray(b'{"x": 1}'), memoryview(b'{"x": 1}')])
def test_load_object_accepts_raw_json(raw: object) -> None:
    assert load_object(raw, "body") == {"x": 1}  # type: ignore[arg-type]


def test_load_object_passes_dicts_through_untouched() -> None:
    body = {"x": [1]}
    assert load_object(body, "body") is body


@pytest.mark.parametrize("raw", [b"[1]", b'"s"', b"{", b"\xff", b"NaN", b""])
def test_load_object_refuses_what_is_not_a_json_object(raw: bytes) -> None:
    with pytest.raises(RequestError) as info:
        load_object(raw, "request body")
    assert info.value.status == 400
    assert "request body" in info.value.message


def test_load_object_type_errors_are_caller_bugs() -> None:
    with pytest.raises(TypeError):
        load_object(42, "body")  # type: ignore[arg-type]


def test_without_orjson_the_bytes_are_the_same() -> None:
    """The pydantic-core fallback (no ``fast`` extra) writes exactly what orjson writes."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["orjson"] = None  # make "import orjson" fail
        from kindo_wire import _fastjson
        from kindo_wire._fastjson import dumps, load_object
        assert not hasattr(_fastjson, "orjson")  # the fallback really is in use
        sys.stdout.buffer.write(dumps(load_object({dumps(SAMPLE)!r}, "body")))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True).stdout
    assert out == dumps(SAMPLE)
