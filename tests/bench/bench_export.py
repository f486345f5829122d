"""Export figures: Markdown and HTML of 10,000 highlights across 200 transcripts."""

from __future__ import annotations

import statistics
from pathlib import Path

from desktop.export import collect, export
from desktop.library import Library
from tests.bench.bench_library import RUNS, write_corpus
from tests.bench.harness import Figure, timed


def annotate_many(library: Library, count: int) -> None:
    """`count` highlights spread over every transcript, each tagged, a third with notes (setup)."""
    transcripts = [t.id for t in library.transcripts.list()]
    tags = [library.tags.ensure(name) for name in ("theme/memory", "method/interview", "quote", "ai")]
    with library.write():
        for k in range(count):
            tid = transcripts[k % len(transcripts)]
            turns = library.conn.execute("SELECT count(*) FROM turns WHERE transcript_id = ?", (tid,)).fetchone()[0]
            turn = (k // len(transcripts)) % turns
            text = library.conn.execute(
                "SELECT text FROM turns WHERE transcript_id = ? AND idx = ?", (tid, turn)
            ).fetchone()[0]
            end = min(len(text), 90)
            hid = library.conn.execute(
                "INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, prefix, "
                "suffix, created, updated) VALUES (?, ?, 0, ?, ?, ?, '', '', '2026-01-01T00:00:00Z', "
                "'2026-01-01T00:00:00Z')", (tid, turn, turn, end, text[:end])).lastrowid  # fmt: skip
            library.conn.execute("INSERT INTO highlight_tags VALUES (?, ?)", (hid, tags[k % len(tags)]))
            if k % 3 == 0:
                library.conn.execute("INSERT INTO notes (highlight_id, body, updated) VALUES (?, ?, '')",
                                     (hid, f"Note {k}: *why* this matters."))  # fmt: skip


def figures(folder: Path, quick: bool) -> list[Figure]:
    """The export targets of the issue "Export"."""
    count, highlights = (20, 1000) if quick else (200, 10_000)
    with Library(folder / "export.sqlite") as library:
        list(library.import_files(write_corpus(folder / "export-corpus", count)))
        annotate_many(library, highlights)
        quotes = [e.highlight.quote for e in collect(library).excerpts]
        baseline = statistics.median(timed(lambda: ["> {}\n".format(q) for q in quotes], RUNS))  # noqa: UP032
        note = "collect + render; baseline: bare string formatting of the quotes"
        return [
            Figure(f"{name} export, {highlights:,} highlights",
                   timed(lambda fmt=fmt: export(collect(library), fmt), RUNS), baseline, target, note=note)
            for name, fmt, target in (("Markdown", "md", 1.0), ("HTML", "html", 2.0))
        ]  # fmt: skip
