"""A batch import goes on past a file that cannot be stored, naming it."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from desktop.library import LibraryError, store
from desktop.library.transcripts import Transcripts
from tests.conftest import FIXTURES


def test_a_file_that_cannot_be_stored_does_not_stop_the_batch(library, monkeypatch):
    files = [FIXTURES / "otter.txt", FIXTURES / "rev.txt"]
    real_add = Transcripts.add

    def add(self, transcript, *stored):
        if transcript.source == "otter.txt":
            raise LibraryError("disk full: database or disk is full; nothing was saved by this change")
        return real_add(self, transcript, *stored)

    monkeypatch.setattr(Transcripts, "add", add)
    results = dict(library.import_files(files))
    assert results[files[0]].startswith("disk full:")
    assert results[files[1]].title == "rev"
    assert [t.title for t in library.transcripts.list()] == ["rev"]


def test_a_batch_parses_only_a_few_files_ahead_and_keeps_its_order(library, tmp_path, monkeypatch):
    monkeypatch.setattr(store, "PARSED_AHEAD", 2)
    names = ["otter.txt", "rev.txt", "plain.srt", "voices.vtt", "labelled.txt", "zoom.vtt"]
    files = [FIXTURES / name for name in names]
    submitted = []
    real_submit = ProcessPoolExecutor.submit

    def submit(self, fn, *args):
        submitted.append(args[0])
        return real_submit(self, fn, *args)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    stored = []
    for path, _ in library.import_files(files):
        stored.append(path)
        assert len(submitted) <= min(len(files), len(stored) + store.PARSED_AHEAD)  # never the whole batch at once
    assert stored == submitted == files
    assert [t.source for t in library.transcripts.list()] == names[::-1]
