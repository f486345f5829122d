"""The Reports window (Ctrl+R) on a small coded library with known numbers (tests/coded_library.py)."""

from __future__ import annotations

import csv
import threading
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication

from desktop.library import Position
from desktop.ui import report_tabs
from desktop.ui.reader_style import FALLBACK_SPEAKER_COLOUR
from desktop.ui.report_filters import NO_DATE
from tests.ui.conftest import shown_window


@pytest.fixture
def window(qtbot, library, settings, coded):
    """The main window on the coded library (no sample: the library is not empty)."""
    win = shown_window(qtbot, library, settings)
    yield win
    win.close()


@pytest.fixture
def reports(window, qtbot):
    """The Reports window opened with Ctrl+R in the reader, its first table computed."""
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    shown = window.reports_window
    assert shown is not None and shown.isVisible()
    wait_for(qtbot, shown)
    return shown


def wait_for(qtbot, reports):
    """Until the shown tab's report is computed."""
    qtbot.waitUntil(lambda: not reports.computing and reports.tabs.currentWidget() not in reports._stale)


def shown(tab):
    """The tree as the user sees it: {row path: [cell texts]} and the top-level labels."""
    model = tab.model
    cells = {}
    for row in range(len(model.row_names())):
        index = model.index_of_row(row)
        cells[model.row_name(row)] = [index.siblingAtColumn(c).data() for c in range(1, model.columnCount())]
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    return top, cells


def test_ctrl_r_opens_one_window_with_the_known_matrix(window, reports, qtbot):
    top, cells = shown(reports.matrix)
    assert reports.matrix.model.column_names() == ["Ann", "Bob", "Cy"]
    assert top == ["loss", "theme"]  # place and work fold under theme
    theme = reports.matrix.model.index(1, 0)
    assert [reports.matrix.model.index(r, 0, theme).data() for r in range(2)] == ["place", "work"]
    assert cells == {"loss": ["0", "1", "2"], "theme": ["3", "1", "2"], "theme/place": ["2", "1", "2"],
                     "theme/work": ["1", "0", "0"]}  # fmt: skip
    zero = reports.matrix.model.index_of_row(0, 1)  # loss × Ann
    one = reports.matrix.model.index_of_row(0, 2)
    assert zero.data(Qt.ItemDataRole.ForegroundRole).alphaF() < 0.5 and one.data(Qt.ItemDataRole.ForegroundRole) is None
    assert one.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    window.activateWindow()
    qtbot.keyClick(window.reader, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.reports_window is reports  # one window, brought to the front


def test_columns_and_measure_switch_the_numbers(reports, qtbot):
    tab = reports.matrix
    tab.measure.setCurrentIndex(tab.measure.findData("words"))
    wait_for(qtbot, reports)
    assert shown(tab)[1]["loss"] == ["0", "4", "3"]  # Bob's part of h5; Cy's "Everything" + "the photographs"
    tab.measure.setCurrentIndex(tab.measure.findData("share"))
    wait_for(qtbot, reports)
    assert shown(tab)[1]["loss"] == ["0 %", "44.4 %", "33.3 %"]  # 4 of Bob's 9 words, 3 of Cy's 9
    tab.measure.setCurrentIndex(tab.measure.findData("count"))
    tab.by.setCurrentIndex(tab.by.findData("site"))
    wait_for(qtbot, reports)
    assert tab.model.column_names() == ["coast", "river"]
    assert shown(tab)[1]["loss"] == ["2", "0"] and shown(tab)[1]["theme/work"] == ["0", "1"]
    tab.by.setCurrentIndex(tab.by.findData("role"))  # a speaker attribute
    wait_for(qtbot, reports)
    assert tab.model.column_names() == ["interviewer", "participant"]
    assert shown(tab)[1]["loss"] == ["1", "2"]


def test_clicking_a_cell_lists_its_highlights_and_one_opens_in_the_reader(window, reports, coded, qtbot):
    tab = reports.matrix
    index = tab.model.index_of_row(tab.model.row_names().index("theme/place"), 1)  # × Ann
    tab.view.scrollTo(index)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=tab.view.visualRect(index).center())
    listed = reports.cell_list
    qtbot.waitUntil(lambda: listed.topLevelItemCount() == 2)
    rows = [[listed.topLevelItem(i).text(c) for c in range(4)] for i in range(2)]
    assert rows == [["Ann", "“grew up by the river”", "2024-03-05 River", "turn 1"],
                    ["Ann → Bob", "“Did you? Yes, near”", "2024-03-05 River", "turn 1"]]  # fmt: skip
    assert reports.cell_title.text().startswith("theme/place × Ann: 2 highlights")
    assert reports.chart.labels == ["Ann", "Bob", "Cy"] and reports.chart.values == [2, 1, 2]  # the row's chart

    window.open_transcript(coded.b)
    listed.setCurrentItem(listed.topLevelItem(1))
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert window.transcript_id == coded.a
    assert window.highlights_panel.current_id() == coded.h[2]
    assert window.reader.covers(coded.h[2], window.reader.textCursor().position())


