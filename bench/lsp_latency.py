"""Language-server latency: the time from `didChange` to `publishDiagnostics`, next to the targets.

Starts `gailint lsp` as an editor does (a subprocess on stdio) and opens a report, then

* **typing**: inserts characters one at a time into a paragraph, one `didChange` every
  `--interval` ms (default 80: a fast typist), with a table-2 row total broken and
  restored along the way. A keystroke's latency is the time until the server
  publishes the diagnostics of that version or a later one — what the user waits
  for. Targets: median ≤ 30 ms, p95 ≤ 60 ms.
* **single edits**: one change, then wait for its diagnostics, `--count` times.

and checks the rule the server keeps while typing: the published versions only ever
increase and the newest is published. (A result is dropped when its version is no longer
current once the check ends; a publication can still cross a newer change in the pipe,
which the count "in flight" shows.)

The check alone (`Runner.check_text` in this process) is printed for comparison.

Usage: python bench/lsp_latency.py [--seed 001] [--count 20] [--keys 60] [--interval 80]
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
from gailint.runner import Runner

ROOT = Path(__file__).resolve().parents[1]
TARGET_MEDIAN_MS, TARGET_P95_MS = 30.0, 60.0


def variants(text: str) -> tuple[str, str]:
    """The report as published, and with its first table-2 row total off by one."""
    for line in text.splitlines():
        if "本年新收" in line and line.rstrip(" |\t").split()[-1].isdigit():
            total = line.rstrip(" |\t").split()[-1]
            cut = line.rindex(total)
            return text, text.replace(line, line[:cut] + str(int(total) + 1) + line[cut + len(total):], 1)
    raise SystemExit("the report has no readable 一、本年新收 row")


def keystrokes(text: str, keys: int) -> list[str]:
    """The document after each of `keys` keystrokes: characters typed at the end of the first
    paragraph of section 一; every 10th keystroke also breaks (then restores) a row total."""
    good, bad = variants(text)
    words = "本机关认真贯彻落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开。"
    anchor = good.index("\n", good.index("一、")) + 1
    anchor = good.index("\n", anchor)
    states = []
    for n in range(1, keys + 1):
        typed = (words * (keys // len(words) + 1))[:n]
        base = bad if (n // 10) % 2 else good
        states.append(base[:anchor] + typed + base[anchor:])
    return states


class Client:
    def __init__(self) -> None:
        self.lsp = LanguageClient("lsp-latency", "1")
        self.published: list[tuple[int, float]] = []   # (version, time received)
        self.waiting: dict[int, asyncio.Future] = {}

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(params: types.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.published.append((params.version, now))
            for version, future in list(self.waiting.items()):
                if version <= params.version and not future.done():
                    future.set_result(now)

    async def start(self, uri: str, text: str) -> None:
        await self.lsp.start_io(sys.executable, "-m", "gailint.cli", "lsp")
        await self.lsp.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        self.lsp.initialized(types.InitializedParams())
        self.uri = uri
        opened = self.expect(1)
        self.lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="plaintext", version=1, text=text)))
        await asyncio.wait_for(opened, 30)

    def expect(self, version: int) -> asyncio.Future:
        self.waiting[version] = future = asyncio.get_running_loop().create_future()
        return future

    def change(self, version: int, text: str) -> float:
        sent = time.perf_counter()
        self.lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return sent

    async def stop(self) -> None:
        await self.lsp.shutdown_async(None)
        self.lsp.exit(None)
        await self.lsp.stop()


async def measure(path: Path, count: int, keys: int, interval: float) -> tuple[list[float], list[float], dict]:
    client = Client()
    text = path.read_text(encoding="utf-8")
    await client.start(path.resolve().as_uri(), text)
    single = []
    texts = variants(text)
    version = 1
    for _ in range(count):
        version += 1
        future = client.expect(version)
        sent = client.change(version, texts[version % 2])
        single.append(await asyncio.wait_for(future, 30) - sent)
    first_typed = version + 1
    sent_at: dict[int, float] = {}
    futures = {}
    for state in keystrokes(text, keys):
        version += 1
        futures[version] = client.expect(version)
        sent_at[version] = client.change(version, state)
        await asyncio.sleep(interval / 1000)
    await asyncio.wait_for(futures[version], 30)
    typing = [futures[v].result() - sent_at[v] for v in sent_at]
    published = [(v, t) for v, t in client.published if v >= first_typed]
    versions = [v for v, _ in published]
    # a publication is stale if, when it arrived, a newer version had been sent long enough
    # ago for the server to have received it (1 ms: stdio between two local processes)
    stale = sum(1 for v, t in published if any(v < w and s < t - 0.001 for w, s in sent_at.items()))
    await client.stop()
    return single, typing, {"versions": len(sent_at), "published": len(published),
                            "increasing": versions == sorted(set(versions)), "stale": stale,
                            "last": versions[-1] == version}


def check_alone(path: Path, count: int) -> list[float]:
    runner = Runner(Linter(ignore=("GAI006",)))
    texts = variants(path.read_text(encoding="utf-8"))
    times = []
    for i in range(count):
        start = time.perf_counter()
        runner.check_text(str(path), texts[i % 2])
        times.append(time.perf_counter() - start)
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="001", help="the seed number in examples/ (default 001, the largest)")
    parser.add_argument("--file", type=Path, help="a report to use instead of a seed")
    parser.add_argument("--count", type=int, default=20, help="single edits (default 20)")
    parser.add_argument("--keys", type=int, default=60, help="keystrokes typed (default 60)")
    parser.add_argument("--interval", type=float, default=80, help="ms between keystrokes (default 80)")
    args = parser.parse_args()
    path = args.file or sorted((ROOT / "examples").glob(f"{args.seed}_*.txt"))[0]
    single, typing, order = asyncio.run(measure(path, args.count, args.keys, args.interval))
    alone = check_alone(path, args.count)
    text = path.read_text(encoding="utf-8")
    typed_ms, single_ms = [1000 * t for t in typing], [1000 * t for t in single]
    median, p95 = statistics.median(typed_ms), _p95(typed_ms)
    print(f"{path.name}: {len(text.encode('utf-8')):,} bytes, {len(text):,} characters, {text.count(chr(10)) + 1} lines")
    print(f"typing ({len(typing)} keystrokes, one per {args.interval:.0f} ms), didChange → publishDiagnostics:")
    print(f"  median {median:6.1f} ms   target ≤ {TARGET_MEDIAN_MS:.0f} ms   {'met' if median <= TARGET_MEDIAN_MS else 'NOT met'}")
    print(f"  p95    {p95:6.1f} ms   target ≤ {TARGET_P95_MS:.0f} ms   {'met' if p95 <= TARGET_P95_MS else 'NOT met'}")
    print(f"  (min {min(typed_ms):.1f}, max {max(typed_ms):.1f}); {order['published']} of {order['versions']} versions "
          f"published, versions increasing: {order['increasing']}, newest published: {order['last']}, "
          f"published while a newer version was in flight to the server: {order['stale']}")
    print(f"single edits ({args.count}): median {statistics.median(single_ms):.1f} ms "
          f"(min {min(single_ms):.1f}, max {max(single_ms):.1f})")
    print(f"the check alone (Runner.check_text): median {1000 * statistics.median(alone):.1f} ms "
          f"(min {1000 * min(alone):.1f})")


if __name__ == "__main__":
    main()
