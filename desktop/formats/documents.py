"""Documents (Word, HTML, Markdown) read as paragraphs, then as the text formats read lines.

A document parser turns its source into `Paragraph`s: the text with markup removed, and
what the markup said (a bold or cited speaker name at the start, a heading, a table row's
speaker and time). `document_pieces` then reads them: speaker names the markup set apart
are trusted the way `Name:` labels are (a name that recurs, or opens the document);
without such names the paragraphs are read exactly as the text formats read lines (Otter,
Rev, `[00:01:02] Name:`, `Name:` labels...), so a layout works the same in every container.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.formats.clock import CLOCK, parse_clock
from desktop.formats.labels import Label, accepted_speakers, looks_like_name
from desktop.formats.model import FormatError, Piece
from desktop.formats.plaintext import parse_plain_text
from desktop.formats.timestamped import FAMILIES, header_count, parse_timestamped

# A lead as markup sets it apart: `Name`, `Name:`, `Name (00:01):`, `Name [0:00]`, `Name  0:00`.
_LEAD = re.compile(rf"(?P<name>.+?)\s*(?:[\[(]\s*(?P<boxed>{CLOCK})\s*[\])]|\s(?P<bare>{CLOCK}))?\s*(?P<colon>:?)\s*")
# A time opening a paragraph's text: `[0:00]`, `(00:01:02)`, or a bare `0:00` right after a name.
_BOXED_TIME = re.compile(rf"\s*[\[(]\s*(?P<time>{CLOCK})\s*[\])]\s*[:\-–—]?\s*")
_COLON = re.compile(r"\s*:(?:\s+|$)")
_BARE_TIME = re.compile(rf"\s*(?P<time>{CLOCK})(?:\s*[:\-–—]\s*|\s+|$)")
# A table cell holding a time, or a span of two (`00:01:02 - 00:01:09`, `0:01 --> 0:04`).
_TIME_CELL = re.compile(rf"[\[(]?\s*(?P<time>{CLOCK})\s*[\])]?(?:\s*(?:-|–|—|-->|to)\s*[\[(]?\s*{CLOCK}\s*[\])]?)?")
_HEADER_CELLS = {"speaker", "speakers", "name", "who", "participant", "time", "timestamp", "start", "text",
                 "transcript", "speech", "utterance", "content", "dialogue"}  # fmt: skip
_COLUMN_SHARE = 0.6  # the share of a column's filled cells that must be times (or names) to make it so
_WEAK_LEAD_MIN = 2  # a bare name (no colon, no time, no text of its own) recurring: the names are bare
_HEADER_SHARE = 4  # a clock-time layout's headers open at least one block in this many


@dataclass
class Paragraph:
    """One block of a document, its markup already removed.

    `lead` is a prefix of `text` that markup set apart (a bold run, `<cite>`, `**Name:**`,
    a heading); `speaker` and `time` come from a table row's cells. `line` is the source
    line it starts on, `place` says where it is otherwise ("paragraph 12").
    """

    text: str
    lead: str = ""
    heading: bool = False
    speaker: str | None = None
    time: str | None = None
    line: int | None = None
    place: str = ""


@dataclass(frozen=True)
class _Lead:
    name: str
    time: str | None
    rest: str
    weak: bool


def document_pieces(paragraphs: list[Paragraph]) -> list[Piece]:
    """Pieces of a document's paragraphs: by their speaker markup, else as text lines."""
    paragraphs = [p for p in paragraphs if p.text.strip() or p.speaker]
    leads = _speaker_leads(paragraphs)
    if leads or any(p.speaker for p in paragraphs):
        return _lead_pieces(paragraphs, leads)
    return _text_pieces([p for p in paragraphs if not p.heading])


