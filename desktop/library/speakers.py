"""Speakers of a transcript: renaming and merging (metadata, never text), and who said how much."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.library.changes import Changes
from desktop.library.models import LibraryError, SpeakerStats

if TYPE_CHECKING:
    from desktop.library.store import Library


class Speakers:
    """The speakers of each transcript in a library."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def list(self, transcript_id: int) -> list[str]:
        """Speaker names in order of first appearance."""
        rows = self._conn.execute(
            "SELECT s.name FROM speakers s LEFT JOIN turns t ON t.speaker_id = s.id WHERE s.transcript_id = ? "
            "GROUP BY s.id ORDER BY min(t.idx), s.id",
            (transcript_id,),
        )
        return [name for (name,) in rows]

    def rename(self, transcript_id: int, name: str, new_name: str) -> None:
        """Call a speaker something else everywhere in the transcript."""
        new_name = " ".join(new_name.split())
        if not new_name:
            raise LibraryError("a speaker's name cannot be empty")
        with self._lib.write():
            speaker_id = self._id(transcript_id, name)
            if new_name != name and self._find(transcript_id, new_name) is not None:
                raise LibraryError(f"{new_name!r} already speaks in this transcript; merge the two instead")
            self._conn.execute("UPDATE speakers SET name = ? WHERE id = ?", (new_name, speaker_id))
            self._changed(transcript_id)

    def merge(self, transcript_id: int, name: str, into: str) -> list[int]:
        """Give every turn of speaker `name` to speaker `into`; highlights are untouched.
        Returns the indexes of the turns that changed hands (what `assign` needs to undo it)."""
        with self._lib.write():
            source, target = self._id(transcript_id, name), self._id(transcript_id, into)
            if source == target:
                raise LibraryError("a speaker cannot be merged into themselves")
            moved = [
                i for (i,) in self._conn.execute("SELECT idx FROM turns WHERE speaker_id = ? ORDER BY idx", (source,))
            ]
            self._conn.execute("UPDATE turn_store SET speaker_id = ? WHERE speaker_id = ?", (target, source))
            self._conn.execute("DELETE FROM speakers WHERE id = ?", (source,))
            self._changed(transcript_id)
            return moved

    def assign(self, transcript_id: int, turns: list[int], name: str) -> None:
        """Give the turns at these indexes to speaker `name` (added when new); a speaker left
        with no turns is removed."""
        with self._lib.write():
            speaker_id = self._find(transcript_id, name)
            if speaker_id is None:
                speaker_id = self._lib.db["speakers"].insert({"transcript_id": transcript_id, "name": name}).last_pk
            for index in turns:
                self._conn.execute(
                    "UPDATE turn_store SET speaker_id = ? WHERE transcript_id = ? AND idx = ?",
                    (speaker_id, transcript_id, index),
                )
            self._conn.execute(
                "DELETE FROM speakers WHERE transcript_id = ? AND id NOT IN "
                "(SELECT speaker_id FROM turns WHERE transcript_id = ? AND speaker_id IS NOT NULL)",
                (transcript_id, transcript_id),
            )
            self._changed(transcript_id)

    def stats(self, transcript_id: int) -> list[SpeakerStats]:
        """Turns, words, share of words and talk time per speaker, most words first.

        A turn's talk time is its end minus its start, or the next turn's start when the
        source gives only start times; None when the transcript has no times.
        """
        rows = self._conn.execute(
            "SELECT s.name, t.text, t.start, t.stop FROM (SELECT idx, speaker_id, text, start, "
            'coalesce("end", lead(start) OVER (ORDER BY idx)) AS stop FROM turns WHERE transcript_id = ?) t '
            "JOIN speakers s ON s.id = t.speaker_id ORDER BY t.idx",
            (transcript_id,),
        ).fetchall()
        totals: dict[str, list] = {}
        for name, text, start, end in rows:
            entry = totals.setdefault(name, [0, 0, None])
            entry[0] += 1
            entry[1] += len(text.split())
            if start is not None and end is not None and end >= start:
                entry[2] = (entry[2] or 0.0) + end - start
        words = sum(entry[1] for entry in totals.values()) or 1
        stats = [SpeakerStats(name, n, w, w / words, talk) for name, (n, w, talk) in totals.items()]
        return sorted(stats, key=lambda s: -s.words)

    def _changed(self, transcript_id: int) -> None:
        which = frozenset([transcript_id])
        self._lib.note(Changes(transcripts=which, turns=which))

    def _id(self, transcript_id: int, name: str) -> int:
        found = self._find(transcript_id, name)
        if found is None:
            raise LibraryError(f"nobody called {name!r} speaks in transcript {transcript_id}")
        return found

    def _find(self, transcript_id: int, name: str) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM speakers WHERE transcript_id = ? AND name = ?", (transcript_id, name)
        ).fetchone()
        return row[0] if row else None
