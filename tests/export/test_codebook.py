"""The codebook: the tag tree with descriptions as a REFI-QDA codebook (.qdc, checked against
the rules of Codebook.xsd) and as a CSV table with counts."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from desktop.export import ExportOptions, collect, export
from desktop.export.codebook import CODEBOOK_NS
from desktop.export.qdpx import NS
from desktop.library import Library, LibraryError, Position
from tests.export.qda_schema import codebook_problems


def q(name: str) -> str:
    return f"{{{CODEBOOK_NS}}}{name}"


@pytest.fixture
def coded(annotated, seeds):
    """The annotated sample, a second transcript sharing `quote`, two descriptions, an unused
    tag `zeta` and a tag `method-x` that sorts between `method` and its sub-tags by full name."""
    library, tid = annotated
    other = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    library.highlights.add(other, Position(0, 0), Position(0, 5), tags=["quote", "method-x"])
    library.tags.describe("quote", "Lines worth quoting whole.")
    library.tags.describe("theme/doubt", "=Hesitation, \x01before a date.")
    library.tags.create("zeta")
    return library, tid, other


def table(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_codebook_csv_lists_every_tag_in_tree_order_with_counts(coded):
    library, _, _ = coded
    data = export(collect(library), "codebook-csv")
    assert data.decode().startswith("tag,description,colour,highlights,transcripts\r\n")
    rows = table(data)
    assert [r["tag"] for r in rows] == ["method/notes", "method/questions", "method-x", "quote", "theme/doubt",
                                        "theme/memory", "zeta"]  # fmt: skip
    counts = {r["tag"]: (int(r["highlights"]), int(r["transcripts"])) for r in rows}
    assert counts == {"method/notes": (1, 1), "method/questions": (1, 1), "method-x": (1, 1), "quote": (3, 2),
                      "theme/doubt": (1, 1), "theme/memory": (1, 1), "zeta": (0, 0)}  # fmt: skip
    by_tag = {r["tag"]: r for r in rows}
    assert by_tag["quote"]["description"] == "Lines worth quoting whole."
    assert by_tag["theme/doubt"]["description"] == "'=Hesitation, \x01before a date."  # defused like the CSV
    assert by_tag["zeta"]["colour"] == library.tags.get("zeta").colour
    assert export(collect(library), "codebook-csv", ExportOptions(bom=True)) == b"\xef\xbb\xbf" + data


def test_codebook_counts_follow_the_scope_and_a_tag_chooses_its_branch(coded):
    library, _, other = coded
    rows = table(export(collect(library, transcript_id=other), "codebook-csv"))
    assert len(rows) == 7  # every tag: the codebook is the library's
    assert {r["tag"]: r["highlights"] for r in rows if r["highlights"] != "0"} == {"method-x": "1", "quote": "1"}
    rows = table(export(collect(library, tag="theme"), "codebook-csv"))
    assert [r["tag"] for r in rows] == ["theme/doubt", "theme/memory"]
    rows = table(export(collect(library, tag="method"), "codebook-csv"))
    assert [r["tag"] for r in rows] == ["method/notes", "method/questions"]  # not method-x


def test_qdc_is_the_tag_tree_with_descriptions_and_meets_the_schema(coded):
    library, _, _ = coded
    data = export(collect(library), "qdc")
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"")
    root = ET.fromstring(data)
    assert codebook_problems(root) == []
    assert root.get("origin").startswith("Talkmark ")
    [codes] = root
    top = [(c.get("name"), c.get("isCodable")) for c in codes]
    assert top == [("method", "false"), ("method-x", "true"), ("quote", "true"), ("theme", "false"), ("zeta", "true")]
    method, _, quote, theme, _ = codes
    assert [c.get("name") for c in method] == ["notes", "questions"]
    assert method.get("color") is None and quote.get("color") == library.tags.get("quote").colour.upper()
    assert [(c.tag, c.text) for c in quote] == [(q("Description"), "Lines worth quoting whole.")]
    doubt = theme.find(q("Code"))
    assert doubt.get("name") == "doubt" and doubt.find(q("Description")).text == "=Hesitation, \ufffdbefore a date."
    project = ET.fromstring(zipfile.ZipFile(io.BytesIO(export(collect(library), "qdpx"))).read("project.qde"))
    in_project = {c.get("name"): c.get("guid") for c in project.iter(f"{{{NS}}}Code")}
    in_codebook = {c.get("name"): c.get("guid") for c in root.iter(q("Code"))}
    assert in_project == {name: in_codebook[name] for name in in_project} and in_project["quote"] == quote.get("guid")


def test_qdc_of_one_tag_keeps_the_levels_above_it(coded):
    library, _, _ = coded
    root = ET.fromstring(export(collect(library, tag="theme/memory"), "qdc"))
    assert codebook_problems(root) == []
    [theme] = root.find(q("Codes"))
    assert (theme.get("name"), theme.get("isCodable"), [c.get("name") for c in theme]) == ("theme", "false", ["memory"])


@pytest.mark.parametrize("fmt", ["qdc", "codebook-csv"])
def test_a_codebook_of_no_tags_is_an_error_not_an_invalid_file(tmp_path, fmt):
    with Library(tmp_path / "l.sqlite") as library, pytest.raises(LibraryError, match="no tags to write a codebook"):
        export(collect(library), fmt)


def test_the_same_codebook_twice_is_byte_identical(coded):
    library, _, _ = coded
    for fmt in ("qdc", "codebook-csv"):
        assert export(collect(library), fmt) == export(collect(library), fmt)
