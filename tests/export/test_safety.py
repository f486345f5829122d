"""Untrusted transcript text and notes: escaped in Markdown, harmless in HTML and CSV."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

import markdown2
import pytest

from desktop.export import ExportOptions, collect, export, safe_filename
from desktop.export.html import NOTE_TAGS, sanitise
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


HOSTILE_NOTES = [
    'See <x<b> autofocus tabindex="0"/onfocus=alert(1)//> here',
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[y](jav&#x09;ascript:alert(1)) and [z](JaVaScRiPt:alert(1)) and <javascript:alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    "[d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:msgbox(1))",
    '[t](https://example.org "a\\" onmouseover=\\"alert(1)")',
    '<iframe src="https://example.org"></iframe>',
    "<style>body { display: none }</style>",
    "<svg><script>alert(1)</script></svg>",
    "<object data=x></object><embed src=x>",
    "| a |\n|:--|\n| <b onclick=x>1</b> |",
    "Fine: *emphasis*, [a link](https://example.org), [mail](mailto:a@example.org) and a [place](#hl-1).",
]
HOSTILE_QUOTES = [
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "x onerror=alert(1) y",
    "&amp; &#x3C;",
]


class Page(HTMLParser):
    """Every element of a page as (tag, attributes, inside a note), and each blockquote's first paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements, self.quotes, self.stack, self.capturing = [], [], [], False

    def handle_starttag(self, tag, attrs):
        inside = any(t == "div" and ("class", "note") in a for t, a in self.stack)
        self.elements.append((tag, attrs, inside))
        if tag == "p" and self.elements[-2][0] == "blockquote":
            self.capturing = True
            self.quotes.append("")
        if tag not in ("br", "hr", "img", "meta", "input", "embed"):
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs, any(t == "div" and ("class", "note") in a for t, a in self.stack)))

    def handle_endtag(self, tag):
        self.capturing = self.capturing and tag != "p"
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.capturing:
            self.quotes[-1] += data


def scheme(url: str) -> str | None:
    """The scheme a browser sees in a URL (it drops tabs, newlines and leading blanks first)."""
    found = re.match(r"([a-z][a-z0-9+.\-]*):", re.sub(r"[\x00-\x20]", "", url).lower())
    return found[1] if found else None


@pytest.fixture
def hostile_notes(tmp_path):
    from desktop.library import Library

    path = tmp_path / "hostile.txt"
    path.write_text("".join(f"Mal: {quote}\nEve: reply {n}.\n" for n, quote in enumerate(HOSTILE_QUOTES)))
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        turns = [t for t in library.transcripts.turns(tid) if t.speaker == "Mal"]
        assert [t.text for t in turns] == HOSTILE_QUOTES
        for n, note in enumerate(HOSTILE_NOTES):
            turn = turns[n % len(turns)]
            library.highlights.add(tid, Position(turn.index, 0), Position(turn.index, len(turn.text)), note=note)
        yield library, tid


@pytest.mark.parametrize("style", ["blockquote", "callout"])
def test_html_notes_keep_only_harmless_markup(hostile_notes, style):
    library, tid = hostile_notes
    page = Page()
    page.feed(export(collect(library, transcript_id=tid), "html", ExportOptions(quote_style=style)).decode())
    body = page.elements[[tag for tag, _, _ in page.elements].index("body") :]
    assert not [(tag, attrs) for tag, attrs, _ in body if any(name.startswith("on") for name, _ in attrs)]
    assert not {tag for tag, _, _ in body} & {"script", "iframe", "style", "object", "embed", "svg", "img", "x<b>"}
    assert {tag for tag, _, inside in body if inside} <= NOTE_TAGS
    links = [dict(attrs).get("href") for tag, attrs, inside in body if tag == "a" and inside]
    assert {scheme(href) for href in links if href} <= {"http", "https", "mailto", None}
    assert all(href is None or href.startswith(("http", "mailto:", "#")) for href in links)
    assert {"https://example.org", "mailto:a@example.org", "#hl-1"} <= set(links)  # good links survive
    assert sum(tag == "em" for tag, _, inside in body if inside) == 1


def test_html_quotes_are_escaped_never_edited(hostile_notes):
    library, tid = hostile_notes
    page = export(collect(library, transcript_id=tid), "html").decode()
    for quote in HOSTILE_QUOTES:
        assert f"<p>{html.escape(quote)}</p>" in page
    parsed = Page()
    parsed.feed(page)
    assert sorted(parsed.quotes) == sorted(HOSTILE_QUOTES[n % len(HOSTILE_QUOTES)] for n in range(len(HOSTILE_NOTES)))
    assert "&lt;svg onload=alert(1)&gt;" in page


def test_sanitise_catches_what_markdown_lets_through():
    dirty = ('<p><a href="javascript:alert(1)">x</a><a href=" JaVa\tScRipt:alert(1)">y</a>'
             '<img src="data:image/png;base64,AA" onerror="alert(1)"><script>bad()</script>'
             '<x&lt;b&gt; autofocus tabindex="0"/onfocus=alert(1)//>z</p>')  # fmt: skip
    assert sanitise(dirty) == '<p><a rel="noopener noreferrer">x</a><a rel="noopener noreferrer">y</a>z</p>'


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
