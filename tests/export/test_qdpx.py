"""The REFI-QDA project: the rules of the QDA-XML 1.0 project schema it must meet (checked by
tests/export/qda_schema.py), references that resolve, and offsets that point at the right
characters of the exported sources.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from desktop.export import collect
from desktop.export.qdpx import NS, render_qdpx
from desktop.library import Position
from tests.export.qda_schema import codebook_problems, project_problems

DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def unpack(library, **scope):
    data = render_qdpx(collect(library, **scope), "2026-01-15T10:00:00Z")
    archive = zipfile.ZipFile(io.BytesIO(data))
    return ET.fromstring(archive.read("project.qde")), archive


def check_schema(project: ET.Element, archive: zipfile.ZipFile) -> None:
    """The schema's rules, then what it cannot say: GUIDs unique, every reference resolving,
    every source's text in the archive, colours as we write them."""
    assert project_problems(project) == []
    assert DATETIME.match(project.get("creationDateTime"))
    guids = [e.get("guid") for e in project.iter() if e.get("guid") is not None]
    assert len(guids) == len(set(guids))
    users = {u.get("guid") for u in project.iter(q("User"))}
    codes = {c.get("guid"): c for c in project.iter(q("Code"))}
    sources = {s.get("guid"): s for s in project.iter(q("TextSource"))}
    for code in codes.values():
        assert code.get("color") is None or re.match(r"^#[0-9A-F]{6}$", code.get("color"))
    for source in sources.values():
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt" and f"sources/{path[11:]}" in archive.namelist()
        assert [c.tag for c in source] == [q("PlainTextSelection")] * len(source)
    for selection in project.iter(q("PlainTextSelection")):
        assert selection.get("creatingUser") in users
        assert 0 <= int(selection.get("startPosition")) < int(selection.get("endPosition"))
        for ref in selection.iter(q("CodeRef")):
            assert codes[ref.get("targetGUID")].get("isCodable") == "true"
    for ref in project.iter(q("SourceRef")):
        assert ref.get("targetGUID") in sources
    notes = {n.get("guid"): n for n in project.iter(q("Note"))}
    for note in notes.values():  # a TextSource: its text inside (PlainTextContent) or a path, not both
        assert note.get("creatingUser") in users and DATETIME.match(note.get("creationDateTime"))
        assert [c.tag for c in note] == [q("PlainTextContent")] and note.get("plainTextPath") is None
    for ref in project.iter(q("NoteRef")):
        assert ref.get("targetGUID") in notes


def test_project_meets_the_schema_and_offsets_point_at_the_quotes(annotated):
    library, tid = annotated
    project, archive = unpack(library, transcript_id=tid)
    check_schema(project, archive)

    [source] = project.iter(q("TextSource"))
    text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
    assert text.startswith("Maya Okafor: Welcome to Field Notes")
    highlights = {h.quote: h for h in library.highlights.list(tid)}
    selections = list(source)
    assert len(selections) == 5
    for selection in selections:
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert text[start:end] in highlights
        quote = highlights[text[start:end]]
        codes = {c.get("guid"): c.get("name") for c in project.iter(q("Code"))}
        assert sorted(codes[r.get("targetGUID")] for r in selection.iter(q("CodeRef"))) == sorted(
            t.split("/")[-1] for t in quote.tags
        )
        description = selection.find(q("Description"))
        assert (description.text if description is not None else "") == quote.note


def test_code_hierarchy_colours_and_speakers_as_cases(annotated):
    library, tid = annotated
    project, _ = unpack(library, transcript_id=tid)
    top = {c.get("name"): c for c in project.find(q("CodeBook")).find(q("Codes"))}
    assert sorted(top) == ["method", "quote", "theme"]
    assert top["method"].get("isCodable") == "false"
    assert sorted(c.get("name") for c in top["method"]) == ["notes", "questions"]
    assert top["quote"].get("color") == library.tags.get("quote").colour.upper()
    assert sorted(c.get("name") for c in project.iter(q("Case"))) == ["Maya Okafor", "Tomás Reyes"]


def test_a_highlight_across_turns_is_one_selection_per_turn(annotated, seeds):
    library, _ = annotated
    other = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    turns = library.transcripts.turns(other)
    assert turns[3].speaker != turns[4].speaker
    across = library.highlights.add(other, Position(3, len(turns[3].text) - 12), Position(5, 10), tags=["across", "b"],
                                    note="Three turns.")  # fmt: skip
    library.autotag("transformer", "ai", transcript_id=other)
    project, archive = unpack(library, transcript_id=other)
    check_schema(project, archive)
    [source] = project.iter(q("TextSource"))
    text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
    codes = {c.get("guid"): c.get("name") for c in project.iter(q("Code"))}
    pieces = {h.id: [] for h in library.highlights.list(other)}
    for selection in source:  # each selection points at exactly the words of its part, no speaker label
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        owner = next(h for h in library.highlights.list(other) if selection.get("guid") in part_guids(h))
        pieces[owner.id].append(text[start:end])
        assert sorted(codes[r.get("targetGUID")] for r in selection.iter(q("CodeRef"))) == sorted(owner.tags)
        description = selection.find(q("Description"))
        assert (description.text if description is not None else "") == owner.note  # on every part
    for highlight in library.highlights.list(other):  # the parts in order make up the quote
        assert "\n".join(pieces[highlight.id]) == highlight.quote
        single = highlight.start.turn == highlight.end.turn
        assert len(pieces[highlight.id]) == (1 if single else highlight.end.turn - highlight.start.turn + 1)
    assert pieces[across.id] == [turns[3].text[-12:], turns[4].text, across.quote.split("\n")[-1]]
    assert turns[5].text.startswith(pieces[across.id][-1])
    assert not any(f"{t.speaker}:" in piece for t in turns for piece in pieces[across.id])


