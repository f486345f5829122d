"""`export --vault DIR` as a real process: what it prints, what it writes, and its errors."""

from __future__ import annotations

from desktop.export.vault import END
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.library.test_cli import run


def test_vault_export_then_re_export(tmp_path):
    library, vault = str(tmp_path / "lib.sqlite"), tmp_path / "vault"
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    run("autotag", "flood", "--tag", "topic/flood", "--library", library)
    result = run("export", "--vault", str(vault), "--tag-notes", "--library", library)
    assert result.returncode == 0, result.stderr
    note, tag_note = vault / "sample.md", vault / "Tags" / "topic - flood.md"
    assert result.stdout == f"written\t{note}\nwritten\t{tag_note}\n2 notes written, 0 unchanged in {vault}\n"
    note.write_text(note.read_text() + "My words.\n")
    again = run("export", "--vault", str(vault), "--tag-notes", "--library", library)
    assert again.stdout == f"0 notes written, 2 unchanged in {vault}\n"
    assert note.read_text().endswith(END + "\nMy words.\n")


def test_vault_export_errors(tmp_path):
    library, vault = str(tmp_path / "lib.sqlite"), tmp_path / "vault"
    run("import", str(SAMPLE_TRANSCRIPT), "--library", library)
    run("autotag", "flood", "--tag", "topic", "--library", library)
    cases = {
        ("--vault", str(vault), "--format", "csv"): f"error: {vault}: --vault writes Markdown notes per transcript; "
        "--tag, --format, --group-by-tag, --bom and --rows-per-tag do not apply\n",
        ("--vault", str(vault), "--rows-per-tag"): f"error: {vault}: --vault writes Markdown notes per transcript; "
        "--tag, --format, --group-by-tag, --bom and --rows-per-tag do not apply\n",
        ("--tag-notes", "-o", str(tmp_path / "x.md")): "error: export: --tag-notes needs --vault DIR\n",
        ("--vault", str(SAMPLE_TRANSCRIPT)): f"error: {SAMPLE_TRANSCRIPT}: is not a folder\n",
        ("--vault", str(vault), "--transcript", "9"): f"error: {library}: no transcript with id 9\n",
        ("--vault", str(vault), "--transcript", "1", "--tag-notes"): f"error: {vault}: --tag-notes gathers every "
        "transcript; leave out --transcript\n",
    }
    for args, message in cases.items():
        result = run("export", *args, "--library", library)
        assert (result.returncode, result.stderr, result.stdout) == (1, message, "")
    assert run("export", "--library", library).returncode == 2  # neither -o nor --vault: usage

    run("export", "--vault", str(vault), "--library", library)
    (vault / "sample.md").write_text((vault / "sample.md").read_text().replace(END, "gone"))
    result = run("export", "--vault", str(vault), "--library", library)
    assert result.returncode == 1 and result.stdout == f"0 notes written, 0 unchanged, 1 refused in {vault}\n"
    assert result.stderr.startswith(f"error: {vault / 'sample.md'}: the lines '%% talkmark:begin %%' and ")
    assert result.stderr.count("\n") == 1


def test_a_second_librarys_export_into_the_folder_is_one_line_and_writes_nothing(tmp_path):
    vault = tmp_path / "vault"
    for name in ("work.sqlite", "home.sqlite"):
        run("import", str(SAMPLE_TRANSCRIPT), "--library", str(tmp_path / name))
        run("autotag", "flood", "--tag", "topic", "--library", str(tmp_path / name))
    assert run("export", "--vault", str(vault), "--library", str(tmp_path / "work.sqlite")).returncode == 0
    before = (vault / "sample.md").read_bytes()
    result = run("export", "--vault", str(vault), "--library", str(tmp_path / "home.sqlite"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"error: {vault}: holds the notes of another Talkmark library (its transcripts have the "
                             "same numbers as this one's): choose another folder, or delete .talkmark there to let "
                             "this library take its notes over\n")  # fmt: skip
    assert (vault / "sample.md").read_bytes() == before
