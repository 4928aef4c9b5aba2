"""One reader per kind of file, chosen from the one table of kinds (internal).

:func:`open_document` asks :func:`zfgk.formats.kind_of` what a file is and
hands it to the reader of that kind; every reader gives a
:class:`~zfgk.documents.Document` of the same shape.  A kind zfgk cannot
read gives a document whose whole file is unread, with what to do instead:
never a document that looks clean.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import attrs

from zfgk._arguments import UNNAMEABLE, as_path, nameable
from zfgk.documents._archive import read_zip
from zfgk.documents._doc import is_word_97, read_doc
from zfgk.documents._docx import read_docx
from zfgk.documents._embedded import Folded, read_picture
from zfgk.documents._html import PageWithPictures, read_html
from zfgk.documents._image import read_image
from zfgk.documents._image_pdf import read_pdf_scans, with_scans
from zfgk.documents._mime import read_mime
from zfgk.documents._odf import read_odt
from zfgk.documents._ofd import read_ofd
from zfgk.documents._page_files import page_files, read_page_files
from zfgk.documents._parts import Document, Location, Sheet, Text, Unread
from zfgk.documents._pdf import pictured_pages, read_pdf, scanned_pages
from zfgk.documents._pdf_attached import Carried, open_carried, read_carried, sheet_texts
from zfgk.documents._ppt import is_powerpoint, read_ppt
from zfgk.documents._rtf import read_rtf
from zfgk.documents._svm import SIGNATURE as SVM
from zfgk.documents._vector import AS_DRAWN, DAMAGED, vector_document, vector_kind
from zfgk.documents._wordml import read_word_xml
from zfgk.documents._writers import write_cells, write_delimited, write_single, write_text
from zfgk.documents._xml import XmlSource, read_xml
from zfgk.errors import DocumentError, InputError, MissingExtraError, ZfgkError
from zfgk.formats import (
    LOCK_FILE_SIZE,
    Kind,
    kind_of,
    lock_file_owner,
    looks_like_lock_file,
    read_head,
)
from zfgk.i18n import N_, Message, os_reason
from zfgk.privacy import find_pii, strip_separators
from zfgk.tables import (
    CsvFormulas,
    WorkbookPart,
    embedded_files,
    holds_workbook,
    jsonl_table,
    open_text,
    read_records,
    resolve_encoding,
    stream_sheets,
    unquote,
    workbook_parts,
)

__all__ = ["MAX_SIZE", "READERS", "open_document"]

#: The largest page, Word file or text file read (in bytes): it is read whole.
MAX_SIZE = 512 << 20
_LINE_END = re.compile(r"\r\n|\r|\n")
#: What a byte that is not text in the encoding becomes when read (a lone surrogate).
_UNDECODED = re.compile("[\udc80-\udcff\ud800-\udbff]")

Reader = Callable[[Path, Kind, "str | None"], Document]


def open_document(
    path: Path | str, *, encoding: str | None = None, kind: Kind | None = None
) -> Document:
    """Read the file at ``path`` into a :class:`~zfgk.documents.Document`: its texts, its sheets,
    and the parts that could not be read.

    What the file is comes from :func:`zfgk.formats.kind_of` (``kind``
    overrides it); ``encoding`` forces the encoding of a text or CSV file.
    A file that cannot be opened at all (missing, a folder, a device, a
    damaged file) raises :class:`~zfgk.errors.InputError` or
    :class:`~zfgk.errors.DocumentError`; a kind zfgk cannot read gives a
    document whose ``unread`` says so.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import open_document
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "名单.csv").write_text("姓名,电话\\n张三,13812345678\\n", encoding="utf-8")
    >>> doc = open_document(folder / "名单.csv")
    >>> [(sheet.name, list(sheet.rows())) for sheet in doc.sheets()]
    [(None, [(1, ['姓名', '电话']), (2, ['张三', '13812345678'])])]
    >>> _ = (folder / "公示.et").write_bytes(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(600))
    >>> [gap.describe() for gap in open_document(folder / "公示.et").unread]
    ['whole file: a WPS Spreadsheets workbook (.et), which zfgk cannot read: save it in WPS as .xlsx and check that']
    """
    path = as_path(path, "path")
    if not nameable(path):
        raise InputError.of(UNNAMEABLE, path=repr(os.fspath(path)))
    if kind is not None and not isinstance(kind, Kind):
        raise TypeError(f"kind must be a zfgk.formats.Kind or None, not {type(kind).__name__}")
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            os.scandir(path).close()  # says why a folder that could not be walked cannot be
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):  # a pipe would never end, a device neither
            raise InputError.of(
                N_("{path}: not a file but a device, a pipe or a socket: zfgk reads files"),
                path=path,
            )
        found = kind or kind_of(path, read_head(path))
    except OSError as e:
        raise InputError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
    return READERS.get(found, _unsupported)(path, found, encoding)


# ------------------------------------------------------------------ documents of text


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            large = os.fstat(f.fileno()).st_size > MAX_SIZE
            data = b"" if large else f.read(MAX_SIZE + 1)
    except OSError as e:
        raise DocumentError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
    if large or len(data) > MAX_SIZE:
        raise DocumentError.of(
            N_("{path}: refused: the file is larger than {size} MiB"),
            path=path,
            size=MAX_SIZE >> 20,
        )
    return data


def _html(path: Path, kind: Kind, encoding: str | None) -> Document:
    text, source = read_html(path, _read_bytes(path))
    carried = page_files(source.src)
    if not carried:
        return Document(path, kind, [Text(text, source, key=0)], writer=write_single)
    # pictures the page carries in itself (a pasted screenshot): read by OCR, or unread; and
    # files in its data: links and objects, read as what they are
    page = PageWithPictures(path, source, text)
    unread: list[Unread] = []
    for member, child, gaps in read_page_files(path, carried):
        unread += gaps
        if child is not None:
            page.children.add(member, child)
    return Document(path, kind, [Text(page.text, page, key=0)], unread, writer=write_single)


def _docx(path: Path, kind: Kind, encoding: str | None) -> Document:
    text, source = read_docx(path, _read_bytes(path))
    unread = list(getattr(source, "unread", ()))
    return Document(path, kind, [Text(text, source, key=0)], unread, writer=write_single)


def _word_xml(path: Path, kind: Kind, encoding: str | None) -> Document:
    text, source = read_word_xml(path, _read_bytes(path))
    return Document(path, kind, [Text(text, source, key=0)], source.unread, writer=write_single)


def _rtf(path: Path, kind: Kind, encoding: str | None) -> Document:
    text, source = read_rtf(path, _read_bytes(path))
    return Document(path, kind, [Text(text, source, key=0)], source.unread, writer=write_single)


def _odt(path: Path, kind: Kind, encoding: str | None) -> Document:
    text, source = read_odt(path)
    return Document(path, kind, [Text(text, source, key=0)], source.unread, writer=write_single)


def _xml(path: Path, kind: Kind, encoding: str | None) -> Document:
    forced = resolve_encoding(path, encoding) if encoding is not None else None
    data = _read_bytes(path)
    text, source = read_xml(path, data, forced)
    if vector_kind(data[:4096]) == "svg":
        return _svg(path, kind, data, text, source)
    return Document(path, kind, [Text(text, source, key=0)], writer=write_single)


def _svg(path: Path, kind: Kind, data: bytes, text: str, source: XmlSource) -> Document:
    """An SVG: its XML's text, masked in place as an XML file's; then, where they show a
    number that text does not (one digit drawn to a cell, a picture it carries), its
    lines as they are drawn (:func:`~zfgk.documents._vector.vector_document`), read-only."""
    drawn = vector_document(path, data)
    seen = {strip_separators(text[m.start : m.end]) for m in find_pii(text)}
    shown = drawn.text
    new = [m for m in find_pii(shown) if strip_separators(shown[m.start : m.end]) not in seen]
    # what the XML's reader read, the drawing's need not: its damage is not this file's
    unread = [gap for gap in drawn.unread if gap.reason.template != DAMAGED]
    if not new and not unread:
        return Document(path, kind, [Text(text, source, key=0)], writer=write_single)
    page = PageWithPictures(path, source, text)
    if new:
        page.children.add(AS_DRAWN, Folded(path, AS_DRAWN, drawn))
    unread = [Unread(gap.location.inside(AS_DRAWN), gap.reason) for gap in unread]
    return Document(path, kind, [Text(page.text, page, key=0)], unread, writer=write_single)


def _pdf(path: Path, kind: Kind, encoding: str | None) -> Document:
    text, source = read_pdf(path)
    attachments = source.attachments
    scanned = [page.index + 1 for page in scanned_pages(path)] if source.unread else []
    if scanned or source.pictured:
        # pages that are pictures, and pictures on typed pages (a pasted screenshot of a
        # list): read by OCR where the ocr extra is installed
        try:
            scans = read_pdf_scans(path, scanned, source.pictured)
        except MissingExtraError:
            pass  # they stay unread (a large picture), with the pip command to read them
        else:
            text, source = with_scans(path, text, source, scans)
    document = Document(
        path, kind, [Text(text, source, key=0)], list(source.unread), writer=write_single
    )
    read_carried(document, attachments, open_document)  # its attached files
    return document


def has_pictures(path: Path) -> bool:
    """Whether the PDF at ``path`` has a page that is a scanned image or a typed page with a
    picture OCR reads (False if it cannot be read): what masking may paint over.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import has_pictures
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.pdf"
    >>> _ = path.write_bytes(b"%PDF-1.4 not a whole PDF")
    >>> has_pictures(path)
    False
    """
    try:
        return has_scanned_pages(path) or bool(pictured_pages(path))
    except (ZfgkError, OSError, ValueError):
        return False


def has_scanned_pages(path: Path) -> bool:
    """Whether the PDF at ``path`` has a page that is a scanned image (False if it cannot be read).

    >>> import pathlib, tempfile
    >>> from zfgk.documents import has_scanned_pages
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.pdf"
    >>> _ = path.write_bytes(b"%PDF-1.4 not a whole PDF")
    >>> has_scanned_pages(path)
    False
    """
    try:
        return bool(scanned_pages(path))
    except (ZfgkError, OSError, ValueError):
        return False


class _Lines:
    """Where each character of a text file is: its line."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def locate(self, offset: int) -> Location:
        return Location(line=bisect.bisect_right(self.starts, offset))


