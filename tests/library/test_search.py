"""Full-text search: ranked, phrases and prefixes, and hostile input never raising anything unexpected."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.library import Library, LibraryError, Position, SearchError, search
from desktop.library.search import marked_spans
from desktop.resources import SAMPLE_TRANSCRIPT


@pytest.fixture
def two(library, seeds):
    """The sample and the labelled seed, imported: (sample id, seed id)."""
    return library.import_file(SAMPLE_TRANSCRIPT).id, library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id


def test_results_carry_transcript_turn_speaker_and_marked_snippet(library, two):
    sample, _ = two
    hits = library.search("ledger")
    assert [(h.transcript_id, h.title, h.turn, h.speaker) for h in hits] == [(sample, "sample", 7, "Tomás Reyes")]
    assert "[Ledger]." in hits[0].snippet


def test_phrase_prefix_and_scope(library, two):
    sample, seed = two
    phrase = library.search('"neural network"')
    assert phrase and all(h.transcript_id == seed for h in phrase)
    assert all("[neural network]" in h.snippet.lower() for h in phrase)
    assert {h.turn for h in library.search("flood*", transcript_id=sample)} == {5, 11}
    assert library.search("flood*", transcript_id=seed) == []


def test_ranking_puts_denser_matches_first(library, two):
    hits = library.search("transformer")
    assert len(hits) > 2
    counts = [h.snippet.lower().count("[transformer") for h in hits]
    assert counts[0] >= counts[-1]


def test_search_follows_text_edits(library, two):
    sample, _ = two
    library.corrections.edit(sample, 4, "Which winter.")
    assert [h.turn for h in library.search("winter")] == [4]
    library.transcripts.delete(sample)
    assert library.search("winter") == []


HOSTILE = ['"', '""', 'AND(', "*", "NEAR", "NEAR(a b", "a OR", "OR", "NOT", "-", "^", "text:", "col:x", "(((",
           "'", "😀", "🙂 flood", "\x00", "a" * 10_000, "flood " * 2_000, '"neural network', "flood AND (",
           "{}"]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gives_results_or_a_clear_message(library, two, query):
    try:
        hits = library.search(query)
    except SearchError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(hits, list)


def test_unbalanced_quote_searches_the_phrase(library, two):
    hits = library.search('"neural network')
    assert hits and all("[neural network]" in h.snippet.lower() for h in hits)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_query(tmp_path_factory, query):
    path = tmp_path_factory.getbasetemp() / "search-prop.sqlite"
    with Library(path) as library:
        if not library.transcripts.list():
            library.import_file(SAMPLE_TRANSCRIPT)
        with contextlib.suppress(SearchError):
            library.search(query)


def test_autotag_highlights_each_match_once(library, two):
    sample, seed = two
    done = library.autotag("flood", "topic/flood", transcript_id=sample)
    highlights = library.highlights.list(sample)
    turns = library.transcripts.turns(sample)
    assert done.passages == len(done.made) == len(highlights) == 2
    assert done.summary() == "2 passages tagged “topic/flood”: 2 new highlights"
    assert [h.start.turn for h in highlights] == [5, 11]
    for h in highlights:
        assert h.quote.lower() == "flood" and h.tags == ["topic/flood"]
        assert turns[h.start.turn].text[h.start.offset : h.end.offset].lower() == "flood"
    assert library.highlights.list(seed) == []

    again = library.autotag("flood", "topic/water", transcript_id=sample)  # tags the same highlights
    assert again.summary() == "2 passages tagged “topic/water”: 2 highlights given the tag"
    assert library.autotag("flood", "topic/water", transcript_id=sample).summary() == (
        "2 passages tagged “topic/water”: 2 already tagged"
    )
    assert len(library.highlights.list(sample)) == 2
    assert all(h.tags == ["topic/flood", "topic/water"] for h in library.highlights.list(sample))


def test_autotag_a_phrase_makes_one_highlight_per_occurrence(library, two):
    _, seed = two
    done = library.autotag('"neural network"', "ai/nn")
    quotes = {h.quote.lower() for h in library.highlights.list(seed)}
    assert done.passages == len(library.highlights.list(seed)) > 5 and quotes == {"neural network"}


def test_autotag_with_no_match_makes_no_tag(library, two):
    done = library.autotag("zzzz", "nothing/here")
    assert done.summary() == "nothing matched, so nothing was tagged “nothing/here”"
    assert library.tags.find("nothing/here") is None and library.highlights.list() == []


def test_autotag_hostile_query_is_a_clear_error(library, two):
    with pytest.raises(LibraryError, match="nothing to search for"):
        library.autotag('"', "x")
    assert library.highlights.list() == []


def test_marked_spans_join_adjacent_marks():
    assert marked_spans("a \x02neural\x03 \x02network\x03, and \x02neural\x03") == [(2, 16), (22, 28)]


def test_autotag_run_twice_on_parts_of_words_makes_each_highlight_once(library, tmp_path):
    (tmp_path / "river.txt").write_text("Ann: The flood-water rose.\n\nBen: A flood-plain-flood and flood's edge.\n")
    tid = library.import_file(tmp_path / "river.txt").id
    done = library.autotag("flood", "theme/flood", transcript_id=tid)  # four matches in three words
    assert done.passages == len(done.made) == 3
    first = [(h.start, h.end, h.quote) for h in library.highlights.list(tid)]
    assert [q for *_, q in first] == ["flood-water", "flood-plain-flood", "flood's"]
    assert library.autotag("flood", "theme/flood", transcript_id=tid).summary() == (
        "3 passages tagged “theme/flood”: 3 already tagged"
    )
    library.autotag("flood*", "theme/flood", transcript_id=tid)
    assert [(h.start, h.end, h.quote) for h in library.highlights.list(tid)] == first


def test_autotag_keeps_an_existing_exact_highlight(library, two):
    sample, _ = two
    text = library.transcripts.turns(sample)[7].text
    start = text.index("Ledger")
    mine = library.highlights.add(sample, Position(7, start), Position(7, start + 6), note="mine")
    library.autotag("ledger", "word")
    assert [(h.id, h.tags, h.note) for h in library.highlights.list(sample)] == [(mine.id, ["word"], "mine")]


def many_matches(library, tmp_path, count: int) -> None:
    """`count` one-turn transcripts mentioning "flood", the later ones more densely (so bm25
    ranks newer ones first) but the very newest once (so the newest are not simply the best)."""
    for n in range(count):
        path = tmp_path / f"t{n}.txt"
        dense = " ".join(["flood"] * (1 + n % 4))
        path.write_text(f"Ann: turn {n} says {dense} among plenty of other words here.\n")
        library.import_file(path)


def test_search_pages_through_the_ranked_matches_and_counts_them_all(library, tmp_path):
    many_matches(library, tmp_path, 12)
    everything = library.search("flood", limit=100)
    pages = [library.search("flood", limit=5, offset=at) for at in (0, 5, 10)]
    assert [h.title for page in pages for h in page] == [h.title for h in everything]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert library.count_matches("flood") == 12
    assert library.count_matches("flood", transcript_id=library.transcripts.ids()[0]) == 1
    assert library.count_matches("nowhere") == 0


@pytest.mark.parametrize("beyond", [0, 1])
def test_past_the_rank_window_the_newest_matches_are_ranked(library, tmp_path, monkeypatch, beyond):
    monkeypatch.setattr(search, "RANK_WINDOW", 8)
    many_matches(library, tmp_path, 8 + beyond)
    hits = library.search("flood", limit=100)
    assert len(hits) == 8 and {h.title for h in hits} == {f"t{n}" for n in range(beyond, 8 + beyond)}
    assert library.count_matches("flood") == 8 + beyond
    densest = [h.snippet.count("[flood]") for h in hits]
    assert densest == sorted(densest, reverse=True)  # best first within the window


def test_a_transcripts_search_ranks_only_its_turns(library, tmp_path, seeds):
    many_matches(library, tmp_path, 3)
    seed = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    hits = library.search("learn*", transcript_id=seed, limit=1000)
    assert hits and {h.transcript_id for h in hits} == {seed}
    assert library.count_matches("learn*", transcript_id=seed) == len(hits)
    assert library.search("flood", transcript_id=seed) == []


# Filters, snippet runs, match spans (issue 16) -------------------------------------------------


def test_a_speaker_filter_keeps_only_their_turns_in_any_transcript(library, two):
    _, seed = two
    everything = library.search("the", limit=1000)
    assert len(everything) == library.count_matches("the") == 110
    for name, count in (("Lex Fridman", 46), ("Oriol Vinyals", 52), ("Tomás Reyes", 9), ("Maya Okafor", 3)):
        hits = library.search("the", speaker=name, limit=1000)
        assert [h.turn for h in hits] == [h.turn for h in everything if h.speaker == name]
        assert len(hits) == library.count_matches("the", speaker=name) == count
    assert library.count_matches("the", speaker="  lex   FRIDMAN ") == 46  # any case, any spacing
    assert library.count_matches("the", speaker="TOMÁS REYES") == 9  # in every script (SQLite's NOCASE: A to Z)
    assert library.count_matches("the", speaker="Tomás Reyes", transcript_id=seed) == 0
    with pytest.raises(SearchError, match="no speaker is called 'Nobody'"):
        library.search("the", speaker="Nobody")


def test_a_tag_filter_keeps_the_turns_its_highlights_touch_sub_tags_included(library, two):
    sample, seed = two
    library.highlights.add(sample, Position(5, 0), Position(5, 5), tags=["place/river"])
    library.highlights.add(sample, Position(10, 0), Position(11, 5), tags=["place"])  # two turns
    library.highlights.add(sample, Position(17, 0), Position(17, 5), tags=["places"])  # not a sub-tag of place
    library.highlights.add(seed, Position(3, 0), Position(3, 5), tags=["method"])
    assert {h.turn for h in library.search("flood* OR that OR the", tag="place", limit=100)} == {5, 10, 11}  # not 17
    assert library.count_matches("flood*", tag="PLACE/river") == 1
    assert library.count_matches("flood*", tag="#place") == 2
    assert library.count_matches("flood*", tag="method") == 0
    library.highlights.add(sample, Position(11, 0), Position(11, 5), tags=["Éducation/École"])
    assert (
        library.count_matches("flood*", tag="éDUCATION") == library.count_matches("flood*", tag="éducation/école") == 1
    )
    with pytest.raises(SearchError, match="no tag is called 'nowhere'"):
        library.search("flood", tag="nowhere")


def test_filters_combine(library, two):
    sample, seed = two
    library.highlights.add(sample, Position(0, 0), Position(19, 3), tags=["all"])
    assert library.count_matches("the", tag="all") == 12
    assert library.count_matches("the", tag="all", speaker="Maya Okafor") == 3
    assert library.count_matches("the", tag="all", speaker="Maya Okafor", transcript_id=seed) == 0
    assert [h.turn for h in library.search("archive*", tag="all", transcript_id=sample, speaker="Maya Okafor")] == [0]


def test_snippet_runs_mark_the_matched_words():
    runs = search.snippet_runs("a \x02neural\x03 \x02network\x03, <b>&")
    assert runs == [("a ", False), ("neural", True), (" ", False), ("network", True), (", <b>&", False)]
    assert search.snippet_runs("[x] y", ("[", "]")) == [("x", True), (" y", False)]


def test_match_spans_give_each_match_in_a_transcript(library, two):
    sample, _ = two
    turns = library.transcripts.turns(sample)
    spans = search.match_spans(library, "flood*", sample)
    assert [(t, turns[t].text[a:b]) for t, a, b in spans] == [(5, "floods"), (5, "flood"), (11, "flood")]
    assert [turns[t].text[a:b] for t, a, b in search.match_spans(library, '"the flood"', sample)] == ["the flood"]
    assert search.match_spans(library, "flood*", sample, speaker="Maya Okafor") == []


def test_autotag_is_taken_back_and_done_again_exactly(library, two):
    from desktop.library.autotag import retag_matches, tag_matches, untag_matches

    sample, _ = two
    text = library.transcripts.turns(sample)[11].text
    start = text.index("flood")
    mine = library.highlights.add(sample, Position(11, start), Position(11, start + 5), note="mine")
    done = tag_matches(library, "flood*", "topic/water", {"speaker": "Tomás Reyes"})
    assert (done.passages, len(done.made), done.tagged) == (3, 2, (mine.id,)) and done.new_tag is not None
    untag_matches(library, done)
    assert [(h.id, h.tags) for h in library.highlights.list()] == [(mine.id, [])]
    assert library.tags.find("topic/water") is None
    again = retag_matches(library, done)
    assert [h.id for h in again.made] == [h.id for h in done.made]
    assert sorted((h.id, tuple(h.tags)) for h in library.highlights.list()) == sorted(
        [(mine.id, ("topic/water",))] + [(h.id, ("topic/water",)) for h in done.made]
    )
    assert library.tags.get("topic/water").colour == done.colour


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        ("First one. The flood came at night! Then we left.", "flood", "The flood came at night!"),
        ('Then "we left." Last words', "left", 'Then "we left."'),
        ("No stop at the end", "stop", "No stop at the end"),
        ("Para one.\n\nPara two words", "two", "Para two words"),
        ("Is it? Yes… Of course.", "Yes", "Yes…"),
    ],
)
def test_sentence_around_a_match(text, word, sentence):
    from desktop.library.autotag import sentence_around

    start = text.index(word)
    first, last = sentence_around(text, start, start + len(word))
    assert text[first:last] == sentence


def test_autotag_can_take_in_the_sentence_or_the_turn_once_each(library, tmp_path):
    text = "Ann: The flood rose. A flood again, flood everywhere! Dry now.\n\nBen: No flood.\n"
    (tmp_path / "river.txt").write_text(text)
    tid = library.import_file(tmp_path / "river.txt").id
    done = library.autotag("flood", "s", transcript_id=tid, extent="sentence")
    assert [h.quote for h in library.highlights.list(tag="s")] == [
        "The flood rose.", "A flood again, flood everywhere!", "No flood."]  # fmt: skip
    assert done.passages == 3  # two matches in one sentence: one passage
    library.autotag("flood", "t", transcript_id=tid, extent="turn")
    assert [h.quote for h in library.highlights.list(tag="t")] == [t.text for t in library.transcripts.turns(tid)]
    with pytest.raises(LibraryError, match="'paragraph' is not what a match can take in"):
        library.autotag("flood", "x", extent="paragraph")
