"""The project's sample, annotated as a researcher would leave it (for screenshots and exports)."""

from __future__ import annotations

from desktop.library import Library, Position

NOTES = {
    "the least interesting ones we have": (["method/questions"], "Facts first, stories later: *the* turning point."),
    "Which time?": (["quote", "theme/memory"], ""),
    "Bridge. Laugh. Ledger.": (["method/notes"], "One word and the clock time; nothing else during the interview."),
    "Doubt.": (["theme/doubt"], "Tag every hesitation before a date."),
    "Bring a watch, not a notebook.": (["quote"], ""),
}


def annotate(library: Library, transcript_id: int) -> None:
    """The sample with a few highlights, tags and notes, as a researcher would leave it."""
    turns = library.transcripts.turns(transcript_id)
    for phrase, (tags, note) in NOTES.items():
        turn = next(t for t in turns if phrase in t.text)
        start = turn.text.index(phrase)
        library.highlights.add(transcript_id, Position(turn.index, start), Position(turn.index, start + len(phrase)),
                               tags=tags, note=note)  # fmt: skip