def split_lead(lead: str, rest: str) -> _Lead | None:
    """The speaker name and time a lead gives, and the text after them; None for no name."""
    match = _LEAD.fullmatch(lead.strip())
    if not match:
        return None
    name = " ".join(match["name"].rstrip(" :").split())
    colon = match["colon"] or _COLON.match(rest)  # `**Name**: text`
    rest = rest[colon.end() :] if isinstance(colon, re.Match) else rest
    time = match["boxed"] or match["bare"]
    if time is None:
        time, rest = leading_time(rest, bare=True)
    weak = not (colon or time or rest.strip())
    return _Lead(name, time, rest, weak) if looks_like_name(name) else None


def leading_time(text: str, *, bare: bool) -> tuple[str | None, str]:
    """A timestamp opening `text` and the text after it; a bare clock only when `bare`."""
    match = _BOXED_TIME.match(text) or (_BARE_TIME.match(text) if bare else None)
    return (match["time"], text[match.end() :]) if match else (None, text)


def seconds(value: str | None, paragraph: Paragraph) -> float | None:
    """A clock time in seconds; FormatError naming where the paragraph is when malformed."""
    if value is None:
        return None
    try:
        return parse_clock(value)
    except ValueError:
        raise where(f"malformed timestamp {value!r}", paragraph) from None


def where(reason: str, paragraph: Paragraph) -> FormatError:
    """A FormatError for `reason`, placed at the paragraph's line or place."""
    if paragraph.line is None and paragraph.place:
        return FormatError(f"{reason} ({paragraph.place})")
    return FormatError(reason, paragraph.line)


def _speaker_leads(paragraphs: list[Paragraph]) -> dict[int, _Lead]:
    """The paragraphs whose lead names a speaker, by index."""
    found = {}
    for i, paragraph in enumerate(paragraphs):
        if paragraph.lead and paragraph.speaker is None:
            lead = split_lead(paragraph.lead, paragraph.text[len(paragraph.lead) :])
            if lead:
                found[i] = lead
    counts = Counter(lead.name for lead in found.values())
    # A bare name once is a section title, unless bare names are how this document names
    # its speakers (`### Lena` over each turn): then it is a speaker who spoke once.
    bare_names = any(lead.weak and counts[lead.name] >= _WEAK_LEAD_MIN for lead in found.values())
    strong = {i: lead for i, lead in found.items() if not lead.weak or bare_names}
    labels = [Label(0, 0, lead.name, True) for lead in strong.values()]
    opening = next((i for i, p in enumerate(paragraphs) if not p.heading), None)
    speakers = accepted_speakers(labels, first_line_labelled=opening in strong)
    return {i: lead for i, lead in strong.items() if lead.name in speakers}


def _lead_pieces(paragraphs: list[Paragraph], leads: dict[int, _Lead]) -> list[Piece]:
    """Pieces of paragraphs whose speakers the markup names; others continue the speaker."""
    pieces: list[Piece] = []
    speaker: str | None = None
    pending: float | None = None  # a time given before its speech (`<time>0:00</time>`, a header)
    for i, paragraph in enumerate(paragraphs):
        if paragraph.speaker is not None or i in leads:
            lead = leads.get(i)
            speaker = paragraph.speaker if lead is None else lead.name
            value, rest = (paragraph.time, paragraph.text) if lead is None else (lead.time, lead.rest)
            pending = None
        elif paragraph.heading:
            continue
        elif paragraph.time is not None:
            value, rest = paragraph.time, paragraph.text
        else:
            value, rest = leading_time(paragraph.text, bare=bool(_BARE_TIME.fullmatch(paragraph.text)))
        start = seconds(value, paragraph)
        if not rest.strip():
            pending = start if start is not None else pending
            continue
        pieces.append(Piece(speaker, rest, start if start is not None else pending, sep="\n\n"))
        pending = None
    return pieces


