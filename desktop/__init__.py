"""Talkmark: a desktop reader and annotator for conversation transcripts."""

__version__ = "0.1.0"
