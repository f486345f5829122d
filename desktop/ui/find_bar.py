"""Find in the transcript (Ctrl+F): every match marked, next/previous, a count, and the
options Match case (Alt+C), Whole word (Alt+W) and Regular expression (Alt+R), remembered.

Typing searches once the keys pause (at once in a short transcript): a 100-hour transcript
holds 13 MB of text, and searching all of it at every key would make typing stutter."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.library.find_pattern import FindOptions, PatternError, find_pattern
from desktop.ui.palette import error_text
from desktop.ui.reader import Reader

LONG_TEXT = 500_000  # characters: past this, searching waits for a pause in typing
PAUSE_MS = 250  # the pause
MESSAGE_CHARS = 44  # the count or message beside the field, at most (a longer one is elided)
OPTIONS = (  # setting, label, accessible name, key
    ("match_case", "Aa", "Match case", "Alt+C"),
    ("whole_word", "W", "Whole word", "Alt+W"),
    ("regex", ".*", "Regular expression", "Alt+R"),
)


class FindBar(QWidget):
    """A bar above the reader; Enter goes to the next match, Shift+Enter to the previous."""

    def __init__(self, reader: Reader, parent: QWidget | None = None, *, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.reader, self.settings = reader, settings
        self.field = QLineEdit(placeholderText="Find in transcript", clearButtonEnabled=True)
        self.field.setAccessibleName("Find in transcript")
        self.field.setAccessibleName("Find in transcript")
        self.count = QLabel()
        self.count.setAccessibleName("Matches")
        self.count.setMaximumWidth(self.fontMetrics().averageCharWidth() * MESSAGE_CHARS)
        self.field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.options: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.field, 1)
        for key, label, name, keys in OPTIONS:
            button = self.options[key] = QToolButton(text=label, checkable=True)
            button.setAccessibleName(name)
            button.setToolTip(f"{name} ({keys})")
            button.setChecked(bool(settings and settings.value(f"find/{key}", False, type=bool)))
            button.toggled.connect(lambda on, key=key: self._option_changed(key, on))
            QShortcut(QKeySequence(keys), self, button.toggle, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            layout.addWidget(button)
        layout.addWidget(self.count)
        previous, following, close = QToolButton(text="▲"), QToolButton(text="▼"), QToolButton(text="✕")
        for button, name, keys in ((previous, "Previous match", "Shift+Enter"), (following, "Next match", "Enter"),
                                   (close, "Close the find bar", "Esc")):  # fmt: skip
            button.setAccessibleName(name)
            button.setToolTip(f"{name} ({keys})")
            layout.addWidget(button)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self.next)
        previous.clicked.connect(lambda: self.next(backwards=True))
        following.clicked.connect(self.next)
        close.clicked.connect(self.close_bar)
        back = lambda: self.next(backwards=True)  # noqa: E731
        for keys, slot in (("Shift+Return", back), ("Shift+Enter", back), ("Escape", self.close_bar)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    @property
    def find_options(self) -> FindOptions:
        """The options as the buttons set them."""
        return FindOptions(**{key: button.isChecked() for key, button in self.options.items()})

    def open(self) -> None:
        """Show the bar with its text selected."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        """Hide the bar and clear the marks."""
        self._timer.stop()
        self.reader.find("")
        self.hide()
        self.reader.setFocus()

    def search(self) -> None:
        """Mark every match of what is typed and go to the first; a bad expression is said in
        the bar and nothing is marked."""
        self._timer.stop()
        text = self.field.text()
        try:
            pattern = find_pattern(text, self.find_options) if text else None
        except PatternError as error:
            self.reader.find("")
            self._unselect()
            self._say(str(error), error=True)
            return
        total = self.reader.find(pattern) if pattern is not None else self.reader.find("")
        self._say("" if not text else "No matches" if not total else f"{total} matches")
        if total:
            self.next()
        else:
            self._unselect()

    def _unselect(self) -> None:
        """Let go of the last match's selection: H would highlight words no longer searched for."""
        cursor = self.reader.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.reader.setTextCursor(cursor)

    def next(self, backwards: bool = False) -> None:
        """Go to the next (or previous) match."""
        if self._timer.isActive():  # the search typed for has not run yet
            self.search()
            if not backwards:
                return
        total = self.reader.match_count
        number = self.reader.next_match(backwards)
        if total:
            self._say(f"{number} of {total}")

    def _typed(self) -> None:
        if self.reader.document().characterCount() > LONG_TEXT:
            self._timer.start(PAUSE_MS)
        else:
            self.search()

    def _option_changed(self, key: str, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(f"find/{key}", on)
        if self.isVisible():
            self.search()

    def _say(self, message: str, *, error: bool = False) -> None:
        """One line beside the field (a long message elided, whole in its tooltip)."""
        room = self.count.maximumWidth()
        self.count.setText(self.count.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, room))
        self.count.setToolTip(message if error else "")
        self.count.setProperty("error", error)
        self.count.setStyleSheet(f"color: {error_text(self.palette()).name()};" if error else "")
