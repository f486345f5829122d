"""Markdown transcripts: `**Name** [0:00]`, `**Name:** text`, `### Name` over paragraphs;
front matter skipped (its `title:` kept), emphasis markers removed, links keep their text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from desktop.formats.documents import Paragraph, document_pieces, split_lead, table_paragraphs
from desktop.formats.model import Piece

_FRONT_MATTER_END = re.compile(r"(?:---|\.\.\.)\s*")
_FRONT_TITLE = re.compile(r"title\s*:\s*(?P<title>.*?)\s*")
_HEADING = re.compile(r" {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
# Only `===` underlines a heading: a `---` under a paragraph is read as a rule, so that a
# speaker's paragraph is never taken for a heading (CommonMark would).
_SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*")
_FENCE = re.compile(r" {0,3}(?:`{3,}|~{3,}).*")
_CONTAINER = re.compile(r"[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")  # quote and list markers
_BOLD_LEAD = re.compile(r"(\*\*|__)(?=\S)(?P<lead>.+?)(?<=\S)\1")
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:\s+\S+.*")
_TABLE_RULE = re.compile(r"\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*")
_SAMPLE_LINES = 400

# Inline markup, removed in this order (escaped characters are set aside first).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\](?:\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^<>\s]+)>", re.IGNORECASE)
_CODE = re.compile(r"(`+)(?P<code>.+?)\1")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>", re.DOTALL)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<text>.+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(?P<text>.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(?P<text>.+?)(?<=\S)~~")
_SET_ASIDE = 0xF0000  # escaped characters wait in a private-use plane while markup is removed


def looks_like_markdown(text: str) -> bool:
    """Whether text is Markdown: front matter, bold speaker names opening lines, or headings."""
    lines = [line for line in text.split("\n", _SAMPLE_LINES)[:_SAMPLE_LINES] if line.strip()]
    if not lines:
        return False
    if lines[0].strip() == "---" and any(_FRONT_MATTER_END.fullmatch(line) for line in lines[1:50]):
        return True
    bold = sum(1 for line in lines if _BOLD_LEAD.match(_container_free(line)))
    headings = sum(1 for line in lines if _HEADING.fullmatch(line))
    return bold >= 2 or headings >= 2 or bool(_HEADING.fullmatch(lines[0]))


def parse_markdown(text: str) -> tuple[list[Piece], str | None]:
    """Pieces of a Markdown transcript and its title (front matter, else the first `#` heading)."""
    lines = text.split("\n")
    title, first = _front_matter(lines)
    headings = (_HEADING.fullmatch(line) for line in lines[first:])
    heading = next((inline_text(m["text"]) for m in headings if m and m["text"] and len(m["marks"]) == 1), None)
    return document_pieces(list(_paragraphs(lines, first))), title or heading


def inline_text(text: str) -> str:
    """Markdown inline text as read: emphasis markers and tags removed, links' text kept,
    entities decoded."""
    text = _ESCAPE.sub(lambda m: chr(_SET_ASIDE + ord(m[1])), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    text = _CODE.sub(lambda m: m["code"].strip(), text)
    text = _TAG.sub("", text)
    for pattern in (_STRONG, _STRONG, _STAR, _UNDERSCORE, _STRIKE):
        text = pattern.sub(lambda m: m["text"], text)
    text = html.unescape(text)
    return re.sub(r"[\U000F0000-\U000F007F]", lambda m: chr(ord(m[0]) - _SET_ASIDE), text)


def _front_matter(lines: list[str]) -> tuple[str | None, int]:
    """The front matter's title and the index of the first line after it."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    for end, line in enumerate(lines[1:], start=1):
        if _FRONT_MATTER_END.fullmatch(line):
            titles = [m["title"] for m in map(_FRONT_TITLE.fullmatch, lines[1:end]) if m]
            return (titles[0].strip("\"'") or None) if titles else None, end + 1
    return None, 0


def _paragraphs(lines: list[str], first: int) -> Iterator[Paragraph]:
    """The paragraphs, headings and tables of a Markdown document's lines, in order."""
    block: list[tuple[int, str]] = []  # (line number, line) of the paragraph being read
    table: list[list[str]] = []
    tables = 0
    fenced = False
    for number, line in enumerate(lines[first:], start=first + 1):
        content = _container_free(line)
        if table and not content.startswith("|"):
            tables += 1
            yield from table_paragraphs(table, f"table {tables}")
            table = []
        if _FENCE.fullmatch(line):
            fenced = not fenced
        if _FENCE.fullmatch(line) or not content.strip() or _RULE.fullmatch(line) or _REFERENCE.fullmatch(line):
            yield from _finished(block)
            block = []
        elif fenced:
            block.append((number, line))
        elif block and _SETEXT_H1.fullmatch(line):
            yield _paragraph(block, heading=True)
            block = []
        elif _HEADING.fullmatch(line):
            yield from _finished(block)
            block = []
            yield _paragraph([(number, _HEADING.fullmatch(line)["text"] or "")], heading=True)
        elif content.startswith("|"):
            yield from _finished(block)
            block = []
            if not _TABLE_RULE.fullmatch(content):
                table.append([inline_text(cell) for cell in content.strip().strip("|").split("|")])
        else:
            if block and _opens_with_speaker(content):
                yield from _finished(block)  # a bold name opens a new paragraph, blank line or not
                block = []
            block.append((number, content))
    yield from _finished(block)
    if table:
        yield from table_paragraphs(table, f"table {tables + 1}")


def _opens_with_speaker(line: str) -> bool:
    match = _BOLD_LEAD.match(line)
    return bool(match and split_lead(inline_text(match["lead"]), inline_text(line[match.end() :])))


def _finished(block: list[tuple[int, str]]) -> Iterator[Paragraph]:
    if block:
        yield _paragraph(block)


def _paragraph(block: list[tuple[int, str]], *, heading: bool = False) -> Paragraph:
    """A paragraph of Markdown lines, its opening bold name (or a heading's text) as its lead."""
    first = block[0][1]
    lead_match = _BOLD_LEAD.match(first)
    lead = inline_text(lead_match["lead"]) if lead_match else ""
    rest = first[lead_match.end() :] if lead_match else first
    text = lead + "\n".join([inline_text(rest), *(inline_text(line) for _, line in block[1:])])
    if heading:
        lead = text
    return Paragraph(text, lead, heading=heading, line=block[0][0])


def _container_free(line: str) -> str:
    """A line without its block-quote and list markers."""
    return line[_CONTAINER.match(line).end() :]
