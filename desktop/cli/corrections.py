"""The corrections: edit, split, merge, speaker and replace, each one transaction with the
highlights mapped through it, and a line saying what changed."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from desktop.cli.common import CommandError, counted, library_call, open_to_correct
from desktop.library import Correction, Library


def run_edit(args: argparse.Namespace) -> int:
    """`edit ID TURN --text TEXT`: a turn's new text."""
    with open_to_correct(args.library) as library:
        done = _correct(library, args.id, [args.turn], lambda: library.corrections.edit(args.id, args.turn, args.text))
    print(f"edited turn {args.turn} of transcript {args.id}; {done.summary()}")
    return 0


def run_split(args: argparse.Namespace) -> int:
    """`split ID TURN OFFSET`: a turn in two."""
    with open_to_correct(args.library) as library:
        done = _correct(
            library, args.id, [args.turn], lambda: library.corrections.split(args.id, args.turn, args.offset)
        )
    whole, rest = done.before.runs[0].rows[0].text, done.after.runs[0].rows[1].text
    begins = " ".join(rest.split()[:4])
    print(f"split turn {args.turn} of transcript {args.id} at character {len(whole) - len(rest)}: "
          f"turn {args.turn + 1} starts {begins!r}; {done.summary()}")  # fmt: skip
    return 0


def run_merge(args: argparse.Namespace) -> int:
    """`merge ID TURN`: a turn joined onto the one before it."""
    with open_to_correct(args.library) as library:
        done = _correct(library, args.id, [args.turn], lambda: library.corrections.merge(args.id, args.turn))
    print(f"merged turn {args.turn} into turn {args.turn - 1} of transcript {args.id}; {done.summary()}")
    return 0


def run_speaker(args: argparse.Namespace) -> int:
    """`speaker ID TURN[-TURN] NAME`: turns given to a speaker."""
    first, last = args.turns
    with open_to_correct(args.library) as library:
        done = _correct(library, args.id, [first, last],
                        lambda: library.corrections.set_speaker(args.id, first, last, args.name))  # fmt: skip
    name = done.after.runs[0].rows[0].speaker  # as stored: spaces tidied
    print(f"{_turns(done.turns)} of transcript {args.id} now said by {name}; {done.summary()}")
    return 0


def run_replace(args: argparse.Namespace) -> int:
    """`replace ID OLD NEW`: every occurrence replaced, in one step."""
    options = {"whole_word": args.whole_word, "match_case": not args.ignore_case}
    with open_to_correct(args.library) as library, library.write():  # the count and the change agree
        _require_turns(library, args.id, [])
        if not args.old:
            raise CommandError(library.path, "nothing to replace: OLD is empty")
        count = len(library.corrections.matches(args.id, args.old, **options))
        if not count:
            raise CommandError(library.path, f"no {args.old!r} in transcript {args.id}; nothing replaced")
        done = library_call(library, lambda: library.corrections.replace(args.id, args.old, args.new, **options))
    print(f"replaced {counted(count, 'match', 'matches')} of {args.old!r} with {args.new!r} in {_turns(done.turns)} "
          f"of transcript {args.id}; {done.summary()}")  # fmt: skip
    return 0


def _correct(library: Library, transcript_id: int, turns: list[int], make: Callable[[], Correction]) -> Correction:
    """Check that the transcript has these turns, then make the correction: one transaction."""
    with library.write():
        _require_turns(library, transcript_id, turns)
        return library_call(library, make)


def _require_turns(library: Library, transcript_id: int, turns: list[int]) -> None:
    count = library_call(library, lambda: library.transcripts.get(transcript_id)).turn_count
    for turn in turns:
        if turn >= count:
            raise CommandError(
                library.path, f"transcript {transcript_id} has no turn {turn} (its turns are 0 to {count - 1})"
            )


def _turns(indexes: list[int]) -> str:
    """`turn 4`, `turns 4-9`, `turns 0, 3-5, 12`."""
    spans: list[list[int]] = []
    for i in indexes:
        if spans and spans[-1][1] == i - 1:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    listed = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
    return f"turn {listed}" if len(indexes) == 1 else f"turns {listed}"
