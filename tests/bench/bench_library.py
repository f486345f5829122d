"""Library figures: import, search, highlight creation, opening; 200 seed-sized transcripts
(~26 MB) and 10,000 highlights (20 and 1,000 with --quick)."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
from pathlib import Path

from desktop.formats import parse
from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.bench.harness import Figure, timed

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
QUERIES = ["neural", "transformer", '"neural network"', "learn*", "conversation", "podcast", "intelligence",
           "the", "data AND model", "research OR science"]  # fmt: skip
RUNS = 5


def corpus(count: int) -> list[tuple[str, bytes]]:
    """`count` distinct seed-sized files, from ../shared/seeds or else the project's sample."""
    sources = sorted(SEEDS.glob("*.txt")) or [SAMPLE_TRANSCRIPT]
    files = []
    for n in range(count):
        source = sources[n % len(sources)]
        files.append((f"{source.stem}-{n}.txt", source.read_bytes() + f"\n\nEpisode note {n}.\n".encode()))
    return files


def write_corpus(folder: Path, count: int) -> list[Path]:
    """The corpus as files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in corpus(count):
        (folder / name).write_bytes(data)
    return sorted(folder.iterdir())


def seed_highlights(library: Library, count: int) -> None:
    """Fill the library with highlights quickly (one transaction; setup, not measured)."""
    ids = [t.id for t in library.transcripts.list()]
    with library.write():
        for k in range(count):
            library.conn.execute(
                "INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, prefix, "
                "suffix, created, updated) VALUES (?, ?, 0, ?, 5, '', '', '', '', '')",
                (ids[k % len(ids)], k % 100, k % 100),
            )


def figures(folder: Path, quick: bool) -> list[Figure]:
    """Every library target of the issue "The library"."""
    count, highlights = (20, 1000) if quick else (200, 10_000)
    files = write_corpus(folder / "corpus", count)
    data = [(p.name, p.read_bytes()) for p in files]
    megabytes = sum(len(d) for _, d in data) / 1e6
    parse_times = timed(lambda: [parse(d, n) for n, d in data], RUNS)
    import_times = []
    for run in range(RUNS):
        with Library(folder / f"import-{run}.sqlite") as library:
            import_times += timed(lambda library=library: list(library.import_files(files)), 1)
    rate = megabytes / statistics.median(import_times)
    result = [Figure(f"import {count} transcripts ({megabytes:.1f} MB)", import_times, statistics.median(parse_times),
                     megabytes / 5, note=f"{rate:.1f} MB/s; target ≥ 5 MB/s; baseline: bare parsing")]  # fmt: skip

    path = folder / f"import-{RUNS - 1}.sqlite"
    with Library(path) as library:
        seed_highlights(library, highlights)
        tid = library.transcripts.list()[0].id
        turns = library.transcripts.turns(tid)
        step = iter(range(10**9))

        def add() -> None:
            turn = next(step) % len(turns)
            library.highlights.add(tid, Position(turn, 0), Position(turn, min(10, len(turns[turn].text))))

        bare = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = NORMAL")
        bare.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        bare_insert = timed(lambda: bare.execute("BEGIN IMMEDIATE") and bare.execute(
            "INSERT INTO t VALUES (1, 'x')") and bare.execute("COMMIT"), 200)  # fmt: skip
        result.append(Figure(f"create a highlight ({highlights:,} present)", timed(add, 200),
                             statistics.median(bare_insert), 0.005, note="baseline: bare SQLite insert"))  # fmt: skip
        searches = [t for q in QUERIES for t in timed(lambda q=q: library.search(q), 3)]
        match = "SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rank LIMIT 50"
        bare_match = [t for q in QUERIES for t in timed(lambda q=q: library.conn.execute(match, (q,)).fetchall(), 3)]
        result.append(Figure("full-text search (10 queries × 3)", searches, statistics.median(bare_match), 0.05,
                             note="baseline: bare FTS5 MATCH"))  # fmt: skip
    size = path.stat().st_size / 1e6

    def bare_open() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT count(*) FROM transcripts").fetchone()
        conn.close()

    result.append(Figure(f"open the library for writing ({size:.0f} MB; quick check, a backup a day)",
                         timed(lambda: Library(path).close(), RUNS), statistics.median(timed(bare_open, RUNS)), 1.0,
                         note="baseline: bare SQLite open and query"))  # fmt: skip
    return result


if __name__ == "__main__":
    from tests.bench.harness import table

    with tempfile.TemporaryDirectory() as folder:
        print(table(figures(Path(folder), quick=True)))