def part_guids(highlight) -> list[str]:
    from desktop.export.qdpx import guid

    return [guid("highlight", highlight.id), *(guid("highlight", f"{highlight.id}.{n}") for n in range(1, 10))]


def test_a_single_turn_highlight_keeps_its_guid(annotated):
    from desktop.export.qdpx import guid

    library, tid = annotated
    project, _ = unpack(library, transcript_id=tid)
    assert sorted(s.get("guid") for s in project.iter(q("PlainTextSelection"))) == sorted(
        guid("highlight", h.id) for h in library.highlights.list(tid)
    )


FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def test_characters_xml_forbids_never_reach_the_project(tmp_path):
    import json

    from lxml import etree

    from desktop.export.qdpx import xml_safe
    from desktop.library import Library

    path = tmp_path / "odd.json"
    segments = [
        {"speaker": "An\x01n", "startTime": 0, "endTime": 1, "body": "hello\x08 there \ufffe now"},
        {"speaker": "Bo\x02", "startTime": 1, "endTime": 2, "body": "fi\x0bne\x00 \x1b[31mred\uffff."},
    ]
    path.write_text(json.dumps({"version": "1.0.0", "segments": segments}))
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        library.transcripts.rename(tid, "Ti\x02tle")
        turns = library.transcripts.turns(tid)
        assert FORBIDDEN.search(turns[0].text + turns[1].text + (turns[0].speaker or ""))  # they did get in
        across = library.highlights.add(tid, Position(0, 2), Position(1, 9), note="n\x00o\x07te", tags=["t\x01g/x\x0c"])
        data = render_qdpx(collect(library, transcript_id=tid), "2026-01-15T10:00:00Z")
    archive = zipfile.ZipFile(io.BytesIO(data))
    raw = archive.read("project.qde")
    assert not FORBIDDEN.search(raw.decode("utf-8"))
    etree.fromstring(raw, etree.XMLParser(recover=False))  # a strict parser takes it
    project = ET.fromstring(raw)
    check_schema(project, archive)
    assert project.find(q("Sources"))[0].get("name") == "Ti\ufffdtle"
    assert sorted(c.get("name") for c in project.iter(q("Case"))) == ["An\ufffdn", "Bo\ufffd"]
    [source] = project.iter(q("TextSource"))
    text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
    assert not FORBIDDEN.search(text)
    pieces = [text[int(s.get("startPosition")) : int(s.get("endPosition"))] for s in source]
    assert "\n".join(pieces) == xml_safe(across.quote) and len(pieces) == 2  # positions match the text written
    assert [s.find(q("Description")).text for s in source] == ["n\ufffdo\ufffdte"] * 2


def test_xml_safe_keeps_positions():
    from desktop.export.qdpx import xml_safe

    text = "a\x00b\ud800c\tn\n\r\ufffe\U0001f600"
    assert xml_safe(text) == "a\ufffdb\ufffdc\tn\n\r\ufffd\U0001f600" and len(xml_safe(text)) == len(text)


def test_a_library_without_tags_or_transcripts_still_meets_the_schema(tmp_path):
    from desktop.library import Library
    from desktop.resources import SAMPLE_TRANSCRIPT

    with Library(tmp_path / "l.sqlite") as library:
        project, archive = unpack(library)  # nothing at all: a project of its user only
        check_schema(project, archive)
        assert [c.tag for c in project] == [q("Users")]
        library.import_file(SAMPLE_TRANSCRIPT)
        project, archive = unpack(library)  # a transcript, no tags: no CodeBook (an empty Codes is invalid)
        check_schema(project, archive)
        assert [c.tag for c in project] == [q("Users"), q("Cases"), q("Sources")]


def test_a_described_tag_is_a_code_with_its_description(annotated):
    library, tid = annotated
    library.tags.describe("quote", "Lines worth quoting whole.")
    project, archive = unpack(library, transcript_id=tid)
    check_schema(project, archive)
    codes = {c.get("name"): c for c in project.iter(q("Code"))}
    assert codes["quote"].find(q("Description")).text == "Lines worth quoting whole."
    assert codes["doubt"].find(q("Description")) is None
    assert [c.tag for c in codes["quote"]] == [q("Description")]


