"""The reader: a transcript as turns, with highlights painted over the text.

The document holds, per turn, a heading block (speaker and time, when known) and text
blocks whose characters are exactly the turn's text (`reader_document`), so library offsets
map 1:1 (`reader_positions`); scrolling and the text cursor are the base's (`reader_view`).
Highlights and find matches (`reader_find`) are extra selections (`reader_marks`): painting
them never changes the document. Only those from a screen above the view to a screen below
it are handed to Qt (it measures every selection it is given), and the highlight under a
click is found by an index of where each lies (`SpanIndex`), so thousands of highlights cost
what a few do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.library import Highlight, Position, TurnRecord
from desktop.library.find_pattern import find_pattern
from desktop.ui.palette import DEFAULT_HIGHLIGHT
from desktop.ui.reader_document import DOCUMENT_MARGIN, insert_turns, new_document, span_cursor

# re-exported: turn_editor.py and tests import these from the reader
from desktop.ui.reader_document import EDITED_MARK as EDITED_MARK
from desktop.ui.reader_document import LINE_HEIGHT as LINE_HEIGHT
from desktop.ui.reader_find import find_spans
from desktop.ui.reader_marks import match_paint, paint, paragraph_pieces, spoken_paint
from desktop.ui.reader_positions import TurnPlaces
from desktop.ui.reader_style import band_format, restyle_headings
from desktop.ui.reader_view import TranscriptView, block_at
from desktop.ui.span_index import SpanIndex, place_key
from desktop.ui.turn_diff import Run, changed_runs, index_map


class Reader(TranscriptView):
    """Shows one transcript; reports the turn in view. The text cursor says which highlight
    the keys act on (a click in a highlight puts it there)."""

    turn_in_view = Signal(int)
    time_clicked = Signal(object)  # Position: an Alt+click, to play the recording from there

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Transcript")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)  # fmt: skip
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self._highlights: dict[int, Highlight] = {}
        self._index = SpanIndex()  # where each highlight lies, as place keys
        self._selections: dict[int, list[QTextEdit.ExtraSelection]] = {}  # paint made, near the view
        self._painted: tuple[int, int] | None = None  # the stretch (y) of the document painted
        self._tag_colours: dict[str, str] = {}
        self._colours: dict[str, str] = {}  # each speaker's
        self._current_highlight: int | None = None
        self._matches: list[tuple[int, int]] = []  # find matches: document spans, in order
        self._match_starts: list[int] = []
        self._current_match = -1
        self._spoken: tuple[int, int, int] | None = None  # (turn, begin, end) being played
        # Other marks painted with these (search_marks.py): each gives its paint between two document positions.
        self.overlays: list[Callable[[int, int], list[QTextEdit.ExtraSelection]]] = []
        self._turn_in_view = -1
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # Showing a transcript -------------------------------------------------------------

    def show_transcript(self, turns: list[TurnRecord], colours: dict[str, str]) -> None:
        """Replace the document with these turns; speaker names in their colours."""
        self._colours, self._spoken, self._painted = colours, None, None
        self._highlights, self._index, self._selections = {}, SpanIndex(), {}
        self._matches, self._match_starts, self._current_match = [], [], -1
        self.setExtraSelections([])  # Qt would measure them against the old document on the way out
        document, headings, starts = new_document(self, self.font(), turns, colours, self.palette())
        self._places = TurnPlaces(turns, headings, starts)
        previous = self.document()
        ours = previous.parent() is self  # Qt deletes only the document it made itself
        self.setDocument(document)
        if ours:
            previous.deleteLater()
        self._fit_width()
        # A new document starts at its first turn; asking Qt (a hit test) would lay out the
        # whole document at once instead of lazily, as it is shown.
        self._turn_in_view = 0
        if turns:
            self.turn_in_view.emit(0)

    def update_turns(self, turns: list[TurnRecord], colours: dict[str, str]) -> list[Run]:
        """Show a corrected version of the transcript shown, rewriting only the turns that differ
        (the rest, and the scroll position, stay); returns those runs of turns. The highlights
        are the caller's to give next (`rehighlight`); find matches are cleared."""
        places = self._places
        runs = changed_runs(places.turns, turns, self._colours, colours)
        was = self.cursor_position()
        cursor = QTextCursor(self.document())
        blocked = self.blockSignals(True)  # no one may ask about highlights while turns and text disagree
        cursor.beginEditBlock()
        for i1, i2, j1, j2 in reversed(runs):  # from the end: the positions before a run stay valid
            end = places.turn_end(i2 - 1)
            cursor.setPosition(places.headings[i1])
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            headings, starts = insert_turns(cursor, turns[j1:j2], colours, self.palette())
            places.replace(i1, i2, headings, starts, cursor.position() - end)
        cursor.endEditBlock()
        moved = index_map(len(places.turns), runs)
        self._places, self._colours = TurnPlaces(turns, places.headings, places.starts), colours
        self._painted = None
        if was is not None:  # the cursor stays on its words, or goes to the start of a rewritten run
            rewritten = next((j1 for i1, i2, j1, _ in runs if i1 <= was.turn < i2), None)
            self._put_cursor(Position(moved[was.turn], was.offset) if rewritten is None else Position(rewritten, 0))
        self.blockSignals(blocked)
        self._matches, self._match_starts, self._current_match, self._spoken = [], [], -1, None
        return runs

    def rehighlight(self, moved: list[Highlight], fresh: list[Highlight]) -> None:
        """After `update_turns`: `moved` highlights lay on turns that were not rewritten (they
        are at their turns' new places), `fresh` ones are new or changed; any other is gone.
        Only those near the view are painted now, the rest as they come into view."""
        self._highlights = {h.id: h for h in moved if h.id in self._highlights}
        self._index = SpanIndex((h.id, *_keys(h)) for h in self._highlights.values())
        self._selections = {}
        self.update_highlights(fresh, [], self._tag_colours)

    def set_font_size(self, points: float) -> None:
        """Change the reading size; the reading position stays."""
        turn = self.turn_at_top()
        font = self.font()
        font.setPointSizeF(points)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._fit_width()
        if self._places.turns:
            self.scroll_to(Position(turn, 0))
        self._repaint_highlights()

    def restyle(self) -> None:
        """Colour names, times and highlights for the palette now in use (after a theme change)."""
        places = self._places
        restyle_headings(self.document(), places.turns, places.headings, places.starts, self._colours, self.palette())
        self._selections = {}
        self._repaint_highlights()

    # Highlights and matches ---------------------------------------------------------------

    def set_highlights(self, highlights: list[Highlight], tag_colours: dict[str, str]) -> None:
        """Paint these highlights: their own colour, else their first tag's."""
        shown = [h for h in highlights if not h.orphan and h.end.turn < len(self._places.turns)]
        self._highlights, self._selections = {h.id: h for h in shown}, {}
        self._index = SpanIndex((h.id, *_keys(h)) for h in shown)
        self.update_highlights([], [], tag_colours)

    def update_highlights(self, changed: list[Highlight], removed: list[int], tag_colours: dict[str, str]) -> None:
        """Repaint only these highlights (new or edited) and drop the removed ones."""
        self._tag_colours = tag_colours
        for highlight_id in removed:
            self._forget(highlight_id)
        for h in changed:
            if h.orphan or h.end.turn >= len(self._places.turns):
                self._forget(h.id)
            else:
                self._highlights[h.id] = h
                self._selections.pop(h.id, None)
                self._index.add(h.id, *_keys(h))
        self._apply_selections()

    def _forget(self, highlight_id: int) -> None:
        self._highlights.pop(highlight_id, None)
        self._selections.pop(highlight_id, None)
        self._index.remove(highlight_id)

    def set_current_highlight(self, highlight_id: int | None, *, scroll: bool = False) -> None:
        """Emphasise one highlight (None: none), bringing it into view if `scroll`."""
        if highlight_id != self._current_highlight:
            previous, self._current_highlight = self._current_highlight, highlight_id
            self._selections.pop(previous, None)
            self._selections.pop(highlight_id, None)
            self._apply_selections()
        if scroll:
            self.place_cursor_in(highlight_id, scroll=True)

    def place_cursor_in(self, highlight_id: int | None, *, scroll: bool) -> None:
        """Put the text cursor at a highlight's start (so keys act on it), clearing any selection."""
        chosen = self._highlights.get(highlight_id) if highlight_id is not None else None
        if chosen is None:
            return
        cursor = span_cursor(self.document(), self._places.document_position(chosen.start))
        scrolled = self.verticalScrollBar().value()
        self.setTextCursor(cursor)
        if scroll:  # not to the bottom edge, where setting the cursor scrolled it
            self.verticalScrollBar().setValue(scrolled)
            self._bring_into_upper_part(cursor.position())

    def highlight_at(self, document_position: int, document_end: int | None = None) -> int | None:
        """The highlight covering a document position (or all of a span), the shortest if several."""
        key = self._places.place_key
        start = key(document_position)
        end = start + 1 if document_end is None else key(document_end)
        covering = [self._highlights[hid] for hid in self._index.covering(start, end)]
        return min(covering, key=lambda h: (len(h.quote), h.id)).id if covering else None

    def highlighted(self, document_start: int, document_end: int) -> bool:
        """Whether any highlight touches the text between two document positions."""
        key = self._places.place_key
        return bool(self._index.overlapping(key(document_start), key(document_end)))

    def covers(self, highlight_id: int, document_position: int) -> bool:
        """Whether a painted highlight covers a document position."""
        h = self._highlights.get(highlight_id)
        if h is None:
            return False
        start, end = _keys(h)
        return start <= self._places.place_key(document_position) < end

    def highlight_under_cursor(self) -> int | None:
        """The highlight holding the whole selection, or (with none) the text cursor."""
        cursor = self.textCursor()
        if not self._places.turns:
            return None
        if cursor.hasSelection():
            return self.highlight_at(cursor.selectionStart(), cursor.selectionEnd())
        return self.highlight_at(cursor.position())

    def highlight_spans(self) -> list[tuple[int, int]]:
        """Where every highlight shown is painted, near the view or not: document spans, one per
        turn a highlight spans, in order."""
        return sorted(span for h in self._highlights.values() for span in self._stretches(h))

    def find(self, text: str | re.Pattern[str]) -> int:
        """Mark every case-insensitive match of `text`, or every non-empty match of a pattern
        (in the turns and their headings, as QTextDocument.find would, a no-break space matching
        a space); returns how many there are. Searched in Python's strings, not through Qt
        (seconds on a 100-hour transcript)."""
        self._matches, self._current_match = [], -1
        if text:
            pattern = text if isinstance(text, re.Pattern) else find_pattern(text)
            self._matches = find_spans(pattern, self.document(), self._places)
        self._match_starts = [start for start, _ in self._matches]
        self._apply_selections()
        return len(self._matches)

    @property
    def match_count(self) -> int:
        """How many find matches are marked."""
        return len(self._matches)

    def next_match(self, backwards: bool = False) -> int:
        """Go to the next (or previous) match; returns its 1-based number, 0 when none."""
        if not self._matches:
            return 0
        self._current_match = (self._current_match + (-1 if backwards else 1)) % len(self._matches)
        start, end = self._matches[self._current_match]
        scrolled = self.verticalScrollBar().value()
        # setting the cursor scrolls as little as it can: the match on the bottom edge
        self.setTextCursor(span_cursor(self.document(), start, end))
        self.verticalScrollBar().setValue(scrolled)
        self._bring_into_upper_part(start)
        self._apply_selections()
        return self._current_match + 1

    def mark_spoken(self, turn: int | None, begin: int = 0, end: int = 0) -> None:
        """Mark the words the recording is playing (None: none); repaints only on a change."""
        spoken = None if turn is None or turn >= len(self._places.turns) else (turn, begin, end)
        if spoken != self._spoken:
            self._spoken = spoken
            self._apply_selections()

    @property
    def spoken(self) -> tuple[int, int, int] | None:
        """The (turn, begin, end) marked as being played."""
        return self._spoken

    # Painting the marks near the view -----------------------------------------------------

    def _stretches(self, h: Highlight) -> list[tuple[int, int]]:
        """A highlight's document spans, one per paragraph of each turn it spans, so neither
        the speaker names between turns nor the empty line between paragraphs is painted."""
        spans, turns, at = [], self._places.turns, self._places.document_position
        for turn in range(h.start.turn, h.end.turn + 1):
            text = turns[turn].text
            begin = h.start.offset if turn == h.start.turn else 0
            end = h.end.offset if turn == h.end.turn else len(text)
            pieces = paragraph_pieces(text, begin, end)
            spans += [(at(Position(turn, a)), at(Position(turn, b))) for a, b in pieces]
        return spans

    def _selection(self, h: Highlight) -> list[QTextEdit.ExtraSelection]:
        """A highlight's paint: its colour over each of its stretches."""
        colour = h.colour or next((self._tag_colours[t] for t in h.tags if t in self._tag_colours), DEFAULT_HIGHLIGHT)
        text_format = band_format(colour, self.palette(), h.id == self._current_highlight)
        return paint(self.document(), self._stretches(h), text_format)

    def _painted_range(self) -> tuple[int, int]:
        """The document positions from a screen above the view to a screen below it (laying
        out only that far); remembers that stretch, so scrolling within it repaints nothing."""
        top, height = self.verticalScrollBar().value(), self.viewport().height()
        self._painted = (max(0, top - height), top + 2 * height)
        first, last = (block_at(self.document(), y, self._pacer) for y in self._painted)
        return first.position(), last.position() + last.length()

    def repaint_marks(self) -> None:
        """Paint the marks near the view again (an overlay's marks changed)."""
        self._apply_selections()

    def _repaint_highlights(self) -> None:
        """Paint what is near the view afresh (after a scroll beyond what was painted, or a resize)."""
        self._painted = None
        self._apply_selections()

    def _apply_selections(self) -> None:
        if not self._places.turns:
            self._selections, self._painted = {}, None
            self.setExtraSelections([])
            return
        first, last = self._painted_range()
        key = self._places.place_key
        near = self._index.overlapping(key(first), key(last) + 1)
        near.sort(key=lambda hid: (hid == self._current_highlight, hid))  # the current one on top
        self._selections = {hid: self._selections.get(hid) or self._selection(self._highlights[hid]) for hid in near}
        selections = [stretch for hid in near for stretch in self._selections[hid]]
        if self._spoken is not None:
            selections.append(self._spoken_selection(*self._spoken))
        matches = bisect_left(self._match_starts, first), bisect_right(self._match_starts, last)
        selections += match_paint(self.document(), self._matches[slice(*matches)], self._current_match - matches[0])
        for overlay in self.overlays:
            selections += overlay(first, last)
        self.setExtraSelections(selections)

    def _spoken_selection(self, turn: int, begin: int, end: int) -> QTextEdit.ExtraSelection:
        highlighted = bool(self._index.overlapping(place_key(turn, begin), place_key(turn, end)))
        at = self._places.document_position
        begin_at, end_at = at(Position(turn, begin)), at(Position(turn, end))
        return spoken_paint(self.document(), begin_at, end_at, self.palette(), highlighted)

    # Events ----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            if self._places.turns:
                at = self.cursorForPosition(event.position().toPoint()).position()
                self.time_clicked.emit(self._places.library_position(at))
            event.accept()
            return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()
        self._repaint_highlights()

    def _scrolled(self) -> None:
        top, bottom = self.verticalScrollBar().value(), self.verticalScrollBar().value() + self.viewport().height()
        if self._painted is None or not self._painted[0] <= top <= bottom <= self._painted[1]:
            self._apply_selections()
        turn = self.turn_at_top()
        if turn != self._turn_in_view and self._places.turns:
            self._turn_in_view = turn
            self.turn_in_view.emit(turn)


def _keys(h: Highlight) -> tuple[int, int]:
    """Where a highlight starts and ends, as place keys."""
    return place_key(h.start.turn, h.start.offset), place_key(h.end.turn, h.end.offset)
