"""The PDF export (desktop/printing.py): drawn by Qt from the command line with no display,
pages that never part a quote from its attribution, text a reader can search and copy."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import unicodedata

import pypdf
import pytest
from PySide6.QtGui import QPdfWriter

from desktop.export import ExportOptions, collect, export
from desktop.export.markdown import part_where
from desktop.library import Library, Position
from desktop.printing import blocks, page_height, place, render_pdf
from tests.conftest import ROOT, SEEDS

NOTE = "Why: see [the paper](https://example.org).\n\n# Advice\n\n- first\n- second\n"


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """(library path, transcript id): a real interview with 52 highlights: short and long ones,
    notes, tags, one across two speakers and one longer than a page."""
    path = tmp_path_factory.mktemp("many") / "library.sqlite"
    with Library(path) as library:
        tid = library.import_file(SEEDS / "004_63b56b2bea8ad07d.txt").id
        turns = library.transcripts.turns(tid)
        for n, turn in enumerate(turns[:50]):
            end = min(len(turn.text), (60, 400, 900)[n % 3])
            library.highlights.add(tid, Position(turn.index, 0), Position(turn.index, end),
                                   tags=[["theme/ai"], ["quote", "1987"], []][n % 3],
                                   note=NOTE if n % 4 == 0 else "")  # fmt: skip
        library.highlights.add(tid, Position(50, 0), Position(51, 21), tags=["across"])
        library.highlights.add(tid, Position(52, 0), Position(61, 20), tags=["long"], note=NOTE)
    return path, tid


def compact(text: str) -> str:
    """Text as compared with what a PDF reader extracts: ligatures undone, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_texts(data: bytes, tmp_path) -> list[str]:
    (tmp_path / "read.pdf").write_bytes(data)
    return [compact(page.extract_text()) for page in pypdf.PdfReader(tmp_path / "read.pdf").pages]


def page_bodies(data: bytes, title: str, tmp_path) -> list[str]:
    """Each page's text as `page_texts`, without its footer (the title and `n / N`)."""
    pages = page_texts(data, tmp_path)
    footers = [compact(title) + f"{n}/{len(pages)}" for n in range(1, len(pages) + 1)]
    assert all(page.endswith(footer) for page, footer in zip(pages, footers, strict=True))
    return [page.removesuffix(footer) for page, footer in zip(pages, footers, strict=True)]


@pytest.fixture(scope="module")
def headed(tmp_path_factory):
    """(library path, transcript id): 60 short quotes, each with a note of two headings and
    paragraphs of many lengths, so that headings fall everywhere on the pages."""
    path = tmp_path_factory.mktemp("headed") / "library.sqlite"
    with Library(path) as library:
        tid = library.import_file(SEEDS / "004_63b56b2bea8ad07d.txt").id
        for n, turn in enumerate(library.transcripts.turns(tid)[:60]):
            first, second = "Why it matters here. " * (2 + n * 13 % 37), "Then this. " * (1 + n * 7 % 11)
            note = f"# Plan {n} ahead\n\n{first}\n\n## Steps {n} ahead\n\n{second}\n"
            library.highlights.add(tid, Position(turn.index, 0), Position(turn.index, min(60, len(turn.text))),
                                   note=note)  # fmt: skip
    return path, tid


