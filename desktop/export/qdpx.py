"""REFI-QDA project export (`.qdpx`): a zip of `project.qde` (QDA-XML 1.0) and the sources.

Each transcript becomes a plain-text source written as people read it, one turn a line
(`Speaker: text`); tags become codes (nested by `/`, with their colours and descriptions);
highlights become PlainTextSelections coded with their tags, their notes as descriptions (a highlight across
turns becomes one selection per turn, each with all the codes and the note, so none takes
in the next speaker's label); a highlight whose words were edited after import refers, from
each of its selections, to a project Note saying so and giving its words as imported;
speakers become cases referring to the sources they speak in; attributes become Variables, with
their values on cases (variables.py: a transcript's on a case of its own).
Positions count characters (code points) from 0, the end excluded. GUIDs derive from library ids, so re-exports agree.
A container the schema wants at least one child in (the CodeBook, Cases, Sources) is left
out when it would be empty, so a library without tags or transcripts still validates.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from desktop import __version__
from desktop.export.collect import Excerpt, Scope, imported_quote, turn_parts
from desktop.export.variables import variable_values, variables_element
from desktop.library import Tag, TurnRecord
from desktop.library.tags import TagNode, tag_tree

NS = "urn:QDA-XML:project:1.0"
CODE_COLOUR = "#f6c343"  # a code's colour when its tag has none in the scope
# What XML 1.0 forbids in a document (tab, newline and carriage return are allowed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ROOT = uuid.UUID("6f1d7c52-3c1e-4d0b-9a57-8d7b1f0c2a11")


def guid(kind: str, key: object) -> str:
    """A stable GUID for a library object."""
    return str(uuid.uuid5(_ROOT, f"{kind}:{key}"))


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: each character it forbids (C0 controls but tab and line breaks,
    U+FFFE, U+FFFF, lone surrogates) replaced by U+FFFD, one for one, so positions stay."""
    return _NOT_XML.sub("\ufffd", text)


def source_text(turns: list[TurnRecord]) -> tuple[str, list[int]]:
    """A transcript as plain text, one turn a line, and where each turn's text starts in it;
    `xml_safe`, so the source is the text QDA tools show (and positions are the same)."""
    lines, starts, position = [], [], 0
    for turn in turns:
        label = f"{turn.speaker}: " if turn.speaker else ""
        starts.append(position + len(label))
        line = label + turn.text
        lines.append(line)
        position += len(line) + 1
    return xml_safe("\n".join(lines)), starts


def render_qdpx(scope: Scope, created: str) -> bytes:
    """The .qdpx file of an export; `created` is the creationDateTime written throughout."""
    ET.register_namespace("", NS)
    project = ET.Element(_q("Project"), name=scope.title, origin=f"Talkmark {__version__}", creationDateTime=created)
    user = guid("user", "talkmark")
    users = ET.SubElement(project, _q("Users"))
    ET.SubElement(users, _q("User"), guid=user, name="Talkmark")
    tree = code_tree({t for e in scope.excerpts for t in e.highlight.tags}, scope)
    if tree:  # the schema wants at least one Code in Codes, and Codes in a CodeBook
        codes = ET.SubElement(ET.SubElement(project, _q("CodeBook")), _q("Codes"))
        codes.extend(code_element(node, NS) for node in tree)
    if (variables := variables_element(scope.variables, NS, guid)) is not None:
        project.append(variables)
    cases = ET.SubElement(project, _q("Cases"))
    sources = ET.SubElement(project, _q("Sources"))
    files: dict[str, str] = {}
    speakers: dict[str, list[str]] = {}
    excerpts: dict[int, list[Excerpt]] = {}
    for e in scope.excerpts:
        excerpts.setdefault(e.transcript.id, []).append(e)
    for info in scope.transcripts:
        source = guid("transcript", info.id)
        text, starts = source_text(scope.turns[info.id])
        files[f"sources/{source}.txt"] = text
        element = ET.SubElement(sources, _q("TextSource"), guid=source, name=info.title,
                                plainTextPath=f"internal://{source}.txt", creatingUser=user,
                                creationDateTime=created)  # fmt: skip
        for excerpt in excerpts.get(info.id, []):
            element.extend(_selections(excerpt, scope, starts, user, created))
        for name in info.speakers:
            speakers.setdefault(name, []).append(source)
        if values := scope.variables.transcripts.get(info.id):
            case = ET.SubElement(cases, _q("Case"), guid=guid("case", info.id))  # no name: the source's own
            case.extend(variable_values(scope.variables, values, NS, guid))
            ET.SubElement(case, _q("SourceRef"), targetGUID=source)
    for name, refs in speakers.items():
        case = ET.SubElement(cases, _q("Case"), guid=guid("speaker", name), name=name)
        case.extend(variable_values(scope.variables, scope.variables.speakers.get(name, {}), NS, guid))
        for ref in refs:
            ET.SubElement(case, _q("SourceRef"), targetGUID=ref)
    for container in (cases, sources):  # no empty containers: the schema wants one child at least
        if not len(container):
            project.remove(container)
    _edited_notes(project, scope, user, created)
    make_xml_safe(project)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", ET.tostring(project, encoding="utf-8", xml_declaration=True))
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def edited_note(excerpt: Excerpt, turns: list[TurnRecord]) -> str:
    """What the note on an edited highlight says: that it was edited, its words as imported,
    and the quote as first made when that held words the imported text at its place lacks
    (a word deleted at its edge)."""
    h = excerpt.highlight
    imported = imported_quote(h, turns)
    lines = ["Edited after import: check it against the recording.", f"As imported: \u201c{imported}\u201d"]
    if h.original_quote is not None and h.original_quote.split() not in (imported.split(), h.quote.split()):
        lines.append(f"First highlighted as: \u201c{h.original_quote}\u201d")
    return "\n".join(lines)


