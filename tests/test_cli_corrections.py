"""The correction commands of DESIGN.md (`edit`, `split`, `merge`, `speaker`, `replace`):
each one transaction on the library, highlights mapped through, what changed printed;
every error one line on stderr with nothing written. Turns are numbered as `show` prints them."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys

import pytest

from desktop import cli
from desktop.library import Library, Position
from tests.conftest import ROOT, SEEDS

SEED = SEEDS / "004_63b56b2bea8ad07d.txt"  # Lex Fridman and Oriol Vinyals, labelled


@pytest.fixture
def talkmark(tmp_path, monkeypatch, capsys):
    """Run a command in this process: (exit status, stdout, stderr)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the log file stays in tmp_path
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = cli.main([*args, "--library", str(tmp_path / "lib.sqlite")])
        out, err = capsys.readouterr()
        return status, out, err

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)


@pytest.fixture
def path(tmp_path):
    """A library holding the labelled seed as transcript 1."""
    with Library(tmp_path / "lib.sqlite") as library:
        assert library.import_file(SEED).id == 1
    return tmp_path / "lib.sqlite"


def mark(path, turn: int, phrase: str) -> int:
    """Highlight `phrase` in a turn through the library API; its id."""
    with Library(path) as library:
        start = library.transcripts.turns(1)[turn].text.index(phrase)
        return library.highlights.add(1, Position(turn, start), Position(turn, start + len(phrase))).id


def highlight(path, hid: int):
    with Library(path) as library:
        return library.highlights.get(hid)


def turns(path):
    with Library(path, write=False) as library:
        return library.transcripts.turns(1)


def snapshot(path) -> dict[str, list[tuple]]:
    """Every row of every table: what 'unchanged' means."""
    with Library(path, write=False) as library:
        tables = [name for (name,) in library.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: library.conn.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in tables}


def shown(talkmark) -> list[dict]:
    status, out, _ = talkmark("show", "1", "--json")
    assert status == 0
    return json.loads(out)["turns"]


# edit ---------------------------------------------------------------------------------------


def test_edit_rewrites_the_turn_and_the_highlight_after_the_change_moves_with_its_words(path, talkmark):
    before = turns(path)[9].text
    assert before.startswith("Right. Indeed, I mean, thanks thanks for reminding me")
    hid = mark(path, 9, "reminding me")
    old = highlight(path, hid)

    status, out, err = talkmark("edit", "1", "9", "--text", before.replace("thanks thanks", "thanks"))

    assert (status, err) == (0, "")
    assert out == "edited turn 9 of transcript 1; 1 highlight moved\n"
    after = turns(path)
    assert after[9].text == before.replace("thanks thanks", "thanks") and after[9].original == before
    assert len(after) == 131
    moved = highlight(path, hid)
    assert moved.quote == "reminding me" == old.quote
    assert (moved.start.turn, moved.start.offset) == (9, old.start.offset - len("thanks "))


def test_edit_that_deletes_a_highlights_words_orphans_it_and_says_so(path, talkmark):
    hid = mark(path, 9, "reminding me")

    status, out, _ = talkmark("edit", "1", "9", "--text", "Right. Indeed.")

    assert status == 0
    assert out == "edited turn 9 of transcript 1; 0 highlights moved, 1 now orphaned (their words are gone)\n"
    assert highlight(path, hid).orphan


def test_show_json_marks_edited_turns_with_their_imported_text(path, talkmark):
    original = turns(path)[9].text
    untouched = shown(talkmark)
    assert all(t["edited"] is False and "original" not in t for t in untouched)

    talkmark("edit", "1", "9", "--text", "Right.\n\n\nIndeed.")

    after = shown(talkmark)
    assert after[9]["text"] == "Right.\n\nIndeed." and after[9]["edited"] is True
    assert after[9]["original"] == original
    assert list(after[9]) == ["index", "speaker", "text", "start", "end", "segments", "edited", "original"]
    assert after[:9] == untouched[:9] and after[10:] == untouched[10:]


def test_parse_json_has_no_edited_keys():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "parse", str(SEED), "--json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)  # fmt: skip
    turn = json.loads(result.stdout)["turns"][0]
    assert list(turn) == ["index", "speaker", "text", "start", "end", "segments"]


# split and merge ----------------------------------------------------------------------------


