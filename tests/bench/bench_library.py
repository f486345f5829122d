"""Library benchmark: 200 seed-sized transcripts (~26 MB), 10,000 highlights.

    python -m tests.bench.bench_library [--quick]

Prints each figure as a median of repeated runs with min and max, beside its target,
and import time as a ratio to bare parsing of the same bytes measured in the same run.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.formats import parse
from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
QUERIES = ["neural", "transformer", '"neural network"', "learn*", "conversation", "podcast", "intelligence",
           "the", "data AND model", "research OR science"]  # fmt: skip


def corpus(count: int) -> list[tuple[str, bytes]]:
    """`count` distinct seed-sized files, from ../shared/seeds or else the project's sample."""
    sources = sorted(SEEDS.glob("*.txt")) or [SAMPLE_TRANSCRIPT]
    files = []
    for n in range(count):
        source = sources[n % len(sources)]
        files.append((f"{source.stem}-{n}.txt", source.read_bytes() + f"\n\nEpisode note {n}.\n".encode()))
    return files


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def report(name: str, times: list[float], target: str, ok: bool, extra: str = "") -> bool:
    med = statistics.median(times)
    print(f"{name:<38} median {med * 1000:9.2f} ms  min {min(times) * 1000:9.2f}  max {max(times) * 1000:9.2f}"
          f"  target {target:<12} {'ok' if ok else 'MISSED'} {extra}")  # fmt: skip
    return ok


def main() -> int:
    options = argparse.ArgumentParser()
    options.add_argument("--quick", action="store_true", help="20 transcripts and 1,000 highlights")
    args = options.parse_args()
    count, highlight_count = (20, 1000) if args.quick else (200, 10_000)
    files = corpus(count)
    megabytes = sum(len(data) for _, data in files) / 1e6
    print(f"{count} transcripts, {megabytes:.1f} MB; {highlight_count} highlights")
    results = []

    parse_times = timed(lambda: [parse(data, name) for name, data in files], 3)
    parse_time = statistics.median(parse_times)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.sqlite"
        sources = Path(folder) / "sources"
        sources.mkdir()
        for name, data in files:
            (sources / name).write_bytes(data)
        with Library(path) as library:
            began = time.perf_counter()
            ids = [result.id for _, result in library.import_files(sorted(sources.iterdir()))]
            import_time = time.perf_counter() - began
            rate = megabytes / import_time
            results.append(report("import (whole corpus)", [import_time], ">= 5 MB/s", rate >= 5,
                                  f"{rate:.1f} MB/s; {import_time / parse_time:.2f}x bare parse"))  # fmt: skip

            _seed_highlights(library, ids, highlight_count)
            turns = library.transcripts.turns(ids[0])
            n = iter(range(10**9))

            def add_highlight() -> None:
                k = next(n)
                turn = k % len(turns)
                library.highlights.add(ids[0], Position(turn, 0), Position(turn, min(10, len(turns[turn].text))))

            times = timed(add_highlight, 200)
            results.append(report(f"create highlight ({highlight_count} present)", times, "< 5 ms",
                                  statistics.median(times) < 0.005))  # fmt: skip
            times = [t for q in QUERIES for t in timed(lambda q=q: library.search(q), 3)]
            results.append(report("search (10 queries x 3)", times, "< 50 ms", statistics.median(times) < 0.05))
        times = timed(lambda: Library(path).close(), 5)
        size = (path.stat().st_size) / 1e6
        results.append(
            report(f"open ({size:.0f} MB, backup + integrity)", times, "< 1 s", statistics.median(times) < 1)
        )
    print(f"bare parse of the corpus: {parse_time * 1000:.0f} ms ({megabytes / parse_time:.1f} MB/s)")
    return 0 if all(results) else 1


def _seed_highlights(library: Library, ids: list[int], count: int) -> None:
    """Fill the library with highlights quickly (one transaction; setup, not measured)."""
    with library.write():
        for k in range(count):
            tid = ids[k % len(ids)]
            library.conn.execute(
                "INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, prefix, "
                "suffix, created, updated) VALUES (?, ?, 0, ?, 5, '', '', '', '', '')",
                (tid, k % 100, k % 100),
            )


if __name__ == "__main__":
    sys.exit(main())
