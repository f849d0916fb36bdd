"""Rule documentation, from the rules themselves: `gailint rule CODE` and docs/rules/.

Regenerate the committed pages with ``gailint rule --write-docs docs/rules``;
a test fails when they are stale.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path

from .rule import Rule

__all__ = ["render", "render_index", "write_docs"]


def render(rule: type[Rule]) -> str:
    lines = [f"# {rule.code} ({rule.name})", "",
             f"severity: {rule.severity.value} · since: {rule.since}", "",
             inspect.cleandoc(rule.__doc__ or rule.summary)]
    if rule.options:
        lines += ["", "**Options**", ""]
        for option in rule.options:
            choices = f" (one of: {', '.join(map(str, option.choices))})" if option.choices else ""
            lines.append(f"* `{option.name}` ({option.type.__name__}, default `{option.default!r}`){choices}: {option.doc}")
    return "\n".join(lines) + "\n"


def render_index(rules: Sequence[type[Rule]]) -> str:
    lines = ["# Rules", "", "| code | name | severity | summary |", "|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.severity.value} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def write_docs(rules: Sequence[type[Rule]], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in rules:
        path = directory / f"{rule.code}.md"
        path.write_text(render(rule), encoding="utf-8")
        written.append(path)
    index = directory / "index.md"
    index.write_text(render_index(rules), encoding="utf-8")
    return [*written, index]
