"""The export dialog and copying a quote, through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.annotations import annotate


def test_export_dialog_previews_and_saves(window, qtbot, tmp_path, monkeypatch):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    window.activateWindow()
    qtbot.keyClick(window.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Export" and w.isVisible())

    preview = dialog.preview.toPlainText()
    assert "the least interesting ones we have" in preview and "— Tomás Reyes, 0:29" in preview
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    dialog.tag.setCurrentText("quote")
    assert "least interesting" not in dialog.preview.toPlainText() and "Which time?" in dialog.preview.toPlainText()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.preview.toPlainText().startswith("transcript,speaker,start,end,quote,tags,note,created")
    dialog.format.setCurrentIndex(dialog.format.findData("qdpx"))
    assert "2 coded selections" in dialog.preview.toPlainText()

    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.style.setCurrentIndex(dialog.style.findData("callout"))
    target = tmp_path / "out" / "quotes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.save() == target
    assert target.read_text().count("> [!quote]") == 2


def test_copy_quote_puts_markdown_with_speaker_time_and_title_on_the_clipboard(window, qtbot):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    chosen = next(h for h in window.library.highlights.list(window.transcript_id) if h.quote == "Doubt.")
    window.annotator.choose(chosen.id)
    window.activateWindow()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert QApplication.clipboard().text() == "> Doubt.\n>\n> — Tomás Reyes, 2:15, sample\n"


def test_preview_shows_at_most_the_limit(window, monkeypatch):
    from desktop.ui import export_dialog

    annotate(window.library, window.transcript_id)
    monkeypatch.setattr(export_dialog, "PREVIEW_LIMIT", 2)
    dialog = export_dialog.ExportDialog(window.session, window.transcript_id, None, window)
    text = dialog.preview.toPlainText()
    assert "Which time?" in text and "Bridge. Laugh." not in text and "… and 3 more highlights" in text


def test_a_tag_deleted_while_the_dialog_is_open_is_said_not_raised(window, monkeypatch):
    from desktop.ui import export_dialog

    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = export_dialog.ExportDialog(window.session, window.transcript_id, "quote", window)
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    window.session.delete_tag("quote")
    dialog.refresh()
    assert dialog.preview.toPlainText() == "Nothing to export: no tag named 'quote'"
    warned = []
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *args: warned.append(args[-1]))
    assert dialog.save() is None and warned == ["no tag named 'quote'"]


def test_csv_rows_per_tag_and_the_codebooks(window, tmp_path, monkeypatch):  # issue 13
    from desktop.ui import export_dialog

    window.session.run(lambda: annotate(window.library, window.transcript_id))
    dialog = export_dialog.ExportDialog(window.session, window.transcript_id, None, window)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    assert not dialog.rows_per_tag.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.rows_per_tag.isEnabled() and dialog.preview.toPlainText().count("\nsample,") == 5
    dialog.rows_per_tag.setChecked(True)
    preview = dialog.preview.toPlainText()
    assert preview.startswith("transcript,speaker,start,end,quote,tag,") and preview.count("\nsample,") == 6
    target = tmp_path / "rows.csv"
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.save() == target and target.read_text().count("Which time?") == 2

    dialog = export_dialog.ExportDialog(window.session, window.transcript_id, None, window)
    dialog.format.setCurrentIndex(dialog.format.findData("codebook-csv"))
    assert not dialog.rows_per_tag.isEnabled() and dialog.bom.isEnabled()
    assert dialog.preview.toPlainText().startswith("tag,description,colour,highlights,transcripts\nmethod/notes,")
    dialog.format.setCurrentIndex(dialog.format.findData("qdc"))
    assert '<Code guid="' in dialog.preview.toPlainText()
    filters = []
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName",
                        lambda *a, **k: filters.append(a[2:]) or (str(tmp_path / "tags.qdc"), ""))  # fmt: skip
    assert dialog.save() == tmp_path / "tags.qdc" and (tmp_path / "tags.qdc").read_bytes().startswith(b"<?xml")
    assert filters == [("sample.qdc", "*.qdc")]


def test_a_codebook_of_no_tags_is_said_not_raised(window, monkeypatch):
    from desktop.ui import export_dialog

    dialog = export_dialog.ExportDialog(window.session, window.transcript_id, None, window)
    dialog.format.setCurrentIndex(dialog.format.findData("qdc"))
    assert dialog.preview.toPlainText() == "Nothing to export: no tags to write a codebook of"
    warned = []
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: ("/nonexistent/x.qdc", ""))
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *args: warned.append(args[-1]))
    assert dialog.save() is None and warned == ["no tags to write a codebook of"]
