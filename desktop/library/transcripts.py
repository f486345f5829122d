"""Transcripts and their turns: import, listing, renaming, deleting, and text corrections."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.formats import Transcript
from desktop.formats.repair import move_back, move_back_timing, move_forward, move_forward_timing
from desktop.formats.timing import Timing
from desktop.library.changes import Changes
from desktop.library.models import ConflictError, ImportResult, LibraryError, Repair, TranscriptInfo, TurnRecord, now
from desktop.library.timing_codec import decode, encode

if TYPE_CHECKING:
    from desktop.library.store import Library

_INFO = """
    SELECT t.id, t.title, t.source, t.format, t.imported_at,
        (SELECT json_group_array(name) FROM (SELECT name FROM speakers s WHERE s.transcript_id = t.id ORDER BY s.id)),
        (SELECT count(*) FROM turns WHERE transcript_id = t.id),
        (SELECT count(*) FROM highlights WHERE transcript_id = t.id)
    FROM transcripts t
"""


class Transcripts:
    """The transcripts of a library."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def add(self, transcript: Transcript, content_hash: str) -> ImportResult:
        """Store a parsed transcript whole, or report the copy already stored."""
        with self._lib.write():
            existing = self._conn.execute(
                "SELECT id, title, (SELECT count(*) FROM turns WHERE transcript_id = transcripts.id) "
                "FROM transcripts WHERE content_hash = ?",
                (content_hash,),
            ).fetchone()
            if existing:
                return ImportResult(*existing, duplicate=True)
            db = self._lib.db
            tid = db["transcripts"].insert({
                "title": transcript.title, "source": transcript.source, "format": transcript.format,
                "content_hash": content_hash, "imported_at": now(),
                "metadata": json.dumps(transcript.metadata, ensure_ascii=False, sort_keys=True),
            }).last_pk  # fmt: skip
            speaker_ids = {
                name: db["speakers"].insert({"transcript_id": tid, "name": name}).last_pk
                for name in transcript.speakers
            }
            db["turns"].insert_all(
                {"transcript_id": tid, "idx": t.index, "speaker_id": speaker_ids.get(t.speaker), "text": t.text,
                 "start": t.start, "end": t.end, "timing": encode(t.timing)}
                for t in transcript.turns
            )  # fmt: skip
            db["label_repairs"].insert_all(
                {"transcript_id": tid, "turn": r.turn, "words": r.words, "sep": r.sep} for r in transcript.repairs
            )
            self._lib.note(Changes(transcripts=frozenset([tid])))
        return ImportResult(tid, transcript.title, len(transcript.turns))

    def list(self, filter: str = "") -> list[TranscriptInfo]:
        """Every transcript, newest first; `filter` matches title, source or a speaker."""
        sql = _INFO
        params: tuple = ()
        if filter.strip():
            pattern = f"%{filter.strip()}%"
            sql += (
                " WHERE t.title LIKE ? OR t.source LIKE ? OR EXISTS "
                "(SELECT 1 FROM speakers s WHERE s.transcript_id = t.id AND s.name LIKE ?)"
            )
            params = (pattern, pattern, pattern)
        return [_info(row) for row in self._conn.execute(sql + " ORDER BY t.id DESC", params)]

    def get(self, transcript_id: int) -> TranscriptInfo:
        """One transcript (LibraryError when there is none with that id)."""
        row = self._conn.execute(_INFO + " WHERE t.id = ?", (transcript_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no transcript with id {transcript_id}")
        return _info(row)

    def turns(self, transcript_id: int) -> list[TurnRecord]:
        """A transcript's turns in order."""
        rows = self._conn.execute(
            'SELECT t.idx, s.name, t.text, t.start, t."end", t.timing FROM turns t '
            "LEFT JOIN speakers s ON s.id = t.speaker_id WHERE t.transcript_id = ? ORDER BY t.idx",
            (transcript_id,),
        )
        return [TurnRecord(*row[:5], decode(row[5])) for row in rows]

    def rename(self, transcript_id: int, title: str, *, expect: str | None = None) -> str:
        """Give a transcript a new title (with `expect`, only if its title is still that);
        returns the title as stored."""
        title = " ".join(title.split())
        if not title:
            raise LibraryError("a title cannot be empty")
        with self._lib.write():
            self._require(transcript_id)
            if expect is not None and self.get(transcript_id).title != expect:
                raise ConflictError(f"transcript {transcript_id} was renamed elsewhere")
            self._lib.db["transcripts"].update(transcript_id, {"title": title})
            self._lib.note(Changes(transcripts=frozenset([transcript_id])))
            return title

    def delete(self, transcript_id: int) -> None:
        """Remove a transcript with its turns, highlights and notes (tags stay)."""
        with self._lib.write():
            self._require(transcript_id)
            self._lib.db["transcripts"].delete(transcript_id)
            gone = frozenset([transcript_id])
            self._lib.note(Changes(transcripts=gone, turns=gone, tags=True))

    def edit_turn(self, transcript_id: int, index: int, text: str) -> None:
        """Correct a turn's text; highlights on it re-anchor."""
        if not text.strip():
            raise LibraryError("a turn's text cannot be empty")
        with self._lib.write(), self._lib.highlights.reanchoring(transcript_id):
            self._turn_id(transcript_id, index)
            self._set_text(transcript_id, index, text)
            timing = self._timing(transcript_id, index)
            self._set_timing(transcript_id, index, timing.split(len(text))[0])  # times past the new end go

    def split_turn(self, transcript_id: int, index: int, offset: int) -> None:
        """Split a turn in two at a character offset (same speaker); later turns move down one."""
        with self._lib.write(), self._lib.highlights.reanchoring(transcript_id):
            turn_id = self._turn_id(transcript_id, index)
            text, speaker_id, end = self._conn.execute(
                'SELECT text, speaker_id, "end" FROM turns WHERE id = ?', (turn_id,)
            ).fetchone()
            left, right = text[:offset].rstrip(), text[offset:].lstrip()
            if not left or not right:
                raise LibraryError("a split must leave text on both sides")
            before, after = self._timing(transcript_id, index).split(len(left), skip=len(text) - len(left) - len(right))
            self._shift(transcript_id, after=index, by=1)
            self._set_text(transcript_id, index, left)
            self._set_timing(transcript_id, index, before)
            self._conn.execute('UPDATE turns SET "end" = NULL WHERE id = ?', (turn_id,))  # the split point is untimed
            self._conn.execute(
                'INSERT INTO turns (transcript_id, idx, speaker_id, text, start, "end", timing) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (transcript_id, index + 1, speaker_id, right, after.time_at(0), end, encode(after)),
            )

    def merge_turns(self, transcript_id: int, index: int) -> None:
        """Join turn `index + 1` onto turn `index` as a new paragraph; later turns move up one."""
        with self._lib.write(), self._lib.highlights.reanchoring(transcript_id):
            first, second = self._turn_id(transcript_id, index), self._turn_id(transcript_id, index + 1)
            text, end = self._conn.execute('SELECT text, "end" FROM turns WHERE id = ?', (second,)).fetchone()
            length = len(self._text(transcript_id, index))
            timing = Timing.join([(0, self._timing(transcript_id, index)),
                                  (length + 2, self._timing(transcript_id, index + 1))])  # fmt: skip
            self._conn.execute(
                'UPDATE turns SET text = text || ? || ?, "end" = coalesce(?, "end"), timing = ? WHERE id = ?',
                ("\n\n", text, end, encode(timing), first),
            )
            self._conn.execute("DELETE FROM turns WHERE id = ?", (second,))
            self._shift(transcript_id, after=index + 1, by=-1)

    def repairs(self, transcript_id: int) -> list[Repair]:
        """The label repairs made when the transcript was imported."""
        rows = self._conn.execute(
            "SELECT id, turn, words, undone FROM label_repairs WHERE transcript_id = ? ORDER BY turn",
            (transcript_id,),
        )
        return [Repair(rid, turn, words, bool(undone)) for rid, turn, words, undone in rows]

    def undo_repair(self, repair_id: int) -> None:
        """Put a repair's words back where the source had them."""
        self._apply_repair(repair_id, undo=True)

    def redo_repair(self, repair_id: int) -> None:
        """Make an undone repair again."""
        self._apply_repair(repair_id, undo=False)

    def _apply_repair(self, repair_id: int, *, undo: bool) -> None:
        row = self._conn.execute(
            "SELECT transcript_id, turn, words, sep, undone FROM label_repairs WHERE id = ?", (repair_id,)
        ).fetchone()
        if row is None:
            raise LibraryError(f"no label repair with id {repair_id}")
        tid, turn, words, sep, undone = row
        if bool(undone) == undo:
            return
        with self._lib.write(), self._lib.highlights.reanchoring(tid):
            prev, cur = self._text(tid, turn - 1), self._text(tid, turn)
            times = self._timing(tid, turn - 1), self._timing(tid, turn)
            try:
                if undo:
                    texts, timings = move_forward(prev, cur, words, sep), move_forward_timing(prev, *times, words, sep)
                else:
                    texts, timings = move_back(prev, cur, words), move_back_timing(prev, *times, words, sep)
            except ValueError as exc:
                raise LibraryError(f"turn {turn} was edited since: {exc}") from None
            for index, text, timing in zip((turn - 1, turn), texts, timings, strict=True):
                self._set_text(tid, index, text)
                self._set_timing(tid, index, timing)
            self._lib.db["label_repairs"].update(repair_id, {"undone": int(undo)})

    def _require(self, transcript_id: int) -> None:
        if not self._conn.execute("SELECT 1 FROM transcripts WHERE id = ?", (transcript_id,)).fetchone():
            raise LibraryError(f"no transcript with id {transcript_id}")

    def _turn_id(self, transcript_id: int, index: int) -> int:
        row = self._conn.execute(
            "SELECT id FROM turns WHERE transcript_id = ? AND idx = ?", (transcript_id, index)
        ).fetchone()
        if row is None:
            raise LibraryError(f"transcript {transcript_id} has no turn {index}")
        return row[0]

    def _text(self, transcript_id: int, index: int) -> str:
        return self._conn.execute(
            "SELECT text FROM turns WHERE id = ?", (self._turn_id(transcript_id, index),)
        ).fetchone()[0]

    def _timing(self, transcript_id: int, index: int) -> Timing:
        row = self._conn.execute(
            "SELECT timing FROM turns WHERE transcript_id = ? AND idx = ?", (transcript_id, index)
        ).fetchone()
        return decode(row[0]) if row else Timing()

    def _set_timing(self, transcript_id: int, index: int, timing: Timing) -> None:
        self._conn.execute(
            "UPDATE turns SET timing = ? WHERE transcript_id = ? AND idx = ?", (encode(timing), transcript_id, index)
        )

    def _set_text(self, transcript_id: int, index: int, text: str) -> None:
        self._conn.execute(
            "UPDATE turns SET text = ? WHERE transcript_id = ? AND idx = ?", (text, transcript_id, index)
        )

    def _shift(self, transcript_id: int, *, after: int, by: int) -> None:
        """Renumber the turns after `after` (and the repairs that point at them)."""
        # Through negative numbers, so no two turns share an index mid-update.
        self._conn.execute(
            "UPDATE turns SET idx = -(idx + ?) WHERE transcript_id = ? AND idx > ?", (by, transcript_id, after)
        )
        self._conn.execute("UPDATE turns SET idx = -idx WHERE transcript_id = ? AND idx < 0", (transcript_id,))
        self._conn.execute(
            "UPDATE label_repairs SET turn = turn + ? WHERE transcript_id = ? AND turn > ?", (by, transcript_id, after)
        )


def _info(row: tuple) -> TranscriptInfo:
    tid, title, source, fmt, imported_at, speakers, turns, highlights = row
    return TranscriptInfo(tid, title, source, fmt, imported_at, json.loads(speakers or "[]"), turns, highlights)
