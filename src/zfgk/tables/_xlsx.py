"""An .xlsx or .xlsm workbook's cells, streamed from its sheet XML.

python-calamine reads a whole sheet into memory before it gives the first
row (about 0.7 KB a row of ten cells, 1.4 GB for two million rows); this
reads each sheet's XML as a stream, a megabyte at a time, and holds only a
row, the sheet's merged ranges and the workbook's shared strings (kept as
one string and an array of offsets, not a Python string each; past four
million characters, on disk in pieces, the pieces read last held).  It reads
the values as calamine does, so a sheet reads the same either way
(``tests/test_xlsx_stream.py`` holds it to calamine): shared, inline and
formula strings (phonetic runs left out, ``_x000D_`` escapes read), numbers
as floats, truth values, an error as a blank, and a number in a date or time
format as a date, a time, a date and time or a duration (calamine's rules of
a date format, the 1900 and 1904 date systems).  One difference: a number
whose format shows a run of digits as long as a mobile number's that the
number does not hold (``"110105"000000000000``, ``0"5678"``, ``0%``, ``0,``)
is read as the sheet shows it (:mod:`zfgk.tables._number_formats`), as Excel
and LibreOffice show it; calamine gives the bare number.

Rows run from row 1 to the last row that holds a value, blank rows between
as empty rows; columns from the first column that holds a value, each row
as long as its last cell (or its merged ranges) reaches.  The file must
have passed :func:`~zfgk.formats.check_zip` (sizes, ratios, document types,
extent) before it is read.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import enum
import itertools
import posixpath
import re
import zipfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, cast
from xml.etree import ElementTree

import attrs

from zfgk._spill import Spill
from zfgk.formats import MAX_CELLS
from zfgk.tables._number_formats import (
    about_shown,
    adds_digits,
    date_shown,
    formatted,
    largest_factor,
    text_section,
    text_shown,
)
from zfgk.tables._places import column_letters, column_number
from zfgk.values import cell_text, whole_number

__all__ = ["XlsxSheet", "date_format", "xlsx_sheets"]

#: (first row, first column), (last row, last column), counted from 0, inclusive.
Merge = tuple[tuple[int, int], tuple[int, int]]
Values = tuple[int, list[str]]

_CHUNK = 1 << 20
_KEPT_NUMBERS = 4096
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"


class BrokenXlsx(Exception):
    """The package or a part of it is not what an .xlsx holds (said as a damaged workbook)."""


class CellFormat(enum.Enum):
    """What a number format makes of a number: a number, a date or time, a duration, or a
    number shown with digits it does not hold where they stand (``"110105"0``, ``0%``)."""

    NUMBER = "number"
    DATE = "date"
    DURATION = "duration"
    SHOWN = "shown"


_DATE_LETTERS = frozenset("dmhysDMHYS")
_AM_PM_LETTERS = frozenset("pm/PM")
_DURATION_LETTERS = frozenset("hmsHMS")
#: Excel's built-in formats that show a date or time (ECMA-376 18.8.30), as calamine reads them.
_BUILT_IN = dict.fromkeys((*range(14, 23), 45, 47), CellFormat.DATE) | {46: CellFormat.DURATION}
#: Excel's built-in formats that show a number's digits moved: its percents.
_BUILT_IN_SHOWN = {9: "0%", 10: "0.00%"}
#: A run of digits as long as a mobile number's.
_LONG_RUN = re.compile(r"[0-9]{11,}")
#: The cell types of a text (a shared string, a formula's text, an inline string).
_TEXT_KINDS = frozenset({"s", "str", "inlineStr"})


def date_format(code: str) -> CellFormat:
    """What the number format ``code`` (its first section) shows a number as.

    A date or time where a date or time letter (d, m, y, h, s) stands outside
    quotes, brackets and escapes, or an AM/PM marker; a duration where the
    format starts with an elapsed-time bracket (``[h]``, ``[mm]``, ``[ss]``).
    These are python-calamine's rules.

    >>> from zfgk.tables._xlsx import date_format
    >>> [date_format(c).value for c in ("yyyy-mm-dd", "[h]:mm:ss", '0.00"m"', "#,##0*y", "0%")]
    ['date', 'duration', 'number', 'number', 'number']
    """
    escaped = quoted = am_pm = elapsed = False
    brackets = 0
    previous = " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True  # the next character is shown as it is
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            return CellFormat.NUMBER  # the first section decides
        elif char == "[":
            brackets += 1
        elif char == "]":
            if brackets == 1 and elapsed:
                return CellFormat.DURATION
            brackets = max(brackets - 1, 0)
        elif brackets == 0 and not am_pm and char in "aA":
            am_pm = True
        elif brackets == 0 and char in (_AM_PM_LETTERS if am_pm else _DATE_LETTERS):
            return CellFormat.DATE
        elif not (elapsed and char.lower() == previous.lower()):
            elapsed = previous == "[" and char in _DURATION_LETTERS
        previous = char
    return CellFormat.NUMBER


# ------------------------------------------------------------------ dates

_EPOCH_1900 = datetime.datetime(1899, 12, 30)
_EPOCH_1904 = datetime.datetime(1904, 1, 1)
_ORDINAL_1900 = _EPOCH_1900.toordinal()
_LAST_DAY = datetime.date.max.toordinal() - _ORDINAL_1900


def excel_date(serial: float, *, date1904: bool = False) -> object:
    """A serial date as python-calamine gives it: a time under 1, a date when whole, else a
    date and time (to the millisecond); the serial itself if it is out of range.

    >>> from zfgk.tables._xlsx import excel_date
    >>> excel_date(46293.0), excel_date(0.5), excel_date(46293.54521990741)
    (datetime.date(2026, 9, 28), datetime.time(12, 0), datetime.datetime(2026, 9, 28, 13, 5, 7))
    """
    if not date1904 and serial >= 61 and serial == int(serial) and serial < _LAST_DAY:
        return datetime.date.fromordinal(_ORDINAL_1900 + int(serial))
    try:
        if date1904:
            moment = _EPOCH_1904 + datetime.timedelta(milliseconds=round(serial * 86_400_000))
        elif serial < 60:  # Excel counts 1900-02-29, a day that never was
            moment = _EPOCH_1900 + datetime.timedelta(milliseconds=round((serial + 1) * 86_400_000))
        else:
            moment = _EPOCH_1900 + datetime.timedelta(milliseconds=round(serial * 86_400_000))
    except (OverflowError, ValueError):
        return serial
    if serial < 1:
        return moment.time()
    if serial == int(serial):
        return moment.date()
    return moment


def excel_duration(serial: float) -> object:
    """A number in an elapsed-time format (``[h]:mm``) as a duration, to the millisecond."""
    try:
        return datetime.timedelta(milliseconds=round(serial * 86_400_000))
    except (OverflowError, ValueError):
        return serial


# ------------------------------------------------------------------ text

_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _entity(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    try:
        return chr(code)
    except (ValueError, OverflowError):
        raise BrokenXlsx("a character reference past Unicode") from None


def xml_text(raw: str) -> str:
    """The text of XML character data: entities read, line ends as an XML parser makes them,
    and Excel's ``_xHHHH_`` escapes read.

    >>> from zfgk.tables._xlsx import xml_text
    >>> xml_text("张 &amp; &#26446;_x000D_\\r\\n&#13;")
    '张 & 李\\r\\n\\r'
    """
    if "\r" in raw:  # a line end as it stands in the file; &#13; stays a carriage return
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in raw:
        raw = _ENTITY.sub(_entity, raw)
    if "_x" in raw:
        raw = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    return raw


# ------------------------------------------------------------------ the package


_UTF16_DECLARATION = re.compile(
    rb"""^(<\?xml[^>]*?encoding\s*=\s*["'])(?i:utf-16(?:le|be)?)(["'])"""
)


class _Utf8:
    """A part written in UTF-16 (the package format allows it), read as UTF-8: the readers
    of cells and strings search UTF-8 text.  Its XML declaration is said to be UTF-8."""

    def __init__(self, stream: IO[bytes], encoding: str, head: bytes) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)()
        self._pending = head
        self._first = True

    def read(self, size: int = -1) -> bytes:
        raw = self._pending + self._stream.read(size)
        self._pending = b""
        data = self._decoder.decode(raw, final=not raw).encode("utf-8", "surrogatepass")
        if self._first and data:
            self._first = False
            data = _UTF16_DECLARATION.sub(rb"\1UTF-8\2", data, count=1)
        return data


