"""The reader: a transcript as turns, with highlights painted over the text.

The document holds, per turn, a heading block (speaker and time, when known) and text
blocks whose characters are exactly the turn's text: each line break is a block break, one
character for one (`\\n\\n` between paragraphs leaves an empty block), so library offsets map 1:1
(converted to UTF-16 only for turns with characters beyond the BMP, through a map made once
per turn). Highlights and find matches are extra selections: painting them never changes
the document. Only those from a screen above the view to a screen below it are handed to
Qt (it measures every selection it is given), and the highlight under a click is found by
an index of where each lies (`SpanIndex`), so thousands of highlights cost what a few do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.formats.clock import format_clock
from desktop.library import Highlight, Position, TurnRecord
from desktop.library.find_pattern import find_pattern
from desktop.ui.layout_pacer import LayoutPacer
from desktop.ui.palette import DEFAULT_HIGHLIGHT, is_dark, muted_text, name_colour
from desktop.ui.reader_style import FALLBACK_SPEAKER_COLOUR, band_format, restyle_headings
from desktop.ui.span_index import SpanIndex, gap_key, place_key
from desktop.ui.text_offsets import Utf16Map
from desktop.ui.turn_diff import Run, changed_runs, index_map

NO_BREAK_SPACE = "\u00a0"
READING_WIDTH_EM = 36  # about 70 characters a line
ROOM_ABOVE_LINES = 1.5  # above a heading jumped to, besides its own top margin
LINE_HEIGHT = 135  # per cent of the font's
BLANK_LINE_HEIGHT = 35  # per cent: the empty line between two paragraphs of a turn, a short pause
SPOKEN_COLOUR, SPOKEN_LIGHT, SPOKEN_DARK = "#2f7bbf", "#dcebfa", "#27405c"  # the words being played
EDITED_MARK = "edited"  # after the heading of a turn whose words differ from the import


class Reader(QTextEdit):
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
        self.document().setDocumentMargin(24)
        self.turns: list[TurnRecord] = []
        self._starts: list[int] = []  # document position of each turn's text
        self._headings: list[int] = []  # document position of each turn's first block
        self._maps: list[Utf16Map | None] = []  # each turn's offsets in UTF-16, made when first needed
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
        self._pending: Position | None = None
        self._pacer = LayoutPacer(self)  # lays long transcripts out in short slices
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # Showing a transcript -------------------------------------------------------------

    def show_transcript(self, turns: list[TurnRecord], colours: dict[str, str]) -> None:
        """Replace the document with these turns; speaker names in their colours."""
        self.turns, self._colours, self._spoken = turns, colours, None
        self._maps, self._painted = [None] * len(turns), None
        self._highlights, self._index, self._selections = {}, SpanIndex(), {}
        self._matches, self._match_starts, self._current_match = [], [], -1
        self.setExtraSelections([])  # Qt would measure them against the old document on the way out
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(24)
        document.setDefaultFont(self.font())
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        self._headings, self._starts = self._insert_turns(cursor, turns, colours)
        cursor.endEditBlock()
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
        runs = changed_runs(self.turns, turns, self._colours, colours)
        was = self.cursor_position()
        cursor = QTextCursor(self.document())
        blocked = self.blockSignals(True)  # no one may ask about highlights while turns and text disagree
        cursor.beginEditBlock()
        for i1, i2, j1, j2 in reversed(runs):  # from the end: the positions before a run stay valid
            end = self._turn_end(i2 - 1)
            cursor.setPosition(self._headings[i1])
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            headings, starts = self._insert_turns(cursor, turns[j1:j2], colours)
            delta = cursor.position() - end
            self._headings[i1:i2], self._starts[i1:i2] = headings, starts
            for n in range(i1 + j2 - j1, len(self._starts)):
                self._headings[n] += delta
                self._starts[n] += delta
        cursor.endEditBlock()
        moved = index_map(len(self.turns), runs)
        self.turns, self._colours = turns, colours
        self._maps, self._painted = [None] * len(turns), None
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

    @property
    def laid_out(self) -> bool:
        """Whether the whole transcript is laid out (a long one is, in the background, after it opens)."""
        return self._pacer.finished

    def set_font_size(self, points: float) -> None:
        """Change the reading size; the reading position stays."""
        turn = self.turn_at_top()
        font = self.font()
        font.setPointSizeF(points)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._fit_width()
        if self.turns:
            self.scroll_to(Position(turn, 0))
        self._repaint_highlights()

    def restyle(self) -> None:
        """Colour names, times and highlights for the palette now in use (after a theme change)."""
        restyle_headings(self.document(), self.turns, self._headings, self._starts, self._colours, self.palette())
        self._selections = {}
        self._repaint_highlights()

    def _insert_turns(
        self, cursor: QTextCursor, turns: list[TurnRecord], colours: dict[str, str]
    ) -> tuple[list[int], list[int]]:
        """Write turns at the cursor, the first into the block it is in; returns where each
        turn's first block and its text begin."""
        heading, body, name, time, text = _formats(self.palette())
        names = {speaker: name_colour(colour, self.palette()) for speaker, colour in colours.items()}
        headings, starts = [], []
        for n, turn in enumerate(turns):
            titled = bool(turn.speaker) or turn.start is not None or turn.edited
            _block(cursor, heading if titled else body, first=n == 0)
            headings.append(cursor.position())
            if titled:
                if turn.speaker:
                    if turn.speaker not in names:
                        names[turn.speaker] = name_colour(FALLBACK_SPEAKER_COLOUR, self.palette())
                    name.setForeground(names[turn.speaker])
                    cursor.insertText(turn.speaker, name)
                if turn.start is not None:
                    cursor.insertText(("   " if turn.speaker else "") + format_clock(turn.start), time)
                if turn.edited:
                    cursor.insertText(("   " if turn.speaker or turn.start is not None else "") + EDITED_MARK, time)
                _block(cursor, body, first=False)
            starts.append(cursor.position())
            cursor.insertText(turn.text, text)  # a paragraph a block: Qt lays a block out in one go
            if "\n\n" in turn.text:
                _narrow_blank_lines(cursor.document(), starts[-1], cursor.position())
        return headings, starts

    def _turn_end(self, turn: int) -> int:
        """The document position just after a turn's text."""
        return self.document_position(Position(turn, len(self.turns[turn].text)))

    # Positions ---------------------------------------------------------------------------

    def _map(self, turn: int) -> Utf16Map:
        """A turn's offsets in UTF-16 (read from its text once)."""
        found = self._maps[turn]
        if found is None:
            found = self._maps[turn] = Utf16Map(self.turns[turn].text)
        return found

    def document_position(self, position: Position) -> int:
        """Where a library position is in the document."""
        return self._starts[position.turn] + self._map(position.turn).to_utf16(position.offset)

    def library_position(self, document_position: int, *, is_end: bool = False) -> Position:
        """The library position of a document position; headings count as the start of their
        turn (or, for an end, the end of the turn before)."""
        turn = max(0, bisect_right(self._starts, document_position) - 1)
        offsets = self._map(turn)
        offset = max(0, document_position - self._starts[turn])
        if offset >= offsets.units and not is_end and turn + 1 < len(self.turns):
            return Position(turn + 1, 0)
        return Position(turn, offsets.from_utf16(offset))

    def _place_key(self, document_position: int) -> int:
        """A document position as a place key (`span_index`): in a heading, the gap before its turn."""
        turn = bisect_right(self._starts, document_position) - 1
        if turn < 0:
            return gap_key(-1)
        offsets, offset = self._map(turn), document_position - self._starts[turn]
        return place_key(turn, offsets.from_utf16(offset)) if offset <= offsets.units else gap_key(turn)

    def selected_span(self) -> tuple[Position, Position] | None:
        """The selected text as library positions, or None when nothing readable is selected."""
        cursor = self.textCursor()
        if not self.turns or not cursor.hasSelection():
            return None
        start = self.library_position(cursor.selectionStart())
        end = self.library_position(cursor.selectionEnd(), is_end=True)
        if self.document_position(start) >= self.document_position(end):
            return None
        return start, end

    def select_span(self, start: Position, end: Position) -> None:
        """Select library positions (used by tests and by keyboard-driven selection)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.document_position(start))
        cursor.setPosition(self.document_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def turn_rect(self, turn: int) -> QRect:
        """Where a turn's text is drawn, in viewport coordinates."""
        layout, document = self.document().documentLayout(), self.document()
        area = layout.blockBoundingRect(document.findBlock(self._starts[turn]))
        area = area.united(layout.blockBoundingRect(document.findBlock(self._turn_end(turn))))
        return area.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value()).toRect()

    def cursor_position(self) -> Position | None:
        """Where the text cursor is (the start of the selection), as a library position: just
        after a turn's last word is still that turn."""
        if not self.turns:
            return None
        cursor = self.textCursor()
        if cursor.hasSelection():
            return self.library_position(cursor.selectionStart())
        at_end = self.library_position(cursor.position(), is_end=True)
        return (
            at_end if self.document_position(at_end) == cursor.position() else self.library_position(cursor.position())
        )

    def put_cursor(self, position: Position) -> None:
        """Move the text cursor to a library position without scrolling."""
        blocked = self.blockSignals(True)
        self._put_cursor(position)
        self.blockSignals(blocked)
        self.cursorPositionChanged.emit()

    def _put_cursor(self, position: Position) -> None:
        scrolled = self.verticalScrollBar().value()
        cursor = QTextCursor(self.document())
        turn = min(position.turn, len(self.turns) - 1)
        cursor.setPosition(self.document_position(Position(turn, min(position.offset, len(self.turns[turn].text)))))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scrolled)

    def reveal(self, position: Position) -> None:
        """Scroll a library position to a third of the way down the view (the text around it
        shows on both sides)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.document_position(position))
        top = self.verticalScrollBar().value() + self.cursorRect(cursor).top() - self.viewport().height() // 3
        self._scroll_bar_to(top)

    def turn_at_top(self) -> int:
        """The turn at the top of the view: the one whose heading is in the room `scroll_to`
        leaves above a heading, else the one the top line belongs to."""
        if not self.turns or self.verticalScrollBar().value() == 0:
            return 0
        position = self._block_at(self.verticalScrollBar().value() + self.room_above() + 4).position()
        first = bisect_left(self._headings, position)
        if first < len(self.turns) and self._headings[first] == position:  # a turn's heading (or first block)
            return first
        return min(max(0, bisect_right(self._starts, position) - 1), len(self.turns) - 1)

    def position_at_top(self) -> int:
        """The document position of the first character of the line at the top of the view
        (found from the blocks laid out: a hit test misreads a document still being laid out)."""
        top = self.verticalScrollBar().value()
        block = self._block_at(top)
        layout = block.layout()
        y = top - self.document().documentLayout().blockBoundingRect(block).top() - layout.position().y()
        line = next((layout.lineAt(n) for n in reversed(range(layout.lineCount())) if layout.lineAt(n).y() <= y), None)
        return block.position() + (line.textStart() if line is not None else 0)

    def _block_at(self, y: float) -> QTextBlock:
        """The block at height `y` of the document (the next one, in the space between two), by
        bisection over the blocks laid out: a hit test would shape a long paragraph's text again
        (about 10 ms for a 150,000-character one), a block's place is known once laid out."""
        document = self.document()
        layout = document.documentLayout()
        last = document.findBlock(min(self._pacer.laid_out_to, document.characterCount() - 1)).blockNumber()
        if not self._pacer.finished and layout.blockBoundingRect(document.findBlockByNumber(last)).bottom() < y:
            # not laid out that far yet: Qt lays out as far as y
            hit = layout.hitTest(QPointF(document.documentMargin() + 1, y), Qt.HitTestAccuracy.FuzzyHit)
            return document.findBlock(max(hit, 0))
        first = 0
        while first < last:
            middle = (first + last) // 2
            if layout.blockBoundingRect(document.findBlockByNumber(middle)).bottom() < y:
                first = middle + 1
            else:
                last = middle
        return document.findBlockByNumber(first)

    def room_above(self) -> int:
        """The room a jump leaves above a turn's heading (about two lines with its margin)."""
        return round(self.fontMetrics().lineSpacing() * ROOM_ABOVE_LINES)

    def scroll_to(self, position: Position) -> None:
        """Bring a turn's heading (or, past its start, the position) near the top of the view,
        with a little room above it."""
        if not self.turns:
            return
        if not self.isVisible():  # no layout yet: go there once shown
            self._pending = position
            return
        turn = min(max(position.turn, 0), len(self.turns) - 1)
        target = self._headings[turn] if position.offset == 0 else self.document_position(position)
        block = self.document().findBlock(target)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self._scroll_bar_to(max(0, int(top) - self.room_above()))

    def _scroll_bar_to(self, top: int) -> None:
        """Scroll to a place Qt has just laid out to: while a long transcript is still being laid
        out, the scroll bar's range (Qt's estimate) catches up only later, so stretch it now."""
        bar = self.verticalScrollBar()
        if top > bar.maximum():
            bar.setMaximum(top)
        bar.setValue(top)

    # Highlights and matches ---------------------------------------------------------------

    def set_highlights(self, highlights: list[Highlight], tag_colours: dict[str, str]) -> None:
        """Paint these highlights: their own colour, else their first tag's."""
        shown = [h for h in highlights if not h.orphan and h.end.turn < len(self.turns)]
        self._highlights, self._selections = {h.id: h for h in shown}, {}
        self._index = SpanIndex((h.id, *_keys(h)) for h in shown)
        self.update_highlights([], [], tag_colours)

    def update_highlights(self, changed: list[Highlight], removed: list[int], tag_colours: dict[str, str]) -> None:
        """Repaint only these highlights (new or edited) and drop the removed ones."""
        self._tag_colours = tag_colours
        for highlight_id in removed:
            self._forget(highlight_id)
        for h in changed:
            if h.orphan or h.end.turn >= len(self.turns):
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
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.document_position(chosen.start))
        scrolled = self.verticalScrollBar().value()
        self.setTextCursor(cursor)
        if scroll:  # not to the bottom edge, where setting the cursor scrolled it
            self.verticalScrollBar().setValue(scrolled)
            self._bring_into_upper_part(cursor.position())

    def highlight_at(self, document_position: int, document_end: int | None = None) -> int | None:
        """The highlight covering a document position (or all of a span), the shortest if several."""
        start = self._place_key(document_position)
        end = start + 1 if document_end is None else self._place_key(document_end)
        covering = [self._highlights[hid] for hid in self._index.covering(start, end)]
        return min(covering, key=lambda h: (len(h.quote), h.id)).id if covering else None

    def highlighted(self, document_start: int, document_end: int) -> bool:
        """Whether any highlight touches the text between two document positions."""
        return bool(self._index.overlapping(self._place_key(document_start), self._place_key(document_end)))

    def in_view(self, position: Position) -> bool:
        """Whether a library position is on screen."""
        if not self.turns or position.turn >= len(self.turns):
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.document_position(position))
        return self.viewport().rect().intersects(self.cursorRect(cursor))

    def cursor_in_view(self) -> bool:
        """Whether the text cursor is on screen (a highlight scrolled away is not acted on)."""
        return self.viewport().rect().intersects(self.cursorRect())

    def covers(self, highlight_id: int, document_position: int) -> bool:
        """Whether a painted highlight covers a document position."""
        h = self._highlights.get(highlight_id)
        if h is None:
            return False
        start, end = _keys(h)
        return start <= self._place_key(document_position) < end

    def highlight_under_cursor(self) -> int | None:
        """The highlight holding the whole selection, or (with none) the text cursor."""
        cursor = self.textCursor()
        if not self.turns:
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
            for turn in range(len(self.turns)):
                self._matches += [span for span in self._find_in_turn(pattern, turn) if span[1] > span[0]]
        self._match_starts = [start for start, _ in self._matches]
        self._apply_selections()
        return len(self._matches)

    def _find_in_turn(self, pattern: re.Pattern, turn: int) -> list[tuple[int, int]]:
        """The document spans `pattern` matches in a turn's heading and text."""
        found = []
        if self._headings[turn] != self._starts[turn]:
            block = self.document().findBlock(self._headings[turn])
            found += _spans(pattern, block.text(), block.position(), Utf16Map(block.text()))
        text = self.turns[turn].text
        return found + _spans(pattern, text, self._starts[turn], self._map(turn))

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
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        scrolled = self.verticalScrollBar().value()
        self.setTextCursor(cursor)  # which scrolls as little as it can: the match on the bottom edge
        self.verticalScrollBar().setValue(scrolled)
        self._bring_into_upper_part(start)
        self._apply_selections()
        return self._current_match + 1

    def _bring_into_upper_part(self, document_position: int) -> None:
        """Leave a place on screen where it is when it sits above the view's bottom third, else
        scroll it to a quarter of the way down (so find shows what follows a match)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(document_position)
        rect, height = self.cursorRect(cursor), self.viewport().height()
        if rect.top() < 0 or rect.bottom() > height * 2 // 3:
            self._scroll_bar_to(max(0, self.verticalScrollBar().value() + rect.top() - height // 4))

    def _stretches(self, h: Highlight) -> list[tuple[int, int]]:
        """A highlight's document spans, one per paragraph of each turn it spans, so neither
        the speaker names between turns nor the empty line between paragraphs is painted."""
        spans = []
        for turn in range(h.start.turn, h.end.turn + 1):
            text = self.turns[turn].text
            begin = h.start.offset if turn == h.start.turn else 0
            end = h.end.offset if turn == h.end.turn else len(text)
            pieces = _paragraph_pieces(text, begin, end)
            spans += [(self.document_position(Position(turn, a)), self.document_position(Position(turn, b)))
                      for a, b in pieces]  # fmt: skip
        return spans

    def _selection(self, h: Highlight) -> list[QTextEdit.ExtraSelection]:
        """A highlight's paint: its colour over each of its stretches."""
        colour = h.colour or next((self._tag_colours[t] for t in h.tags if t in self._tag_colours), DEFAULT_HIGHLIGHT)
        text_format = band_format(colour, self.palette(), h.id == self._current_highlight)
        stretches = []
        for begin, end in self._stretches(h):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(begin)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, text_format
            stretches.append(selection)
        return stretches

    def mark_spoken(self, turn: int | None, begin: int = 0, end: int = 0) -> None:
        """Mark the words the recording is playing (None: none); repaints only on a change."""
        spoken = None if turn is None or turn >= len(self.turns) else (turn, begin, end)
        if spoken != self._spoken:
            self._spoken = spoken
            self._apply_selections()

    @property
    def spoken(self) -> tuple[int, int, int] | None:
        """The (turn, begin, end) marked as being played."""
        return self._spoken

    def _painted_range(self) -> tuple[int, int]:
        """The document positions from a screen above the view to a screen below it (laying
        out only that far); remembers that stretch, so scrolling within it repaints nothing."""
        top, height = self.verticalScrollBar().value(), self.viewport().height()
        self._painted = (max(0, top - height), top + 2 * height)
        first, last = self._block_at(self._painted[0]), self._block_at(self._painted[1])
        return first.position(), last.position() + last.length()

    def repaint_marks(self) -> None:
        """Paint the marks near the view again (an overlay's marks changed)."""
        self._apply_selections()

    def _repaint_highlights(self) -> None:
        """Paint what is near the view afresh (after a scroll beyond what was painted, or a resize)."""
        self._painted = None
        self._apply_selections()

    def _apply_selections(self) -> None:
        if not self.turns:
            self._selections, self._painted = {}, None
            self.setExtraSelections([])
            return
        first, last = self._painted_range()
        near = self._index.overlapping(self._place_key(first), self._place_key(last) + 1)
        near.sort(key=lambda hid: (hid == self._current_highlight, hid))  # the current one on top
        self._selections = {hid: self._selections.get(hid) or self._selection(self._highlights[hid]) for hid in near}
        selections = [stretch for hid in near for stretch in self._selections[hid]]
        if self._spoken is not None:
            selections.append(self._spoken_selection(*self._spoken))
        starts = self._match_starts
        for n in range(bisect_left(starts, first), bisect_right(starts, last)):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.document())
            selection.cursor.setPosition(self._matches[n][0])
            selection.cursor.setPosition(self._matches[n][1], QTextCursor.MoveMode.KeepAnchor)
            selection.format.setBackground(QColor("#ff9f43" if n == self._current_match else "#ffd8a8"))
            selection.format.setForeground(QColor("#000000"))
            selections.append(selection)
        for overlay in self.overlays:
            selections += overlay(first, last)
        self.setExtraSelections(selections)

    def _spoken_selection(self, turn: int, begin: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(self.document())
        selection.cursor.setPosition(self.document_position(Position(turn, begin)))
        selection.cursor.setPosition(self.document_position(Position(turn, end)), QTextCursor.MoveMode.KeepAnchor)
        selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        selection.format.setUnderlineColor(QColor(SPOKEN_COLOUR))
        if not self._index.overlapping(place_key(turn, begin), place_key(turn, end)):  # a highlight keeps its colour
            selection.format.setBackground(QColor(SPOKEN_DARK if is_dark(self.palette()) else SPOKEN_LIGHT))
        return selection

    # Events ----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            if self.turns:
                at = self.cursorForPosition(event.position().toPoint()).position()
                self.time_clicked.emit(self.library_position(at))
            event.accept()
            return
        super().mousePressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:
            position, self._pending = self._pending, None
            QTimer.singleShot(0, lambda: self.scroll_to(position))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()
        self._repaint_highlights()

    def _fit_width(self) -> None:
        """Keep lines a readable length, centred in wide windows."""
        width = int(self.fontMetrics().averageCharWidth() * READING_WIDTH_EM * 2)
        available = self.width() - self.verticalScrollBar().sizeHint().width() - 4
        self.setLineWrapColumnOrWidth(max(200, min(width, available)))
        margin = max(0, (available - width) // 2)
        self.setViewportMargins(margin, 0, margin, 0)
        self._pacer.pace(self.document())  # a new width lays the document out again

    def _scrolled(self) -> None:
        top, bottom = self.verticalScrollBar().value(), self.verticalScrollBar().value() + self.viewport().height()
        if self._painted is None or not self._painted[0] <= top <= bottom <= self._painted[1]:
            self._apply_selections()
        turn = self.turn_at_top()
        if turn != self._turn_in_view and self.turns:
            self._turn_in_view = turn
            self.turn_in_view.emit(turn)


def _paragraph_pieces(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The stretches of `text[begin:end]` between its line breaks (none empty)."""
    pieces = []
    while begin < end:
        line_end = text.find("\n", begin, end)
        stop = end if line_end == -1 else line_end
        if stop > begin:
            pieces.append((begin, stop))
        begin = stop + 1
    return pieces


def _block(cursor: QTextCursor, block_format: QTextBlockFormat, first: bool) -> None:
    if first:
        cursor.setBlockFormat(block_format)
    else:
        cursor.insertBlock(block_format)


def _narrow_blank_lines(document: QTextDocument, start: int, end: int) -> None:
    """Give the empty lines between a turn's paragraphs a third of a line: a pause between
    paragraphs, not a blank line (the line stays, so offsets in the text are as stored)."""
    gap = QTextBlockFormat()
    gap.setLineHeight(BLANK_LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        if block.length() == 1:  # nothing but the paragraph separator
            QTextCursor(block).setBlockFormat(gap)
        block = block.next()


def _formats(
    palette: QPalette,
) -> tuple[QTextBlockFormat, QTextBlockFormat, QTextCharFormat, QTextCharFormat, QTextCharFormat]:
    heading = QTextBlockFormat()
    heading.setTopMargin(16)
    heading.setBottomMargin(2)
    body = QTextBlockFormat()
    body.setBottomMargin(6)
    body.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    name = QTextCharFormat()
    name.setFontWeight(QFont.Weight.DemiBold)
    time = QTextCharFormat()
    time.setForeground(muted_text(palette))
    return heading, body, name, time, QTextCharFormat()


def _spans(pattern: re.Pattern, text: str, base: int, offsets: Utf16Map) -> list[tuple[int, int]]:
    """Where `pattern` matches `text` (no-break spaces read as spaces), as document spans from `base`."""
    found = pattern.finditer(text.replace(NO_BREAK_SPACE, " "))
    if offsets.units == offsets.length:  # no pairs: offsets agree
        return [(base + m.start(), base + m.end()) for m in found]
    return [(base + offsets.to_utf16(m.start()), base + offsets.to_utf16(m.end())) for m in found]


def _keys(h: Highlight) -> tuple[int, int]:
    """Where a highlight starts and ends, as place keys."""
    return place_key(h.start.turn, h.start.offset), place_key(h.end.turn, h.end.offset)
