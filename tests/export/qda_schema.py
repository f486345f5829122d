"""The rules of the REFI-QDA schemas (QDA-XML 1.0) that Talkmark's exports touch, as a small
checker: Project.xsd (18 March 2019) for a project's `project.qde`, Codebook.xsd for a `.qdc`.

The schemas cannot be fetched here, so their rules are written out in our own words. Each
element has a rule: the children it may hold, in order, each with the least and the most
times it may stand there (a set of names where the schema offers a choice); the attributes
it must have and those it may have; or that it holds text only. Attribute values are checked
by kind (GUID, colour, boolean, integer, date-time, a variable's type), and so is the text of
a variable's value (decimal, date). An element or attribute the rules do not name is an error,
so writing something new means writing its rule first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"  # schemaLocation and the like: allowed anywhere
MANY = None  # no upper bound

_GUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
KINDS = {
    "guid": re.compile(rf"{_GUID}|\{{{_GUID}\}}"),
    "colour": re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})"),
    "boolean": re.compile(r"true|false|1|0"),
    "integer": re.compile(r"[+-]?\d+"),
    "datetime": re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"),
    "date": re.compile(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?"),
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),  # xsd:decimal: no exponent
    "variable type": re.compile(r"Text|Boolean|Integer|Float|Date|DateTime"),
}
ATTRIBUTE_KINDS = {
    "guid": "guid",
    "targetGUID": "guid",
    "creatingUser": "guid",
    "modifyingUser": "guid",
    "creatingUserGUID": "guid",
    "modifyingUserGUID": "guid",
    "color": "colour",
    "isCodable": "boolean",
    "startPosition": "integer",
    "endPosition": "integer",
    "creationDateTime": "datetime",
    "modifiedDateTime": "datetime",
    "typeOfVariable": "variable type",
}


@dataclass(frozen=True)
class Rule:
    """What one element may hold: `children` in order as (name or names, least, most)."""

    children: tuple[tuple[str | frozenset[str], int, int | None], ...] = ()
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    text: bool = False  # text only, no child elements
    text_kind: str | None = None  # and that text of this kind (a key of KINDS)
    content_or_path: bool = False  # a PlainTextContent child or a plainTextPath attribute, not both


def _ref() -> Rule:
    return Rule(required=("targetGUID",))


# A project's parts, each at most once, in this order (then the project's NoteRefs).
PROJECT_PARTS = (
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Links",
    "Sets",
    "Graphs",
    "Description",
)
AUDIT = ("creatingUser", "creationDateTime", "modifyingUser", "modifiedDateTime")
TEXT_SOURCE = Rule(
    children=(
        ("Description", 0, 1),
        ("PlainTextContent", 0, 1),
        ("PlainTextSelection", 0, MANY),
        ("Coding", 0, MANY),
        ("NoteRef", 0, MANY),
        ("VariableValue", 0, MANY),
    ),
    required=("guid",),
    optional=("name", "richTextPath", "plainTextPath", *AUDIT),
    content_or_path=True,
)

# A VariableValue's value: one of these (the schema's choice, each element optional).
VALUES = {
    "TextValue": Rule(text=True),
    "BooleanValue": Rule(text=True, text_kind="boolean"),
    "IntegerValue": Rule(text=True, text_kind="integer"),
    "FloatValue": Rule(text=True, text_kind="decimal"),
    "DateValue": Rule(text=True, text_kind="date"),
    "DateTimeValue": Rule(text=True, text_kind="datetime"),
}

PROJECT_RULES: dict[str, Rule] = {
    "Project": Rule(
        children=(
            *((name, 0, 1) for name in PROJECT_PARTS),
            ("NoteRef", 0, MANY),
        ),
        required=("name",),
        optional=(
            "origin",
            "creatingUserGUID",
            "creationDateTime",
            "modifyingUserGUID",
            "modifiedDateTime",
            "basePath",
        ),
    ),
    "Users": Rule(children=(("User", 1, MANY),)),
    "User": Rule(required=("guid",), optional=("name", "id")),
    "CodeBook": Rule(children=(("Codes", 1, 1),)),
    "Codes": Rule(children=(("Code", 1, MANY),)),
    "Code": Rule(
        children=(("Description", 0, 1), ("NoteRef", 0, MANY), ("Code", 0, MANY)),
        required=("guid", "name", "isCodable"),
        optional=("color",),
    ),
    "Variables": Rule(children=(("Variable", 1, MANY),)),
    "Variable": Rule(children=(("Description", 0, 1),), required=("guid", "name", "typeOfVariable")),
    "VariableValue": Rule(children=(("VariableRef", 1, 1), (frozenset(VALUES), 0, 1))),
    "VariableRef": _ref(),
    **VALUES,
    "Cases": Rule(children=(("Case", 1, MANY),)),
    "Case": Rule(
        children=(
            ("Description", 0, 1),
            ("CodeRef", 0, MANY),
            ("VariableValue", 0, MANY),
            ("SourceRef", 0, MANY),
            ("SelectionRef", 0, MANY),
        ),
        required=("guid",),
        optional=("name",),
    ),
    "Sources": Rule(
        children=((frozenset({"TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource"}), 1, MANY),)
    ),
    "TextSource": TEXT_SOURCE,
    "PlainTextSelection": Rule(
        children=(("Description", 0, 1), ("Coding", 0, MANY), ("NoteRef", 0, MANY)),
        required=("guid", "startPosition", "endPosition"),
        optional=("name", *AUDIT),
    ),
    "Coding": Rule(
        children=(("CodeRef", 1, 1), ("NoteRef", 0, MANY)),
        required=("guid",),
        optional=("creatingUser", "creationDateTime"),
    ),
    "Notes": Rule(children=(("Note", 1, MANY),)),
    "Note": TEXT_SOURCE,
    "CodeRef": _ref(),
    "NoteRef": _ref(),
    "SourceRef": _ref(),
    "SelectionRef": _ref(),
    "Description": Rule(text=True),
    "PlainTextContent": Rule(text=True),
}

CODEBOOK_RULES: dict[str, Rule] = {
    "CodeBook": Rule(children=(("Codes", 1, 1), ("Sets", 0, 1)), optional=("origin",)),
    "Codes": Rule(children=(("Code", 1, MANY),)),
    "Code": Rule(
        children=(("Description", 0, 1), ("Code", 0, MANY)), required=("guid", "name", "isCodable"), optional=("color",)
    ),
    "Description": Rule(text=True),
}


def problems(root: ET.Element, namespace: str, rules: dict[str, Rule], root_name: str) -> list[str]:
    """Everything in the document under `root` that breaks the rules (empty when it keeps them)."""
    found: list[str] = []
    if root.tag != f"{{{namespace}}}{root_name}":
        return [f"the root is {root.tag}, not {root_name} in {namespace}"]
    _check(root, namespace, rules, root_name, found)
    return found


def project_problems(project: ET.Element) -> list[str]:
    """What breaks Project.xsd in a project.qde."""
    return problems(project, PROJECT_NS, PROJECT_RULES, "Project")


def codebook_problems(codebook: ET.Element) -> list[str]:
    """What breaks Codebook.xsd in a .qdc file."""
    return problems(codebook, CODEBOOK_NS, CODEBOOK_RULES, "CodeBook")


def _check(element: ET.Element, ns: str, rules: dict[str, Rule], where: str, found: list[str]) -> None:
    name = element.tag.split("}")[-1]
    rule = rules.get(name)
    if rule is None or element.tag != f"{{{ns}}}{name}":
        found.append(f"{where}: no rule for {element.tag}")
        return
    _check_attributes(element, rule, where, found)
    if rule.text:
        if len(element):
            found.append(f"{where}: holds text only, not elements")
        if rule.text_kind and not KINDS[rule.text_kind].fullmatch(element.text or ""):
            found.append(f"{where}: {element.text!r} is no {rule.text_kind}")
        return
    if (element.text and element.text.strip()) or any(c.tail and c.tail.strip() for c in element):
        found.append(f"{where}: holds elements only, not text")
    _check_order(element, rule, where, found)
    if rule.content_or_path:
        has_content = element.find(f"{{{ns}}}PlainTextContent") is not None
        if has_content == (element.get("plainTextPath") is not None):
            found.append(f"{where}: needs PlainTextContent or plainTextPath, one of them")
    for index, child in enumerate(element):
        _check(child, ns, rules, f"{where}/{child.tag.split('}')[-1]}[{index}]", found)


def _check_attributes(element: ET.Element, rule: Rule, where: str, found: list[str]) -> None:
    for key in rule.required:
        if key not in element.attrib:
            found.append(f"{where}: the attribute {key} is required")
    for key, value in element.attrib.items():
        if key.startswith(f"{{{XSI}}}"):
            continue
        if key not in rule.required + rule.optional:
            found.append(f"{where}: no attribute {key} allowed")
        elif key in ATTRIBUTE_KINDS and not KINDS[ATTRIBUTE_KINDS[key]].fullmatch(value):
            found.append(f"{where}: {key}={value!r} is no {ATTRIBUTE_KINDS[key]}")


def _check_order(element: ET.Element, rule: Rule, where: str, found: list[str]) -> None:
    """Children against the rule's sequence, each taken as often as it stands there (the
    schemas' sequences never leave a choice of where a child belongs, so greed is right)."""
    names = [child.tag.split("}")[-1] for child in element]
    at = 0
    for allowed, least, most in rule.children:
        options = {allowed} if isinstance(allowed, str) else allowed
        count = 0
        while at < len(names) and names[at] in options and (most is None or count < most):
            at, count = at + 1, count + 1
        if count < least:
            wanted = allowed if isinstance(allowed, str) else " or ".join(sorted(allowed))
            found.append(f"{where}: needs {least} {wanted} at least there, has {count}")
    if at < len(names):
        found.append(f"{where}: {names[at]} cannot stand at place {at} (after {names[:at]})")
