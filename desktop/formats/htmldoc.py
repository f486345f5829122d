"""HTML transcripts: the Podcasting 2.0 layout (`<cite>Name:</cite> <time>0:00</time> <p>…</p>`),
`<p><b>Name:</b> text</p>`, tables, or a whole web page (its head, scripts and menus skipped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from desktop.formats.documents import Paragraph, document_pieces, table_paragraphs
from desktop.formats.model import Piece

_PAGE = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_CLOSING_TAG = re.compile(
    r"</(?:p|cite|time|div|span|b|strong|h[1-6]|li|body|section|article|table|tr|td|blockquote)\s*>", re.IGNORECASE
)
_SAMPLE = 65536
# Elements whose content is not the page's text (a page's head, scripts, menus, footer, forms).
_SKIPPED = {
    "head", "script", "style", "nav", "footer", "noscript", "template", "svg", "math", "button", "select", "textarea",
}  # fmt: skip
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
    "article", "main", "header", "aside", "figure", "figcaption", "pre", "hr", "address", "details",
    "summary", "body", "html", "form", "fieldset", "caption",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LEADS = {"b", "strong", "cite"}
_CELLS = {"td", "th"}


def looks_like_html(text: str) -> bool:
    """Whether text is an HTML page, or an HTML fragment opening with a tag."""
    head = text[:_SAMPLE]
    return bool(_PAGE.match(head)) or (head.lstrip()[:1] == "<" and bool(_CLOSING_TAG.search(head)))


def parse_html(text: str) -> tuple[list[Piece], str | None]:
    """Pieces of an HTML transcript and its title (`<title>`, else the first `<h1>`)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return document_pieces(reader.paragraphs), reader.title()


class _Reader(HTMLParser):
    """Collects a page's paragraphs: text outside skipped elements, split at block tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Paragraph] = []
        self._parts: list[str] = []
        self._line: int | None = None
        self._lead: str | None = None  # the lead once its element closed
        self._lead_open = 0  # depth inside the lead element still open
        self._heading: str | None = None
        self._skipping: list[str] = []
        self._title: list[str] | None = None
        self._titles: dict[str, str] = {}
        self._table: list[list[list[str]]] | None = None  # rows of cells of text parts
        self._tables = 0
        self._table_depth = 0

    def title(self) -> str | None:
        """The page's `<title>`, else its first `<h1>`."""
        return self._titles.get("title") or self._titles.get("h1")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skipping = [t for t in self._skipping if t != "head"]  # a head left open ends here
        if tag == "title" and "title" not in self._titles:
            self._title = []
        if tag in _SKIPPED:
            self._skipping.append(tag)
        if self._skipping:
            return
        if tag == "table":
            self._start_table()
        elif self._table is not None:
            self._table_tag(tag)
        elif tag in _BLOCKS:
            self._flush()
            self._heading = tag if tag in _HEADINGS else None
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _LEADS or "speaker" in (dict(attrs).get("class") or ""):
            self._open_lead()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._titles["title"] = " ".join("".join(self._title).split())
            self._title = None
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass
            return
        if self._skipping:
            return
        if tag == "table":
            self._end_table()
        elif self._table is not None:
            return
        elif tag in _BLOCKS:
            self._flush()
        elif self._lead_open:
            self._lead_open -= 1
            if not self._lead_open:
                self._lead = "".join(self._parts)

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._skipping:
            return
        data = re.sub(r"\s+", " ", data)
        if self._table is not None:
            self._cell().append(data)
            return
        if self._line is None and data.strip():
            self._line = self.getpos()[0]
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        if self._table is not None:
            self._table_depth = 1
            self._end_table()
        self._flush()

    def _open_lead(self) -> None:
        if self._lead_open:
            self._lead_open += 1
        elif self._lead is None and self._line is None:  # nothing but spaces read yet
            self._lead_open = 1

    def _flush(self) -> None:
        text = "".join(self._parts)
        lead = self._lead if self._lead is not None else text if self._lead_open else ""
        if text.strip():
            start = len(text) - len(text.lstrip())
            lead = lead[start:] if lead.strip() else ""
            self.paragraphs.append(Paragraph(text[start:], lead, heading=bool(self._heading), line=self._line))
            if self._heading == "h1" and "h1" not in self._titles:
                self._titles["h1"] = " ".join(text.split())
        self._parts, self._line, self._lead, self._lead_open, self._heading = [], None, None, 0, None

    def _start_table(self) -> None:
        if self._table is not None:
            self._table_depth += 1  # a table inside a cell: its text joins that cell
            return
        self._flush()
        self._table, self._table_depth = [], 1

    def _table_tag(self, tag: str) -> None:
        assert self._table is not None
        if self._table_depth == 1 and tag == "tr":
            self._table.append([])
        elif self._table_depth == 1 and tag in _CELLS:
            if not self._table:
                self._table.append([])
            self._table[-1].append([])
        else:
            self._cell().append("\n" if tag == "br" else " ")

    def _cell(self) -> list[str]:
        assert self._table is not None
        if not self._table:
            self._table.append([])
        if not self._table[-1]:
            self._table[-1].append([])
        return self._table[-1][-1]

    def _end_table(self) -> None:
        self._table_depth -= 1
        if self._table_depth or self._table is None:
            return
        self._tables += 1
        rows = [["".join(cell) for cell in row] for row in self._table]
        self._table = None
        self.paragraphs.extend(table_paragraphs(rows, f"table {self._tables}"))
