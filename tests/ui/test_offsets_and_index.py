"""The reader's two indexes, without Qt: code-point offsets to UTF-16 and back (made once per
turn), and where highlights lie (`SpanIndex`), which must answer exactly as a scan would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.ui.span_index import PENDING_LIMIT, SpanIndex, gap_key, place_key
from desktop.ui.text_offsets import Utf16Map, from_utf16, is_bmp, to_utf16

MIC = "\U0001f399\ufe0f"  # 🎙️: a character beyond the BMP, then a variation selector inside it


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# Offsets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "plain", "it’s “quoted”", "e\u0301te\u0301", MIC, MIC + "after", "before " + MIC, MIC + MIC + " two",
     "a\U0001f600b\U0001f600\U0001f600c", "\n\n" + MIC + "\n\nend"],
)  # fmt: skip
def test_every_offset_maps_as_utf16_counts_it(text):
    offsets = Utf16Map(text)
    assert offsets.units == units(text)
    for offset in range(len(text) + 1):
        expected = units(text[:offset])
        assert offsets.to_utf16(offset) == to_utf16(text, offset) == expected
        assert offsets.from_utf16(expected) == from_utf16(text, expected) == offset


def test_inside_a_surrogate_pair_is_the_start_of_its_character():
    text = "ab" + MIC + "c"
    offsets = Utf16Map(text)
    assert offsets.to_utf16(2) == 2 and offsets.to_utf16(3) == 4  # the emoji is two units
    assert offsets.from_utf16(3) == 2  # between its halves: the emoji
    assert offsets.from_utf16(4) == 3  # its variation selector is one unit, one character
    assert offsets.to_utf16(5) == 6 and offsets.from_utf16(6) == 5


def test_at_the_edges_of_a_turn():
    for text in (MIC, MIC + "x", "x" + MIC):
        offsets = Utf16Map(text)
        assert offsets.to_utf16(0) == 0 and offsets.from_utf16(0) == 0
        assert offsets.to_utf16(len(text)) == units(text)
        assert offsets.from_utf16(units(text)) == len(text)
        assert offsets.from_utf16(units(text) + 5) == len(text)  # past the end: the end


def test_combining_marks_and_curly_quotes_cost_no_table():
    for text in ("cafe\u0301 it’s", "“plain”", "Zoë\u0308"):
        assert is_bmp(text)
        offsets = Utf16Map(text)
        assert offsets.units == len(text)
        assert [offsets.to_utf16(n) for n in range(len(text) + 1)] == list(range(len(text) + 1))
    assert not is_bmp("x" + MIC)


@given(st.text(alphabet=st.sampled_from(["a", " ", "’", "é", "\u0301", "\ufe0f", "\U0001f399", "\U0001f600", "\n"])))
def test_offsets_agree_with_encoding_for_any_text(text):
    offsets = Utf16Map(text)
    for offset in range(len(text) + 1):
        assert offsets.from_utf16(offsets.to_utf16(offset)) == offset
        assert offsets.to_utf16(offset) == units(text[:offset])


# The highlight index ---------------------------------------------------------------------------


def test_place_keys_sort_as_places_and_gaps_fall_between_turns():
    assert place_key(0, 5) < place_key(0, 6) < gap_key(0) < place_key(1, 0) < place_key(1, 10**6) < gap_key(1)
    assert gap_key(-1) < place_key(0, 0)


def test_covering_and_overlapping_on_a_few_spans():
    index = SpanIndex([(1, 0, 10), (2, 5, 8), (3, 8, 20)])
    assert sorted(index.covering(6, 7)) == [1, 2]
    assert sorted(index.covering(8, 9)) == [1, 3]
    assert index.covering(10, 11) == [3]  # ends are exclusive
    assert sorted(index.overlapping(7, 9)) == [1, 2, 3]
    assert index.overlapping(20, 30) == []
    index.remove(1)
    index.add(4, 0, 30)
    assert sorted(index.covering(6, 7)) == [2, 4] and len(index) == 3


def scan_covering(spans: dict[int, tuple[int, int]], start: int, end: int) -> list[int]:
    return sorted(i for i, (s, e) in spans.items() if s <= start and e >= end)


def scan_overlapping(spans: dict[int, tuple[int, int]], start: int, end: int) -> list[int]:
    return sorted(i for i, (s, e) in spans.items() if s < end and e > start)


span = st.tuples(st.integers(0, 60), st.integers(1, 25)).map(lambda p: (p[0], p[0] + p[1]))
change = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 40), span),
    st.tuples(st.just("remove"), st.integers(0, 40), st.just((0, 0))),
    st.tuples(st.just("query"), st.integers(0, 0), st.tuples(st.integers(-2, 90), st.integers(0, 12))),
)


@settings(max_examples=300)
@given(st.dictionaries(st.integers(0, 40), span, max_size=30), st.lists(change, max_size=3 * PENDING_LIMIT))
def test_the_index_answers_exactly_as_a_scan_does(initial, changes):
    index, spans = SpanIndex((i, s, e) for i, (s, e) in initial.items()), dict(initial)
    for action, span_id, (a, b) in changes:
        if action == "add":
            index.add(span_id, a, b)
            spans[span_id] = (a, b)
        elif action == "remove":
            index.remove(span_id)
            spans.pop(span_id, None)
        else:
            start, end = a, a + b
            assert sorted(index.overlapping(start, end)) == scan_overlapping(spans, start, end)
            end = max(end, start + 1)
            assert sorted(index.covering(start, end)) == scan_covering(spans, start, end)
    assert len(index) == len(spans)
    for point in range(-1, 90):
        assert sorted(index.covering(point, point + 1)) == scan_covering(spans, point, point + 1)
