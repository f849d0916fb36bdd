"""No rule backtracks catastrophically: each rule is fed lines of 100,000 characters
built from its own regular expressions, and must finish each in well under a second
(a linear rule takes a few milliseconds; a quadratic one, minutes).

The attack lines for a rule are built from the regular expressions of its module
(compiled patterns and the pattern strings it imports, such as ``facts.NUMBER``):
every literal character repeated 100,000 times, every literal run of two or more
characters repeated, and a few shapes common to reports (``1件，``, ``一、``,
``1\\t``, ``（一）``, ``12.5%``). Each line is placed in seed 004, right after the
heading of section 一 (prose) and as a row of table 2, parsed once, and every rule
is run on it under a timer.
"""

from __future__ import annotations

import re
import signal
import sys
import time

import pytest

from gailint._lazy_re import LazyPattern
from gailint.engine import Linter
from gailint.parser import parse
from gailint.recognize import recognize
from gailint.rule import Context

from .conftest import SEEDS

LENGTH = 100_000
BUDGET = 2.0  # seconds per rule and line: 100 times what a linear rule needs on a CI machine
SHAPES = ["1件，", "一、", "1\t", "1|", "（一）", "12.5%", "1", "一", "２", " ", "\t", "。", "a"]
_META = set("\\^$.|?*+()[]{}-")
_RUN = re.compile(r"[^\\^$.|?*+()\[\]{}\-\s\w]{2,}|[\u3400-\u9fff\uff00-\uffef]{2,}")

RULES = Linter(load_plugins=False).all_rules


def _pattern_texts(module) -> list[str]:
    texts = []
    for value in vars(module).values():
        if isinstance(value, (re.Pattern, LazyPattern)) and isinstance(value.pattern, str):
            texts.append(value.pattern)
        elif isinstance(value, str) and any(ch in value for ch in "[(\\"):
            texts.append(value)
    return texts


def attack_lines(rule) -> list[str]:
    """The 100,000-character lines built to trigger `rule`'s regular expressions."""
    texts = _pattern_texts(sys.modules[rule.__module__])
    pieces = dict.fromkeys(SHAPES)
    for text in texts:
        pieces.update(dict.fromkeys(ch for ch in text if ch not in _META and ch.isprintable() and ch != " "))
        pieces.update(dict.fromkeys(run for run in _RUN.findall(text)))
    return [(piece * (LENGTH // len(piece) + 1))[:LENGTH] for piece in pieces]


def with_line(line: str) -> str:
    """Seed 004 with `line` as prose under section 一 and as a row of table 2."""
    lines = SEEDS["004"].read_text(encoding="utf-8").splitlines(keepends=True)
    heading = next(i for i, text in enumerate(lines) if text.startswith("一、总体情况"))
    row = next(i for i, text in enumerate(lines) if text.startswith("一、本年新收"))
    lines.insert(row + 1, line + " | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n")
    lines.insert(heading + 1, line + "\n")
    return "".join(lines)


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def run_timed(rule, text: str, report) -> float:
    """Seconds `rule` takes on `report`; infinity when over the budget."""
    context = Context("attack.txt", rule=rule, text=text, report=report)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, BUDGET)
    start = time.perf_counter()
    try:
        for _ in rule().check(report, context):
            pass
    except _Timeout:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def timings() -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """Seconds per rule and attack line, each line parsed once; and the lines the parser
    itself could not take (line → error)."""
    wanted = {rule: attack_lines(rule) for rule in RULES}
    found: dict[str, dict[str, float]] = {rule.code: {} for rule in RULES}
    parser_errors: dict[str, str] = {}
    for line in dict.fromkeys(line for lines in wanted.values() for line in lines):
        label = repr(line[:12]) + "…"
        text = with_line(line)
        try:
            report = recognize(parse(text))
        except Exception as error:  # noqa: BLE001 - reported by test_parser_takes_attack_lines
            parser_errors[label] = f"{type(error).__name__}: {str(error)[:120]}"
            continue
        for rule, lines in wanted.items():
            slow = sum(seconds > BUDGET / 2 for seconds in found[rule.code].values())
            if line in lines and slow < 3:  # three slow lines make the point
                found[rule.code][label] = run_timed(rule, text, report)
    return found, parser_errors


def test_attack_lines_are_built_from_the_rule():
    lines = attack_lines(next(rule for rule in RULES if rule.code == "GAI505"))
    assert all(len(line) == LENGTH for line in lines)
    assert "占" * LENGTH in lines and "十" * LENGTH in lines and ("1件，" * LENGTH)[:LENGTH] in lines


def test_parser_takes_attack_lines(timings):
    _, parser_errors = timings
    assert not parser_errors, f"the parser raised on 100,000-character lines: {parser_errors}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_is_linear_on_100k_character_lines(rule, timings):
    measured = timings[0][rule.code]
    slow = {label: "over %.0f s" % BUDGET if seconds == float("inf") else "%.2f s" % seconds
            for label, seconds in measured.items() if seconds > BUDGET / 2}
    assert not slow, f"{rule.code} backtracks on 100,000-character lines: {slow}"
