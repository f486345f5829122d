"""What find in the transcript looks for: the typed text as a regular expression, with the
options Match case, Whole word and Regular expression. No Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass

NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class FindOptions:
    """How typed text is matched; by default as plain text, in any case, anywhere in a word."""

    match_case: bool = False
    whole_word: bool = False
    regex: bool = False


class PatternError(ValueError):
    """The text is not a usable regular expression; the message says why, on one line."""


def find_pattern(text: str, options: FindOptions = FindOptions()) -> re.Pattern[str]:
    """The compiled pattern for `text` (a no-break space typed matches a space, as the text
    searched has its no-break spaces read as spaces); PatternError for a bad expression."""
    text = text.replace(NO_BREAK_SPACE, " ")
    flags = 0 if options.match_case else re.IGNORECASE
    source = _compiled(text, flags).pattern if options.regex else re.escape(text)
    if options.whole_word:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    pattern = _compiled(source, flags)
    if pattern.fullmatch(""):
        raise PatternError("The expression matches empty text: it would be found everywhere")
    return pattern


def _compiled(source: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as error:
        where = f" at position {error.pos + 1}" if error.pos is not None else ""
        raise PatternError(f"Not a regular expression: {error.msg}{where}") from None
    except (OverflowError, RecursionError):
        raise PatternError("Not a regular expression: too large or nested too deeply") from None
