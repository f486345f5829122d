"""Highlights: spans of a transcript with quote and context, colour, tags and a note."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.library.anchoring import CONTEXT, TurnMap, snap_to_words
from desktop.library.changes import Changes
from desktop.library.models import ConflictError, Highlight, LibraryError, Position, now
from desktop.library.tags import lookup_name

if TYPE_CHECKING:
    from desktop.library.store import Library

_UNSET = object()
_SELECT = """
    SELECT h.id, h.transcript_id, h.start_turn, h.start_offset, h.end_turn, h.end_offset, h.quote, h.prefix,
        h.suffix, h.colour, coalesce(n.body, ''), h.orphan, h.created, h.updated, h.original_quote,
        (SELECT json_group_array(name) FROM (SELECT t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
            WHERE ht.highlight_id = h.id ORDER BY t.name))
    FROM highlights h LEFT JOIN notes n ON n.highlight_id = h.id
"""
_ORDER = " ORDER BY h.transcript_id, h.orphan, h.start_turn, h.start_offset, h.id"


class Highlights:
    """The highlights of a library."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def add(
        self,
        transcript_id: int,
        start: Position,
        end: Position,
        *,
        colour: str | None = None,
        note: str = "",
        tags: Sequence[str] = (),
        highlight_id: int | None = None,
        created: str | None = None,
    ) -> Highlight:
        """Highlight the text from `start` to `end` (exclusive), widened to whole words;
        `highlight_id` and `created` restore a known id and creation time (a redo)."""
        with self._lib.write():
            start, end = self.snapped(transcript_id, start, end)
            quote, prefix, suffix = self.context(transcript_id, start, end)
            stamp = now()
            new = Highlight(highlight_id, transcript_id, start, end, quote, prefix, suffix, colour, note)  # type: ignore[arg-type]
            hid = self._insert(replace(new, created=created or stamp, updated=stamp))
            self._set_note(hid, note)
            for name in tags:
                self._link(hid, name)
            self._lib.note(Changes.of_highlights([(transcript_id, hid)], tags=bool(tags), counts=True))
            return self.get(hid)

    def get(self, highlight_id: int) -> Highlight:
        """One highlight (LibraryError when it does not exist)."""
        row = self._conn.execute(_SELECT + " WHERE h.id = ?", (highlight_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no highlight with id {highlight_id}")
        return _highlight(row)

    def find(self, transcript_id: int, start: Position, end: Position) -> Highlight | None:
        """The highlight of exactly this span, if there is one (the oldest)."""
        row = self._conn.execute(
            _SELECT + " WHERE h.transcript_id = ? AND h.start_turn = ? AND h.start_offset = ? AND h.end_turn = ? "
            "AND h.end_offset = ? AND h.orphan = 0 ORDER BY h.id LIMIT 1",
            (transcript_id, start.turn, start.offset, end.turn, end.offset),
        ).fetchone()
        return _highlight(row) if row else None

    def list(
        self, transcript_id: int | None = None, *, tag: str | None = None, turns: tuple[int, int] | None = None
    ) -> list[Highlight]:
        """Highlights in reading order (orphans last), of one transcript and/or one tag and its
        sub-tags; with `turns` (first, last), only those touching those turns."""
        where, params = [], []
        if transcript_id is not None:
            where.append("h.transcript_id = ?")
            params.append(transcript_id)
        if turns is not None:
            where.append("h.start_turn <= ? AND h.end_turn >= ?")
            params += [turns[1], turns[0]]
        if tag is not None:
            where.append(
                "EXISTS (SELECT 1 FROM highlight_tags ht WHERE ht.highlight_id = h.id "
                "AND ht.tag_id IN (SELECT value FROM json_each(?)))"
            )
            params.append(json.dumps(self._lib.tags.branch(tag)))
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + _ORDER
        return [_highlight(row) for row in self._conn.execute(sql, params)]

    def update(
        self, highlight_id: int, *, colour: object = _UNSET, note: object = _UNSET, expect: Highlight | None = None
    ) -> Highlight:
        """Change a highlight's colour and/or note; with `expect`, only if it is still as expected."""
        with self._lib.write():
            current = self._expected(highlight_id, expect)
            if colour is not _UNSET:
                self._conn.execute("UPDATE highlights SET colour = ? WHERE id = ?", (colour, highlight_id))
            if note is not _UNSET:
                self._set_note(highlight_id, str(note))
            self._touch(current)
            return self.get(highlight_id)

    def tag(self, highlight_id: int, tag: str, *, expect: Highlight | None = None) -> tuple[Highlight, int | None]:
        """Tag a highlight, creating the tag when it is new; returns the highlight and the id
        of the tag this created (None when the tag existed), which `untag` may remove again."""
        with self._lib.write():
            current = self._expected(highlight_id, expect)
            created = None if self._lib.tags.find(tag) else self._lib.tags.create(tag).id
            self._link(highlight_id, tag)
            self._touch(current, tags=True)
            return self.get(highlight_id), created

    def untag(
        self, highlight_id: int, tag: str, *, expect: Highlight | None = None, drop_tag: int | None = None
    ) -> Highlight:
        """Take a tag off a highlight. `drop_tag` (an id `tag()` returned) also deletes that
        tag, if it still exists under this name and no other highlight carries it."""
        with self._lib.write():
            current = self._expected(highlight_id, expect)
            name = lookup_name(tag)
            self._conn.execute("DELETE FROM highlight_tags WHERE highlight_id = ? AND tag_id = ?",
                               (highlight_id, self._lib.tags.find(name)))  # fmt: skip
            if drop_tag is not None:
                self._lib.tags.drop_if_unused(drop_tag, name)
            self._touch(current, tags=True)
            return self.get(highlight_id)

    def add_tag(self, highlight_id: int, tag: str) -> Highlight:
        """Tag a highlight, creating the tag when it is new."""
        return self.tag(highlight_id, tag)[0]

    def remove_tag(self, highlight_id: int, tag: str) -> Highlight:
        """Take a tag off a highlight (the tag itself stays)."""
        return self.untag(highlight_id, tag)

    def delete(self, highlight_id: int, *, expect: Highlight | None = None) -> Highlight:
        """Delete a highlight with its note and tag links; returns it, so it can be restored.
        With `expect`, only if it is still as expected."""
        with self._lib.write():
            gone = self._expected(highlight_id, expect)
            self._conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
            self._lib.note(Changes.of_highlights([(gone.transcript_id, gone.id)], tags=bool(gone.tags), counts=True))
            return gone

    def restore(self, highlight: Highlight) -> Highlight:
        """Put back a deleted highlight exactly: same id, place, quote, tags, note and times."""
        with self._lib.write():
            self._insert(highlight)
            self._set_note(highlight.id, highlight.note, stamp=highlight.updated)
            for name in highlight.tags:
                self._link(highlight.id, name)
            pair = (highlight.transcript_id, highlight.id)
            self._lib.note(Changes.of_highlights([pair], tags=bool(highlight.tags), counts=True))
            return self.get(highlight.id)

    def _insert(self, h: Highlight) -> int:
        if h.id is not None and self._conn.execute("SELECT 1 FROM highlights WHERE id = ?", (h.id,)).fetchone():
            raise ConflictError(f"highlight {h.id} exists already")
        return self._lib.db["highlights"].insert({
            "id": h.id, "transcript_id": h.transcript_id, "start_turn": h.start.turn, "start_offset": h.start.offset,
            "end_turn": h.end.turn, "end_offset": h.end.offset, "quote": h.quote, "prefix": h.prefix,
            "suffix": h.suffix, "colour": h.colour, "orphan": int(h.orphan), "created": h.created, "updated": h.updated,
            "original_quote": h.original_quote,
        }).last_rowid  # fmt: skip

    def context(self, transcript_id: int, start: Position, end: Position) -> tuple[str, str, str]:
        """Quote, prefix and suffix of a span, reading only the turns around it (not the whole
        transcript), widened while a short neighbouring turn leaves less context than CONTEXT."""
        lo, hi = start.turn - 1, end.turn + 1
        while start.turn >= 0 and start.offset >= 0:
            rows = self._conn.execute(
                "SELECT idx, text FROM turns WHERE transcript_id = ? AND idx BETWEEN ? AND ? ORDER BY idx",
                (transcript_id, max(lo, 0), hi),
            ).fetchall()
            first = rows[0][0] if rows else 0
            if not rows or rows[-1][0] < end.turn or first > start.turn:
                break
            window = TurnMap([text for _, text in rows])
            local_start, local_end = Position(start.turn - first, start.offset), Position(end.turn - first, end.offset)
            begin, finish = window.offset(local_start), window.offset(local_end)
            if (window.position(begin), window.position(finish, is_end=True)) != (local_start, local_end):
                break
            if finish <= begin:
                break
            short_before = begin < CONTEXT and first > 0
            short_after = len(window.text) - finish < CONTEXT and rows[-1][0] == hi
            if not (short_before or short_after):
                return window.context(begin, finish)
            lo, hi = lo - 4 if short_before else lo, hi + 4 if short_after else hi
        raise LibraryError(f"no text from {start} to {end} in transcript {transcript_id}")

    def _link(self, highlight_id: int, tag: str) -> None:
        tag_id = self._lib.tags.ensure(tag)
        self._conn.execute("INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) VALUES (?, ?)",
                           (highlight_id, tag_id))  # fmt: skip

    def _set_note(self, highlight_id: int, note: str, stamp: str | None = None) -> None:
        if note.strip():
            self._conn.execute(
                "INSERT INTO notes (highlight_id, body, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (highlight_id) DO UPDATE SET body = excluded.body, updated = excluded.updated",
                (highlight_id, note, stamp or now()),
            )
        else:
            self._conn.execute("DELETE FROM notes WHERE highlight_id = ?", (highlight_id,))

    def _touch(self, highlight: Highlight, *, tags: bool = False) -> None:
        self._conn.execute("UPDATE highlights SET updated = ? WHERE id = ?", (now(), highlight.id))
        self._lib.note(Changes.of_highlights([(highlight.transcript_id, highlight.id)], tags=tags))

    def _expected(self, highlight_id: int, expect: Highlight | None) -> Highlight:
        """The highlight as it is; ConflictError when it is no longer as `expect` says."""
        try:
            current = self.get(highlight_id)
        except LibraryError:
            if expect is None:
                raise
            raise ConflictError(f"highlight {highlight_id} was deleted elsewhere") from None
        # By what it holds, not when it was last stamped: undoing an edit stamps it anew, and
        # the step before must still find it as it left it.
        if expect is not None and replace(current, updated="") != replace(expect, updated=""):
            raise ConflictError(f"highlight {highlight_id} was changed elsewhere")
        return current

    def snapped(self, transcript_id: int, start: Position, end: Position) -> tuple[Position, Position]:
        """The span widened to whole words (unchanged when its turns do not exist)."""
        texts = dict(self._conn.execute(
            "SELECT idx, text FROM turns WHERE transcript_id = ? AND idx IN (?, ?)",
            (transcript_id, start.turn, end.turn)).fetchall())  # fmt: skip
        if start.turn not in texts or end.turn not in texts:
            return start, end
        if not (0 <= start.offset <= len(texts[start.turn]) and 0 <= end.offset <= len(texts[end.turn])):
            return start, end
        first, last = snap_to_words(texts[start.turn], start.offset, texts[end.turn], end.offset,
                                    same_turn=start.turn == end.turn)  # fmt: skip
        return Position(start.turn, first), Position(end.turn, last)


def _highlight(row: tuple) -> Highlight:
    (hid, tid, st, so, et, eo, quote, prefix, suffix, colour, note, orphan, created, updated, original, tags) = row
    return Highlight(hid, tid, Position(st, so), Position(et, eo), quote, prefix, suffix, colour, note,
                     json.loads(tags or "[]"), bool(orphan), created, updated, original)  # fmt: skip
