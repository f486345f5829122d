"""The player bar under the reader: a transcript's recording, played with Qt Multimedia
(QMediaPlayer and its FFmpeg backend; it plays, seeks and advances with no sound device).

Play/pause, −5 s / +5 s, time and duration, a seek slider, speed 0.5–2× and volume; a span
can be played alone (a highlight), stopping at its end. A missing file says so with a
Locate… button; a transcript with no times plays, and the bar says the text cannot follow.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QMetaObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QToolButton, QWidget

from desktop.formats.clock import format_clock

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer

SKIP_MS = 5000
REWIND_ON_PAUSE_MS = 2000
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class Player(QWidget):
    """Plays one recording; `moved(ms)` says where playback is (while playing, and after a seek)."""

    moved = Signal(int)
    locate_requested = Signal()
    follow_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self.setAccessibleName("Player")
        self.rewind_on_pause = False
        self._stop_at: int | None = None
        self._pending: int | None = None  # a seek asked for before the recording loaded
        self.path: Path | None = None
        self.play_button = _button("Play", "Play or pause (Ctrl+Space)")
        self.back_button = _button("−5 s", "Back 5 seconds (Ctrl+Left)")
        self.forward_button = _button("+5 s", "Forward 5 seconds (Ctrl+Right)")
        self.time = QLabel("0:00 / 0:00")
        self.time.setAccessibleName("Time and duration")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Seek")
        self.speed = QComboBox()
        self.speed.setAccessibleName("Speed")
        self.speed.addItems([f"{s:g}×" for s in SPEEDS])
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName("Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMaximumWidth(90)
        self.follow_button = QPushButton("Follow")
        self.follow_button.setToolTip("Scroll the reader with the recording again")
        self.follow_button.hide()
        self.message = QLabel()
        self.slider.setMinimumWidth(120)
        self.locate_button = QPushButton("Locate…")
        self.locate_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        for widget in (self.back_button, self.play_button, self.forward_button, self.time):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        for widget in (self.speed, QLabel("Volume"), self.volume, self.follow_button, self.message, self.locate_button):
            layout.addWidget(widget)
        self.media: QMediaPlayer | None = None  # made with the first recording: Qt Multimedia is slow to load
        self.play_button.clicked.connect(self.toggle)
        self.back_button.clicked.connect(lambda: self.skip(-SKIP_MS))
        self.forward_button.clicked.connect(lambda: self.skip(SKIP_MS))
        self.slider.sliderMoved.connect(self.seek_ms)
        self.speed.currentIndexChanged.connect(
            lambda i: self.media and self._call("setPlaybackRate", Q_ARG("qreal", SPEEDS[i]))
        )
        self.volume.valueChanged.connect(lambda v: self.media and self.media.audioOutput().setVolume(v / 100))
        self.locate_button.clicked.connect(self.locate_requested)
        self.follow_button.clicked.connect(self.follow_requested)
        self.load(None, timed=True)

    # Loading --------------------------------------------------------------------------------

    def load(self, path: Path | None, *, timed: bool) -> None:
        """Play this recording from now on (None: the bar hides); a missing file is said."""
        self.path, self._stop_at, self._pending = path, None, None
        self.locate_button.hide()
        self.follow_button.hide()
        self.slider.setValue(0)
        self.time.setText("0:00 / 0:00")
        self.release()
        self.setVisible(path is not None)
        if path is None:
            return
        if self.media is None and (missing := self._make_media()):
            return self._disable(
                f"Playback is not available: {missing} (Debian, Ubuntu: sudo apt-get install libpulse0)"
            )
        if not path.is_file():
            self.locate_button.show()
            return self._disable(f"Recording not found: {path}")
        self._enable(True)
        self.media.setSource(QUrl.fromLocalFile(str(path)))
        self._say("" if timed else "No times in this transcript: the recording plays, the text cannot follow it")

    def _make_media(self) -> str:
        """Make the media player; the reason it cannot be made (Qt Multimedia needs libpulse0
        on Linux), or ""."""
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        except ImportError as missing:
            return str(missing)
        self.media = QMediaPlayer(self)
        audio = QAudioOutput(self)
        audio.setVolume(self.volume.value() / 100)
        self.media.setAudioOutput(audio)
        self.media.setPlaybackRate(SPEEDS[self.speed.currentIndex()])
        self.media.positionChanged.connect(self._position)
        self.media.durationChanged.connect(self._duration)
        self.media.mediaStatusChanged.connect(self._status)
        self.media.playbackStateChanged.connect(self._state)
        self.media.errorOccurred.connect(lambda _error, text: self._say(f"Cannot play the recording: {text}"))
        return ""

    def _call(self, slot: str, *args: object) -> None:
        """Call one of the media player's slots at once, with the GIL released. Called from
        Python, stop(), play(), pause() and setPosition() keep the GIL while they wait on Qt's
        connection lock, which an FFmpeg thread tearing an object down can hold while it waits
        for the GIL: the app hangs (PySide6 6.11; seen in a benchmark after seeks). Through
        QMetaObject.invokeMethod the call runs the same, without the GIL."""
        QMetaObject.invokeMethod(self.media, slot, Qt.ConnectionType.DirectConnection, *args)

    def release(self) -> None:
        """Stop and let go of the recording."""
        if self.media is not None:
            self._call("stop")
            self.media.setSource(QUrl())  # PySide6 calls this one without the GIL already

    @property
    def ready(self) -> bool:
        """Whether a recording is loaded and can play."""
        return self.media is not None and self.path is not None and self.play_button.isEnabled()

    # Playing ----------------------------------------------------------------------------------

    def toggle(self) -> None:
        """Play, or pause (stepping back REWIND_ON_PAUSE_MS when asked to, for transcribers)."""
        if not self.ready:
            return
        if self.playing:
            self._call("pause")
            if self.rewind_on_pause:
                self.seek_ms(self.media.position() - REWIND_ON_PAUSE_MS)
        else:
            self._call("play")

    @property
    def playing(self) -> bool:
        return self.ready and self.media.playbackState() == type(self.media).PlaybackState.PlayingState

    def position(self) -> int:
        """Where playback is, in milliseconds."""
        return self.media.position() if self.ready else 0

    def skip(self, ms: int) -> None:
        """Move playback by `ms` (back when negative)."""
        if self.ready:
            self.seek_ms(self.media.position() + ms)

    def seek_ms(self, ms: int) -> None:
        """Go to a moment (clamped to the recording; once it is loaded, if it is not yet)."""
        if not self.ready:
            return
        duration = self.media.duration()
        if duration <= 0:
            self._pending = max(0, ms)
            return
        self._call("setPosition", Q_ARG("qint64", max(0, min(ms, duration))))
        self.moved.emit(self.media.position())

    def play_from(self, seconds: float) -> bool:
        """Seek to `seconds` and play; False (and the bar says why) when the recording ends before."""
        if not self.ready:
            return False
        duration = self.media.duration()
        if duration > 0 and seconds * 1000 >= duration:
            self._say(f"The recording ends at {format_clock(duration / 1000)}, before {format_clock(seconds)}")
            return False
        self._say("")
        self._stop_at = None
        self.seek_ms(round(seconds * 1000))
        self._call("play")
        return True

    def play_span(self, start: float, end: float | None) -> None:
        """Play from `start` to `end` seconds and pause there (to the end when None)."""
        if self.play_from(start):
            self._stop_at = round(end * 1000) if end is not None else None

    def set_speed(self, rate: float) -> None:
        """Play at the listed speed nearest `rate`."""
        self.speed.setCurrentIndex(min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - rate)))

    def step_speed(self, step: int) -> None:
        """One speed slower (-1) or faster (+1)."""
        self.speed.setCurrentIndex(max(0, min(len(SPEEDS) - 1, self.speed.currentIndex() + step)))

    # Reports -----------------------------------------------------------------------------------

    def _position(self, ms: int) -> None:
        if self._stop_at is not None and ms >= self._stop_at:
            self._stop_at = None
            self._call("pause")
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time.setText(f"{format_clock(ms / 1000)} / {format_clock(self.media.duration() / 1000)}")
        self.moved.emit(ms)

    def _duration(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self.time.setText(f"{format_clock(self.media.position() / 1000)} / {format_clock(ms / 1000)}")

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == type(self.media).MediaStatus.LoadedMedia and self._pending is not None:
            pending, self._pending = self._pending, None
            self.seek_ms(pending)

    def _state(self) -> None:
        self.play_button.setText("Pause" if self.playing else "Play")

    def _enable(self, on: bool) -> None:
        for widget in (self.play_button, self.back_button, self.forward_button, self.slider, self.speed):
            widget.setEnabled(on)

    def _disable(self, message: str) -> None:
        self._enable(False)
        self._say(message)

    def _say(self, message: str) -> None:
        self.message.setToolTip(message)
        self.message.setText(message)
        self.message.setVisible(bool(message))


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button
