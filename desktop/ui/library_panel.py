"""The library panel: every transcript with its counts (fetched as the list scrolls), a filter,
rename and delete."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.library import TranscriptInfo
from desktop.library.changes import Changes
from desktop.ui import asking
from desktop.ui.attribute_filter import attribute_menu, parse
from desktop.ui.attributes_dialog import AttributesDialog
from desktop.ui.library_model import LibraryModel
from desktop.ui.session import Session

FILTER_DELAY_MS = 150  # typing in the filter re-reads the list once the typing pauses


def describe(info: TranscriptInfo) -> str:
    """Two lines for the list: title, then speakers and counts."""
    who = f"{len(info.speakers)} speakers" if len(info.speakers) != 1 else "1 speaker"
    if not info.speakers:
        who = "unlabelled"
    return f"{info.title}\n{who} · {_count(info.turn_count, 'turn')} · {_count(info.highlight_count, 'highlight')}"


def tip(info: TranscriptInfo) -> str:
    """A row's tooltip: the whole title (the row may elide it) and where the transcript came from."""
    return f"{info.title}\n{info.source} ({info.format}), imported {info.imported_at}"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


class LibraryPanel(QWidget):
    """Lists the library's transcripts; choosing one opens it."""

    transcript_chosen = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = QLineEdit(placeholderText="Filter transcripts", clearButtonEnabled=True)
        self.filter.setAccessibleName("Filter transcripts")
        self.filter.setToolTip("Words of a title, file or speaker; or attribute conditions, "
                               "such as “site = river; age group = 50+”")  # fmt: skip
        self.by_attribute = QToolButton(text="=", toolTip="Filter by an attribute's value (age group = 50+)")
        self.by_attribute.setAccessibleName("Filter by attribute")
        self.by_attribute.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.by_attribute.setMenu(QMenu(self.by_attribute))
        self.by_attribute.menu().aboutToShow.connect(self._attribute_menu)
        self.model = LibraryModel(session.library, describe, tip, parent=self)
        self.view = QListView()
        self.view.setAccessibleName("Transcripts in the library")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)  # each of a row's two lines elided: rows of one height, laid out unread
        self.view.setSpacing(2)
        self.view.setUniformItemSizes(True)  # every row is two lines: no row is read to lay the list out
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        rename, delete = QAction("Rename…", self), QAction("Delete…", self)
        attributes = QAction("Attributes…", self)
        rename.triggered.connect(self.rename_current)
        delete.triggered.connect(self.delete_current)
        attributes.triggered.connect(self.edit_attributes)
        self.view.addActions([rename, attributes, delete])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addWidget(self.by_attribute)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self._typing = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._typing.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._typing.start)
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        session.changed.connect(self._changed)
        self.model.set_filter("")

    def _changed(self, changes: Changes) -> None:
        if "=" in self.filter.text() and (changes.everything or changes.transcripts):
            self.apply_filter()  # attribute values may have changed: which transcripts match
        elif changes.everything:
            self.refresh()
        elif changes.transcripts:
            self.refresh(changes.transcripts)

    def apply_filter(self) -> None:
        """List the transcripts the filter matches now, keeping the selection."""
        self._typing.stop()
        current = self.current_id()
        self.model.set_filter(*parse(self.filter.text(), self.session.library.attributes))
        if current is not None:
            self.select(current)

    def refresh(self, changed: frozenset[int] | None = None) -> None:
        """Read the list again after a write (only the `changed` transcripts' rows, when the
        rows are the same), keeping the selection."""
        current = self.current_id()
        self.model.refresh(changed)
        if current is not None:
            self.select(current)

    def current_id(self) -> int | None:
        """The selected transcript's id."""
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select(self, transcript_id: int) -> None:
        """Mark a transcript as the current one (without opening it), fetching the list down to it."""
        row = self.model.row_of(transcript_id, fetch=True)
        if row is None:  # filtered out: nothing in the list is the open transcript
            self.view.setCurrentIndex(QModelIndex())
            return
        if row != self.view.currentIndex().row():
            self.view.setCurrentIndex(self.model.index(row))

    def rename_current(self) -> None:
        """Ask for a new title for the selected transcript."""
        current = self.current_id()
        if current is None:
            return
        title, ok = asking.ask_text(
            self, "Rename transcript", "Title:", self.session.library.transcripts.get(current).title
        )
        if ok and title.strip():
            self.session.rename_transcript(current, title)

    def edit_attributes(self) -> AttributesDialog | None:
        """Show the selected transcript's attributes (and its speakers') to edit."""
        current = self.current_id()
        if current is None:
            return None
        dialog = AttributesDialog(self.session, current, self)
        dialog.open()
        return dialog

    def _attribute_menu(self) -> None:
        """Fill the attribute button's menu with the fields and values as they are now."""

        def choose(text: str) -> None:
            self.filter.setText(text)
            self.apply_filter()

        attribute_menu(self.session.library.attributes, choose, self.by_attribute.menu())

    def delete_current(self) -> None:
        """Delete the selected transcript after asking."""
        current = self.current_id()
        if current is None:
            return
        info = self.session.library.transcripts.get(current)
        answer = QMessageBox.question(
            self, "Delete transcript",
            f"Delete “{info.title}” with its {info.highlight_count} highlights? This cannot be undone.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.session.delete_transcript(current)

    def _chosen(self, index: QModelIndex) -> None:
        self.transcript_chosen.emit(self.model.id_at(index.row()))
