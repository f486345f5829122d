"""Vault sync: notes rewritten in place, the user's writing and properties kept byte for byte,
nothing duplicated, deleted highlights gone, unchanged data unchanged files."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from desktop.export.vault import BEGIN, END, VaultError, sync
from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.export.test_obsidian import block_ids_stand_alone, front_matter

ABOVE = "My own summary, written in Obsidian.\n\nSee [[Other note]] and #reading.\n\n"
BELOW = "\n## My thoughts\n\nThis stays. %% my own comment %%\n"


def note_of(vault: Path, title: str = "sample") -> Path:
    return vault / f"{title}.md"


def test_first_export_writes_one_note_per_transcript_with_highlights(annotated, tmp_path):
    library, tid = annotated
    library.import_file(SAMPLE_TRANSCRIPT.with_name("sample-unlabelled.txt"))  # no highlights: no note
    report = sync(library, tmp_path / "vault")
    assert report.written == [note_of(tmp_path / "vault")] and not report.unchanged
    text = note_of(tmp_path / "vault").read_text()
    assert text.startswith('---\ntitle: "sample"\n') and '\ntalkmark: "transcript 1"\n---\n' + BEGIN + "\n" in text
    assert text.endswith("\n" + END + "\n")
    assert sorted(block_ids_stand_alone(text)) == sorted(f"^hl-{h.id}" for h in library.highlights.list(tid))
    assert front_matter(text)["highlights"] == 5


def test_re_export_of_unchanged_data_writes_nothing(annotated, tmp_path):
    library, _ = annotated
    sync(library, tmp_path, tag_notes=True)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*.md")}
    report = sync(library, tmp_path, tag_notes=True)
    assert not report.written and len(report.unchanged) == len(before) == 6  # the transcript and 5 tags
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*.md")} == before


def edit_as_a_user(path: Path) -> tuple[str, str, str]:
    """Write above, below and between the front matter and the region, and add properties
    (as Obsidian writes them: a block list, an alias) and a tag of the user's own."""
    text = path.read_text()
    front, rest = text.split("---\n")[1], text.split("---\n", 2)[2]
    front = front.replace("tags: [", 'tags: ["reading", ')
    properties = "aliases:\n  - Maya's interview\nrating: 5  # out of five\ncssclasses: [wide]\n"
    begin, end = rest.index(BEGIN), rest.index(END) + len(END) + 1
    path.write_text(f"---\n{properties}{front}---\n{ABOVE}{rest[begin:end]}{BELOW}")
    return properties, ABOVE, BELOW


