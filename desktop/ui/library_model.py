"""The library list's model: transcript ids fetched a page at a time as the view scrolls,
each row's title, speakers and counts read only when a view asks for it (Anki's browser
table model keeps ids the same way), so a library of thousands opens as fast as an empty one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.library import Library, TranscriptInfo

Index = QModelIndex | QPersistentModelIndex
PAGE = 200  # ids fetched at a time (fetchMore)
BLOCK = 50  # rows whose records are read together when a view shows one of them
RECORD_ROLE = Qt.ItemDataRole.UserRole


class LibraryModel(QAbstractListModel):
    """Transcripts matching a filter, newest first; `show(info)` gives a row's text and `tip`
    its tooltip."""

    def __init__(
        self,
        library: Library,
        show: Callable[[TranscriptInfo], str],
        tip: Callable[[TranscriptInfo], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library, self._show, self._tip = library, show, tip
        self._filter = ""
        self._within: set[int] | None = None  # an attribute filter's transcripts (None: any)
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}  # id -> row
        self._records: dict[int, TranscriptInfo] = {}  # read so far
        self._complete = False

    # Qt's interface ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RECORD_ROLE):
            return None
        record = self.record(index.row())
        if record is None:  # deleted meanwhile; the refresh that follows the change drops the row
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._show(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(record)
        return record

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._complete:
            return
        ids = self._matching(after=self._last(), limit=PAGE)
        self._append(ids, complete=len(ids) < PAGE)

    # Reading ----------------------------------------------------------------------------

    def id_at(self, row: int) -> int:
        """The transcript id of a row."""
        return self._ids[row]

    def row_of(self, transcript_id: int, *, fetch: bool = False) -> int | None:
        """The row of a transcript; with `fetch`, pages are fetched down to it when it matches the
        filter but is not fetched yet. None when it is not listed."""
        row = self._rows.get(transcript_id)
        if row is None and fetch and not self._complete and (not self._ids or transcript_id < self._ids[-1]):
            self._append(self._matching(after=self._last(), through=transcript_id))
            row = self._rows.get(transcript_id)
        return row

    def record(self, row: int) -> TranscriptInfo | None:
        """The record of a row, read (with the rows around it) when first asked for."""
        tid = self._ids[row]
        if tid not in self._records:
            first = row - row % BLOCK
            missing = [i for i in self._ids[first : first + BLOCK] if i not in self._records]
            self._records |= {info.id: info for info in self._library.transcripts.infos(missing)}
        return self._records.get(tid)

    def records(self) -> list[TranscriptInfo]:
        """The records of every row fetched so far, in order (read as needed)."""
        return [r for row in range(len(self._ids)) if (r := self.record(row)) is not None]

    # Changing ---------------------------------------------------------------------------

    def set_filter(self, text: str, within: set[int] | None = None) -> None:
        """List only transcripts whose title, source or a speaker contains `text` (the first page),
        and, with `within`, that are among those ids (an attribute filter's)."""
        self._filter, self._within = text, within
        ids = self._matching(limit=PAGE)
        self._reset(ids, complete=len(ids) < PAGE)

    def refresh(self, changed: frozenset[int] | None = None) -> None:
        """Read again after a write: the ids as far down as fetched (rows added or removed reset
        the model; the view keeps its selection through the caller); the records of `changed`
        (every record when None) are read again when next shown."""
        if self._complete:
            ids, complete = self._matching(), True
        elif self._ids:
            ids, complete = self._matching(through=self._ids[-1]), False
        else:
            ids = self._matching(limit=PAGE)
            complete = len(ids) < PAGE
        if ids != self._ids:
            self._reset(ids, complete=complete)
            return
        stale = self._records.keys() if changed is None else changed & self._records.keys()
        rows = sorted(self._rows[tid] for tid in stale if tid in self._rows)
        for tid in list(stale):
            self._records.pop(tid, None)
        if rows:
            self.dataChanged.emit(self.index(rows[0]), self.index(rows[-1]))

    def _matching(self, after: int | None = None, through: int | None = None, limit: int | None = None) -> list[int]:
        """Ids matching the filter, newest first: those after `after`, down to `through`, at most `limit`."""
        ids = self._library.transcripts.ids
        if self._within is None:
            return ids(self._filter, after=after, through=through, limit=limit)
        found = [tid for tid in ids(self._filter, after=after, through=through) if tid in self._within]
        return found if limit is None else found[:limit]

    def _reset(self, ids: list[int], *, complete: bool) -> None:
        self.beginResetModel()
        self._ids, self._rows, self._records = [], {}, {}
        self._take(ids, complete)
        self.endResetModel()

    def _append(self, ids: list[int], *, complete: bool = False) -> None:
        """Add rows fetched below the last (`complete`: there are no more)."""
        if ids:  # never announce rows that are not there (the tester catches a begin with none)
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(ids) - 1)
            self._take(ids, complete)
            self.endInsertRows()
        else:
            self._take(ids, complete)

    def _take(self, ids: list[int], complete: bool) -> None:
        self._rows |= {tid: len(self._ids) + n for n, tid in enumerate(ids)}
        self._ids += ids
        self._complete = complete

    def _last(self) -> int | None:
        return self._ids[-1] if self._ids else None
