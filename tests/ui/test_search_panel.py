"""Library search in its dock (Ctrl+Shift+F): bold matches, filters, marks in the reader,
saved searches, tagging every result, paging."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextCharFormat, QTextDocument

from desktop.library import Position, SearchHit
from desktop.ui import asking
from desktop.ui.app import open_window
from desktop.ui.search_marks import LIGHT
from desktop.ui.search_results import hit_html, hit_text

SEED = "004_63b56b2bea8ad07d.txt"


def search(panel, text: str, speaker: str = "", tag: str = "", transcript: str = "") -> None:
    panel.refresh_choices()
    panel.speaker.setEditText(speaker)
    panel.tag.setEditText(tag)
    panel.transcript.setEditText(transcript)
    panel.query.setText(text)
    panel.run()


def window_rect(widget, window) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def test_ctrl_shift_f_opens_a_dock_beside_the_reader_and_a_result_opens_its_turn(window, seeds, qtbot):
    other = window.library.import_file(seeds / SEED).id
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.search_panel
    assert window.search_dock.isVisible() and not window.search_dock.isFloating()
    qtbot.waitUntil(panel.query.hasFocus)
    assert not window_rect(window.search_dock, window).intersects(window_rect(window.reader, window))
    assert window.reader.width() > 300 and window.reader.height() > 200

    qtbot.keyClicks(panel.query, '"neural network"')
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert panel.model.rowCount() > 5 and panel.status.text().endswith("turns")
    hit = panel.model.record(0)
    panel.results.activated.emit(panel.model.index(0))
    assert window.transcript_id == other
    qtbot.waitUntil(lambda: window.reader.turn_at_top() == hit.turn)
    assert window.search_dock.isVisible()  # the results stay beside the reader

    qtbot.keyClick(panel.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.reader.hasFocus)
    search(panel, '"')
    assert panel.status.text() == "nothing to search for in '\"': type a word"


def test_the_dock_is_remembered_with_the_window_state(window, library, settings, qtbot):
    window.open_search()
    window.removeDockWidget(window.search_dock)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.search_dock)
    window.search_dock.show()
    window.close()
    again = open_window(library, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.search_dock.isVisible()
    assert again.dockWidgetArea(again.search_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    again.close()


def test_snippets_show_matches_in_bold_and_the_rest_as_written(window, tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text("Ann: The <b>tag</b> & the flood of AT&T, <i>twice</i>.\n")
    tid = window.library.import_file(path).id
    panel = window.search_panel
    search(panel, "flood", transcript="markup")
    hit = panel.model.record(0)
    assert hit.transcript_id == tid
    html = hit_html(hit, "#777777")
    assert "<b>flood</b>" in html and "&lt;b&gt;tag&lt;/b&gt; &amp; the" in html and "AT&amp;T" in html
    document = QTextDocument()
    document.setHtml(html)
    assert document.toPlainText() == "markup · turn 1 · Ann\nThe <b>tag</b> & the flood of AT&T, <i>twice</i>."
    assert document.find("flood").charFormat().fontWeight() > 400
    assert document.find("tag").charFormat().fontWeight() <= 400
    assert hit_text(hit) == "markup · turn 1 · Ann\nThe <b>tag</b> & the flood of AT&T, <i>twice</i>."
    panel.results.resize(400, 300)
    assert not panel.results.grab().isNull()  # the delegate paints


def test_hit_html_escapes_the_title_and_speaker():
    hit = SearchHit(1, "Q&A <live>", 0, "A&B", "x \x02y\x03")
    assert hit_html(hit, "#777").startswith('<div style="color:#777; font-size:small">Q&amp;A &lt;live&gt; · turn 1')


def test_each_filter_narrows_the_results(window, seeds):
    window.library.import_file(seeds / SEED)
    sample = window.transcript_id
    window.library.highlights.add(sample, Position(5, 0), Position(5, 5), tags=["place/river"])
    panel = window.search_panel
    cases = [("", "", "", 110), ("Lex Fridman", "", "", 46), ("", "", "sample", 12), ("Tomás Reyes", "", "sample", 9),
             ("", "place", "", 1), ("", "place/river", "sample", 1), ("Maya Okafor", "place", "", 0)]  # fmt: skip
    for speaker, tag, transcript, count in cases:
        search(panel, "the", speaker, tag, transcript)
        assert panel._total == count, (speaker, tag, transcript)
        assert panel.model.rowCount() == min(count, 50)
        if speaker:
            assert {h.speaker for h in panel.model.records()} <= {speaker}
    search(panel, "the", "Nobody")
    assert panel.status.text() == "no speaker is called 'Nobody'" and panel.model.rowCount() == 0
    search(panel, "the", transcript="no such title")
    assert panel.status.text() == "no transcript is called 'no such title'"


def test_jumping_marks_the_matched_words_until_esc_or_a_new_search(window, qtbot):
    panel = window.search_panel
    window.open_search()
    search(panel, "flood*")
    assert panel.model.rowCount() == 2
    panel.results.activated.emit(panel.model.index(1))
    reader = window.reader
    turns = reader.turns
    marked = [(reader.library_position(a), reader.library_position(b, is_end=True)) for a, b in panel.marks.spans]
    assert [turns[a.turn].text[a.offset : b.offset] for a, b in marked] == ["floods", "flood", "flood"]
    painted = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()}
    turn = panel.model.record(1).turn
    in_view = {span for span, (a, _) in zip(panel.marks.spans, marked, strict=True) if a.turn == turn}
    assert in_view and in_view <= painted  # marks are painted near the view, as highlights are
    assert reader.in_view(Position(turn, 0))
    window.activateWindow()
    panel.query.setFocus()
    qtbot.keyClick(panel.query, Qt.Key.Key_Escape)  # back to the reader; the marks stay
    qtbot.waitUntil(reader.hasFocus)
    assert len(panel.marks.spans) == 3
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert panel.marks.spans == []
    assert not set(panel.marks.spans) & {(s.cursor.selectionStart(), s.cursor.selectionEnd())
                                         for s in reader.extraSelections()}  # fmt: skip

    panel.results.activated.emit(panel.model.index(0))
    assert len(panel.marks.spans) == 3
    search(panel, "ledger")
    assert panel.marks.spans == []


def test_marks_never_pass_for_highlights_and_a_highlight_on_marked_words_shows(window, qtbot):
    """A mark is a blue underline on a pale fill no band has; over a highlight only the
    underline is drawn, so the band, and a highlight just made on marked words, shows."""
    panel = window.search_panel
    window.open_search()
    search(panel, "flood*")
    panel.results.activated.emit(panel.model.index(1))
    reader = window.reader

    def paint(span):  # the formats painted over a span, bottom to top
        return [
            QTextCharFormat(s.format)
            for s in reader.extraSelections()
            if (s.cursor.selectionStart(), s.cursor.selectionEnd()) == span
        ]

    painted = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()}
    first, second = [span for span in panel.marks.spans if span in painted][:2]
    [mark] = paint(first)
    assert mark.background().style() == Qt.BrushStyle.NoBrush  # no fill: a highlight is a fill
    assert mark.foreground().color().name() == mark.underlineColor().name() == LIGHT
    window.activateWindow()
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    reader.select_span(reader.library_position(first[0]), reader.library_position(first[1], is_end=True))
    qtbot.keyClick(reader, Qt.Key.Key_H)
    band, mark = paint(first)  # the highlight's band, then the mark's line on top
    assert band.background().style() != Qt.BrushStyle.NoBrush
    assert mark.background().style() == Qt.BrushStyle.NoBrush and mark.underlineColor().name() == LIGHT
    assert mark.foreground().style() == Qt.BrushStyle.NoBrush  # the band's text colour stays
    assert [f.foreground().color().name() for f in paint(second)] == [LIGHT]  # untouched marks stay blue
    assert len(panel.marks.spans) == 3


def test_saved_searches_persist_in_the_settings(window, library, settings, qtbot, monkeypatch):
    panel = window.search_panel
    search(panel, "the", speaker="Maya Okafor", transcript="sample")
    panel.save_search("Maya's 'the'")
    monkeypatch.setattr(asking, "ask_text", lambda *args, **kwargs: ("  ledger   search ", True))
    search(panel, "ledger")
    panel.save_search()
    assert [panel.saved.itemText(i) for i in range(panel.saved.count())] == ["ledger search", "Maya's 'the'"]
    window.close()

    again = open_window(library, settings)
    qtbot.addWidget(again)
    panel = again.search_panel
    assert [panel.saved.itemText(i) for i in range(panel.saved.count())] == ["ledger search", "Maya's 'the'"]
    panel.run_saved("Maya's 'the'")
    assert panel.query.text() == "the" and panel.speaker.currentText() == "Maya Okafor"
    assert panel.transcript.currentText() == "sample" and panel._total == 3
    panel.saved.setCurrentIndex(0)
    panel.delete_saved()
    assert [panel.saved.itemText(i) for i in range(panel.saved.count())] == ["Maya's 'the'"]
    again.close()


def test_tag_all_results_tags_exactly_the_matches_and_ctrl_z_takes_it_back(window, seeds, qtbot):
    window.library.import_file(seeds / SEED)
    sample = window.transcript_id
    panel = window.search_panel
    search(panel, "flood*", speaker="Tomás Reyes")
    with qtbot.waitSignal(window.session.changed):
        panel.tag_all("topic/water")
    made = window.library.highlights.list()
    turns = window.library.transcripts.turns(sample)
    assert [(h.transcript_id, h.start.turn, turns[h.start.turn].text[h.start.offset : h.end.offset], h.tags)
            for h in made] == [(sample, 5, "floods", ["topic/water"]), (sample, 5, "flood", ["topic/water"]),
                               (sample, 11, "flood", ["topic/water"])]  # fmt: skip
    assert panel.status.text() == "3 passages tagged “topic/water”: 3 new highlights; Ctrl+Z undoes it"
    assert window.session.undo_stack.undoText() == "Tag search results topic/water"
    assert len(window.reader.highlight_spans()) == 3

    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.highlights.list() == [] and window.library.tags.find("topic/water") is None
    assert window.reader.highlight_spans() == []
    assert window.session.redo()
    assert [h.id for h in window.library.highlights.list()] == [h.id for h in made]


def test_tag_all_when_the_matches_are_gone_keeps_no_undo_step(window, qtbot):
    panel = window.search_panel
    search(panel, "ledger")
    sample = window.transcript_id
    window.session.run(lambda: window.library.corrections.replace(sample, "Ledger", "Notebook"))  # edited meanwhile
    steps = window.session.undo_stack.count()
    panel.tag_all("word")
    assert panel.status.text() == "nothing matched, so nothing was tagged “word”"
    assert window.session.undo_stack.count() == steps and window.library.tags.find("word") is None


def test_tag_all_asks_for_the_tag(window, monkeypatch):
    from desktop.ui.tag_picker import TagPicker

    panel = window.search_panel
    search(panel, "ledger")
    monkeypatch.setattr(TagPicker, "exec", lambda picker: picker.field.setText("word") or 1)
    panel.tag_all()
    assert [h.tags for h in window.library.highlights.list()] == [["word"]]
    monkeypatch.setattr(TagPicker, "exec", lambda picker: 0)
    panel.tag_all()
    assert window.session.undo_stack.count() == 1


def test_results_come_a_page_at_a_time_under_the_count_of_every_match(window, seeds, qtbot):
    window.library.import_file(seeds / SEED)
    panel = window.search_panel
    window.open_search()
    search(panel, "the")
    total = window.library.count_matches("the")
    assert total > 100 and panel.model.rowCount() == 50
    assert panel.status.text() == f"{total:,} turns, best first; 50 shown, scroll for more"
    bar = panel.results.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert panel.model.rowCount() == 100
    assert [h.turn for h in panel.model.records()[:50]] == [h.turn for h in window.library.search("the")]
    while panel.more():
        pass
    assert panel.model.rowCount() == total and panel.status.text() == f"{total:,} turns"
    search(panel, '"neural network" AND zebra')
    assert panel.status.text() == "No matches" and panel.more() == 0 and not panel.tag_button.isEnabled()


def test_the_panel_says_when_the_ranked_window_is_all_shown(window, seeds, monkeypatch):
    from desktop.library import search as library_search

    monkeypatch.setattr(library_search, "RANK_WINDOW", 60)
    window.library.import_file(seeds / SEED)
    panel = window.search_panel
    search(panel, "the")
    total = window.library.count_matches("the")
    assert total > 60 and panel.status.text().endswith("scroll for more; the newest 60 are ranked")
    assert panel.more() == 10 and panel.more() == 0 and panel.model.rowCount() == 60
    assert panel.status.text() == f"{total:,} turns; the newest 60 ranked and shown: add a word for the rest"


def test_results_pass_the_model_tester(window, qtmodeltester):
    search(window.search_panel, "the")
    qtmodeltester.check(window.search_panel.model)


def test_tag_all_can_take_in_each_match_s_sentence_or_turn_and_remembers_which(window, settings, qtbot):
    panel = window.search_panel
    search(panel, "flood*", speaker="Tomás Reyes")
    panel.extent.setCurrentIndex(panel.extent.findData("sentence"))
    panel.tag_all("flood/sentence")
    quotes = [h.quote for h in window.library.highlights.list(tag="flood/sentence")]
    assert quotes and all(q[0].isupper() and q.rstrip("”\"'").endswith((".", "!", "?")) for q in quotes)
    assert all("flood" in q.casefold() for q in quotes)
    assert panel.status.text().startswith(f"{len(quotes)} passages tagged “flood/sentence”")
    assert settings.value("search/extent") == "sentence"
    panel.extent.setCurrentIndex(panel.extent.findData("turn"))
    panel.tag_all("flood/turn")
    turns = window.library.transcripts.turns(window.transcript_id)
    whole = [(h.start.offset, h.end.offset, h.quote) for h in window.library.highlights.list(tag="flood/turn")]
    assert whole and all(start == 0 and quote == turns[h.start.turn].text for (start, _, quote), h in
                         zip(whole, window.library.highlights.list(tag="flood/turn"), strict=True))  # fmt: skip


def test_a_result_far_down_a_long_transcript_is_marked_at_once(window, seeds, qtbot):
    """Opening a result pages on, while the transcript is still being laid out: its matches are
    painted with the jump (the view's stretch was once found pages off, and nothing showed)."""
    for seed in sorted(seeds.glob("*.txt")):  # two transcripts' results, as a person has them
        window.library.import_file(seed)
    tid = next(t.id for t in window.library.transcripts.list() if t.title == SEED.removesuffix(".txt"))
    window.open_transcript(tid)
    panel = window.search_panel
    window.open_search()
    search(panel, "science")
    row = next(r for r in range(panel.model.rowCount()) if panel.model.record(r).transcript_id == tid)
    assert panel.model.record(row).turn > 80
    panel.results.activated.emit(panel.model.index(row))
    reader = window.reader
    qtbot.wait(100)
    painted = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()}
    in_view = [span for span in panel.marks.spans if reader.in_view(reader.library_position(span[0]))]
    assert in_view and set(in_view) <= painted
