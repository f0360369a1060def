"""The fast path: plain bodies converted wire to wire, without building the IR.

Most traffic is plain: text, images, function tools, tool calls and results, the common knobs. For
such a body the general path (``convert.py``: decode to the IR with every extra and form hint, then
encode) spends most of its time on machinery the body does not need. Here a reader per source API
checks that a body is plain while reading it into tagged tuples (``model``, ``answer``), and a
writer per target API writes what the codec would write for it, with the same losses, reusing the
codecs' tables and helpers. Anything a reader does not know - an unknown key, a ``null``, an
unusual type, reasoning, a tool name the target would rewrite - returns None, and the general path
converts the body.

tests/test_fast_path.py is the contract: for every recorded exchange, every benchmark payload and
generated and mutated bodies, the fast path's bytes and losses equal the general path's wherever it
accepts a body, and it declines every body the general path refuses. A codec change that the fast
path does not follow fails there.

Modules: ``read_*`` / ``write_*`` (requests, one per API), ``answer_*`` (responses: reader and
writer per API), ``request_path`` / ``response_path`` (the entry points), ``common``.
"""

from .request_path import fast_request
from .response_path import fast_response

__all__ = ["fast_request", "fast_response"]
