"""The schemas load on first use: converting never builds pydantic's models, and every public
name of ``kindo_wire.chat``, ``.messages`` and ``.responses`` is still there (kindo_wire/_lazy.py)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap

import pytest

PACKAGES = ("kindo_wire.chat", "kindo_wire.messages", "kindo_wire.responses")
SCHEMA_MODULES = ("kindo_wire._schemas", "kindo_wire.chat.schema", "kindo_wire.messages.public",
                  "kindo_wire.responses.public", "kindo_wire._wire", "pydantic")  # fmt: skip


def run(code: str) -> list[str]:
    """The schema modules loaded after ``code`` runs in a fresh interpreter."""
    report = f"print(json.dumps([m for m in {SCHEMA_MODULES!r} if m in sys.modules]))"
    probe = f"import sys, json\n{textwrap.dedent(code)}\n{report}"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_converting_and_transcoding_load_no_schema() -> None:
    loaded = run(
        """
        import kindo_wire as kw
        from kindo_wire.cli import main
        from kindo_wire.records import Options, convert_line
        from kindo_wire.api import Api
        body = {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
        kw.convert_request(body, source="messages", target="responses")
        convert_line(json.dumps({"request": body}), Options(target=Api.CHAT))
        raw = kw.stream_response({"id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "x"},
            "finish_reason": "stop"}]}, api="chat")
        kw.StreamTranscoder(source="chat", target="messages").feed(raw)
        """
    )
    assert loaded == []


def test_validating_loads_the_schemas_it_needs() -> None:
    loaded = run(
        """
        import kindo_wire as kw
        kw.validate_request({"model": "m", "messages": [{"role": "user", "content": "hi"}]}, api="chat")
        """
    )
    assert "kindo_wire._schemas" in loaded and "pydantic" in loaded


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    names = module.__all__
    assert len(names) > 50
    for name in names:
        assert getattr(module, name) is not None, name
    assert set(names) <= set(dir(module))
    star: dict[str, object] = {}
    exec(f"from {package} import *", star)
    assert set(names) <= set(star)


@pytest.mark.parametrize("package", PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package: str) -> None:
    module = importlib.import_module(package)
    with pytest.raises(AttributeError, match="NoSuchModel"):
        module.NoSuchModel  # noqa: B018
    with pytest.raises(AttributeError, match="no_such_module"):
        module.no_such_module  # noqa: B018
    assert not hasattr(module, "__no_dunder__")


def test_a_submodule_import_does_not_load_the_schema() -> None:
    assert run("from kindo_wire.responses import codec_items") == []
