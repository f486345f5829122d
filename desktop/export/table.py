"""CSV export of highlights that opens cleanly in spreadsheets."""

from __future__ import annotations

import csv
import io
import re

from desktop.export.collect import Scope
from desktop.formats.clock import format_clock

COLUMNS = ["transcript", "speaker", "start", "end", "quote", "tags", "note", "created", "edited"]
# Spreadsheets skip leading blanks before reading a formula, so "  =1+1" runs too.
_FORMULA = re.compile(r"\s*[=+\-@]|[\t\r]")


def cell(value: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula (after any blanks),
    or with a tab or carriage return, gets a leading `'`."""
    return "'" + value if _FORMULA.match(value) else value


def render_csv(scope: Scope, *, bom: bool = False) -> str:
    """Every highlight as a row; all fields quoted when needed, UTF-8 (optionally with BOM).
    `speaker` lists everyone the highlight quotes, in order, joined by "; "; `start` is
    the time of its first part; `edited` is "yes" when words of the quote were changed
    after import, else "no" (last, so the columns before it keep their places)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in scope.excerpts:
        h = e.highlight
        row = [e.transcript.title, "; ".join(e.speakers),
               format_clock(e.start) if e.start is not None else "", format_clock(e.end) if e.end is not None else "",
               h.quote, " ".join(h.tags), h.note, h.created, "yes" if e.edited else "no"]  # fmt: skip
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" if bom else "") + out.getvalue()
