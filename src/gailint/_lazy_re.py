"""Module-level regular expressions compiled on first use, not at import.

gailint's modules hold about a hundred patterns, many with CJK character classes
that `re` takes a fraction of a millisecond each to compile. Compiled at import
they cost every run ~20 ms, including a run answered from the cache, which
never matches anything. `lazy_compile` returns a stand-in that compiles on the
first method call and then binds the compiled pattern's methods to itself, so
later calls cost what a compiled pattern's do.
"""

from __future__ import annotations

import re
from typing import cast

__all__ = ["LazyPattern", "lazy_compile"]

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Behaves as ``re.compile(pattern, flags)`` for method calls and attributes."""

    __slots__ = ("_source", "_flags", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:  # only for attributes not set yet
        if name.startswith("_"):  # _source and friends during copy or unpickling
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def flags(self) -> int:
        return self.compiled().flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiling it now if need be)."""
        if self._compiled is None:
            self._compiled = compiled = re.compile(self._source, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return self._compiled

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used: for module-level constants.

    Typed as the `re.Pattern` it stands in for: it answers every method and attribute
    of one (tests/test_lazy_re.py holds it to that), so type checkers see the real
    signatures. Only ``isinstance(p, re.Pattern)`` tells them apart."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
