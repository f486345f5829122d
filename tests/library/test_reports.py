"""Reports on a library with known counts (tests/coded_library.py): cross-speaker highlights
count once for each speaker part, sub-tags roll up into parents, filters, co-occurrence, and
who speaks how much."""

from __future__ import annotations

import io
from datetime import date

import pytest

from desktop.library import Library, LibraryError, Position
from desktop.library.reports import Filters, cell_highlights, cooccurrence, matrix, speaker_stats
from desktop.library.word_counts import questions
from tests.coded_library import build, span

ROWS = ["loss", "theme", "theme/place", "theme/work"]


@pytest.fixture
def coded(library, tmp_path):
    return build(library, tmp_path)


def test_by_speaker_counts_a_cross_speaker_highlight_once_for_each_part(coded):
    table = matrix(coded.library)
    assert table.rows == ROWS and table.depths == [0, 0, 1, 1]
    assert table.columns == ["Ann", "Bob", "Cy"]
    assert table.cells == [[0, 1, 2], [3, 1, 2], [2, 1, 2], [1, 0, 0]]


def test_a_parent_counts_its_sub_tags_and_each_highlight_once(coded):
    # h2 carries both theme and theme/place: one highlight in the theme row, not two
    theme = matrix(coded.library).cells[ROWS.index("theme")]
    assert sum(theme) == 6  # h1, h2 (Ann and Bob), h3, h4, h6


def test_words_are_split_by_speaker_part(coded):
    assert matrix(coded.library, measure="words").cells == [[0, 4, 3], [8, 2, 3], [7, 2, 3], [1, 0, 0]]


def test_share_is_of_the_words_spoken_in_the_column(coded):
    cells = matrix(coded.library, measure="share").cells
    # Ann says 13 words, Bob 9, Cy 9
    assert cells[ROWS.index("theme")] == pytest.approx([8 / 13, 2 / 9, 3 / 9])
    assert cells[ROWS.index("loss")] == pytest.approx([0, 4 / 9, 3 / 9])


def test_share_follows_a_corrected_turn(coded):
    lib = coded.library
    matrix(lib, measure="share")  # the words are counted (and kept)
    lib.corrections.edit(coded.b, 2, "Everything but the photographs and the letters.")
    assert matrix(lib, measure="share").cells[0][2] == pytest.approx(3 / 12)


def test_a_speaker_change_after_counting_moves_the_highlights(coded):
    lib = coded.library
    matrix(lib, measure="share")  # the words are counted, with each turn's speaker
    lib.speakers.assign(coded.b, [2], "Bob")  # Cy's last turn is Bob's now
    assert matrix(lib).cells[ROWS.index("loss")] == [0, 2, 0]
    assert matrix(lib, measure="words").cells[ROWS.index("loss")] == [0, 7, 0]


def test_a_library_opened_for_reading_reports_the_same(coded, tmp_path):
    expected = matrix(coded.library, measure="share").cells
    coded.library.close()
    with Library(tmp_path / "library.sqlite", write=False) as reading:
        assert matrix(reading, measure="share").cells == expected


def test_by_transcript_columns_are_titles(coded):
    table = matrix(coded.library, by="transcript")
    assert table.columns == ["2024-03-05 River", "2024-06-10 Coast"]
    assert table.cells == [[0, 2], [3, 2], [2, 2], [1, 0]]


def test_duplicate_titles_are_told_apart_by_id(coded):
    coded.library.transcripts.rename(coded.b, "2024-03-05 River")
    assert matrix(coded.library, by="transcript").columns == [
        f"2024-03-05 River (#{coded.a})",
        f"2024-03-05 River (#{coded.b})",
    ]


def test_by_a_transcript_attribute_with_none_for_no_value(coded, tmp_path):
    lib = coded.library
    (tmp_path / "c.txt").write_text("Di: Nothing to say.\n", encoding="utf-8")
    lib.import_file(tmp_path / "c.txt")
    table = matrix(lib, by="site")
    assert table.columns == ["coast", "river", "(none)"]
    assert table.cells == [[2, 0, 0], [2, 3, 0], [2, 2, 0], [0, 1, 0]]


def test_numeric_attribute_columns_sort_by_size(coded):
    coded.library.attributes.set(coded.a, {"age": "9"})
    assert matrix(coded.library, by="age").columns == ["9", "45"]


