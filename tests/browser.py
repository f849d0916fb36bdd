"""Debian's chromium driven through its own chromedriver (selenium): nothing is downloaded.

Also a script: ``python -m tests.browser DOCS_DIR`` regenerates the README's screenshots
of the HTML report on the seed reports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def available() -> str | None:
    """None when chromium and its driver are installed, else what is missing."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    return f"{' and '.join(missing)} not installed (Debian: chromium chromium-driver)" if missing else None


def start_chromium(profile: Path, width: int = 1400, height: int = 1000):
    """A headless chromium with a fresh profile in `profile`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def screenshots(docs: Path) -> list[Path]:
    """The index and one report of the page for the seed reports, as the README shows them."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp, "examples")
        reports.mkdir()
        for seed in sorted((root / "examples").glob("*.txt")):
            shutil.copy(seed, reports)
        page = Path(tmp, "report.html")
        subprocess.run([sys.executable, "-m", "gailint.cli", "check", "--no-cache", "--output-format", "html",
                        "-o", str(page), "examples"], cwd=tmp, check=False)
        driver = start_chromium(Path(tmp, "profile"), 1280, 900)
        try:
            written = []
            driver.get(page.as_uri())
            written.append(_shot(driver, docs / "html-report-index.png"))
            driver.set_window_size(1280, 1250)
            driver.get(page.as_uri() + "#r1-d3")   # seed 000's damaged table 2, its notes beside the rows
            written.append(_shot(driver, docs / "html-report-report.png"))
            return written
        finally:
            driver.quit()


def _shot(driver, path: Path) -> Path:
    driver.save_screenshot(str(path))
    return path


if __name__ == "__main__":  # pragma: no cover
    for path in screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(path)
