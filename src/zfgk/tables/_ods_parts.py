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
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, NamedTuple
from xml.etree import ElementTree

from zfgk.tables._csv_formulas import MOST_CELLS, MOST_CHARACTERS, MOST_FORMULAS, Cells, Key
from zfgk.tables._formulas import (
    BLANK,
    Value,
    evaluate,
    may_build_number,
    needs_look,
    references,
    shown,
    worth_judging,
)
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
                pending = _PendingList()
                yield from _content(content, pages, pending)
            if pending:
                yield from _computed(archive, pending)
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


def _content(
    content: IO[bytes], pages: dict[str, list[str]], pending: _PendingList
) -> Iterator[WorkbookPart]:
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
                yield from _cell_parts(element, sheet, row, column, pending)
            if len(element) and (len(element) > 1 or len(element[0])):  # more than a plain text
                yield from _cell_extras(element, sheet, row, column)
            if len(element) and (
                element.get(_OFFICE + "value-type") in _NUMBERS
                or element.get(_OFFICE + "date-value") is not None
                or element.get(_OFFICE + "string-value") is not None
            ):
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
    """A cell whose shown text (its ``text:p``, as LibreOffice writes what the number format
    makes of it) holds a run of digits as long as a mobile number's that its value does not:
    a number's ``"110105"000000000000``, ``0"5678"``, ``0%``; a date's ``"1381234"yyyy``; a
    text's ``"110105"@`` (python-calamine gives the value)."""
    shown = " ".join(paragraph(p) for p in cell.findall(_TEXT + "p"))
    runs = _LONG_RUN.findall(shown)
    if not runs or "E+" in shown.upper() or "E-" in shown.upper():
        return  # no long run, or the number itself in scientific form (6.20503200006097E+017)
    plain = cell.get(_OFFICE + "string-value") or cell.get(_OFFICE + "date-value") or ""
    if cell.get(_OFFICE + "value-type") in _NUMBERS:
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
    cell: ElementTree.Element, sheet: str | None, row: int, column: int, pending: _PendingList
) -> Iterator[WorkbookPart]:
    where = cell_name(row, column)
    for note in cell.iter(_OFFICE + "annotation"):
        text = " ".join(paragraph(p) for p in note.iter(_TEXT + "p"))
        if len(text) >= _SHORTEST:
            yield WorkbookPart(text, "comment", sheet, where)
    formula = cell.get(_TABLE + "formula")
    kind = cell.get(_OFFICE + "value-type")
    if not formula or (kind is not None and not needs_look(formula)):
        return
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
    literal = evaluate(formula)
    written = a1_formula(formula) if literal is None and kind is None else None
    if literal is not None:
        if len(literal) >= _SHORTEST:
            yield WorkbookPart(literal, "formula", sheet, where)
    elif written and references(written) and pending.room(written):
        # no stored result, cells named (=[.B2]*10000+[.C2]): computed once the sheets are read
        pending.append(_Pending(sheet or "", row, column, written, may_build_number(formula)))
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


class _Pending(NamedTuple):
    """A formula without its stored result, written as Excel writes it; its cell from 0."""

    sheet: str
    row: int
    column: int
    formula: str
    builds: bool


class _PendingList(list[_Pending]):
    """The formulas held to be computed, as many and as long as :mod:`._csv_formulas` holds."""

    size = 0

    def room(self, formula: str) -> bool:
        """Whether ``formula`` may be held too (counted if so)."""
        if len(self) >= MOST_FORMULAS or self.size + len(formula) > MOST_CHARACTERS:
            return False
        self.size += len(formula)
        return True


_SHEET = r"\$?(?:'(?:[^']|'')*'|[^.\[\]:'\s]*)"
_PLACE = r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}"
#: A reference of OpenDocument's formulas: ``[.B2]``, ``[$名单.B2:.C3]``, ``['底 稿'.A1]``.
_ODS_REFERENCE = re.compile(
    rf"\[(?P<sheet>{_SHEET})\.(?P<first>{_PLACE})(?::(?P<other>{_SHEET})\.(?P<last>{_PLACE}))?\]"
)
_STRING = re.compile(r'"(?:[^"]|"")*"')


def a1_formula(formula: str) -> str | None:
    """An OpenDocument formula as Excel writes it, for :func:`zfgk.tables._formulas.evaluate`;
    None if it names cells otherwise (another file, a range over sheets).

    >>> from zfgk.tables._ods_parts import a1_formula
    >>> a1_formula("of:=[.B2]*10000+[$名单.C2]"), a1_formula('of:=SUM([.B3:.C3])&"[.A1]"')
    ("=B2*10000+'名单'!C2", '=SUM(B3:C3)&"[.A1]"')
    >>> a1_formula("of:=['file:///a.ods'#$Sheet1.A1]") is None
    True
    """
    text = formula.removeprefix("of:")
    failed = False

    def written(match: re.Match[str]) -> str:
        nonlocal failed
        sheet, other = match.group("sheet").lstrip("$"), (match.group("other") or "").lstrip("$")
        if other and other != sheet:
            failed = True  # a range over sheets
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        named = "'" + sheet.replace("'", "''") + "'!" if sheet else ""
        last = match.group("last")
        return named + match.group("first") + (":" + last if last else "")

    pieces = _STRING.split(text)
    strings = [*_STRING.findall(text), ""]
    out = [_ODS_REFERENCE.sub(written, piece) for piece in pieces]
    if failed or any("[" in piece for piece in out):
        return None
    return "".join(a + b for a, b in zip(out, strings, strict=True))


