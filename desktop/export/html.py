"""HTML export: one self-contained page, the same content as the Markdown export.

Quotes and where they come from are escaped text written straight into HTML; notes,
the only Markdown, are rendered by markdown2. Transcript text and notes are untrusted:
markdown2's safe mode escapes raw HTML in notes, and `sanitise` then removes what could
still run: scripts, event-handler attributes, and `javascript:`, `vbscript:` and `data:` links.
"""

from __future__ import annotations

import html
import re

import markdown2

from desktop.export.collect import Excerpt, Scope
from desktop.export.markdown import MarkdownOptions, by_tag, part_where, plain_where, tag_link

STYLE = """
body { font: 16px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1d1f23; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; }
blockquote { margin: 1.2em 0; padding: .2em 1em; border-left: 4px solid #f6c343; background: #fbf8ef; }
table.meta { border-collapse: collapse; font-size: .9em; color: #555; } table.meta td { padding: 0 1em 0 0; }
p.who { color: #666; font-size: .9em; } .tag { color: #8a5a00; } .note { margin: 0 0 1.5em 1.3em; }
@media (prefers-color-scheme: dark) { body { color: #e6e6e6; background: #1b1d21; }
  blockquote { background: #26282d; } h2 { border-color: #3a3e44; } table.meta { color: #aaa; } }
"""
_UNSAFE_TAG = re.compile(r"<\s*/?\s*(script|style|iframe|object|embed|form|meta|link|base)\b[^>]*>", re.I)
_HANDLER = re.compile(r"\s+on[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_URL_ATTR = re.compile(r"\b(href|src|action|formaction|xlink:href)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


def sanitise(markup: str) -> str:
    """HTML with no script, no event handlers and no script or data links."""
    markup = _UNSAFE_TAG.sub("", markup)
    markup = _HANDLER.sub("", markup)

    def safe_url(match: re.Match) -> str:
        value = html.unescape(match[2].strip("\"'"))
        cleaned = re.sub(r"[\x00-\x20]", "", value)  # "java\tscript:" is still javascript:
        return f'{match[1]}="#"' if _BAD_SCHEME.match(cleaned) else match[0]

    return _URL_ATTR.sub(safe_url, markup)


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
    return sanitise("\n".join(parts))


def _excerpt(excerpt: Excerpt, options: MarkdownOptions, with_title: bool, notes: markdown2.Markdown) -> str:
    h = excerpt.highlight
    tags = " ".join(f'<span class="tag">{html.escape(tag_link(t))}</span>' for t in h.tags)
    callout = options.quote_style == "callout"
    if excerpt.single_speaker:
        quote = _paragraph(excerpt.parts[0].text)
        who = html.escape(plain_where(excerpt, with_title))
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
    note = notes.convert(h.note) if h.note.strip() else ""
    return block + (f'\n<div class="note">{note}</div>' if note else "")


def _said(excerpt: Excerpt, title: str | None, tags: str) -> str:
    """Each part and then who said it; the title and the tags after the last one."""
    last = len(excerpt.parts) - 1
    said = []
    for n, part in enumerate(excerpt.parts):
        who = html.escape(part_where(part, title if n == last else None))
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
