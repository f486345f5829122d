"""`python main.py import` stopped by SIGTERM, Ctrl+C or SIGKILL leaves no worker process
behind and no half-stored transcript: real child processes, real signals, /proc for the tree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.library import Library
from tests.conftest import ROOT


def process_table() -> dict[int, tuple[str, int]]:
    """Every live process: pid -> (state, parent pid), from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended while we looked
                continue
            state, parent = stat[stat.rindex(")") + 2 :].split()[:2]
            table[int(entry.name)] = (state, int(parent))
    return table


def descendants(pid: int) -> set[int]:
    table, found = process_table(), {pid}
    while grown := {child for child, (_, parent) in table.items() if parent in found} - found:
        found |= grown
    return found - {pid}


def still_running(pids: set[int], within_s: float = 10.0) -> set[int]:
    """The pids still alive (not zombies) once they all end or `within_s` passes."""
    deadline = time.monotonic() + within_s
    while True:
        table = process_table()
        alive = {pid for pid in pids if pid in table and table[pid][0] != "Z"}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)  # polling /proc: there is nothing to wait on for another's orphan


@pytest.fixture
def episodes(tmp_path) -> list[str]:
    paths = []
    for n in range(40):
        path = tmp_path / f"episode-{n}.txt"
        turns = "".join(f"Ann: question {k} of episode {n}.\n\nBo: answer {k} of episode {n}.\n\n" for k in range(400))
        path.write_text(turns)
        paths.append(str(path))
    return paths


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize(("stop", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGKILL, -9)])
def test_a_stopped_import_leaves_no_worker_and_whole_transcripts(tmp_path, episodes, stop, status):
    library = tmp_path / "lib.sqlite"
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:  # a file: a surviving worker would hold a pipe open forever
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "import", *episodes, "--library", str(library)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True,
        )  # fmt: skip
    first = child.stdout.readline()  # a worker parsed it: the pool is running
    workers = descendants(child.pid)
    assert first.startswith("1\t") and workers

    try:
        child.send_signal(stop)
        assert child.wait(timeout=30) == status
        child.stdout.close()
    finally:
        if child.poll() is None:
            child.kill()
        left = still_running(workers)
        for pid in left:  # do not leak them into the rest of the run
            os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} of {len(workers)} worker processes outlived the import"
    if stop != signal.SIGKILL:
        assert errors.read_text() == (
            f"error: {library}: stopped; the files listed above were imported, the others were not\n"
        )
    with Library(library) as opened:  # the integrity check runs on open
        stored = opened.transcripts.list()
        assert 1 <= len(stored) < 40 and all(t.turn_count == 800 for t in stored)