def test_by_a_speaker_attribute_groups_the_parts(coded):
    table = matrix(coded.library, by="role", measure="words")
    assert table.columns == ["interviewer", "participant"]
    assert table.cells == [[4, 3], [2, 11], [2, 10], [0, 1]]


def test_a_speaker_attribute_filter_keeps_only_what_they_said(coded):
    table = matrix(coded.library, measure="words", filters=Filters(attributes={"role": ["participant"]}))
    assert table.columns == ["Ann", "Cy"]
    assert table.cells == [[0, 3], [8, 3], [7, 3], [1, 0]]


def test_a_transcript_attribute_filter_keeps_those_transcripts(coded):
    table = matrix(coded.library, filters=Filters(attributes={"age": ["62"]}))
    assert table.columns == ["Ann", "Bob"]
    assert table.cells == [[0, 0], [3, 1], [2, 1], [1, 0]]


def test_a_tag_filter_includes_sub_tags_and_shows_their_parents(coded):
    table = matrix(coded.library, filters=Filters(tags=["Theme"]))
    assert table.rows == ["theme", "theme/place", "theme/work"]
    only_place = matrix(coded.library, filters=Filters(tags=["theme/place"]))
    assert only_place.rows == ["theme", "theme/place"] and only_place.depths == [0, 1]
    assert only_place.cells == [[2, 1, 2], [2, 1, 2]]  # the parent counts only the place highlights


def test_a_date_range_includes_its_ends(coded):
    lib = coded.library
    assert matrix(lib, by="transcript", filters=Filters(since=date(2024, 6, 10))).columns == ["2024-06-10 Coast"]
    assert matrix(lib, by="transcript", filters=Filters(until=date(2024, 3, 5))).columns == ["2024-03-05 River"]
    assert matrix(lib, by="transcript", filters=Filters(since=date(2024, 3, 6), until=date(2024, 6, 9))).columns == []


def test_a_date_attribute_dates_a_transcript_whose_name_has_none(coded, tmp_path):
    lib = coded.library
    (tmp_path / "c.txt").write_text("Di: Nothing to say.\n", encoding="utf-8")
    c = lib.import_file(tmp_path / "c.txt").id
    lib.attributes.define("Date", "date")
    lib.attributes.set(c, {"date": "2024-07-01"})
    lib.attributes.set(coded.a, {"date": "2025-01-01"})  # the file name's date wins
    assert matrix(lib, by="transcript", filters=Filters(since=date(2024, 6, 1))).columns == ["2024-06-10 Coast", "c"]


def test_a_transcript_filter(coded):
    assert matrix(coded.library, filters=Filters(transcripts=[coded.b])).cells == [[1, 2], [0, 2], [0, 2], [0, 0]]


def test_unlabelled_turns_are_a_no_speaker_column(coded, tmp_path):
    lib = coded.library
    (tmp_path / "plain.txt").write_text("Just some words spoken by nobody in particular.\n", encoding="utf-8")
    plain = lib.import_file(tmp_path / "plain.txt").id
    span(lib, plain, (0, "words spoken"), tags=["loss"])
    table = matrix(lib, measure="words")
    assert table.columns == ["Ann", "Bob", "Cy", "(no speaker)"]
    assert table.cells[0] == [0, 4, 3, 2]


def test_orphans_and_untagged_highlights_are_not_counted(coded):
    lib = coded.library
    lib.highlights.add(coded.a, Position(2, 0), Position(2, 2))  # no tag
    with lib.write():
        lib.conn.execute("UPDATE highlights SET orphan = 1 WHERE id = ?", (coded.h[3],))
    assert matrix(lib).cells[ROWS.index("theme/work")] == [0, 0, 0]


def test_unknown_names_are_one_line_errors(coded):
    lib = coded.library
    for call, message in [
        (lambda: matrix(lib, by="colour"), "no attribute named 'colour'"),
        (lambda: matrix(lib, measure="minutes"), "'minutes' is not a measure (count, words, share)"),
        (lambda: matrix(lib, filters=Filters(tags=["nope"])), "no tag named 'nope'"),
        (lambda: matrix(lib, filters=Filters(transcripts=[77])), "no transcript with id 77"),
        (lambda: cooccurrence(lib, "near"), "'near' is not a kind of co-occurrence (same, overlap)"),
    ]:
        with pytest.raises(LibraryError) as caught:
            call()
        assert str(caught.value) == message


