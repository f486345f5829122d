"""The recording behind a transcript: found beside it at import, linked and unlinked, stored
relative to the library when under its folder, so both can move together."""

from __future__ import annotations

import shutil

import pytest

from desktop.library import Library, LibraryError, media, store
from desktop.library.media import media_beside, resolved_path, stored_path
from tests.conftest import FIXTURES
from tests.media import sine_wav


def test_media_beside_takes_the_same_stem_in_any_case_of_suffix(tmp_path):
    talk = tmp_path / "talk.vtt"
    talk.write_text("WEBVTT\n")
    assert media_beside(talk) is None
    (tmp_path / "talk.notes.mp3").write_bytes(b"")  # another stem
    (tmp_path / "other.mp3").write_bytes(b"")
    assert media_beside(talk) is None
    (tmp_path / "talk.WAV").write_bytes(b"")
    assert media_beside(talk) == tmp_path / "talk.WAV"
    (tmp_path / "talk.mp3").write_bytes(b"")
    assert media_beside(talk) == tmp_path / "talk.mp3"  # mp3 comes first in the list


def test_a_path_under_the_librarys_folder_is_stored_relative(tmp_path):
    library = tmp_path / "lib" / "library.sqlite"
    assert stored_path(tmp_path / "lib" / "audio" / "a.mp3", library) == "audio/a.mp3"
    assert stored_path(tmp_path / "elsewhere" / "a.mp3", library) == str((tmp_path / "elsewhere" / "a.mp3").resolve())
    assert resolved_path("audio/a.mp3", library) == (tmp_path / "lib" / "audio" / "a.mp3").resolve()
    assert resolved_path("/x/a.mp3", library) == resolved_path("/x/a.mp3", tmp_path / "other.sqlite")


def test_import_links_the_recording_beside_the_transcript(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(FIXTURES / "voices.vtt", folder / "talk.vtt")
    sine_wav(folder / "talk.wav")
    shutil.copy(FIXTURES / "plain.srt", folder / "quiet.srt")
    with Library(folder / "library.sqlite") as library:
        talk = library.import_file(folder / "talk.vtt").id
        [(_, quiet)] = list(library.import_files([folder / "quiet.srt"]))
        assert library.transcripts.get(talk).media == "talk.wav"
        assert library.transcripts.media(talk) == (folder / "talk.wav").resolve()
        assert library.transcripts.media(quiet.id) is None
    moved = tmp_path / "moved"
    folder.rename(moved)  # library and recording move together: the link holds
    with Library(moved / "library.sqlite") as library:
        assert library.transcripts.media(talk) == (moved / "talk.wav").resolve()


def test_a_batch_import_links_each_recording_listing_each_folder_once(tmp_path, monkeypatch):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    placed = [("a", "voices.vtt"), ("a", "plain.srt"), ("b", "otter.txt"), ("b", "rev.txt")]
    files = [shutil.copy(FIXTURES / name, tmp_path / folder / name) for folder, name in placed]
    (tmp_path / "a" / "plain.MP3").write_bytes(b"")
    (tmp_path / "b" / "rev.ogg").write_bytes(b"")
    listed = []
    real = media.recordings_in
    monkeypatch.setattr(store, "recordings_in", lambda folder: listed.append(folder) or real(folder))
    with Library(tmp_path / "library.sqlite") as library:
        results = dict(library.import_files(files))
        linked = {p.name: library.transcripts.get(r.id).media for p, r in results.items()}
    assert linked == {"voices.vtt": None, "plain.srt": "a/plain.MP3", "otter.txt": None, "rev.txt": "b/rev.ogg"}
    assert sorted(listed) == [tmp_path / "a", tmp_path / "b"]


def test_link_and_unlink_with_clear_errors(library, tmp_path):
    tid = library.import_file(FIXTURES / "plain.srt").id
    with pytest.raises(LibraryError, match="no such file"):
        library.transcripts.link_media(tid, tmp_path / "gone.mp3")
    with pytest.raises(LibraryError, match="not a file"):
        library.transcripts.link_media(tid, tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(LibraryError, match="not audio or video"):
        library.transcripts.link_media(tid, tmp_path / "notes.txt")
    with pytest.raises(LibraryError, match="no transcript with id 99"):
        library.transcripts.link_media(99, sine_wav(tmp_path / "a.wav"))
    with library.tracking() as log:
        library.transcripts.link_media(tid, tmp_path / "a.wav")
    assert tid in log.changes.transcripts
    assert library.transcripts.media(tid) == (tmp_path / "a.wav").resolve()
    library.transcripts.link_media(tid, None)
    assert library.transcripts.media(tid) is None and library.transcripts.get(tid).media is None
