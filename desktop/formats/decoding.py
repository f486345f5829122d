"""Bytes to text: BOMs, UTF-8, UTF-16, a legacy 8-bit fallback, and line ends."""

from __future__ import annotations

import codecs
import re

from desktop.formats.model import FormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text; more than a few means binary data.
# U+0015 is left out: TalkBank's CHAT files delimit their media bullets with it.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x14\x16-\x1f]")


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    """The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), read as
    Latin-1 reads them, so that one of them leaves the rest of the file cp1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


_LATIN1_FALLBACK = "talkmark.latin1-fallback"
codecs.register_error(_LATIN1_FALLBACK, _as_latin1)


def decode(data: bytes) -> str:
    """Decode a transcript file and normalise line ends to `\\n`, with no BOM left."""
    if not data.strip():
        raise FormatError("the file is empty")
    text = _decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise FormatError("binary data, not a transcript")
    if not text.strip():
        raise FormatError("the file is empty")
    return text


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise FormatError(f"invalid {encoding.upper()} text: {exc.reason}") from None
    guessed = _bomless_utf16(data)
    if guessed:
        try:
            return data.decode(guessed)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors=_LATIN1_FALLBACK)


def _bomless_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from ASCII text's zero high bytes."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even) and _line_ends_fit(even, odd):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd) and _line_ends_fit(odd, even):
        return "utf-16-be"
    return None


def _line_ends_fit(low: bytes, high: bytes) -> bool:
    """Whether the line ends read as UTF-16 ones: in UTF-16 text a newline's other byte is 0
    (so `0\x00\n\n0\x00`, text with stray NULs, is not taken for UTF-16)."""
    newlines = [i for i, byte in enumerate(low) if byte in (10, 13)]
    return all(high[i] == 0 for i in newlines) and 10 not in high and 13 not in high
