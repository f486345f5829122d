"""The Reports window (Ctrl+R): tags × speakers, transcripts or attribute values; tag
co-occurrence; speakers. Filters at the top apply to every tab; a bar chart of the chosen row
or column sits beside the table; the table exports to CSV and the chart to PNG and SVG.

Reports are computed off the GUI thread (report_job.py) and again whenever the library
changes while the window is open (a change while it is hidden is computed on showing it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.formats.clock import format_clock
from desktop.library import Library
from desktop.library.changes import Changes
from desktop.library.reports import Filters, Table, cell_highlights
from desktop.ui.bar_chart import BarChart
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.report_filters import FilterBar
from desktop.ui.report_job import ReportRunner
from desktop.ui.report_tabs import CooccurrenceTab, MatrixTab, SpeakersTab
from desktop.ui.session import Session

RECOMPUTE_DELAY_MS = 400  # a burst of edits (typing tags, an undo run) is computed once
CELL_LIST_LIMIT = 1000  # highlights listed for one cell (the count says how many there are)
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Found:
    """A highlight listed under the table: who said it, the quote, where and when."""

    highlight_id: int
    transcript_id: int
    speaker: str
    quote: str
    title: str
    time: str


def found_highlights(library: Library, ids: list[int]) -> list[Found]:
    """The listed highlights' rows (read in the background job)."""
    highlights = [library.highlights.get(hid) for hid in ids[:CELL_LIST_LIMIT]]
    titles = {i.id: i.title for i in library.transcripts.infos(sorted({h.transcript_id for h in highlights}))}
    turns: dict[int, list] = {}
    rows = []
    for h in highlights:
        if h.transcript_id not in turns:
            turns[h.transcript_id] = library.transcripts.turns(h.transcript_id)
        said = turns[h.transcript_id]
        first = said[h.start.turn] if not h.orphan and h.start.turn < len(said) else None
        speakers = list(dict.fromkeys(t.speaker or "" for t in said[h.start.turn : h.end.turn + 1])) if first else []
        timed = first is not None and first.start is not None
        when = format_clock(first.start) if timed else f"turn {h.start.turn + 1}"
        rows.append(Found(h.id, h.transcript_id, " → ".join(filter(None, speakers)), " ".join(h.quote.split()),
                          titles.get(h.transcript_id, ""), when))  # fmt: skip
    return rows


