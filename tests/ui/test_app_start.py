"""Starting the app: the library it opens (`--library`, $TALKMARK_LIBRARY), and one app per
library: a second start hands its files to the window already open."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.library import Library
from desktop.ui.single_instance import InstanceServer, server_name
from main import command_first
from tests.conftest import FIXTURES, ROOT


def app_env(tmp_path, **extra: str) -> dict[str, str]:
    """A child app with its own settings and logs, that quits once its window is shown."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TALKMARK_REPORT_SHOWN": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data")}  # fmt: skip
    env.pop("TALKMARK_LIBRARY", None)
    return {**env, **extra}


def start(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=app_env(tmp_path, **env),
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def titles(path) -> list[str]:
    with Library(path, write=False) as library:
        return [t.title for t in library.transcripts.list()]


def test_the_app_opens_the_library_it_is_given(tmp_path):
    chosen, other = tmp_path / "chosen.sqlite", tmp_path / "env.sqlite"
    result = start(tmp_path, "--library", str(chosen), TALKMARK_LIBRARY=str(other))
    assert result.returncode == 0, result.stderr
    assert titles(chosen) == ["sample"] and not other.exists()

    result = start(tmp_path, TALKMARK_LIBRARY=str(other), XDG_CONFIG_HOME=str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr
    assert titles(other) == ["sample"]


def test_library_may_come_before_a_command():
    assert command_first(["--library", "x.sqlite", "list", "--json"]) == ["list", "--library", "x.sqlite", "--json"]
    assert command_first(["--library=x.sqlite", "list"]) == ["list", "--library=x.sqlite"]
    assert command_first(["--library", "x.sqlite", "talk.srt"]) == ["--library", "x.sqlite", "talk.srt"]


def test_a_second_start_hands_its_files_to_the_open_window(window, qtbot, tmp_path):
    server = InstanceServer(server_name(window.library.path), window)
    server.files_received.connect(window.receive_files)
    child = subprocess.Popen([sys.executable, "main.py", "--library", str(window.library.path),
                              str(FIXTURES / "otter.txt")], cwd=ROOT, env=app_env(tmp_path),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    finally:
        child.kill()
    out, err = child.communicate()
    assert child.returncode == 0, err
    assert "handed 1 file(s)" in out
    qtbot.waitUntil(lambda: window.windowTitle() == "otter — Talkmark", timeout=10_000)
    assert sorted(t.title for t in window.library.transcripts.list()) == ["otter", "sample"]
    server.close()


def test_an_app_that_does_not_answer_is_never_replaced_by_a_second(qapp, tmp_path, monkeypatch):
    from PySide6.QtNetwork import QLocalServer

    from desktop.ui import app as app_module
    from desktop.ui.single_instance import BUSY, hand_over

    name = server_name(tmp_path / "lib.sqlite")
    stalled = QLocalServer()  # accepts connections but never answers: a stopped or hung app
    assert stalled.listen(name)
    assert hand_over(name, []) == BUSY
    second = InstanceServer(name)
    assert not second.server.isListening() and stalled.isListening()  # its socket was not taken

    warned = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda *args: warned.append(args[2]))
    assert app_module.run(["--library", str(tmp_path / "lib.sqlite")]) == 1
    assert "does not answer" in warned[0] and not (tmp_path / "lib.sqlite").exists()
    stalled.close()


def test_a_read_only_library_opens_for_reading_and_refuses_changes_in_one_line(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel

    from desktop.library import Position, connection
    from desktop.ui import app as app_module

    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        library.import_file(FIXTURES / "otter.txt")
    monkeypatch.setattr(connection, "why_read_only", lambda p: "the file cannot be changed")  # as chattr +i does
    monkeypatch.setattr(app_module, "QSettings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    warned = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda *args: warned.append(args[2]))
    running = app_module.launch(["--library", str(path)])
    try:
        window = running.window
        labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
        message = window.statusBar().currentMessage()
        try:
            window.session.add_highlight(window.transcript_id, Position(0, 0), Position(0, 4))
        except Exception as exc:  # as a slot would: the app's error hook shows it
            sys.excepthook(type(exc), exc, None)
    finally:
        running.close()
    seen = [labels, message]
    assert "Read-only" in seen[0] and seen[1].startswith("Read-only: the file cannot be changed")
    assert len(warned) == 1 and warned[0].startswith("read-only:") and "\n" not in warned[0]
