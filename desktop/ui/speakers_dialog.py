"""The speakers dialog: rename and merge speakers, see who said how much, and review
(and undo) the automatic label repairs of a transcript."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.formats.clock import format_clock
from desktop.library import LibraryError
from desktop.library.changes import Changes
from desktop.ui import asking
from desktop.ui.palette import speaker_colours
from desktop.ui.session import Session

SHARE_ROLE = Qt.ItemDataRole.UserRole + 1


class ShareBar(QStyledItemDelegate):
    """Paints a speaker's share of the words as a bar in their colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        share, colour = index.data(SHARE_ROLE) or (0.0, "#888888")
        bar = QRect(option.rect.adjusted(4, 6, -48, -6))
        painter.save()
        painter.fillRect(bar, option.palette.alternateBase())
        painter.fillRect(QRect(bar.left(), bar.top(), int(bar.width() * share), bar.height()), QColor(colour))
        painter.setPen(option.palette.text().color())
        painter.drawText(option.rect.adjusted(0, 0, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{share:.0%}")  # fmt: skip
        painter.restore()


class SpeakersDialog(QDialog):
    """Speakers of one transcript with their statistics, and its label repairs."""

    def __init__(self, session: Session, transcript_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.transcript_id = session, transcript_id
        self.setWindowTitle("Speakers")
        self.resize(640, 520)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Speaker", "Turns", "Words", "Talk time", "Share of words"])
        self.table.setItemDelegateForColumn(4, ShareBar(self.table))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rename_button, self.merge_button = QPushButton("Rename…"), QPushButton("Merge into…")
        self.repairs = QListWidget()
        self.repair_button = QPushButton("Undo repair")
        row = QHBoxLayout()
        row.addWidget(self.rename_button)
        row.addWidget(self.merge_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(QLabel("Automatic label repairs: words moved back to the speaker whose sentence they end"))
        layout.addWidget(self.repairs)
        layout.addWidget(self.repair_button, alignment=Qt.AlignmentFlag.AlignLeft)
        closing = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        closing.rejected.connect(self.reject)
        layout.addWidget(closing)
        self.rename_button.clicked.connect(self.rename)
        self.merge_button.clicked.connect(self.merge)
        self.repair_button.clicked.connect(self.toggle_repair)
        self.repairs.currentRowChanged.connect(self._repair_chosen)
        self.table.itemSelectionChanged.connect(self._speaker_chosen)
        session.changed.connect(self._changed)
        self.refresh()
        self.table.resizeColumnsToContents()  # once: a refresh keeps the widths the user set
        self._speaker_chosen()

    def _changed(self, changes: Changes) -> None:
        if changes.everything or self.transcript_id in changes.turns:
            self.refresh()

    def refresh(self, *_: object) -> None:
        """Fill the table and the repair list from the library."""
        library = self.session.library
        stats = library.speakers.stats(self.transcript_id)
        colours = speaker_colours(library.speakers.list(self.transcript_id))
        chosen = self.selected_speaker()
        self.table.setRowCount(len(stats))
        for r, s in enumerate(stats):
            cells = [s.name, str(s.turns), str(s.words), format_clock(s.talk_time) if s.talk_time else "—", ""]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
            self.table.item(r, 4).setData(SHARE_ROLE, (s.share, colours.get(s.name, "#888888")))
        if chosen:
            self.select_speaker(chosen)
        turns = library.transcripts.turns(self.transcript_id)
        current = self.repairs.currentRow()
        self.repairs.clear()
        for repair in library.transcripts.repairs(self.transcript_id):
            who = turns[repair.turn - 1].speaker if repair.turn - 1 < len(turns) else "?"
            state = "undone" if repair.undone else f"moved to {who}"
            item = QListWidgetItem(f"Turn {repair.turn + 1}: “{repair.words}” — {state}")
            item.setData(Qt.ItemDataRole.UserRole, repair)
            self.repairs.addItem(item)
        self.repairs.setCurrentRow(min(current, self.repairs.count() - 1))
        self._repair_chosen()

    def selected_speaker(self) -> str | None:
        """The speaker in the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def rename(self) -> None:
        name = self.selected_speaker()
        if name:
            new, ok = asking.ask_text(self, "Rename speaker", f"New name for {name}:", name)
            if ok and new.strip() and new.strip() != name:
                self._try(lambda: self.session.rename_speaker(self.transcript_id, name, new))
                self.select_speaker(new.strip())

    def select_speaker(self, name: str) -> None:
        """Select the row of `name`, if it is listed."""
        rows = [r for r in range(self.table.rowCount()) if self.table.item(r, 0).text() == name]
        if rows:
            self.table.selectRow(rows[0])

    def merge(self) -> None:
        name = self.selected_speaker()
        others = [s for s in self.session.library.speakers.list(self.transcript_id) if s != name]
        if name and others:
            into, ok = asking.ask_item(self, "Merge speakers", f"Give every turn of {name} to:", others)
            if ok:
                self._try(lambda: self.session.merge_speakers(self.transcript_id, name, into))

    def toggle_repair(self) -> None:
        item = self.repairs.currentItem()
        if item:
            repair = item.data(Qt.ItemDataRole.UserRole)
            self._try(lambda: self.session.set_repair(self.transcript_id, repair.id, undone=not repair.undone))

    def _speaker_chosen(self) -> None:
        """Rename needs a chosen speaker; Merge one and another to merge into."""
        chosen = self.selected_speaker() is not None
        self.rename_button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.table.rowCount() > 1)

    def _repair_chosen(self, *_: object) -> None:
        item = self.repairs.currentItem()
        self.repair_button.setEnabled(item is not None)
        if item:
            self.repair_button.setText("Repair again" if item.data(Qt.ItemDataRole.UserRole).undone else "Undo repair")

    def _try(self, action) -> None:
        try:
            action()
        except LibraryError as exc:
            QMessageBox.warning(self, "Speakers", str(exc))
