"""Talkmark: no arguments opens the app; a command runs the command line."""

from __future__ import annotations

import sys

from desktop.cli import COMMANDS


def main() -> int:
    """Dispatch to the command line or the app."""
    argv = command_first(sys.argv[1:])
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        from desktop.cli import main as cli_main

        return cli_main(argv)
    from desktop.ui.app import run

    return run(argv)


def command_first(argv: list[str]) -> list[str]:
    """`--library PATH COMMAND ...` as `COMMAND --library PATH ...`, so the option may come first."""
    leading = 2 if argv[:1] == ["--library"] else 1 if argv[:1] and argv[0].startswith("--library=") else 0
    if leading and len(argv) > leading and argv[leading] in COMMANDS:
        return [argv[leading], *argv[:leading], *argv[leading + 1 :]]
    return argv


if __name__ == "__main__":
    sys.exit(main())
