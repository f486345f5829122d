"""Speakers: rename and merge as metadata, and who said how much."""

from __future__ import annotations

import pytest

from desktop.library import LibraryError, Position
from tests.conftest import FIXTURES


def test_rename_changes_every_turn(library):
    tid = library.import_file(FIXTURES / "whisperx.json").id
    library.speakers.rename(tid, "SPEAKER_00", "Maya")
    assert library.speakers.list(tid) == ["Maya", "SPEAKER_01"]
    assert [t.speaker for t in library.transcripts.turns(tid)] == ["Maya", "SPEAKER_01", "Maya"]
    with pytest.raises(LibraryError, match="merge the two instead"):
        library.speakers.rename(tid, "SPEAKER_01", "Maya")


def test_merge_moves_turns_and_leaves_highlights(library):
    tid = library.import_file(FIXTURES / "whisperx.json").id
    h = library.highlights.add(tid, Position(1, 0), Position(1, 6))
    texts = [t.text for t in library.transcripts.turns(tid)]

    library.speakers.merge(tid, "SPEAKER_01", "SPEAKER_00")

    assert library.speakers.list(tid) == ["SPEAKER_00"]
    turns = library.transcripts.turns(tid)
    assert [t.speaker for t in turns] == ["SPEAKER_00"] * 3 and [t.text for t in turns] == texts
    assert library.highlights.get(h.id) == h


def test_stats_with_start_times_only(library, sample):
    stats = {s.name: s for s in library.speakers.stats(sample)}
    assert (stats["Tomás Reyes"].turns, stats["Maya Okafor"].turns) == (10, 10)
    assert stats["Tomás Reyes"].words + stats["Maya Okafor"].words == sum(
        len(t.text.split()) for t in library.transcripts.turns(sample)
    )
    assert stats["Tomás Reyes"].share == pytest.approx(stats["Tomás Reyes"].words / 461)
    # Each turn lasts until the next starts; the very last turn has no end.
    assert stats["Maya Okafor"].talk_time == 48.0 and stats["Tomás Reyes"].talk_time == 133.0


def test_stats_with_cue_times_and_without_times(library):
    tid = library.import_file(FIXTURES / "zoom.vtt").id
    stats = {s.name: s for s in library.speakers.stats(tid)}
    assert stats["Alex Moreau"].talk_time == pytest.approx((5.0 - 1.02) + (9.0 - 7.4))
    untimed = library.import_file(FIXTURES / "labelled.txt").id
    assert {s.talk_time for s in library.speakers.stats(untimed)} == {None}


def test_assign_undoes_a_merge(library):
    tid = library.import_file(FIXTURES / "whisperx.json").id
    moved = library.speakers.merge(tid, "SPEAKER_00", "SPEAKER_01")
    assert moved == [0, 2]

    library.speakers.assign(tid, moved, "SPEAKER_00")

    assert library.speakers.list(tid) == ["SPEAKER_00", "SPEAKER_01"]
    assert [t.speaker for t in library.transcripts.turns(tid)] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]
    library.speakers.assign(tid, [1], "SPEAKER_00")
    assert library.speakers.list(tid) == ["SPEAKER_00"]  # SPEAKER_01 kept no turn
