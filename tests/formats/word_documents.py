"""Word documents written the way researchers and transcription tools write them.

Each layout is built here with python-docx (no binary fixture to keep in step): the same
title paragraphs, headers, timestamp styles, bold runs and tables as the real exports.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx

Run = tuple[str, bool]  # text, bold


def word_file(blocks: list, *, title: str = "") -> bytes:
    """A .docx of `blocks`: a str is a Normal paragraph, ("Heading 1", text) a styled one,
    a list of (text, bold) runs a paragraph of runs, {"rows": [...]} a table."""
    document = docx.Document()
    document.core_properties.title = title
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif isinstance(block, tuple):
            document.add_paragraph(block[1], style=block[0])
        elif isinstance(block, dict):
            rows = block["rows"]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for cells, row in zip(rows, table.rows, strict=True):
                for text, cell in zip(cells, row.cells, strict=True):
                    cell.text = text
        else:
            paragraph = document.add_paragraph()
            for text, bold in block:
                lines = text.split("\n")
                run = paragraph.add_run(lines[0])
                for line in lines[1:]:  # a soft line break, as Word writes Shift+Enter
                    run.add_break()
                    run.add_text(line)
                run.bold = bold or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def interview() -> bytes:
    """A researcher's typed interview: a title, a heading, `Name:` paragraphs, blank paragraphs."""
    return word_file([
        ("Title", "Allotment study – interview 4"),
        ("Heading 1", "Transcript"),
        "",
        "Interviewer: How long have you had the plot?",
        "Respondent: Eleven years this spring. My mother had it before me.",
        "We grow mostly beans now.",
        "",
        "Interviewer: Why beans?",
        "Respondent: They forgive you.",
    ])  # fmt: skip


def otter() -> bytes:
    """Otter's Word export: title, date line, keywords, speakers, `Name  0:00` headers, footer."""
    return word_file([
        "Seed library interview",
        "Tue, Mar 12, 2024 10:03AM • 42:17",
        "SUMMARY KEYWORDS",
        "seeds, library, garden",
        "SPEAKERS",
        "Lena Fischer, Sam Osei",
        "",
        "Lena Fischer  00:00",
        "Okay, we're recording. Can you say your name?",
        "",
        "Sam Osei  00:06",
        "Sure. Sam Osei, I run the seed library.",
        "",
        "Lena Fischer  1:02:05",
        "And people bring them back?",
        "",
        "Transcribed by https://otter.ai",
    ])  # fmt: skip


def rev() -> bytes:
    """Rev's Word export: `Speaker 1 (00:00):` header paragraphs over the text."""
    return word_file([
        "Budget call",
        "Speaker 1 (00:00):",
        "Thanks for joining the call.",
        "Speaker 2 (00:04):",
        "Sure. We came in under by about six percent.",
        "Most of that was the venue.",
        "Speaker 1 (01:15:30):",
        "Good news, then.",
    ])  # fmt: skip


def trint() -> bytes:
    """Trint's Word export: `Speaker 1  00:00:12` header paragraphs."""
    return word_file([
        "Speaker 1  00:00:12",
        "So where were you that night?",
        "Speaker 2  00:00:15",
        "At the harbour, like always.",
    ])  # fmt: skip


def sonix() -> bytes:
    """Sonix's Word export: a bold `Speaker 1:` run, a `[00:00:12]` run, then the text."""
    return word_file([
        ("Title", "Ferry interview"),
        [("Speaker 1: ", True), ("[00:00:03] ", False), ("Is it running? Good.", False)],
        [("Speaker 2: ", True), ("[00:00:05] ", False), ("It's running. Go ahead.", False)],
        [("Speaker 1: ", True), ("[01:00:00] ", False), ("That was in the spring.", False)],
    ])  # fmt: skip


def bold_names() -> bytes:
    """A hand-typed transcript: a bold name run opens each turn, one with a time after it."""
    return word_file([
        [("Focus group 2", True)],
        [("Maya Lin", True), (" So, first impressions?", False)],
        [("Dr. O'Neil:", True), ("\t00:01:02\tHonestly, ", False), ("too", True), (" loud.", False)],
        "The second room was better.",
        [("Maya Lin", True), (" Noted.", False)],
    ])  # fmt: skip


def teams() -> bytes:
    """Microsoft Teams' transcript download: meeting title, date, length, `Name   0:03` lines."""
    return word_file([
        "Weekly sync-20240912_140312-Meeting Recording",
        "September 12, 2024, 2:03PM",
        "42m 17s",
        "Jane Doe   started transcription",
        "Jane Doe   0:03",
        "Okay, can everyone hear me?",
        "Omar Haddad   0:10",
        "Yes, loud and clear.",
        "Jane Doe   1:02:05",
        "Great, let's wrap up.",
        "Jane Doe   stopped transcription",
    ])  # fmt: skip


def table(columns: str = "speaker time text") -> bytes:
    """A transcript as a table with a header row, its columns in the order given."""
    rows = [
        {"speaker": "Speaker", "time": "Time", "text": "Transcript"},
        {"speaker": "Interviewer", "time": "00:00:01", "text": "Where did you grow up?"},
        {"speaker": "Participant 3", "time": "00:00:04", "text": "By the canal, near the old mill."},
        {"speaker": "", "time": "00:00:09", "text": "It's flats now."},
        {"speaker": "Interviewer", "time": "00:00:12", "text": "Do you miss it?"},
    ]
    order = columns.split()
    return word_file([("Heading 1", "Interview transcript"), {"rows": [[row[c] for c in order] for row in rows]}])


LAYOUTS: dict[str, Callable[[], bytes]] = {
    "interview": interview, "otter": otter, "rev": rev, "trint": trint, "sonix": sonix,
    "bold names": bold_names, "teams": teams, "table": table,
    "table time first": lambda: table("time speaker text"),
}  # fmt: skip
