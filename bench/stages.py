"""Where one report's check time goes: the pipeline stage by stage, in this process.

Over the seeds in examples/ and ../shared/domain/corpus (when present), each stage
is timed on its own, in order, each fed the previous stage's output:

    decode → lex (line classification) → parse (LALR + AST, tables built) →
    recognise (template tables) → rules, family by family (GAI0xx … GAI6xx) → output (json)

Times are CPU seconds of this process (`time.process_time`), so that other work on
the machine disturbs them less; each stage's figure is the best of `--repeat` rounds.
Printed next to the targets of issue 14: ≤ 2 ms per report in process, ≥ 5 MB/s
per core. A floor pass (decode and split into lines with str methods) is printed in
the same run for reference.

Usage: python bench/stages.py [--repeat N] [--shared PATH] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 2.0
TARGET_MBS = 5.0


def reports(shared: Path) -> list[tuple[str, bytes]]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    corpus = shared / "domain" / "corpus"
    if corpus.is_dir():
        paths += sorted(corpus.glob("*.txt"))
    return [(str(path), path.read_bytes()) for path in paths]


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--profile", action="store_true", help="print the top entries of a profile of the whole check")
    args = parser.parse_args()

    from gailint.engine import Linter
    from gailint.lexer import classify
    from gailint.output import write
    from gailint.parser import parse
    from gailint.recognize import recognize
    from gailint.rule import Context
    from gailint.runner import check_bytes
    from gailint.source import decode

    gc.disable()  # as the engine does during a check (engine, with gailint._gc.paused): every stage timed alike
    data = reports(args.shared)
    count, megabytes = len(data), sum(len(d) for _, d in data) / 1e6
    linter = Linter(load_plugins=False)
    for path, raw in data:  # warm: lazy patterns compiled, lark tables loaded
        check_bytes(linter, path, raw)

    sources = [decode(raw, path) for path, raw in data]
    parsed = [parse(source.text) for source in sources]
    recognised = [recognize(report) for report in parsed]
    families: dict[str, list] = {}
    for rule in linter._instances:
        families.setdefault(rule.code[:4] + "xx", []).append(rule)

    def fresh_contexts() -> list[Context]:
        return [Context(source.path, text=source.text, report=report) for source, report in zip(sources, recognised)]

    def run(rules: list, contexts: list[Context]) -> None:
        for context, report in zip(contexts, recognised):
            for rule in rules:
                context.rule = type(rule)
                for _ in rule.check(report, context):
                    pass

    # Facts are computed on first use and kept per report: the rule rows are timed on contexts
    # whose facts were already computed (by a first pass of every rule), and the facts row is
    # what every rule costs on fresh contexts minus what it costs on those.
    warm = fresh_contexts()
    run(linter._instances, warm)
    rules_fresh = best(lambda: run(linter._instances, fresh_contexts()), args.repeat)
    rules_warm = best(lambda: run(linter._instances, warm), args.repeat)

    results = [check_bytes(linter, path, raw) for path, raw in data]
    stages: list[tuple[str, float]] = [
        ("decode", best(lambda: [decode(raw, path) for path, raw in data], args.repeat)),
        ("lex", best(lambda: [list(classify(source.text)) for source in sources], args.repeat)),
        ("parse (incl. lex, tables)", best(lambda: [parse(source.text) for source in sources], args.repeat)),
        ("recognise", best(lambda: [recognize(report) for report in parsed], args.repeat)),
        ("facts (shared by rules)", max(0.0, rules_fresh - rules_warm)),
    ]
    for family in sorted(families):
        stages.append((f"rules {family} ({len(families[family])})",
                       best(lambda rules=families[family]: run(rules, warm), args.repeat)))
    stages.append(("output (json)", best(lambda: write(results, io.StringIO(), "json"), args.repeat)))
    def check_all() -> None:
        for path, raw in data:  # each result dropped after its check, as `gailint check` drops each
            check_bytes(linter, path, raw)  # report's AST once its file is done (parallel.check_one)

    whole = best(check_all, args.repeat)
    floor = best(lambda: [raw.decode("utf-8").splitlines() for _, raw in data], args.repeat)

    print(f"{count} reports, {megabytes:.2f} MB, best of {args.repeat} rounds, CPU time per report")
    print(f"{'stage':<28} {'ms/report':>10}")
    for name, seconds in stages:
        print(f"{name:<28} {seconds / count * 1000:>10.3f}")
    print(f"{'(lex is inside parse)':<28}")
    inside = sum(seconds for name, seconds in stages if name not in ("lex", "output (json)"))
    print(f"{'rest: input stage, engine':<28} {(whole - inside) / count * 1000:>10.3f}   (whole check − the stages above)")
    per_report = whole / count * 1000
    rate = megabytes / whole
    print(f"{'whole check (decode→rules)':<28} {per_report:>10.3f}   target ≤ {TARGET_MS} ms: "
          f"{'ok' if per_report <= TARGET_MS else 'MISSED'}")
    print(f"{'throughput per core':<28} {rate:>8.2f} MB/s target ≥ {TARGET_MBS} MB/s: "
          f"{'ok' if rate >= TARGET_MBS else 'MISSED'}")
    print(f"{'floor (decode + splitlines)':<28} {floor / count * 1000:>10.3f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for path, raw in data:
            check_bytes(linter, path, raw)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
