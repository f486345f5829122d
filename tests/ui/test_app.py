"""The interim window shows the sample transcript's turns."""

from __future__ import annotations

import re

from desktop.formats import Turn, parse_file
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.app import TurnListWindow, format_clock, speaker_colours, turn_html


def test_window_shows_every_turn_with_speaker_and_time(qtbot):
    transcript = parse_file(SAMPLE_TRANSCRIPT)
    window = TurnListWindow(transcript)
    qtbot.addWidget(window)
    window.show()

    text = window.reader.toPlainText()
    headings = re.findall(r"^(Maya Okafor|Tomás Reyes)\s+(\d+:\d\d)$", text, flags=re.MULTILINE)
    assert headings[:2] == [("Maya Okafor", "0:04"), ("Tomás Reyes", "0:17")]
    assert len(headings) == len(transcript.turns) == 20
    assert "\nWelcome to Field Notes, the show" in text
    assert "Tomás Reyes, thank you." in text
    assert window.windowTitle() == "sample — Talkmark"


def test_turn_text_is_escaped_and_paragraphs_kept():
    rendered = turn_html(Turn(0, "<b>Ann</b>", "a < b\n\nnext", 61.0, None), {})
    assert "&lt;b&gt;Ann&lt;/b&gt;" in rendered and "a &lt; b" in rendered
    assert rendered.count("<p style='margin-top:4px'>") == 2 and "1:01" in rendered


def test_speaker_colours_are_stable_and_distinct():
    speakers = [f"Speaker {n}" for n in range(8)]
    colours = speaker_colours(speakers)
    assert len(set(colours.values())) == 8
    assert colours == speaker_colours(speakers)


def test_clock_format():
    assert [format_clock(s) for s in (0, 4.9, 65, 3725)] == ["0:00", "0:04", "1:05", "1:02:05"]
