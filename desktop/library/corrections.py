"""Corrections of a transcript: edit a turn, find and replace, split, merge, set the
speaker, move words across a turn boundary, take back or redo a label repair.

Each correction replaces runs of turns by new ones and maps every highlight touching
them through the change (textedits.py): a corrected word inside a highlight stays
inside it, text changed before it moves it, and only a highlight whose words are all
gone becomes an orphan. It returns a `Correction` holding the rows it touched as they
were before and after, so `revert` and `reapply` put them back exactly, and refuse
(ConflictError) when another write changed them since.

The text as imported is kept: `turns.original` holds it for a turn whose words were
changed (NULL while they are as imported; splitting, merging and moving words between
turns carry it along, changing no words); `highlights.original_quote` holds a quote as
first made once a correction changes it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.formats.timing import Timing
from desktop.library.models import LibraryError, Position
from desktop.library.textedits import Edit, apply_edits, diff, find_all, imported_span, map_offset
from desktop.library.timing_codec import decode, encode
from desktop.library.turn_rows import Run, State, TurnRow, TurnRows, on_runs

if TYPE_CHECKING:
    from desktop.library.store import Library


@dataclass(frozen=True)
class Correction:
    """A correction as made: enough to undo and redo it exactly, and what it did."""

    transcript_id: int
    before: State
    after: State
    moved: int  # highlights whose place or quote changed
    orphaned: int  # highlights whose words are all gone

    @property
    def turns(self) -> list[int]:
        """The indexes of the turns it wrote, as they are after it."""
        return [run.at + i for run in self.after.runs for i in range(len(run.rows))]

    def summary(self) -> str:
        """What it did to highlights, for a status line."""
        moved = f"{self.moved} highlight{'s' if self.moved != 1 else ''} moved"
        return moved + (f", {self.orphaned} now orphaned (their words are gone)" if self.orphaned else "")


@dataclass(frozen=True)
class Match:
    """A place find and replace would change."""

    turn: int
    start: int
    end: int


@dataclass(frozen=True)
class _Piece:
    """Part of a new turn: characters `start`–`end` of old turn `turn` of the run, or, with
    `turn` None, the literal `text` (the space or blank line that joins two turns)."""

    turn: int | None
    start: int = 0
    end: int = 0
    text: str = ""


MERGE_SEPARATOR = "\n\n"  # a merged turn goes on as a new paragraph of the turn before
Mapper = Callable[[int, int, bool], tuple[int, int]]  # (turn in run, offset, is_end) -> the same after


class Corrections:
    """Corrections of the transcripts of a library."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn
        self._store = TurnRows(library)

    # The corrections -------------------------------------------------------------------

    def edit(self, transcript_id: int, index: int, text: str) -> Correction:
        """Give a turn new text (plain text; blank lines separate paragraphs)."""
        text = clean_text(text)
        if not text:
            raise LibraryError("a turn's text cannot be empty")
        old = self._store.rows(transcript_id, index, 1)[0]
        if text == old.text:
            raise LibraryError(f"turn {index} already reads so")
        edits = diff(old.text, text)
        return self._correct(transcript_id, [(Run(index, (old,)), (_rewritten(old, text, edits),),
                                              lambda _, p, end: (0, map_offset(edits, p, is_end=end)))])  # fmt: skip

    def matches(
        self, transcript_id: int, find: str, *, whole_word: bool = False, match_case: bool = True
    ) -> list[Match]:
        """Every place `find` occurs, in reading order."""
        return [Match(row.index, start, end)
                for row in self._lib.transcripts.turns(transcript_id)
                for start, end in find_all(row.text, find, whole_word=whole_word, match_case=match_case)]  # fmt: skip

    def replace(
        self,
        transcript_id: int,
        find: str,
        replacement: str,
        *,
        whole_word: bool = False,
        match_case: bool = True,
        only: Sequence[Match] | None = None,
    ) -> Correction:
        """Replace every occurrence of `find` (or only these of its matches) in one step."""
        if any(c in replacement for c in "\n\r\u2028\u2029"):
            raise LibraryError("a replacement cannot hold a line break")
        found = self.matches(transcript_id, find, whole_word=whole_word, match_case=match_case)
        if only is not None:
            chosen = set(only)
            found = [m for m in found if m in chosen]
        if not found:
            raise LibraryError(f"no {find!r} to replace in transcript {transcript_id}")
        by_turn: dict[int, list[Edit]] = {}
        for m in found:
            by_turn.setdefault(m.turn, []).append(Edit(m.start, m.end, replacement))
        changes = []
        for index, edits in by_turn.items():
            old = self._store.rows(transcript_id, index, 1)[0]
            text = clean_text(apply_edits(old.text, edits))
            if not text:
                raise LibraryError(f"replacing would leave turn {index} empty")
            if text == old.text:
                continue
            if text != apply_edits(old.text, edits):  # cleaning took spaces away too: map what changed
                edits = diff(old.text, text)
            changes.append((Run(index, (old,)), (_rewritten(old, text, edits),),
                            lambda _, p, end, edits=edits: (0, map_offset(edits, p, is_end=end))))  # fmt: skip
        if not changes:
            raise LibraryError(f"replacing {find!r} with {replacement!r} changes nothing")
        return self._correct(transcript_id, changes)

    def split(self, transcript_id: int, index: int, offset: int) -> Correction:
        """Split a turn in two at a character offset (the start of the word there); the same
        speaker says both; later turns move down one."""
        old = self._store.rows(transcript_id, index, 1)[0]
        text = old.text
        if not 0 <= offset <= len(text):
            raise LibraryError(f"turn {index} has no character {offset} (it has {len(text)})")
        while 0 < offset < len(text) and not text[offset].isspace() and not text[offset - 1].isspace():
            offset -= 1  # inside a word: to its start, its quote marks and punctuation with it
        left, right = text[:offset].rstrip(), text[offset:].lstrip()
        if not left or not right:
            raise LibraryError("a split must leave text on both sides")
        cut = len(text) - len(right)
        timing = decode(old.timing)
        rest_start = timing.time_at(cut)
        left_end = timing.end_before(len(left))
        return self._layout(transcript_id, Run(index, (old,)), [
            (old.speaker, old.start, left_end if left_end is not None else rest_start, [_Piece(0, 0, len(left))]),
            (old.speaker, rest_start, old.end, [_Piece(0, cut, len(text))]),
        ])  # fmt: skip

    def merge(self, transcript_id: int, index: int) -> Correction:
        """Join turn `index` onto the turn before it, as a new paragraph of that speaker's turn;
        later turns move up one."""
        if index < 1:
            raise LibraryError("the first turn has no turn before it to merge into")
        prev, cur = self._store.rows(transcript_id, index - 1, 2)
        end = cur.end if cur.end is not None else prev.end
        pieces = [_Piece(0, 0, len(prev.text)), _Piece(None, text=MERGE_SEPARATOR), _Piece(1, 0, len(cur.text))]
        return self._layout(transcript_id, Run(index - 1, (prev, cur)), [(prev.speaker, prev.start, end, pieces)])

    def set_speaker(self, transcript_id: int, first: int, last: int, name: str) -> Correction:
        """Give turns `first` to `last` to speaker `name` (added to the transcript when new);
        a speaker left with no turns is removed. The text is untouched."""
        name = " ".join(name.split())
        if not name:
            raise LibraryError("a speaker's name cannot be empty")
        if last < first:
            first, last = last, first
        rows = self._store.rows(transcript_id, first, last - first + 1)
        if all(row.speaker == name for row in rows):
            raise LibraryError(f"{name} already says {'that turn' if len(rows) == 1 else 'those turns'}")
        return self._correct(transcript_id, [(Run(first, rows), tuple(replace(r, speaker=name) for r in rows),
                                              lambda t, p, _: (t, p))])  # fmt: skip

    def words_to_previous(self, transcript_id: int, index: int, offset: int) -> Correction:
        """Move the words of turn `index` before `offset` (to the next space: a word moves with
        its punctuation) to the end of the turn before it: the late-label fix."""
        if index < 1:
            raise LibraryError("the first turn has no turn before it")
        prev, cur = self._store.rows(transcript_id, index - 1, 2)
        end = min(max(offset, 0), len(cur.text))
        while 0 < end < len(cur.text) and not cur.text[end - 1].isspace() and not cur.text[end].isspace():
            end += 1  # the whole word, with its punctuation
        end = len(cur.text[:end].rstrip())
        return self._move_back(transcript_id, index, prev, cur, end)

    def words_to_next(self, transcript_id: int, index: int, offset: int) -> Correction:
        """Move the words of turn `index` from `offset` (back to the space before the word
        there) to the start of the turn after it."""
        if len(self._store.rows(transcript_id, index, 2, strict=False)) == 1:
            raise LibraryError("the last turn has no turn after it")
        cur, nxt = self._store.rows(transcript_id, index, 2)
        start = min(max(offset, 0), len(cur.text))
        while 0 < start < len(cur.text) and not cur.text[start - 1].isspace() and not cur.text[start].isspace():
            start -= 1  # the whole word, with its punctuation
        while start < len(cur.text) and cur.text[start].isspace():
            start += 1
        return self._move_forward(transcript_id, index, cur, nxt, start, " ")

    def undo_repair(self, repair_id: int) -> Correction:
        """Put a label repair's words back at the start of the turn they were moved from."""
        tid, turn, words, sep = self._repair(repair_id, undone=False)
        prev, cur = self._store.rows(tid, turn - 1, 2)
        if not prev.text.endswith(" " + words):
            raise LibraryError(f"turn {turn - 1} was edited since: it no longer ends with the repaired words")
        return self._move_forward(tid, turn - 1, prev, cur, len(prev.text) - len(words), sep, repair=(repair_id, 1))

    def redo_repair(self, repair_id: int) -> Correction:
        """Make an undone label repair again."""
        tid, turn, words, _ = self._repair(repair_id, undone=True)
        prev, cur = self._store.rows(tid, turn - 1, 2)
        glued = len(cur.text) > len(words) and not cur.text[len(words)].isspace()
        if not cur.text.startswith(words) or glued:
            raise LibraryError(f"turn {turn} was edited since: it no longer starts with the repaired words")
        return self._move_back(tid, turn, prev, cur, len(words), repair=(repair_id, 0))

    # Undo and redo -----------------------------------------------------------------------

    def revert(self, correction: Correction) -> None:
        """Undo a correction exactly; ConflictError if its rows changed since."""
        with self._lib.write():
            self._store.transition(correction.transcript_id, correction.after, correction.before)

    def reapply(self, correction: Correction) -> None:
        """Redo a reverted correction exactly; ConflictError if its rows changed since."""
        with self._lib.write():
            self._store.transition(correction.transcript_id, correction.before, correction.after)

    # Building a correction -----------------------------------------------------------------

    def _move_back(self, tid: int, index: int, prev: TurnRow, cur: TurnRow, end: int,
                   repair: tuple[int, int] | None = None) -> Correction:  # fmt: skip
        rest = end
        while rest < len(cur.text) and cur.text[rest].isspace():
            rest += 1
        if end <= 0:
            raise LibraryError("select the words to move: none come before the cursor")
        if rest >= len(cur.text):
            raise LibraryError(f"that would leave turn {index} empty; merge it instead")
        start = decode(cur.timing).time_at(rest)
        return self._layout(tid, Run(index - 1, (prev, cur)), [
            (prev.speaker, prev.start, prev.end, [_Piece(0, 0, len(prev.text)), _Piece(None, text=" "),
                                                  _Piece(1, 0, end)]),
            (cur.speaker, cur.start if start is None else start, cur.end, [_Piece(1, rest, len(cur.text))]),
        ], repair)  # fmt: skip

    def _move_forward(self, tid: int, index: int, cur: TurnRow, nxt: TurnRow, start: int, sep: str,
                      repair: tuple[int, int] | None = None) -> Correction:  # fmt: skip
        keep = len(cur.text[:start].rstrip())
        if start >= len(cur.text):
            raise LibraryError("select the words to move: none come after the cursor")
        if keep == 0:
            raise LibraryError(f"that would leave turn {index} empty; merge the next turn into it instead")
        moved_start = decode(cur.timing).time_at(start)
        return self._layout(tid, Run(index, (cur, nxt)), [
            (cur.speaker, cur.start, cur.end, [_Piece(0, 0, keep)]),
            (nxt.speaker, nxt.start if moved_start is None else moved_start, nxt.end,
             [_Piece(0, start, len(cur.text)), _Piece(None, text=sep), _Piece(1, 0, len(nxt.text))]),
        ], repair)  # fmt: skip

    def _layout(self, tid: int, run: Run, specs: list[tuple], repair: tuple[int, int] | None = None) -> Correction:
        """A correction that rebuilds a run of turns from pieces of it: `specs` gives each new
        turn's speaker, start, end and pieces. Times, original text and highlights follow the pieces."""
        rows, placed = [], []  # placed: (old turn, old start, old end, new turn, new offset)
        for new_turn, (speaker, start, end, pieces) in enumerate(specs):
            text, original, parts, edited = "", "", [], False
            for piece in pieces:
                if piece.turn is None:
                    text, original = text + piece.text, original + piece.text
                    continue
                old = run.rows[piece.turn]
                placed.append((piece.turn, piece.start, piece.end, new_turn, len(text)))
                parts.append((len(text), decode(old.timing).slice(piece.start, piece.end)))
                original += imported_span(old.original, old.text, piece.start, piece.end)
                edited = edited or old.original is not None
                text += old.text[piece.start : piece.end]
            rows.append(TurnRow(None, speaker, text, start, end, encode(Timing.join(parts)),
                                original if edited and original != text else None))  # fmt: skip
        return self._correct(tid, [(run, tuple(rows), _piece_mapper(placed))], repair)

    def _correct(self, tid: int, changes: list[tuple[Run, tuple[TurnRow, ...], Mapper]],
                 repair: tuple[int, int] | None = None) -> Correction:  # fmt: skip
        """Write the new runs, map the highlights through them, and record it all."""
        changes = sorted(changes, key=lambda change: change[0].at)
        with self._lib.write():
            runs = [run for run, _, _ in changes]
            before_speakers, before_repairs = self._store.speakers(tid), self._store.repairs(tid)
            touched = self._store.touched_highlights(tid, runs)
            written = self._store.write_runs(tid, runs, [rows for _, rows, _ in changes], before_speakers)
            if repair is not None:
                self._conn.execute("UPDATE label_repairs SET undone = ? WHERE id = ?", (repair[1], repair[0]))
            after_highlights, orphaned = [], 0
            through = _Through(changes, written)
            for row in touched:
                new = self._mapped(tid, row, through)
                orphaned += new[8] and not row[8]
                after_highlights.append(new)
            self._store.write_highlights(after_highlights)
            self._store.drop_unused_speakers(tid)
            moved = [(a, b) for a, b in zip(touched, after_highlights, strict=True) if a != b]
            correction = Correction(
                tid,
                State(tuple(runs), before_speakers, tuple(a for a, _ in moved), before_repairs),
                State(tuple(written), self._store.speakers(tid), tuple(b for _, b in moved), self._store.repairs(tid)),
                sum(1 for a, b in moved if not b[8] and a[1:6] != b[1:6] and on_runs(a, runs)),
                orphaned,
            )
            self._store.noted(tid)
            return correction

    def _mapped(self, tid: int, row: tuple, through: _Through) -> tuple:
        """A highlight's place columns after the change (an orphan only moves with its turn)."""
        hid, st, so, et, eo, quote, *_, original_quote = row
        start = through.map(Position(st, so), is_end=False)
        if row[8]:
            return (hid, start.turn, start.offset, start.turn, start.offset, *row[5:])
        end = through.map(Position(et, eo), is_end=True)
        if (start.turn, start.offset) >= (end.turn, end.offset) or not self._has_words(tid, start, end):
            return (hid, start.turn, start.offset, start.turn, start.offset, *row[5:8], 1, original_quote)
        new_quote, prefix, suffix = self._lib.highlights.context(tid, start, end)
        if new_quote.split() != quote.split() and original_quote is None:
            original_quote = quote  # words changed; a split or merge changes only the breaks between them
        if original_quote is not None and original_quote.split() == new_quote.split():
            original_quote = None  # its words are as first made again
        return (hid, start.turn, start.offset, end.turn, end.offset, new_quote, prefix, suffix, 0, original_quote)

    def _has_words(self, tid: int, start: Position, end: Position) -> bool:
        texts = self._store.texts(tid, start.turn, end.turn)
        if start.turn == end.turn:
            return bool(texts[0][start.offset : end.offset].strip())
        return bool(texts[0][start.offset :].strip() or texts[-1][: end.offset].strip()
                    or any(t.strip() for t in texts[1:-1]))  # fmt: skip

    def _repair(self, repair_id: int, *, undone: bool) -> tuple[int, int, str, str]:
        row = self._conn.execute(
            "SELECT transcript_id, turn, words, sep, undone FROM label_repairs WHERE id = ?", (repair_id,)
        ).fetchone()
        if row is None:
            raise LibraryError(f"no label repair with id {repair_id}")
        if bool(row[4]) != undone:
            raise LibraryError(f"label repair {repair_id} is {'undone' if row[4] else 'in place'} already")
        return row[:4]


