"""Data for the scale benchmarks (`python -m tests.bench --scale`): a library of 5,000
seed-sized transcripts (~660 MB of text), a 100-hour transcript (100 seeds, ~13 MB), and the
same with curly quotes and emoji for the highlight figures.

Building the big library takes minutes, so it is made once and kept in a cache folder
(`$TALKMARK_BENCH_CACHE`, default `/tmp/talkmark-bench`), keyed by the transcript count and
the library's schema version; a figure that writes works on a copy (`scratch_copy`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from desktop.library import Library
from desktop.library.schema import SCHEMA_VERSION
from tests.bench.bench_library import SEEDS, write_corpus

TRANSCRIPTS = 5_000
CACHE = Path(os.environ.get("TALKMARK_BENCH_CACHE", "/tmp/talkmark-bench"))


def cache_folder() -> Path:
    """The cache of built data (made when missing)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    return CACHE


def corpus_files(count: int = TRANSCRIPTS) -> list[Path]:
    """`count` distinct seed-sized transcript files (written once into the cache)."""
    folder = cache_folder() / f"corpus-{count}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, count)
        done.write_text("")
    return sorted(p for p in folder.iterdir() if p.suffix == ".txt")


def big_library(count: int = TRANSCRIPTS) -> Path:
    """A library holding `count` seed-sized transcripts, imported the ordinary way; built once
    per schema version. Treat it as read-only: write to a `scratch_copy`."""
    path = cache_folder() / f"library-{count}-v{SCHEMA_VERSION}.sqlite"
    if not path.exists():
        building = path.with_name(path.name + ".building")
        building.unlink(missing_ok=True)
        with Library(building, backup=False) as library:
            for _ in library.import_files(corpus_files(count)):
                pass
        _checkpoint(building)
        building.rename(path)
    return path


def scratch_copy(path: Path, folder: Path) -> Path:
    """A copy of a library in `folder` (its backups folder left behind), to write to."""
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy


def text_megabytes(count: int = TRANSCRIPTS) -> float:
    """The size of the corpus's text, in MB."""
    return sum(p.stat().st_size for p in corpus_files(count)) / 1e6


def hundred_hours() -> str:
    """About 13 MB: the two seeds, alternately, 100 times over, one long conversation."""
    sources = sorted(SEEDS.glob("*.txt"))
    return "\n\n".join(sources[n % len(sources)].read_text(encoding="utf-8") for n in range(100))


def with_curly_quotes_and_emoji(text: str) -> str:
    """The text with typographic apostrophes and an emoji every 40 words or so (characters
    outside ASCII, and outside the Basic Multilingual Plane, in every turn)."""
    words = text.replace("'", "\u2019").split(" ")
    return " ".join(w + " 🎙️" if n % 40 == 39 else w for n, w in enumerate(words))


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
