"""Reports over the coded library: tags by speaker, transcript or attribute value; tag
co-occurrence; who speaks how much. Pure Python over SQL; plain dataclasses out.

Rows are tags in tag-tree order, parents included: a parent's row counts the highlights of
its sub-tags too, each highlight once however many of the tags it carries.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from desktop.library.folding import fold
from desktop.library.models import LibraryError, SpeakerStats
from desktop.library.report_scope import BY_SPEAKER, BY_TRANSCRIPT, NO_SPEAKER, Filters, Scope, coded, columns, resolve
from desktop.library.tags import lookup_name
from desktop.library.word_counts import spoken_words, turn_counts

if TYPE_CHECKING:
    from desktop.library.store import Library

__all__ = ["BY_SPEAKER", "BY_TRANSCRIPT", "MEASURES", "NO_SPEAKER", "Filters", "Table", "cell_highlights",
           "cooccurrence", "matrix", "speaker_stats"]  # fmt: skip

MEASURES = ("count", "words", "share")
_FORMULA = re.compile(r"\s*[=+\-@]")  # a cell a spreadsheet would run as a formula


@dataclass
class Table:
    """A report: a row per tag (`depths`: its level in the tag tree), a column per speaker,
    transcript, attribute value or tag, and a number per row and column."""

    rows: list[str]
    columns: list[str]
    cells: list[list[float]]
    depths: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        """The table as `report --json` prints it: `{"rows", "columns", "cells"}`."""
        return {"rows": self.rows, "columns": self.columns, "cells": self.cells}

    def to_csv(self, target: str | Path | IO[str], corner: str = "tag") -> None:
        """Write the table as CSV: a header `tag, column…` (`corner` names the first column),
        then a line per row. A name a spreadsheet would run as a formula gets a leading `'`."""
        if isinstance(target, str | Path):
            with open(target, "w", encoding="utf-8", newline="") as file:
                self.to_csv(file, corner)
            return
        writer = csv.writer(target, lineterminator="\r\n")
        writer.writerow([_text(corner), *map(_text, self.columns)])
        for name, numbers in zip(self.rows, self.cells, strict=True):
            writer.writerow([_text(name), *map(_number, numbers)])

    def csv_text(self, corner: str = "tag") -> str:
        """The CSV `to_csv` writes, as a string."""
        buffer = io.StringIO()
        self.to_csv(buffer, corner)
        return buffer.getvalue()


def matrix(library: Library, by: str = BY_SPEAKER, measure: str = "count", filters: Filters | None = None) -> Table:
    """Tags × speakers (by name across transcripts; `(no speaker)` for unlabelled turns),
    transcripts (by title), or the values of an attribute (`(none)` for no value; a speaker
    attribute groups what speakers said by their value). A cell is the number of highlights
    (`count`), their words (`words`), or those words as a share of all the words spoken in the
    column (`share`, 0 to 1). A highlight across speakers counts once in each speaker's column,
    with the words of that speaker's part."""
    if measure not in MEASURES:
        raise LibraryError(f"{measure!r} is not a measure ({', '.join(MEASURES)})")
    scope = resolve(library, filters or Filters())
    cols = columns(library, by, scope)
    width = len(cols.names)
    counts = [[0] * width for _ in scope.rows]
    said = [[0] * width for _ in scope.rows]
    for _, _, rows, by_column in coded(library, scope, cols, words_too=measure != "count"):
        for row in rows:
            for column, words in by_column.items():
                counts[row][column] += 1
                said[row][column] += words
    if measure == "count":
        cells: list[list[float]] = counts  # type: ignore[assignment]
    elif measure == "words":
        cells = said  # type: ignore[assignment]
    else:
        spoken = _spoken(library, scope, cols.of, width)
        cells = [[words / spoken[c] if spoken[c] else 0.0 for c, words in enumerate(line)] for line in said]
    return Table(scope.rows, cols.names, cells, scope.depths)


def cell_highlights(library: Library, tag: str, column: str, by: str = BY_SPEAKER,
                    filters: Filters | None = None) -> list[int]:  # fmt: skip
    """Ids of the highlights counted in one cell of `matrix` (the row of `tag`, with its
    sub-tags), in reading order."""
    scope = resolve(library, filters or Filters())
    cols = columns(library, by, scope)
    name = fold(lookup_name(tag))
    row = next((r for r, n in enumerate(scope.rows) if fold(n) == name), None)
    if row is None:
        raise LibraryError(f"no tag named {tag!r} in this report")
    if column not in cols.names:
        raise LibraryError(f"no column {column!r} in this report")
    wanted = cols.names.index(column)
    found = coded(library, scope, cols, words_too=False)
    return [hid for hid, _, rows, by_column in found if row in rows and wanted in by_column]


