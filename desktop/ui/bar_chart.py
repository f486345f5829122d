"""A small painted bar chart (one row or column of a report), exportable to PNG and SVG.

Horizontal bars, because tag and speaker names are long: each label on the left (elided to
a third of the width, whole in the tooltip), the bar, then its value. Colours come from the
widget's palette, so the chart reads in the light and the dark theme alike; an export is
drawn on white with dark text, as a figure for a paper is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BAR_COLOUR = "#3f7fbf"  # a mid blue: readable against white and against the dark theme's base
MAX_LABEL_SHARE = 0.34  # of the width, for the labels; longer ones are elided
ROW_HEIGHT = 22  # pixels per bar (at the widget's font)
EXPORT_WIDTH = 800  # pixels of an exported chart (its height follows the bars)


@dataclass(frozen=True)
class ChartColours:
    """What a chart is painted with."""

    background: QColor
    text: QColor
    dim: QColor
    bar: QColor
    axis: QColor


def colours_of(palette: QPalette) -> ChartColours:
    """The chart's colours in a widget's palette (light or dark)."""
    text = palette.color(QPalette.ColorRole.Text)
    dim = QColor(text)
    dim.setAlphaF(0.6)
    return ChartColours(palette.color(QPalette.ColorRole.Base), text, dim, QColor(BAR_COLOUR),
                        palette.color(QPalette.ColorRole.Mid))  # fmt: skip


PAPER = ChartColours(QColor("white"), QColor("#202020"), QColor("#606060"), QColor(BAR_COLOUR), QColor("#b0b0b0"))


class BarChart(QWidget):
    """Bars for labelled values; `show_values` sets what is drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.labels: list[str] = []
        self.values: list[float] = []
        self._format: Callable[[float], str] = _number
        self.colour: str | None = None  # the bars' own colour (a speaker's), else the chart's blue
        self.setMinimumSize(240, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Bar chart")
        self.setMouseTracking(True)

    def show_values(self, title: str, labels: Sequence[str], values: Sequence[float],
                    fmt: Callable[[float], str] | None = None, colour: str | None = None) -> None:  # fmt: skip
        """Draw these bars under a title; `fmt` writes a value (a count by default); `colour`
        for the bars (a speaker's), else the chart's own."""
        self.title, self.labels, self.values = title, list(labels), [float(v) for v in values]
        self.colour = colour
        self._format = fmt or _number
        self.setAccessibleName(f"Bar chart: {title}" if title else "Bar chart")
        self.setAccessibleDescription(
            "; ".join(f"{label}: {self._format(value)}" for label, value in zip(self.labels, self.values, strict=True))
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, self._height(QFontMetrics(self.font())))

    def _height(self, metrics: QFontMetrics) -> int:
        return int(metrics.height() * 2 + 16 + max(1, len(self.labels)) * self._row(metrics))

    @staticmethod
    def _row(metrics: QFontMetrics) -> float:
        return max(ROW_HEIGHT, metrics.height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.draw(painter, QRectF(self.rect()), self._coloured(colours_of(self.palette())), self.font())
        painter.end()

    def _coloured(self, colours: ChartColours) -> ChartColours:
        return colours if self.colour is None else replace(colours, bar=QColor(self.colour))

    def draw(self, painter: QPainter, area: QRectF, colours: ChartColours, font: QFont) -> None:
        """Paint the chart into `area` (the widget, an image or an SVG file)."""
        painter.fillRect(area, colours.background)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        inner = area.adjusted(8, 6, -8, -6)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colours.text)
        title = QFontMetrics(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, int(inner.width()))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)  # fmt: skip
        painter.setFont(font)
        top = inner.top() + metrics.height() + 8
        if not self.values:
            painter.setPen(colours.dim)
            painter.drawText(QRectF(inner.left(), top, inner.width(), inner.bottom() - top),
                             Qt.AlignmentFlag.AlignCenter, "Select a row or a column of the table")  # fmt: skip
            return
        self._draw_bars(painter, inner, top, colours, metrics)

    def _draw_bars(self, painter: QPainter, inner: QRectF, top: float, colours: ChartColours,
                   metrics: QFontMetrics) -> None:  # fmt: skip
        texts = [self._format(v) for v in self.values]
        label_width = min(max(metrics.horizontalAdvance(s) for s in self.labels) + 8, inner.width() * MAX_LABEL_SHARE)
        value_width = max(metrics.horizontalAdvance(t) for t in texts) + 8
        left = inner.left() + label_width
        span = max(10.0, inner.width() - label_width - value_width)
        row = min(self._row(metrics), (inner.bottom() - top) / len(self.values))
        biggest = max(max(self.values), 0.0) or 1.0
        painter.setPen(colours.axis)
        painter.drawLine(QPointF(left, top), QPointF(left, top + row * len(self.values)))
        for n, (label, value, text) in enumerate(zip(self.labels, self.values, texts, strict=True)):
            y = top + n * row
            painter.setPen(colours.text)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, int(label_width - 8))
            painter.drawText(QRectF(inner.left(), y, label_width - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)  # fmt: skip
            width = span * max(value, 0.0) / biggest
            bar_height = max(4.0, row * 0.62)
            painter.fillRect(QRectF(left + 1, y + (row - bar_height) / 2, width, bar_height), colours.bar)
            painter.setPen(colours.text if value else colours.dim)
            painter.drawText(QRectF(left + width + 6, y, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)  # fmt: skip

    def bar_at(self, y: float) -> int | None:
        """The index of the bar at a height in the widget, if any."""
        metrics = QFontMetrics(self.font())
        top = 6 + metrics.height() + 8
        row = min(self._row(metrics), (self.height() - 6 - top) / max(1, len(self.values)))
        n = int((y - top) // row) if y >= top else -1
        return n if 0 <= n < len(self.values) else None

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            n = self.bar_at(event.pos().y())
            if n is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), f"{self.labels[n]}: {self._format(self.values[n])}", self)
            return True
        return super().event(event)

    # Export -------------------------------------------------------------------------------------

    def export_size(self, width: int = EXPORT_WIDTH) -> QSize:
        """The size of an exported chart: `width` wide, as tall as its bars need."""
        return QSize(width, max(160, self._height(QFontMetrics(self.font()))))

    def image(self, width: int = EXPORT_WIDTH, scale: float = 2.0) -> QImage:
        """The chart on white, `scale` times the pixels (sharp in print)."""
        size = self.export_size(width)
        image = QImage(size * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.draw(painter, QRectF(0, 0, size.width(), size.height()), self._coloured(PAPER), self.font())
        painter.end()
        return image

    def save_png(self, path: Path, width: int = EXPORT_WIDTH, scale: float = 2.0) -> Path:
        """Write the chart as a PNG (OSError when it cannot be written)."""
        if not self.image(width, scale).save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        return path

    def save_svg(self, path: Path, width: int = EXPORT_WIDTH) -> Path:
        """Write the chart as an SVG (vector: for a paper)."""
        size = self.export_size(width)
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.title)
        generator.setDescription(self.accessibleDescription())
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"cannot write {path}")
        self.draw(painter, QRectF(QPointF(0, 0), QSizeF(size)), self._coloured(PAPER), self.font())
        painter.end()
        return path


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
