"""Exports mark exactly the quotes whose words were corrected after import: an edit inside
a highlight marks it, one elsewhere in its turn does not, nor do split, merge or a speaker
change (they move words, they change none)."""

from __future__ import annotations

import csv
import importlib
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from desktop.export import ExportOptions, collect, export
from desktop.export.qdpx import guid, render_qdpx
from desktop.library import Library, Position
from tests.export.test_qdpx import check_schema, q

TEXT = (
    "Maya: I said very good things about the bridge. Then we left early.\n\n"
    "Tom: Which time? The second one, I think.\n\n"
    "Maya: The one with the ledger.\n"
)
collect_module = importlib.import_module("desktop.export.collect")  # the package's `collect` is the function
FIRST = "I said very good things about the bridge. Then we left early."


@pytest.fixture
def talk(tmp_path):
    """(library, transcript id, highlight ids by name): three quotes of one speaker and one across speakers."""
    source = tmp_path / "talk.txt"
    source.write_text(TEXT, encoding="utf-8")
    with Library(tmp_path / "library.sqlite") as library:
        tid = library.import_file(source).id
        turns = library.transcripts.turns(tid)

        def add(turn: int, phrase: str, end_turn: int | None = None, end_phrase: str = "") -> int:
            start = turns[turn].text.index(phrase)
            if end_turn is None:
                end = Position(turn, start + len(phrase))
            else:
                end = Position(end_turn, turns[end_turn].text.index(end_phrase) + len(end_phrase))
            return library.highlights.add(tid, Position(turn, start), end, tags=["quote"]).id

        ids = {
            "good": add(0, "very good things"),
            "early": add(0, "we left early"),
            "second": add(1, "The second one"),
            "across": add(0, "left early.", 1, "Which time?"),
        }
        yield library, tid, ids


def marked(library: Library, tid: int) -> dict[str, set[int]]:
    """The ids of the highlights each format marks as edited."""
    scope = collect(library, transcript_id=tid)
    md = export(scope, "md").decode()
    blocks = re.findall(r"((?:^>.*\n)+)\n\^hl-(\d+)$", md, re.MULTILINE)
    html = export(scope, "html").decode()
    quotes = re.findall(r'<blockquote id="hl-(\d+)">(.*?)</blockquote>', html)
    rows = list(csv.DictReader(io.StringIO(export(scope, "csv").decode())))
    by_quote = {h.quote: h.id for h in library.highlights.list(tid)}
    project, _ = _project(library, tid)
    with_note = {s.get("guid") for s in project.iter(q("PlainTextSelection")) if s.find(q("NoteRef")) is not None}
    assert len(blocks) == len(quotes) == len(rows) == len(library.highlights.list(tid))
    assert {row["edited"] for row in rows} <= {"yes", "no"}
    return {
        "md": {int(i) for block, i in blocks if "· *edited*" in block},
        "html": {int(i) for i, block in quotes if '<span class="edited"' in block},
        "csv": {by_quote[row["quote"]] for row in rows if row["edited"] == "yes"},
        "qdpx": {h.id for h in library.highlights.list(tid) if guid("highlight", h.id) in with_note},
    }


def _project(library: Library, tid: int) -> tuple[ET.Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(render_qdpx(collect(library, transcript_id=tid), "2026-01-15T10:00:00Z")))
    project = ET.fromstring(archive.read("project.qde"))
    check_schema(project, archive)
    return project, archive


def expect(library: Library, tid: int, ids: set[int]) -> None:
    found = marked(library, tid)
    assert found == dict.fromkeys(found, ids)
    assert {e.highlight.id for e in collect(library, transcript_id=tid).excerpts if e.edited} == ids


def test_nothing_is_marked_as_imported(talk):
    library, tid, _ = talk
    expect(library, tid, set())
    project, _ = _project(library, tid)
    assert project.find(q("Notes")) is None


def test_an_edit_inside_a_quote_marks_it_and_no_other(talk):
    library, tid, ids = talk
    library.corrections.edit(tid, 0, FIRST.replace("good", "great"))
    expect(library, tid, {ids["good"]})


def test_an_edit_elsewhere_in_the_turn_marks_nothing(talk):
    library, tid, _ = talk
    library.corrections.edit(tid, 0, FIRST.replace("bridge", "river"))
    assert library.transcripts.turns(tid)[0].edited
    expect(library, tid, set())


def test_an_edit_in_one_speakers_part_marks_the_quote_across_speakers(talk):
    library, tid, ids = talk
    library.corrections.edit(tid, 1, "Which hour? The second one, I think.")
    expect(library, tid, {ids["across"]})
    md = export(collect(library, transcript_id=tid), "md").decode()
    # once, on the quote's last attribution, before the tags; the block id stays on its own line
    assert "> — Maya, turn 1\n>\n> Which hour?\n>\n> — Tom, turn 2 · *edited* #quote\n\n^hl-4\n" in md


def test_a_word_deleted_at_a_quotes_edge_marks_it(talk):
    library, tid, ids = talk
    library.corrections.edit(tid, 0, FIRST.replace("very ", ""))
    assert library.highlights.get(ids["good"]).quote == "good things"  # "very" left no changed span inside it
    expect(library, tid, {ids["good"]})


