"""The testing kit for rule authors (built-in and plugin rules alike). Public API,
versioned with `gailint.plugin`.

Run a rule on a snippet and compare what it reports, as ``"CODE line:column"``
strings (1-based, in code points)::

    from gailint.testing import assert_diagnostics, check_text

    assert_diagnostics("一、总体情况\\n…", ["XYZ001 1:1"], rules=[SectionOneParts])
    check_text(text, SectionOneParts, options={"XYZ001": {"parts": "主动公开"}}).positions()

Run the test-case files (``rules/CODE.toml``, the format of gailint's own
``rules/`` directory) with pytest::

    @pytest.mark.parametrize("case", case_params(Path(__file__).parent.parent / "rules"))
    def test_case(case):
        assert_case(case, rules=RULES)

A case file holds ``[[case]]`` tables with ``name``, ``text`` (a multi-line
string; TOML drops the newline right after the opening quotes, so the first
text line is line 1), ``expect`` (the diagnostics of the file's code, in order)
and optionally ``options`` (that rule's options for this case), ``max-file-size`` (the
size guard, in bytes, default 1 MiB; 0: none — the text goes through the input stage
as `gailint check` reads a UTF-8 file) and, for a cross-report rule, ``others`` (the
texts of the other reports checked in the same run, named ``other1.txt``,
``other2.txt``…; ``expect`` lists what is reported in ``text``).

``pytest_plugins = ["gailint.testing"]`` in a ``conftest.py`` adds the
``gailint_linter`` fixture: a session-wide linter with every installed plugin.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Sequence
from pathlib import Path

import attrs

from .config import DEFAULT_MAX_FILE_SIZE
from .diagnostics import Diagnostic, FileResult
from .engine import Linter
from .inputs import Inputs
from .runner import check_bytes
from .rule import Rule
from .source import LineIndex, Source

__all__ = [
    "Case", "Checked", "assert_case", "assert_diagnostics", "case_params", "check_file", "check_text", "cross_report",
    "gailint_linter", "load_cases", "run_case",
]

RuleSpec = type[Rule] | Sequence[type[Rule]] | None


@attrs.frozen
class Checked:
    """What the rules reported on one text."""

    text: str
    diagnostics: tuple[Diagnostic, ...]
    result: FileResult

    def positions(self, code: str | None = None) -> list[str]:
        """``["XYZ001 3:1", …]`` in report order; only `code`'s (a code or prefix) if given."""
        index = LineIndex(self.text)
        return ["%s %d:%d" % (d.code, *index.position(d.span.start)) for d in self.diagnostics
                if code is None or d.code.startswith(code)]

    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]


def _linter(rules: RuleSpec, options: dict[str, dict[str, object]] | None, plugins: bool) -> Linter:
    if rules is None:
        return Linter(load_plugins=plugins, options=options, disable=())
    if isinstance(rules, type):
        rules = [rules]
    return Linter(list(rules), options=options)


def check_text(text: str, rules: RuleSpec = None, *, options: dict[str, dict[str, object]] | None = None,
               path: str = "case.txt", plugins: bool = True) -> Checked:
    """Check `text` with one rule class, a list of them, or (None) every rule: the built-ins
    plus installed plugins (unless `plugins` is false). `options` maps code → option → value."""
    result = _linter(rules, options, plugins).check_source(Source(path, text, "utf-8"))
    return Checked(text, result.diagnostics, result)


def check_file(path: str | os.PathLike[str], rules: RuleSpec = None, *,
               options: dict[str, dict[str, object]] | None = None, plugins: bool = True) -> Checked:
    """Check a report file as ``gailint check`` reads it (encodings, plugin readers)."""
    result = check_bytes(_linter(rules, options, plugins), os.fspath(path), Path(path).read_bytes())
    text = result.source.text if result.source is not None else ""
    return Checked(text, result.diagnostics, result)


def _compare(found: list[str], expected: Sequence[str], what: str) -> None:
    if found == list(expected):
        return
    diff = "\n".join(difflib.unified_diff(list(expected), found, "expected", "found", lineterm=""))
    raise AssertionError(f"{what}: the diagnostics differ\n{diff}")


def assert_diagnostics(text: str, expected: Sequence[str], rules: RuleSpec = None, *, code: str | None = None,
                       options: dict[str, dict[str, object]] | None = None, plugins: bool = True) -> Checked:
    """Assert that the rules report exactly `expected` (``"CODE line:col"``, in order) on `text`.
    Only codes starting with `code` are compared when it is given."""
    checked = check_text(text, rules, options=options, plugins=plugins)
    _compare(checked.positions(code), expected, "assert_diagnostics")
    return checked