def test_the_users_writing_survives_re_export_byte_for_byte(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    properties, above, below = edit_as_a_user(note_of(tmp_path))
    first, *_, last = library.highlights.list(tid)
    library.highlights.delete(first.id)
    added = library.highlights.add(tid, Position(3, 0), Position(3, 12), tags=["new/tag"], note="Fresh.")
    library.transcripts.rename(tid, "Maya, renamed")
    for _ in range(2):  # a second export changes nothing more
        report = sync(library, tmp_path)
        text = note_of(tmp_path).read_text()
        assert text.startswith("---\n" + properties)  # the user's properties, in place
        assert "---\n" + above + BEGIN + "\n" in text and text.endswith(END + "\n" + below)
        assert text.count(BEGIN) == text.count(END) == 1
        ids = block_ids_stand_alone(text)
        assert f"^hl-{first.id}" not in ids and ids.count(f"^hl-{added.id}") == 1 and ids.count(f"^hl-{last.id}") == 1
        meta = front_matter(text)
        assert meta["title"] == "Maya, renamed" and meta["rating"] == 5 and meta["aliases"] == ["Maya's interview"]
        assert meta["tags"][-1] == "reading" and "new/tag" in meta["tags"]  # the user's tag kept, after Talkmark's
        assert "Fresh." in text and report.written in ([note_of(tmp_path)], [])
    assert report.unchanged == [note_of(tmp_path)]  # a renamed transcript keeps its note's name


def test_a_tag_talkmark_no_longer_uses_leaves_the_properties(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    edit_as_a_user(note_of(tmp_path))
    [doubt] = [h for h in library.highlights.list(tid) if h.tags == ["theme/doubt"]]
    library.highlights.delete(doubt.id)
    sync(library, tmp_path)
    tags = front_matter(note_of(tmp_path).read_text())["tags"]
    assert "theme/doubt" not in tags and "reading" in tags and "#theme/doubt" not in note_of(tmp_path).read_text()


def test_a_note_is_found_by_its_property_after_the_user_moves_it(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    moved = tmp_path / "Interviews" / "Maya (2026).md"
    moved.parent.mkdir()
    note_of(tmp_path).rename(moved)
    library.highlights.delete(library.highlights.list(tid)[0].id)
    report = sync(library, tmp_path)
    assert report.written == [moved] and not note_of(tmp_path).exists()


def test_a_user_file_of_the_same_name_is_never_overwritten(annotated, tmp_path):
    library, _ = annotated
    note_of(tmp_path).write_text("My own note called sample.\n")
    report = sync(library, tmp_path)
    assert note_of(tmp_path).read_text() == "My own note called sample.\n"
    assert report.written == [tmp_path / "sample (2).md"]


def test_two_transcripts_of_one_title_get_two_notes(annotated, tmp_path):
    library, _ = annotated
    copy = tmp_path / "copy" / "sample.txt"
    copy.parent.mkdir()
    copy.write_text(SAMPLE_TRANSCRIPT.read_text().replace("Maya", "Mia"))
    other = library.import_file(copy).id
    library.highlights.add(other, Position(0, 0), Position(0, 5))
    report = sync(library, tmp_path / "vault")
    assert sorted(p.name for p in report.written) == ["sample (2).md", "sample.md"]


def test_a_region_the_user_deleted_comes_back_at_the_end(annotated, tmp_path):
    library, _ = annotated
    sync(library, tmp_path)
    note_of(tmp_path).write_text('---\nrating: 3\ntalkmark: "transcript 1"\n---\nOnly my words now.\n')
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    assert text.startswith('---\nrating: 3\ntalkmark: "transcript 1"\ntitle: ')
    assert "\n---\nOnly my words now.\n\n" + BEGIN + "\n" in text
    assert text.count("^hl-1\n") == 1


@pytest.mark.parametrize("broken", ["no end", "two begins", "end first"])
def test_broken_markers_refuse_that_note_and_leave_it_alone(annotated, tmp_path, broken):
    library, tid = annotated
    other = library.import_file(SAMPLE_TRANSCRIPT.with_name("sample-unlabelled.txt")).id
    library.highlights.add(other, Position(0, 0), Position(0, 5))
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    edits = {
        "no end": text.replace(END, "my end"),
        "two begins": text + "\n" + BEGIN + "\n",
        "end first": text.replace(BEGIN, "@@").replace(END, BEGIN).replace("@@", END),
    }
    note_of(tmp_path).write_text(edits[broken])
    library.highlights.delete(library.highlights.list(tid)[0].id)
    library.highlights.add(other, Position(1, 0), Position(1, 5))
    report = sync(library, tmp_path)
    assert note_of(tmp_path).read_text() == edits[broken]
    [refused] = report.refused
    assert isinstance(refused, VaultError) and refused.path == note_of(tmp_path) and "once each" in refused.reason
    assert report.written == [note_of(tmp_path, "sample-unlabelled")]  # the others still go


def test_windows_line_ends_are_kept(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    crlf = note_of(tmp_path).read_bytes().replace(b"\n", b"\r\n") + b"Mine.\r\n"
    note_of(tmp_path).write_bytes(crlf)
    library.highlights.delete(library.highlights.list(tid)[0].id)
    sync(library, tmp_path)
    data = note_of(tmp_path).read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and data.endswith(END.encode() + b"\r\nMine.\r\n")


def test_a_transcript_whose_highlights_are_all_gone_keeps_an_empty_region(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    for h in library.highlights.list(tid):
        library.highlights.delete(h.id)
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    assert "^hl-" not in text and "No highlights." in text and front_matter(text)["highlights"] == 0


def test_notes_of_deleted_transcripts_are_kept_and_reported(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    before = note_of(tmp_path).read_bytes()
    library.transcripts.delete(tid)
    report = sync(library, tmp_path)
    assert report.orphaned == [note_of(tmp_path)] and note_of(tmp_path).read_bytes() == before


def test_tag_notes_link_each_quote_to_its_block(annotated, tmp_path):
    library, _ = annotated
    sync(library, tmp_path, tag_notes=True)
    note = (tmp_path / "Tags" / "theme - memory.md").read_text()
    [h] = [h for h in library.highlights.list() if "theme/memory" in h.tags]
    assert f"[[sample#^hl-{h.id}|↗]]" in note and "^hl-" not in note.replace(f"#^hl-{h.id}", "")
    assert front_matter(note)["talkmark"] == f"tag {library.tags.get('theme/memory').id}"
    parent = (tmp_path / "Tags" / "theme.md").read_text() if (tmp_path / "Tags" / "theme.md").exists() else ""
    assert parent == ""  # `theme` is only a level of other tags: no note of its own
    assert len(re.findall(r"\[\[sample#\^hl-\d+\|↗\]\]", (tmp_path / "Tags" / "quote.md").read_text())) == 2


def test_the_vault_note_front_matter_is_strict_yaml(annotated, tmp_path):
    library, _ = annotated
    sync(library, tmp_path)
    meta = yaml.safe_load(note_of(tmp_path).read_text().split("---\n")[1])
    assert meta["talkmark"] == "transcript 1" and meta["speakers"] == ["Maya Okafor", "Tomás Reyes"]


def test_hidden_folders_are_not_searched(annotated, tmp_path):
    library, _ = annotated
    sync(library, tmp_path)
    trash = tmp_path / ".trash"
    trash.mkdir()
    shutil.move(note_of(tmp_path), trash / "sample.md")
    report = sync(library, tmp_path)
    assert report.written == [note_of(tmp_path)] and (trash / "sample.md").exists()


def test_a_library_with_two_transcripts_and_one_id(tmp_path):
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(SAMPLE_TRANSCRIPT).id
        library.highlights.add(tid, Position(0, 0), Position(0, 4))
        assert sync(library, tmp_path / "v", transcript_id=tid).written == [tmp_path / "v" / "sample.md"]


def test_a_note_that_writes_a_marker_cannot_break_the_region(annotated, tmp_path):
    library, tid = annotated
    first = library.highlights.list(tid)[0]
    library.highlights.update(first.id, note=f"Quoting Talkmark:\n\n{END}\n\n  {BEGIN}\n")
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    assert text.count(BEGIN) == text.count(END) == 1 and "%&#37; talkmark:end %&#37;" in text
    assert not sync(library, tmp_path).refused


def test_long_titles_taken_twice_get_numbered_names(annotated, tmp_path):
    library, tid = annotated
    library.transcripts.rename(tid, "A" * 120)
    (tmp_path / ("A" * 90 + ".md")).write_text("mine")
    assert sync(library, tmp_path).written == [tmp_path / ("A" * 90 + " (2).md")]


def test_a_note_that_cannot_be_written_is_refused_and_the_rest_go_on(annotated, tmp_path):
    library, _ = annotated
    (tmp_path / "Tags").write_text("a file where the Tags folder would go")
    report = sync(library, tmp_path, tag_notes=True)
    assert len(report.refused) == 5 and all(e.reason for e in report.refused)
    assert report.written == [note_of(tmp_path)]


def test_long_properties_and_a_byte_order_mark_do_not_hide_a_note(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    note_of(tmp_path).write_bytes(
        b"\xef\xbb\xbf" + text.replace("---\n", "---\nsummary: " + "x" * 9000 + "\n", 1).encode()
    )
    library.highlights.delete(library.highlights.list(tid)[0].id)
    report = sync(library, tmp_path)
    assert report.written == [note_of(tmp_path)] and len(list(tmp_path.glob("*.md"))) == 1
    data = note_of(tmp_path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\nsummary: xxx") and data.count(b"^hl-") == 4


def test_a_users_tag_that_a_note_also_mentions_stays(annotated, tmp_path):
    library, tid = annotated
    first = library.highlights.list(tid)[0]
    library.highlights.update(first.id, note="follow up #mine")
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    note_of(tmp_path).write_text(text.replace('tags: ["', 'tags: ["mine", "', 1))
    sync(library, tmp_path)
    assert "mine" in front_matter(note_of(tmp_path).read_text())["tags"]


def test_a_users_tag_stays_after_talkmark_used_it_and_stopped(annotated, tmp_path):
    library, tid = annotated
    first = library.highlights.list(tid)[0]
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    note_of(tmp_path).write_text(text.replace('tags: ["', 'tags: ["reviewed", "', 1))
    library.highlights.add_tag(first.id, "reviewed")  # Talkmark's too, for a while
    sync(library, tmp_path)
    tagged = note_of(tmp_path).read_text()
    assert front_matter(tagged)["tags"].count("reviewed") == 1 and "%% tags you added: reviewed %%" in tagged
    library.highlights.untag(first.id, "reviewed")
    sync(library, tmp_path)
    assert "reviewed" in front_matter(note_of(tmp_path).read_text())["tags"]
    assert sync(library, tmp_path).written == []  # and it stays still


def test_a_tag_notes_date_goes_when_its_transcripts_no_longer_share_one(tmp_path):
    with Library(tmp_path / "l.sqlite") as library:
        ids = []
        for day in ("2024-03-05", "2024-06-10"):
            (tmp_path / f"{day} talk.txt").write_text(SAMPLE_TRANSCRIPT.read_text().replace("Maya", day))
            ids.append(library.import_file(tmp_path / f"{day} talk.txt").id)
        library.highlights.add(ids[0], Position(0, 0), Position(0, 4), tags=["x"])
        sync(library, tmp_path / "vault", tag_notes=True)
        tag_note = tmp_path / "vault" / "Tags" / "x.md"
        assert front_matter(tag_note.read_text())["date"].isoformat() == "2024-03-05"
        tag_note.write_text(tag_note.read_text().replace("\ntalkmark:", "\nrating: 5  # mine\ntalkmark:"))
        library.highlights.add(ids[1], Position(0, 0), Position(0, 4), tags=["x"])
        sync(library, tmp_path / "vault", tag_notes=True)
        meta = front_matter(tag_note.read_text())
        assert "date" not in meta and meta["rating"] == 5 and meta["transcripts"] == 2


def test_a_copy_of_a_note_is_not_the_one_updated(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    copy = tmp_path / "sample 1.md"
    shutil.copy(note_of(tmp_path), copy)
    before = copy.read_bytes()
    library.highlights.delete(library.highlights.list(tid)[0].id)
    assert sync(library, tmp_path).written == [note_of(tmp_path)] and copy.read_bytes() == before


def test_a_title_with_percent_signs_links_safely(annotated, tmp_path):
    library, tid = annotated
    library.transcripts.rename(tid, "50%% [draft] #1 | a^b")
    sync(library, tmp_path, tag_notes=True)
    [note] = [p for p in tmp_path.glob("*.md")]
    assert not set("%[]#|^") & set(note.stem)
    assert f"[[{note.stem}#^hl-" in (tmp_path / "Tags" / "quote.md").read_text()


def test_a_front_matter_closed_with_dots_keeps_its_closing_line(annotated, tmp_path):
    library, tid = annotated
    sync(library, tmp_path)
    text = note_of(tmp_path).read_text()
    note_of(tmp_path).write_text(text.replace(f"---\n{BEGIN}", f"...\n{BEGIN}", 1))
    library.highlights.delete(library.highlights.list(tid)[0].id)
    assert sync(library, tmp_path).written == [note_of(tmp_path)]
    assert f'\ntalkmark: "transcript 1"\n...\n{BEGIN}\n' in note_of(tmp_path).read_text()


def test_a_folder_keeps_the_notes_of_one_library(annotated, tmp_path):
    """Another library's export into the folder is refused before it writes: its transcript 1
    is another transcript, so it would take over this library's notes."""
    library, _ = annotated
    sync(library, tmp_path / "vault")
    marker = tmp_path / "vault" / ".talkmark"
    assert marker.read_text() == f"library {library.identity}\n"
    before = {p: p.read_bytes() for p in (tmp_path / "vault").rglob("*")}
    with Library(tmp_path / "other.sqlite") as other:
        other.import_file(SAMPLE_TRANSCRIPT.with_name("sample-unlabelled.txt"))
        other.highlights.add(1, Position(0, 0), Position(0, 4))
        assert other.identity != library.identity
        with pytest.raises(VaultError, match="holds the notes of another Talkmark library") as refused:
            sync(other, tmp_path / "vault")
        assert refused.value.path == tmp_path / "vault"
        assert {p: p.read_bytes() for p in (tmp_path / "vault").rglob("*")} == before
        marker.unlink()  # as the message says: the other library takes the notes over
        assert sync(other, tmp_path / "vault").written == [note_of(tmp_path / "vault")]
        assert marker.read_text() == f"library {other.identity}\n"


def test_a_copy_of_the_library_and_an_older_export_are_the_same_library(annotated, tmp_path):
    library, _ = annotated
    sync(library, tmp_path / "vault")
    (tmp_path / "vault" / ".talkmark").unlink()  # as exported before folders were marked
    assert sync(library, tmp_path / "vault").written == []
    library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as a closed library's file is
    shutil.copy(library.path, tmp_path / "copy.sqlite")
    with Library(tmp_path / "copy.sqlite", backup=False) as copy:
        assert copy.identity == library.identity and sync(copy, tmp_path / "vault").written == []


def test_a_folder_claimed_by_another_export_inside_the_vault_is_left_alone(annotated, tmp_path):
    """Library A exports to vault/, library B to vault/B/: A's export never takes B's notes
    for its own (its search for notes stops at B's `.talkmark`)."""
    library, _ = annotated
    vault = tmp_path / "vault"
    with Library(tmp_path / "other.sqlite") as other:
        other.import_file(SAMPLE_TRANSCRIPT.with_name("sample-unlabelled.txt"))
        other.highlights.add(1, Position(0, 0), Position(0, 4))
        sync(other, vault / "B")
    theirs = {p: p.read_bytes() for p in (vault / "B").rglob("*")}
    report = sync(library, vault)
    assert report.written == [note_of(vault)]  # a note of its own, beside B's folder
    assert {p: p.read_bytes() for p in (vault / "B").rglob("*")} == theirs


@pytest.mark.parametrize("breaker", ["\x0c", "\x0b", "\x85", "\x1e", "\u2028", "\r"])
def test_a_marker_after_any_line_break_character_in_a_note_never_breaks_the_region(annotated, tmp_path, breaker):
    library, tid = annotated
    first = library.highlights.list(tid)[0]
    library.highlights.update(first.id, note=f"pasted{breaker}{END}\nafter")
    assert sync(library, tmp_path).refused == []
    library.highlights.update(first.id, note=f"pasted again{breaker}{END}")
    assert sync(library, tmp_path).refused == []  # the export after the first, too
    text = note_of(tmp_path).read_bytes().decode("utf-8")
    assert [line.strip() for line in re.split(r"\r\n|\r|\n", text)].count(END) == 1


def test_copies_of_an_older_library_migrated_apart_are_one_library(tmp_path):
    """A library from before identities (schema 8): each copy takes its identity from its first
    transcript when migrated, so a copy, or the backup made before the upgrade, restored, still
    owns the library's vault."""
    with Library(tmp_path / "old.sqlite") as old:
        old.import_file(SAMPLE_TRANSCRIPT)
        old.conn.execute("DROP TABLE library_info")
        old.conn.execute("PRAGMA user_version = 8")
        old.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for name in ("one.sqlite", "two.sqlite"):
        shutil.copy(tmp_path / "old.sqlite", tmp_path / name)
    with Library(tmp_path / "one.sqlite") as one, Library(tmp_path / "two.sqlite") as two:
        assert one.identity == two.identity and " " not in one.identity
        one.highlights.add(1, Position(0, 0), Position(0, 4))
        two.highlights.add(1, Position(0, 0), Position(0, 4))
        assert sync(one, tmp_path / "vault").written and not sync(two, tmp_path / "vault").refused
    with Library(tmp_path / "new.sqlite") as new:  # a library of its own, made the same way, is not
        new.import_file(SAMPLE_TRANSCRIPT)
        assert new.identity != one.identity


def test_a_marker_that_is_not_a_plain_file_is_refused_in_one_line(annotated, tmp_path):
    library, _ = annotated
    vault = tmp_path / "vault"
    vault.mkdir()
    os.mkfifo(vault / ".talkmark")  # reading a pipe would wait for ever
    with pytest.raises(VaultError, match="is not a plain file"):
        sync(library, vault)
    (vault / ".talkmark").unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (vault / ".talkmark").symlink_to(victim)  # never written through
    with pytest.raises(VaultError, match="is not a plain file"):
        sync(library, vault)
    assert victim.read_text() == "mine"
    (vault / ".talkmark").unlink()
    (vault / ".talkmark").write_bytes(b"\xef\xbb\xbfLIBRARY someone-else\n")  # a BOM and capitals: still theirs
    with pytest.raises(VaultError, match="another Talkmark library"):
        sync(library, vault)
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    with pytest.raises(VaultError, match="is a link to a folder that does not exist"):
        sync(library, tmp_path / "gone")