def _text(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A text file (also XML and JSON): its lines, written back in its encoding."""
    resolved = resolve_encoding(path, encoding)
    try:
        with open_text(path, resolved) as f:
            text = f.read(MAX_SIZE + 1)
    except UnicodeDecodeError:  # UTF-16 that stops half way through a character
        raise DocumentError.of(
            N_("{path}: the file ends in the middle of a character ({encoding}); is it truncated?"),
            path=path,
            encoding=resolved,
        ) from None
    if len(text) > MAX_SIZE:
        raise DocumentError.of(
            N_("{path}: refused: the file is larger than {size} MiB"),
            path=path,
            size=MAX_SIZE >> 20,
        )
    if "\x00" in text:
        raise InputError.of(
            N_("{path}: the file holds NUL bytes: it is not text in {encoding}"),
            path=path,
            encoding=resolved,
        )
    lines = _Lines(text)
    unread = []
    bad = _UNDECODED.search(text)
    if bad is not None:  # bytes that are not text in the encoding: what they say is unknown
        unread.append(
            Unread(
                lines.locate(bad.start()),
                Message(
                    N_(
                        "bytes that are not {encoding} text (and every such line after it); "
                        "save the file as UTF-8 or pass --encoding"
                    ),
                    encoding=resolved,
                ),
            )
        )
    document = Document(path, kind, [Text(text, lines, key=0)], unread, writer=write_text)
    document.details["encoding"] = resolved
    return document


# ------------------------------------------------------------------ tables


def _csv(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A delimited text file: one sheet without a name, rows as a spreadsheet numbers them."""
    fmt, records = read_records(path, encoding)

    named = [0]

    def unread(row: int, column: str) -> None:
        named[0] += 1
        if named[0] <= _MOST_NAMED:
            document.unread.append(Unread(Location(row=row, column=column), Message(_FORMULA)))
        elif named[0] == _MOST_NAMED + 1:  # a file of them: the first named, then one line
            document.unread.append(
                Unread(Location(row=row, column=column), Message(_MORE_FORMULAS, first=row))
            )

    formulas = CsvFormulas(path, fmt, unread)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for row, text, spans in records:
            values = [unquote(text[a:b]) for a, b in spans]
            yield row, formulas.row(row, values) if "=" in text else values

    document = Document(
        path, kind, sheets=lambda: iter([Sheet(None, rows, key=0)]), writer=write_delimited
    )
    document.details.update(encoding=fmt.encoding, delimiter=fmt.delimiter, format=fmt)
    return document


def _jsonl(path: Path, kind: Kind, encoding: str | None) -> Document:
    """JSON Lines: one sheet whose rows are records (their keys are the columns)."""
    table = jsonl_table(path, encoding)
    sheet = Sheet(None, lambda: iter(()), key=0, records=table.rows)
    return Document(path, kind, sheets=lambda: iter([sheet]))


def _workbook(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A workbook: every sheet, hidden ones too, its rows streamed; the parts beside the cells."""
    if encoding is not None:
        raise InputError.of(
            N_("{path}: a workbook has no text encoding to choose (--encoding)"), path=path
        )
    document = Document(path, kind, writer=write_cells)

    def sheets() -> Iterator[Sheet]:
        for stream in stream_sheets(path):
            yield Sheet(
                stream.name,
                _once(stream.rows),
                stream.first_column,
                stream.state,
                stream.merges,
                key=stream.name,
            )
        for found in workbook_parts(path):  # comments, headers, names … with their places
            _workbook_part(document, found)
        carried = [Carried(name, data) for name, data in embedded_files(path)]
        carried += [  # a pasted screenshot of a list, a photograph: by OCR (or unread)
            Carried(name, data)
            for name, data in embedded_files(path, media=True)
            if read_picture(data)
        ]
        for inner in open_carried(carried, open_document):  # workbooks embedded in it
            # never written back (the workbook's writer changes only its cells): a number in
            # one is named and refused, as a comment's is
            document.texts.extend(attrs.evolve(text, key=None) for text in inner.texts)
            document.texts.extend(text for sheet in inner.sheets for text in sheet_texts(sheet))
            document.unread.extend(inner.unread)

    document._sheets = sheets
    return document


#: How many formulas of a CSV that cannot be computed are named one by one.
_MOST_NAMED = 100
#: What is said of the rest (from the row of the first of them).
_MORE_FORMULAS = N_(
    "this formula and every later one that may build a number and cannot be computed "
    "(zfgk names the first 100; from row {first} on they are not named one by one): open "
    "the file in Excel or WPS, save it as .xlsx and check that"
)
#: Why a formula (of a workbook, or of a CSV, which holds no results) is not read.
_FORMULA = N_(
    "a formula that may build a number and has no stored result: zfgk cannot tell "
    "what it shows; open the file in Excel or WPS, let it compute, save it and check that"
)


def _workbook_part(document: Document, found: WorkbookPart) -> None:
    """A text of a workbook beside its cells, or a formula it cannot compute, with its place."""
    where = Location(part=found.part, sheet=found.sheet, cell=found.cell)
    if found.unread:
        document.unread.append(Unread(where, Message(_FORMULA)))
    else:
        document.texts.append(Text(found.text, where))


def _once(rows: Iterator[tuple[int, list[str]]]) -> Callable[[], Iterator[tuple[int, list[str]]]]:
    return lambda: rows


# ------------------------------------------------------------------ kinds not read


_ADVICE: Mapping[Kind, str] = MappingProxyType(
    {
        Kind.WPS: N_("save it in WPS as .docx and check that"),
        Kind.ET: N_("save it in WPS as .xlsx and check that"),
        Kind.OLE: N_(
            "if it is protected by a password, save a copy without one; if it is an old "
            "binary Office file, save it as .docx or .xlsx; then check that"
        ),
        Kind.BINARY: N_("check it by eye, or give zfgk the document it was made from"),
        Kind.OTHER_ARCHIVE: N_(
            "extract the files it holds and check them (zfgk opens a .zip and reads each "
            "file in it)"
        ),
        Kind.IMAGE: N_(
            "its text can be read only by OCR: pip install 'zfgk[ocr]', or check it by eye"
        ),
        Kind.LOCK: N_(
            "Excel, WPS or LibreOffice keeps it beside a file it has open; it is not a "
            "published file: check the file itself"
        ),
    }
)
_NOT_YET = N_("check it by eye, or save it as .docx, .xlsx or .pdf and check that")


def _et(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A WPS Spreadsheets workbook: read as the Excel 97-2003 workbook WPS saves an .et as
    (and written back, as an .xls is, as .xlsx); one of an older shape is not read."""
    if holds_workbook(path):
        return _workbook(path, Kind.XLS, encoding)
    return _unsupported(path, kind, encoding)


def _wps(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A WPS Writer document: read as the Word 97-2003 document WPS saves a .wps as; one of
    an older shape is not read."""
    if is_word_97(_read_bytes(path)):
        return read_doc(path, kind, encoding)
    return _unsupported(path, kind, encoding)


def _lock(path: Path, kind: Kind, encoding: str | None) -> Document:
    """An Office or WPS lock file (``~$名单.xlsx``) whose user name, the whole of what it
    holds, has eleven digits or more (an account named by its mobile number, or by a
    landline): read, so that a full number is found and a landline is not "cannot check".
    Any other lock file is said not read: it is not a published file."""
    try:
        head = read_head(path)
    except OSError:  # Office keeps its own open: on Windows, nobody else can read it
        return _unsupported(path, kind, encoding)
    name = lock_file_owner(head) if len(head) <= LOCK_FILE_SIZE else None
    if name is None or (not find_pii(name) and looks_like_lock_file(path, head)):
        return _unsupported(path, kind, encoding)  # (a folder's scan passes it over)
    # a name of eleven digits or more (a landline, 2026_12345678): read, clean or not
    return Document(path, kind, texts=[Text(name, Location(part="lock file's user name"))])


def _ole(path: Path, kind: Kind, encoding: str | None) -> Document:
    """An OLE compound file of no kind the name or the main stream says: a PowerPoint
    97-2003 presentation is read; any other is not."""
    if is_powerpoint(_read_bytes(path)):
        return read_ppt(path, kind, encoding)
    return _unsupported(path, kind, encoding)


def _binary(path: Path, kind: Kind, encoding: str | None) -> Document:
    """Binary data of no kind the name says: a StarView metafile (LibreOffice's picture of
    a table or an object) is read by the text it draws; anything else is not read."""
    try:
        svm = read_head(path).startswith(SVM)  # only then read whole
    except OSError:
        svm = True  # said by the reading
    if svm:
        return vector_document(path, _read_bytes(path), kind)
    return _unsupported(path, kind, encoding)


def _unsupported(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A kind zfgk cannot read: the whole file unread, with what to do."""
    reason = Message(
        N_("{kind}, which zfgk cannot read: {advice}"),
        kind=Message(kind.label),
        advice=Message(_ADVICE.get(kind, _NOT_YET)),
    )
    return Document(path, kind, unread=[Unread(Location(part="whole file"), reason)])


READERS: Mapping[Kind, Reader] = MappingProxyType(
    {
        Kind.HTML: _html,
        Kind.DOCX: _docx,
        Kind.DOC: read_doc,
        Kind.WPS: _wps,
        Kind.OLE: _ole,
        Kind.BINARY: _binary,
        Kind.ET: _et,
        Kind.WORD_XML: _word_xml,
        Kind.PDF: _pdf,
        Kind.TEXT: _text,
        Kind.XML: _xml,
        Kind.JSON: _text,
        Kind.CSV: _csv,
        Kind.JSON_LINES: _jsonl,
        Kind.XLSX: _workbook,
        Kind.XLSB: _workbook,
        Kind.XLS: _workbook,
        Kind.ODS: _workbook,
        Kind.ZIP: read_zip,
        Kind.MHT: read_mime,
        Kind.RTF: _rtf,
        Kind.ODT: _odt,
        Kind.OFD: read_ofd,
        Kind.EML: read_mime,
        Kind.IMAGE: read_image,
        Kind.LOCK: _lock,
    }
)
"""The reader of each kind zfgk reads; every other kind is read as "not read", with advice."""
