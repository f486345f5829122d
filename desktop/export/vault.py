"""Vault sync: one Obsidian note per transcript (and, when asked, one per tag) in a folder,
rewritten on every export without touching what the user wrote in them.

Talkmark owns two things in a note it made: the lines from `%% talkmark:begin %%` to
`%% talkmark:end %%` (an Obsidian comment pair, invisible when reading), and the front-matter
properties it writes (`properties()` of the Markdown export, plus `talkmark`, which names
the transcript or tag the note belongs to). Everything else, text above, between other
sections or below the region, and properties the user added, is kept byte for byte; tags
the user added to `tags` are kept too. A note is found by its `talkmark` property, not its
file name, so a note the user renamed or moved within the folder is still updated, and a
renamed transcript keeps its note's file name (links into it keep working). Unchanged data
gives byte-identical notes, which are then not written at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from desktop.export.collect import Excerpt, Scope, collect
from desktop.export.filenames import safe_filename
from desktop.export.markdown import MarkdownOptions, body, properties, yaml_string
from desktop.export.writing import write_export
from desktop.library import Library

BEGIN = "%% talkmark:begin %%"
END = "%% talkmark:end %%"
KEY = "talkmark"  # the property naming what a note belongs to: "transcript 12", "tag 5"
MARKER = ".talkmark"  # in the vault folder: `library <identity>`, whose notes these are
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
OPTIONAL = ("date", "imported")  # Talkmark's properties it may have nothing for: then taken away
# The tags the user put in `tags` that Talkmark's highlights carry too, kept in the region (an
# Obsidian comment, hidden when reading) so they stay when Talkmark's highlights no longer do.
_YOURS = re.compile(r"%% tags you added: (.*) %%")
TAG_FOLDER = "Tags"
_TAG_IN_TEXT = re.compile(r"(?:^|(?<=\s))#([\w/\-]+)")  # a tag as the Markdown export writes one
_UNLINKABLE = re.compile(r"[#^\[\]|%]")
_STEM = 90  # characters of a new note's file name, before any ` (2)`
_HEAD = 1 << 20  # at most this much of a Markdown file is read to find its `talkmark` property
_BOM = "\ufeff"


class VaultError(ValueError):
    """A note Talkmark cannot update without risking the user's text; `path` names it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Note:
    """What Talkmark writes in one note: its `key` ("transcript 12"), a file name for a new
    note, the folder it goes in (relative), its managed properties and region lines."""

    key: str
    name: str
    folder: str
    properties: dict[str, str]
    region: list[str]


