"""A report workbook: the officer's checked sheet with each problem cell filled and commented.

:func:`mark_problems` writes it through openpyxl (``pip install
'zfgk[xlsx]'``), whatever found the problems: the caller gives each
problem's cell and message.  Output replaces a file whole or not at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_, translate

# With the tables/ refactor: atomic_binary from zfgk.tables._output.
from zfgk.tables._output import atomic_binary
from zfgk.tables._xlsx import (
    CONVERTED_SUFFIXES,
    OPENPYXL_SUFFIXES,
    anchor,
    check_place,
    compute_on_opening,
    coordinate,
    fit_columns,
    open_workbook,
    openpyxl_module,
    print_one_page_wide,
    put,
    saved,
    sheet_named,
)

__all__ = ["CellMark", "Severity", "mark_problems"]


class Severity(Enum):
    """How bad a marked problem is: the fill of its cell says which."""

    ERROR = "error"
    WARNING = "warning"


#: Fills of marked cells: Excel's own "Bad" red and "Neutral" yellow, as officers know them.
_FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}
_COMMENT_AUTHOR = "zfgk"
#: A comment box: its width in pixels and the text that fits on one of its lines
#: (in half-widths: a Chinese character is two), the height of a line and the most height.
_COMMENT_WIDTH, _COMMENT_LINE, _COMMENT_LINE_HEIGHT, _COMMENT_MAX_HEIGHT = 300, 40, 18, 400
#: The summary sheet's one column, as wide as a portrait A4 page, and the header's grey.
_SUMMARY_WIDTH, _HEADER_FILL = 80, "D9D9D9"


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

    The checked sheet is either ``sheet`` of ``workbook`` (the first sheet
    by default), copied with its styles, merges, widths and print settings
    (the workbook's other sheets are left out; an .xls, .ods or .xlsb is
    converted as :func:`~zfgk.tables.xlsx_edit.mask_cells` converts it); or,
    for a CSV or JSON Lines input, a new sheet named ``sheet`` (``Sheet1``)
    holding ``header`` in bold on ``header_row`` and each of ``rows`` (row
    number, cell texts) on its own row.  Rows and columns keep their places.

    Each cell of ``marks`` (the first cell of a merged range it lies in)
    gets a fill, red for errors and yellow for warnings (red where it has
    both), and a comment box beside it with its marks' messages, one a
    line, above any comment the officer had put there; no other cell
    changes.  Printed, the comments follow the sheet.  A first sheet, 说明
    (``language="zh"``) or Summary (``"en"``; ``说明 (zfgk)`` if the checked
    sheet has that name), lists ``summary``, one line a row, then what the
    colours mean.

    Only the messages go into comments, never a cell's value: a message must
    not hold a personal value either (see :class:`CellMark`).  The report is
    written atomically; its errors are those of ``mask_cells``.

    >>> import pathlib, tempfile, openpyxl
    >>> from zfgk.tables.xlsx_report import CellMark, Severity, mark_problems
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
    ...     print(book["Sheet1"]["A3"].fill.fgColor.rgb, book["Sheet1"]["A2"].comment)
    ['说明', 'Sheet1'] 记录 2 条，问题 2 个
    44162219470406403X 00FFC7CE 身份证号未隐藏出生日期
    00FFEB9C None
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
    if workbook is not None:
        book, checked = _checked_sheet(Path(workbook), sheet)
    else:
        book, checked = _new_sheet(output, sheet or "Sheet1", header or (), rows, header_row)
    by_cell = _by_cell(marks, output, checked.title)
    for (row, column), found in by_cell.items():
        _mark(checked, row, column, found)
    _summary_sheet(book, checked.title, summary, language)
    _problem_list(book.worksheets[0], checked, by_cell, language)
    compute_on_opening(book)
    checked.page_setup.cellComments = "atEnd"  # printed, the problems follow the sheet
    data = _anchored_comments(saved(book), checked)
    with atomic_binary(output) as stream:
        stream.write(data)
    return output


def _checked_sheet(workbook: Path, name: str | None) -> tuple[Any, Any]:
    """The workbook with only its checked sheet left, and that sheet."""
    into = workbook.suffix.lower()
    if into not in OPENPYXL_SUFFIXES + CONVERTED_SUFFIXES:
        raise InvalidArgumentError.of(
            N_(
                "{path}: a report copies a sheet of a workbook (.xlsx, .xlsm, .xls, .ods, "
                ".xlsb); for CSV or JSON Lines give the header and the rows"
            ),
            path=workbook,
        )
    book, _ = open_workbook(workbook, into in CONVERTED_SUFFIXES)
    checked = sheet_named(book, workbook, name) if name is not None else book.worksheets[0]
    others = [s for s in book.worksheets + book.chartsheets if s is not checked]
    gone = {s.title for s in others}
    for other in others:
        book.remove(other)
    checked.sheet_state = "visible"
    for defined in list(book.defined_names):  # names pointing into removed sheets
        value = str(book.defined_names[defined].value)
        if any(title in value for title in gone):
            del book.defined_names[defined]
    return book, checked


def _new_sheet(
    output: Path,
    name: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    header_row: int,
) -> tuple[Any, Any]:
    """A new workbook of one sheet: the header in bold on grey, each row at its number."""
    openpyxl = openpyxl_module()
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    check_place(output, name, header_row, 1)
    texts: list[Sequence[str]] = [header]
    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=header_row, column=c)
        put(cell, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", fgColor=_HEADER_FILL)
    for row, values in rows:
        check_place(output, name, row, 1)
        for c, text in enumerate(values, start=1):
            if text != "":
                put(sheet.cell(row=row, column=c), text)
        texts.append(values)
    fit_columns(sheet, texts)
    sheet.freeze_panes = coordinate(header_row + 1, 1)
    print_one_page_wide(sheet)
    return book, sheet


def _by_cell(
    marks: Iterable[CellMark], output: Path, sheet: str
) -> dict[tuple[int, int], list[CellMark]]:
    found: dict[tuple[int, int], list[CellMark]] = {}
    for mark in marks:
        check_place(output, sheet, mark.row, mark.column)
        found.setdefault((mark.row, mark.column), []).append(mark)
    return found


def _mark(sheet: Any, row: int, column: int, marks: Sequence[CellMark]) -> None:
    """Fill the cell (a merged range's first cell) and comment it with the messages."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cell = sheet[anchor(sheet, row, column)]
    worst = Severity.ERROR if any(m.severity is Severity.ERROR for m in marks) else Severity.WARNING
    cell.fill = PatternFill(fill_type="solid", fgColor=_FILLS[worst])
    text = "\n".join(dict.fromkeys(m.message for m in marks))
    if cell.comment is not None:  # the officer's own note stays, under the problems
        text = f"{text}\n\n{cell.comment.text}"
    lines = sum(
        max(1, -(-sum(1 if ch.isascii() else 2 for ch in line) // _COMMENT_LINE))
        for line in text.split("\n")
    )
    height = min(_COMMENT_MAX_HEIGHT, lines * _COMMENT_LINE_HEIGHT + 12)
    cell.comment = Comment(text, _COMMENT_AUTHOR, height=height, width=_COMMENT_WIDTH)


#: A comment's place in the VML openpyxl writes: its row and column, counted from 0.
_NOTE_PLACE = re.compile(
    r"<(?P<ns>\w+):AutoFill>False</(?P=ns):AutoFill>"
    r"<(?P=ns):Row>(?P<row>\d+)</(?P=ns):Row><(?P=ns):Column>(?P<column>\d+)</(?P=ns):Column>"
)
#: Pixels: a column of openpyxl's default width, a default row, and the room beside the cell.
_DEFAULT_COLUMN_PX, _DEFAULT_ROW_PX, _GAP_PX = 64, 20, 15


def _anchored_comments(data: bytes, sheet: Any) -> bytes:
    """The workbook with each comment box anchored beside its cell, sized to its text.

    openpyxl gives comment boxes no anchor, so "show all comments" in Excel
    or LibreOffice piles them up in the sheet's corner.  An anchor puts each
    box one column right of its cell, from the row above it, as Excel does.
    """
    boxes = {
        (cell.row - 1, cell.column - 1): cell.comment
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment is not None
    }
    if not boxes:
        return data

    def anchor_note(match: re.Match[str]) -> str:
        row, column = int(match["row"]), int(match["column"])
        box = boxes.get((row, column))
        if box is None:
            return match[0]
        top = max(row - 1, 0)
        right = _span(column + 1, box.width + _GAP_PX, lambda c: _column_px(sheet, c))
        bottom = _span(top, box.height + 10, lambda r: _row_px(sheet, r))
        place = (
            f"{column + 1}, {_GAP_PX}, {top}, 10, {right[0]}, {right[1]}, {bottom[0]}, {bottom[1]}"
        )
        return f"<{match['ns']}:Anchor>{place}</{match['ns']}:Anchor>{match[0]}"

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/drawings/") and info.filename.endswith(".vml"):
                content = _NOTE_PLACE.sub(anchor_note, content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def _span(first: int, pixels: int, size: Any) -> tuple[int, int]:
    """The column (or row) where ``pixels`` from the start of ``first`` end, and the offset in it."""
    index = first
    while pixels > size(index):
        pixels -= size(index)
        index += 1
    return index, pixels


def _column_px(sheet: Any, column: int) -> int:
    """The width in pixels of the column counted from 0 (a character is 7 pixels, plus 5)."""
    letters = coordinate(1, column + 1)[:-1]
    if letters not in sheet.column_dimensions or not sheet.column_dimensions[letters].width:
        return _DEFAULT_COLUMN_PX
    width: float = sheet.column_dimensions[letters].width
    return round(width * 7 + 5)


def _row_px(sheet: Any, row: int) -> int:
    """The height in pixels of the row counted from 0 (a point is 4/3 of a pixel)."""
    if row + 1 not in sheet.row_dimensions or not sheet.row_dimensions[row + 1].height:
        return _DEFAULT_ROW_PX
    height: float = sheet.row_dimensions[row + 1].height
    return round(height * 4 / 3)


#: The most problem cells listed on the summary sheet (a comment marks every one).
_LISTED = 500


def _problem_list(
    sheet: Any,
    checked: Any,
    by_cell: dict[tuple[int, int], list[CellMark]],
    language: str,
) -> None:
    """Under the legend, each marked cell (退出名单!C4) and its problems, in the sheet's order.

    Printed or turned into a PDF, comments do not show beside their cells;
    this list says on paper what each coloured cell holds.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    if not by_cell:
        _fit_rows(sheet)
        return
    row = sheet.max_row + 2
    heading = translate(N_("Problem cells, in the order of the sheet"), language)
    sheet.cell(row=row, column=1, value=heading).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    places = sorted(by_cell)
    for place in places[:_LISTED]:
        row += 1
        found = by_cell[place]
        worst = (
            Severity.ERROR if any(m.severity is Severity.ERROR for m in found) else Severity.WARNING
        )
        where = f"{checked.title}!{anchor(checked, *place)}"
        messages = "；".join(dict.fromkeys(m.message for m in found))
        cell = sheet.cell(row=row, column=1, value=f"{where}  {messages}")
        cell.data_type = "s"
        cell.alignment = wrap
        cell.fill = PatternFill(fill_type="solid", fgColor=_FILLS[worst])
    if len(places) > _LISTED:
        more = translate(N_("… and {count} more cells, each marked in the sheet"), language)
        sheet.cell(row=row + 1, column=1, value=more.format(count=len(places) - _LISTED))
    _fit_rows(sheet)


#: A line of the summary sheet's wrapped text: its height in points.
_LINE_POINTS = 16


def _fit_rows(sheet: Any) -> None:
    """Each row of the summary sheet as high as its wrapped text.

    Neither openpyxl nor LibreOffice's conversion sizes a row to wrapped
    text: without a height, a long line is cut and the next row overlaps it.
    """
    for row in range(1, sheet.max_row + 1):
        text = sheet.cell(row=row, column=1).value
        if not isinstance(text, str) or not text:
            continue
        lines = sum(
            max(1, -(-sum(1 if ch.isascii() else 2 for ch in part) // (_SUMMARY_WIDTH - 4)))
            for part in text.split("\n")
        )
        if lines > 1:
            sheet.row_dimensions[row].height = lines * _LINE_POINTS


def _summary_sheet(book: Any, checked: str, summary: Sequence[str], language: str) -> None:
    """The first sheet: the summary lines, then what each fill means."""
    from openpyxl.styles import Alignment, PatternFill

    title = translate(N_("Summary"), language)
    if title == checked:
        title = f"{title} (zfgk)"
    sheet = book.create_sheet(title=title, index=0)
    sheet.column_dimensions["A"].width = _SUMMARY_WIDTH
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, line in enumerate(summary, start=1):
        sheet.cell(row=row, column=1, value=line).alignment = wrap
        sheet.cell(row=row, column=1).data_type = "s"
    legend = (
        (Severity.ERROR, N_("Cells filled this colour hold an error; the comment says which")),
        (Severity.WARNING, N_("Cells filled this colour hold a warning; the comment says which")),
    )
    for row, (severity, text) in enumerate(legend, start=len(summary) + 2):
        cell = sheet.cell(row=row, column=1, value=translate(text, language))
        cell.fill = PatternFill(fill_type="solid", fgColor=_FILLS[severity])
        cell.alignment = wrap
    print_one_page_wide(sheet)
    sheet.page_setup.orientation = "portrait"
    book.active = 0
    for each in book.worksheets:  # one tab selected: two would open grouped, edits hitting both
        each.sheet_view.tabSelected = each is sheet
