"""WCAG contrast: relative luminance, the contrast ratio, and colours moved until text reads."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtGui import QColor

READABLE = 4.5  # WCAG AA for body text
OUTLINE = 3.0  # WCAG AA for the edges of controls (1.4.11)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(foreground: QColor, background: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21; a translucent foreground is first laid
    over the background, as it is painted."""
    top = over(foreground, background)
    lighter, darker = sorted((luminance(top), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """A translucent colour as it looks painted over an opaque background."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(*(alpha * a + (1 - alpha) * b for a, b in zip(_rgb(colour), _rgb(background), strict=True)))


def mix(colour: QColor, other: QColor, share: float) -> QColor:
    """`share` of `other` mixed into `colour` (0: colour, 1: other)."""
    return QColor.fromRgbF(*((1 - share) * a + share * b for a, b in zip(_rgb(colour), _rgb(other), strict=True)))


def readable(colour: QColor, background: QColor, ratio: float = READABLE) -> QColor:
    """`colour`, moved towards black or white (whichever the background is not) just far enough
    to read on `background` at `ratio`; its hue stays. Remembered: a reader asks once a turn."""
    return QColor(_readable(_key(colour), _key(background), ratio))


def band(colour: QColor, base: QColor, text: QColor, strength: float, ratio: float = READABLE) -> QColor:
    """A highlight band: `strength` of `colour` laid over `base`, then moved just far enough for
    `text` to read on it at `ratio`: back towards the base when the text reads on the base (a
    yellow becomes a deep ochre under light text), else towards white or black (a strong band
    under dark text in the dark theme). Remembered, as `readable`."""
    return QColor(_band(_key(colour), _key(base), _key(text), strength, ratio))


def _key(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexArgb)


@functools.lru_cache(maxsize=1024)
def _readable(colour_key: str, background_key: str, ratio: float) -> QColor:
    colour, background = QColor(colour_key), QColor(background_key)
    if contrast(colour, background) >= ratio:
        return QColor(colour)
    away = QColor("#000000") if luminance(background) > 0.18 else QColor("#ffffff")
    return _moved(colour, away, lambda moved: contrast(moved, background) >= ratio)


@functools.lru_cache(maxsize=1024)
def _band(colour_key: str, base_key: str, text_key: str, strength: float, ratio: float) -> QColor:
    colour, base, text = QColor(colour_key), QColor(base_key), QColor(text_key)
    result = mix(base, colour, strength)
    if contrast(text, result) >= ratio:
        return result
    if contrast(text, base) >= ratio:
        toward = base
    else:
        toward = QColor("#ffffff") if luminance(text) < 0.18 else QColor("#000000")
    return _moved(result, toward, lambda moved: contrast(text, moved) >= ratio)


def _moved(colour: QColor, toward: QColor, reads: Callable[[QColor], bool]) -> QColor:
    """`colour` mixed towards `toward` 2% at a time until `reads` says it reads; `toward` at worst."""
    share = 0.0
    while share < 1.0:
        share = min(1.0, share + 0.02)
        moved = mix(colour, toward, share)
        if reads(moved):
            return moved
    return toward


def _rgb(colour: QColor) -> tuple[float, float, float]:
    return colour.redF(), colour.greenF(), colour.blueF()
