"""Bad input gets one clear error naming what is wrong and, where it can, the line."""

from __future__ import annotations

import pytest

from desktop.formats import FormatError, parse

BAD = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "x.txt", "binary data", None),
    "empty": (b"", "x.txt", "the file is empty", None),
    "whitespace": (b" \n\t\n", "x.txt", "the file is empty", None),
    "truncated json": (b'{"segments": [\n  {"start": 0, "text": "hi"},\n  {"start": 1, "te', "x.json",
                       "invalid JSON", 3),
    "json no transcript": (b'{"name": "not a transcript"}', "x.json", "JSON is not a transcript", None),
    "json empty list": (b"[]", "x.json", "JSON is not a transcript", None),
    "json bad segment": (b'{"segments": [1, 2]}', "x.json", "segment 1 is not an object", None),
    "json bad time": (b'{"segments": [{"text": "a", "start": "soon"}]}', "x.json", "segment 1: 'start'", None),
    "json negative time": (b'{"segments": [{"text": "a", "start": -1}]}', "x.json", "segment 1: 'start'", None),
    "json bad speaker": (b'{"segments": [{"text": "a", "speaker": 7}]}', "x.json", "'speaker' is not text", None),
    "deep json": (b"[" * 100_000, "x.json", "invalid JSON", None),
    "srt bad timestamp": (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03,000 --> 00:0x:04,000\nYo\n",
                          "x.srt", "malformed timestamp", 6),
    "srt missing timing": (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nYo there\n", "x.srt",
                           "expected a cue timing line", 6),
    "srt seconds out of range": (b"1\n00:00:01,000 --> 00:00:75,000\nHi\n", "x.srt", "malformed timestamp", 2),
    "vtt bad timestamp": (b"WEBVTT\n\n00:01.000 --> 1:2:3\nHi\n", "x.vtt", "malformed timestamp", 3),
    "vtt text before cues": (b"WEBVTT\n\nstray words\n\n00:01.000 --> 00:02.000\nHi\n", "x.vtt",
                             "expected a cue timing line", 3),
    "captions with no text": (b"1\n00:00:01,000 --> 00:00:02,000\n\n", "x.srt", "no transcript text found", None),
    "otter bad clock": (b"Ann  0:00\nHello.\n\nBo  0:99\nHi.\n", "x.txt", "malformed timestamp '0:99'", 4),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_raises_one_line_format_error(case):
    data, name, reason, line = BAD[case]
    with pytest.raises(FormatError) as caught:
        parse(data, name)
    assert reason in str(caught.value)
    assert caught.value.line == line
    assert "\n" not in str(caught.value)
    if line:
        assert str(caught.value).startswith(f"line {line}: ")
