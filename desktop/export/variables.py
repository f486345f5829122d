"""Attributes in a REFI-QDA project: each field a `Variable` (Text, Float or Date), each value a
`VariableValue` on a `Case`.

A transcript's attributes go on a case of their own, without a name, referring to the
transcript's source alone: MAXQDA and Quirkos write source variables so, and QualCoder reads
such a case as the attributes of the file. A speaker's attributes go on the speaker's case
(one per name across transcripts), each field whose value every speaker of that name has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree import ElementTree as ET

from desktop.library import Library
from desktop.library.models import Field

TYPES = {"text": ("Text", "TextValue"), "number": ("Float", "FloatValue"), "date": ("Date", "DateValue")}


@dataclass(frozen=True)
class Variables:
    """The attributes of an export's transcripts and of their speakers (by name)."""

    fields: list[Field] = field(default_factory=list)
    transcripts: dict[int, dict[str, str]] = field(default_factory=dict)
    speakers: dict[str, dict[str, str]] = field(default_factory=dict)

    def used(self) -> list[Field]:
        """The fields some transcript or speaker of the export has a value of."""
        names = {name for values in (*self.transcripts.values(), *self.speakers.values()) for name in values}
        return [f for f in self.fields if f.name in names]


def gather(library: Library, transcript_ids: Iterable[int]) -> Variables:
    """The attributes of these transcripts and of their speakers."""
    wanted = set(transcript_ids)
    transcripts = {tid: values for tid, values in library.attributes.table().items() if tid in wanted and values}
    table = library.attributes.speaker_table()
    by_name: dict[str, list[dict[str, str]]] = {}  # every speaker of the export, with a value or not
    for tid in sorted(wanted):
        for sid, name in library.attributes.speakers(tid):
            by_name.setdefault(name, []).append(table.get(sid, {}))
    # A value only when every speaker of that name has it: one without it (or with another) is
    # someone else, and must not be given it in the other tool.
    speakers = {name: {k: v for k, v in each[0].items() if all(other.get(k) == v for other in each[1:])}
                for name, each in by_name.items()}  # fmt: skip
    fields = library.attributes.fields("transcript") + library.attributes.fields("speaker")
    return Variables(fields, transcripts, {name: values for name, values in speakers.items() if values})


def variables_element(variables: Variables, ns: str, guid) -> ET.Element | None:
    """The project's `Variables`: one per field used (None when none is: the schema wants one)."""
    used = variables.used()
    if not used:
        return None
    element = ET.Element(f"{{{ns}}}Variables")
    for f in used:
        ET.SubElement(element, f"{{{ns}}}Variable", guid=guid("variable", f.name), name=f.name,
                      typeOfVariable=TYPES[f.kind][0])  # fmt: skip
    return element


def variable_values(variables: Variables, values: dict[str, str], ns: str, guid) -> list[ET.Element]:
    """A `VariableValue` per attribute, in the fields' order."""
    elements = []
    for f in variables.fields:
        if f.name in values:
            element = ET.Element(f"{{{ns}}}VariableValue")
            ET.SubElement(element, f"{{{ns}}}VariableRef", targetGUID=guid("variable", f.name))
            value = values[f.name]
            ET.SubElement(element, f"{{{ns}}}{TYPES[f.kind][1]}").text = (
                format(Decimal(value), "f") if f.kind == "number" else value  # xsd:decimal: no exponent
            )
            elements.append(element)
    return elements
