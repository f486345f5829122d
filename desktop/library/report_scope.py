"""What a report counts: the transcripts, speakers and tags its filters let through, its
columns, and each highlight's rows (its tags and their parents) and speaker parts.

Highlights are read in one query (the turns' text is read only for highlights that cross
turns, to cut them at speaker changes); orphans are left out, as exports leave them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from desktop.library.attributes import NONE, sort_key
from desktop.library.folding import fold
from desktop.library.models import Field, LibraryError, Tag
from desktop.library.tags import tag_tree
from desktop.library.word_counts import within, words

if TYPE_CHECKING:
    from desktop.library.store import Library

NO_SPEAKER = "(no speaker)"  # the column of turns without a speaker label
BY_SPEAKER, BY_TRANSCRIPT = "speaker", "transcript"


@dataclass(frozen=True)
class Filters:
    """What every report is limited to; None (or empty) means no limit. `tags` include their
    sub-tags; `attributes` maps a field to the values let through (`(none)`: no value), a
    transcript field choosing transcripts and a speaker field what their speakers said;
    `since` and `until` (both included) bound the conversation's date: the one its file
    name gives, else its `date` attribute."""

    tags: list[str] | None = None
    transcripts: list[int] | None = None
    attributes: dict[str, list[str]] | None = None
    since: date | None = None
    until: date | None = None


@dataclass
class Scope:
    """The filters resolved: transcript ids (None: all), speaker ids let through (None: all;
    `unlabelled`: whether turns of no speaker are), the tags reported and their rows."""

    transcripts: set[int] | None
    speakers: set[int] | None
    unlabelled: bool
    rows: list[str] = field(default_factory=list)  # tag names in tag-tree order, parents included
    depths: list[int] = field(default_factory=list)
    row_of: dict[int, tuple[int, ...]] = field(default_factory=dict)  # tag id -> its row and its parents'

    def speaks(self, speaker_id: int | None) -> bool:
        """Whether what this speaker (None: no speaker) said is counted."""
        if speaker_id is None:
            return self.unlabelled
        return self.speakers is None or speaker_id in self.speakers


@dataclass
class Columns:
    """A report's columns: their names in order, and the column of what a speaker said in a
    transcript (`of(transcript id, speaker id)`)."""

    names: list[str]
    of: Callable[[int, int | None], int]
    by_speaker: bool  # whether a highlight's speaker parts can fall in different columns


def resolve(library: Library, filters: Filters) -> Scope:
    """The filters as ids; a LibraryError for a transcript, tag or attribute that does not exist."""
    conn = library.conn
    transcripts = None
    if filters.transcripts:
        transcripts = set(filters.transcripts)
        for tid in sorted(transcripts):
            library.transcripts.get(tid)
    speakers, unlabelled = None, True
    for name, wanted in (filters.attributes or {}).items():
        attribute = library.attributes.field(name)
        matching = library.attributes.owners_where(attribute, wanted)
        if attribute.scope == "speaker":
            speakers = matching if speakers is None else speakers & matching
            unlabelled = unlabelled and NONE in wanted
        else:
            transcripts = matching if transcripts is None else transcripts & matching
    if filters.since or filters.until:
        since, until = filters.since or date.min, filters.until or date.max
        dated = {tid for tid, day in conversation_dates(conn).items() if day and since <= day <= until}
        transcripts = dated if transcripts is None else transcripts & dated
    scope = Scope(transcripts, speakers, unlabelled)
    _tag_rows(scope, _reported_tags(library, filters.tags))
    return scope


def conversation_dates(conn) -> dict[int, date | None]:
    """Each transcript's conversation date: from its file name, else its `date` attribute."""
    rows = conn.execute(
        "SELECT t.id, coalesce(json_extract(t.metadata, '$.date'), a.value) FROM transcripts t "
        "LEFT JOIN transcript_attributes a ON a.transcript_id = t.id AND a.field_id = "
        "(SELECT id FROM attribute_fields WHERE name = 'date' AND scope = 'transcript')"
    )
    return {tid: _day(value) for tid, value in rows}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _reported_tags(library: Library, names: list[str] | None) -> list[Tag]:
    """Every tag, or the named ones with their sub-tags."""
    tags = library.tags.list()
    if not names:
        return tags
    chosen = []
    for name in names:
        branch = set(library.tags.branch(name))
        found = [t for t in tags if t.id in branch]
        if not found:
            raise LibraryError(f"no tag named {name!r}")
        chosen += found
    return list({t.id: t for t in chosen}.values())