@dataclass
class VaultReport:
    """What a sync did: notes written (new or changed), left as they were, kept although their
    transcript or tag is gone from the library, and refused (with why)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    orphaned: list[Path] = field(default_factory=list)
    refused: list[VaultError] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        """One line: how many notes were written and left as they were (and what went wrong)."""
        parts = [f"{len(self.written)} {'note' if len(self.written) == 1 else 'notes'} written",
                 f"{len(self.unchanged)} unchanged"]  # fmt: skip
        if self.orphaned:
            parts.append(f"{len(self.orphaned)} kept whose transcript or tag is gone")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts) + (" (cancelled)" if self.cancelled else "")


def sync(library: Library, folder: Path, *, transcript_id: int | None = None, tag_notes: bool = False,
         options: MarkdownOptions | None = None, progress: Callable[[int, int], bool] | None = None
         ) -> VaultReport:  # fmt: skip
    """Write or update the notes of every transcript with highlights (or only `transcript_id`),
    and with `tag_notes` one note per tag, in `folder`. A transcript whose note exists is
    updated even when its last highlight was deleted. Notes of transcripts or tags no longer
    in the library are left alone and reported. `progress(done, total)` is called after each
    note; when it returns False the sync stops there (each note is written whole or not at all).
    Tag notes gather the whole library, so they cannot be asked for with one transcript."""
    if tag_notes and transcript_id is not None:
        raise ValueError("tag notes gather every transcript; they cannot be made for one")
    claim(folder, library.identity)
    options = options or MarkdownOptions()
    scope = collect(library, transcript_id=transcript_id)
    existing = find_notes(folder)
    notes = transcript_notes(scope, options, existing)
    paths = note_paths(folder, notes, existing)
    if tag_notes:
        tags = {tag.name: tag.id for tag in library.tags.list()}
        stems = {int(n.key.split()[1]): paths[n.key].stem for n in notes}
        by_tag = tag_notes_of(scope, tags, options, stems, existing)
        paths |= note_paths(folder, by_tag, existing, taken=set(paths.values()))
        notes += by_tag
    report = VaultReport()
    for done, note in enumerate(notes, start=1):
        write_note(paths[note.key], note, report)
        if progress is not None and not progress(done, len(notes)):
            report.cancelled = True
            break
    live = {n.key for n in notes} | _live_keys(library)
    report.orphaned = sorted(path for key, path in existing.items() if key not in live)
    return report


def claim(folder: Path, identity: str) -> None:
    """Record in `folder` (as `.talkmark`) that its notes are this library's; a VaultError when
    another library's notes are there (the same ids name other transcripts, so its notes would
    be taken over), or when the marker is not a plain file (a link, a pipe) to read and write."""
    if folder.is_symlink() and not folder.exists():
        raise VaultError(folder, "is a link to a folder that does not exist")
    marker = folder / MARKER
    if marker.is_symlink() or (marker.exists() and not marker.is_file()):
        raise VaultError(marker, "is not a plain file: Talkmark keeps the name of the library whose notes "
                                 "these are in it; delete it and export again")  # fmt: skip
    try:
        found = marker.read_bytes()[:4096].decode("utf-8-sig", errors="replace").split()
    except FileNotFoundError:
        found = []
    except OSError as exc:
        raise VaultError(marker, f"cannot be read: {exc.strerror or exc}") from None
    owner = found[1] if len(found) > 1 and found[0].casefold() == "library" else None
    if owner is not None and owner != identity:
        raise VaultError(folder, "holds the notes of another Talkmark library (its transcripts have the same "
                                 f"numbers as this one's): choose another folder, or delete {MARKER} there to "
                                 "let this library take its notes over")  # fmt: skip
    if found[:2] != ["library", identity]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(f"library {identity}\n", encoding="utf-8")
        except OSError as exc:
            raise VaultError(marker, f"cannot be written: {exc.strerror or exc}") from None


def note_paths(folder: Path, notes: list[Note], existing: dict[str, Path], taken: set[Path] | None = None
               ) -> dict[str, Path]:  # fmt: skip
    """Where each note goes: the file found for its key, else a new name from its title that
    no file (and no other new note) takes: `Title.md`, else `Title (2).md`, …"""
    taken = set(taken or ()) | set(existing.values())
    paths = {}
    for note in notes:
        path = existing.get(note.key)
        if path is None:
            path = _free_path(folder / note.folder, note.name, taken)
        taken.add(path)
        paths[note.key] = path
    return paths


def transcript_notes(scope: Scope, options: MarkdownOptions, existing: dict[str, Path]) -> list[Note]:
    """A note per transcript in scope that has highlights or already has a note."""
    notes = []
    for part in split_by_transcript(scope):
        key = f"transcript {part.transcripts[0].id}"
        if part.excerpts or key in existing:
            notes.append(_note(key, part.title, "", part, options, {}))
    return notes


def tag_notes_of(scope: Scope, tags: dict[str, int], options: MarkdownOptions, names: dict[int, str],
                 existing: dict[str, Path]) -> list[Note]:  # fmt: skip
    """A note per tag with highlights (sub-tags' included, as `export --tag` does) or with a
    note already, in the Tags folder, each quote linking to its block in its transcript's note
    (`names`: note file stems)."""
    notes = []
    for name, tag_id in sorted(tags.items(), key=lambda item: item[0].casefold()):
        excerpts = [e for e in scope.excerpts if any(_within(t, name) for t in e.highlight.tags)]
        if not excerpts and f"tag {tag_id}" not in existing:
            continue
        ids = {e.transcript.id for e in excerpts}
        part = Scope(f"#{name}", [t for t in scope.transcripts if t.id in ids], excerpts, scope.turns, scope.tags,
                     name, scope.changed, scope.media, scope.descriptions)  # fmt: skip
        linked = MarkdownOptions(options.quote_style, block_ids=False, media_links=options.media_links)
        notes.append(_note(f"tag {tag_id}", name.replace("/", " - "), TAG_FOLDER, part, linked, names))
    return notes


def _within(tag: str, name: str) -> bool:
    """Whether `tag` is the tag `name` or one of its sub-tags (case aside)."""
    return tag.casefold() == name.casefold() or tag.casefold().startswith(name.casefold() + "/")


def split_by_transcript(scope: Scope) -> Iterable[Scope]:
    """A scope of one transcript for each transcript of `scope`, in its order."""
    excerpts: dict[int, list[Excerpt]] = {}
    for e in scope.excerpts:
        excerpts.setdefault(e.transcript.id, []).append(e)
    for transcript in scope.transcripts:
        media = {transcript.id: scope.media[transcript.id]} if transcript.id in scope.media else {}
        yield Scope(transcript.title, [transcript], excerpts.get(transcript.id, []), scope.turns, scope.tags, None,
                    scope.changed, media)  # fmt: skip


def _note(key: str, name: str, folder: str, scope: Scope, options: MarkdownOptions, names: dict[int, str]) -> Note:
    fields = {**properties(scope), KEY: yaml_string(key)}
    lines = body(scope, options, names) if scope.excerpts else [*body(scope, options, names), "No highlights.", ""]
    lines = [_defused(line) for line in "\n".join(lines).split("\n")]
    return Note(key, name, folder, fields, [BEGIN, "", *_trimmed(lines), "", END])


def _defused(line: str) -> str:
    """A line of a highlight's note that reads as a marker, made into text that only looks like
    one (its second `%` an entity), so the region always has exactly one begin and one end (a
    lone `\r` ends a line too)."""
    pieces = line.split("\r")
    return "\r".join(p.replace("%%", "%&#37;") if p.strip() in (BEGIN, END) else p for p in pieces)


def lines_of(text: str, keepends: bool = False) -> list[str]:
    """Text cut into lines where Markdown ends them: at `\n`, `\r\n` or `\r` only (not at the
    form feeds, separators and other breaks `str.splitlines` also cuts at, which a note may
    hold and Obsidian shows within a line)."""
    found = _LINE.findall(text)
    return found if keepends else [line.rstrip("\r\n") for line in found]


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def write_note(path: Path, note: Note, report: VaultReport) -> None:
    """Create the note at `path`, or merge it into the one there; write only what changed."""
    try:
        old = path.read_bytes().decode("utf-8") if path.exists() else None  # line ends as they are
        new = merge(old, note, path)
    except (OSError, UnicodeDecodeError) as exc:
        report.refused.append(VaultError(path, getattr(exc, "strerror", None) or "cannot be read as UTF-8"))
        return
    except VaultError as exc:
        report.refused.append(exc)
        return
    if new == old:
        report.unchanged.append(path)
        return
    try:
        write_export(new.encode("utf-8"), path)
    except OSError as exc:
        report.refused.append(VaultError(path, exc.strerror or "cannot be written"))
        return
    report.written.append(path)


def _free_path(folder: Path, name: str, taken: set[Path]) -> Path:
    # Without the characters that would end an Obsidian link to the note, and short enough
    # that a ` (n)` still fits in a file name.
    stem = safe_filename(_UNLINKABLE.sub("-", name), "", fallback="note")[:_STEM].rstrip(" .-") or "note"
    path, n = folder / f"{stem}.md", 2
    while path in taken or path.exists() or path.is_symlink():
        path = folder / f"{stem} ({n}).md"
        n += 1
    return path


def merge(old: str | None, note: Note, path: Path) -> str:
    """The note's text: `old` with its managed properties and region replaced by `note`'s,
    everything else as it was (line ends as the file has them); a new note when `old` is None."""
    newline = "\r\n" if old and "\r\n" in old else "\n"
    if old is None:
        return newline.join(["---", *_property_lines(note.properties), "---", *note.region, ""])
    bom = _BOM if old.startswith(_BOM) else ""  # as Windows editors write it: kept
    front, closing, rest = split_front_matter(old.removeprefix(bom))
    fields, region = dict(note.properties), note.region
    if front is not None and "tags" in fields:
        fields["tags"], shared = _kept_user_tags(front, note.properties["tags"], *_region_tags(rest))
        if shared:
            region = [region[0], f"%% tags you added: {', '.join(shared)} %%", *region[1:]]
    closing = closing if closing.endswith(("\n", "\r")) else (closing or "---") + newline
    gone = {key for key in OPTIONAL if key not in fields}
    head = bom + "---" + newline + merge_properties(front or [], fields, newline, gone) + closing
    return head + replace_region(rest, region, newline, path)


def split_front_matter(text: str) -> tuple[list[str] | None, str, str]:
    """The front matter's lines (ends kept) between its fences, its closing fence (`---` or
    `...`, as written), and the text after it; None and "" when the text has no front matter."""
    lines = lines_of(text, keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None, "", text
    for n in range(1, len(lines)):
        if lines[n].rstrip("\r\n") in ("---", "..."):
            return lines[1:n], lines[n], "".join(lines[n + 1 :])
    return None, "", text  # never closed: it is text, as Obsidian reads it


def merge_properties(lines: list[str], fields: dict[str, str], newline: str, gone: set[str] = frozenset()) -> str:
    """Front-matter lines with each managed property's value replaced in place (those in `gone`
    taken away), the user's properties (and comments) kept as they were, managed ones not there
    yet added after the last managed one (at the top when none)."""
    out: list[str] = []
    placed: set[str] = set()
    last = 0
    for key, chunk in property_chunks(lines):
        if key in gone:
            out += _trailing_comments(chunk)
        elif key in fields:
            if key not in placed:
                out.append(f"{key}: {fields[key]}{newline}")
                placed.add(key)
            out += _trailing_comments(chunk)
            last = len(out)
        else:
            out += chunk
    if out and not out[-1].endswith(("\n", "\r")):
        out[-1] += newline
    missing = [f"{key}: {value}{newline}" for key, value in fields.items() if key not in placed]
    return "".join(out[:last] + missing + out[last:])


def property_chunks(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Front matter cut into top-level entries: a key's line with the lines that continue it
    (indented, list items, blank lines and comments after it); each with its key, or None
    when it does not read as one YAML mapping entry."""
    chunks: list[list[str]] = []
    for line in lines:
        if chunks and (line[:1] in (" ", "\t", "-", "#") or not line.strip()):
            chunks[-1].append(line)
        else:
            chunks.append([line])
    return [(_key(chunk), chunk) for chunk in chunks]


