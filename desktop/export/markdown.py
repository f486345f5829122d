"""Markdown export that drops into Obsidian or any notes app.

YAML front matter, then each highlight in reading order: the quote (escaped, so it reads
as the text it is), who and when (and ` · *edited*` when its words were changed after
import), its tags as `#tag/sub`, a stable block id `^hl-<id>`, and its note below. The
same data always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.export.collect import Excerpt, Part, Scope
from desktop.export.note_markdown import embedded_note
from desktop.formats.clock import format_clock

_INLINE = re.compile(r"([\\`*_\[\]#])")  # emphasis, code, links, Obsidian tags
_NOT_IN_TAG = re.compile(r"[^\w/\-]+")  # \w: letters, digits and `_` of every script
_BULLET = re.compile(r"^(\s*)([-+])")  # a line that would start a list
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")
# As entities: raw HTML never passes, and tables, strike, Obsidian's ==marks==, ^ids and $math$
# stay literal in every renderer (markdown2 ignores backslash escapes of these).
# What YAML (1.1 and 1.2) reads literally inside double quotes: printable, not a line break or BOM.
_YAML_LITERAL = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_YAML_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;", "=": "&#61;", "^": "&#94;",
             "$": "&#36;"}  # fmt: skip
_ENTITY_TABLE = str.maketrans(_ENTITIES)
_SPECIAL = re.compile(r"[\\`*_\[\]#&<>|~=^$%]")  # any character `escape` changes
_LIST_START = re.compile(r"\s*(?:[-+]|\d+[.)])")  # what _BULLET and _NUMBERED find


@dataclass(frozen=True)
class MarkdownOptions:
    """How the Markdown looks: `quote_style` "blockquote" or "callout"; grouped by tag or not."""

    quote_style: str = "blockquote"
    group_by_tag: bool = False
    block_ids: bool = True
    media_links: bool = False  # a ▶ link to the moment in the recording, where one is linked


def escape(text: str) -> str:
    """Text made literal in Markdown: emphasis, code, link and tag characters backslash-escaped,
    list markers at a line start too, the rest of the special characters as entities (and the
    second `%` of each `%%`)."""
    if not _SPECIAL.search(text) and not _LIST_START.match(text):
        return text  # most text (a quote's line, a name) has nothing to escape
    text = _INLINE.sub(r"\\\1", text)
    text = _NUMBERED.sub(r"\1\\\2", _BULLET.sub(r"\1\\\2", text))
    text = text.translate(_ENTITY_TABLE)
    return text.replace("%%", "%&#37;")  # `%%` opens an Obsidian comment, hiding the rest of the note


EDITED = " · *edited*"  # after the attribution of a quote whose words were changed after import


@cache
def obsidian_tag(tag: str) -> str:
    """A tag name as Obsidian takes it: letters, digits, `_`, `-` and `/` only (each run of
    anything else, spaces included, one `-`; none at a level's edges), never only digits
    (`1987` is `_1987`). The one mapping used wherever a tag is written for Obsidian."""
    levels = [_NOT_IN_TAG.sub("-", level).strip("-") or "_" for level in tag.split("/")]
    name = "/".join(levels)
    return "_" + name if name.replace("/", "").isdigit() else name


def tag_link(tag: str) -> str:
    """A tag as Obsidian writes it in text: `#method/interview`."""
    return "#" + obsidian_tag(tag)


def plain_where(excerpt: Excerpt, with_title: bool) -> str:
    """Speaker, time (or turn number), and the transcript when the export spans several;
    for a highlight of several speakers, the first part's (see `part_where` for each part)."""
    return part_where(excerpt.parts[0], excerpt.transcript.title if with_title else None)


def part_where(part: Part, title: str | None = None) -> str:
    """Who said a part and when (or in which turn), then the transcript title when given."""
    when = format_clock(part.start) if part.start is not None else f"turn {part.turn + 1}"
    return ", ".join(p for p in (part.speaker, when, title) if p)


def where(excerpt: Excerpt, with_title: bool) -> str:
    """`plain_where`, escaped for Markdown."""
    return escape(plain_where(excerpt, with_title))


def quoted(text: str) -> list[str]:
    """Text as the lines of a Markdown quote, escaped, blank lines kept as bare `>`."""
    return [f"> {escape(line)}".rstrip() if line.strip() else ">" for line in text.split("\n")]


def attributed(excerpt: Excerpt, with_title: bool) -> list[str]:
    """The quote's lines, each speaker's part followed by `> — who, when`; the transcript title
    (when asked) and the mark of an edited quote once, on the last attribution."""
    title = excerpt.transcript.title if with_title else None
    lines: list[str] = []
    for n, part in enumerate(excerpt.parts):
        who = part_where(part, title if n == len(excerpt.parts) - 1 else None)
        lines += [*([">"] if lines else []), *quoted(part.text), ">", f"> — {escape(who)}"]
    if excerpt.edited:
        lines[-1] += EDITED
    return lines


def citation(excerpt: Excerpt) -> str:
    """One highlight as a Markdown quote with speaker, time and transcript title, for pasting;
    in a highlight of several speakers each part is followed by its own attribution."""
    return "\n".join(attributed(excerpt, with_title=True)) + "\n"


def render(scope: Scope, options: MarkdownOptions | None = None) -> str:
    """The whole Markdown document of an export: front matter, then `body`."""
    lines = ["---", *(f"{key}: {value}" for key, value in properties(scope).items()), "---", ""]
    return "\n".join([*lines, *body(scope, options)]).rstrip("\n") + "\n"


def body(scope: Scope, options: MarkdownOptions | None = None, notes: dict[int, str] | None = None) -> list[str]:
    """The lines under the front matter: a `#` title, then every highlight in reading order,
    under a `##` heading per transcript when there are several (or per tag when grouped).
    `notes` names each transcript's vault note, for a link from each quote to its block there."""
    options = options or MarkdownOptions()
    notes = notes or {}
    lines = [f"# {escape(scope.title)}", "", *described(scope, scope.tag)]
    several = len({e.transcript.id for e in scope.excerpts}) > 1
    sections = options.group_by_tag or several
    if options.group_by_tag:
        seen: set[int] = set()
        for tag, excerpts in by_tag(scope.excerpts):
            lines += [f"## {escape(tag) if tag else 'Untagged'}", "", *described(scope, tag)]
            for e in excerpts:
                lines += _excerpt(e, options, several, block_id=e.highlight.id not in seen, level=3,
                                  media=scope.media.get(e.transcript.id), note=notes.get(e.transcript.id))  # fmt: skip
                seen.add(e.highlight.id)
    else:
        current = None
        for e in scope.excerpts:
            if several and e.transcript.id != current:
                current = e.transcript.id
                lines += [f"## {escape(e.transcript.title)}", ""]
            lines += _excerpt(e, options, False, block_id=True, level=3 if sections else 2,
                              media=scope.media.get(e.transcript.id), note=notes.get(e.transcript.id))  # fmt: skip
    return lines


def described(scope: Scope, tag: str | None) -> list[str]:
    """A tag's description as a paragraph under its heading (escaped: it is plain text), or
    nothing when the tag has none."""
    text = scope.descriptions.get(tag, "").strip() if tag else ""
    return [*(escape(line.strip()) for line in text.split("\n")), ""] if text else []


def properties(scope: Scope) -> dict[str, str]:
    """The front matter as YAML values by key: `date` the day of the conversation (when every
    transcript in scope took place on one known day; unquoted, so Obsidian reads a date),
    `imported` the day of the latest import, `source` and `speakers` lists, `tags` as
    Obsidian tags, and the counts."""
    speakers = list(dict.fromkeys(s for t in scope.transcripts for s in t.speakers))
    tags = sorted({obsidian_tag(t) for e in scope.excerpts for t in e.highlight.tags}, key=str.casefold)
    days = {t.date for t in scope.transcripts}
    imported = max((t.imported_at[:10] for t in scope.transcripts), default=None)
    fields = {
        "title": yaml_string(scope.title),
        "date": days.pop() if len(days) == 1 and None not in days else None,
        "imported": imported,
        "source": yaml_list([t.source for t in scope.transcripts]),
        "speakers": yaml_list(speakers),
        "tags": yaml_list(tags),
        "transcripts": str(len(scope.transcripts)),
        "highlights": str(len(scope.excerpts)),
    }
    return {key: value for key, value in fields.items() if value is not None}


def yaml_list(items: list[str]) -> str:
    """Strings as an inline YAML list of double-quoted scalars."""
    return "[" + ", ".join(yaml_string(item) for item in items) + "]"


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that loads back as `text`, whatever it holds: `\\`,
    `"`, line breaks, tabs, controls, C1 controls, DEL, U+2028/9, U+FEFF and the other characters
    YAML will not take literally as escapes; lone surrogates (YAML has no escape for them) as U+FFFD."""
    return '"' + "".join(_yaml_char(ch) for ch in text) + '"'


def _yaml_char(ch: str) -> str:
    code = ord(ch)
    if ch in '"\\':
        return "\\" + ch
    if ch in _YAML_SHORT:
        return _YAML_SHORT[ch]
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if _YAML_LITERAL.match(ch):
        return ch
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def media_link(excerpt: Excerpt, media: Path) -> str:
    """A link that opens the recording at the quote's time (`#t=` seconds, as browsers and
    players read it); empty when the quote has no time."""
    if excerpt.start is None:
        return ""
    return f" [▶ {format_clock(excerpt.start)}]({media.as_uri()}#t={round(excerpt.start, 3):g})"


def _excerpt(excerpt: Excerpt, options: MarkdownOptions, with_title: bool, block_id: bool, level: int,
             media: Path | None = None, note: str | None = None) -> list[str]:  # fmt: skip
    """A highlight's quote; its block id as a paragraph of its own (blank lines around it, as
    Obsidian needs after a quote); its note, headings nested below `level`."""
    h = excerpt.highlight
    tags = [tag_link(t) for t in h.tags]
    callout = options.quote_style == "callout"
    link = media_link(excerpt, media) if options.media_links and media is not None else ""
    if note is not None:
        link += f" [[{note}#^hl-{h.id}|↗]]"
    if excerpt.single_speaker and callout:
        mark = EDITED if excerpt.edited else ""
        lines = [f"> [!quote] {where(excerpt, with_title)}{mark}{link}", *quoted(excerpt.parts[0].text)]
    elif callout:  # the callout's title names the transcript; each part says who
        title = f" {escape(excerpt.transcript.title)}" if with_title else ""
        lines = [f"> [!quote]{title}{link}", *attributed(excerpt, with_title=False)]
    else:
        lines = attributed(excerpt, with_title)
        lines[-1] = " ".join([lines[-1] + link, *tags])
    if callout and tags:
        lines += [">", "> " + " ".join(tags)]
    lines.append("")
    if options.block_ids and block_id:
        lines += [f"^hl-{h.id}", ""]
    if h.note.strip():
        lines += [embedded_note(h.note, level), ""]
    return lines


def by_tag(excerpts: list[Excerpt]) -> Iterable[tuple[str | None, list[Excerpt]]]:
    """Excerpts per tag (a tag's excerpts in reading order), then the untagged ones."""
    tags = sorted({t for e in excerpts for t in e.highlight.tags}, key=str.casefold)
    for tag in tags:
        yield tag, [e for e in excerpts if tag in e.highlight.tags]
    untagged = [e for e in excerpts if not e.highlight.tags]
    if untagged:
        yield None, untagged
