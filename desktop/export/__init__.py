"""Export: highlights and notes as Markdown, HTML, CSV or a REFI-QDA project. No Qt.

>>> scope = collect(library, tag="method")
>>> data = export(scope, "md", ExportOptions(quote_style="callout"))
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.export.collect import Excerpt, Scope, collect
from desktop.export.filenames import safe_filename
from desktop.export.html import render_html
from desktop.export.markdown import MarkdownOptions, render
from desktop.export.qdpx import render_qdpx
from desktop.export.table import render_csv

FORMATS = {"md": ".md", "html": ".html", "csv": ".csv", "qdpx": ".qdpx"}

__all__ = ["FORMATS", "Excerpt", "ExportOptions", "Scope", "collect", "export", "safe_filename", "write_export"]


@dataclass(frozen=True)
class ExportOptions:
    """Choices for an export: Markdown quote style and grouping, CSV byte-order mark."""

    quote_style: str = "blockquote"
    group_by_tag: bool = False
    bom: bool = False


def export(scope: Scope, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The bytes of an export in format `fmt` (a key of FORMATS)."""
    options = options or ExportOptions()
    markdown = MarkdownOptions(options.quote_style, options.group_by_tag)
    if fmt == "md":
        return render(scope, markdown).encode("utf-8")
    if fmt == "html":
        return render_html(scope, markdown).encode("utf-8")
    if fmt == "csv":
        return render_csv(scope, bom=options.bom).encode("utf-8")
    if fmt == "qdpx":
        return render_qdpx(scope, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


def write_export(data: bytes, path: Path) -> None:
    """Write a file whole or not at all (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".talkmark-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
