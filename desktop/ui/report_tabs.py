"""The Reports window's tabs: tags × columns, tag co-occurrence, and speakers. Each tab says
what to compute (`work`, run off the GUI thread) and shows the result; the numbers come from
the core's `desktop.library.reports`."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.library import Library
from desktop.library.reports import (
    BY_SPEAKER,
    BY_TRANSCRIPT,
    NO_SPEAKER,
    Filters,
    Table,
    cooccurrence,
    matrix,
    speaker_stats,
)
from desktop.ui.palette import speaker_colours
from desktop.ui.reader_style import FALLBACK_SPEAKER_COLOUR
from desktop.ui.report_model import ReportModel
from desktop.ui.speakers_dialog import SHARE_ROLE, ShareBar

MEASURES = (("count", "Highlights"), ("words", "Words"), ("share", "Share of the column's words"))
TURN_LENGTH_BINS = ((1, 5), (6, 10), (11, 20), (21, 50), (51, 100), (101, 200), (201, None))


@dataclass(frozen=True)
class Series:
    """What the chart shows: a title, labels and their values, and how a value is written."""

    title: str
    labels: list[str]
    values: list[float]
    fmt: Callable[[float], str]
    colour: str | None = None  # the bars' colour: a speaker's, as the reader shows them


def count_text(value: float) -> str:
    """A count or a number of words: `1,204`."""
    return f"{value:,.0f}"


def share_text(value: float) -> str:
    """A share as a percentage: `12.5 %` (`0 %` for none; `<0.1 %` for a trace)."""
    if not value:
        return "0 %"
    return "<0.1 %" if value < 0.0005 else f"{value * 100:.1f} %"


class TableTab(QWidget):
    """A tab whose report is a table of tag rows, shown as a tree (levels fold)."""

    cell_chosen = Signal(str, str)  # row (tag), column name
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.model = ReportModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAllColumnsShowFocus(False)
        self.view.header().setSectionsClickable(True)
        self.view.header().setStretchLastSection(False)
        self.view.header().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.view.setAccessibleName("Report table")
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.header().sectionClicked.connect(self._header_clicked)
        self.chart_axis = "row"  # what the chart follows: the current "row" or "column"
        self.current: tuple[int, int] = (-1, -1)  # table row, table column (-1: none)

    def fmt(self) -> Callable[[float], str]:
        """How a cell's number is written."""
        return count_text

    def show_table(self, table: Table) -> None:
        """Show a computed table, keeping the current cell's row and column where they are still there."""
        old_row = self.model.row_name(self.current[0]) if self.table and self.current[0] >= 0 else None
        old_column = self.table.columns[self.current[1]] if self.table and self.current[1] >= 0 else None
        self.table = table
        self.model.set_table(table, self.fmt())
        self.view.expandAll()
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnToContents(0)
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0) + 16, 160), 320))
        for column in range(1, self.model.columnCount()):
            self.view.resizeColumnToContents(column)
            self.view.setColumnWidth(column, max(self.view.columnWidth(column), 64))
        row = table.rows.index(old_row) if old_row in table.rows else (0 if table.rows else -1)  # a chart at once
        column = table.columns.index(old_column) if old_column in table.columns else -1
        self.current = (row, column)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index_of_row(row, column + 1))
        self.selection_changed.emit()

    def choose_cell(self, row: int, column: int) -> None:
        """Make a cell current as a click would (table row and column, 0-based)."""
        self._clicked(self.model.index_of_row(row, column + 1))

    def _clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = index.data(Qt.ItemDataRole.UserRole)
        self.current = (row, index.column() - 1 if index.column() else self.current[1])
        self.chart_axis = "row" if index.column() == 0 or self.chart_axis == "row" else "column"
        self.selection_changed.emit()
        if index.column() > 0 and self.table is not None:
            self.cell_chosen.emit(self.table.rows[row], self.table.columns[index.column() - 1])

    def _header_clicked(self, section: int) -> None:
        if section > 0:
            self.current = (self.current[0], section - 1)
            self.chart_axis = "column"
        else:
            self.chart_axis = "row"
        self.selection_changed.emit()

    def series(self) -> Series | None:
        """The chart of the current row, or of the current column."""
        if self.table is None or not self.table.rows:
            return None
        row, column = self.current
        if self.chart_axis == "column" and column >= 0:
            name = self.table.columns[column]
            return Series(f"{self.noun_of_column(name)}: each tag", list(self.table.rows),
                          [line[column] for line in self.table.cells], self.fmt())  # fmt: skip
        if row < 0:
            return None
        return Series(f"{self.table.rows[row]}: {self.measure_text()} by {self.columns_text()}",
                      list(self.table.columns), list(self.table.cells[row]), self.fmt())  # fmt: skip

    def noun_of_column(self, name: str) -> str:
        return name

    def measure_text(self) -> str:
        return "highlights"

    def columns_text(self) -> str:
        return "column"


