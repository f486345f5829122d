"""Writing an export file: whole or not at all, through symbolic links, never into a pipe or
device, with the permissions any other file the user saves would get."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from desktop.cli import main
from desktop.export import ExportError, write_export
from desktop.library import Library

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types and modes")


@pytest.fixture
def umask():
    """Set a umask for one test, then put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def test_a_symlink_is_followed_and_stays_a_link(tmp_path):
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "notes.md").write_text("old")
    link = tmp_path / "notes.md"
    link.symlink_to(vault / "notes.md")
    write_export(b"new", link)
    assert link.is_symlink() and os.readlink(link) == str(vault / "notes.md")
    assert (vault / "notes.md").read_bytes() == b"new"
    assert sorted(p.name for p in vault.iterdir()) == ["notes.md"]  # no temporary left beside it


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "out.md"
    (tmp_path / "elsewhere").mkdir()
    link.symlink_to(tmp_path / "elsewhere" / "real.md")
    write_export(b"x", link)
    assert link.is_symlink() and (tmp_path / "elsewhere" / "real.md").read_bytes() == b"x"


@posix
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ExportError) as caught:
        write_export(b"x", fifo)
    assert isinstance(caught.value, OSError) and caught.value.strerror == "is a named pipe (FIFO), not a regular file"
    assert stat.S_ISFIFO(fifo.stat().st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["pipe.md"]


@posix
def test_a_device_and_a_link_to_one_are_refused(tmp_path):
    with pytest.raises(ExportError, match="is a device, not a regular file"):
        write_export(b"x", type(tmp_path)("/dev/null"))
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    with pytest.raises(ExportError, match="is a device"):
        write_export(b"x", link)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        write_export(b"x", tmp_path)


@posix
def test_the_cli_names_the_path_and_the_reason(tmp_path, capsys):
    with Library(tmp_path / "l.sqlite"):
        pass
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert main(["export", "--library", str(tmp_path / "l.sqlite"), "-o", str(fifo)]) == 1
    assert capsys.readouterr().err == f"error: {fifo}: is a named pipe (FIFO), not a regular file\n"


@posix
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path, umask, mask, mode):
    umask(mask)
    write_export(b"x", tmp_path / "out.csv")
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == mode


@posix
def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    path = tmp_path / "private.md"
    path.write_text("old")
    path.chmod(0o640)
    write_export(b"new", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_bytes() == b"new"


def test_a_dangling_link_makes_no_folder_where_it_points(tmp_path):
    link = tmp_path / "vault.md"
    link.symlink_to(tmp_path / "nowhere" / "deeper" / "x.md")
    with pytest.raises(ExportError, match="is a link into a folder that does not exist"):
        write_export(b"x", link)
    assert not (tmp_path / "nowhere").exists() and link.is_symlink()
