"""Golden diagnostics: every seed and every development-corpus report gives exactly the
diagnostics recorded in tests/golden/diagnostics.json (code, start and end line:column,
and a digest of the message), so that a speed-up or a refactoring that changes any
finding, anywhere, fails here.

The seeds' messages are recorded in full; for the corpus (third-party text, never
copied into the project) only codes, positions and a digest of each message are kept.
After a deliberate change of findings, regenerate and review the diff:

    GAILINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from gailint.engine import Linter
from gailint.runner import check_bytes
from gailint.source import LineIndex

from .conftest import CORPUS, EXAMPLES

GOLDEN = Path(__file__).parent / "golden" / "diagnostics.json"


def _reports() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt")) + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])


def _key(path: Path) -> str:
    return ("examples/" if path.parent == EXAMPLES else "corpus/") + path.name


def findings(linter: Linter, path: Path) -> list[str]:
    result = check_bytes(linter, str(path), path.read_bytes())
    index = LineIndex(result.source.text) if result.source else None
    lines = []
    for d in result.diagnostics:
        start = "%d:%d" % index.position(d.span.start) if index else "1:1"
        end = "%d:%d" % index.position(d.span.end) if index else "1:1"
        message = d.message if path.parent == EXAMPLES else hashlib.sha256(d.message.encode()).hexdigest()[:12]
        lines.append(f"{d.code} {start}-{end} {message}")
    return lines


def test_golden_diagnostics():
    if not CORPUS.is_dir() and os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
    linter = Linter(load_plugins=False)
    current = {_key(path): findings(linter, path) for path in _reports()}
    if os.environ.get("GAILINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if not CORPUS.is_dir():
        golden = {key: value for key, value in golden.items() if key.startswith("examples/")}
    assert current == golden
