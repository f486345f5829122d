"""HTML export: the Markdown export rendered by markdown2 into one self-contained page.

Transcript text and notes are untrusted. markdown2's safe mode escapes raw HTML, and
`sanitise` then removes what could still run: scripts, event-handler attributes, and
`javascript:`, `vbscript:` and `data:` links.
"""

from __future__ import annotations

import html
import re

import markdown2

from desktop.export.collect import Scope
from desktop.export.markdown import MarkdownOptions, render

STYLE = """
body { font: 16px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1d1f23; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; }
blockquote { margin: 1.2em 0; padding: .2em 1em; border-left: 4px solid #f6c343; background: #fbf8ef; }
table.meta { border-collapse: collapse; font-size: .9em; color: #555; } table.meta td { padding: 0 1em 0 0; }
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
    markdown = render(scope, MarkdownOptions(options.quote_style, options.group_by_tag, block_ids=False))
    _, _, text = markdown.split("---\n", 2)  # the front matter becomes the table below
    speakers = ", ".join(dict.fromkeys(s for t in scope.transcripts for s in t.speakers))
    meta = (("Source", ", ".join(t.source for t in scope.transcripts)), ("Speakers", speakers),
            ("Highlights", str(len(scope.excerpts))))  # fmt: skip
    rows = "".join(f"<tr><td>{label}</td><td>{html.escape(value)}</td></tr>" for label, value in meta if value)
    rendered = markdown2.markdown(text, safe_mode="escape", extras=["fenced-code-blocks", "strike", "tables"])
    return sanitise(f'<table class="meta">{rows}</table>\n{rendered}')


def render_html(scope: Scope, options: MarkdownOptions | None = None) -> str:
    """A complete, self-contained HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(scope.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body(scope, options)}\n</body>\n</html>\n"
    )
