"""The one error tree of kindo_wire, split by who is at fault.

``WireError``
    Base of everything kindo_wire raises on bad data. A caller that catches it catches all of them.
``RequestError(WireError)``
    The client's request is bad: a gateway answers it with ``.status`` and ``.to_body(api)``, the
    client API's own error envelope, and forwards nothing.
``UpstreamError(WireError)``
    An upstream response body that is not a valid response of its API: reported as 502.
``StreamError(WireError)``
    A stream is malformed (bad SSE framing, an oversized event): the fault lies with whoever
    produced the bytes, usually the upstream, so a gateway reports 502 to its client.

Programming errors (an unknown ``api=`` value, an event that cannot be encoded) are plain
``ValueError``/``TypeError``: they are bugs in the calling code, not bad data.
"""

from __future__ import annotations

import re
from typing import Any

from .api import Api, as_api

# Anthropic's error type per HTTP status, for errors kindo_wire itself raises.
# https://docs.anthropic.com/en/api/errors (WIRE.md §4.2)
ANTHROPIC_ERROR_TYPES: dict[int, str] = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    409: "conflict_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    502: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


class WireError(Exception):
    """Base of every error kindo_wire raises because of the data it was given."""

    status: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RequestError(WireError):
    """A client request that a gateway must refuse before forwarding it.

    ``pointer`` is the RFC 6901 JSON Pointer of the first offending field ("" for the whole body);
    ``code`` is OpenAI's machine code for the problem (``invalid_type``, ``missing_required_parameter``...).
    """

    def __init__(
        self,
        message: str,
        *,
        pointer: str = "",
        status: int = 400,
        code: str | None = "invalid_value",
    ) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.status = status
        self.code = code

    def __str__(self) -> str:
        return f"{self.message} (at {self.pointer or 'the body'})"

    def __repr__(self) -> str:
        return f"RequestError({self.message!r}, pointer={self.pointer!r}, status={self.status})"

    def to_body(self, api: Api | str) -> dict[str, Any]:
        """This error as ``api``'s own HTTP error envelope (WIRE.md §4.1, §4.2)."""
        if as_api(api) is Api.MESSAGES:
            where = anthropic_path(self.pointer)
            message = f"{where}: {self.message}" if where else self.message
            error_type = ANTHROPIC_ERROR_TYPES.get(self.status, "invalid_request_error")
            return {"type": "error", "error": {"type": error_type, "message": message}}
        param = openai_param(self.pointer)
        if param and self.code == "missing_required_parameter":
            message = f"Missing required parameter: '{param}'."  # OpenAI's own wording
        elif param:
            message = f"Invalid '{param}': {self.message}"
        else:
            message = self.message
        return {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": param,
                "code": self.code,
            }
        }


class UpstreamError(WireError):
    """An upstream response body that cannot be read as its API's response: the upstream is at fault,
    so a gateway reports 502 to its client. ``pointer`` names the offending field."""

    status = 502

    def __init__(self, message: str, *, pointer: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer

    def __str__(self) -> str:
        return f"{self.message} (at {self.pointer or 'the body'})"


class StreamError(WireError):
    """A malformed stream: bad SSE framing or an event over the configured size limit."""

    status = 502


def pointer_tokens(pointer: str) -> list[str]:
    """The reference tokens of an RFC 6901 pointer, unescaped."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def pointer_token(key: str | int) -> str:
    """One RFC 6901 reference token: "~" and "/" escaped."""
    return str(key).replace("~", "~0").replace("/", "~1")


def make_pointer(path: tuple[str | int, ...] | list[str | int]) -> str:
    """An RFC 6901 pointer from path segments."""
    return "".join("/" + pointer_token(p) for p in path)


_INDEX = re.compile(r"^(0|[1-9][0-9]*)$")


def openai_param(pointer: str) -> str | None:
    """OpenAI's ``param`` spelling of a pointer.

    ``/messages/1/content/0/type`` -> ``messages[1].content[0].type``.
    """
    out = ""
    for token in pointer_tokens(pointer):
        out += f"[{token}]" if _INDEX.match(token) else (f".{token}" if out else token)
    return out or None


def anthropic_path(pointer: str) -> str:
    """Anthropic's spelling of a pointer: ``/messages/0/content/1`` -> ``messages.0.content.1``."""
    return ".".join(pointer_tokens(pointer))
