"""The open transcript as the reader, turn list and highlights panel show it, redrawn after a
write only as far as the write reached."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from desktop.library import Highlight, Library, LibraryError
from desktop.ui.annotator import Annotator
from desktop.ui.corrector import Corrector
from desktop.ui.follow import Follow
from desktop.ui.highlights_panel import HighlightsPanel
from desktop.ui.palette import speaker_colours
from desktop.ui.reader import Reader
from desktop.ui.turn_diff import index_map, moved_highlights, reached
from desktop.ui.turn_list import TurnList

READING_ORDER = attrgetter("orphan", "start.turn", "start.offset", "id")  # the highlights list's order
MAX_RUNS_READ_APART = 40  # past this many rewritten runs of turns, all highlights are read again at once


class ShownTranscript:
    """What the window shows of the open transcript: its turns, its highlights and their colours."""

    def __init__(self, library: Library, transcript_id: Callable[[], int | None], reader: Reader,
                 turn_list: TurnList, follow: Follow, highlights_panel: HighlightsPanel, annotator: Annotator,
                 corrector: Corrector) -> None:  # fmt: skip
        self.library, self._transcript_id = library, transcript_id
        self.reader, self.turn_list, self.follow = reader, turn_list, follow
        self.highlights_panel, self.annotator, self.corrector = highlights_panel, annotator, corrector
        self.highlights: dict[int, Highlight] = {}
        self.tag_colours: dict[str, str] = {}
        self.speaker_colours: dict[str, str] = {}

    def show_turns(self) -> None:
        """Show the open transcript's turns afresh."""
        tid = self._transcript_id()
        turns = self.library.transcripts.turns(tid)
        speakers = self.library.speakers.list(tid)
        self.speaker_colours = speaker_colours(speakers)
        self.reader.show_transcript(turns, self.speaker_colours)
        self.turn_list.show_turns(turns, speakers)
        self.follow.show_turns(turns)

    def reload_turns(self) -> None:
        """Show the open transcript's turns after a correction: only the turns that differ are
        rewritten, only the highlights on or beside them read again, and the reading position
        stays."""
        self.corrector.turns_changed()
        tid, old = self._transcript_id(), self.reader.turns
        turns = self.library.transcripts.turns(tid)
        speakers = self.library.speakers.list(tid)
        self.speaker_colours = speaker_colours(speakers)
        runs = self.reader.update_turns(turns, self.speaker_colours)
        before, after = reached(runs, old, turns)
        moved = None
        if len(after.spans) <= MAX_RUNS_READ_APART:
            moved = moved_highlights(list(self.highlights.values()), before, index_map(len(old), runs))
        if moved is None:  # read them all at once; repaint only those on the runs
            fresh, moved = [], []
            for h in self.library.highlights.list(tid):
                (fresh if after.touches(h) else moved).append(h)
        else:
            highlights = self.library.highlights
            fresh = [h for first, end in after.spans for h in highlights.list(tid, turns=(first, end - 1))]
        self.highlights = {h.id: h for h in moved} | {h.id: h for h in fresh}
        self.reader.rehighlight(moved, fresh)
        self.turn_list.show_turns(turns, speakers, keep_place=True)
        self.follow.show_turns(turns)
        self._list_highlights()

    def refresh_from_outside(self) -> None:
        """After another program wrote the library: redraw only what differs from what is shown
        (two queries when nothing of this transcript changed)."""
        tid = self._transcript_id()
        if self.library.transcripts.turns(tid) != self.reader.turns:
            self.reload_turns()
            return
        now = {h.id: h for h in self.library.highlights.list(tid)}
        differ = {hid for hid, h in now.items() if self.highlights.get(hid) != h} | (self.highlights.keys() - now)
        if differ:
            self.refresh_highlights(differ)

    def refresh_highlights(self, ids: set[int] | None = None) -> None:
        """Repaint the open transcript's highlights: only `ids` when given, else all."""
        if ids:
            changed, removed = [], []
            for hid in ids:
                try:
                    changed.append(self.library.highlights.get(hid))
                    self.highlights[hid] = changed[-1]
                except LibraryError:
                    removed.append(hid)
                    self.highlights.pop(hid, None)
            if any(t not in self.tag_colours for h in changed for t in h.tags):
                self.tag_colours = {t.name: t.colour for t in self.library.tags.list()}
            self.reader.update_highlights(changed, removed, self.tag_colours)
        else:
            self.tag_colours = {t.name: t.colour for t in self.library.tags.list()}
            self.highlights = {h.id: h for h in self.library.highlights.list(self._transcript_id())}
            self.reader.set_highlights(list(self.highlights.values()), self.tag_colours)
        self._list_highlights()

    def clear(self) -> None:
        """Show no transcript."""
        self.highlights = {}
        self.reader.show_transcript([], {})
        self.turn_list.show_turns([], [])
        self.highlights_panel.show_highlights([], [], {})

    def _list_highlights(self) -> None:
        in_order = sorted(self.highlights.values(), key=READING_ORDER)  # each create: C-speed keys for 10,000
        self.highlights_panel.show_highlights(in_order, self.reader.turns, self.tag_colours)
        self.annotator.sync()
