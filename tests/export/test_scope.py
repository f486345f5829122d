"""What an export is chosen by: a tag that does not exist is an error, never an empty file."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.export import collect
from desktop.library import Library, LibraryError


def test_collect_refuses_a_tag_that_does_not_exist(annotated):
    library, _ = annotated
    with pytest.raises(LibraryError, match=r"^no tag named 'nosuch'$"):
        collect(library, tag="nosuch")
    with pytest.raises(LibraryError):
        collect(library, tag="meth")  # a prefix of a level is not that level
    assert len(collect(library, tag="method").excerpts) == 2  # a level with sub-tags only
    assert len(collect(library, tag="#quote").excerpts) == 2  # written as Obsidian writes it


def test_an_unused_tag_gives_an_empty_export(annotated):
    library, _ = annotated
    library.tags.create("later")
    assert collect(library, tag="later").excerpts == []


def test_cli_export_of_an_unknown_tag_is_an_error(tmp_path, capsys):
    with Library(tmp_path / "l.sqlite"):
        pass
    out = tmp_path / "out.md"
    status = main(["export", "--library", str(tmp_path / "l.sqlite"), "--tag", "nosuch", "-o", str(out)])
    assert status == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'l.sqlite'}: no tag named 'nosuch'\n"
    assert not out.exists()
