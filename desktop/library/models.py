"""Plain records the library returns; no database handles escape it."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.formats.timing import Timing


def now() -> str:
    """The current time as the library stores it (ISO 8601, UTC, seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class LibraryError(Exception):
    """A library operation that cannot be done; the message is one line for the user."""


class ConflictError(LibraryError):
    """A write refused because another process (or window) changed the rows it would touch."""


class SearchError(LibraryError):
    """A search query that cannot be run, with a message saying why."""


@dataclass(frozen=True)
class TranscriptInfo:
    """A transcript in the library with its counts."""

    id: int
    title: str
    source: str
    format: str
    imported_at: str
    speakers: list[str]
    turn_count: int
    highlight_count: int
    media: str | None = None  # the recording's path as stored (media.resolved_path reads it)
    date: str | None = None  # when the conversation took place (ISO), where its source says


@dataclass(frozen=True)
class ImportResult:
    """What importing one transcript did: a new entry, or the existing copy of the same file."""

    id: int
    title: str
    turn_count: int
    duplicate: bool = False


@dataclass(frozen=True)
class TurnRecord:
    """A stored turn, with the times of its segments and words."""

    index: int
    speaker: str | None
    text: str
    start: float | None
    end: float | None
    timing: Timing = field(default_factory=Timing)
    original: str | None = None  # the text as imported, when a correction changed its words

    @property
    def edited(self) -> bool:
        """Whether its words differ from the text as imported."""
        return self.original is not None


@dataclass(frozen=True)
class Position:
    """A place in a transcript: a turn index and a character offset in its text."""

    turn: int
    offset: int


@dataclass(frozen=True)
class Highlight:
    """A highlighted span with its quote and context; `orphan` when its text was lost."""

    id: int
    transcript_id: int
    start: Position
    end: Position
    quote: str
    prefix: str
    suffix: str
    colour: str | None
    note: str
    tags: list[str] = field(default_factory=list)
    orphan: bool = False
    created: str = ""
    updated: str = ""
    original_quote: str | None = None  # the quote as first made, when a correction changed it


@dataclass(frozen=True)
class Tag:
    """A tag shared across the library, with how many highlights carry it."""

    id: int
    name: str
    colour: str
    description: str
    count: int = 0

    @property
    def parent(self) -> str | None:
        """The enclosing tag name (`method` for `method/interview`), if any."""
        return self.name.rsplit("/", 1)[0] if "/" in self.name else None


@dataclass(frozen=True)
class SpeakerStats:
    """How much one speaker says: in a transcript (`Speakers.stats`), or across the transcripts
    of a report (`reports.speaker_stats`, which fills the fields after `talk_time`)."""

    name: str
    turns: int
    words: int
    share: float  # of the words
    talk_time: float | None
    turn_share: float = 0.0  # of the turns
    lengths: list[int] = field(default_factory=list)  # words of each turn, in reading order
    questions: int = 0  # sentences ending in `?`
    appears: int = 0  # its place among the speakers by when each first speaks (0: first)

    @property
    def median(self) -> float:
        """The median turn length in words (0 with no turns)."""
        return statistics.median(self.lengths) if self.lengths else 0


@dataclass(frozen=True)
class Field:
    """A user-defined attribute of transcripts (cases) or speakers: its name and kind
    (`text`, `number` or `date`), the same for the whole library."""

    name: str
    kind: str = "text"
    scope: str = "transcript"  # or "speaker"


@dataclass(frozen=True)
class RemovedField:
    """A field removed with its values by owner id (transcript or speaker): what
    `Attributes.restore_field` needs to put it back."""

    field: Field
    values: dict[int, str]


@dataclass(frozen=True)
class Repair:
    """A stored label repair: `words` moved from the start of `turn` to the end of `turn - 1`."""

    id: int
    turn: int
    words: str
    undone: bool


@dataclass(frozen=True)
class SearchHit:
    """A turn matching a search, with the match marked in `snippet`."""

    transcript_id: int
    title: str
    turn: int
    speaker: str | None
    snippet: str
