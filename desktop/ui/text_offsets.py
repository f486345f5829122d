"""Python string offsets (code points) to Qt's (UTF-16 code units) and back."""

from __future__ import annotations


def is_bmp(text: str) -> bool:
    """Whether every character of `text` is one UTF-16 unit (offsets agree)."""
    return text.isascii() or all(ord(ch) < 0x10000 for ch in text)


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 offset of code-point `offset` in `text`."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) >= 0x10000)


def from_utf16(text: str, offset: int) -> int:
    """The code-point offset of UTF-16 `offset` in `text` (inside a pair: the character's start)."""
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) >= 0x10000 else 1
        if units + width > offset:
            return index
        units += width
    return len(text)