def run_without_display(*args: str) -> subprocess.CompletedProcess:
    """main.py as a user runs it on a server: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)  # fmt: skip


def test_the_command_line_draws_a_pdf_with_no_display(many, tmp_path):
    path, tid = many
    result = run_without_display("export", "--library", str(path), "--transcript", str(tid), "--format", "pdf",
                                 "-o", str(tmp_path))  # fmt: skip

    assert result.returncode == 0, result.stderr
    written = tmp_path / "004_63b56b2bea8ad07d.pdf"  # a folder: the file is named after the title
    assert result.stdout == f"{written}\t52 highlights\n"
    data = written.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = page_texts(data, tmp_path)
    assert len(pages) > 5
    assert all(page.endswith(f"{n}/{len(pages)}") for n, page in enumerate(pages, 1))  # the footer
    with Library(path) as library:
        scope = collect(library, transcript_id=tid)
    for excerpt in scope.excerpts:
        for part in excerpt.parts:  # each part's last words and who said them, together
            said = compact(part.text)[-15:] + compact(f"— {part_where(part)}")
            assert any(said in page for page in pages), said
        if len(excerpt.highlight.quote) < 1500:  # it fits on a page: all of it, and who said it, on one
            whole = "".join(compact(f"{p.text}— {part_where(p)}") for p in excerpt.parts)
            assert any(whole in page for page in pages), whole


def test_export_leaves_the_pdf_to_qt():
    with pytest.raises(ValueError, match=r"desktop\.printing\.render_pdf"):
        export(None, "pdf")  # type: ignore[arg-type]


def test_the_command_line_loads_qt_only_to_draw_a_pdf():
    probe = "import sys, desktop.cli; print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout == "[]\n", result.stderr


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions("callout", group_by_tag=True)])
def test_pages_keep_quotes_whole_and_break_only_between_lines(qapp, many, tmp_path, options):
    path, tid = many
    with Library(path) as library:
        scope = collect(library, transcript_id=tid)
    writer = QPdfWriter(str(tmp_path / "plan.pdf"))
    laid_out = blocks(scope, options, writer)
    height = page_height(writer)
    pages = place(laid_out, height, 100)

    slices = [(n, part) for n, page in enumerate(pages) for part in page]
    assert [part.block for _, part in slices if part.top == 0] == laid_out  # every piece, in order, once
    for _, part in slices:
        block = part.block
        assert part.y + part.bottom - part.top <= height + 1  # never over the footer
        if block.piece.kind == "quote" and block.height <= height:
            assert (part.top, part.bottom) == (0, block.height)  # a quote that fits a page is never split
        if part.bottom < block.height:  # split: after a line where a break is allowed, never through one
            assert (part.bottom, True) in block.breaks or not any(b > part.bottom for b, _ in block.breaks)
    tall = [block for block in laid_out if block.height > height]
    assert [b.piece.kind for b in tall] == ["quote"]  # the long highlight
    for page in pages[:-1]:
        assert page[-1].block.piece.kind not in ("title", "heading")  # a heading is never last on a page
    where = {id(part.block): n for n, part in slices if part.top == 0}
    for before, after in itertools.pairwise(laid_out):
        if after.piece.kind == "note":  # a note starts on its quote's page
            assert where[id(after)] == max(n for n, part in slices if part.block is before)


def test_an_attribution_never_starts_a_page(qapp, many, tmp_path):
    path, tid = many
    with Library(path) as library:
        scope = collect(library, transcript_id=tid)
    writer = QPdfWriter(str(tmp_path / "plan.pdf"))
    [tall] = [b for b in blocks(scope, None, writer) if b.height > page_height(writer)]
    allowed = [bottom for bottom, ok in tall.breaks if ok]
    assert 0 < len(allowed) < len(tall.breaks)  # the lines above each `— who`, and the first, are not breaks
    assert tall.breaks[0][1] is False


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions("callout", group_by_tag=True)])
def test_a_notes_heading_never_ends_a_page(qapp, headed, tmp_path, options):
    path, tid = headed
    with Library(path) as library:
        scope = collect(library, transcript_id=tid)
    pages = page_bodies(render_pdf(scope, options), scope.title, tmp_path)
    assert len(pages) > 10
    assert len({heading for page in pages for heading in re.findall(r"(?:Plan|Steps)\d+ahead", page)}) == 120
    ending = [(n, page[-30:]) for n, page in enumerate(pages[:-1], 1) if re.search(r"\d+ahead$", page)]
    assert ending == []  # a heading (the note's h2/h3, or h3/h4 when grouped) stays with what follows it


@pytest.mark.parametrize("fixture", ["many", "headed"])
def test_the_pdfs_text_holds_each_line_once_in_order_and_no_ligature(qapp, request, tmp_path, fixture):
    """A page once began with the last line of the page before, drawn hidden above the text but
    there for copy, search and text extraction; and "first" read back as "ﬁrst"."""
    path, tid = request.getfixturevalue(fixture)
    with Library(path) as library:
        scope = collect(library, transcript_id=tid)
    data = render_pdf(scope)
    pages = page_bodies(data, scope.title, tmp_path)
    laid_out = blocks(scope, None, QPdfWriter(str(tmp_path / "plan.pdf")))
    assert "".join(pages) == "".join(compact(block.document.toPlainText()) for block in laid_out)  # no line twice
    (tmp_path / "text.pdf").write_bytes(data)
    raw = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "text.pdf").pages)
    assert not re.search("[\ufb00-\ufb06]", raw)  # no ligature glyphs: "fi", not "ﬁ"
