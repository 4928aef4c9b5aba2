"""What an OpenDocument spreadsheet (.ods) publishes beside its cells' values (internal).

python-calamine reads the cells; this reads the rest of the package: each
cell's comment (``office:annotation`` in content.xml, named by its cell),
its formula (``table:formula``: one made of literals is given as what it
shows; one that may build a number and has no stored result, or a stored
0, as unread), the text boxes and shapes drawn on a sheet, named ranges
and expressions, validity lists, the page headers and footers of the
master pages (styles.xml, named by the sheets whose page style uses
them), the document's properties (meta.xml), and every other text in the
package's XML.  A paragraph's spans are joined: a number split over spans
of different formatting is read whole.  content.xml is read as a stream,
its rows let go once read.  Inside a cell, beside the text the sheets' reader
reads, a link's address (``text:a``, a ``tel:`` link) and the text boxes and
shapes anchored to the cell (LibreOffice writes them inside the cell) are
read too, and a number's shown text where its format shows digits the number
does not hold (``0"5678"``: a ``number format`` part).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from zfgk.tables._formulas import evaluate, may_build_number, needs_look, worth_judging
from zfgk.tables._places import WorkbookPart, cell_name
from zfgk.values import cell_text

__all__ = ["ods_parts"]

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
_PARAGRAPHS = (_TEXT + "p", _TEXT + "h")
_SHORTEST = 7
_HEADERS = {
    "header": "header",
    "header-left": "header",
    "header-first": "header",
    "footer": "footer",
    "footer-left": "footer",
    "footer-first": "footer",
}


def _count(element: ElementTree.Element, attribute: str) -> int:
    try:
        return max(int(element.get(attribute, "1")), 1)
    except ValueError:
        return 1


def paragraph(element: ElementTree.Element) -> str:
    """The text of a paragraph as it shows: spans joined, ``text:s`` a space, a break a space."""
    pieces: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        tag = node.tag
        if tag == _TEXT + "s":
            pieces.append(" " * _count(node, _TEXT + "c"))
        elif tag in (_TEXT + "tab", _TEXT + "line-break"):
            pieces.append(" ")
        elif tag != _OFFICE + "annotation":
            pieces.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            pieces.append(node.tail or "")

    walk(element)
    return "".join(pieces)


def _paragraph_nodes(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    return (node for node in root.iter() if node.tag in (_TEXT + "p", _TEXT + "h"))


def _paragraphs(element: ElementTree.Element) -> Iterator[str]:
    for node in _paragraph_nodes(element):
        yield paragraph(node)


def ods_parts(path: Path) -> Iterator[WorkbookPart]:
    """The texts of the .ods file at ``path`` beside its cells, with their places.

    The package has been checked (:func:`~zfgk.tables.check_zip`) by the
    sheets' reader, which reads it first.
    """
    with zipfile.ZipFile(path) as archive:
        names = {info.filename for info in archive.infolist()}
        pages: dict[str, list[str]] = {}  # master page → the sheets that print with it
        if "content.xml" in names:
            with archive.open("content.xml") as content:
                yield from _content(content, pages)
        if "styles.xml" in names:
            root = ElementTree.fromstring(archive.read("styles.xml"))
            yield from _styles(root, pages)
        for name in sorted(names - {"content.xml", "styles.xml", "mimetype"}):
            if not name.endswith(".xml"):
                continue
            root = ElementTree.fromstring(archive.read(name))
            part = "properties" if name == "meta.xml" else name
            for text in _texts(root):
                yield WorkbookPart(text, part)


def _texts(root: ElementTree.Element) -> Iterator[str]:
    """Each paragraph, each other text, each attribute value of ``root`` long enough to matter."""
    inside: set[int] = set()
    for node in _paragraph_nodes(root):
        text = paragraph(node)
        inside.update(id(n) for n in node.iter())
        if len(text) >= _SHORTEST:
            yield text
    for node in root.iter():
        if node.text and id(node) not in inside and len(node.text.strip()) >= _SHORTEST:
            yield node.text
        yield from (v for v in node.attrib.values() if len(v) >= _SHORTEST)


def _content(content: IO[bytes], pages: dict[str, list[str]]) -> Iterator[WorkbookPart]:
    table_pages: dict[str, str] = {}  # a table style → its master page
    sheet: str | None = None
    row = 0
    column = 0
    parents: list[ElementTree.Element] = []
    cells = paragraphs = 0  # how many cells and paragraphs are open around the element
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            parents.append(element)
            if tag in _CELLS:
                cells += 1
            elif tag in _PARAGRAPHS:
                paragraphs += 1
            elif tag == _TABLE + "table":
                sheet = element.get(_TABLE + "name", "")
                if len(sheet) >= _SHORTEST:  # on its tab, for everyone to see
                    yield WorkbookPart(sheet, "name", sheet)
                row = 0
                page = table_pages.get(element.get(_TABLE + "style-name", ""))
                if page is not None:
                    pages.setdefault(page, []).append(sheet)
            elif tag == _TABLE + "table-row":
                column = 0
            continue
        parents.pop()
        if tag in _CELLS:
            cells -= 1
            if element.get(_TABLE + "formula") or element.find(_OFFICE + "annotation") is not None:
                yield from _cell_parts(element, sheet, row, column)
            if len(element) and (len(element) > 1 or len(element[0])):  # more than a plain text
                yield from _cell_extras(element, sheet, row, column)
            if element.get(_OFFICE + "value-type") in _NUMBERS and len(element):
                yield from _number_shown(element, sheet, row, column)
            column += _count(element, _TABLE + "number-columns-repeated")
        elif tag in _PARAGRAPHS:
            paragraphs -= 1
            if not cells:
                text = paragraph(element)
                if len(text) >= _SHORTEST:
                    yield WorkbookPart(text, _outside_part(parents), sheet)
        elif cells or paragraphs or tag in (_TEXT + "span", _TEXT + "s"):
            continue  # a cell's content (read by the sheets' reader) or a paragraph's
        elif tag == _TABLE + "table-row":
            row += _count(element, _TABLE + "number-rows-repeated")
            element.clear()
            if parents:
                parents[-1].remove(element)
        elif tag == _STYLE + "style" and element.get(_STYLE + "family") == "table":
            page = element.get(_STYLE + "master-page-name")
            if page:
                table_pages[element.get(_STYLE + "name", "")] = page
        elif tag == _TABLE + "table":
            sheet = None
        elif tag in (_TABLE + "named-range", _TABLE + "named-expression"):
            name = element.get(_TABLE + "name", "")
            for key in ("cell-range-address", "expression"):
                value = element.get(_TABLE + key, "")
                if len(value) >= _SHORTEST:
                    yield WorkbookPart(value, f"name {name}")
        elif tag == _TABLE + "content-validation":
            condition = element.get(_TABLE + "condition", "")
            if len(condition) >= _SHORTEST:
                yield WorkbookPart(condition, "data validation", *_address(element))
        else:
            values = [element.text or ""] if len(element) == 0 else []
            values += list(element.attrib.values())
            for value in values:
                if len(value.strip()) >= _SHORTEST:
                    yield WorkbookPart(value, "content.xml", sheet)


def _address(validation: ElementTree.Element) -> tuple[str | None, str | None]:
    """(sheet, cell) of a validity rule's base cell (``名单.D2``, ``$名单.$D$2``), if it names one."""
    address = validation.get(_TABLE + "base-cell-address", "").replace("$", "")
    sheet, dot, cell = address.rpartition(".")
    if not dot or not sheet or not cell:
        return None, None
    return sheet.strip("'"), cell


