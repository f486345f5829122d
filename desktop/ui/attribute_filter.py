"""The library filter's attribute conditions: `age group = 50+`, several joined by `;`
(`site = river; age group = 50+`), each naming a field and one of its values (any case;
`(none)` for transcripts without one), or comparing a number or date field (`age > 50`,
`interviewed >= 2024-03-01`). What is not such a condition filters titles, files and
speakers as before. A menu beside the filter writes the conditions for you."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu

from desktop.library import LibraryError
from desktop.library.attributes import NONE, Attributes, comparison, normalised, split_condition


def parse(text: str, attributes: Attributes) -> tuple[str, set[int] | None]:
    """The plain text filter left, and the ids of the transcripts the attribute conditions
    allow (None: no condition)."""
    words: list[str] = []
    conditions: dict[str, list[str]] = {}
    for part in text.split(";"):
        condition = split_condition(part)
        field = _field(attributes, condition[0]) if condition else None
        wanted = _wanted(attributes, field, condition[1]) if field else None
        if wanted is None:
            words.append(part.strip())
            continue
        conditions.setdefault(field.name, []).append(wanted)
    if not conditions:
        return text, None
    return " ".join(w for w in words if w), attributes.transcripts_where(conditions)


def _field(attributes: Attributes, name: str):
    try:
        return attributes.field(name.strip())
    except LibraryError:
        return None


def _wanted(attributes: Attributes, field, value: str) -> str | None:
    """A comparison as typed (None when its bound is not of the field's kind: then the part
    is plain filter text), else the value as stored."""
    try:
        if comparison(field, value) is not None:
            return value
    except LibraryError:
        return None
    return _stored(attributes, field, value)


def _stored(attributes: Attributes, field, value: str) -> str:
    """A typed value as the library stores it: a known value in any case, `(none)`, or the
    value normalised for its kind (a value no transcript has matches none)."""
    if value.casefold() == NONE:
        return NONE
    for known in attributes.values(field.name):
        if known.casefold() == value.casefold():
            return known
    try:
        return normalised(field, value)
    except LibraryError:
        return value


def attribute_menu(attributes: Attributes, choose: Callable[[str], None], menu: QMenu) -> QMenu:
    """Fill `menu` with every attribute field and its values; choosing one calls `choose("field = value")`."""
    menu.clear()
    fields = [*attributes.fields("transcript"), *attributes.fields("speaker")]
    if not fields:
        menu.addAction("No attributes yet (right-click a transcript ▸ Attributes…)").setEnabled(False)
    for field in fields:
        label = field.name if field.scope == "transcript" else f"{field.name} (speakers)"
        sub = menu.addMenu(label)
        for value in [*attributes.values(field.name), NONE]:
            sub.addAction(value, lambda v=value, n=field.name: choose(f"{n} = {v}"))
    menu.addSeparator()
    menu.addAction("Clear the filter", lambda: choose(""))
    return menu
