"""File ▸ Export to vault… through the real widgets: the key, the choices, the notes written
in the background, the user's text kept, the choices remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.export.vault import END
from tests.annotations import annotate


def open_dialog(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Export to vault" and w.isVisible())


def export_now(dialog, qtbot) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def test_export_to_vault_writes_notes_and_keeps_the_users_text(window, qtbot, tmp_path, monkeypatch):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    vault = tmp_path / "vault"
    dialog = open_dialog(window, qtbot)
    assert not dialog.export_button.isEnabled()  # no folder yet
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(vault))
    dialog.choose_folder()
    dialog.tag_notes.setChecked(True)
    dialog.style.setCurrentIndex(1)
    export_now(dialog, qtbot)
    note = vault / "sample.md"
    assert note.read_text().count("> [!quote]") == 5 and len(list((vault / "Tags").rglob("*.md"))) == 5
    assert window.statusBar().currentMessage() == f"6 notes written, 0 unchanged in {vault}"

    note.write_text(note.read_text() + "\nMine.\n")
    window.session.delete_highlight(window.library.highlights.list(window.transcript_id)[0].id)
    again = open_dialog(window, qtbot)
    assert again.folder.text() == str(vault) and again.tag_notes.isChecked() and again.style.currentIndex() == 1
    export_now(again, qtbot)
    text = note.read_text()
    assert text.endswith(END + "\n\nMine.\n") and text.count("> [!quote]") == 4
    assert window.statusBar().currentMessage() == f"2 notes written, 4 unchanged in {vault}"  # with its tag's note
    assert "No highlights." in (vault / "Tags" / "method - questions.md").read_text()


def test_a_file_as_the_folder_is_refused(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    blocker = tmp_path / "file.md"
    blocker.write_text("x")
    dialog = open_dialog(window, qtbot)
    dialog.folder.setText(str(blocker))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert said == [f"{blocker}: is not a folder"] and dialog.isVisible() and dialog.job is None
    dialog.reject()


def test_the_open_transcript_alone_makes_no_tag_notes(window, qtbot, tmp_path):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = open_dialog(window, qtbot)
    dialog.folder.setText(str(tmp_path))
    dialog.tag_notes.setChecked(True)
    dialog.scope.setCurrentIndex(1)
    assert not dialog.tag_notes.isEnabled()
    export_now(dialog, qtbot)
    assert [p.name for p in tmp_path.rglob("*.md")] == ["sample.md"]
