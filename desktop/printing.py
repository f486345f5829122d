"""PDF and print: the HTML export's pieces laid out page by page with Qt, onto a QPdfWriter
(`export --format pdf`, the export dialog) or a QPrinter (File ▸ Print…).

Qt's rich text knows no `break-inside`, so each piece of the page (the title and facts, a
heading, a quote with its attribution and tags, a note) is its own QTextDocument, and this
module places them: a quote that fits on a page is never split (it starts a new page instead),
a heading (a note's own too) stays with what follows it, and so does a quote with the first
line of its note; a piece taller than a page breaks between lines, never through one, nor
between a speaker's words and their attribution. Each line is in the PDF's text once, without
ligatures. Light colours (the HTML's LIGHT, whatever the app's theme), the title and page
numbers in a footer. Qt GUI only (no widgets): the command line draws a PDF with a
QGuiApplication of its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop.export import ExportOptions, Scope
from desktop.export.collect import Cancelled, Progress
from desktop.export.html import LIGHT, Piece, pieces
from desktop.export.markdown import MarkdownOptions

# The HTML export's look in the subset of CSS Qt's rich text understands, in its light colours.
STYLE = f"""
h1 {{ margin: 0px 0px 4px 0px; }} h2 {{ margin: 0px; }}
p {{ margin: 0px 0px 5px 0px; line-height: 125%; }} blockquote {{ margin: 0px; }}
p.who {{ color: {LIGHT["muted"]}; font-size: 8.5pt; margin-bottom: 8px; }}
span.tag {{ color: {LIGHT["tag"]}; white-space: nowrap; }} a {{ color: {LIGHT["link"]}; }}
table.meta {{ color: {LIGHT["muted"]}; font-size: 9pt; }} td {{ padding: 0px 12px 0px 0px; }}
.edited {{ font-style: italic; }}
"""
# A note's own headings stay below the page's (its `## Advice` is no section of the page).
NOTE_STYLE = "h1, h2, h3, h4, h5, h6 { margin: 6px 0px 3px 0px; }"
HEADING_POINTS = {1: 18.0, 2: 13.0}  # the title and the sections; every other heading, and a note's, 11
FONT_POINTS = 10.5
MARGINS_MM = QMarginsF(18, 16, 18, 12)
GAP_POINTS = 9  # between pieces
QUOTE_PAD_POINTS = 6  # around a quote's text, inside its background
BAR_POINTS = 3  # the quote's coloured edge
NOTE_INDENT_POINTS = 14
FOOTER_POINTS = 22
EDGE = 0.5  # device pixels: less than any line, more than nothing

_application: QGuiApplication | None = None


class PrintError(Exception):
    """The page could not be drawn: the printer or file would not start."""


def application() -> QGuiApplication:
    """The running Qt application, or a QGuiApplication made for drawing (on the offscreen
    platform when there is no display and QT_QPA_PLATFORM does not choose one)."""
    global _application
    running = QGuiApplication.instance()
    if running is not None:
        return running  # type: ignore[return-value]
    if not any(os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _application = QGuiApplication(["talkmark"])
    return _application


def render_pdf(scope: Scope, options: ExportOptions | None = None, progress: Progress | None = None) -> bytes:
    """The export as the bytes of a PDF (quote style and grouping as in the HTML export).
    `progress(quotes laid out, quotes)` is called as it goes (Cancelled when it returns False).
    Safe off the GUI thread: Qt paints onto PDF devices and lays out rich text in any thread."""
    application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(scope.title)
    writer.setCreator("Talkmark")
    writer.setPageLayout(QPageLayout(default_page_size(), QPageLayout.Orientation.Portrait, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))  # fmt: skip
    paint(scope, options, writer, progress)
    buffer.close()
    return bytes(buffer.data().data())


def default_page_size() -> QPageSize:
    """Letter where the locale measures in inches (the US), else A4."""
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize(QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4)


@dataclass
class Block:
    """A piece of the page as a laid-out document, with the space around its text."""

    piece: Piece
    document: QTextDocument
    indent: float  # left of the text: a quote's edge and padding, a note's indent
    pad: float  # above and below the text (a quote's background)

    @cached_property
    def height(self) -> float:
        return self.document.size().height() + 2 * self.pad

    @cached_property
    def breaks(self) -> list[tuple[float, bool]]:
        """Each line's bottom, from the block's top, in order, and whether the page may break
        there: never after a heading's line (a note's own headings stay with what follows them);
        in a quote, never between words and their attribution (`— who`), nor after its first line."""
        layout = self.document.documentLayout()
        # Each line: its bottom, its paragraph's text, its number there, whether it is a heading's.
        lines: list[tuple[float, str, int, bool]] = []
        block = self.document.begin()
        while block.isValid():
            text = block.layout()
            top = self.pad + layout.blockBoundingRect(block).top() - text.boundingRect().top()
            heading = block.blockFormat().headingLevel() > 0
            lines += [(top + text.lineAt(n).y() + text.lineAt(n).height(), block.text(), n, heading)
                      for n in range(text.lineCount())]  # fmt: skip
            block = block.next()
        lines.sort(key=lambda line: line[0])
        quote = self.piece.kind == "quote"
        return [(bottom, not heading and (not quote or _quote_may_break(lines, n)))
                for n, (bottom, _, _, heading) in enumerate(lines)]  # fmt: skip

    def start(self, page: float) -> float:
        """The least of it that must share a page with what comes before: all of a quote,
        heading or title that fits on a page, else its lines up to the first place it may break."""
        if self.piece.kind != "note" and self.height <= page:
            return self.height
        return min((bottom for bottom, ok in self.breaks if ok), default=self.height) + self.pad


def _quote_may_break(lines: list[tuple[float, str, int, bool]], n: int) -> bool:
    """Whether a quote may break after its line `n`: not after its first, nor before an attribution."""
    return n > 0 and not (n + 1 < len(lines) and _attribution(lines[n + 1]))


def _attribution(line: tuple[float, str, int, bool]) -> bool:
    """Whether a line is the first of an attribution, `— Maya, 0:04`."""
    return line[2] == 0 and line[1].startswith("— ")


@dataclass
class Slice:
    """Part of a block on a page: its lines from `top` to `bottom`, drawn at `y`."""

    block: Block
    y: float
    top: float
    bottom: float


def paint(scope: Scope, options: ExportOptions | None, device: QPagedPaintDevice,
          progress: Progress | None = None) -> int:  # fmt: skip
    """Draw the export onto a PDF writer or a printer, page by page; the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer or file could not be opened for drawing")
    try:
        scale = device.logicalDpiY() / 72  # points to device pixels
        pages = place(blocks(scope, options, device, progress), page_height(device), GAP_POINTS * scale)
        for number, page in enumerate(pages, 1):
            if number > 1:
                device.newPage()
            for part in page:
                _draw(painter, part, device.width())
            _footer(painter, scope.title, f"{number} / {len(pages)}", device)
        return len(pages)
    finally:
        painter.end()


