"""Attributes: user-defined fields on transcripts (cases) and speakers, such as participant,
age group, site or role, used by the reports and exported to REFI-QDA as variables.

A field has a name (once in the library, any case), a kind (`text`, `number` or `date`) and
a scope (`transcript` or `speaker`); values are stored as text, numbers written plainly
(`40`, `2.5`) and dates as ISO `YYYY-MM-DD`.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from desktop.library.changes import Changes
from desktop.library.models import ConflictError, Field, LibraryError, RemovedField

if TYPE_CHECKING:
    from desktop.library.store import Library

KINDS = ("text", "number", "date")
SCOPES = ("transcript", "speaker")
NONE = "(none)"  # the value of a transcript or speaker that has none, in filters and report columns
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")
_OWNER = {"transcript": ("transcript_attributes", "transcript_id"), "speaker": ("speaker_attributes", "speaker_id")}


def field_name(name: str) -> str:
    """A field's name as stored: single spaces, no `=` (the command line writes `KEY=VALUE`)."""
    clean = " ".join(name.split())
    if not clean or "=" in clean:
        raise LibraryError(f"{name!r} is not an attribute name (not empty, no '=')")
    return clean


def normalised(field: Field, value: str) -> str:
    """A value as stored for this field: a number written plainly (`40`, `2.5`), a date as
    ISO `YYYY-MM-DD`; a LibraryError naming the field when the value is not of its kind."""
    value = " ".join(value.split())
    if field.kind == "number":
        if _INTEGER.fullmatch(value):  # exactly, however long: a float keeps 15-17 digits
            return str(int(value))
        try:
            number = float(value) if "_" not in value else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise LibraryError(f'{field.name}: "{value}" is not a number')
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if field.kind == "date":
        try:
            if _ISO_DATE.fullmatch(value):
                return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        raise LibraryError(f'{field.name}: "{value}" is not a date (YYYY-MM-DD)')
    return value


_COMPARISON = re.compile(r"\s*(>=|<=|>|<)\s*(.+)")
_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
_CONDITION = re.compile(r"\s*(.+?)\s*(>=|<=|=|>|<)\s*(.*)")


def comparison(field: Field, wanted: str) -> Callable[[str], bool] | None:
    """`>50`, `<= 2024-06-30` and the like on a number or date field, as a test of a stored
    value; None for a plain value (or any value of a text field). A bound not of the field's
    kind is a LibraryError naming the field."""
    found = _COMPARISON.fullmatch(wanted)
    if found is None or field.kind == "text":
        return None
    op, bound = found.groups()
    key = sort_key(field)
    limit = key(normalised(field, bound))
    return lambda stored: _COMPARE[op](key(stored), limit)


def split_condition(text: str) -> tuple[str, str] | None:
    """`age > 50` as ("age", ">50"), `site = river` as ("site", "river"); None when `text`
    names no comparison."""
    found = _CONDITION.fullmatch(text)
    if found is None:
        return None
    name, op, value = found.groups()
    return name, value.strip() if op == "=" else op + value.strip()


def sort_key(field: Field):
    """How a field's values sort: numbers by size, the others alphabetically, ignoring case."""
    if field.kind == "number":
        return float
    return str.casefold


