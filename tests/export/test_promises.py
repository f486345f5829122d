"""Export's promises (README "Export"), each pinned where it can break: orphaned highlights
are left out of every export, and a CSV cell starting with `=`, `+`, `-` or `@` is defused."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from desktop.export import collect, export
from desktop.export.table import cell
from desktop.library import Library, Position
from tests.conftest import FIXTURES

LOST = "this side of the microphone"  # in turn 1 of the sample; the edit below removes it


@pytest.fixture
def with_orphan(annotated):
    """(library, sample id, orphan id): the annotated sample plus a tagged highlight made an orphan."""
    library, tid = annotated
    text = library.transcripts.turns(tid)[1].text
    start = text.index(LOST)
    h = library.highlights.add(
        tid, Position(1, start), Position(1, start + len(LOST)), note="lost note", tags=["method"]
    )
    library.corrections.edit(tid, 1, "Thanks for having me.")
    assert library.highlights.get(h.id).orphan
    return library, tid, h.id


@pytest.mark.parametrize("scope", ["transcript", "tag", "library"])
def test_orphaned_highlights_are_left_out_of_every_scope(with_orphan, scope):
    library, tid, orphan = with_orphan
    kwargs = {"transcript": {"transcript_id": tid}, "tag": {"tag": "method"}, "library": {}}[scope]

    chosen = collect(library, **kwargs)

    ids = [e.highlight.id for e in chosen.excerpts]
    assert ids and orphan not in ids
    others = [h.id for h in library.highlights.list(**kwargs) if not h.orphan]
    assert ids == others  # everything else is there, in reading order


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "qdpx"])
def test_no_export_format_shows_an_orphan(with_orphan, fmt):
    library, tid, _ = with_orphan
    data = export(collect(library, transcript_id=tid), fmt)
    if fmt == "qdpx":
        with zipfile.ZipFile(io.BytesIO(data)) as project:
            data = b"".join(project.read(name) for name in project.namelist())
    assert b"lost note" not in data
    assert LOST.encode() not in data


# CSV: "a cell starting with `=`, `+`, `-` or `@` is prefixed with `'`".


@pytest.mark.parametrize("first", ["=", "+", "-", "@"])
def test_a_cell_starting_like_a_formula_gets_a_quote_mark(first):
    assert cell(first + "SUM(A1:A9)") == "'" + first + "SUM(A1:A9)"


@pytest.mark.parametrize("value", ["SUM(A1)", "a=b", "x+y", "well-known", "me@example.org", "", "'quoted"])
def test_a_cell_with_those_signs_later_on_is_left_alone(value):
    assert cell(value) == value


def test_every_csv_column_is_defused(annotated):
    library, tid = annotated
    library.transcripts.rename(tid, "=title")
    h = library.highlights.list(tid)[0]
    library.highlights.update(h.id, note="@note")

    rows = list(csv.DictReader(io.StringIO(export(collect(library, transcript_id=tid), "csv").decode())))

    row = next(r for r in rows if r["note"].endswith("@note"))
    assert (row["transcript"], row["note"]) == ("'=title", "'@note")
    assert all(r["transcript"] == "'=title" for r in rows)


def test_csv_speaker_and_times_are_empty_only_where_the_source_has_none(tmp_path):
    with Library(tmp_path / "library.sqlite") as library:
        for name in ("plain.srt", "unlabelled.txt"):
            tid = library.import_file(FIXTURES / name).id
            library.highlights.add(tid, Position(0, 0), Position(0, 4))
        rows = list(csv.DictReader(io.StringIO(export(collect(library), "csv").decode())))

    timed = next(r for r in rows if r["transcript"] == "plain")
    untimed = next(r for r in rows if r["transcript"] == "unlabelled")
    assert timed["start"] and timed["end"] and timed["start"] != timed["end"]
    assert (untimed["speaker"], untimed["start"], untimed["end"]) == ("", "", "")