@contextlib.contextmanager
def open_part(archive: zipfile.ZipFile, name: str) -> Iterator[IO[bytes]]:
    """A member of the package opened to be read as UTF-8 (one in UTF-16, with its byte
    order mark, transcoded as it is read).

    >>> import io, zipfile
    >>> from zfgk.tables._xlsx import open_part
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as package:
    ...     package.writestr("s.xml", '<?xml version="1.0" encoding="UTF-16"?><c>张</c>'.encode("utf-16"))
    >>> with zipfile.ZipFile(buffer) as package, open_part(package, "s.xml") as part:
    ...     part.read(1 << 20).decode("utf-8")
    '<?xml version="1.0" encoding="UTF-8"?><c>张</c>'
    """
    with archive.open(name) as stream:
        head = stream.read(2)
        if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            encoding = "utf-16-le" if head == codecs.BOM_UTF16_LE else "utf-16-be"
            yield cast("IO[bytes]", _Utf8(stream, encoding, b""))
        else:
            yield cast("IO[bytes]", _Utf8Head(stream, head))


class _Utf8Head:
    """A stream whose first bytes were read to look for a byte order mark: given back first."""

    def __init__(self, stream: IO[bytes], head: bytes) -> None:
        self._stream = stream
        self._head = head

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head, self._head = self._head, b""
            return head + self._stream.read(size - len(head) if size > len(head) else size)
        return self._stream.read(size)


def _read_xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        data = archive.read(name)
    except KeyError:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as e:
        raise BrokenXlsx(f"{name}: {e}") from None


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, the target's part name) of a part's relationships."""
    folder, name = posixpath.split(part)
    root = _read_xml(archive, posixpath.join(folder, "_rels", name + ".rels"))
    found: dict[str, tuple[str, str]] = {}
    for rel in () if root is None else root.iter(_RELATIONSHIPS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@attrs.frozen
class _SheetEntry:
    name: str
    state: str
    part: str
    kind: str  # worksheet, chartsheet, dialogsheet, macrosheet …


def _workbook_part(archive: zipfile.ZipFile) -> str:
    for kind, target in _relationships(archive, "").values():
        if kind.endswith(_OFFICE_DOCUMENT):
            return target
    return "xl/workbook.xml"


def _no_string() -> str:
    """A negative index of a shared string (slicing would read one from the end)."""
    raise IndexError("a shared string's index is never negative")


class SharedStrings:
    """A workbook's shared strings: one string and the offset of each, not a string each."""

    def __init__(self, text: str, offsets: array[int]) -> None:
        self._text = text
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:
        if index < 0:
            return _no_string()
        offsets = self._offsets
        return self._text[offsets[index] : offsets[index + 1]]

    def parts(self) -> tuple[str, array[int]]:
        """(the strings one after another, the offset of each and of the end)."""
        return self._text, self._offsets