def _key(chunk: list[str]) -> str | None:
    try:
        loaded = yaml.safe_load("".join(chunk))
    except yaml.YAMLError:
        return None
    return str(next(iter(loaded))) if isinstance(loaded, dict) and len(loaded) == 1 else None


def _trailing_comments(chunk: list[str]) -> list[str]:
    """The blank and comment lines that end a property's chunk (they belong to what follows)."""
    n = len(chunk)
    while n > 1 and (not chunk[n - 1].strip() or chunk[n - 1].startswith("#")):
        n -= 1
    return chunk[n:]


def _region_tags(text: str) -> tuple[set[str], set[str]]:
    """The tags the last export wrote (as written, `#` dropped): those in the quotes of the
    managed region, where Talkmark puts them (a note's own `#words` are the user's); and the
    user's tags it noted there as theirs too. None when the region is gone."""
    lines = lines_of(text)
    inside = [line.strip() for line in lines]
    if BEGIN not in inside or END not in inside:
        return set(), set()
    region = lines[inside.index(BEGIN) : inside.index(END)]
    quoted = [line for line in region if line.startswith(">")]
    noted = [found[1] for line in region if (found := _YOURS.fullmatch(line.strip()))]
    yours = {tag for line in noted for tag in line.split(", ")}
    return {m.group(1) for line in quoted for m in _TAG_IN_TEXT.finditer(line)}, yours


