"""The export dialog and copying a quote, through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QPushButton

from desktop.ui.vault_dialog import VaultDialog
from tests.annotations import annotate


def dialog_of(window, tag: str | None = None):
    """An export dialog for the window's open transcript (and a tag)."""
    from desktop.ui.export_dialog import ExportDialog

    return ExportDialog(window.session, window.settings, window.transcript_id, tag, window)


def opened(qtbot, dialog):
    """The dialog once its preview shows the current choice."""
    qtbot.waitUntil(lambda: dialog.ready)
    return dialog


def saved(qtbot, dialog):
    """Save (the file dialog answered by the test) and wait for the file; its path."""
    with qtbot.waitSignal(dialog.saved, timeout=20000) as done:
        assert dialog.save() is not None
    return done.args[0]


def test_export_dialog_previews_and_saves(window, qtbot, tmp_path, monkeypatch):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    window.activateWindow()
    qtbot.keyClick(window.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Export" and w.isVisible())

    preview = opened(qtbot, dialog).preview.toPlainText()
    assert "the least interesting ones we have" in preview and "— Tomás Reyes, 0:29" in preview
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    dialog.tag.setCurrentText("quote")
    opened(qtbot, dialog)
    assert "least interesting" not in dialog.preview.toPlainText() and "Which time?" in dialog.preview.toPlainText()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.preview.toPlainText().startswith("transcript,speaker,start,end,quote,tags,note,created")
    dialog.format.setCurrentIndex(dialog.format.findData("qdpx"))
    assert "2 coded selections" in dialog.preview.toPlainText()

    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.style.setCurrentIndex(dialog.style.findData("callout"))
    target = tmp_path / "out" / "quotes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert saved(qtbot, dialog) == target
    assert target.read_text().count("> [!quote]") == 2


def test_copy_quote_puts_markdown_with_speaker_time_and_title_on_the_clipboard(window, qtbot):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    chosen = next(h for h in window.library.highlights.list(window.transcript_id) if h.quote == "Doubt.")
    window.annotator.choose(chosen.id)
    window.activateWindow()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert QApplication.clipboard().text() == "> Doubt.\n>\n> — Tomás Reyes, 2:15, sample\n"


def test_preview_shows_at_most_the_limit(window, monkeypatch, qtbot):
    from desktop.ui import export_dialog

    annotate(window.library, window.transcript_id)
    monkeypatch.setattr(export_dialog, "PREVIEW_LIMIT", 2)
    dialog = opened(qtbot, dialog_of(window))
    text = dialog.preview.toPlainText()
    assert "Which time?" in text and "Bridge. Laugh." not in text and "… and 3 more highlights" in text


def test_a_tag_deleted_while_the_dialog_is_open_is_said_not_raised(window, monkeypatch, qtbot):
    from desktop.ui import export_dialog

    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = dialog_of(window, "quote")
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    opened(qtbot, dialog)
    window.session.delete_tag("quote")
    qtbot.waitUntil(lambda: dialog.preview.toPlainText() == "Nothing to export: no tag named 'quote'")
    warned = []
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *args: warned.append(args[-1]))
    assert dialog.save() is None and warned == ["no tag named 'quote'"]


def test_csv_rows_per_tag_and_the_codebooks(window, tmp_path, monkeypatch, qtbot):  # issue 13

    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = opened(qtbot, dialog_of(window))
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    assert not dialog.rows_per_tag.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.rows_per_tag.isEnabled() and dialog.preview.toPlainText().count("\nsample,") == 5
    dialog.rows_per_tag.setChecked(True)
    preview = dialog.preview.toPlainText()
    assert preview.startswith("transcript,speaker,start,end,quote,tag,") and preview.count("\nsample,") == 6
    target = tmp_path / "rows.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert saved(qtbot, dialog) == target and target.read_text().count("Which time?") == 2

    dialog = opened(qtbot, dialog_of(window))
    dialog.format.setCurrentIndex(dialog.format.findData("codebook-csv"))
    assert not dialog.rows_per_tag.isEnabled() and dialog.bom.isEnabled()
    assert dialog.preview.toPlainText().startswith("tag,description,colour,highlights,transcripts\nmethod/notes,")
    dialog.format.setCurrentIndex(dialog.format.findData("qdc"))
    assert '<Code guid="' in dialog.preview.toPlainText()
    filters = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: filters.append(a[2:]) or (str(tmp_path / "tags.qdc"), ""))  # fmt: skip
    assert saved(qtbot, dialog) == tmp_path / "tags.qdc" and (tmp_path / "tags.qdc").read_bytes().startswith(b"<?xml")
    assert filters == [(str(tmp_path / "sample.qdc"), "REFI-QDA codebook (*.qdc)")]  # the last export's folder


