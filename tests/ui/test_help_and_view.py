"""Help menu, the shortcuts window, panels and focus mode, text size: with real key clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

from desktop.ui.app import open_window
from desktop.ui.help_window import app_version, window_shortcuts
from desktop.ui.highlights_panel import EMPTY_HINT
from desktop.ui.log_file import log_path
from desktop.ui.main_window import DEFAULT_FONT_SIZE
from desktop.ui.panels import LINE_CHARACTERS
from tests.ui.conftest import select_phrase

CTRL = Qt.KeyboardModifier.ControlModifier


def shown_panels(window) -> dict[str, bool]:
    tabs = window.tabs
    return {
        "library": window.library_panel.isVisible(),
        "turns": window.turn_list.isVisible(),
        "highlights": tabs.isVisible() and tabs.isTabVisible(tabs.indexOf(window.highlights_panel)),
        "tags": tabs.isVisible() and tabs.isTabVisible(tabs.indexOf(window.tag_panel)),
    }


def test_f1_and_ctrl_slash_open_the_shortcuts_window_which_lists_and_filters(active, qtbot):
    qtbot.keyClick(active.reader, Qt.Key.Key_F1)
    shortcuts = active.help_menu.shortcuts_window
    qtbot.waitUntil(shortcuts.isVisible)
    rows = shortcuts.visible_rows()
    assert ("Edit", "Find in transcript…", "Ctrl+F") in rows
    assert ("View", "Focus mode", "Ctrl+.") in rows
    assert ("Help", "Keyboard shortcuts", "F1, Ctrl+/") in rows
    assert ("Annotate", "Highlight selection", "H") in rows
    qtbot.waitUntil(shortcuts.search.hasFocus)  # ready for typing

    qtbot.keyClicks(shortcuts.search, "focus")  # filters as you type
    assert [row[1] for row in shortcuts.visible_rows()] == ["Focus mode", "Focus mode: leave"]
    shortcuts.search.setText("ctrl+shift+f")  # a key finds its action
    assert [row[1] for row in shortcuts.visible_rows()] == ["Search the library…"]
    shortcuts.search.setText("no such thing")
    assert shortcuts.visible_rows() == [] and shortcuts.empty.isVisible()
    shortcuts.close()

    active.activateWindow()
    qtbot.waitUntil(active.isActiveWindow)
    active.reader.setFocus()
    qtbot.keyClick(active.reader, Qt.Key.Key_Slash, CTRL)
    qtbot.waitUntil(shortcuts.isVisible)
    assert shortcuts.search.text() == "no such thing" and shortcuts.search.selectedText() == "no such thing"


def test_the_shortcuts_window_lists_every_action_with_keys_even_ones_added_later(window):
    later = QAction("Something new", window)
    later.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(later)  # in no menu
    menu = window.menuBar().addMenu("&Later")
    in_menu = QAction("Later &thing", window)
    in_menu.setShortcuts([QKeySequence("Ctrl+Alt+K"), QKeySequence("Ctrl+Alt+L")])
    menu.addAction(in_menu)
    rows = {(r.menu, r.action, r.keys) for r in window_shortcuts(window)}
    assert ("Other", "Something new", "Ctrl+Alt+J") in rows
    assert ("Later", "Later thing", "Ctrl+Alt+K, Ctrl+Alt+L") in rows
    with_keys = [a for a in QWidget.actions(window) if a.shortcuts()]  # `window.actions` is the app's record
    listed = {r.action for r in window_shortcuts(window)}
    assert {a.text().replace("&", "") for a in with_keys} <= listed  # every action the window answers to


def test_getting_started_and_about(window, monkeypatch):
    hints = window.help_menu.show_getting_started()
    for words in ("press", "<b>H</b>", "<b>T</b>", "<b>N</b>", "drop", "Ctrl+F", "Ctrl+Shift+F", "Ctrl+Space"):
        assert words in hints.text()
    about = window.help_menu.show_about()
    assert app_version() in about.text() and app_version() != "unknown (not installed)"
    assert str(window.library.path) in about.text() and str(log_path().parent) in about.text()
    about.done(QMessageBox.StandardButton.Close)
    hints.close()


def test_an_empty_highlights_panel_says_how_to_make_the_first(active, qtbot):
    panel = active.highlights_panel
    assert panel.empty.isVisible() and not panel.view.isVisible()
    assert "press H" in panel.empty.text() == EMPTY_HINT
    select_phrase(active, 3, "the least interesting ones")
    qtbot.keyClick(active.reader, Qt.Key.Key_H)
    assert panel.view.isVisible() and not panel.empty.isVisible()


def test_view_menu_toggles_each_panel_and_remembers_it(window, settings, library, qtbot):
    toggles = window.view_menu.panels.toggles
    assert shown_panels(window) == dict.fromkeys(toggles, True)
    for name in toggles:
        toggles[name].trigger()
        assert shown_panels(window)[name] is False and settings.value(f"panels/{name}", type=bool) is False
    assert not window.side.isVisible() and window.reader.isVisible()
    toggles["tags"].trigger()
    assert window.tabs.currentWidget() is window.tag_panel and shown_panels(window)["tags"]
    window.close()

    again = open_window(library, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert shown_panels(again) == {"library": False, "turns": False, "highlights": False, "tags": True}
    again.view_menu.panels.toggles["library"].trigger()  # was saved at no width: comes back with room
    qtbot.waitUntil(lambda: again.split.sizes()[0] >= again.library_panel.minimumWidth())


def test_ctrl_period_focus_mode_hides_all_but_the_reader_and_esc_brings_back_what_was_shown(active, qtbot):
    panels = active.view_menu.panels
    panels.toggles["tags"].trigger()  # hidden before focus mode: stays hidden after it
    active.split.setSizes([210, 800, 330])
    before = active.split.sizes()
    active.reader.setFocus()
    qtbot.keyClick(active.reader, Qt.Key.Key_Period, CTRL)
    assert panels.focus_action.isChecked() and active.settings.value("focus_mode", type=bool)
    assert not any(shown_panels(active).values()) and not active.side.isVisible()
    toolbar = active.findChild(type(active.addToolBar("probe")), "main-toolbar")
    assert not toolbar.isVisible() and not active.statusBar().isVisible()
    assert active.reader.isVisible() and active.reader.hasFocus()

    qtbot.keyClick(active.reader, Qt.Key.Key_Escape)  # Esc, which the reader does not use, leaves it
    assert not panels.focus_action.isChecked()
    assert shown_panels(active) == {"library": True, "turns": True, "highlights": True, "tags": False}
    assert toolbar.isVisible() and active.statusBar().isVisible()
    assert active.split.sizes() == before

    qtbot.keyClick(active.reader, Qt.Key.Key_Period, CTRL)
    qtbot.keyClick(active.reader, Qt.Key.Key_Period, CTRL)  # Ctrl+. again leaves it too
    assert not panels.focus_action.isChecked() and shown_panels(active)["library"]
    qtbot.keyClick(active.reader, Qt.Key.Key_Escape)  # outside focus mode Esc changes nothing
    assert shown_panels(active)["library"]


def test_focus_mode_hides_the_library_search_dock_and_brings_it_back(window, qtbot):
    dock = QDockWidget("A docked panel", window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.show()
    window.view_menu.panels.set_focus_mode(True)
    assert not dock.isVisible()
    window.view_menu.panels.set_focus_mode(False)
    assert dock.isVisible()


def test_esc_in_the_find_bar_closes_the_bar_not_focus_mode(active, qtbot):
    active.view_menu.panels.set_focus_mode(True)
    active.find_bar.open()
    qtbot.keyClick(active.find_bar.field, Qt.Key.Key_Escape)
    assert active.find_bar.isHidden() and active.view_menu.panels.focused


def test_focus_mode_is_remembered_and_leaving_it_after_a_restart_restores_the_panels(window, library, settings, qtbot):
    window.view_menu.panels.toggles["turns"].trigger()
    window.view_menu.panels.set_focus_mode(True)
    window.close()  # the splitter's sizes are saved with the panels hidden

    again = open_window(library, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    panels = again.view_menu.panels
    assert panels.focused and panels.focus_action.isChecked() and not any(shown_panels(again).values())
    panels.set_focus_mode(False)
    assert shown_panels(again) == {"library": True, "turns": False, "highlights": True, "tags": True}
    qtbot.waitUntil(lambda: again.split.sizes()[0] >= again.library_panel.minimumWidth())
    assert again.split.sizes()[2] >= again.side.minimumWidth()


def characters_per_line(reader) -> float:
    """How many average characters fit a line of the reader as laid out now."""
    line = min(reader.lineWrapColumnOrWidth(), reader.viewport().width()) - 2 * reader.document().documentMargin()
    return line / reader.fontMetrics().averageCharWidth()


def test_the_reader_keeps_60_characters_a_line_at_1024_by_640(window, qtbot):
    window.split.setSizes([420, 500, 420])  # panels dragged wide
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.waitUntil(lambda: characters_per_line(window.reader) >= LINE_CHARACTERS)
    assert window.library_panel.width() >= window.library_panel.minimumWidth()
    assert window.side.width() >= window.side.minimumWidth()
    window.split.setSizes([300, 500, 300])
    window.reader.set_font_size(14)  # larger text: the panels give way again
    qtbot.waitUntil(lambda: characters_per_line(window.reader) >= LINE_CHARACTERS)


def test_a_window_too_narrow_for_60_characters_gives_the_reader_all_the_panels_can_spare(window, qtbot):
    window.resize(1440, 800)
    qtbot.waitUntil(lambda: window.width() == 1440)
    window.split.setSizes([420, 600, 420])
    window.split.splitterMoved.emit(420, 1)  # as a drag of the handles leaves them
    window.resize(900, 640)  # one big shrink, below what 60 characters and the panels' minimums need
    qtbot.waitUntil(lambda: window.width() == 900)
    qtbot.waitUntil(lambda: window.library_panel.width() == window.library_panel.minimumWidth())
    assert window.side.width() == window.side.minimumWidth()
    assert window.reader.width() > window.reader.minimumWidth()
    window.resize(1440, 800)  # and back: the panels get their width back
    qtbot.waitUntil(lambda: window.width() == 1440)
    qtbot.waitUntil(lambda: window.split.sizes()[0] >= 400 and window.split.sizes()[2] >= 400)
    assert characters_per_line(window.reader) >= LINE_CHARACTERS
    window.resize(900, 640)
    qtbot.waitUntil(lambda: window.library_panel.width() == window.library_panel.minimumWidth())
    sizes = window.split.sizes()
    window.split.setSizes([sizes[0] + 100, sizes[1] - 100, sizes[2]])  # the user widens the library panel
    window.split.splitterMoved.emit(sizes[0] + 100, 1)  # as after a handle's drag: the user's choice stays
    assert window.split.sizes()[0] == sizes[0] + 100


def test_turn_and_highlight_lists_elide_and_never_scroll_sideways(window, qtbot):
    window.resize(1024, 640)
    for view in (window.turn_list.view, window.highlights_panel.view):
        assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        assert view.textElideMode() == Qt.TextElideMode.ElideRight and not view.wordWrap()
    view, model = window.turn_list.view, window.turn_list.model
    qtbot.waitUntil(lambda: view.visualRect(model.index(0)).width() <= view.viewport().width())


def test_the_turn_list_shows_times_or_turn_numbers(window, tmp_path):
    first = window.turn_list.model.data(window.turn_list.model.index(0))
    assert first.startswith("Maya Okafor · 0:04\n")  # the sample has times
    (tmp_path / "untimed.txt").write_text("Ann: Hello there.\n\nBob: Hi, Ann.\n\nAnn: How are you?\n")
    window.open_transcript(window.session.import_file(tmp_path / "untimed.txt").id)
    rows = [window.turn_list.model.data(window.turn_list.model.index(r)) for r in range(3)]
    assert [row.split("\n")[0] for row in rows] == ["Ann · turn 1", "Bob · turn 2", "Ann · turn 3"]


def test_text_size_keys_ctrl_plus_ctrl_equal_ctrl_minus_and_ctrl_0(active, qtbot, settings):
    size = lambda: active.reader.font().pointSizeF()  # noqa: E731
    assert size() == DEFAULT_FONT_SIZE
    qtbot.keyClick(active.reader, Qt.Key.Key_Equal, CTRL)
    assert size() > DEFAULT_FONT_SIZE
    larger = size()
    # Ctrl++: X11 turns Ctrl+Shift+= on a US keyboard into it (pressed for real in tests/x11)
    qtbot.keyClick(active.reader, Qt.Key.Key_Plus, CTRL)
    assert size() > larger
    qtbot.keyClick(active.reader, Qt.Key.Key_0, CTRL)
    assert size() == DEFAULT_FONT_SIZE and float(settings.value("font_size")) == DEFAULT_FONT_SIZE
    qtbot.keyClick(active.reader, Qt.Key.Key_Minus, CTRL)
    assert size() < DEFAULT_FONT_SIZE and float(settings.value("font_size")) == size()
