"""A type-ahead tag picker: choose an existing tag or type a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.name_picker import NamePicker


class TagPicker(NamePicker):
    """Asks for a tag name, completing from the library's tags as the user types."""

    def __init__(self, tags: list[str], parent: QWidget | None = None, *, title: str = "Tag", prompt: str = "") -> None:
        super().__init__(tags, parent, title=title, prompt=prompt, placeholder="Tag name, e.g. method/interview",
                         noun="tag")  # fmt: skip

    def tag(self) -> str:
        """The chosen tag name."""
        return self.name()

    def clean(self, text: str) -> str:
        name = text.strip().lstrip("#").strip()
        return name if name.strip("/ ") else ""  # "#" and "/" alone name no tag