class ReportsWindow(QMainWindow):
    """The reports of one library; `highlight_opened` asks the main window to show a highlight."""

    highlight_opened = Signal(int, int)  # transcript id, highlight id

    def __init__(self, session: Session, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session, self.settings = session, settings
        self.setWindowTitle("Reports — Talkmark")
        self.resize(1280, 780)
        self.filter_bar = FilterBar(session.library)
        self.matrix, self.cooccurrence, self.speakers = MatrixTab(), CooccurrenceTab(), SpeakersTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Reports")
        self.tabs.addTab(self.matrix, "Tags × columns")
        self.tabs.addTab(self.cooccurrence, "Co-occurrence")
        self.tabs.addTab(self.speakers, "Speakers")
        self.cell_title = QLabel("Click a cell to list its highlights")
        self.cell_list = _cell_list()
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.cell_title)
        column.addWidget(self.cell_list)
        self.matrix.split.addWidget(below)
        self.matrix.split.setSizes([460, 200])
        self.chart = BarChart()
        self.export_csv = QPushButton("Table as CSV…")
        self.export_png = QPushButton("Chart as PNG…")
        self.export_svg = QPushButton("Chart as SVG…")
        self.status = QLabel()
        self.setCentralWidget(self._layout())
        writable = not session.library.read_only
        self.runner = ReportRunner(session.library.path, self, write=writable)
        self.cell_runner = ReportRunner(session.library.path, self, write=False)
        self.tables: dict[QWidget, Table | list | None] = {}  # the last result of each tab
        self._stale: set[QWidget] = {self.matrix, self.cooccurrence, self.speakers}
        self._pending: QWidget | None = None
        self._later = QTimer(self, singleShot=True, interval=RECOMPUTE_DELAY_MS)
        self._later.timeout.connect(self.recompute)
        self._connect()
        self._fields_changed()

    def _layout(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.chart, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_png)
        buttons.addWidget(self.export_svg)
        column.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.tabs)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 480])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_csv)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.addWidget(self.filter_bar)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        return centre

    def _connect(self) -> None:
        self.filter_bar.changed.connect(lambda _: self.invalidate())
        self.tabs.currentChanged.connect(lambda _: self._tab_shown())
        self.matrix.by.currentIndexChanged.connect(lambda _: self.invalidate(self.matrix))
        self.matrix.measure.currentIndexChanged.connect(lambda _: self.invalidate(self.matrix))
        self.cooccurrence.mode.currentIndexChanged.connect(lambda _: self.invalidate(self.cooccurrence))
        for tab in (self.matrix, self.cooccurrence, self.speakers):
            tab.selection_changed.connect(self._chart)
        self.matrix.cell_chosen.connect(self.list_cell)
        self.cell_list.itemActivated.connect(self._open_highlight)
        self.runner.done.connect(self._computed)
        self.cell_runner.done.connect(self._cell_listed)
        self.export_csv.clicked.connect(lambda: self.save_table())
        self.export_png.clicked.connect(lambda: self.save_chart("png"))
        self.export_svg.clicked.connect(lambda: self.save_chart("svg"))
        self.session.changed.connect(self._library_changed)
        self.session.fields_changed.connect(self._fields_changed)
        for keys in ("Ctrl+W", "Escape"):  # a popup (a filter's checklist) takes its own Esc first
            QShortcut(QKeySequence(keys), self, self.close)

    # Computing ---------------------------------------------------------------------------------

    def filters(self) -> Filters:
        """The filters every report is limited to now."""
        return self.filter_bar.filters()

    def invalidate(self, tab: QWidget | None = None) -> None:
        """Compute a tab again (every tab when None): the one shown now, the others when shown."""
        self._stale |= {tab} if tab is not None else {self.matrix, self.cooccurrence, self.speakers}
        if tab is None or tab is self.matrix:
            self._clear_cell_list()
        if self.isVisible():
            self._later.start(0 if tab is not None else RECOMPUTE_DELAY_MS // 4)

    def recompute(self) -> None:
        """Compute the shown tab's report in the background, if it is out of date."""
        self._later.stop()
        tab = self.tabs.currentWidget()
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        self._pending = tab
        work = tab.work(self.filters())
        self.runner.request(lambda library: (tab, work(library)))
        self.status.setText("Computing…")

    @property
    def computing(self) -> bool:
        """Whether a report is being computed."""
        return self.runner.busy

    def _computed(self, result: object) -> None:
        if isinstance(result, Exception):
            self.status.setText(f"Cannot compute this report: {result}")
            return
        tab, value = result
        self.tables[tab] = value
        if tab is self.speakers:
            self.speakers.show_stats(value)
        else:
            tab.show_table(value)
        self._say_done(tab, value)

    def _say_done(self, tab: QWidget, value: Table | list) -> None:
        where = self.filter_bar.describe()
        if tab is self.speakers:
            text = f"{len(value)} speakers"
        else:
            text = f"{len(value.rows)} tags × {len(value.columns)} columns"
            if not value.rows:
                text = "No highlights are tagged in these filters"
        self.status.setText(text + (f" · filtered by {where}" if where else ""))

    def _tab_shown(self) -> None:
        self._chart()
        self.export_csv.setEnabled(True)
        self.recompute()

    def _library_changed(self, changes: Changes) -> None:
        if changes.tags or changes.everything or changes.transcripts:
            self.filter_bar.reload()
        self.invalidate()

    def _fields_changed(self) -> None:
        attributes = self.session.library.attributes
        self.matrix.set_fields([(f.name, f.scope) for s in ("transcript", "speaker") for f in attributes.fields(s)])
        self.filter_bar.reload()
        self.invalidate(self.matrix)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.recompute()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._later.stop()
        super().closeEvent(event)

    def stop(self) -> None:
        """Wait for the background jobs (the library is about to close)."""
        self._later.stop()
        self.runner.stop()
        self.cell_runner.stop()

    # A cell's highlights ------------------------------------------------------------------------

    def list_cell(self, tag: str, column: str) -> None:
        """List the highlights of the matrix's cell (tag × column)."""
        by, filters = self.matrix.by.currentData(), self.filters()
        self.cell_title.setText(f"{tag} × {column}: reading…")
        self.cell_list.clear()

        def work(library: Library) -> tuple[str, list[int], list[Found]]:
            ids = cell_highlights(library, tag, column, by=by, filters=filters)
            return f"{tag} × {column}", ids, found_highlights(library, ids)

        self.cell_runner.request(work)

    def _cell_listed(self, result: object) -> None:
        if isinstance(result, Exception):
            self.cell_title.setText(str(result))
            return
        name, ids, rows = result
        shown = f", the first {len(rows)} listed" if len(rows) < len(ids) else ""
        self.cell_title.setText(f"{name}: {len(ids)} highlight{'' if len(ids) == 1 else 's'}{shown}"
                                " — double-click (or Enter) to open one in the reader")  # fmt: skip
        self.cell_list.clear()
        for row in rows:
            item = QTreeWidgetItem([row.speaker or "—", f"“{row.quote}”", row.title, row.time])
            item.setData(0, ID_ROLE, (row.transcript_id, row.highlight_id))
            item.setToolTip(1, row.quote)
            item.setToolTip(2, row.title)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.cell_list.addTopLevelItem(item)

    def _clear_cell_list(self) -> None:
        self.cell_list.clear()
        self.cell_title.setText("Click a cell to list its highlights")

    def _open_highlight(self, item: QTreeWidgetItem) -> None:
        transcript_id, highlight_id = item.data(0, ID_ROLE)
        self.highlight_opened.emit(transcript_id, highlight_id)

    # The chart and exports ------------------------------------------------------------------------

    def _chart(self) -> None:
        series = self.tabs.currentWidget().series()
        if series is None:
            self.chart.show_values("", [], [])
        else:
            self.chart.show_values(series.title, series.labels, series.values, series.fmt, series.colour)
        has_chart = bool(self.chart.values)
        self.export_png.setEnabled(has_chart)
        self.export_svg.setEnabled(has_chart)

    def save_table(self, path: Path | None = None) -> Path | None:
        """Write the shown tab's table as CSV (asking where when no path is given)."""
        tab = self.tabs.currentWidget()
        if self.tables.get(tab) is None:
            self.status.setText("Nothing to export yet")
            return None
        path = path or ask_save_path(self, self.settings, "reports", "Export the table", "report.csv", "CSV")
        if path is None:
            return None
        try:
            if tab is self.speakers:
                self.speakers.to_csv(path)
            else:
                self.tables[tab].to_csv(path)
        except OSError as error:
            QMessageBox.warning(self, "Export", f"Cannot write {path}: {error.strerror or error}")
            return None
        self.status.setText(f"Saved {path.name}")
        return path

    def save_chart(self, kind: str, path: Path | None = None) -> Path | None:
        """Write the chart as PNG or SVG (asking where when no path is given)."""
        if not self.chart.values:
            return None
        path = path or ask_save_path(self, self.settings, "reports", "Export the chart", f"chart.{kind}", kind.upper())
        if path is None:
            return None
        try:
            (self.chart.save_png if kind == "png" else self.chart.save_svg)(path)
        except OSError as error:
            QMessageBox.warning(self, "Export", str(error))
            return None
        self.status.setText(f"Saved {path.name}")
        return path


def _cell_list() -> QTreeWidget:
    view = QTreeWidget()
    view.setHeaderLabels(["Speaker", "Quote", "Transcript", "Time"])
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setAccessibleName("Highlights of the cell")
    view.setColumnWidth(0, 110)
    view.setColumnWidth(1, 360)
    view.setColumnWidth(2, 160)
    return view


__all__ = ["Found", "ReportsWindow"]
