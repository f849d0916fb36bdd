"""Issue 15 (part A): the language server answers every request and survives broken framing.

The real server (`gailint lsp`, a subprocess) is driven over stdio with raw bytes, so that
what an editor with a bug — or a corrupted pipe — really sends is what the server gets:
requests with parameters of the wrong type or out of range, bodies that are not JSON or
not objects, headers without a Content-Length, with ``Content-Length: abc``, or with a
length past the body. Each request must get a reply (a result or a JSON-RPC error)
within 8 s, and the server must go on answering the well-formed requests that follow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import SEEDS

SERVER = [sys.executable, "-m", "gailint.cli", "lsp"]
WAIT = 8.0


def frame(message: dict | bytes, length: int | str | None = None) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message, ensure_ascii=False).encode()
    return f"Content-Length: {len(body) if length is None else length}\r\n\r\n".encode() + body


class Server:
    """`gailint lsp` with a reader thread collecting every message it sends."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=cwd, env={**os.environ, "NO_COLOR": "1"})
        self.received: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b"\n"):
                    break
            self.received.append(json.loads(stream.read(length)))

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def reply(self, msg_id: object, timeout: float = WAIT) -> dict:
        """The reply to request `msg_id` (None: the next error reply with a null id)."""
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for message in self.received[seen:]:
                if "method" not in message and message.get("id") == msg_id:
                    self.received.remove(message)
                    return message
            time.sleep(0.01)
        raise AssertionError(f"no reply to {msg_id!r} within {timeout} s; received {self.received}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("lsp-protocol")
    (work / "r.txt").write_text(SEEDS["000"].read_text(encoding="utf-8"), encoding="utf-8")
    server = Server(work)
    server.send(frame({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                       "params": {"capabilities": {}, "rootUri": work.as_uri(), "processId": None}}))
    assert "capabilities" in server.reply(0, 30)["result"]
    server.send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    server.uri = (work / "r.txt").as_uri()
    server.send(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": server.uri, "languageId": "plaintext", "version": 1, "text": (work / "r.txt").read_text("utf-8")}}}))
    yield server
    server.close()


def hover(server: Server, msg_id: int, line: int = 79, character: int = 10) -> dict:
    server.send(frame({"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": server.uri}, "position": {"line": line, "character": character}}}))
    return server.reply(msg_id)


def assert_alive(server: Server, msg_id: int) -> None:
    """A well-formed hover on seed 000's broken total row is answered with its GAI003 hover."""
    result = hover(server, msg_id)["result"]
    assert "GAI003" in result["contents"]["value"]


@pytest.mark.parametrize(("params", "name"), [
    ({"textDocument": {"uri": 5}, "position": {"line": "x", "character": None}}, "hover-wrong-types"),
    ({"textDocument": {"uri": "file:///r.txt"}, "position": {"line": -3, "character": 0}}, "hover-line-minus-3"),
    ({"position": {"line": 0, "character": 0}}, "hover-missing-document"),
])
def test_a_hover_with_invalid_params_gets_an_invalid_params_error(server, params, name):
    msg_id = f"bad-{name}"
    server.send(frame({"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": params}))
    reply = server.reply(msg_id)
    assert reply["error"]["code"] == -32602 and "textDocument/hover" in reply["error"]["message"]
    assert_alive(server, 100 + len(name))


def test_a_code_action_with_a_negative_range_gets_an_error(server):
    server.send(frame({"jsonrpc": "2.0", "id": 7, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": server.uri}, "context": {"diagnostics": []},
        "range": {"start": {"line": -1, "character": -5}, "end": {"line": 0, "character": 0}}}}))
    assert server.reply(7)["error"]["code"] == -32602
    assert_alive(server, 8)


def test_a_reversed_code_action_range_is_answered(server):
    server.send(frame({"jsonrpc": "2.0", "id": 9, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": server.uri}, "context": {"diagnostics": []},
        "range": {"start": {"line": 79, "character": 20}, "end": {"line": 79, "character": 0}}}}))
    titles = [action["title"] for action in server.reply(9)["result"]]
    assert any("GAI003" in title for title in titles)


@pytest.mark.parametrize(("body", "code"), [
    (b"{not json", -32700),
    (b"\xff\xfe\x00", -32700),
    (b"[1, 2]", -32600),
    (b"42", -32600),
    (b'"hover"', -32600),
    (b'{"jsonrpc": "1.0", "method": "x"}', -32600),
])
def test_invalid_json_or_a_non_object_gets_an_error_reply(server, body, code):
    server.send(frame(body))
    reply = server.reply(None)
    assert reply["error"]["code"] == code and reply["id"] is None
    assert_alive(server, 20 + abs(hash(body)) % 1000)


@pytest.mark.parametrize(("broken", "name"), [
    (b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "no-content-length"),
    (b"Content-Length: abc\r\n\r\n{\"jsonrpc\": \"2.0\"}", "length-abc"),
    (frame({"jsonrpc": "2.0", "method": "$/ping"}, 500), "length-past-the-body"),
    (frame(b'{"jsonrpc": "2.0", "id": "cut", "method": "shutdown"}', 12), "length-short-of-the-body"),
    (b"garbage without any header\r\n\r\n", "garbage"),
])
def test_broken_headers_do_not_make_the_server_deaf(server, broken, name):
    server.send(broken)
    assert_alive(server, 2000 + len(name))  # the very next request is answered
    assert_alive(server, 3000 + len(name))