GUID_A, GUID_B = "6f1d7c52-3c1e-4d0b-9a57-8d7b1f0c2a11", "{6F1D7C52-3C1E-4D0B-9A57-8D7B1F0C2A12}"
VALID = f'<Project xmlns="{NS}" name="p"><Users><User guid="{GUID_A}"/></Users>{{}}</Project>'


@pytest.mark.parametrize(
    ("inside", "complaint"),
    [
        ("<CodeBook><Codes/></CodeBook>", "needs 1 Code at least there, has 0"),
        ("<CodeBook/>", "needs 1 Codes at least there, has 0"),
        ("<Sources/>", "needs 1 AudioSource or PDFSource or PictureSource or TextSource or VideoSource"),
        (f'<Sources><TextSource guid="{GUID_B}" plainTextPath="x"/></Sources><Cases/>', "Cases cannot stand at"),
        ('<CodeBook><Codes><Code name="a" isCodable="true"/></Codes></CodeBook>', "the attribute guid is required"),
        (f'<CodeBook><Codes><Code guid="{GUID_B}" name="a" isCodable="yes" color="red"/></Codes></CodeBook>',
         "isCodable='yes' is no boolean"),
        (f'<CodeBook><Codes><Code guid="{GUID_B}" name="a" isCodable="true" color="red"/></Codes></CodeBook>',
         "color='red' is no colour"),
        (f'<CodeBook><Codes><Code guid="{GUID_B}" name="a" isCodable="true"><Code guid="{GUID_A}" name="b" '
         'isCodable="true"/><Description>late</Description></Code></Codes></CodeBook>', "Description cannot stand"),
        (f'<Sources><TextSource guid="{GUID_B}"/></Sources>', "needs PlainTextContent or plainTextPath"),
        (f'<Sources><TextSource guid="{GUID_B}" plainTextPath="x"><PlainTextContent>t</PlainTextContent>'
         "</TextSource></Sources>", "needs PlainTextContent or plainTextPath"),
        (f'<Sources><TextSource guid="{GUID_B}" plainTextPath="x"><PlainTextSelection guid="{GUID_A}" '
         'startPosition="0" endPosition="x"/></TextSource></Sources>', "endPosition='x' is no integer"),
        (f'<Sources><TextSource guid="{GUID_B}" plainTextPath="x" colour="#fff"/></Sources>',
         "no attribute colour allowed"),
        ("<Notes>stray text</Notes>", "holds elements only"),
        ("<Graphs/>", "no rule for"),
        ("<Variables/>", "needs 1 Variable at least there, has 0"),
        (f'<Variables><Variable guid="{GUID_A}" name="age" typeOfVariable="Number"/></Variables>',
         "typeOfVariable='Number' is no variable type"),
        (f'<Cases><Case guid="{GUID_A}"><SourceRef targetGUID="{GUID_B}"/><VariableValue><VariableRef '
         f'targetGUID="{GUID_B}"/><TextValue>x</TextValue></VariableValue></Case></Cases>',
         "VariableValue cannot stand"),
        (f'<Cases><Case guid="{GUID_A}"><VariableValue><VariableRef targetGUID="{GUID_B}"/><FloatValue>1e3</FloatValue>'
         "</VariableValue></Case></Cases>", "'1e3' is no decimal"),
        (f'<Cases><Case guid="{GUID_A}"><VariableValue><VariableRef targetGUID="{GUID_B}"/><DateValue>5 May</DateValue>'
         "</VariableValue></Case></Cases>", "'5 May' is no date"),
        (f'<Cases><Case guid="{GUID_A}"><VariableValue><TextValue>x</TextValue><VariableRef targetGUID="{GUID_B}"/>'
         "</VariableValue></Case></Cases>", "needs 1 VariableRef at least there"),
    ],
)  # fmt: skip
def test_the_checker_finds_what_the_project_schema_forbids(inside, complaint):
    assert project_problems(ET.fromstring(VALID.format(""))) == []
    found = project_problems(ET.fromstring(VALID.format(inside)))
    assert any(complaint in problem for problem in found), found


def test_the_checker_knows_the_codebook_from_the_project():
    codebook = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x"><Codes>{}</Codes></CodeBook>'
    code = f'<Code guid="{GUID_A}" name="a" isCodable="false" color="#ABC"><Description>d</Description></Code>'
    assert codebook_problems(ET.fromstring(codebook.format(code))) == []
    assert "needs 1 Code at least there, has 0" in codebook_problems(ET.fromstring(codebook.format("")))[0]
    with_note = code.replace("</Description>", f'</Description><NoteRef targetGUID="{GUID_A}"/>')
    assert codebook_problems(ET.fromstring(codebook.format(with_note)))  # a project's Code may, a codebook's not
    assert codebook_problems(ET.fromstring(VALID.format(""))) == [
        f"the root is {{{NS}}}Project, not CodeBook in urn:QDA-XML:codebook:1.0"
    ]
