"""App figures (Qt offscreen): opening transcripts against a bare QPlainTextEdit, highlight to
repaint, resident memory, the GUI's responsiveness during a 50-file import, and start-up."""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.app import open_window
from tests.bench.bench_library import RUNS, SEEDS, write_corpus
from tests.bench.harness import Figure, timed

ROOT = Path(__file__).resolve().parents[2]
BARE_WINDOW = "from PySide6.QtWidgets import QApplication, QWidget; a = QApplication([]); w = QWidget(); w.show(); print('shown', flush=True)"  # noqa: E501


def resident_mb() -> float:
    """The process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: the peak


MEMORY_PROBE = """
import os, sys, tempfile, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from desktop.library import Library
from desktop.ui.app import open_window
from tests.bench.bench_app import resident_mb, settle
app = QApplication([])
library = Library(sys.argv[1], write=False)
settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
settings.setValue("sample_offered", True)
window = open_window(library, settings)
window.resize(1440, 900)
window.show()
if sys.argv[2] != "none":
    window.open_transcript(int(sys.argv[2]))
    give_up = time.perf_counter() + 60  # the reader lays a long transcript out in the background
    while not window.reader.laid_out and time.perf_counter() < give_up:
        settle(app, 0.1)
settle(app, 0.5)
if sys.argv[3:] == ["play"]:  # its recording, ten minutes in, for a few seconds
    window.player.play_from(600.0)
    settle(app, 3.0)
print(resident_mb())
"""


def memory_in_fresh_app(library: Path, transcript_id: int | None, *, play: bool = False) -> float:
    """Resident MB of a fresh app process showing a transcript (or none), once laid out (and,
    with `play`, playing its recording)."""
    command = [sys.executable, "-c", MEMORY_PROBE, str(library), str(transcript_id or "none"), *(["play"] * play)]
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=180, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def ten_hours() -> bytes:
    """About 1.4 MB: the labelled seed twelve times, one long conversation."""
    source = SEEDS / "004_63b56b2bea8ad07d.txt"
    data = source.read_bytes() if source.exists() else SAMPLE_TRANSCRIPT.read_bytes() * 450
    return b"\n\n".join(data for _ in range(12))


def bare_open(app: QApplication, text: str) -> None:
    """Baseline: the time a bare QPlainTextEdit takes to show the same text (through the event
    loop, as a window is shown to a person)."""
    view = QPlainTextEdit()
    view.resize(1000, 800)
    view.setPlainText(text)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    view.close()
    view.deleteLater()


def tick_gaps(app: QApplication, done: Callable[[], bool]) -> list[float]:
    """Run the event loop until `done()`; the gaps between ticks of a 5 ms timer meanwhile."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    ticker = QTimer(interval=5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart() / 1000))
    ticker.start()
    while not done():
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    return gaps or [0.0]


def settle(app: QApplication, seconds: float) -> list[float]:
    """Run the event loop for a while (timers, background layout); the tick gaps meanwhile.
    Objects deleted later are deleted too, as exec() would: processEvents() may leave them to
    land inside the next thing measured."""
    end = time.perf_counter() + seconds
    gaps = tick_gaps(app, lambda: time.perf_counter() >= end)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return gaps


def import_gaps(app: QApplication, window, files: list[Path]) -> list[float]:
    """Tick gaps while the window imports `files` in the background."""
    window.import_files(files)
    return tick_gaps(app, lambda: window.job is None)


def startup(folder: Path, *, cold: bool) -> float:
    """Seconds from launching `python main.py` to its first shown window."""
    env = {**os.environ, "TALKMARK_REPORT_SHOWN": "1", "TALKMARK_LIBRARY": str(folder / "startup.sqlite"),
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_STATE_HOME": str(folder / "state")}  # fmt: skip
    if cold:  # a first run: no library, no settings; the sample is imported
        for path in (folder / "startup.sqlite", folder / "config"):
            subprocess.run(["rm", "-rf", str(path), f"{path}-wal", f"{path}-shm"], check=True)
    return _time_to_shown([sys.executable, str(ROOT / "main.py")], env)


def _time_to_shown(command: list[str], env: dict | None = None) -> float:
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env or os.environ, cwd=ROOT)
    line = child.stdout.readline()
    elapsed = time.perf_counter() - began
    child.wait(timeout=60)
    assert line.strip() == "shown", f"start-up benchmark: {command} printed {line!r}"
    return elapsed


def correction_figures(window, tid: int, repaint: float) -> list[Figure]:
    """Saving an edited turn, and replacing a word 500 times, on the ten-hour transcript with
    2,000 highlights: from the save to the reader repainted."""
    reader, corrector = window.reader, window.corrector
    saves = []
    for n in range(30):
        turn = (n * 53 + 11) % len(reader.turns)
        reader.scroll_to(Position(turn, 0))
        cursor = QTextCursor(reader.document())
        cursor.setPosition(reader.document_position(Position(turn, 0)))
        reader.setTextCursor(cursor)
        corrector.edit_turn()
        text = corrector.editor.toPlainText() + f" (checked {n})"
        saves += timed(lambda text=text: (corrector.save_edit(text), reader.viewport().repaint()), 1)
        assert reader.turns[turn].text.endswith(f"(checked {n})")
    words = Counter(w for t in reader.turns for w in re.findall(r"\w+", t.text))
    word = min((w for w, c in words.items() if c >= 500), key=lambda w: words[w])

    def replace_all(find: str, replacement: str) -> None:
        matches = corrector.corrections.matches(tid, find, whole_word=True)[:500]
        assert len(matches) == 500
        assert corrector.replace(tid, find, replacement, True, True, matches)
        reader.viewport().repaint()

    replaces = []
    for _ in range(RUNS):  # there and back: each run replaces 500 matches
        replaces += timed(lambda: replace_all(word, "Zqxword"), 1)
        replaces += timed(lambda: replace_all("Zqxword", word), 1)
    return [
        Figure("edit a turn: save to repaint, 2,000 highlights", saves, repaint, 0.05,
               note="ten-hour transcript; the in-place editor's text saved as one undo step; baseline: a repaint"),
        Figure("replace a word 500 times, to repaint", replaces, repaint, 1.0,
               note=f"“{word}” and back, whole words, one undo step each; baseline: a repaint"),
    ]  # fmt: skip


