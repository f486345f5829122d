"""Navigation (issue 16): Go to turn or time, Back/Forward through jumps, Open recent, Close
transcript, and where a jump leaves the turn or match it goes to."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from desktop.formats.clock import format_clock
from desktop.library import Position
from desktop.ui.app import open_window
from desktop.ui.goto_dialog import GotoDialog
from desktop.ui.history import JumpHistory
from desktop.ui.main_window import NONE_OPEN

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
TURNS = 80
STEP = 15  # seconds between turns


def talk_vtt(turns: int = TURNS, step: int = STEP) -> str:
    """A timed talk: turn n starts at n × `step` seconds, Ana and Ben in turn, three sentences each."""
    cues = ["WEBVTT", ""]
    for n in range(turns):
        start, end = n * step, n * step + step - 1
        who = "Ana" if n % 2 == 0 else "Ben"
        words = f"This is turn {n + 1} of the talk. It goes on for a while about boats. The harbour stays quiet."
        cues += [f"{_vtt_time(start)} --> {_vtt_time(end)}", f"<v {who}>{words}", ""]
    return "\n".join(cues)


def _vtt_time(seconds: int) -> str:
    return f"{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}.000"


@pytest.fixture
def timed(active, tmp_path):
    """The window with an 80-turn timed talk imported and open."""
    (tmp_path / "talk.vtt").write_text(talk_vtt())
    tid = active.session.import_file(tmp_path / "talk.vtt").id
    active.session.imported([tid])
    active.open_transcript(tid)
    active.navigator.history = JumpHistory()  # from here: opening it was a jump from the sample
    active.navigator.changed.emit()
    active.reader.setFocus()
    return active


def goto(window, qtbot, text: str) -> GotoDialog:
    """Ctrl+G, type `text`, Enter; returns the dialog."""
    qtbot.keyClick(window.reader, Qt.Key.Key_G, CTRL)
    dialog = next(d for d in window.findChildren(GotoDialog) if d.isVisible())
    qtbot.keyClicks(dialog.field, text)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    return dialog


def heading_top(window, turn: int) -> int:
    """Where a turn's heading line is drawn, in viewport pixels from the top."""
    reader = window.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader._headings[turn])
    return reader.cursorRect(cursor).top()


def scrolled(window) -> int:
    return window.reader.verticalScrollBar().value()


def click_turn(window, qtbot, row: int) -> None:
    view = window.turn_list.view
    index = window.turn_list.model.index(row)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_ctrl_g_with_a_turn_number_goes_to_that_turn(timed, qtbot):
    dialog = goto(timed, qtbot, "42")
    assert not dialog.isVisible()
    assert timed.reader.turn_at_top() == 41


def test_ctrl_g_with_a_time_goes_to_the_turn_being_spoken_then(timed, qtbot):
    for typed, seconds in (("10:07", 607), ("0:10:07", 607), ("607s", 607), ("1m 5s", 65)):
        goto(timed, qtbot, typed)
        assert timed.reader.turn_at_top() == seconds // STEP, typed  # turn n is said from n × 15 s


def test_ctrl_g_says_inline_why_it_cannot_go(timed, qtbot):
    dialog = goto(timed, qtbot, "81")
    assert dialog.isVisible() and dialog.message.isVisible()
    assert dialog.message.text() == "There is no turn 81: the turns are 1–80"
    dialog.field.clear()
    assert not dialog.message.isVisible()  # typing again clears it
    qtbot.keyClicks(dialog.field, "boats")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert "neither a turn number nor a time" in dialog.message.text()
    dialog.field.setText("2:00:00")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.message.text() == f"2:00:00 is after the transcript's end, {format_clock(TURNS * STEP - 1)}"
    assert timed.reader.turn_at_top() == 0 and not timed.navigator.can_go_back  # nothing moved
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_transcript_without_times_takes_only_turn_numbers(active, qtbot, tmp_path):
    lines = (f"{'Ann' if n % 2 else 'Bob'}: Line {n}. More words here." for n in range(30))
    (tmp_path / "plain.txt").write_text("\n\n".join(lines))
    active.open_transcript(active.session.import_file(tmp_path / "plain.txt").id)
    dialog = goto(active, qtbot, "1:00")
    assert dialog.windowTitle() == "Go to turn" and "no times" in dialog.hint.text()
    assert dialog.message.text() == "This transcript has no times: type a turn number, 1–30"
    dialog.field.setText("12")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible() and active.reader.turn_at_top() == 11


