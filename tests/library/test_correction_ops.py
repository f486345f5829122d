"""Each correction of the transcript (set speaker, move words, replace, provenance, times),
and its undo: reverting puts every table back exactly; a conflicting revert is refused."""

from __future__ import annotations

import pytest

from desktop.library import ConflictError, LibraryError, Position
from desktop.library.corrections import clean_text
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.conftest import FIXTURES

UNLABELLED = SAMPLE_TRANSCRIPT.with_name("sample-unlabelled.txt")


def dump(library) -> dict[str, list[tuple]]:
    """Every row of every table, in id order: what 'exactly as before' means."""
    tables = [name for (name,) in library.conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'turns_fts%'")]  # fmt: skip
    out = {name: library.conn.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in tables}
    out["turns_fts"] = library.conn.execute("SELECT rowid, text FROM turns_fts ORDER BY rowid").fetchall()
    library.conn.execute("INSERT INTO turns_fts (turns_fts) VALUES ('integrity-check')")  # the index matches
    return out


def mark(library, tid, turn, phrase):
    text = library.transcripts.turns(tid)[turn].text
    start = text.index(phrase)
    return library.highlights.add(tid, Position(turn, start), Position(turn, start + len(phrase)))


def text_at(library, h):
    turns = library.transcripts.turns(h.transcript_id)
    if h.start.turn == h.end.turn:
        return turns[h.start.turn].text[h.start.offset : h.end.offset]
    middle = [t.text for t in turns[h.start.turn + 1 : h.end.turn]]
    return "\n".join([turns[h.start.turn].text[h.start.offset :], *middle, turns[h.end.turn].text[: h.end.offset]])


def test_setting_speakers_gives_an_unlabelled_transcript_its_people_and_undo_takes_them_away(library):
    tid = library.import_file(UNLABELLED).id
    before = dump(library)
    assert library.speakers.list(tid) == []

    first = library.corrections.set_speaker(tid, 0, 1, "Ines Alvarez")
    second = library.corrections.set_speaker(tid, 2, 2, "  Sam   Okoro ")

    turns = library.transcripts.turns(tid)
    assert [t.speaker for t in turns[:4]] == ["Ines Alvarez", "Ines Alvarez", "Sam Okoro", None]
    assert library.speakers.list(tid) == ["Ines Alvarez", "Sam Okoro"]
    assert not any(t.edited for t in turns)  # who speaks is no edit of the words
    assert first.turns == [0, 1] and second.turns == [2]
    library.corrections.revert(second)
    library.corrections.revert(first)
    assert dump(library) == before


def test_setting_the_speaker_a_turn_has_already_is_refused(library, sample):
    with pytest.raises(LibraryError, match="Maya Okafor already says that turn"):
        library.corrections.set_speaker(sample, 0, 0, "Maya Okafor")


def test_a_speaker_left_without_turns_is_removed_and_comes_back_on_undo(library, sample):
    before = dump(library)
    correction = library.corrections.set_speaker(sample, 0, 19, "Host")
    assert library.speakers.list(sample) == ["Host"]
    library.corrections.revert(correction)
    assert dump(library) == before
    library.corrections.reapply(correction)
    assert library.speakers.list(sample) == ["Host"]


def test_words_moved_to_the_previous_turn_take_their_highlight_along(library, sample):
    # The late-label fix: "Thanks for having me." belongs to the end of turn 0.
    thanks = mark(library, sample, 1, "Thanks for having me.")
    side = mark(library, sample, 1, "this side of the microphone")
    turn0, turn1 = (t.text for t in library.transcripts.turns(sample)[:2])

    correction = library.corrections.words_to_previous(sample, 1, len("Thanks for having m"))  # mid-word: to its end

    turns = library.transcripts.turns(sample)
    assert turns[0].text == turn0 + " Thanks for having me."
    assert turns[1].text == turn1[len("Thanks for having me. ") :]
    assert library.highlights.get(thanks.id).start == Position(0, len(turn0) + 1)
    assert library.highlights.get(side.id).quote == "this side of the microphone"
    assert library.highlights.get(side.id).start.offset == side.start.offset - len("Thanks for having me. ")
    assert correction.moved == 2 and not turns[0].edited  # the same words, said by another
    assert turns[1].start == 17.0  # its first words' time, as the source gave it


def test_words_moved_to_the_next_turn_go_to_its_start(library, sample):
    turn3, turn4 = (t.text for t in library.transcripts.turns(sample)[3:5])
    cut = turn3.index("And the recordings")

    library.corrections.words_to_next(sample, 3, cut + 2)

    turns = library.transcripts.turns(sample)
    assert turns[3].text == turn3[:cut].rstrip()
    assert turns[4].text == turn3[cut:] + " " + turn4


def test_moving_every_word_of_a_turn_is_refused_with_a_way_out(library, sample):
    length = len(library.transcripts.turns(sample)[5].text)
    with pytest.raises(LibraryError, match="would leave turn 5 empty; merge it instead"):
        library.corrections.words_to_previous(sample, 5, length)
    with pytest.raises(LibraryError, match="none come after the cursor"):
        library.corrections.words_to_next(sample, 5, length)
    with pytest.raises(LibraryError, match="the first turn has no turn before it"):
        library.corrections.words_to_previous(sample, 0, 3)


def test_replace_changes_every_match_in_one_step_and_keeps_highlights_on_their_words(library, sample):
    welcome = mark(library, sample, 0, "I'm Maya Okafor")
    before = dump(library)
    found = library.corrections.matches(sample, "Maya", whole_word=True)
    assert [m.turn for m in found] == [0, 19]

    correction = library.corrections.replace(sample, "Maya", "Maia", whole_word=True)

    turns = library.transcripts.turns(sample)
    assert "I'm Maia Okafor" in turns[0].text and turns[19].text == "Thank you, Maia."
    assert turns[0].speaker == "Maya Okafor"  # names are speakers' metadata, not text
    moved = library.highlights.get(welcome.id)
    assert (moved.quote, moved.original_quote) == ("I'm Maia Okafor", "I'm Maya Okafor")
    assert [t.edited for t in turns].count(True) == 2 and turns[0].original == library_text(before, 0)
    library.corrections.revert(correction)
    assert dump(library) == before


def library_text(dumped, index):
    return next(row for row in dumped["turns"] if row[2] == index)[4]


def test_replace_only_the_chosen_matches(library, sample):
    found = library.corrections.matches(sample, "interview")
    assert len(found) == 5
    library.corrections.replace(sample, "interview", "INTERVIEW", only=found[1:3])
    assert library.corrections.matches(sample, "INTERVIEW") == found[1:3]
    assert library.corrections.matches(sample, "interview") == [found[0], *found[3:]]


def test_replace_of_nothing_says_so(library, sample):
    with pytest.raises(LibraryError, match="no 'zebra' to replace"):
        library.corrections.replace(sample, "zebra", "horse")
    with pytest.raises(LibraryError, match="line break"):
        library.corrections.replace(sample, "Maya", "a\nb")


def test_whole_word_and_case_options_find_what_they_say(library, sample):
    assert len(library.corrections.matches(sample, "flood")) == 3  # flood, floods, flood
    assert [m.end - m.start for m in library.corrections.matches(sample, "flood", whole_word=True)] == [5, 5]
    assert library.corrections.matches(sample, "FLOOD") == []
    assert len(library.corrections.matches(sample, "FLOOD", match_case=False)) == 3


def test_an_edit_keeps_the_imported_text_until_the_words_are_as_imported_again(library, sample):
    imported = library.transcripts.turns(sample)[3].text
    library.corrections.edit(sample, 3, imported.replace("Which time?", "Which one?"))
    turn = library.transcripts.turns(sample)[3]
    assert turn.edited and turn.original == imported

    library.corrections.edit(sample, 3, imported)
    assert not library.transcripts.turns(sample)[3].edited


def test_splitting_an_edited_turn_splits_its_imported_text_too(library, sample):
    imported = library.transcripts.turns(sample)[3].text
    edited = imported.replace("a woman named Ada", "a woman called Ada")
    library.corrections.edit(sample, 3, edited)

    library.corrections.split(sample, 3, edited.index("I asked her"))

    first, second = library.transcripts.turns(sample)[3:5]
    assert first.original == imported[: imported.index(" I asked her")]
    assert second.text.startswith("I asked her") and not second.edited  # no word of it changed


def test_merging_keeps_the_imported_text_of_both_turns(library, sample):
    a, b = (t.text for t in library.transcripts.turns(sample)[4:6])  # "Which time.", Tomás's answer
    library.corrections.edit(sample, 4, "Which time?")

    library.corrections.merge(sample, 5)

    merged = library.transcripts.turns(sample)[4]
    assert merged.text == "Which time?\n\n" + b and merged.original == a + "\n\n" + b
    assert merged.speaker == "Maya Okafor"


def test_word_times_follow_an_edit_and_a_corrected_word_keeps_its_time(library):
    tid = library.import_file(FIXTURES / "deepgram.json").id
    turn = library.transcripts.turns(tid)[0]  # Welcome back to the harbour podcast. Today, tides.
    words = {turn.text[w.offset : w.offset + w.length]: (w.start, w.end) for w in turn.timing.words}

    library.corrections.edit(tid, 0, turn.text.replace("Welcome back to", "On").replace("harbour", "Harbour"))

    after = library.transcripts.turns(tid)[0]
    times = {after.text[w.offset : w.offset + w.length]: (w.start, w.end) for w in after.timing.words}
    assert after.text == "On the Harbour podcast. Today, tides."
    assert "back" not in times and "Welcome" not in times  # their words are gone
    assert times["Harbour"] == words["harbour"]
    assert times["tides."] == words["tides."]
    assert after.timing.time_at(after.text.index("Today")) == words["Today,"][0]


def test_a_revert_after_another_change_to_its_turns_is_refused_and_changes_nothing(library, sample):
    text = library.transcripts.turns(sample)[3].text
    correction = library.corrections.edit(sample, 3, text.replace("Ada", "Adah"))
    library.corrections.edit(sample, 3, "Something else.")
    now = dump(library)

    with pytest.raises(ConflictError, match="turn 3 was changed elsewhere"):
        library.corrections.revert(correction)
    assert dump(library) == now


def test_a_split_merge_and_repair_each_undo_exactly(library, seeds):
    tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    for turn in (1, 2, 3):
        text = library.transcripts.turns(tid)[turn].text
        library.highlights.add(tid, Position(turn, 0), Position(turn, min(40, len(text))))
    repair = next(r for r in library.transcripts.repairs(tid) if r.words == "think?")
    start = dump(library)
    steps = [
        library.corrections.split(tid, 2, 30),
        library.corrections.merge(tid, 4),
        library.corrections.undo_repair(repair.id),
        library.corrections.set_speaker(tid, 1, 3, "Oriol Vinyals"),
    ]
    after = dump(library)
    for step in reversed(steps):
        library.corrections.revert(step)
    assert dump(library) == start
    for step in steps:
        library.corrections.reapply(step)
    assert dump(library) == after


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Hello there.  ", "Hello there."),
        ("One.\r\nTwo.", "One.\nTwo."),
        ("One.\n\n\n\nTwo.   \nThree.", "One.\n\nTwo.\nThree."),
    ],
)
def test_typed_text_is_stored_plainly(typed, stored):
    assert clean_text(typed) == stored


