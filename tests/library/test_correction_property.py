"""Random runs of corrections on a real transcript with highlights: afterwards every live
highlight still quotes exactly the text at its place with its context up to date, every
orphan sits on a turn that exists, none is lost, and undoing them all
gives back the library exactly (every table, row for row); redoing them all gives back
the corrected one."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.library import LibraryError, Position
from tests.library.test_correction_ops import dump, text_at

WORDS = ["Oriol", "Lex", "podcast", "the", "", "deep learning", "—", "it's"]


@st.composite
def corrections(draw):
    kind = draw(st.sampled_from(["edit", "cut", "split", "merge", "speaker", "previous", "next", "replace"]))
    return kind, draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000)), draw(st.sampled_from(WORDS))


def apply(library, tid, step):
    kind, a, b, word = step
    turns = library.transcripts.turns(tid)
    index = a % min(len(turns), 12)  # the first turns, where the highlights are: corrections meet
    text = turns[index].text
    offset = b % (len(text) + 1)
    c = library.corrections
    if kind == "edit":
        words = text.split(" ")
        words[offset % len(words)] = word
        return c.edit(tid, index, " ".join(words))
    if kind == "cut":  # three words gone: a highlight on them alone becomes an orphan
        words = text.split(" ")
        at = 0 if b % 2 == 0 else offset % len(words)  # often a turn's first words, which carry a highlight
        return c.edit(tid, index, " ".join(words[:at] + words[at + 3 :]))
    if kind == "split":
        return c.split(tid, index, offset)
    if kind == "merge":
        return c.merge(tid, index)
    if kind == "speaker":
        return c.set_speaker(tid, index, min(index + b % 3, len(turns) - 1), word or "Nobody")
    if kind == "previous":
        return c.words_to_previous(tid, index, offset)
    if kind == "next":
        return c.words_to_next(tid, index, offset)
    found = text.split()[offset % len(text.split())]
    return c.replace(tid, found, word or "x", whole_word=b % 2 == 0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(corrections(), min_size=1, max_size=8))
def test_any_corrections_then_undo_all_give_back_the_library(library, seeds, steps):
    tid = library.transcripts.list()[0].id if library.transcripts.list() else None
    if tid is None:
        tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
        for turn in range(0, 14, 2):
            this, following = (t.text for t in library.transcripts.turns(tid)[turn : turn + 2])
            library.highlights.add(tid, Position(turn, len(this) // 3), Position(turn + 1, min(20, len(following))))
            library.highlights.add(tid, Position(turn + 1, 0), Position(turn + 1, len(following.split(" ")[0])))
    before = dump(library)
    count = len(library.highlights.list(tid))
    done = []
    for step in steps:
        try:
            done.append(apply(library, tid, step))
        except LibraryError:
            continue  # refused (nothing to do, or it would empty a turn): nothing was written
        turns = len(library.transcripts.turns(tid))
        for h in library.highlights.list(tid):
            assert 0 <= h.start.turn <= h.end.turn < turns  # orphans too: each moves with its turn
            if not h.orphan:
                assert text_at(library, h) == h.quote
                assert (h.quote, h.prefix, h.suffix) == library.highlights.context(tid, h.start, h.end)
    assert len(library.highlights.list(tid)) == count
    event(f"{len(done)} corrections made, {sum(c.moved for c in done)} highlights moved")
    after = dump(library)
    for correction in reversed(done):
        library.corrections.revert(correction)
    assert dump(library) == before
    for correction in done:
        library.corrections.reapply(correction)
    assert dump(library) == after
    for correction in reversed(done):  # leave the library as found, for the next example
        library.corrections.revert(correction)
