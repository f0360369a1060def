"""kindo_wire: translate between the LLM API wire formats a gateway speaks.

OpenAI Chat Completions (``chat``), Anthropic Messages (``messages``) and OpenAI Responses
(``responses``). A pure library: bytes and dicts in, bytes and dicts out, no I/O.
"""

from . import chat, forwarding, headers, messages, models, responses, sse
from .api import Api
from .bridge import Bridge
from .convert import convert_error, convert_request, convert_response
from .converted import Converted, ConvertedError
from .errors import RequestError, StreamError, UpstreamError, WireError
from .loss import Loss, LossError, Severity
from .stream_aggregate import aggregate_stream
from .stream_replay import stream_response
from .stream_transcoder import StreamTranscoder, atranscode_stream, transcode_stream
from .validation import GOVERNANCE_FIELDS, strip_fields, validate_request

__all__ = [
    "GOVERNANCE_FIELDS",
    "Api",
    "Bridge",
    "Converted",
    "ConvertedError",
    "Loss",
    "LossError",
    "RequestError",
    "Severity",
    "StreamError",
    "StreamTranscoder",
    "UpstreamError",
    "WireError",
    "aggregate_stream",
    "atranscode_stream",
    "chat",
    "convert_error",
    "convert_request",
    "convert_response",
    "forwarding",
    "headers",
    "messages",
    "models",
    "responses",
    "sse",
    "stream_response",
    "strip_fields",
    "transcode_stream",
    "validate_request",
]
