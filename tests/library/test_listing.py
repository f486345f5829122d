"""Listing transcripts a page at a time, reading some by id, and reading only some turns
(issue 14: the library list and the export never read the whole library at once)."""

from __future__ import annotations


def add(library, tmp_path, count: int) -> list[int]:
    ids = []
    for n in range(count):
        path = tmp_path / f"talk-{n}.txt"
        path.write_text(f"Ana: Words of talk {n}.\n\nBo: An answer.\n\nAna: More.\n", encoding="utf-8")
        ids.append(library.import_file(path).id)
    return ids


def test_ids_come_newest_first_in_pages(library, tmp_path):
    ids = add(library, tmp_path, 7)[::-1]
    assert library.transcripts.ids() == ids == [t.id for t in library.transcripts.list()]
    assert library.transcripts.ids(limit=3) == ids[:3]
    assert library.transcripts.ids(after=ids[2], limit=3) == ids[3:6]
    assert library.transcripts.ids(after=ids[5], limit=3) == ids[6:]
    assert library.transcripts.ids(after=ids[1], through=ids[4]) == ids[2:5]
    assert library.transcripts.ids("talk-3") == [ids[3]] == [t.id for t in library.transcripts.list("talk-3")]
    assert library.transcripts.ids("bo") == ids  # a speaker
    assert library.transcripts.ids("nobody") == []


def test_infos_keep_the_order_asked_and_leave_out_what_is_gone(library, tmp_path):
    first, second, third = add(library, tmp_path, 3)
    library.transcripts.delete(second)
    found = library.transcripts.infos([third, second, first])
    assert [t.id for t in found] == [third, first]
    assert found[0] == library.transcripts.get(third) and found[0].turn_count == 3
    assert len(library.transcripts.infos(range(1, 1200))) == 2  # more ids than SQLite takes at once


def test_some_turns_reads_only_those_asked(library, tmp_path):
    [tid] = add(library, tmp_path, 1)
    every = library.transcripts.turns(tid)
    assert library.transcripts.some_turns(tid, [2, 0, 2, 9]) == {0: every[0], 2: every[2]}
