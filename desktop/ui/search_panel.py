"""Library search (Ctrl+Shift+F) in a dock beside the reader: results best first with the
matched words in bold, a page at a time as the list scrolls, under the count of every match;
filters by speaker, tag and transcript; saved searches; and "Tag all results…"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.library import Library, LibraryError, Position, SearchError, SearchHit
from desktop.library import search as library_search
from desktop.library.changes import Changes
from desktop.ui import asking, saved_searches
from desktop.ui.reader import Reader
from desktop.ui.record_model import RecordListModel
from desktop.ui.saved_searches import SavedSearch
from desktop.ui.search_marks import SearchMarks
from desktop.ui.search_results import HitDelegate, hit_text
from desktop.ui.session import Session
from desktop.ui.tag_picker import TagPicker

PAGE = 50  # results read at a time
DELAY_MS = 150  # typing pauses this long before a search runs


def _filter_box(placeholder: str) -> QComboBox:
    """An editable choice with type-ahead anywhere in the names; empty means any."""
    box = QComboBox(editable=True, insertPolicy=QComboBox.InsertPolicy.NoInsert)
    box.lineEdit().setPlaceholderText(placeholder)
    box.lineEdit().setClearButtonEnabled(True)
    box.setAccessibleName(placeholder)
    box.setMinimumContentsLength(10)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    box.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return box


def _fill(box: QComboBox, items: list[tuple[str, object]]) -> None:
    """Give a filter box new choices, keeping what is typed in it."""
    text = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItem("", None)
    for label, data in items:
        box.addItem(label, data)
    box.setCurrentIndex(-1)
    box.setEditText(text)
    box.blockSignals(False)


def _page(library: Library, query: str, offset: int, scope: dict) -> list[SearchHit]:
    """A page of results, their matches marked for snippet_runs()."""
    marks = (library_search.OPEN, library_search.CLOSE)
    return library_search.search(library, query, limit=PAGE, offset=offset, marks=marks, **scope)


# What "Tag all results" highlights of each match (autotag.py's extents), as the panel offers it.
EXTENT_NAMES = (("Matched words", "words"), ("Their sentences", "sentence"), ("Their turns", "turn"))


class SearchPanel(QWidget):
    """Full-text search as you type; activating a result opens its transcript at the match."""

    hit_opened = Signal(int, object)  # transcript id, Position of the result's first match

    def __init__(self, session: Session, settings, reader: Reader, shown: Callable[[], int | None]) -> None:
        super().__init__()
        self.session, self.settings, self._shown = session, settings, shown
        self.query = QLineEdit(placeholderText='Words, "a phrase", prefix*, a OR b', clearButtonEnabled=True)
        self.query.setAccessibleName("Search the library")
        self.query.setAccessibleName("Search the library")
        self.speaker, self.tag, self.transcript = (_filter_box(p) for p in ("Any speaker", "Any tag", "Any transcript"))
        self.saved = QComboBox(placeholderText="Saved searches")
        self.saved.setAccessibleName("Saved searches")
        self.save_button, self.delete_button = QToolButton(text="Save…"), QToolButton(text="Delete")
        self.save_button.setToolTip("Save this search and its filters under a name")
        self.delete_button.setToolTip("Forget the saved search chosen")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model: RecordListModel[SearchHit] = RecordListModel(hit_text, parent=self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Search results")
        self.tag_button = QPushButton("Tag all results…")
        self.tag_button.setToolTip("Highlight every match of this search (with its filters) and tag it; Ctrl+Z undoes")
        self.extent = QComboBox()
        for name, key in EXTENT_NAMES:
            self.extent.addItem(name, key)
        self.extent.setCurrentIndex(max(0, self.extent.findData(settings.value("search/extent", "words"))))
        self.extent.setAccessibleName("What Tag all results highlights")
        self.extent.setToolTip(
            "What Tag all results highlights: the words matched, or the sentence or turn they are in"
        )
        self.extent.currentIndexChanged.connect(lambda: settings.setValue("search/extent", self.extent.currentData()))
        self.marks = SearchMarks(reader)
        self.reader = reader
        self._lay_out()
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._searched, self._scope, self._total = "", {}, 0
        self._connect()
        self._list_saved()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        for widget in (self.saved, self.save_button, self.delete_button):
            top.addWidget(widget)
        filters = QGridLayout()
        for column, (label, box) in enumerate((("&Speaker", self.speaker), ("T&ag", self.tag),
                                               ("Tra&nscript", self.transcript))):  # fmt: skip
            caption = QLabel(label)
            caption.setBuddy(box)
            filters.addWidget(caption, 0, 2 * column)
            filters.addWidget(box, 0, 2 * column + 1)
            filters.setColumnStretch(2 * column + 1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.extent)
        bottom.addWidget(self.tag_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(bottom)
        layout.addWidget(self.results, 1)

    def _connect(self) -> None:
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.run)
        for box in (self.speaker, self.tag, self.transcript):
            box.currentTextChanged.connect(lambda text, box=box: self._filter_edited(box, text))
            box.lineEdit().returnPressed.connect(self.run)
        self.results.activated.connect(self._open)
        self.results.clicked.connect(self._open)
        self.results.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.saved.activated.connect(lambda row: self.run_saved(self.saved.itemText(row)))
        self.save_button.clicked.connect(lambda: self.save_search())
        self.delete_button.clicked.connect(self.delete_saved)
        self.tag_button.clicked.connect(lambda: self.tag_all())
        self.session.changed.connect(self._changed)

    # Showing and leaving ----------------------------------------------------------------------

    def focus(self) -> None:
        """Fresh filter choices, and the search field focused with its text selected."""
        self.refresh_choices()
        self.query.setFocus()
        self.query.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc that no field here took (a QShortcut in this panel's context would also fire with
        # the focus in the reader, the panel being in a dock).
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.to_reader()
            return
        super().keyPressEvent(event)

    def to_reader(self) -> None:
        """Give the focus back to the reader (the matched words stay marked until Esc there)."""
        self.reader.setFocus()

    def stop(self) -> None:
        """No search after the window is gone."""
        self._timer.stop()

    def refresh_choices(self) -> None:
        """The speakers, tags and transcripts of the library as the filters' choices."""
        library = self.session.library
        _fill(self.speaker, [(name, name) for name in library_search.speaker_names(library)])
        _fill(self.tag, [(t.name, t.name) for t in library.tags.list()])
        _fill(self.transcript, [(title, tid) for tid, title in library_search.transcript_titles(library)])

    def _changed(self, changes: Changes) -> None:
        if self.isVisible() and (changes.tags or changes.transcripts or changes.turns or changes.everything):
            self.refresh_choices()

    # Searching ----------------------------------------------------------------------------------

    def _filter_edited(self, box: QComboBox, text: str) -> None:
        """Search again once a filter is cleared or names one of its choices; a part of a name
        typed waits for the rest (or Enter, which says when nothing is so called)."""
        if not text.strip() or box.findText(text.strip(), Qt.MatchFlag.MatchFixedString) > 0:
            self._timer.start()

    def scope(self) -> dict[str, str | int | None]:
        """The filters as typed or chosen (None: any); SearchError for a transcript not in the library."""
        speaker, tag = self.speaker.currentText().strip() or None, self.tag.currentText().strip() or None
        title = self.transcript.currentText().strip()
        transcript_id = None
        if title:
            row = self.transcript.findText(title, Qt.MatchFlag.MatchFixedString)
            if row <= 0:
                raise SearchError(f"no transcript is called {title!r}")
            transcript_id = self.transcript.itemData(row)
        return {"transcript_id": transcript_id, "speaker": speaker, "tag": tag}

    def run(self) -> None:
        """Search for what is typed, within the filters; the marks of the last jump go."""
        self._timer.stop()
        self.marks.clear()
        text = self.query.text()
        self._searched, self._total = "", 0
        if not text.strip():
            self.model.set_records([])
            self.status.setText("")
            self.tag_button.setEnabled(False)
            return
        library = self.session.library
        try:
            scope = self.scope()
            hits = _page(library, text, 0, scope)
            self._total = library.count_matches(text, **scope) if hits else 0
        except SearchError as exc:
            self.model.set_records([])
            self.status.setText(str(exc))
            self.tag_button.setEnabled(False)
            return
        self._searched, self._scope = text, scope
        self.model.set_records(hits)
        self.tag_button.setEnabled(bool(hits))
        self._say()

    def more(self) -> int:
        """Read the next page of results (none past the ranked ones); how many came."""
        shown = self.model.rowCount()
        if not self._searched or shown >= min(self._total, library_search.RANK_WINDOW):
            return 0
        try:
            hits = _page(self.session.library, self._searched, shown, self._scope)
        except SearchError:  # the library changed under the query: the next search says why
            return 0
        self.model.update_records([*self.model.records(), *hits])
        self._say()
        return len(hits)

    def _say(self) -> None:
        shown, total, ranked = self.model.rowCount(), self._total, library_search.RANK_WINDOW
        if not shown:
            self.status.setText("No matches")
        elif shown >= total:
            self.status.setText(f"{total:,} {'turn' if total == 1 else 'turns'}")
        elif shown >= ranked:
            self.status.setText(f"{total:,} turns; the newest {ranked:,} ranked and shown: add a word for the rest")
        else:
            window = "" if total <= ranked else f"; the newest {ranked:,} are ranked"
            self.status.setText(f"{total:,} turns, best first; {shown:,} shown, scroll for more{window}")

    def _scrolled(self, value: int) -> None:
        if value >= self.results.verticalScrollBar().maximum():
            self.more()

    def _open(self, index: QModelIndex) -> None:
        """Open a result's transcript at its first match and mark every match there."""
        hit = self.model.record(index.row())
        scope = {k: v for k, v in self._scope.items() if k != "transcript_id"}
        try:
            spans = library_search.match_spans(self.session.library, self._searched, hit.transcript_id, **scope)
        except SearchError:
            spans = []
        first = next((Position(turn, start) for turn, start, _ in spans if turn == hit.turn), Position(hit.turn, 0))
        self.hit_opened.emit(hit.transcript_id, first)
        if self._shown() == hit.transcript_id:
            self.marks.mark(spans)

    # Saved searches and autotag -----------------------------------------------------------------

    def _list_saved(self, current: str = "") -> None:
        names = [s.name for s in saved_searches.load(self.settings)]
        self.saved.clear()
        self.saved.addItems(names)
        self.saved.setCurrentIndex(names.index(current) if current in names else -1)
        self.saved.setEnabled(bool(names))
        self.delete_button.setEnabled(bool(names))

    def save_search(self, name: str | None = None) -> SavedSearch | None:
        """Keep the search and its filters under a name (asked for when not given)."""
        text = self.query.text().strip()
        if not text:
            self.status.setText("Type a search to save")
            return None
        if name is None:
            name, ok = asking.ask_text(self, "Save search", "Name:", text)
            if not ok:
                return None
        name = " ".join(name.split())
        try:
            search = SavedSearch(name or text, text, **{k: v for k, v in self.scope().items()})  # type: ignore[arg-type]
        except SearchError as exc:
            self.status.setText(str(exc))
            return None
        saved_searches.save(self.settings, search)
        self._list_saved(search.name)
        return search

    def run_saved(self, name: str) -> None:
        """Put a saved search's words and filters back and run it."""
        search = next((s for s in saved_searches.load(self.settings) if s.name == name), None)
        if search is None:
            return
        self.refresh_choices()
        self.query.setText(search.query)
        self.speaker.setEditText(search.speaker or "")
        self.tag.setEditText(search.tag or "")
        row = self.transcript.findData(search.transcript_id) if search.transcript_id is not None else -1
        self.transcript.setEditText(self.transcript.itemText(row) if row > 0 else "")
        self.run()
        if search.transcript_id is not None and row <= 0:
            self.status.setText("The transcript this search was saved for is no longer in the library")

    def delete_saved(self) -> None:
        """Forget the saved search chosen."""
        if self.saved.currentIndex() >= 0:
            saved_searches.delete(self.settings, self.saved.currentText())
            self._list_saved()

    def tag_all(self, tag: str | None = None) -> None:
        """Highlight and tag every match of the search shown (asking which tag), as one undo step."""
        if not self._searched or not self._total:
            return
        if tag is None:
            turns = f"{self._total:,} {'turn' if self._total == 1 else 'turns'}"
            what = {"words": "every match of", "sentence": "the sentence of every match of",
                    "turn": "each whole turn with a match of"}[self.extent.currentData()]  # fmt: skip
            prompt = f"Highlight {what} {self._searched!r} in the {turns} found, and tag it:"
            names = [t.name for t in self.session.library.tags.list()]
            picker = TagPicker(names, self, title="Tag all results", prompt=prompt)
            if not picker.exec() or not picker.tag():
                return
            tag = picker.tag()
        try:
            done = self.session.autotag(self._searched, tag, self._scope, self.extent.currentData())
        except LibraryError as exc:
            self.status.setText(f"Nothing tagged: {exc}")
            return
        self.status.setText(done.summary() + ("; Ctrl+Z undoes it" if done.passages else ""))


def search_dock(window: QMainWindow, panel: SearchPanel) -> QDockWidget:
    """The panel in a dock under the reader (movable to either side; the window remembers
    where), hidden until Ctrl+Shift+F."""
    dock = QDockWidget("Search the library", window)
    dock.setObjectName("search-dock")  # saveState() keys docks by name
    dock.setWidget(panel)
    areas = Qt.DockWidgetArea
    dock.setAllowedAreas(areas.BottomDockWidgetArea | areas.LeftDockWidgetArea | areas.RightDockWidgetArea)
    window.addDockWidget(areas.BottomDockWidgetArea, dock)
    dock.hide()
    return dock
