"""What an export holds: the highlights of one transcript, one tag, or the whole library,
in reading order, each cut into the parts its speakers said, with their times."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.export.variables import Variables, gather
from desktop.library import Highlight, Library, LibraryError, TranscriptInfo, TurnRecord
from desktop.library.media import resolved_path
from desktop.library.tags import lookup_name
from desktop.library.textedits import changed_spans, imported_span, touches

# A transcript's turns by index: all of them in a list, or only some (those a scope's quotes touch).
TurnsByIndex = Sequence[TurnRecord] | Mapping[int, TurnRecord]


class Changed:
    """Where each edited turn differs from its text as imported, worked out once a turn (an
    export asks for every highlight in it)."""

    def __init__(self) -> None:
        self._spans: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def spans(self, turn: TurnRecord) -> list[tuple[int, int]]:
        """The spans of the turn's text that differ from the text as imported (none if unedited)."""
        if turn.original is None:
            return []
        key = (turn.original, turn.text)
        if key not in self._spans:
            self._spans[key] = changed_spans(turn.original, turn.text)
        return self._spans[key]

    def touches(self, turn: TurnRecord, begin: int, finish: int) -> bool:
        """Whether the words from `begin` to `finish` of the turn were changed after import."""
        return turn.original is not None and touches(self.spans(turn), begin, finish)


@dataclass(frozen=True)
class Part:
    """The piece of a highlight one speaker said: `turn` is where it starts, `text` its words."""

    turn: int
    speaker: str | None
    start: float | None  # see part_time()
    text: str
    edited: bool = False  # its words were changed after import (see Corrections)


@dataclass(frozen=True)
class Excerpt:
    """One highlight with what a reader of the export needs around it: who said which part, and when.

    `parts` follow the quote in order, one per run of one speaker, never empty; joined by "\\n"
    they are the quote (a highlight starting exactly at the end of a turn has no empty part
    for that turn)."""

    highlight: Highlight
    transcript: TranscriptInfo
    parts: list[Part]
    end: float | None  # the end of the turn it ends in

    @property
    def start(self) -> float | None:
        """The time of the first part."""
        return self.parts[0].start

    @property
    def speakers(self) -> list[str]:
        """Everyone the highlight quotes, in the order they first speak in it."""
        return list(dict.fromkeys(p.speaker for p in self.parts if p.speaker))

    @property
    def edited(self) -> bool:
        """Whether words of the quote were changed after import: a part's words were edited, or
        words the quote first held are gone (a deleted word at its edge leaves no changed span
        inside it). A split, merge or speaker change moves words but changes none."""
        original = self.highlight.original_quote
        return any(p.edited for p in self.parts) or (original is not None
                                                      and original.split() != self.highlight.quote.split())  # fmt: skip

    @property
    def single_speaker(self) -> bool:
        """Whether the whole quote is one speaker's (one part)."""
        return len(self.parts) == 1


@dataclass(frozen=True)
class Scope:
    """The excerpts of an export and what they were chosen by."""

    title: str
    transcripts: list[TranscriptInfo]
    excerpts: list[Excerpt]
    turns: Mapping[int, list[TurnRecord]]  # every turn of each transcript (see TranscriptTurns)
    tags: dict[str, str]  # every tag's colour
    tag: str | None = None
    changed: Changed = field(default_factory=Changed)  # the edits of the turns, as found so far
    media: dict[int, Path] = field(default_factory=dict)  # each transcript's recording, where one is linked
    descriptions: dict[str, str] = field(default_factory=dict)  # every described tag's description
    variables: Variables = field(default_factory=Variables)  # the transcripts' and speakers' attributes


def part_time(turn: TurnRecord, offset: int) -> float | None:
    """When the words at `offset` in `turn` are spoken: the first word's time where the source
    has word times, else its segment's, else the turn's start."""
    found = turn.timing.time_at(offset)
    return found if found is not None else turn.start


def turn_spans(highlight: Highlight, turns: TurnsByIndex) -> Iterator[tuple[int, TurnRecord, int, int]]:
    """Each turn the highlight touches (its index and record) with the characters of it the
    highlight takes, from `begin` to `finish` (none empty)."""
    first, last = highlight.start, highlight.end
    for index in range(first.turn, last.turn + 1):
        turn = turns[index]
        begin = first.offset if index == first.turn else 0
        finish = last.offset if index == last.turn else len(turn.text)
        if finish > begin:
            yield index, turn, begin, finish


def imported_quote(highlight: Highlight, turns: TurnsByIndex) -> str:
    """The highlight's words as imported (turns joined by "\\n", as in its quote)."""
    spans = turn_spans(highlight, turns)
    return "\n".join(imported_span(turn.original, turn.text, begin, finish) for _, turn, begin, finish in spans)


def turn_parts(highlight: Highlight, turns: TurnsByIndex, changed: Changed | None = None) -> list[Part]:
    """The highlight cut at turn boundaries: one part per turn it touches (empty ones left out),
    the start offset applied to the first turn, the end offset to the last; each says whether
    its words were edited (`changed` keeps the edits of turns already seen)."""
    changed = Changed() if changed is None else changed
    return [Part(index, turn.speaker, part_time(turn, begin), turn.text[begin:finish],
                 changed.touches(turn, begin, finish))
            for index, turn, begin, finish in turn_spans(highlight, turns)]  # fmt: skip