_NUMBERS = frozenset({"float", "percentage", "currency"})
#: A run of digits as long as a mobile number's.
_LONG_RUN = re.compile(r"[0-9]{11,}")


def _number_shown(
    cell: ElementTree.Element, sheet: str | None, row: int, column: int
) -> Iterator[WorkbookPart]:
    """A number's cell whose shown text (its ``text:p``, as LibreOffice writes what the number
    format makes of it) holds a run of digits as long as a mobile number's that the number
    does not: ``"110105"000000000000``, ``0"5678"``, ``0%`` (python-calamine gives the
    number)."""
    shown = " ".join(paragraph(p) for p in cell.findall(_TEXT + "p"))
    runs = _LONG_RUN.findall(shown)
    if not runs or "E+" in shown.upper() or "E-" in shown.upper():
        return  # no long run, or the number itself in scientific form (6.20503200006097E+017)
    try:
        plain = cell_text(float(cell.get(_OFFICE + "value", "")))
    except ValueError:
        plain = ""
    if set(runs) - set(_LONG_RUN.findall(plain)):
        yield WorkbookPart(shown, "number format", sheet, cell_name(row, column))


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: Shapes LibreOffice anchors to a cell: written inside the cell's element.
_SHAPES = frozenset(
    _DRAW + name
    for name in ("frame", "custom-shape", "rect", "ellipse", "line", "polygon", "path", "g")
)


