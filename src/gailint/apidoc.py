"""The plugin API described from the code: the snapshot `tests/test_api.py` holds it to,
and the reference section of docs/plugins.md.

``python -m gailint.apidoc --snapshot tests/api/plugin_api.txt`` rewrites the snapshot;
``python -m gailint.apidoc --write docs/plugins.md`` regenerates the reference between
its ``<!-- api:begin -->`` and ``<!-- api:end -->`` markers. Tests fail while either is
stale, so that a change to the API is a visible, reviewed decision.
"""

from __future__ import annotations

import argparse
import enum
import inspect
import re
import types
from collections.abc import Iterator
from pathlib import Path

import attrs

__all__ = ["BEGIN", "END", "reference", "snapshot", "update_page"]

BEGIN, END = "<!-- api:begin -->", "<!-- api:end -->"


def _doc(obj: object) -> str:
    """The first paragraph of a docstring, on one line."""
    text = inspect.getdoc(obj) or ""
    return " ".join(text.split("\n\n", 1)[0].split())


def _signature(function: object) -> str:
    """``(self, span: Span, *, fix: Fix | None = None) -> Diagnostic``: the annotations as
    written (they are strings under ``from __future__ import annotations``)."""
    try:
        signature = inspect.signature(function)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"
    params, star = [], False
    for param in signature.parameters.values():
        if param.kind is param.KEYWORD_ONLY and not star:
            params.append("*")
            star = True
        text = {param.VAR_POSITIONAL: "*", param.VAR_KEYWORD: "**"}.get(param.kind, "") + param.name
        star = star or param.kind is param.VAR_POSITIONAL
        if param.annotation is not param.empty:
            text += f": {param.annotation}"
        if param.default is not param.empty:
            text += f" = {param.default!r}"
        params.append(text)
    returns = "" if signature.return_annotation is signature.empty else f" -> {signature.return_annotation}"
    return f"({', '.join(params)}){returns}"