def test_a_highlight_only_renumbered_by_a_split_or_merge_is_not_counted_as_moved(library, sample):
    beside = mark(library, sample, 6, "keep notes")  # the turn after the one split
    inside = mark(library, sample, 5, "So after that")
    split = library.corrections.split(sample, 5, library.transcripts.turns(sample)[5].text.index("So after"))
    assert library.highlights.get(beside.id).start.turn == 7
    assert library.highlights.get(inside.id).start == Position(6, 0)
    assert split.moved == 1  # the one whose words went to the new turn
    merge = library.corrections.merge(sample, 6)
    assert library.highlights.get(beside.id).start.turn == 6
    assert merge.moved == 1


def test_a_quote_split_across_two_turns_keeps_no_first_quote_its_words_are_the_same(library, sample):
    across = mark(library, sample, 5, "the flood. So after")
    library.corrections.split(sample, 5, library.transcripts.turns(sample)[5].text.index("So after"))
    moved = library.highlights.get(across.id)
    assert (moved.start.turn, moved.end.turn, moved.quote) == (5, 6, "the flood.\nSo after")
    assert moved.original_quote is None
    library.corrections.edit(sample, 6, library.transcripts.turns(sample)[6].text.replace("So after", "Then after"))
    assert library.highlights.get(across.id).original_quote.split() == ["the", "flood.", "So", "after"]


