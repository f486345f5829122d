"""The Markdown export as Obsidian reads it: block ids as paragraphs of their own, valid tags,
front matter a strict YAML loader takes (a date as a date), and notes' headings nested."""

from __future__ import annotations

import datetime
import re
import shutil

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from desktop.export import ExportOptions, collect, export
from desktop.export.markdown import MarkdownOptions, obsidian_tag, render
from desktop.export.note_headings import nest_headings
from desktop.export.note_markdown import note_words
from desktop.export.vault import sync
from desktop.formats.dates import date_in_name
from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT

STYLES = [
    MarkdownOptions(),
    MarkdownOptions(quote_style="callout"),
    MarkdownOptions(group_by_tag=True),
    MarkdownOptions(quote_style="callout", group_by_tag=True),
]


class StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML keeps the last silently)."""


def _mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(None, None, f"keys given twice: {duplicates}", node.start_mark)
    return loader.construct_mapping(node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def front_matter(text: str) -> dict:
    """The note's front matter, through markdown-it-py's front-matter plugin and the strict loader."""
    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(text)
    assert tokens[0].type == "front_matter"
    return yaml.load(tokens[0].content, Loader=StrictLoader)  # a SafeLoader


def block_ids_stand_alone(text: str) -> list[str]:
    """Every `^hl-` id, checked to be a paragraph of its own that follows a blank line."""
    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(text)
    lines = text.split("\n")
    ids = []
    for n, token in enumerate(tokens):
        if token.type == "inline" and "^hl-" in token.content:
            assert tokens[n - 1].type == "paragraph_open" and tokens[n - 1].level == 0, token.content
            assert token.content.startswith("^hl-") and token.content[4:].isdigit(), token.content
            first = token.map[0]
            assert token.map[1] - first == 1 and lines[first - 1] == "", token.content
            ids.append(token.content)
    return ids


@pytest.mark.parametrize("options", STYLES, ids=["blockquote", "callout", "by-tag", "callout-by-tag"])
def test_every_block_id_is_a_paragraph_after_a_blank_line(annotated, options):
    library, tid = annotated
    library.highlights.add(tid, Position(0, 0), Position(0, 4))  # no tags: the callout's last line is its quote
    text = render(collect(library, transcript_id=tid), options)
    ids = block_ids_stand_alone(text)
    assert sorted(ids) == sorted(f"^hl-{h.id}" for h in library.highlights.list(tid))  # each once
    front_matter(text)


HOSTILE_NOTES = ["```python\nnever closed", "~~~~\ncode\n~~~", "<!-- a comment left open", "<pre>\nleft open",
                 "<script>left open", "see ^hl-1", "^hl-2", "```\n^hl-3\n```", "> quoted\n> ```\n> open",
                 "50%% of them", "```\n%%\n```\nthen 50%% more", "mine %%hidden%% stays"]  # fmt: skip


@pytest.mark.parametrize("options", STYLES, ids=["blockquote", "callout", "by-tag", "callout-by-tag"])
def test_no_note_hides_or_copies_a_block_id(annotated, options):
    """A note leaving a code fence or HTML block open would make every later quote and id code;
    a note's own `^hl-N` line would be a second block of that id."""
    library, tid = annotated
    for n, note in enumerate(HOSTILE_NOTES):
        library.highlights.add(tid, Position(n, 0), Position(n, 4), note=note)
    text = render(collect(library, transcript_id=tid), options)
    assert sorted(block_ids_stand_alone(text)) == sorted(f"^hl-{h.id}" for h in library.highlights.list(tid))
    assert "```python\nnever closed\n```\n" in text and "<!-- a comment left open\n-->" in text
    assert "see &#94;hl-1" in text and "```\n^hl-3\n```" in text  # in code it is shown as written
    # An Obsidian comment left open would hide everything after it; pairs are the user's own.
    assert "50%&#37; of them" in text and "```\n%%\n```\nthen 50%&#37; more" in text
    assert "mine %%hidden%% stays" in text and _open_comment(text) is None


def _open_comment(text: str) -> int | None:
    """Where an Obsidian comment opens and never closes (outside code), if one does."""
    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(text)
    plain = [t.content for t in tokens if t.type == "inline"]
    marks = [m.start() for m in re.finditer("%%", "\n".join(re.sub("`[^`]*`", "", p) for p in plain))]
    return marks[-1] if len(marks) % 2 else None


def test_a_note_starting_with_indented_code_stays_code(annotated):
    library, tid = annotated
    library.highlights.add(tid, Position(0, 0), Position(0, 4), note="\n    # not a heading\n    x = 1\n")
    assert "\n    # not a heading\n    x = 1\n" in render(collect(library, transcript_id=tid))


def test_a_tags_description_heads_its_section_and_its_export(annotated, tmp_path):
    library, tid = annotated
    library.tags.describe("quote", "Lines worth *quoting*.\nShort ones.")
    described = "Lines worth \\*quoting\\*.\nShort ones.\n\n"  # plain text: its stars escaped
    grouped = render(collect(library, transcript_id=tid), MarkdownOptions(group_by_tag=True))
    assert "\n## quote\n\n" + described in grouped
    assert "\n# \\#quote\n\n" + described + "> Which time?" in render(collect(library, tag="quote"))
    sync(library, tmp_path, tag_notes=True)
    assert "\n# \\#quote\n\n" + described in (tmp_path / "Tags" / "quote.md").read_text()
    assert "Short ones" not in render(collect(library, tag="method/notes"))


