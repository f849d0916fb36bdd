"""The plugin API is a deliberate, versioned surface: its names and signatures are
snapshotted, removed names warn for a minor version, the reference in docs/plugins.md
is generated from the code, and the public modules type-check under mypy --strict."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import warnings

import pytest

import gailint.plugin
from gailint.apidoc import BEGIN, END, reference, snapshot

from .conftest import ROOT

SNAPSHOT = ROOT / "tests" / "api" / "plugin_api.txt"
REGENERATE = "python -m gailint.apidoc --snapshot tests/api/plugin_api.txt --write docs/plugins.md"


def test_the_api_matches_its_snapshot():
    """A failure here means the plugin API changed. If that is intended: add names freely
    (a minor version, bump API_VERSION's minor); to remove or change one, keep the old
    name working through gailint.plugin's __getattr__ with a DeprecationWarning for one
    minor version. Then regenerate the snapshot and the docs."""
    assert snapshot() == SNAPSHOT.read_text(encoding="utf-8"), f"the plugin API changed; if intended: {REGENERATE}"


def test_the_api_is_small_and_keeps_internals_out():
    exported = set(gailint.plugin.__all__)
    assert len(exported) <= 38  # 36 in API 1.1; 1.3 adds CrossReportRule and Record (cross-report rules)
    internals = {"FileResult", "Source", "LineIndex", "TABLE2_ROWS", "TABLE2_COLUMNS", "TABLE3_COLUMNS",
                 "match_table2_row", "normalize", "parse_number", "chinese_number", "split_marker", "report_year"}
    assert not exported & internals
    # the facts a plugin needs are there, through Context
    assert {"ReportFacts", "Year", "Period", "Publication", "DateText", "Sum"} <= exported
    facts = {name for name in vars(gailint.plugin.ReportFacts) if not name.startswith("_")}
    assert facts == {"year", "period", "published", "agency", "agency_kind", "prose", "sums"}


@pytest.mark.parametrize("name", sorted(gailint.plugin._DEPRECATED))
def test_a_removed_name_still_works_with_a_deprecation_warning(name):
    module, attribute, _ = gailint.plugin._DEPRECATED[name]
    with pytest.warns(DeprecationWarning, match=rf"gailint\.plugin\.{name} is deprecated since plugin API 1\.1 "
                                                r"and will be removed in 2\.0; "):
        value = getattr(gailint.plugin, name)
    assert value is getattr(importlib.import_module(module), attribute)


def test_an_unknown_name_is_an_attribute_error_and_current_names_do_not_warn():
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchThing'"):
        gailint.plugin.NoSuchThing  # noqa: B018
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in gailint.plugin.__all__:
            getattr(gailint.plugin, name)
        exec("from gailint.plugin import *", {})


def test_facts_through_context_for_a_plugin_rule():
    from gailint.plugin import Context, Report, Rule, Severity
    from gailint.testing import check_text

    seen = {}

    class Reads(Rule):
        """doc"""
        code, name, severity, summary = "XYZ950", "reads-facts", Severity.INFO, "s"

        def check(self, report: Report, context: Context):
            facts = context.facts
            seen.update(year=facts.year.value, kind=facts.agency_kind, agency=facts.agency,
                        period=(facts.period.start_date, facts.period.end_date), published=facts.published.date.date(),
                        sentences=[s for text, at in facts.prose for s, _ in context.sentences(text, at)][:2],
                        sums=sorted({s.kind for s in facts.sums}), broken=[s.found for s in facts.sums if not s.holds])
            return ()

    text = ("某某县人民政府2024年政府信息公开工作年度报告\n"
            "本报告统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在门户网站下载。\n"
            "三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t6\t0\t8\n"
            "六、其他需要报告的事项\n本机关未收取信息处理费。\n\n某某县人民政府\n2025年3月20日\n")
    assert check_text(text, [Reads]).diagnostics == ()  # no GAI005: the rule ran to the end
    assert seen == {"year": 2024, "kind": "government", "agency": "某某县人民政府",
                    "period": (__import__("datetime").date(2024, 1, 1), __import__("datetime").date(2024, 12, 31)),
                    "published": __import__("datetime").date(2025, 3, 20),
                    "sentences": ["本报告统计期限自2024年1月1日起至2024年12月31日止。", "本报告电子版可在门户网站下载。"],
                    "sums": ["row-total"], "broken": [8]}


def test_docs_plugins_reference_is_generated_from_the_code():
    page = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    start, end = page.index(BEGIN), page.index(END) + len(END)
    assert page[start:end] == reference(), f"docs/plugins.md's reference is stale: {REGENERATE}"
    for field in ("`text_span`", "`checkable`", "`row(key: str) -> MappedRow | None`".replace("|", "&#124;"),
                  "`facts`", "`sums`", "`refused.state_secret`"):
        assert field in page[start:end], field


def test_mypy_strict_passes_on_the_public_modules():
    """The same check .ci/run runs ([tool.mypy] in pyproject.toml: strict, the public modules)."""
    mypy = shutil.which("mypy", path=str(ROOT / ".venv" / "bin")) or shutil.which("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (it is in the test extra)")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found")


def test_the_ast_value_objects_keep_attrs_behaviour_with_their_faster_constructor():
    """`ast._fast_init` replaces attrs' __init__ of every AST class: the signature and defaults,
    frozenness, equality, hashing, ordering and `attrs.evolve` must stay attrs' own."""
    import inspect

    import attrs

    from gailint import ast

    for name in ast.__all__:
        cls = getattr(ast, name)
        if not attrs.has(cls):
            continue
        fields = attrs.fields(cls)
        parameters = list(inspect.signature(cls).parameters.values())
        assert [p.name for p in parameters] == [f.name for f in fields], name
        assert [p.default for p in parameters] == [
            inspect.Parameter.empty if f.default is attrs.NOTHING else f.default for f in fields], name
    span = ast.Span(3, 5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        span.start = 4  # type: ignore[misc]
    assert span == ast.Span(3, 5) and hash(span) == hash(ast.Span(3, 5)) and ast.Span(1, 9) < span
    line = ast.TableLine(span, (ast.Cell("1", span, ast.Value("int", 1)),))
    assert line.run == 0 and attrs.evolve(line, run=2) == ast.TableLine(span, line.cells, 2)
    assert ast.Value("blank").number is None and ast.Problem("inferred", span, "", "").plausible is False
