"""Writing workbooks back as officers made them: cells masked in place, problems marked.

Two writers, both through openpyxl (``pip install 'zfgk[xlsx]'``), both
independent of how the cells were chosen:

- :func:`mask_cells` writes the same workbook with only the given cells
  changed, and checks that the old values are gone from every part of the
  file written;
- :func:`mark_problems` writes a report: the checked sheet with each problem
  cell filled and commented, after a first sheet that sums up.

Cells are named as the sheet shows them: sheet name, row and column counted
from 1.  Output replaces a file whole or not at all.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import attrs

# With the tables/ refactor: InputError from zfgk.errors, atomic_binary from zfgk.tables._output.
from zfgk._io import InputError, atomic_binary
from zfgk.errors import InvalidArgumentError, PrivacyError
from zfgk.i18n import N_, translate

__all__ = [
    "CellMark",
    "MaskedWorkbook",
    "Severity",
    "mark_problems",
    "mask_cells",
]

#: A cell as the sheet shows it: (sheet name, row, column), row and column from 1.
CellKey = tuple[str, int, int]

#: Workbooks openpyxl opens and writes back with their styles.
_OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")
#: Workbooks only python-calamine reads: converted to .xlsx, values and merges only.
_CONVERTED_SUFFIXES = (".xls", ".ods", ".xlsb")
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
#: Old values shorter than this, in ASCII only, cannot be told from the file's markup.
_SHORTEST_ASCII_NEEDLE = 6


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise InvalidArgumentError.of(
            N_("writing workbooks needs openpyxl: pip install 'zfgk[xlsx]'")
        ) from None
    return openpyxl


@attrs.frozen
class MaskedWorkbook:
    """What :func:`mask_cells` wrote.

    ``cells`` is the number of cells changed (a merged range counts once);
    ``lost`` holds openpyxl's own (English) warnings about parts of the source
    it could not keep (shapes, images without Pillow, unsupported extensions).
    """

    path: Path
    cells: int
    lost: tuple[str, ...] = ()


def mask_cells(source: Path, output: Path, changes: Mapping[CellKey, str]) -> MaskedWorkbook:
    """Write ``source`` to ``output`` with only the cells in ``changes`` set to their new text.

    ``changes`` maps (sheet name, row, column), counted from 1 as the sheet
    shows them, to the text the cell gets (the masked value).  A cell
    covered by a merged range changes the range's value.  Everything else
    stays as it was: titles, merged ranges, fonts, fills, borders,
    alignment, number formats, column widths, row heights, formulas, other
    sheets, footers, print settings.  Formulas are written without their
    stored results and computed again when the file is opened.

    An .xlsx or .xlsm source is written with its styles (an .xlsm keeps its
    macros when ``output`` is .xlsm too).  An .xls, .ods or .xlsb source is
    *converted*: read with python-calamine and written as .xlsx with its
    cell values and merged ranges (.xls and .xlsb only; calamine gives none
    for .ods) and column widths fitted to the text, but **without its
    fonts, fills, borders, number formats, widths or formulas**; ``output``
    must then end in .xlsx.  Any other pairing raises
    :class:`~zfgk.errors.InvalidArgumentError`.

    Before the file is put in place, every part of it is searched for the
    old text of each changed cell (the text itself and as XML writes it):
    found anywhere but in a cell the caller left unchanged, it raises
    :class:`~zfgk.errors.PrivacyError` and nothing is written.  Old values
    in ASCII shorter than six characters cannot be told from the file's own
    markup and are not searched for.  The output is written atomically.

    >>> import pathlib, tempfile, openpyxl
    >>> from zfgk.tables.xlsx_edit import mask_cells
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
    converted = _check_suffixes(source, output)
    book, lost = _open(source, converted, keep_vba=output.suffix.lower() == ".xlsm")
    olds = _apply(book, source, changes)
    # Formulas lose their stored results on writing: have them computed on opening.
    _compute_on_opening(book)
    data = _saved(book)
    _check_gone(data, olds, _remaining_text(book), source)
    with atomic_binary(output) as stream:
        stream.write(data)
    return MaskedWorkbook(path=output, cells=len(olds), lost=lost)


def _compute_on_opening(book: Any) -> None:
    if book.calculation is None:
        from openpyxl.workbook.properties import CalcProperties

        book.calculation = CalcProperties()
    book.calculation.fullCalcOnLoad = True


def _check_suffixes(source: Path, output: Path) -> bool:
    """Whether ``source`` is converted (read by calamine); refuses pairs that cannot be written."""
    into, out_of = source.suffix.lower(), output.suffix.lower()
    allowed = {".xlsx": (".xlsx",), ".xlsm": (".xlsm", ".xlsx")}
    if into in _CONVERTED_SUFFIXES:
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
    return into in _CONVERTED_SUFFIXES


