"""The language server's stdio transport: LSP framing that survives a broken client.

pygls's own reader trusts the framing: a body that is not JSON, or parameters that do
not match the method's types, are logged and dropped without a reply (the editor waits
forever), and a header without a usable ``Content-Length``, or one that announces more
bytes than the body has, leaves it waiting for bytes that belong to the next messages.
This module replaces that loop:

* `Framer` splits the byte stream into bodies. It looks for the next
  ``Content-Length: N`` header wherever it is (garbage before it is skipped), drops a
  header block whose length is missing or not a number, and cuts a body short where a
  new header begins inside it — a raw ``Content-Length: N`` line cannot occur inside a
  JSON body (JSON strings hold no raw line breaks), so this never cuts a valid one.
* `dispatch` answers every request: invalid JSON gets ``-32700 Parse error``, a message
  that is not a JSON-RPC object ``-32600 Invalid Request``, parameters that do not
  match the method ``-32602 Invalid params`` (with the request's id); the rest goes to
  pygls, whose handlers answer a result or an error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from collections.abc import Iterator
from typing import BinaryIO

from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.protocol import JsonRPCProtocol

from .._lazy_re import lazy_compile

__all__ = ["Framer", "dispatch", "serve_stdio"]

log = logging.getLogger(__name__)

_HEADER = lazy_compile(rb"content-length[ \t]*:[ \t]*([^\r\n]*)\r?\n", re.IGNORECASE)
_END_OF_HEADERS = lazy_compile(rb"\r?\n\r?\n")
_KEEP = 64  # bytes kept from garbage without a header: the start of one may be cut in two


class Framer:
    """Bytes in (`feed`), message bodies out (`bodies`), resynchronising on bad framing."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def bodies(self) -> Iterator[bytes]:
        """The complete bodies now in the buffer, in order."""
        while True:
            body = self._next()
            if body is None:
                return
            yield body

    def _next(self) -> bytes | None:
        buffer = self.buffer
        header = _HEADER.search(buffer)
        if header is None:
            if len(buffer) > _KEEP:
                log.warning("lsp: %d bytes without a Content-Length header skipped", len(buffer) - _KEEP)
                del buffer[:-_KEEP]
            return None
        if header.start():
            log.warning("lsp: %d bytes before a Content-Length header skipped", header.start())
            del buffer[:header.start()]
            return self._next()
        end = _END_OF_HEADERS.search(buffer, header.end() - 2)
        if end is None:
            return None  # the rest of the headers has not arrived
        value = header.group(1).strip()
        if not value.isdigit():
            log.warning("lsp: header block with Content-Length %r skipped", bytes(value))
            del buffer[:end.end()]
            return self._next()
        start, length = end.end(), int(value)
        following = _HEADER.search(buffer, start, start + length)
        if following is not None:  # the length overruns the body: a new message starts inside it
            log.warning("lsp: Content-Length %d runs into the next message; body cut to %d bytes",
                        length, following.start() - start)
            body = bytes(buffer[start:following.start()])
            del buffer[:following.start()]
            return body
        if len(buffer) - start < length:
            return None
        body = bytes(buffer[start:start + length])
        del buffer[:start + length]
        return body


def _error(protocol: JsonRPCProtocol, msg_id: object, code: int, message: str) -> None:
    protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})


def dispatch(protocol: JsonRPCProtocol, body: bytes) -> None:
    """Handle one message body; every request gets a reply (a result or a JSON-RPC error)."""
    try:
        data = json.loads(body)
    except ValueError as error:
        _error(protocol, None, -32700, f"Parse error: {error}")
        return
    if not isinstance(data, dict):
        _error(protocol, None, -32600, f"Invalid Request: a message must be a JSON object, not "
                                       f"{type(data).__name__}")
        return
    msg_id = data.get("id")
    if not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool):
        msg_id = None
    method = data.get("method")
    if data.get("jsonrpc") != "2.0" or ("id" in data and msg_id is None) or (
            "method" in data and not isinstance(method, str)) or not ("method" in data or "id" in data):
        _error(protocol, msg_id, -32600, "Invalid Request: not a JSON-RPC 2.0 request, notification or response")
        return
    try:
        message = protocol.structure_message(data)
    except JsonRpcException as error:
        if msg_id is not None and method is not None:
            _error(protocol, msg_id, -32602, f"Invalid params for {method}: {error.__cause__ or error}")
        else:
            log.warning("lsp: %s %s with invalid params ignored", "response" if method is None else "notification",
                        method or msg_id)
        return
    try:
        protocol.handle_message(message)
    except Exception as error:  # noqa: BLE001 - a broken message must not stop the server
        log.exception("lsp: message %s failed", method)
        if msg_id is not None and method is not None:
            _error(protocol, msg_id, -32603, f"Internal error: {type(error).__name__}: {error}")


async def _run(server, stdin: BinaryIO, stop: threading.Event) -> None:
    loop = asyncio.get_running_loop()
    framer = Framer()
    read = getattr(stdin, "read1", stdin.read)
    while not stop.is_set():
        data = await loop.run_in_executor(server.thread_pool, read, 65536)
        if not data:
            break
        framer.feed(data)
        for body in framer.bodies():
            dispatch(server.protocol, body)


def serve_stdio(server, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """pygls's ``start_io`` with this module's framing and dispatch."""
    server._stop_event = stop = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    try:
        asyncio.run(_run(server, stdin or sys.stdin.buffer, stop))
    except BrokenPipeError:
        log.error("lsp: the connection to the client is lost; shutting down")
    except (KeyboardInterrupt, SystemExit):
        pass
