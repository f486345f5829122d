"""A killed process or a second writer never costs data: real child processes, real SIGKILL."""

from __future__ import annotations

import subprocess
import sys

from desktop.formats import parse_file
from desktop.library import Library
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.conftest import ROOT


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.library.workers", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def kill_after(child: subprocess.Popen, lines: int) -> list[str]:
    """Read `lines` reports, SIGKILL the child mid-work, return every report it made."""
    reports = [child.stdout.readline().strip() for _ in range(lines)]
    child.kill()
    child.wait(timeout=30)
    reports += [line.strip() for line in child.stdout.read().splitlines()]
    return [line for line in reports if line]


def variants(tmp_path, seeds, count: int) -> list[str]:
    """Seed-sized transcripts that differ, so none is a duplicate of another."""
    source = (seeds / "004_63b56b2bea8ad07d.txt").read_text()
    paths = []
    for n in range(count):
        path = tmp_path / f"episode-{n}.txt"
        path.write_text(source + f"\n\nLex Fridman: Episode note number {n}.\n")
        paths.append(str(path))
    return paths


def test_killed_mid_bulk_import_keeps_whole_transcripts_only(tmp_path, seeds):
    library_path = tmp_path / "library.sqlite"
    Library(library_path).close()
    files = variants(tmp_path, seeds, 40)
    expected_turns = len(parse_file(files[0]).turns)

    reports = kill_after(start("import", str(library_path), *files), lines=5)

    with Library(library_path) as library:  # the open runs the integrity check
        stored = library.transcripts.list()
        reported = {int(line.split()[1]) for line in reports}
        assert reported <= {t.id for t in stored}
        assert 5 <= len(stored) < 40
        for info in stored:
            assert info.turn_count == expected_turns
            assert len(library.transcripts.turns(info.id)) == expected_turns
        assert library.conn.execute("SELECT count(*) FROM turns_fts").fetchone()[0] == expected_turns * len(stored)


def test_killed_mid_highlight_stream_keeps_every_returned_write(tmp_path):
    library_path = tmp_path / "library.sqlite"
    with Library(library_path) as library:
        tid = library.import_file(SAMPLE_TRANSCRIPT).id

    reports = kill_after(start("highlight", str(library_path), str(tid), "100000"), lines=300)

    written = {int(line.split()[1]) for line in reports}
    with Library(library_path) as library:
        stored = {h.id for h in library.highlights.list(tid)}
        assert written <= stored
        assert len(stored) - len(written) <= 1  # at most the one whose report was cut off
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    library_path = tmp_path / "library.sqlite"
    with Library(library_path) as library:
        tid = library.import_file(SAMPLE_TRANSCRIPT).id

    children = [start("highlight", str(library_path), str(tid), "250") for _ in range(2)]
    results = [child.communicate(timeout=300) for child in children]

    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err and out.count("highlight ") == 250
    with Library(library_path) as library:
        assert len(library.highlights.list(tid)) == 500
        assert sum(t.count for t in library.tags.list()) == 500
