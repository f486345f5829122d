"""`python main.py parse FILE --json` as DESIGN.md specifies, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_parse_json_prints_exactly_the_contract():
    result = run("parse", str(FIXTURES / "whisperx.json"), "--json")

    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["title", "format", "speakers", "turns"]
    assert document["format"] == "whisperx-json"
    assert document["speakers"] == ["SPEAKER_00", "SPEAKER_01"]
    assert document["turns"][1] == {
        "index": 1,
        "speaker": "SPEAKER_01",
        "text": "We are live. Say hello to everyone.",
        "start": 2.1,
        "end": 5.0,
        "segments": [{"offset": 0, "start": 2.1, "end": 3.3}, {"offset": 13, "start": 3.3, "end": 5.0}],
    }
    assert result.stderr == ""


def test_unknowns_are_null_in_json():
    turn = json.loads(run("parse", str(FIXTURES / "unlabelled.txt"), "--json").stdout)["turns"][0]
    assert (turn["speaker"], turn["start"], turn["end"]) == (None, None, None)


def test_parse_without_json_summarises_and_lists_repairs(tmp_path):
    path = tmp_path / "late.txt"
    path.write_text("Ann: I think we\nBo: agree. Yes, we do.\n")
    result = run("parse", str(path))
    assert result.returncode == 0
    assert "late (labelled-text): 2 turns" in result.stdout
    assert "repaired label: 'agree.' moved from turn 1 to turn 0" in result.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03binary", "binary data, not a transcript"),
        (b'{"segments": [{"text": "hi"', "line 1: invalid JSON"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03,000 --> 00:00:0y,000\nBye\n",
         "line 6: malformed timestamp"),
    ],
)  # fmt: skip
def test_bad_file_exits_non_zero_with_one_line(tmp_path, content, reason):
    path = tmp_path / "bad.srt"
    path.write_bytes(content)

    result = run("parse", str(path), "--json")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}: {reason}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_missing_file_is_a_one_line_error(tmp_path):
    result = run("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / 'nope.txt'}: No such file or directory\n"
