"""One list model for every list of library records; a view says how to show a record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole
SMALL_CHANGE = 50  # rows; a bigger change resets the model


class RecordListModel(QAbstractListModel, Generic[R]):
    """Records (dataclasses from the library) as rows; `show(record)` gives the text,
    `tip` and `colour` the tooltip and the decoration colour."""

    def __init__(
        self,
        show: Callable[[R], str],
        tip: Callable[[R], str] | None = None,
        colour: Callable[[R], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._records: list[R] = []
        self._show, self._tip, self._colour = show, tip, colour

    def set_records(self, records: Sequence[R]) -> None:
        """Show these records instead."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def update_records(self, records: Sequence[R]) -> None:
        """Show these records instead, telling views only of the rows that differ when the old
        and new lists share their beginning and end (a record added, removed or edited), so a
        long list keeps its layout; otherwise as `set_records`."""
        old, new = self._records, list(records)
        head, shortest = 0, min(len(old), len(new))
        while head < shortest and (old[head] is new[head] or old[head] == new[head]):
            head += 1
        tail = 0
        while tail < shortest - head and (old[-1 - tail] is new[-1 - tail] or old[-1 - tail] == new[-1 - tail]):
            tail += 1
        gone, come = len(old) - tail - head, len(new) - tail - head
        if max(gone, come) > SMALL_CHANGE:
            self.set_records(new)
        elif gone == come:
            self._records = new
            if gone:
                self.dataChanged.emit(self.index(head), self.index(head + gone - 1))
        else:
            if gone:
                self.beginRemoveRows(QModelIndex(), head, head + gone - 1)
                self._records = old[:head] + old[head + gone :]
                self.endRemoveRows()
            if come:
                self.beginInsertRows(QModelIndex(), head, head + come - 1)
                self._records = new
                self.endInsertRows()
            self._records = new

    def records(self) -> list[R]:
        """The records shown, in order."""
        return list(self._records)

    def record(self, row: int) -> R:
        """The record at a row."""
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._show(record)
        if role == Qt.ItemDataRole.ToolTipRole and self._tip:
            return self._tip(record)
        if role == Qt.ItemDataRole.DecorationRole and self._colour:
            return self._colour(record)
        if role == RECORD_ROLE:
            return record
        return None
