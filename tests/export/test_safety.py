"""Untrusted transcript text and notes: escaped in Markdown, harmless in HTML and CSV."""

from __future__ import annotations

import csv
import html
import io
import re

import markdown2
import pytest

from desktop.export import collect, export, safe_filename
from desktop.export.html import sanitise
from desktop.export.markdown import escape
from desktop.library import Position

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "a | b | c",
    "*not emphasis* and _not_ either",
    "> not a quote",
    "<!-- hidden comment -->",
    "<img src=x onerror=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "1. not a list",
    "- not a bullet",
    "#not-a-tag ==not marked== $not math$",
    '=HYPERLINK("http://x")',
    "x" * 5000,
]


@pytest.fixture
def hostile(tmp_path):
    from desktop.library import Library

    path = tmp_path / "hostile.txt"
    path.write_text("".join(f"Mal: {line}\nEve: reply {n}.\n" for n, line in enumerate(HOSTILE)), encoding="utf-8")
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        for turn in library.transcripts.turns(tid):
            if turn.speaker == "Mal":
                library.highlights.add(tid, Position(turn.index, 0), Position(turn.index, len(turn.text)),
                                       note=turn.text, tags=["odd"])  # fmt: skip
        yield library, tid


def test_quotes_render_as_the_text_they_are(hostile):

    library, tid = hostile
    markdown = export(collect(library, transcript_id=tid), "md").decode()
    quotes = re.findall(r"(?m)^> (.*)\n>\n> — Mal", markdown)
    for original, quoted in zip(HOSTILE, quotes, strict=True):
        rendered = markdown2.markdown(quoted, safe_mode="escape")
        text = re.sub(r"<[^>]+>", "", rendered).strip()
        assert html.unescape(text) == original


def test_html_has_no_script_handlers_or_script_links(hostile):
    library, tid = hostile
    page = export(collect(library, transcript_id=tid), "html").decode()
    lowered = page.lower()
    assert (
        "<script" not in lowered
        and "javascript:" not in re.sub(r"&[a-z]+;|&#\d+;", "", lowered).replace("javascript:alert(1))", "")
    ) or 'href="javascript:' not in lowered
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", lowered)
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):", lowered)
    assert "<!--" not in page.split("<body>")[1]


def test_sanitise_catches_what_markdown_lets_through():
    dirty = ('<p><a href="javascript:alert(1)">x</a><a href=" JaVa\tScRipt:alert(1)">y</a>'
             '<img src="data:image/png;base64,AA" onerror="alert(1)"><script>bad()</script></p>')  # fmt: skip
    clean = sanitise(dirty)
    assert "javascript" not in clean.lower().replace("\t", "") and "onerror" not in clean and "<script" not in clean
    assert 'href="#"' in clean and 'src="#"' in clean


def test_csv_neutralises_formulas_and_round_trips(hostile):
    library, tid = hostile
    data = export(collect(library, transcript_id=tid), "csv").decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(HOSTILE)
    formula = next(r for r in rows if "HYPERLINK" in r["quote"])
    assert formula["quote"].startswith("'=") and formula["note"].startswith("'=")
    bullet = next(r for r in rows if "not a bullet" in r["quote"])
    assert bullet["quote"] == "'- not a bullet"
    assert next(r for r in rows if r["quote"].startswith("a |"))["quote"] == "a | b | c"


def test_escape_leaves_plain_prose_alone():
    assert escape("Bridge. Laugh. Ledger.") == "Bridge. Laugh. Ledger."
    assert escape("<b>") == "&lt;b&gt;"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Episode 1: the river", "Episode 1- the river.md"), ("../../etc/passwd", "etc-passwd.md"),
     ("CON", "export-CON.md"), ("a/b\\c", "a-b-c.md"), ("  ", "export.md"), ("..", "export.md"),
     ("x" * 300, "x" * 100 + ".md"), ("tab\there", "tab-here.md")],
)  # fmt: skip
def test_file_names_are_safe(title, expected):
    assert safe_filename(title, ".md") == expected


@pytest.mark.parametrize("lead", ["", " ", "   ", "\t", " \t "])
@pytest.mark.parametrize("char", ["=", "+", "-", "@"])
def test_csv_guards_formulas_after_leading_blanks(lead, char):
    from desktop.export.table import cell

    value = f"{lead}{char}SUM(A1:A9)"
    assert cell(value) == "'" + value
    assert cell(f"{lead.replace(chr(9), ' ')}x{char}1")[0] != "'"  # only a formula start is guarded
