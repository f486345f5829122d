"""File ▸ Open recent: the last transcripts opened, newest first, by title; remembered in the
settings; a transcript since deleted is dropped from the list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.library import Library

RECENT_LIMIT = 10
RECENT_KEY = "recent_transcripts"  # ids, newest first, joined with commas (a one-item list reads back as a str)


class RecentTranscripts:
    """The ids of the transcripts last opened, kept in the settings."""

    def __init__(self, settings: QSettings, library: Library) -> None:
        self.settings, self.library = settings, library

    def ids(self) -> list[int]:
        """The remembered ids, newest first (as stored: some may be deleted since)."""
        stored = str(self.settings.value(RECENT_KEY, "") or "")
        return [int(part) for part in stored.split(",") if part.strip().isdigit()]

    def add(self, transcript_id: int) -> None:
        """A transcript was opened: it goes first."""
        ids = [transcript_id, *(i for i in self.ids() if i != transcript_id)][:RECENT_LIMIT]
        self._store(ids)

    def clear(self) -> None:
        """Forget them all."""
        self._store([])

    def entries(self) -> list[tuple[int, str]]:
        """(id, title) of each remembered transcript that still exists, newest first; deleted
        ones are dropped from the settings too."""
        ids = self.ids()
        infos = self.library.transcripts.infos(ids)
        if len(infos) != len(ids):
            self._store([info.id for info in infos])
        return [(info.id, info.title) for info in infos]

    def _store(self, ids: list[int]) -> None:
        self.settings.setValue(RECENT_KEY, ",".join(map(str, ids)))

    def fill(self, menu: QMenu, open_transcript: Callable[[int], object]) -> None:
        """Keep `menu` listing the transcripts (read each time it opens) with a Clear item."""

        def refill() -> None:
            menu.clear()
            entries = self.entries()
            for n, (tid, title) in enumerate(entries, start=1):
                label = title.replace("&", "&&")
                action = QAction(f"&{n % 10}  {label}" if n <= 10 else label, menu)
                action.setStatusTip(f"Open {title}")
                action.triggered.connect(lambda _=False, tid=tid: open_transcript(tid))
                menu.addAction(action)
            if not entries:
                menu.addAction("No transcripts opened yet").setEnabled(False)
                return
            menu.addSeparator()
            menu.addAction("&Clear the list", self.clear)

        menu.aboutToShow.connect(refill)
        refill()
