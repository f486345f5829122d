"""A clock time written right after a speaker label is the turn's time, not its words."""

from __future__ import annotations

from desktop.formats import parse
from desktop.formats.timestamped import FAMILIES, header_count


def test_a_time_after_a_label_is_read_and_taken_out_of_the_text():
    data = b"Ann: [00:00:12] Hello there, how are you?\nBob: [00:00:15] Fine, thanks.\n" \
           b"Ann: [00:01:02] Good. Time 10:30 is fine.\n"  # fmt: skip
    transcript = parse(data, "talk.txt")
    assert transcript.format == "labelled-text"
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == [
        ("Ann", 12.0, "Hello there, how are you?"),
        ("Bob", 15.0, "Fine, thanks."),
        ("Ann", 62.0, "Good. Time 10:30 is fine."),  # a time inside the words stays
    ]


def test_a_rev_label_may_end_with_a_colon_before_its_time():
    transcript = parse(b"Bob: (00:00:15) Fine, thanks.\nAnn: (00:00:18) Good.\n", "rev.txt")
    assert [(t.speaker, t.start) for t in transcript.turns] == [("Bob", 15.0), ("Ann", 18.0)]


def test_no_lines_hold_no_headers():
    assert all(header_count([], family) == 0 for family in FAMILIES)
