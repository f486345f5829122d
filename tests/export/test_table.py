"""The highlights' CSV read back with the csv module: its columns, times a spreadsheet reads
as durations, seconds as numbers, tags that split back, every speaker of a highlight, and a
row per tag (Taguette's convention)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop.export import ExportOptions, collect, export
from desktop.export.table import clock, number
from desktop.library import Library, Position

# The README's list, in its order.
COLUMNS = ["transcript", "speaker", "start", "end", "quote", "tags", "note", "created", "edited", "start_seconds",
           "end_seconds", "start_turn", "end_turn"]  # fmt: skip
SEGMENTS = [
    {"speaker": "Ana", "startTime": 0.0, "endTime": 4.2, "body": "Welcome back to the show, everyone."},
    {"speaker": "Ben", "startTime": 247.5, "endTime": 251.0, "body": "Thanks, glad to be here today."},
    {"speaker": "Ana", "startTime": 3725.25, "endTime": 3730.999, "body": "Long after the hour mark now."},
]


@pytest.fixture
def episode(tmp_path):
    """(library, transcript id): three timed turns, the last past the first hour."""
    path = tmp_path / "episode.json"
    path.write_text(json.dumps({"version": "1.0.0", "segments": SEGMENTS}), encoding="utf-8")
    with Library(tmp_path / "l.sqlite") as library:
        yield library, library.import_file(path).id


def rows(library, options: ExportOptions | None = None, **scope) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(export(collect(library, **scope), "csv", options).decode("utf-8-sig")))
    found = list(reader)
    return list(reader.fieldnames or []), found


def test_columns_keep_their_documented_order(episode):
    library, tid = episode
    library.highlights.add(tid, Position(0, 0), Position(0, 7))
    header, _ = rows(library)
    assert header == COLUMNS
    header, _ = rows(library, ExportOptions(rows_per_tag=True))
    assert header == [("tag" if c == "tags" else c) for c in COLUMNS]


def test_times_have_hours_and_seconds_are_numbers(episode):
    library, tid = episode
    library.highlights.add(tid, Position(1, 0), Position(1, 6))
    library.highlights.add(tid, Position(2, 0), Position(2, 4))
    _, (ben, late) = rows(library)
    times = ("start", "end", "start_seconds", "end_seconds")
    assert [ben[c] for c in times] == ["00:04:07", "00:04:11", "247.5", "251"]
    assert [late[c] for c in times] == ["01:02:05", "01:02:10", "3725.25", "3730.999"]
    assert float(ben["start_seconds"]) == 247.5


def test_times_are_empty_where_the_source_has_none(tmp_path):
    from tests.conftest import FIXTURES

    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(FIXTURES / "unlabelled.txt").id
        library.highlights.add(tid, Position(0, 0), Position(0, 4))
        _, [row] = rows(library)
    assert [row[c] for c in ("start", "end", "start_seconds", "end_seconds")] == ["", "", "", ""]


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "00:00:00"), (59.999, "00:00:59"), (60, "00:01:00"), (247.5, "00:04:07"), (3599.99, "00:59:59"),
     (3600, "01:00:00"), (36000, "10:00:00"), (360000, "100:00:00"), (None, "")],
)  # fmt: skip
def test_clock_always_writes_hours_and_drops_the_fraction(seconds, expected):
    assert clock(seconds) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(247.5, "247.5"), (12.0, "12"), (0, "0"), (0.1234, "0.123"), (3730.999, "3730.999"), (None, "")],
)
def test_seconds_are_plain_numbers_to_the_millisecond(seconds, expected):
    assert number(seconds) == expected


def test_tags_split_back_by_semicolon_space(episode):
    library, tid = episode
    tags = ["cost, time", "method/interview notes", "quote"]
    library.highlights.add(tid, Position(0, 0), Position(0, 7), tags=tags)
    library.highlights.add(tid, Position(1, 0), Position(1, 6))
    _, (tagged, untagged) = rows(library)
    assert tagged["tags"].split("; ") == tags and untagged["tags"] == ""


def test_a_highlight_across_turns_names_each_speaker_once_in_order(episode):
    library, tid = episode
    library.highlights.add(tid, Position(0, 8), Position(2, 4), tags=["x"])  # Ana, Ben, Ana again
    _, [row] = rows(library)
    assert row["speaker"].split("; ") == ["Ana", "Ben"]
    assert (row["start"], row["end"]) == ("00:00:00", "01:02:10")


def test_rows_per_tag_is_a_row_per_highlight_and_tag(episode):
    library, tid = episode
    library.highlights.add(tid, Position(0, 0), Position(0, 7), tags=["b", "a/x"], note="two tags")
    library.highlights.add(tid, Position(1, 0), Position(1, 6), note="no tag")
    library.highlights.add(tid, Position(2, 0), Position(2, 4), tags=["a/x"])
    _, found = rows(library, ExportOptions(rows_per_tag=True))
    assert [(r["note"], r["tag"]) for r in found] == [("two tags", "a/x"), ("two tags", "b"), ("no tag", ""),
                                                      ("", "a/x")]  # fmt: skip
    first, second = found[:2]
    assert {k: v for k, v in first.items() if k != "tag"} == {k: v for k, v in second.items() if k != "tag"}
    _, by_tag = rows(library, ExportOptions(rows_per_tag=True), tag="a")
    assert [r["tag"] for r in by_tag] == ["a/x", "b", "a/x"]  # a chosen tag picks highlights; each shows all its tags
