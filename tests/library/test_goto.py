"""Go to turn or time, and the find pattern: what typed text means (Qt-free)."""

from __future__ import annotations

import pytest

from desktop.library import TurnRecord
from desktop.library.find_pattern import FindOptions, PatternError, find_pattern
from desktop.library.goto import GotoError, goto_target, parse_time, turn_at_time


def turns(starts: list[float | None], last_end: float | None = None) -> list[TurnRecord]:
    ends = [*starts[1:], last_end]
    return [
        TurnRecord(n, "Ann", f"turn {n}", start, end) for n, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("1:02:03", 3723), ("62:03", 3723), ("3725s", 3725), ("3725 s", 3725), ("90.5s", 90.5), ("1h 2m 3s", 3723),
     ("2m", 120), ("0:07", 7), ("1:02:03.5", 3723.5)],
)  # fmt: skip
def test_times_in_the_shapes_people_type(typed, seconds):
    assert parse_time(typed) == seconds


@pytest.mark.parametrize("typed", ["", "abc", "1:2:3", "1:60", "s", "12", "1:02:03:04"])
def test_what_is_no_time(typed):
    assert parse_time(typed) is None


def test_a_time_goes_to_the_turn_being_spoken_then():
    talk = turns([0, 10, 20, 30], last_end=40)
    assert [goto_target(t, talk) for t in ("0:00", "0:09", "0:10", "25s", "40s")] == [0, 0, 1, 2, 3]
    assert turn_at_time(turns([None, 5, 9]), 1) == 1  # before the first time: the first timed turn
    assert turn_at_time(turns([None, None]), 1) is None


def test_turn_numbers_count_from_one_and_are_bounded():
    talk = turns([0, 10, 20], last_end=30)
    assert goto_target(" 3 ", talk) == 2 and goto_target("#1", talk) == 0
    for typed in ("0", "4"):
        with pytest.raises(GotoError, match=r"^There is no turn .: the turns are 1–3$"):
            goto_target(typed, talk)


def test_each_refusal_says_why():
    with pytest.raises(GotoError, match="after the transcript's end, 0:30"):
        goto_target("0:31", turns([0, 10, 20], last_end=30))
    with pytest.raises(GotoError, match=r"^This transcript has no times: type a turn number, 1–2$"):
        goto_target("0:10", turns([None, None]))
    with pytest.raises(GotoError, match="neither a turn number nor a time"):
        goto_target("soon", turns([0]))
    with pytest.raises(GotoError, match=r"^Type a turn number or a time$"):
        goto_target("  ", turns([0]))
    with pytest.raises(GotoError, match="No transcript is open"):
        goto_target("1", [])


def test_find_pattern_options():
    text = "Boat boats sailboat BOAT"

    def found(typed: str, **options: bool) -> list[str]:
        return find_pattern(typed, FindOptions(**options)).findall(text)

    assert found("boat") == ["Boat", "boat", "boat", "BOAT"]
    assert found("boat", match_case=True) == ["boat", "boat"]
    assert found("boat", whole_word=True) == ["Boat", "BOAT"]
    assert found("boats?", regex=True, whole_word=True) == ["Boat", "boats", "BOAT"]
    assert found("boats?") == []  # literally
    assert find_pattern("a\u00a0b").search("a b")  # a no-break space typed matches a space


def test_find_pattern_refuses_bad_and_empty_expressions():
    with pytest.raises(PatternError, match=r"^Not a regular expression: unterminated character set at position 1$"):
        find_pattern("[a", FindOptions(regex=True))
    with pytest.raises(PatternError, match="matches empty text"):
        find_pattern("a?", FindOptions(regex=True))
    assert find_pattern("[a", FindOptions()).search("x[a")  # not a regex: literal
