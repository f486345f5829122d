"""Both themes give every text WCAG AA contrast (4.5:1), computed from the palettes the app
applies: the palette's text roles, the reader's speaker names and times, text over every
highlight band, the library filter; and the View menu marks the active theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop.library import Position
from desktop.library.tags import TAG_COLOURS
from desktop.ui.contrast import OUTLINE, READABLE, contrast, luminance
from desktop.ui.palette import DEFAULT_HIGHLIGHT, SPEAKER_COLOURS, highlight_band, is_dark, muted_text, name_colour
from desktop.ui.search_marks import DARK, LIGHT
from desktop.ui.theme import FIELD_EDGE_DARK

Role = QPalette.ColorRole
TEXT_ROLES = [  # each text role the app draws, on the ground it is drawn on
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight), (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base), (Role.Link, Role.Base), (Role.PlaceholderText, Role.AlternateBase),
]  # fmt: skip
ANY_COLOUR = (*TAG_COLOURS, DEFAULT_HIGHLIGHT, "#ffffff", "#000000", "#ffff00", "#0000ff", "#ff0000", "#808080")


@pytest.fixture(params=["light", "dark"])
def themed(request, window):
    """The window in each theme (set as the View menu sets it), back to light afterwards."""
    window.view_menu.themes[request.param].trigger()
    yield window, request.param
    window.set_theme("light")


def test_the_wcag_formula_on_known_pairs():
    assert luminance(QColor("#ffffff")) == pytest.approx(1.0) and luminance(QColor("#000000")) == 0
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast(QColor(0, 0, 0, 0), QColor("#ffffff")) == pytest.approx(1.0)  # transparent: the ground


def test_every_palette_text_role_reads(themed):
    _, theme = themed
    palette = QApplication.palette()
    assert is_dark(palette) == (theme == "dark")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, ground in TEXT_ROLES:
            ratio = contrast(palette.color(group, text), palette.color(group, ground))
            assert ratio >= READABLE, f"{theme} {group.name} {text.name} on {ground.name}: {ratio:.2f}"


def test_speaker_names_and_times_in_the_reader_read(themed):
    window, theme = themed
    palette, reader = window.reader.palette(), window.reader
    base = palette.color(Role.Base)
    for colour in SPEAKER_COLOURS:
        assert contrast(name_colour(colour, palette), base) >= READABLE, (theme, colour)
    document = reader.document()
    names = times = 0
    for turn in range(len(reader.turns)):  # what the reader actually drew, after the theme change
        fragments = document.findBlock(reader._headings[turn]).begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            colour = fragment.charFormat().foreground().color()
            assert contrast(colour, base) >= READABLE, (theme, turn, fragment.text(), colour.name())
            if fragment.charFormat().fontWeight() == QFont.Weight.DemiBold:
                names += 1
            else:
                times += 1
                assert colour == muted_text(palette)
    assert names == times == len(reader.turns)  # the sample: a name and a time on every turn


def test_text_over_every_highlight_band_reads(themed):
    window, theme = themed
    palette = window.reader.palette()
    for colour in ANY_COLOUR:
        for strong in (False, True):
            band, text = highlight_band(colour, palette, strong)
            assert contrast(text, band) >= READABLE, (theme, colour, strong, band.name(), text.name())
    normal, _ = highlight_band("#f6c343", palette)
    assert (luminance(normal) < 0.2) == (theme == "dark")  # a deep band in the dark, a light one in the light


def test_highlights_painted_in_the_reader_read_in_both_themes(themed):
    window, theme = themed
    library, tid = window.library, window.transcript_id
    for n, colour in enumerate(TAG_COLOURS):
        window.session.run(lambda n=n, c=colour: library.highlights.add(tid, Position(n, 0), Position(n, 8), colour=c))
    window.annotator.choose(library.highlights.list(tid)[0].id, scroll=False)  # one is the current one
    painted = window.reader.extraSelections()
    assert len(painted) >= len(TAG_COLOURS)
    for selection in painted:
        background, foreground = selection.format.background().color(), selection.format.foreground().color()
        assert contrast(foreground, background) >= READABLE, (theme, background.name(), foreground.name())


def test_library_search_marks_read_on_the_page(themed):
    window, theme = themed
    blue = QColor(DARK if theme == "dark" else LIGHT)
    assert contrast(blue, window.reader.palette().color(Role.Base)) >= READABLE


def test_the_library_filter_field_shows_in_the_dark(themed):
    window, theme = themed
    field = window.library_panel.filter
    palette = field.palette()
    assert contrast(palette.color(Role.PlaceholderText), palette.color(Role.Base)) >= READABLE
    assert contrast(palette.color(Role.Text), palette.color(Role.Base)) >= READABLE
    if theme == "dark":  # its edge stands out from the window (WCAG 1.4.11: 3:1 for a control's edge)
        assert FIELD_EDGE_DARK in QApplication.instance().styleSheet()
        assert contrast(QColor(FIELD_EDGE_DARK), palette.color(Role.Window)) >= OUTLINE
        assert contrast(QColor(FIELD_EDGE_DARK), palette.color(Role.Base)) >= OUTLINE


def test_the_view_menu_marks_the_active_theme_and_remembers_it(window, settings, library, qtbot):
    themes = window.view_menu.themes
    assert themes["system"].isChecked()  # a first run follows the desktop
    themes["dark"].trigger()
    assert [t for t, a in themes.items() if a.isChecked()] == ["dark"] and settings.value("theme") == "dark"
    themes["light"].trigger()
    assert [t for t, a in themes.items() if a.isChecked()] == ["light"]
    assert not is_dark(QApplication.palette()) and QApplication.instance().styleSheet() == ""
    window.close()

    from desktop.ui.app import open_window

    again = open_window(library, settings)
    qtbot.addWidget(again)
    assert [t for t, a in again.view_menu.themes.items() if a.isChecked()] == ["light"]
