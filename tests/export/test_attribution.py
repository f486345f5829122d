"""Every part of a quote under the speaker who said it: a highlight across turns is cut into
parts, and each export shows each part with its own speaker and time."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from desktop.export import ExportOptions, collect, export
from desktop.export.collect import Part, excerpt
from desktop.export.markdown import MarkdownOptions, citation, render
from desktop.library import Library, Position

DIALOGUE = """\
[00:00:12] Lex Fridman: How far away are we from a system that replaces you as the interviewer?
[00:00:19] Oriol Vinyals: It's a good question. I think partly, I would say do we want that?
[00:00:31] Lex Fridman: Go on.
"""


@pytest.fixture
def dialogue(tmp_path):
    """(library, transcript id, the highlight from the end of Lex's turn into Oriol's reply)."""
    path = tmp_path / "episode.txt"
    path.write_text(DIALOGUE, encoding="utf-8")
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        lex = library.transcripts.turns(tid)[0].text
        across = library.highlights.add(tid, Position(0, lex.index("the interviewer")), Position(1, 21),
                                        tags=["theme/ai"], note="He *dodges* it.")  # fmt: skip
        yield library, tid, across


def test_a_highlight_across_speakers_is_cut_into_their_parts(dialogue):
    library, tid, across = dialogue
    [found] = collect(library, transcript_id=tid).excerpts
    assert found.parts == [
        Part(0, "Lex Fridman", 12.0, "the interviewer?"),
        Part(1, "Oriol Vinyals", 19.0, "It's a good question."),
    ]
    assert "\n".join(p.text for p in found.parts) == across.quote
    assert found.speakers == ["Lex Fridman", "Oriol Vinyals"] and found.start == 12.0


def test_parts_of_one_speaker_read_as_one(dialogue):
    library, tid, _ = dialogue
    library.corrections.split(tid, 1, len("It's a good question. "))  # two turns of Oriol now
    turns = library.transcripts.turns(tid)
    both = library.highlights.add(tid, Position(1, 5), Position(2, 7))
    found = excerpt(both, library.transcripts.get(tid), turns)
    assert found.parts == [Part(1, "Oriol Vinyals", 19.0, "a good question.\nI think")]
    assert found.parts[0].text == both.quote and found.single_speaker


def test_markdown_attributes_each_part(dialogue):
    library, tid, _ = dialogue
    text = render(collect(library, transcript_id=tid))
    assert (
        "> the interviewer?\n>\n> — Lex Fridman, 0:12\n>\n> It's a good question.\n>\n"
        "> — Oriol Vinyals, 0:19 #theme/ai\n\n^hl-1\n\nHe *dodges* it.\n"
    ) in text
    callout = render(collect(library, transcript_id=tid), MarkdownOptions(quote_style="callout"))
    assert (
        "> [!quote]\n> the interviewer?\n>\n> — Lex Fridman, 0:12\n>\n> It's a good question.\n>\n"
        "> — Oriol Vinyals, 0:19\n>\n> #theme/ai\n\n^hl-1\n\n"
    ) in callout


def test_copied_quote_attributes_each_part(dialogue):
    library, tid, across = dialogue
    found = excerpt(across, library.transcripts.get(tid), library.transcripts.turns(tid))
    assert citation(found) == (
        "> the interviewer?\n>\n> — Lex Fridman, 0:12\n>\n"
        "> It's a good question.\n>\n> — Oriol Vinyals, 0:19, episode\n"
    )


class Blocks(HTMLParser):
    """The text of each paragraph inside the page's blockquotes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.paragraphs = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "blockquote"
        if tag == "p" and self.depth:
            self.paragraphs.append("")
        if tag == "br" and self.depth:
            self.paragraphs[-1] += "\n"

    def handle_endtag(self, tag):
        self.depth -= tag == "blockquote"

    def handle_data(self, data):
        if self.depth and self.paragraphs:
            self.paragraphs[-1] += data


@pytest.mark.parametrize("style", ["blockquote", "callout"])
def test_html_attributes_each_part(dialogue, style):
    library, tid, _ = dialogue
    blocks = Blocks()
    blocks.feed(export(collect(library, transcript_id=tid), "html", ExportOptions(quote_style=style)).decode())
    said = ["the interviewer?", "— Lex Fridman, 0:12", "It's a good question.", "— Oriol Vinyals, 0:19"]
    if style == "callout":
        assert blocks.paragraphs == [*said, "#theme/ai"]
    else:
        assert blocks.paragraphs == [*said[:3], said[3] + " #theme/ai"]


def test_csv_names_every_speaker(dialogue):
    library, tid, across = dialogue
    [row] = csv.DictReader(io.StringIO(export(collect(library, transcript_id=tid), "csv").decode()))
    assert row["speaker"] == "Lex Fridman; Oriol Vinyals" and row["start"] == "00:00:12"
    assert row["quote"] == across.quote


def test_single_speaker_highlights_look_as_before(dialogue):
    library, tid, _ = dialogue
    library.highlights.add(tid, Position(2, 0), Position(2, 6), tags=["x"])
    text = render(collect(library, transcript_id=tid))
    assert "> Go on.\n>\n> — Lex Fridman, 0:31 #x\n\n^hl-2\n" in text
