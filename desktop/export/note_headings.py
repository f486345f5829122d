"""A note's headings moved under the section it is exported in: a note's `# Advice` becomes
`## Advice` below a `# Title`, so it never reads as a heading of the whole document."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark")
_ATX = re.compile(r"(?P<indent> {0,3})(?P<marks>#{1,6})")
_CLOSING = re.compile(r"((?:^|\s)#*)#$")
_DEEPEST = 6
_LINE_BREAK = re.compile(r"\r\n?|\n")
# Where a heading could start: `#` after at most three spaces, or a setext underline (`===`,
# `---`) alone on its line. A note with neither has no heading, and is not parsed at all.
_MAYBE_HEADING = re.compile(r"(?:^|[\r\n]) {0,3}(?:#|=+[ \t]*(?:[\r\n]|$)|-+[ \t]*(?:[\r\n]|$))")


def nest_headings(note: str, level: int) -> str:
    """`note` with its top-level headings shifted so the highest is at `level` (their order
    of levels kept, none beyond `######`); setext headings (`Title` over `===`) become ATX
    (`## Title`). A note whose headings are already at `level` or deeper, or that has none,
    comes back as it is; headings in code, quotes and lists are left alone."""
    if not _MAYBE_HEADING.search(note):
        return note
    headings = [t for t in _PARSER.parse(note) if t.type == "heading_open" and t.level == 0 and t.map]
    if not headings:
        return note
    shift = level - min(int(t.tag[1]) for t in headings)
    if shift <= 0:
        return note
    lines = _LINE_BREAK.split(note)  # as the parser counts lines (`\r` and `\r\n` end one too)
    for token in reversed(headings):  # from the end: a setext heading shortens the list
        first, after = token.map
        depth = min(int(token.tag[1]) + shift, _DEEPEST)
        if token.markup.startswith("#"):
            match = _ATX.match(lines[first])
            lines[first] = match["indent"] + "#" * depth + lines[first][match.end() :]
        else:  # the text lines, then the `===` or `---` underline
            text = " ".join(line.strip() for line in lines[first : after - 1])
            text = _CLOSING.sub(r"\1\\#", text)  # a trailing `#` would close an ATX heading
            lines[first:after] = ["#" * depth + " " + text]
    return "\n".join(lines)
