"""The example plugin's own tests, written with gailint's testing kit."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from gailint.testing import assert_case, assert_diagnostics, case_params, check_text
from gailint_plugin_example import RULES, PublicationDeadline, SectionOneParts

HERE = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("case", case_params(HERE / "rules"))
def test_case(case):
    """Every case in rules/EXA00N.toml, run against this package's rules."""
    assert_case(case, rules=RULES)


def test_each_rule_has_cases():
    assert {path.stem for path in (HERE / "rules").glob("*.toml")} == {rule.code for rule in RULES}


def test_section_one_parts_reports_at_the_heading():
    text = "2025年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开情况\n（二）依申请公开情况\n"
    checked = assert_diagnostics(text, ["EXA001 2:1"], rules=[SectionOneParts])
    assert "“政府信息管理”“平台建设”“监督保障”" in checked.diagnostics[0].message


def test_deadline_option_is_validated_up_front():
    with pytest.raises(ValueError, match="deadline"):
        check_text("", PublicationDeadline, options={"EXA002": {"deadline": "1月15日"}})


def test_a_rule_never_raises_on_odd_input():
    for text in ("", "\n\n", "一、总体情况", "2025年\n\n二〇二六年十三月四十日\n", "发布时间: 2026-02-30"):
        assert not [d for d in check_text(text, list(RULES)).diagnostics if d.code == "GAI005"]


def _installed() -> bool:
    try:
        metadata.distribution("gailint-plugin-example")
    except metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(not _installed(), reason="the plugin is not installed (pip install .)")
def test_installed_plugin_is_discovered():
    """Once installed, gailint finds the rules through the `gailint` entry point."""
    checked = check_text("卫生健康局2025年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开情况\n")
    assert "EXA001" in checked.codes()
