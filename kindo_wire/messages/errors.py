"""Anthropic error envelope: HTTP error bodies and the ``error`` stream event."""

from __future__ import annotations

from typing import Literal

from kindo_wire._wire import WireModel


# [AN:shared/error_details.py] ``error_code`` is a stable machine code (``tool_name_conflict``, ...)
class ErrorDetails(WireModel):
    """Optional structured details of an error."""

    error_code: str | None = None


# [AN:shared/error_object.py] ``type`` is open: the docs list ``request_too_large``, the SDK does not
class ErrorObject(WireModel):
    """The error itself: ``type`` (``invalid_request_error``, ``overloaded_error``, ...) and a message."""

    type: str
    message: str
    details: ErrorDetails | None = None


# [AN:shared/error_response.py]
class ErrorResponse(WireModel):
    """``{"type": "error", "error": {...}, "request_id": ...}``; also the ``error`` stream event."""

    type: Literal["error"]
    error: ErrorObject
    request_id: str | None = None
