"""Each export format against a golden file, idempotence, and the options."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from desktop.export import ExportOptions, collect, export
from desktop.export.markdown import MarkdownOptions, render

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "sample.md": ("md", {}, ExportOptions()),
    "sample-callout.md": ("md", {}, ExportOptions(quote_style="callout")),
    "sample-by-tag.md": ("md", {}, ExportOptions(group_by_tag=True)),
    "tag-quote.md": ("md", {"tag": "quote"}, ExportOptions()),
    "sample.html": ("html", {}, ExportOptions()),
    "sample.csv": ("csv", {}, ExportOptions()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(annotated, name):
    library, tid = annotated
    fmt, scope, options = CASES[name]
    data = export(collect(library, transcript_id=None if "tag" in scope else tid, **scope), fmt, options)
    golden = GOLDEN / name
    if os.environ.get("TALKMARK_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_markdown_content(annotated):
    library, tid = annotated
    text = render(collect(library, transcript_id=tid))
    assert text.startswith('---\ntitle: "sample"\nimported: 2026-01-15\nsource: ["sample.txt"]\n'
                           'speakers: ["Maya Okafor", "Tomás Reyes"]\n')  # fmt: skip
    assert "\ndate:" not in text and "highlights: 5" in text  # the sample's name gives no date
    assert "> — Tomás Reyes, 1:16 #method/notes\n\n^hl-3\n\nOne word and the clock time" in text
    assert text.index("least interesting") < text.index("Which time") < text.index("Bring a watch")  # reading order


def test_re_export_is_byte_identical(annotated, seeds):
    library, tid = annotated
    other = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    library.autotag('"neural network"', "ai/neural")
    for fmt in ("md", "html", "csv"):
        for scope in ({"transcript_id": tid}, {"tag": "ai"}, {}):
            first = export(collect(library, **scope), fmt, ExportOptions(group_by_tag=True))
            assert export(collect(library, **scope), fmt, ExportOptions(group_by_tag=True)) == first
    everything = render(collect(library))
    assert "## sample" in everything and "## 004\\_63b56b2bea8ad07d" in everything
    assert everything.count("^hl-") == len(library.highlights.list())
    assert len(collect(library, transcript_id=other).excerpts) == len(library.highlights.list(other))


def test_block_ids_are_unique_when_grouped_by_tag(annotated):
    library, tid = annotated
    text = render(collect(library, transcript_id=tid), MarkdownOptions(group_by_tag=True))
    assert text.count("^hl-2") == 1  # "Which time?" is under two tags, its id once
    assert text.index("## method/notes") < text.index("## quote") < text.index("## theme/memory")


def test_csv_bom_and_turn_numbers_without_times(annotated, seeds):
    library, _ = annotated
    other = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    library.autotag("transformer", "ai", transcript_id=other)
    data = export(collect(library, transcript_id=other), "csv", ExportOptions(bom=True)).decode("utf-8")
    assert data.startswith(
        "\ufefftranscript,speaker,start,end,quote,tags,note,created,edited,start_seconds,end_seconds,start_turn,end_turn\r\n"
    )
    turns = [row["start_turn"] for row in csv.DictReader(io.StringIO(data.lstrip("\ufeff")))]
    highlights = library.highlights.list(other)
    assert turns == [str(h.start.turn + 1) for h in highlights] and all(turns)  # untimed: the turn says where
    assert "> — Oriol Vinyals, turn " in render(collect(library, transcript_id=other))