def test_a_cell_lists_its_highlights_in_reading_order(coded):
    lib, h = coded.library, coded.h
    assert cell_highlights(lib, "theme", "Ann") == [h[1], h[2], h[3]]
    assert cell_highlights(lib, "loss", "Cy") == [h[5], h[6]]
    assert cell_highlights(lib, "theme/place", "Bob") == [h[2]]
    assert cell_highlights(lib, "loss", "coast", by="site") == [h[5], h[6]]
    assert cell_highlights(lib, "theme", "Bob", filters=Filters(transcripts=[coded.b])) == []
    with pytest.raises(LibraryError, match="no column 'Cy' in this report"):
        cell_highlights(lib, "theme", "Cy", filters=Filters(transcripts=[coded.a]))


def test_cooccurrence_of_tags_on_the_same_highlight(coded):
    table = cooccurrence(coded.library)
    assert table.rows == table.columns == ROWS
    assert table.cells == [[2, 1, 1, 0], [1, 5, 4, 1], [1, 4, 4, 0], [0, 1, 0, 1]]


def test_cooccurrence_of_overlapping_highlights(coded):
    lib = coded.library
    span(lib, coded.a, (0, "river. Did"), tags=["loss"])  # overlaps h1 and h2, not h3
    table = cooccurrence(lib, "overlap")
    assert table.cells == [[3, 2, 2, 0], [2, 5, 0, 0], [2, 0, 4, 0], [0, 0, 0, 1]]


def test_highlights_that_only_touch_do_not_overlap(coded):
    lib = coded.library
    turns = lib.transcripts.turns(coded.a)
    end = turns[0].text.index("grew up by the river") + len("grew up by the river")
    with lib.write():  # "." right after h1: adjacent, sharing no character
        lib.conn.execute(
            "INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, prefix, "
            "suffix, created, updated) VALUES (?, 0, ?, 0, ?, '.', '', '', '', '')",
            (coded.a, end, end + 1),
        )
        hid = lib.conn.execute("SELECT max(id) FROM highlights").fetchone()[0]
    lib.highlights.add_tag(hid, "loss")
    assert cooccurrence(lib, "overlap").cells[0][1:] == [0, 0, 0]


def test_speaker_stats(coded):
    stats = speaker_stats(coded.library)
    assert [(s.name, s.words, s.turns, s.lengths, s.questions) for s in stats] == [
        ("Ann", 13, 2, [8, 5], 1),
        ("Bob", 9, 2, [5, 4], 1),
        ("Cy", 9, 2, [5, 4], 0),
    ]
    assert stats[0].share == pytest.approx(13 / 31) and stats[0].turn_share == pytest.approx(2 / 6)
    assert stats[0].median == 6.5


def test_speaker_stats_follow_the_filters(coded):
    stats = speaker_stats(coded.library, Filters(attributes={"role": ["interviewer"]}))
    assert [(s.name, s.words, s.share) for s in stats] == [("Bob", 9, 1.0)]
    assert [s.name for s in speaker_stats(coded.library, Filters(transcripts=[coded.b]))] == ["Cy", "Bob"]


def test_json_and_csv_shapes(coded):
    table = matrix(coded.library, measure="share", filters=Filters(tags=["loss"]))
    assert table.to_json() == {"rows": ["loss"], "columns": ["Ann", "Bob", "Cy"], "cells": [[0.0, 4 / 9, 3 / 9]]}
    assert table.csv_text() == "tag,Ann,Bob,Cy\r\nloss,0,0.444444,0.333333\r\n"
    buffer = io.StringIO()
    matrix(coded.library).to_csv(buffer)
    assert buffer.getvalue().splitlines()[1] == "loss,0,1,2"


def test_csv_names_never_run_as_formulas(coded, tmp_path):
    coded.library.speakers.rename(coded.a, "Ann", "=HYPERLINK(1)")
    path = tmp_path / "t.csv"
    matrix(coded.library).to_csv(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "tag,'=HYPERLINK(1),Bob,Cy"


def test_questions_are_sentences_ending_in_a_question_mark():
    assert questions("Why? How?! Really??? See a.php?x=1 for more. Is it ?") == 4
