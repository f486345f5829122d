"""The date a conversation took place, where its file says: recorders and meeting tools name
files by it (`2024-03-05 Interview.txt`, Zoom's `GMT20240305-143012_Recording.vtt`,
`interview_2024_03_05.srt`, `20240305 standup.docx`)."""

from __future__ import annotations

import re
from datetime import date

# Year 19xx/20xx, then month and day, separated alike by `-`, `_`, `.` or nothing; never
# inside a longer run of digits (an id such as 1202403051 is no date).
_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")


def date_in_name(filename: str) -> str | None:
    """The first real calendar date in a file name, as ISO `YYYY-MM-DD`; None when it has none."""
    for match in _DATE.finditer(filename):
        year, _, month, day = match.groups()
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None
