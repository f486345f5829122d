"""The Reports window's filter row: tags (with their sub-tags), transcripts, attribute values
and a date range, applying to every report. Each list is a button opening a checklist with a
type-to-filter box; nothing checked means no limit. In the attributes' box, a comparison on a
number or date field (`age > 50`, then Enter) becomes an item of its own, checked."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop.library import Library, LibraryError
from desktop.library.attributes import NONE, comparison, split_condition
from desktop.library.reports import Filters

DATA_ROLE = Qt.ItemDataRole.UserRole
NO_DATE = QDate(1900, 1, 1)  # a date edit at this date means "no bound" (shown as "any")
Group = tuple[str | None, list[tuple[str, object]]]  # a heading (None: top level) and its (text, value) items


class Checklist(QToolButton):
    """A button naming what is checked ("Tags: all", "Tags: 2 of 14"); it opens a list of
    checkable items, grouped under headings, with a box that filters them as you type."""

    changed = Signal()
    entered = Signal(str)  # Enter in the type-to-filter box, with its text

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.search = QLineEdit(placeholderText=f"Filter {noun.lower()}", clearButtonEnabled=True)
        self.search.setAccessibleName(f"Filter {noun.lower()}")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumSize(280, 320)
        self.clear_button = QPushButton("Clear")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.search)
        column.addWidget(self.tree)
        column.addWidget(self.clear_button, alignment=Qt.AlignmentFlag.AlignRight)
        holder = QWidgetAction(self)
        holder.setDefaultWidget(box)
        menu = QMenu(self)
        menu.addAction(holder)
        self.setMenu(menu)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(lambda: self.entered.emit(self.search.text()))
        self.tree.itemChanged.connect(self._item_changed)
        self.clear_button.clicked.connect(self.clear)
        self._count = 0
        self._label()

    def set_items(self, groups: list[Group]) -> None:
        """Offer these items, keeping those checked that are still offered."""
        kept = set(map(_key, self.checked_items()))
        self.tree.blockSignals(True)
        self.tree.clear()
        self._count = 0
        for heading, items in groups:
            parent = None
            if heading is not None:
                parent = QTreeWidgetItem(self.tree, [heading])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                parent.setExpanded(True)
            for text, value in items:
                item = QTreeWidgetItem(parent or self.tree, [text])
                item.setData(0, DATA_ROLE, (heading, value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = _key((heading, value)) in kept
                item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self._count += 1
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._filter(self.search.text())
        self._label()

    def checked_items(self) -> list[tuple[str | None, object]]:
        """The (heading, value) of every checked item, in list order."""
        found = []
        iterator = QTreeWidgetItemIterator(self.tree, QTreeWidgetItemIterator.IteratorFlag.Checked)
        while iterator.value():
            found.append(iterator.value().data(0, DATA_ROLE))
            iterator += 1
        return found

    def check(self, values: list[object]) -> None:
        """Check the items of these values (any heading), and only those."""
        self.tree.blockSignals(True)
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            data = item.data(0, DATA_ROLE)
            if data is not None:
                item.setCheckState(0, Qt.CheckState.Checked if data[1] in values else Qt.CheckState.Unchecked)
            iterator += 1
        self.tree.blockSignals(False)
        self._label()
        self.changed.emit()

    def clear(self) -> None:
        """Uncheck everything (no limit)."""
        if self.checked_items():
            self.check([])

    def _item_changed(self, *_: object) -> None:
        self._label()
        self.changed.emit()

    def _label(self) -> None:
        checked = self.checked_items()
        if not checked:
            self.setText(f"{self.noun}: all")
        elif len(checked) == 1:
            heading = checked[0][0]
            text = self._text_of(checked[0])
            self.setText(f"{self.noun}: {heading} = {text}" if heading else f"{self.noun}: {text}")
        else:
            self.setText(f"{self.noun}: {len(checked)} of {self._count}")
        self.setToolTip("\n".join(self._text_of(c) for c in checked) or f"Every one of the {self.noun.lower()}")
        self.setAccessibleName(self.text())

    def _text_of(self, data: tuple[str | None, object]) -> str:
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, DATA_ROLE) == data:
                return item.text(0)
            iterator += 1
        return str(data[1])

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, DATA_ROLE) is not None:
                item.setHidden(bool(needle) and needle not in item.text(0).casefold())
            iterator += 1


def _key(data: tuple[str | None, object]) -> tuple[str | None, object]:
    return (data[0], data[1])


class FilterBar(QWidget):
    """Tags, transcripts, attribute values and dates every report is limited to; `changed`
    fires (once typing or clicking pauses) with the new `Filters`."""

    changed = Signal(object)  # Filters

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.tags = Checklist("Tags")
        self.transcripts = Checklist("Transcripts")
        self.attributes = Checklist("Attributes")
        self.since, self.until = _date_edit("From"), _date_edit("Until")
        self.clear_button = QPushButton("Clear filters")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Filters:"))
        for widget in (self.tags, self.transcripts, self.attributes):
            row.addWidget(widget)
        row.addSpacing(8)
        row.addWidget(QLabel("Dates"))
        row.addWidget(self.since)
        row.addWidget(QLabel("–"))
        row.addWidget(self.until)
        row.addStretch()
        row.addWidget(self.clear_button)
        self._pause = QTimer(self, singleShot=True, interval=250)
        self._pause.timeout.connect(lambda: self.changed.emit(self.filters()))
        for checklist in (self.tags, self.transcripts, self.attributes):
            checklist.changed.connect(self._pause.start)
        self.since.dateChanged.connect(self._pause.start)
        self.until.dateChanged.connect(self._pause.start)
        self.clear_button.clicked.connect(self.clear)
        self.attributes.entered.connect(self.compare)
        self.comparisons: list[tuple[str, str]] = []  # (field, ">50") typed in the attributes' box
        self.reload()

    def reload(self) -> None:
        """Offer the library's tags, transcripts and attribute values as they are now."""
        lib = self.library
        self.tags.set_items([(None, [(t.name, t.name) for t in lib.tags.list()])])
        infos = lib.transcripts.infos(lib.transcripts.ids())
        self.transcripts.set_items([(None, [(i.title, i.id) for i in infos])])
        groups: list[Group] = []
        for scope in ("transcript", "speaker"):
            for field in lib.attributes.fields(scope):
                values = [*lib.attributes.values(field.name), NONE]
                values += [wanted for name, wanted in self.comparisons if name == field.name]
                heading = field.name if scope == "transcript" else f"{field.name} (speakers)"
                groups.append((heading, [(v, (field.name, v)) for v in values]))
        self.attributes.set_items(groups)

    def compare(self, text: str) -> bool:
        """Offer and check a comparison typed as `age > 50` (a number or date field); False,
        with nothing changed, for text that is no such comparison."""
        found = split_condition(text)
        try:
            field = self.library.attributes.field(found[0]) if found else None
            if field is None or comparison(field, found[1]) is None:
                return False
        except LibraryError:
            return False
        condition = (field.name, found[1].replace(" ", ""))
        if condition not in self.comparisons:
            self.comparisons.append(condition)
        kept = [value for _, value in self.attributes.checked_items()]
        self.reload()
        self.attributes.search.clear()
        self.attributes.check([*kept, condition])
        return True

    def filters(self) -> Filters:
        """The filters as set now."""
        tags = [value for _, value in self.tags.checked_items()]
        transcripts = [value for _, value in self.transcripts.checked_items()]
        attributes: dict[str, list[str]] = {}
        for _, (name, value) in self.attributes.checked_items():
            attributes.setdefault(name, []).append(value)
        return Filters(tags=tags or None, transcripts=transcripts or None, attributes=attributes or None,
                       since=_day(self.since), until=_day(self.until))  # fmt: skip

    def describe(self) -> str:
        """The filters in words, for a status line ("" when there are none)."""
        parts = [c.text() for c in (self.tags, self.transcripts, self.attributes) if c.checked_items()]
        if _day(self.since) or _day(self.until):
            parts.append(f"dates {self.since.text()} – {self.until.text()}")
        return "; ".join(parts)

    def clear(self) -> None:
        """No filters."""
        for checklist in (self.tags, self.transcripts, self.attributes):
            checklist.clear()
        self.since.setDate(NO_DATE)
        self.until.setDate(NO_DATE)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("any")  # shown at the minimum date: no bound
    edit.setDate(NO_DATE)
    edit.setAccessibleName(f"{name} date")
    edit.setToolTip(f"{name} this conversation date (from the file name, else a “date” attribute)")
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())