def cooccurrence(library: Library, mode: str = "same", filters: Filters | None = None) -> Table:
    """Tags × tags. `same`: the highlights carrying both tags; `overlap`: the pairs of distinct
    highlights of one transcript whose words overlap, one with each tag. The diagonal is each
    tag's own number of highlights. Parents include their sub-tags, as in `matrix`."""
    if mode not in ("same", "overlap"):
        raise LibraryError(f"{mode!r} is not a kind of co-occurrence (same, overlap)")
    scope = resolve(library, filters or Filters())
    cols = columns(library, BY_TRANSCRIPT, scope)
    size = len(scope.rows)
    cells = [[0] * size for _ in range(size)]
    found = [(hid, tid, rows) for hid, tid, rows, _ in coded(library, scope, cols, words_too=False)]
    for _, _, rows in found:
        for row in rows:
            cells[row][row] += 1
            if mode == "same":
                for other in rows - {row}:
                    cells[row][other] += 1
    if mode == "overlap":
        for a, b in _overlapping_pairs(library, found):
            for row, other in {(r, o) for r in a for o in b} | {(o, r) for r in a for o in b}:
                if row != other:
                    cells[row][other] += 1
    return Table(scope.rows, list(scope.rows), cells, scope.depths)  # type: ignore[arg-type]


def _overlapping_pairs(library: Library, found: list) -> Iterable[tuple[frozenset[int], frozenset[int]]]:
    """The rows of both highlights of each pair whose spans overlap (share a character)."""
    wanted = {hid: rows for hid, _, rows in found}
    spans = library.conn.execute(
        "SELECT id, transcript_id, start_turn, start_offset, end_turn, end_offset FROM highlights "
        "WHERE orphan = 0 ORDER BY transcript_id, start_turn, start_offset, id"
    )
    open_spans: list[tuple[tuple[int, int], frozenset[int]]] = []  # (end, rows) of this transcript's earlier ones
    current = None
    for hid, tid, start_turn, start_offset, end_turn, end_offset in spans:
        if hid not in wanted:
            continue
        if tid != current:
            current, open_spans = tid, []
        start, end = (start_turn, start_offset), (end_turn, end_offset)
        open_spans = [(until, rows) for until, rows in open_spans if until > start]
        for _, rows in open_spans:
            yield rows, wanted[hid]
        open_spans.append((end, wanted[hid]))


def speaker_stats(library: Library, filters: Filters | None = None) -> list[SpeakerStats]:
    """Per speaker name, across the transcripts in scope, most words first: words and their
    share, turns and their share, each turn's length in words, and the questions asked
    (sentences ending in `?`), and the order they first speak in (`appears`: the reader's colour
    order, for one transcript). Turns without a speaker are `(no speaker)`. Tag filters do not
    apply (every turn is counted); `talk_time` is not reported here (None)."""
    scope = resolve(library, filters or Filters())
    names = dict(library.conn.execute("SELECT id, name FROM speakers"))
    totals: dict[str, list] = {}
    for _, _, speaker, words, questions in turn_counts(library, scope.transcripts):
        if scope.speaks(speaker):
            entry = totals.setdefault(names.get(speaker, NO_SPEAKER), [[], 0])
            entry[0].append(words)
            entry[1] += questions
    all_words = sum(sum(lengths) for lengths, _ in totals.values()) or 1
    all_turns = sum(len(lengths) for lengths, _ in totals.values()) or 1
    stats = [SpeakerStats(name, len(lengths), sum(lengths), sum(lengths) / all_words, None,
                          len(lengths) / all_turns, lengths, questions, appears)
             for appears, (name, (lengths, questions)) in enumerate(totals.items())]  # fmt: skip
    return sorted(stats, key=lambda s: (-s.words, fold(s.name), s.name))


def _spoken(library: Library, scope: Scope, column_of, width: int) -> list[int]:
    """The words spoken in each column: every turn of the transcripts in scope, by column."""
    spoken = [0] * width
    for (tid, speaker), words in spoken_words(library, scope.transcripts).items():
        if scope.speaks(speaker):
            spoken[column_of(tid, speaker)] += words
    return spoken


def _text(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def _number(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    return f"{value:.6f}".rstrip("0").rstrip(".")
