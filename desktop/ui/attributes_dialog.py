"""One transcript's attributes (the library list's right-click ▸ Attributes…): a field per
row, and its speakers' attributes (role: interviewer / participant) in a table. Save stores
what changed, each part one undo step; a value its field refuses keeps the dialog open with
the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.library import LibraryError
from desktop.library.attributes import normalised
from desktop.library.models import Field
from desktop.ui.attributes_table import KIND_HINTS, FieldDialog
from desktop.ui.session import Session


class AttributesDialog(QDialog):
    """Edits a transcript's attributes and its speakers'."""

    def __init__(self, session: Session, transcript_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.transcript_id = session, transcript_id
        library = session.library
        self.setWindowTitle(f"Attributes of {library.transcripts.get(transcript_id).title}")
        self.resize(560, 520)
        self.form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.speakers = QTableWidget()
        self.speakers.verticalHeader().hide()
        self.speakers.setAccessibleName("Speakers' attributes")
        self.error = QLabel()
        self.error.setWordWrap(True)
        add_field, add_speaker_field = QPushButton("Add field…"), QPushButton("Add speaker field…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        transcript_box, speaker_box = QGroupBox("This transcript"), QGroupBox("Its speakers")
        column = QVBoxLayout(transcript_box)
        column.addLayout(self.form)
        column.addWidget(add_field)
        column = QVBoxLayout(speaker_box)
        column.addWidget(self.speakers)
        column.addWidget(add_speaker_field)
        layout = QVBoxLayout(self)
        layout.addWidget(transcript_box)
        layout.addWidget(speaker_box, 1)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(buttons)
        layout.addLayout(row)
        add_field.clicked.connect(lambda: self.add_field("transcript"))
        add_speaker_field.clicked.connect(lambda: self.add_field("speaker"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._fill()

    def _fill(self) -> None:
        """Show the fields with the stored values (typed values kept for fields already shown)."""
        attributes = self.session.library.attributes
        typed = {name: edit.text() for name, edit in self.edits.items()}
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        stored = attributes.get(self.transcript_id)
        self.fields = attributes.fields("transcript")
        for field in self.fields:
            edit = QLineEdit(typed.get(field.name, stored.get(field.name, "")), placeholderText=KIND_HINTS[field.kind])
            edit.setAccessibleName(field.name)
            self.edits[field.name] = edit
            self.form.addRow(f"{field.name}:", edit)
        if not self.fields:
            self.form.addRow(QLabel("No fields yet: add one (age group, site, interview date…)"))
        self.speaker_fields = attributes.fields("speaker")
        self.speaker_ids = attributes.speakers(self.transcript_id)
        self.speakers.setColumnCount(1 + len(self.speaker_fields))
        self.speakers.setHorizontalHeaderLabels(["Speaker", *(f.name for f in self.speaker_fields)])
        self.speakers.setRowCount(len(self.speaker_ids))
        for row, (sid, name) in enumerate(self.speaker_ids):
            values = attributes.get_speaker(sid)
            title = QTableWidgetItem(name)
            title.setFlags(title.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.speakers.setItem(row, 0, title)
            for column, field in enumerate(self.speaker_fields, 1):
                self.speakers.setItem(row, column, QTableWidgetItem(values.get(field.name, "")))
        self.speakers.resizeColumnsToContents()

    def add_field(self, scope: str) -> None:
        """Ask for a new field of transcripts or speakers, and add it."""
        dialog = FieldDialog(self, speaker=scope == "speaker")
        if not dialog.exec():
            return
        try:
            self.session.define_attribute(dialog.name.text(), dialog.kind.currentData(), scope)
        except LibraryError as error:
            self.error.setText(str(error))
            return
        self._fill()

    def changes(self) -> tuple[dict[str, str | None], dict[int, dict[str, str | None]]]:
        """What differs from the stored values: the transcript's, and each speaker's by id; a
        LibraryError when a value is not of its field's kind (nothing is stored then)."""
        attributes = self.session.library.attributes
        stored = attributes.get(self.transcript_id)
        mine = _differences(self.fields, {n: e.text() for n, e in self.edits.items()}, stored)
        theirs = {}
        for row, (sid, _) in enumerate(self.speaker_ids):
            typed = {f.name: self.speakers.item(row, c).text() for c, f in enumerate(self.speaker_fields, 1)}
            if differ := _differences(self.speaker_fields, typed, attributes.get_speaker(sid)):
                theirs[sid] = differ
        return mine, theirs

    def save(self) -> None:
        """Store what changed and close; on a refused value, say why and stay open."""
        try:
            mine, theirs = self.changes()
            if mine:
                self.session.set_attributes(self.transcript_id, mine)
            for sid, values in theirs.items():
                self.session.set_attributes(self.transcript_id, values, speaker_id=sid)
        except LibraryError as error:
            self.error.setText(str(error))
            return
        self.accept()


def _differences(fields: list[Field], typed: dict[str, str], stored: dict[str, str]) -> dict[str, str | None]:
    """The typed values that differ from the stored ones, checked against their field's kind."""
    changed: dict[str, str | None] = {}
    for field in fields:
        text = " ".join(typed.get(field.name, "").split())
        value = normalised(field, text) if text else None
        if value != stored.get(field.name):
            changed[field.name] = value
    return changed