def _own_members(cls: type) -> Iterator[tuple[str, str, object]]:
    """(kind, name, object) for the public methods and properties `cls` defines or
    inherits from gailint (not from object, Exception or Protocol)."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("gailint"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(value, property):
                yield "property", name, value.fget
            elif isinstance(value, (staticmethod, classmethod)):
                yield "method", name, value.__func__
            elif inspect.isfunction(value):
                yield "method", name, value
            elif hasattr(value, "__set_name__") and hasattr(value, "func"):  # functools.cached_property
                yield "property", name, value.func


def _fields(cls: type) -> list[str]:
    if attrs.has(cls):
        lines = []
        for field in attrs.fields(cls):
            name = field.name.lstrip("_") if field.init else field.name
            if field.name.startswith("_") and not field.init:
                continue
            default = "" if field.default is attrs.NOTHING else (
                " = Factory(...)" if isinstance(field.default, attrs.Factory) else f" = {field.default!r}")
            lines.append(f"{name}: {field.type}{default}")
        return lines
    hints = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("gailint"):
            hints.update(getattr(klass, "__annotations__", {}))
    return [f"{name}: {hint}" for name, hint in hints.items() if not name.startswith("_")]


def describe(name: str, obj: object) -> list[str]:
    """The snapshot lines of one exported name."""
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        return [f"enum {name}: " + ", ".join(f"{m.name}={m.value!r}" for m in obj)]
    if isinstance(obj, type):
        kind = "protocol" if getattr(obj, "_is_protocol", False) else "class"
        bases = ", ".join(b.__name__ for b in obj.__bases__ if b is not object)
        lines = [f"{kind} {name}({bases})" if bases else f"{kind} {name}"]
        lines += [f"    field {line}" for line in _fields(obj)]
        for member_kind, member, value in sorted(_own_members(obj), key=lambda m: m[1]):
            if member_kind == "property":
                returns = getattr(value, "__annotations__", {}).get("return", "?")
                lines.append(f"    property {member} -> {returns}")
            else:
                lines.append(f"    method {member}{_signature(value)}")
        return lines
    if inspect.isfunction(obj):
        return [f"function {name}{_signature(obj)}"]
    if isinstance(obj, (types.UnionType,)) or getattr(obj, "__origin__", None) is not None:
        import typing

        members = typing.get_args(obj)  # not repr(): it differs between Python versions
        return [f"alias {name} = " + " | ".join(getattr(m, "__name__", repr(m)) for m in members)]
    if name == "API_VERSION":
        return [f"constant {name} = {obj!r}"]
    if "fixture" in type(obj).__name__.lower() or hasattr(obj, "_pytestfixturefunction"):
        return [f"fixture {name}"]  # its class is pytest's and differs between pytest versions
    return [f"constant {name}: {type(obj).__name__}"]


def snapshot() -> str:
    """Every name of `gailint.plugin.__all__` and `gailint.testing.__all__` with its
    signature, fields, methods and properties: the plugin API as a text file."""
    import gailint.plugin
    import gailint.testing

    lines: list[str] = []
    for module in (gailint.plugin, gailint.testing):
        lines.append(f"# {module.__name__}")
        for name in sorted(module.__all__):
            lines += describe(name, getattr(module, name))
        lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ docs/plugins.md


def _table(rows: list[tuple[str, str]], head: tuple[str, str]) -> list[str]:
    out = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    out += [f"| {a.replace('|', '&#124;')} | {b.replace('|', '&#124;')} |" for a, b in rows]
    return out


def _class_section(cls: type, title: str) -> list[str]:
    about = title or _doc(cls)
    lines = [f"**`{cls.__name__}`**" + (f" — {about}" if about else ""), ""]
    rows: list[tuple[str, str]] = []
    for line in _fields(cls):
        field_name, hint = line.split(": ", 1)
        rows.append((f"`{field_name}`", f"`{hint}`"))
    for kind, name, value in sorted(_own_members(cls), key=lambda m: m[1]):
        if kind == "property":
            returns = getattr(value, "__annotations__", {}).get("return", "?")
            rows.append((f"`{name}` → `{returns}`", _doc(value)))
        else:
            shown = re.sub(r"^\((?:self|cls)(?:, )?", "(", _signature(value))  # called on an instance
            rows.append((f"`{name}{shown}`", _doc(value)))
    return lines + _table(rows, ("field, property or method", "")) + [""]


def reference() -> str:
    """The generated part of docs/plugins.md: the syntax tree's fields, `Context` and
    `ReportFacts`, the facts' types, and the template's row and column keys."""
    from . import ast, plugin
    from .template import TABLE2_COLUMNS, TABLE2_ROWS, TABLE3_COLUMNS

    lines = [BEGIN, "", "<!-- generated by `python -m gailint.apidoc --write docs/plugins.md`; do not edit -->", "",
             "### `Context` and `context.facts`", ""]
    lines += _class_section(plugin.Context, "what a rule gets besides the report.")
    lines += _class_section(plugin.ReportFacts, "`context.facts`: the report's facts, each computed once "
                                                "for all rules.")
    for cls in (plugin.Year, plugin.Period, plugin.DateText, plugin.Publication, plugin.Sum):
        lines += _class_section(cls, "")
    lines += ["### The syntax tree", "",
              "Every node is a frozen `attrs` class; spans are code-point offsets into `report.text`.", ""]
    for name in ast.__all__:
        obj = getattr(ast, name)
        if isinstance(obj, type):
            lines += _class_section(obj, "")
    lines += ["`Block` = `Paragraph | SubHeading | Table` (the blocks of a section).", ""]
    lines += ["### The template's keys", "",
              "`report.table(2).row(key)` takes these keys (the 2019 trial format has one row "
              "`other` where the 2021 format has three `other.*` rows). `MappedRow.value(i)` takes a 0-based "
              "column; the columns of table 2 are " + ", ".join(f"`{c}`" for c in TABLE2_COLUMNS)
              + ", of table 3 " + ", ".join(f"`{c}`" for c in TABLE3_COLUMNS) + ".", ""]
    only = {("2021",): " (2021 format only)", ("2019",): " (2019 trial format only)"}
    lines += _table([(f"`{row.key}`", row.label + only.get(tuple(row.versions), "")) for row in TABLE2_ROWS],
                    ("key", "table 2 row"))
    lines += ["", END]
    return "\n".join(lines)


def update_page(text: str) -> str:
    """`text` (docs/plugins.md) with its generated section replaced by `reference()`."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + reference() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gailint.apidoc", description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", metavar="FILE", help="write the API snapshot to FILE")
    parser.add_argument("--write", metavar="PAGE", help="regenerate the reference section of PAGE")
    args = parser.parse_args(argv)
    if args.snapshot:
        Path(args.snapshot).parent.mkdir(parents=True, exist_ok=True)
        Path(args.snapshot).write_text(snapshot(), encoding="utf-8")
    if args.write:
        page = Path(args.write)
        page.write_text(update_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    if not (args.snapshot or args.write):
        print(snapshot(), end="")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
