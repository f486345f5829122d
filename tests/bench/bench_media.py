"""Playback figures (Qt offscreen, no sound device): following the recording on a ten-hour
timed transcript, seeking from a click, and resident memory with a one-hour mp3 playing."""

from __future__ import annotations

import math
import statistics
import struct
import sys
import time
import wave
from pathlib import Path

import lameenc
from PySide6.QtCore import QMetaObject, QSettings, Qt, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QApplication

from desktop.library import Library, Position
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.app import open_window
from tests.bench.bench_app import memory_in_fresh_app, settle
from tests.bench.bench_library import RUNS, SEEDS
from tests.bench.harness import Figure, timed

HOUR_S = 3600
CUE_S = 4  # seconds a cue of the ten-hour transcript lasts
TICK_MS = 50  # how often a playing QMediaPlayer reports its position, about


def one_hour_mp3(path: Path) -> Path:
    """A one-hour mono mp3 (32 kb/s): one minute of tone encoded with LAME, its frames repeated."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(16000)
    encoder.set_channels(1)
    encoder.set_quality(7)
    pcm = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / 16000))) for i in range(16000 * 60))
    minute = bytes(encoder.encode(pcm) + encoder.flush())
    path.write_bytes(minute * (HOUR_S // 60))
    return path


def one_hour_wav(path: Path) -> Path:
    """A one-hour mono WAV (8 kHz): a second of tone repeated. Unlike an mp3 with no seek table,
    whose seeks FFmpeg estimates by bitrate (seconds off, an hour in), it seeks exactly."""
    second = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(8000))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(second * HOUR_S)
    return path


def ten_hour_vtt(path: Path) -> Path:
    """Ten hours of WebVTT: the labelled seed's words (else the sample's) in four-second cues of
    twelve words, two speakers taking turns every five cues."""
    source = SEEDS / "004_63b56b2bea8ad07d.txt"
    words = (source if source.exists() else SAMPLE_TRANSCRIPT).read_text().split()
    cues, at = ["WEBVTT", ""], 0
    for n in range(10 * HOUR_S // CUE_S):
        text = " ".join(words[(at + k) % len(words)] for k in range(12))
        at += 12
        start, end = n * CUE_S, (n + 1) * CUE_S
        cues += [f"{_clock(start)} --> {_clock(end)}", f"<v {'Ana' if n // 5 % 2 == 0 else 'Ben'}>{text}", ""]
    path.write_text("\n".join(cues))
    return path


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def wait(app: QApplication, done, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the player did not get there")
        app.processEvents()


def figures(folder: Path, quick: bool) -> list[Figure]:
    """The targets of the issue "Listen while you read"."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    talk = ten_hour_vtt(folder / "ten-hours.vtt")
    one_hour_mp3(folder / "ten-hours.mp3")  # beside it: linked at import
    library = Library(folder / "media.sqlite")
    tid = library.import_file(talk).id
    mp3 = library.transcripts.media(tid)
    library.transcripts.link_media(tid, one_hour_wav(folder / "hour.wav"))  # exact seeks, for the timings
    turns = library.transcripts.turns(tid)
    with library.write():
        for k in range(2000):
            turn = (k * 7) % len(turns)
            library.highlights.add(tid, Position(turn, 0), Position(turn, 12))
    settings = QSettings(str(folder / "media.ini"), QSettings.Format.IniFormat)
    settings.setValue("sample_offered", True)
    window = open_window(library, settings)
    window.resize(1440, 900)
    window.show()
    window.open_transcript(tid)
    wait(app, lambda: window.player.media.duration() > 0)
    settle(app, 2.0)  # Qt lays the document out in the background; a first jump past that waits for it
    follow, reader = window.follow, window.reader

    def tick(ms: int) -> None:
        follow.moved(ms)
        app.processEvents()  # the repaint it asked for

    start = 20 * 60 * 1000  # twenty minutes in: the reader must scroll there first
    tick(start)
    per_second = 1000 // TICK_MS
    ticks = [t for n in range(60 * per_second) for t in timed(lambda n=n: tick(start + n * TICK_MS), 1)]
    seconds = [sum(ticks[n : n + per_second]) / per_second for n in range(0, len(ticks), per_second)]
    idle = timed(app.processEvents, 200)
    result = [Figure("follow playback: GUI time per tick, ten hours, 2,000 highlights", seconds,
                     statistics.median(idle), 0.002,
                     note="a minute of 50 ms ticks, each second's mean: the spoken segment marked, the turn list "
                          "following, the reader scrolling when it leaves the view; baseline: an idle event loop "
                          "pass")]  # fmt: skip

    player = window.player

    def seek_from_click(turn: int) -> None:
        target = round(follow.index.time_of(Position(turn, 0)) * 1000)  # its first words' time
        window.play_from(Position(turn, 0))
        wait(app, lambda: abs(player.media.position() - target) < 100 and (reader.spoken or (None,))[0] == turn)

    bare = QMediaPlayer()
    bare.setAudioOutput(QAudioOutput(bare))
    bare.setSource(QUrl.fromLocalFile(str(folder / "hour.wav")))
    wait(app, lambda: bare.duration() > 0)
    bare.play()

    def bare_seek(ms: int) -> None:
        bare.setPosition(ms)
        wait(app, lambda: abs(bare.position() - ms) < 100)

    places = [(n * 37 + 13) % 170 for n in range(RUNS * 2)]  # turns of 20 s: within the hour recorded
    seeks = [t for turn in places for t in timed(lambda turn=turn: seek_from_click(turn), 1)]
    bares = [t for turn in places for t in timed(lambda turn=turn: bare_seek(round(turns[turn].start * 1000)), 1)]
    player.toggle()
    # Stopped through the event loop, not by a call from Python: a call keeps the GIL while it
    # waits on Qt's connection lock, which an FFmpeg thread tearing an object down holds while it
    # waits for the GIL (a deadlock seen here once in PySide6 6.11); queued, the stop runs from
    # the event loop with the GIL released, and the threads tear down before window.close().
    QMetaObject.invokeMethod(bare, "stop", Qt.ConnectionType.QueuedConnection)
    settle(app, 0.5)
    result.append(Figure("seek from a click to the new place", seeks, statistics.median(bares), 0.05,
                         note="Alt+click on a turn until the player is at its time and the reader marks it (the "
                              "backend then resumes sound at its next decode, as a bare player does); one-hour WAV; "
                              "baseline: a bare QMediaPlayer seeking it"))  # fmt: skip
    window.close()
    library.transcripts.link_media(tid, mp3)  # memory: the mp3 the issue names
    library.conn.execute("VACUUM INTO ?", (str(folder / "still.sqlite"),))  # the baseline: no recording
    library.close()
    with Library(folder / "still.sqlite") as still_library:
        still_library.transcripts.link_media(tid, None)
    playing = [memory_in_fresh_app(folder / "media.sqlite", tid, play=True) for _ in range(3 if quick else RUNS)]
    still = [memory_in_fresh_app(folder / "still.sqlite", tid) for _ in range(3 if quick else RUNS)]
    base = statistics.median(still)
    result.append(Figure("resident memory, one-hour mp3 playing", playing, base, base + 80, unit="MB",
                         note="a fresh app process, ten-hour transcript open, playing ten minutes in; baseline: "
                              "the same transcript with no recording linked (target: +80 MB)"))  # fmt: skip
    return result
