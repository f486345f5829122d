"""The text follows the recording: while it plays, the words being said are marked in the
reader and the turn list follows; the reader scrolls to them only while the user is not
scrolling it (following resumes FOLLOW_AFTER_S after their last scroll, or on Follow)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject

from desktop.library import Position, TurnRecord
from desktop.ui.player import Player
from desktop.ui.reader import Reader
from desktop.ui.spoken import SpokenIndex
from desktop.ui.turn_list import TurnList

FOLLOW_AFTER_S = 4.0


class Follow(QObject):
    """Links one player to one reader and turn list."""

    def __init__(self, player: Player, reader: Reader, turns: TurnList) -> None:
        super().__init__(player)
        self.player, self.reader, self.turn_list = player, reader, turns
        self.index = SpokenIndex([])
        self._scrolled_at: float | None = None  # when the user last scrolled the reader
        self._scrolling = False  # a scroll of ours, not the user's
        player.moved.connect(self.moved)
        player.follow_requested.connect(self.resume)
        reader.verticalScrollBar().valueChanged.connect(self._user_scrolled)

    def show_turns(self, turns: list[TurnRecord]) -> None:
        """Follow these turns' times from now on (a transcript opened or corrected)."""
        self.index = SpokenIndex(turns)
        self.reader.mark_spoken(None)

    def restart(self) -> None:
        """Another recording, or none: follow it from the start, the user's scrolling forgotten."""
        self._scrolled_at = None
        self.player.follow_button.hide()
        self.reader.mark_spoken(None)

    def moved(self, ms: int) -> None:
        """Playback is at `ms`: mark what is said there, and bring it into view if following."""
        spoken = self.index.at(ms / 1000)
        if spoken is None or not self.player.ready:
            self.reader.mark_spoken(None)
            return
        if self.reader.spoken != (spoken.turn, spoken.begin, spoken.end):
            self.reader.mark_spoken(spoken.turn, spoken.begin, spoken.end)
            self.turn_list.follow(spoken.turn)
        if self.following and not self.reader.in_view(Position(spoken.turn, spoken.begin)):
            self._scrolling = True
            self.reader.reveal(Position(spoken.turn, spoken.begin))
            self._scrolling = False

    @property
    def following(self) -> bool:
        """Whether the reader scrolls with the recording now."""
        if self._scrolled_at is not None and time.monotonic() - self._scrolled_at >= FOLLOW_AFTER_S:
            self._scrolled_at = None
            self.player.follow_button.hide()
        return self._scrolled_at is None

    def resume(self) -> None:
        """Scroll with the recording again, at once."""
        self._scrolled_at = None
        self.player.follow_button.hide()
        if self.player.ready:
            self.moved(self.player.position())

    def _user_scrolled(self) -> None:
        if not self._scrolling and self.player.playing:
            self._scrolled_at = time.monotonic()
            self.player.follow_button.show()