def page_height(device: QPagedPaintDevice) -> float:
    """The height a page gives the text (above the footer), in the device's pixels."""
    return device.height() - FOOTER_POINTS * device.logicalDpiY() / 72


def blocks(scope: Scope, options: ExportOptions | None, device: QPagedPaintDevice,
           progress: Progress | None = None) -> list[Block]:  # fmt: skip
    """The HTML export's pieces, each laid out for the width of the device's page."""
    options = options or ExportOptions()
    markdown = MarkdownOptions(options.quote_style, options.group_by_tag)
    scale = device.logicalDpiY() / 72
    laid_out, quotes = [], 0
    for piece in pieces(scope, markdown):
        laid_out.append(_block(piece, device.width(), scale, device))
        quotes += piece.kind == "quote"
        if progress is not None and piece.kind == "quote" and not progress(quotes, len(scope.excerpts)):
            raise Cancelled
    return laid_out


def _block(piece: Piece, width: float, scale: float, device: QPagedPaintDevice) -> Block:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # fonts in points, at the device's resolution
    document.setDefaultFont(_font(FONT_POINTS))
    document.setDefaultStyleSheet(STYLE + (NOTE_STYLE if piece.kind == "note" else ""))
    document.setDocumentMargin(0)
    document.setHtml(piece.html)
    _size_headings(document, note=piece.kind == "note")
    pad = QUOTE_PAD_POINTS * scale if piece.kind == "quote" else 0
    indent = {"quote": BAR_POINTS * scale + 1.5 * pad, "note": NOTE_INDENT_POINTS * scale}.get(piece.kind, 0)
    document.setTextWidth(width - indent - pad)
    return Block(piece, document, indent, pad)


def place(blocks: list[Block], height: float, gap: float) -> list[list[Slice]]:
    """The blocks placed on pages `height` high, `gap` between them (see the module's docstring)."""
    pages: list[list[Slice]] = [[]]
    y = 0.0
    for n, block in enumerate(blocks):
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        keep = after is not None and (block.piece.kind in ("title", "heading") or after.piece.kind == "note")
        need = block.start(height) + (gap + after.start(height) if after is not None and keep else 0)
        before = gap if block.piece.kind == "heading" and y > 0 else 0  # a section starts with more room
        if y > 0 and y + before + need > height:
            pages.append([])
            y = 0.0
        y += before if y > 0 else 0
        top, end = 0.0, block.height
        # A piece longer than a page ends where the start of the next one it keeps with still fits.
        tail = gap + after.start(height) if after is not None and keep and block.height > height else 0
        while end - top + tail > height - y:  # more than the room left: break between lines
            room = top + height - y
            bottom = _cut(block, top, room, tail, fresh=y == 0)
            if not any(b > bottom for b, _ in block.breaks):  # below its last line is only space: cut it short
                end = max(room - tail, bottom)
                break
            if bottom > top:
                pages[-1].append(Slice(block, y, top, bottom))
                top = bottom
            pages.append([])
            y = 0.0
        pages[-1].append(Slice(block, y, top, end))
        y += end - top + gap
    return pages


