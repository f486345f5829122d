"""Attributes of transcripts and speakers: fields of a kind, validated values, one write each
with what undo needs, filtering the library by them."""

from __future__ import annotations

import pytest

from desktop.library import Library, LibraryError
from desktop.library.attributes import NONE
from desktop.library.changes import Changes
from desktop.library.models import ConflictError, Field
from tests.coded_library import build


@pytest.fixture
def coded(library, tmp_path):
    return build(library, tmp_path)


def test_values_are_read_by_field_in_definition_order(coded):
    lib = coded.library
    assert lib.attributes.get(coded.a) == {"age": "62", "site": "river"}
    assert lib.attributes.fields() == [Field("age", "number"), Field("site", "text")]
    assert lib.attributes.fields("speaker") == [Field("role", "text", "speaker")]
    assert lib.attributes.table() == {coded.a: {"age": "62", "site": "river"}, coded.b: {"age": "45", "site": "coast"}}


def test_set_returns_the_values_before_and_setting_them_back_undoes_it(coded):
    lib = coded.library
    before = lib.attributes.set(coded.a, {"site": "delta", "group": "B", "age": None})
    assert before == {"site": "river", "group": None, "age": "62"}
    assert lib.attributes.get(coded.a) == {"site": "delta", "group": "B"}
    lib.attributes.set(coded.a, before, expect={"site": "delta", "group": "B", "age": None})
    assert lib.attributes.get(coded.a) == {"age": "62", "site": "river"}


def test_an_undo_is_refused_when_another_write_changed_the_values(coded):
    lib = coded.library
    before = lib.attributes.set(coded.a, {"site": "delta"})
    lib.attributes.set(coded.a, {"site": "estuary"})  # another window
    with pytest.raises(ConflictError):
        lib.attributes.set(coded.a, before, expect={"site": "delta"})
    assert lib.attributes.get(coded.a)["site"] == "estuary"


def test_an_empty_value_clears_and_an_unknown_name_becomes_a_text_field(coded):
    lib = coded.library
    lib.attributes.set(coded.a, {"site": "  ", "Interview  place": "kitchen"})
    assert lib.attributes.get(coded.a) == {"age": "62", "Interview place": "kitchen"}
    assert lib.attributes.field("interview place") == Field("Interview place", "text")


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [("number", "40", "40"), ("number", " 2.50 ", "2.5"), ("number", "-3", "-3"), ("number", "1e3", "1000"),
     ("number", "9007199254740993", "9007199254740993"), ("number", "12345678901234567", "12345678901234567"),
     ("number", "+007", "7"), ("number", "-0", "0"), ("date", "2024-02-29", "2024-02-29")],
)  # fmt: skip
def test_numbers_and_dates_are_stored_plainly(library, sample, kind, value, stored):
    library.attributes.define("x", kind)
    library.attributes.set(sample, {"x": value})
    assert library.attributes.get(sample) == {"x": stored}


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [("number", "forty", 'age: "forty" is not a number'), ("number", "nan", 'age: "nan" is not a number'),
     ("number", "inf", 'age: "inf" is not a number'), ("number", "1_000", 'age: "1_000" is not a number'),
     ("date", "5 March 2024", 'age: "5 March 2024" is not a date (YYYY-MM-DD)'),
     ("date", "2023-02-29", 'age: "2023-02-29" is not a date (YYYY-MM-DD)'),
     ("date", "20240305", 'age: "20240305" is not a date (YYYY-MM-DD)')],
)  # fmt: skip
def test_a_value_not_of_its_kind_is_one_line_and_nothing_is_written(library, sample, kind, value, message):
    library.attributes.define("age", kind)
    library.attributes.set(sample, {"site": "x"})
    with pytest.raises(LibraryError) as caught:
        library.attributes.set(sample, {"site": "y", "age": value})
    assert str(caught.value) == message
    assert library.attributes.get(sample) == {"site": "x"}


def test_names_are_unique_across_scopes_and_not_blank(coded):
    lib = coded.library
    with pytest.raises(LibraryError, match="exists already"):
        lib.attributes.define("ROLE")
    with pytest.raises(LibraryError, match="attribute of speakers, not of transcripts"):
        lib.attributes.set(coded.a, {"role": "x"})
    for bad in ("", "  ", "a=b"):
        with pytest.raises(LibraryError, match="is not an attribute name"):
            lib.attributes.define(bad)
    with pytest.raises(LibraryError, match="not a kind"):
        lib.attributes.define("weight", "float")


def test_unknown_transcripts_and_speakers_are_errors(coded):
    lib = coded.library
    with pytest.raises(LibraryError, match="no transcript with id 99"):
        lib.attributes.set(99, {"site": "x"})
    with pytest.raises(LibraryError, match="no speaker with id 999"):
        lib.attributes.get_speaker(999)


def test_speaker_attributes_are_per_speaker(coded):
    lib = coded.library
    bob_a, bob_b = coded.speakers[(coded.a, "Bob")], coded.speakers[(coded.b, "Bob")]
    assert lib.attributes.speakers(coded.a) == [(coded.speakers[(coded.a, "Ann")], "Ann"), (bob_a, "Bob")]
    assert lib.attributes.set_speaker(bob_a, {"role": "participant"}) == {"role": "interviewer"}
    assert lib.attributes.get_speaker(bob_a) == {"role": "participant"}
    assert lib.attributes.get_speaker(bob_b) == {"role": "interviewer"}


