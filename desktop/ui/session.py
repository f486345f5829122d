"""The app's session: owns the library and the undo stack; every edit is an undo command.

Views never write to the library themselves: they call a Session method, which pushes a
command whose redo() and undo() call the library. Whatever a write changed comes back from
the library as one `Changes` record, which the session emits as `changed`; views refresh
only that. An undo or redo that the library refuses (another process changed the rows it
would touch) leaves the stack where it was and says why through `refused`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.library import Correction, Highlight, ImportResult, Library, LibraryError, Position, Tag
from desktop.library.autotag import Autotagged, retag_matches, tag_matches, untag_matches
from desktop.library.changes import EVERYTHING, Changes
from desktop.library.tags import lookup_name, tag_name

WATCH_INTERVAL_MS = 1000  # how often the library file is checked for other processes' writes


@dataclass(frozen=True)
class Place:
    """Where an edit happened, so undoing it can show it first."""

    transcript_id: int
    position: Position | None = None


class LibraryCommand(QUndoCommand):
    """An undoable edit: `redo` and `undo` call the library through the session.

    A step that fails keeps its error (Qt would swallow it): on the first redo the command
    is made obsolete, so the stack drops it and Session raises the error; on a later undo
    or redo Session puts the stack back where it was.
    """

    def __init__(self, session: Session, text: str, redo: Callable, undo: Callable, place: Place | None) -> None:
        super().__init__(text)
        self._session, self._redo, self._undo, self.place = session, redo, undo, place
        self.error: Exception | None = None
        self._skip = False
        self._ran = False

    def redo(self) -> None:
        self._step(self._redo)

    def undo(self) -> None:
        self._step(self._undo)

    def skip_next(self) -> None:
        """Let the stack move over this command once without running it."""
        self._skip = True

    def _step(self, step: Callable) -> None:
        if self._skip:
            self._skip = False
            return
        self.error = None
        try:
            self._session.run(step)
        except Exception as exc:  # each step is one transaction: nothing was written
            self.error = exc
            if not self._ran:
                self.setObsolete(True)  # never done: push() drops it
            return
        self._ran = True


class Session(QObject):
    """One open library, its undo stack, and one signal saying what changed."""

    changed = Signal(object)  # Changes
    refused = Signal(str)  # an undo or redo that could not be done, and why
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
            return True
        command.skip_next()
        back()
        self._refused = command
        self.refused.emit(f"Cannot {verb} “{command.text()}”: {command.error}. Press again to skip it.")
        return False

    # Highlights -------------------------------------------------------------------------

    def add_highlight(self, transcript_id: int, start: Position, end: Position, tags: Sequence[str] = ()) -> int:
        """Highlight a span (optionally tagged); returns the new highlight's id. Undo also
        removes the tags this created, unless another highlight carries them by then."""
        lib = self.library
        made: list[Highlight] = []
        created: list[int] = []

        def redo() -> None:
            with lib.write():
                again = made[0] if made else None  # a redo: the same id and creation time
                h = lib.highlights.add(transcript_id, start, end, highlight_id=again and again.id,
                                       created=again and again.created)  # fmt: skip
                created.clear()
                for name in tags:
                    h, new_tag = lib.highlights.tag(h.id, name)
                    created.extend([new_tag] if new_tag is not None else [])
                made[:] = [h]

        def undo() -> None:
            with lib.write():
                lib.highlights.delete(made[0].id, expect=made[0])
                for tag_id in created:
                    lib.tags.drop_if_unused(tag_id)

        label = f"Highlight and tag {', '.join(lookup_name(t) for t in tags)}" if tags else "Highlight"
        self._push(label, redo, undo, Place(transcript_id, start))
        return made[0].id

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight with its note and tags."""
        state = [self.library.highlights.get(highlight_id)]

        def redo() -> None:
            self.library.highlights.delete(highlight_id, expect=state[0])

        def undo() -> None:
            state[0] = self.library.highlights.restore(state[0])

        self._push("Delete highlight", redo, undo, self._place(state[0]))

    def toggle_tag(self, highlight_id: int, tag: str) -> tuple[str, bool]:
        """Tag a highlight, or untag it when it has the tag already (`#Quote` and `quote` are one
        tag); the tag's name as stored and whether the highlight has it now."""
        highlights = self.library.highlights
        state = [highlights.get(highlight_id)]
        existing = self.library.tags.find(tag)
        name = self.library.tags.name_of(existing) if existing is not None else tag_name(tag)  # as the library has it
        has = next((t for t in state[0].tags if t.casefold() == name.casefold()), None)
        if has is not None:

            def untag() -> None:
                state[0] = highlights.untag(highlight_id, has, expect=state[0])

            def retag() -> None:
                state[0] = highlights.tag(highlight_id, has, expect=state[0])[0]

            self._push(f"Untag {has}", untag, retag, self._place(state[0]))
            return has, False
        created: list[int | None] = [None]

        def tag_it() -> None:
            state[0], created[0] = highlights.tag(highlight_id, name, expect=state[0])

        def untag_it() -> None:
            state[0] = highlights.untag(highlight_id, name, expect=state[0], drop_tag=created[0])

        self._push(f"Tag {name}", tag_it, untag_it, self._place(state[0]))
        return name, True

    def set_note(self, highlight_id: int, note: str) -> None:
        """Write a highlight's note (Markdown)."""
        old = self.library.highlights.get(highlight_id)
        if old.note != note:
            self._update(old, "Edit note", note=(old.note, note))

    def set_colour(self, highlight_id: int, colour: str | None) -> None:
        """Give a highlight its own colour (None: its first tag's)."""
        old = self.library.highlights.get(highlight_id)
        self._update(old, "Change highlight colour", colour=(old.colour, colour))

    def _update(self, old: Highlight, text: str, **values: tuple[object, object]) -> None:
        state = [old]

        def apply(which: int) -> None:
            fields = {key: pair[which] for key, pair in values.items()}
            state[0] = self.library.highlights.update(old.id, expect=state[0], **fields)

        self._push(text, lambda: apply(1), lambda: apply(0), self._place(old))

    def autotag(self, query: str, tag: str, scope: dict[str, str | int | None]) -> Autotagged:
        """Highlight and tag every match of a library search within `scope` (autotag.py), as
        one undo step; redo brings back the same highlights."""
        lib = self.library
        done: list[Autotagged] = []

        def redo() -> None:
            if done:
                done[0] = retag_matches(lib, done[0])
            else:
                done.append(tag_matches(lib, query, tag, scope))

        self._push(f"Tag search results {lookup_name(tag)}", redo, lambda: untag_matches(lib, done[0]))
        return done[0]

    @staticmethod
    def _place(highlight: Highlight) -> Place:
        return Place(highlight.transcript_id, highlight.start)

    # Speakers and label repairs -----------------------------------------------------------

    def rename_speaker(self, transcript_id: int, name: str, new_name: str) -> None:
        """Rename a speaker throughout a transcript."""
        speakers = self.library.speakers
        new_name = " ".join(new_name.split())
        self._push(
            f"Rename {name} to {new_name}",
            lambda: speakers.rename(transcript_id, name, new_name),
            lambda: speakers.rename(transcript_id, new_name, name),
            Place(transcript_id),
        )

    def merge_speakers(self, transcript_id: int, name: str, into: str) -> None:
        """Give all of one speaker's turns to another."""
        moved: list[int] = []
        speakers = self.library.speakers

        def redo() -> None:
            moved[:] = speakers.merge(transcript_id, name, into)

        self._push(f"Merge {name} into {into}", redo, lambda: speakers.assign(transcript_id, moved, name),
                   Place(transcript_id))  # fmt: skip

    def set_repair(self, transcript_id: int, repair_id: int, *, undone: bool) -> None:
        """Take back (or make again) an automatic label repair."""
        corrections = self.library.corrections
        make = corrections.undo_repair if undone else corrections.redo_repair
        self.correct("Take back label repair" if undone else "Repair label again", lambda: make(repair_id),
                     Place(transcript_id))  # fmt: skip

    # Corrections ---------------------------------------------------------------------------

    def correct(self, text: str, make: Callable[[], Correction], place: Place) -> Correction:
        """Make a correction as one undo step (`make` calls one `library.corrections` method);
        undo and redo put back exactly the rows it touched."""
        corrections = self.library.corrections
        done: list[Correction] = []

        def redo() -> None:
            if done:
                corrections.reapply(done[0])
            else:
                done.append(make())

        self._push(text, redo, lambda: corrections.revert(done[0]), place)
        return done[0]

    # Tags ---------------------------------------------------------------------------------

    def rename_tag(self, name: str, new_name: str) -> None:
        """Rename a tag (and its sub-tags)."""
        tags = self.library.tags
        before = tags.get(name)
        new = tag_name(new_name)
        state = [before]

        def redo() -> None:
            state[0] = tags.rename(before.name, new, expect=state[0])

        def undo() -> None:
            state[0] = tags.rename(new, before.name, expect=state[0])

        self._push(f"Rename tag {before.name}", redo, undo)

    def recolour_tag(self, name: str, colour: str) -> None:
        """Give a tag a new colour."""
        self._set_tag(name, "Recolour", "colour", colour, self.library.tags.recolour)

    def describe_tag(self, name: str, description: str) -> None:
        """Give a tag a new description."""
        self._set_tag(name, "Describe", "description", description, self.library.tags.describe)

    def _set_tag(self, name: str, verb: str, field: str, value: str, write: Callable[..., Tag]) -> None:
        """One undo step setting a tag's `field` through `write(name, value, expect=tag)`."""
        state = [self.library.tags.get(name)]
        old = getattr(state[0], field)

        def apply(new: str) -> None:
            state[0] = write(state[0].name, new, expect=state[0])

        self._push(f"{verb} {state[0].name}", lambda: apply(value), lambda: apply(old))

    def delete_tag(self, name: str) -> None:
        """Delete a tag and its links (highlights stay)."""
        tags = self.library.tags
        state, links = [tags.get(name)], tags.links(name)

        def undo() -> None:
            state[0] = tags.restore(state[0], links)

        self._push(f"Delete tag {state[0].name}", lambda: tags.delete(state[0].name, expect=state[0]), undo)

    def merge_tags(self, name: str, into: str) -> None:
        """Move one tag's highlights to another and delete it."""
        lib = self.library
        source, links = lib.tags.get(name), lib.tags.links(name)
        target = lib.tags.get(into)
        added = sorted(set(links) - set(lib.tags.links(into)))

        def undo() -> None:
            with lib.write():
                for hid in added:
                    lib.highlights.remove_tag(hid, target.name)
                lib.tags.restore(source, links)

        self._push(f"Merge tag {source.name} into {target.name}", lambda: lib.tags.merge(source.name, target.name),
                   undo)  # fmt: skip

    # Attributes -----------------------------------------------------------------------------

    def set_attributes(self, transcript_id: int, values: dict[str, str | None], speaker_id: int | None = None) -> None:
        """Set a transcript's attributes (or, with `speaker_id`, one of its speakers'); a value
        the field's kind refuses is a LibraryError with the reason in one line."""
        attributes = self.library.attributes
        write = attributes.set if speaker_id is None else attributes.set_speaker
        read = attributes.get if speaker_id is None else attributes.get_speaker
        owner = transcript_id if speaker_id is None else speaker_id
        before: dict[str, str | None] = {}
        after: dict[str, str | None] = {}
        ran: list[bool] = []

        def redo() -> None:
            if ran:
                write(owner, after, expect=before)
                return
            ran.append(True)
            with self.library.write():
                before.update(write(owner, values))
                stored = read(owner)
                after.update({name: stored.get(name) for name in before})

        scope = "transcript" if speaker_id is None else "speaker"
        known = len(attributes.fields(scope))
        # No place: attributes show in the library panel and tables, not in the reader.
        self._push(f"Set {', '.join(values)}", redo, lambda: write(owner, before, expect=after))
        if len(attributes.fields(scope)) != known:  # a name not yet a field became one
            self.fields_changed.emit()

    def define_attribute(self, name: str, kind: str, scope: str = "transcript") -> None:
        """Add an attribute field (text, number or date) of transcripts or speakers."""
        attributes = self.library.attributes
        made: list[str] = []

        def redo() -> None:
            made[:] = [attributes.define(name, kind, scope).name]
            self.fields_changed.emit()

        def undo() -> None:
            attributes.remove_field(made[0])
            self.fields_changed.emit()

        self._push(f"Add attribute {' '.join(name.split())}", redo, undo)

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
        rename = self.library.transcripts.rename
        state = [self.library.transcripts.get(transcript_id).title]
        old = state[0]

        def apply(new: str) -> None:
            state[0] = rename(transcript_id, new, expect=state[0])

        self._push("Rename transcript", lambda: apply(title), lambda: apply(old), Place(transcript_id))

    def delete_transcript(self, transcript_id: int) -> None:
        """Delete a transcript for good (not undoable: the caller confirms first)."""
        self.run(lambda: self.library.transcripts.delete(transcript_id))
        self.undo_stack.clear()  # earlier commands may point into it


__all__ = ["LibraryCommand", "LibraryError", "Place", "Session"]
