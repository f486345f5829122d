"""Report figures (issue 15): the full tag × speaker matrix and tag co-occurrence over 2,000
seed-sized transcripts and 50,000 highlights (20 and 1,000 with --quick).

The library is the scale set's import of 2,000 transcripts (tests/bench/scale.py) with
highlights, a two-level tag tree and attributes added by bulk SQL, built once and cached
beside it; its words are counted once while building (as the first report to need them would).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from desktop.library import Library
from desktop.library.reports import cooccurrence, matrix, speaker_stats
from desktop.library.schema import SCHEMA_VERSION
from tests.bench.bench_library import RUNS, write_corpus
from tests.bench.harness import Figure, timed
from tests.bench.scale import big_library, cache_folder

TRANSCRIPTS, HIGHLIGHTS = 2_000, 50_000
TAGS = [f"{top}/{sub}" for top in ("theme", "method", "place") for sub in ("one", "two", "three", "four")] + [
    "quote", "doubt", "theme"]  # fmt: skip
CROSSING = 20  # every 20th highlight runs on into the next turn
SITES = ("river", "coast", "city", "hills", "delta")


def coded_library(folder: Path, quick: bool) -> tuple[Path, float]:
    """The coded library (cached unless --quick) and the seconds its first word count took."""
    if quick:
        path = folder / "reports.sqlite"
        with Library(path) as library:
            list(library.import_files(write_corpus(folder / "reports-corpus", 20)))
            return path, _code(library, 1_000)
    path = cache_folder() / f"reports-{TRANSCRIPTS}-{HIGHLIGHTS}-v{SCHEMA_VERSION}.sqlite"
    stamp = path.with_name(path.name + ".count-seconds")
    if not path.exists():
        building = path.with_name(path.name + ".building")
        shutil.copyfile(big_library(TRANSCRIPTS), building)
        with Library(building, backup=False) as library:
            stamp.write_text(str(_code(library, HIGHLIGHTS)))
        building.rename(path)
    return path, float(stamp.read_text())


def _code(library: Library, count: int) -> float:
    """Add `count` highlights (every transcript alike, some across turns), tags and attributes;
    returns the seconds the first count of every turn's words took."""
    conn = library.conn
    tag_ids = [library.tags.ensure(name) for name in TAGS]
    transcripts = [tid for (tid,) in conn.execute("SELECT id FROM transcripts ORDER BY id")]
    library.attributes.define("age", "number")
    with library.write():
        for n, tid in enumerate(transcripts):
            texts = [text for (text,) in conn.execute(
                "SELECT text FROM turns WHERE transcript_id = ? ORDER BY idx", (tid,))]  # fmt: skip
            library.attributes.set(tid, {"site": SITES[n % len(SITES)], "age": str(20 + n % 60)})
            for k in range(n, count, len(transcripts)):
                hid = conn.execute(
                    "INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, "
                    "prefix, suffix, created, updated) VALUES (?, ?, 0, ?, ?, ?, '', '', '', '')",
                    (tid, *_span(texts, k // len(transcripts), crossing=k % CROSSING == 0))).lastrowid  # fmt: skip
                tags = {tag_ids[k % len(tag_ids)], tag_ids[(k * 7) % len(tag_ids)] if k % 3 == 0 else None} - {None}
                conn.executemany("INSERT INTO highlight_tags VALUES (?, ?)", [(hid, t) for t in tags])
    began = time.perf_counter()
    speaker_stats(library)  # counts (and keeps) every turn's words
    return time.perf_counter() - began


def _span(texts: list[str], n: int, *, crossing: bool) -> tuple[int, int, int, str]:
    """The `n`th highlight of a transcript: start turn, end turn, end offset and quote (from the
    start of a turn; across turns, on to the next turn's first words)."""
    turn = n * 7 % (len(texts) - 1)
    if crossing:
        end = min(30, len(texts[turn + 1]))
        return turn, turn + 1, end, texts[turn] + "\n" + texts[turn + 1][:end]
    end = min(90, len(texts[turn]))
    return turn, turn, end, texts[turn][:end]


def figures(folder: Path, quick: bool) -> list[Figure]:
    """The report targets of issue 15: the matrix in 0.5 s, co-occurrence in 1 s."""
    path, counting = coded_library(folder, quick)
    with Library(path, write=False) as library:
        transcripts, highlights = (library.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                                   for table in ("transcripts", "highlights"))  # fmt: skip
        bare_sql = ("SELECT ht.tag_id, count(*) FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id "
                    "WHERE h.orphan = 0 GROUP BY ht.tag_id")  # fmt: skip
        baseline = statistics.median(timed(lambda: library.conn.execute(bare_sql).fetchall(), RUNS))
        size = f"{highlights:,} highlights, {transcripts:,} transcripts"
        note = "baseline: a bare SQL count of highlights per tag"
        return [
            Figure(f"tag × speaker matrix, {size}", timed(lambda: matrix(library), RUNS), baseline, 0.5, note=note),
            Figure(f"tag co-occurrence, {size}", timed(lambda: cooccurrence(library), RUNS), baseline, 1.0,
                   note=note),
            Figure(f"tag co-occurrence of overlapping highlights, {size}",
                   timed(lambda: cooccurrence(library, "overlap"), RUNS), baseline, 1.0, note=note),
            Figure(f"tag × speaker matrix, share of words, {size}",
                   timed(lambda: matrix(library, measure="share"), RUNS), baseline, None,
                   note=f"words counted; the first count of every turn's words took {counting:.1f} s"),
            Figure(f"tag × transcript matrix, {size}", timed(lambda: matrix(library, by="transcript"), RUNS),
                   baseline, None, note=note),
            Figure(f"speaker statistics, {transcripts:,} transcripts", timed(lambda: speaker_stats(library), RUNS),
                   baseline, None, note=note),
        ]  # fmt: skip


if __name__ == "__main__":
    import sys

    from tests.bench.harness import table

    with tempfile.TemporaryDirectory() as folder:
        print(table(figures(Path(folder), quick="--quick" in sys.argv)))