class _Through:
    """Positions through a correction's runs (in order): mapped inside one, shifted after one."""

    def __init__(self, changes: list, written: list[Run]) -> None:
        self._changes = [(run, mapper, new) for (run, _rows, mapper), new in zip(changes, written, strict=True)]
        self._starts = [run.at for run, _, _ in self._changes]
        self._shifts = [0]  # how far the turns after the first n runs moved
        for run, _, new in self._changes:
            self._shifts.append(self._shifts[-1] + len(new.rows) - len(run.rows))

    def map(self, position: Position, *, is_end: bool) -> Position:
        n = bisect_right(self._starts, position.turn)  # the runs starting at or before its turn
        if n:
            run, mapper, new = self._changes[n - 1]
            if position.turn < run.at + len(run.rows):
                turn, offset = mapper(position.turn - run.at, position.offset, is_end)
                return Position(new.at + turn, offset)
        return Position(position.turn + self._shifts[n], position.offset)


def _piece_mapper(placed: list[tuple[int, int, int, int, int]]) -> Mapper:
    """Where an old (turn, offset) went when a run was rebuilt from these pieces; a place in
    text no piece kept (the space a split dropped) goes to the next piece (a start) or the
    end of the previous one (an end)."""

    def mapper(turn: int, offset: int, is_end: bool) -> tuple[int, int]:
        mine = sorted((p for p in placed if p[0] == turn), key=lambda p: p[1])
        for _, start, end, new_turn, at in mine:
            if (start < offset <= end) if is_end else (start <= offset < end):
                return new_turn, at + offset - start
        if is_end:
            before = [p for p in mine if p[2] <= offset] or mine[:1]
            _, start, end, new_turn, at = before[-1]
            return new_turn, at + min(end, max(offset, start)) - start
        after = [p for p in mine if p[1] >= offset] or mine[-1:]
        _, start, end, new_turn, at = after[0]
        return new_turn, at + min(end, max(offset, start)) - start

    return mapper


def _rewritten(old: TurnRow, text: str, edits: list[Edit]) -> TurnRow:
    """A turn with its words edited: times follow the words, the imported text is kept."""
    timing = decode(old.timing).mapped(lambda p, end: map_offset(edits, p, is_end=end))
    original = old.text if old.original is None else old.original
    return replace(old, text=text, timing=encode(timing), original=None if original == text else original)


def clean_text(text: str) -> str:
    """Plain text as a turn holds it: no carriage returns, at most one blank line in a row,
    no space at either end or at the end of a line."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
