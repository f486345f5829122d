"""`python main.py search QUERY [--speaker NAME] [--tag NAME] [--transcript ID] [--json]`."""

from __future__ import annotations

import json

from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.test_cli_corrections import path, talkmark  # the fixtures

__all__ = ["path", "talkmark"]


def test_search_filters_by_speaker_tag_and_transcript(path, talkmark):
    with Library(path) as library:  # the seed is 1; the sample 2
        assert library.import_file(SAMPLE_TRANSCRIPT).id == 2
        library.highlights.add(2, Position(5, 0), Position(5, 5), tags=["place/river"])

    def turns(*args: str) -> list[tuple[int, int]]:
        status, out, err = talkmark("search", "the", "--limit", "500", "--json", *args)
        assert (status, err) == (0, "")
        return [(hit["transcript_id"], hit["turn"]) for hit in json.loads(out)]

    everything = turns()
    assert len(everything) == 110
    assert len(turns("--speaker", "Lex Fridman")) == 46
    assert len(turns("--speaker", "tomás reyes")) == 9
    in_sample = turns("--transcript", "2")
    assert in_sample == [hit for hit in everything if hit[0] == 2] and len(in_sample) == 12
    assert turns("--tag", "place") == [(2, 5)]
    assert turns("--tag", "place", "--speaker", "Maya Okafor") == []
    _, out, _ = talkmark("search", "flood", "--speaker", "Tomás Reyes", "--json")
    assert set(json.loads(out)[0]) == {"transcript_id", "title", "turn", "speaker", "snippet"}  # the shape as before
    assert "[flood]" in json.loads(out)[0]["snippet"]


def test_an_unknown_speaker_or_tag_is_one_line(path, talkmark):
    for args, reason in ((("--speaker", "Nobody"), "no speaker is called 'Nobody'"),
                         (("--tag", "nowhere"), "no tag is called 'nowhere'")):  # fmt: skip
        status, out, err = talkmark("search", "the", *args)
        assert (status, out) == (1, "") and err.endswith(f": {reason}\n") and err.count("\n") == 1
