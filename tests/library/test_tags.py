"""Tags across the library: names, hierarchy, rename, recolour, merge, delete, counts."""

from __future__ import annotations

import pytest

from desktop.library import LibraryError, Position, tag_tree
from desktop.library.tags import tag_name


def test_names_are_normalised():
    assert tag_name(" #method / interview  notes/ ") == "method/interview notes"
    with pytest.raises(LibraryError):
        tag_name(" / # ")


def test_create_refuses_duplicates_ignoring_case(library):
    tag = library.tags.create("Theme", colour="#123456", description="big ideas")
    assert (tag.name, tag.colour, tag.description, tag.count) == ("Theme", "#123456", "big ideas", 0)
    with pytest.raises(LibraryError, match="exists already"):
        library.tags.create("theme")


def test_rename_carries_the_subtree(library, sample):
    library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["method/interview", "method"])
    library.tags.rename("method", "approach")
    assert [t.name for t in library.tags.list()] == ["approach", "approach/interview"]
    assert library.highlights.list(sample)[0].tags == ["approach", "approach/interview"]
    library.tags.create("other")
    with pytest.raises(LibraryError, match="merge instead"):
        library.tags.rename("other", "approach")


def test_recolour_and_describe(library):
    library.tags.create("a")
    assert library.tags.recolour("a", "#abcdef").colour == "#abcdef"
    assert library.tags.describe("a", "first").description == "first"


def test_merge_moves_links_once(library, sample):
    one = library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["flood", "floods"])
    two = library.highlights.add(sample, Position(1, 0), Position(1, 6), tags=["floods"])

    merged = library.tags.merge("floods", "flood")

    assert merged.count == 2 and [t.name for t in library.tags.list()] == ["flood"]
    assert library.highlights.get(one.id).tags == ["flood"] and library.highlights.get(two.id).tags == ["flood"]


def test_delete_removes_links_not_highlights(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["gone", "kept"])
    library.tags.delete("gone")
    assert library.highlights.get(h.id).tags == ["kept"]
    with pytest.raises(LibraryError, match="no tag named"):
        library.tags.get("gone")


def test_counts_across_the_library_and_per_transcript(library, sample, seeds):
    other = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["quote"])
    library.highlights.add(other, Position(0, 0), Position(0, 5), tags=["quote", "ai"])

    assert {t.name: t.count for t in library.tags.list()} == {"ai": 1, "quote": 2}
    assert {t.name: t.count for t in library.tags.list(sample)} == {"ai": 0, "quote": 1}


def test_tree_groups_levels_and_totals(library, sample):
    library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["method/interview/remote", "method/survey"])
    library.tags.create("zeta")
    tree = tag_tree(library.tags.list())
    assert [n.label for n in tree] == ["method", "zeta"]
    method = tree[0]
    assert method.tag is None and method.total == 2
    assert [c.path for c in method.children] == ["method/interview", "method/survey"]
    assert method.children[0].children[0].tag.name == "method/interview/remote"


def test_a_deleted_tag_can_be_restored_with_its_links(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["keep"])
    tag, links = library.tags.get("keep"), library.tags.links("keep")
    library.tags.delete("keep")

    assert library.tags.restore(tag, links) == tag
    assert library.highlights.get(h.id).tags == ["keep"]


@pytest.mark.parametrize("name", ["a;b", "cost; time", "method/x;y", ";"])
def test_a_tag_name_may_not_hold_a_semicolon(library, sample, name):
    """Exports join a highlight's tags with "; ", so a name holding ";" would not split back."""
    with pytest.raises(LibraryError, match="may not contain ';'"):
        tag_name(name)
    with pytest.raises(LibraryError, match="may not contain ';'"):
        library.tags.create(name)
    with pytest.raises(LibraryError, match="may not contain ';'"):
        library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=[name])
    library.tags.create("fine")
    with pytest.raises(LibraryError, match="may not contain ';'"):
        library.tags.rename("fine", name)
    assert [t.name for t in library.tags.list()] == ["fine"] and library.highlights.list(sample) == []


def test_a_name_stored_before_the_rule_can_still_be_used_and_renamed(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["old"])
    with library.write():  # as a library from before the rule may hold it
        library.conn.execute("UPDATE tags SET name = 'cost;time' WHERE name = 'old'")
    assert library.tags.get("cost;time").count == 1 and library.tags.find("#cost;time") is not None
    assert [x.id for x in library.highlights.list(tag="cost;time")] == [h.id]
    library.highlights.remove_tag(h.id, "cost;time")
    library.highlights.add_tag(h.id, "cost;time")  # an existing tag, not a new name
    assert library.highlights.get(h.id).tags == ["cost;time"]
    library.tags.describe("cost;time", "made long ago")
    renamed = library.tags.rename("cost;time", "cost, time")
    assert (renamed.name, renamed.count, renamed.description) == ("cost, time", 1, "made long ago")
    assert library.highlights.get(h.id).tags == ["cost, time"]


def test_describe_refuses_a_tag_changed_elsewhere(library, sample):
    from desktop.library.models import ConflictError

    before = library.tags.create("a", description="first")
    library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["a"])  # the count changed
    with pytest.raises(ConflictError, match="changed elsewhere"):
        library.tags.describe("a", "second", expect=before)
    assert library.tags.get("a").description == "first"
    assert library.tags.describe("a", "second", expect=library.tags.get("a")).description == "second"


def test_each_level_of_the_tree_is_sorted_by_name(library):
    for name in ("method-x", "method/notes", "method/Alpha", "M"):
        library.tags.create(name)
    tree = tag_tree(library.tags.list())
    assert [n.label for n in tree] == ["M", "method", "method-x"]  # "method-x" sorts before "method/…" as a whole
    assert [c.label for c in tree[1].children] == ["Alpha", "notes"]
