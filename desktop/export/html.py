"""HTML export: one self-contained page, the same content as the Markdown export.

Quotes, titles and where they come from are escaped text written straight into HTML, never
edited: the reader sees exactly what was said. Notes, the only Markdown, are rendered by
markdown2 (its safe mode escapes raw HTML) and then cleaned by nh3, an allow-list sanitiser:
only the tags and attributes markdown2 makes for a note survive, links only to http, https
and mailto.
"""

from __future__ import annotations

import html

import markdown2
import nh3

from desktop.export.collect import Excerpt, Scope
from desktop.export.markdown import MarkdownOptions, by_tag, part_where, plain_where, tag_link

STYLE = """
body { font: 16px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1d1f23; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; }
blockquote { margin: 1.2em 0; padding: .2em 1em; border-left: 4px solid #f6c343; background: #fbf8ef; }
table.meta { border-collapse: collapse; font-size: .9em; color: #555; } table.meta td { padding: 0 1em 0 0; }
p.who { color: #666; font-size: .9em; } .tag { color: #8a5a00; } .note { margin: 0 0 1.5em 1.3em; }
.edited { font-style: italic; text-decoration: underline dotted; cursor: help; }
@media (prefers-color-scheme: dark) { body { color: #e6e6e6; background: #1b1d21; }
  blockquote { background: #26282d; } h2 { border-color: #3a3e44; } table.meta { color: #aaa; } }
"""
# What markdown2 makes of a note, and nothing else: no images (a remote one would report the
# reader), no classes or ids, style only for table-cell alignment, links to the web or mail only.
NOTE_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "s", "del", "blockquote", "ul", "ol", "li", "a",
             "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
NOTE_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
NOTE_URL_SCHEMES = {"http", "https", "mailto"}
# After the attribution of a quote whose words were changed after import (fixed text, nothing escaped into it).
EDITED = ' · <span class="edited" title="Words changed after import: check against the recording">edited</span>'


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
    options = options or MarkdownOptions()
    notes = markdown2.Markdown(safe_mode="escape", extras=["fenced-code-blocks", "strike", "tables"])
    speakers = ", ".join(dict.fromkeys(s for t in scope.transcripts for s in t.speakers))
    meta = (("Source", ", ".join(t.source for t in scope.transcripts)), ("Speakers", speakers),
            ("Highlights", str(len(scope.excerpts))))  # fmt: skip
    rows = "".join(f"<tr><td>{label}</td><td>{html.escape(value)}</td></tr>" for label, value in meta if value)
    parts = [f"<h1>{html.escape(scope.title)}</h1>", f'<table class="meta">{rows}</table>']
    several = len({e.transcript.id for e in scope.excerpts}) > 1
    if options.group_by_tag:
        for tag, excerpts in by_tag(scope.excerpts):
            parts.append(f"<h2>{html.escape(tag) if tag else 'Untagged'}</h2>")
            parts += [_excerpt(e, options, several, notes) for e in excerpts]
    else:
        current = None
        for excerpt in scope.excerpts:
            if several and excerpt.transcript.id != current:
                current = excerpt.transcript.id
                parts.append(f"<h2>{html.escape(excerpt.transcript.title)}</h2>")
            parts.append(_excerpt(excerpt, options, False, notes))
    return "\n".join(parts)


def _excerpt(excerpt: Excerpt, options: MarkdownOptions, with_title: bool, notes: markdown2.Markdown) -> str:
    h = excerpt.highlight
    tags = " ".join(f'<span class="tag">{html.escape(tag_link(t))}</span>' for t in h.tags)
    callout = options.quote_style == "callout"
    if excerpt.single_speaker:
        quote = _paragraph(excerpt.parts[0].text)
        who = html.escape(plain_where(excerpt, with_title)) + (EDITED if excerpt.edited else "")
        if callout:
            block = f'<blockquote class="callout"><p class="who">{who}</p>{quote}<p>{tags}</p></blockquote>'
        else:
            block = f'<blockquote id="hl-{h.id}">{quote}<p class="who">— {who} {tags}</p></blockquote>'
    elif callout:  # the callout's heading names the transcript; each part says who
        head = f'<p class="who">{html.escape(excerpt.transcript.title)}</p>' if with_title else ""
        block = f'<blockquote class="callout">{head}{_said(excerpt, None, "")}<p>{tags}</p></blockquote>'
    else:
        title = excerpt.transcript.title if with_title else None
        block = f'<blockquote id="hl-{h.id}">{_said(excerpt, title, tags)}</blockquote>'
    note = sanitise(notes.convert(h.note)) if h.note.strip() else ""
    return block + (f'\n<div class="note">{note}</div>' if note else "")


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
    return "<p>" + "<br>".join(html.escape(line) for line in text.split("\n")) + "</p>"


def render_html(scope: Scope, options: MarkdownOptions | None = None) -> str:
    """A complete, self-contained HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(scope.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body(scope, options)}\n</body>\n</html>\n"
    )
