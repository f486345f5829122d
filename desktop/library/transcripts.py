"""Transcripts and their turns: import, listing, renaming, linking a recording, deleting
(corrections: corrections.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.formats import Transcript
from desktop.library.changes import Changes
from desktop.library.media import MEDIA_SUFFIXES, is_media, resolved_path, stored_path
from desktop.library.models import ConflictError, ImportResult, LibraryError, Repair, TranscriptInfo, TurnRecord, now
from desktop.library.packing import pack
from desktop.library.timing_codec import decode, encode

if TYPE_CHECKING:
    from desktop.library.store import Library

_INFO = """
    SELECT t.id, t.title, t.source, t.format, t.imported_at,
        (SELECT json_group_array(name) FROM (SELECT name FROM speakers s WHERE s.transcript_id = t.id ORDER BY s.id)),
        (SELECT count(*) FROM turns WHERE transcript_id = t.id),
        (SELECT count(*) FROM highlights WHERE transcript_id = t.id), t.media,
        json_extract(t.metadata, '$.date')
    FROM transcripts t
"""
_TURNS = (
    'SELECT t.idx, s.name, t.text, t.start, t."end", t.timing, t.original FROM turns t '
    "LEFT JOIN speakers s ON s.id = t.speaker_id WHERE t.transcript_id = ?"
)


class Transcripts:
    """The transcripts of a library."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def add(self, transcript: Transcript, content_hash: str, packed: list | None = None) -> ImportResult:
        """Store a parsed transcript whole, or report the copy already stored; `packed`: its
        turns' text as packing.pack gives it, when packed already."""
        with self._lib.write():
            existing = self._conn.execute(
                "SELECT id, title, (SELECT count(*) FROM turns WHERE transcript_id = transcripts.id) "
                "FROM transcripts WHERE content_hash = ?",
                (content_hash,),
            ).fetchone()
            if existing:
                return ImportResult(*existing, duplicate=True)
            # Plain statements: rows this simple need none of sqlite-utils' per-row work
            # (inspecting the table, converting each value), and an import stores hundreds.
            tid = self._conn.execute(
                "INSERT INTO transcripts (title, source, format, content_hash, imported_at, metadata) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (transcript.title, transcript.source, transcript.format, content_hash, now(),
                 json.dumps(transcript.metadata, ensure_ascii=False, sort_keys=True)),
            ).lastrowid  # fmt: skip
            speaker_ids = {
                name: self._conn.execute(
                    "INSERT INTO speakers (transcript_id, name) VALUES (?, ?)", (tid, name)
                ).lastrowid
                for name in transcript.speakers
            }
            texts = packed if packed is not None else [pack(t.text) for t in transcript.turns]
            rows = [(tid, t.index, speaker_ids.get(t.speaker), text, t.start, t.end, encode(t.timing))
                    for t, text in zip(transcript.turns, texts, strict=True)]  # fmt: skip
            # Many turns to a statement: FTS5 writes out its pending index at the start of every
            # statement that fires the index trigger, so a statement per turn made an index
            # segment per turn (and imports three times slower).
            per_statement = max(1, self._conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // 7)
            for at in range(0, len(rows), per_statement):
                chunk = rows[at : at + per_statement]
                self._conn.execute(
                    'INSERT INTO turn_store (transcript_id, idx, speaker_id, text, start, "end", timing) VALUES '
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(chunk)),
                    [value for row in chunk for value in row],
                )
            self._conn.executemany(
                "INSERT INTO label_repairs (transcript_id, turn, words, sep) VALUES (?, ?, ?, ?)",
                [(tid, r.turn, r.words, r.sep) for r in transcript.repairs],
            )
            self._lib.note(Changes(transcripts=frozenset([tid])))
        return ImportResult(tid, transcript.title, len(transcript.turns))

    def list(self, filter: str = "") -> list[TranscriptInfo]:
        """Every transcript, newest first; `filter` matches title, source or a speaker."""
        where, params = _matching(filter)
        return [_info(row) for row in self._conn.execute(_INFO + where + " ORDER BY t.id DESC", params)]

    def ids(self, filter: str = "", *, after: int | None = None, through: int | None = None,
            limit: int | None = None) -> list[int]:  # fmt: skip
        """Ids of transcripts in `list` order (newest first) matching `filter`, a page at a time:
        those after id `after` (older than it), at most `limit`, down to id `through` included."""
        where, params = _matching(filter)
        where = where or " WHERE 1"
        if after is not None:
            where, params = where + " AND t.id < ?", (*params, after)
        if through is not None:
            where, params = where + " AND t.id >= ?", (*params, through)
        sql = f"SELECT t.id FROM transcripts t{where} ORDER BY t.id DESC LIMIT ?"
        return [tid for (tid,) in self._conn.execute(sql, (*params, -1 if limit is None else limit))]

    def infos(self, transcript_ids: Iterable[int]) -> list[TranscriptInfo]:
        """The transcripts with these ids, with their counts, in the order given (ids that no
        longer exist left out)."""
        wanted = list(transcript_ids)
        found: dict[int, TranscriptInfo] = {}
        for at in range(0, len(wanted), 500):  # SQLite's limit on parameters
            chunk = wanted[at : at + 500]
            sql = _INFO + f" WHERE t.id IN ({','.join('?' * len(chunk))})"
            found |= {info.id: info for info in map(_info, self._conn.execute(sql, chunk))}
        return [found[tid] for tid in wanted if tid in found]

    def get(self, transcript_id: int) -> TranscriptInfo:
        """One transcript (LibraryError when there is none with that id)."""
        row = self._conn.execute(_INFO + " WHERE t.id = ?", (transcript_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no transcript with id {transcript_id}")
        return _info(row)

    def turns(self, transcript_id: int) -> list[TurnRecord]:
        """A transcript's turns in order."""
        rows = self._conn.execute(_TURNS + " ORDER BY t.idx", (transcript_id,))
        return [TurnRecord(*row[:5], decode(row[5]), row[6]) for row in rows]

    def some_turns(self, transcript_id: int, indexes: Iterable[int]) -> dict[int, TurnRecord]:
        """Only the turns at these indexes (an export reads just the turns its quotes touch)."""
        wanted = sorted(set(indexes))
        found: dict[int, TurnRecord] = {}
        for at in range(0, len(wanted), 500):  # SQLite's limit on parameters
            chunk = wanted[at : at + 500]
            rows = self._conn.execute(_TURNS + f" AND t.idx IN ({','.join('?' * len(chunk))})", (transcript_id, *chunk))
            found |= {row[0]: TurnRecord(*row[:5], decode(row[5]), row[6]) for row in rows}
        return found

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

    def link_media(self, transcript_id: int, media: Path | None) -> str | None:
        """Link a recording to a transcript (None unlinks it); returns the path as stored. The
        file must exist and be audio or video Talkmark plays."""
        stored = None
        if media is not None:
            if not media.is_file():
                raise LibraryError(f"{media}: {'not a file' if media.exists() else 'no such file'}")
            if not is_media(media):
                raise LibraryError(f"{media}: not audio or video Talkmark plays ({', '.join(MEDIA_SUFFIXES)})")
            stored = stored_path(media, self._lib.path)
        with self._lib.write():
            self._require(transcript_id)
            self._lib.db["transcripts"].update(transcript_id, {"media": stored})
            self._lib.note(Changes(transcripts=frozenset([transcript_id])))
        return stored

    def media(self, transcript_id: int) -> Path | None:
        """The recording linked to a transcript (which may be missing), or None."""
        stored = self.get(transcript_id).media
        return resolved_path(stored, self._lib.path) if stored else None

    def delete(self, transcript_id: int) -> None:
        """Remove a transcript with its turns, highlights and notes (tags stay)."""
        with self._lib.write():
            self._require(transcript_id)
            self._lib.db["transcripts"].delete(transcript_id)
            gone = frozenset([transcript_id])
            self._lib.note(Changes(transcripts=gone, turns=gone, tags=True))

    def repairs(self, transcript_id: int) -> list[Repair]:
        """The label repairs made when the transcript was imported."""
        rows = self._conn.execute(
            "SELECT id, turn, words, undone FROM label_repairs WHERE transcript_id = ? ORDER BY turn",
            (transcript_id,),
        )
        return [Repair(rid, turn, words, bool(undone)) for rid, turn, words, undone in rows]

    def _require(self, transcript_id: int) -> None:
        if not self._conn.execute("SELECT 1 FROM transcripts WHERE id = ?", (transcript_id,)).fetchone():
            raise LibraryError(f"no transcript with id {transcript_id}")


def _matching(filter: str) -> tuple[str, tuple]:
    """The WHERE clause (and its parameters) of transcripts whose title, source or a speaker
    contains `filter`; none for an empty filter."""
    if not filter.strip():
        return "", ()
    pattern = f"%{filter.strip()}%"
    clause = (
        " WHERE (t.title LIKE ? OR t.source LIKE ? OR EXISTS "
        "(SELECT 1 FROM speakers s WHERE s.transcript_id = t.id AND s.name LIKE ?))"
    )
    return clause, (pattern, pattern, pattern)


def _info(row: tuple) -> TranscriptInfo:
    tid, title, source, fmt, imported_at, speakers, turns, highlights, media, day = row
    return TranscriptInfo(tid, title, source, fmt, imported_at, json.loads(speakers or "[]"), turns, highlights,
                          media, day)  # fmt: skip
