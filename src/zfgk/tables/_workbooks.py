"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) as tables.

An .xlsx or .xlsm is read as a stream of its sheets' XML
(:mod:`zfgk.tables._xlsx`: a row in memory at a time); the other kinds
through python-calamine, which reads a whole sheet at once.

A sheet is read as a person sees it: the value of a merged range in every
cell it covers, numbers as the sheet shows them (50, not 50.0), dates as ISO
dates, and each non-text cell's value kept (:class:`~zfgk.tables.CellText`).
Rows keep the sheet's numbers.  A hostile file is refused before it is
parsed (:func:`~zfgk.tables.check_zip`).
"""

from __future__ import annotations

import itertools
import struct
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

from zfgk._arguments import quiet
from zfgk.errors import InputError
from zfgk.formats import MAX_CELLS, check_zip
from zfgk.i18n import N_
from zfgk.tables._biff import BrokenFile, xls_extent
from zfgk.tables._cells import cell_text
from zfgk.tables._layout import KnownNames, lay_out
from zfgk.tables._ods import OdsSheet, ods_sheets
from zfgk.tables._sniff import FileKind, sniff
from zfgk.tables._table import Table, Values
from zfgk.tables._xlsx import BrokenXlsx, XlsxSheet, xlsx_sheets

__all__ = [
    "SheetStream",
    "Worksheet",
    "choose_sheet",
    "sheet_rows",
    "stream_sheets",
    "workbook_cells",
    "workbook_table",
    "worksheets",
]

#: How many distinct numbers :func:`sheet_rows` keeps the text of.
_KEPT_NUMBERS = 4096
#: (first row, first column), (last row, last column), counted from 0, inclusive.
Merge = tuple[tuple[int, int], tuple[int, int]]


def _calamine() -> Any:
    try:
        import python_calamine
    except ImportError:
        raise InputError.of(
            N_(
                "reading .xls, .xlsb and .ods workbooks needs python-calamine: pip install 'zfgk[xlsx]' (or save the sheet as .xlsx or CSV)"
            )
        ) from None
    return python_calamine


def _broken(calamine: Any, error: BaseException) -> bool:
    """Whether ``error`` is calamine's way of saying the file is broken.

    Besides its own errors, calamine panics on some truncated files: pyo3
    raises a PanicException, which derives from BaseException.
    """
    return (
        isinstance(error, calamine.CalamineError | OSError | ValueError | UnicodeError)
        or type(error).__name__ == "PanicException"
    )


def _unreadable(path: Path, error: BaseException) -> InputError:
    # zfgk's own reader says what is wrong and where (a part, a row), never a cell's value;
    # another library's message may quote one, so only its kind is said
    kind = (
        quiet(str(error)) if isinstance(error, BrokenXlsx) and str(error) else type(error).__name__
    )
    if kind == "PasswordError":
        return InputError.of(
            N_("{path}: the workbook is protected by a password; save a copy without one"),
            path=path,
        )
    return InputError.of(
        N_(
            "{path}: a damaged or truncated workbook ({kind}); open it in Excel or WPS and save it again as .xlsx"
        ),
        path=path,
        kind=kind,
    )


def _choose(calamine: Any, workbook: Any, path: Path, sheet: str | int | None) -> Any:
    names: list[str] = list(workbook.sheet_names)
    if sheet is None:
        shown = calamine.SheetVisibleEnum.Visible
        visible = [m.name for m in workbook.sheets_metadata if m.visible == shown]
        return workbook.get_sheet_by_name((visible or names)[0])
    return workbook.get_sheet_by_name(choose_sheet(path, names, sheet))


def choose_sheet(path: Path, names: Sequence[str], sheet: str | int) -> str:
    """The name of the sheet ``sheet`` chooses among ``names``: by name, or by number from 1.

    >>> from pathlib import Path
    >>> from zfgk.tables import choose_sheet
    >>> choose_sheet(Path("名单.xlsx"), ["退出名单", "说明"], 2)
    '说明'
    >>> choose_sheet(Path("名单.xlsx"), ["退出名单", "说明"], "名单")
    Traceback (most recent call last):
    ...
    zfgk.errors.InputError: 名单.xlsx: no sheet '名单'; its sheets are 退出名单, 说明 (name one, or give its number from 1)
    """
    if isinstance(sheet, str):
        if sheet in names:
            return sheet
    elif not isinstance(sheet, bool) and 1 <= sheet <= len(names):
        return names[sheet - 1]
    raise InputError.of(
        N_(
            "{path}: no sheet {sheet!r}; its sheets are {names} (name one, or give its number from 1)"
        ),
        path=path,
        sheet=sheet,
        names=", ".join(names),
    )


def sheet_rows(sheet: Any, merges: Sequence[Merge] | None = None) -> Iterator[Values]:
    """(row number, cell texts) of each row of a calamine sheet, merged values spread.

    ``merges`` are the sheet's merged ranges (its own by default).  Row
    numbers are the sheet's; cells before the first used column are left out.
    """
    start = sheet.start
    if start is None:
        return
    top, left = start
    width = sheet.width
    pending = sorted(sheet.merged_cell_ranges or () if merges is None else merges)
    active: list[tuple[int, int, int, str]] = []  # (last row, first column, last column, value)
    numbers: dict[float, str] = {}  # a list repeats its areas, prices, counts: each read once

    def number(value: object) -> str:
        if type(value) is not float:
            return cell_text(value)
        text = numbers.get(value)
        if text is None:
            text = cell_text(value)
            if len(numbers) < _KEPT_NUMBERS:
                numbers[value] = text
        return text

    rows = sheet.iter_rows()
    first_cells = next(rows, None)
    if first_cells is None:
        return
    # python-calamine 0.9 yields rows from the sheet's first row (its columns from the
    # used area's first): a used area's first row holds a value, so an empty first row
    # under a used area that starts lower says the rows start at row 1.
    if top and not any(cell != "" for cell in first_cells):
        top = 0
    for offset, cells in enumerate(itertools.chain((first_cells,), rows)):
        row = top + offset
        values = [v if type(v) is str else number(v) for v in cells]
        while pending and pending[0][0][0] <= row:
            (first_row, first_col), (last_row, last_col) = pending.pop(0)
            first, last = max(first_col - left, 0), min(last_col - left, width - 1)
            if first_row == row and first <= last and first < len(values) and last_row >= row:
                active.append((last_row, first, last, values[first]))
        if active:
            active = [merge for merge in active if merge[0] >= row]
            for _, first, last, value in active:
                values[first : last + 1] = [value] * (last - first + 1)
        yield row + 1, values


def _check_xls(path: Path) -> None:
    """Refuse an .xls file whose sheets span more cells than zfgk reads, before calamine."""
    try:
        rows, columns = xls_extent(path)
    except (BrokenFile, struct.error, ValueError, OSError) as e:
        raise _unreadable(path, BrokenFile(str(e))) from None
    if rows * columns > MAX_CELLS:
        raise InputError.of(
            N_("{path}: the sheet spans {rows} rows and {columns} columns, more than zfgk reads"),
            path=path,
            rows=rows,
            columns=columns,
        )


def _check_ods(path: Path) -> dict[str, OdsSheet]:
    """The merges and extents of an .ods file's sheets; refuse one too big, before calamine."""
    try:
        sheets = ods_sheets(path)
    except (ElementTree.ParseError, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise _unreadable(path, e) from None
    for found in sheets.values():
        if found.rows * found.columns > MAX_CELLS:
            raise InputError.of(
                N_(
                    "{path}: the sheet spans {rows} rows and {columns} columns, more than zfgk reads"
                ),
                path=path,
                rows=found.rows,
                columns=found.columns,
            )
    return sheets


def _merges(path: Path, sheet: Any, ods: dict[str, OdsSheet] | None) -> list[Merge]:
    """The sheet's merged ranges, once its size and theirs are known to be sane."""
    if sheet.height * sheet.width > MAX_CELLS:
        raise InputError.of(
            N_("{path}: the sheet spans {rows} rows and {columns} columns, more than zfgk reads"),
            path=path,
            rows=sheet.height,
            columns=sheet.width,
        )
    if ods is not None:
        merges = ods[sheet.name].merges if sheet.name in ods else []
    else:
        merges = list(sheet.merged_cell_ranges or ())
    _check_covered(path, merges, (sheet.height, sheet.width))
    return merges


#: calamine's SheetVisibleEnum members, as the file formats name a sheet's state.
_SHEET_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


@attrs.frozen
class Worksheet:
    """A worksheet's used area as stored: ``rows[i][j]`` is the cell at the sheet's row
    ``first_row + i``, column ``first_column + j`` (both from 1).

    ``state`` is ``visible``, ``hidden`` or ``veryHidden``; ``merges`` the
    merged ranges, ((first row, first column), (last row, last column)),
    counted from 0 as the sheet's own rows and columns.  A merged range's
    value is in its first cell only.
    """

    name: str
    state: str
    rows: Sequence[Sequence[Any]]
    merges: tuple[Merge, ...]
    first_row: int = 1
    first_column: int = 1

    def cells(self) -> Iterator[tuple[int, int, str]]:
        """(row, column, text) of each cell that holds something, as the sheet numbers it.

        >>> from zfgk.tables import Worksheet
        >>> list(Worksheet("名单", "visible", [["", 50.0], ["张*", ""]], (), 3, 2).cells())
        [(3, 3, '50'), (4, 2, '张*')]
        """
        for row, values in enumerate(self.rows, self.first_row):
            for column, value in enumerate(values, self.first_column):
                text = value if type(value) is str else cell_text(value)
                if text:
                    yield row, column, text


def worksheets(path: Path) -> Iterator[Worksheet]:
    """Each worksheet of a workbook, as stored, in order (chart and macro sheets left out).

    Hidden sheets too.  The file is checked as :func:`workbook_table`
    checks it (bombs, a sheet too big) before it is read; an .ods file's
    merges come from its content.xml.  Needs python-calamine (``pip install
    'zfgk[xlsx]'``); a hostile or broken file raises
    :class:`~zfgk.errors.InputError`.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from zfgk.tables import worksheets
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active["B2"], book.active["B3"], book.active["C3"] = "标题", "张*", 50
    >>> book.active.merge_cells("B2:C2")
    >>> book.create_sheet("备用").sheet_state = "hidden"
    >>> book.save(path)
    >>> [(s.name, s.state, s.rows, s.merges, s.first_row, s.first_column) for s in worksheets(path)]
    [('Sheet', 'visible', [['标题', ''], ['张*', 50.0]], (((1, 1), (1, 2)),), 2, 2), ('备用', 'hidden', [], (), 1, 1)]
    """
    calamine, workbook, ods = _open(path)
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue  # a chart or macro sheet holds no cells
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                merges = tuple(_merges(path, sheet, ods))  # refuses a sheet too large for zfgk
                state = _SHEET_STATES.get(str(meta.visible).rsplit(".", 1)[-1], "visible")
                if sheet.start is None:
                    yield Worksheet(meta.name, state, [], merges)
                    continue
                top, left = sheet.start
                # to_python counts rows and columns from sheet.start (iter_rows counts rows
                # from the sheet's first row, columns from start: python-calamine 0.9).
                rows = sheet.to_python(skip_empty_area=True)
                yield Worksheet(meta.name, state, rows, merges, top + 1, left + 1)
            except BaseException as e:
                if isinstance(e, InputError) or not _broken(calamine, e):
                    raise
                raise _unreadable(path, e) from None
    finally:
        workbook.close()


@attrs.frozen
class SheetStream:
    """A worksheet whose rows are read as they are asked for (:func:`stream_sheets`).

    ``rows`` gives (row, cell texts) as :func:`sheet_rows` does, once;
    ``merges`` are counted from 0 as :class:`Worksheet` counts them.
    """

    name: str
    state: str
    first_column: int
    merges: tuple[Merge, ...]
    rows: Iterator[Values]


def stream_sheets(path: Path) -> Iterator[SheetStream]:
    """Each worksheet of a workbook in order, hidden ones too, its rows streamed.

    Read a sheet's rows before asking for the next sheet: the workbook is
    read sheet after sheet and closed at the end.  The file is checked as
    :func:`worksheets` checks it.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from zfgk.tables import stream_sheets
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active["B2"], book.active["C3"] = "标题", 50
    >>> book.active.merge_cells("B2:C2")
    >>> book.create_sheet("备用").sheet_state = "hidden"
    >>> book.save(path)
    >>> [(s.name, s.state, s.first_column, list(s.rows)) for s in stream_sheets(path)]
    [('Sheet', 'visible', 2, [(1, []), (2, ['标题', '标题']), (3, ['', '50'])]), ('备用', 'hidden', 1, [])]

    An .xlsx's rows are as long as their last value (or merged range)
    reaches; those of the other kinds as the sheet's used area is wide.
    """
    if _is_xlsx(path):
        for sheet in _xlsx(path):
            yield SheetStream(
                sheet.name, sheet.state, sheet.first_column, sheet.merges, _xlsx_rows(path, sheet)
            )
        return
    calamine, workbook, ods = _open(path)
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue  # a chart or macro sheet holds no cells
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                merges = tuple(_merges(path, sheet, ods))
            except BaseException as e:
                if isinstance(e, InputError) or not _broken(calamine, e):
                    raise
                raise _unreadable(path, e) from None
            state = _SHEET_STATES.get(str(meta.visible).rsplit(".", 1)[-1], "visible")
            first_column = sheet.start[1] + 1 if sheet.start is not None else 1
            yield SheetStream(
                meta.name, state, first_column, merges, _guarded(path, calamine, sheet, merges)
            )
    finally:
        workbook.close()


def _is_xlsx(path: Path) -> bool:
    """Whether ``path`` is an .xlsx or .xlsm (refused here, before anything reads it, if not a
    workbook zfgk reads)."""
    kind = sniff(path)
    if kind is FileKind.TEXT:
        raise InputError.of(N_("{path}: not a workbook"), path=path)
    return kind is FileKind.XLSX


def _xlsx(path: Path) -> Iterator[XlsxSheet]:
    """The sheets of an .xlsx, once the file is known to be safe; a broken one said so.

    The sheets' extents are not bounded (as they are for calamine, which
    allocates every cell between the first and the last): this reader holds
    a row at a time, and Excel's own bounds are held as it reads.
    """
    check_zip(path, cells=False)
    sheets = xlsx_sheets(path)
    while True:
        try:
            sheet = next(sheets)
        except StopIteration:
            return
        except BrokenXlsx as e:
            raise _unreadable(path, e) from None
        _check_covered(path, sheet.merges)
        yield sheet


def _xlsx_rows(path: Path, sheet: XlsxSheet) -> Iterator[Values]:
    try:
        yield from sheet.rows()
    except InputError:
        raise
    except (BrokenXlsx, ValueError, UnicodeError, OSError, EOFError, zipfile.BadZipFile) as e:
        raise _unreadable(path, e) from None


def _check_covered(
    path: Path, merges: Sequence[Merge], extent: tuple[int, int] | None = None
) -> None:
    """Each merged cell is filled once per row it covers: refuse ranges too large to be a
    list's (and overlaps so large they can only be hostile); ``extent``, the sheet's rows
    and columns where a reader cuts the ranges to them."""
    rows, columns = extent or (1 << 62, 1 << 62)  # without one: the ranges as written
    covered = sum(
        (min(r1, rows) - r0 + 1) * (min(c1, columns) - c0 + 1)
        for (r0, c0), (r1, c1) in merges
        if r0 <= r1 and c0 <= c1
    )
    if covered > MAX_CELLS:
        raise InputError.of(
            N_("{path}: the sheet's merged cells cover {cells} cells, more than zfgk reads"),
            path=path,
            cells=covered,
        )


def _guarded(path: Path, calamine: Any, sheet: Any, merges: Sequence[Merge]) -> Iterator[Values]:
    """:func:`sheet_rows`, with calamine's failures said as a broken workbook."""
    try:
        yield from sheet_rows(sheet, merges)
    except BaseException as e:
        if isinstance(e, InputError) or not _broken(calamine, e):
            raise
        raise _unreadable(path, e) from None


def workbook_table(
    path: Path,
    sheet: str | int | None = None,
    *,
    known: KnownNames | None = None,
    header_row: int | None = None,
) -> Table:
    """A sheet of a workbook as a :class:`~zfgk.tables.Table`, laid out as a person reads it.

    ``sheet`` is a name or a number from 1; the first visible sheet by
    default.  The header is found by the ``known`` names (or is
    ``header_row``), titles and footers are noted, merged cells spread
    (:func:`~zfgk.tables.lay_out`).  Needs python-calamine (``pip install
    'zfgk[xlsx]'``).

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from zfgk.tables import workbook_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> for row in (["2026年第三批公租房分配结果"], ["序号", "姓名", "项目"], [1, "张*", "民心佳园"],
    ...             [2.0, "李*"], ["制表人：王五", None, "日期：2026-09-28"]):
    ...     book.active.append(row)
    >>> book.active.merge_cells("A1:C1"); book.active.merge_cells("C3:C4")
    >>> book.save(path)
    >>> table = workbook_table(path, known={"姓名", "项目"})
    >>> table.header, table.header_rows, list(table.lists())
    (['序号', '姓名', '项目'], (2, 2), [(3, ['1', '张*', '民心佳园']), (4, ['2', '李*', '民心佳园'])])
    >>> [str(note.message) for note in table.notes]
    ['row 1: title 2026年第三批公租房分配结果, not a record', 'row 5: footer (制表人, 日期), not a record']
    """
    if _is_xlsx(path):
        return _xlsx_table(path, sheet, known, header_row)
    calamine, workbook, ods = _open(path)
    try:
        chosen = _choose(calamine, workbook, path, sheet)
        merges = _merges(path, chosen, ods)
    except BaseException as e:
        workbook.close()
        if isinstance(e, InputError) or not _broken(calamine, e):
            raise
        raise _unreadable(path, e) from None

    def rows() -> Iterator[Values]:
        try:
            yield from sheet_rows(chosen, merges)
        finally:
            workbook.close()

    table = lay_out(rows(), path, known, header_row)
    table.sheet = chosen.name
    table.first_column = chosen.start[1] + 1 if chosen.start is not None else 1
    return table


def _xlsx_table(
    path: Path, sheet: str | int | None, known: KnownNames | None, header_row: int | None
) -> Table:
    """:func:`workbook_table` of an .xlsx: the chosen sheet read as a stream."""
    sheets = list(_xlsx(path))  # each sheet's merges are read; its rows only when asked for
    if sheet is None:
        chosen = next((s for s in sheets if s.state == "visible"), sheets[0] if sheets else None)
        if chosen is None:
            raise InputError.of(N_("{path}: the workbook has no worksheet"), path=path)
    else:
        name = choose_sheet(path, [s.name for s in sheets], sheet)
        chosen = next(s for s in sheets if s.name == name)
    table = lay_out(_xlsx_rows(path, chosen), path, known, header_row)
    table.sheet = chosen.name
    table.first_column = chosen.first_column
    return table


def _open(path: Path) -> tuple[Any, Any, dict[str, OdsSheet] | None]:
    """(calamine, the open workbook, an .ods file's sheets) once the file is known to be safe."""
    kind = sniff(path)
    if kind is FileKind.TEXT:
        raise InputError.of(N_("{path}: not a workbook"), path=path)
    ods = None
    if kind is FileKind.XLS:
        _check_xls(path)
    else:
        check_zip(path)
        if kind is FileKind.ODS:
            ods = _check_ods(path)
    calamine = _calamine()
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except BaseException as e:
        raise _unreadable(path, e) if _broken(calamine, e) else e from None
    return calamine, workbook, ods


def workbook_cells(path: Path) -> Iterator[tuple[str, int, int, str]]:
    """(sheet, row, column, text) of every cell that holds something, on every sheet.

    Hidden sheets too, in the workbook's order (:func:`worksheets`); rows and columns counted
    from 1 as the sheet shows them; a merged range's value once, at the cell
    that holds it (its first).  Needs python-calamine (``pip install
    'zfgk[xlsx]'``); a hostile or broken file raises
    :class:`~zfgk.errors.InputError`.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from zfgk.tables import workbook_cells
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active["B2"] = "张*"
    >>> book.create_sheet("退出名单")["C4"] = 50.0
    >>> book.save(path)
    >>> list(workbook_cells(path))
    [('Sheet', 2, 2, '张*'), ('退出名单', 4, 3, '50')]
    """
    for sheet in worksheets(path):
        for row, column, text in sheet.cells():
            yield sheet.name, row, column, text