class Attributes:
    """The attribute fields of a library and their values."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def fields(self, scope: str = "transcript") -> list[Field]:
        """The fields of transcripts or of speakers, in the order they were defined."""
        rows = self._conn.execute("SELECT name, kind, scope FROM attribute_fields WHERE scope = ? ORDER BY id",
                                  (_scope(scope),))  # fmt: skip
        return [Field(*row) for row in rows]

    def field(self, name: str) -> Field:
        """The field called `name` (any case), of either scope; a LibraryError when there is none."""
        row = self._conn.execute("SELECT name, kind, scope FROM attribute_fields WHERE name = ?",
                                 (" ".join(name.split()),)).fetchone()  # fmt: skip
        if row is None:
            raise LibraryError(f"no attribute named {name!r}")
        return Field(*row)

    def define(self, name: str, kind: str = "text", scope: str = "transcript") -> Field:
        """A new field (a LibraryError when one of that name exists, in either scope)."""
        if kind not in KINDS:
            raise LibraryError(f"{kind!r} is not a kind of attribute ({', '.join(KINDS)})")
        name = field_name(name)
        with self._lib.write():
            if self._id(name) is not None:
                raise LibraryError(f"an attribute named {name!r} exists already")
            self._conn.execute("INSERT INTO attribute_fields (name, kind, scope) VALUES (?, ?, ?)",
                               (name, kind, _scope(scope)))  # fmt: skip
        return Field(name, kind, scope)

    def rename_field(self, name: str, new_name: str) -> Field:
        """Give a field a new name (its values stay); returns it as renamed."""
        new_name = field_name(new_name)
        with self._lib.write():
            field = self.field(name)
            clash = self._id(new_name)
            if clash is not None and clash != self._id(field.name):
                raise LibraryError(f"an attribute named {new_name!r} exists already")
            self._conn.execute("UPDATE attribute_fields SET name = ? WHERE name = ?", (new_name, field.name))
            self._changed(field.scope, self._owners(new_name, field.scope))
        return Field(new_name, field.kind, field.scope)

    def remove_field(self, name: str) -> RemovedField:
        """Delete a field and all its values; returns what `restore_field` needs to undo it."""
        with self._lib.write():
            field = self.field(name)
            table, owner = _OWNER[field.scope]
            values = dict(self._conn.execute(
                f"SELECT a.{owner}, a.value FROM {table} a JOIN attribute_fields f ON f.id = a.field_id "
                "WHERE f.name = ?", (field.name,)).fetchall())  # fmt: skip
            self._conn.execute("DELETE FROM attribute_fields WHERE name = ?", (field.name,))
            self._changed(field.scope, values)
        return RemovedField(field, values)

    def restore_field(self, removed: RemovedField) -> Field:
        """Put back a removed field with its values (those of transcripts or speakers deleted
        meanwhile stay gone)."""
        field = removed.field
        with self._lib.write():
            self.define(field.name, field.kind, field.scope)
            field_id = self._id(field.name)
            table, owner = _OWNER[field.scope]
            owners = "transcripts" if field.scope == "transcript" else "speakers"
            self._conn.executemany(
                f"INSERT INTO {table} ({owner}, field_id, value) SELECT id, ?, ? FROM {owners} WHERE id = ?",
                [(field_id, value, oid) for oid, value in removed.values.items()],
            )
            self._changed(field.scope, removed.values)
        return field

    def get(self, transcript_id: int) -> dict[str, str]:
        """A transcript's attributes by field name, in the fields' order."""
        self._lib.transcripts.get(transcript_id)
        return self._values("transcript", transcript_id)

    def set(self, transcript_id: int, values: Mapping[str, str | None], *,
            expect: Mapping[str, str | None] | None = None) -> dict[str, str | None]:  # fmt: skip
        """Set a transcript's attributes (None or "" clears one; a name not yet a field becomes a
        text field). Returns the values before, by field name (None where unset): `set` with
        them undoes this. With `expect`, a ConflictError unless those values are still so."""
        with self._lib.write():
            self._lib.transcripts.get(transcript_id)
            return self._set("transcript", transcript_id, values, expect)

    def get_speaker(self, speaker_id: int) -> dict[str, str]:
        """A speaker's attributes by field name, in the fields' order."""
        self.speaker(speaker_id)
        return self._values("speaker", speaker_id)

    def set_speaker(self, speaker_id: int, values: Mapping[str, str | None], *,
                    expect: Mapping[str, str | None] | None = None) -> dict[str, str | None]:  # fmt: skip
        """Set a speaker's attributes, as `set` does a transcript's."""
        with self._lib.write():
            self.speaker(speaker_id)
            return self._set("speaker", speaker_id, values, expect)

    def speakers(self, transcript_id: int) -> list[tuple[int, str]]:
        """A transcript's speakers as (id, name), in order of first appearance: the ids
        `get_speaker` and `set_speaker` take."""
        self._lib.transcripts.get(transcript_id)
        rows = self._conn.execute(
            "SELECT s.id, s.name FROM speakers s LEFT JOIN turns t ON t.speaker_id = s.id WHERE s.transcript_id = ? "
            "GROUP BY s.id ORDER BY min(t.idx), s.id",
            (transcript_id,),
        )
        return [(sid, name) for sid, name in rows]

    def table(self) -> dict[int, dict[str, str]]:
        """Every transcript's attributes by transcript id (an empty dict for one without)."""
        found: dict[int, dict[str, str]] = {tid: {} for (tid,) in self._conn.execute("SELECT id FROM transcripts")}
        rows = self._conn.execute(
            "SELECT a.transcript_id, f.name, a.value FROM transcript_attributes a "
            "JOIN attribute_fields f ON f.id = a.field_id ORDER BY f.id"
        )
        for tid, name, value in rows:
            found[tid][name] = value
        return found

    def speaker_table(self) -> dict[int, dict[str, str]]:
        """The attributes of every speaker that has any, by speaker id."""
        found: dict[int, dict[str, str]] = {}
        rows = self._conn.execute(
            "SELECT a.speaker_id, f.name, a.value FROM speaker_attributes a "
            "JOIN attribute_fields f ON f.id = a.field_id ORDER BY f.id"
        )
        for sid, name, value in rows:
            found.setdefault(sid, {})[name] = value
        return found

    def values(self, name: str) -> list[str]:
        """The distinct values a field has, sorted (numbers by size)."""
        field = self.field(name)
        table, _ = _OWNER[field.scope]
        rows = self._conn.execute(
            f"SELECT DISTINCT a.value FROM {table} a JOIN attribute_fields f ON f.id = a.field_id WHERE f.name = ?",
            (field.name,),
        )
        return sorted((value for (value,) in rows), key=sort_key(field))

    def transcripts_where(self, filters: Mapping[str, Iterable[str]]) -> set[int]:
        """Ids of the transcripts whose attributes take one of the listed values, for every field
        named (`NONE` stands for no value). A speaker field matches a transcript when one of its
        speakers matches."""
        chosen = {tid for (tid,) in self._conn.execute("SELECT id FROM transcripts")}
        for name, wanted in filters.items():
            field = self.field(name)
            matching = self.owners_where(field, wanted)
            if field.scope == "speaker":
                sql = "SELECT DISTINCT transcript_id FROM speakers WHERE id IN (SELECT value FROM json_each(?))"
                matching = {tid for (tid,) in self._conn.execute(sql, (json.dumps(sorted(matching)),))}
            chosen &= matching
        return chosen

    def owners_where(self, field: Field, wanted: Iterable[str]) -> set[int]:
        """Ids of the transcripts or speakers (by the field's scope) whose value of `field` is one
        of `wanted` (in any case; `NONE`: those with no value) or passes one of its comparisons
        (`>50`)."""
        wanted = set(wanted)
        tests = [test for v in wanted if (test := comparison(field, v)) is not None]
        values = {normalised(field, v).casefold() for v in wanted if v != NONE and comparison(field, v) is None}
        table, owner = _OWNER[field.scope]
        owners = "transcripts" if field.scope == "transcript" else "speakers"
        rows = self._conn.execute(
            f"SELECT o.id, a.value FROM {owners} o LEFT JOIN {table} a ON a.{owner} = o.id "
            "AND a.field_id = (SELECT id FROM attribute_fields WHERE name = ?)",
            (field.name,),
        )

        def let_through(value: str | None) -> bool:
            if value is None:
                return NONE in wanted
            return value.casefold() in values or any(test(value) for test in tests)

        return {oid for oid, value in rows if let_through(value)}

    def _set(self, scope: str, owner_id: int, values: Mapping[str, str | None],
             expect: Mapping[str, str | None] | None) -> dict[str, str | None]:  # fmt: skip
        current = self._values(scope, owner_id)
        if expect is not None and any(current.get(self._stored_name(k)) != (v or None) for k, v in expect.items()):
            raise ConflictError(f"the attributes of {scope} {owner_id} were changed elsewhere")
        table, owner = _OWNER[scope]
        before: dict[str, str | None] = {}
        for name, value in values.items():
            field = self._field_for(name, scope)
            before[field.name] = current.get(field.name)
            field_id = self._id(field.name)
            if value is None or not value.strip():
                self._conn.execute(f"DELETE FROM {table} WHERE {owner} = ? AND field_id = ?", (owner_id, field_id))
            else:
                self._conn.execute(
                    f"INSERT INTO {table} ({owner}, field_id, value) VALUES (?, ?, ?) "
                    f"ON CONFLICT ({owner}, field_id) DO UPDATE SET value = excluded.value",
                    (owner_id, field_id, normalised(field, value)),
                )
        self._changed(scope, [owner_id])
        return before

    def _field_for(self, name: str, scope: str) -> Field:
        """The field a value is set for: an existing one of this scope, else a new text field."""
        try:
            field = self.field(name)
        except LibraryError:
            return self.define(name, "text", scope)
        if field.scope != scope:
            raise LibraryError(f"{field.name!r} is an attribute of {field.scope}s, not of {scope}s")
        return field

    def _stored_name(self, name: str) -> str:
        try:
            return self.field(name).name
        except LibraryError:
            return name

    def _values(self, scope: str, owner_id: int) -> dict[str, str]:
        table, owner = _OWNER[scope]
        rows = self._conn.execute(
            f"SELECT f.name, a.value FROM {table} a JOIN attribute_fields f ON f.id = a.field_id "
            f"WHERE a.{owner} = ? ORDER BY f.id",
            (owner_id,),
        )
        return dict(rows.fetchall())

    def _owners(self, name: str, scope: str) -> list[int]:
        table, owner = _OWNER[scope]
        sql = f"SELECT a.{owner} FROM {table} a JOIN attribute_fields f ON f.id = a.field_id WHERE f.name = ?"
        return [oid for (oid,) in self._conn.execute(sql, (name,))]

    def _changed(self, scope: str, owner_ids: Iterable[int]) -> None:
        """Note the transcripts whose attributes (or whose speakers' attributes) changed."""
        transcripts = frozenset(owner_ids)
        if scope == "speaker":
            sql = "SELECT DISTINCT transcript_id FROM speakers WHERE id IN (SELECT value FROM json_each(?))"
            transcripts = frozenset(tid for (tid,) in self._conn.execute(sql, (json.dumps(sorted(transcripts)),)))
        if transcripts:
            self._lib.note(Changes(transcripts=transcripts))

    def speaker(self, speaker_id: int) -> tuple[int, str]:
        """The transcript id and name of the speaker with this id."""
        row = self._conn.execute("SELECT transcript_id, name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no speaker with id {speaker_id}")
        return row

    def _id(self, name: str) -> int | None:
        row = self._conn.execute("SELECT id FROM attribute_fields WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None


def _scope(scope: str) -> str:
    if scope not in SCOPES:
        raise LibraryError(f"{scope!r} is not an attribute scope ({', '.join(SCOPES)})")
    return scope
