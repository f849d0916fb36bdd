"""Shared fixtures. The seeds ship in examples/; the development corpus is read from
../shared/domain when present (third-party material, never copied into the project)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from gailint.engine import Linter
from gailint.parser import parse
from gailint.recognize import recognize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("GAILINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "domain" / "corpus"

SEEDS = {p.name[:3]: p for p in sorted(EXAMPLES.glob("*.txt"))}


def corpus_file(prefix: str) -> Path:
    """A corpus file by its number, e.g. '008'. Skips when ../shared is absent, except in CI."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
        pytest.skip(f"development corpus not present at {CORPUS} (set GAILINT_SHARED)")
    matches = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    assert len(matches) == 1, f"expected one corpus file {prefix}_*, found {matches}"
    return matches[0]


def domain_file(name: str) -> Path:
    """An original document of ../shared/domain/files by name. Skips when absent, except in CI."""
    path = SHARED / "domain" / "files" / name
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared file is missing at {path}")
        pytest.skip(f"shared document not present at {path} (set GAILINT_SHARED)")
    return path


def gailint_executable() -> str:
    """The `gailint` command installed beside this Python (else the first on PATH), for the
    tests that run it as a user does."""
    exe = shutil.which("gailint", path=os.path.dirname(sys.executable)) or shutil.which("gailint")
    assert exe, "gailint is not installed in this environment"
    return exe


def report_of(text: str):
    return recognize(parse(text))


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(load_plugins=False)


def position(text: str, offset: int) -> tuple[int, int]:
    from gailint.source import LineIndex

    return LineIndex(text).position(offset)
