"""Export: highlights and notes as Markdown, HTML, CSV or a REFI-QDA project. No Qt.

>>> scope = collect(library, tag="method")
>>> data = export(scope, "md", ExportOptions(quote_style="callout"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.export.codebook import render_codebook_csv, render_qdc
from desktop.export.collect import Cancelled, Excerpt, Scope, collect
from desktop.export.filenames import safe_filename
from desktop.export.html import render_html
from desktop.export.markdown import MarkdownOptions, render
from desktop.export.qdpx import render_qdpx
from desktop.export.table import render_csv
from desktop.export.writing import ExportError, write_export

FORMATS = {"md": ".md", "html": ".html", "csv": ".csv", "qdpx": ".qdpx"}
# The codebook of the tag tree (desktop/export/codebook.py); a name of its own beside the highlights' CSV.
FORMATS |= {"qdc": ".qdc", "codebook-csv": "-codebook.csv"}
# Drawn with Qt by desktop.printing (render_pdf), outside this pure package: export() refuses them.
PRINTED = {"pdf": ".pdf"}

__all__ = [
    "FORMATS",
    "PRINTED",
    "Cancelled",
    "Excerpt",
    "ExportError",
    "ExportOptions",
    "Scope",
    "collect",
    "export",
    "safe_filename",
    "write_export",
]


@dataclass(frozen=True)
class ExportOptions:
    """Choices for an export: Markdown quote style, grouping and links to the recording, CSV
    byte-order mark."""

    quote_style: str = "blockquote"
    group_by_tag: bool = False
    bom: bool = False
    media_links: bool = False  # Markdown: a ▶ link to each quote's moment in the recording
    rows_per_tag: bool = False  # CSV: a row per highlight and tag (Taguette's convention)


def export(scope: Scope, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The bytes of an export in format `fmt` (a key of FORMATS)."""
    if fmt in PRINTED:
        raise ValueError(f"{fmt} is drawn with Qt: use desktop.printing.render_pdf(scope, options), not export()")
    options = options or ExportOptions()
    markdown = MarkdownOptions(options.quote_style, options.group_by_tag, media_links=options.media_links)
    if fmt == "md":
        return render(scope, markdown).encode("utf-8")
    if fmt == "html":
        return render_html(scope, markdown).encode("utf-8")
    if fmt == "csv":
        return render_csv(scope, bom=options.bom, rows_per_tag=options.rows_per_tag).encode("utf-8")
    if fmt == "codebook-csv":
        return render_codebook_csv(scope, bom=options.bom).encode("utf-8")
    if fmt == "qdc":
        return render_qdc(scope)
    if fmt == "qdpx":
        return render_qdpx(scope, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
