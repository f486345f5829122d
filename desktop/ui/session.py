"""The app's session: owns the library and the undo stack; every edit is an undo command.

Views never write to the library themselves: they call a Session method, which pushes a
command whose redo() and undo() call the library, then emits what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.library import Highlight, Library, Position
from desktop.library.tags import tag_name


class LibraryCommand(QUndoCommand):
    """An undoable edit: `redo` and `undo` call the library, `changed` tells the views.

    A first redo that fails marks the command obsolete, so the stack drops it, and keeps
    the error for Session to raise (Qt would otherwise swallow it).
    """

    def __init__(self, text: str, redo: Callable[[], object], undo: Callable[[], object], changed: Callable[[], None]):
        super().__init__(text)
        self._redo, self._undo, self._changed = redo, undo, changed
        self.error: Exception | None = None

    def redo(self) -> None:
        try:
            self._redo()
        except Exception as exc:
            self.error = exc
            self.setObsolete(True)
            return
        self._changed()

    def undo(self) -> None:
        self._undo()
        self._changed()


class Session(QObject):
    """One open library, its undo stack, and signals saying what changed."""

    transcripts_changed = Signal()
    turns_changed = Signal(int)  # a transcript's turns or speakers
    highlights_changed = Signal(int, list)  # a transcript, the ids of its changed highlights ([]: all of them)
    tags_changed = Signal()

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)

    def _push(self, text: str, redo: Callable, undo: Callable, changed: Callable[[], None]) -> None:
        command = LibraryCommand(text, redo, undo, changed)
        self.undo_stack.push(command)
        if command.error is not None:
            raise command.error

    def _highlights(self, transcript_id: int, ids: Callable[[], list[int]], tags: bool = True) -> Callable[[], None]:
        def changed() -> None:
            self.highlights_changed.emit(transcript_id, ids())
            if tags:
                self.tags_changed.emit()
            self.transcripts_changed.emit()

        return changed

    # Highlights -------------------------------------------------------------------------

    def add_highlight(self, transcript_id: int, start: Position, end: Position, tags: Sequence[str] = ()) -> int:
        """Highlight a span (optionally tagged); returns the new highlight's id."""
        made: list[Highlight] = []

        def redo() -> None:
            if made:
                self.library.highlights.restore(made[0])
            else:
                made.append(self.library.highlights.add(transcript_id, start, end, tags=tags))

        label = f"Highlight and tag {', '.join(tags)}" if tags else "Highlight"
        changed = self._highlights(transcript_id, lambda: [made[0].id], tags=bool(tags))
        self._push(label, redo, lambda: self.library.highlights.delete(made[0].id), changed)
        return made[0].id

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight with its note and tags."""
        gone = self.library.highlights.get(highlight_id)
        self._push(
            "Delete highlight",
            lambda: self.library.highlights.delete(highlight_id),
            lambda: self.library.highlights.restore(gone),
            self._highlights(gone.transcript_id, lambda: [highlight_id], tags=bool(gone.tags)),
        )

    def toggle_tag(self, highlight_id: int, tag: str) -> None:
        """Tag a highlight, or untag it when it has the tag already."""
        highlights, tags = self.library.highlights, self.library.tags
        highlight = highlights.get(highlight_id)
        changed = self._highlights(highlight.transcript_id, lambda: [highlight_id])
        has = next((t for t in highlight.tags if t.casefold() == tag.casefold()), None)
        if has is not None:
            untag, retag = (
                (lambda: highlights.remove_tag(highlight_id, has)),
                (lambda: highlights.add_tag(highlight_id, has)),
            )
            self._push(f"Untag {has}", untag, retag, changed)
            return
        new_tag = all(t.name.casefold() != tag.casefold() for t in tags.list())

        def undo() -> None:
            highlights.remove_tag(highlight_id, tag)
            if new_tag:
                tags.delete(tag)

        self._push(f"Tag {tag}", lambda: highlights.add_tag(highlight_id, tag), undo, changed)

    def set_note(self, highlight_id: int, note: str) -> None:
        """Write a highlight's note (Markdown)."""
        old = self.library.highlights.get(highlight_id)
        if old.note == note:
            return
        self._push(
            "Edit note",
            lambda: self.library.highlights.update(highlight_id, note=note),
            lambda: self.library.highlights.update(highlight_id, note=old.note),
            self._highlights(old.transcript_id, lambda: [highlight_id], tags=False),
        )

    def set_colour(self, highlight_id: int, colour: str | None) -> None:
        """Give a highlight its own colour (None: its first tag's)."""
        old = self.library.highlights.get(highlight_id)
        self._push(
            "Change highlight colour",
            lambda: self.library.highlights.update(highlight_id, colour=colour),
            lambda: self.library.highlights.update(highlight_id, colour=old.colour),
            self._highlights(old.transcript_id, lambda: [highlight_id], tags=False),
        )

    # Speakers and label repairs -----------------------------------------------------------

    def _turns(self, transcript_id: int) -> Callable[[], None]:
        def changed() -> None:
            self.turns_changed.emit(transcript_id)
            self.highlights_changed.emit(transcript_id, [])
            self.transcripts_changed.emit()

        return changed

    def rename_speaker(self, transcript_id: int, name: str, new_name: str) -> None:
        """Rename a speaker throughout a transcript."""
        speakers = self.library.speakers
        new_name = " ".join(new_name.split())
        self._push(
            f"Rename {name} to {new_name}",
            lambda: speakers.rename(transcript_id, name, new_name),
            lambda: speakers.rename(transcript_id, new_name, name),
            self._turns(transcript_id),
        )

    def merge_speakers(self, transcript_id: int, name: str, into: str) -> None:
        """Give all of one speaker's turns to another."""
        moved: list[int] = []
        speakers = self.library.speakers

        def redo() -> None:
            moved[:] = speakers.merge(transcript_id, name, into)

        self._push(f"Merge {name} into {into}", redo, lambda: speakers.assign(transcript_id, moved, name),
                   self._turns(transcript_id))  # fmt: skip

    def set_repair(self, transcript_id: int, repair_id: int, *, undone: bool) -> None:
        """Undo (or make again) an automatic label repair."""
        transcripts = self.library.transcripts
        first, second = (transcripts.undo_repair, transcripts.redo_repair)[:: 1 if undone else -1]
        text = "Undo label repair" if undone else "Repair label again"
        self._push(text, lambda: first(repair_id), lambda: second(repair_id), self._turns(transcript_id))

    # Tags ---------------------------------------------------------------------------------

    def _all(self) -> None:
        self.tags_changed.emit()
        self.transcripts_changed.emit()
        for info in self.library.transcripts.list():
            self.highlights_changed.emit(info.id, [])

    def rename_tag(self, name: str, new_name: str) -> None:
        """Rename a tag (and its sub-tags)."""
        tags = self.library.tags
        new = tag_name(new_name)
        self._push(f"Rename tag {name}", lambda: tags.rename(name, new), lambda: tags.rename(new, name), self._all)

    def recolour_tag(self, name: str, colour: str) -> None:
        """Give a tag a new colour."""
        tags = self.library.tags
        old = tags.get(name).colour
        self._push(f"Recolour {name}", lambda: tags.recolour(name, colour), lambda: tags.recolour(name, old), self._all)

    def delete_tag(self, name: str) -> None:
        """Delete a tag and its links (highlights stay)."""
        tags = self.library.tags
        tag, links = tags.get(name), tags.links(name)
        self._push(f"Delete tag {name}", lambda: tags.delete(name), lambda: tags.restore(tag, links), self._all)

    def merge_tags(self, name: str, into: str) -> None:
        """Move one tag's highlights to another and delete it."""
        tags, highlights = self.library.tags, self.library.highlights
        source, links = tags.get(name), tags.links(name)
        added = sorted(set(links) - set(tags.links(into)))

        def undo() -> None:
            for hid in added:
                highlights.remove_tag(hid, into)
            tags.restore(source, links)

        self._push(f"Merge tag {name} into {into}", lambda: tags.merge(name, into), undo, self._all)

    # Transcripts ----------------------------------------------------------------------------

    def rename_transcript(self, transcript_id: int, title: str) -> None:
        """Retitle a transcript."""
        old = self.library.transcripts.get(transcript_id).title
        rename = self.library.transcripts.rename
        self._push("Rename transcript", lambda: rename(transcript_id, title), lambda: rename(transcript_id, old),
                   self.transcripts_changed.emit)  # fmt: skip

    def delete_transcript(self, transcript_id: int) -> None:
        """Delete a transcript for good (not undoable: the caller confirms first)."""
        self.library.transcripts.delete(transcript_id)
        self.undo_stack.clear()  # earlier commands may point into it
        self.transcripts_changed.emit()
        self.tags_changed.emit()
