"""Word `.docx` transcripts (researchers' interviews; Otter, Rev, Trint, Sonix and Teams
exports): paragraphs and tables in order, a bold name opening a paragraph as its speaker."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.text.font import Font

from desktop.formats.documents import Paragraph, document_pieces, table_paragraphs
from desktop.formats.model import FormatError, Piece
from desktop.formats.reading import MAX_FILE_BYTES

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc files and encrypted Office files
_MARKUP_COMPATIBILITY = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Runs under these are not the document's text: deleted or moved-away tracked changes, and
# the copy of a text box that Word writes for readers that cannot show the first one.
_NOT_TEXT = {qn("w:del"), qn("w:moveFrom"), f"{_MARKUP_COMPATIBILITY}Fallback"}
_HEADING_STYLES = ("heading", "title", "subtitle")


def is_word_document(data: bytes, filename: str) -> bool:
    """Whether the bytes are (or are meant to be) a Word document: a zip holding
    word/document.xml, a damaged zip that names it or is called .docx, or an old .doc."""
    if data.startswith(_OLE):
        return True
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist() or _named_docx(filename)
    except (zipfile.BadZipFile, ValueError, OSError):
        return _named_docx(filename) or b"word/" in data[:65536]


def _named_docx(filename: str) -> bool:
    return filename.lower().endswith((".docx", ".docm", ".dotx"))


def parse_word(data: bytes) -> tuple[list[Piece], str | None]:
    """Pieces of a Word document and its title (from the document's properties)."""
    if data.startswith(_OLE):
        raise FormatError("an old Word .doc or a password-protected document: save it as .docx (no password)")
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_paragraphs(document))
        title = document.core_properties.title
    except FormatError:
        raise
    except Exception as exc:  # a damaged file fails in zipfile, lxml or python-docx, each its own way
        raise FormatError(f"not a readable Word document ({_reason(exc)})") from None
    return document_pieces(paragraphs), (title or "").strip() or None


def _check_archive(data: bytes) -> None:
    """Refuse an archive with no Word document in it, or whose XML unpacks to more than
    MAX_FILE_BYTES (a zip bomb, say)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist() if info.filename.endswith((".xml", ".rels")))
            has_document = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatError(f"not a readable Word document ({_reason(exc)})") from None
    if not has_document:
        raise FormatError("not a readable Word document (no word/document.xml inside)")
    if unpacked > MAX_FILE_BYTES:
        raise FormatError(f"not a readable Word document (its text unpacks to over {MAX_FILE_BYTES // 10**6} MB)")


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "the zip archive is damaged or cut short"
    detail = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


@dataclass(frozen=True)
class _Styles:
    """The document's heading paragraph styles and bold character styles, by style id
    (looked up once: python-docx searches every style on each lookup)."""

    headings: frozenset[str]
    bold: frozenset[str]

    @classmethod
    def of(cls, document) -> _Styles:
        styles = list(document.styles)
        headings = {s.style_id for s in styles if any(_named_heading(b) for b in _lineage(s))}
        bold = {s.style_id for s in styles if any(b.font.bold for b in _lineage(s) if hasattr(b, "font"))}
        return cls(frozenset(headings), frozenset(bold))


def _lineage(style) -> Iterator:
    """A style and the styles it is based on."""
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = getattr(style, "base_style", None)  # a numbering style has none


def _named_heading(style) -> bool:
    return (style.name or "").casefold().startswith(_HEADING_STYLES)


def _paragraphs(document) -> Iterator[Paragraph]:
    """The document body's paragraphs and table rows, in order."""
    styles = _Styles.of(document)
    numbers = {"paragraph": 0, "table": 0}
    for element in _blocks(document.element.body):
        if element.tag == qn("w:tbl"):
            numbers["table"] += 1
            rows = [[_cell_text(tc, styles) for tc in row] for row in _rows(element)]
            yield from table_paragraphs(rows, f"table {numbers['table']}")
        else:
            numbers["paragraph"] += 1
            yield _paragraph(element, styles, f"paragraph {numbers['paragraph']}")


def _blocks(container) -> Iterator:
    """Paragraph and table elements of a body or cell, in order, content controls opened."""
    for child in container.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _blocks(child)


def _rows(table) -> list[list]:
    """A table's cells, row by row, each cell once (a merged cell is one element)."""
    return [list(tr.iterchildren(qn("w:tc"))) for tr in table.iterchildren(qn("w:tr"))]


def _cell_text(tc, styles: _Styles) -> str:
    """A table cell's text: its paragraphs (and any table inside it) joined."""
    parts = []
    for element in _blocks(tc):
        if element.tag == qn("w:tbl"):
            parts.extend(_cell_text(inner, styles) for row in _rows(element) for inner in row)
        else:
            parts.append(_paragraph(element, styles, "").text)
    return "\n".join(parts)


def _paragraph(p, styles: _Styles, place: str) -> Paragraph:
    """A Word paragraph's text, the bold run that opens it, and whether it is a heading."""
    runs = [r for r in p.iter(qn("w:r")) if _is_text(r, p)]
    texts = [r.text for r in runs]
    lead_end = 0
    for r, text in zip(runs, texts, strict=True):
        if text.strip() and not _bold(r, styles):
            break
        lead_end += 1
    lead = "".join(texts[:lead_end]).rstrip()
    text = "".join(texts)
    return Paragraph(text, lead if lead.strip() else "", heading=p.style in styles.headings, place=place)


def _is_text(run, paragraph) -> bool:
    """Whether a run's text is part of the paragraph (not deleted, not a fallback copy)."""
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_TEXT:
            return False
        parent = parent.getparent()
    return True


def _bold(r, styles: _Styles) -> bool:
    direct = Font(r).bold
    return direct if direct is not None else r.style in styles.bold
