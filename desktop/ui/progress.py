"""The progress dialog of a background job (import, export, vault): shown after 300 ms of
work, modal to its window, Cancel asking the job to stop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def job_progress(parent: QWidget, text: str, title: str, cancel: Callable[[], None], total: int = 0) -> QProgressDialog:
    """A progress dialog for a job of `total` steps (0: not known yet) that `cancel` stops."""
    progress = QProgressDialog(text, "Cancel", 0, total, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.canceled.connect(cancel)
    return progress
