"""Annotating with the keyboard and the panels: highlight, tag, note, undo and redo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.library import highlights as highlights_module
from desktop.ui.note_editor import NoteEditor
from desktop.ui.tag_picker import TagPicker
from tests.ui.conftest import select_phrase


def test_h_highlights_the_selection(active, qtbot):  # item 5
    start, end = select_phrase(active, 3, "the least interesting ones")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)

    [h] = active.library.highlights.list(active.transcript_id)
    assert (h.start, h.end, h.quote) == (start, end, "the least interesting ones")
    assert len(active.reader.extraSelections()) == 1
    assert active.highlights_panel.model.rowCount() == 1
    assert active.highlights_panel.current_id() == h.id


def test_a_selection_across_turns(active, qtbot):  # item 5
    from desktop.library import Position

    active.reader.select_span(Position(4, 0), Position(5, 6))
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    [h] = active.library.highlights.list(active.transcript_id)
    assert h.quote == "Which time.\nRight."


def test_digit_keys_apply_the_first_nine_tags(active, qtbot):  # item 5
    for name in ("method", "quote", "theme/memory"):
        active.library.tags.create(name)
    select_phrase(active, 5, "three floods")
    qtbot.keyClick(active.reader, Qt.Key.Key_2)  # a selection: highlighted and tagged at once
    [h] = active.library.highlights.list(active.transcript_id)
    assert h.tags == ["quote"]

    qtbot.keyClick(active.reader, Qt.Key.Key_3)  # the current highlight gets another tag
    qtbot.keyClick(active.reader, Qt.Key.Key_2)  # and a second press takes one off
    assert active.library.highlights.get(h.id).tags == ["theme/memory"]
    qtbot.keyClick(active.reader, Qt.Key.Key_9)
    assert "no tag 9" in active.statusBar().currentMessage()


def test_t_opens_the_tag_picker_which_can_create_a_tag(active, qtbot, monkeypatch):  # item 5
    def pick(picker: TagPicker) -> int:
        qtbot.keyClicks(picker.field, "place/harbour")
        assert picker.hint.text() == "Creates the new tag “place/harbour”"
        return 1

    monkeypatch.setattr(TagPicker, "exec", pick)
    select_phrase(active, 3, "who owned which farm")
    qtbot.keyClick(active.reader, Qt.Key.Key_T)
    [h] = active.library.highlights.list(active.transcript_id)
    assert h.tags == ["place/harbour"]
    assert [t.name for t in active.library.tags.list()] == ["place/harbour"]


def test_tag_picker_completes_existing_tags(qtbot):
    picker = TagPicker(["method/interview", "quote"])
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.field, "interv")
    popup = picker.field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.hint.text() == "Enter chooses “method/interview”; Esc, then Enter, creates the new tag “interv”"
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the suggestions close: Enter now takes the text as typed
    assert picker.hint.text() == "Creates the new tag “interv”"
    picker.field.setText("Quote")
    assert picker.hint.text() == "" and picker.ok.isEnabled()
    picker.field.setText(" / ")
    assert not picker.ok.isEnabled()


@pytest.mark.parametrize(("typed", "chosen"), [("quo", "quote"), ("INTERV", "method/interview"), ("quote", "quote")])
def test_enter_in_the_suggestions_chooses_the_first_unless_a_name_is_typed(qtbot, typed, chosen):
    picker = TagPicker(["method/interview", "quote", "quotes"])
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.field, typed)
    popup = picker.field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # once: no stray tag from a second Enter
    assert picker.result() == QDialog.DialogCode.Accepted and picker.tag().casefold() == chosen


def test_esc_then_enter_in_the_picker_makes_a_new_tag(qtbot):
    picker = TagPicker(["quote"])
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.field, "quo")
    popup = picker.field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert picker.isVisible()
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted and picker.tag() == "quo"


def test_n_writes_a_note_with_a_rendered_preview(active, qtbot, monkeypatch):  # item 5
    def write(editor: NoteEditor) -> int:
        editor.editor.setPlainText("Ada's **three** floods <script>alert(1)</script>")
        html = editor.preview.toHtml()
        assert "font-weight" in html and "three" in html  # bold rendered
        assert "&lt;script&gt;" in editor.preview.toHtml() or "<script>" in editor.preview.toPlainText()
        return 1

    monkeypatch.setattr(NoteEditor, "exec", write)
    select_phrase(active, 3, "a woman named Ada")
    qtbot.keyClick(active.reader, Qt.Key.Key_N)
    [h] = active.library.highlights.list(active.transcript_id)
    assert h.note == "Ada's **three** floods <script>alert(1)</script>"
    assert "✎ Ada's three floods" in active.highlights_panel.model.data(active.highlights_panel.model.index(0))  # words


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_the_note_editor_saves_with_ctrl_return_and_boxes_its_quote(qtbot, key):
    editor = NoteEditor("A  quote\nover lines", "")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.quote.text() == "“A quote over lines”" and "border-left" in editor.quote.styleSheet()
    assert editor.quote.height() < 2 * editor.quote.fontMetrics().lineSpacing() + 12  # its one line; room to write
    qtbot.keyClicks(editor.editor, "Why it matters")
    qtbot.keyClick(editor.editor, key, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == NoteEditor.DialogCode.Accepted and editor.note() == "Why it matters"


def test_clicking_a_highlight_selects_it_in_the_panel_and_back(active, qtbot):  # item 5
    select_phrase(active, 1, "strange to be on this side")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    select_phrase(active, 7, "Bridge. Laugh. Ledger.")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    first, second = active.library.highlights.list(active.transcript_id)

    active.annotator.choose(None)
    cursor_at = active.reader.document_position(first.start) + 3
    cursor = active.reader.textCursor()
    cursor.setPosition(cursor_at)
    active.reader.setTextCursor(cursor)
    active.reader.ensureCursorVisible()
    point = active.reader.cursorRect(cursor).center()
    qtbot.mouseClick(active.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert active.annotator.target() == first.id and active.highlights_panel.current_id() == first.id

    view = active.highlights_panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(1)).center())
    assert active.annotator.target() == second.id


def test_undo_and_redo_every_annotation(active, qtbot):  # item 7
    active.library.tags.create("quote")
    select_phrase(active, 3, "the least interesting ones")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    qtbot.keyClick(active.reader, Qt.Key.Key_1)
    assert active.statusBar().currentMessage() == "Tagged “quote”"
    qtbot.keyClick(active.reader, Qt.Key.Key_1)  # a digit takes its tag off again, and says so
    assert active.statusBar().currentMessage() == "Took “quote” off the highlight"
    qtbot.keyClick(active.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    hid = active.annotator.target()
    active.session.set_note(hid, "why this matters")
    assert active.actions.undo.text() == "&Undo Edit note"

    qtbot.keyClick(active.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert active.library.highlights.get(hid).note == ""
    assert active.statusBar().currentMessage() == "Undone: Edit note"  # not what came before the step
    qtbot.keyClick(active.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert active.library.highlights.get(hid).tags == []
    qtbot.keyClick(active.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert active.library.highlights.list(active.transcript_id) == []
    assert active.highlights_panel.model.rowCount() == 0 and active.reader.extraSelections() == []

    for _ in range(3):
        qtbot.keyClick(active.reader, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    restored = active.library.highlights.get(hid)  # the same id again
    assert (restored.tags, restored.note) == (["quote"], "why this matters")

    view = active.highlights_panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0)).center())
    active.reader.setFocus()
    qtbot.keyClick(active.reader, Qt.Key.Key_Delete)
    assert active.library.highlights.list(active.transcript_id) == []
    active.session.undo_stack.undo()
    assert active.library.highlights.get(hid).note == "why this matters"


def test_a_failing_edit_leaves_no_command_and_no_change(active):  # item 11
    from desktop.library import LibraryError

    count = active.session.undo_stack.count()
    with pytest.raises(LibraryError):
        active.session.rename_speaker(active.transcript_id, "Nobody", "Somebody")
    assert active.session.undo_stack.count() == count
    assert active.library.speakers.list(active.transcript_id) == ["Maya Okafor", "Tomás Reyes"]


def test_the_reader_context_menu_offers_the_annotation_actions(active):  # item 5
    select_phrase(active, 3, "who owned which farm")
    menu = active.reader_menu()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert {"&Highlight selection", "&Tag…", "&Note…", "&Delete highlight"} <= set(labels)
    next(a for a in menu.actions() if a.text() == "&Highlight selection").trigger()
    assert [h.quote for h in active.library.highlights.list(active.transcript_id)] == ["who owned which farm"]


def test_undo_steps_back_through_every_edit_however_much_time_passes(active, qtbot, monkeypatch):
    """Each edit stamps the highlight's `updated`; undoing one must not make the next undo
    think the highlight was changed elsewhere (the tests used to run within one second)."""
    ticks = iter(range(10_000))
    monkeypatch.setattr(highlights_module, "now", lambda: f"2026-01-01T00:00:{next(ticks):05d}Z")
    refused = []
    active.session.refused.connect(refused.append)
    select_phrase(active, 3, "the least interesting ones")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    hid = active.annotator.target()
    active.session.toggle_tag(hid, "method/memory")  # a new tag, as T makes it
    active.session.set_note(hid, "why this matters")
    for _ in range(3):
        qtbot.keyClick(active.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert refused == [] and active.library.highlights.list(active.transcript_id) == []
    for _ in range(3):
        qtbot.keyClick(active.reader, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    restored = active.library.highlights.get(hid)
    assert refused == [] and (restored.tags, restored.note) == (["method/memory"], "why this matters")
