"""Refusing hostile workbooks before a parser inflates them: zip bombs, XML bombs, huge sheets.

A workbook (.xlsx, .xlsb, .ods) is a zip of XML.  Before any reader opens
it, its directory's sizes and compression ratios are checked (the reader
stops at a part's declared size, so the declared sizes bound it), no part
may start with a document type declaration (whose entities an XML parser
would expand), and the extent of each .xlsx sheet is read from its cell
references, inflating it as a stream, since a reader allocates every cell
between the first and the last.  The limits are far above any list an
office makes.
"""

from __future__ import annotations

import gzip
import io
import re
import zipfile
import zlib
from pathlib import Path

from zfgk.errors import InputError
from zfgk.formats._biff12 import xlsb_extent
from zfgk.i18n import N_, Message

__all__ = ["MAX_CELLS", "MAX_INFLATED", "MAX_RATIO", "check_zip", "gunzipped"]

#: The most bytes the parts of one workbook may inflate to, in all.
MAX_INFLATED = 1 << 30
#: The largest compression ratio of a part bigger than :data:`_RATIO_FLOOR`.
MAX_RATIO = 100
_RATIO_FLOOR = 1 << 20
#: The most cells a sheet may span (rows × columns), about 320 MB in a reader.
MAX_CELLS = 10_000_000
_CHUNK = 1 << 20
_OVERLAP = 64
_PROLOG = 1 << 16
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_COLUMN = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_CELL_ROW = re.compile(rb' r="[A-Z]{1,3}([0-9]{1,7})"')
#: A cell past row 999,999 or column J: without one, a sheet spans under 10 million cells.
_PAST_CHEAP_BOUND = re.compile(rb' r="(?:[A-Z]{1,3}[0-9]{7}|(?:[A-Z]{2,3}|[K-Z])[0-9])')
_CHEAP_BOUND = (999_999, 10)
#: The size of an Excel sheet: no office software makes a bigger one.
_EXCEL_ROWS, _EXCEL_COLUMNS = 1_048_576, 16_384


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _refused(path: Path, reason: str, **params: object) -> InputError:
    return InputError.of(
        N_("{path}: refused: {reason}; if this is a real list, save it again as .xlsx"),
        path=path,
        reason=Message(reason, **params),
    )


def check_zip(path: Path, *, cells: bool = True) -> None:
    """Raise :class:`~zfgk.errors.InputError` unless the zip ``path`` is safe to hand a reader.

    ``cells=False`` leaves out the extent of each sheet (a reader that streams
    a sheet's XML, allocating no cell, needs only the sizes and the prologs).

    >>> import pathlib, tempfile, zipfile
    >>> from zfgk.formats import check_zip
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bomb.xlsx"
    >>> with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("xl/workbook.xml", b"<workbook/>")
    ...     z.writestr("xl/worksheets/sheet1.xml", b" " * 50_000_000)
    >>> check_zip(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InputError: ...bomb.xlsx: refused: part xl/worksheets/sheet1.xml inflates ... times its size (a zip bomb?); if this is a real list, save it again as .xlsx
    """
    try:
        identity = _identity(path)
        if (*identity, True) in _PASSED or (*identity, cells) in _PASSED:
            return  # the same file, unchanged, passed a moment ago (one reading checks twice)
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_directory(path, infos)
            for info in infos:
                _check_part(path, archive, info, cells)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        raise InputError.of(
            N_("{path}: a damaged or truncated workbook (a part cannot be inflated)"), path=path
        ) from None
    if len(_PASSED) >= 8:
        del _PASSED[next(iter(_PASSED))]
    _PASSED[(*identity, cells)] = None  # a pass with the extents serves one without them


#: The files that passed lately, by what tells a file and its content apart without
#: reading it (device, inode, size, times of the last change) and the limits; a file
#: changed since is checked again.
_PASSED: dict[tuple[object, ...], None] = {}


