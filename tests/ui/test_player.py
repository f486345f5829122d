"""Listening while reading: the recording beside the transcript, found at import, played with
Qt Multimedia (which advances with no sound device), text to audio and audio to text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QFileDialog

from desktop.library import Position
from desktop.ui.player import SPEEDS
from tests.media import sine_wav
from tests.ui.conftest import select_phrase

TALK = """WEBVTT

00:00:00.000 --> 00:00:01.500
<v Ana>The harbour was quiet that morning.

00:00:01.500 --> 00:00:03.000
<v Ana>Nobody had seen the boats leave.

00:00:03.000 --> 00:00:04.500
<v Ben>Which boats do you mean?
"""
CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
TOLERANCE_MS = 100


@pytest.fixture
def talk(tmp_path):
    """talk.vtt with talk.wav (6 s) beside it."""
    (tmp_path / "talk.vtt").write_text(TALK)
    sine_wav(tmp_path / "talk.wav", seconds=6.0)
    return tmp_path / "talk.vtt"


@pytest.fixture
def listening(active, qtbot, talk):
    """The window with talk.vtt imported (its recording found beside it) and open, loaded."""
    tid = active.session.import_file(talk).id
    active.session.imported([tid])
    active.open_transcript(tid)
    qtbot.waitUntil(lambda: active.player.media.duration() > 0, timeout=5000)
    active.reader.setFocus()
    return active


def position(window) -> int:
    return window.player.media.position()


def test_the_recording_beside_the_transcript_is_linked_and_the_bar_shows_it(listening, talk):
    assert listening.library.transcripts.media(listening.transcript_id) == talk.with_suffix(".wav").resolve()
    bar = listening.player
    assert bar.isVisible() and bar.ready and not bar.message.isVisible()
    assert bar.slider.maximum() == pytest.approx(6000, abs=50)
    assert bar.time.text() == "0:00 / 0:06"


def test_ctrl_space_plays_and_pauses_and_the_position_advances(listening, qtbot):
    qtbot.keyClick(listening.reader, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(lambda: position(listening) > 400, timeout=5000)
    assert listening.player.play_button.text() == "Pause"
    qtbot.keyClick(listening.reader, Qt.Key.Key_Space, CTRL)
    assert not listening.player.playing
    paused = position(listening)
    qtbot.wait(300)
    assert position(listening) == paused


def test_ctrl_arrows_skip_five_seconds_and_speed_steps(listening, qtbot):
    listening.player.seek_ms(500)
    qtbot.keyClick(listening.reader, Qt.Key.Key_Right, CTRL)
    assert position(listening) == pytest.approx(5500, abs=TOLERANCE_MS)
    qtbot.keyClick(listening.reader, Qt.Key.Key_Left, CTRL)
    assert position(listening) == pytest.approx(500, abs=TOLERANCE_MS)
    qtbot.keyClick(listening.reader, Qt.Key.Key_Period, CTRL | SHIFT)
    assert listening.player.media.playbackRate() == SPEEDS[SPEEDS.index(1.0) + 1]
    for _ in range(3):
        qtbot.keyClick(listening.reader, Qt.Key.Key_Comma, CTRL | SHIFT)
    assert listening.player.media.playbackRate() == SPEEDS[SPEEDS.index(1.0) - 2]


def test_alt_click_in_the_reader_plays_from_the_words_clicked(listening, qtbot):
    reader = listening.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.document_position(Position(0, reader.turns[0].text.index("Nobody") + 3)))
    point = reader.cursorRect(cursor).center()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, ALT, point)
    assert listening.player.playing
    assert position(listening) == pytest.approx(1500, abs=TOLERANCE_MS)  # the segment's start


def test_alt_click_on_a_turn_in_the_turn_list_plays_from_its_start(listening, qtbot):
    view = listening.turn_list.view
    rect = view.visualRect(listening.turn_list.model.index(1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, ALT, rect.center())
    assert listening.player.playing
    assert position(listening) == pytest.approx(3000, abs=TOLERANCE_MS)


def test_play_highlight_plays_exactly_its_span_and_stops(listening, qtbot):
    select_phrase(listening, 0, "Nobody had seen the boats leave.")
    qtbot.keyClick(listening.reader, Qt.Key.Key_H)
    qtbot.keyClick(listening.reader, Qt.Key.Key_P)
    assert listening.player.playing
    assert position(listening) == pytest.approx(1500, abs=TOLERANCE_MS)
    qtbot.waitUntil(lambda: not listening.player.playing, timeout=5000)
    assert position(listening) == pytest.approx(3000, abs=2 * TOLERANCE_MS)


def test_playing_marks_the_segment_being_said_and_the_turn_list_follows(listening, qtbot):
    listening.player.seek_ms(3200)
    text = listening.reader.turns[1].text
    assert listening.reader.spoken == (1, 0, len(text))
    current = listening.turn_list.view.currentIndex()
    assert listening.turn_list.model.record(current.row()).index == 1
    listening.player.seek_ms(1600)
    assert listening.reader.spoken == (
        0,
        listening.reader.turns[0].text.index("Nobody"),
        len(listening.reader.turns[0].text),
    )


def test_a_missing_recording_is_said_with_a_way_to_locate_it(listening, qtbot, talk, monkeypatch, tmp_path):
    tid = listening.transcript_id
    talk.with_suffix(".wav").unlink()
    listening.open_transcript(listening.library.transcripts.list()[-1].id)  # away and back: loaded afresh
    listening.open_transcript(tid)
    bar = listening.player
    assert bar.isVisible() and not bar.ready
    assert bar.message.text().startswith("Recording not found: ") and bar.locate_button.isVisible()
    found = sine_wav(tmp_path / "found.wav", seconds=2.0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(found), ""))
    qtbot.mouseClick(bar.locate_button, Qt.MouseButton.LeftButton)
    assert listening.library.transcripts.media(tid) == found.resolve()
    assert bar.ready and not bar.locate_button.isVisible() and not bar.message.isVisible()


def test_a_transcript_without_times_plays_and_says_the_text_cannot_follow(active, qtbot, tmp_path):
    (tmp_path / "plain.txt").write_text("Ana: Hello there.\n\nBen: Hello.\n")
    sine_wav(tmp_path / "plain.wav", seconds=1.0)
    tid = active.session.import_file(tmp_path / "plain.txt").id
    active.open_transcript(tid)
    assert active.player.ready and "No times in this transcript" in active.player.message.text()


def test_dropping_a_recording_on_an_open_transcript_links_it(active, qtbot, tmp_path):
    recording = sine_wav(tmp_path / "dropped.wav", seconds=1.0)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(recording))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    active.dropEvent(event)
    assert active.library.transcripts.media(active.transcript_id) == recording.resolve()
    assert active.player.isVisible() and active.job is None  # linked, not imported


def test_no_recording_no_bar(active):
    assert not active.player.isVisible()


def test_rewind_on_pause_steps_back_and_is_remembered(listening, qtbot, settings):
    action = next(a for a in listening.menuBar().actions() if a.text() == "&Playback").menu().actions()[-1]
    action.trigger()
    assert settings.value("rewind_on_pause", type=bool)
    listening.player.play_from(3.0)
    qtbot.waitUntil(lambda: position(listening) > 3300, timeout=5000)
    at = position(listening)
    listening.player.toggle()
    assert position(listening) == pytest.approx(at - 2000, abs=TOLERANCE_MS)


def test_speed_volume_and_each_transcripts_place_in_the_recording_are_remembered(listening, qtbot, settings):
    tid = listening.transcript_id
    listening.player.set_speed(1.5)
    listening.player.volume.setValue(30)
    listening.player.seek_ms(2500)
    listening.open_transcript(listening.library.transcripts.list()[-1].id)  # the sample: no recording
    assert not listening.player.isVisible()
    assert settings.value(f"playback/{tid}", type=int) == pytest.approx(2500, abs=TOLERANCE_MS)
    assert (settings.value("playback_speed", type=float), settings.value("volume", type=int)) == (1.5, 30)
    listening.open_transcript(tid)
    qtbot.waitUntil(lambda: listening.player.media.duration() > 0, timeout=5000)
    assert position(listening) == pytest.approx(2500, abs=TOLERANCE_MS) and not listening.player.playing


def test_dropping_a_transcript_with_its_recording_imports_one_and_links_the_other(active, qtbot, talk):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(talk.with_suffix(".wav"))), QUrl.fromLocalFile(str(talk))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    active.dropEvent(event)
    qtbot.waitUntil(lambda: active.job is None, timeout=10000)
    assert active.import_report is None  # the recording is no failed transcript
    assert active.windowTitle().startswith("talk")
    assert active.library.transcripts.media(active.transcript_id) == talk.with_suffix(".wav").resolve()
    qtbot.waitUntil(lambda: active.player.ready and active.player.media.duration() > 0, timeout=5000)


def test_without_qt_multimedia_the_bar_says_what_to_install(active, monkeypatch, tmp_path):
    import sys

    from desktop.ui.player import Player

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as when libpulse0 is missing
    player = Player()
    player.load(sine_wav(tmp_path / "a.wav", seconds=0.5), timed=True)
    assert not player.ready and "libpulse0" in player.message.text()


def test_a_recording_linked_by_another_program_shows_up(active, qtbot, tmp_path):
    from desktop.library import Library

    recording = sine_wav(tmp_path / "elsewhere.wav", seconds=1.0)
    with Library(active.library.path, backup=False) as cli:
        cli.transcripts.link_media(active.transcript_id, recording)
    assert active.session.check_for_outside_changes()
    assert active.player.isVisible() and active.player.path == recording.resolve()


def test_a_place_after_the_recordings_end_is_said_not_played(listening, qtbot):
    assert not listening.player.play_from(60.0)
    assert not listening.player.playing
    assert listening.player.message.text() == "The recording ends at 0:06, before 1:00"


def test_switching_transcripts_forgets_the_follow_button_and_the_old_duration(listening, qtbot):
    listening.player.follow_button.show()
    listening.open_transcript(listening.library.transcripts.list()[-1].id)
    listening.open_transcript(listening.library.transcripts.list()[0].id)
    assert not listening.player.follow_button.isVisible()


def test_while_playing_the_turn_list_shows_the_turn_being_said_not_the_one_at_the_top(listening, qtbot):
    listening.player.play_from(3.2)
    listening.reader.turn_in_view.emit(0)  # the user scrolled the reader
    current = listening.turn_list.view.currentIndex()
    assert listening.turn_list.model.record(current.row()).index == 1


def test_the_playing_mark_leaves_a_highlights_colour_showing(listening, qtbot):
    select_phrase(listening, 1, "Which boats")
    qtbot.keyClick(listening.reader, Qt.Key.Key_H)
    listening.player.seek_ms(3200)
    [mark] = [
        s
        for s in listening.reader.extraSelections()
        if s.format.underlineStyle() and s.format.underlineColor().name() == "#2f7bbf"
    ]
    assert mark.format.background().style() == Qt.BrushStyle.NoBrush


def test_play_from_here_is_in_the_reader_menu_once_a_recording_plays(listening, qtbot):
    assert listening.actions.play_here in listening.reader_menu().actions()
    put = QTextCursor(listening.reader.document())
    put.setPosition(listening.reader.document_position(Position(1, 0)))
    listening.reader.setTextCursor(put)
    listening.actions.play_here.trigger()
    assert position(listening) == pytest.approx(3000, abs=TOLERANCE_MS)


def test_following_pauses_while_the_user_scrolls_and_resumes_after_four_seconds(listening, qtbot, monkeypatch):
    from desktop.ui import follow

    clock = [1000.0]
    monkeypatch.setattr(follow.time, "monotonic", lambda: clock[0])
    listening.player.play_from(0.5)
    listening.reader.verticalScrollBar().valueChanged.emit(5)  # the user scrolls
    assert listening.player.follow_button.isVisible() and not listening.follow.following
    clock[0] += follow.FOLLOW_AFTER_S - 0.1
    assert not listening.follow.following
    clock[0] += 0.2
    assert listening.follow.following and not listening.player.follow_button.isVisible()
    assert follow.FOLLOW_AFTER_S == 4.0  # the README's four seconds
