"""`python main.py media ID FILE` links a recording (or --unlink), and `show --json` reports it."""

from __future__ import annotations

import json

from tests.media import sine_wav
from tests.test_cli_corrections import path, talkmark  # the fixtures

__all__ = ["path", "talkmark"]


def test_media_links_and_unlinks_and_show_reports_it(path, talkmark, tmp_path):
    recording = sine_wav(tmp_path / "talk.wav")
    status, out, _ = talkmark("media", "1", str(recording))
    assert (status, out) == (0, "linked talk.wav to transcript 1\n")  # beside the library: relative
    status, out, _ = talkmark("show", "1", "--json")
    assert json.loads(out)["media"] == str(recording.resolve())
    assert talkmark("media", "1", "--unlink")[:2] == (0, "transcript 1 has no recording now\n")
    assert json.loads(talkmark("show", "1", "--json")[1])["media"] is None


def test_media_errors_are_one_line_and_change_nothing(path, talkmark, tmp_path):
    for args, reason in [
        (("media", "1"), "give a FILE to link, or --unlink"),
        (("media", "1", str(tmp_path / "gone.mp3")), "no such file"),
        (("media", "7", str(sine_wav(tmp_path / "a.wav"))), "no transcript with id 7"),
    ]:
        status, out, err = talkmark(*args)
        assert status != 0 and out == "" and err.count("\n") == 1 and reason in err, (args, err)
    assert json.loads(talkmark("show", "1", "--json")[1])["media"] is None


def test_export_media_links_adds_a_link_to_each_timed_quote(path, talkmark, tmp_path):
    from desktop.library import Library, Position
    from tests.conftest import FIXTURES

    recording = sine_wav(tmp_path / "talk.wav")
    with Library(path) as library:
        tid = library.import_file(FIXTURES / "voices.vtt").id  # timed: the seed has no times
        library.highlights.add(tid, Position(1, 0), Position(1, 10))
    talkmark("media", str(tid), str(recording))
    assert talkmark("export", "--transcript", str(tid), "-o", str(tmp_path / "out.md"), "--media-links")[0] == 0
    linked = (tmp_path / "out.md").read_text()
    assert f"Dae-jung Park, 0:04 [▶ 0:04]({recording.resolve().as_uri()}#t=4.3)" in linked  # exact, not rounded down
    assert talkmark("export", "--transcript", str(tid), "-o", str(tmp_path / "plain.md"))[0] == 0
    assert "▶" not in (tmp_path / "plain.md").read_text()