def test_a_jumped_to_turn_has_room_above_its_heading(timed, qtbot):
    goto(timed, qtbot, "30")
    line = timed.reader.fontMetrics().lineSpacing()
    assert line * 1.5 <= heading_top(timed, 29) <= line * 4  # not flush with the top, still near it
    click_turn(timed, qtbot, 50)
    assert line * 1.5 <= heading_top(timed, 50) <= line * 4
    assert timed.reader.turn_at_top() == 50  # the turn list and reading position agree


def test_back_and_forward_return_to_the_exact_places_across_transcripts(timed, qtbot, seeds):
    reader = timed.reader
    first = timed.transcript_id
    reader.verticalScrollBar().setValue(137)  # scrolled by hand, between two lines
    click_turn(timed, qtbot, 20)
    at_20 = scrolled(timed)
    goto(timed, qtbot, "60")
    at_60 = scrolled(timed)
    other = timed.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    timed.open_transcript(other, Position(30, 0))
    in_other = scrolled(timed)

    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT)
    assert timed.transcript_id == first and scrolled(timed) == at_60
    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT)
    assert scrolled(timed) == at_20
    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT)
    assert scrolled(timed) == 137
    assert not timed.go_actions.back.isEnabled()
    qtbot.keyClick(reader, Qt.Key.Key_Right, ALT)
    qtbot.keyClick(reader, Qt.Key.Key_Right, ALT)
    assert scrolled(timed) == at_60
    qtbot.keyClick(reader, Qt.Key.Key_Right, ALT)
    assert timed.transcript_id == other and scrolled(timed) == in_other
    assert not timed.go_actions.forward.isEnabled()


def test_a_new_jump_clears_forward(timed, qtbot):
    click_turn(timed, qtbot, 10)
    click_turn(timed, qtbot, 40)
    timed.go_actions.back.trigger()
    assert timed.reader.turn_at_top() == 10 and timed.go_actions.forward.isEnabled()
    goto(timed, qtbot, "70")
    assert not timed.go_actions.forward.isEnabled()
    timed.go_actions.back.trigger()
    assert timed.reader.turn_at_top() == 10


def test_the_mouse_back_and_forward_buttons_go_back_and_forward(timed, qtbot):
    click_turn(timed, qtbot, 30)
    qtbot.mouseClick(timed.reader.viewport(), Qt.MouseButton.BackButton)
    assert timed.reader.turn_at_top() == 0
    qtbot.mouseClick(timed.turn_list.view.viewport(), Qt.MouseButton.ForwardButton)
    assert timed.reader.turn_at_top() == 30


def test_a_highlight_chosen_in_the_panel_is_a_jump(timed, qtbot):
    h = timed.library.highlights.add(timed.transcript_id, Position(55, 5), Position(55, 20))
    timed.shown.refresh_highlights()
    panel = timed.highlights_panel
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(panel.model.index(0)).center()
    )
    assert timed.reader.in_view(h.start)
    timed.go_actions.back.trigger()
    assert timed.reader.turn_at_top() == 0


def test_places_in_a_deleted_transcript_are_skipped(timed, qtbot, seeds, monkeypatch):
    gone = timed.transcript_id
    click_turn(timed, qtbot, 25)  # two places in `gone`: the top, and turn 26
    other = timed.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    timed.open_transcript(other)
    click_turn(timed, qtbot, 40)
    timed.session.run(lambda: timed.library.transcripts.delete(gone))
    timed.go_actions.back.trigger()
    assert timed.transcript_id == other and timed.reader.turn_at_top() == 0
    assert not timed.navigator.back()  # the rest were in the deleted one
    assert not timed.go_actions.back.isEnabled()


def test_a_jump_that_does_not_move_records_nothing(timed, qtbot):
    click_turn(timed, qtbot, 0)  # already at the top
    assert not timed.navigator.can_go_back


def test_jump_history_is_bounded_and_skips_what_is_unusable():
    history: JumpHistory[int] = JumpHistory(limit=3)
    for place in range(6):
        history.record(place)
    history.record(5)  # the same place twice in a row is one entry
    assert history.back(9, lambda p: p != 5) == 4  # 5 dropped on the way; 9 is Forward's now
    assert history.back(4, lambda p: True) == 3  # only three were kept: 3, 4, 5
    assert history.back(3, lambda p: True) is None and not history.can_go_back
    assert history.forward(None, lambda p: True) == 4 and history.forward(None, lambda p: True) == 9
    history.record(7)  # a new jump: Forward is cleared
    assert not history.can_go_forward