def _value(cell: ElementTree.Element) -> Value | None:
    """A cell's value as a formula reads it; None if not known (a date, a time, an error)."""
    kind = cell.get(_OFFICE + "value-type")
    if kind in ("float", "percentage", "currency"):
        try:
            number = Decimal(cell.get(_OFFICE + "value", ""))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    if kind == "string":
        return cell.get(_OFFICE + "string-value") or "\n".join(
            paragraph(p) for p in cell.findall(_TEXT + "p")
        )
    if kind == "boolean":
        return cell.get(_OFFICE + "boolean-value", "") == "true"
    if kind is None:  # no value: a text written without a type is a text, as LibreOffice reads it
        return "\n".join(paragraph(p) for p in cell.findall(_TEXT + "p")) or BLANK
    return None


def _computed(archive: zipfile.ZipFile, pending: list[_Pending]) -> Iterator[WorkbookPart]:
    """The formulas without stored results, computed from the cells they name (content.xml
    read once more for them); one that cannot be and may build a number is unread."""
    formulas: dict[Key, str] = {}
    wanted: dict[str, dict[int, set[int]]] = {}  # sheet → row → columns, from 1
    count = 0
    for entry in pending:
        formulas[(entry.sheet.casefold(), entry.row + 1, entry.column + 1)] = entry.formula
        for named, row, column in references(entry.formula):
            sheet = (named if named is not None else entry.sheet).casefold()
            wanted.setdefault(sheet, {}).setdefault(row, set()).add(column)
            count += 1
    plain: dict[Key, Value] = {}
    sheets: set[str] = set()
    if count <= MOST_CELLS:
        with archive.open("content.xml") as content:
            _read_cells(content, wanted, plain, formulas, sheets)
    cells = Cells(formulas, plain, frozenset(sheets))
    cells.whole = count <= MOST_CELLS
    for entry in pending:
        value = cells.value((entry.sheet.casefold(), entry.row + 1, entry.column + 1))
        where = cell_name(entry.row, entry.column)
        if value is None:
            if entry.builds:
                yield WorkbookPart(entry.formula, "formula", entry.sheet, where, unread=True)
        elif len(text := shown(value)) >= _SHORTEST:
            yield WorkbookPart(text, "formula", entry.sheet, where)


def _read_cells(
    content: IO[bytes],
    wanted: dict[str, dict[int, set[int]]],
    plain: dict[Key, Value],
    formulas: dict[Key, str],
    sheets: set[str],
) -> None:
    """Put the value of each cell ``wanted`` in ``plain`` (a formula without its stored result
    in ``formulas``, unknown unless it is there already), and each sheet's name in ``sheets``."""
    sheet = ""
    row = column = 0  # from 0
    rows: dict[int, set[int]] = {}
    found: dict[int, Value | str | None] = {}  # column → value, of the row being read
    parents: list[ElementTree.Element] = []
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            parents.append(element)
            if tag == _TABLE + "table":
                sheet = element.get(_TABLE + "name", "").casefold()
                sheets.add(sheet)
                rows = wanted.get(sheet, {})
                row = 0
            elif tag == _TABLE + "table-row":
                column = 0
                found = {}
            continue
        parents.pop()
        if tag in _CELLS:
            repeated = _count(element, _TABLE + "number-columns-repeated")
            columns = rows.get(row + 1)
            if columns:
                hit = [c for c in columns if column < c <= column + repeated]
                if hit:
                    formula = element.get(_TABLE + "formula")
                    value: Value | str | None = _value(element)
                    if formula and element.get(_OFFICE + "value-type") is None:
                        value = _Formula(a1_formula(formula) or "")
                    for c in hit:
                        found[c] = value
            column += repeated
        elif tag == _TABLE + "table-row":
            repeated = _count(element, _TABLE + "number-rows-repeated")
            if found:
                for number in range(row + 1, row + 1 + min(repeated, MOST_CELLS)):
                    if number not in rows:
                        continue
                    for c, value in found.items():
                        if c in rows[number]:
                            _put(plain, formulas, (sheet, number, c), value)
            row += repeated
            element.clear()
            if parents:
                parents[-1].remove(element)


class _Formula(str):
    """A formula without its stored result, as a cell read for another holds it."""


def _put(
    plain: dict[Key, Value], formulas: dict[Key, str], key: Key, value: Value | str | None
) -> None:
    if isinstance(value, _Formula):
        formulas.setdefault(key, str(value))  # "" (not written as Excel writes): unknown
    elif value is None:
        formulas.setdefault(key, "")  # a date, an error: unknown
    else:
        plain[key] = value
