"""The report as PDF and as a picture, by printing the same HTML in headless Chromium: what a
reader sees on screen and on paper is one document, laid out by a real browser (print CSS in
templates/report.css: A4, each section on a new page)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# A long report on a loaded machine: generous, so a slow CI runner does not fail a good report.
TIMEOUT_SECONDS = 180
INSTALL_HINT = ("install it with `apt-get install -y chromium` (Debian/Ubuntu), or set VIGIL_CHROMIUM to the "
                "path of a Chromium or Chrome executable")


class ChromiumNotFound(RuntimeError):
    """No headless browser to print the PDF with."""


class ChromiumFailed(RuntimeError):
    """Chromium ran but did not write the file."""


def find_chromium() -> str:
    configured = os.environ.get("VIGIL_CHROMIUM")
    if configured:
        if Path(configured).is_file():
            return configured
        raise ChromiumNotFound(f"VIGIL_CHROMIUM={configured} does not exist; {INSTALL_HINT}")
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumNotFound(f"writing a PDF needs headless Chromium, which was not found on PATH "
                           f"(looked for {', '.join(CHROMIUM_NAMES)}); {INSTALL_HINT}")


def _run_chromium(html: Path, output_flag: str, output: Path, extra: tuple[str, ...] = ()) -> Path:
    browser = find_chromium()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.exists():
        output.unlink()
    with tempfile.TemporaryDirectory(prefix="vigil-chromium-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", *extra, f"{output_flag}={output}",
                   Path(html).resolve().as_uri()]
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise ChromiumFailed(f"Chromium did not finish writing {output} within {TIMEOUT_SECONDS} s") from None
    if not output.exists() or output.stat().st_size == 0:
        raise ChromiumFailed(f"Chromium did not write {output} (exit code {completed.returncode}): "
                             f"{completed.stderr.strip()[-500:]}")
    return output


def html_to_pdf(html: Path, pdf: Path) -> Path:
    """Print the HTML file to an A4 PDF (page size and breaks from the print CSS)."""
    return _run_chromium(html, "--print-to-pdf", pdf, ("--no-pdf-header-footer",))


def screenshot(html: Path, png: Path, width: int = 1200, height: int = 4000) -> Path:
    """A PNG of the page as a screen shows it (for looking at the layout)."""
    return _run_chromium(html, "--screenshot", png, (f"--window-size={width},{height}", "--hide-scrollbars"))
