"""What keeps a benchmark's rounds honest: gailint's caches of report text emptied between them.

gailint memoises a few pure functions of text with bounded `functools.lru_cache`s
(`text.normalize`, `text.parse_value`, `template.match_table2_row`, …). In a batch of
new reports they hit on what recurs from report to report — the template's labels,
small numbers — and miss on the rest: each report's own lines and cells. A benchmark
that checks the same reports round after round would find every line of them in the
caches from the second round on, and measure a batch that never occurs (+37 % machine
instructions per report once they are emptied, measured when this was found). So every
round starts with them empty, and sees the reports as a batch would see them the first
time. Unbounded `functools.cache`s (the LALR parser, the template's patterns and names)
are built once per process from no report's text, and are kept.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def text_caches() -> Callable[[], None]:
    """A function that empties every bounded `lru_cache` of gailint's modules loaded now (call this
    once the pipeline has run, so that all of them are loaded)."""
    found: dict[int, Callable[[], None]] = {}
    for name, module in list(sys.modules.items()):
        if name != "gailint" and not name.startswith("gailint."):
            continue
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] is not None:
                found[id(value)] = value.cache_clear
    clears = list(found.values())

    def empty() -> None:
        for clear in clears:
            clear()

    return empty