def _kept_user_tags(front: list[str], ours: str, previous: set[str], yours: set[str]) -> tuple[str, list[str]]:
    """`tags`: Talkmark's tags, then those the user added (in the note's tags and either not
    among what Talkmark wrote last time or noted as the user's); and the user's tags that
    Talkmark's are now too, to note in the region."""
    theirs: object = None
    for key, chunk in property_chunks(front):
        if key == "tags":
            try:
                theirs = yaml.safe_load("".join(chunk))["tags"]
            except (yaml.YAMLError, TypeError, KeyError):
                theirs = None
    if isinstance(theirs, str):
        theirs = re.split(r"[,\s]+", theirs)
    current = yaml.safe_load(ours)
    added = [str(t).lstrip("#") for t in theirs or [] if t] if isinstance(theirs, list) else []
    users = [t for t in dict.fromkeys(added) if t not in previous or t in yours]
    extra = [t for t in users if t not in current]
    shared = [t for t in users if t in current]
    return (ours if not extra else "[" + ", ".join(yaml_string(t) for t in [*current, *extra]) + "]"), shared


def replace_region(text: str, region: list[str], newline: str, path: Path) -> str:
    """`text` with the lines from BEGIN to END replaced by `region`; the region added at the
    end when the note has neither marker. A marker missing, repeated or out of order is a
    VaultError: the user's text around it cannot be told from Talkmark's."""
    lines = lines_of(text, keepends=True)
    marks = [line.strip() for line in lines]
    begins = [n for n, m in enumerate(marks) if m == BEGIN]
    ends = [n for n, m in enumerate(marks) if m == END]
    block = newline.join(region) + newline
    if not begins and not ends:
        if not text.strip():
            return block
        separator = "" if text.endswith(("\n\n", "\r\n\r\n")) else newline if text.endswith("\n") else newline * 2
        return text + separator + block
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise VaultError(path, f"the lines '{BEGIN}' and '{END}' must appear once each, in that order; "
                               "put them back or delete the note to have it written anew")  # fmt: skip
    after = "".join(lines[ends[0] + 1 :])
    if not lines[ends[0]].endswith(("\n", "\r")):
        block = block.removesuffix(newline)
    return "".join(lines[: begins[0]]) + block + after


