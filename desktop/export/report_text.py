"""Reports written out for people and scripts: an aligned text table, and speaker statistics
as a table (for CSV) or as JSON records."""

from __future__ import annotations

from desktop.library import SpeakerStats
from desktop.library.reports import Table

SPEAKER_COLUMNS = ["words", "share", "turns", "turn_share", "median_turn", "questions"]


def aligned(header: list[str], lines: list[list[str]]) -> str:
    """Columns padded to their widest cell: the first to the left, the others to the right."""
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in
                  enumerate(zip(line, widths, strict=True))).rstrip()
        for line in [header, *lines]
    )  # fmt: skip


def table_text(table: Table, *, percent: bool = False) -> str:
    """A report as an aligned table: tags indented by their level, numbers as counts or
    (`percent`) shares."""
    labels = ["  " * depth + name.rsplit("/", 1)[-1] for name, depth in zip(table.rows, table.depths, strict=True)]
    lines = [[label, *(_percent(v) if percent else str(v) for v in numbers)]
             for label, numbers in zip(labels, table.cells, strict=True)]  # fmt: skip
    return aligned(["tag", *table.columns], lines)


def speakers_table(stats: list[SpeakerStats]) -> Table:
    """Speaker statistics as a table: a row per speaker, a column per figure."""
    return Table([s.name for s in stats], list(SPEAKER_COLUMNS), [_figures(s) for s in stats], [0] * len(stats))


def speakers_text(stats: list[SpeakerStats]) -> str:
    """Speaker statistics as an aligned table, shares as percentages."""
    lines = [[s.name, str(s.words), _percent(s.share), str(s.turns), _percent(s.turn_share), f"{s.median:g}",
              str(s.questions)] for s in stats]  # fmt: skip
    return aligned(["speaker", *SPEAKER_COLUMNS], lines)


def speakers_json(stats: list[SpeakerStats]) -> list[dict]:
    """Speaker statistics as `report --speakers --json` prints them, with each turn's length."""
    return [{"name": s.name, **dict(zip(SPEAKER_COLUMNS, _figures(s), strict=True)), "turn_lengths": s.lengths}
            for s in stats]  # fmt: skip


def _figures(s: SpeakerStats) -> list[float]:
    return [s.words, s.share, s.turns, s.turn_share, s.median, s.questions]


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"
