"""The module graph of `src/gailint`: no import cycles, and no stage imports a later one.

Imports are read from the source with `ast` (every import that runs, also those inside
functions), so a cycle hidden behind a lazy import is found too. Imports under
``if TYPE_CHECKING:`` never run and are not edges: a value object may name in its
annotations a type whose module imports it. Importing ``gailint.a.b`` also imports the
package ``gailint.a``: that edge is counted for importers outside it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "gailint"


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = ("gailint", *path.relative_to(SRC).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    return [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]


def _known(name: str) -> str | None:
    while name not in MODULES and "." in name:
        name = name.rpartition(".")[0]
    return name if name in MODULES else None


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """The import nodes inside ``if TYPE_CHECKING:`` blocks."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                skipped.update(ast.walk(inner))
    return skipped


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {module: set() for module in MODULES}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)) or node in skipped:
                continue
            for raw in _targets(module, node):
                target = _known(raw)
                while target and target != "gailint":
                    if target != module and not module.startswith(target + "."):
                        edges[module].add(target)  # the module and every package it is inside
                    target = target.rpartition(".")[0]
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for vertex in sorted(edges):
        if vertex not in index:
            visit(vertex)
    return found


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# The pipeline's order: each stage may import earlier ones, never a later one.
LATER = {
    "gailint.ast": ["gailint.source", "gailint.inputs", "gailint.parser", "gailint.engine", "gailint.runner"],
    "gailint.origin": ["gailint.source", "gailint.inputs", "gailint.parser", "gailint.engine", "gailint.runner"],
    "gailint.source": ["gailint.inputs", "gailint.parser", "gailint.recognize", "gailint.engine", "gailint.runner"],
    "gailint.inputs": ["gailint.lexer", "gailint.parser", "gailint.recognize", "gailint.engine", "gailint.runner",
                       "gailint.output", "gailint.cli"],
    "gailint.parser": ["gailint.recognize", "gailint.engine", "gailint.runner", "gailint.output"],
    "gailint.recognize": ["gailint.engine", "gailint.runner", "gailint.output"],
    "gailint.engine": ["gailint.inputs", "gailint.runner", "gailint.output", "gailint.cli"],
    "gailint.runner": ["gailint.output", "gailint.cli"],
    "gailint.output": ["gailint.engine", "gailint.runner", "gailint.cli"],
    "gailint.diagnostics": ["gailint.engine", "gailint.runner", "gailint.output"],
}


@pytest.mark.parametrize("module", sorted(LATER))
def test_no_stage_imports_a_later_one(module):
    assert sorted(_graph()[module] & set(LATER[module])) == []
