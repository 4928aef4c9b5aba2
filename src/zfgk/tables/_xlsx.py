"""What the workbook writers share (internal): opening, converting, placing and saving.

Through openpyxl (``pip install 'zfgk[xlsx]'``); an .xls, .ods or .xlsb is
read with python-calamine and converted.  Cells are named as the sheet shows
them: row and column counted from 1.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

# With the tables/ refactor: InputError comes from zfgk.errors.
from zfgk.errors import InputError, InvalidArgumentError
from zfgk.i18n import N_
from zfgk.tables._guard import check_zip
from zfgk.tables._workbooks import worksheets

__all__ = [
    "CONVERTED_SUFFIXES",
    "OPENPYXL_SUFFIXES",
    "anchor",
    "check_place",
    "check_suffixes",
    "compute_on_opening",
    "coordinate",
    "fit_columns",
    "open_workbook",
    "openpyxl_module",
    "print_one_page_wide",
    "put",
    "saved",
    "sheet_named",
]

#: Workbooks openpyxl opens and writes back with their styles.
OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")
#: Workbooks only python-calamine reads: converted to .xlsx, values and merges only.
CONVERTED_SUFFIXES = (".xls", ".ods", ".xlsb")
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384


def openpyxl_module() -> Any:
    """The openpyxl module, or an error naming the install that brings it."""
    try:
        import openpyxl
    except ImportError:
        raise InvalidArgumentError.of(
            N_("writing workbooks needs openpyxl: pip install 'zfgk[xlsx]'")
        ) from None
    return openpyxl


def compute_on_opening(book: Any) -> None:
    """Have Excel and LibreOffice compute every formula on opening (openpyxl keeps no results)."""
    if book.calculation is None:
        from openpyxl.workbook.properties import CalcProperties

        book.calculation = CalcProperties()
    book.calculation.fullCalcOnLoad = True


def check_suffixes(source: Path, output: Path) -> bool:
    """Whether ``source`` is converted (read by calamine); refuses pairs that cannot be written."""
    into, out_of = source.suffix.lower(), output.suffix.lower()
    allowed = {".xlsx": (".xlsx",), ".xlsm": (".xlsm", ".xlsx")}
    if into in CONVERTED_SUFFIXES:
        allowed[into] = (".xlsx",)
    if into not in allowed:
        raise InvalidArgumentError.of(
            N_(
                "{path}: only workbooks (.xlsx, .xlsm, .xls, .ods, .xlsb) can be written back "
                "as workbooks"
            ),
            path=source,
        )
    if out_of not in allowed[into]:
        raise InvalidArgumentError.of(
            N_("{path}: a {source} workbook can be written only as {allowed}, not {suffix}"),
            path=output,
            source=into,
            allowed=" or ".join(allowed[into]),
            suffix=out_of or "''",
        )
    return into in CONVERTED_SUFFIXES


def open_workbook(
    source: Path, converted: bool, keep_vba: bool = False
) -> tuple[Any, tuple[str, ...]]:
    """The source as an openpyxl workbook, and openpyxl's warnings about what it dropped."""
    if not source.is_file():
        raise InputError.of(N_("{path}: no such workbook"), path=source)
    if converted:
        return _converted(source), ()
    openpyxl = openpyxl_module()
    check_zip(source)  # zip and XML bombs are refused before openpyxl inflates them
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            book = openpyxl.load_workbook(source, keep_vba=keep_vba, rich_text=True)
        except Exception as e:  # whatever a broken file makes openpyxl raise: one clear line
            raise InputError.of(
                N_(
                    "{path}: not a workbook openpyxl can open ({kind}); open it in Excel or WPS "
                    "and save it again as .xlsx"
                ),
                path=source,
                kind=type(e).__name__,
            ) from None
    return book, tuple(dict.fromkeys(str(w.message) for w in caught))


def _converted(source: Path) -> Any:
    """An .xls, .ods or .xlsb as a new openpyxl workbook: values and merged ranges only.

    Read through the guarded reader (:func:`~zfgk.tables.worksheets`): bombs
    and sheets too big are refused, an .ods file's merges kept.
    """
    openpyxl = openpyxl_module()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for found in worksheets(source):
        sheet = book.create_sheet(title=found.name)
        sheet.sheet_state = found.state
        top, left = found.first_row, found.first_column
        for r, values in enumerate(found.rows, top):
            for c, value in enumerate(values, left):
                if value != "":
                    put(sheet.cell(row=r, column=c), value)
        for (r1, c1), (r2, c2) in found.merges:
            sheet.merge_cells(
                start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1
            )
        # A title merged across columns does not widen its first column.
        wide = {(r1 + 1, c1 + 1) for (r1, c1), (_, c2) in found.merges if c2 > c1}
        texts = [
            [""] * (left - 1)
            + [("" if (r, c) in wide else str(v)) for c, v in enumerate(values, left)]
            for r, values in enumerate(found.rows, top)
        ]
        fit_columns(sheet, texts)
        print_one_page_wide(sheet)
    return book


def put(cell: Any, value: object) -> None:
    """A value into an openpyxl cell: text stays text, dates get a date's number format."""
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, time):
        cell.number_format = "hh:mm:ss"
    elif isinstance(value, str):
        cell.data_type = "s"  # text that begins with "=" stays text


def sheet_named(book: Any, source: Path, name: str) -> Any:
    """The sheet ``name`` of ``book``, or an error naming the sheets there are."""
    if name not in book.sheetnames:
        raise InvalidArgumentError.of(
            N_("{path}: no sheet named {sheet!r} (sheets: {sheets})"),
            path=source,
            sheet=name,
            sheets=", ".join(book.sheetnames),
        )
    return book[name]


def check_place(source: Path, sheet: str, row: int, column: int) -> None:
    """Refuse a row or column that no sheet has (both count from 1)."""
    if not (1 <= row <= _MAX_ROW and 1 <= column <= _MAX_COLUMN):
        raise InvalidArgumentError.of(
            N_(
                "{path}: sheet {sheet!r} has no row {row}, column {column}: rows count from 1 "
                "to 1048576, columns from 1 to 16384"
            ),
            path=source,
            sheet=sheet,
            row=row,
            column=column,
        )


def coordinate(row: int, column: int) -> str:
    """The cell's name as the sheet shows it: (3, 28) is AB3."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def anchor(sheet: Any, row: int, column: int) -> str:
    """The cell that holds the value shown at (row, column): a merged range's first cell."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return coordinate(merged.min_row, merged.min_col)
    return coordinate(row, column)


def saved(book: Any) -> bytes:
    """The workbook's file, in memory, for checking before it is put in place."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fit_columns(sheet: Any, rows: Iterable[Sequence[str]]) -> None:
    """Column widths fitted to the longest text (a Chinese character is two wide), 8 to 60."""
    widths: dict[int, int] = {}
    for values in rows:
        for c, text in enumerate(values, start=1):
            width = sum(1 if ch.isascii() else 2 for ch in text)
            widths[c] = max(widths.get(c, 0), width)
    for c, width in widths.items():
        letters = coordinate(1, c)[:-1]
        sheet.column_dimensions[letters].width = min(max(width + 2, 8), 60)


def print_one_page_wide(sheet: Any) -> None:
    """Print the sheet landscape, as wide as one page, as officers print their lists."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
