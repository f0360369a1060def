"""Logged records (JSON Lines of bodies or exchange records) converted and validated one at a
time, with no I/O: the core that the ``kindo-wire`` command and ``kindo_wire.dask`` share."""

from .convert import Options, Outcome, convert_line, convert_record, loss_fields
from .detect import Kind, UndetectedError, detect_api, detect_kind, stream_api
from .validate import Checked, Problem, validate_line, validate_record

__all__ = [
    "Checked",
    "Kind",
    "Options",
    "Outcome",
    "Problem",
    "UndetectedError",
    "convert_line",
    "convert_record",
    "detect_api",
    "detect_kind",
    "loss_fields",
    "stream_api",
    "validate_line",
    "validate_record",
]