def test_an_orphan_moves_with_its_turn_through_a_merge_and_both_undo_exactly(library, sample):
    before = dump(library)
    gone = mark(library, sample, 8, "afterwards")
    orphaning = library.corrections.edit(sample, 8, "And?")
    assert library.highlights.get(gone.id).orphan
    merging = library.corrections.merge(sample, 8)  # its turn is joined onto turn 7
    orphan = library.highlights.get(gone.id)
    assert orphan.orphan and orphan.start.turn == orphan.end.turn == 7
    assert len(library.highlights.list(sample)) == 1  # listed, never dropped
    split = library.corrections.split(sample, 7, library.transcripts.turns(sample)[7].text.index("And?"))
    assert library.highlights.get(gone.id).start.turn == 8
    for correction in (split, merging, orphaning):
        library.corrections.revert(correction)
    library.highlights.delete(gone.id)
    assert {k: v for k, v in dump(library).items() if k not in ("highlights", "sqlite_sequence")} == {
        k: v for k, v in before.items() if k not in ("highlights", "sqlite_sequence")}  # fmt: skip


def test_a_highlight_whose_context_reaches_across_a_short_turn_gets_its_context_again(library, sample):
    turns = library.transcripts.turns(sample)
    assert turns[4].text == "Which time."  # shorter than the context: turn 3's suffix reaches turn 5
    last = turns[3].text.rsplit(" ", 1)[1]
    h = mark(library, sample, 3, last)
    library.corrections.edit(sample, 5, turns[5].text.replace("Right.", "Correct.", 1))
    after = library.highlights.get(h.id)
    assert after.suffix == "\nWhich time.\nCorrect. There had "[: len(after.suffix)]
    assert (after.quote, after.prefix, after.suffix) == library.highlights.context(sample, after.start, after.end)


