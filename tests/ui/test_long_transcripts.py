"""The reader with characters beyond the BMP, many highlights and a long transcript: a click
finds the right highlight, only highlights near the view are handed to Qt (all are painted
where they lie), and a long transcript is laid out in the background to its end."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor

from desktop.library import Position
from desktop.ui.record_model import RecordListModel

MIC = "\U0001f399\ufe0f"  # 🎙️


def open_text(window, tmp_path, text: str) -> int:
    path = tmp_path / "talk.txt"
    path.write_text(text, encoding="utf-8")
    tid = window.session.import_file(path).id
    window.open_transcript(tid)
    return tid


def click(qtbot, reader, position: Position) -> None:
    reader.reveal(position)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.document_position(position))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=reader.cursorRect(cursor).center())


def test_a_click_after_emoji_chooses_the_highlight_there(active, qtbot, tmp_path):
    text = f"Maya: Welcome {MIC} to the show {MIC} today. We talk 😀 about boats {MIC} and ledgers.\n\nTomás: Thanks."
    tid = open_text(active, tmp_path, text)
    turn = active.reader.turns[0].text
    spans = {}
    for phrase in ("the show", "boats", "and ledgers"):
        start = turn.index(phrase)
        span = Position(0, start), Position(0, start + len(phrase))
        spans[phrase] = active.session.add_highlight(tid, *span)
    for phrase in ("and ledgers", "the show", "boats"):
        click(qtbot, active.reader, Position(0, turn.index(phrase) + 2))
        assert active.annotator.target() == spans[phrase]
        assert active.highlights_panel.current_id() == spans[phrase]
        assert active.reader.library_position(active.reader.textCursor().position()) == Position(
            0, turn.index(phrase) + 2
        )
    click(qtbot, active.reader, Position(0, turn.index("Welcome")))
    assert active.annotator.target() is None


def test_positions_round_trip_through_paragraphs_and_emoji(window, tmp_path):
    open_text(window, tmp_path, f"Maya: One {MIC} two.\n\nThree 😀😀 four.\n\nFive.\n\nTomás: {MIC}")
    reader = window.reader
    assert reader.toPlainText().endswith(reader.turns[-1].text)
    for turn, record in enumerate(reader.turns):
        for offset in range(len(record.text) + 1):
            here = Position(turn, offset)
            assert reader.library_position(reader.document_position(here), is_end=True) == here


def long_transcript(turns: int) -> str:
    line = "Some words of an interview about boats, ledgers and floods, said at length. " * 25
    return "\n\n".join(f"{'Maya' if n % 2 else 'Tomás'}: {n} {MIC} {line}" for n in range(turns))


def test_only_highlights_near_the_view_go_to_qt_and_each_is_painted_where_it_lies(window, qtbot, tmp_path):
    tid = open_text(window, tmp_path, long_transcript(300))
    reader = window.reader
    ids = [window.session.add_highlight(tid, Position(turn, 10), Position(turn, 30)) for turn in (0, 150, 290)]
    first, _, last = reader.highlight_spans()  # each where it lies, in the document
    painted = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()}
    assert painted == {first}  # the one at the top; the others wait until they come near
    reader.scroll_to(Position(290, 0))
    painted = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()}
    assert painted == {last}
    click(qtbot, reader, Position(290, 15))
    assert window.annotator.target() == ids[2]


def test_a_long_transcript_is_laid_out_in_the_background_to_its_end(window, qtbot, tmp_path):
    open_text(window, tmp_path, long_transcript(400))
    reader = window.reader
    last = reader.document().lastBlock()
    assert not reader.laid_out and last.layout().lineCount() == 0  # opening did not lay it all out
    qtbot.waitUntil(lambda: reader.laid_out, timeout=20_000)
    assert last.layout().lineCount() > 0  # the pacer did, without being asked


def test_a_record_added_to_a_long_list_is_one_inserted_row(qtbot):
    model = RecordListModel(str)
    model.set_records(list(range(0, 2000, 2)))
    events = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda parent, first, last: events.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda parent, first, last: events.append(("removed", first, last)))
    model.dataChanged.connect(lambda top, bottom: events.append(("changed", top.row(), bottom.row())))
    model.update_records(sorted([*range(0, 2000, 2), 7]))
    model.update_records([n for n in model.records() if n != 500])
    model.update_records([-1 if n == 0 else n for n in model.records()])
    assert events == [("inserted", 4, 4), ("removed", 251, 251), ("changed", 0, 0)]
    model.update_records(list(range(100)))
    assert events[-1] == "reset" and model.records() == list(range(100))
    assert model.index(99).data() == "99" and not model.index(0, 0, model.index(1)).isValid()
    assert model.rowCount(QModelIndex()) == 100


def qt_find(reader, text: str) -> list[tuple[int, int]]:
    """Every match as QTextDocument.find gives it (what find used to call, match by match)."""
    found, cursor = [], QTextCursor(reader.document())
    while not (cursor := reader.document().find(text, cursor)).isNull():
        found.append((cursor.selectionStart(), cursor.selectionEnd()))
    return found


def test_find_marks_what_qt_would_find_headings_and_emoji_included(window, qtbot, tmp_path):
    text = f"Maya: It’s {MIC} MAYA’s turn.\n\nA\u00a0b {MIC}{MIC} a b.\n\nTomás: maya? 😀 It’s so."
    open_text(window, tmp_path, text)
    reader = window.reader
    for text in ("maya", "it’s", MIC, "😀 it", "a b", "tomÁs", "so."):
        assert reader.find(text) == len(qt_find(reader, text)) > 0
        assert reader._matches == qt_find(reader, text)
    reader.find("maya")
    reader.next_match()
    reader.next_match()
    cursor = reader.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == qt_find(reader, "maya")[1]


def test_the_blank_line_between_paragraphs_is_not_painted(window, tmp_path):
    tid = open_text(window, tmp_path, "Ann: First paragraph here.\n\nSecond one.\n\nThird.\n\nBob: Yes.\n")
    text = window.reader.turns[0].text
    window.session.run(lambda: window.library.highlights.add(tid, Position(0, 6), Position(1, 3)))
    pieces = []
    for begin, end in window.reader.highlight_spans():
        cursor = QTextCursor(window.reader.document())
        cursor.setPosition(begin)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        pieces.append(cursor.selectedText())
    assert pieces == ["paragraph here.", "Second one.", "Third.", "Yes"]  # no empty line, no name
    assert text.count("\n\n") == 2
