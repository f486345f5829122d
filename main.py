"""Talkmark: no arguments opens the app; a command runs the command line."""

from __future__ import annotations

import sys

from desktop.cli import COMMANDS


def main() -> int:
    """Dispatch to the command line or the app."""
    argv = sys.argv[1:]
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        from desktop.cli import main as cli_main

        return cli_main(argv)
    from desktop.ui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
