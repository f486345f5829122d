"""Speaker and tag names in any case in every script, the same in search, reports, exports and
autotag (SQLite's NOCASE folds only A to Z; `fold` reads ß as ss and Turkish i's as i)."""

from __future__ import annotations

import pytest

from desktop.export import collect
from desktop.export.markdown import render
from desktop.library import Position
from desktop.library.folding import fold
from desktop.library.report_scope import Filters
from desktop.library.reports import matrix

RIVER = "İsmail Işık: The flood came at night.\n\nStraße: The water rose fast.\n\nİsmail Işık: We left.\n"


@pytest.mark.parametrize(
    ("one", "other"),
    [("TOMÁS", "tomás"), ("Straße", "STRASSE"), ("İSMAİL IŞIK", "ismail işık"), ("İsmail Işık", "ISMAIL IŞIK"),
     ("ΟΔΟΣ", "οδος"), ("Éducation/École", "éducation/école")],
)  # fmt: skip
def test_fold_reads_names_as_a_person_does(one, other):
    assert fold(one) == fold(other)


def test_fold_keeps_what_differs():
    assert fold("Tomás") != fold("Tomas") and fold("flood") != fold("floods")


@pytest.fixture
def river(library, tmp_path):
    (tmp_path / "river.txt").write_text(RIVER, encoding="utf-8")
    tid = library.import_file(tmp_path / "river.txt").id
    library.highlights.add(tid, Position(0, 0), Position(0, 9), tags=["Straße/Nord"])
    library.highlights.add(tid, Position(1, 0), Position(1, 9), tags=["Éducation/École"])
    library.tags.describe("Straße/Nord", "Streets of the north.")
    return tid


def test_a_speaker_in_any_case_in_every_script(library, river):
    for name in ("İSMAİL IŞIK", "ismail işık", "İsmail Işık"):
        assert library.count_matches("flood OR left", speaker=name) == 2, name


@pytest.mark.parametrize("typed", ["STRASSE/NORD", "straße", "strasse/nord"])
def test_a_tag_in_any_case_is_the_same_tag_in_search_reports_and_exports(library, river, typed):
    assert library.count_matches("flood", tag=typed) == 1
    assert matrix(library, filters=Filters(tags=[typed])).rows[-1] == "Straße/Nord"
    assert [h.quote for h in library.highlights.list(tag=typed)] == ["The flood"]
    exported = collect(library, tag=typed)
    assert [e.highlight.quote for e in exported.excerpts] == ["The flood"]


def test_a_tags_export_is_titled_and_described_as_stored(library, river):
    text = render(collect(library, tag="STRASSE/NORD"))
    assert "\n# \\#Straße/Nord\n\nStreets of the north.\n" in text


def test_autotag_with_a_tag_in_another_case_uses_the_tag_there_is(library, river):
    done = library.autotag("water", "éducation/école")
    assert done.tag == "Éducation/École" and done.summary() == "1 passage tagged “Éducation/École”: 1 new highlight"
    assert sorted(t.name for t in library.tags.list()) == ["Straße/Nord", "Éducation/École"]  # no new tag
    assert (
        library.autotag("water", "ÉDUCATION/ÉCOLE").summary() == "1 passage tagged “Éducation/École”: 1 already tagged"
    )


def test_report_columns_of_names_alike_come_in_one_order(library, tmp_path):
    (tmp_path / "two.txt").write_text("Tomás Reyes: One.\n\nTOMÁS REYES: Two.\n\nTomás Reyes: Three.\n")
    tid = library.import_file(tmp_path / "two.txt").id
    library.highlights.add(tid, Position(0, 0), Position(0, 3), tags=["t"])
    assert matrix(library).columns == ["TOMÁS REYES", "Tomás Reyes"]  # by folded name, then as written
