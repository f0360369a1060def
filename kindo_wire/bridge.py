"""``Bridge``: a proxy's view of one client API in front of one upstream API.

A gateway makes a fresh ``Bridge`` per HTTP request and keeps nothing between requests: what the
next turn needs (a tool name shortened for the upstream, reasoning state from another vendor)
travels inside the bodies the client sees and sends back, so the next request's ``Bridge``
restores it (``mapping/tool_names.py``, ``mapping/reasoning_stash.py``).

    bridge = kw.Bridge(client="messages", upstream="responses")
    upstream_body = bridge.request(client_body).body
    ...  # send it, receive the upstream's reply
    client_body = bridge.response(upstream_reply).body      # or bridge.error(reply, status)

    transcoder = bridge.stream()                             # a streamed reply instead
    for chunk in upstream_bytes: send(transcoder.feed(chunk))
    send(transcoder.close())
"""

from __future__ import annotations

from typing import Any

from ._fastjson import load_object
from .api import Api, as_api
from .convert import (
    Body,
    PreviousResponseLookup,
    ask_chat_for_usage,
    convert_error,
    convert_request,
    convert_response,
)
from .converted import Converted, ConvertedError
from .stream_transcoder import StreamTranscoder


class Bridge:
    """Converts one exchange: the client's request up, the upstream's response or error back down.

    ``strict`` makes lossy conversions raise ``LossError``; ``previous_response`` resolves a
    Responses client's ``previous_response_id`` for a stateless upstream (see ``convert_request``).
    """

    def __init__(
        self,
        client: Api | str,
        upstream: Api | str,
        *,
        strict: bool = False,
        previous_response: PreviousResponseLookup | None = None,
    ) -> None:
        self.client = as_api(client)
        self.upstream = as_api(upstream)
        self.strict = strict
        self._previous_response = previous_response
        self._client_request: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"Bridge(client={self.client.value!r}, upstream={self.upstream.value!r})"

    @property
    def client_request(self) -> dict[str, Any] | None:
        """The client's request as ``request()`` received it (None before that)."""
        return self._client_request

    def request(self, client_body: Body) -> Converted:
        """The client's request as the upstream's; remembered so the reply can honour it."""
        data = load_object(client_body, "request body")
        converted = convert_request(
            data,
            source=self.client,
            target=self.upstream,
            strict=self.strict,
            previous_response=self._previous_response,
        )
        self._client_request = data
        body = ask_chat_for_usage(converted.body, self.client, self.upstream)
        if body is not converted.body:
            converted = Converted(body, converted.losses)
        return converted

    def response(self, upstream_body: Body) -> Converted:
        """The upstream's response as the client's: tool names restored, model echoed, and (for
        a Responses client) the request echoed as the real API does."""
        return convert_response(
            upstream_body,
            source=self.upstream,
            target=self.client,
            request=self._client_request,
            strict=self.strict,
        )

    def stream(self) -> StreamTranscoder:
        """A transcoder for the upstream's SSE reply: the client's API out, honouring the request
        ``request()`` saw (model id echoed, tool names restored, Chat ``include_usage``)."""
        return StreamTranscoder(
            source=self.upstream, target=self.client, request=self._client_request, strict=self.strict
        )

    def error(self, upstream_body: Body, status: int) -> ConvertedError:
        """The upstream's error body (sent with HTTP ``status``) as the client's envelope and status."""
        return convert_error(upstream_body, source=self.upstream, target=self.client, status=status)
