"""What a library write changed, so views refresh only that (Anki's `OpChanges`).

Every write method notes what it touched; `Library.tracking()` collects the notes of
the writes that committed while it is open:

>>> with library.tracking() as log:
...     library.highlights.add(tid, start, end)
>>> log.changes.highlights
frozenset({(tid, 7)})
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Changes:
    """Kinds of rows a write changed, with ids.

    `transcripts`: transcripts added, removed, renamed or recounted; `turns`: transcripts
    whose turns, speakers or text changed (their highlights may have moved too);
    `highlights`: (transcript id, highlight id) of highlights added, edited or deleted;
    `tags`: the tag list, a tag's name, colour or count; `everything`: another process
    changed the file, so anything may differ.
    """

    transcripts: frozenset[int] = frozenset()
    turns: frozenset[int] = frozenset()
    highlights: frozenset[tuple[int, int]] = frozenset()
    tags: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.transcripts | other.transcripts,
            self.turns | other.turns,
            self.highlights | other.highlights,
            self.tags or other.tags,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def highlight_ids(self, transcript_id: int) -> set[int]:
        """The changed highlights of one transcript."""
        return {hid for tid, hid in self.highlights if tid == transcript_id}

    def touches(self, transcript_id: int) -> bool:
        """Whether anything shown for this transcript (turns or highlights) may differ."""
        return (
            self.everything
            or transcript_id in self.turns
            or transcript_id in self.transcripts
            or any(tid == transcript_id for tid, _ in self.highlights)
        )

    @staticmethod
    def of_highlights(pairs: Iterable[tuple[int, int]], *, tags: bool = False, counts: bool = False) -> Changes:
        """Highlights changed (and the tag list, and the transcripts' highlight counts)."""
        pairs = frozenset(pairs)
        return Changes(frozenset(tid for tid, _ in pairs) if counts else frozenset(), frozenset(), pairs, tags)


EVERYTHING = Changes(everything=True)


@dataclass
class ChangeLog:
    """Collects the changes of the writes that commit while it is open."""

    changes: Changes = field(default_factory=Changes)
