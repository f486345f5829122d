"""Scale figures for one transcript (Qt offscreen): a 100-hour transcript (~13 MB) opened,
laid out and scrolled, and 10,000 highlights on it with curly quotes and emoji (opening,
a click's hit test, highlight to repaint, resident memory). `--quick` uses ten hours and
1,000 highlights. Run alone: `python -m tests.bench.bench_scale_reader [--quick]`.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPlainTextEdit

from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.app import open_window
from tests.bench.bench_app import bare_open, memory_in_fresh_app, settle, tick_gaps
from tests.bench.bench_library import RUNS
from tests.bench.harness import Figure, timed
from tests.bench.scale import hundred_hours, with_curly_quotes_and_emoji

STALL_S = 0.05  # the longest gap between ticks of the event loop the issue allows
STEP_MS = 30  # between scroll steps: a quick drag of the scroll bar


def long_text(quick: bool) -> str:
    """The 100-hour transcript's text (ten hours of it with `quick`)."""
    text = hundred_hours()
    return text[: text.index("\n\n", len(text) // 10)] if quick else text


def add_highlights(library: Library, tid: int, count: int) -> list[tuple[Position, Position]]:
    """`count` highlights of a few words spread over the transcript (one transaction; setup);
    returns their spans."""
    turns = library.transcripts.turns(tid)
    spans = []
    with library.write():
        for k in range(count):
            turn = (k * 7) % len(turns)
            length = len(turns[turn].text)
            start = (k * 37) % max(1, length - 60)
            highlight = library.highlights.add(tid, Position(turn, start), Position(turn, min(length, start + 40)))
            spans.append((highlight.start, highlight.end))
    return spans


def scroll_to_end_and_back(app: QApplication, view: QAbstractScrollArea) -> list[float]:
    """Drag the scroll bar to the end in ten steps and back, then Ctrl+End and Ctrl+Home, as
    a person would; the event loop's tick gaps meanwhile."""
    bar = view.verticalScrollBar()
    steps: list[Callable[[], object]] = [lambda k=k: bar.setValue(bar.maximum() * k // 10) for k in range(1, 11)]
    steps += [lambda k=k: bar.setValue(bar.maximum() * k // 10) for k in range(9, -1, -1)]
    control = Qt.KeyboardModifier.ControlModifier
    steps += [lambda: QTest.keyClick(view, Qt.Key.Key_End, control), lambda: None,
              lambda: QTest.keyClick(view, Qt.Key.Key_Home, control), lambda: None]  # fmt: skip
    left = list(steps)

    def next_step() -> None:
        left.pop(0)()
        if left:
            QTimer.singleShot(STEP_MS, next_step)

    QTimer.singleShot(0, next_step)
    return tick_gaps(app, lambda: not left)


def bare_scroll(app: QApplication, text: str) -> float:
    """Baseline: the longest tick gap scrolling a bare QPlainTextEdit with the text the same way."""
    view = QPlainTextEdit()
    view.resize(1000, 800)
    view.setPlainText(text)
    view.show()
    settle(app, 0.2)
    gap = max(scroll_to_end_and_back(app, view))
    view.close()
    view.deleteLater()
    settle(app, 0.1)
    return gap


class Session:
    """One window on one library, with the small sample to switch away to."""

    def __init__(self, app: QApplication, folder: Path) -> None:
        self.app, self.library = app, Library(folder / "scale-reader.sqlite")
        self.sample = self.library.import_file(SAMPLE_TRANSCRIPT).id
        settings = QSettings(str(folder / "scale-reader.ini"), QSettings.Format.IniFormat)
        settings.setValue("sample_offered", True)
        self.window = open_window(self.library, settings)
        self.window.resize(1440, 900)
        self.window.show()
        self.clicks: list[float] = []  # seconds each click took, to the reader repainted
        settle(app, 0.2)

    @property
    def reader(self):
        return self.window.reader

    def switch_away(self) -> None:
        """Show the small sample, and let what the switch left to the event loop finish."""
        self.window.open_transcript(self.sample)
        settle(self.app, 0.3)

    def open_and_paint(self, tid: int) -> None:
        """Open a transcript and paint it, through the event loop (as bench_app measures)."""
        self.window.open_transcript(tid)
        self.reader.viewport().repaint()
        self.window.turn_list.view.viewport().repaint()
        self.app.processEvents()

    def opening(self, tid: int) -> list[float]:
        """Seconds to open a transcript, RUNS times, each from the sample."""
        times = []
        for _ in range(RUNS):
            self.switch_away()
            times += timed(lambda: self.open_and_paint(tid), 1)
        return times

    def until_laid_out(self) -> list[float]:
        """Tick gaps until the reader's transcript is laid out to its end."""
        give_up = time.perf_counter() + 60
        return tick_gaps(self.app, lambda: self.reader.laid_out or time.perf_counter() > give_up)

    def click(self, position: Position) -> None:
        """Click in the reader a character after a library position (scrolled into view first)."""
        reader = self.reader
        reader.reveal(position)
        cursor = QTextCursor(reader.document())
        cursor.setPosition(reader.document_position(Position(position.turn, position.offset + 1)))
        point = reader.cursorRect(cursor).center()
        self.app.processEvents()
        began = time.perf_counter()
        QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
        reader.viewport().repaint()
        self.clicks.append(time.perf_counter() - began)

    def close(self) -> None:
        self.window.close()
        self.library.close()


def long_transcript_figures(session: Session, tid: int, text: str, label: str) -> list[Figure]:
    """Opening the long transcript, its layout in the background, and scrolling it."""
    app = session.app
    bare = []
    for _ in range(RUNS):
        bare += timed(lambda: bare_open(app, text), 1)
        settle(app, 0.3)
    opened, laying, scrolling = [], [], []
    for _ in range(RUNS):
        session.switch_away()
        opened += timed(lambda: session.open_and_paint(tid), 1)
        laying.append(max(session.until_laid_out()))
        settle(app, 0.2)
        scrolling.append(max(scroll_to_end_and_back(app, session.reader)))
    idle = [max(settle(app, 1.0)) for _ in range(RUNS)]
    bare_scrolls = [bare_scroll(app, text) for _ in range(RUNS)]
    baseline = statistics.median(bare)
    return [
        Figure(f"open the {label}", opened, baseline, 3 * baseline,
               note="library read, reader and turn list filled, shown through the event loop; target 3× the "
                    "baseline: a bare QPlainTextEdit showing the same text the same way"),
        Figure(f"longest GUI stall while the {label} is laid out", laying, statistics.median(idle), STALL_S,
               note="gap between ticks of a 5 ms timer from the open to the last line laid out in the background; "
                    "baseline: the same, idle"),
        Figure(f"longest GUI stall scrolling the {label} to its end and back", scrolling,
               statistics.median(bare_scrolls), STALL_S,
               note="the scroll bar dragged to the end in ten steps and back, then Ctrl+End and Ctrl+Home; "
                    "baseline: a bare QPlainTextEdit scrolled the same way"),
    ]  # fmt: skip


def highlight_figures(session: Session, tid: int, count: int, label: str) -> list[Figure]:
    """Opening with `count` highlights against none, a click's hit test, highlight to repaint."""
    reader = session.reader
    bare_open_times = session.opening(tid)
    session.until_laid_out()
    turns = session.library.transcripts.turns(tid)
    spans = add_highlights(session.library, tid, count)
    targets = [start for start, _ in spans[:: max(1, count // 40)]][:40]
    session.clicks = []
    for position in targets:
        session.click(position)
    bare_clicks = session.clicks

    opened = session.opening(tid)
    session.until_laid_out()
    session.clicks, hits, found = [], [], 0
    for position in targets:
        session.click(position)
        at = reader.textCursor().position()
        hits += timed(lambda at=at: reader.highlight_at(at), 5)
        found += session.window.annotator.target() is not None
    assert found == len(targets), f"{len(targets) - found} clicks in a highlight found none"

    step = iter(range(10**6))

    def highlight() -> None:
        turn = (next(step) * 13 + 3) % len(turns)
        reader.select_span(Position(turn, 0), Position(turn, min(20, len(turns[turn].text))))
        session.window.annotator.highlight_selection()
        reader.viewport().repaint()

    repaint = timed(lambda: reader.viewport().repaint(), 30)
    creates = timed(highlight, 30)
    many = f"{count:,} highlights"
    return [
        Figure(f"open the {label}, {many}", opened, statistics.median(bare_open_times),
               2 * statistics.median(bare_open_times), note="target 2× the baseline: the same transcript with none"),
        Figure(f"click in a highlight: hit test, {many}", hits, None, 0.002,
               note=f"the highlight under the text cursor after a click, {len(targets)} places (found by an index)"),
        Figure(f"click in a highlight to repaint, {many}", session.clicks, statistics.median(bare_clicks), None,
               note="mouse press and release, the highlight chosen in reader and panel, the reader repainted; "
                    "baseline: the same clicks before the highlights were made"),
        Figure(f"highlight to repaint, {many}", creates, statistics.median(repaint), 0.03,
               note="the selection highlighted through the session (library, undo stack, reader, panel); "
                    "baseline: repainting the reader alone"),
    ]  # fmt: skip


def figures(folder: Path, quick: bool) -> list[Figure]:
    """The targets of issue 14's "In one transcript"."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    hours, count = (10, 1_000) if quick else (100, 10_000)
    text = long_text(quick)
    plain, curly = folder / "long.txt", folder / "long-curly.txt"
    plain.write_text(text, encoding="utf-8")
    curly.write_text(with_curly_quotes_and_emoji(text), encoding="utf-8")
    session = Session(app, folder)
    try:
        tid = session.library.import_file(plain).id
        shown = "\n\n".join(t.text for t in session.library.transcripts.turns(tid))
        label = f"{hours}-hour transcript ({len(text.encode()) / 1e6:.1f} MB)"
        result = long_transcript_figures(session, tid, shown, label)
        curly_tid = session.library.import_file(curly).id
        result += highlight_figures(session, curly_tid, count, f"{hours}-hour transcript with curly quotes and emoji")
    finally:
        session.close()
    empty = folder / "empty.sqlite"
    Library(empty).close()
    memory = [memory_in_fresh_app(folder / "scale-reader.sqlite", curly_tid) for _ in range(RUNS)]
    none = [memory_in_fresh_app(empty, None) for _ in range(RUNS)]
    result.append(Figure(f"resident memory, {hours}-hour transcript and {count:,} highlights", memory,
                         statistics.median(none), 600, unit="MB",
                         note="a fresh app process, the transcript laid out to its end; baseline: the same app "
                              "on an empty library"))  # fmt: skip
    return result


def _main() -> None:
    import tempfile

    from tests.bench.harness import table

    with tempfile.TemporaryDirectory() as folder:
        print(table(figures(Path(folder), quick="--quick" in sys.argv)))


if __name__ == "__main__":
    _main()
