"""A check's problems marked in the officer's own sheet: :func:`problem_marks`, :func:`check_report`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_
from zfgk.problems import Report
from zfgk.tables import Table, read_table
from zfgk.tables.xlsx_report import CellMark, Severity, mark_problems
from zfgk.validation._validator import Validator

__all__ = ["check_report", "problem_marks"]


def _columns(validator: Validator, header: Sequence[str]) -> dict[str, int]:
    """Which column (from 0) a problem's field names: the column itself, or the field it covers."""
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        where.setdefault(name, index)
        for f in validator.fields_for(name) or ():
            where.setdefault(f.name, index)
    return where


def problem_marks(
    validator: Validator,
    header: Sequence[str],
    found: Iterable[tuple[int, Report]],
    *,
    language: str = "zh",
    first_column: int = 1,
) -> Iterator[CellMark]:
    """Each problem of each (row, report) as a mark on its cell, said in ``language``.

    The cell is the row's, in the column the problem's field is in
    (``first_column`` is the sheet's column of the header's first name);
    a problem whose field has no column (a field the header lacks) marks
    the row's first cell.  Warnings are marked as warnings.  The message is
    the problem's, which names the field and never holds its value.

    >>> import zfgk
    >>> from zfgk import Validator
    >>> from zfgk.validation import problem_marks
    >>> v = Validator(zfgk.load("chongqing").item(22))
    >>> header = ["序号", "原保障对象姓名", "身份证号（隐藏部分号码）"]
    >>> check = v.for_header(header)
    >>> found = [(3, check(["1", "许春梅", "44162219470406403X"]))]
    >>> [(m.row, m.column, m.severity.value) for m in problem_marks(v, header, found)]
    [(3, 3, 'error')]
    >>> print(next(problem_marks(v, header, found, language="en")).message)  # doctest: +ELLIPSIS
    身份证号 holds a full ID number; ...
    """
    where = _columns(validator, header)
    for row, report in found:
        for p in report.problems:
            index = where.get(p.field)
            if index is None and p.field.startswith("(column "):
                index = int(p.field[len("(column ") : -1]) - 1
            severity = Severity.WARNING if p.warning else Severity.ERROR
            yield CellMark(row, first_column + (index or 0), p.localized(language), severity)


def check_report(
    output: Path,
    path: Path,
    validator: Validator,
    summary: Sequence[str],
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    language: str = "zh",
) -> Path:
    """Check ``path`` as ``zfgk check`` does, and write the report workbook ``output`` (.xlsx).

    The file is read as the check reads it (the header under any title,
    found by the item's names, or ``header_row``; ``sheet`` of a workbook).
    The report is a copy of the checked sheet (for CSV, text or JSON Lines,
    a new sheet with the header and the rows at their own row numbers; for
    JSON Lines, whose records start on line 1, the header takes row 1 and a
    line's record row line + 1) with each problem cell filled and commented
    (:func:`problem_marks`, :func:`~zfgk.tables.xlsx_report.mark_problems`),
    and a first sheet holding the ``summary`` lines.  A report that would
    replace the file checked is refused
    (:class:`~zfgk.errors.InvalidArgumentError`).

    >>> import pathlib, tempfile, openpyxl, zfgk
    >>> from zfgk import Validator
    >>> from zfgk.validation import check_report
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "名单.csv").write_text(
    ...     "序号,原保障对象姓名,身份证号\\n1,许春梅,44162219470406403X\\n", encoding="utf-8")
    >>> v = Validator(zfgk.load("chongqing").item(22))
    >>> report = check_report(folder / "问题.xlsx", folder / "名单.csv", v, ["第 22 项"])
    >>> book = openpyxl.load_workbook(report)
    >>> book.sheetnames, book["Sheet1"]["C2"].fill.fgColor.rgb, book["Sheet1"]["B2"].comment
    (['说明', 'Sheet1'], 'FFFF9999', None)
    >>> print(book["Sheet1"]["C2"].comment.text)  # doctest: +ELLIPSIS
    身份证号是完整的身份证号；...
    """
    output, path = Path(output), Path(path)
    if output.exists() and path.exists() and os.path.samefile(output, path):
        raise InvalidArgumentError.of(
            N_("{path}: the report would replace the file checked; give the report another name"),
            path=output,
        )
    table = read_table(
        path,
        encoding,
        sheet=sheet,
        known=lambda name: validator.fields_for(name) is not None or validator.ignores(name),
        header_row=header_row,
    )
    if table.header is None:
        return _jsonl_report(output, table, validator, summary, language)
    check = validator.for_header(table.header)
    rows: list[tuple[int, Sequence[str]]] = []
    found = []
    for row, values in table.lists():
        if table.sheet is None:
            rows.append((row, values))
        report = check(values)
        if report.problems:
            found.append((row, report))
    marks = list(
        problem_marks(
            validator, table.header, found, language=language, first_column=table.first_column
        )
    )
    if table.sheet is not None:
        return mark_problems(
            output, marks, summary, workbook=path, sheet=table.sheet, language=language
        )
    return mark_problems(
        output,
        marks,
        summary,
        header=table.header,
        rows=rows,
        header_row=table.header_rows[1],
        language=language,
    )


def _jsonl_report(
    output: Path, table: Table, validator: Validator, summary: Sequence[str], language: str
) -> Path:
    """A JSON Lines file's report: the keys of all records as the header, on row 1."""
    records = list(table.rows())
    header = list(dict.fromkeys(key for _, record in records for key in record))
    found = [
        (line + 1, report) for line, record in records if (report := validator(record)).problems
    ]
    rows = [(line + 1, [record.get(key, "") for key in header]) for line, record in records]
    marks = list(problem_marks(validator, header, found, language=language))
    return mark_problems(output, marks, summary, header=header, rows=rows, language=language)
