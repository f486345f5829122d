"""Correcting the transcript in the app: edit in place, find and replace, split, merge, set
the speaker, move words; each with its key, asserted in the library, undone in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.library import Position
from desktop.ui.reader import EDITED_MARK, LINE_HEIGHT, Reader
from desktop.ui.session import Place
from desktop.ui.turn_editor import TurnEditor
from tests.ui.conftest import select_phrase

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


def put_cursor(window, turn: int, phrase: str = "") -> None:
    """Click into a turn: the cursor at the start of `phrase` (or of the turn), on screen."""
    offset = window.reader.turns[turn].text.index(phrase) if phrase else 0
    window.reader.scroll_to(Position(turn, 0))
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader.document_position(Position(turn, offset)))
    window.reader.setTextCursor(cursor)


def texts(window) -> list[str]:
    return [t.text for t in window.library.transcripts.turns(window.transcript_id)]


def select_in(box: TurnEditor, phrase: str) -> None:
    """Select a phrase in the editor, as a drag would (keyClicks types ASCII only)."""
    cursor = box.textCursor()
    start = box.toPlainText().index(phrase)
    cursor.setPosition(start)
    cursor.setPosition(start + len(phrase), QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)


def editor(window) -> TurnEditor:
    return window.corrector.editor


def assert_reader_matches_a_fresh_one(window) -> None:
    """What the in-place update left in the reader is what showing the transcript afresh gives:
    the same text, turn positions and highlight stretches."""
    fresh = Reader()
    turns = window.library.transcripts.turns(window.transcript_id)
    fresh.show_transcript(turns, window.shown.speaker_colours)
    fresh.set_highlights(window.library.highlights.list(window.transcript_id), window.shown.tag_colours)
    reader = window.reader
    assert reader.turns == turns
    assert reader.toPlainText() == fresh.toPlainText()
    assert (reader._starts, reader._headings) == (fresh._starts, fresh._headings)

    assert reader.highlight_spans() == fresh.highlight_spans()
    painted = sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections())
    assert set(painted) <= set(reader.highlight_spans())  # Qt paints those near the view, where they lie
    assert window.shown.highlights == {h.id: h for h in window.library.highlights.list(window.transcript_id)}
    fresh.deleteLater()


# Edit a turn in place ----------------------------------------------------------------------------


def test_f2_edits_the_turn_at_the_cursor_and_ctrl_return_saves(active, qtbot):
    [h] = [active.session.add_highlight(active.transcript_id, *select_phrase(active, 3, "who owned which farm"))]
    put_cursor(active, 3, "Dates")
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    box = editor(active)
    assert box is not None and box.isVisible() and box.hasFocus()
    assert box.toPlainText() == active.reader.turns[3].text
    text = box.toPlainText().replace("who owned which farm", "who farmed which field")
    select_in(box, "who owned which farm")
    qtbot.keyClicks(box, "who farmed which field")  # "h", "t" and "n" are letters here, not annotation keys
    assert active.library.highlights.list(active.transcript_id)[0].tags == []
    assert len(active.library.highlights.list(active.transcript_id)) == 1
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)

    assert editor(active) is None
    assert texts(active)[3] == text
    moved = active.library.highlights.get(h)
    assert (moved.quote, moved.original_quote, moved.orphan) == (
        "who farmed which field",
        "who owned which farm",
        False,
    )
    assert active.actions.undo.text() == "&Undo Edit turn 4"
    assert "1 highlight moved" in active.statusBar().currentMessage()
    assert active.reader.turns[3].edited
    assert_reader_matches_a_fresh_one(active)

    qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL)
    assert "who owned which farm" in texts(active)[3]
    assert active.library.highlights.get(h).quote == "who owned which farm"
    assert not active.reader.turns[3].edited
    assert_reader_matches_a_fresh_one(active)


def test_escape_cancels_the_edit(active, qtbot):
    before = texts(active)
    put_cursor(active, 1)
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    qtbot.keyClicks(editor(active), "typed words ")
    qtbot.keyClick(editor(active), Qt.Key.Key_Escape)
    assert editor(active) is None
    assert texts(active) == before
    assert active.session.undo_stack.count() == 0


def test_an_emptied_turn_is_refused_and_the_editor_stays(active, qtbot):
    put_cursor(active, 4)
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    editor(active).selectAll()
    qtbot.keyClick(editor(active), Qt.Key.Key_Delete)
    qtbot.keyClick(editor(active), Qt.Key.Key_Return, CTRL)
    assert editor(active) is not None
    assert "empty" in active.statusBar().currentMessage()
    assert texts(active)[4] == "Which time."


def test_the_editor_lies_over_its_turn(active, qtbot):
    put_cursor(active, 5)
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    box, area = editor(active), active.reader.turn_rect(5)
    assert box.geometry().contains(area.center())
    assert box.geometry().top() <= area.top() and box.geometry().bottom() >= area.bottom()
    active.reader.verticalScrollBar().setValue(active.reader.verticalScrollBar().value() + 40)
    assert box.geometry().contains(active.reader.turn_rect(5).center())  # it scrolls with the text


def test_an_edited_turn_is_marked_and_show_original_shows_the_difference(active, qtbot):
    tid = active.transcript_id
    active.session.correct("Edit", lambda: active.library.corrections.edit(tid, 4, "Which flood."), Place(tid))
    heading = active.reader.document().findBlock(active.reader._headings[4]).text()
    assert heading.endswith(EDITED_MARK)
    assert EDITED_MARK not in active.reader.document().findBlock(active.reader._headings[3]).text()
    put_cursor(active, 4)
    view = active.corrector.show_original()
    assert "<s" in view.changes.toHtml() and "time" in view.imported.toPlainText()
    assert view.imported.toPlainText() == "Which time."
    assert "flood" in view.changes.toPlainText()


def test_the_reading_position_stays(active, qtbot):
    put_cursor(active, 12)
    top = active.reader.verticalScrollBar().value()
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    editor(active).moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor(active), " Yes.")
    qtbot.keyClick(editor(active), Qt.Key.Key_Return, CTRL)
    assert texts(active)[12].endswith(" Yes.")
    assert active.reader.verticalScrollBar().value() == top


def test_the_turn_list_keeps_its_place_and_its_speaker_filter(active, qtbot):
    turns = active.turn_list
    turns.speaker.setCurrentText("Tomás Reyes")
    turns.follow(11)
    scrolled = turns.view.verticalScrollBar().value()
    active.session.correct("Edit", lambda: active.library.corrections.edit(active.transcript_id, 11, "It is."),
                           Place(active.transcript_id))  # fmt: skip
    assert turns.speaker.currentText() == "Tomás Reyes"
    assert turns.model.record(turns.view.currentIndex().row()).index == 11
    assert turns.model.record(turns.view.currentIndex().row()).text == "It is."
    assert turns.view.verticalScrollBar().value() == scrolled


def test_a_highlight_whose_words_are_edited_away_is_listed_as_an_orphan(active, qtbot):
    h = active.session.add_highlight(active.transcript_id, *select_phrase(active, 8, "afterwards"))
    put_cursor(active, 8)
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    select_in(editor(active), " afterwards")
    qtbot.keyClick(editor(active), Qt.Key.Key_Delete)  # a word replaced would stay highlighted: deleted
    qtbot.keyClick(editor(active), Qt.Key.Key_Return, CTRL)
    assert active.library.highlights.get(h).orphan
    assert "1 now orphaned" in active.statusBar().currentMessage()
    rows = [active.highlights_panel.model.record(r) for r in range(active.highlights_panel.model.rowCount())]
    assert [r.id for r in rows if r.orphan] == [h]


# Find and replace ------------------------------------------------------------------------------


def test_find_and_replace_previews_each_change_and_is_one_undo_step(active, qtbot):
    before = texts(active)
    count = sum(t.count("interview") for t in before)
    assert count == 5
    qtbot.keyClick(active.reader, Qt.Key.Key_H, CTRL)
    dialog = active.corrector.replace_dialog
    qtbot.keyClicks(dialog.find, "interview")
    qtbot.keyClicks(dialog.replacement, "conversation")
    assert dialog.changes.count() == count
    assert "[interview → conversation]" in dialog.changes.item(0).text()
    dialog.changes.item(0).setCheckState(Qt.CheckState.Unchecked)  # this one stays
    assert dialog.replace_button.text() == f"&Replace {count - 1}"
    qtbot.keyClick(dialog.replacement, Qt.Key.Key_Return)  # the default button

    after = texts(active)
    assert sum(t.count("conversation") for t in after) == count - 1
    assert sum(t.count("interview") for t in after) == 1
    assert dialog.changes.count() == 1  # what is left to replace
    assert active.session.undo_stack.count() == 1
    assert active.actions.undo.text() == "&Undo Replace “interview” with “conversation” (4×)"
    assert_reader_matches_a_fresh_one(active)
    active.session.undo()
    assert texts(active) == before
    assert_reader_matches_a_fresh_one(active)


def test_whole_word_and_match_case_options(active, qtbot):
    dialog = active.corrector.open_replace()
    qtbot.keyClicks(dialog.find, "tag")
    assert dialog.changes.count() == 5  # "tagged", "tags"
    dialog.whole_word.setChecked(True)
    assert dialog.changes.count() == 3
    dialog.find.setText("And")
    assert dialog.changes.count() == 4
    dialog.match_case.setChecked(False)
    assert dialog.changes.count() == 15


# Split, merge, speakers, boundaries -----------------------------------------------------------------


def test_split_and_merge_with_the_keys(active, qtbot):
    before = texts(active)
    h = active.session.add_highlight(active.transcript_id, *select_phrase(active, 5, "three floods"))
    put_cursor(active, 5, "So after that")
    qtbot.keyClick(active.reader, Qt.Key.Key_Return, CTRL | SHIFT)
    after = texts(active)
    assert len(after) == len(before) + 1
    assert after[6].startswith("So after that") and after[5].endswith("the flood.")
    assert active.reader.turns[6].speaker == "Tomás Reyes"
    assert active.library.highlights.get(h).start.turn == 5
    assert_reader_matches_a_fresh_one(active)

    put_cursor(active, 6, "So after")
    qtbot.keyClick(active.reader, Qt.Key.Key_Backspace, CTRL | SHIFT)
    merged = texts(active)
    assert len(merged) == len(before)
    assert merged[5] == before[5].replace("the flood. So", "the flood.\n\nSo")
    assert active.actions.undo.text() == "&Undo Merge turn 7 into turn 6"
    assert_reader_matches_a_fresh_one(active)
    active.session.undo()
    active.session.undo()
    assert texts(active) == before
    assert_reader_matches_a_fresh_one(active)


def test_s_sets_the_speaker_of_every_turn_the_selection_touches(active, qtbot):
    tid = active.transcript_id
    active.reader.scroll_to(Position(2, 0))
    active.reader.select_span(Position(2, 5), Position(4, 3))
    qtbot.keyClick(active.reader, Qt.Key.Key_S)
    dialog = active.corrector.speaker_dialog
    assert dialog.isVisible() and dialog.field.text() == "Maya Okafor"
    assert dialog.field.completer().model().stringList() == ["Maya Okafor", "Tomás Reyes"]
    qtbot.keyClicks(dialog.field, "Ada")  # typed over the name selected: a new one
    assert dialog.hint.text() == "Creates the new speaker “Ada”"
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert [t.speaker for t in active.library.transcripts.turns(tid)[1:6]] == [
        "Tomás Reyes", "Ada", "Ada", "Ada", "Tomás Reyes"]  # fmt: skip
    assert "Ada" in active.library.speakers.list(tid)
    assert active.actions.undo.text() == "&Undo Set speaker of turns 3–5 to Ada"
    assert_reader_matches_a_fresh_one(active)  # a new speaker's colour: the reader is drawn afresh
    qtbot.keyClick(active.reader, Qt.Key.Key_Z, CTRL)
    assert "Ada" not in active.library.speakers.list(tid)


def test_alt_up_moves_selected_words_at_a_turns_start_to_the_turn_before(active, qtbot):
    before = texts(active)
    active.reader.scroll_to(Position(4, 0))
    select_phrase(active, 5, "Right.")
    qtbot.keyClick(active.reader, Qt.Key.Key_Up, ALT)
    after = texts(active)
    assert after[4] == "Which time. Right."
    assert after[5].startswith("There had been")
    assert_reader_matches_a_fresh_one(active)
    active.session.undo()
    assert texts(active) == before


def test_alt_down_moves_selected_words_at_a_turns_end_to_the_turn_after(active, qtbot):
    before = texts(active)
    active.reader.scroll_to(Position(1, 0))
    select_phrase(active, 1, "this side of the microphone.")
    qtbot.keyClick(active.reader, Qt.Key.Key_Down, ALT)
    after = texts(active)
    assert after[1] == "Thanks for having me. It's strange to be on"
    assert after[2].startswith("this side of the microphone. Let's start there.")
    active.session.undo()
    assert texts(active) == before


def test_moving_words_from_the_middle_of_a_turn_is_refused(active, qtbot):
    before = texts(active)
    active.reader.scroll_to(Position(1, 0))
    select_phrase(active, 1, "having me")
    qtbot.keyClick(active.reader, Qt.Key.Key_Up, ALT)
    assert "start of a turn" in active.statusBar().currentMessage()
    qtbot.keyClick(active.reader, Qt.Key.Key_Down, ALT)
    assert "end of a turn" in active.statusBar().currentMessage()
    assert texts(active) == before


def test_the_corrections_are_in_the_reader_menu_and_the_transcript_menu(active):
    names = {a.text() for a in active.reader_menu().actions()}
    assert {"&Edit turn", "S&plit turn here", "&Merge with previous turn", "Set spea&ker…",
            "Words to p&revious turn", "Words to &next turn", "Show &original"} <= names  # fmt: skip
    menu = next(a.menu() for a in active.menuBar().actions() if a.text() == "&Transcript")
    assert {"Find &and replace…", "&Edit turn"} <= {a.text() for a in menu.actions()}


def test_a_correction_off_screen_is_refused(active, qtbot):
    put_cursor(active, 0)
    active.reader.scroll_to(Position(19, 0))
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    assert editor(active) is None
    assert "not on screen" in active.statusBar().currentMessage()


def test_a_run_of_corrections_and_undos_leaves_the_reader_as_drawn_afresh(active):
    tid, fix = active.transcript_id, active.library.corrections
    for turn in (0, 3, 5, 5, 9, 13, 17, 19):  # a highlight on every second word of these turns
        text = active.reader.turns[turn].text
        active.session.add_highlight(tid, Position(turn, 0), Position(turn, min(len(text), 9 + turn)))
    active.session.add_highlight(tid, Position(7, 4), Position(9, 6))  # across turns
    steps = [
        lambda: fix.split(tid, 5, 40),
        lambda: fix.merge(tid, 10),
        lambda: fix.edit(tid, 0, "Welcome back to Field Notes."),
        lambda: fix.set_speaker(tid, 8, 9, "Ada"),
        lambda: fix.replace(tid, "the", "THE", whole_word=True),
        lambda: fix.words_to_previous(tid, 13, 6),
        lambda: fix.words_to_next(tid, 2, 10),
        lambda: fix.merge(tid, 1),
    ]
    for step in steps:
        active.session.correct("step", step, Place(tid))
        assert_reader_matches_a_fresh_one(active)
    for _ in steps:
        assert active.session.undo()
        assert_reader_matches_a_fresh_one(active)
    for _ in steps:
        assert active.session.redo()
        assert_reader_matches_a_fresh_one(active)


def test_one_enter_on_a_suggested_speaker_sets_it(active, qtbot):
    put_cursor(active, 4)
    qtbot.keyClick(active.reader, Qt.Key.Key_S)
    dialog = active.corrector.speaker_dialog
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, "tom")
    popup = dialog.field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(dialog.field.completer().completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert active.reader.turns[4].speaker == "Tomás Reyes"
    assert not dialog.isVisible()


def test_the_cursor_just_after_a_turns_last_word_acts_on_that_turn(active, qtbot):
    put_cursor(active, 5)
    cursor = active.reader.textCursor()
    cursor.setPosition(active.reader.document_position(Position(5, len(active.reader.turns[5].text))))
    active.reader.setTextCursor(cursor)
    before = texts(active)
    qtbot.keyClick(active.reader, Qt.Key.Key_Backspace, CTRL | SHIFT)
    assert active.actions.undo.text() == "&Undo Merge turn 6 into turn 5"
    assert texts(active)[4] == before[4] + "\n\n" + before[5]


def test_a_split_leaves_the_cursor_on_the_new_turn_so_merge_puts_it_back(active, qtbot):
    before = texts(active)
    put_cursor(active, 5, "So after that")
    qtbot.keyClick(active.reader, Qt.Key.Key_Return, CTRL | SHIFT)
    assert active.reader.cursor_position() == Position(6, 0)
    qtbot.keyClick(active.reader, Qt.Key.Key_Backspace, CTRL | SHIFT)
    assert texts(active)[5] == before[5].replace("the flood. So", "the flood.\n\nSo")
    assert active.reader.cursor_position() == Position(5, before[5].index("So after") + 1)  # at the join


def test_a_new_speakers_colour_keeps_the_reading_position(active, qtbot):
    active.reader.scroll_to(Position(9, 0))
    bar = active.reader.verticalScrollBar()
    bar.setValue(bar.value() + 37)  # part-way into a turn
    value = bar.value()
    active.corrector.set_speaker(0, 0, "Ada")  # first in the transcript: every speaker's colour shifts
    assert bar.value() == value
    assert_reader_matches_a_fresh_one(active)


def test_undo_shows_the_words_it_moves(active, qtbot):
    active.reader.scroll_to(Position(4, 0))
    select_phrase(active, 5, "Right.")
    qtbot.keyClick(active.reader, Qt.Key.Key_Up, ALT)
    active.reader.scroll_to(Position(19, 0))
    active.session.undo()
    assert active.reader.in_view(Position(5, 0)) and active.reader.in_view(Position(4, 0))


def test_the_editor_opens_where_the_cursor_was_and_reads_like_the_reader(active, qtbot):
    put_cursor(active, 3, "Dates")
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    box = editor(active)
    assert box.textCursor().position() == active.reader.turns[3].text.index("Dates")
    assert box.document().firstBlock().blockFormat().lineHeight() == LINE_HEIGHT
    assert box.font() == active.reader.font()
    assert not box.acceptDrops()  # a drag inside the selection never moves words


def test_characters_the_user_did_not_touch_come_back_as_they_were(active, qtbot):
    tid = active.transcript_id
    active.session.correct("Edit", lambda: active.library.corrections.edit(tid, 4, "Which\u00a0time ?"), Place(tid))
    steps = active.session.undo_stack.count()
    put_cursor(active, 4)
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    qtbot.keyClick(editor(active), Qt.Key.Key_Return, CTRL)  # nothing changed: nothing saved
    assert editor(active) is None and active.session.undo_stack.count() == steps
    qtbot.keyClick(active.reader, Qt.Key.Key_F2)
    editor(active).moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor(active), "!")
    qtbot.keyClick(editor(active), Qt.Key.Key_Return, CTRL)
    assert texts(active)[4] == "Which\u00a0time ?!"


def test_editing_the_replacement_keeps_what_was_unchecked(active, qtbot):
    dialog = active.corrector.open_replace()
    qtbot.keyClicks(dialog.find, "interview")
    dialog.changes.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClicks(dialog.replacement, "talk")
    assert dialog.changes.item(0).checkState() == Qt.CheckState.Unchecked
    assert "[interview → talk]" in dialog.changes.item(1).text()
    assert len(dialog.chosen()) == 4


def test_find_and_replace_closes_when_another_transcript_opens(active, qtbot, seeds):
    dialog = active.corrector.open_replace()
    other = active.session.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    active.open_transcript(other)
    assert not dialog.isVisible() and active.corrector.replace_dialog is None
