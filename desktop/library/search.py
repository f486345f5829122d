"""Full-text search over turns (SQLite FTS5), narrowed by transcript, speaker or tag; the
matched words of a result, as snippet runs or as offsets in its turn (autotag.py tags them)."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import TYPE_CHECKING

from desktop.library.models import LibraryError, SearchError, SearchHit
from desktop.library.tags import lookup_name

if TYPE_CHECKING:
    from desktop.library.store import Library

MAX_QUERY = 1000
RANK_WINDOW = 10_000  # matches ranked at most: the newest ones (bm25 over 1.7 million takes seconds)
OPEN, CLOSE = "\x02", "\x03"  # match markers inside highlight() and snippet(); never in transcript text
_WORD = re.compile(r"\w")
_MATCHES = """
    FROM turns_fts f JOIN turns t ON t.id = f.rowid JOIN transcripts tr ON tr.id = t.transcript_id
    LEFT JOIN speakers s ON s.id = t.speaker_id
    WHERE turns_fts MATCH ? {scope}
"""
# One transcript's turns: a rowid range FTS5 can seek to, then membership as a plain filter
# (`+`: a rowid IN list handed to FTS5 would run the query once per turn).
_TRANSCRIPT = (
    "AND f.rowid BETWEEN (SELECT min(id) FROM turns WHERE transcript_id = :tid) "
    "AND (SELECT max(id) FROM turns WHERE transcript_id = :tid) "
    "AND +f.rowid IN (SELECT id FROM turns WHERE transcript_id = :tid)"
)
# A speaker by name, in every transcript that has one so called: the set of their turns,
# made once per query (each match is then a lookup in it).
_SPEAKER = (
    "AND +f.rowid IN (SELECT id FROM turns WHERE speaker_id IN "
    "(SELECT id FROM speakers WHERE name = :speaker COLLATE FOLD {within}))"
)
# The turns a highlight with the tag, or one of its sub-tags, touches (orphans touch none).
_TAG = (
    "AND +f.rowid IN (SELECT tt.id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id "
    "JOIN turns tt ON tt.transcript_id = h.transcript_id AND tt.idx BETWEEN h.start_turn AND h.end_turn "
    "WHERE ht.tag_id IN (SELECT value FROM json_each(:tags)) AND NOT h.orphan {within})"
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
    speaker: str | None = None,
    tag: str | None = None,
    limit: int = 50,
    offset: int = 0,
    marks: tuple[str, str] = ("[", "]"),
) -> list[SearchHit]:
    """A page of the turns matching `query`, best first (bm25), each with a snippet marking
    the match. When more than RANK_WINDOW turns match, the newest RANK_WINDOW of them are
    ranked and paged (`count_matches` counts them all). `speaker` (a name, in any transcript)
    and `tag` (with its sub-tags: the turns its highlights touch) narrow it, as `transcript_id` does."""
    window = (
        "SELECT f.rowid AS id, bm25(turns_fts) AS score FROM turns_fts f WHERE turns_fts MATCH :fts {scope} "
        f"ORDER BY f.rowid DESC LIMIT {RANK_WINDOW}"
    )
    page = f"SELECT id FROM ({window}) ORDER BY score, id DESC LIMIT :limit OFFSET :offset"
    scope = {"transcript_id": transcript_id, "speaker": speaker, "tag": tag}
    ids = [row[0] for row in _run(library, page, query, scope, limit=limit, offset=offset)]
    if not ids:
        return []
    # Snippets for the page only: FTS5 seeks to the page's rowid range once.
    sql = (
        "SELECT f.rowid, t.transcript_id, tr.title, t.idx, s.name, snippet(turns_fts, 0, :open, :close, '…', 16)"
        + _MATCHES.replace("{scope}", f"AND f.rowid BETWEEN :low AND :high AND +f.rowid IN ({','.join(map(str, ids))})")
    )
    rows = {row[0]: row[1:] for row in _run(library, sql, query, {}, open=marks[0], close=marks[1],
                                               low=min(ids), high=max(ids))}  # fmt: skip
    return [SearchHit(*rows[i]) for i in ids if i in rows]


def count_matches(
    library: Library,
    query: str,
    *,
    transcript_id: int | None = None,
    speaker: str | None = None,
    tag: str | None = None,
) -> int:
    """How many turns match `query` (all of them, beyond the RANK_WINDOW that `search` pages)."""
    sql = "SELECT count(*) FROM turns_fts f WHERE turns_fts MATCH :fts {scope}"
    return _run(library, sql, query, {"transcript_id": transcript_id, "speaker": speaker, "tag": tag})[0][0]


def marked_turns(library: Library, query: str, **scope: object) -> list[tuple[int, int, str]]:
    """Every matching turn in reading order, as (transcript id, turn, its text with each
    match between OPEN and CLOSE); `scope` as `search` takes it."""
    sql = (
        "SELECT t.transcript_id, t.idx, highlight(turns_fts, 0, :open, :close)"
        + _MATCHES
        + " ORDER BY t.transcript_id, t.idx"
    )
    return _run(library, sql, query, scope, open=OPEN, close=CLOSE)  # type: ignore[return-value]


def match_spans(library: Library, query: str, transcript_id: int, **scope: object) -> list[tuple[int, int, int]]:
    """Where `query` matches in one transcript: (turn, start, end) offsets in each turn's text,
    adjacent matched words joined (a phrase is one span)."""
    rows = marked_turns(library, query, transcript_id=transcript_id, **scope)
    return [(turn, start, end) for _, turn, marked in rows for start, end in marked_spans(marked)]


def snippet_runs(snippet: str, marks: tuple[str, str] = (OPEN, CLOSE)) -> list[tuple[str, bool]]:
    """A snippet `search` marked with `marks` as (text, matched) runs, in order, none empty."""
    runs: list[tuple[str, bool]] = []
    matched = False
    for piece in re.split(f"({re.escape(marks[0])}|{re.escape(marks[1])})", snippet):
        if piece in marks:
            matched = piece == marks[0]
        elif piece:
            runs.append((piece, matched))
    return runs


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


def speaker_names(library: Library) -> list[str]:
    """Every speaker name in the library once (any case), alphabetically: the speaker filter's choices."""
    rows = library.conn.execute("SELECT min(name) FROM speakers GROUP BY name COLLATE FOLD ORDER BY 1 COLLATE FOLD")
    return [row[0] for row in rows]


