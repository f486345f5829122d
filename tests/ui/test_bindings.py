"""The Qt bindings themselves must not leak: PySide6 6.12.0 dropped a reference to None
on every void call under Python 3.11, which killed the app after a few thousand calls."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_calls_keep_none_alive(qapp):
    cursor = QTextCursor(QTextDocument())
    before = sys.getrefcount(None)
    for _ in range(2000):
        cursor.insertText("word ")
        cursor.setPosition(0)
    assert sys.getrefcount(None) > before - 100
