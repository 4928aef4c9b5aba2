"""What a workbook publishes outside its cells' values, with where a person finds it (internal).

Comments, hyperlinks (a ``tel:`` link), page headers and footers, defined
names, data validation lists, drawings' text boxes, charts, formulas, the
document's properties, shared strings no cell uses: they travel with a
workbook but python-calamine does not read them.  :func:`workbook_parts`
gives their texts, each a :class:`WorkbookPart` naming its place as a
person finds it in Excel: the sheet, the cell or range, and the kind of
part (``comment``, ``header``, ``formula`` … the words of
:data:`zfgk.documents.PART_WORDS`); a part zfgk knows no better name for
is named by its member of the zip (``xl/pivotCache/…``).  A text of a
drawing, a comment or a chart is one paragraph with its runs joined: a
number split over runs of different formatting is read whole.

A formula made of literals (``="110105"&"19491231002X"``) is given as what
it shows (:mod:`zfgk.tables._formulas`); a formula that may build a number
and has no stored result (or a stored 0) is given with ``unread`` set: what
it shows is unknown until Excel computes it.  Workbooks embedded in
``xl/embeddings`` are listed by :func:`embedded_files` for the reader to
open as workbooks of their own.  An .xls is read by
:mod:`zfgk.tables._xls_parts`, an .ods by :mod:`zfgk.tables._ods_parts`, the
binary parts of an .xlsb by :mod:`zfgk.tables._xlsb_parts`.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from zfgk.errors import InputError
from zfgk.formats import (
    MAX_GUNZIPPED,
    check_zip,
    gunzipped,
    is_guid,
    is_stray_file,
    without_guids,
)
from zfgk.i18n import N_
from zfgk.tables._biff import BrokenFile
from zfgk.tables._formulas import (
    LONGEST_FORMULA,
    evaluate,
    header_text,
    may_build_number,
    needs_look,
    worth_judging,
)
from zfgk.tables._ods_parts import ods_parts
from zfgk.tables._places import WorkbookPart, cell_name
from zfgk.tables._sniff import FileKind, sniff
from zfgk.tables._xls_parts import xls_parts
from zfgk.tables._xlsb_parts import xlsb_parts
from zfgk.tables._xlsx import (
    SHARED_ITEM,
    TEXT_RUN,
    BrokenXlsx,
    item_texts,
    open_part,
    xml_text,
)
from zfgk.tables._xlsx import _Book as _Cells
from zfgk.tables._xlsx_formulas import Pending, computed, moved_to

__all__ = ["WorkbookPart", "embedded_files", "header_text", "workbook_parts"]

#: A sheet's cells, cut out before the rest of it is parsed.
_SHEET_DATA_START = re.compile(rb"<(?:\w+:)?sheetData\b")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\b[^>]*/>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)")
_SHARED_USE = re.compile(rb'\bt="s"[^>]*>\s*<(?:\w+:)?v>(\d+)<')
_SHARED_QUICK = re.compile(rb't="s"><v>([0-9]+)</v>')
_ATTRIBUTE = re.compile(rb'\b(\w+)="([^"]*)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
#: The calcId of the newest Excel's engine (Microsoft 365, Excel 2019 and 2021): a book saved
#: with an older one, or none, is computed anew when Excel opens it ([MS-XLS] RecalcId,
#: ECMA-376 calcPr).
CURRENT_ENGINE = 191029
#: Formulas without their results held before they are computed (each batch reads the sheets
#: they name once): the memory a book of such formulas takes stays bounded.
_PENDING = 50_000
#: The most characters of formulas held for one batch (each cell a long formula names is
#: read for it: a batch of long ones is a batch of many cells).
_PENDING_SIZE = 1_000_000
#: How far before a formula its cell's start tag is looked for.
_CELL_HEAD = 1024
#: How much of a sheet is inflated at a time, and kept back where a tag may be cut.
_CHUNK = 1 << 20
_TAIL = 64
#: A text shorter than this cannot show a birth date's digits.
_SHORTEST = 7
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: Members of a workbook that are workbooks (or documents) of their own.
_EMBEDDED = re.compile(r"^xl/embeddings/[^/]+$")
_MEDIA = re.compile(r"^xl/media/[^/]+$")
#: The members read as a workbook's parts (:meth:`_Book.parts`), never as files of their own.
_PART_SUFFIXES = (".xml", ".rels", ".vml")
_ODS_PICTURES = re.compile(r"^Pictures/[^/]+$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(path: Path, name: str, data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise _not_xml(path, name) from None


def _not_xml(path: Path, name: str) -> InputError:
    return InputError.of(
        N_("{path}: the part {part} of the workbook is not well-formed XML"),
        path=path,
        part=name,
    )


def _rels(archive: zipfile.ZipFile, member: str) -> dict[str, str]:
    """Relationship id → the member it points to, for ``member``'s relationships part."""
    folder, base = posixpath.split(member)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    try:
        root = ElementTree.fromstring(archive.read(rels))
    except (KeyError, ElementTree.ParseError):
        return {}
    found = {}
    for rel in root.iter(_PACKAGE_RELS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        found[rel.get("Id", "")] = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        )
    return found