def test_open_recent_lists_the_last_transcripts_and_opens_them(timed, qtbot, seeds):
    sample = next(i.id for i in timed.library.transcripts.list() if i.title == "sample")
    other = timed.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    talk = timed.transcript_id
    timed.open_transcript(other)
    assert [tid for tid, _ in timed.recent.entries()] == [other, talk, sample]
    menu = next(m for m in timed.findChildren(QMenu) if m.title() == "Open &recent")
    menu.aboutToShow.emit()
    titles = [a.text() for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
    assert titles == ["&1  004_63b56b2bea8ad07d", "&2  talk", "&3  sample", "&Clear the list"]
    menu.actions()[2].trigger()
    assert timed.transcript_id == sample
    timed.session.run(lambda: timed.library.transcripts.delete(talk))
    assert [tid for tid, _ in timed.recent.entries()] == [sample, other]  # deleted ones dropped
    assert timed.settings.value("recent_transcripts") == f"{sample},{other}"


def test_open_recent_keeps_ten(window):
    for n in range(12):
        window.recent.add(n + 100)
    assert window.recent.ids() == list(range(111, 101, -1))


def test_ctrl_w_closes_the_transcript_and_none_opens_on_restart(timed, qtbot, library, settings):
    qtbot.keyClick(timed.reader, Qt.Key.Key_W, CTRL)
    assert timed.transcript_id is None and timed.reader.turns == [] and timed.turn_list.model.rowCount() == 0
    assert not timed.player.isVisible() and timed.windowTitle() == "Talkmark"
    assert timed.reader.placeholderText().startswith("No transcript open")
    assert settings.value("last_transcript") == NONE_OPEN
    timed.close()
    again = open_window(library, settings)
    qtbot.addWidget(again)
    assert again.transcript_id is None
    again.close()


def test_back_and_forward_are_kept_across_restarts_for_their_library(timed, qtbot, library, settings, tmp_path):
    click_turn(timed, qtbot, 10)
    click_turn(timed, qtbot, 40)
    at_40 = timed.navigator.here()
    timed.go_actions.back.trigger()  # at turn 10, with Forward to 40
    timed.close()
    again = open_window(library, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.go_actions.back.isEnabled() and again.go_actions.forward.isEnabled()
    again.go_actions.forward.trigger()
    assert again.navigator.here().position == at_40.position  # the same line at the top
    again.close()
    from desktop.library import Library

    with Library(tmp_path / "other.sqlite") as other:  # another library: none of this one's places
        elsewhere = open_window(other, settings)
        qtbot.addWidget(elsewhere)
        assert not elsewhere.go_actions.back.isEnabled() and not elsewhere.go_actions.forward.isEnabled()
        elsewhere.close()


def test_jump_history_kept_in_settings_survives_a_hand_edited_file(timed, settings):
    from desktop.ui.history import _places

    assert _places("not json") == [] and _places('[["x", 1, 2, 3]]') == [] and _places("") == []


def test_back_after_closing_opens_the_transcript_again(timed, qtbot):
    tid = timed.transcript_id
    click_turn(timed, qtbot, 33)
    at = scrolled(timed)
    timed.close_transcript()
    timed.go_actions.back.trigger()
    assert timed.transcript_id == tid and scrolled(timed) == at


def test_go_to_with_nothing_open_says_so(timed, qtbot):
    timed.close_transcript()
    qtbot.keyClick(timed.reader, Qt.Key.Key_G, CTRL)
    assert not [d for d in timed.findChildren(GotoDialog) if d.isVisible()]
    assert timed.statusBar().currentMessage() == "Open a transcript first"


def test_a_find_match_lands_in_the_upper_third(timed, qtbot):
    timed.find_bar.open()
    qtbot.keyClicks(timed.find_bar.field, "turn 70 ")
    cursor = timed.reader.textCursor()
    assert cursor.selectedText() == "turn 70 "
    top, height = timed.reader.cursorRect(cursor).top(), timed.reader.viewport().height()
    assert 0 <= top < height / 3
