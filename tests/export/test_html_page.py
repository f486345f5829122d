"""The HTML page as a reader meets it: legible in light, dark and print (every text colour at
least 4.5:1 on every background, WCAG AA, read from the stylesheet the page carries), usable on
a phone, printable without parting a quote from its attribution, and every highlight an anchor."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from desktop.export import ExportOptions, collect, export
from desktop.library import Position

AA = 4.5  # WCAG 2 level AA, normal text
STYLES = [ExportOptions(style, grouped) for style in ("blockquote", "callout") for grouped in (False, True)]


def rules(css: str, media: str | None = None) -> list[tuple[str | None, str, dict[str, str]]]:
    """Every rule of a stylesheet as (the @media condition it sits in, selector, declarations)."""
    found: list[tuple[str | None, str, dict[str, str]]] = []
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    at = 0
    while (opening := css.find("{", at)) >= 0:
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        prelude, inside = css[at:opening].strip(), css[opening + 1 : end - 1]
        if prelude.startswith("@media"):
            found += rules(inside, prelude.removeprefix("@media").strip())
        else:
            pairs = (d.split(":", 1) for d in inside.split(";") if ":" in d)
            found.append((media, prelude, {name.strip(): value.strip() for name, value in pairs}))
        at = end
    return found


def luminance(colour: str) -> float:
    """WCAG relative luminance of `#rrggbb` or `#rgb`."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def page(annotated) -> str:
    library, tid = annotated
    return export(collect(library, transcript_id=tid), "html").decode()


@pytest.fixture
def stylesheet(page) -> list[tuple[str | None, str, dict[str, str]]]:
    return rules(re.search(r"<style>(.*?)</style>", page, re.DOTALL)[1])


def variables(sheet, *media: str | None) -> dict[str, str]:
    """The custom properties `:root` holds under the given media conditions, later ones winning."""
    found: dict[str, str] = {}
    for condition in media:
        for where, selector, declarations in sheet:
            if where == condition and selector == ":root":
                found |= {name: value for name, value in declarations.items() if name.startswith("--")}
    return found


SCHEMES = {  # what a reader gets: the media conditions in force, in the stylesheet's order
    "light": (None,),
    "dark": (None, "(prefers-color-scheme: dark)"),
    "print": (None, "print"),
    "print from a dark system": (None, "(prefers-color-scheme: dark)", "print"),
}


def test_the_contrast_check_knows_its_numbers():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-below-AA grey
    assert contrast("#8a5a00", "#26282d") < AA  # the old dark-mode tag colour fails, as measured


def test_every_colour_goes_through_a_variable(stylesheet):
    """So the contrast test below sees every colour the page can show."""
    for _, selector, declarations in stylesheet:
        for name in ("color", "background", "background-color"):
            if name in declarations:
                assert re.fullmatch(r"var\(--[\w-]+\)", declarations[name]), (selector, name, declarations[name])
    colours = {selector for _, selector, declarations in stylesheet if "color" in declarations}
    assert {"body", "p.who", ".tag", "a", "table.meta"} <= colours  # links in notes have a colour of their own


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_text_colour_reads_on_every_background(stylesheet, scheme):
    values = variables(stylesheet, *SCHEMES[scheme])
    texts = {d["color"] for _, _, d in stylesheet if "color" in d}
    backgrounds = {d.get("background", d.get("background-color")) for _, _, d in stylesheet} - {None}
    assert len(texts) >= 4 and len(backgrounds) >= 2
    for text in texts:
        for background in backgrounds:
            colour, behind = values[text[4:-1]], values[background[4:-1]]
            ratio = contrast(colour, behind)
            assert ratio >= AA, f"{scheme}: {text} {colour} on {background} {behind} is {ratio:.2f}:1"


def test_print_is_light_whatever_the_system(stylesheet):
    assert variables(stylesheet, *SCHEMES["print from a dark system"]) == variables(stylesheet, None)
    assert luminance(variables(stylesheet, *SCHEMES["print"])["--page"]) > 0.9
    assert luminance(variables(stylesheet, *SCHEMES["dark"])["--page"]) < 0.05


def test_print_keeps_each_quote_with_its_attribution_and_headings_with_what_follows(stylesheet):
    printed = {selector: declarations for media, selector, declarations in stylesheet if media == "print"}
    assert printed["blockquote"]["break-inside"] == "avoid"  # the quote and who said it are one blockquote
    assert printed["p.who"]["break-before"] == "avoid"  # and a quote longer than a page keeps the last lines
    assert printed["h1, h2"]["break-after"] == "avoid"


def test_the_page_fits_a_phone(page):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


class Anchors(HTMLParser):
    """Every id in the page, and the blockquotes (with their ids or None)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids, self.quotes = [], []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs).get("id")
        if found:
            self.ids.append(found)
        if tag == "blockquote":
            self.quotes.append(found)


@pytest.fixture
def tagged_twice(annotated):
    """The sample, plus a highlight across three turns with two tags (so it is in two sections)."""
    library, tid = annotated
    library.highlights.add(tid, Position(0, 0), Position(2, 5), tags=["quote", "method/notes"], note="# Advice\n")
    return library, tid


@pytest.mark.parametrize("options", STYLES, ids=lambda o: f"{o.quote_style}{'-by-tag' if o.group_by_tag else ''}")
def test_every_highlight_is_an_anchor_once_in_every_style(tagged_twice, options):
    library, tid = tagged_twice
    anchors = Anchors()
    anchors.feed(export(collect(library, transcript_id=tid), "html", options).decode())
    expected = {f"hl-{h.id}" for h in library.highlights.list(tid)}
    assert sorted(anchors.ids) == sorted(expected)  # each once, even under several tags
    if options.group_by_tag:  # its first appearance carries the id; later ones are plain
        first = [q for q in anchors.quotes if q is not None]
        assert len(anchors.quotes) > len(first) == len(expected)
    else:
        assert set(anchors.quotes) == expected


def test_tags_show_their_real_names(annotated):
    library, tid = annotated
    start = Position(0, 0)
    library.highlights.add(tid, start, Position(0, 7), tags=["1987", "needs review!", "Ünïcode tag"])
    page = export(collect(library, transcript_id=tid), "html").decode()
    for name in ("#1987", "#needs review!", "#Ünïcode tag"):
        assert f'<span class="tag">{name}</span>' in page


def test_a_notes_headings_sit_below_the_page_headings(tagged_twice):
    library, tid = tagged_twice
    single = export(collect(library, transcript_id=tid), "html").decode()
    assert "<h2>Advice</h2>" in single and single.count("<h1>") == 1
    grouped = export(collect(library, transcript_id=tid), "html", ExportOptions(group_by_tag=True)).decode()
    assert "<h3>Advice</h3>" in grouped and grouped.count("<h1>") == 1
