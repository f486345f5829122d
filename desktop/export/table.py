"""CSV export of highlights that opens cleanly in spreadsheets."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from desktop.export.collect import Excerpt, Scope

# New columns go last, so the ones before keep their places (`edited`, the seconds, the turns).
COLUMNS = ["transcript", "speaker", "start", "end", "quote", "tags", "note", "created", "edited",
           "start_seconds", "end_seconds", "start_turn", "end_turn"]  # fmt: skip
TAG_SEPARATOR = "; "  # a tag name may not contain ";" (desktop.library.tags.tag_name), so this splits back
# Spreadsheets skip leading blanks before reading a formula, so "  =1+1" runs too.
_FORMULA = re.compile(r"\s*[=+\-@]|[\t\r]")


def cell(value: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula (after any blanks),
    or with a tab or carriage return, gets a leading `'`."""
    return "'" + value if _FORMULA.match(value) else value


def clock(seconds: float | None) -> str:
    """`hh:mm:ss`, hours always written and the fraction of a second left out (a spreadsheet
    reads `4:07` as four past midnight); empty when unknown."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60:02}:{minutes % 60:02}:{secs:02}"


def number(seconds: float | None) -> str:
    """Seconds as a plain number to the millisecond (`247.5`, `12`); empty when unknown."""
    return "" if seconds is None else f"{seconds:.3f}".rstrip("0").rstrip(".")


def write_table(header: list[str], rows: Iterable[list[str]], *, bom: bool = False) -> str:
    """A CSV table (CRLF line ends, fields quoted when needed), every text cell defused by
    `cell()`; optionally led by a UTF-8 byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def render_csv(scope: Scope, *, bom: bool = False, rows_per_tag: bool = False) -> str:
    """Every highlight as a row, in reading order; UTF-8 (optionally with BOM). `speaker` lists
    everyone the highlight quotes, in order, joined by "; "; `start` is the time of its first
    part and `end` the end of the turn it ends in, as `hh:mm:ss` and, in `start_seconds` and
    `end_seconds`, as seconds; `tags` are joined by "; "; `edited` is "yes" when words of the
    quote were changed after import, else "no"; `start_turn` and `end_turn` number the turns it
    starts and ends in from 1, as the reader and Go to count them (found where no time is).
    With `rows_per_tag` (Taguette's convention),
    a row per highlight and tag, the column named `tag`: a highlight with no tags gets one
    row with an empty tag."""
    header = [("tag" if rows_per_tag and c == "tags" else c) for c in COLUMNS]
    rows = []
    for excerpt in scope.excerpts:
        tags = excerpt.highlight.tags
        for tagged in ([[t] for t in tags] or [[]]) if rows_per_tag else [tags]:
            rows.append(_row(excerpt, TAG_SEPARATOR.join(tagged)))
    return write_table(header, rows, bom=bom)


def _row(e: Excerpt, tags: str) -> list[str]:
    h = e.highlight
    return [e.transcript.title, "; ".join(e.speakers), clock(e.start), clock(e.end), h.quote, tags, h.note,
            h.created, "yes" if e.edited else "no", number(e.start), number(e.end), str(h.start.turn + 1),
            str(h.end.turn + 1)]  # fmt: skip