#: The characters of shared strings held in memory (8 MB of CJK text: the strings of about
#: 200,000 rows of a list); a workbook with more keeps them on disk (:class:`SharedStringsOnDisk`).
KEPT_CHARACTERS = 1 << 22
#: Shared strings a piece on disk holds: one is read whole when any of its strings is asked for.
_PIECE = 1024
#: Pieces held once read, the one used longest ago let go first (about 6 MB of a list's names
#: and numbers): the piece each column is reading (a table written a column at a time reads
#: as many places at once as it has columns), the first pieces' few repeated strings.
_PIECES_HELD = 128


class SharedStringsOnDisk:
    """A big workbook's shared strings, in pieces in a temporary file, the pieces used last
    held in memory: the same strings as :class:`SharedStrings`, in memory that
    does not grow with them.

    A list of two million rows has two million shared strings (each ID
    number is one): about 90 MB held as one string.  A sheet asks for its
    strings mostly in the order they were written (new ones in turn, the few
    repeated ones from the first pieces), so the pieces held serve nearly
    every lookup.

    >>> from zfgk.tables._xlsx import SharedStringsOnDisk
    >>> strings = SharedStringsOnDisk()
    >>> strings.extend([f"张{n}" for n in range(5000)])
    >>> strings.close_pieces()
    >>> len(strings), strings[0], strings[4999]
    (5000, '张0', '张4999')
    """

    def __init__(self) -> None:
        self._spill: Spill[tuple[str, bytes]] = Spill(batch=1)
        self._pending: list[str] = []
        self._count = 0
        self._held: dict[int, tuple[str, array[int]]] = {}  # in the order last used
        self._last = -1  # the piece used last

    def extend(self, items: list[str]) -> None:
        """Keep ``items`` after the strings before them (on disk a piece at a time)."""
        pending = self._pending
        pending.extend(items)
        self._count += len(items)
        while len(pending) >= _PIECE:
            self._write(pending[:_PIECE])
            del pending[:_PIECE]

    def close_pieces(self) -> None:
        """Write the last piece: every string is then on disk."""
        if self._pending:
            self._write(self._pending)
            self._pending = []

    def _write(self, items: list[str]) -> None:
        offsets = array("q", itertools.accumulate(map(len, items), initial=0))
        self._spill.append(("".join(items), offsets.tobytes()))

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        if index < 0:
            return _no_string()
        number, at = divmod(index, _PIECE)
        if number == self._last:
            text, offsets = self._held[number]
        else:
            held = self._held.pop(number, None)  # put back last: the most recently used
            if held is None:
                text, raw = self._spill[number]
                offsets = array("q")
                offsets.frombytes(raw)
                held = (text, offsets)
                if len(self._held) >= _PIECES_HELD:
                    del self._held[next(iter(self._held))]  # the one used longest ago
            self._held[number] = held
            self._last = number
            text, offsets = held
        return text[offsets[at] : offsets[at + 1]]


#: An item of the shared strings, whole (its body the group); a run of text in one (its text
#: the second group): what reads the strings no cell shows (``_parts``) reads them so too.
SHARED_ITEM = re.compile(r"<(?:[\w.-]+:)?si\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?si>)", re.S)
_SIMPLE_SI = re.compile(r"<([\w.-]+:|)t(?:\s[^>]*)?>([^<]*)</\1t>")
_PHONETIC = re.compile(r"<([\w.-]+:|)rPh\b.*?</\1rPh>", re.S)
TEXT_RUN = re.compile(r"<([\w.-]+:|)t(?:\s[^>]*)?(?:/>|>([^<]*)</\1t>)")


def _string_item(body: str) -> str:
    """The text of a shared string item (or an inline string): its runs, phonetic ones left out."""
    simple = _SIMPLE_SI.fullmatch(body)
    if simple is not None:
        return xml_text(simple.group(2))
    if "rPh" in body:
        body = _PHONETIC.sub("", body)
    return xml_text("".join(m.group(2) or "" for m in TEXT_RUN.finditer(body)))


_SI_FAST = re.compile(
    r"<(?:[\w.-]+:)?si(?:\s[^>]*[^/]|\s*)>"
    r"(?:<(?:[\w.-]+:)?t(?:\s[^>]*)?>([^<]*)</(?:[\w.-]+:)?t>|(.*?))</(?:[\w.-]+:)?si>"
    r"|<(?:[\w.-]+:)?si\b[^>]*/>",
    re.S,
)
_SI_START = re.compile(r"<(?:[\w.-]+:)?si[\s/>]")


def _shared_strings(
    archive: zipfile.ZipFile, part: str | None
) -> SharedStrings | SharedStringsOnDisk:
    """The shared strings ``part``, in memory up to :data:`KEPT_CHARACTERS`, past them on disk."""
    if part is None or part not in archive.NameToInfo:
        return SharedStrings("", array("q", [0]))
    pieces: list[str] = []
    joined: list[str] = []  # the strings of each megabyte of the part, one after another
    counts: list[int] = []  # how many strings each holds
    offsets = array("q", [0])
    total = starts = count = 0
    disk: SharedStringsOnDisk | None = None
    for text in item_texts(archive, part):
        odd = _ODD_XML.search(text)
        if odd is not None:
            raise BrokenXlsx(f"{part}: XML zfgk does not read ({odd.group()[:12]!r})")
        starts += len(_SI_START.findall(text))
        for simple, other in _SI_FAST.findall(text):
            if other:
                item = _string_item(other)
            elif "&" in simple or "_x" in simple or "\r" in simple:
                item = xml_text(simple)
            else:
                item = simple
            pieces.append(item)
            total += len(item)
            offsets.append(total)
        count += len(pieces)
        if disk is not None:
            disk.extend(pieces)
            del offsets[:]  # (no use on disk)
        elif total > KEPT_CHARACTERS:  # too many to hold: those so far, and the rest, on disk
            disk = _to_disk(joined, counts, offsets)
            disk.extend(pieces)
            joined, counts, offsets = [], [], array("q")
        else:
            joined.append("".join(pieces))  # one string a megabyte: short ones cost ten times more
            counts.append(len(pieces))
        pieces.clear()
    if count != starts:
        raise BrokenXlsx(f"{part}: shared strings zfgk cannot tell apart")
    if disk is not None:
        disk.close_pieces()
        return disk
    return SharedStrings("".join(joined), offsets)


