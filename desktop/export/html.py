"""HTML export: one self-contained page, the same content as the Markdown export.

Quotes, titles and where they come from are escaped text written straight into HTML, never
edited: the reader sees exactly what was said. Notes, the only Markdown, are rendered by
markdown2 (its safe mode escapes raw HTML) and then cleaned by nh3, an allow-list sanitiser:
only the tags and attributes markdown2 makes for a note survive, links only to http, https
and mailto.

The page reads in light and dark (every text colour at least 4.5:1 on its background, WCAG AA),
on a phone (a viewport), and in print: light colours, a quote never parted from its
attribution, a heading never left at the foot of a page. Every highlight is an anchor,
`#hl-<id>` (once, where it first appears, when grouped by tag).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from string import Template

import markdown2
import nh3

from desktop.export.collect import Excerpt, Scope
from desktop.export.markdown import MarkdownOptions, by_tag, part_where, plain_where
from desktop.export.note_headings import nest_headings

# The page's colours by role, light and dark; print uses LIGHT (and so does the PDF).
LIGHT = {"text": "#1d1f23", "muted": "#595e66", "tag": "#7a4e00", "link": "#0b57d0",
         "page": "#ffffff", "quote": "#fbf8ef", "bar": "#e0a800", "rule": "#dddddd"}  # fmt: skip
DARK = {"text": "#e6e6e6", "muted": "#aeb3bb", "tag": "#e8b04a", "link": "#8ab4f8",
        "page": "#1b1d21", "quote": "#26282d", "bar": "#b58a1b", "rule": "#3a3e44"}  # fmt: skip


def _variables(colours: dict[str, str]) -> str:
    return " ".join(f"--{role}: {value};" for role, value in colours.items())


# Colours only through the variables, so the test of contrast sees every one. In print, who said
# it stays with the words: the line after them (blockquote) or before them (a callout's first line,
# which must not carry break-before: a first child's passes to its callout, and with no break
# allowed between callouts Chromium split the boxes instead, the speaker left at a page's foot).
STYLE = Template("""
:root { color-scheme: light dark; $light }
@media (prefers-color-scheme: dark) { :root { $dark } }
body { font: 16px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: var(--text); background: var(--page); overflow-wrap: break-word; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid var(--rule); }
blockquote { margin: 1.2em 0; padding: .2em 1em; border-left: 4px solid var(--bar); background: var(--quote); }
table.meta { border-collapse: collapse; font-size: .9em; color: var(--muted); }
table.meta td { padding: 0 1em 0 0; vertical-align: top; }
p.who { color: var(--muted); font-size: .9em; } .tag { color: var(--tag); white-space: nowrap; }
.note { margin: 0 0 1.5em 1.3em; } a { color: var(--link); }
.edited { font-style: italic; text-decoration: underline dotted; cursor: help; }
@media print {
  :root { color-scheme: light; $light }
  body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  blockquote { break-inside: avoid; } h1, h2, h3, h4, h5, h6 { break-after: avoid; } .note { break-before: avoid; }
  p.who:not(:first-child) { break-before: avoid; } p.who:first-child { break-after: avoid; }
  p { orphans: 2; widows: 2; }
}
""").substitute(light=_variables(LIGHT), dark=_variables(DARK))
# How notes are read, here and in the app's note preview: as Obsidian reads them, a list may
# follow a line directly and one line break is a break (its "strict line breaks" off); raw
# HTML is shown as text.
NOTE_MARKDOWN = {"safe_mode": "escape", "extras": {"fenced-code-blocks": None, "strike": None, "tables": None,
                                                   "cuddled-lists": None, "breaks": {"on_newline": True}}}  # fmt: skip
# What markdown2 makes of a note, and nothing else: no images (a remote one would report the
# reader), no classes or ids, style only for table-cell alignment, links to the web or mail only.
NOTE_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "s", "del", "blockquote", "ul", "ol", "li", "a",
             "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
NOTE_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
NOTE_URL_SCHEMES = {"http", "https", "mailto"}
# After the attribution of a quote whose words were changed after import (fixed text, nothing escaped into it).
EDITED = ' · <span class="edited" title="Words changed after import: check against the recording">edited</span>'


@dataclass(frozen=True)
class Piece:
    """One unit of the page, in reading order, as print lays it out: "title" (the `h1` and the
    facts table), "heading" (a section's `h2`), "quote" (a highlight's blockquote: its words,
    who said them, its tags; never split across pages when it fits on one) or "note"."""

    kind: str
    html: str


def sanitise(markup: str) -> str:
    """A rendered note with only the allowed tags and attributes left: no script, no styles or
    frames (their content goes too), no event handlers, no links but http, https and mailto."""
    return nh3.clean(
        markup,
        tags=NOTE_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"},
        attributes=NOTE_ATTRIBUTES,
        url_schemes=NOTE_URL_SCHEMES,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


def body(scope: Scope, options: MarkdownOptions | None = None) -> str:
    """The export as an HTML fragment (what the app's preview shows)."""
    return "\n".join(piece.html for piece in pieces(scope, options))


def pieces(scope: Scope, options: MarkdownOptions | None = None) -> Iterator[Piece]:
    """The page as its pieces: the title and facts, then each highlight's quote (and note) in
    reading order, under a heading per transcript when there are several (or per tag when
    grouped; a highlight under several tags is anchored where it first appears)."""
    options = options or MarkdownOptions()
    notes = markdown2.Markdown(**NOTE_MARKDOWN)
    speakers = ", ".join(dict.fromkeys(s for t in scope.transcripts for s in t.speakers))
    meta = (("Source", ", ".join(t.source for t in scope.transcripts)), ("Speakers", speakers),
            ("Highlights", str(len(scope.excerpts))))  # fmt: skip
    rows = "".join(f"<tr><td>{label}</td><td>{html.escape(value)}</td></tr>" for label, value in meta if value)
    yield Piece(
        "title",
        f'<h1>{html.escape(scope.title)}</h1>\n<table class="meta">{rows}</table>' + _described(scope, scope.tag),
    )
    several = len({e.transcript.id for e in scope.excerpts}) > 1
    level = 3 if options.group_by_tag or several else 2  # a note's headings sit below the sections
    anchored: set[int] = set()
    if options.group_by_tag:
        for tag, excerpts in by_tag(scope.excerpts):
            yield Piece("heading", f"<h2>{html.escape(tag) if tag else 'Untagged'}</h2>" + _described(scope, tag))
            for e in excerpts:
                yield from _excerpt(e, options, several, e.highlight.id not in anchored, level, notes)
                anchored.add(e.highlight.id)
    else:
        current = None
        for excerpt in scope.excerpts:
            if several and excerpt.transcript.id != current:
                current = excerpt.transcript.id
                yield Piece("heading", f"<h2>{html.escape(excerpt.transcript.title)}</h2>")
            yield from _excerpt(excerpt, options, False, True, level, notes)


def _described(scope: Scope, tag: str | None) -> str:
    """A tag's description under its heading (plain text, escaped), or nothing."""
    text = scope.descriptions.get(tag, "").strip() if tag else ""
    return f"\n<p><em>{_lines(text)}</em></p>" if text else ""


def _excerpt(excerpt: Excerpt, options: MarkdownOptions, with_title: bool, anchor: bool, level: int,
             notes: markdown2.Markdown) -> Iterator[Piece]:  # fmt: skip
    h = excerpt.highlight
    tags = " ".join(f'<span class="tag">#{html.escape(t)}</span>' for t in h.tags)  # the real name, unmapped
    callout = options.quote_style == "callout"
    attributes = (f' id="hl-{h.id}"' if anchor else "") + (' class="callout"' if callout else "")
    if excerpt.single_speaker:
        quote = _paragraph(excerpt.parts[0].text)
        who = html.escape(plain_where(excerpt, with_title)) + (EDITED if excerpt.edited else "")
        if callout:
            inside = f'<p class="who">{who}</p>{quote}<p>{tags}</p>'
        else:
            inside = f'{quote}<p class="who">— {who} {tags}</p>'
    elif callout:  # the callout's heading names the transcript; each part says who
        head = f'<p class="who">{html.escape(excerpt.transcript.title)}</p>' if with_title else ""
        inside = f"{head}{_said(excerpt, None, '')}<p>{tags}</p>"
    else:
        inside = _said(excerpt, excerpt.transcript.title if with_title else None, tags)
    yield Piece("quote", f"<blockquote{attributes}>{inside}</blockquote>")
    note = sanitise(notes.convert(nest_headings(h.note, level))) if h.note.strip() else ""
    if note:
        yield Piece("note", f'<div class="note">{note}</div>')


def _said(excerpt: Excerpt, title: str | None, tags: str) -> str:
    """Each part and then who said it; the title, the edited mark and the tags after the last one."""
    last = len(excerpt.parts) - 1
    said = []
    for n, part in enumerate(excerpt.parts):
        who = html.escape(part_where(part, title if n == last else None))
        who += EDITED if n == last and excerpt.edited else ""
        said.append(f'{_paragraph(part.text)}<p class="who">— {who}{" " + tags if n == last and tags else ""}</p>')
    return "".join(said)


def _paragraph(text: str) -> str:
    return f"<p>{_lines(text)}</p>"


def _lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def render_html(scope: Scope, options: MarkdownOptions | None = None) -> str:
    """A complete, self-contained HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(scope.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body(scope, options)}\n</body>\n</html>\n"
    )
