"""App benchmark: opening transcripts against a bare QPlainTextEdit, highlight repaint,
memory, and the GUI's responsiveness during a 50-file import. Qt offscreen.

    QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_app
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.app import open_window
from tests.bench.bench_library import SEEDS, corpus, report

RUNS = 5


def ten_hours() -> bytes:
    """About 1.4 MB: the labelled seed twelve times, one long conversation."""
    source = (SEEDS / "004_63b56b2bea8ad07d.txt").read_bytes()
    return b"\n\n".join(source for _ in range(12))


def bare_open(app: QApplication, text: str) -> float:
    """Baseline: a QPlainTextEdit showing the same text, through its first paint."""
    began = time.perf_counter()
    view = QPlainTextEdit()
    view.resize(1000, 800)
    view.setPlainText(text)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    elapsed = time.perf_counter() - began
    view.close()
    view.deleteLater()
    return elapsed


def app_open(app: QApplication, window, transcript_id: int) -> float:
    """Library read, reader and turn list filled, first paint."""
    began = time.perf_counter()
    window.open_transcript(transcript_id)
    window.reader.viewport().repaint()
    window.turn_list.view.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - began


def settle(app: QApplication, seconds: float) -> None:
    """Let the event loop run (background layout, timers) for a while."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def import_stall(app: QApplication, window, files: list[Path]) -> tuple[float, float]:
    """The longest gap between ticks of a 5 ms timer while the window imports `files`."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    ticker = QTimer(interval=5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart() / 1000))
    ticker.start()
    job = window.import_files(files)
    finished: list = []
    job.signals.finished.connect(lambda *args: finished.append(args))
    began = time.perf_counter()
    while not finished:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    return max(gaps), time.perf_counter() - began


def window_other(library: Library, transcript_id: int) -> int:
    """Some other transcript of the library than this one."""
    return next(t.id for t in library.transcripts.list() if t.id != transcript_id)


def main() -> int:
    app = QApplication(sys.argv[:1])
    results = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        big = folder / "ten-hours.txt"
        big.write_bytes(ten_hours())
        library = Library(folder / "library.sqlite")
        library.import_file(SAMPLE_TRANSCRIPT)
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("sample_offered", True)
        window = open_window(library, settings)
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        for name, path in (("145 KB seed", SEEDS / "000_d23df86fad9ea286.txt"), ("1.4 MB ten hours", big)):
            tid = library.import_file(path).id
            text = "\n\n".join(t.text for t in library.transcripts.turns(tid))
            bare = [bare_open(app, text) for _ in range(RUNS)]
            opened = []
            for _ in range(RUNS):
                window.open_transcript(window_other(library, tid))  # open another first: a real switch
                opened.append(app_open(app, window, tid))
            ratio = statistics.median(opened) / statistics.median(bare)
            results.append(report(f"open {name}", opened, "<= 3x bare", ratio <= 3,
                                  f"bare {statistics.median(bare) * 1000:.0f} ms; ratio {ratio:.2f}"))  # fmt: skip
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        results.append(report("peak resident memory", [0.0], "< 400 MB", rss < 400, f"{rss:.0f} MB"))

        turns = library.transcripts.turns(tid)
        with library.write():
            for k in range(2000):
                turn = (k * 7) % len(turns)
                library.highlights.add(tid, Position(turn, 0), Position(turn, min(12, len(turns[turn].text))))
        window.open_transcript(tid)
        app.processEvents()
        times = []
        for k in range(30):
            turn = (k * 13 + 3) % len(turns)
            window.reader.select_span(Position(turn, 0), Position(turn, min(20, len(turns[turn].text))))
            began = time.perf_counter()
            window.highlight_selection()
            window.reader.viewport().repaint()
            times.append(time.perf_counter() - began)
        results.append(
            report("highlight to repaint (2,000 present)", times, "< 30 ms", statistics.median(times) < 0.03)
        )

        sources = folder / "import"
        sources.mkdir()
        for name, data in corpus(100):
            (sources / name).write_bytes(data)
        files = sorted(sources.iterdir())
        seed = next(t.id for t in library.transcripts.list() if t.title == "000_d23df86fad9ea286")
        window.open_transcript(seed)
        settle(app, 1.0)
        stall, took = import_stall(app, window, files[:50])
        results.append(report("longest GUI stall, 50-file import", [stall], "< 100 ms", stall < 0.1,
                              f"import took {took:.1f} s"))  # fmt: skip
        window.open_transcript(tid)
        stall, took = import_stall(app, window, files[50:])
        print(
            f"  (same, started right after opening the ten-hour transcript, while Qt lays it out: "
            f"{stall * 1000:.0f} ms)"
        )
        window.close()
        library.close()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
