"""Segment and word times through the library: stored with each turn, carried through
label repairs, splits and merges, and used as a quote's time."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.export import collect
from desktop.formats.timing import Segment
from desktop.library import Position

ZOOM = """WEBVTT

1
00:00:00.500 --> 00:00:04.000
Ann Lee: We measured the harbour every morning.

2
00:00:04.300 --> 00:00:07.900
Ann Lee: First the tide data, then the wind.

3
00:00:08.000 --> 00:00:09.500
Bo Chen: Every morning?
"""


def imported(library, tmp_path, text: str = ZOOM, name: str = "zoom.vtt") -> int:
    path = tmp_path / name
    path.write_text(text)
    return library.import_file(path).id


def test_a_quote_from_the_middle_of_a_turn_has_its_own_time(library, tmp_path):
    tid = imported(library, tmp_path)
    turn = library.transcripts.turns(tid)[0]
    at = turn.text.index("tide data")
    library.highlights.add(tid, Position(0, at), Position(0, at + len("tide data")))
    [excerpt] = collect(library, transcript_id=tid).excerpts
    assert excerpt.start == 4.3 and turn.start == 0.5  # 0:04, not the turn's 0:00


def test_show_json_prints_what_is_stored_in_the_shape_of_parse(library, tmp_path, capsys):
    tid = imported(library, tmp_path)
    assert main(["parse", str(tmp_path / "zoom.vtt"), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert main(["show", str(tid), "--json", "--library", str(library.path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert all(turn.pop("edited") is False for turn in shown["turns"])  # as imported
    assert shown["id"] == tid and shown["turns"] == parsed["turns"]
    assert shown["turns"][0]["segments"] == [{"offset": 0, "start": 0.5, "end": 4.0},
                                             {"offset": 39, "start": 4.3, "end": 7.9}]  # fmt: skip
    assert main(["show", "999", "--library", str(library.path)]) == 1
    assert "no transcript with id 999" in capsys.readouterr().err


def test_split_and_merge_carry_the_times(library, tmp_path):
    tid = imported(library, tmp_path)
    before = library.transcripts.turns(tid)
    cut = before[0].text.index("First")
    library.corrections.split(tid, 0, cut)
    left, right = library.transcripts.turns(tid)[:2]
    assert left.timing.segments == (Segment(0, 0.5, 4.0),)
    assert right.timing.segments == (Segment(0, 4.3, 7.9),) and right.start == 4.3
    library.corrections.merge(tid, 1)
    merged = library.transcripts.turns(tid)[0]
    assert merged.text == before[0].text.replace(" First", "\n\nFirst")
    assert merged.timing.segments == (Segment(0, 0.5, 4.0), Segment(cut + 1, 4.3, 7.9))


def test_taking_a_repair_back_restores_the_times_exactly(library, tmp_path):
    late = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAnn Lee: how far away or we\n\n" \
           "00:00:03.200 --> 00:00:05.000\nBo Chen: you think? It's a good question.\n\n" \
           "00:00:05.500 --> 00:00:07.000\nBo Chen: Let me check.\n"  # fmt: skip
    tid = imported(library, tmp_path, late, "late.vtt")
    repaired = library.transcripts.turns(tid)
    assert repaired[0].timing.segments[-1] == Segment(19, 3.2, 5.0)
    [repair] = library.transcripts.repairs(tid)
    library.corrections.undo_repair(repair.id)
    taken_back = library.transcripts.turns(tid)
    assert taken_back[0].timing.segments == (Segment(0, 1.0, 3.0),)
    assert taken_back[1].timing.segments == (Segment(0, 3.2, 5.0), Segment(33, 5.5, 7.0))
    library.corrections.redo_repair(repair.id)
    assert library.transcripts.turns(tid) == repaired