def _identity(path: Path) -> tuple[object, ...]:
    status = Path(path).stat()
    file = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    return (*file, MAX_INFLATED, MAX_RATIO, MAX_CELLS)  # and the limits it passed


def _check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refused(
                path,
                N_("part {part} inflates {ratio} times its size (a zip bomb?)"),
                part=info.filename,
                ratio=info.file_size // max(info.compress_size, 1),
            )
    if total > MAX_INFLATED:
        raise _refused(
            path,
            N_("its parts inflate to {size} MB, more than zfgk reads ({limit} MB)"),
            size=total >> 20,
            limit=MAX_INFLATED >> 20,
        )


def _check_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, cells: bool) -> None:
    """No document type in a part's prolog; a sheet's cells within :data:`MAX_CELLS`."""
    sheet = cells and info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    if cells and info.filename.startswith("xl/worksheets/") and info.filename.endswith(".bin"):
        with archive.open(info) as part:
            rows, columns = xlsb_extent(part)
        _check_extent(path, info, rows, columns)
        return
    past_bound = False  # a cell reference past _CHEAP_BOUND was seen
    with archive.open(info) as part:
        # A document type may only stand in the prolog, before the first element.
        chunk = part.read(_PROLOG)
        if _DOCTYPE.search(chunk):
            raise _refused(
                path,
                N_("part {part} declares a document type (an XML bomb?)"),
                part=info.filename,
            )
        while sheet and chunk and not past_bound:
            past_bound = _PAST_CHEAP_BOUND.search(chunk) is not None
            chunk = part.read(_CHUNK)
    if not sheet:
        return
    rows, columns = _extent(archive, info) if past_bound else _CHEAP_BOUND
    _check_extent(path, info, rows, columns)


def _check_extent(path: Path, info: zipfile.ZipInfo, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS or rows > _EXCEL_ROWS or columns > _EXCEL_COLUMNS:
        raise _refused(
            path,
            N_("sheet {part} spans {rows} rows and {columns} columns, more than zfgk reads"),
            part=info.filename,
            rows=rows,
            columns=columns,
        )


def _extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """The last row and column any cell of a sheet names (a reference may span two chunks)."""
    rows = columns = 0
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            columns = max([columns, *map(_column, set(_COLUMN.findall(window)))])
            rows = max([rows, *map(int, set(_CELL_ROW.findall(window)))])
            tail = chunk[-_OVERLAP:]
    return rows, columns


#: The most a gzip file kept in a package may hold, inflated: as large as an embedded file
#: zfgk reads (a larger one is said unread, not inflated into memory).
MAX_GUNZIPPED = 64 << 20


def gunzipped(data: bytes) -> bytes:
    """What the gzip file ``data`` holds, inflated within the limits of a workbook's part (no
    more than :data:`MAX_GUNZIPPED` bytes, nor :data:`MAX_RATIO` times its size past a
    mebibyte); ``data`` itself where it is no gzip file, a damaged one, a bomb or larger (its
    reader then says it cannot read a gzip archive: "cannot check", naming it).

    >>> import gzip
    >>> from zfgk.formats import gunzipped
    >>> gunzipped(gzip.compress("姓名,电话\\n张三,138****5678\\n".encode())).decode()
    '姓名,电话\\n张三,138****5678\\n'
    >>> bomb = gzip.compress(bytes(4 << 20))  # 4 MiB of zeros in 4 KiB
    >>> gunzipped(bomb) == bomb, gunzipped(b"PK\\x03\\x04") == b"PK\\x03\\x04"
    (True, True)
    """
    if not data.startswith(b"\x1f\x8b"):
        return data
    limit = min(MAX_GUNZIPPED, max(_RATIO_FLOOR, MAX_RATIO * len(data)))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            inflated = f.read(limit + 1)
    except (OSError, EOFError, zlib.error):  # gzip.BadGzipFile is an OSError
        return data
    return data if len(inflated) > limit else inflated
