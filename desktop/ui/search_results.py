"""How a library search result reads: where it is, then its snippet with the matched words in
bold; everything else HTML-escaped, so a transcript's own `<b>` or `&` shows as written."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.library import SearchHit
from desktop.library.search import snippet_runs
from desktop.ui.record_model import RECORD_ROLE, Index

PADDING = 6  # pixels around each result


def where(hit: SearchHit) -> str:
    """The transcript, the turn (counted from 1 as the reader shows it) and the speaker."""
    who = f" · {hit.speaker}" if hit.speaker else ""
    return f"{hit.title} · turn {hit.turn + 1}{who}"


def hit_text(hit: SearchHit) -> str:
    """The result as plain text (what screen readers and copying get): where, then the snippet."""
    return f"{where(hit)}\n{' '.join(''.join(text for text, _ in snippet_runs(hit.snippet)).split())}"


def snippet_html(hit: SearchHit) -> str:
    """The snippet as HTML: matched runs in <b>, every run escaped, line breaks as spaces."""
    parts = []
    for text, matched in snippet_runs(hit.snippet):
        piece = html.escape(" ".join(text.split()) if text.strip() else " ", quote=False)
        if text[:1].isspace() and piece[:1] != " ":
            piece = " " + piece
        if text[-1:].isspace() and piece[-1:] != " ":
            piece += " "
        parts.append(f"<b>{piece}</b>" if matched else piece)
    return "".join(parts)


def hit_html(hit: SearchHit, muted: str) -> str:
    """The whole result as HTML: a small line saying where in colour `muted`, then the snippet."""
    return (f'<div style="color:{muted}; font-size:small">{html.escape(where(hit), quote=False)}</div>'
            f"<div>{snippet_html(hit)}</div>")  # fmt: skip


class HitDelegate(QStyledItemDelegate):
    """Paints each result as rich text, wrapped to the list's width."""

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int) -> QTextDocument:
        hit: SearchHit = index.data(RECORD_ROLE)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        muted = option.palette.color(QPalette.ColorGroup.Active, role).name()
        document.setHtml(hit_html(hit, muted))
        document.setTextWidth(max(width, 120))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        widget: QWidget | None = option.widget
        style = widget.style() if widget else None
        option_text, option.text = option.text, ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        option.text = option_text
        document = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        document = self._document(option, index, width)
        return QSize(int(document.idealWidth()), int(document.size().height()))
