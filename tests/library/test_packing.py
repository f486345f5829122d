"""Turn text is stored compressed (packing.py) and read back exactly, through the `turns`
view, the search index and every edit."""

from __future__ import annotations

import sqlite3

import zstandard

from desktop.formats import Transcript, Turn
from desktop.library import Library

SENTENCE = "Well, I\u2019d say the harbour was quiet that morning \U0001f3a7 and nobody had seen the boats leave."
LONG = "\n\n".join([SENTENCE] * 8)
SHORT = "Yes."


def stored(library, tid: int) -> list:
    return [v for (v,) in library.conn.execute("SELECT text FROM turn_store WHERE transcript_id = ? ORDER BY idx",
                                                (tid,))]  # fmt: skip


def imported(library) -> int:
    turns = [Turn(0, "Ana", LONG), Turn(1, "Ben", SHORT)]
    return library.transcripts.add(Transcript("Harbour", "harbour.txt", "text", turns), "hash").id


def test_a_long_turn_is_stored_as_a_zstd_frame_a_short_one_as_its_text_and_both_read_back(tmp_path):
    with Library(tmp_path / "l.sqlite") as library:
        tid = imported(library)
        packed, short = stored(library, tid)
        assert isinstance(packed, bytes) and len(packed) < len(LONG.encode()) / 4
        assert zstandard.ZstdDecompressor().decompress(packed).decode() == LONG  # plain zstd: other tools read it
        assert short == SHORT  # zstd's frame would be longer than "Yes."
        assert [t.text for t in library.transcripts.turns(tid)] == [LONG, SHORT]
        read = library.conn.execute("SELECT text FROM turns WHERE transcript_id = ? AND idx = 0", (tid,))
        assert read.fetchone() == (LONG,)


def test_the_search_index_follows_packed_text_through_edits_and_deletes(tmp_path):
    with Library(tmp_path / "l.sqlite") as library:
        tid = imported(library)
        assert library.count_matches("harbour") == 1
        library.corrections.edit(tid, 0, LONG.replace("harbour", "estuary"))
        assert (library.count_matches("harbour"), library.count_matches("estuary")) == (0, 1)
        assert isinstance(stored(library, tid)[0], bytes)
        assert library.transcripts.turns(tid)[0].text == LONG.replace("harbour", "estuary")
        hit = library.search("estuary", limit=1)[0]
        assert "estuary" in hit.snippet  # snippets read the view's unpacked text
        library.conn.execute("INSERT INTO turns_fts (turns_fts) VALUES ('integrity-check')")
        library.transcripts.delete(tid)
        assert library.count_matches("estuary") == 0
        library.conn.execute("INSERT INTO turns_fts (turns_fts) VALUES ('integrity-check')")


def test_a_second_plain_connection_without_the_functions_gets_a_clear_sqlite_error(tmp_path):
    """What a sqlite3 shell sees: the view needs turn_text; turn_store is readable as is."""
    path = tmp_path / "l.sqlite"
    with Library(path) as library:
        imported(library)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM turn_store").fetchone() == (2,)
    try:
        conn.execute("SELECT text FROM turns").fetchall()
    except sqlite3.OperationalError as exc:
        assert "turn_text" in str(exc)
    else:
        raise AssertionError("the view read without turn_text")
    finally:
        conn.close()
