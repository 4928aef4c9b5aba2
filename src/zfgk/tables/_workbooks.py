"""Workbooks: the first sheet of an .xlsx file as a table."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._encodings import cannot_read
from zfgk.tables._table import Table, Values, check_header

__all__ = ["xlsx_table"]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_table(path: Path) -> Table:
    """The first sheet of an .xlsx workbook as a :class:`~zfgk.tables.Table`: row 1 is the header.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from zfgk.tables import xlsx_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> for row in (["姓名", "面积", None], ["张*", 50.0]):
    ...     book.active.append(row)
    >>> book.save(path)
    >>> table = xlsx_table(path)
    >>> table.header, list(table.lists())
    (['姓名', '面积'], [(2, ['张*', '50'])])
    """
    try:
        import openpyxl
    except ImportError:
        raise InputError.of(
            N_(
                "reading .xlsx files needs openpyxl: pip install 'zfgk[xlsx]' (or save the sheet as CSV)"
            )
        ) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise cannot_read(path, FileNotFoundError(errno.ENOENT, "")) from None
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise InputError.of(
            N_("{path}: not a readable .xlsx workbook ({kind})"),
            path=path,
            kind=type(e).__name__,
        ) from None
    sheet = workbook.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    first = next(cells, None)
    if first is None:
        raise InputError.of(N_("{path}: the first sheet is empty"), path=path)
    header = ["" if v is None else str(v).strip() for v in first]
    while header and not header[-1]:
        header.pop()
    check_header(header, path)

    def lists() -> Iterator[Values]:
        for number, values in enumerate(cells, start=2):
            strings = [_text(v) for v in values]
            while len(strings) > len(header) and not strings[-1].strip():
                strings.pop()
            yield number, strings
        workbook.close()

    return Table(header, lists=lists())