def _paragraphs(element: ElementTree.Element, attributes: bool = True) -> Iterator[str]:
    """The texts of ``element``: each paragraph (``a:p``, a comment's ``text``, ``si``) with
    its runs joined, then each other text and attribute value (only a shape's description
    and title without ``attributes``)."""
    blocks = {"p", "text", "si", "is", "rich"}
    for child in element.iter():
        local = _local(child.tag)
        if local in blocks and not any(
            _local(inner.tag) in blocks for inner in child.iter() if inner is not child
        ):  # the innermost: a chart's rich text holds paragraphs, each read once
            joined = "".join(t.text or "" for t in child.iter() if _local(t.tag) == "t")
            if joined:
                yield joined
    inside: set[int] = set()
    for child in element.iter():
        if _local(child.tag) in blocks:
            inside.update(id(t) for t in child.iter() if _local(t.tag) == "t")
    for child in element.iter():
        if child.text and child.text.strip() and id(child) not in inside:
            yield child.text
        if attributes:  # (a GUID, an id Office writes on many an element: no person's)
            yield from map(without_guids, child.attrib.values())
        else:
            yield from (child.get(key, "") for key in ("descr", "title", "alt"))


def workbook_parts(path: Path) -> Iterator[WorkbookPart]:
    """Each text of an .xlsx outside its cells' values, with its place (:class:`WorkbookPart`).

    The zip is checked first (:func:`~zfgk.tables.check_zip`: no bomb, no
    entity declarations).  Texts shorter than seven characters are left out.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from openpyxl.comments import Comment
    >>> from zfgk.tables._parts import workbook_parts
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active.title = "名单"
    >>> book.active["C7"] = "张*"
    >>> book.active["C7"].comment = Comment("已核实 电话 13812345678", "经办人")
    >>> book.active.oddFooter.center.text = "制表人：王五（经办）"
    >>> book.save(path)
    >>> sorted(p for p in workbook_parts(path) if p.part in ("comment", "footer"))
    [WorkbookPart(text='制表人：王五（经办）', part='footer', sheet='名单', cell=None, unread=False), WorkbookPart(text='已核实 电话 13812345678', part='comment', sheet='名单', cell='C7', unread=False)]
    """
    kind = sniff(path)
    if kind in (FileKind.XLS, FileKind.ODS):
        try:
            yield from xls_parts(path) if kind is FileKind.XLS else ods_parts(path)
        except (
            BrokenFile,
            struct.error,
            ElementTree.ParseError,
            zipfile.BadZipFile,
            KeyError,
        ) as e:
            raise _broken(path, e) from None
        return
    check_zip(path, cells=kind is not FileKind.XLSX)  # an .xlsx's sheets are streamed here
    with zipfile.ZipFile(path) as archive:
        if kind is FileKind.XLSX:
            yield from _Book(path, archive).parts()
            return
        # An .xlsb: its comments, headers and footers are binary records; the rest is XML.
        yield from xlsb_parts(archive)
        book = _Book(path, archive)
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels", ".vml")):
                yield from book._member(info.filename, archive.read(info))