def _text_pieces(paragraphs: list[Paragraph]) -> list[Piece]:
    """Pieces of paragraphs without speaker markup, read as the text formats read lines."""
    lines = [(line.strip(), p) for p in paragraphs for line in p.text.split("\n") if line.strip()]
    family = _family([line for line, _ in lines], len(paragraphs))
    if family is None:
        return _label_times(parse_plain_text("\n\n".join(p.text for p in paragraphs)))
    matcher = FAMILIES[family]
    text_lines: list[str] = []
    owners: list[Paragraph] = []
    for k, (line, paragraph) in enumerate(lines):
        following = lines[k + 1] if k + 1 < len(lines) else ("", paragraph)
        text_lines.append(line)
        owners.append(paragraph)
        header = matcher(line, following[0])
        if following[1] is not paragraph and not (header and not header.text):
            text_lines.append("")  # a new paragraph, unless a header stands over it
            owners.append(paragraph)
    try:
        return parse_timestamped("\n".join(text_lines), family)
    except FormatError as exc:
        if exc.line is None:
            raise
        raise where(exc.reason, owners[exc.line - 1]) from None


def _label_times(pieces: list[Piece]) -> list[Piece]:
    """Pieces of `Name:`-labelled text with the `[00:01:02]` or `(00:01:02)` that opens a
    speaker's words read as the piece's time (Sonix and hand-typed transcripts write it)."""
    for piece in pieces:
        time, rest = leading_time(piece.text, bare=False) if piece.speaker else (None, piece.text)
        if time is not None:
            piece.start = seconds(time, Paragraph(piece.text))
            piece.text = rest
    return pieces


def _family(lines: list[str], paragraph_count: int) -> str | None:
    """The clock-time family whose headers open at least a quarter of the blocks (a header
    paragraph and the text under it being one block: title and summary lines are common)."""
    if not lines:
        return None  # (header_count fails on no lines at all)
    counts = {family: header_count(lines, family) for family in FAMILIES}
    family, count = max(counts.items(), key=lambda item: item[1], default=("", 0))
    return family if count and count * _HEADER_SHARE >= paragraph_count - count else None


def table_paragraphs(rows: list[list[str]], place: str) -> list[Paragraph]:
    """A table's rows as paragraphs: its speaker and time columns (found by their content)
    give each row's speaker and time, the other cells its text. A header row is skipped."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    sample = rows[1:] or rows  # the first row may be a header
    time_col = _column(sample, range(width), _is_time_cell)
    wordiest = max(range(width), key=lambda c: sum(len(row[c].split()) for row in rows), default=None)
    speaker_col = _column(sample, [c for c in range(width) if c not in (time_col, wordiest)], _is_name_cell)
    header = bool(rows) and any(
        c is not None and rows[0][c] and (rows[0][c].rstrip(":").casefold() in _HEADER_CELLS or not test(rows[0][c]))
        for c, test in ((time_col, _is_time_cell), (speaker_col, _is_name_cell))
    )
    paragraphs = []
    for n, row in enumerate(rows[1:] if header else rows, start=2 if header else 1):
        words = " ".join(cell for c, cell in enumerate(row) if cell and c not in (time_col, speaker_col))
        speaker = row[speaker_col].rstrip(" :") if speaker_col is not None and row[speaker_col] else None
        time = _TIME_CELL.fullmatch(row[time_col]) if time_col is not None else None
        paragraphs.append(
            Paragraph(words, speaker=speaker, time=time["time"] if time else None, place=f"{place}, row {n}")
        )
    return paragraphs


def _column(rows: list[list[str]], columns: Iterable[int], test: Callable[[str], bool]) -> int | None:
    """The first column in which most filled cells pass `test`."""
    for c in columns:
        filled = [row[c] for row in rows if row[c]]
        if filled and sum(1 for cell in filled if test(cell)) >= _COLUMN_SHARE * len(filled):
            return c
    return None


def _is_time_cell(cell: str) -> bool:
    return bool(_TIME_CELL.fullmatch(cell))


def _is_name_cell(cell: str) -> bool:
    return looks_like_name(cell.rstrip(" :")) and not _is_time_cell(cell)
