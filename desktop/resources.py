"""Paths of the files the project ships in `resources/`."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_TRANSCRIPT = RESOURCES / "sample.txt"