def _open(source: Path, converted: bool, keep_vba: bool = False) -> tuple[Any, tuple[str, ...]]:
    """The source as an openpyxl workbook, and openpyxl's warnings about what it dropped."""
    if not source.is_file():
        raise InputError.of(N_("{path}: no such workbook"), path=source)
    if converted:
        return _converted(source), ()
    openpyxl = _openpyxl()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            book = openpyxl.load_workbook(source, keep_vba=keep_vba, rich_text=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as e:
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
    """An .xls, .ods or .xlsb as a new openpyxl workbook: values and merged ranges only."""
    try:
        import python_calamine
    except ImportError:
        raise InvalidArgumentError.of(
            N_(
                "reading workbooks (.xlsx, .xls, .ods) needs python-calamine: pip install 'zfgk[xlsx]'"
            )
        ) from None
    openpyxl = _openpyxl()
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(source))
        sheets = [(name, workbook.get_sheet_by_name(name)) for name in workbook.sheet_names]
        contents = [
            (name, sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or ())
            for name, sheet in sheets
        ]
    except (python_calamine.CalamineError, OSError, ValueError, UnicodeError) as e:
        raise InputError.of(
            N_(
                "{path}: a damaged or truncated workbook ({kind}); open it in Excel or WPS and "
                "save it again as .xlsx"
            ),
            path=source,
            kind=type(e).__name__,
        ) from None
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows, merges in contents:
        sheet = book.create_sheet(title=name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value != "":
                    _put(sheet.cell(row=r, column=c), value)
        for (r1, c1), (r2, c2) in merges:
            sheet.merge_cells(
                start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1
            )
        # A title merged across columns does not widen its first column.
        wide = {(r1, c1) for (r1, c1), (_, c2) in merges if c2 > c1}
        texts = [
            [("" if (r, c) in wide else str(v)) for c, v in enumerate(values)]
            for r, values in enumerate(rows)
        ]
        _fit_columns(sheet, texts)
    return book


def _put(cell: Any, value: object) -> None:
    """A calamine value into an openpyxl cell; dates keep a date's number format."""
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, time):
        cell.number_format = "hh:mm:ss"
    elif isinstance(value, str):
        cell.data_type = "s"  # text that begins with "=" stays text


def _apply(book: Any, source: Path, changes: Mapping[CellKey, str]) -> dict[str, object]:
    """Set each changed cell (the anchor of a merged range); the old values by cell name."""
    targets: dict[tuple[str, str], str] = {}
    for (name, row, column), text in changes.items():
        sheet = _sheet(book, source, name)
        _check_place(source, name, row, column)
        if not isinstance(text, str):
            raise InvalidArgumentError.of(
                N_("{sheet}!{cell}: the new value must be text"),
                sheet=name,
                cell=_coordinate(row, column),
            )
        anchor = _anchor(sheet, row, column)
        if targets.setdefault((name, anchor), text) != text:
            raise InvalidArgumentError.of(
                N_("{sheet}!{cell}: two different new values for one merged range"),
                sheet=name,
                cell=anchor,
            )
    olds: dict[str, object] = {}
    for (name, anchor), text in targets.items():
        cell = book[name][anchor]
        olds[f"{name}!{anchor}"] = cell.value
        _put(cell, text)
    return olds


def _sheet(book: Any, source: Path, name: str) -> Any:
    if name not in book.sheetnames:
        raise InvalidArgumentError.of(
            N_("{path}: no sheet named {sheet!r} (sheets: {sheets})"),
            path=source,
            sheet=name,
            sheets=", ".join(book.sheetnames),
        )
    return book[name]


def _check_place(source: Path, sheet: str, row: int, column: int) -> None:
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


