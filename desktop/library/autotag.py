"""Auto-coding: highlight every match of a search and tag it, as one step that can be taken
back and done again exactly (the highlights it made come back with the same ids)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.library.folding import fold
from desktop.library.models import Highlight, LibraryError, Position
from desktop.library.search import CLOSE, OPEN, marked_spans, marked_turns
from desktop.library.tags import tag_name

if TYPE_CHECKING:
    from desktop.library.store import Library


@dataclass(frozen=True)
class Autotagged:
    """What one autotag did: the highlights it made (as made), the highlights that existed
    and were given the tag, the tag's name as stored, its colour, and its id when this made it."""

    tag: str
    colour: str
    made: tuple[Highlight, ...]
    tagged: tuple[int, ...]
    new_tag: int | None
    passages: int  # the distinct highlights the matches make, including those tagged already

    def summary(self) -> str:
        """What was done, in a line: `3 passages tagged “flood”: 2 new highlights, 1 already tagged`."""
        if not self.passages:
            return f"nothing matched, so nothing was tagged “{self.tag}”"
        already = self.passages - len(self.made) - len(self.tagged)
        parts = [(len(self.made), "new highlight", "new highlights"),
                 (len(self.tagged), "highlight given the tag", "highlights given the tag"),
                 (already, "already tagged", "already tagged")]  # fmt: skip
        done = ", ".join(_count(n, one, many) for n, one, many in parts if n)
        return f"{_count(self.passages, 'passage', 'passages')} tagged “{self.tag}”" + (f": {done}" if done else "")


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


EXTENTS = ("words", "sentence", "turn")  # what a match's highlight takes in
# Where a sentence ends: its stop (with any closing quote or bracket) before a space or the
# end, or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) of `text` holding [start, end): from just after the stop
    before it to its own stop."""
    first = 0
    for stop in _SENTENCE_END.finditer(text, 0, start):
        first = stop.end()
    while first < start and text[first].isspace():
        first += 1
    stop = _SENTENCE_END.search(text, max(end, first))
    last = len(text) if stop is None else stop.start() if stop.group() == "\n" else stop.end()
    return first, max(last, end)


def tag_matches(library: Library, query: str, tag: str, scope: Mapping[str, object] | None = None,
                extent: str = "words") -> Autotagged:  # fmt: skip
    """Highlight every match of `query` within `scope` (`transcript_id`, `speaker`, `tag`, as
    `search` takes them) and tag it; adjacent matched words form one highlight, and a match
    already highlighted exactly is tagged, not highlighted twice. `extent` "sentence" or
    "turn" highlights the sentence or the turn a match is in instead (once however many
    matches it holds)."""
    if extent not in EXTENTS:
        raise LibraryError(f"{extent!r} is not what a match can take in ({', '.join(EXTENTS)})")
    scope = dict(scope or {})
    rows = marked_turns(library, query, **scope)
    if not rows:  # nothing to do, and no new tag left unused
        return Autotagged(tag_name(tag), "", (), (), None, 0)
    highlights, tags = library.highlights, library.tags
    with library.write():
        tag_id = tags.find(tag_name(tag))
        new_tag = tags.create(tag_name(tag)).id if tag_id is None else None
        stored = tags.get(tags.name_of(tag_id if tag_id is not None else new_tag))
        existing = {(h.transcript_id, h.start, h.end): h for h in highlights.list(scope.get("transcript_id"))
                    if not h.orphan}  # type: ignore[arg-type]  # fmt: skip
        made: list[Highlight] = []
        tagged: list[int] = []
        passages = set()
        for tid, turn, marked in rows:
            text = marked.replace(OPEN, "").replace(CLOSE, "")
            for start, end in marked_spans(marked):
                if extent == "sentence":
                    start, end = sentence_around(text, start, end)
                elif extent == "turn":
                    start, end = 0, len(text)
                # As a highlight of it would be stored: widened to whole words (`flood` in
                # `flood-water`), so a second run finds the first run's highlight.
                key = (tid, *highlights.snapped(tid, Position(turn, start), Position(turn, end)))
                if key in passages:  # two matches in one word (`flood` and `water` of `flood-water`), or sentence
                    continue
                passages.add(key)
                if key not in existing:
                    existing[key] = highlights.add(tid, key[1], key[2], tags=[stored.name])
                    made.append(existing[key])
                elif fold(stored.name) not in {fold(t) for t in existing[key].tags}:
                    existing[key] = highlights.add_tag(existing[key].id, stored.name)
                    tagged.append(existing[key].id)
    return Autotagged(stored.name, stored.colour, tuple(made), tuple(tagged), new_tag, len(passages))


def untag_matches(library: Library, done: Autotagged) -> None:
    """Take back an autotag: delete the highlights it made (if still as made), take its tag off
    the others, and delete the tag if it made it and nothing else carries it now."""
    with library.write():
        for h in done.made:
            library.highlights.delete(h.id, expect=h)  # type: ignore[arg-type]
        for highlight_id in done.tagged:
            library.highlights.untag(highlight_id, done.tag)
        if done.new_tag is not None:
            library.tags.drop_if_unused(done.new_tag, done.tag)


def retag_matches(library: Library, done: Autotagged) -> Autotagged:
    """Do an autotag again after `untag_matches`: the same highlights, ids, tag and colour."""
    if not done.passages:
        return done
    tags = library.tags
    with library.write():
        new_tag = tags.create(done.tag, colour=done.colour).id if tags.find(done.tag) is None else None
        made = tuple(library.highlights.restore(h) for h in done.made)
        for highlight_id in done.tagged:
            library.highlights.add_tag(highlight_id, done.tag)
    return replace(done, made=made, new_tag=new_tag)
