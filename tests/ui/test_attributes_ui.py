"""Attributes in the app: the table of every transcript (edited in place, undoable), a
transcript's attributes dialog with its speakers', and the library filtered by attribute."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.ui.attribute_filter import parse
from tests.ui.conftest import shown_window


@pytest.fixture
def window(qtbot, library, settings, coded):
    """The main window on the coded library (no sample: the library is not empty)."""
    win = shown_window(qtbot, library, settings)
    yield win
    win.close()


def cell(table, transcript_id, name):
    return table.model.index(table.model.row_of(transcript_id), 1 + [f.name for f in table.model.fields].index(name))


def test_table_edit_in_place_is_stored_and_undone_with_ctrl_z(window, coded, qtbot):
    table = window.open_attributes_table()
    assert [table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Transcript", "age", "site"]
    index = cell(table, coded.a, "site")
    assert index.data() == "river"
    table.activateWindow()
    table.view.setFocus()
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    (editor,) = table.view.viewport().findChildren(QLineEdit)  # the cell's editor
    editor.selectAll()
    qtbot.keyClicks(editor, "lake")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it a moment later
    qtbot.waitUntil(lambda: window.library.attributes.get(coded.a)["site"] == "lake")
    assert table.isVisible()  # Return ended the edit, and did not press a button of the dialog
    assert cell(table, coded.a, "site").data() == "lake"
    qtbot.keyClick(table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.attributes.get(coded.a)["site"] == "river"
    assert cell(table, coded.a, "site").data() == "river"  # the table follows the undo
    qtbot.keyClick(table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.library.attributes.get(coded.a)["site"] == "lake"
    assert window.actions.undo.text() == "&Undo Set site"


def test_a_value_of_the_wrong_kind_is_refused_with_the_reason(window, coded):
    table = window.open_attributes_table()
    steps = window.session.undo_stack.count()
    assert not table.model.setData(cell(table, coded.b, "age"), "forty")
    assert table.error.text() == 'Not stored: age: "forty" is not a number'
    assert window.library.attributes.get(coded.b)["age"] == "45"
    assert window.session.undo_stack.count() == steps
    assert table.model.setData(cell(table, coded.b, "age"), "46.0")
    assert window.library.attributes.get(coded.b)["age"] == "46" and table.error.text() == ""
    assert table.model.setData(cell(table, coded.b, "age"), "")  # empty clears
    assert "age" not in window.library.attributes.get(coded.b)


def test_adding_a_field_adds_a_column_and_undo_removes_it(window, coded):
    table = window.open_attributes_table()
    assert table.define("interview date", "date")
    assert [f.name for f in table.model.fields] == ["age", "site", "interview date"]
    assert not table.model.setData(cell(table, coded.a, "interview date"), "5 March")
    assert "is not a date (YYYY-MM-DD)" in table.error.text()
    assert table.model.setData(cell(table, coded.a, "interview date"), "2024-03-05")
    assert not table.define("Site", "text")  # names are unique in any case
    assert table.error.text().startswith("Not added:")
    window.session.undo()
    window.session.undo()
    assert [f.name for f in table.model.fields] == ["age", "site"]


def test_attributes_dialog_sets_transcript_and_speaker_values(window, coded):
    panel = window.library_panel
    panel.select(coded.b)
    dialog = panel.edit_attributes()
    assert dialog.edits["site"].text() == "coast"
    dialog.edits["site"].setText("harbour")
    roles = {dialog.speakers.item(r, 0).text(): dialog.speakers.item(r, 1) for r in range(dialog.speakers.rowCount())}
    assert {name: item.text() for name, item in roles.items()} == {"Cy": "participant", "Bob": "interviewer"}
    roles["Bob"].setText("moderator")
    dialog.edits["age"].setText("old")
    dialog.save()
    assert dialog.isVisible() and dialog.error.text() == 'age: "old" is not a number'
    assert window.library.attributes.get(coded.b)["site"] == "coast"  # nothing stored
    dialog.edits["age"].setText("45")
    dialog.save()
    assert not dialog.isVisible()
    assert window.library.attributes.get(coded.b)["site"] == "harbour"
    assert window.library.attributes.get_speaker(coded.speakers[(coded.b, "Bob")])["role"] == "moderator"
    window.session.undo()  # the speaker's step, then the transcript's
    assert window.library.attributes.get_speaker(coded.speakers[(coded.b, "Bob")])["role"] == "interviewer"
    window.session.undo()
    assert window.library.attributes.get(coded.b)["site"] == "coast"


def listed(window):
    model = window.library_panel.model
    return [model.id_at(r) for r in range(model.rowCount())]


def test_library_filter_by_attribute_value(window, coded, qtbot):
    panel = window.library_panel
    assert listed(window) == [coded.b, coded.a]
    qtbot.keyClicks(panel.filter, "site = Coast")
    qtbot.waitUntil(lambda: listed(window) == [coded.b])
    panel.filter.setText("age = 62")
    panel.apply_filter()
    assert listed(window) == [coded.a]
    panel.filter.setText("role = interviewer")  # a speaker attribute: Bob speaks in both
    panel.apply_filter()
    assert listed(window) == [coded.b, coded.a]
    panel.filter.setText("site = river; Coast")  # a condition and words: both must match
    panel.apply_filter()
    assert listed(window) == []
    panel.filter.setText("site = (none)")
    panel.apply_filter()
    assert listed(window) == []
    window.session.set_attributes(coded.a, {"site": None})
    assert listed(window) == [coded.a]  # the list follows the change
    panel.filter.setText("age > 50")  # a number compares by size: 62, not 45
    panel.apply_filter()
    assert listed(window) == [coded.a]
    panel.filter.setText("age >= 45; age < 50")  # conditions on one field: either lets through
    panel.apply_filter()
    assert listed(window) == [coded.b, coded.a]
    panel.filter.setText("age > fifty")  # no number: plain words, which no title holds
    panel.apply_filter()
    assert listed(window) == []


def test_parse_keeps_words_that_are_no_condition(library, coded):
    assert parse("River", library.attributes) == ("River", None)
    assert parse("colour = blue", library.attributes) == ("colour = blue", None)  # no such field
    assert parse("site = RIVER; 2024", library.attributes) == ("2024", {coded.a})


def test_the_attribute_menu_writes_the_condition(window, coded):
    panel = window.library_panel
    menu = panel.by_attribute.menu()
    menu.aboutToShow.emit()
    site = next(a.menu() for a in menu.actions() if a.text() == "site")
    assert [a.text() for a in site.actions()] == ["coast", "river", "(none)"]
    next(a for a in site.actions() if a.text() == "river").trigger()
    assert panel.filter.text() == "site = river" and listed(window) == [coded.a]
