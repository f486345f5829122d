"""Highlights panel, tag panel, speakers dialog, find, errors."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QInputDialog, QLineEdit, QMessageBox, QToolBar

from desktop.library import Position
from desktop.ui import asking
from desktop.ui.app import report_error
from desktop.ui.record_model import RecordListModel
from desktop.ui.speakers_dialog import SHARE_ROLE, SpeakersDialog
from tests.ui.conftest import select_phrase


def highlight(window, turn, phrase, tags=()):
    text = window.reader.turns[turn].text
    start = text.index(phrase)
    return window.session.add_highlight(window.transcript_id, Position(turn, start),
                                        Position(turn, start + len(phrase)), tags=tags)  # fmt: skip


def test_highlights_panel_filters_by_tag_edits_and_deletes(window, monkeypatch):  # item 6
    first = highlight(window, 9, "every marked passage gets a tag", ["method"])
    highlight(window, 3, "the least interesting ones", ["quote"])
    panel = window.highlights_panel
    rows = [panel.model.data(panel.model.index(r)) for r in range(panel.model.rowCount())]
    assert rows[0].startswith("“the least interesting ones”\nTomás Reyes · 0:29 · #quote")  # reading order
    panel.tag.setCurrentText("method")
    assert [h.id for h in panel.model.records()] == [first]

    from desktop.ui.note_editor import NoteEditor

    monkeypatch.setattr(NoteEditor, "exec", lambda editor: editor.editor.setPlainText("edited") or 1)
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.edit.click()
    assert window.library.highlights.get(first).note == "edited"
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.delete.click()
    assert [h.quote for h in window.library.highlights.list(window.transcript_id)] == ["the least interesting ones"]


def test_tag_panel_tree_counts_and_opening_a_highlight(window, seeds, qtbot):  # item 6
    panel = window.tag_panel
    assert panel.none.isVisibleTo(panel) and not panel.found.isVisibleTo(panel)  # says what to do, not blank
    assert panel.none.text().startswith("Choose a tag above to list its highlights")
    highlight(window, 3, "the least interesting ones", ["theme/memory"])
    other = window.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    window.session.run(lambda: window.library.highlights.add(other, Position(5, 0), Position(5, 4), tags=["theme/ai"]))
    tree = window.tag_panel.tree
    top = tree.topLevelItem(0)
    assert (top.text(0), top.text(1), top.childCount()) == ("theme", "2", 2)

    window.tag_panel.choose("theme/ai")
    assert panel.found.isVisibleTo(panel) and not panel.none.isVisibleTo(panel)
    found = window.tag_panel.model
    assert found.rowCount() == 1 and found.data(found.index(0)).startswith("004_63b56b2bea8ad07d\n“")
    view = window.tag_panel.found
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(found.index(0)).center())
    assert window.transcript_id == other and window.annotator.target() is not None


def test_tag_panel_rename_merge_delete_are_undoable(window, monkeypatch):  # item 6, 7
    highlight(window, 3, "the least interesting ones", ["flood"])
    highlight(window, 5, "three floods", ["floods"])
    panel = window.tag_panel
    panel.choose("floods")
    monkeypatch.setattr(asking, "ask_item", lambda *a, **k: ("flood", True))
    panel.merge()
    assert [(t.name, t.count) for t in window.library.tags.list()] == [("flood", 2)]
    window.session.undo_stack.undo()
    assert [(t.name, t.count) for t in window.library.tags.list()] == [("flood", 1), ("floods", 1)]

    panel.choose("flood")
    monkeypatch.setattr(asking, "ask_text", lambda *a, **k: ("water/flood", True))
    panel.rename()
    assert window.tag_panel.tree.topLevelItem(1).text(0) == "water"
    panel.choose("water/flood")
    panel.delete()
    assert [t.name for t in window.library.tags.list()] == ["floods"]
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert window.library.highlights.list(window.transcript_id)[0].tags == ["flood"]


def test_speakers_dialog_renames_merges_and_charts(window, qtbot, monkeypatch):  # item 8
    dialog = SpeakersDialog(window.session, window.transcript_id, window)
    qtbot.addWidget(dialog)
    share, colour = dialog.table.item(0, 4).data(SHARE_ROLE)
    assert dialog.table.item(0, 0).text() == "Tomás Reyes" and round(share, 2) == 0.72
    assert colour == "#d0602a"  # his colour in the reader: the second speaker's

    dialog.table.selectRow(1)
    monkeypatch.setattr(asking, "ask_text", lambda *a, **k: ("Maya O.", True))
    dialog.rename()
    assert window.library.speakers.list(window.transcript_id) == ["Maya O.", "Tomás Reyes"]
    assert window.reader.toPlainText().startswith("Maya O.   0:04")
    assert window.actions.undo.text() == "&Undo Rename Maya Okafor to Maya O."

    dialog.table.selectRow(1)
    monkeypatch.setattr(asking, "ask_item", lambda *a, **k: ("Tomás Reyes", True))
    dialog.merge()
    assert window.library.speakers.list(window.transcript_id) == ["Tomás Reyes"]
    window.session.undo_stack.undo()
    assert window.library.speakers.list(window.transcript_id) == ["Maya O.", "Tomás Reyes"]


def test_speakers_dialog_keeps_its_column_widths_and_the_renamed_speaker_chosen(window, qtbot, monkeypatch):
    dialog = SpeakersDialog(window.session, window.transcript_id, window)
    qtbot.addWidget(dialog)
    assert not dialog.rename_button.isEnabled() and not dialog.merge_button.isEnabled()  # nobody chosen
    dialog.table.setColumnWidth(0, 230)
    dialog.table.selectRow(1)
    assert dialog.rename_button.isEnabled() and dialog.merge_button.isEnabled()
    monkeypatch.setattr(asking, "ask_text", lambda *a, **k: ("Dr Maya Okafor-Lindqvist", True))
    dialog.rename()
    assert dialog.table.columnWidth(0) == 230
    assert dialog.selected_speaker() == "Dr Maya Okafor-Lindqvist"


def test_the_toolbar_keeps_short_labels_and_names_the_step_in_its_tooltip(window, qtbot, monkeypatch):
    dialog = SpeakersDialog(window.session, window.transcript_id, window)
    qtbot.addWidget(dialog)
    button = window.findChild(QToolBar, "main-toolbar").widgetForAction(window.actions.undo)
    width = button.sizeHint().width()
    dialog.table.selectRow(1)
    monkeypatch.setattr(asking, "ask_text", lambda *a, **k: ("Maya O.", True))
    dialog.rename()
    assert window.actions.undo.text() == "&Undo Rename Maya Okafor to Maya O."  # the menu names the step
    assert button.text() == "Undo" and button.sizeHint().width() == width
    assert button.toolTip() == "Undo Rename Maya Okafor to Maya O."


def test_speakers_dialog_closes_with_its_close_button(window, qtbot):
    dialog = SpeakersDialog(window.session, window.transcript_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_speakers_dialog_offers_no_rename_or_merge_without_speakers(window, qtbot, tmp_path):
    (tmp_path / "blob.txt").write_text("just one long line of words with nobody named in it at all")
    tid = window.session.import_file(tmp_path / "blob.txt").id
    dialog = SpeakersDialog(window.session, tid, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.rename_button.isEnabled() and not dialog.merge_button.isEnabled()


def test_speakers_dialog_undoes_a_label_repair(window, seeds, qtbot):  # item 8
    tid = window.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    window.open_transcript(tid)
    dialog = SpeakersDialog(window.session, tid, window)
    qtbot.addWidget(dialog)
    assert dialog.repairs.count() == 32
    assert dialog.repairs.item(0).text() == "Turn 2: “think?” — moved to Lex Fridman"

    dialog.repairs.setCurrentRow(0)
    dialog.repair_button.click()

    assert window.reader.turns[1].text.startswith("think? It's a good question.")
    assert dialog.repairs.item(0).text().endswith("undone") and dialog.repair_button.text() == "Repair again"
    window.session.undo_stack.undo()
    assert window.reader.turns[0].text.endswith("or we you think?")


def test_find_in_transcript(window, qtbot):  # item 9
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "flood")
    assert window.find_bar.count.text() == "1 of 3"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == "2 of 3"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.count.text() == "1 of 3"
    assert window.reader.textCursor().selectedText().lower() == "flood"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and window.reader.match_count == 0


def test_unexpected_errors_are_logged_and_shown(window, monkeypatch, caplog):  # item 11
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="talkmark"):
            report_error(window, RuntimeError, exc, exc.__traceback__)
    assert "disk on fire" in shown[0] and "Nothing was saved half-way" in shown[0]
    assert "RuntimeError: disk on fire" in caplog.text


def test_record_model_passes_the_model_tester(qtmodeltester, window):
    model = RecordListModel(lambda t: t.text, tip=lambda t: t.speaker)
    model.set_records(window.reader.turns)
    qtmodeltester.check(model)
    qtmodeltester.check(window.library_panel.model)
    qtmodeltester.check(window.turn_list.model)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_return_saves_a_description_and_return_starts_a_line(qtbot, key):
    from desktop.ui.tag_panel import DescriptionDialog

    dialog = DescriptionDialog("theme/memory", "")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Describe the tag “theme/memory”"
    qtbot.keyClicks(dialog.editor, "Moments")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.editor, "remembered")
    assert dialog.isVisible() and dialog.description() == "Moments\nremembered"
    qtbot.keyClick(dialog.editor, key, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.description() == "Moments\nremembered"


def test_tag_panel_describes_a_tag_undoably(window, qtbot, monkeypatch):  # issue 13
    from desktop.ui.tag_panel import DescriptionDialog

    highlight(window, 3, "the least interesting ones", ["theme/memory"])
    panel = window.tag_panel
    panel.choose("theme/memory")
    assert "Describe…" in [a.text() for a in panel.tree.actions()]
    written = "Moments the guest\nremembers vividly.\n\n"
    monkeypatch.setattr(DescriptionDialog, "exec", lambda dialog: dialog.editor.setPlainText(written) or 1)
    with qtbot.waitSignal(window.session.changed):
        panel.describe()
    assert window.library.tags.get("theme/memory").description == "Moments the guest\nremembers vividly."
    item = next(i for i in panel._items() if i.data(0, Qt.ItemDataRole.UserRole) == "theme/memory")
    assert item.toolTip(0) == "Moments the guest\nremembers vividly."
    assert window.session.undo_stack.undoText() == "Describe theme/memory"

    assert window.session.undo()
    assert window.library.tags.get("theme/memory").description == ""
    assert window.session.redo()
    assert window.library.tags.get("theme/memory").description == "Moments the guest\nremembers vividly."


def test_undoing_a_description_is_refused_when_the_tag_changed_underneath(window, monkeypatch):
    from desktop.ui.tag_panel import DescriptionDialog

    window.library.tags.create("quote", description="old")
    window.tag_panel.refresh()
    window.tag_panel.choose("quote")
    monkeypatch.setattr(DescriptionDialog, "exec", lambda dialog: dialog.editor.setPlainText("new") or 1)
    window.tag_panel.describe()
    window.library.tags.describe("quote", "changed by another window")  # not through the session
    refused = []
    window.session.refused.connect(refused.append)
    assert not window.session.undo()
    assert window.library.tags.get("quote").description == "changed by another window"
    assert refused and "changed elsewhere" in refused[0]


def test_describing_without_a_change_or_cancelled_pushes_nothing(window, monkeypatch):
    from desktop.ui.tag_panel import DescriptionDialog

    window.library.tags.create("quote", description="same")
    window.tag_panel.refresh()
    window.tag_panel.choose("quote")
    monkeypatch.setattr(DescriptionDialog, "exec", lambda dialog: 1)
    window.tag_panel.describe()
    monkeypatch.setattr(DescriptionDialog, "exec", lambda dialog: dialog.editor.setPlainText("other") or 0)
    window.tag_panel.describe()
    assert window.session.undo_stack.count() == 0 and window.library.tags.get("quote").description == "same"


@pytest.mark.parametrize("title", ["Rename speaker", "Merge tag", "Save search"])
def test_a_small_question_dialog_is_as_wide_as_its_title(window, qtbot, title):
    shown = []

    def look_and_close() -> None:
        dialog = window.findChild(QInputDialog)
        shown.append((dialog.isVisible(), dialog.width(), asking.title_width(dialog, title)))
        field = dialog.findChild(QLineEdit)
        qtbot.keyClick(field, Qt.Key.Key_End)
        qtbot.keyClicks(field, "a")
        dialog.accept()

    QTimer.singleShot(100, look_and_close)
    assert asking.ask_text(window, title, "Name:", "Ann") == ("Anna", True)  # the text as typed
    [(visible, width, needed)] = shown
    assert visible and width >= needed and width >= asking.MIN_WIDTH


def test_a_choice_dialog_answers_the_item_chosen(window, qtbot):
    def choose_second() -> None:
        dialog = window.findChild(QInputDialog)
        dialog.findChild(QComboBox).setCurrentIndex(1)
        dialog.accept()

    QTimer.singleShot(100, choose_second)
    assert asking.ask_item(window, "Merge speakers", "Give every turn to:", ["Ann", "Bo"]) == ("Bo", True)


def test_the_highlights_panel_names_a_renamed_speaker_and_again_after_undo(active, qtbot):
    select_phrase(active, 1, "strange to be on this side")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    model = active.highlights_panel.model

    def shown() -> str:
        return model.data(model.index(0))

    assert "Tomás Reyes" in shown()
    with qtbot.waitSignal(model.modelReset, timeout=1000):  # the view is told to draw its rows again
        active.session.rename_speaker(active.transcript_id, "Tomás Reyes", "Tomás R.")
    assert "Tomás R. ·" in shown()
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        active.session.undo_stack.undo()
    assert "Tomás Reyes ·" in shown()
