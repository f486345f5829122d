"""Full-text search over turns (SQLite FTS5), and auto-coding: tagging every match."""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from desktop.library.models import Position, SearchError, SearchHit

if TYPE_CHECKING:
    from desktop.library.store import Library

MAX_QUERY = 1000
RANK_WINDOW = 10_000  # matches ranked at most: the newest ones (bm25 over 1.7 million takes seconds)
OPEN, CLOSE = "\x02", "\x03"  # match markers inside highlight(); never in transcript text
_WORD = re.compile(r"\w")
_MATCHES = """
    FROM turns_fts f JOIN turns t ON t.id = f.rowid JOIN transcripts tr ON tr.id = t.transcript_id
    LEFT JOIN speakers s ON s.id = t.speaker_id
    WHERE turns_fts MATCH ? {scope}
"""
# One transcript's turns: a rowid range FTS5 can seek to, then membership as a plain filter
# (`+`: a rowid IN list handed to FTS5 would run the query once per turn).
_SCOPE = (
    "AND f.rowid BETWEEN (SELECT min(id) FROM turns WHERE transcript_id = :tid) "
    "AND (SELECT max(id) FROM turns WHERE transcript_id = :tid) "
    "AND +f.rowid IN (SELECT id FROM turns WHERE transcript_id = :tid)"
)


def fts_queries(library: Library, query: str) -> list[str]:
    """FTS5 queries to try for what a user typed: as written (phrases, prefixes, AND/OR/NEAR),
    then with every word quoted (an unbalanced quote closed) when that is not valid FTS5."""
    text = " ".join(query.split())
    if not text:
        raise SearchError("type something to search for")
    if len(text) > MAX_QUERY:
        raise SearchError(f"the search is too long ({len(text)} characters; at most {MAX_QUERY})")
    quoted = library.db.quote_fts(text)
    return [text, quoted] if quoted and quoted != text else [text]


def search(
    library: Library,
    query: str,
    *,
    transcript_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
    marks: tuple = ("[", "]"),
) -> list[SearchHit]:
    """A page of the turns matching `query`, best first (bm25), each with a snippet marking
    the match. When more than RANK_WINDOW turns match, the newest RANK_WINDOW of them are
    ranked and paged (`count_matches` counts them all)."""
    window = (
        "SELECT f.rowid AS id, bm25(turns_fts) AS score FROM turns_fts f WHERE turns_fts MATCH :fts {scope} "
        f"ORDER BY f.rowid DESC LIMIT {RANK_WINDOW}"
    )
    page = f"SELECT id FROM ({window}) ORDER BY score, id DESC LIMIT :limit OFFSET :offset"
    ids = [row[0] for row in _run(library, page, query, transcript_id, limit=limit, offset=offset)]
    if not ids:
        return []
    # Snippets for the page only: FTS5 seeks to the page's rowid range once.
    sql = (
        "SELECT f.rowid, t.transcript_id, tr.title, t.idx, s.name, snippet(turns_fts, 0, :open, :close, '…', 16)"
        + _MATCHES.replace("{scope}", f"AND f.rowid BETWEEN :low AND :high AND +f.rowid IN ({','.join(map(str, ids))})")
    )
    rows = {row[0]: row[1:] for row in _run(library, sql, query, None, open=marks[0], close=marks[1],
                                               low=min(ids), high=max(ids))}  # fmt: skip
    return [SearchHit(*rows[i]) for i in ids if i in rows]


def count_matches(library: Library, query: str, *, transcript_id: int | None = None) -> int:
    """How many turns match `query` (all of them, beyond the RANK_WINDOW that `search` pages)."""
    sql = "SELECT count(*) FROM turns_fts f WHERE turns_fts MATCH :fts {scope}"
    return _run(library, sql, query, transcript_id)[0][0]


def autotag(library: Library, query: str, tag: str, *, transcript_id: int | None = None) -> int:
    """Highlight every match of `query` (adjacent matched words form one highlight) and tag it.
    A match already highlighted exactly is tagged, not highlighted twice. Returns the number of matches."""
    sql = (
        "SELECT t.transcript_id, t.idx, highlight(turns_fts, 0, :open, :close)"
        + _MATCHES
        + " ORDER BY t.transcript_id, t.idx"
    )
    rows = _run(library, sql, query, transcript_id, open=OPEN, close=CLOSE)
    matched = 0
    with library.write():
        existing = {
            (h.transcript_id, h.start, h.end): h.id for h in library.highlights.list(transcript_id) if not h.orphan
        }
        for tid, turn, marked in rows:
            for start, end in marked_spans(marked):
                key = (tid, Position(turn, start), Position(turn, end))
                if key in existing:
                    library.highlights.add_tag(existing[key], tag)
                else:
                    existing[key] = library.highlights.add(tid, key[1], key[2], tags=[tag]).id
                matched += 1
    return matched


def marked_spans(marked: str) -> list[tuple[int, int]]:
    """Offsets (in the unmarked text) of the marked stretches; marks separated only by
    spaces or punctuation join into one span, so a phrase is one highlight."""
    plain = marked.replace(OPEN, "").replace(CLOSE, "")
    spans: list[tuple[int, int]] = []
    pos = start = 0
    for piece in re.split(f"([{OPEN}{CLOSE}])", marked):
        if piece == OPEN:
            start = pos
        elif piece == CLOSE:
            if spans and not any(ch.isalnum() for ch in plain[spans[-1][1] : start]):
                spans[-1] = (spans[-1][0], pos)
            else:
                spans.append((start, pos))
        else:
            pos += len(piece)
    return spans


def _run(library: Library, sql: str, query: str, transcript_id: int | None, **params: object) -> list[tuple]:
    """Run `sql` (its MATCH takes `:fts`, its `{scope}` the transcript) for each FTS5 form of
    `query` until one is valid; a one-line SearchError when none is."""
    sql = sql.replace("{scope}", _SCOPE if transcript_id is not None else "").replace("MATCH ?", "MATCH :fts")
    last_error = None
    for fts in fts_queries(library, query):
        try:
            return library.conn.execute(sql, {**params, "fts": fts, "tid": transcript_id}).fetchall()
        except sqlite3.OperationalError as exc:
            last_error = exc
    if not _WORD.search(query):
        raise SearchError(f"nothing to search for in {query[:60]!r}: type a word")
    raise SearchError(f"cannot search for {query[:60]!r}: {last_error}")