@attrs.frozen
class Case:
    """One ``[[case]]`` of a ``rules/CODE.toml`` file."""

    code: str
    name: str
    text: str
    expect: tuple[str, ...]
    options: dict[str, object] = attrs.Factory(dict)
    path: Path | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE   # the size guard (``max-file-size``; 0: none)
    others: tuple[str, ...] = ()      # other reports of the same run, for cross-report rules

    @property
    def id(self) -> str:
        return f"{self.code}: {self.name}"


def load_cases(path: str | os.PathLike[str]) -> list[Case]:
    """The cases of one ``CODE.toml`` file, or of every ``*.toml`` file in a directory."""
    path = Path(path)
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    cases = []
    for file in files:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for number, case in enumerate(data.get("case", ()), 1):
            missing = {"name", "text", "expect"} - set(case)
            if missing:
                raise ValueError(f"{file}: case {number} lacks {', '.join(sorted(missing))}")
            unknown = set(case) - {"name", "text", "expect", "options", "max-file-size", "others"}
            if unknown:
                raise ValueError(f"{file}: case {number} has unknown keys {', '.join(sorted(unknown))}")
            cases.append(Case(file.stem.upper(), case["name"], case["text"], tuple(case["expect"]),
                              dict(case.get("options", {})), file,
                              int(case.get("max-file-size", DEFAULT_MAX_FILE_SIZE)), tuple(case.get("others", ()))))
    return cases


def case_params(path: str | os.PathLike[str]) -> list[object]:
    """`load_cases` as ``pytest.param``s with readable ids, for ``@pytest.mark.parametrize``."""
    import pytest

    return [pytest.param(case, id=case.id) for case in load_cases(path)]


def run_case(case: Case, rules: RuleSpec | Linter = None, *, plugins: bool = True) -> list[str]:
    """The case's text checked; the positions of its code's diagnostics."""
    if isinstance(rules, Linter):
        linter = rules
        if case.options:
            linter = Linter(list(linter.all_rules), options={case.code: case.options})
    else:
        linter = _linter(rules, {case.code: case.options} if case.options else None, plugins)
    if linter.rule(case.code) is None:
        raise AssertionError(f"{case.id}: no rule {case.code} is loaded (is its plugin installed, "
                             "or pass rules=[...]?)")
    # through the input stage, as `gailint check` reads a UTF-8 file: the size guard applies
    # (while GAI008 is enabled, as in the runner)
    guard = case.max_file_size if linter.rule("GAI008") in linter.rules else 0
    loaded = Inputs(linter.readers, linter.reader_owners).load("case.txt", case.text.encode("utf-8"), max_size=guard)
    if isinstance(loaded, Diagnostic):
        diagnostics: list[Diagnostic] = [loaded]
    else:
        diagnostics = list(linter.check_source(loaded).diagnostics)
    if case.others:
        diagnostics += cross_report(linter, {"case.txt": case.text, **{
            f"other{number}.txt": text for number, text in enumerate(case.others, 1)}}).get("case.txt", [])
    index = LineIndex(case.text)
    return ["%s %d:%d" % (d.code, *index.position(d.span.start)) for d in diagnostics if d.code == case.code]


def cross_report(linter: Linter, texts: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """Check several reports as one run and return what the cross-report rules found, by file
    name (no configuration or suppressions: the rules alone)."""
    from .crossreport import run_cross_report_rules
    from .extract import record

    records = [record(linter.check_source(Source(name, text, "utf-8"))) for name, text in texts.items()]
    return run_cross_report_rules(records, linter.rules, linter.options)


def assert_case(case: Case, rules: RuleSpec | Linter = None, *, plugins: bool = True) -> None:
    """Assert that the case's rule reports exactly `case.expect`."""
    _compare(run_case(case, rules, plugins=plugins), case.expect, f"{case.path}: {case.id}")


def _fixture() -> object:
    try:
        import pytest
    except ImportError:  # pragma: no cover - the kit works without pytest
        return None

    @pytest.fixture(scope="session")
    def gailint_linter() -> Linter:
        """A linter with the built-in rules and every installed plugin."""
        return Linter(disable=())

    return gailint_linter


gailint_linter = _fixture()