def _edited_notes(project: ET.Element, scope: Scope, user: str, created: str) -> None:
    """The project's Notes: one per edited highlight (none, and no Notes, when none is edited)."""
    edited = [e for e in scope.excerpts if e.edited]
    if not edited:
        return
    notes = ET.SubElement(project, _q("Notes"))
    for excerpt in edited:
        note = ET.SubElement(notes, _q("Note"), guid=guid("edited", excerpt.highlight.id),
                             name="Edited after import", creatingUser=user, creationDateTime=created)  # fmt: skip
        ET.SubElement(note, _q("PlainTextContent")).text = edited_note(excerpt, scope.turns[excerpt.transcript.id])


def make_xml_safe(root: ET.Element) -> None:
    """Apply `xml_safe` to every text and attribute under `root` (names, titles, notes and
    tags may hold what XML forbids)."""
    for element in root.iter():
        element.text = xml_safe(element.text) if element.text else element.text
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def code_tree(names: Iterable[str], scope: Scope) -> list[TagNode]:
    """The named tags as codes: nested by their `/` levels (a level no tag names by itself
    becomes a code that cannot be coded), with their colours and descriptions."""
    return tag_tree([Tag(0, name, scope.tags.get(name, CODE_COLOUR), scope.descriptions.get(name, ""))
                     for name in names])  # fmt: skip


def code_element(node: TagNode, ns: str) -> ET.Element:
    """A Code element (in namespace `ns`: a project's or a codebook's) for a level of the tag
    tree, its description (when the tag has one) and its sub-codes; its GUID derives from the
    tag's full name, so a project and a codebook agree."""
    attributes = {"guid": guid("tag", node.path), "name": node.label, "isCodable": "true" if node.tag else "false"}
    if node.tag:
        attributes["color"] = node.tag.colour.upper()
    element = ET.Element(f"{{{ns}}}Code", attributes)
    if node.tag and node.tag.description.strip():
        ET.SubElement(element, f"{{{ns}}}Description").text = node.tag.description
    element.extend(code_element(child, ns) for child in node.children)
    return element


def _selections(excerpt: Excerpt, scope: Scope, starts: list[int], user: str, created: str) -> list[ET.Element]:
    """One PlainTextSelection per turn the highlight touches, so none takes in a speaker label;
    each coded with all the highlight's tags and carrying its note (and, when edited, a NoteRef
    to the note saying so). The first keeps the GUIDs of a highlight as one selection
    (`highlight:<id>`); the others are `highlight:<id>.<n>`."""
    h = excerpt.highlight
    elements = []
    for n, part in enumerate(turn_parts(h, scope.turns[excerpt.transcript.id], scope.changed)):
        key = h.id if n == 0 else f"{h.id}.{n}"  # never an id, so never another highlight's key
        start = starts[part.turn] + (h.start.offset if part.turn == h.start.turn else 0)
        element = ET.Element(_q("PlainTextSelection"), guid=guid("highlight", key),
                             name=" ".join(part.text.split())[:60], startPosition=str(start),
                             endPosition=str(start + len(part.text)), creatingUser=user,
                             creationDateTime=created)  # fmt: skip
        if h.note.strip():
            ET.SubElement(element, _q("Description")).text = h.note
        for tag in h.tags:
            coding = ET.SubElement(element, _q("Coding"), guid=guid("coding", f"{key}:{tag}"), creatingUser=user,
                                   creationDateTime=created)  # fmt: skip
            ET.SubElement(coding, _q("CodeRef"), targetGUID=guid("tag", tag))
        if excerpt.edited:
            ET.SubElement(element, _q("NoteRef"), targetGUID=guid("edited", h.id))
        elements.append(element)
    return elements