@pytest.mark.parametrize(("at", "second"), [
    ("Hello", "“Hello there” and left."),
    ("llo there", "“Hello there” and left."),
    ("left.", "left."),
    (".", "left."),
    (" and", "and left."),
])  # fmt: skip
def test_a_split_falls_before_the_whole_word_there_with_its_quote_marks(library, sample, at, second):
    text = "He said “Hello there” and left."
    library.corrections.edit(sample, 4, text)
    library.corrections.split(sample, 4, text.index(at))
    assert [t.text for t in library.transcripts.turns(sample)[4:6]] == [text[: -len(second) - 1], second]


def test_a_split_keeps_the_first_halfs_end_and_refuses_a_place_outside_the_turn(library):
    tid = library.import_file(FIXTURES / "deepgram.json").id
    turn = library.transcripts.turns(tid)[0]  # Welcome back to the harbour podcast. Today, tides.
    ends = {turn.text[w.offset : w.offset + w.length]: w.end for w in turn.timing.words}
    with pytest.raises(LibraryError, match="no character -5"):
        library.corrections.split(tid, 0, -5)
    library.corrections.split(tid, 0, turn.text.index("Today"))
    first, second = library.transcripts.turns(tid)[:2]
    assert first.end == ends["podcast."] and second.end == turn.end


def test_a_replace_that_changes_nothing_is_refused_and_one_leaving_spaces_is_cleaned(library, sample):
    before = dump(library)
    with pytest.raises(LibraryError, match="changes nothing"):
        library.corrections.replace(sample, "Which", "Which")
    with pytest.raises(LibraryError, match="line break"):
        library.corrections.replace(sample, "Which", "Which\r")
    assert dump(library) == before
    library.corrections.replace(sample, "Which", " ")
    assert library.transcripts.turns(sample)[4].text == "time."