def _cell_extras(
    cell: ElementTree.Element, sheet: str | None, row: int, column: int
) -> Iterator[WorkbookPart]:
    """What a cell holds beside the text its cell shows: a link's address (``tel:``), the
    texts of a text box or shape anchored to the cell (written inside the cell's element)."""
    where = cell_name(row, column)
    inside: set[int] = set()
    for node in cell.iter():
        if id(node) in inside:
            continue
        if node.tag == _TEXT + "a":
            href = node.get(_XLINK_HREF, "")
            if len(href) >= _SHORTEST:
                yield WorkbookPart(href, "hyperlink", sheet, where)
        elif node.tag in _SHAPES:
            inside.update(id(n) for n in node.iter())
            for text in _paragraphs(node):
                if len(text) >= _SHORTEST:
                    yield WorkbookPart(text, "drawing", sheet, where)
            for child in node.iter():  # a shape's title and description (its alt text)
                text = child.text or ""
                if child.tag in (_SVG + "title", _SVG + "desc") and len(text) >= _SHORTEST:
                    yield WorkbookPart(text, "drawing", sheet, where)


def _outside_part(parents: list[ElementTree.Element]) -> str:
    tags = {p.tag for p in parents}
    if _TABLE + "content-validation" in tags:
        return "data validation"
    if tags & {_DRAW + "frame", _DRAW + "custom-shape", _DRAW + "rect", _DRAW + "text-box"}:
        return "drawing"
    if _OFFICE + "annotation" in tags:
        return "comment"
    return "content.xml"


def _cell_parts(
    cell: ElementTree.Element, sheet: str | None, row: int, column: int
) -> Iterator[WorkbookPart]:
    where = cell_name(row, column)
    for note in cell.iter(_OFFICE + "annotation"):
        text = " ".join(paragraph(p) for p in note.iter(_TEXT + "p"))
        if len(text) >= _SHORTEST:
            yield WorkbookPart(text, "comment", sheet, where)
    formula = cell.get(_TABLE + "formula")
    if not formula or not needs_look(formula):
        return
    kind = cell.get(_OFFICE + "value-type")
    stored = ""
    if kind == "string":
        stored = cell.get(_OFFICE + "string-value") or " ".join(
            paragraph(p) for p in cell.findall(_TEXT + "p")
        )
    elif kind is not None:
        stored = next(
            (
                cell.get(_OFFICE + key, "")
                for key in ("value", "date-value", "time-value", "boolean-value")
                if cell.get(_OFFICE + key)
            ),
            "",
        )
    shown = evaluate(formula)
    if shown is not None:
        if len(shown) >= _SHORTEST:
            yield WorkbookPart(shown, "formula", sheet, where)
    elif stored.strip() in ("", "0") and may_build_number(formula):
        yield WorkbookPart(formula, "formula", sheet, where, unread=True)
    elif worth_judging(formula):
        yield WorkbookPart(formula, "formula", sheet, where)


def _styles(root: ElementTree.Element, pages: dict[str, list[str]]) -> Iterator[WorkbookPart]:
    inside: set[int] = set()
    for master in root.iter(_STYLE + "master-page"):
        sheets: list[str | None] = list(pages.get(master.get(_STYLE + "name", ""), [])) or [None]
        for child in master:
            local = child.tag.rsplit("}", 1)[-1]
            part = _HEADERS.get(local)
            if part is None:
                continue
            inside.update(id(n) for n in child.iter())
            for text in _paragraphs(child):
                if len(text) >= _SHORTEST:
                    for sheet in sheets:
                        yield WorkbookPart(text, part, sheet)
    for node in root.iter():
        if id(node) in inside:
            continue
        for value in (node.text or "", *node.attrib.values()):
            if len(value.strip()) >= _SHORTEST:
                yield WorkbookPart(value, "styles.xml")