def _tag_rows(scope: Scope, tags: list[Tag]) -> None:
    """Rows in tag-tree order (a level no tag names by itself is a row too), each tag mapped
    to its row and its parents' rows."""

    def visit(nodes, parents: tuple[int, ...]) -> None:
        for node in nodes:
            row = len(scope.rows)
            scope.rows.append(node.path)
            scope.depths.append(len(parents))
            if node.tag is not None:
                scope.row_of[node.tag.id] = (*parents, row)
            visit(node.children, (*parents, row))

    visit(tag_tree(tags), ())


def columns(library: Library, by: str, scope: Scope) -> Columns:
    """The columns of a report by speaker name, transcript title, or an attribute's values."""
    conn = library.conn
    chosen, params = within("transcript_id", scope.transcripts)
    speakers = {sid: (tid, name) for sid, tid, name in conn.execute(
        f"SELECT id, transcript_id, name FROM speakers WHERE {chosen}", params) if scope.speaks(sid)}  # fmt: skip
    unlabelled = scope.unlabelled and bool(
        conn.execute(f"SELECT 1 FROM turns WHERE speaker_id IS NULL AND {chosen} LIMIT 1", params).fetchone()
    )
    if by == BY_SPEAKER:
        names = sorted({name for _, name in speakers.values()}, key=lambda n: (fold(n), n)) + [NO_SPEAKER] * unlabelled
        index = {name: i for i, name in enumerate(names)}
        of_speaker = {sid: index[name] for sid, (_, name) in speakers.items()}
        return Columns(names, lambda tid, sid: of_speaker[sid] if sid is not None else index[NO_SPEAKER], True)
    if by == BY_TRANSCRIPT:
        chosen, params = within("id", scope.transcripts)
        rows = conn.execute(f"SELECT id, title FROM transcripts WHERE {chosen} ORDER BY id", params).fetchall()
        titles = [title for _, title in rows]
        names = [title if titles.count(title) == 1 else f"{title} (#{tid})" for tid, title in rows]
        of_transcript = {tid: i for i, (tid, _) in enumerate(rows)}
        return Columns(names, lambda tid, sid: of_transcript[tid], False)
    attribute = library.attributes.field(by)
    if attribute.scope == "speaker":
        values = _values(conn, attribute, "speaker_attributes", "speaker_id", speakers)
        return _attribute_columns(attribute, values, unlabelled, lambda tid, sid: sid, True)
    chosen, params = within("id", scope.transcripts)
    owners = {tid: tid for (tid,) in conn.execute(f"SELECT id FROM transcripts WHERE {chosen}", params)}
    values = _values(conn, attribute, "transcript_attributes", "transcript_id", owners)
    return _attribute_columns(attribute, values, False, lambda tid, sid: tid, False)


def _values(conn, attribute: Field, table: str, owner: str, owners) -> dict[int | None, str]:
    """Each owner's value of the attribute (NONE where it has none)."""
    rows = conn.execute(f"SELECT a.{owner}, a.value FROM {table} a JOIN attribute_fields f ON f.id = a.field_id "
                        "WHERE f.name = ?", (attribute.name,))  # fmt: skip
    found = dict(rows.fetchall())
    return {oid: found.get(oid, NONE) for oid in owners}


