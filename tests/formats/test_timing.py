"""Segments and word times: kept when pieces join into turns, found again by offset, and
carried with the words when label repair moves them (and back, exactly)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.formats import parse
from desktop.formats.repair import undo_repair
from desktop.formats.timing import Segment, Timing, Word, align_words

ZOOM = b"""WEBVTT

1
00:00:00.500 --> 00:00:04.000
Ann Lee: We measured the harbour every morning.

2
00:00:04.300 --> 00:00:07.900
Ann Lee: First the tide data, then the wind.

3
00:00:08.000 --> 00:00:09.500
Bo Chen: And the
"""


def test_a_turn_keeps_each_cue_as_a_segment():
    [turn] = parse(ZOOM.rsplit(b"\n3\n", 1)[0], "zoom.vtt").turns
    second = turn.text.index("First")
    assert turn.timing.segments == (Segment(0, 0.5, 4.0), Segment(second, 4.3, 7.9))
    assert turn.timing.time_at(turn.text.index("tide data")) == 4.3  # not the turn's 0.5
    assert turn.timing.time_at(3) == 0.5 and turn.start == 0.5


def test_word_times_are_found_in_the_text():
    words = align_words("Yes, we can.", [("Yes,", 1.0, 1.2), ("we", 1.3, 1.4), ("missing", 2, 3), ("can.", 1.5, 1.9)])
    assert words == (Word(0, 4, 1.0, 1.2), Word(5, 2, 1.3, 1.4), Word(8, 4, 1.5, 1.9))
    timing = Timing((Segment(0, 1.0, 1.9),), words)
    assert [timing.time_at(i) for i in (0, 4, 5, 9)] == [1.0, 1.3, 1.3, 1.5]  # a space takes the next word's


def test_label_repair_moves_the_fragments_times_and_undo_restores_them():
    data = b"""WEBVTT

00:00:01.000 --> 00:00:03.000
Ann Lee: how far away or we

00:00:03.200 --> 00:00:05.000
Bo Chen: you think? It's a good question.

00:00:05.500 --> 00:00:07.000
Bo Chen: Let me check.
"""
    parsed = parse(data, "late.vtt")
    first, second = parsed.turns
    assert first.text == "how far away or we you think?"
    assert first.timing.segments == (Segment(0, 1.0, 3.0), Segment(19, 3.2, 5.0))
    assert second.text.startswith("It's a good") and second.timing.segments[0] == Segment(0, 3.2, 5.0, continued=True)
    assert second.timing.time_at(second.text.index("Let me")) == 5.5

    [repair] = parsed.repairs
    before = parse(data, "late.vtt").turns
    restored = undo_repair(parsed.turns, repair)
    assert restored[1].text == "you think? It's a good question. Let me check."
    assert restored[1].timing.segments == (Segment(0, 3.2, 5.0), Segment(33, 5.5, 7.0))
    assert undo_repair(before, repair) == restored


times = st.floats(min_value=0, max_value=1e5, allow_nan=False)


@given(st.lists(st.tuples(st.text("ab", min_size=1, max_size=5), times), min_size=2, max_size=12), st.data())
def test_split_then_join_gives_back_the_same_times(pieces, data):
    text, segments, words, offset = "", [], [], 0
    for word, start in pieces:
        segments.append(Segment(offset, start, start + 1))
        words.append(Word(offset, len(word), start, start + 0.5))
        text += word + " "
        offset = len(text)
    timing = Timing(tuple(segments), tuple(words))
    cut = data.draw(st.sampled_from([w.offset + w.length for w in words[:-1]]))
    left, right = timing.split(cut, skip=1)
    assert Timing.join([(0, left), (cut + 1, right)]) == timing
