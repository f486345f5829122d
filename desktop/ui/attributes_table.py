"""Attributes of every transcript as a table (Analyse ▸ Attributes table…): a row per
transcript, a column per field, each cell edited in place. A value the field's kind refuses
is not stored and the core's one-line reason shows under the table. Every edit is one undo
step (Ctrl+Z / Ctrl+Shift+Z work here too)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.library import LibraryError
from desktop.library.attributes import KINDS
from desktop.library.changes import Changes
from desktop.library.models import Field
from desktop.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
KIND_HINTS = {"text": "", "number": "a number", "date": "YYYY-MM-DD"}


class AttributesModel(QAbstractTableModel):
    """Transcripts (newest first) × transcript fields; column 0 is the title (read-only)."""

    refused = Signal(str)  # a value not stored, and why

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fields: list[Field] = []
        self._ids: list[int] = []
        self._titles: dict[int, str] = {}
        self._values: dict[int, dict[str, str]] = {}
        self.reload()

    def reload(self) -> None:
        """Read every transcript's attributes again."""
        library = self.session.library
        self.beginResetModel()
        self.fields = library.attributes.fields("transcript")
        self._ids = library.transcripts.ids()
        self._titles = {i.id: i.title for i in library.transcripts.infos(self._ids)}
        self._values = library.attributes.table()
        self.endResetModel()

    def refresh(self, transcript_ids: frozenset[int]) -> None:
        """Read the attributes of some transcripts again (a change elsewhere, or an undo)."""
        if any(tid not in self._titles for tid in transcript_ids) or len(self._ids) != len(self._values):
            self.reload()
            return
        table = self.session.library.attributes.table()
        if table.keys() != self._values.keys():
            self.reload()
            return
        self._values = table
        infos = self.session.library.transcripts.infos(sorted(transcript_ids))
        self._titles |= {i.id: i.title for i in infos}
        rows = [self._ids.index(tid) for tid in transcript_ids if tid in self._titles]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))

    def transcript_at(self, row: int) -> int:
        """The transcript id of a row."""
        return self._ids[row]

    def row_of(self, transcript_id: int) -> int:
        """The row of a transcript."""
        return self._ids.index(transcript_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else 1 + len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Transcript" if section == 0 else self.fields[section - 1].name
        if role == Qt.ItemDataRole.ToolTipRole and section:
            field = self.fields[section - 1]
            return f"{field.name}: {field.kind}" + (f" ({KIND_HINTS[field.kind]})" if KIND_HINTS[field.kind] else "")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tid = self._ids[index.row()]
        if index.column() == 0:
            return self._titles.get(tid, "") if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                else None  # fmt: skip
        field = self.fields[index.column() - 1]
        value = self._values.get(tid, {}).get(field.name, "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind == "number":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() > 0 else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        tid, field = self._ids[index.row()], self.fields[index.column() - 1]
        text = " ".join(str(value or "").split())
        if text == self._values.get(tid, {}).get(field.name, ""):
            return False  # unchanged: no undo step
        try:
            self.session.set_attributes(tid, {field.name: text or None})
        except LibraryError as error:
            self.refused.emit(str(error))
            return False
        return True


class AttributesTable(QDialog):
    """Every transcript's attributes, edited in place; fields added with a name and a kind."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Attributes of the transcripts")
        self.resize(860, 520)
        self.model = AttributesModel(session, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.setAccessibleName("Transcript attributes")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Why the last value was not stored")
        self.add_button = QPushButton("Add field…")
        self.add_button.setAutoDefault(False)  # Return ends a cell edit; it never adds a field
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.error, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Double-click a cell (or start typing) to edit; an empty value clears it."))
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_field)
        self.model.refused.connect(self._refused)
        self.model.dataChanged.connect(lambda *_: self.error.clear())
        session.changed.connect(self._changed)
        session.fields_changed.connect(self._reload)
        undo_keys(self, session)
        self._size_columns()

    def _refused(self, reason: str) -> None:
        self.error.setText(f"Not stored: {reason}")

    def _changed(self, changes: Changes) -> None:
        if changes.everything:
            self._reload()
        elif changes.transcripts:
            self.model.refresh(changes.transcripts)

    def _reload(self) -> None:
        self.model.reload()
        self._size_columns()

    def _size_columns(self) -> None:
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 200), 340))
        for column in range(1, self.model.columnCount()):
            self.view.setColumnWidth(column, max(self.view.columnWidth(column), 110))

    def add_field(self) -> None:
        """Ask for a field's name and kind, and add it."""
        dialog = FieldDialog(self)
        if dialog.exec():
            self.define(dialog.name.text(), dialog.kind.currentData())

    def define(self, name: str, kind: str, scope: str = "transcript") -> bool:
        """Add a field (False with the reason shown when it cannot be added)."""
        try:
            self.session.define_attribute(name, kind, scope)
        except LibraryError as error:
            self.error.setText(f"Not added: {error}")
            return False
        self.error.clear()
        return True


class FieldDialog(QDialog):
    """Asks for a new attribute field: its name and kind."""

    def __init__(self, parent: QWidget | None = None, speaker: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a speaker attribute" if speaker else "Add an attribute")
        self.name = QLineEdit(placeholderText="role" if speaker else "age group, site, interview date…")
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem({"text": "Text", "number": "Number", "date": "Date (YYYY-MM-DD)"}[kind], kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Name:", self.name)
        form.addRow("Kind:", self.kind)
        form.addRow(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip()) and "=" not in text))


def undo_keys(window: QWidget, session: Session) -> None:
    """Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) in a window of its own, through the session."""
    QShortcut(QKeySequence("Ctrl+Z"), window, session.undo)
    for key in ("Ctrl+Shift+Z", "Ctrl+Y"):
        QShortcut(QKeySequence(key), window, session.redo)
