"""The library list's lazy model: ids a page at a time, records read only when shown, the
filter in the library, the selection kept through writes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView

from desktop.library import Position
from desktop.ui import library_model
from desktop.ui.library_model import LibraryModel
from desktop.ui.library_panel import describe, tip


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(library_model, "PAGE", 4)
    monkeypatch.setattr(library_model, "BLOCK", 3)


def add_transcripts(library, tmp_path, count: int, speaker: str = "Ana") -> list[int]:
    ids = []
    for n in range(count):
        path = tmp_path / f"talk-{n:02}.txt"
        path.write_text(f"{speaker}: Words of talk {n}.\n\nBo: An answer to talk {n}.\n", encoding="utf-8")
        ids.append(library.import_file(path).id)
    return ids


def test_ids_come_a_page_at_a_time_and_records_only_when_shown(library, tmp_path, small_pages, monkeypatch):
    ids = add_transcripts(library, tmp_path, 10)
    read: list[list[int]] = []
    infos = library.transcripts.infos
    monkeypatch.setattr(library.transcripts, "infos", lambda wanted: read.append(list(wanted)) or infos(wanted))
    model = LibraryModel(library, describe, tip)
    model.set_filter("")
    assert model.rowCount() == 4 and read == []  # ids only
    assert model.canFetchMore(model.index(-1)) is True
    model.fetchMore(model.index(-1))
    model.fetchMore(model.index(-1))
    assert model.rowCount() == 10 and not model.canFetchMore(model.index(-1))
    assert [model.id_at(row) for row in range(10)] == ids[::-1]  # newest first
    assert model.data(model.index(4)) == f"talk-{ids[5] - ids[0]:02}\n2 speakers · 2 turns · 0 highlights"
    assert read == [ids[::-1][3:6]]  # the block of rows around the one shown


def test_the_model_passes_the_tester_while_fetching(library, tmp_path, small_pages, qtmodeltester):
    add_transcripts(library, tmp_path, 9)
    model = LibraryModel(library, describe, tip)
    model.set_filter("")
    qtmodeltester.check(model)  # the tester fetches every page, announcing only rows that are there
    assert model.rowCount() == 9


def test_a_view_fetches_as_it_scrolls(qtbot, library, tmp_path, small_pages):
    add_transcripts(library, tmp_path, 10)
    model = LibraryModel(library, describe, tip)
    model.set_filter("")
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(200, 2000)  # room for every row: the view asks for more until the list ends
    view.show()
    qtbot.waitUntil(lambda: model.rowCount() == 10)


def test_filter_matches_title_source_or_speaker_in_the_library(library, tmp_path, small_pages):
    add_transcripts(library, tmp_path, 6)
    add_transcripts(library, tmp_path / "other", 0)
    (tmp_path / "zed.txt").write_text("Zoë Quist: Hello.\n\nBo: Hi.\n", encoding="utf-8")
    zed = library.import_file(tmp_path / "zed.txt").id
    model = LibraryModel(library, describe, tip)
    model.set_filter("zoë")
    assert [model.id_at(r) for r in range(model.rowCount())] == [zed]
    assert not model.canFetchMore(model.index(-1))
    model.set_filter("talk-0")
    model.fetchMore(model.index(-1))
    assert model.rowCount() == 6


def test_the_selection_stays_through_a_write_and_a_refresh(window, library, tmp_path, small_pages, qtbot):
    ids = add_transcripts(library, tmp_path, 9)
    panel = window.library_panel
    panel.refresh()
    oldest = ids[0]  # not on the first page
    panel.select(oldest)
    assert panel.current_id() == oldest and panel.model.rowCount() == 10  # fetched down to it
    window.session.rename_transcript(oldest, "Renamed")
    assert panel.current_id() == oldest
    assert panel.model.data(panel.view.currentIndex()).startswith("Renamed\n")
    window.session.run(lambda: library.import_file(add_file(tmp_path, "newer.txt")))
    assert panel.current_id() == oldest and panel.model.rowCount() == 11
    panel.filter.setText("talk-0")  # its source is talk-00.txt: it stays, and stays selected
    qtbot.waitUntil(lambda: all("talk-0" in r.source for r in panel.model.records()))
    assert panel.current_id() == oldest
    panel.filter.setText("nothing like it")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.current_id() is None


def test_a_highlight_recounts_only_its_row(window, library, tmp_path, small_pages):
    ids = add_transcripts(library, tmp_path, 5)
    panel = window.library_panel
    panel.refresh()
    panel.model.records()
    changed = []
    panel.model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    window.session.add_highlight(ids[-1], Position(0, 0), Position(0, 5))
    assert changed == [(0, 0)] and resets == []
    assert panel.model.data(panel.model.index(0)).endswith("1 highlight")


def test_a_deleted_transcript_leaves_the_list(window, library, tmp_path, small_pages):
    ids = add_transcripts(library, tmp_path, 3)
    panel = window.library_panel
    panel.refresh()
    window.session.delete_transcript(ids[1])
    assert ids[1] not in [panel.model.id_at(r) for r in range(panel.model.rowCount())]


def add_file(folder, name: str):
    path = folder / name
    path.write_text("Cy: A newer talk.\n", encoding="utf-8")
    return path


def test_the_panel_reads_only_the_rows_it_shows(qtbot, library, tmp_path, small_pages, monkeypatch):
    from desktop.ui.library_panel import LibraryPanel
    from desktop.ui.session import Session

    ids = add_transcripts(library, tmp_path, 10)
    read: list[int] = []
    infos = library.transcripts.infos
    monkeypatch.setattr(library.transcripts, "infos", lambda wanted: read.extend(wanted) or infos(wanted))
    panel = LibraryPanel(Session(library))
    qtbot.addWidget(panel)
    panel.resize(240, 120)  # room for a row or two
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.model.rowCount() == 4  # one page of ids
    assert read and set(read) <= set(ids[::-1][:6])  # the blocks of the rows in sight
    assert panel.model.data(panel.model.index(0), Qt.ItemDataRole.ToolTipRole).startswith(f"talk-{len(ids) - 1:02}\n")
    panel.session.close()
