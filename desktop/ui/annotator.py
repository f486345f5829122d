"""What the annotation keys do. Each acts on what the user sees: the highlight selected in
the highlights panel while that panel has focus, else the highlight under the reader's
selection or text cursor; a plain selection becomes a new highlight (or, for Copy quote,
is copied as it is). When nothing applies, the status bar says so: a key never reaches a
highlight that is off screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from desktop.export.collect import excerpt as make_excerpt
from desktop.export.markdown import citation
from desktop.library import Highlight, LibraryError, Position
from desktop.library.anchoring import TurnMap, snap_to_words
from desktop.library.folding import fold
from desktop.ui.highlights_panel import HighlightsPanel
from desktop.ui.note_editor import NoteEditor
from desktop.ui.reader import Reader
from desktop.ui.session import Session
from desktop.ui.tag_picker import TagPicker

NOTHING_HERE = "No highlight here: select text, or put the cursor in a highlight"


class Annotator(QObject):
    """Highlight, tag, note, delete and copy for one window's reader and highlights panel."""

    def __init__(self, session: Session, reader: Reader, panel: HighlightsPanel, parent: QWidget,
                 transcript: Callable[[], int | None], say: Callable[[str], None]) -> None:  # fmt: skip
        super().__init__(parent)
        self.session, self.reader, self.panel, self._parent = session, reader, panel, parent
        self._transcript, self._say = transcript, say
        self._chosen: tuple[int, int] | None = None  # a highlight chosen in a list, and where the cursor went
        reader.cursorPositionChanged.connect(self.sync)
        reader.selectionChanged.connect(self.sync)
        QApplication.instance().focusChanged.connect(self.sync)
        self._following = True

    def close(self) -> None:
        """Stop following the application's focus (the window is closing)."""
        if self._following:
            self._following = False
            QApplication.instance().focusChanged.disconnect(self.sync)

    @property
    def library(self):
        return self.session.library

    # What the keys act on -------------------------------------------------------------------

    def target(self) -> int | None:
        """The highlight the keys act on now, or None: the panel's while it has focus, else the
        one at the reader's cursor while the cursor is in view (the one chosen in a list, where
        highlights overlap there)."""
        if self.panel.view.hasFocus():
            return self.panel.current_id()
        if not self.reader.cursor_in_view():
            return None
        cursor = self.reader.textCursor()
        chosen, at = self._chosen or (None, None)
        still_there = chosen is not None and not cursor.hasSelection() and cursor.position() == at
        if still_there and self.reader.covers(chosen, at):
            return chosen
        return self.reader.highlight_under_cursor()

    def target_span(self) -> tuple[Position, Position] | None:
        """The span Play highlight plays: the highlight the keys act on, else the selection."""
        if (hid := self.target()) is not None:
            highlight = self.library.highlights.get(hid)
            return highlight.start, highlight.end
        return self.reader.selected_span() if self.reader.cursor_in_view() else None

    def sync(self, *_: object) -> None:
        """Emphasise the highlight the keys would act on, in the reader and the panel."""
        if self._transcript() is None or QApplication.activeModalWidget() is not None:
            return
        target = self.target()
        self.reader.set_current_highlight(target, scroll=False)
        if not self.panel.view.hasFocus():
            self.panel.select(target)

    def choose(self, highlight_id: int | None, scroll: bool = False) -> None:
        """Make a highlight the one the keys act on: the reader's cursor goes into it."""
        self.reader.place_cursor_in(highlight_id, scroll=scroll)
        self._chosen = (highlight_id, self.reader.textCursor().position()) if highlight_id is not None else None
        self.panel.select(highlight_id)
        self.reader.set_current_highlight(highlight_id, scroll=False)

    def selection(self) -> tuple[Position, Position] | None:
        """The reader's selection widened to whole words, as the library will store it."""
        span = self.reader.selected_span() if self._transcript() is not None else None
        if span is None:
            return None
        start, end = span
        turns = self.reader.turns
        first, last = snap_to_words(turns[start.turn].text, start.offset, turns[end.turn].text, end.offset,
                                    same_turn=start.turn == end.turn)  # fmt: skip
        return Position(start.turn, first), Position(end.turn, last)

    # Actions ----------------------------------------------------------------------------------

    def highlight_selection(self, tags: list[str] | None = None) -> int | None:
        """Highlight the selected text (tagged with `tags`); returns its id. A span that is
        highlighted already selects that highlight instead of making a second one."""
        span = self.selection()
        if span is None:
            self._say("Select some text in the reader first")
            return None
        existing = self.library.highlights.find(self._transcript(), *span)
        if existing is not None:
            for name in tags or ():
                if fold(name) not in (fold(t) for t in existing.tags):
                    self.session.toggle_tag(existing.id, name)
            self._say("Already highlighted" if not tags else f"Tagged {', '.join(tags)}")
            self.choose(existing.id)
            return existing.id
        highlight = self.session.add_highlight(self._transcript(), *span, tags=tags or ())
        self.choose(highlight)
        return highlight

    def apply_tag(self, name: str, target: int | None = None) -> None:
        """Tag (or untag) the targeted highlight, or highlight the selection with this tag."""
        target = target if target is not None else self.target()
        if target is not None:
            stored, tagged = self.session.toggle_tag(target, name)
            self._say(f"Tagged “{stored}”" if tagged else f"Took “{stored}” off the highlight")
        elif self.selection() is not None:
            self.highlight_selection([name])
        else:
            self._say(NOTHING_HERE)

    def tag(self) -> None:
        """Ask for a tag (existing or new) for the targeted highlight or the selection."""
        target = self.target()  # before the picker takes the focus
        if target is None and self.selection() is None:
            self._say(NOTHING_HERE)
            return
        picker = TagPicker([t.name for t in self.library.tags.list()], self._parent)
        if picker.exec() and picker.tag():
            self.apply_tag(picker.tag(), target)

    def edit_note(self, highlight_id: int | None = None) -> None:
        """Write the note of a highlight (the targeted one, or a new one from the selection)."""
        target = highlight_id or self.target()
        if target is None:
            if self.selection() is None:
                self._say(NOTHING_HERE)
                return
            target = self.highlight_selection()
        highlight = self.library.highlights.get(target)
        editor = NoteEditor(highlight.quote, highlight.note, self._parent)
        if editor.exec():
            self.session.set_note(target, editor.note())

    def delete(self, highlight_id: int | None = None) -> None:
        """Delete a highlight (undoable): the given one, else the targeted one."""
        target = highlight_id or self.target()
        if target is None:
            self._say(NOTHING_HERE)
            return
        self.session.delete_highlight(target)
        self._say("Highlight deleted (Ctrl+Z brings it back)")

    def copy_quote(self) -> str | None:
        """Put a Markdown quote with speaker(s), time and title on the clipboard: of the
        selection as it is, else of the targeted highlight. Makes no highlight."""
        tid = self._transcript()
        highlight = None
        span = self.selection() if not self.panel.view.hasFocus() else None
        if span is not None:
            highlight = self._unsaved(tid, *span)
        elif (target := self.target()) is not None:
            highlight = self.library.highlights.get(target)
        if highlight is None:
            self._say("Select text or put the cursor in a highlight to copy a quote")
            return None
        if highlight.orphan:
            self._say("This highlight's text was edited away; nothing to copy")
            return None
        try:
            info = self.library.transcripts.get(tid)
        except LibraryError as exc:
            self._say(str(exc))
            return None
        text = citation(make_excerpt(highlight, info, self.reader.turns))
        QApplication.clipboard().setText(text)
        self._say("Quote copied")
        return text

    def _unsaved(self, transcript_id: int, start: Position, end: Position) -> Highlight:
        """A selection as a highlight that is not stored (for Copy quote)."""
        turns = TurnMap([t.text for t in self.reader.turns])
        quote, prefix, suffix = turns.context(turns.offset(start), turns.offset(end))
        return Highlight(0, transcript_id, start, end, quote, prefix, suffix, None, "")
