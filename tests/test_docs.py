"""docs/rules/ is generated from the rules' docstrings; it must not go stale."""

from gailint.docs import render, render_index

from .conftest import ROOT


def test_generated_rule_docs_are_current(linter):
    directory = ROOT / "docs" / "rules"
    stale = [rule.code for rule in linter.all_rules
             if not (directory / f"{rule.code}.md").is_file()
             or (directory / f"{rule.code}.md").read_text(encoding="utf-8") != render(rule)]
    assert not stale, f"run `gailint rule --write-docs docs/rules --no-plugins`; stale: {stale}"
    assert (directory / "index.md").read_text(encoding="utf-8") == render_index(linter.all_rules)


def test_every_rule_documents_why_and_examples(linter):
    for rule in linter.all_rules:
        doc = rule.__doc__ or ""
        assert "**Why.**" in doc and "**Failing example" in doc and "**Passing example" in doc, rule.code


def test_rule_pages_cite_public_sources_only(linter):
    """Users can read the 条例 and the State Council documents; not the project's internal notes."""
    internal = ("format-spec", "[V-emp]", "corpus/")
    cited = {rule.code: [word for word in internal if word in render(rule)] for rule in linter.all_rules}
    assert {code: words for code, words in cited.items() if words} == {}
    pages = "".join(render(rule) for rule in linter.all_rules)
    assert "国办公开办函〔2021〕30号" in pages and "条例第四十九条" in pages and "国办函〔2020〕109号" in pages
