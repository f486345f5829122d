"""Each turn's words and questions, counted once and kept (`turn_counts`), so reports over a
whole library never read (and unpack) every turn's text.

A transcript's counts are made the first time a report asks for them and dropped in the
same transaction as any write that notes its turns changed (`Library.note`); a library
opened for reading counts in memory instead.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.library.store import Library

_QUESTION = re.compile(r"\?+(?!\w)")  # a question mark ending a sentence, not one inside a URL


def words(text: str) -> int:
    """The words of a text: runs of characters between spaces, as every count of Talkmark's."""
    return len(text.split())


def questions(text: str) -> int:
    """The sentences of a text ending in `?` (`?!` and `???` count once)."""
    return len(_QUESTION.findall(text))


Count = tuple[int, int, int | None, int, int]  # transcript id, turn index, speaker id, words, questions


def turn_counts(library: Library, transcript_ids: Collection[int] | None = None) -> list[Count]:
    """The counts of every turn of these transcripts (None: all), in reading order."""
    with _all_counted(library, transcript_ids) as unstored:
        stored = _stored(library.conn, transcript_ids)
    return sorted(stored + unstored) if unstored else stored


def spoken_words(library: Library, transcript_ids: Collection[int] | None = None) -> dict[tuple[int, int | None], int]:
    """The words each speaker (None: no speaker) says in each of these transcripts, by
    (transcript id, speaker id)."""
    chosen, params = within("transcript_id", transcript_ids)
    with _all_counted(library, transcript_ids) as unstored:
        rows = library.conn.execute(f"SELECT transcript_id, speaker_id, sum(words) FROM turn_counts WHERE {chosen} "
                                    "GROUP BY transcript_id, speaker_id", params)  # fmt: skip
        totals = {(tid, speaker): words for tid, speaker, words in rows}
    for tid, _, speaker, words, _ in unstored:
        totals[tid, speaker] = totals.get((tid, speaker), 0) + words
    return totals


@contextmanager
def _all_counted(library: Library, transcript_ids: Collection[int] | None) -> Iterator[list[Count]]:
    """Count the turns of these transcripts not counted yet: kept, in a write that lasts the
    block (so no other write changes a turn meanwhile); in a library opened for reading,
    yielded instead."""
    conn = library.conn
    if library.read_only:
        yield _count(conn, _missing(conn, transcript_ids))
        return
    with library.write():
        conn.executemany("INSERT INTO turn_counts VALUES (?, ?, ?, ?, ?)", _count(conn, _missing(conn, transcript_ids)))
        yield []


def forget(conn: sqlite3.Connection, transcript_ids: Collection[int]) -> None:
    """Drop the counts of these transcripts (their turns changed)."""
    chosen, params = within("transcript_id", transcript_ids)
    conn.execute(f"DELETE FROM turn_counts WHERE {chosen}", params)


def _missing(conn: sqlite3.Connection, transcript_ids: Collection[int] | None) -> list[int]:
    """The transcripts (of these) whose turns are not counted."""
    chosen, params = within("t.id", transcript_ids)
    return [tid for (tid,) in conn.execute(
        f"SELECT id FROM transcripts t WHERE {chosen} AND NOT EXISTS "
        "(SELECT 1 FROM turn_counts c WHERE c.transcript_id = t.id)", params)]  # fmt: skip


def _stored(conn: sqlite3.Connection, transcript_ids: Collection[int] | None) -> list[Count]:
    chosen, params = within("transcript_id", transcript_ids)
    return conn.execute(f"SELECT * FROM turn_counts WHERE {chosen} ORDER BY transcript_id, idx", params).fetchall()


def _count(conn: sqlite3.Connection, transcript_ids: list[int]) -> list[Count]:
    rows = []
    for tid in transcript_ids:
        turns = conn.execute("SELECT idx, speaker_id, text FROM turns WHERE transcript_id = ? ORDER BY idx", (tid,))
        rows += [(tid, idx, speaker, words(text), questions(text)) for idx, speaker, text in turns]
    return rows


def within(column: str, ids: Collection[int] | None) -> tuple[str, tuple]:
    """A condition that `column` is one of `ids` (always true for None), with its parameters."""
    if ids is None:
        return "1", ()
    return f"{column} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),)
