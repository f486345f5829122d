"""The library commands of DESIGN.md, run as real processes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from desktop.resources import SAMPLE_TRANSCRIPT
from tests.conftest import FIXTURES, ROOT


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, **(env or {})},
    )  # fmt: skip


def logs_in(folder) -> dict:
    """An environment that puts Talkmark's log file under `folder` (platformdirs on Linux)."""
    return {"XDG_STATE_HOME": str(folder / "state")}


def log_file(folder):
    return folder / "state" / "Talkmark" / "log" / "talkmark.log"


def test_import_reports_each_file_and_fails_only_for_bad_ones(tmp_path):
    library = str(tmp_path / "lib.sqlite")
    bad = tmp_path / "broken.json"
    bad.write_text('{"segments": [')

    result = run("import", str(SAMPLE_TRANSCRIPT), str(bad), str(FIXTURES / "otter.txt"), "--library", library)

    assert result.returncode == 1
    assert result.stdout.splitlines() == ["1\tsample\t20 turns", "2\totter\t3 turns"]
    assert result.stderr == f"error: {bad}: line 1: invalid JSON: Expecting value (column 15)\n"

    again = run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    assert again.returncode == 0 and again.stdout == "1\tsample\talready in the library\n"


def test_list_and_search_as_json(tmp_path):
    library = str(tmp_path / "lib.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), str(FIXTURES / "zoom.vtt"), "--library", library)

    listed = json.loads(run("list", "--json", "--library", library).stdout)
    assert [(t["id"], t["title"], t["turn_count"], t["speakers"]) for t in listed] == [
        (2, "zoom", 3, ["Alex Moreau", "Bea Lindqvist"]),
        (1, "sample", 20, ["Maya Okafor", "Tomás Reyes"]),
    ]
    hits = json.loads(run("search", "screen", "--json", "--library", library).stdout)
    assert hits == [{"transcript_id": 2, "title": "zoom", "turn": 0, "speaker": "Alex Moreau",
                     "snippet": "Can everyone see my [screen]? The chart on the left is last quarter."}]  # fmt: skip
    plain = run("search", "screen", "--library", library).stdout
    assert plain == "2:0\tzoom\tAlex Moreau: Can everyone see my [screen]? The chart on the left is last quarter.\n"


def test_library_from_the_environment(tmp_path):
    env = {"TALKMARK_LIBRARY": str(tmp_path / "env.sqlite")}
    assert run("import", str(SAMPLE_TRANSCRIPT), env=env).returncode == 0
    assert "sample" in run("list", env=env).stdout
    assert (tmp_path / "env.sqlite").exists()
    flag = run("import", str(FIXTURES / "otter.txt"), "--library", str(tmp_path / "flag.sqlite"), env=env)
    assert flag.returncode == 0 and "otter" not in run("list", env=env).stdout  # --library wins
    assert "otter" in run("list", "--library", str(tmp_path / "flag.sqlite")).stdout


def test_autotag_then_list_counts_highlights(tmp_path):
    library = str(tmp_path / "lib.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)

    result = run("autotag", "flood", "--tag", "topic/flood", "--transcript", "1", "--library", library)

    assert result.returncode == 0 and result.stdout == "'flood': 2 passages tagged “topic/flood”: 2 new highlights\n"
    assert json.loads(run("list", "--json", "--library", library).stdout)[0]["highlight_count"] == 2


def test_errors_are_one_line(tmp_path):
    library = tmp_path / "lib.sqlite"
    missing = run("list", "--library", str(library))
    assert missing.returncode == 1
    assert missing.stderr == f"error: {library}: no library here yet; import a transcript first\n"

    run("import", str(SAMPLE_TRANSCRIPT), "--library", str(library))
    bad_query = run("search", '"', "--library", str(library))
    assert bad_query.returncode == 1
    assert bad_query.stderr == f"error: {library}: nothing to search for in '\"': type a word\n"
    assert bad_query.stdout == ""


def test_export_writes_each_format_into_a_folder_or_a_file(tmp_path):
    import zipfile

    library = str(tmp_path / "lib.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    run("autotag", "flood", "--tag", "topic/flood", "--library", library)
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("md", "html", "csv", "qdpx"):
        result = run("export", "--format", fmt, "-o", str(out), "--library", library)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"{out / ('Talkmark library.' + fmt)}\t2 highlights\n"
    assert "#topic/flood" in (out / "Talkmark library.md").read_text()
    assert zipfile.ZipFile(out / "Talkmark library.qdpx").namelist()[0] == "project.qde"

    named = tmp_path / "notes" / "floods.md"
    result = run("export", "--tag", "topic", "--style", "callout", "-o", str(named), "--library", library)
    assert result.returncode == 0 and named.read_text().count("> [!quote]") == 2


def test_export_errors_are_one_line(tmp_path):
    library = str(tmp_path / "lib.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    result = run("export", "--transcript", "7", "-o", str(tmp_path), "--library", library)
    assert (result.returncode, result.stderr) == (1, f"error: {library}: no transcript with id 7\n")
    blocked = tmp_path / "file.txt"
    blocked.write_text("x")
    result = run("export", "-o", str(blocked / "x.md"), "--library", library)
    assert result.returncode == 1 and result.stderr.startswith(f"error: {blocked / 'x.md'}: ")
    assert result.stderr.count("\n") == 1


def test_a_backup_that_cannot_be_made_is_a_warning_not_a_lock_out(tmp_path):
    library = tmp_path / "lib.sqlite"
    run("import", str(SAMPLE_TRANSCRIPT), "--library", str(library))
    (tmp_path / "backups").write_text("a file where the backups folder should be")

    result = run("import", str(FIXTURES / "otter.txt"), "--library", str(library), env=logs_in(tmp_path))

    assert result.returncode == 0 and result.stdout == "2\totter\t3 turns\n"
    warning = f"{library}: no backup made (File exists); there is no earlier backup"
    assert result.stderr == f"warning: {warning}\n"
    assert f"WARNING {warning}\n" in log_file(tmp_path).read_text()


# Read-only for real: in a private mount namespace (`unshare`), a bind mount remounted
# read-only makes the file system refuse writes even to root, as a read-only disk would.
_MOUNT_READ_ONLY = 'mount --bind "$RO" "$RO" && mount -o remount,bind,ro "$RO" || exit 97; exec "$@"'


def run_read_only(read_only, *args: str) -> subprocess.CompletedProcess:
    """`run(*args)` with `read_only` (a folder or a file) on a read-only mount; skips where
    this machine cannot make private mounts."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare(1) for a real read-only mount")
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", _MOUNT_READ_ONLY, "sh", sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, "RO": str(read_only)},
    )  # fmt: skip
    if result.returncode == 97 or "unshare failed" in result.stderr:
        pytest.skip(f"cannot make a private read-only mount here: {result.stderr.strip()}")
    return result


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_library_reads_and_refuses_writes_in_one_line(tmp_path, what):
    folder = tmp_path / "library"
    folder.mkdir()
    library = folder / "lib.sqlite"
    run("import", str(SAMPLE_TRANSCRIPT), "--library", str(library))
    run("autotag", "flood", "--tag", "flood", "--library", str(library))
    before = sorted(p.name for p in folder.iterdir())
    read_only = folder if what == "folder" else library
    why = f"its folder {folder} cannot be changed" if what == "folder" else "the file cannot be changed"

    listed = run_read_only(read_only, "list", "--library", str(library))
    assert (listed.returncode, listed.stderr) == (0, "") and "\tsample\t" in listed.stdout
    found = run_read_only(read_only, "search", "flood", "--library", str(library))
    assert (found.returncode, found.stderr) == (0, "") and found.stdout.startswith("1:")
    out = tmp_path / "out.md"
    exported = run_read_only(read_only, "export", "-o", str(out), "--library", str(library))
    assert (exported.returncode, exported.stderr) == (0, "") and out.read_text().count("flood") >= 2

    line = f"error: {library}: read-only: {why}; reading works, changes cannot be saved\n"
    imported = run_read_only(read_only, "import", str(FIXTURES / "otter.txt"), "--library", str(library))
    assert (imported.returncode, imported.stdout, imported.stderr) == (1, "", line)
    tagged = run_read_only(read_only, "autotag", "flood", "--tag", "t", "--library", str(library))
    assert (tagged.returncode, tagged.stdout, tagged.stderr) == (1, "", line)
    after = sorted(p.name for p in folder.iterdir())
    # a reader of a read-only file in a writable folder needs -shm and -wal and cannot remove them
    assert after == before if what == "folder" else after == sorted([*before, "lib.sqlite-shm", "lib.sqlite-wal"])
    wal = folder / "lib.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_transcript_that_does_not_exist_is_an_error_not_an_empty_result(tmp_path):
    library = str(tmp_path / "lib.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    line = f"error: {library}: no transcript with id 999\n"

    searched = run("search", "flood", "--transcript", "999", "--json", "--library", library)
    assert (searched.returncode, searched.stdout, searched.stderr) == (1, "", line)
    tagged = run("autotag", "flood", "--tag", "t", "--transcript", "999", "--library", library)
    assert (tagged.returncode, tagged.stdout, tagged.stderr) == (1, "", line)
    assert json.loads(run("list", "--json", "--library", library).stdout)[0]["highlight_count"] == 0
    assert run("search", "flood", "--transcript", "1", "--library", library).stdout.count("\n") == 2


@pytest.mark.parametrize("limit", ["-1", "0", "many"])
def test_a_limit_below_one_is_a_usage_error_in_one_line(tmp_path, limit):
    result = run("search", "flood", "--limit", limit, "--library", str(tmp_path / "lib.sqlite"))
    assert result.returncode == 2 and result.stdout == ""
    reason = f"argument --limit: must be a whole number of 1 or more, not {limit!r}"
    assert result.stderr == f"error: talkmark search: {reason}\n"


def test_limit_one_is_the_smallest(tmp_path):
    library = str(tmp_path / "lib.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    assert run("search", "flood", "--limit", "1", "--library", library).stdout.count("\n") == 1


def test_check_reads_the_whole_library_and_names_the_backup_when_it_is_damaged(tmp_path):
    library = tmp_path / "lib.sqlite"
    run("import", str(SAMPLE_TRANSCRIPT), "--library", str(library))
    run("import", str(FIXTURES / "otter.txt"), "--library", str(library))  # the day's backup

    result = run("check", "--library", str(library))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{library}: no damage found\n", "")

    with sqlite3.connect(library) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_turn_store_1'"
        ).fetchone()[0]
    conn.close()
    data = bytearray(library.read_bytes())
    data[4096 * (root - 1) + 8 : 4096 * root] = b"\xff" * (4096 - 8)
    library.write_bytes(bytes(data))
    result = run("check", "--library", str(library))
    assert result.returncode == 1 and result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {library}: the library is damaged (")
    assert "restore the last backup: " in result.stderr


def test_text_that_is_not_utf8_is_one_line_and_changes_nothing(tmp_path):
    library = str(tmp_path / "l.sqlite")
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    before = run("show", "1", "--json", "--library", library).stdout
    for args in (["edit", "1", "0", "--text", "bad \udcff text"], ["attributes", "1", "k=\udcff"]):
        result = run(*args, "--library", library)  # the shell hands over the byte 0xff
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("error: not UTF-8 text, so nothing was changed: ")
        assert result.stderr.count("\n") == 1
    assert run("show", "1", "--json", "--library", library).stdout == before
