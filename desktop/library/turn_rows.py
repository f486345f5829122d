"""A transcript's turns as rows: reading runs of them, and writing runs back with everything
that points at their numbers (highlights, label repairs) and the speakers they name.

Corrections (corrections.py) are built from these; a `State` is what one touched, before or
after, so `transition` can put either back exactly, after checking the rows are as expected.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.library.anchoring import context_reach
from desktop.library.changes import Changes
from desktop.library.models import ConflictError, LibraryError

if TYPE_CHECKING:
    from desktop.library.store import Library

HIGHLIGHT = "id, start_turn, start_offset, end_turn, end_offset, quote, prefix, suffix, orphan, original_quote"


@dataclass(frozen=True)
class TurnRow:
    """A turn as stored (`timing` encoded; `original` the imported text, when it differs)."""

    id: int | None
    speaker: str | None
    text: str
    start: float | None
    end: float | None
    timing: str
    original: str | None


@dataclass(frozen=True)
class Run:
    """Consecutive turns from index `at`."""

    at: int
    rows: tuple[TurnRow, ...]


@dataclass(frozen=True)
class State:
    """What a correction touches, before or after it: its runs of turns, the transcript's
    speakers (id, name), the highlights it moved (their place columns) and label repairs."""

    runs: tuple[Run, ...]
    speakers: tuple[tuple[int, str], ...]
    highlights: tuple[tuple, ...]
    repairs: tuple[tuple, ...]


def on_runs(row: tuple, runs: list[Run]) -> bool:
    """Whether a highlight's place columns lie on one of the runs (not only beside them, where
    a change of turn number is no move in the text)."""
    return any(row[1] < run.at + len(run.rows) and row[3] >= run.at for run in runs)


class TurnRows:
    """Reads and writes the turn rows of a library's transcripts."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def transition(self, tid: int, current: State, target: State) -> None:
        """Put back `target` over `current`, checking first that the rows are as `current` says."""
        for run in current.runs:
            if self.rows(tid, run.at, len(run.rows), strict=False) != run.rows:
                raise ConflictError(f"turn {run.at} was changed elsewhere")
        ids = [h[0] for h in current.highlights]
        if self.highlight_rows(ids) != list(current.highlights):
            raise ConflictError("a highlight it moved was changed elsewhere")
        if self.speakers(tid) != current.speakers or self.repairs(tid) != current.repairs:
            raise ConflictError("the transcript's speakers or label repairs were changed elsewhere")
        self.write_runs(tid, list(current.runs), [run.rows for run in target.runs], current.speakers,
                         target.speakers)  # fmt: skip
        self.write_highlights(list(target.highlights))
        for rid, turn, undone in target.repairs:
            self._conn.execute("UPDATE label_repairs SET turn = ?, undone = ? WHERE id = ?", (turn, undone, rid))
        keep = {sid for sid, _ in target.speakers}
        for sid, _ in current.speakers:
            if sid not in keep:
                self._conn.execute("DELETE FROM speakers WHERE id = ?", (sid,))
        self.noted(tid)

    def write_runs(self, tid: int, runs: list[Run], new_rows: list[tuple[TurnRow, ...]],
                    speakers: tuple[tuple[int, str], ...],
                    restore: tuple[tuple[int, str], ...] = ()) -> list[Run]:  # fmt: skip
        """Replace each run's turns by the new rows (last run first, so indexes hold), shifting
        the turns, highlights and repairs after it; returns the runs as written, with ids."""
        ids = {name: sid for sid, name in speakers}
        for sid, name in restore:
            if name not in ids:
                self._conn.execute("INSERT INTO speakers (id, transcript_id, name) VALUES (?, ?, ?)", (sid, tid, name))
                ids[name] = sid
        for rows in new_rows:
            for row in rows:
                if row.speaker is not None and row.speaker not in ids:
                    ids[row.speaker] = self._lib.db["speakers"].insert(
                        {"transcript_id": tid, "name": row.speaker}).last_pk  # fmt: skip
        written: list[Run] = []
        for run, rows in sorted(zip(runs, new_rows, strict=True), key=lambda pair: -pair[0].at):
            old, at = run.rows, run.at
            for gone in old[len(rows) :]:
                self._conn.execute("DELETE FROM turn_store WHERE id = ?", (gone.id,))
            if len(rows) != len(old):
                self.shift(tid, from_index=at + len(old), by=len(rows) - len(old))
            stored = []
            for i, row in enumerate(rows):
                values = (ids.get(row.speaker), row.text, row.start, row.end, row.timing, row.original)
                if i < len(old):
                    self._conn.execute('UPDATE turn_store SET speaker_id = ?, text = pack_text(?), start = ?, '
                                       '"end" = ?, timing = ?, original = ? WHERE id = ?',
                                       (*values, old[i].id))  # fmt: skip
                    stored.append(replace(row, id=old[i].id))
                else:
                    if (
                        row.id is not None
                        and self._conn.execute("SELECT 1 FROM turns WHERE id = ?", (row.id,)).fetchone()
                    ):
                        row = replace(row, id=None)  # its old id was taken meanwhile
                    cursor = self._conn.execute(
                        "INSERT INTO turn_store (id, transcript_id, idx, speaker_id, text, start, "
                        '"end", timing, original) VALUES (?, ?, ?, ?, pack_text(?), ?, ?, ?, ?)',
                        (row.id, tid, at + i, *values))  # fmt: skip
                    stored.append(replace(row, id=cursor.lastrowid))
            written.append(Run(at, tuple(stored)))
        written.reverse()
        # Indexes in the new numbering: each run moves by what the runs before it added.
        delta, placed = 0, []
        for run, new in zip(runs, written, strict=True):
            placed.append(Run(run.at + delta, new.rows))
            delta += len(new.rows) - len(run.rows)
        return placed

    def shift(self, tid: int, *, from_index: int, by: int) -> None:
        """Renumber turns from `from_index` on, and the highlights and repairs pointing at them."""
        # Through negative numbers, so no two turns share an index mid-update.
        self._conn.execute("UPDATE turn_store SET idx = -1 - (idx + ?) WHERE transcript_id = ? AND idx >= ?",
                           (by, tid, from_index))  # fmt: skip
        self._conn.execute("UPDATE turn_store SET idx = -1 - idx WHERE transcript_id = ? AND idx < 0", (tid,))
        for column in ("start_turn", "end_turn"):
            self._conn.execute(
                f"UPDATE highlights SET {column} = {column} + ? WHERE transcript_id = ? AND {column} >= ?",
                (by, tid, from_index),
            )
        self._conn.execute("UPDATE label_repairs SET turn = turn + ? WHERE transcript_id = ? AND turn >= ?",
                           (by, tid, from_index))  # fmt: skip

    def write_highlights(self, rows: list[tuple]) -> None:
        """Store highlights' place columns (as `HIGHLIGHT` lists them)."""
        self._conn.executemany(
            "UPDATE highlights SET start_turn = ?, start_offset = ?, end_turn = ?, end_offset = ?, quote = ?, "
            "prefix = ?, suffix = ?, orphan = ?, original_quote = ? WHERE id = ?",
            [(*row[1:], row[0]) for row in rows],
        )

    def drop_unused_speakers(self, tid: int) -> None:
        """Remove the speakers no turn of the transcript names."""
        self._conn.execute(
            "DELETE FROM speakers WHERE transcript_id = ? AND id NOT IN "
            "(SELECT speaker_id FROM turns WHERE transcript_id = ? AND speaker_id IS NOT NULL)",
            (tid, tid),
        )

    def noted(self, tid: int) -> None:
        """Tell the views the transcript's turns changed."""
        which = frozenset([tid])
        self._lib.note(Changes(transcripts=which, turns=which))

    def rows(self, tid: int, at: int, count: int, *, strict: bool = True) -> tuple[TurnRow, ...]:
        """Turns `at` to `at + count - 1`; with `strict`, a LibraryError if any is missing."""
        rows = tuple(TurnRow(*row) for row in self._conn.execute(
            'SELECT t.id, s.name, t.text, t.start, t."end", t.timing, t.original FROM turns t '
            "LEFT JOIN speakers s ON s.id = t.speaker_id WHERE t.transcript_id = ? AND t.idx BETWEEN ? AND ? "
            "ORDER BY t.idx", (tid, at, at + count - 1)))  # fmt: skip
        if strict and len(rows) != count:
            self._lib.transcripts.get(tid)  # names a missing transcript first
            raise LibraryError(f"transcript {tid} has no turn {at if at < 0 or not rows else at + len(rows)}")
        return rows

    def texts(self, tid: int, first: int, last: int) -> list[str]:
        """The text of turns `first` to `last`."""
        rows = self._conn.execute(
            "SELECT text FROM turns WHERE transcript_id = ? AND idx BETWEEN ? AND ? ORDER BY idx", (tid, first, last)
        )
        return [text for (text,) in rows]

    def speakers(self, tid: int) -> tuple[tuple[int, str], ...]:
        """The transcript's speakers, (id, name) by id."""
        return tuple(self._conn.execute("SELECT id, name FROM speakers WHERE transcript_id = ? ORDER BY id", (tid,)))

    def repairs(self, tid: int) -> tuple[tuple, ...]:
        """The transcript's label repairs, (id, turn, undone) by id."""
        return tuple(self._conn.execute(
            "SELECT id, turn, undone FROM label_repairs WHERE transcript_id = ? ORDER BY id", (tid,)))  # fmt: skip

    def touched_highlights(self, tid: int, runs: list[Run]) -> list[tuple]:
        """The place columns of every highlight on the runs, and of every live one whose
        context can take in their text (anchoring.context_reach)."""
        lengths = [n for (n,) in self._conn.execute(
            "SELECT length(text) FROM turns WHERE transcript_id = ? ORDER BY idx", (tid,))]  # fmt: skip
        reach = [context_reach(lengths, run.at, run.at + len(run.rows)) for run in runs]
        rows = self._conn.execute(
            f"SELECT {HIGHLIGHT} FROM highlights WHERE transcript_id = ? AND start_turn < ? AND end_turn >= ? "
            "ORDER BY id", (tid, max(hi for _, hi in reach), min(lo for lo, _ in reach))).fetchall()  # fmt: skip
        return [row for row in rows if on_runs(row, runs) or (
            not row[8] and any(row[1] < hi and row[3] >= lo for lo, hi in reach))]  # fmt: skip

    def highlight_rows(self, ids: list[int]) -> list[tuple]:
        """The place columns of these highlights, in this order (None for one gone)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            row[0]: row for row in self._conn.execute(f"SELECT {HIGHLIGHT} FROM highlights WHERE id IN ({marks})", ids)
        }
        return [found.get(i) for i in ids]
