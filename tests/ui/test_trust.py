"""Annotation a person can trust: keys act on what is on screen, undo never loses or
overwrites data it did not make, and what other processes write shows up."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.library import Library, Position
from tests.ui.conftest import select_phrase

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)  # fmt: skip


def highlight(window, qtbot, turn: int, phrase: str) -> int:
    select_phrase(window, turn, phrase)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    return window.library.highlights.list(window.transcript_id)[-1].id


def click_row(qtbot, view, row: int) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row)).center())


def test_delete_never_reaches_a_highlight_off_screen(active, qtbot):
    hid = highlight(active, qtbot, 1, "strange to be on this side")
    active.session.set_note(hid, "keep me")
    click_row(qtbot, active.highlights_panel.view, 0)  # the panel's highlight, chosen
    active.reader.setFocus()
    qtbot.keyClick(active.reader, Qt.Key.Key_End, CTRL)
    far = next(t.index for t in active.reader.turns if "watch" in t.text)
    select_phrase(active, far, "watch")  # a word far from it, as a double-click selects it
    qtbot.keyClick(active.reader, Qt.Key.Key_Delete)

    assert active.library.highlights.get(hid).note == "keep me"
    assert "No highlight here" in active.statusBar().currentMessage()
    cursor = active.reader.textCursor()
    cursor.clearSelection()
    active.reader.setTextCursor(cursor)
    qtbot.keyClick(active.reader, Qt.Key.Key_C, CTRL | ALT)
    assert "Select text or put the cursor in a highlight" in active.statusBar().currentMessage()


def test_keys_act_on_the_panels_highlight_while_it_has_focus(active, qtbot):
    first = highlight(active, qtbot, 1, "strange to be on this side")
    second = highlight(active, qtbot, 7, "Bridge. Laugh. Ledger.")
    view = active.highlights_panel.view
    click_row(qtbot, view, 1)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert active.annotator.target() == second and active.reader.textCursor().hasSelection() is False
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [h.id for h in active.library.highlights.list(active.transcript_id)] == [first]


def test_the_cursor_in_a_highlight_makes_it_the_target(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    cursor = active.reader.textCursor()
    cursor.setPosition(active.reader.document_position(Position(0, 3)))
    active.reader.setTextCursor(cursor)
    assert active.annotator.target() is None and active.reader._current_highlight is None
    inside = active.library.highlights.get(hid).start
    cursor.setPosition(active.reader.document_position(Position(inside.turn, inside.offset + 4)))
    active.reader.setTextCursor(cursor)
    assert active.annotator.target() == hid and active.highlights_panel.current_id() == hid


def test_copy_quote_of_a_plain_selection_makes_no_highlight(active, qtbot):
    select_phrase(active, 3, "Which time?")
    qtbot.keyClick(active.reader, Qt.Key.Key_C, CTRL | ALT)
    assert QApplication.clipboard().text() == "> Which time?\n>\n> — Tomás Reyes, 0:41, sample\n"
    assert active.library.highlights.list(active.transcript_id) == []


def test_a_selection_is_stored_as_whole_words(active, qtbot):
    text = active.reader.turns[3].text
    start = text.index("interesting ones")
    active.reader.select_span(Position(3, start + 3), Position(3, start + len("interesting on")))  # int|eresting on|es
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    [h] = active.library.highlights.list(active.transcript_id)
    assert h.quote == "interesting ones"


def test_h_on_a_highlighted_span_selects_that_highlight(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    select_phrase(active, 1, "strange")
    select_phrase(active, 3, "the least interesting ones")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    assert [h.id for h in active.library.highlights.list(active.transcript_id)] == [hid]
    assert active.annotator.target() == hid and "Already highlighted" in active.statusBar().currentMessage()


def test_tagging_with_a_hash_then_undo_keeps_the_existing_tag(active, qtbot):
    elsewhere = highlight(active, qtbot, 1, "strange to be on this side")
    active.session.toggle_tag(elsewhere, "quote")
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    active.session.toggle_tag(hid, "#quote")
    assert active.library.highlights.get(hid).tags == ["quote"]

    qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL)
    assert [t.name for t in active.library.tags.list()] == ["quote"]
    assert active.library.highlights.get(elsewhere).tags == ["quote"]
    qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert active.library.highlights.get(hid).tags == ["quote"]


def test_undo_of_a_new_tag_removes_the_tag_it_made(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    active.session.toggle_tag(hid, " Theme /  New ")
    assert [t.name for t in active.library.tags.list()] == ["Theme/New"]
    active.session.undo()
    assert active.library.tags.list() == []
    active.session.redo()
    assert active.library.highlights.get(hid).tags == ["Theme/New"]


def test_redo_answers_ctrl_shift_z_and_ctrl_y(active, qtbot):
    highlight(active, qtbot, 3, "the least interesting ones")
    for redo in ((Qt.Key.Key_Z, CTRL | SHIFT), (Qt.Key.Key_Y, CTRL)):
        qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL)
        assert active.library.highlights.list(active.transcript_id) == []
        qtbot.keyClick(active.reader, *redo)
        assert len(active.library.highlights.list(active.transcript_id)) == 1


def test_no_key_is_bound_twice(window):
    keys = Counter(seq.toString() for action in QWidget.actions(window) for seq in action.shortcuts())
    assert {key: n for key, n in keys.items() if n > 1} == {}
    assert {"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y"} <= set(keys)


def test_undo_refuses_a_highlight_another_process_changed(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    with Library(active.library.path, backup=False) as cli:
        cli.highlights.update(hid, note="the CLI's note")
    index = active.session.undo_stack.index()

    qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL)
    assert active.library.highlights.get(hid).note == "the CLI's note"
    assert active.session.undo_stack.index() == index  # the stack did not move
    assert "Cannot undo “Highlight”" in active.statusBar().currentMessage()


def test_redo_never_writes_over_another_process(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    active.session.set_note(hid, "mine")
    active.session.undo()
    with Library(active.library.path, backup=False) as cli:
        cli.highlights.update(hid, note="theirs")
    assert active.session.redo() is False
    assert active.library.highlights.get(hid).note == "theirs"
    assert active.session.undo_stack.canRedo()


def test_undo_never_deletes_a_highlight_made_elsewhere_with_a_reused_id(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    active.session.undo()
    with Library(active.library.path, backup=False) as cli:
        theirs = cli.autotag("archive", "auto").passages
    assert theirs == 2 and all(h.id != hid for h in active.library.highlights.list())
    active.session.redo()
    active.session.undo()
    assert len(active.library.highlights.list(tag="auto")) == theirs


def test_undo_first_opens_the_transcript_it_changes(active, qtbot, seeds):
    sample = active.transcript_id
    highlight(active, qtbot, 3, "the least interesting ones")
    other = active.session.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    active.open_transcript(other)
    active.reader.setFocus()
    qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL)
    assert active.transcript_id == sample
    assert active.library.highlights.list(sample) == []


def test_what_another_process_writes_shows_up(active, qtbot):
    with Library(active.library.path, backup=False) as cli:
        cli.highlights.add(active.transcript_id, Position(3, 0), Position(3, 8))
        cli.transcripts.rename(active.transcript_id, "Renamed by the CLI")
    qtbot.waitUntil(lambda: len(active.reader.extraSelections()) == 1, timeout=3000)  # the file is watched
    assert active.windowTitle().startswith("Renamed by the CLI")
    assert active.library_panel.model.records()[0].title == "Renamed by the CLI"
    assert active.highlights_panel.model.rowCount() == 1


def test_a_note_edit_asks_the_library_little(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    statements: list[str] = []
    active.library.conn.set_trace_callback(statements.append)
    try:
        active.session.set_note(hid, "why")
    finally:
        active.library.conn.set_trace_callback(None)
    assert len(statements) <= 14, statements
    library_wide = [s for s in statements if "FROM transcripts t" in s or "FROM tags t" in s]
    assert library_wide == []


def test_a_highlight_across_speakers_names_each_part(active, qtbot):
    turn = active.reader.turns[3].text
    active.reader.select_span(Position(3, turn.index("Then she laughed")), Position(4, len("Which time.")))
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    row = active.highlights_panel.model.data(active.highlights_panel.model.index(0))
    assert row.splitlines()[1] == "Tomás Reyes · 0:41 → Maya Okafor · 0:55"
    qtbot.keyClick(active.reader, Qt.Key.Key_C, CTRL | ALT)
    copied = QApplication.clipboard().text()
    assert "> — Tomás Reyes, 0:41" in copied and "> — Maya Okafor, 0:55, sample" in copied
    assert copied.index("Then she laughed") < copied.index("Tomás Reyes") < copied.index("Which time.")


def test_an_outside_write_elsewhere_leaves_the_reader_alone(active, seeds):
    document = active.reader.document()
    with Library(active.library.path, backup=False) as cli:
        cli.import_file(seeds / "004_63b56b2bea8ad07d.txt")
    assert active.session.check_for_outside_changes()
    assert active.reader.document() is document  # not laid out again
    assert len(active.library_panel.model.records()) == 2
    with Library(active.library.path, backup=False) as cli:
        cli.speakers.rename(active.transcript_id, "Maya Okafor", "Maya O.")
    assert active.session.check_for_outside_changes()
    assert active.reader.turns[0].speaker == "Maya O." and active.reader.document() is document  # redrawn in place
    assert active.reader.document().findBlock(active.reader._headings[0]).text().startswith("Maya O.")


def test_keys_never_reach_a_highlight_scrolled_out_of_view(active, qtbot, seeds):
    other = active.session.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    active.open_transcript(other)
    active.reader.setFocus()
    hid = highlight(active, qtbot, 1, active.reader.turns[1].text.split()[0])
    assert active.annotator.target() == hid
    bar = active.reader.verticalScrollBar()
    bar.setValue(bar.maximum())  # the mouse wheel moves the view, not the cursor
    assert not active.reader.cursor_in_view()
    qtbot.keyClick(active.reader, Qt.Key.Key_Delete)
    assert active.library.highlights.get(hid)
    assert "No highlight here" in active.statusBar().currentMessage()


def test_the_highlight_chosen_in_the_list_is_the_one_acted_on_where_highlights_overlap(active, qtbot, monkeypatch):
    from desktop.ui.tag_picker import TagPicker

    short = highlight(active, qtbot, 3, "the least")
    longer = highlight(active, qtbot, 3, "the least interesting ones")
    click_row(qtbot, active.highlights_panel.view, 1)  # the longer one, chosen in the list
    assert active.annotator.target() == longer and active.reader._current_highlight == longer
    monkeypatch.setattr(TagPicker, "exec", lambda picker: picker.field.setText("zzz") or 1)
    qtbot.keyClick(active.highlights_panel.view, Qt.Key.Key_T)
    assert active.library.highlights.get(longer).tags == ["zzz"] and active.library.highlights.get(short).tags == []
    active.reader.setFocus()
    qtbot.keyClick(active.reader, Qt.Key.Key_Delete)
    assert [h.id for h in active.library.highlights.list(active.transcript_id)] == [short]


def test_a_highlight_across_speakers_is_painted_only_on_their_words(active, qtbot):
    turn = active.reader.turns[3].text
    active.reader.select_span(Position(3, turn.index("Then she laughed")), Position(4, len("Which time.")))
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    painted = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in active.reader.extraSelections()]
    at = active.reader.document_position
    start = Position(3, turn.index("Then she laughed"))
    assert painted == [(at(start), at(Position(3, len(turn)))), (at(Position(4, 0)), at(Position(4, 11)))]
    row = active.highlights_panel.model.data(active.highlights_panel.model.index(0)).splitlines()[0]
    assert row == "Tomás Reyes: “Then she laughed for about a minute.” · Maya Okafor: “Which time.”"


def test_the_undo_label_names_the_tag_as_the_library_has_it(active, qtbot):
    active.library.tags.create("quote")
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    active.session.toggle_tag(hid, "#QUOTE")
    assert active.actions.undo.text() == "&Undo Tag quote"


def test_undo_never_overwrites_a_title_tag_or_colour_changed_elsewhere(active, qtbot):
    hid = highlight(active, qtbot, 3, "the least interesting ones")
    active.session.toggle_tag(hid, "quote")
    tid = active.transcript_id
    active.session.rename_transcript(tid, "Mine")
    active.session.rename_tag("quote", "quotes")
    active.session.recolour_tag("quotes", "#123456")
    with Library(active.library.path, backup=False) as cli:
        cli.tags.recolour("quotes", "#ff0000")
        cli.autotag("archive", "quotes")
        cli.transcripts.rename(tid, "Theirs")
    for _ in range(3):  # recolour, rename tag: each refused (the stack stays), then skipped by a second press
        assert active.session.undo() is False
        assert active.session.undo() is True
    assert active.library.tags.get("quotes").colour == "#ff0000"
    assert active.library.tags.get("quotes").count > 1
    assert active.library.transcripts.get(tid).title == "Theirs"


def test_undo_brings_an_edit_out_of_sight_into_view(active, qtbot):
    hid = highlight(active, qtbot, 1, "strange to be on this side")
    start = active.library.highlights.get(hid).start
    bar = active.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert not active.reader.in_view(start)
    active.session.undo()
    assert active.reader.in_view(start) and active.library.highlights.list(active.transcript_id) == []


def test_the_library_file_is_looked_at_every_second(active):
    assert active.session.watch.isActive() and active.session.watch.interval() == 1000
