"""Where the app logs: `talkmark.log` in the user log folder."""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs


def log_path() -> Path:
    """The log file (its folder may not exist before the first start)."""
    return platformdirs.user_log_path("Talkmark", appauthor=False) / "talkmark.log"


def log_to_file() -> None:
    """Send the `talkmark` logs to the log file."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
