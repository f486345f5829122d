"""The codebook: the tag tree with descriptions and colours, for another QDA tool.

Two forms: a REFI-QDA codebook (`.qdc`, QDA-XML codebook 1.0: NVivo, ATLAS.ti, MAXQDA,
QualCoder) and a CSV table (`tag,description,colour,highlights,transcripts`: Taguette,
spreadsheets). Both hold the library's tags (with a tag chosen, that tag and its sub-tags),
used or not; the counts are of the highlights in the export's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from desktop import __version__
from desktop.export.collect import Scope
from desktop.export.qdpx import code_element, code_tree, make_xml_safe
from desktop.export.table import write_table
from desktop.library import LibraryError, TagNode
from desktop.library.folding import fold

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
CODEBOOK_COLUMNS = ["tag", "description", "colour", "highlights", "transcripts"]


@dataclass(frozen=True)
class CodebookEntry:
    """A tag of the codebook: how many highlights in the scope carry it, in how many transcripts."""

    tag: str
    description: str
    colour: str
    highlights: int
    transcripts: int


def codebook_tree(scope: Scope) -> list[TagNode]:
    """The codebook's tags as a tree: every tag of the library, or of the chosen tag's branch
    (the levels above it stay, as codes that cannot be coded, so the tree keeps its shape).
    A LibraryError when there is no tag: a codebook needs one code at least."""
    names = [n for n in scope.tags if scope.tag is None or fold(n) == fold(scope.tag)
             or fold(n).startswith(fold(scope.tag) + "/")]  # fmt: skip
    if not names:
        raise LibraryError("no tags to write a codebook of")
    return code_tree(names, scope)


def codebook_entries(scope: Scope) -> list[CodebookEntry]:
    """The codebook's tags in tree order (a tag, then its sub-tags; each level by name,
    ignoring case); a level no tag names by itself has no entry."""
    entries: list[CodebookEntry] = []

    def walk(nodes: list[TagNode]) -> None:
        for node in nodes:
            if node.tag is not None:
                carrying = [e for e in scope.excerpts if node.path in e.highlight.tags]
                entries.append(CodebookEntry(node.path, node.tag.description, node.tag.colour, len(carrying),
                                             len({e.transcript.id for e in carrying})))  # fmt: skip
            walk(node.children)

    walk(codebook_tree(scope))
    return entries


def render_codebook_csv(scope: Scope, *, bom: bool = False) -> str:
    """The codebook as a CSV table: a row per tag, in tree order; cells defused as the
    highlights' CSV defuses them."""
    rows = [[e.tag, e.description, e.colour, str(e.highlights), str(e.transcripts)] for e in codebook_entries(scope)]
    return write_table(CODEBOOK_COLUMNS, rows, bom=bom)


def render_qdc(scope: Scope) -> bytes:
    """The codebook as a REFI-QDA codebook: `CodeBook` > `Codes` > nested `Code`s with the
    GUIDs, names, colours and descriptions a project export gives them."""
    ET.register_namespace("", CODEBOOK_NS)  # written unprefixed, as render_qdpx writes the project's
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=f"Talkmark {__version__}")
    codes = ET.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    codes.extend(code_element(node, CODEBOOK_NS) for node in codebook_tree(scope))
    make_xml_safe(root)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