def _sheet_data_end(data: bytes) -> re.Match[bytes] | None:
    """``_SHEET_DATA_END.search(data)``, found by its word: every match holds "sheetData" after
    the tag's ``<``, so the regular expression is tried only where the word is (a search of
    the whole pattern tries every tag of the sheet's cells)."""
    position = 0
    while (word := data.find(b"sheetData", position)) >= 0:
        bracket = data.rfind(b"<", 0, word)
        if bracket >= 0 and (found := _SHEET_DATA_END.match(data, bracket)) is not None:
            return found
        position = word + 1
    return None


def embedded_files(path: Path, *, media: bool = False) -> list[tuple[str, bytes]]:
    """(member, bytes) of each file embedded in an .xlsx or .xlsb (``xl/embeddings/…``, and
    files put elsewhere in the package: a note, a table, a page, a workbook, a PDF …, see
    :func:`~zfgk.formats.is_stray_file`); with ``media``, its pictures (``xl/media/…``; an
    .ods's ``Pictures/…``) instead.

    The zip is checked first, as :func:`workbook_parts` checks it.
    """
    kind = sniff(path)
    if kind is FileKind.ODS:
        check_zip(path)
        if not media:  # its objects (charts, formulas) are read as its XML parts
            with zipfile.ZipFile(path) as archive:
                return _stray(archive, _ODS_PICTURES)
        pattern = _ODS_PICTURES
    elif kind not in (FileKind.XLSX, FileKind.XLSB):
        return []
    else:
        check_zip(path, cells=kind is not FileKind.XLSX)
        pattern = _MEDIA if media else _EMBEDDED
    with zipfile.ZipFile(path) as archive:
        found = [
            (info.filename, archive.read(info))
            for info in archive.infolist()
            if pattern.match(info.filename) and not info.is_dir()
        ]
        if pattern is _EMBEDDED:
            found += _stray(archive, _EMBEDDED, _MEDIA)
        return found


def _broken(path: Path, error: Exception) -> InputError:
    """The error of a damaged or truncated workbook, naming what went wrong."""
    return InputError.of(
        N_(
            "{path}: a damaged or truncated workbook ({kind}); open it in Excel or WPS "
            "and save it again as .xlsx"
        ),
        path=path,
        kind=type(error).__name__,
    )


#: What reading a damaged member of a zip raises.
_DAMAGED_MEMBER = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)


def _stray(archive: zipfile.ZipFile, *read_apart: re.Pattern[str]) -> list[tuple[str, bytes]]:
    """The members of a workbook's package that are files of their own, outside its parts
    and the members ``read_apart`` matches (embeddings, pictures): a note, a table, a page, a
    workbook, a PDF … (:func:`~zfgk.formats.is_stray_file`), a gzip file inflated.  A member
    that cannot be inflated: the workbook is damaged (:class:`~zfgk.errors.InputError`)."""
    try:
        return _stray_members(archive, read_apart)
    except _DAMAGED_MEMBER as e:
        raise _broken(Path(str(archive.filename)), e) from None


def _stray_members(
    archive: zipfile.ZipFile, read_apart: tuple[re.Pattern[str], ...]
) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    # an .xlsb's parts are .bin (binary records): known by their first bytes alone
    binary_parts = any(n.lower() == "xl/workbook.bin" for n in archive.namelist())
    inflated = 0  # what the gzip members inflated hold, together: as much as a member may
    for info in archive.infolist():
        name = info.filename
        if (
            info.is_dir()
            or name.lower().endswith(_PART_SUFFIXES)
            or any(pattern.match(name) for pattern in read_apart)
        ):
            continue
        with archive.open(info) as f:
            head = f.read(1024)
        text = not (binary_parts and name.lower().endswith(".bin"))
        if is_stray_file(name, head, text=text):
            data = archive.read(info)
            if inflated < MAX_GUNZIPPED:  # a gzip: inflated (past the budget: said unread)
                data = gunzipped(data)
                inflated += len(data) if head.startswith(b"\x1f\x8b") else 0
            found.append((name, data))
    return found


