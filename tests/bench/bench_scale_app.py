"""Scale figures for the app (issue 14), on the 5,000-transcript library (tests/bench/scale.py):
start-up to a usable window against an empty library, and a Markdown export of 50,000
highlights as the export dialog runs it (a job with its own connection), with the GUI's longest
stall meanwhile. `--quick`: 200 transcripts and 5,000 highlights.

`python -m tests.bench.bench_scale_app [--quick]` prints the table of these figures alone.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.export import ExportOptions
from desktop.library import Library
from desktop.ui.export_job import Choice, ExportJob
from tests.bench.bench_app import ROOT, _time_to_shown, settle, tick_gaps
from tests.bench.bench_export import annotate_many
from tests.bench.bench_library import RUNS
from tests.bench.harness import Figure, table, timed
from tests.bench.scale import TRANSCRIPTS, big_library, scratch_copy

HIGHLIGHTS = 50_000
QUICK = (200, 5_000)  # transcripts, highlights


def figures(folder: Path, quick: bool) -> list[Figure]:
    """Start-up with the big library against an empty one; the export of every highlight."""
    count, highlights = QUICK if quick else (TRANSCRIPTS, HIGHLIGHTS)
    library = scratch_copy(big_library(count), folder)
    with Library(library, backup=False) as writing:
        annotate_many(writing, highlights)  # tagged, a third with notes
    return [*export_figures(folder, library, count, highlights), startup_figure(folder, library, count, highlights)]


def export_figures(folder: Path, library: Path, count: int, highlights: int) -> list[Figure]:
    """The whole library as Markdown through the export job, timed from the job's start (its own
    connection opened) to the file written; the GUI's tick gaps while it runs in the pool."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    owner = QObject()
    out = folder / "export.md"

    def job() -> ExportJob:
        return ExportJob(library, Choice("library"), "md", ExportOptions(), out, None, owner)

    def read_rows() -> None:
        with Library(library, write=False) as reading:
            assert len(reading.highlights.list()) == highlights

    baseline = statistics.median(timed(read_rows, RUNS))
    times = timed(lambda: job().run(), RUNS)
    assert out.read_text(encoding="utf-8").count("^hl-") == highlights
    idle = [max(settle(app, 0.5)) for _ in range(RUNS)]
    stalls = [stall_while_exporting(app, job()) for _ in range(RUNS)]
    size = f"{highlights:,} highlights, {count:,} transcripts"
    return [
        Figure(f"Markdown export, {size}", times, baseline, 5.0,
               note="the export job: own read connection, collect, render, write; baseline: reading the "
                    "highlights' rows"),
        Figure(f"longest GUI stall while exporting {highlights:,} highlights", stalls, statistics.median(idle), 0.1,
               note="gap between ticks of a 5 ms timer while the job runs in the thread pool; baseline: idle"),
    ]  # fmt: skip


def stall_while_exporting(app: QApplication, job: ExportJob) -> float:
    """The longest gap between ticks of the GUI's event loop while the job runs in the pool."""
    finished: list[object] = []
    job.signals.finished.connect(lambda _job, result: finished.append(result))
    QThreadPool.globalInstance().start(job)
    gap = max(tick_gaps(app, lambda: bool(finished)))
    assert finished == [job.path]
    return gap


def startup_figure(folder: Path, library: Path, count: int, highlights: int) -> Figure:
    """`python main.py` to its shown window on the big library against an empty one, runs
    interleaved (one unmeasured start of each first: the day's backup, the file cache)."""
    empty = folder / "empty.sqlite"
    Library(empty, backup=False).close()
    starts: dict[Path, list[float]] = {empty: [], library: []}
    for run in range(RUNS + 1):
        for path, times in starts.items():
            elapsed = start_app(folder, path)
            if run:
                times.append(elapsed)
    baseline = statistics.median(starts[empty])
    return Figure(f"start-up to a usable window, {count:,} transcripts", starts[library], baseline, 1.3 * baseline,
                  note=f"{highlights:,} highlights; the newest transcript open, the list's first page shown; "
                       "baseline: the same start on an empty library; target 1.3× the baseline")  # fmt: skip


def start_app(folder: Path, library: Path) -> float:
    """Seconds from launching the app on a library (settings of its own, the sample already
    offered) to its window shown."""
    home = folder / f"home-{library.stem}"
    config = home / "config" / "Talkmark" / "Talkmark.conf"
    if not config.exists():
        config.parent.mkdir(parents=True)
        config.write_text("[General]\nsample_offered=true\n")
    env = {**os.environ, "TALKMARK_REPORT_SHOWN": "1", "TALKMARK_LIBRARY": str(library),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state")}  # fmt: skip
    return _time_to_shown([sys.executable, str(ROOT / "main.py")], env)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        print(table(figures(Path(scratch), "--quick" in sys.argv)))
