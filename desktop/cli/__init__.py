"""The command line: `python main.py COMMAND ...` over the same core as the app.

`program.py` holds the parser and the run of one command; the commands live beside it:
`transcripts.py` (parse, import, list, check, show, search, autotag, media), `export.py`
(export, the vault, the codebook), `corrections.py` (edit, split, merge, speaker, replace) and
`reports.py` (report, attributes), over `common.py` (the one-line error, stopping on a signal,
opening the library)."""

from desktop.cli.program import COMMANDS, main

__all__ = ["COMMANDS", "main"]