def test_a_column_header_charts_the_column(reports, qtbot):
    header = reports.matrix.view.header()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(3) + 5, 5))
    assert reports.chart.title.startswith("Cy")
    assert reports.chart.labels == ["loss", "theme", "theme/place", "theme/work"]
    assert reports.chart.values == [2, 2, 2, 0]


def test_cooccurrence_same_and_overlapping(reports, coded, qtbot):
    reports.tabs.setCurrentWidget(reports.cooccurrence)
    wait_for(qtbot, reports)
    tab = reports.cooccurrence
    assert tab.model.column_names() == ["loss", "theme", "theme/place", "theme/work"]
    assert shown(tab)[1]["theme/place"] == ["1", "4", "4", "0"]  # h6 carries loss and theme/place
    tab.mode.setCurrentIndex(tab.mode.findData("overlap"))
    wait_for(qtbot, reports)
    assert shown(tab)[1]["theme/place"] == ["0", "0", "4", "0"]  # no two highlights overlap yet
    lib = reports.session.library
    reports.session.run(lambda: lib.highlights.add(coded.a, Position(0, 2), Position(0, 12), tags=["loss"]))
    qtbot.waitUntil(lambda: shown(tab)[1]["theme/place"][0] == "1")  # recomputed on the change


def test_speakers_tab(reports, qtbot):
    reports.tabs.setCurrentWidget(reports.speakers)
    wait_for(qtbot, reports)
    view = reports.speakers.view
    rows = {view.item(r, 0).text(): [view.item(r, c).text() for c in (1, 3, 5, 6)] for r in range(view.rowCount())}
    assert rows == {"Ann": ["13", "2", "6.5", "1"], "Bob": ["9", "2", "4.5", "1"], "Cy": ["9", "2", "4.5", "0"]}
    assert [view.item(r, 0).text() for r in range(3)] == ["Ann", "Bob", "Cy"]  # most words first
    assert view.item(0, 2).data(report_tabs.SHARE_ROLE)[0] == pytest.approx(13 / 31)
    view.setCurrentCell([view.item(r, 0).text() for r in range(3)].index("Bob"), 0)
    assert reports.chart.title == "Bob: turns by length"
    assert reports.chart.values[:2] == [2, 0]  # 5 and 4 words


def test_speakers_keep_their_reader_colours_for_one_transcript(reports, window, tmp_path, qtbot):
    """Most words first in the table, yet each speaker's bars in the colour the reader gives
    them (by when they first speak), and unlabelled turns in the reader's colour for those."""
    text = "Welcome to the show.\n\nAnn: Hi?\n\nZed: A long answer of many words.\n\nAnn: Why?\n\nZed: Because.\n"
    (tmp_path / "short.txt").write_text(text)
    tid = reports.session.import_file(tmp_path / "short.txt").id
    window.open_transcript(tid)
    reports.filter_bar.reload()
    reports.filter_bar.transcripts.check([tid])
    reports.tabs.setCurrentWidget(reports.speakers)
    qtbot.waitUntil(lambda: reports.speakers.view.rowCount() == 3 and not reports.computing)
    view = reports.speakers.view
    bars = {view.item(r, 0).text(): view.item(r, 2).data(report_tabs.SHARE_ROLE)[1] for r in range(3)}
    assert [view.item(r, 0).text() for r in range(3)] == ["Zed", "(no speaker)", "Ann"]  # by words
    assert bars == {**window.shown.speaker_colours, "(no speaker)": FALLBACK_SPEAKER_COLOUR}
    assert bars["Ann"] != bars["Zed"]
    view.setCurrentCell(2, 0)  # Ann: her turn lengths charted in her colour, on screen and in a PNG
    assert reports.chart.title == "Ann: turns by length" and reports.chart.colour == bars["Ann"]
    image = reports.chart.image(scale=1.0)
    pixels = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert bars["Ann"] in pixels and bars["Zed"] not in pixels


