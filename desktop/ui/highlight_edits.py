"""The undo commands of highlights: add, delete, tag and untag, note, colour, tag search results.

Each function pushes one command through `push` (Session._push) and returns what the first
redo made; `Session` documents what each edit does for its callers.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.library import Highlight, Library, Position
from desktop.library.autotag import Autotagged, retag_matches, tag_matches, untag_matches
from desktop.library.folding import fold
from desktop.library.tags import lookup_name, tag_name
from desktop.ui.library_command import NOTHING_DONE, Place, Push


def _place_of(highlight: Highlight) -> Place:
    """Where a highlight starts."""
    return Place(highlight.transcript_id, highlight.start)


def add_highlight(push: Push, lib: Library, transcript_id: int, start: Position, end: Position,
                  tags: Sequence[str]) -> int:  # fmt: skip
    """Highlight and tag in one step; redo restores the same id and creation time."""
    made: list[Highlight] = []
    created: list[int] = []

    def redo() -> None:
        with lib.write():
            again = made[0] if made else None  # a redo: the same id and creation time
            h = lib.highlights.add(transcript_id, start, end, highlight_id=again and again.id,
                                   created=again and again.created)  # fmt: skip
            created.clear()
            for name in tags:
                h, new_tag = lib.highlights.tag(h.id, name)
                created.extend([new_tag] if new_tag is not None else [])
            made[:] = [h]

    def undo() -> None:
        with lib.write():
            lib.highlights.delete(made[0].id, expect=made[0])
            for tag_id in created:
                lib.tags.drop_if_unused(tag_id)

    label = f"Highlight and tag {', '.join(lookup_name(t) for t in tags)}" if tags else "Highlight"
    push(label, redo, undo, Place(transcript_id, start))
    return made[0].id


def delete_highlight(push: Push, lib: Library, highlight_id: int) -> None:
    """Delete; undo restores the highlight as it was."""
    state = [lib.highlights.get(highlight_id)]

    def redo() -> None:
        lib.highlights.delete(highlight_id, expect=state[0])

    def undo() -> None:
        state[0] = lib.highlights.restore(state[0])

    push("Delete highlight", redo, undo, _place_of(state[0]))


def toggle_tag(push: Push, lib: Library, highlight_id: int, tag: str) -> tuple[str, bool]:
    """Tag or untag as one step; the tag's name as stored and whether the highlight has it now."""
    highlights = lib.highlights
    state = [highlights.get(highlight_id)]
    existing = lib.tags.find(tag)
    name = lib.tags.name_of(existing) if existing is not None else tag_name(tag)  # as the library has it
    has = next((t for t in state[0].tags if fold(t) == fold(name)), None)
    if has is not None:

        def untag() -> None:
            state[0] = highlights.untag(highlight_id, has, expect=state[0])

        def retag() -> None:
            state[0] = highlights.tag(highlight_id, has, expect=state[0])[0]

        push(f"Untag {has}", untag, retag, _place_of(state[0]))
        return has, False
    created: list[int | None] = [None]

    def tag_it() -> None:
        state[0], created[0] = highlights.tag(highlight_id, name, expect=state[0])

    def untag_it() -> None:
        state[0] = highlights.untag(highlight_id, name, expect=state[0], drop_tag=created[0])

    push(f"Tag {name}", tag_it, untag_it, _place_of(state[0]))
    return name, True


def set_note(push: Push, lib: Library, highlight_id: int, note: str) -> None:
    """Change the note, when it differs."""
    old = lib.highlights.get(highlight_id)
    if old.note != note:
        _update(push, lib, old, "Edit note", note=(old.note, note))


def set_colour(push: Push, lib: Library, highlight_id: int, colour: str | None) -> None:
    """Change the colour."""
    old = lib.highlights.get(highlight_id)
    _update(push, lib, old, "Change highlight colour", colour=(old.colour, colour))


def _update(push: Push, lib: Library, old: Highlight, text: str, **values: tuple[object, object]) -> None:
    """One step setting a highlight's fields: each value is (before, after)."""
    state = [old]

    def apply(which: int) -> None:
        fields = {key: pair[which] for key, pair in values.items()}
        state[0] = lib.highlights.update(old.id, expect=state[0], **fields)

    push(text, lambda: apply(1), lambda: apply(0), _place_of(old))


def autotag(push: Push, lib: Library, query: str, tag: str, scope: dict[str, str | int | None],
            extent: str = "words") -> Autotagged:  # fmt: skip
    """Tag the matches as one step; redo brings back the same highlights."""
    done: list[Autotagged] = []

    def redo() -> object:
        if done:
            done[0] = retag_matches(lib, done[0])
            return None
        done.append(tag_matches(lib, query, tag, scope, extent))
        return None if done[0].passages else NOTHING_DONE

    push(f"Tag search results {lookup_name(tag)}", redo, lambda: untag_matches(lib, done[0]))
    return done[0]
