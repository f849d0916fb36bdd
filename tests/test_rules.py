"""Runs every case in rules/<CODE>.toml: the rule's own test data, one file per rule.
Uses the public testing kit (`gailint.testing`), as plugin authors do."""

from __future__ import annotations

import pytest

from gailint.testing import assert_case, case_params

from .conftest import ROOT


@pytest.mark.parametrize("case", case_params(ROOT / "rules"))
def test_rule_case(case, linter):
    assert_case(case, linter)


def test_every_builtin_rule_has_cases(linter):
    have = {path.stem for path in (ROOT / "rules").glob("*.toml")}
    # reported by the engine or the runner, not by a rule's check(): tested in test_cli.py,
    # test_plugins.py and test_workflow.py (GAI007, unused suppressions, on seed 003)
    engine_reported = {"GAI001", "GAI005", "GAI006", "GAI007"}
    missing = {rule.code for rule in linter.all_rules} - have - engine_reported
    assert not missing, f"rules without test data under rules/: {sorted(missing)}"
