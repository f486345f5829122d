"""How the library's connection behaves: autocommit outside write(), and the one-line
messages for a full disk, a read-only file or folder, and a damaged file."""

from __future__ import annotations

import sqlite3

from desktop.library import Library
from desktop.resources import SAMPLE_TRANSCRIPT


def test_a_stray_statement_outside_write_cannot_swallow_a_later_write(tmp_path):
    path = tmp_path / "library.sqlite"
    library = Library(path)
    tid = library.import_file(SAMPLE_TRANSCRIPT).id
    library.conn.execute("UPDATE transcripts SET source = source")  # outside write()

    library.transcripts.rename(tid, "renamed")
    assert not library.conn.in_transaction
    library.conn.close()  # no commit: every write must already be in the file

    with sqlite3.connect(path) as other:
        assert other.execute("SELECT title FROM transcripts").fetchall() == [("renamed",)]
