"""Tags shared across the library: `/` in a name makes a hierarchy (`method/interview`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.library.changes import Changes
from desktop.library.folding import fold
from desktop.library.models import ConflictError, LibraryError, Tag

if TYPE_CHECKING:
    from desktop.library.store import Library

TAG_COLOURS = ("#f6c343", "#7cc6fe", "#9be39b", "#f7a1c4", "#c9a7f5", "#ffb37a", "#8fe3d6", "#d9d9d9")


def tag_name(name: str) -> str:
    """A new tag name as stored: no leading `#`, single spaces, no empty `/` levels, and no
    `;` (exports list a highlight's tags joined by `; `, which must split back into tags)."""
    clean = lookup_name(name)
    if ";" in clean:
        raise LibraryError(f"{name!r}: a tag name may not contain ';' (exports separate tags with '; ')")
    return clean


def lookup_name(name: str) -> str:
    """A name given to find a tag, normalised as `tag_name` does but with `;` let through, so
    a tag named before `;` was refused can still be found, renamed, merged and deleted."""
    levels = [" ".join(level.split()).lstrip("#").strip() for level in name.split("/")]
    clean = "/".join(level for level in levels if level)
    if not clean:
        raise LibraryError(f"{name!r} is not a tag name")
    return clean


@dataclass
class TagNode:
    """A level of the tag tree; `tag` is None for a level no tag names by itself."""

    label: str
    path: str
    tag: Tag | None = None
    children: list[TagNode] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Highlights under this level, its own and its descendants'."""
        return (self.tag.count if self.tag else 0) + sum(child.total for child in self.children)


def tag_tree(tags: list[Tag]) -> list[TagNode]:
    """Tags arranged by their `/` levels, each level sorted by name, ignoring case (`method`
    and its sub-tags before `method-x`)."""
    root = TagNode("", "")
    for tag in sorted(tags, key=lambda t: [level.casefold() for level in t.name.split("/")]):
        node = root
        for level in tag.name.split("/"):
            path = f"{node.path}/{level}" if node.path else level
            child = next((c for c in node.children if c.label == level), None)
            if child is None:
                child = TagNode(level, path)
                node.children.append(child)
            node = child
        node.tag = tag
    return root.children


class Tags:
    """The tags of a library."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._conn = library.conn

    def create(self, name: str, *, colour: str | None = None, description: str = "") -> Tag:
        """A new tag (LibraryError when one of that name exists)."""
        name = tag_name(name)
        with self._lib.write():
            if self.find(name) is not None:
                raise LibraryError(f"a tag named {name!r} exists already")
            count = self._conn.execute("SELECT count(*) FROM tags").fetchone()[0]
            self._lib.db["tags"].insert(
                {"name": name, "colour": colour or TAG_COLOURS[count % len(TAG_COLOURS)], "description": description}
            )
            self._lib.note(Changes(tags=True))
            return self.get(name)

    def ensure(self, name: str) -> int:
        """The id of the tag called `name`, created when missing."""
        found = self.find(name)
        return found if found is not None else self.create(name).id

    def get(self, name: str) -> Tag:
        """One tag with its library-wide count."""
        found = self.find(name)
        row = self._conn.execute(_COUNTED + " WHERE t.id = ? GROUP BY t.id", (found,)).fetchone() if found else None
        if row is None:
            raise LibraryError(f"no tag named {name!r}")
        return Tag(*row)

    def list(self, transcript_id: int | None = None) -> list[Tag]:
        """Every tag with how many highlights carry it, in the library or in one transcript."""
        if transcript_id is None:
            sql, params = _COUNTED + " GROUP BY t.id", ()
        else:
            sql = (
                "SELECT t.id, t.name, t.colour, t.description, count(h.id) FROM tags t "
                "LEFT JOIN highlight_tags ht ON ht.tag_id = t.id "
                "LEFT JOIN highlights h ON h.id = ht.highlight_id AND h.transcript_id = ? GROUP BY t.id"
            )
            params = (transcript_id,)
        return sorted((Tag(*row) for row in self._conn.execute(sql, params)), key=lambda t: t.name.casefold())

    def rename(self, name: str, new_name: str, *, expect: Tag | None = None) -> Tag:
        """Rename a tag and every tag below it (`a/b` follows `a` → `c` as `c/b`); with
        `expect`, only if the tag is still as expected (name, colour, count)."""
        old, new = lookup_name(name), tag_name(new_name)
        with self._lib.write():
            self._expected(old, expect)
            moving = self._conn.execute(
                "SELECT id, name FROM tags WHERE name = ? OR substr(name, 1, ?) = ?", (old, len(old) + 1, old + "/")
            ).fetchall()
            for tag_id, current in moving:
                target = new + current[len(old) :]
                clash = self.find(target)
                if clash is not None and clash != tag_id:
                    raise LibraryError(f"a tag named {target!r} exists already; merge instead")
                self._lib.db["tags"].update(tag_id, {"name": target})
            self._changed([tag_id for tag_id, _ in moving])
            return self.get(new)

    def recolour(self, name: str, colour: str, *, expect: Tag | None = None) -> Tag:
        """Give a tag a new colour (with `expect`, only if the tag is still as expected)."""
        with self._lib.write():
            tag_id = self._expected(name, expect).id
            self._lib.db["tags"].update(tag_id, {"colour": colour})
            self._changed([tag_id])
            return self.get(name)

    def describe(self, name: str, description: str, *, expect: Tag | None = None) -> Tag:
        """Set a tag's description (with `expect`, only if the tag is still as expected)."""
        with self._lib.write():
            tag_id = self._expected(name, expect).id
            self._lib.db["tags"].update(tag_id, {"description": description})
            self._lib.note(Changes(tags=True))
            return self.get(name)

    def merge(self, name: str, into: str) -> Tag:
        """Move every highlight of tag `name` to tag `into`, then delete `name`."""
        with self._lib.write():
            source, target = self.get(name), self.get(into)
            if source.id == target.id:
                raise LibraryError("a tag cannot be merged into itself")
            self._changed([source.id])
            self._conn.execute(
                "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
                "SELECT highlight_id, ? FROM highlight_tags WHERE tag_id = ?",
                (target.id, source.id),
            )
            self._lib.db["tags"].delete(source.id)
            return self.get(into)

    def delete(self, name: str, *, expect: Tag | None = None) -> None:
        """Delete a tag and its links to highlights (the highlights stay); with `expect`, only
        if the tag is still as expected."""
        with self._lib.write():
            tag_id = self._expected(name, expect).id
            self._changed([tag_id])
            self._lib.db["tags"].delete(tag_id)

    def drop_if_unused(self, tag_id: int, name: str | None = None) -> bool:
        """Delete the tag with this id (and, if given, still this name) when no highlight
        carries it: how undo removes a tag it created, never one in use or made by others."""
        with self._lib.write():
            deleted = self._conn.execute(
                "DELETE FROM tags WHERE id = ? AND (? IS NULL OR name = ?) AND NOT EXISTS "
                "(SELECT 1 FROM highlight_tags WHERE tag_id = ?)",
                (tag_id, name and lookup_name(name), name and lookup_name(name), tag_id),
            ).rowcount
            if deleted:
                self._lib.note(Changes(tags=True))
            return bool(deleted)

    def links(self, name: str) -> list[int]:
        """Ids of the highlights carrying exactly this tag."""
        rows = self._conn.execute("SELECT highlight_id FROM highlight_tags WHERE tag_id = ? ORDER BY highlight_id",
                                  (self.get(name).id,))  # fmt: skip
        return [hid for (hid,) in rows]

    def restore(self, tag: Tag, highlight_ids: list[int]) -> Tag:
        """Put back a deleted tag with its id, colour, description and links."""
        with self._lib.write():
            if self.find(tag.name) is not None:
                raise LibraryError(f"a tag named {tag.name!r} exists again; not restored")
            self._lib.db["tags"].insert(
                {"id": tag.id, "name": tag.name, "colour": tag.colour, "description": tag.description}
            )
            self._conn.executemany(  # highlights deleted meanwhile stay deleted
                "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) SELECT id, ? FROM highlights WHERE id = ?",
                [(tag.id, hid) for hid in highlight_ids],
            )
            self._changed([tag.id])
            return self.get(tag.name)

    def find(self, name: str) -> int | None:
        """The id of the tag called `name` (any case in any script, `#` or spacing), None when
        there is none; a name as stored comes first."""
        name = lookup_name(name)
        row = self._conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row is None:
            row = self._conn.execute("SELECT id FROM tags WHERE name = ? COLLATE FOLD ORDER BY id", (name,)).fetchone()
        return row[0] if row else None

    def branch(self, name: str) -> list[int]:
        """The ids of the tag called `name` and of its sub-tags (`method` gives `method/interview`
        too; any case in any script), also when no tag has the name itself."""
        wanted = fold(lookup_name(name))
        rows = self._conn.execute("SELECT id, name FROM tags ORDER BY id")
        return [tag_id for tag_id, stored in rows if fold(stored) == wanted or fold(stored).startswith(wanted + "/")]

    def _expected(self, name: str, expect: Tag | None) -> Tag:
        """The tag as it is; ConflictError when it is no longer as `expect` says."""
        try:
            current = self.get(name)
        except LibraryError:
            if expect is None:
                raise
            raise ConflictError(f"the tag {name!r} was renamed or deleted elsewhere") from None
        if expect is not None and current != expect:
            raise ConflictError(f"the tag {name!r} was changed elsewhere")
        return current

    def name_of(self, tag_id: int) -> str:
        """The name of the tag with this id."""
        row = self._conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no tag with id {tag_id}")
        return row[0]

    def _changed(self, tag_ids: list[int]) -> None:
        """Note a change of these tags and of every highlight that shows them."""
        marks = ", ".join("?" * len(tag_ids))
        pairs = self._conn.execute(
            f"SELECT DISTINCT h.transcript_id, h.id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id "
            f"WHERE ht.tag_id IN ({marks})",
            tag_ids,
        ).fetchall()
        self._lib.note(Changes.of_highlights(map(tuple, pairs), tags=True))


_COUNTED = (
    "SELECT t.id, t.name, t.colour, t.description, count(ht.highlight_id) FROM tags t "
    "LEFT JOIN highlight_tags ht ON ht.tag_id = t.id"
)
