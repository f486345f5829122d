"""Label repairs stored in the library: taking one back restores the turns exactly,
a moved paragraph's blank line included, and making it again gives the repaired text."""

from __future__ import annotations


def test_a_repair_of_a_whole_paragraph_is_taken_back_exactly(library, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text("Ann: I was going to say\nBob: right.\nBob: And another thing.\n")
    tid = library.import_file(path).id
    repaired = [t.text for t in library.transcripts.turns(tid)]
    assert repaired == ["I was going to say right.", "And another thing."]
    [repair] = library.transcripts.repairs(tid)

    library.corrections.undo_repair(repair.id)
    assert [t.text for t in library.transcripts.turns(tid)] == ["I was going to say", "right.\n\nAnd another thing."]
    library.corrections.redo_repair(repair.id)
    assert [t.text for t in library.transcripts.turns(tid)] == repaired


def test_a_repair_within_a_line_still_rejoins_with_a_space(library, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text("Ann: how far away or we you\nBob: think? It's a good question.\n")
    tid = library.import_file(path).id
    [repair] = library.transcripts.repairs(tid)
    library.corrections.undo_repair(repair.id)
    assert [t.text for t in library.transcripts.turns(tid)][1] == "think? It's a good question."
