"""The progress bar of a long ``check`` on a terminal: files done / total, rate and ETA.

One line on stderr, redrawn in place::

     37% ███████████░░░░░░░░░░░░░░░░░░░  370/1000  152.3/s  ETA 0:04  archive/2024/xx.txt

Silent when stderr is not a terminal (a pipe, a file, CI) and with ``-q`` (the
caller makes none). It appears only once a run has lasted `DELAY` seconds, so a
short run never flickers, and is redrawn at most every `INTERVAL` seconds, so a
fast run does not spend its time writing to the terminal. The line never exceeds
the terminal's width (CJK characters count two columns), or it would wrap and
``\\r`` could no longer redraw it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from .output import display_width

__all__ = ["Progress"]

DELAY = 0.5         # seconds before the bar first shows
INTERVAL = 0.1      # seconds between two redraws
_BAR = 30           # cells of the bar on a terminal of 80 columns or more
_CLEAR = "\r\033[K"


class Progress:
    """``update(done, path)`` after each file, ``clear()`` before writing anything else to the
    terminal, ``done()`` at the end (the line is erased)."""

    def __init__(self, total: int, stream: TextIO | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = total > 1 and _isatty(self.stream)
        self._clock = clock
        self._start = clock()
        self._drawn_at: float | None = None
        self.shown = False

    def update(self, done: int, path: str = "") -> None:
        if not self.enabled:
            return
        now = self._clock()
        elapsed = now - self._start
        if elapsed < DELAY:
            return
        if self._drawn_at is not None and now - self._drawn_at < INTERVAL and done < self.total:
            return
        self._drawn_at = now
        self.stream.write(_CLEAR + self.line(done, path, elapsed, _columns(self.stream)))
        self.stream.flush()
        self.shown = True

    def line(self, done: int, path: str, elapsed: float, columns: int = 80) -> str:
        """The bar for `done` of the files after `elapsed` seconds, at most `columns` - 1 wide."""
        fraction = done / self.total if self.total else 1.0
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = _duration((self.total - done) / rate) if rate > 0 else "--:--"
        stats = f"  {done}/{self.total}  {rate:.1f}/s  ETA {eta}"
        width = _BAR if columns >= 80 else max(5, columns - len(stats) - 7)
        filled = min(width, int(fraction * width))
        text = f"{fraction:4.0%} {'█' * filled}{'░' * (width - filled)}{stats}"
        room = columns - 1 - display_width(text) - 2
        if room >= 8 and path:
            text += "  " + _tail(path, room)
        return _fit(text, columns - 1)

    def clear(self) -> None:
        """Erase the line (before diagnostics are written to the same terminal)."""
        if self.shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.shown = False

    def done(self) -> None:
        self.clear()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or fake stream
        return False


def _columns(stream: TextIO) -> int:
    """The width of the terminal the bar is drawn on (stderr's, not stdout's: stdout may be a file)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


def _duration(seconds: float) -> str:
    """0:04, 12:30, 1:02:03."""
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _tail(path: str, room: int) -> str:
    """The end of `path` in at most `room` columns ("…" + the end when it is longer)."""
    if display_width(path) <= room:
        return path
    kept = ""
    for ch in reversed(path):
        if display_width(ch + kept) > room - 1:
            break
        kept = ch + kept
    return "…" + kept


def _fit(text: str, columns: int) -> str:
    """`text` cut to `columns` display columns (a very narrow terminal)."""
    if display_width(text) <= columns:
        return text
    kept = ""
    for ch in text:
        if display_width(kept + ch) > columns:
            break
        kept += ch
    return kept
