"""`report` and `attributes` on the command line: the JSON and CSV shapes scripts rely on,
the filters, and errors as one line (tests/coded_library.py holds the counts)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.library import Library
from tests.coded_library import build
from tests.library.test_cli import run


@pytest.fixture
def library(tmp_path) -> str:
    """The coded library's path (closed, so each command opens it as a script would)."""
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        build(library, tmp_path)
    return str(path)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_report_json_is_exactly_rows_columns_cells_and_the_only_output(library):
    result = run("report", "--library", library, "--json")
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout) == {
        "rows": ["loss", "theme", "theme/place", "theme/work"],
        "columns": ["Ann", "Bob", "Cy"],
        "cells": [[0, 1, 2], [3, 1, 2], [2, 1, 2], [1, 0, 0]],
    }


def test_report_csv_by_transcript_in_words(capsys, library):
    status, out, _ = cli(capsys, "report", "--library", library, "--by", "transcript", "--measure", "words", "--csv")
    assert status == 0
    assert out == ("tag,2024-03-05 River,2024-06-10 Coast\r\nloss,0,7\r\ntheme,10,3\r\ntheme/place,9,3\r\n"
                   "theme/work,1,0\r\n")  # fmt: skip


def test_report_filters(capsys, library):
    args = ["report", "--library", library, "--json", "--tag", "loss", "--where", "role=participant", "--where",
            "site=coast", "--where", "site=river", "--since", "2024-06-01", "--until", "2024-12-31"]  # fmt: skip
    status, out, _ = cli(capsys, *args)
    assert status == 0
    assert json.loads(out) == {"rows": ["loss"], "columns": ["Cy"], "cells": [[2]]}
    status, out, _ = cli(capsys, "report", "--library", library, "--json", "--transcript", "1", "--by", "age")
    assert json.loads(out) == {"rows": ["loss", "theme", "theme/place", "theme/work"], "columns": ["62"],
                               "cells": [[0], [3], [2], [1]]}  # fmt: skip


def test_report_where_compares_a_number_attribute(capsys, library):
    status, out, _ = cli(capsys, "report", "--library", library, "--json", "--by", "transcript", "--where", "age>50")
    assert status == 0
    assert json.loads(out) == {"rows": ["loss", "theme", "theme/place", "theme/work"], "columns": ["2024-03-05 River"],
                               "cells": [[0], [3], [2], [1]]}  # fmt: skip


def test_report_share_as_a_plain_table(capsys, library):
    status, out, _ = cli(capsys, "report", "--library", library, "--measure", "share", "--tag", "loss")
    assert status == 0
    assert out == "tag    Ann    Bob     Cy\nloss  0.0%  44.4%  33.3%\n"


def test_plain_table_indents_sub_tags(capsys, library):
    _, out, _ = cli(capsys, "report", "--library", library, "--tag", "theme")
    assert out.splitlines() == ["tag      Ann  Bob  Cy", "theme      3    1   2", "  place    2    1   2",
                                "  work     1    0   0"]  # fmt: skip


def test_cooccurrence_both_modes(capsys, library):
    _, out, _ = cli(capsys, "report", "--library", library, "--cooccurrence", "--json")
    assert json.loads(out)["cells"] == [[2, 1, 1, 0], [1, 5, 4, 1], [1, 4, 4, 0], [0, 1, 0, 1]]
    _, out, _ = cli(capsys, "report", "--library", library, "--cooccurrence", "--overlap", "--csv")
    assert out.splitlines()[0] == "tag,loss,theme,theme/place,theme/work"
    assert out.splitlines()[1] == "loss,2,0,0,0"


def test_speakers_json_and_csv(capsys, library):
    _, out, _ = cli(capsys, "report", "--library", library, "--speakers", "--json")
    ann = json.loads(out)[0]
    assert ann == {"name": "Ann", "words": 13, "share": pytest.approx(13 / 31), "turns": 2,
                   "turn_share": pytest.approx(1 / 3), "median_turn": 6.5, "questions": 1,
                   "turn_lengths": [8, 5]}  # fmt: skip
    _, out, _ = cli(capsys, "report", "--library", library, "--speakers", "--csv")
    assert out.splitlines()[:2] == ["speaker,words,share,turns,turn_share,median_turn,questions",
                                    "Ann,13,0.419355,2,0.333333,6.5,1"]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [(["--by", "colour"], "{lib}: no attribute named 'colour'", 1),
     (["--tag", "nope"], "{lib}: no tag named 'nope'", 1),
     (["--transcript", "9"], "{lib}: no transcript with id 9", 1),
     (["--where", "site"], "talkmark report: argument --where: must be KEY=VALUE or KEY>VALUE (>=, <, <=), "
                           "not 'site'", 2),
     (["--since", "2024-02-30"], "talkmark report: argument --since: must be a date YYYY-MM-DD, not '2024-02-30'", 2),
     (["--overlap"], "report: --overlap applies to --cooccurrence only", 1),
     (["--speakers", "--measure", "words"], "report: --measure applies to --by tables only", 1),
     (["--where", "age=old"], '{lib}: age: "old" is not a number', 1)],
)  # fmt: skip
def test_report_errors_are_one_line(library, args, message, status):
    result = run("report", "--library", library, *args)
    assert result.returncode == status
    assert result.stderr == f"error: {message.format(lib=library)}\n" and result.stdout == ""


