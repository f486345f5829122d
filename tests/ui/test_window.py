"""The main window, driven through its widgets: first run, reading, turn list, state."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor

from desktop.formats.clock import format_clock
from desktop.library import Position
from desktop.ui import asking
from desktop.ui.app import open_window


def test_first_run_opens_the_sample(window, library):  # item 1
    assert [t.title for t in library.transcripts.list()] == ["sample"]
    assert window.windowTitle() == "sample — Talkmark"
    text = window.reader.toPlainText()
    assert text.startswith("Maya Okafor   0:04\nWelcome to Field Notes")
    assert window.library_panel.model.rowCount() == 1


def test_a_second_start_does_not_import_the_sample_again(qtbot, library, settings, window):
    library.transcripts.delete(library.transcripts.list()[0].id)
    again = open_window(library, settings)
    qtbot.addWidget(again)
    assert library.transcripts.list() == []


def test_reader_shows_turns_with_speakers_and_times(window):  # item 3
    reader = window.reader
    assert len(reader.turns) == 20
    block = reader.document().findBlock(reader._headings[1])
    assert block.text() == "Tomás Reyes   0:17"
    colour_a = block.begin().fragment().charFormat().foreground().color().name()
    first = reader.document().findBlock(reader._headings[0]).begin().fragment().charFormat().foreground().color()
    assert colour_a != first.name()  # speakers in different colours


def test_unlabelled_transcripts_read_as_paragraphs(window, seeds):  # item 3
    tid = window.library.import_file(seeds / "000_d23df86fad9ea286.txt").id
    window.open_transcript(tid)
    assert len(window.reader.turns) == 384
    assert window.reader._headings == window.reader._starts  # no heading lines, only paragraphs
    assert not window.turn_list.speaker.isVisible()


def test_paragraphs_of_a_turn_are_parted_by_a_pause_not_a_blank_line(window, tmp_path):
    (tmp_path / "talk.txt").write_text("Ann: First paragraph.\n\nSecond paragraph.\n\nBen: Yes.\n\nAnn: Fine.\n")
    window.open_transcript(window.library.import_file(tmp_path / "talk.txt").id)
    reader = window.reader
    assert reader.turns[0].text == "First paragraph.\n\nSecond paragraph."
    layout = reader.document().documentLayout()
    first = reader.document().findBlock(reader._starts[0])
    blank, second = first.next(), first.next().next()
    assert (first.text(), blank.text(), second.text()) == ("First paragraph.", "", "Second paragraph.")
    name = reader.document().findBlock(reader._headings[1])
    line = layout.blockBoundingRect(first).top() - layout.blockBoundingRect(first.previous()).top()  # name to text
    pause = layout.blockBoundingRect(second).top() - layout.blockBoundingRect(blank).top()
    between = layout.blockBoundingRect(second).top() - layout.blockBoundingRect(first).top()
    before_name = layout.blockBoundingRect(name).top() - layout.blockBoundingRect(second).top()
    assert pause < line / 2  # the empty line is next to nothing
    assert between < before_name  # paragraphs part less than speakers do (a line of text each)
    below = reader.cursorRect(QTextCursor(second)).center()
    below.setY(below.y() - reader.cursorRect(QTextCursor(second)).height() // 3)  # the upper part of its first line
    assert reader.cursorForPosition(below).block() == second  # a click there lands on its words
    start = reader.document_position(Position(0, len("First paragraph.\n\n")))
    assert reader.document().findBlock(start) == second  # offsets in the text unchanged


def test_font_size_steps_and_is_remembered(window, settings, qtbot):  # item 3
    before = window.reader.font().pointSizeF()
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() > before
    assert float(settings.value("font_size")) == window.reader.font().pointSizeF()
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() < before


def test_clicking_a_turn_scrolls_the_reader_and_the_list_follows(window, seeds, qtbot):  # item 4
    tid = window.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    window.open_transcript(tid)
    view = window.turn_list.view
    index = window.turn_list.model.index(40)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert window.reader.turn_at_top() == 40

    window.reader.scroll_to(Position(90, 0))
    qtbot.waitUntil(lambda: view.currentIndex().row() == 90)


def test_turn_list_filters_by_speaker(window):  # item 4
    window.turn_list.speaker.setCurrentText("Maya Okafor")
    records = window.turn_list.model.records()
    assert len(records) == 10 and {t.speaker for t in records} == {"Maya Okafor"}
    assert window.turn_list.model.data(window.turn_list.model.index(0)).startswith(f"Maya Okafor · {format_clock(4)}")


def test_library_panel_lists_counts_and_filters(window, library, seeds, qtbot):  # item 2
    window.session.run(lambda: library.import_file(seeds / "004_63b56b2bea8ad07d.txt"))
    panel = window.library_panel
    assert [r.title for r in panel.model.records()] == ["004_63b56b2bea8ad07d", "sample"]
    assert panel.model.data(panel.model.index(0)) == ("004_63b56b2bea8ad07d\n2 speakers · 131 turns · 0 highlights")
    panel.filter.setText("Tomás")
    qtbot.waitUntil(lambda: [r.title for r in panel.model.records()] == ["sample"])


def test_library_panel_rename_and_delete(window, library, monkeypatch):  # item 2
    from PySide6.QtWidgets import QMessageBox

    panel = window.library_panel
    panel.view.setCurrentIndex(panel.model.index(0))
    monkeypatch.setattr(asking, "ask_text", lambda *a, **k: ("Field Notes 1", True))
    panel.rename_current()
    assert panel.model.records()[0].title == "Field Notes 1"
    window.session.undo_stack.undo()
    assert panel.model.records()[0].title == "sample"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.delete_current()
    assert panel.model.rowCount() == 0 and window.reader.turns == [] and library.transcripts.list() == []


def test_state_is_remembered(qtbot, library, settings, window, seeds):  # item 10
    tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    window.open_transcript(tid)
    window.reader.scroll_to(Position(77, 0))
    window.split.setSizes([200, 800, 300])
    window.close()

    again = open_window(library, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.transcript_id == tid
    qtbot.waitUntil(lambda: abs(again.reader.turn_at_top() - 77) <= 1)
    assert again.split.sizes()[0] == window.split.sizes()[0]


def test_opening_transcripts_does_not_pile_up_documents(window, qtbot, seeds):
    from PySide6.QtGui import QTextDocument

    other = window.library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    first = window.transcript_id
    for _ in range(5):
        window.open_transcript(other)
        window.open_transcript(first)
    qtbot.waitUntil(lambda: len([c for c in window.reader.children() if isinstance(c, QTextDocument)]) == 1)


def test_dark_theme_is_applied_and_remembered(window, settings, qapp):  # item 3
    from desktop.ui.palette import is_dark

    window.set_theme("dark")
    assert is_dark(qapp.palette()) and settings.value("theme") == "dark"
    window.set_theme("light")
    assert not is_dark(qapp.palette())


def test_main_with_files_imports_them_and_opens_the_last(tmp_path, monkeypatch, qapp, qtbot):  # item 1
    from desktop.library import Library
    from desktop.ui import app as app_module
    from tests.conftest import FIXTURES

    monkeypatch.setenv("TALKMARK_LIBRARY", str(tmp_path / "lib.sqlite"))
    monkeypatch.setattr(app_module, "QSettings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    running = app_module.launch([str(FIXTURES / "otter.txt")])
    try:
        qtbot.waitUntil(lambda: running.window.job is None and running.window.windowTitle() == "otter — Talkmark",
                        timeout=30_000)  # fmt: skip
    finally:
        running.close()
    with Library(tmp_path / "lib.sqlite", write=False) as library:
        assert sorted(t.title for t in library.transcripts.list()) == ["otter", "sample"]
