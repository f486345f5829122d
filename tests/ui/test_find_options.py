"""Find in the transcript (Ctrl+F) with Match case, Whole word and Regular expression: the
counts each option gives, the message for a bad expression, the options remembered, and a
long transcript searched once typing pauses, not at every key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui import find_bar as find_bar_module
from desktop.ui.find_bar import FindBar

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
TEXT = (
    "Ann: The Boat left. A boat, boats and a sailboat came back.\n\n"
    "Bob: Which boat? The BOAT of 1987 or the one from 2001?\n\n"
    "Ann: Boat-building is what we did."
)
# "boat" anywhere, any case: Boat, boat, boats, sailboat, boat, BOAT, Boat(-building) = 7
# match case "boat": boat, boats, sailboat, boat = 4; whole word, any case: Boat, boat, boat, BOAT, Boat = 5
# both: boat, boat = 2


@pytest.fixture
def bar(active, tmp_path, qtbot) -> FindBar:
    """The find bar open on a short transcript, every option off."""
    (tmp_path / "boats.txt").write_text(TEXT)
    active.open_transcript(active.session.import_file(tmp_path / "boats.txt").id)
    qtbot.keyClick(active.reader, Qt.Key.Key_F, CTRL)
    bar = active.find_bar
    assert bar.isVisible() and not any(b.isChecked() for b in bar.options.values())
    return bar


def count(bar: FindBar) -> str:
    return bar.count.text()


def test_each_option_changes_the_count(bar, qtbot):
    qtbot.keyClicks(bar.field, "boat")
    assert count(bar) == "1 of 7"
    qtbot.keyClick(bar.field, Qt.Key.Key_C, ALT)  # match case
    assert bar.options["match_case"].isChecked() and count(bar) == "1 of 4"
    qtbot.keyClick(bar.field, Qt.Key.Key_W, ALT)  # and whole word
    assert count(bar) == "1 of 2"
    assert bar.reader.textCursor().selectedText() == "boat"
    qtbot.keyClick(bar.field, Qt.Key.Key_C, ALT)  # whole word alone
    assert count(bar) == "1 of 5"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert count(bar) == "3 of 5"


def test_a_regular_expression_finds_what_it_describes(bar, qtbot):
    bar.options["regex"].click()
    qtbot.keyClicks(bar.field, r"\d{4}")
    assert count(bar) == "1 of 2" and bar.reader.textCursor().selectedText() == "1987"
    bar.field.setText("boats?")
    assert count(bar) == "1 of 7"
    bar.options["regex"].click()  # the same text, read literally: no "boats?" in the text
    assert count(bar) == "No matches"


def test_an_invalid_expression_says_why_in_the_bar(bar, qtbot):
    qtbot.keyClick(bar.field, Qt.Key.Key_R, ALT)
    qtbot.keyClicks(bar.field, "boat(")
    message = "Not a regular expression: missing ), unterminated subpattern at position 5"
    assert bar.count.toolTip() == message and message.startswith(count(bar).rstrip("…"))  # elided to fit
    assert bar.reader.match_count == 0
    bar.field.setText("x*")
    assert bar.count.toolTip() == "The expression matches empty text: it would be found everywhere"
    bar.field.setText(r"\bboat\b")
    assert count(bar) == "1 of 5"  # matches again once the expression is whole


def test_a_pattern_that_can_match_nothing_marks_only_real_matches(bar, qtbot):
    bar.options["regex"].click()
    bar.field.setText(r"\b")  # matches only empty text, at every word's edge
    assert count(bar) == "No matches" and bar.reader.match_count == 0


def test_the_options_have_accessible_names_and_are_remembered(bar, settings, qtbot, active):
    assert [b.accessibleName() for b in bar.options.values()] == ["Match case", "Whole word", "Regular expression"]
    assert [b.toolTip() for b in bar.options.values()] == ["Match case (Alt+C)", "Whole word (Alt+W)",
                                                          "Regular expression (Alt+R)"]  # fmt: skip
    bar.options["whole_word"].click()
    assert settings.value("find/whole_word", type=bool) is True
    again = FindBar(active.reader, settings=settings)
    assert again.options["whole_word"].isChecked() and not again.options["regex"].isChecked()


def test_a_long_transcript_is_searched_when_typing_pauses(bar, qtbot, monkeypatch):
    monkeypatch.setattr(find_bar_module, "LONG_TEXT", 10)  # this transcript counts as long
    searched = []
    find = bar.reader.find
    monkeypatch.setattr(bar.reader, "find", lambda pattern: searched.append(pattern) or find(pattern))
    qtbot.keyClicks(bar.field, "boat")
    assert searched == []  # four keys, no search yet
    qtbot.waitUntil(lambda: count(bar) == "1 of 7", timeout=2000)
    assert len(searched) == 1
    bar.field.setText("sailboat")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # Enter before the pause: searched at once
    assert count(bar) == "1 of 1" and len(searched) == 2


def test_the_pause_starts_past_500_000_characters_and_lasts_250_ms(bar, monkeypatch):
    class Document:  # a stand-in with the size of a transcript at the boundary
        def __init__(self, characters: int) -> None:
            self.characters = characters

        def characterCount(self) -> int:
            return self.characters

    searched = []
    monkeypatch.setattr(bar, "search", lambda: searched.append(1))
    monkeypatch.setattr(bar.reader, "document", lambda: Document(500_000))
    bar._typed()
    assert searched == [1] and not bar._timer.isActive()  # at once
    monkeypatch.setattr(bar.reader, "document", lambda: Document(500_001))
    bar._typed()
    assert searched == [1] and bar._timer.isActive() and bar._timer.interval() == 250
    bar._timer.stop()


@pytest.mark.parametrize("then", ["zeppelin", "boat("])  # no match; not an expression (with .*)
def test_a_match_no_longer_found_is_no_longer_selected(bar, qtbot, then):
    qtbot.keyClicks(bar.field, "boat")
    assert bar.reader.textCursor().selectedText().casefold() == "boat"
    bar.options["regex"].setChecked(then.endswith("("))
    bar.field.setText(then)
    assert not bar.reader.textCursor().hasSelection()  # H now highlights nothing stale
