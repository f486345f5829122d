"""What the correction keys do: edit the turn at the cursor in place, find and replace, split,
merge, set the speaker, move words across a turn boundary, show a turn's original. Each is
one undo step named for what it did; the status bar says how many highlights moved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.library import Correction, LibraryError, Match, Position
from desktop.library.corrections import MERGE_SEPARATOR, clean_text
from desktop.ui.name_picker import NamePicker
from desktop.ui.original_view import OriginalView
from desktop.ui.reader import Reader
from desktop.ui.replace_dialog import ReplaceDialog
from desktop.ui.session import Place, Session
from desktop.ui.turn_editor import TurnEditor

NO_TRANSCRIPT = "Open a transcript first"


class Corrector(QObject):
    """Corrections of the transcript open in one window's reader."""

    def __init__(self, session: Session, reader: Reader, parent: QWidget,
                 transcript: Callable[[], int | None], say: Callable[[str], None]) -> None:  # fmt: skip
        super().__init__(parent)
        self.session, self.reader, self._parent = session, reader, parent
        self._transcript, self._say = transcript, say
        self.editor: TurnEditor | None = None
        self.replace_dialog: ReplaceDialog | None = None
        self.speaker_dialog: NamePicker | None = None
        self.original_view: OriginalView | None = None

    @property
    def corrections(self):
        return self.session.library.corrections

    # Editing a turn in place ------------------------------------------------------------------

    def edit_turn(self) -> None:
        """Open the in-place editor on the turn at the cursor."""
        if (at := self._at()) is None:
            return
        self.close_editor()
        self.editor = TurnEditor(self.reader, at.turn, at.offset)
        self.editor.saved.connect(self.save_edit)
        self.editor.cancelled.connect(self.close_editor)
        self._say("Editing the turn: Ctrl+Return saves, Esc cancels")

    def save_edit(self, text: str) -> None:
        """Save the editor's text as its turn's (closing it); an empty turn is refused."""
        editor, tid = self.editor, self._transcript()
        if editor is None or tid is None:
            return
        if clean_text(text) == self.reader.turns[editor.turn].text:  # nothing changed but spaces
            self.close_editor()
            return
        turn, self.editor = editor.turn, None  # the save redraws the turn: not a change to warn about
        try:
            done = self.session.correct(f"Edit turn {turn + 1}", lambda: self.corrections.edit(tid, turn, text),
                                        Place(tid, Position(turn, 0)))  # fmt: skip
        except LibraryError as error:
            self.editor = editor
            self._say(f"Not saved: {error}")
            return
        editor.close_editor()
        self._done(f"Edited turn {turn + 1}", done)

    def close_editor(self) -> None:
        """Close the editor, if one is open, without saving."""
        if self.editor is not None:
            editor, self.editor = self.editor, None
            editor.close_editor()

    def transcript_closed(self) -> None:
        """Another transcript is shown (or none): the editor and find and replace close."""
        self.close_editor()
        if self.replace_dialog is not None:
            self.replace_dialog.close()
            self.replace_dialog = None

    def turns_changed(self) -> None:
        """The turns shown changed (an undo, another program): an open editor would save over
        text it never showed, so it closes."""
        if self.editor is not None:
            self.close_editor()
            self._say("The turn being edited changed: the editor closed without saving")

    # Find and replace ---------------------------------------------------------------------------

    def open_replace(self) -> ReplaceDialog | None:
        """Show the find and replace dialog for the open transcript."""
        tid = self._transcript()
        if tid is None:
            self._say(NO_TRANSCRIPT)
            return None
        if self.replace_dialog is not None:
            self.replace_dialog.close()
        self.replace_dialog = ReplaceDialog(
            self._parent,
            lambda find, **options: self.corrections.matches(tid, find, **options),
            lambda: self.session.library.transcripts.turns(tid),  # its own transcript's, whatever is shown
            lambda *args: self.replace(tid, *args),
        )
        self.replace_dialog.find.setText(self.reader.textCursor().selectedText().strip())
        self.replace_dialog.show()
        return self.replace_dialog

    def replace(self, tid: int, find: str, replacement: str, whole_word: bool, match_case: bool,
                chosen: list[Match]) -> bool:  # fmt: skip
        """Replace the chosen matches as one undo step; False (and why) when refused."""
        n = len(chosen)
        try:
            done = self.session.correct(
                f"Replace “{find}” with “{replacement}”" + (f" ({n}×)" if n > 1 else ""),
                lambda: self.corrections.replace(tid, find, replacement, whole_word=whole_word,
                                                 match_case=match_case, only=chosen),
                Place(tid, Position(chosen[0].turn, 0)),
            )  # fmt: skip
        except LibraryError as error:
            self._say(f"Nothing replaced: {error}")
            return False
        self._done(f"Replaced {n} match{'es' if n != 1 else ''}", done)
        return True

    # Turns and speakers ---------------------------------------------------------------------------

    def split_turn(self) -> None:
        """Split the turn at the cursor, before the word there."""
        if (at := self._at()) is not None:
            self._correct(f"Split turn {at.turn + 1}", lambda tid: self.corrections.split(tid, at.turn, at.offset),
                          at.turn, f"Split turn {at.turn + 1}", then=Position(at.turn + 1, 0))  # fmt: skip

    def merge_with_previous(self) -> None:
        """Join the turn at the cursor onto the one before it."""
        if (at := self._at()) is None:
            return
        if at.turn == 0:
            self._say("The first turn has no turn before it to merge into")
            return
        joined = Position(at.turn - 1, len(self.reader.turns[at.turn - 1].text) + len(MERGE_SEPARATOR))
        self._correct(f"Merge turn {at.turn + 1} into turn {at.turn}",
                      lambda tid: self.corrections.merge(tid, at.turn), at.turn - 1,
                      f"Merged turn {at.turn + 1} into turn {at.turn}", then=joined)  # fmt: skip

    def choose_speaker(self) -> NamePicker | None:
        """Ask who says the turn at the cursor (or every turn the selection touches): one of the
        transcript's speakers, typed ahead, or a new name."""
        if (turns := self._selected_turns()) is None:
            return None
        first, last = turns
        names = self.session.library.speakers.list(self._transcript())
        picker = NamePicker(names, self._parent, title="Set speaker", prompt=f"Who says {_turns(first, last)}?",
                            placeholder="A speaker's name", noun="speaker")  # fmt: skip
        picker.field.setText(self.reader.turns[first].speaker or "")
        picker.field.selectAll()
        picker.accepted.connect(lambda: self.set_speaker(first, last, picker.clean(picker.name())))
        self.speaker_dialog = picker
        picker.open()
        return picker

    def set_speaker(self, first: int, last: int, name: str) -> None:
        """Give turns `first` to `last` to a speaker (new names create one)."""
        which = _turns(first, last)
        self._correct(f"Set speaker of {which} to {name}",
                      lambda tid: self.corrections.set_speaker(tid, first, last, name), first,
                      f"{name} now says {which}")  # fmt: skip

    def words_to_previous(self) -> None:
        """Move the selected words at the start of a turn (or, with no selection, the words
        before the cursor) to the end of the turn before it: the late-label fix."""
        if (span := self._edge_span()) is None:
            return
        (start, end), selected = span
        if selected and self.reader.turns[start.turn].text[: start.offset].strip():
            self._say("Select words at the start of a turn to move them to the turn before")
            return
        self._correct(f"Move words to turn {start.turn}",
                      lambda tid: self.corrections.words_to_previous(tid, start.turn, end.offset),
                      max(start.turn - 1, 0), f"Moved words to turn {start.turn}")  # fmt: skip

    def words_to_next(self) -> None:
        """Move the selected words at the end of a turn (or, with no selection, the words from
        the cursor on) to the start of the turn after it."""
        if (span := self._edge_span()) is None:
            return
        (start, end), selected = span
        if selected and self.reader.turns[start.turn].text[end.offset :].strip():
            self._say("Select words at the end of a turn to move them to the turn after")
            return
        self._correct(f"Move words to turn {start.turn + 2}",
                      lambda tid: self.corrections.words_to_next(tid, start.turn, start.offset), start.turn,
                      f"Moved words to turn {start.turn + 2}")  # fmt: skip

    def show_original(self) -> OriginalView | None:
        """Show the turn at the cursor as imported, with the differences marked."""
        if (at := self._at()) is None:
            return None
        self.original_view = OriginalView(self._parent, self.reader.turns[at.turn], self.reader.font())
        self.original_view.show()
        return self.original_view

    # Helpers --------------------------------------------------------------------------------------

    def _at(self) -> Position | None:
        """The cursor's place, or None (and why) when no transcript is open or it is off screen."""
        if self._transcript() is None or not self.reader.turns:
            self._say(NO_TRANSCRIPT)
            return None
        if not self.reader.cursor_in_view():
            self._say("Click in the turn to correct first: the cursor is not on screen")
            return None
        return self.reader.cursor_position()

    def _selected_turns(self) -> tuple[int, int] | None:
        """The turns the selection touches, or the turn at the cursor."""
        if (at := self._at()) is None:
            return None
        span = self.reader.selected_span()
        return (span[0].turn, span[1].turn) if span else (at.turn, at.turn)

    def _edge_span(self) -> tuple[tuple[Position, Position], bool] | None:
        """The selection within one turn (and True), or the cursor as an empty span (and False)."""
        if (at := self._at()) is None:
            return None
        span = self.reader.selected_span()
        if span and span[0].turn != span[1].turn:
            self._say("Select words within one turn")
            return None
        return (span, True) if span else ((at, at), False)

    def _correct(self, text: str, make: Callable[[int], Correction], turn: int, done: str,
                 then: Position | None = None) -> None:  # fmt: skip
        """Make a correction at `turn` (its undo shows that turn), then put the cursor at `then`."""
        tid = self._transcript()
        try:
            correction = self.session.correct(text, lambda: make(tid), Place(tid, Position(turn, 0)))
        except LibraryError as error:
            self._say(f"{text}: {error}")
            return
        if then is not None:
            self.reader.put_cursor(then)
        self._done(done, correction)

    def _done(self, what: str, correction: Correction) -> None:
        self._say(f"{what}: {correction.summary()}")


def _turns(first: int, last: int) -> str:
    """Turns by index, as the user counts them: "turn 4", "turns 4–9"."""
    return f"turn {first + 1}" if first == last else f"turns {first + 1}–{last + 1}"
