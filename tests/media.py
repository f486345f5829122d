"""Short recordings made in the tests: a sine tone as a WAV file (the stdlib `wave` module)."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path


def sine_wav(path: Path, seconds: float = 3.0, rate: int = 8000) -> Path:
    """A mono 16-bit WAV of a 440 Hz tone, `seconds` long."""
    frames = int(seconds * rate)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate)))
                                 for i in range(frames)))  # fmt: skip
    return path
