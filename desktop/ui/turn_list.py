"""The speaker-turn list beside the reader: speaker, time and first words of each turn."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QListView, QVBoxLayout, QWidget

from desktop.formats.clock import format_clock
from desktop.library import TurnRecord
from desktop.ui.record_model import RecordListModel

ALL_SPEAKERS = "All speakers"


def summary(turn: TurnRecord) -> str:
    """Two lines: who and when (the time where the transcript has one, else the turn's number),
    then the first words (the list elides what its width cannot show)."""
    when = format_clock(turn.start) if turn.start is not None else f"turn {turn.index + 1}"
    words = turn.text.split()
    opening = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return f"{' · '.join(p for p in (turn.speaker, when) if p)}\n{opening}"


class TurnList(QWidget):
    """Lists turns, filtered by speaker; clicking one asks the reader to go there."""

    turn_chosen = Signal(int)
    turn_played = Signal(int)  # chosen with Alt held: play the recording from it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.speaker = QComboBox()
        self.model: RecordListModel[TurnRecord] = RecordListModel(summary, tip=lambda t: t.text[:600], parent=self)
        self.view = QListView()
        self.view.setAccessibleName("Turns")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setWordWrap(False)  # long lines end in "…", never scroll sideways
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.speaker)
        layout.addWidget(self.view)
        self._turns: list[TurnRecord] = []
        self.speaker.currentTextChanged.connect(self._filter)
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)

    def show_turns(self, turns: list[TurnRecord], speakers: list[str], *, keep_place: bool = False) -> None:
        """List these turns; the speaker filter offers these speakers. With `keep_place` (the
        same transcript, corrected), the chosen speaker, the current turn and the scroll stay."""
        current = self.view.currentIndex()
        turn = self.model.record(current.row()).index if keep_place and current.isValid() else None
        scrolled, chosen = self.view.verticalScrollBar().value(), self.speaker.currentText()
        self._turns = turns
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItems([ALL_SPEAKERS, *speakers])
        if keep_place and chosen in speakers:
            self.speaker.setCurrentText(chosen)
        self.speaker.setVisible(bool(speakers))
        self.speaker.blockSignals(False)
        self._filter()
        if turn is not None:
            self.follow(turn)
            self.view.verticalScrollBar().setValue(scrolled)

    def follow(self, turn: int) -> None:
        """Mark the turn the reader shows (or the nearest listed one before it) without emitting."""
        rows = [r for r, t in enumerate(self.model.records()) if t.index <= turn]
        if rows:
            index = self.model.index(rows[-1])
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)

    def _filter(self) -> None:
        who = self.speaker.currentText()
        shown = self._turns if who in ("", ALL_SPEAKERS) else [t for t in self._turns if t.speaker == who]
        self.model.set_records(shown)

    def _chosen(self, index: QModelIndex) -> None:
        turn = self.model.record(index.row()).index
        self.turn_chosen.emit(turn)
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier:
            self.turn_played.emit(turn)
