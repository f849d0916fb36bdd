"""`paused`: Python's cyclic garbage collector paused around one document's work.

Reading a Word file or an HTML page creates thousands of short-lived objects (lxml
element proxies, tuples of text and place) that reference counting frees; none of
them form cycles, but their number triggers collections that scan the whole heap of
a process that has loaded the rules. Measured on `bench/readers.py` (rules loaded, 5
rounds, CPU time): the HTML reader 140 → 161 documents/s and 110 → 155/s on a busier
run, the Word reader 203 → 215/s. The engine pauses it the same way while it checks a
report: the AST is a tree of acyclic value objects, and on a large table the collector's
repeated scans of the growing heap cost a third of the time and freed nothing.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore it as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
