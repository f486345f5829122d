"""What an export holds: the highlights of one transcript, one tag, or the whole library,
in reading order, each with its speaker and time."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.library import Highlight, Library, TranscriptInfo, TurnRecord


@dataclass(frozen=True)
class Excerpt:
    """One highlight with what a reader of the export needs around it."""

    highlight: Highlight
    transcript: TranscriptInfo
    speaker: str | None
    start: float | None  # the time of the turn the highlight starts in
    end: float | None  # the end of the turn it ends in


@dataclass(frozen=True)
class Scope:
    """The excerpts of an export and what they were chosen by."""

    title: str
    transcripts: list[TranscriptInfo]
    excerpts: list[Excerpt]
    turns: dict[int, list[TurnRecord]]
    tags: dict[str, str]  # every tag's colour
    tag: str | None = None


def excerpt(highlight: Highlight, transcript: TranscriptInfo, turns: list[TurnRecord]) -> Excerpt:
    """A highlight with the speaker and time of the turns it spans."""
    first, last = turns[highlight.start.turn], turns[highlight.end.turn]
    return Excerpt(highlight, transcript, first.speaker, first.start, last.end)


def collect(library: Library, *, transcript_id: int | None = None, tag: str | None = None) -> Scope:
    """The excerpts of a transcript, a tag (with its sub-tags) across the library, or both;
    neither means the whole library. Orphaned highlights are left out."""
    highlights = [h for h in library.highlights.list(transcript_id, tag=tag) if not h.orphan]
    infos = {t.id: t for t in library.transcripts.list()}
    if transcript_id is not None:
        chosen = [library.transcripts.get(transcript_id)]
    else:
        ids = sorted({h.transcript_id for h in highlights}) if tag else sorted(infos)
        chosen = [infos[i] for i in ids]
    turns = {t.id: library.transcripts.turns(t.id) for t in chosen}
    excerpts = [excerpt(h, infos[h.transcript_id], turns[h.transcript_id]) for h in highlights]
    if transcript_id is not None:
        title = chosen[0].title
    elif tag:
        title = f"#{tag}"
    else:
        title = "Talkmark library"
    colours = {t.name: t.colour for t in library.tags.list()}
    return Scope(title, chosen, excerpts, turns, colours, tag)
