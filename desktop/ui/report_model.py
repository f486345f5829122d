"""A report table as a Qt tree model: tag rows nested by their depth (so the tree's levels fold
and unfold), a column per speaker, transcript or attribute value, numbers right-aligned and
zero cells dimmed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole  # the table's row number of an index
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # a cell's number


class TableLike(Protocol):
    """What the core's `reports.Table` offers: row names (tags in tag order, parents first),
    their depths in the tag tree, column names and a number per row and column."""

    rows: Sequence[str]
    columns: Sequence[str]
    cells: Sequence[Sequence[float]]


def depths_of(table: TableLike) -> list[int]:
    """Each row's depth: the table's own, else counted from the tag path's slashes."""
    depths = getattr(table, "depths", None)
    return list(depths) if depths else [row.count("/") for row in table.rows]


class ReportModel(QAbstractItemModel):
    """Rows of a report table as a tree; column 0 names the row, the others hold numbers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[str] = []
        self._columns: list[str] = []
        self._cells: list[list[float]] = []
        self._parent: list[int] = []  # each row's parent row, -1 at the top
        self._children: dict[int, list[int]] = {-1: []}
        self._format: Callable[[float], str] = str
        self._header = "Tag"

    def set_table(self, table: TableLike | None, fmt: Callable[[float], str] = str, header: str = "Tag") -> None:
        """Show this table (None: an empty one); `fmt` writes a cell's number."""
        self.beginResetModel()
        self._rows = list(table.rows) if table else []
        self._columns = list(table.columns) if table else []
        self._cells = [list(r) for r in table.cells] if table else []
        self._format, self._header = fmt, header
        self._parent, self._children = [], {-1: []}
        stack: list[tuple[int, int]] = []  # (depth, row)
        for row, depth in enumerate(depths_of(table) if table else []):
            while stack and stack[-1][0] >= depth:
                stack.pop()
            parent = stack[-1][1] if stack else -1
            self._parent.append(parent)
            self._children.setdefault(parent, []).append(row)
            self._children.setdefault(row, [])
            stack.append((depth, row))
        self.endResetModel()

    # Reading -------------------------------------------------------------------------------------

    def row_name(self, row: int) -> str:
        """The full name of a table row (`theme/memory`)."""
        return self._rows[row]

    def column_names(self) -> list[str]:
        """The table's column names."""
        return list(self._columns)

    def row_values(self, row: int) -> list[float]:
        """The numbers of a table row."""
        return list(self._cells[row])

    def column_values(self, column: int) -> list[float]:
        """The numbers of a table column (0-based, in the table's column order)."""
        return [r[column] for r in self._cells]

    def row_names(self) -> list[str]:
        """The table's row names in order."""
        return list(self._rows)

    def index_of_row(self, row: int, column: int = 0) -> QModelIndex:
        """The model index of a table row (and a view column)."""
        parent = self._parent[row]
        siblings = self._children[parent]
        return self.createIndex(siblings.index(row), column, row)

    # Qt's interface -------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's names
        key = parent.internalId() if parent.isValid() else -1
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children.get(key, [])
        if not (0 <= row < len(children) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._parent[index.internalId()]
        return QModelIndex() if up < 0 else self.index_of_row(up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        if parent.isValid():
            return 0 if parent.column() != 0 else len(self._children.get(parent.internalId(), []))
        return len(self._children[-1])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 1 + len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        name = self._header if section == 0 else self._columns[section - 1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.internalId(), index.column()
        if role == ROW_ROLE:
            return row
        if column == 0:
            name = self._rows[row]
            if role == Qt.ItemDataRole.DisplayRole:
                return name.rsplit("/", 1)[-1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return name
            return None
        value = self._cells[row][column - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._format(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not value:
            return dim_text()
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._rows[row]} × {self._columns[column - 1]}: {self._format(value)}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def dim_text() -> QColor:
    """Text colour for a zero: the theme's text, faded (readable, yet out of the way)."""
    colour = QColor(QGuiApplication.palette().color(QPalette.ColorRole.Text))
    colour.setAlphaF(0.35)
    return colour