def test_filters_apply_to_every_tab(reports, qtbot):
    bar = reports.filter_bar
    bar.tags.check(["loss"])
    qtbot.waitUntil(lambda: shown(reports.matrix)[0] == ["loss"])
    bar.tags.clear()
    bar.attributes.check([("site", "coast")])
    qtbot.waitUntil(lambda: shown(reports.matrix)[1].get("theme/work") == ["0", "0"])
    assert reports.matrix.model.column_names() == ["Bob", "Cy"]  # Ann speaks only at the river
    assert bar.attributes.text() == "Attributes: site = coast"
    reports.tabs.setCurrentWidget(reports.speakers)
    wait_for(qtbot, reports)
    assert sorted(reports.speakers.view.item(r, 0).text() for r in range(reports.speakers.view.rowCount())) == [
        "Bob", "Cy"]  # fmt: skip
    bar.clear()
    bar.since.setDate(bar.since.date().fromString("2024-06-01", "yyyy-MM-dd"))
    assert bar.filters().since == date(2024, 6, 1) and bar.filters().until is None
    reports.tabs.setCurrentWidget(reports.matrix)
    qtbot.waitUntil(lambda: shown(reports.matrix)[1].get("theme/work") == ["0", "0"])
    bar.since.setDate(NO_DATE)
    qtbot.waitUntil(lambda: shown(reports.matrix)[1].get("theme/work") == ["1", "0", "0"])


def test_a_typed_comparison_becomes_a_checked_attribute_filter(reports, qtbot):
    bar = reports.filter_bar
    bar.attributes.search.setText("age > 50")
    qtbot.keyClick(bar.attributes.search, Qt.Key.Key_Return)
    assert bar.attributes.checked_items() == [("age", ("age", ">50"))] and bar.attributes.search.text() == ""
    assert bar.filters().attributes == {"age": [">50"]}
    qtbot.waitUntil(lambda: reports.matrix.model.column_names() == ["Ann", "Bob"])  # the river: 62
    bar.reload()  # a library change offers the comparison still, checked
    assert bar.attributes.checked_items() == [("age", ("age", ">50"))]
    assert not bar.compare("site > 50") and not bar.compare("age > old") and not bar.compare("nothing")


def test_exports_write_the_table_and_the_chart(reports, tmp_path):
    reports.matrix.choose_cell(0, 2)  # loss × Cy: the chart shows the loss row
    path = reports.save_table(tmp_path / "table.csv")
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows == [["tag", "Ann", "Bob", "Cy"], ["loss", "0", "1", "2"], ["theme", "3", "1", "2"],
                    ["theme/place", "2", "1", "2"], ["theme/work", "1", "0", "0"]]  # fmt: skip
    png = reports.save_chart("png", tmp_path / "chart.png")
    image = QImage(str(png))
    size = reports.chart.export_size()
    assert (image.width(), image.height()) == (size.width() * 2, size.height() * 2) and size.width() == 800
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 3
    svg = reports.save_chart("svg", tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "loss: highlights by speakers" in svg


def test_reports_compute_off_the_gui_thread(reports, qtbot, monkeypatch):
    threads = []
    real = report_tabs.matrix
    monkeypatch.setattr(report_tabs, "matrix",
                        lambda *a, **k: threads.append(threading.current_thread()) or real(*a, **k))  # fmt: skip
    reports.matrix.measure.setCurrentIndex(reports.matrix.measure.findData("words"))
    wait_for(qtbot, reports)
    assert threads and threading.main_thread() not in threads


def test_chart_reads_in_the_dark_theme(reports, window):
    window.set_theme("dark")
    QApplication.processEvents()
    try:
        palette = reports.chart.palette()
        assert palette.color(QPalette.ColorRole.Base).lightness() < 80
        image = reports.chart.grab().toImage()
        assert image.width() > 0
    finally:
        window.set_theme("light")
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base).lightness() > 200


def test_esc_closes_the_reports_window_and_ctrl_r_brings_it_back(window, reports, qtbot):
    reports.activateWindow()
    reports.tabs.setFocus()
    qtbot.waitUntil(reports.tabs.hasFocus)
    qtbot.keyClick(reports.tabs, Qt.Key.Key_Escape)
    assert not reports.isVisible()
    window.open_reports()
    assert window.reports_window is reports and reports.isVisible()
