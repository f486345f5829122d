"""File names made from titles: safe on every system."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def safe_filename(title: str, suffix: str, fallback: str = "export") -> str:
    """`title` as a file name with `suffix`: no path separators, no `..`, no control or
    reserved characters, no reserved Windows names, at most 100 characters before the suffix."""
    name = unicodedata.normalize("NFC", title)
    name = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]+', "-", name)
    name = re.sub(r"\s+", " ", name).strip(" .-")
    name = re.sub(r"\.{2,}", ".", name)[:100].strip(" .-")
    if not name or name.split(".")[0].upper() in _RESERVED:
        name = f"{fallback}-{name}" if name else fallback
    return f"{name}{suffix}"
