"""A small coded library with known counts, for the reports, attributes and their command line.

Two interviews (dated by their file names), three speakers, seven highlights:

    A  2024-03-05   Ann: I grew up by the river. Did you?      (8 words, 1 question)
                    Bob: Yes, near the old mill.               (5)
                    Ann: We fished there every summer.         (5)
    B  2024-06-10   Cy: The floods came in spring.             (5)
                    Bob: What did you lose?                    (4, 1 question)
                    Cy: Everything but the photographs.        (4)

    h1  A  "grew up by the river"                 theme/place            Ann 5
    h2  A  "Did you?" / "Yes, near"               theme, theme/place     Ann 2, Bob 2 (across speakers)
    h3  A  "fished"                               theme/work             Ann 1
    h4  B  "floods"                               theme/place            Cy 1
    h5  B  "What did you lose?" / "Everything"    loss                   Bob 4, Cy 1 (across speakers)
    h6  B  "the photographs"                      loss, theme/place      Cy 2

Attributes: A site=river age=62, B site=coast age=45 (age a number); speakers' role: Ann and
Cy participant, Bob interviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.library import Library, Position

A_TEXT = "Ann: I grew up by the river. Did you?\n\nBob: Yes, near the old mill.\n\nAnn: We fished there every summer.\n"
B_TEXT = "Cy: The floods came in spring.\n\nBob: What did you lose?\n\nCy: Everything but the photographs.\n"


@dataclass
class Coded:
    """The library's ids: transcripts `a`, `b`; highlights `h[1]`…`h[6]`; speakers by (transcript, name)."""

    library: Library
    a: int
    b: int
    h: dict[int, int]
    speakers: dict[tuple[int, str], int]


def span(library: Library, tid: int, first: tuple[int, str], last: tuple[int, str] | None = None,
         tags: list[str] = ()) -> int:  # fmt: skip
    """Highlight from the start of `first`'s words to the end of `last`'s (turn, words); its id."""
    turns = library.transcripts.turns(tid)
    last = last or first
    start = Position(first[0], turns[first[0]].text.index(first[1]))
    end = Position(last[0], turns[last[0]].text.index(last[1]) + len(last[1]))
    return library.highlights.add(tid, start, end, tags=list(tags)).id


def build(library: Library, folder: Path) -> Coded:
    """Import the two interviews, highlight and tag them, and give them attributes."""
    (folder / "2024-03-05 River.txt").write_text(A_TEXT, encoding="utf-8")
    (folder / "2024-06-10 Coast.txt").write_text(B_TEXT, encoding="utf-8")
    a = library.import_file(folder / "2024-03-05 River.txt").id
    b = library.import_file(folder / "2024-06-10 Coast.txt").id
    h = {
        1: span(library, a, (0, "grew up by the river"), tags=["theme/place"]),
        2: span(library, a, (0, "Did you?"), (1, "Yes, near"), tags=["theme", "theme/place"]),
        3: span(library, a, (2, "fished"), tags=["theme/work"]),
        4: span(library, b, (0, "floods"), tags=["theme/place"]),
        5: span(library, b, (1, "What did you lose?"), (2, "Everything"), tags=["loss"]),
        6: span(library, b, (2, "the photographs"), tags=["loss", "theme/place"]),
    }
    library.attributes.define("age", "number")
    library.attributes.set(a, {"site": "river", "age": "62"})
    library.attributes.set(b, {"site": "coast", "age": "45"})
    library.attributes.define("role", scope="speaker")
    speakers = {(tid, name): sid for tid in (a, b) for sid, name in library.attributes.speakers(tid)}
    for (_, name), sid in speakers.items():
        library.attributes.set_speaker(sid, {"role": "interviewer" if name == "Bob" else "participant"})
    return Coded(library, a, b, h, speakers)
