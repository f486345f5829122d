"""The interim window lists the sample transcript's turns."""

from __future__ import annotations

from desktop.formats import parse_file
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.app import TurnListWindow, format_clock


def test_window_lists_every_turn_with_speaker_and_time(qtbot):
    transcript = parse_file(SAMPLE_TRANSCRIPT)
    window = TurnListWindow(transcript)
    qtbot.addWidget(window)
    window.show()

    assert window.turns.count() == len(transcript.turns) == 20
    first = window.turns.item(0).text()
    assert first.startswith("Maya Okafor · 0:04\nWelcome to Field Notes")
    assert window.windowTitle() == "sample — Talkmark"


def test_clock_format():
    assert [format_clock(s) for s in (0, 4.9, 65, 3725)] == ["0:00", "0:04", "1:05", "1:02:05"]
