"""The undo commands of tags themselves: rename, recolour, describe, delete, merge.

Each function pushes one command through `push` (Session._push); `Session` documents what
each edit does for its callers.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.library import Library, Tag
from desktop.library.tags import tag_name
from desktop.ui.library_command import Push


def rename_tag(push: Push, lib: Library, name: str, new_name: str) -> None:
    """Rename; undo gives back the old name."""
    tags = lib.tags
    before = tags.get(name)
    new = tag_name(new_name)
    state = [before]

    def redo() -> None:
        state[0] = tags.rename(before.name, new, expect=state[0])

    def undo() -> None:
        state[0] = tags.rename(new, before.name, expect=state[0])

    push(f"Rename tag {before.name}", redo, undo)


def recolour_tag(push: Push, lib: Library, name: str, colour: str) -> None:
    """Recolour; undo gives back the old colour."""
    _set_tag(push, lib, name, "Recolour", "colour", colour, lib.tags.recolour)


def describe_tag(push: Push, lib: Library, name: str, description: str) -> None:
    """Describe; undo gives back the old description."""
    _set_tag(push, lib, name, "Describe", "description", description, lib.tags.describe)


def _set_tag(push: Push, lib: Library, name: str, verb: str, field: str, value: str,
             write: Callable[..., Tag]) -> None:  # fmt: skip
    """One step setting a tag's `field` through `write(name, value, expect=tag)`."""
    state = [lib.tags.get(name)]
    old = getattr(state[0], field)

    def apply(new: str) -> None:
        state[0] = write(state[0].name, new, expect=state[0])

    push(f"{verb} {state[0].name}", lambda: apply(value), lambda: apply(old))


def delete_tag(push: Push, lib: Library, name: str) -> None:
    """Delete; undo restores the tag with its links."""
    tags = lib.tags
    state, links = [tags.get(name)], tags.links(name)

    def undo() -> None:
        state[0] = tags.restore(state[0], links)

    push(f"Delete tag {state[0].name}", lambda: tags.delete(state[0].name, expect=state[0]), undo)


def merge_tags(push: Push, lib: Library, name: str, into: str) -> None:
    """Merge; undo takes the moved links off `into` and restores the tag merged away."""
    source, links = lib.tags.get(name), lib.tags.links(name)
    target = lib.tags.get(into)
    added = sorted(set(links) - set(lib.tags.links(into)))

    def undo() -> None:
        with lib.write():
            for hid in added:
                lib.highlights.remove_tag(hid, target.name)
            lib.tags.restore(source, links)

    push(f"Merge tag {source.name} into {target.name}", lambda: lib.tags.merge(source.name, target.name), undo)
