"""The export's shortcuts for the common case (issue 14) give exactly what the full work gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.export import markdown, note_headings

# Text made of what matters to the shortcuts: markup characters, digits, list markers, spaces,
# line breaks of every kind, and plain letters.
MARKUP = st.text(alphabet=st.sampled_from(list("ab1 .)-+=#\\`*_[]&<>|~^$%\n\r\t")), max_size=40)


@settings(max_examples=400)
@given(MARKUP)
def test_escape_shortcut_matches_the_full_escape(text):
    full = markdown._INLINE.sub(r"\\\1", text)
    full = markdown._NUMBERED.sub(r"\1\\\2", markdown._BULLET.sub(r"\1\\\2", full))
    full = "".join(markdown._ENTITIES.get(ch, ch) for ch in full).replace("%%", "%&#37;")
    assert markdown.escape(text) == full


@settings(max_examples=400)
@given(MARKUP, st.integers(1, 4))
def test_notes_without_a_possible_heading_are_not_parsed(note, level):
    shortcut = note_headings.nest_headings(note, level)
    original = note_headings._MAYBE_HEADING
    note_headings._MAYBE_HEADING = re.compile("")  # matches every note: always parse
    try:
        assert note_headings.nest_headings(note, level) == shortcut
    finally:
        note_headings._MAYBE_HEADING = original