def test_attributes_read_with_speaker_ids(capsys, library):
    status, out, _ = cli(capsys, "attributes", "--library", library, "1", "--json")
    assert status == 0
    assert json.loads(out) == {
        "id": 1, "title": "2024-03-05 River", "attributes": {"age": "62", "site": "river"},
        "speakers": [{"id": 1, "name": "Ann", "attributes": {"role": "participant"}},
                     {"id": 2, "name": "Bob", "attributes": {"role": "interviewer"}}],
    }  # fmt: skip


def test_attributes_set_and_clear_in_one_step(capsys, library):
    status, out, _ = cli(capsys, "attributes", "--library", library, "2", "site=", "group=B", "age=45.0")
    assert status == 0
    assert out.splitlines() == ["2024-06-10 Coast (transcript 2)", "  age: 45", "  group: B",
                                "speaker 3 Cy: role=participant", "speaker 4 Bob: role=interviewer"]  # fmt: skip
    status, out, _ = cli(capsys, "attributes", "--library", library, "--speaker", "4", "role=participant", "--json")
    assert json.loads(out) == {"id": 4, "name": "Bob", "transcript": 2, "attributes": {"role": "participant"}}


def test_attributes_errors_are_one_line_and_change_nothing(library):
    for args, message in [
        (["9"], f"{library}: no transcript with id 9"),
        (["--speaker", "99"], f"{library}: no speaker with id 99"),
        (["1", "age=old", "site=x"], f'{library}: age: "old" is not a number'),
        (["1", "site"], "attributes: must be KEY=VALUE, not 'site'"),
        ([], "attributes: give a transcript ID (or --speaker SPEAKER_ID), then any KEY=VALUE"),
    ]:
        result = run("attributes", "--library", library, *args)
        assert (result.returncode, result.stderr, result.stdout) == (1, f"error: {message}\n", "")
    with Library(library, write=False) as reading:
        assert reading.attributes.get(1) == {"age": "62", "site": "river"}


def test_the_command_line_makes_number_fields_and_refuses_comparing_text(capsys, tmp_path):
    lib = str(tmp_path / "l.sqlite")
    for name, speaker in (("one", "Ann"), ("two", "Ben")):
        (tmp_path / f"{name}.txt").write_text(f"{speaker}: Words of {name} here.\n", encoding="utf-8")
        assert cli(capsys, "import", str(tmp_path / f"{name}.txt"), "--library", lib)[0] == 0
    assert cli(capsys, "attributes", "1", "years=62", "site=river", "--kind", "number", "--library", lib)[0] == 1
    assert cli(capsys, "attributes", "1", "years=62", "--kind", "number", "--library", lib)[0] == 0
    assert cli(capsys, "attributes", "2", "years=40", "--library", lib)[0] == 0  # the field is a number now
    assert cli(capsys, "attributes", "2", "site=coast", "--library", lib)[0] == 0  # a new field: text
    status, out, _ = cli(capsys, "report", "--library", lib, "--where", "years>50", "--json", "--by", "transcript")
    assert status == 0 and json.loads(out)["columns"] == ["one"]
    status, _, err = cli(capsys, "report", "--library", lib, "--where", "site>b")
    assert status == 1 and err == (f"error: {lib}: site is a text field: >, >=, <, <= compare number and date fields "
                                   "(attributes ID KEY=VALUE --kind number makes one)\n")  # fmt: skip
    status, _, err = cli(capsys, "attributes", "2", "site=lab", "--kind", "date", "--library", lib)
    assert status == 1 and err.endswith("site is a text field already\n")
    status, out, _ = cli(capsys, "report", "--library", lib, "--where", "site=>b", "--json", "--by", "transcript")
    assert status == 0 and json.loads(out)["columns"] == []  # `=`: the plain text ">b", which nobody has
