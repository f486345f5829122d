"""A highlight's note made safe to place in a Markdown export among other highlights: its
headings nested under the section (note_headings.py), a code fence or HTML block it leaves open
closed at its end (else everything after it, later quotes and their block ids included, would
read as code), a line ending in one of Talkmark's own block ids (`^hl-12`) written so it is
not one (two blocks of one id break links to both), and an Obsidian comment (`%%`) it leaves
open closed off."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from desktop.export.note_headings import nest_headings

_PARSER = MarkdownIt("commonmark")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# Only a note with one of these can leave a block open or copy a block id: the others are not parsed.
_MAYBE_OPEN = re.compile(r"(?:^|[\r\n]) {0,3}(?:```|~~~|<)")
_BLOCK_ID = re.compile(r"(^|\s)\^(hl-\d+)(\s*)$")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*(?:\r\n?|\n))+")
_BLANK = (" ", "\t", "\r", "\n")
# Anything `embedded_note` may change: a heading's start, a fence, an HTML block, `^hl-`, `%%`.
_MAYBE_SPECIAL = re.compile(r"\^hl-|%%|(?:^|[\r\n]) {0,3}(?:[#<=-]|```|~~~)")
# An HTML block's kind by its first line, and what ends it (CommonMark 4.6, kinds 1 to 5; the
# others end at a blank line, which follows every note).
_HTML_ENDS = [(re.compile(r" {0,3}<(pre|script|style|textarea)(?:[\s>]|$)", re.IGNORECASE), None),
              (re.compile(r" {0,3}<!--"), "-->"), (re.compile(r" {0,3}<\?"), "?>"),
              (re.compile(r" {0,3}<!\[CDATA\["), "]]>"), (re.compile(r" {0,3}<![A-Za-z]"), ">")]  # fmt: skip
_SENTINEL = "talkmark-sentinel"


def embedded_note(note: str, level: int) -> str:
    """`note` as placed in an export under a heading of `level - 1`: blank lines around it and
    trailing spaces dropped (a first line's indent kept: it may be code), headings nested, open
    blocks closed, Talkmark block ids defused, an Obsidian comment left open closed off; a plain
    note comes back as it is."""
    if note[:1] in _BLANK:
        note = _LEADING_BLANK_LINES.sub("", note)
    note = note.rstrip()
    if not _MAYBE_SPECIAL.search(note):
        return note  # most notes: plain sentences, nothing to nest, close or defuse
    note = nest_headings(note, level)
    if "^hl-" in note:
        note = _defuse_block_ids(note)
    if "%%" in note:
        note = _close_comments(note)
    if _MAYBE_OPEN.search(note):
        note = _closed(note)
    return note


def _code_lines(note: str) -> set[int]:
    """The numbers of the lines inside code blocks, fenced or indented, at any depth."""
    lines: set[int] = set()
    for token in _PARSER.parse(note):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


def _defuse_block_ids(note: str) -> str:
    """A `^hl-N` ending a line outside code, with its caret as an entity (`&#94;hl-N`): it shows
    the same, and Obsidian takes it for text."""
    lines = _LINE_BREAK.split(note)
    code = _code_lines(note)
    for n, line in enumerate(lines):
        if n not in code:
            lines[n] = _BLOCK_ID.sub(r"\1&#94;\2\3", line)
    return "\n".join(lines)


def _close_comments(note: str) -> str:
    """A note whose `%%` outside code do not pair up, with them written `%&#37;`: one left open
    would make an Obsidian comment of everything after it, later quotes and the user's own text
    below the vault's region included. Pairs, the user's own comments, stay as they are."""
    lines = _LINE_BREAK.split(note)
    code = _code_lines(note)
    outside = [n for n in range(len(lines)) if n not in code]
    if sum(_outside_inline_code(lines[n]).count("%%") for n in outside) % 2 == 0:
        return note
    for n in outside:
        parts = lines[n].split("`")  # the even parts are outside inline code
        lines[n] = "`".join(part.replace("%%", "%&#37;") if i % 2 == 0 else part for i, part in enumerate(parts))
    return "\n".join(lines)


def _outside_inline_code(line: str) -> str:
    return "".join(part for i, part in enumerate(line.split("`")) if i % 2 == 0)


def _closed(note: str) -> str:
    """The note with a code fence or HTML block left open at its end closed, so what follows
    the note in the export is read as Markdown."""
    tokens = _PARSER.parse(f"{note}\n\n{_SENTINEL}\n")
    if len(tokens) >= 3 and tokens[-2].type == "inline" and tokens[-2].content == _SENTINEL and tokens[-3].level == 0:
        return note  # the line after the note is a paragraph of its own: nothing is open
    swallower = [t for t in tokens if t.level == 0 and t.map][-1]
    if swallower.type == "fence":
        return f"{note}\n{swallower.markup}"
    if swallower.type == "html_block":
        first = _LINE_BREAK.split(note)[swallower.map[0]]
        for start, end in _HTML_ENDS:
            if found := start.match(first):
                return f"{note}\n{end or f'</{found[1].lower()}>'}"
    return note


_MARKS = re.compile(r"[*_`\[\]#>~<!|\\&]")
_WORDS = {"text", "code_inline", "html_inline"}


def note_words(note: str) -> str:
    """A note's words on one line without their Markdown marks (`Ada's **three**` → `Ada's
    three`; a link by its text, code by its characters), for a one-line glimpse of it."""
    if not _MARKS.search(note):
        return " ".join(note.split())
    words = []
    for block in _PARSER.parse(note):
        if block.type == "inline" and block.children:
            words += [child.content for child in block.children if child.type in _WORDS or child.type == "image"]
            words.append(" ")
        elif block.type in ("fence", "code_block"):
            words += [block.content, " "]
    return " ".join("".join(words).split())