def _to_disk(joined: list[str], counts: list[int], offsets: array[int]) -> SharedStringsOnDisk:
    """The shared strings held as ``joined`` (``counts`` strings in each) and ``offsets``, on
    disk: a megabyte's strings made and let go at a time, never all at once."""
    disk = SharedStringsOnDisk()
    first = 0
    for number, count in enumerate(counts):
        text, base = joined[number], offsets[first]
        joined[number] = ""
        disk.extend(
            [text[offsets[i] - base : offsets[i + 1] - base] for i in range(first, first + count)]
        )
        first += count
    return disk


_ITEM_END = re.compile(r"</(?:[\w.-]+:)?si>\Z")


def item_texts(archive: zipfile.ZipFile, part: str) -> Iterator[str]:
    """The text of the shared strings ``part``, decoded a megabyte at a time, each piece
    ending just after an item's end tag (the last piece: where the part ends).

    The part of a list of two million rows is a hundred megabytes of XML:
    read whole, it and its text were most of the memory a task took.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    carry = ""
    with open_part(archive, part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            try:
                text = carry + decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                raise BrokenXlsx(f"{part} is not UTF-8") from None
            if not chunk:
                if text:
                    yield text
                return
            at = text.rfind("si>")
            while at >= 0 and _ITEM_END.search(text, max(0, at - 64), at + 3) is None:
                at = text.rfind("si>", 0, at)
            if at < 0:
                carry = text
                continue
            yield text[: at + 3]
            carry = text[at + 3 :]


def _formats(
    archive: zipfile.ZipFile, part: str | None
) -> tuple[list[CellFormat], dict[int, tuple[str, float | None]], dict[int, str]]:
    """What each cell style (xf) of the workbook shows a number as; the format code of each
    style that shows digits a number does not hold (:data:`CellFormat.SHOWN`, or a date
    format with a literal digit: ``"1381234"yyyy``); the section of each style's format that
    shows a text cell with a digit of its own (``"110105"@``)."""
    root = None if part is None else _read_xml(archive, part)
    if root is None:
        return [], {}, {}
    codes: dict[int, str] = dict(_BUILT_IN_SHOWN)
    formats: list[CellFormat] = []
    shown: dict[int, tuple[str, float | None]] = {}
    texts: dict[int, str] = {}
    for element in root:
        name = _local(element.tag)
        if name == "numFmts":
            for fmt in element:
                try:
                    codes[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
                except ValueError:
                    continue
        elif name == "cellXfs":
            for xf in element:
                try:
                    number = int(xf.get("numFmtId", "0"))
                except ValueError:
                    number = 0
                code = codes.get(number)
                found = _BUILT_IN.get(number, CellFormat.NUMBER) if code is None else None
                if found is None:
                    found = date_format(code or "")
                    if found is CellFormat.NUMBER and code and adds_digits(code):
                        found = CellFormat.SHOWN
                        shown[len(formats)] = (code, largest_factor(code))
                    elif found is CellFormat.DATE and code and adds_digits(code):
                        shown[len(formats)] = (code, None)
                    section = text_section(code) if code else None
                    if section is not None:
                        texts[len(formats)] = section
                formats.append(found)
    return formats, shown, texts


@attrs.frozen
class XlsxSheet:
    """A worksheet of an .xlsx as :func:`xlsx_sheets` gives it: its rows read when asked for.

    ``rows()`` gives (row, cell texts) from row 1, as
    :func:`~zfgk.tables.stream_sheets` does; ``merges`` are counted from 0.
    """

    name: str
    state: str
    part: str
    first_column: int
    merges: tuple[Merge, ...]
    rows: Callable[[], Iterator[Values]]


class _Book:
    """The parts every sheet needs: shared strings, number formats, the date system."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        workbook = _workbook_part(archive)
        root = _read_xml(archive, workbook)
        if root is None:
            raise BrokenXlsx(f"no {workbook}")
        relations = _relationships(archive, workbook)
        self.date1904 = False
        self.sheets: list[_SheetEntry] = []
        for element in root:
            name = _local(element.tag)
            if name == "workbookPr":
                self.date1904 = element.get("date1904", "").lower() in ("1", "true")
            elif name == "sheets":
                for sheet in element:
                    rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), "")
                    kind, target = relations.get(rid, ("", ""))
                    state = sheet.get("state", "visible")
                    self.sheets.append(
                        _SheetEntry(
                            sheet.get("name", ""),
                            state if state in ("hidden", "veryHidden") else "visible",
                            target,
                            kind.rsplit("/", 1)[-1],
                        )
                    )
        by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in relations.values()}
        self.strings = _shared_strings(archive, by_kind.get("sharedStrings"))
        self.formats, self.codes, self.texts = _formats(archive, by_kind.get("styles"))


#: The sheets whose cells are read: worksheets and Excel 4 macro sheets (an .xlsm's, which
#: Excel and LibreOffice show as sheets of cells; python-calamine refuses them).
_CELL_SHEETS = frozenset({"worksheet", "xlMacrosheet", "xlIntlMacrosheet"})


