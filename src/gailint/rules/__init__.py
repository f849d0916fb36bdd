"""The built-in rules, by convention: every ``gaiNNN_name.py`` module in this package is
one rule, registered through the same hook third-party plugins use.

A module ``gai201_row_total`` defines exactly one `Rule` subclass, whose ``code`` is
``GAI201`` and whose ``name`` is ``row-total``. There is no list to edit: adding a
built-in rule is adding its module (and its cases in ``rules/GAI201.toml``), then
regenerating the docs (``gailint rule --write-docs docs/rules``).

`REGISTRY` is the central table — code → name → module — read from the package's file
names alone (`pkgutil`, no import), so `gailint rule CODE` and the documentation import
only the module they need. Modules whose names start with ``_`` hold what several rules
share (`_base`, `_arith`) and are not rules.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .._lazy_re import lazy_compile
from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..rule import Rule

__all__ = ["REGISTRY", "Entry", "all_rules", "gailint_rules", "load", "scan"]

_MODULE = lazy_compile(r"gai(\d{3})_([a-z0-9]+(?:_[a-z0-9]+)*)")


class Entry(NamedTuple):
    """One built-in rule as its module's name declares it."""

    code: str       # "GAI201"
    name: str       # "row-total"
    module: str     # "gailint.rules.gai201_row_total"


def scan(path: Iterable[str], package: str = __name__) -> dict[str, Entry]:
    """The rule modules in the directories `path` of `package`, by code (no module is imported).
    ValueError for a module that is neither a rule (``gaiNNN_name``) nor a helper (``_name``)."""
    table: dict[str, Entry] = {}
    for info in pkgutil.iter_modules(list(path)):
        match = _MODULE.fullmatch(info.name)
        if match is None:
            if not info.name.startswith("_"):
                raise ValueError(f"{package}.{info.name}: a module here is a rule named gaiNNN_name, "
                                 "or a shared helper named _name")
            continue
        code = f"GAI{match[1]}"
        if code in table:
            raise ValueError(f"two modules claim {code}: {table[code].module} and {package}.{info.name}")
        table[code] = Entry(code, match[2].replace("_", "-"), f"{package}.{info.name}")
    return dict(sorted(table.items()))


REGISTRY: MappingProxyType[str, Entry] = MappingProxyType(scan(__path__))


def load(code: str) -> type[Rule]:
    """The rule class of a built-in code, importing only its module. KeyError if there is none.

    The module must define exactly one `Rule` subclass, and its ``code`` and ``name`` must be
    the ones the module's file name declares (ValueError otherwise: a bug in gailint)."""
    from ..rule import Rule

    entry = REGISTRY[code.upper()]
    module = importlib.import_module(entry.module)
    found = [value for value in vars(module).values()
             if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == entry.module]
    if len(found) != 1:
        raise ValueError(f"{entry.module} defines {len(found)} Rule subclasses; a rule module defines exactly one")
    rule = found[0]
    if getattr(rule, "code", None) != entry.code or getattr(rule, "name", None) != entry.name:
        raise ValueError(f"{entry.module}: {rule.__qualname__} has code {getattr(rule, 'code', None)!r} and name "
                         f"{getattr(rule, 'name', None)!r}; its file name says {entry.code!r} and {entry.name!r}")
    return rule


def all_rules() -> list[type[Rule]]:
    """Every built-in rule, in code order."""
    return [load(code) for code in REGISTRY]


@hookimpl
def gailint_rules() -> list[type[Rule]]:
    return all_rules()