def speaker_parts(parts: list[Part]) -> list[Part]:
    """Consecutive parts of one speaker joined into one (with "\\n", as turns are joined)."""
    merged: list[Part] = []
    for part in parts:
        if merged and merged[-1].speaker == part.speaker:
            previous = merged[-1]
            merged[-1] = Part(previous.turn, previous.speaker, previous.start, f"{previous.text}\n{part.text}",
                              previous.edited or part.edited)  # fmt: skip
        else:
            merged.append(part)
    return merged


def excerpt(
    highlight: Highlight, transcript: TranscriptInfo, turns: TurnsByIndex, changed: Changed | None = None
) -> Excerpt:
    """A highlight with the speakers and times of the turns it spans."""
    parts = speaker_parts(turn_parts(highlight, turns, changed))
    if not parts:  # no text at its place (cannot happen for a highlight that is not an orphan)
        first = turns[highlight.start.turn]
        parts = [Part(first.index, first.speaker, part_time(first, highlight.start.offset), highlight.quote)]
    return Excerpt(highlight, transcript, parts, turns[highlight.end.turn].end)


class Cancelled(Exception):
    """An export stopped by its `progress` callback (nothing is written)."""


class TranscriptTurns(Mapping[int, list[TurnRecord]]):
    """Every turn of each transcript in scope, read from the library when first asked for
    (QDA sources need them whole; Markdown, HTML and CSV never do). Use it in the thread
    that collected the scope: it reads through that thread's connection."""

    def __init__(self, library: Library, transcript_ids: Iterable[int]) -> None:
        self._library = library
        self._ids = list(transcript_ids)
        self._read: dict[int, list[TurnRecord]] = {}

    def __getitem__(self, transcript_id: int) -> list[TurnRecord]:
        if transcript_id not in self._read:
            if transcript_id not in self._ids:
                raise KeyError(transcript_id)
            self._read[transcript_id] = self._library.transcripts.turns(transcript_id)
        return self._read[transcript_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


Progress = Callable[[int, int], bool]  # (done, total) -> go on; False cancels


def collect(library: Library, *, transcript_id: int | None = None, tag: str | None = None,
            progress: Progress | None = None) -> Scope:  # fmt: skip
    """The excerpts of a transcript, a tag (with its sub-tags) across the library, or both;
    neither means the whole library. Orphaned highlights are left out. A tag that neither
    exists nor has sub-tags is a LibraryError (an empty export would look like a success).

    Only the turns the highlights touch are read (a transcript at a time, `progress(done,
    total)` after each; when it returns False, Cancelled is raised)."""
    every_tag = library.tags.list()
    colours = {t.name: t.colour for t in every_tag}
    if tag is not None:
        tag = lookup_name(tag)
        if not library.tags.branch(tag):
            raise LibraryError(f"no tag named {tag!r}")
        found = library.tags.find(tag)
        tag = library.tags.name_of(found) if found is not None else tag  # as stored: its description, its title
    highlights = [h for h in library.highlights.list(transcript_id, tag=tag) if not h.orphan]
    by_transcript: dict[int, list[Highlight]] = {}
    for h in highlights:
        by_transcript.setdefault(h.transcript_id, []).append(h)
    if transcript_id is not None:
        chosen = [library.transcripts.get(transcript_id)]
    elif tag:
        chosen = library.transcripts.infos(sorted(by_transcript))
    else:
        chosen = library.transcripts.list()[::-1]  # every transcript, oldest first
    infos = {t.id: t for t in chosen}
    changed = Changed()
    made: dict[int, Excerpt] = {}
    for done, (tid, found) in enumerate(by_transcript.items(), start=1):
        touched = (i for h in found for i in range(h.start.turn, h.end.turn + 1))
        turns = library.transcripts.some_turns(tid, touched)
        made |= {h.id: excerpt(h, infos[tid], turns, changed) for h in found}
        if progress is not None and not progress(done, len(by_transcript)):
            raise Cancelled
    excerpts = [made[h.id] for h in highlights]
    title = chosen[0].title if transcript_id is not None else scope_title(library, None, tag)
    media = {t.id: resolved_path(t.media, library.path) for t in chosen if t.media}
    descriptions = {t.name: t.description for t in every_tag if t.description}
    turns_of = TranscriptTurns(library, [t.id for t in chosen])
    return Scope(title, chosen, excerpts, turns_of, colours, tag, changed, media, descriptions=descriptions,
                 variables=gather(library, infos))  # fmt: skip


def scope_title(library: Library, transcript_id: int | None, tag: str | None) -> str:
    """The title `collect` gives a scope (a file name is suggested from it before collecting)."""
    if transcript_id is not None:
        return library.transcripts.get(transcript_id).title
    return f"#{lookup_name(tag)}" if tag else "Talkmark library"