def xlsx_sheets(path: Path) -> Iterator[XlsxSheet]:
    """Each worksheet and macro sheet of an .xlsx/.xlsm in the workbook's order, hidden ones
    too; chart and dialog sheets left out (their texts are read as the workbook's parts).

    Its merges and first column are read (a pass over the sheet's XML) when
    the sheet is reached; its rows when asked for.  Raises
    :class:`BrokenXlsx` for a package that is not a workbook; the caller
    says it as a damaged file.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from zfgk.tables._xlsx import xlsx_sheets
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active["B2"], book.active["C3"] = "标题", 50
    >>> book.active.merge_cells("B2:C2")
    >>> book.save(path)
    >>> [(s.name, s.state, s.first_column, s.merges, list(s.rows())) for s in xlsx_sheets(path)]
    [('Sheet', 'visible', 2, (((1, 1), (1, 2)),), [(1, []), (2, ['标题', '标题']), (3, ['', '50'])])]
    """
    try:
        with zipfile.ZipFile(path) as archive:
            book = _Book(path, archive)
            for entry in book.sheets:
                if entry.kind not in _CELL_SHEETS:
                    continue  # a chart sheet; a dialog sheet (its texts are in its drawing)
                if entry.part not in archive.NameToInfo:
                    raise BrokenXlsx(f"sheet {entry.name!r} has no part")
                first, merges, prefix = _survey(archive, entry.part)
                reader = _SheetReader(book, entry.part, prefix, first, merges)
                yield XlsxSheet(entry.name, entry.state, entry.part, first, merges, reader.rows)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, UnicodeError) as e:
        raise BrokenXlsx(str(e)) from None


# ------------------------------------------------------------------ a sheet

_SHEET_DATA = re.compile(rb"<([\w.-]+:)?sheetData\b")
_MERGE = re.compile(
    r"""<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']\s*"""
    r"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"
)


_NUMERIC = frozenset({"", "n"})
#: XML this reader does not read, refused rather than misread: an end tag with a space
#: before its ">", a comment, a CDATA section (no spreadsheet program writes them).
_ODD_XML = re.compile(r"</[^>]*\s>|<!")
_EXCEL_COLUMNS = 16_384
_EXCEL_ROWS = 1_048_576


def _valued(prefix: bytes) -> re.Pattern[bytes]:
    """A cell with a value: its column letters (a formula may stand before the value)."""
    p = re.escape(prefix)
    return re.compile(
        rb"<" + p + rb"""c\s(?:[^>]*?\s)?r\s*=\s*["']([A-Z]{1,3})[0-9]+["'][^>]*>\s*"""
        rb"(?:<" + p + rb"f\b[^>]*?(?:/>|>[^<]*</" + p + rb"f>)\s*)?"
        rb"<" + p + rb"(?:v>[^<]|is>)"
    )


def _survey(archive: zipfile.ZipFile, part: str) -> tuple[int, tuple[Merge, ...], str]:
    """(first column holding a value, merged ranges, the tags' namespace prefix) of a sheet.

    One pass over the sheet's XML: the merged ranges follow the cells.  The
    columns of the cells holding a value are read only until one in column A
    is seen (at once, in most lists).  Merged ranges are cut at the last
    column holding a value, as calamine cuts them; when a range reaches past
    every column seen, a second pass looks for a value that far.
    """
    first = widest = 0  # no value seen yet
    prefix: bytes | None = None
    valued: re.Pattern[bytes] | None = None
    tail = b""
    after = bytearray()  # what follows the cells: the merged ranges are there
    end = b"</sheetData>"
    with open_part(archive, part) as stream:
        while chunk := stream.read(_CHUNK):
            if after:
                after += chunk
                continue
            window = tail + chunk
            if prefix is None:
                found = _SHEET_DATA.search(window)
                if found is None:
                    tail = window[-64:]
                    continue
                prefix = found.group(1) or b""
                valued = _valued(prefix)
                end = b"</" + prefix + b"sheetData>"
            assert valued is not None
            if first != 1:
                columns = [column_number(m) for m in set(valued.findall(window))]
                if columns:
                    first = min([first or columns[0], *columns])
                    widest = max([widest, *columns])
            stop = window.find(end)
            if stop >= 0:
                after += window[stop:]
            tail = _rest(window)
    if prefix is None:
        raise BrokenXlsx(f"{part}: no cells (sheetData) in the sheet")
    merges: list[Merge] = []
    for a, b, c, d in _MERGE.findall(after.decode("utf-8", "replace")):
        merges.append(((int(b) - 1, column_number(a) - 1), (int(d) - 1, column_number(c) - 1)))
    reach = max((last for _, (_, last) in merges), default=-1) + 1
    if reach > widest and valued is not None:
        widest = _widest(archive, part, valued, reach)
    clipped = tuple(
        (start, (last_row, min(last_col, widest - 1))) for start, (last_row, last_col) in merges
    )
    return first or 1, clipped, (prefix or b"").decode("ascii")


def _rest(window: bytes) -> bytes:
    """What follows the last row's end in ``window``: read again with the next chunk."""
    end = window.rfind(b"row>")
    return window[end + 4 :] if end >= 0 else window


