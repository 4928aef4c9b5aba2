"""What a file is, from its first bytes (its name's suffix only where the bytes agree)."""

from __future__ import annotations

import enum
import mmap
import struct
import zipfile
from pathlib import Path

from zfgk.errors import InputError
from zfgk.i18n import N_, Message
from zfgk.tables._biff import BrokenFile, CompoundFile
from zfgk.tables._encodings import cannot_read

__all__ = ["FileKind", "sniff"]

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
#: Suffixes of workbooks: a text file named so is a web page or an export in disguise.
_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et", ".ett"})
#: WPS Spreadsheets' own formats, which no reader zfgk uses documents.
_WPS_SUFFIXES = frozenset({".et", ".ett"})
_HEAD = 4096


class FileKind(enum.Enum):
    """The kinds of file zfgk tells apart before reading one."""

    TEXT = "text"
    XLSX = "xlsx"
    XLSB = "xlsb"
    ODS = "ods"
    XLS = "xls"


def _save_as(path: Path, what: str) -> InputError:
    return InputError.of(
        N_(
            "{path}: {what}, not a table zfgk can read; open it in Excel or WPS and save it as .xlsx (or CSV)"
        ),
        path=path,
        what=Message(what),
    )


def _zip_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, ValueError):
        raise InputError.of(
            N_("{path}: a damaged or truncated workbook (its zip directory cannot be read)"),
            path=path,
        ) from None
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    if "xl/workbook.bin" in names:
        return FileKind.XLSB
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return FileKind.ODS
    raise _save_as(path, N_("a zip file that is not a workbook"))


def holds_workbook(path: Path) -> bool:
    """Whether the compound file at ``path`` holds an Excel 97-2003 workbook (its
    ``Workbook`` stream), as WPS Spreadsheets saves an .et.

    >>> import pathlib, tempfile
    >>> from zfgk.tables._sniff import holds_workbook
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.et"
    >>> _ = path.write_bytes(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(600))
    >>> holds_workbook(path)
    False
    """
    try:  # the directory is enough: no stream is read
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            entries = CompoundFile(data).entries()
    except (BrokenFile, OSError, ValueError, struct.error):
        return False
    return any(e.kind == 2 and e.name.lower() in ("workbook", "book") for e in entries)


def sniff(path: Path) -> FileKind:
    """The kind of ``path`` by its first bytes; :class:`~zfgk.errors.InputError` for a kind zfgk cannot read.

    A zip holding a workbook is .xlsx/.xlsm, .xlsb or .ods whatever its name;
    an OLE2 compound file is an Excel 97–2003 .xls (a WPS .et too, where it
    holds the workbook WPS saves, and refused otherwise);
    other binary data, and a web page named as a workbook, are refused with
    the advice to save the sheet as .xlsx.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import sniff
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("姓名\\n", encoding="utf-8")
    >>> _ = (folder / "b.xls").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    >>> sniff(folder / "a.csv")
    <FileKind.TEXT: 'text'>
    >>> sniff(folder / "b.xls")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InputError: ...b.xls: binary data, not a table zfgk can read; open it in Excel or WPS and save it as .xlsx (or CSV)
    """
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError as e:
        raise cannot_read(path, e) from None
    suffix = path.suffix.lower()
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        if suffix in _WPS_SUFFIXES and not holds_workbook(path):
            raise _save_as(path, N_("a WPS Spreadsheets file"))
        return FileKind.XLS  # WPS saves an .et as an Excel 97-2003 workbook: read as one
    if suffix in _WPS_SUFFIXES:
        raise _save_as(path, N_("a WPS Spreadsheets file"))
    if b"\x00" in head and not head.startswith(_BOMS):
        raise _save_as(path, N_("binary data"))
    if suffix in _WORKBOOK_SUFFIXES:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start == b"<":
            raise _save_as(path, N_("a web page or XML file named as a workbook"))
    return FileKind.TEXT  # a CSV named .xls, as some systems export it, reads as text
