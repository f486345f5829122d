"""Only regular files of a sane size are read, and a batch survives any one bad file."""

from __future__ import annotations

import contextlib
import os
import threading

import pytest

from desktop.formats import MAX_FILE_BYTES, FormatError, parse_file, reading
from desktop.library import store
from desktop.library.store import read_and_parse
from tests.conftest import FIXTURES

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def finishes(call, *args, timeout: float = 10.0):
    """What `call(*args)` returns or raises, run in a thread so that a call that blocks
    fails the test instead of hanging it."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = call(*args)
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"{call.__name__} blocked for {timeout} s"
    return outcome


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    yield path
    with contextlib.suppress(OSError):  # release a reader the code under test left blocked in open()
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


@posix_only
def test_a_fifo_is_refused_without_blocking(fifo):
    outcome = finishes(parse_file, fifo)
    assert isinstance(outcome.get("error"), FormatError)
    assert str(outcome["error"]) == "not a regular file"
    assert finishes(read_and_parse, fifo) == {"value": "not a regular file"}


@posix_only
def test_a_device_is_refused_without_reading_it():
    outcome = finishes(parse_file, "/dev/zero")
    assert str(outcome.get("error")) == "not a regular file"
    assert read_and_parse(store.Path("/dev/zero")) == "not a regular file"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(FormatError, match=r"^not a regular file$"):
        parse_file(tmp_path)


def test_a_missing_file_says_so(tmp_path):
    assert read_and_parse(tmp_path / "gone.txt") == "No such file or directory"


def test_the_size_limit_is_200_mb():
    assert MAX_FILE_BYTES == 200_000_000


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written

    with pytest.raises(FormatError) as caught:
        parse_file(path)

    assert str(caught.value) == "too large (201 MB; at most 200 MB)"
    assert read_and_parse(path) == "too large (201 MB; at most 200 MB)"


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path, monkeypatch):
    data = (FIXTURES / "labelled.txt").read_bytes()
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", len(data))
    path = tmp_path / "talk.txt"
    path.write_bytes(data)
    assert parse_file(path).format == "labelled-text"

    path.write_bytes(data + b"\n")
    with pytest.raises(FormatError, match=r"^too large"):
        parse_file(path)


def test_a_file_that_grows_past_its_size_while_read_is_refused(tmp_path, monkeypatch):
    """fstat said one size; the file held more by the time it was read (as /proc files do)."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Ann: hello there\n" * 10)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    real_check = reading._check
    monkeypatch.setattr(reading, "_check", lambda status: real_check(status) and 0)
    with pytest.raises(FormatError, match=r"^too large"):
        parse_file(path)


class Boom(Exception):
    pass


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            TypeError("'NoneType' object\nis not iterable"),
            "unexpected error: TypeError: 'NoneType' object is not iterable",
        ),
        (Boom(), "unexpected error: Boom"),
        (MemoryError(), "unexpected error: MemoryError"),
    ],
)
def test_a_parser_bug_becomes_a_one_line_reason(monkeypatch, error, reason):
    def broken(data: bytes, filename: str):
        raise error

    monkeypatch.setattr(store, "parse", broken)
    assert read_and_parse(FIXTURES / "labelled.txt") == reason


def test_one_file_that_breaks_the_parser_does_not_stop_a_batch(tmp_path, monkeypatch):
    real_parse = store.parse

    def breaks_on_bad(data: bytes, filename: str):
        if filename == "bad.txt":
            raise KeyError("speaker")
        return real_parse(data, filename)

    monkeypatch.setattr(store, "parse", breaks_on_bad)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes((FIXTURES / "labelled.txt").read_bytes())
    bad.write_bytes(b"Ann: hi\nBo: hello\n")

    with store.Library(tmp_path / "library.sqlite") as library:
        results = dict(library.import_files([bad, good]))
        titles = [t.title for t in library.transcripts.list()]

    assert results[bad] == "unexpected error: KeyError: 'speaker'"
    assert results[good].title == "good"
    assert titles == ["good"]
