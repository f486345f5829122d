"""Turn text stored compressed, each turn on its own (a turn is read alone): a zstd frame, or
the plain text where compressing would not make it smaller (short turns).

The library file holds `turn_store`; SQL reads turns through the `turns` view, which unpacks
with `turn_text(…)`, and writes pack with `pack_text(…)` (an import packs in its parse
workers: `pack`). Both functions are registered on every connection the library opens
(`register`); a plain `sqlite3` shell sees the text of short turns and zstd frames for the
rest (`zstd -d` reads them).
"""

from __future__ import annotations

import sqlite3
import threading

import zstandard

LEVEL = 3  # zstd's default: as small as level 19 on turn-sized text, at import speed

_local = threading.local()  # a (de)compressor per thread: they are not to be shared


def pack(text: str | None) -> bytes | str | None:
    """The stored form of a turn's text."""
    if text is None:
        return None
    raw = text.encode()
    packed = _codecs()[0].compress(raw)
    return packed if len(packed) < len(raw) else text


def unpack(value: bytes | str | None) -> str | None:
    """A turn's text from its stored form."""
    return _codecs()[1].decompress(value).decode() if isinstance(value, bytes) else value


def register(conn: sqlite3.Connection) -> None:
    """Give this connection `pack_text` and `turn_text`."""
    conn.create_function("pack_text", 1, pack, deterministic=True)
    conn.create_function("turn_text", 1, unpack, deterministic=True)


def _codecs() -> tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]:
    try:
        return _local.codecs
    except AttributeError:
        _local.codecs = zstandard.ZstdCompressor(level=LEVEL), zstandard.ZstdDecompressor()
        return _local.codecs
