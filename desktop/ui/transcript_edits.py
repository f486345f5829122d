"""The undo commands of transcripts as records: title, attributes (of transcripts and speakers),
attribute fields.

Each function pushes one command through `push` (Session._push); `Session` documents what
each edit does for its callers. `fields_changed` is called when fields come or go.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.library import Library
from desktop.ui.library_command import Place, Push


def rename_transcript(push: Push, lib: Library, transcript_id: int, title: str) -> None:
    """Retitle; undo gives back the old title."""
    rename = lib.transcripts.rename
    state = [lib.transcripts.get(transcript_id).title]
    old = state[0]

    def apply(new: str) -> None:
        state[0] = rename(transcript_id, new, expect=state[0])

    push("Rename transcript", lambda: apply(title), lambda: apply(old), Place(transcript_id))


def set_attributes(push: Push, lib: Library, fields_changed: Callable[[], None], transcript_id: int,
                   values: dict[str, str | None], speaker_id: int | None) -> None:  # fmt: skip
    """Set values as one step; undo and redo write back exactly the values before and after."""
    attributes = lib.attributes
    write = attributes.set if speaker_id is None else attributes.set_speaker
    read = attributes.get if speaker_id is None else attributes.get_speaker
    owner = transcript_id if speaker_id is None else speaker_id
    before: dict[str, str | None] = {}
    after: dict[str, str | None] = {}
    ran: list[bool] = []

    def redo() -> None:
        if ran:
            write(owner, after, expect=before)
            return
        ran.append(True)
        with lib.write():
            before.update(write(owner, values))
            stored = read(owner)
            after.update({name: stored.get(name) for name in before})

    scope = "transcript" if speaker_id is None else "speaker"
    known = len(attributes.fields(scope))
    # No place: attributes show in the library panel and tables, not in the reader.
    push(f"Set {', '.join(values)}", redo, lambda: write(owner, before, expect=after))
    if len(attributes.fields(scope)) != known:  # a name not yet a field became one
        fields_changed()


def define_attribute(push: Push, lib: Library, fields_changed: Callable[[], None], name: str, kind: str,
                     scope: str) -> None:  # fmt: skip
    """Add the field; undo removes it."""
    attributes = lib.attributes
    made: list[str] = []

    def redo() -> None:
        made[:] = [attributes.define(name, kind, scope).name]
        fields_changed()

    def undo() -> None:
        attributes.remove_field(made[0])
        fields_changed()

    push(f"Add attribute {' '.join(name.split())}", redo, undo)