def test_split_snaps_to_the_word_start_and_the_highlight_in_the_second_half_moves_down(path, talkmark):
    text = turns(path)[9].text
    hid = mark(path, 9, "reminding me")
    far = turns(path)[50].text.split()[0]
    later = mark(path, 50, far)

    status, out, _ = talkmark("split", "1", "9", "10")  # inside "Indeed"

    assert status == 0
    assert out == ("split turn 9 of transcript 1 at character 7: turn 10 starts 'Indeed, I mean, thanks'; "
                   "1 highlight moved\n")  # fmt: skip
    after = turns(path)
    assert len(after) == 132
    assert (after[9].text, after[10].text) == ("Right.", text[7:])
    assert after[9].speaker == after[10].speaker == "Oriol Vinyals"
    moved = highlight(path, hid)
    assert (moved.start.turn, moved.start.offset, moved.quote) == (10, text.index("reminding") - 7, "reminding me")
    assert (highlight(path, later).start.turn, highlight(path, later).quote) == (51, far)  # renumbered


def test_merge_joins_the_turn_onto_the_one_before_as_a_paragraph(path, talkmark):
    before = turns(path)
    hid = mark(path, 10, "Cat emoji")

    status, out, _ = talkmark("merge", "1", "10")

    assert status == 0
    assert out == "merged turn 10 into turn 9 of transcript 1; 1 highlight moved\n"
    after = turns(path)
    assert len(after) == 130
    assert after[9].text == before[9].text + "\n\n" + before[10].text
    assert after[9].speaker == "Oriol Vinyals" and after[10].text == before[11].text
    moved = highlight(path, hid)
    at = len(before[9].text) + 2 + before[10].text.index("Cat emoji")
    assert (moved.start.turn, moved.start.offset, moved.quote) == (9, at, "Cat emoji")


# speaker ------------------------------------------------------------------------------------


def test_speaker_gives_one_turn_or_a_range_to_a_new_speaker(path, talkmark):
    status, out, _ = talkmark("speaker", "1", "4", "  Ines   Alvarez ")
    assert status == 0 and out == "turn 4 of transcript 1 now said by Ines Alvarez; 0 highlights moved\n"

    status, out, _ = talkmark("speaker", "1", "6-8", "Sam")
    assert status == 0 and out == "turns 6-8 of transcript 1 now said by Sam; 0 highlights moved\n"

    speakers = [t.speaker for t in turns(path)[3:10]]
    assert speakers == ["Oriol Vinyals", "Ines Alvarez", "Oriol Vinyals", "Sam", "Sam", "Sam", "Oriol Vinyals"]
    assert not any(t.edited for t in turns(path))
    status, out, _ = talkmark("show", "1", "--json")
    assert json.loads(out)["speakers"] == ["Lex Fridman", "Oriol Vinyals", "Ines Alvarez", "Sam"]


@pytest.mark.parametrize("turn_range", ["9-4", "4-", "a", "4-9-10", "-3", "4..9", ""])
def test_a_bad_range_is_a_one_line_usage_error(path, talkmark, turn_range):
    before = snapshot(path)
    with pytest.raises(SystemExit) as stopped:
        talkmark("speaker", "1", turn_range, "Sam")
    assert stopped.value.code == 2
    assert snapshot(path) == before


def test_a_bad_range_message(path):
    result = run_main("speaker", "1", "9-4", "Sam", "--library", str(path))
    assert result.returncode == 2
    assert result.stderr == ("error: talkmark speaker: argument TURN[-TURN]: a range runs from the lower turn "
                             "to the higher (4-9), not '9-4'\n")  # fmt: skip


def expand(listed: str) -> list[int]:
    """`0-2, 5` as [0, 1, 2, 5]."""
    out = []
    for part in listed.split(", "):
        first, _, last = part.partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


# replace ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "pattern", "count"),
    [
        ((), r"Ai", 19),
        (("--whole-word",), r"(?<!\w)Ai(?!\w)", 18),
        (("--ignore-case",), r"(?i)Ai", 232),
        (("--whole-word", "--ignore-case"), r"(?i)(?<!\w)Ai(?!\w)", 19),
    ],
)
def test_replace_honours_whole_word_and_ignore_case(path, talkmark, flags, pattern, count):
    before = turns(path)
    touched = [t.index for t in before if re.search(pattern, t.text)]

    status, out, _ = talkmark("replace", "1", "Ai", "AI", *flags)

    assert status == 0
    said = re.fullmatch(
        rf"replaced {count} matches of 'Ai' with 'AI' in turns (.*) of transcript 1; 0 highlights moved\n", out
    )
    assert said and expand(said[1]) == touched
    assert [t.text for t in turns(path)] == [re.sub(pattern, "AI", t.text) for t in before]
    assert [t.index for t in turns(path) if t.edited] == touched


