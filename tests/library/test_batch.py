"""A batch import goes on past a file that cannot be stored, naming it."""

from __future__ import annotations

from desktop.library import LibraryError
from desktop.library.transcripts import Transcripts
from tests.conftest import FIXTURES


def test_a_file_that_cannot_be_stored_does_not_stop_the_batch(library, monkeypatch):
    files = [FIXTURES / "otter.txt", FIXTURES / "rev.txt"]
    real_add = Transcripts.add

    def add(self, transcript, content_hash):
        if transcript.source == "otter.txt":
            raise LibraryError("disk full: database or disk is full; nothing was saved by this change")
        return real_add(self, transcript, content_hash)

    monkeypatch.setattr(Transcripts, "add", add)
    results = dict(library.import_files(files))
    assert results[files[0]].startswith("disk full:")
    assert results[files[1]].title == "rev"
    assert [t.title for t in library.transcripts.list()] == ["rev"]
