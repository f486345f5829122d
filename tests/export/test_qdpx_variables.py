"""Attributes in the REFI-QDA project: Variables of the right type, values on cases (a
transcript's on a case of its own with its source, as QualCoder reads source variables), and
the schema's order kept."""

from __future__ import annotations

import pytest

from desktop.export.qdpx import guid
from desktop.library import Library
from tests.coded_library import build
from tests.export.test_qdpx import check_schema, q, unpack


@pytest.fixture
def coded(tmp_path):
    with Library(tmp_path / "library.sqlite") as library:
        yield build(library, tmp_path)


def values_of(case) -> dict[str, tuple[str, str]]:
    """A case's values by variable GUID: (the value element's name, its text)."""
    found = {}
    for value in case.iter(q("VariableValue")):
        ref, given = list(value)
        found[ref.get("targetGUID")] = (given.tag.split("}")[1], given.text)
    return found


def test_fields_become_variables_of_their_type(coded):
    lib = coded.library
    lib.attributes.define("interviewed", "date")
    lib.attributes.define("unused")
    lib.attributes.set(coded.a, {"interviewed": "2024-03-05", "age": "62.5"})
    project, archive = unpack(lib)
    check_schema(project, archive)
    names = [part.tag.split("}")[1] for part in project]
    assert names[: names.index("Cases") + 1][-3:] == ["CodeBook", "Variables", "Cases"]
    variables = [(v.get("name"), v.get("typeOfVariable"), v.get("guid")) for v in project.find(q("Variables"))]
    assert variables == [("age", "Float", guid("variable", "age")), ("site", "Text", guid("variable", "site")),
                         ("interviewed", "Date", guid("variable", "interviewed")),
                         ("role", "Text", guid("variable", "role"))]  # fmt: skip


def test_a_transcript_case_has_no_name_its_values_and_one_source(coded):
    lib = coded.library
    lib.attributes.set(coded.a, {"age": "0.00001"})
    project, _ = unpack(lib)
    cases = {c.get("guid"): c for c in project.find(q("Cases"))}
    case = cases[guid("case", coded.a)]
    assert case.get("name") is None
    assert [c.tag for c in case] == [q("VariableValue"), q("VariableValue"), q("SourceRef")]
    assert case.find(q("SourceRef")).get("targetGUID") == guid("transcript", coded.a)
    assert values_of(case) == {guid("variable", "age"): ("FloatValue", "0.00001"),  # a decimal, never 1e-05
                               guid("variable", "site"): ("TextValue", "river")}  # fmt: skip


def test_speaker_cases_carry_the_values_their_speakers_agree_on(coded):
    lib = coded.library
    lib.attributes.define("group", scope="speaker")
    lib.attributes.set_speaker(coded.speakers[(coded.a, "Bob")], {"group": "x"})
    lib.attributes.set_speaker(coded.speakers[(coded.b, "Bob")], {"group": "y"})
    project, archive = unpack(lib)
    check_schema(project, archive)
    cases = {c.get("name"): c for c in project.find(q("Cases")) if c.get("name")}
    assert sorted(cases) == ["Ann", "Bob", "Cy"]
    assert values_of(cases["Bob"]) == {guid("variable", "role"): ("TextValue", "interviewer")}  # group: they differ
    assert [c.tag for c in cases["Bob"]] == [q("VariableValue"), q("SourceRef"), q("SourceRef")]


def test_a_value_only_one_of_two_same_named_speakers_has_is_given_to_neither(coded):
    lib = coded.library
    lib.attributes.define("group", scope="speaker")
    lib.attributes.set_speaker(coded.speakers[(coded.a, "Bob")], {"group": "x"})  # Bob of b has none
    project, _ = unpack(lib)
    cases = {c.get("name"): c for c in project.find(q("Cases")) if c.get("name")}
    assert guid("variable", "group") not in values_of(cases["Bob"])  # the other Bob is not in group x


def test_one_transcript_exports_only_its_own_attributes(coded):
    project, _ = unpack(coded.library, transcript_id=coded.b)
    unnamed = [c for c in project.find(q("Cases")) if c.get("name") is None]
    assert [c.get("guid") for c in unnamed] == [guid("case", coded.b)]
    assert values_of(unnamed[0])[guid("variable", "site")] == ("TextValue", "coast")


def test_no_attributes_no_variables(annotated):
    library, tid = annotated
    project, archive = unpack(library, transcript_id=tid)
    check_schema(project, archive)
    assert project.find(q("Variables")) is None
    assert all(c.get("name") for c in project.iter(q("Case")))
