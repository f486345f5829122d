"""The app's session: owns the library and the undo stack; every edit is an undo command.

Views never write to the library themselves: they call a Session method, which pushes a
command whose redo() and undo() call the library. Whatever a write changed comes back from
the library as one `Changes` record, which the session emits as `changed`; views refresh
only that. An undo or redo that the library refuses (another process changed the rows it
would touch) leaves the stack where it was and says why through `refused`. The commands
themselves are built by family: highlight_edits.py, tag_edits.py, turn_edits.py and
transcript_edits.py; LibraryCommand and Place are in library_command.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.library import Correction, ImportResult, Library, LibraryError, Position
from desktop.library.autotag import Autotagged
from desktop.library.changes import EVERYTHING, Changes
from desktop.ui import highlight_edits, tag_edits, transcript_edits, turn_edits
from desktop.ui.library_command import LibraryCommand, Place

WATCH_INTERVAL_MS = 1000  # how often the library file is checked for other processes' writes


class Session(QObject):
    """One open library, its undo stack, and one signal saying what changed."""

    changed = Signal(object)  # Changes
    refused = Signal(str)  # an undo or redo that could not be done, and why
    moved = Signal(str)  # an undo or redo done: "Undone: Delete highlight"
    focus_requested = Signal(object)  # Place: an undo or redo is about to change it
    fields_changed = Signal()  # attribute fields added or removed (values changing come through `changed`)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self._refused: LibraryCommand | None = None  # the step refused last, which a second press skips
        self._data_version = self._version()
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_INTERVAL_MS)
        self.watch.timeout.connect(self.check_for_outside_changes)
        self.watch.start()

    def close(self) -> None:
        """Stop watching the library file (before it closes)."""
        self.watch.stop()

    def run(self, write: Callable[[], object]) -> object:
        """Run library writes and tell the views what they changed."""
        with self.library.tracking() as log:
            result = write()
        if log.changes:
            self.changed.emit(log.changes)
        return result

    def check_for_outside_changes(self) -> bool:
        """Whether another process wrote the library since the last look; if so, views refresh."""
        version = self._version()
        if version == self._data_version:
            return False
        self._data_version = version
        self.changed.emit(EVERYTHING)
        return True

    def _version(self) -> int:
        return self.library.conn.execute("PRAGMA data_version").fetchone()[0]

    def _push(self, text: str, redo: Callable, undo: Callable, place: Place | None = None) -> None:
        command = LibraryCommand(self, text, redo, undo, place)
        self._refused = None
        self.undo_stack.push(command)
        if command.error is not None:
            raise command.error

    # Undo and redo ---------------------------------------------------------------------------

    def undo(self) -> bool:
        """Undo the last edit, showing its place first; False when refused (the stack stays)."""
        return self._move(self.undo_stack.index() - 1, self.undo_stack.undo, self.undo_stack.redo, "undo")

    def redo(self) -> bool:
        """Redo the next edit, showing its place first; False when refused (the stack stays)."""
        return self._move(self.undo_stack.index(), self.undo_stack.redo, self.undo_stack.undo, "redo")

    def _move(self, index: int, forth: Callable, back: Callable, verb: str) -> bool:
        """Undo or redo one command. One the library refuses stays where it is; asked again
        straight away, the stack steps over it without running it, so the edits before it
        can still be undone (each checks its own rows)."""
        command = self.undo_stack.command(index)
        if not isinstance(command, LibraryCommand):
            return False
        if self._refused is command:
            self._refused = None
            command.skip_next()
            forth()
            self.refused.emit(f"Skipped “{command.text()}”: it was changed elsewhere and stays as it is now")
            return True
        if command.place is not None:
            self.focus_requested.emit(command.place)
        forth()
        if command.error is None:
            self._refused = None
            self.moved.emit(f"{'Undone' if verb == 'undo' else 'Redone'}: {command.text()}")
            return True
        command.skip_next()
        back()
        self._refused = command
        self.refused.emit(f"Cannot {verb} “{command.text()}”: {command.error}. Press again to skip it.")
        return False

    # Highlights (highlight_edits.py) ----------------------------------------------------------

    def add_highlight(self, transcript_id: int, start: Position, end: Position, tags: Sequence[str] = ()) -> int:
        """Highlight a span (optionally tagged); returns the new highlight's id. Undo also
        removes the tags this created, unless another highlight carries them by then."""
        return highlight_edits.add_highlight(self._push, self.library, transcript_id, start, end, tags)

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight with its note and tags."""
        highlight_edits.delete_highlight(self._push, self.library, highlight_id)

    def toggle_tag(self, highlight_id: int, tag: str) -> tuple[str, bool]:
        """Tag a highlight, or untag it when it has the tag already (`#Quote` and `quote` are one
        tag); the tag's name as stored and whether the highlight has it now."""
        return highlight_edits.toggle_tag(self._push, self.library, highlight_id, tag)

    def set_note(self, highlight_id: int, note: str) -> None:
        """Write a highlight's note (Markdown)."""
        highlight_edits.set_note(self._push, self.library, highlight_id, note)

    def set_colour(self, highlight_id: int, colour: str | None) -> None:
        """Give a highlight its own colour (None: its first tag's)."""
        highlight_edits.set_colour(self._push, self.library, highlight_id, colour)

    def autotag(self, query: str, tag: str, scope: dict[str, str | int | None], extent: str = "words") -> Autotagged:
        """Highlight and tag every match of a library search within `scope` (its words, sentence
        or turn: `extent`; autotag.py), as one undo step; redo brings back the same highlights."""
        return highlight_edits.autotag(self._push, self.library, query, tag, scope, extent)

    # Speakers, label repairs and corrections (turn_edits.py) ------------------------------------

    def rename_speaker(self, transcript_id: int, name: str, new_name: str) -> None:
        """Rename a speaker throughout a transcript."""
        turn_edits.rename_speaker(self._push, self.library, transcript_id, name, new_name)

    def merge_speakers(self, transcript_id: int, name: str, into: str) -> None:
        """Give all of one speaker's turns to another."""
        turn_edits.merge_speakers(self._push, self.library, transcript_id, name, into)

    def set_repair(self, transcript_id: int, repair_id: int, *, undone: bool) -> None:
        """Take back (or make again) an automatic label repair."""
        turn_edits.set_repair(self._push, self.library, transcript_id, repair_id, undone=undone)

    def correct(self, text: str, make: Callable[[], Correction], place: Place) -> Correction:
        """Make a correction as one undo step (`make` calls one `library.corrections` method);
        undo and redo put back exactly the rows it touched."""
        return turn_edits.correct(self._push, self.library, text, make, place)

    # Tags (tag_edits.py) -----------------------------------------------------------------------

    def rename_tag(self, name: str, new_name: str) -> None:
        """Rename a tag (and its sub-tags)."""
        tag_edits.rename_tag(self._push, self.library, name, new_name)

    def recolour_tag(self, name: str, colour: str) -> None:
        """Give a tag a new colour."""
        tag_edits.recolour_tag(self._push, self.library, name, colour)

    def describe_tag(self, name: str, description: str) -> None:
        """Give a tag a new description."""
        tag_edits.describe_tag(self._push, self.library, name, description)

    def delete_tag(self, name: str) -> None:
        """Delete a tag and its links (highlights stay)."""
        tag_edits.delete_tag(self._push, self.library, name)

    def merge_tags(self, name: str, into: str) -> None:
        """Move one tag's highlights to another and delete it."""
        tag_edits.merge_tags(self._push, self.library, name, into)

    # Attributes (transcript_edits.py) ----------------------------------------------------------

    def set_attributes(self, transcript_id: int, values: dict[str, str | None], speaker_id: int | None = None) -> None:
        """Set a transcript's attributes (or, with `speaker_id`, one of its speakers'); a value
        the field's kind refuses is a LibraryError with the reason in one line."""
        transcript_edits.set_attributes(self._push, self.library, self.fields_changed.emit, transcript_id, values,
                                        speaker_id)  # fmt: skip

    def define_attribute(self, name: str, kind: str, scope: str = "transcript") -> None:
        """Add an attribute field (text, number or date) of transcripts or speakers."""
        transcript_edits.define_attribute(self._push, self.library, self.fields_changed.emit, name, kind, scope)

    # Transcripts ----------------------------------------------------------------------------

    def import_file(self, path: Path) -> ImportResult:
        """Import one file now (the first-run sample); not undoable."""
        return self.run(lambda: self.library.import_file(path))

    def imported(self, transcript_ids: list[int]) -> None:
        """Another connection (the import worker) stored these transcripts."""
        self._data_version = self._version()
        self.changed.emit(Changes(transcripts=frozenset(transcript_ids), tags=True))

    def rename_transcript(self, transcript_id: int, title: str) -> None:
        """Retitle a transcript."""
        transcript_edits.rename_transcript(self._push, self.library, transcript_id, title)

    def delete_transcript(self, transcript_id: int) -> None:
        """Delete a transcript for good (not undoable: the caller confirms first)."""
        self.run(lambda: self.library.transcripts.delete(transcript_id))
        self.undo_stack.clear()  # earlier commands may point into it


__all__ = ["LibraryCommand", "LibraryError", "Place", "Session"]
