"""Built-in rules by convention: every ``gaiNNN_name`` module in gailint.rules is one rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import gailint.rules as rules
from gailint.rule import Rule

from .conftest import ROOT

RULES_DIR = Path(rules.__file__).parent


def test_every_module_is_a_rule_or_a_private_helper():
    names = sorted(p.stem for p in RULES_DIR.glob("*.py") if p.stem != "__init__")
    families = [n for n in names if not n.startswith(("gai", "_"))]
    assert families == [], f"family modules are gone; a rule is its own gaiNNN_name module: {families}"
    assert [e.module.rsplit(".", 1)[1] for e in rules.REGISTRY.values()] == [n for n in names if n.startswith("gai")]


def test_registry_entry_matches_its_rule_class():
    for code, entry in rules.REGISTRY.items():
        rule = rules.load(code)
        assert issubclass(rule, Rule) and rule.__module__ == entry.module
        assert (rule.code, rule.name) == (entry.code, entry.name) == (code, entry.name)


def test_the_builtin_plugin_registers_exactly_the_registry(linter):
    assert [r.code for r in linter.all_rules if r.code.startswith("GAI")] == list(rules.REGISTRY)
    assert rules.REGISTRY["GAI201"] == rules.Entry("GAI201", "row-total", "gailint.rules.gai201_row_total")


def _package(tmp_path: Path, files: dict[str, str]) -> str:
    package = tmp_path / "fakerules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, body in files.items():
        (package / name).write_text(body, encoding="utf-8")
    return str(package)


def test_scan_rejects_a_family_module_and_a_duplicate_code(tmp_path):
    path = _package(tmp_path, {"gai901_new_rule.py": "", "_shared.py": "", "structure.py": ""})
    with pytest.raises(ValueError, match=r"fakerules\.structure: a module here is a rule named gaiNNN_name"):
        rules.scan([path], "fakerules")
    (Path(path) / "structure.py").unlink()
    assert rules.scan([path], "fakerules") == {"GAI901": rules.Entry("GAI901", "new-rule", "fakerules.gai901_new_rule")}
    (Path(path) / "gai901_other.py").write_text("")
    with pytest.raises(ValueError, match="two modules claim GAI901"):
        rules.scan([path], "fakerules")


def _load_from(tmp_path, monkeypatch, body: str):
    path = _package(tmp_path, {"gai901_new_rule.py": body})
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(rules, "REGISTRY", rules.scan([path], "fakerules"))
    for name in [m for m in sys.modules if m.startswith("fakerules")]:
        monkeypatch.delitem(sys.modules, name)
    return rules.load("GAI901")


RULE = '''
from gailint.plugin import Rule, Severity

class NewRule(Rule):
    """doc"""
    code, name, severity, summary = "GAI901", {name!r}, Severity.WARNING, "s"
'''


def test_load_takes_the_one_rule_class_the_module_defines(tmp_path, monkeypatch):
    rule = _load_from(tmp_path, monkeypatch, RULE.format(name="new-rule"))
    assert (rule.__name__, rule.code, rule.name) == ("NewRule", "GAI901", "new-rule")


def test_load_rejects_a_name_other_than_the_file_name(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match=r"has code 'GAI901' and name 'other-name'; its file name says"):
        _load_from(tmp_path, monkeypatch, RULE.format(name="other-name"))


def test_load_rejects_two_rule_classes_in_one_module(tmp_path, monkeypatch):
    body = RULE.format(name="new-rule") + "\nclass Second(NewRule):\n    pass\n"
    with pytest.raises(ValueError, match="defines 2 Rule subclasses"):
        _load_from(tmp_path, monkeypatch, body)


def test_rule_command_for_a_builtin_imports_only_its_module():
    code = ("import sys; from gailint.cli import main; main(['rule', 'GAI201']); "
            "sys.stderr.write(','.join(sorted(m for m in sys.modules if m.startswith('gailint.rules.gai'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.startswith("# GAI201 (row-total)\n")
    assert done.stderr == "gailint.rules.gai201_row_total"


def test_rule_docs_without_plugins_come_from_the_registry(tmp_path):
    from gailint.cli import main

    assert main(["rule", "--write-docs", str(tmp_path), "--no-plugins"]) == 0
    assert sorted(p.stem for p in tmp_path.glob("GAI*.md")) == list(rules.REGISTRY)
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == (ROOT / "docs" / "rules" / "index.md").read_text(
        encoding="utf-8")