def test_a_speaker_merged_away_and_back_keeps_their_attributes(coded):
    lib = coded.library
    lib.attributes.set_speaker(coded.speakers[(coded.a, "Ann")], {"role": "participant"})
    moved = lib.speakers.merge(coded.a, "Ann", "Bob")  # Ann's row is deleted
    assert [name for _, name in lib.attributes.speakers(coded.a)] == ["Bob"]
    assert lib.attributes.get_speaker(coded.speakers[(coded.a, "Bob")]) == {"role": "interviewer"}
    lib.speakers.assign(coded.a, moved, "Ann")  # the merge undone: Ann again, a new row
    [(ann, _)] = [(sid, name) for sid, name in lib.attributes.speakers(coded.a) if name == "Ann"]
    assert ann != coded.speakers[(coded.a, "Ann")] and lib.attributes.get_speaker(ann) == {"role": "participant"}
    assert lib.conn.execute("SELECT count(*) FROM parked_speaker_attributes").fetchone() == (0,)


def test_a_deleted_transcript_leaves_no_parked_speaker_values(coded):
    lib = coded.library
    lib.speakers.merge(coded.b, "Cy", "Bob")
    assert lib.conn.execute("SELECT count(*) FROM parked_speaker_attributes").fetchone() == (1,)  # Cy's role
    lib.transcripts.delete(coded.b)
    assert lib.conn.execute("SELECT count(*) FROM parked_speaker_attributes").fetchone() == (0,)


def test_rename_and_remove_keep_or_drop_the_values_and_restore_puts_them_back(coded):
    lib = coded.library
    lib.attributes.rename_field("site", "Place")
    assert lib.attributes.get(coded.b) == {"age": "45", "Place": "coast"}
    removed = lib.attributes.remove_field("place")
    assert removed.values == {coded.a: "river", coded.b: "coast"}
    assert lib.attributes.get(coded.b) == {"age": "45"}
    assert lib.attributes.restore_field(removed) == Field("Place", "text")
    assert lib.attributes.get(coded.b) == {"age": "45", "Place": "coast"}
    with pytest.raises(LibraryError, match="exists already"):
        lib.attributes.rename_field("place", "AGE")


def test_values_are_distinct_and_numbers_sort_by_size(library, tmp_path):
    ids = []
    for n in range(4):
        (tmp_path / f"t{n}.txt").write_text(f"Ann: words {n} here.\n", encoding="utf-8")
        ids.append(library.import_file(tmp_path / f"t{n}.txt").id)
    library.attributes.define("age", "number")
    for tid, age in zip(ids, ["9", "100", "25", "9"], strict=True):
        library.attributes.set(tid, {"age": age, "name": age})
    assert library.attributes.values("age") == ["9", "25", "100"]
    assert library.attributes.values("name") == ["100", "25", "9"]


def test_transcripts_where_ands_fields_and_ors_values(coded):
    lib = coded.library
    where = lib.attributes.transcripts_where
    assert where({"site": ["river", "coast"]}) == {coded.a, coded.b}
    assert where({"site": ["RIVER"]}) == {coded.a}  # any case, as the library filter takes them
    lib.attributes.set(coded.b, {"site": "Île"})
    assert where({"site": ["île"]}) == {coded.b}
    lib.attributes.set(coded.b, {"site": "coast"})
    assert where({"site": ["river", "coast"], "age": ["45.0"]}) == {coded.b}
    assert where({"site": [NONE]}) == set()
    lib.attributes.set(coded.a, {"site": None})
    assert where({"site": [NONE]}) == {coded.a}
    assert where({"role": ["interviewer"]}) == {coded.a, coded.b}  # a speaker field: any speaker
    assert where({}) == {coded.a, coded.b}
    with pytest.raises(LibraryError, match="no attribute named 'colour'"):
        where({"colour": ["red"]})


def test_a_number_or_date_field_filters_by_comparison_too(coded):
    lib = coded.library
    where = lib.attributes.transcripts_where
    assert where({"age": [">50"]}) == {coded.a}  # 62, not 45
    assert where({"age": ["<= 45"]}) == {coded.b}
    assert where({"age": [">62", "<45"]}) == set()  # bounds are strict
    assert where({"age": [">100", "45"]}) == {coded.b}  # a comparison or a value
    assert where({"age": [">9"]}) == {coded.a, coded.b}  # by size: "45" < "9" as text
    lib.attributes.define("interviewed", "date")
    lib.attributes.set(coded.a, {"interviewed": "2024-03-05"})
    lib.attributes.set(coded.b, {"interviewed": "2023-11-30"})
    assert where({"interviewed": [">=2024-01-01"]}) == {coded.a}
    assert where({"site": [">river"]}) == set()  # a text field compares nothing: a value like any
    with pytest.raises(LibraryError, match='age: "fifty" is not a number'):
        where({"age": [">fifty"]})


def test_each_write_notes_the_transcripts_it_changed(coded):
    lib = coded.library
    with lib.tracking() as log:
        lib.attributes.set(coded.a, {"site": "x"})
    assert log.changes == Changes(transcripts=frozenset({coded.a}))
    with lib.tracking() as log:
        lib.attributes.set_speaker(coded.speakers[(coded.b, "Cy")], {"role": "x"})
    assert log.changes == Changes(transcripts=frozenset({coded.b}))
    with lib.tracking() as log:
        lib.attributes.remove_field("role")
    assert log.changes == Changes(transcripts=frozenset({coded.a, coded.b}))


def test_deleting_a_transcript_deletes_its_values(coded):
    lib = coded.library
    lib.transcripts.delete(coded.a)
    assert lib.attributes.values("site") == ["coast"]
    assert lib.attributes.values("role") == ["interviewer", "participant"]  # B's speakers


def test_values_survive_reopening(coded, tmp_path):
    coded.library.close()
    with Library(tmp_path / "library.sqlite") as again:
        assert again.attributes.get(coded.a) == {"age": "62", "site": "river"}
