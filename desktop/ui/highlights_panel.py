"""The current transcript's highlights in reading order: quote, speaker, time, tags, note."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.export.collect import Part, speaker_parts, turn_parts
from desktop.export.note_markdown import note_words
from desktop.formats.clock import format_clock
from desktop.library import Highlight, TurnRecord
from desktop.ui.empty_hint import empty_hint
from desktop.ui.palette import DEFAULT_HIGHLIGHT
from desktop.ui.record_model import RecordListModel

ALL_TAGS = "All tags"
EMPTY_HINT = (
    "No highlights yet.\n\nSelect words in the transcript and press H to highlight them. "
    "T tags the highlight, N writes a note on it, 1–9 apply your first tags."
)


def who_and_when(highlight: Highlight, turns: list[TurnRecord]) -> str:
    """Each speaker of the highlight with the time (or turn) their part starts: `Lex · 1:02 → Oriol · 1:05`."""
    if highlight.orphan or highlight.end.turn >= len(turns):
        return f"turn {highlight.start.turn + 1}"
    parts = speaker_parts(turn_parts(highlight, turns)) or [Part(highlight.start.turn, None, None, "")]
    return " → ".join(" · ".join(filter(None, [p.speaker, format_clock(p.start) if p.start is not None
                                             else f"turn {p.turn + 1}"])) for p in parts)  # fmt: skip


def quoted(highlight: Highlight, turns: list[TurnRecord], limit: int = 90) -> str:
    """The quote on one line; a quote across speakers as each one's part: `Lex: “…” · Oriol: “…”`."""
    parts = [] if highlight.orphan or highlight.end.turn >= len(turns) else speaker_parts(turn_parts(highlight, turns))
    if len({p.speaker for p in parts}) < 2:
        quote = " ".join(highlight.quote.split())
        return f"“{quote[:limit]}{'…' if len(quote) > limit else ''}”"
    share = max(12, limit // len(parts))
    pieces = []
    for part in parts:
        text = " ".join(part.text.split())
        pieces.append(f"{part.speaker or 'Unlabelled'}: “{text[:share]}{'…' if len(text) > share else ''}”")
    return " · ".join(pieces)


def describe(highlight: Highlight, turns: list[TurnRecord]) -> str:
    """Quote, then who/when/tags, then the start of the note."""
    quote = quoted(highlight, turns)
    where = [who_and_when(highlight, turns), " ".join(f"#{t}" for t in highlight.tags) or None,
             "orphan: its text was edited away" if highlight.orphan else None]  # fmt: skip
    note = note_words(highlight.note[:2000])  # the glimpse needs only the start
    # Always three lines, so the list can size every row alike (fast with thousands).
    return "\n".join(
        [quote, " · ".join(p for p in where if p), f"✎ {note[:100]}{'…' if len(note) > 100 else ''}" if note else ""]
    )


class HighlightsPanel(QWidget):
    """Lists highlights with a tag filter; edit and delete act on the selected one."""

    highlight_chosen = Signal(int)
    edit_note_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = QComboBox()
        self._turns: list[TurnRecord] = []
        self._colours: dict[str, str] = {}
        self.model: RecordListModel[Highlight] = RecordListModel(
            lambda h: describe(h, self._turns), tip=lambda h: h.quote[:800] + (f"\n\n{h.note}" if h.note else ""),
            colour=lambda h: QColor(h.colour or next((self._colours[t] for t in h.tags if t in self._colours),
                                                     DEFAULT_HIGHLIGHT)),
            parent=self,
        )  # fmt: skip
        self.view = _list_view(self.model)
        self.empty = empty_hint(EMPTY_HINT, "No highlights yet")  # in the list's place while there are none
        self.edit = QPushButton("Edit note…")
        self.delete = QPushButton("Delete")
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit)
        buttons.addWidget(self.delete)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tag)
        layout.addWidget(self.view)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self._all: list[Highlight] = []
        self._rows: dict[int, int] = {}  # each listed highlight's row, so choosing one is no search
        self.tag.currentTextChanged.connect(lambda _text: self._filter())
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        self.edit.clicked.connect(lambda: self._act(self.edit_note_requested))
        self.delete.clicked.connect(lambda: self._act(self.delete_requested))

    def show_highlights(self, highlights: list[Highlight], turns: list[TurnRecord], colours: dict[str, str]) -> None:
        """List these highlights (already in reading order); tag colours for the swatches. The
        caller chooses the current one afterwards (`select`)."""
        # A row shows its turns' speakers and times: when those changed (a rename, a merge, its
        # undo) every row is drawn again, though the highlights themselves are equal.
        redraw = _speakers_and_times(turns) != _speakers_and_times(self._turns)
        self._all, self._turns, self._colours = highlights, turns, colours
        tags = sorted({t for h in highlights for t in h.tags}, key=str.casefold)
        chosen = self.tag.currentText()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItems([ALL_TAGS, *tags])
        if chosen in tags:
            self.tag.setCurrentText(chosen)
        self.tag.blockSignals(False)
        self._filter(redraw)
        self.empty.setVisible(not highlights)
        self.view.setVisible(bool(highlights))
        self.tag.setVisible(bool(highlights))

    def current_id(self) -> int | None:
        """The selected highlight's id."""
        index = self.view.currentIndex()
        return self.model.record(index.row()).id if index.isValid() else None

    def select(self, highlight_id: int | None) -> None:
        """Select a highlight in the list (without emitting)."""
        if highlight_id is not None and highlight_id == self.current_id():
            return
        row = self._rows.get(highlight_id) if highlight_id is not None else None
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def _filter(self, redraw: bool = False) -> None:
        tag = self.tag.currentText()
        shown = self._all if tag in ("", ALL_TAGS) else [h for h in self._all if tag in h.tags]
        (self.model.set_records if redraw else self.model.update_records)(shown)
        self._rows = {h.id: row for row, h in enumerate(shown)}

    def _chosen(self, index: QModelIndex) -> None:
        self.highlight_chosen.emit(self.model.record(index.row()).id)

    def _act(self, signal: Signal) -> None:
        current = self.current_id()
        if current is not None:
            signal.emit(current)


def _speakers_and_times(turns: list[TurnRecord]) -> list[tuple[str | None, float | None]]:
    return [(t.speaker, t.start) for t in turns]


def _list_view(model: RecordListModel[Highlight]) -> QTableView:
    """A one-column table dressed as a list: rows of three lines, no headers or grid. A table,
    because QListView lays every row out again when one is added (thousands of calls into
    the model), where a table's rows are all one height and cost nothing until drawn."""
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() * 3 + 8)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long lines end in "…"
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setAlternatingRowColors(True)
    return view
