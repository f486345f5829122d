"""Export benchmark: 10,000 highlights across 200 seed-sized transcripts.

    python -m tests.bench.bench_export [--quick]

Markdown < 1 s and HTML < 2 s (medians of 5), each beside the bare time of the same
number of `str.format` calls on the quotes as a baseline from the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from desktop.export import collect, export
from desktop.library import Library
from tests.bench.bench_library import corpus, report, timed


def annotate_many(library: Library, count: int) -> None:
    """`count` highlights spread over every transcript, each with a tag, some with notes (setup)."""
    transcripts = [t.id for t in library.transcripts.list()]
    tags = [library.tags.ensure(name) for name in ("theme/memory", "method/interview", "quote", "ai")]
    with library.write():
        for k in range(count):
            tid = transcripts[k % len(transcripts)]
            turn, text = library.conn.execute(
                "SELECT idx, text FROM turns WHERE transcript_id = ? AND idx = ? % (SELECT count(*) FROM turns "
                "WHERE transcript_id = ?)", (tid, k // len(transcripts), tid)).fetchone()  # fmt: skip
            end = min(len(text), 90)
            hid = library.conn.execute(
                "INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, prefix, "
                "suffix, created, updated) VALUES (?, ?, 0, ?, ?, ?, '', '', '2026-01-01T00:00:00Z', "
                "'2026-01-01T00:00:00Z')", (tid, turn, turn, end, text[:end])).lastrowid  # fmt: skip
            library.conn.execute("INSERT INTO highlight_tags VALUES (?, ?)", (hid, tags[k % len(tags)]))
            if k % 3 == 0:
                library.conn.execute("INSERT INTO notes (highlight_id, body, updated) VALUES (?, ?, '')",
                                     (hid, f"Note {k}: *why* this matters."))  # fmt: skip


def main() -> int:
    options = argparse.ArgumentParser()
    options.add_argument("--quick", action="store_true", help="20 transcripts and 1,000 highlights")
    args = options.parse_args()
    count, highlights = (20, 1000) if args.quick else (200, 10_000)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        sources = Path(folder) / "sources"
        sources.mkdir()
        for name, data in corpus(count):
            (sources / name).write_bytes(data)
        with Library(Path(folder) / "library.sqlite") as library:
            list(library.import_files(sorted(sources.iterdir())))
            annotate_many(library, highlights)
            print(f"{count} transcripts, {highlights} highlights")
            scope = collect(library)
            quotes = [e.highlight.quote for e in scope.excerpts]
            baseline = statistics.median(timed(lambda: ["> {}\n".format(q) for q in quotes], 5))  # noqa: UP032
            for fmt, target in (("md", 1.0), ("html", 2.0)):
                times = timed(lambda fmt=fmt: export(collect(library), fmt), 5)
                ratio = statistics.median(times) / baseline
                results.append(report(f"{fmt} export (collect + render)", times, f"< {target:g} s",
                                      statistics.median(times) < target, f"{ratio:.0f}x bare formatting"))  # fmt: skip
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