def transcript_titles(library: Library) -> list[tuple[int, str]]:
    """Every transcript's id and title, alphabetically: the transcript filter's choices."""
    return library.conn.execute("SELECT id, title FROM transcripts ORDER BY title COLLATE FOLD, id").fetchall()


def _scope_sql(library: Library, scope: dict[str, object]) -> tuple[str, dict[str, object]]:
    """The SQL narrowing a MATCH to `scope` (transcript id, speaker name, tag) and its
    parameters; SearchError naming a speaker or tag the library does not have."""
    tid, speaker, tag = scope.get("transcript_id"), scope.get("speaker"), scope.get("tag")
    parts, params = [], {"tid": tid}
    if tid is not None:
        parts.append(_TRANSCRIPT)
    if speaker is not None:
        params["speaker"] = name = " ".join(str(speaker).split())
        known = "SELECT 1 FROM speakers WHERE name = ? COLLATE FOLD LIMIT 1"
        if not library.conn.execute(known, (name,)).fetchone():
            raise SearchError(f"no speaker is called {name!r}")
        parts.append(_SPEAKER.replace("{within}", "" if tid is None else "AND transcript_id = :tid"))
    if tag is not None:
        try:
            name = lookup_name(str(tag))
        except LibraryError:
            raise SearchError(f"{tag!r} is not a tag name") from None
        branch = library.tags.branch(name)
        if not branch:
            raise SearchError(f"no tag is called {name!r}")
        params["tags"] = json.dumps(branch)
        parts.append(_TAG.replace("{within}", "" if tid is None else "AND h.transcript_id = :tid"))
    return " ".join(parts), params


def _run(library: Library, sql: str, query: str, scope: dict[str, object], **params: object) -> list[tuple]:
    """Run `sql` (its MATCH takes `:fts`, its `{scope}` the transcript, speaker and tag) for
    each FTS5 form of `query` until one is valid; a one-line SearchError when none is."""
    narrowing, scope_params = _scope_sql(library, scope)
    sql = sql.replace("{scope}", narrowing).replace("MATCH ?", "MATCH :fts")
    last_error = None
    for fts in fts_queries(library, query):
        try:
            return library.conn.execute(sql, {**params, **scope_params, "fts": fts}).fetchall()
        except sqlite3.OperationalError as exc:
            last_error = exc
    if not _WORD.search(query):
        raise SearchError(f"nothing to search for in {query[:60]!r}: type a word")
    raise SearchError(f"cannot search for {query[:60]!r}: {last_error}")
