"""Runs every case in rules/<CODE>.toml: the rule's own test data, one file per rule."""

from __future__ import annotations

import tomllib

import pytest

from gailint.source import LineIndex

from .conftest import ROOT


def _cases():
    for path in sorted((ROOT / "rules").glob("*.toml")):
        code = path.stem
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield pytest.param(code, case, id=f"{code}: {case['name']}")


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code, case, linter):
    from gailint.source import Source

    text = case["text"]
    result = linter.check_source(Source("case.txt", text, "utf-8"))
    index = LineIndex(text)
    found = ["%s %d:%d" % (d.code, *index.position(d.span.start)) for d in result.diagnostics if d.code == code]
    assert found == case["expect"]


def test_every_builtin_rule_has_cases(linter):
    have = {path.stem for path in (ROOT / "rules").glob("*.toml")}
    engine_reported = {"GAI001", "GAI005"}  # tested in test_cli.py / test_engine.py
    missing = {rule.code for rule in linter.all_rules} - have - engine_reported
    assert not missing, f"rules without test data under rules/: {sorted(missing)}"