def _coordinate(row: int, column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def _anchor(sheet: Any, row: int, column: int) -> str:
    """The cell that holds the value shown at (row, column): a merged range's first cell."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return _coordinate(merged.min_row, merged.min_col)
    return _coordinate(row, column)


def _saved(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _remaining_text(book: Any) -> str:
    """Every value and formula of every cell of the written workbook, joined."""
    return "\0".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _needles(value: object) -> tuple[bytes, ...]:
    """The forms in which an old value could sit in the file's XML; none if too short to tell."""
    if type(value).__name__ == "CellRichText":  # text in runs of several fonts
        value = str(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ()
    text = value if isinstance(value, str) else repr(value)
    if not text.strip() or (text.isascii() and len(text) < _SHORTEST_ASCII_NEEDLE):
        return ()
    return tuple(dict.fromkeys(form.encode("utf-8") for form in (text, escape(text))))


def _check_gone(data: bytes, olds: Mapping[str, object], remaining: str, source: Path) -> None:
    """Refuse if an old value remains anywhere in ``data`` but in a cell left unchanged."""
    wanted = {
        cell: needles
        for cell, old in olds.items()
        if (needles := _needles(old)) and str(old) not in remaining
    }
    if not wanted:
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            content = archive.read(part)
            for cell, needles in wanted.items():
                if any(needle in content for needle in needles):
                    raise PrivacyError.of(
                        N_(
                            "{path}: the old value of {cell} would remain in the written file "
                            "({part}); nothing was written"
                        ),
                        path=source,
                        cell=cell,
                        part=part,
                    )


def _fit_columns(sheet: Any, rows: Iterable[Sequence[str]]) -> None:
    """Column widths fitted to the longest text (a Chinese character is two wide), 8 to 60."""
    widths: dict[int, int] = {}
    for values in rows:
        for c, text in enumerate(values, start=1):
            width = sum(1 if ch.isascii() else 2 for ch in text)
            widths[c] = max(widths.get(c, 0), width)
    for c, width in widths.items():
        letters = _coordinate(1, c)[:-1]
        sheet.column_dimensions[letters].width = min(max(width + 2, 8), 60)


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
#: The summary sheet's one column, wide enough for a sentence, and the header's grey.
_SUMMARY_WIDTH, _HEADER_FILL = 100, "D9D9D9"


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
    by default), copied with its styles, merges and widths (an .xls, .ods or
    .xlsb is converted as :func:`mask_cells` converts it); or, for a CSV or
    JSON Lines input, a new sheet named ``sheet`` (``Sheet1``) holding
    ``header`` on ``header_row`` and each of ``rows`` (row number, cell
    texts) on its own row.  Rows and columns keep their places.  Each cell of
    ``marks`` gets a fill, red for errors and yellow for warnings, and a
    comment with the marks' messages; no other cell changes.  A first sheet,
    说明 (``language="zh"``) or Summary (``"en"``), lists ``summary``, one
    line a row, then what the colours mean.

    Only the messages go into comments, never a cell's value: the caller's
    messages must not hold one either.  The report is written atomically.

    >>> import pathlib, tempfile, openpyxl
    >>> from zfgk.tables.xlsx_edit import CellMark, Severity, mark_problems
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
    for (row, column), found in _by_cell(marks, output, checked.title).items():
        _mark(checked, row, column, found)
    _summary_sheet(book, checked.title, summary, language)
    _compute_on_opening(book)
    data = _saved(book)
    with atomic_binary(output) as stream:
        stream.write(data)
    return output


def _checked_sheet(workbook: Path, name: str | None) -> tuple[Any, Any]:
    """The workbook with only its checked sheet left, and that sheet."""
    into = workbook.suffix.lower()
    if into not in _OPENPYXL_SUFFIXES + _CONVERTED_SUFFIXES:
        _check_suffixes(workbook, workbook)  # raises: not a workbook
    book, _ = _open(workbook, into in _CONVERTED_SUFFIXES)
    checked = _sheet(book, workbook, name) if name is not None else book.worksheets[0]
    others = [s for s in book.worksheets + book.chartsheets if s is not checked]
    gone = {s.title for s in others}
    for other in others:
        book.remove(other)
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
    openpyxl = _openpyxl()
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    _check_place(output, name, header_row, 1)
    texts: list[Sequence[str]] = [header]
    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=header_row, column=c)
        _put(cell, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", fgColor=_HEADER_FILL)
    for row, values in rows:
        _check_place(output, name, row, 1)
        for c, text in enumerate(values, start=1):
            if text != "":
                _put(sheet.cell(row=row, column=c), text)
        texts.append(values)
    _fit_columns(sheet, texts)
    sheet.freeze_panes = _coordinate(header_row + 1, 1)
    return book, sheet


def _by_cell(
    marks: Iterable[CellMark], output: Path, sheet: str
) -> dict[tuple[int, int], list[CellMark]]:
    found: dict[tuple[int, int], list[CellMark]] = {}
    for mark in marks:
        _check_place(output, sheet, mark.row, mark.column)
        found.setdefault((mark.row, mark.column), []).append(mark)
    return found


def _mark(sheet: Any, row: int, column: int, marks: Sequence[CellMark]) -> None:
    """Fill the cell (a merged range's first cell) and comment it with the messages."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cell = sheet[_anchor(sheet, row, column)]
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
    book.active = 0
