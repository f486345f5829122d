"""The open transcript's recording in the main window: linked, loaded where it was left, played
from a place or a highlight. Functions of the window, which names the menus' ones as its own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from desktop.library import LibraryError, Position
from desktop.library.media import MEDIA_SUFFIXES
from desktop.ui.file_dialogs import ask_open_paths
from desktop.ui.player import SPEEDS, Player

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

MEDIA_FILTER = "Recordings (" + " ".join(f"*{suffix}" for suffix in MEDIA_SUFFIXES) + ");;All files (*)"
NO_RECORDING = "No recording to play: Transcript ▸ Link recording… adds one"


def keep_player_settings(player: Player, settings: QSettings) -> None:
    """Give the player the rewind, speed and volume last chosen, and remember each change."""
    player.rewind_on_pause = settings.value("rewind_on_pause", False, type=bool)
    player.set_speed(float(settings.value("playback_speed", 1.0)))
    player.volume.setValue(int(settings.value("volume", player.volume.value())))
    player.speed.currentIndexChanged.connect(lambda i: settings.setValue("playback_speed", SPEEDS[i]))
    player.volume.valueChanged.connect(lambda v: settings.setValue("volume", v))


def load_media(window: MainWindow) -> None:
    """Give the player the open transcript's recording (the bar hides when it has none), at
    the moment last played."""
    window.follow.restart()
    window.player.load(window.library.transcripts.media(window.transcript_id), timed=window.follow.index.timed)
    window.player.seek_ms(int(window.settings.value(f"playback/{window.transcript_id}", 0)))


def remember_playback(window: MainWindow) -> None:
    """Keep the moment the open transcript's recording is at, for its next opening."""
    if window.transcript_id is not None and window.player.ready:
        window.settings.setValue(f"playback/{window.transcript_id}", window.player.position())


def play_from(window: MainWindow, position: Position) -> None:
    """Play the recording from when the words at a place are said."""
    if not window.player.ready:
        window.say(NO_RECORDING)
        return
    seconds = window.follow.index.time_of(position)
    if seconds is None:
        window.say("This place has no time in the transcript")
        return
    window.player.play_from(seconds)


def play_from_cursor(window: MainWindow) -> None:
    """Play from the words at the text cursor (the menu's way to do what Alt+click does)."""
    if (at := window.reader.cursor_position()) is not None:
        play_from(window, at)


def play_highlight(window: MainWindow) -> None:
    """Play exactly the highlight at the cursor (or the selection): its first word to its last."""
    span = window.annotator.target_span()
    if span is None:
        window.say("No highlight here: select text, or put the cursor in a highlight")
        return
    times = window.follow.index.span_times(*span) if window.player.ready else None
    if times is None:
        window.say("Nothing to play: no recording, or no time here" if window.player.ready else NO_RECORDING)
        return
    window.player.play_span(*times)


def choose_media(window: MainWindow) -> None:
    """Ask for the open transcript's recording and link it."""
    if window.transcript_id is None:
        window.say("Open a transcript first")
        return
    start = window.player.path.parent if window.player.path else None
    for file in ask_open_paths(window, window.settings, "recordings", "Link a recording", MEDIA_FILTER, start=start):
        link_media(window, file)


def link_media(window: MainWindow, path: Path | None) -> None:
    """Link a recording to the open transcript (None: unlink it)."""
    try:
        window.session.run(lambda: window.library.transcripts.link_media(window.transcript_id, path))
    except LibraryError as error:
        window.say(f"Not linked: {error}")
        return
    load_media(window)
    window.say(f"Linked {path.name}" if path else "The transcript has no recording now")


def set_rewind_on_pause(window: MainWindow, on: bool) -> None:
    """Step back 2 s on every pause (remembered)."""
    window.player.rewind_on_pause = on
    window.settings.setValue("rewind_on_pause", on)