def _size_headings(document: QTextDocument, note: bool) -> None:
    """Headings in their sizes: Qt's HTML import gives each a size adjustment that outweighs any
    CSS `font-size`, so it is taken away and the size given in points."""
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        fragments = block.begin()
        while level and not fragments.atEnd():
            fragment = fragments.fragment()
            form = fragment.charFormat()
            form.clearProperty(QTextFormat.Property.FontSizeAdjustment)
            form.setFontPointSize(11.0 if note else HEADING_POINTS.get(level, 11.0))
            cursor = QTextCursor(document)
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(form)
            fragments += 1
        block = block.next()


def _cut(block: Block, top: float, room: float, tail: float, fresh: bool) -> float:
    """Where a slice of `block` from `top` ends with the page's room ending at `room`: after the
    last line that fits where a break is allowed, `tail` left free; on a fresh page, failing that,
    without the tail, then after any line, then through one. `top` means: on the next page."""

    def last(limit: float, anywhere: bool = False) -> float:
        return max((b for b, ok in block.breaks if top < b <= limit and (ok or anywhere)), default=top)

    bottom = last(room - tail)
    if bottom == top and fresh:
        bottom = last(room)
        bottom = bottom if bottom > top else last(room, anywhere=True)
        bottom = bottom if bottom > top else room
    return bottom


def _draw(painter: QPainter, part: Slice, width: float) -> None:
    """A slice of a block: a quote's background and coloured edge, then its text."""
    block = part.block
    painter.save()
    painter.translate(0, part.y - part.top)
    if block.piece.kind == "quote":
        area = QRectF(0, part.top, width, part.bottom - part.top)
        painter.fillRect(area, QColor(LIGHT["quote"]))
        painter.fillRect(QRectF(0, part.top, block.indent - 1.5 * block.pad, area.height()), QColor(LIGHT["bar"]))
    painter.translate(block.indent, block.pad)
    clip = QRectF(0, part.top - block.pad, width, part.bottom - part.top)
    painter.setClipRect(clip)
    _text(painter, block.document, clip)
    painter.restore()


def _text(painter: QPainter, document: QTextDocument, clip: QRectF) -> None:
    """The lines of a document inside `clip`, each once, in the light colours (never the app's
    palette, which may be dark). A PDF keeps the text a clip hides, and Qt draws more than the
    clip: each line touching it and, in a paragraph begun above it, the last line above too. So
    Qt's clip stops short of the edges, and a paragraph begun on an earlier page is hidden from
    Qt while its lines on this page are drawn here."""
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette(context.palette)
    palette.setColor(QPalette.ColorRole.Text, QColor(LIGHT["text"]))
    palette.setColor(QPalette.ColorRole.Link, QColor(LIGHT["link"]))
    context.palette = palette
    context.clip = clip.adjusted(0, EDGE, 0, -EDGE)
    layout = document.documentLayout()
    begun = _begun_above(document, clip.top())
    painter.setPen(QColor(LIGHT["text"]))
    for paragraph in begun:
        text = paragraph.layout()
        origin = layout.blockBoundingRect(paragraph).topLeft() - text.boundingRect().topLeft()
        for line in (text.lineAt(n) for n in range(text.lineCount())):
            top = origin.y() + line.y()
            if top + line.height() > context.clip.top() and top <= context.clip.bottom():
                line.draw(painter, origin)
        paragraph.setVisible(False)  # a flag for drawing only: the layout stays as it is
    try:
        layout.draw(painter, context)
    finally:
        for paragraph in begun:
            paragraph.setVisible(True)


def _begun_above(document: QTextDocument, top: float) -> list[QTextBlock]:
    """The paragraphs that start above `top` and go on below it."""
    layout, found = document.documentLayout(), []
    paragraph = document.begin()
    while paragraph.isValid():
        area = layout.blockBoundingRect(paragraph)
        if area.top() + EDGE < top < area.bottom() - EDGE:
            found.append(paragraph)
        paragraph = paragraph.next()
    return found


def _font(points: float) -> QFont:
    """The app's font at a size, without ligatures: text copied or searched in the PDF then reads
    "first", not "ﬁrst" (a PDF maps a ligature's glyph back to its own character)."""
    font = QFont(QGuiApplication.font().family())
    font.setPointSizeF(points)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _footer(painter: QPainter, title: str, number: str, device: QPagedPaintDevice) -> None:
    """The title and the page number under the text."""
    painter.save()
    painter.setFont(_font(8))
    painter.setPen(QColor(LIGHT["muted"]))
    line = 10 * device.logicalDpiY() / 72
    area = QRectF(0, device.height() - line, device.width(), line)
    painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number)
    painter.restore()