def figures(folder: Path, quick: bool) -> list[Figure]:
    """The targets of the issue "The app", and start-up."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    result = []
    big = folder / "ten-hours.txt"
    big.write_bytes(ten_hours())
    library = Library(folder / "app.sqlite")
    library.import_file(SAMPLE_TRANSCRIPT)
    settings = QSettings(str(folder / "app.ini"), QSettings.Format.IniFormat)
    settings.setValue("sample_offered", True)
    window = open_window(library, settings)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    sources = [(f"seed, {SEEDS / '000_d23df86fad9ea286.txt'}", SEEDS / "000_d23df86fad9ea286.txt"),
               ("ten-hour transcript (1.4 MB)", big)]  # fmt: skip
    for name, path in sources:
        if not path.exists():
            continue
        tid = library.import_file(path).id
        text = "\n\n".join(t.text for t in library.transcripts.turns(tid))
        bare = []
        for _ in range(RUNS):
            bare += timed(lambda text=text: bare_open(app, text), 1)
            settle(app, 0.2)

        def open_and_paint(tid: int = tid) -> None:
            window.open_transcript(tid)
            window.reader.viewport().repaint()
            window.turn_list.view.viewport().repaint()
            app.processEvents()

        opened = []
        for _ in range(RUNS):
            window.open_transcript(library.transcripts.list()[-1].id)  # from another transcript: a real switch
            settle(app, 0.2)  # what the switch left to the event loop is not this open's cost
            opened += timed(open_and_paint, 1)
        label = "145 KB seed" if "seed" in name else name
        note = (
            "library read, reader and turn list filled, shown through the event loop; target 3× the "
            "baseline: a bare QPlainTextEdit showing the same text the same way"
        )
        baseline = statistics.median(bare)
        result.append(Figure(f"open the {label}", opened, baseline, 3 * baseline, note=note))
    memory = [memory_in_fresh_app(folder / "app.sqlite", tid) for _ in range(RUNS)]  # tid: the ten-hour one
    empty = [memory_in_fresh_app(folder / "app.sqlite", None) for _ in range(RUNS)]
    result.append(Figure("resident memory, ten-hour transcript open", memory, statistics.median(empty), 400,
                         unit="MB", note="a fresh app process, the transcript laid out; baseline: the same app "
                                         "showing no transcript"))  # fmt: skip

    turns = library.transcripts.turns(tid)
    with library.write():
        for k in range(2000):
            turn = (k * 7) % len(turns)
            library.highlights.add(tid, Position(turn, 0), Position(turn, min(12, len(turns[turn].text))))
    window.open_transcript(tid)
    app.processEvents()
    step = iter(range(10**6))

    def highlight() -> None:
        turn = (next(step) * 13 + 3) % len(turns)
        window.reader.select_span(Position(turn, 0), Position(turn, min(20, len(turns[turn].text))))
        window.annotator.highlight_selection()
        window.reader.viewport().repaint()

    repaint = timed(lambda: window.reader.viewport().repaint(), 30)
    result.append(Figure("highlight to repaint, 2,000 highlights", timed(highlight, 30), statistics.median(repaint),
                         0.03, note="baseline: repainting the reader alone"))  # fmt: skip
    result += correction_figures(window, tid, statistics.median(repaint))

    per_import = 10 if quick else 50
    files = write_corpus(folder / "gui-import", per_import * RUNS)  # distinct files: none is a duplicate
    window.open_transcript(library.transcripts.list()[-1].id)
    settle(app, 1.0)  # let the switch away from the long transcript finish
    idle = [max(settle(app, 1.0)) for _ in range(RUNS)]
    stalls = [max(import_gaps(app, window, files[n::RUNS])) for n in range(RUNS)]
    result.append(Figure(f"longest GUI stall while importing {per_import} files", stalls, statistics.median(idle),
                         0.1, note="gap between ticks of a 5 ms timer; baseline: the same, idle"))  # fmt: skip
    window.close()
    library.close()

    bare_start = [_time_to_shown([sys.executable, "-c", BARE_WINDOW]) for _ in range(RUNS)]
    cold = [startup(folder, cold=True) for _ in range(RUNS)]
    warm = [startup(folder, cold=False) for _ in range(RUNS)]
    for name, times in (("start-up to first window, first run", cold), ("start-up, later runs", warm)):
        result.append(Figure(name, times, statistics.median(bare_start), None,
                             note="baseline: Python starting Qt and showing an empty window"))  # fmt: skip
    return result