class MatrixTab(TableTab):
    """Tags × speakers, transcripts or an attribute's values; a measure switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = QComboBox()
        self.by.setAccessibleName("Columns")
        self.measure = QComboBox()
        self.measure.setAccessibleName("Measure")
        for key, text in MEASURES:
            self.measure.addItem(text, key)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Columns:"))
        controls.addWidget(self.by)
        controls.addSpacing(12)
        controls.addWidget(QLabel("Measure:"))
        controls.addWidget(self.measure)
        controls.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(controls)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.view)
        layout.addWidget(self.split)
        self.set_fields([])

    def set_fields(self, fields: list[tuple[str, str]]) -> None:
        """Offer Speakers, Transcripts and each attribute (name, scope) as columns, keeping the choice."""
        chosen = self.by.currentData()
        self.by.blockSignals(True)
        self.by.clear()
        self.by.addItem("Speakers", BY_SPEAKER)
        self.by.addItem("Transcripts", BY_TRANSCRIPT)
        for name, scope in fields:
            self.by.addItem(f"{name} ({'speakers' if scope == 'speaker' else 'transcripts'})", name)
        at = self.by.findData(chosen)
        self.by.setCurrentIndex(max(at, 0))
        self.by.blockSignals(False)
        if at < 0 and chosen is not None:
            self.by.currentIndexChanged.emit(0)

    def work(self, filters: Filters) -> Callable[[Library], Table]:
        by, measure = self.by.currentData(), self.measure.currentData()
        return lambda library: matrix(library, by=by, measure=measure, filters=filters)

    def fmt(self) -> Callable[[float], str]:
        return share_text if self.measure.currentData() == "share" else count_text

    def measure_text(self) -> str:
        return {"count": "highlights", "words": "words", "share": "share of words"}[self.measure.currentData()]

    def columns_text(self) -> str:
        return self.by.currentText().split(" (")[0].lower()

    def noun_of_column(self, name: str) -> str:
        return f"{name} ({self.measure_text()})"


class CooccurrenceTab(TableTab):
    """Tags × tags: highlights carrying both, or overlapping highlights one with each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        self.mode.setAccessibleName("Co-occurrence")
        self.mode.addItem("Highlights carrying both tags", "same")
        self.mode.addItem("Overlapping highlights, one with each tag", "overlap")
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Count:"))
        controls.addWidget(self.mode)
        controls.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.view)

    def work(self, filters: Filters) -> Callable[[Library], Table]:
        mode = self.mode.currentData()
        return lambda library: cooccurrence(library, mode=mode, filters=filters)

    def columns_text(self) -> str:
        return "tag"

    def measure_text(self) -> str:
        return "co-occurrences"

    def noun_of_column(self, name: str) -> str:
        return f"With {name}"


def report_colours(stats: list) -> dict[str, str]:
    """Each speaker's colour, given in the order they first speak, as the reader gives them (so
    a report on one transcript shows each speaker in their colour there); turns without a
    speaker in the reader's colour for those."""
    named = [s.name for s in sorted(stats, key=lambda s: s.appears) if s.name != NO_SPEAKER]
    return speaker_colours(named) | {NO_SPEAKER: FALLBACK_SPEAKER_COLOUR}


SPEAKER_COLUMNS = ("Speaker", "Words", "Share of words", "Turns", "Share of turns", "Median turn (words)",
                   "Questions asked")  # fmt: skip


class SpeakersTab(QWidget):
    """Per speaker across the transcripts in scope: words and turns with their shares, the
    median turn length and the questions asked; the chart shows a speaker's turn lengths."""

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: list = []
        self.view = QTableWidget(0, len(SPEAKER_COLUMNS))
        self.view.setHorizontalHeaderLabels(SPEAKER_COLUMNS)
        self.view.setItemDelegateForColumn(2, ShareBar(self.view))
        self.view.setItemDelegateForColumn(4, ShareBar(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Speakers")
        self.view.currentCellChanged.connect(lambda *_: self.selection_changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(QLabel("Across the transcripts in the filters (tag filters do not apply: every turn counts)"))
        layout.addWidget(self.view)

    def work(self, filters: Filters) -> Callable[[Library], list]:
        return lambda library: speaker_stats(library, filters=filters)

    def show_stats(self, stats: list) -> None:
        """Fill the table, keeping the chosen speaker."""
        chosen = self.current_name()
        self.stats = stats
        colours = report_colours(stats)
        self.view.setRowCount(len(stats))
        for r, s in enumerate(stats):
            cells = [s.name, count_text(s.words), "", count_text(s.turns), "", f"{s.median:g}", count_text(s.questions)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.view.setItem(r, c, item)
            self.view.item(r, 2).setData(SHARE_ROLE, (s.share, colours[s.name]))
            self.view.item(r, 4).setData(SHARE_ROLE, (s.turn_share, colours[s.name]))
        self.view.resizeColumnsToContents()
        for column in (2, 4):
            self.view.setColumnWidth(column, max(self.view.columnWidth(column), 140))
        names = [s.name for s in stats]
        self.view.setCurrentCell(names.index(chosen) if chosen in names else (0 if names else -1), 0)
        self.selection_changed.emit()

    def current_name(self) -> str | None:
        """The chosen speaker's name."""
        row = self.view.currentRow()
        return self.stats[row].name if 0 <= row < len(self.stats) else None

    def series(self) -> Series | None:
        """The chosen speaker's turn lengths, in bins of words."""
        row = self.view.currentRow()
        if not 0 <= row < len(self.stats):
            return None
        s = self.stats[row]
        labels = [f"{low}–{high} words" if high else f"over {low - 1} words" for low, high in TURN_LENGTH_BINS]
        values = [sum(low <= n <= (high or n) for n in s.lengths) for low, high in TURN_LENGTH_BINS]
        return Series(f"{s.name}: turns by length", labels, values, count_text, report_colours(self.stats)[s.name])

    def to_csv(self, path: Path) -> None:
        """Write the speakers table as CSV (shares as fractions, like the matrix's)."""
        with open(path, "w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow(["speaker", "words", "word_share", "turns", "turn_share", "median_turn_words", "questions"])
            for s in self.stats:
                writer.writerow([s.name, s.words, f"{s.share:.6f}", s.turns, f"{s.turn_share:.6f}", f"{s.median:g}",
                                 s.questions])  # fmt: skip
