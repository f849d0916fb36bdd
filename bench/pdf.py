"""PDF benchmark: gailint's PDF read + check against ``pdftotext -layout`` alone.

The files: the three real PDFs of ../shared/domain/files (when present) and, with
``--seeds``, the five seed reports exported to PDF through Word (python-docx) and
LibreOffice, as the tests do. Side by side in one run, each file `--rounds` times:

* pdftotext — ``pdftotext -layout FILE -`` as a process (poppler, C++: the floor);
* gailint   — `gailint.readers.pdf.read_pdf` + every rule (`Linter.check_source`), in
  this process, after one warm-up (PDFium loaded, rules imported).

Prints pages/s for both, the ratio next to the target (gailint ≤ 3× pdftotext's time),
and the top entries of a profile of the gailint pass.

Usage: python bench/pdf.py [--rounds N] [--seeds] [--shared PATH]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0


def real_pdfs(shared: Path) -> list[Path]:
    files = shared / "domain" / "files"
    return sorted(files.glob("*.pdf")) if files.is_dir() else []


def seed_pdfs(work: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from tests.docfixtures import seed_to_docx

    documents = [seed_to_docx(p.read_text(encoding="utf-8"), work / f"{p.stem}.docx")
                 for p in sorted((ROOT / "examples").glob("*.txt"))]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), *map(str, documents)],
                   check=True, capture_output=True, timeout=600)
    return [d.with_suffix(".pdf") for d in documents]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seeds", action="store_true", help="also the seeds exported to PDF by LibreOffice")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    import pypdfium2 as pdfium

    from gailint.engine import Linter
    from gailint.readers.pdf import read_pdf
    from gailint.source import Source

    with tempfile.TemporaryDirectory() as tmp:
        files = real_pdfs(args.shared) + (seed_pdfs(Path(tmp)) if args.seeds else [])
        if not files:
            print("no PDFs: ../shared/domain/files is absent and --seeds not given", file=sys.stderr)
            return 2
        datas = [(f, f.read_bytes()) for f in files]
        pages = sum(len(pdfium.PdfDocument(d)) for _, d in datas) * args.rounds
        linter = Linter(load_plugins=False)

        def check_all() -> int:
            found = 0
            for path, data in datas:
                extracted = read_pdf(data, str(path))
                source = Source(str(path), extracted.text, "utf-8", format="pdf", origin=extracted.origin)
                found += len(linter.check_source(source).diagnostics)
            return found

        check_all()  # warm-up: PDFium loaded, rule modules imported, patterns compiled
        start = time.perf_counter()
        for _ in range(args.rounds):
            for path, _ in datas:
                subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True)
        floor = time.perf_counter() - start

        start = time.perf_counter()
        for _ in range(args.rounds):
            findings = check_all()
        ours = time.perf_counter() - start

        profile = cProfile.Profile()
        profile.enable()
        check_all()
        profile.disable()

    print(f"{len(files)} PDFs, {pages // args.rounds} pages, {args.rounds} rounds; {findings} diagnostics per round")
    print(f"pdftotext -layout        {floor:7.3f} s  {pages / floor:8.1f} pages/s")
    print(f"gailint read + check     {ours:7.3f} s  {pages / ours:8.1f} pages/s")
    verdict = "met" if ours / floor <= TARGET else "NOT met"
    print(f"ratio gailint / pdftotext {ours / floor:6.2f}×   (target ≤ {TARGET:g}×: {verdict})")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
    print("\nprofile of one gailint round (top entries by own time):")
    lines = out.getvalue().splitlines()
    table = lines[next(i for i, line in enumerate(lines) if "ncalls" in line):]
    print("\n".join(line.replace(str(ROOT) + "/", "") for line in table if line.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