def test_front_matter_lists_dates_and_valid_tags(tmp_path):
    path = tmp_path / "2024-03-05 Interview with Maya.txt"
    shutil.copy(SAMPLE_TRANSCRIPT, path)
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        library.highlights.add(tid, Position(0, 0), Position(0, 4), tags=["1987", "Über Gründe", "@evil", "a/b c"])
        meta = front_matter(render(collect(library, transcript_id=tid)))
        imported = library.transcripts.get(tid).imported_at[:10]
    assert meta["date"] == datetime.date(2024, 3, 5)  # unquoted ISO: a date, as Obsidian's Date property
    assert meta["imported"] == datetime.date.fromisoformat(imported)
    assert meta["source"] == [path.name] and meta["speakers"] == ["Maya Okafor", "Tomás Reyes"]
    assert meta["tags"] == ["_1987", "a/b-c", "evil", "Über-Gründe"]
    assert meta["transcripts"] == 1 and meta["highlights"] == 1


def test_date_only_when_every_transcript_shares_one(tmp_path):
    with Library(tmp_path / "l.sqlite") as library:
        for name in ("2024-03-05 a.txt", "2024-03-06 b.txt"):
            text = SAMPLE_TRANSCRIPT.read_text().replace("Maya", name[:10])
            (tmp_path / name).write_text(text)
            library.import_file(tmp_path / name)
        assert "date" not in front_matter(render(collect(library)))
        assert front_matter(render(collect(library, transcript_id=1)))["date"] == datetime.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("tag", "mapped"),
    [
        ("method/interview", "method/interview"),
        ("1987", "_1987"),
        ("1987/03", "_1987/03"),
        ("y1987", "y1987"),
        ("two words", "two-words"),
        ("@evil", "evil"),
        ("what?!", "what"),
        ("C++ & Rust", "C-Rust"),
        ("émigré/café", "émigré/café"),
        ("王芳", "王芳"),
        ("a//b", "a/_/b"),
        ("%%", "_"),
    ],
)
def test_tags_become_valid_obsidian_tags(tag, mapped):
    assert obsidian_tag(tag) == mapped


def test_the_mapping_is_the_same_in_text_and_front_matter(annotated):
    library, tid = annotated
    library.highlights.add(tid, Position(0, 0), Position(0, 4), tags=["Q&A 2024"])
    text = render(collect(library, transcript_id=tid))
    assert "#Q-A-2024" in text and "Q-A-2024" in front_matter(text)["tags"]


def test_note_headings_nest_under_the_highlight(annotated):
    library, tid = annotated
    [first, *_] = library.highlights.list(tid)
    library.highlights.update(first.id, note="# Advice\n\nAsk for dates.\n\n## Later\n\nNext time.")
    text = render(collect(library, transcript_id=tid))
    assert "\n## Advice\n" in text and "\n### Later\n" in text and "\n# Advice" not in text
    grouped = render(collect(library, transcript_id=tid), MarkdownOptions(group_by_tag=True))
    assert "\n### Advice\n" in grouped and "\n#### Later\n" in grouped  # below the tag's `##` section
    tokens = MarkdownIt("commonmark").parse(text)
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1  # the title alone


@pytest.mark.parametrize(
    ("note", "nested"),
    [
        ("# A\ntext", "## A\ntext"),
        ("### Deep\n\n# Top", "#### Deep\n\n## Top"),
        ("## Already\n", "## Already\n"),
        ("Title\n=====\n\nbody", "## Title\n\nbody"),
        ("Sub\n---", "Sub\n---"),  # a level-2 heading already
        ("Top\n===\n\nSub\n---", "## Top\n\n### Sub"),
        ("Ends in a hash #\n===", "## Ends in a hash \\#"),
        ("```\n# not a heading\n```", "```\n# not a heading\n```"),
        ("> # quoted\n\n# A", "> # quoted\n\n## A"),
        ("###### Six\n# One", "###### Six\n## One"),
        ("no headings at all", "no headings at all"),
        ("   # indented", "   ## indented"),
    ],
)
def test_nest_headings(note, nested):
    assert nest_headings(note, 2) == nested


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("2024-03-05 Interview.txt", "2024-03-05"),
        ("GMT20240305-143012_Recording.vtt", "2024-03-05"),
        ("interview_2024_03_05.srt", "2024-03-05"),
        ("20240305 standup.docx", "2024-03-05"),
        ("1999.12.31 party.txt", "1999-12-31"),
        ("2024-02-30 then 2024-03-01.txt", "2024-03-01"),  # the first real date
        ("2024-03_05.txt", None),  # separators must agree
        ("1202403051.txt", None),  # inside a longer number
        ("episode 42.txt", None),
        ("1899-01-01.txt", None),
    ],
)
def test_date_in_a_file_name(name, day):
    assert date_in_name(name) == day


def test_the_date_is_stored_and_shown(tmp_path):
    path = tmp_path / "GMT20240305-143012_Recording.txt"
    shutil.copy(SAMPLE_TRANSCRIPT, path)
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        assert library.transcripts.get(tid).date == "2024-03-05"
        data = export(collect(library, transcript_id=tid), "md", ExportOptions()).decode()
    assert front_matter(data)["date"] == datetime.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("note", "words"),
    [
        ("Ada's **three** floods", "Ada's three floods"),
        ("# Advice\n\n- see [the site](https://example.org)\n- `x = 1`", "Advice see the site x = 1"),
        ("```\ncode block\n```", "code block"),
        ("plain  text\nsecond line", "plain text second line"),
        ("a & b, 2 < 3", "a & b, 2 < 3"),
    ],
)
def test_note_words_drop_the_marks_and_keep_the_words(note, words):
    assert note_words(note) == words
