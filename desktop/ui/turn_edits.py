"""The undo commands of a transcript's turns: corrections, label repairs, speakers renamed or merged.

Each function pushes one command through `push` (Session._push); `Session` documents what
each edit does for its callers.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.library import Correction, Library
from desktop.ui.library_command import Place, Push


def correct(push: Push, lib: Library, text: str, make: Callable[[], Correction], place: Place) -> Correction:
    """Run `make` as one step; redo reapplies the correction it returned, undo reverts it."""
    corrections = lib.corrections
    done: list[Correction] = []

    def redo() -> None:
        if done:
            corrections.reapply(done[0])
        else:
            done.append(make())

    push(text, redo, lambda: corrections.revert(done[0]), place)
    return done[0]


def set_repair(push: Push, lib: Library, transcript_id: int, repair_id: int, *, undone: bool) -> None:
    """Take back or make again a label repair, as a correction."""
    corrections = lib.corrections
    make = corrections.undo_repair if undone else corrections.redo_repair
    correct(push, lib, "Take back label repair" if undone else "Repair label again", lambda: make(repair_id),
            Place(transcript_id))  # fmt: skip


def rename_speaker(push: Push, lib: Library, transcript_id: int, name: str, new_name: str) -> None:
    """Rename (spaces collapsed); undo renames back."""
    speakers = lib.speakers
    new_name = " ".join(new_name.split())
    push(
        f"Rename {name} to {new_name}",
        lambda: speakers.rename(transcript_id, name, new_name),
        lambda: speakers.rename(transcript_id, new_name, name),
        Place(transcript_id),
    )


def merge_speakers(push: Push, lib: Library, transcript_id: int, name: str, into: str) -> None:
    """Merge; undo gives the moved turns back to `name`."""
    moved: list[int] = []
    speakers = lib.speakers

    def redo() -> None:
        moved[:] = speakers.merge(transcript_id, name, into)

    push(f"Merge {name} into {into}", redo, lambda: speakers.assign(transcript_id, moved, name),
         Place(transcript_id))  # fmt: skip
