"""The audit report: figures gathered from the store (build.py), charts as inline SVG (charts.py),
one self-contained HTML file (render.py, templates/) and a PDF printed by headless Chromium (pdf.py).

Public surface:
    build_report(store, month=None) -> Report      every figure, as plain data
    render_html(report) -> str
    write_report(db_path, out, pdf=None, month=None) -> list[Path]   what `vigil report` does
docs/report.md explains each section and how each figure is computed.
"""

from __future__ import annotations

from pathlib import Path


def build_report(store, month=None, title=None):
    from vigil.report.build import build_report as build

    return build(store, month=month, title=title)


def render_html(report) -> str:
    from vigil.report.render import render_html as render

    return render(report)


def write_report(db_path, out, pdf=None, month=None) -> list[Path]:
    """Build from the store at db_path (opened read-only), write the HTML, and the PDF if asked."""
    from vigil.report.render import write_html
    from vigil.store import open_store

    with open_store(db_path, read_only=True) as store:
        report = build_report(store, month=month)
    written = [write_html(report, Path(out))]
    if pdf is not None:
        from vigil.report.pdf import html_to_pdf

        written.append(html_to_pdf(Path(out), Path(pdf)))
    return written


__all__ = ["build_report", "render_html", "write_report"]
