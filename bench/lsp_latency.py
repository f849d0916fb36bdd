"""Language-server latency: the time from `didChange` to `publishDiagnostics` for a seed.

Starts `gailint lsp` as an editor would (a subprocess on stdio), opens a seed, then
sends N changes that alternately break and restore a table-2 row total, each time
waiting for the diagnostics of that version. The figure includes the per-document
debounce (`gailint.lsp.server.DEBOUNCE_SECONDS`); the check alone (Runner.check_text
in this process) is printed for comparison.

Usage: python bench/lsp_latency.py [--seed 004] [--count 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from gailint.engine import Linter
from gailint.lsp.server import DEBOUNCE_SECONDS
from gailint.runner import Runner

ROOT = Path(__file__).resolve().parents[1]


def variants(text: str) -> tuple[str, str]:
    """The seed as published, and with its first table-2 row total off by one."""
    for line in text.splitlines():
        if "本年新收" in line and line.rstrip(" |\t").split()[-1].isdigit():
            total = line.rstrip(" |\t").split()[-1]
            cut = line.rindex(total)
            return text, text.replace(line, line[:cut] + str(int(total) + 1) + line[cut + len(total):], 1)
    raise SystemExit("the seed has no readable 一、本年新收 row")


async def measure(path: Path, count: int) -> list[float]:
    client = LanguageClient("lsp-latency", "1")
    published: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        future = published.get(params.version)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    await client.start_io(sys.executable, "-m", "gailint.cli", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = path.resolve().as_uri()
    texts = variants(path.read_text(encoding="utf-8"))
    loop = asyncio.get_running_loop()
    published[1] = loop.create_future()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=texts[0])))
    await asyncio.wait_for(published[1], 30)
    latencies = []
    for version in range(2, count + 2):
        published[version] = loop.create_future()
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=texts[version % 2])]))
        latencies.append(await asyncio.wait_for(published[version], 30) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def check_alone(path: Path, count: int) -> list[float]:
    runner = Runner(Linter(ignore=("GAI006",)))
    texts = variants(path.read_text(encoding="utf-8"))
    times = []
    for i in range(count):
        start = time.perf_counter()
        runner.check_text(str(path), texts[i % 2])
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="004", help="the seed number in examples/ (default 004)")
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    [path] = sorted((ROOT / "examples").glob(f"{args.seed}_*.txt"))
    latencies = asyncio.run(measure(path, args.count))
    alone = check_alone(path, args.count)
    ms = [1000 * t for t in latencies]
    print(f"seed {path.name}: {len(path.read_text(encoding='utf-8'))} characters, "
          f"{path.read_text(encoding='utf-8').count(chr(10)) + 1} lines")
    print(f"didChange → publishDiagnostics, {args.count} changes: median {statistics.median(ms):.1f} ms "
          f"(min {min(ms):.1f}, max {max(ms):.1f}); includes the {1000 * DEBOUNCE_SECONDS:.0f} ms debounce")
    print(f"the check alone (Runner.check_text): median {1000 * statistics.median(alone):.1f} ms")


if __name__ == "__main__":
    main()