def _attribute_columns(attribute: Field, values: dict, unlabelled: bool, owner, by_speaker: bool) -> Columns:
    if unlabelled:
        values[None] = NONE
    present = set(values.values())
    names = sorted(present - {NONE}, key=sort_key(attribute)) + [NONE] * (NONE in present)
    index = {name: i for i, name in enumerate(names)}
    of_owner = {oid: index[value] for oid, value in values.items()}
    return Columns(names, lambda tid, sid: of_owner[owner(tid, sid)], by_speaker)


Coded = tuple[int, int, frozenset[int], dict[int, int]]  # highlight id, transcript id, rows, words by column
# The speaker of a highlight's first turn: as counted (word_counts.py) where it is, else from the turn.
_SPEAKER = (
    "CASE WHEN c.idx IS NULL THEN (SELECT speaker_id FROM turns t WHERE t.transcript_id = h.transcript_id "
    "AND t.idx = h.start_turn) ELSE c.speaker_id END"
)


def coded(library: Library, scope: Scope, cols: Columns, *, words_too: bool = True) -> Iterator[Coded]:
    """Each highlight in the reported tags, in reading order, with its rows and the words of its
    parts by column (0 without `words_too`); a highlight of which no part is by a speaker let
    through is left out."""
    conn = library.conn
    chosen, params = within("h.transcript_id", scope.transcripts)
    split = cols.by_speaker or scope.speakers is not None or not scope.unlabelled
    parts = _parts(conn, chosen, params, words_too) if split else {}
    rows_of: dict[str | None, frozenset[int]] = {}
    highlights = conn.execute(
        f"SELECT h.id, h.transcript_id, h.end_turn > h.start_turn, {'h.quote' if words_too else 'NULL'}, "
        f"{_SPEAKER if split else 'NULL'}, (SELECT group_concat(tag_id) FROM highlight_tags WHERE highlight_id = h.id) "
        "FROM highlights h LEFT JOIN turn_counts c ON c.transcript_id = h.transcript_id AND c.idx = h.start_turn "
        f"WHERE h.orphan = 0 AND {chosen} ORDER BY h.transcript_id, h.start_turn, h.start_offset, h.id",
        params,
    )
    for hid, tid, crossing, quote, speaker, tag_ids in highlights:
        rows = rows_of.get(tag_ids)
        if rows is None:
            rows = rows_of[tag_ids] = frozenset(r for t in (tag_ids or "").split(",") if t
                                                for r in scope.row_of.get(int(t), ()))  # fmt: skip
        if not rows:
            continue
        by_column: dict[int, int] = {}
        for part_speaker, count in parts[hid] if crossing and split else [(speaker, words(quote or ""))]:
            if scope.speaks(part_speaker):
                column = cols.of(tid, part_speaker)
                by_column[column] = by_column.get(column, 0) + count
        if by_column:
            yield hid, tid, rows, by_column


def _parts(conn, chosen: str, params: tuple, words_too: bool) -> dict[int, list[tuple[int | None, int]]]:
    """(speaker id, words) of each turn a highlight across turns touches (0 words without
    `words_too`: its text is not read)."""
    found: dict[int, list[tuple[int | None, int]]] = {}
    rows = conn.execute(
        "SELECT h.id, h.start_turn, h.start_offset, h.end_turn, h.end_offset, t.idx, t.speaker_id, "
        f"{'t.text' if words_too else 'NULL'} FROM highlights h JOIN turns t ON t.transcript_id = h.transcript_id "
        f"AND t.idx BETWEEN h.start_turn AND h.end_turn WHERE h.orphan = 0 AND h.end_turn > h.start_turn AND {chosen} "
        "ORDER BY h.id, t.idx",
        params,
    )
    for hid, first, begin, last, finish, index, speaker, text in rows:
        piece = text[begin if index == first else 0 : finish if index == last else len(text)] if text else ""
        found.setdefault(hid, []).append((speaker, words(piece)))
    return found