def test_the_dialog_remembers_the_last_export_and_adds_the_suffix(window, tmp_path, monkeypatch, qtbot):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = opened(qtbot, dialog_of(window))
    assert dialog.format.currentData() == "md" and not dialog.bom.isChecked()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.bom.setChecked(True)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(a[2]) or (str(tmp_path / "quotes"), ""))  # fmt: skip
    assert saved(qtbot, dialog) == tmp_path / "quotes.csv"  # typed without a suffix: Excel still opens it
    assert (tmp_path / "quotes.csv").read_bytes().startswith(b"\xef\xbb\xbftranscript,")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = Path(asked[0]).parent  # the first export opens in Documents (or home), never the working folder
    assert first in (Path(documents), Path.home()) and first != Path.cwd()

    again = opened(qtbot, dialog_of(window))
    assert again.format.currentData() == "csv" and again.bom.isChecked()
    assert again.style.itemText(1) == VaultDialog(window.library.path, None, window.settings).style.itemText(1)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a[2]) or ("", ""))
    assert again.save() is None and asked[1] == str(tmp_path / "sample.csv")


def test_a_transcript_without_highlights_has_nothing_to_export_but_its_project(window, qtbot):
    dialog = opened(qtbot, dialog_of(window))
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    for fmt in ("md", "html", "pdf", "csv"):
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        assert (
            dialog.preview.toPlainText() == "Nothing to export: sample has no highlights yet" and not save.isEnabled()
        )
    dialog.format.setCurrentIndex(dialog.format.findData("qdpx"))  # the transcript itself, for a QDA tool
    assert dialog.preview.toPlainText().startswith("1 source, 0 coded selections, 0 codes") and save.isEnabled()


def test_a_codebook_of_no_tags_is_said_not_raised(window, monkeypatch, qtbot):
    from desktop.ui import export_dialog

    dialog = opened(qtbot, dialog_of(window))
    dialog.format.setCurrentIndex(dialog.format.findData("qdc"))
    assert dialog.preview.toPlainText() == "Nothing to export: no tags to write a codebook of"
    warned = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("/nonexistent/x.qdc", ""))
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *args: warned.append(args[-1]))
    assert dialog.save() is None and warned == ["no tags to write a codebook of"]


def test_the_preview_collects_once_per_choice_off_the_gui_thread(window, qtbot, monkeypatch):  # issue 14
    import threading

    from desktop.ui import export_job

    window.session.run(lambda: annotate(window.library, window.transcript_id))
    calls = []
    real = export_job.collect

    def counted(library, **choice):
        calls.append((choice.get("tag"), choice.get("transcript_id"), threading.current_thread()))
        return real(library, **choice)

    monkeypatch.setattr(export_job, "collect", counted)
    dialog = opened(qtbot, dialog_of(window))
    assert [c[:2] for c in calls] == [(None, window.transcript_id)]
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    dialog.tag.lineEdit().clear()
    qtbot.keyClicks(dialog.tag.lineEdit(), "quote")  # a keystroke at a time
    opened(qtbot, dialog)
    assert [c[:2] for c in calls[1:]] == [("quote", None)]  # once, when the typing paused
    assert "Which time?" in dialog.preview.toPlainText()
    for fmt in ("csv", "html", "md", "qdpx", "codebook-csv"):  # re-rendered, never re-collected
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.grouped.setChecked(True)
    dialog.style.setCurrentIndex(dialog.style.findData("callout"))
    dialog.scope.setCurrentIndex(dialog.scope.findData("transcript"))  # collected already
    assert dialog.ready and "the least interesting ones we have" in dialog.preview.toPlainText()
    assert len(calls) == 2 and all(thread is not threading.main_thread() for *_, thread in calls)


def test_an_export_reports_progress_and_a_cancelled_one_writes_nothing(window, qtbot, tmp_path, monkeypatch):
    import threading

    from desktop.ui import export_dialog, export_job

    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = opened(qtbot, dialog_of(window))
    started, go_on = threading.Event(), threading.Event()
    real = export_job.export

    def slow(*args):
        started.set()
        go_on.wait(10)
        return real(*args)

    monkeypatch.setattr(export_job, "export", slow)
    target = tmp_path / "out" / "quotes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    job = dialog.save()
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(job.signals.finished) as done:
        dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel
        go_on.set()
    assert done.args[1] is None and not target.parent.exists()  # not even a temporary file
    assert dialog.status.text() == "Export cancelled: nothing was written" and dialog.result() == 0

    # A format that reads every turn collects again in the job, reporting each transcript.
    monkeypatch.setattr(export_job, "export", real)
    choice = export_job.Choice("library")
    steps = []
    job = export_job.ExportJob(window.library.path, choice, "qdpx", export_dialog.ExportOptions(),
                               tmp_path / "p.qdpx", None, dialog)  # fmt: skip
    job.signals.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(job.signals.finished) as done:
        job.run()
    assert done.args[1] == tmp_path / "p.qdpx" and steps == [(1, 1)]
    job = export_job.ExportJob(window.library.path, choice, "qdpx", export_dialog.ExportOptions(),
                               tmp_path / "q.qdpx", None, dialog)  # fmt: skip
    job.cancel()  # stops at the first transcript collected
    with qtbot.waitSignal(job.signals.finished) as done:
        job.run()
    assert done.args[1] is None and not (tmp_path / "q.qdpx").exists()