def test_split_merge_and_speaker_change_mark_nothing(talk):
    library, tid, ids = talk
    turn = library.transcripts.turns(tid)[0]
    library.corrections.split(tid, 0, turn.text.index("Then"))
    library.corrections.merge(tid, 1)
    library.corrections.merge(tid, 1)  # Tom's turn onto Maya's: the quote across speakers is one turn now
    library.corrections.set_speaker(tid, 0, 0, "Maya Okafor")
    assert library.highlights.get(ids["across"]).original_quote is None  # only the breaks between its words changed
    assert not any(t.edited for t in library.transcripts.turns(tid))
    expect(library, tid, set())


def test_a_split_quote_is_marked_once_edited(talk):
    library, tid, ids = talk
    turn = library.transcripts.turns(tid)[0]
    library.corrections.split(tid, 0, turn.text.index("Then"))
    expect(library, tid, set())
    library.corrections.edit(tid, 1, "Then we left late.")
    expect(library, tid, {ids["early"], ids["across"]})


def test_undoing_the_edit_takes_the_mark_away(talk):
    library, tid, ids = talk
    correction = library.corrections.edit(tid, 0, FIRST.replace("good", "great"))
    expect(library, tid, {ids["good"]})
    library.corrections.revert(correction)
    expect(library, tid, set())


def test_callout_style_marks_the_attribution_too(talk):
    library, tid, _ = talk
    library.corrections.edit(tid, 0, FIRST.replace("good", "great"))
    library.corrections.edit(tid, 1, "Which hour? The second one, I think.")
    scope = collect(library, transcript_id=tid)
    md = export(scope, "md", ExportOptions(quote_style="callout")).decode()
    assert "> [!quote] Maya, turn 1 · *edited*\n> very great things\n" in md
    assert "> — Tom, turn 2 · *edited*\n>\n> #quote\n\n^hl-4" in md
    assert md.count("*edited*") == 2
    html = export(scope, "html", ExportOptions(quote_style="callout")).decode()
    assert html.count('<span class="edited"') == 2


def test_the_qdpx_note_gives_the_words_as_imported(talk):
    library, tid, ids = talk
    library.corrections.edit(tid, 0, FIRST.replace("very good", "really great"))
    project, _ = _project(library, tid)
    [note] = project.iter(q("Note"))
    assert note.get("guid") == guid("edited", ids["good"])
    assert note.findtext(q("PlainTextContent")) == (
        "Edited after import: check it against the recording.\nAs imported: \u201cvery good things\u201d"
    )


def test_the_qdpx_note_gives_a_word_deleted_at_the_edge(talk):
    library, tid, _ = talk
    library.corrections.edit(tid, 0, FIRST.replace("very ", ""))
    project, _ = _project(library, tid)
    [note] = project.iter(q("Note"))
    assert note.findtext(q("PlainTextContent")).splitlines()[1:] == [
        "As imported: \u201cgood things\u201d",
        "First highlighted as: \u201cvery good things\u201d",
    ]


def test_a_quote_across_turns_refers_to_its_note_from_each_selection(talk):
    library, tid, ids = talk
    library.corrections.edit(tid, 1, "Which hour? The second one, I think.")
    project, _ = _project(library, tid)
    refs = [s.find(q("NoteRef")) for s in project.iter(q("PlainTextSelection"))]
    targets = [r.get("targetGUID") for r in refs if r is not None]
    assert targets == [guid("edited", ids["across"])] * 2
    [note] = project.iter(q("Note"))
    assert "As imported: \u201cleft early.\nWhich time?\u201d" in note.findtext(q("PlainTextContent"))


def test_changed_spans_are_found_once_per_turn(talk, monkeypatch):
    library, tid, _ = talk
    library.corrections.edit(tid, 0, FIRST.replace("good", "great").replace("early", "late"))
    calls = []
    real = collect_module.changed_spans
    monkeypatch.setattr(collect_module, "changed_spans", lambda *a: calls.append(a) or real(*a))
    scope = collect(library, transcript_id=tid)
    assert sum(e.edited for e in scope.excerpts) == 3
    assert len(calls) == 1  # three highlights in the one edited turn
    render_qdpx(scope, "2026-01-15T10:00:00Z")
    assert len(calls) == 1  # the export reuses what collect found


def test_a_part_joined_from_turns_of_one_speaker_is_edited_if_any_is(talk):
    library, tid, _ = talk
    turn = library.transcripts.turns(tid)[0]
    start, end = turn.text.index("the bridge."), turn.text.index("Then we") + len("Then we")
    hid = library.highlights.add(tid, Position(0, start), Position(0, end)).id
    library.corrections.split(tid, 0, turn.text.index("Then"))
    library.corrections.edit(tid, 1, "So we left early.")
    [found] = [e for e in collect(library, transcript_id=tid).excerpts if e.highlight.id == hid]
    [part] = found.parts  # one speaker's two turns, one part
    assert part.text == "the bridge.\nSo we" and part.edited
