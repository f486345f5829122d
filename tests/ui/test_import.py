"""Importing from the app: off the GUI thread, with progress, Cancel and clear errors.

The tests wait for the window to take in the job's report (`window.job` cleared on the GUI
thread), not for the job's signal: a plain callable connected to a worker's signal runs in
the worker's thread, which races pytest-qt's waitSignal.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.conftest import FIXTURES


def test_import_runs_in_the_background_and_reports_bad_files(window, qtbot, tmp_path):  # item 1
    bad = tmp_path / "broken.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:0x,000\nHi\n")
    files = [FIXTURES / "zoom.vtt", bad, FIXTURES / "otter.txt"]

    window.import_files(files)
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)

    titles = [r.title for r in window.library_panel.model.records()]
    assert titles == ["otter", "zoom", "sample"]
    assert window.windowTitle() == "otter — Talkmark"  # the last imported opens
    assert window.import_report is not None and window.import_report.isVisible()
    assert "broken.srt: line 2: malformed timestamp" in window.import_report.text()


def test_cancel_stops_after_the_current_file(window, qtbot, tmp_path):  # item 1
    files = []
    for n in range(8):
        path = tmp_path / f"talk{n}.txt"
        path.write_text(f"Ann: Number {n} starts here.\\nBo: And ends.\\n")
        files.append(path)
    window.import_files(files).cancel()
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    imported = len(window.library.transcripts.list()) - 1  # besides the sample
    assert 1 <= imported < 8
    assert window.statusBar().currentMessage() == f"Imported {imported} of {imported} file{'s' * (imported > 1)}"
    assert window.import_report is None


def test_dropping_files_imports_them(window, qtbot):  # item 1
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "rev.txt"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    assert "rev" in [r.title for r in window.library_panel.model.records()]


def test_importing_a_file_again_says_it_is_already_in_the_library_and_opens_it(window, qtbot):
    window.import_files([FIXTURES / "rev.txt"])
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    window.open_transcript(window.library.transcripts.list()[-1].id)  # away: the sample
    window.import_files([FIXTURES / "rev.txt"])
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    assert window.statusBar().currentMessage() == "Already in the library"
    assert window.windowTitle() == "rev — Talkmark" and window.import_report is None
    assert [r.title for r in window.library_panel.model.records()].count("rev") == 1

    window.import_files([FIXTURES / "rev.txt", FIXTURES / "otter.txt"])
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    assert window.statusBar().currentMessage() == "Imported 1 of 2 files; 1 already in the library"
