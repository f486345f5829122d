"""The app makes the day's backup in the background and says when it could not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from desktop.library import backup, backups
from desktop.ui.backup_job import BackupJob, start_backup


class Window(QWidget):
    """What a backup job needs of the main window: a widget with a status line (`say`)."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, int]] = []

    def say(self, message: str, timeout: int = 4000) -> None:
        self.said.append((message, timeout))


@pytest.fixture
def window(qtbot):
    win = Window()
    qtbot.addWidget(win)
    return win


def test_the_days_backup_is_made_off_the_gui_thread_once(window, library, qtbot):
    for _ in range(2):  # the second finds today's backup made
        job = BackupJob(library.path, window)
        with qtbot.waitSignal(job.signals.finished, timeout=10_000) as done:
            QThreadPool.globalInstance().start(job)
        assert done.args == [""]
        assert len(backups(library.path)) == 1


def test_the_app_quitting_stops_the_backup(window, library, qtbot):
    job = start_backup(window, library.path)
    assert window.backup_job is job
    QApplication.instance().aboutToQuit.emit()
    assert job._cancelled.is_set()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_a_backup_that_cannot_be_made_is_a_warning_in_the_status_bar(window, library, qtbot, monkeypatch):
    def full(source, target, cancelled):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy", full)
    start_backup(window, library.path, after_ms=0)
    qtbot.waitUntil(lambda: bool(window.said))
    assert window.said == [
        ("Warning: no backup made (disk full: No space left on device); there is no earlier backup", 0)
    ]


def test_a_cancelled_backup_reports_nothing_and_leaves_nothing(window, library, qtbot):
    job = BackupJob(library.path, window)
    job.cancel()  # the app quitting
    with qtbot.waitSignal(job.signals.finished) as done:
        job.run()
    assert done.args == [""]
    assert list((library.path.parent / "backups").iterdir()) == []


def test_the_days_backup_waits_ten_seconds_after_start_up(window, library, qtbot):
    from desktop.ui import backup_job

    assert backup_job.START_AFTER_MS == 10_000
    start_backup(window, library.path)
    qtbot.wait(300)
    assert backups(library.path) == []  # start-up and reading come first
    QApplication.instance().aboutToQuit.emit()