def _property_lines(fields: dict[str, str]) -> list[str]:
    return [f"{key}: {value}" for key, value in fields.items()]


def find_notes(folder: Path) -> dict[str, Path]:
    """Talkmark's notes under `folder` by their `talkmark` key (hidden folders such as
    `.obsidian` and `.trash` skipped, and folders with a `.talkmark` of their own: another
    export's, perhaps another library's). A key held twice, as by a copy the user made
    (Obsidian names it `Title 1.md`), stays with the file of the shorter name."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    claimed = {marker.parent for marker in folder.rglob(MARKER) if marker.parent != folder}
    for path in sorted(folder.rglob("*.md"), key=lambda p: (len(p.name), p.parts)):
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
            continue
        if claimed and any(parent in claimed for parent in path.parents):
            continue
        key = _note_key(path)
        if key is not None:
            found.setdefault(key, path)
    return found


def _note_key(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD).decode("utf-8", errors="replace")
    except OSError:
        return None
    front, _, _ = split_front_matter(head.removeprefix(_BOM))
    for key, chunk in property_chunks(front or []):
        if key == KEY:
            try:
                value = yaml.safe_load("".join(chunk))[KEY]
            except (yaml.YAMLError, TypeError, KeyError):
                return None
            return value if isinstance(value, str) else None
    return None


def _live_keys(library: Library) -> set[str]:
    """The keys of every transcript and tag in the library."""
    return {f"transcript {t.id}" for t in library.transcripts.list()} | {f"tag {t.id}" for t in library.tags.list()}
