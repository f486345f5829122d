"""The tag panel: the tag tree with counts; rename, recolour, describe, merge, delete; a
tag's highlights across the whole library, each opening its transcript at the right place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.library import Highlight, LibraryError, TagNode, tag_tree
from desktop.library.changes import Changes
from desktop.ui import asking
from desktop.ui.ctrl_return import save_on_ctrl_return
from desktop.ui.empty_hint import empty_hint
from desktop.ui.record_model import RecordListModel
from desktop.ui.session import Session

TAG_ROLE = Qt.ItemDataRole.UserRole
CHOOSE_HINT = "Choose a tag above to list its highlights across the library; right-click it to rename or describe it."


def swatch(colour: str) -> QPixmap:
    """A small square of a colour, for lists."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return pixmap


class TagPanel(QWidget):
    """Shows every tag; choosing one lists its highlights across the library."""

    highlight_opened = Signal(int, int)  # transcript id, highlight id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Tag", "Highlights"])
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for label, slot in (("Rename…", self.rename), ("Recolour…", self.recolour), ("Describe…", self.describe),
                            ("Merge into…", self.merge), ("Delete", self.delete)):  # fmt: skip
            action = QAction(label, self)
            action.triggered.connect(slot)
            self.tree.addAction(action)
        self.titles: dict[int, str] = {}
        self.model: RecordListModel[Highlight] = RecordListModel(
            lambda h: f"{self.titles.get(h.transcript_id, '')}\n“{' '.join(h.quote.split())[:120]}”", parent=self
        )
        self.found = QListView()
        self.found.setModel(self.model)
        self.found.setAccessibleName("Highlights of the tag")
        self.none = empty_hint(CHOOSE_HINT, "Highlights of the tag")  # in the list's place while it is empty
        below = QWidget()
        stack = QVBoxLayout(below)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.found)
        stack.addWidget(self.none)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(below)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.tree.currentItemChanged.connect(self._show_highlights)
        self.found.activated.connect(self._open)
        self.found.clicked.connect(self._open)
        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.tags or changes.everything:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the tree from the library, keeping the chosen tag."""
        chosen = self.current_tag()
        self.tree.clear()
        for node in tag_tree(self.session.library.tags.list()):
            self.tree.addTopLevelItem(self._item(node))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        if chosen:
            self.choose(chosen)
        self._show_highlights()

    def current_tag(self) -> str | None:
        """The chosen tag's full name (a level without its own tag counts too)."""
        item = self.tree.currentItem()
        return item.data(0, TAG_ROLE) if item else None

    def choose(self, name: str) -> None:
        """Make a tag the chosen one."""
        for item in self._items():
            if item.data(0, TAG_ROLE) == name:
                self.tree.setCurrentItem(item)

    def rename(self) -> None:
        name = self.current_tag()
        if name:
            new, ok = asking.ask_text(self, "Rename tag", "New name:", name)
            if ok and new.strip():
                self._try(lambda: self.session.rename_tag(name, new))

    def recolour(self) -> None:
        name = self.current_tag()
        if name and self._real(name):
            colour = QColorDialog.getColor(QColor(self.session.library.tags.get(name).colour), self, "Tag colour")
            if colour.isValid():
                self.session.recolour_tag(name, colour.name())

    def describe(self) -> None:
        name = self.current_tag()
        if name and self._real(name):
            current = self.session.library.tags.get(name).description
            dialog = DescriptionDialog(name, current, self)
            if dialog.exec() and dialog.description() != current:
                self._try(lambda: self.session.describe_tag(name, dialog.description()))

    def merge(self) -> None:
        name = self.current_tag()
        if not name or not self._real(name):
            return
        others = [t.name for t in self.session.library.tags.list() if t.name != name]
        into, ok = asking.ask_item(self, "Merge tag", f"Move every highlight of “{name}” to:", others)
        if ok and into:
            self._try(lambda: self.session.merge_tags(name, into))

    def delete(self) -> None:
        name = self.current_tag()
        if name and self._real(name):
            self.session.delete_tag(name)

    def _real(self, name: str) -> bool:
        return any(t.name == name for t in self.session.library.tags.list())

    def _try(self, action) -> None:
        try:
            action()
        except LibraryError as exc:
            QMessageBox.warning(self, "Tags", str(exc))

    def _item(self, node: TagNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem([node.label, str(node.total)])
        item.setData(0, TAG_ROLE, node.path)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        if node.tag:
            item.setIcon(0, swatch(node.tag.colour))
            item.setToolTip(0, node.tag.description or node.path)
        for child in node.children:
            item.addChild(self._item(child))
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        found, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _show_highlights(self, *_: object) -> None:
        name = self.current_tag()
        library = self.session.library
        found = library.highlights.list(tag=name) if name else []
        if found:  # titles only when there is something to show them with
            self.titles = {t.id: t.title for t in library.transcripts.infos(sorted({h.transcript_id for h in found}))}
        self.model.set_records(found)
        self.none.setText(f"No highlight carries “{name}” now" if name else CHOOSE_HINT)
        self.none.setVisible(not found)
        self.found.setVisible(bool(found))

    def _open(self, index: QModelIndex) -> None:
        highlight = self.model.record(index.row())
        self.highlight_opened.emit(highlight.transcript_id, highlight.id)


class DescriptionDialog(QDialog):
    """Edits a tag's description: what the tag means and when to use it (the tooltip in the
    Tags panel, and a code's description in a codebook or REFI-QDA export)."""

    def __init__(self, name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Describe the tag “{name}”")
        self.resize(480, 280)
        self.editor = QPlainTextEdit(description, placeholderText="What the tag means, and when to use it")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save_on_ctrl_return(self.editor, self, buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Description of “{name}”:"))
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def description(self) -> str:
        """The description as written, without blank lines around it."""
        return self.editor.toPlainText().strip()