class _Book:
    """One pass over the parts of an .xlsx, knowing which sheet each belongs to."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self.names = {info.filename for info in archive.infolist()}
        self.sheet_of: dict[str, str] = {}  # member → the sheet it belongs to
        self.kind_of: dict[str, str] = {}  # member → its part word
        self.used = bytearray()  # 1 at the index of each shared string some cell shows
        self.has_strings = "xl/sharedStrings.xml" in self.names
        self.hyperlinks: dict[str, dict[str, str]] = {}  # sheet member → rId → target
        self.pending: list[Pending] = []  # formulas without a result, computed at the end
        self.pending_size = 0  # their characters
        #: where each sheet's rows are, noted by the first batch of them read (_xlsx_formulas)
        self.pieces: dict[str, list[tuple[int, int] | None]] = {}
        self.recalculate = False  # the book asks for every formula computed when opened
        #: Excel computes every formula when it opens the book (its calcId is older than
        #: Excel's engine, or none: LibreOffice's, a program's): a stored result may be stale
        self.stale = True
        self.book: _Cells | None = None  # its shared strings and formats, read when needed

    def parts(self) -> Iterator[WorkbookPart]:
        yield from self._workbook()
        done = {"xl/workbook.xml", "xl/sharedStrings.xml"}
        for sheet_member, sheet in list(self.sheet_of.items()):
            if self.kind_of.get(sheet_member) == "sheet":
                done.add(sheet_member)
                yield from self._sheet(sheet_member, sheet)
        for info in self.archive.infolist():
            name = info.filename
            if name in done or not name.lower().endswith(_PART_SUFFIXES):
                continue
            yield from self._member(name, self.archive.read(info))
        yield from self._computed()
        if "xl/sharedStrings.xml" in self.names:
            yield from self._orphans()

    def _computed(self) -> Iterator[WorkbookPart]:
        """The formulas held without their results, computed (:mod:`._xlsx_formulas`)."""
        if not self.pending:
            return
        members = {
            sheet: member
            for member, sheet in self.sheet_of.items()
            if self.kind_of.get(member) == "sheet"
        }
        if self.book is None:
            self.book = _Cells(self.path, self.archive)
        pending, self.pending, self.pending_size = self.pending, [], 0
        yield from computed(
            self.archive,
            members,
            self.book.strings,
            pending,
            recalculate=self.recalculate,
            formats=self.book.codes,
            pieces=self.pieces,
        )

    def _workbook(self) -> Iterator[WorkbookPart]:
        if "xl/workbook.xml" not in self.names:
            return
        root = _parse(self.path, "xl/workbook.xml", self.archive.read("xl/workbook.xml"))
        rels = _rels(self.archive, "xl/workbook.xml")
        sheets: list[str] = []
        for element in root.iter():
            local = _local(element.tag)
            if local == "sheet":
                name = element.get("name", "")
                sheets.append(name)
                if len(name) >= _SHORTEST:  # on its tab, for everyone to see
                    yield WorkbookPart(name, "name", name)
                member = rels.get(element.get(_REL, ""))
                if member is not None:
                    self.sheet_of[member] = name
                    self.kind_of[member] = "sheet"
                    self._follow(member, name)
            elif local == "definedName":
                label = element.get("name", "")
                shown = {"_xlnm.Print_Area": "打印区域", "_xlnm.Print_Titles": "打印标题"}.get(
                    label, label
                )
                scope = element.get("localSheetId")
                sheet = (
                    sheets[int(scope)]
                    if scope is not None and scope.isdigit() and int(scope) < len(sheets)
                    else None
                )
                for text in (element.text or "", element.get("comment", "")):
                    if len(text) >= _SHORTEST:
                        yield WorkbookPart(text, f"name {shown}", sheet)
            elif local == "calcPr":
                self.recalculate = element.get("fullCalcOnLoad", "").lower() in ("1", "true")
                engine = element.get("calcId", "")
                self.stale = not (engine.isdigit() and int(engine) >= CURRENT_ENGINE)
            elif local == "sheets":
                continue
        for element in root.iter():
            if _local(element.tag) in ("definedName", "sheet"):
                continue
            # (a GUID: Excel's xr:uid, documentId="8_{…}" of its revisions: no person's)
            for value in map(without_guids, (element.text or "", *element.attrib.values())):
                if len(value) >= _SHORTEST and value.strip():
                    yield WorkbookPart(value, "xl/workbook.xml")

    def _follow(self, member: str, sheet: str) -> None:
        """Name the parts a sheet points to (comments, drawings, charts) by the sheet."""
        kinds = {
            "comments": "comment",
            "threadedComments": "comment",
            "drawings": "drawing",
            "charts": "chart",
        }
        for target in _rels(self.archive, member).values():
            folder = posixpath.basename(posixpath.dirname(target))
            kind = kinds.get(folder)
            if kind is None and posixpath.basename(target).startswith("comments"):
                kind = "comment"
            if kind is not None and target not in self.kind_of:
                self.kind_of[target] = kind
                self.sheet_of[target] = sheet
                if kind == "drawing":
                    self._follow(target, sheet)

    def _sheet(self, member: str, sheet: str) -> Iterator[WorkbookPart]:
        outside = bytearray()  # the sheet's XML without its cells, parsed below
        shared: dict[bytes, tuple[str, str | None]] = {}  # shared formulas: (text, first cell)
        for cells in self._sheet_cells(member, outside):
            self._note_used(cells)
            yield from self._formulas(cells, sheet, shared)
        data = bytes(outside)
        root = _parse(self.path, member, data)
        links = self._external_links(member)
        special = {"headerFooter", "hyperlinks", "dataValidations"}
        within = {
            id(node)
            for element in root.iter()
            if _local(element.tag) in special
            for node in element.iter()
            if node is not element
        }
        for element in root.iter():
            local = _local(element.tag)
            if local in (
                "oddHeader",
                "evenHeader",
                "firstHeader",
                "oddFooter",
                "evenFooter",
                "firstFooter",
            ):
                text = header_text(element.text or "")
                if len(text) >= _SHORTEST:
                    yield WorkbookPart(text, "header" if "Header" in local else "footer", sheet)
            elif local == "hyperlink":
                ref = element.get("ref")
                for text in (
                    links.get(element.get(_REL, ""), ""),
                    element.get("location", ""),
                    element.get("display", ""),
                    element.get("tooltip", ""),
                ):
                    if len(text) >= _SHORTEST:
                        yield WorkbookPart(text, "hyperlink", sheet, ref)
            elif local == "dataValidation":
                ref = element.get("sqref")
                texts = [
                    element.get(k, "") for k in ("prompt", "error", "promptTitle", "errorTitle")
                ]
                texts += [child.text or "" for child in element]
                for text in texts:
                    if len(text) >= _SHORTEST:
                        yield WorkbookPart(text, "data validation", sheet, ref)
            elif local not in special and id(element) not in within:
                # (a GUID: Excel's xr:uid on the sheet, its tables' and formats' ids: no person's)
                for value in map(without_guids, (element.text or "", *element.attrib.values())):
                    if len(value) >= _SHORTEST and value.strip():
                        yield WorkbookPart(value, member)

    def _external_links(self, member: str) -> dict[str, str]:
        """The targets of a sheet's hyperlinks (a ``tel:`` or web address), by relationship id."""
        folder, base = posixpath.split(member)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return {}
        self.kind_of[rels] = "hyperlink"  # read here, not again as a member
        root = _parse(self.path, rels, self.archive.read(rels))
        return {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in root.iter(_PACKAGE_RELS)
            if rel.get("TargetMode") == "External"
        }

    def _sheet_cells(self, member: str, outside: bytearray) -> Iterator[bytes]:
        """The sheet's cells a stretch of whole rows at a time; the rest put in ``outside``.

        The sheet is inflated as a stream: a list of millions of rows is never
        in memory at once.
        """
        carry = b""
        inside = done = False
        with open_part(self.archive, member) as stream:
            while chunk := stream.read(_CHUNK):
                data = carry + chunk
                carry = b""
                if done:
                    outside += data
                    continue
                if not inside:
                    start = _SHEET_DATA_START.search(data)
                    if start is None:
                        outside += data[:-_TAIL]
                        carry = data[-_TAIL:]
                        continue
                    outside += data[: start.start()]
                    data = data[start.start() :]
                    inside = True
                end = _sheet_data_end(data)
                if end is not None:
                    yield data[: end.end()]
                    outside += data[end.end() :]
                    done = True
                    continue
                cut = data.rfind(b"row>")  # after a row's end: a cell is never cut in two
                if cut < 0:
                    carry = data
                    continue
                yield data[: cut + 4]
                carry = data[cut + 4 :]
        if carry:  # a sheet whose cells do not end: parsed as it is, and refused there
            outside += carry

    def _note_used(self, cells: bytes) -> None:
        """Mark the shared strings the cells show (none to mark in a book without them)."""
        if not self.has_strings:
            return
        found = _SHARED_QUICK.findall(cells)
        # Every cell typed "s" must have been read: if the quick pattern (the attributes as
        # Excel, WPS and LibreOffice order them) missed one, the thorough one reads them all.
        if len(found) != cells.count(b'"s"') + cells.count(b"'s'"):
            found = _SHARED_USE.findall(cells)
        used = self.used
        for index in set(map(int, found)):
            if index >= len(used):
                used.extend(bytes(index + 1 - len(used)))
            used[index] = 1

    def _formulas(
        self, cells: bytes, sheet: str, shared: dict[bytes, tuple[str, str | None]]
    ) -> Iterator[WorkbookPart]:
        if b"<f" not in cells and b":f" not in cells:
            return  # no formula here (most lists): the pattern would try every tag
        for m in _FORMULA.finditer(cells):
            head, body = m.group(1), m.group(2) or b""
            formula = html.unescape(body.decode("utf-8", "replace")) if body else ""
            first: str | None = None  # the first cell of a shared formula
            if b"si=" in head:
                index = dict(_ATTRIBUTE.findall(head)).get(b"si", b"")
                if formula:
                    first = self._cell_of(cells, m.start(), m.end())[0]
                    shared[index] = (formula, first)
                else:
                    formula, first = shared.get(index, ("", None))
            if not formula:
                continue
            if len(formula) > LONGEST_FORMULA:  # past Excel's own limit: not read, not shown
                ref, _, _ = self._cell_of(cells, m.start(), m.end())
                yield WorkbookPart("", "formula", sheet, ref, unread=True)
                continue
            if not needs_look(formula):  # =E5*2, =B2+C2: computed without a result, or stale
                if not self.stale and _has_result(cells, m.end()):
                    continue
                shown, unknown = None, False
            else:
                shown = evaluate(formula)
                unknown = shown is None and may_build_number(formula)
                if (
                    shown is None
                    and not unknown
                    and not self.stale
                    and not worth_judging(formula)
                    and _has_result(cells, m.end())
                ):
                    continue
            ref, value, style = self._cell_of(cells, m.start(), m.end())
            if first is not None and ref is not None and first != ref:
                formula = moved_to(formula, first, ref)
            if shown is not None:
                if len(shown) >= _SHORTEST:
                    yield WorkbookPart(shown, "formula", sheet, ref)
                continue
            entry: Pending | None = None
            if unknown and (self.recalculate or value.strip() in ("", "0")):
                entry = Pending(sheet, ref, formula, style=style)
            elif unknown and self.stale:
                # Excel computes it again on opening: what it computes, where that is not
                # the stored result, is what shows (the cell's stored result is read too)
                entry = Pending(sheet, ref, formula, builds=False, stored=value, style=style)
            elif not unknown and (self.stale or not value.strip()):
                # arithmetic without a result (=B2*100000000+C2, =SUM(B2:C2)), or whose result
                # Excel computes again on opening (=B2*C2+D2 may be 13812345678 where the file
                # holds 0): computed from its cells; one that cannot be shows no number zfgk
                # looks for, as before
                entry = Pending(sheet, ref, formula, builds=False, stored=value, style=style)
            if entry is not None:
                self.pending.append(entry)
                self.pending_size += len(formula)
                if len(self.pending) >= _PENDING or self.pending_size >= _PENDING_SIZE:
                    # a book of them: computed a batch at a time (fewer, where each is long)
                    yield from self._computed()
            if (entry is None or not entry.builds) and worth_judging(formula):
                yield WorkbookPart(formula, "formula", sheet, ref)

    @staticmethod
    def _cell_of(cells: bytes, start: int, end: int) -> tuple[str | None, str, str]:
        """(the cell's name, its stored value, its style) of the formula at ``start:end`` of
        the cells."""
        window = max(start - _CELL_HEAD, 0)  # a cell's start tag is near its formula
        cell_start = max(cells.rfind(b"<c ", window, start), cells.rfind(b":c ", window, start))
        head = cells[cell_start : cells.find(b">", cell_start)] if cell_start >= 0 else b""
        attributes = dict(_ATTRIBUTE.findall(head))
        ref = attributes.get(b"r", b"").decode("ascii", "replace") or None
        close = cells.find(b"</c>", end)
        stored = _VALUE.search(cells, end, close if close >= 0 else len(cells))
        value = html.unescape(stored.group(1).decode("utf-8", "replace")) if stored else ""
        return ref, value, attributes.get(b"s", b"").decode("ascii", "replace")

    def _member(self, name: str, data: bytes) -> Iterator[WorkbookPart]:
        kind = self.kind_of.get(name)
        sheet = self.sheet_of.get(name)
        if kind == "hyperlink":
            return
        root = _parse(self.path, name, data)
        if kind == "comment":
            for element in root.iter():
                if _local(element.tag) in ("comment", "threadedComment"):
                    ref = element.get("ref")
                    for text in _paragraphs(element, attributes=False):
                        if len(text) >= _SHORTEST and not is_guid(text):
                            yield WorkbookPart(text, "comment", sheet, ref)
            return
        if kind == "drawing":
            for anchor in root:
                cell = _anchor_cell(anchor)
                for text in _paragraphs(anchor, attributes=False):
                    if len(text) >= _SHORTEST and text.strip():
                        yield WorkbookPart(text, "drawing", sheet, cell)
            return
        if name.startswith("docProps/"):
            part, sheet = "properties", None
        elif kind == "chart":
            part = "chart"
        else:
            part, sheet = name, None
        for text in _paragraphs(root):
            # (a value that is an id whole: WPS's ICV, a sensitivity label's, SharePoint's)
            if len(text) >= _SHORTEST and text.strip() and not is_guid(text.strip()):
                yield WorkbookPart(text, part, sheet)

    def _orphans(self) -> Iterator[WorkbookPart]:
        """The shared strings no cell shows: still in the file, where ``unzip`` reads them.

        The part is read item by item with a pattern (it is well-formed: the
        sheets' reader parsed it); only an item no cell shows has its text made,
        every run of it (phonetic ones too).
        """
        used = self.used
        part = "xl/sharedStrings.xml"
        index = -1
        try:
            for text in item_texts(self.archive, part):
                if "<!" in text:  # a comment or a CDATA section: not read by the pattern
                    raise _not_xml(self.path, part)
                for match in SHARED_ITEM.finditer(text):
                    index += 1
                    if index < len(used) and used[index]:
                        continue
                    body = match.group(1) or ""
                    found = "".join(run.group(2) or "" for run in TEXT_RUN.finditer(body))
                    found = xml_text(found) if "&" in found or "_x" in found else found
                    if len(found) >= _SHORTEST:
                        yield WorkbookPart(found, part)
        except BrokenXlsx:  # not UTF-8
            raise _not_xml(self.path, part) from None


def _has_result(cells: bytes, end: int) -> bool:
    """Whether the formula ending at ``end`` is followed by its stored result, as Excel,
    WPS and LibreOffice write it (``<f>B2+C2</f><v>13812345678</v>``); False when that is
    not seen at once (no result, or one written otherwise: the cell is then read in full)."""
    return cells.startswith(b"<v>", end) and not cells.startswith(b"<v></v>", end)


def _anchor_cell(anchor: ElementTree.Element) -> str | None:
    """The cell a drawing's anchor starts at (``xdr:from``), as the sheet names it."""
    for child in anchor:
        if _local(child.tag) == "from":
            values = {_local(c.tag): (c.text or "") for c in child}
            try:
                column, row = int(values["col"]), int(values["row"])
            except (KeyError, ValueError):
                return None
            return cell_name(row, column)
    return None