def test_replace_lists_the_turns_it_touched_and_moves_highlights_with_the_words(path, talkmark):
    hid = mark(path, 0, "Ariel is the research director")

    status, out, _ = talkmark("replace", "1", "Ariel", "Oriol", "--whole-word")

    assert status == 0
    assert out == "replaced 3 matches of 'Ariel' with 'Oriol' in turns 0, 129 of transcript 1; 1 highlight moved\n"
    h = highlight(path, hid)
    assert (h.quote, h.original_quote) == ("Oriol is the research director", "Ariel is the research director")
    assert "Ariel" not in " ".join(t.text for t in turns(path))


# errors: one line, non-zero, nothing written -------------------------------------------------

ERRORS = [
    (("edit", "7", "0", "--text", "Hi."), "no transcript with id 7"),
    (("edit", "1", "131", "--text", "Hi."), "transcript 1 has no turn 131 (its turns are 0 to 130)"),
    (("edit", "1", "0", "--text", " \n "), "a turn's text cannot be empty"),
    (("split", "7", "0", "5"), "no transcript with id 7"),
    (("split", "1", "200", "5"), "transcript 1 has no turn 200 (its turns are 0 to 130)"),
    (("split", "1", "9", "0"), "a split must leave text on both sides"),
    (("split", "1", "9", "100000"), "turn 9 has no character 100000 (it has 112)"),
    (("merge", "7", "1"), "no transcript with id 7"),
    (("merge", "1", "0"), "the first turn has no turn before it to merge into"),
    (("merge", "1", "131"), "transcript 1 has no turn 131 (its turns are 0 to 130)"),
    (("speaker", "7", "1", "Sam"), "no transcript with id 7"),
    (("speaker", "1", "129-131", "Sam"), "transcript 1 has no turn 131 (its turns are 0 to 130)"),
    (("speaker", "1", "1", " "), "a speaker's name cannot be empty"),
    (("speaker", "1", "1", "Oriol Vinyals"), "Oriol Vinyals already says that turn"),
    (("replace", "7", "Ariel", "Oriol"), "no transcript with id 7"),
    (("replace", "1", "Zebedee", "Oriol"), "no 'Zebedee' in transcript 1; nothing replaced"),
    (("replace", "1", "ARIEL", "Oriol"), "no 'ARIEL' in transcript 1; nothing replaced"),
    (("replace", "1", "Arie", "Oriol", "--whole-word"), "no 'Arie' in transcript 1; nothing replaced"),
    (("replace", "1", "", "Oriol"), "nothing to replace: OLD is empty"),
    (("replace", "1", "Ariel", "Ori\nol"), "a replacement cannot hold a line break"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "reason"), ERRORS)
def test_errors_are_one_line_and_write_nothing(path, talkmark, args, reason):
    before = snapshot(path)

    status, out, err = talkmark(*args)

    assert (status, out) == (1, "")
    assert err == f"error: {path}: {reason}\n"
    assert snapshot(path) == before


def test_editing_a_turn_to_the_text_it_has_is_an_error(path, talkmark):
    status, _, err = talkmark("edit", "1", "9", "--text", turns(path)[9].text)
    assert (status, err) == (1, f"error: {path}: turn 9 already reads so\n")


@pytest.mark.parametrize("args", [("edit", "1", "-1", "--text", "Hi."), ("split", "1", "9", "-4"), ("merge", "1", "x")])
def test_a_negative_or_non_numeric_turn_or_offset_is_a_usage_error(path, talkmark, args):
    before = snapshot(path)
    with pytest.raises(SystemExit) as stopped:
        talkmark(*args)
    assert stopped.value.code == 2 and snapshot(path) == before


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [("edit", "1", "0", "--text", "Hi."), ("split", "1", "0", "3"), ("merge", "1", "1"), ("speaker", "1", "0", "Sam"),
     ("replace", "1", "a", "b")],
)  # fmt: skip
def test_main_py_runs_each_command_and_a_missing_library_stays_missing(tmp_path, args):
    library = tmp_path / "none.sqlite"

    result = run_main(*args, "--library", str(library))

    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"error: {library}: no library here yet; import a transcript first\n"
    assert not library.exists()


def test_main_py_corrects_a_real_library(path):
    result = run_main("--library", str(path), "replace", "1", "Ariel", "Oriol", "--whole-word")
    assert result.returncode == 0 and result.stderr == ""
    assert (
        result.stdout
        == "replaced 3 matches of 'Ariel' with 'Oriol' in turns 0, 129 of transcript 1; 0 highlights moved\n"
    )