def _widest(archive: zipfile.ZipFile, part: str, valued: re.Pattern[bytes], reach: int) -> int:
    """The last column holding a value, or ``reach`` once a value that far is seen."""
    widest = 0
    tail = b""
    with open_part(archive, part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            columns = [column_number(m) for m in set(valued.findall(window))]
            widest = max([widest, *columns])
            if widest >= reach:
                return reach
            tail = _rest(window)
    return widest


_ROW_NUMBER = re.compile(r"""\br\s*=\s*["']([0-9]*)["']""")
_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _patterns(prefix: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a cell as Excel, WPS and LibreOffice write most cells; any cell) for a tag prefix."""
    found = _PATTERNS.get(prefix)
    if found is None:
        p = re.escape(prefix)
        value = rf"<{p}v>([^<]*)</{p}v>"
        inline = rf'<{p}is><{p}t(?: xml:space="preserve")?>([^<]*)</{p}t></{p}is>'
        fast = re.compile(
            "<" + p + r'c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
            r"(?:/>|>(?:" + value + "|" + inline + ")?</" + p + "c>)"
        )
        general = re.compile("<" + p + r"c(\s[^>]*?)?(?:/>|>(.*?)</" + p + r"c>)", re.S)
        found = _PATTERNS[prefix] = (fast, general)
    return found


_ATTRIBUTE = re.compile(r'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
#: An attribute's quoted value, and a quote left over when they are taken out.
_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')
_QUOTES = re.compile("[\"']")


class _SheetReader:
    """Reads one sheet's rows from its XML, a chunk at a time."""

    def __init__(
        self, book: _Book, part: str, prefix: str, first: int, merges: Sequence[Merge]
    ) -> None:
        self.book = book
        self.part = part
        self.prefix = prefix
        self.first = first
        self.merges = merges
        self.numbers: dict[str, str] = {}
        self.dates: dict[tuple[str, str], str] = {}
        self.padded = 0
        self.columns: dict[str, int] = {}
        self._special = True
        self._cell_tag = "<" + prefix + "c"
        #: The column letters from the first column on, as far as a row can reach.
        self._letters = [column_letters(n) for n in range(first, _EXCEL_COLUMNS + 1)]
        #: The styles (as the XML writes their numbers) that show a number as a date or time.
        self._date_styles = frozenset(
            str(i) for i, fmt in enumerate(book.formats) if fmt is not CellFormat.NUMBER
        )
        #: The styles whose format shows a text cell with digits of its own (``"110105"@``).
        self._text_styles = {str(i): section for i, section in book.texts.items()}
        self._value_pattern = re.compile(
            "<" + re.escape(prefix) + r"v(?:\s[^>]*)?>(.*?)</" + re.escape(prefix) + "v>", re.S
        )
        self._inline_pattern = re.compile(
            "<" + re.escape(prefix) + r"is\b[^>]*>(.*?)</" + re.escape(prefix) + "is>", re.S
        )

    def rows(self) -> Iterator[Values]:
        """(row, values) from row 1 to the last row holding a value; merged values spread.

        A row with no value of its own (blank, or only a merged range's value
        spread into it) is held back: it is given only if a row with a value
        follows, as calamine's used area ends at the last value.
        """
        merges = sorted(self.merges)
        upcoming = 0  # the next merged range to start
        active: list[tuple[int, int, int, str]] = []  # (last row, first, last column, value)
        left = self.first - 1

        def spread(row: int, values: list[str]) -> None:
            nonlocal upcoming, active
            while upcoming < len(merges) and merges[upcoming][0][0] <= row:
                (first_row, first_col), (last_row, last_col) = merges[upcoming]
                upcoming += 1
                first, last = max(first_col - left, 0), last_col - left
                if first_row == row and first <= last and last_row >= row:
                    value = values[first] if first < len(values) else ""
                    active.append((last_row, first, last, value))
            if active:
                active = [merge for merge in active if merge[0] >= row]
                for _, first, last, value in active:
                    if len(values) <= last:
                        values.extend([""] * (last + 1 - len(values)))
                    values[first : last + 1] = [value] * (last - first + 1)

        given = seen = 0  # the last row given, the last row read
        held: list[Values] = []
        for number, values in self._stored_rows():
            if active or (upcoming < len(merges) and merges[upcoming][0][0] < number - 1):
                for gap in range(seen + 1, number):  # rows the XML leaves out, merges over them
                    spread_into: list[str] = []
                    spread(gap - 1, spread_into)
                    if any(spread_into):
                        held.append((gap, spread_into))
            seen = number
            own = any(values)
            if active or (upcoming < len(merges) and merges[upcoming][0][0] < number):
                spread(number - 1, values)
            if not own:
                if any(values):
                    held.append((number, values))
                continue
            for held_number, held_values in held:
                for empty in range(given + 1, held_number):
                    yield empty, []
                yield held_number, held_values
                given = held_number
            held.clear()
            for empty in range(given + 1, number):
                yield empty, []
            given = number
            yield number, values

    def _stored_rows(self) -> Iterator[Values]:
        """(row, values) of each row the XML holds, in order, columns from the first."""
        prefix = self.prefix
        end_tag = "</" + prefix + "row>"
        start_tag = "<" + prefix + "row"
        p = re.escape(prefix)
        # A row with its cells, or an empty one (<row r="5"/>): blank, but it has a number.
        rows = re.compile(
            "<" + p + r"row\b([^>]*?)(?:/>|>([^<]*(?:<(?!/" + p + r"row>)[^<]*)*)</" + p + "row>)"
        )
        unclosed = re.compile("<" + p + r"row\b[^>]*(?<!/)>")
        decoder = codecs.getincrementaldecoder("utf-8")()
        carry = ""
        previous = 0
        fast, general = _patterns(prefix)
        cells_of = self._cells
        with zipfile.ZipFile(self.book.path) as archive, open_part(archive, self.part) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                text = carry + decoder.decode(chunk, final=not chunk)
                cut = text.rfind(end_tag) if chunk else len(text)
                if cut < 0:
                    carry = text
                    continue
                cut += len(end_tag) if chunk else 0
                carry = text[cut:]
                odd = _ODD_XML.search(text, 0, cut)
                if odd is not None:
                    raise BrokenXlsx(f"{self.part}: XML zfgk does not read ({odd.group()[:12]!r})")
                if not chunk:
                    last = text.rfind(end_tag)
                    rest = text[last + len(end_tag) :] if last >= 0 else text
                    if "sheetData" not in rest or unclosed.search(rest) is not None:
                        raise BrokenXlsx(f"{self.part}: the cells do not end")
                # An entity, an escape or a carriage return: the texts of the rows holding
                # one are read through xml_text (a row's search for them, where the chunk
                # has none, would cost more than the rest of its reading).
                self._special = (
                    text.find("&", 0, cut) >= 0
                    or text.find("_x", 0, cut) >= 0
                    or text.find("\r", 0, cut) >= 0
                )
                for attributes, cells in _split_rows(text, cut, prefix, rows):
                    at = attributes.find(' r="')
                    if at < 0:
                        found = _ROW_NUMBER.search(attributes)
                        number = int(found.group(1) or "0") if found else previous + 1
                    else:
                        number = int(attributes[at + 4 : attributes.find('"', at + 4)] or "0")
                    if number <= previous or number > _EXCEL_ROWS:
                        raise BrokenXlsx(f"{self.part}: row {number} after row {previous}")
                    previous = number
                    if start_tag in cells:
                        raise BrokenXlsx(f"{self.part}: row {number} does not end")
                    yield number, cells_of(cells, fast, general)
                if not chunk:
                    return

    def _cells(self, cells: str, fast: re.Pattern[str], general: re.Pattern[str]) -> list[str]:
        found = fast.findall(cells)
        count = len(found)
        if not count or count != cells.count(self._cell_tag):
            return self._general(cells, general) if count or self._cell_tag in cells else []
        special = self._special and ("&" in cells or "_x" in cells or "\r" in cells)
        values = self._converted(found, special)
        if self._text_styles:
            for n, (_, style, kind, _raw, inline) in enumerate(found):
                if style in self._text_styles and (inline or kind in _TEXT_KINDS):
                    values[n] = self._text_shown(values[n], style)
        expected = self._letters
        if count <= len(expected) and [f[0] for f in found] == expected[:count]:
            return values  # the common row: its cells in order from the first column
        return self._placed(found, values)  # gaps, cells out of order or named twice

    def _converted(self, found: list[tuple[str, str, str, str, str]], special: bool) -> list[str]:
        """The values of the cells the quick pattern found, in the order found."""
        strings = self.book.strings
        if not isinstance(strings, SharedStrings):  # on disk: each cell read as any cell is
            return [
                (xml_text(inline) if special else inline)
                if inline
                else self._value(kind, raw, style)
                for _, style, kind, raw, inline in found
            ]
        text, offsets = strings.parts()
        numbers, dates, convert = self.numbers, self._date_styles, self._value
        try:
            return [
                (text[offsets[i] : offsets[i + 1]] if (i := int(raw)) >= 0 else _no_string())
                if kind == "s" and raw
                else (xml_text(inline) if special else inline)
                if inline  # an inline string, whatever the cell's type says
                else (
                    numbers.get(raw)
                    or (
                        whole_number(raw)  # a count, a serial number: shown as stored
                        if raw.isdigit() and len(raw) < 16 and raw[0] != "0" and raw.isascii()
                        else convert(kind, raw, style)
                    )
                )
                if kind in _NUMERIC and style not in dates
                else convert(kind, raw, style)
                for _, style, kind, raw, inline in found
            ]
        except (IndexError, ValueError):
            raise BrokenXlsx(f"{self.part}: a shared string that is not there") from None

    def _placed(
        self, found: list[tuple[str, str, str, str, str]], converted: list[str]
    ) -> list[str]:
        """The cells of a row with gaps, or not from the first column, each in its place."""
        columns = self.columns
        left = self.first
        places: list[int] = []
        for letters, *_ in found:
            column = columns.get(letters)
            if column is None:
                column = column_number(letters)
                if column > _EXCEL_COLUMNS:
                    raise BrokenXlsx(f"{self.part}: a cell past Excel's last column")
                column = columns[letters] = column - left
            places.append(column)
        if places[0] >= 0 and all(a < b for a, b in itertools.pairwise(places)):
            width = places[-1] + 1  # gaps only: each cell after the one before it
            self._pad(width - len(places))
            values = [""] * width
            for column, value in zip(places, converted, strict=True):
                values[column] = value
            return values
        values = []
        for column, value in zip(places, converted, strict=True):
            self._put(values, column, value)
        return values

    def _general(self, cells: str, general: re.Pattern[str]) -> list[str]:
        """Any cell: attributes in any order, formulas, inline strings, no reference."""
        values: list[str] = []
        left = self.first
        column = 0  # a cell without a reference follows the one before it, from column A
        matched = general.findall(cells)
        if len(matched) != cells.count(self._cell_tag):
            raise BrokenXlsx(f"{self.part}: cells zfgk cannot tell apart")
        for attributes, content in matched:
            if attributes and _QUOTES.search(_QUOTED.sub("", attributes)) is not None:
                # a ">" inside an attribute's value cut the tag short: the cell's type and
                # value would be misread (well-formed XML no spreadsheet program writes)
                raise BrokenXlsx(f"{self.part}: a cell's attribute holds '>'")
            attrs_found = {
                key.rsplit(":", 1)[-1]: a or b for key, a, b in _ATTRIBUTE.findall(attributes or "")
            }
            ref = attrs_found.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                column = (
                    column_number(letters)
                    if letters.isalpha() and letters.isupper()
                    else column + 1
                )
            else:
                column += 1
            if column > _EXCEL_COLUMNS:
                raise BrokenXlsx(f"{self.part}: a cell past Excel's last column")
            index = column - left
            kind = attrs_found.get("t", "")
            if kind == "inlineStr":
                inline = self._inline_pattern.search(content or "")
                value = _string_item(inline.group(1)) if inline else ""
            else:
                raw = self._value_pattern.search(content or "")
                value = self._value(kind, raw.group(1) if raw else "", attrs_found.get("s", ""))
            if self._text_styles and kind in _TEXT_KINDS:
                value = self._text_shown(value, attrs_found.get("s", ""))
            self._put(values, index, value)
        return values

    def _text_shown(self, value: str, style: str) -> str:
        """A text cell as its format shows it, if that shows a run of digits as long as a
        mobile number's that the text does not hold (``"110105"@``); else as calamine reads it."""
        section = self._text_styles.get(style)
        if section is None or not value:
            return value
        shown = text_shown(value, section)
        if set(_LONG_RUN.findall(shown)) - set(_LONG_RUN.findall(value)):
            return shown
        return value

    def _put(self, values: list[str], index: int, value: str) -> None:
        """``value`` put in the row read so far at ``index``: after its last cell (empty
        cells between), or before it (:meth:`_misplaced`)."""
        if index < len(values) or index < 0:
            self._misplaced(values, index, value)
            return
        if index > len(values):
            self._pad(index - len(values))
            values.extend([""] * (index - len(values)))
        values.append(value)

    def _pad(self, cells: int) -> None:
        """Count the empty cells put between values: a sheet of a few values at its far
        corners would give billions (refused as the calamine path refuses its extent)."""
        self.padded += cells
        if self.padded > MAX_CELLS:
            raise BrokenXlsx(f"{self.part}: values spread over more than {MAX_CELLS} cells")

    def _misplaced(self, values: list[str], index: int, value: str) -> None:
        """A cell before the one read last: out of order (put in its place), named twice (the
        last value kept, as calamine keeps it), or left of the first column: never lost."""
        if not value:
            return
        if index < 0:
            raise BrokenXlsx(f"{self.part}: a value left of the columns found to hold values")
        values[index] = value

    def _value(self, kind: str, raw: str, style: str) -> str:
        if not raw:
            return ""
        if kind == "s":
            try:
                return self.book.strings[int(raw)]
            except (ValueError, IndexError):
                raise BrokenXlsx(f"{self.part}: a shared string that is not there") from None
        if kind in _NUMERIC:
            if style not in self._date_styles:
                text = self.numbers.get(raw)
                if text is None:
                    if raw.isascii() and raw.isdigit() and len(raw) < 16 and raw[0] != "0":
                        text = whole_number(raw)  # a count, a serial number: shown as stored
                    else:
                        text = cell_text(_float(raw, self.part))
                    if len(self.numbers) < _KEPT_NUMBERS:
                        self.numbers[raw] = text
                return text
            key = (style, raw)
            text = self.dates.get(key)
            if text is None:
                text = self._date(raw, self.book.formats[int(style)], style)
                if len(self.dates) < _KEPT_NUMBERS:
                    self.dates[key] = text
            return text
        if kind == "str":
            return xml_text(raw)
        if kind == "b":
            return cell_text(raw.strip() not in ("0", "false", ""))
        if kind == "e":
            return ""  # an error shows as an error code; calamine reads it as blank
        if kind == "d":
            return cell_text(_iso(raw))
        return xml_text(raw)

    def _date(self, raw: str, cell_format: CellFormat, style: str) -> str:
        serial = _float(raw, self.part)
        if cell_format is CellFormat.SHOWN:
            # As calamine reads it, unless its format shows a run of digits as long as a
            # mobile number's that the number does not hold: then as the sheet shows it.
            whole = raw.isascii() and raw.isdigit() and len(raw) < 16 and raw[0] != "0"
            plain = whole_number(raw) if whole else cell_text(serial)
            code, factor = self.book.codes[int(style)]
            if factor is not None and abs(serial) * factor < 1e10:
                return plain  # a percent, a scaled number: too few digits to show one
            shown = formatted(serial, code)
            if shown is None:  # a format not read here: about what it shows, if that is more
                shown = about_shown(plain, code)
            if set(_LONG_RUN.findall(shown)) - set(_LONG_RUN.findall(plain)):
                return shown
            return plain
        if cell_format is CellFormat.DURATION:
            return cell_text(excel_duration(serial))
        moment = excel_date(serial, date1904=self.book.date1904)
        text = cell_text(moment)
        entry = self.book.codes.get(int(style))
        if entry is not None and isinstance(moment, datetime.date):
            # a date format that writes digits of its own ("1381234"yyyy): as it shows it,
            # if that shows a run of digits as long as a mobile number's
            shown = date_shown(moment, entry[0]) or about_shown(text, entry[0])
            if set(_LONG_RUN.findall(shown)) - set(_LONG_RUN.findall(text)):
                return shown
        return text


def _split_rows(text: str, cut: int, prefix: str, rows: re.Pattern[str]) -> list[tuple[str, str]]:
    """(attributes, cells) of each row in ``text[:cut]``, as ``rows.findall`` finds them.

    The text is cut at each row's end tag (a search for a word, far cheaper than the
    regular expression at every tag); a piece that is not one plain row (an empty
    ``<row/>`` before it, a tag starting with ``<row`` that is another one, no start
    tag) is read by the regular expression, and so is what follows the last end tag.
    """
    end_tag = "</" + prefix + "row>"
    start_tag = "<" + prefix + "row"
    after = len(start_tag)
    pieces = text[:cut].split(end_tag)
    tail = pieces.pop()
    found: list[tuple[str, str]] = []
    for piece in pieces:
        at = piece.find(start_tag)
        close = piece.find(">", at)
        if (
            at < 0
            or close < 0
            or piece[at + after] not in " \t\r\n>"
            or piece[close - 1] == "/"
            or piece.find(start_tag, at + after) >= 0
        ):
            found.extend(rows.findall(piece + end_tag))
            continue
        found.append((piece[at + after : close], piece[close + 1 :]))
    if tail:
        found.extend(rows.findall(tail))
    return found


def _float(raw: str, part: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise BrokenXlsx(f"{part}: a number that is not one") from None


def _iso(raw: str) -> object:
    """A cell of type d (an ISO 8601 date), as a date, time or date and time."""
    text = raw.strip()
    for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    try:
        return datetime.time.fromisoformat(text)
    except ValueError:
        return xml_text(raw)
