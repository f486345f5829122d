"""The real window on a fresh library and fresh settings, per test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktop.library import Library
from desktop.ui.app import open_window
from tests.coded_library import build


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite") as lib:
        yield lib


def shown_window(qtbot, library, settings):
    """The main window on `library`, shown (close it before the library closes)."""
    win = open_window(library, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, library, settings):
    """The main window as on a first run: the sample transcript open."""
    win = shown_window(qtbot, library, settings)
    yield win
    win.close()  # before the library closes: nothing may reach it afterwards


@pytest.fixture
def coded(library, tmp_path):
    """The library holding tests/coded_library.py's interviews, with known counts."""
    return build(library, tmp_path)


@pytest.fixture
def active(window, qtbot):
    """The window with the reader focused, as after a click into the text."""
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    return window


def select_phrase(window, turn: int, phrase: str):
    """Select `phrase` in a turn of the reader, as a mouse drag would; returns the span."""
    from desktop.library import Position

    text = window.reader.turns[turn].text
    start = text.index(phrase)
    window.reader.select_span(Position(turn, start), Position(turn, start + len(phrase)))
    return Position(turn, start), Position(turn, start + len(phrase))
