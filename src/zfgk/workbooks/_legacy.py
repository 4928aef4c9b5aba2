"""The room's two calls of 0.2, on the new editor: :func:`mask_cells` and :func:`mark_problems`.

Their callers (masking a workbook, a check's report) give cells as
(sheet, row, column) and problems as :class:`CellMark`; both are written by
:func:`~zfgk.workbooks.edit_workbook` (which converts an .xls, .ods or
.xlsb to .xlsx first), a CSV file's report on a sheet built for it.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import cast

import attrs

from zfgk._spill import CellSpill
from zfgk.errors import InputError, InvalidArgumentError
from zfgk.i18n import N_, Message, translate
from zfgk.workbooks._build import DEFAULT_FONT, BookBuilder, SheetLayout, Style
from zfgk.workbooks._edit import (
    CONVERTED_SUFFIXES,
    EDITED_SUFFIXES,
    SheetEdits,
    _edit,
    _folder,
    check_output,
    edit_workbook,
)
from zfgk.workbooks._kept import fit_columns
from zfgk.workbooks._summary import Summary
from zfgk.workbooks._targets import Mark, Severity, check_place
from zfgk.workbooks._xml import cell_name

__all__ = ["CellKey", "CellMark", "MaskedWorkbook", "coordinate", "mark_problems", "mask_cells"]

#: A cell as the sheet shows it: (sheet name, row, column), row and column from 1.
CellKey = tuple[str, int, int]
#: The rows whose texts fit a built sheet's columns (the rest follow them).
_FITTED_ROWS = 1000
_HEADER_FILL = (
    b'<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/>'
    b"</patternFill></fill>"
)


def coordinate(row: int, column: int) -> str:
    """The cell's name as the sheet shows it: (3, 28) is AB3.

    >>> from zfgk.workbooks import coordinate
    >>> coordinate(3, 28)
    'AB3'
    """
    return cell_name(row, column)


@attrs.frozen
class MaskedWorkbook:
    """What :func:`mask_cells` wrote.

    ``cells`` is the number of cells changed (a merged range counts once);
    ``lost`` says what of a converted workbook's look could not be kept
    (nothing, for an .xlsx or .xlsm: every other part is copied as it is).

    >>> from pathlib import Path
    >>> from zfgk.workbooks import MaskedWorkbook
    >>> MaskedWorkbook(Path("公示.xlsx"), 8).lost
    ()
    """

    path: Path
    cells: int
    lost: tuple[Message, ...] = ()


def mask_cells(source: Path, output: Path, changes: Mapping[CellKey, str]) -> MaskedWorkbook:
    """Write ``source`` to ``output`` with only the cells in ``changes`` set to their new text.

    ``changes`` maps (sheet name, row, column), counted from 1 as the sheet
    shows them, to the text the cell gets (the masked value).  A cell
    covered by a merged range changes the range's value.  An .xlsx or .xlsm
    is edited in place (:func:`~zfgk.workbooks.edit_workbook`): each changed
    cell keeps its style, a formula replaced is gone, and every other part
    of the file is copied byte for byte (an .xlsm keeps its macros when
    ``output`` is .xlsm too; as .xlsx it loses them).  An .xls, .ods or
    .xlsb is *converted* to the .xlsx ``output`` with what of its look can
    be read (``lost`` in the result says what could not be kept).  Any
    other pairing raises :class:`~zfgk.errors.InvalidArgumentError`; a
    missing or broken source, :class:`~zfgk.errors.InputError`; an output
    that cannot be written, :class:`~zfgk.errors.OutputError`.

    The old value of each changed cell is gone from the written file: the
    shared string it used is blanked unless another cell still shows it,
    and if it remains anywhere but in a cell (a comment, a page header, a
    defined name, a chart's cache) the writing stops with
    :class:`~zfgk.errors.PrivacyError` and nothing is written.  Old values
    in ASCII shorter than six characters cannot be told from the file's
    markup and are not searched for.  The output is written atomically.

    >>> import pathlib, tempfile, openpyxl
    >>> from zfgk.workbooks import mask_cells
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     source = pathlib.Path(folder) / "名单.xlsx"
    ...     book = openpyxl.Workbook()
    ...     book.active.title = "退出名单"
    ...     book.active.append(["姓名", "身份证号"])
    ...     book.active.append(["许春梅", "44162219470406403X"])
    ...     book.active["B2"].font = openpyxl.styles.Font(bold=True)
    ...     book.save(source)
    ...     done = mask_cells(source, source.with_name("公示.xlsx"),
    ...                       {("退出名单", 2, 2): "441622********403X"})
    ...     sheet = openpyxl.load_workbook(done.path)["退出名单"]
    ...     print(done.cells, sheet["A2"].value, sheet["B2"].value, sheet["B2"].font.b)
    1 许春梅 441622********403X True
    """
    source, output = Path(source), Path(output)
    check_output(source, output)
    sheets: dict[str, SheetEdits]
    if isinstance(changes, CellSpill):  # a sheet's cells come in row order: streamed, not held
        # Every sheet key given on, as a dict's are: one that names no sheet is refused.
        names = cast("list[str]", list(changes.sheets()))
        sheets = {
            name: SheetEdits(replace=_checked(source, name, changes.sheet(name))) for name in names
        }
    else:
        by_sheet: dict[str, list[tuple[int, int, str]]] = {}
        for (name, row, column), text in changes.items():
            _check_change(source, name, row, column, text)
            by_sheet.setdefault(name, []).append((row, column, text))
        sheets = {name: SheetEdits(replace=cells) for name, cells in by_sheet.items()}
    done = _edit(
        source,
        output,
        sheets,
        summary=None,
        gone=(),
        progress=None,
        comments_at_end=False,
        old_values=True,
    )
    return MaskedWorkbook(path=done.path, cells=done.changed, lost=done.lost)


def _check_change(source: Path, name: str, row: int, column: int, text: object) -> None:
    check_place(source, name, row, column)
    if not isinstance(text, str):
        raise InvalidArgumentError.of(
            N_("{sheet}!{cell}: the new value must be text"),
            sheet=name,
            cell=cell_name(row, column),
        )


def _checked(
    source: Path, name: str, cells: Iterable[tuple[int, int, str]]
) -> Iterator[tuple[int, int, str]]:
    for row, column, text in cells:
        _check_change(source, name, row, column, text)
        yield row, column, text


@attrs.frozen
class CellMark:
    """A problem to mark on the cell at (``row``, ``column``), both from 1, as the sheet shows.

    ``message`` is put in the cell's comment as it is: the caller gives it
    already in the officer's language, and it must never contain a personal
    value (a name, an ID number, a phone number, not even the cell's own).
    """

    row: int
    column: int
    message: str
    severity: Severity = Severity.ERROR


def mark_problems(
    output: Path,
    marks: Iterable[CellMark],
    summary: Sequence[str],
    *,
    workbook: Path | None = None,
    sheet: str | None = None,
    header: Sequence[str] | None = None,
    rows: Iterable[tuple[int, Sequence[str]]] = (),
    header_row: int = 1,
    language: str = "zh",
) -> Path:
    """Write a report workbook to ``output`` (.xlsx): the checked sheet with its problems marked.

    The report is either ``workbook`` itself, every sheet and part as it
    was (an .xls, .ods or .xlsb converted as
    :func:`~zfgk.workbooks.mask_cells` converts it), with the marks on
    ``sheet`` (the first sheet by default); or, for a CSV or JSON Lines
    input, a new sheet named ``sheet`` (``Sheet1``) holding ``header`` in
    bold on ``header_row`` and each of ``rows`` (row number, cell texts) on
    its own row.  Rows and columns keep their places.

    Each cell of ``marks`` (the first cell of a merged range it lies in)
    gets the look of its worst problem (red for errors, yellow for warnings;
    a blank cell striped and boxed in that colour, so it stands out of a
    column of marked cells) and a comment box beside it with its marks'
    messages, one a line, above any comment the officer had put there; no
    other cell changes.  Printed, the comments follow the sheet.  A first
    sheet, 说明 (``language="zh"``) or Summary (``"en"``; ``说明 (zfgk)``
    if a sheet has that name), lists ``summary``, one line a row, then what
    the looks mean and the marked cells.

    Only the messages go into comments, never a cell's value: a message must
    not hold a personal value either (see :class:`CellMark`).  The report is
    written atomically; its errors are those of ``mask_cells``.

    >>> import pathlib, tempfile, openpyxl
    >>> from zfgk.workbooks import CellMark, Severity, mark_problems
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = mark_problems(
    ...         pathlib.Path(folder) / "问题.xlsx",
    ...         [CellMark(2, 2, "身份证号未隐藏出生日期"),
    ...          CellMark(3, 1, "姓名为空", Severity.WARNING)],
    ...         ["记录 2 条，问题 2 个"],
    ...         header=["姓名", "身份证号"],
    ...         rows=[(2, ["许春梅", "44162219470406403X"]), (3, ["", "441622********403X"])],
    ...     )
    ...     book = openpyxl.load_workbook(report)
    ...     print(book.sheetnames, book["说明"]["A1"].value)
    ...     cell = book["Sheet1"]["B2"]
    ...     print(cell.value, cell.fill.fgColor.rgb, cell.comment.text)
    ...     print(book["Sheet1"]["A3"].fill.patternType, book["Sheet1"]["A2"].comment)
    ['说明', 'Sheet1'] 记录 2 条，问题 2 个
    44162219470406403X FFFF9999 身份证号未隐藏出生日期
    lightUp None
    """
    output = Path(output)
    if language not in ("zh", "en"):
        raise InvalidArgumentError.of(
            N_("unknown language {language!r}: zfgk speaks zh, en"), language=language
        )
    if output.suffix.lower() != ".xlsx":
        raise InvalidArgumentError.of(
            N_("{path}: a report is written as .xlsx, not {suffix}"),
            path=output,
            suffix=output.suffix or "''",
        )
    if (workbook is None) == (header is None):
        raise InvalidArgumentError.of(
            N_("a report is made either from a workbook or from a header and rows, not both")
        )
    title = translate(N_("Summary"), language)
    report = Summary(title, [str(line) for line in summary], language)
    if workbook is not None:
        workbook = Path(workbook)
        into = workbook.suffix.lower()
        if into not in EDITED_SUFFIXES + CONVERTED_SUFFIXES:
            raise InvalidArgumentError.of(
                N_(
                    "{path}: a report copies a sheet of a workbook (.xlsx, .xlsm, .xls, .ods, "
                    ".xlsb); for CSV or JSON Lines give the header and the rows"
                ),
                path=workbook,
            )
        converted = into in CONVERTED_SUFFIXES
        name = sheet if sheet is not None else _first_sheet(workbook, converted)
        edit_workbook(
            workbook,
            output,
            {name: SheetEdits(mark=_marks(marks, workbook, name))},
            summary=report,
            comments_at_end=True,
        )
        return output
    name = sheet or "Sheet1"
    check_place(output, name, header_row, 1)
    folder = Path(tempfile.mkdtemp(prefix=".zfgk-", dir=_folder(output)))
    try:
        built = folder / "report.xlsx"
        _build_sheet(
            built, name=name, header=header or (), rows=rows, header_row=header_row, output=output
        )
        edit_workbook(
            built,
            output,
            {name: SheetEdits(mark=_marks(marks, output, name))},
            summary=report,
            comments_at_end=True,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return output


def _marks(marks: Iterable[CellMark], path: Path, sheet: str) -> list[tuple[int, int, Mark]]:
    found = []
    for mark in marks:
        check_place(path, sheet, mark.row, mark.column)
        found.append((mark.row, mark.column, Mark(mark.severity, mark.message)))
    return found


def _first_sheet(workbook: Path, converted: bool) -> str:
    """The name of the workbook's first sheet (a converted one's, read by the guarded reader)."""
    if converted:
        from zfgk.tables import worksheets

        for found in worksheets(workbook):
            return found.name
        raise InputError.of(N_("{path}: the workbook has no sheet"), path=workbook)
    from zfgk.workbooks._archive import Archive
    from zfgk.workbooks._package import Package

    archive = Archive(workbook)
    try:
        package = Package.read(archive)
        for found_sheet in package.sheets:
            if found_sheet.kind == "worksheet":
                return found_sheet.name
    finally:
        archive.close()
    raise InputError.of(N_("{path}: the workbook has no sheet"), path=workbook)


def _build_sheet(
    path: Path,
    *,
    name: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    header_row: int,
    output: Path,
) -> None:
    """A workbook of one sheet: the header in bold on grey, each row at its number.

    The columns are fitted to the header and the first records' texts; the
    rows are written as they come, in order, the header in its place among
    them (a long file is never held whole here).
    """
    builder = BookBuilder(path)
    bold = builder.style(
        Style(font=DEFAULT_FONT.replace(b"<font>", b"<font><b/>"), fill=_HEADER_FILL)
    )
    given = iter(rows)
    first = list(itertools.islice(given, _FITTED_ROWS))
    # A title above the header spans the table: it widens no column.
    texts: list[Sequence[str]] = [header, *(values for n, values in first if n > header_row)]

    def lines() -> Iterator[tuple[int, Iterator[tuple[int, object, int]]]]:
        # The header in its row; the other rows (a title above, records below) in theirs.
        headed = False
        last = 0
        for number, values in itertools.chain(first, given):
            check_place(output, name, number, 1)
            if number <= last or number == header_row:
                raise InvalidArgumentError.of(
                    N_("{path}: row {row} comes after row {last}: rows must come in order"),
                    path=output,
                    row=number,
                    last=max(last, header_row if number == header_row else last),
                )
            if not headed and number > header_row:
                headed = True
                yield header_row, ((c, text, bold) for c, text in enumerate(header, 1))
            last = number
            yield number, ((c, text, 0) for c, text in enumerate(values, 1) if text != "")
        if not headed:
            yield header_row, ((c, text, bold) for c, text in enumerate(header, 1))

    try:
        builder.sheet(
            name,
            lines(),
            SheetLayout(
                columns=fit_columns(texts),
                freeze=(header_row + 1, 1),
                landscape=True,
                fit_width=True,
                selected=True,
            ),
        )
        builder.close()
    except BaseException:
        builder.abandon()
        raise
