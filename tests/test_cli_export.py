"""`python main.py export` for spreadsheets and QDA tools: `--rows-per-tag`, `--bom`,
`--format qdc` and `--format codebook-csv`, and their errors (one line, nothing written)."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from desktop.library import Library, Position
from tests.export.qda_schema import codebook_problems
from tests.test_cli_corrections import path, talkmark  # the fixtures

__all__ = ["path", "talkmark"]


def tag_some(path) -> None:
    """Two highlights: one tagged `theme/ai` and `quote` (described), one untagged."""
    with Library(path) as library:
        library.highlights.add(1, Position(0, 0), Position(0, 5), tags=["theme/ai", "quote"])
        library.highlights.add(1, Position(1, 0), Position(1, 5))
        library.tags.describe("quote", "Worth quoting.")


def read_csv(file) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(file.read_bytes().decode("utf-8-sig"))))


def test_csv_rows_per_tag_with_a_byte_order_mark(path, talkmark, tmp_path):
    tag_some(path)
    out = tmp_path / "rows.csv"
    status, printed, err = talkmark("export", "--format", "csv", "--rows-per-tag", "--bom", "-o", str(out))
    assert (status, printed, err) == (0, f"{out}\t2 highlights\n", "")
    assert out.read_bytes().startswith(b"\xef\xbb\xbftranscript,speaker,start,end,quote,tag,note,")
    assert [r["tag"] for r in read_csv(out)] == ["quote", "theme/ai", ""]
    status, _, _ = talkmark("export", "--format", "csv", "-o", str(out))
    assert status == 0 and [r["tags"] for r in read_csv(out)] == ["quote; theme/ai", ""]


def test_codebooks_into_a_folder(path, talkmark, tmp_path):
    tag_some(path)
    status, printed, _ = talkmark("export", "--format", "qdc", "-o", str(tmp_path))
    assert (status, printed) == (0, f"{tmp_path / 'Talkmark library.qdc'}\t2 tags\n")
    root = ET.parse(tmp_path / "Talkmark library.qdc").getroot()
    assert codebook_problems(root) == []
    assert [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")] == ["quote", "theme", "ai"]
    status, printed, _ = talkmark("export", "--format", "codebook-csv", "-o", str(tmp_path))
    assert (status, printed) == (0, f"{tmp_path / 'Talkmark library-codebook.csv'}\t2 tags\n")
    assert read_csv(tmp_path / "Talkmark library-codebook.csv") == [
        {"tag": "quote", "description": "Worth quoting.", "colour": "#7cc6fe", "highlights": "1", "transcripts": "1"},
        {"tag": "theme/ai", "description": "", "colour": "#f6c343", "highlights": "1", "transcripts": "1"},
    ]


def test_export_errors_are_one_line_and_write_nothing(path, talkmark, tmp_path):
    out = tmp_path / "out.qdc"
    status, printed, err = talkmark("export", "--format", "qdc", "-o", str(out))
    assert (status, printed, err) == (1, "", f"error: {path}: no tags to write a codebook of\n")
    status, printed, err = talkmark("export", "--format", "md", "--rows-per-tag", "-o", str(tmp_path / "x.md"))
    assert (status, printed, err) == (1, "", "error: export: --rows-per-tag applies to --format csv only\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.sqlite", "state"]


def test_a_tag_name_with_a_semicolon_is_refused(path, talkmark):
    status, printed, err = talkmark("autotag", "question", "--tag", "cost;time")
    assert (status, printed) == (1, "")
    assert err == f"error: {path}: 'cost;time': a tag name may not contain ';' (exports separate tags with '; ')\n"
    with Library(path, write=False) as library:
        assert library.tags.list() == [] and library.highlights.list() == []
