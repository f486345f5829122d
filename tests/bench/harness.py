"""Benchmark figures: medians of repeated runs beside a baseline from the same run and a target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    """One measured figure. `target` is the most the median may be (seconds, MB for memory, or
    a ratio with unit "×");
    None when the issue sets none (then it is reported, never failed)."""

    name: str
    times: list[float]
    baseline: float | None
    target: float | None
    unit: str = "s"
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None

    @property
    def ok(self) -> bool:
        return self.target is None or self.median <= self.target

    def as_json(self) -> dict:
        """The figure as bench-results.json records it."""
        return {"median": self.median, "min": min(self.times), "max": max(self.times), "baseline": self.baseline,
                "ratio": self.ratio, "target": self.target, "ok": self.ok, "unit": self.unit, "runs": len(self.times),
                "note": self.note}  # fmt: skip


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` runs of `action`."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def table(figures: list[Figure]) -> str:
    """A Markdown table of the figures."""
    rows = ["| figure | median | min | max | baseline | ratio | target | ok |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]  # fmt: skip
    for f in figures:
        show = (lambda v: f"{v:.0f} MB") if f.unit == "MB" else (lambda v: f"{v * 1000:.{2 if v < 0.01 else 1}f} ms")
        if f.unit == "×":  # a ratio, such as a file's size to its text's
            show = lambda v: f"{v:.2f}×"  # noqa: E731
        baseline = show(f.baseline) if f.baseline is not None else "—"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        target = f"≤ {show(f.target)}" if f.target is not None else "—"
        rows.append(f"| {f.name} | {show(f.median)} | {show(min(f.times))} | {show(max(f.times))} | {baseline} | "
                    f"{ratio} | {target} | {'yes' if f.ok else '**no**'} |")  # fmt: skip
    return "\n".join(rows)
