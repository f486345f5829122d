"""Library figures at scale (issue 14), on the 5,000-transcript library of scale.py: opening it
for writing, searching it, importing into it (200 and 5,000 files) and its file's size."""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from desktop.formats import parse
from desktop.library import SCHEMA_VERSION, Library
from tests.bench import scale
from tests.bench.bench_library import QUERIES
from tests.bench.harness import Figure, timed

RUNS = 5
RATE = 10.0  # MB/s: the import target
MATCH = "SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rank LIMIT 50"


def figures(folder: Path, quick: bool) -> list[Figure]:
    """Every library target of issue 14; --quick leaves out the 5,000-file import (a minute)."""
    big = scale.big_library()
    imported = import_figures(folder, quick)
    return [*open_figures(big, folder), *search_figures(big), *imported, size_figure(big)]


def bare_open(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("SELECT count(*) FROM transcripts").fetchone()
    conn.close()


def open_figures(big: Path, folder: Path) -> list[Figure]:
    """Opening for writing once the day's backup is made (the first open of a day makes it:
    timed once, for the note, as is migrating the library of the version before if cached)."""
    copy = scale.scratch_copy(big, folder)
    first = timed(lambda: Library(copy).close(), 1)[0]  # quick check + backup
    times = timed(lambda: Library(copy).close(), RUNS)
    bare = timed(lambda: bare_open(copy), RUNS)
    size = copy.stat().st_size / 1e6
    shutil.rmtree(folder / "backups")
    copy.unlink()
    notes = [f"the day's first open, making its backup (quick check + copy), {first:.1f} s (the app makes it "
             "in the background)"]  # fmt: skip
    old = scale.cache_folder() / f"library-{scale.TRANSCRIPTS}-v{SCHEMA_VERSION - 1}.sqlite"
    if old.exists():  # a library of the version before, when one is cached: migrating it
        copy = scale.scratch_copy(old, folder)
        migrating = timed(lambda: Library(copy).close(), 1)[0]
        notes.append(f"migrating the version {SCHEMA_VERSION - 1} library {migrating:.1f} s (backup first)")
        shutil.rmtree(folder / "backups")
        copy.unlink()
    note = "; ".join(notes) + "; baseline: bare SQLite open and query"
    return [Figure(f"open the library for writing ({size:.0f} MB)", times, statistics.median(bare), 0.2, note=note)]


def search_figures(big: Path) -> list[Figure]:
    """The standard queries: the median of all their runs, and the query whose median is worst."""
    with Library(big, write=False) as library:
        runs = {q: timed(lambda q=q: library.search(q), RUNS) for q in QUERIES}
        counts = [t for q in QUERIES for t in timed(lambda q=q: library.count_matches(q), RUNS)]
        bare = {q: timed(lambda q=q: library.conn.execute(MATCH, (q,)).fetchall(), RUNS) for q in QUERIES}
    every = [t for times in runs.values() for t in times]
    worst = max(QUERIES, key=lambda q: statistics.median(runs[q]))
    bare_worst = max(QUERIES, key=lambda q: statistics.median(bare[q]))
    return [
        Figure(f"search, {len(QUERIES)} queries × {RUNS} ({scale.TRANSCRIPTS:,} transcripts)", every,
               statistics.median([t for times in bare.values() for t in times]), 0.05,
               note=f"a page of 50, best first; counting the matches (a separate call) "
                    f"{statistics.median(counts) * 1000:.0f} ms median; baseline: bare FTS5 MATCH ranking them all"),
        Figure(f"search, worst query ({worst})", runs[worst], statistics.median(bare[bare_worst]), 0.150,
               note=f"baseline: bare FTS5 MATCH's worst query ({bare_worst})"),
    ]  # fmt: skip


def import_figures(folder: Path, quick: bool) -> list[Figure]:
    """Importing 200 files into a new library (5 runs) and 5,000 (once), against ≥ 10 MB/s."""
    files = scale.corpus_files(200)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    parse_times = timed(lambda: [parse(p.read_bytes(), p.name) for p in files], RUNS)
    times = []
    for run in range(RUNS):
        path = folder / f"import-{run}.sqlite"
        with Library(path) as library:
            times += timed(lambda library=library: list(library.import_files(files)), 1)
        path.unlink()
    rate = megabytes / statistics.median(times)
    result = [Figure(f"import 200 transcripts ({megabytes:.1f} MB)", times, statistics.median(parse_times),
                     megabytes / RATE, note=f"{rate:.1f} MB/s; target ≥ {RATE:.0f} MB/s; baseline: bare parsing "
                     "in one process")]  # fmt: skip
    if quick:
        return result
    files = scale.corpus_files()
    all_megabytes = sum(p.stat().st_size for p in files) / 1e6
    path = folder / "import-all.sqlite"
    with Library(path) as library:
        took = timed(lambda: list(library.import_files(files)), 1)
    path.unlink()
    result.append(Figure(
        f"import {len(files):,} transcripts ({all_megabytes:.0f} MB)", took,
        statistics.median(parse_times) * all_megabytes / megabytes, all_megabytes / RATE,
        note=f"{all_megabytes / took[0]:.1f} MB/s against {rate:.1f} at 200 files; run once; baseline: bare parsing "
             "at the 200 files' rate"))  # fmt: skip
    return result


def size_figure(big: Path) -> Figure:
    """The library file against the text it holds, with where the bytes go."""
    text = scale.text_megabytes()
    size = big.stat().st_size / 1e6
    conn = sqlite3.connect(f"file:{big}?mode=ro", uri=True)
    try:
        parts = dict(conn.execute(
            "SELECT name LIKE 'turns_fts%', sum(pgsize) FROM dbstat GROUP BY name LIKE 'turns_fts%'"))  # fmt: skip
    finally:
        conn.close()
    index = parts.get(1, 0) / 1e6
    return Figure(f"library file ÷ text ({size:.0f} MB ÷ {text:.0f} MB)", [size / text], 1.0, 1.5, unit="×",
                  note=f"search index {index / text:.2f}×, turns and the rest {(size - index) / text:.2f}×; "
                       "baseline: the text alone")  # fmt: skip


if __name__ == "__main__":
    import sys

    from tests.bench.harness import table

    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        measured = figures(Path(folder), quick="--quick" in sys.argv)
    print(table(measured))
    for figure in measured:
        print(f"- {figure.name}: {figure.note}")
    print(f"\n{time.perf_counter() - began:.0f} s")
