"""A check's problems and findings marked in a copy of the officer's file (internal).

What :func:`~zfgk.files.check_file` read is reused: the marks come from its
result; only the cells of a CSV or JSON Lines file are read again, to copy
them into the report's sheet.
"""

from __future__ import annotations

import heapq
import operator
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from zfgk.documents import open_document
from zfgk.errors import InvalidArgumentError
from zfgk.files._check import FileCheck, RowChecks, SheetCheck
from zfgk.files._render import check_lines
from zfgk.formats import Family
from zfgk.i18n import N_, translate
from zfgk.tables import column_number
from zfgk.workbooks import (
    CellMark,
    Mark,
    Severity,
    SheetEdits,
    Summary,
    edit_workbook,
    mark_problems,
)

__all__ = ["write_check_report"]

_CELL = re.compile(r"([A-Z]+)([0-9]+)")


def write_check_report(result: FileCheck, output: Path, lang: str) -> Path:
    """Write the report workbook of ``result`` to ``output``; see :meth:`FileCheck.write_report`."""
    source = result.path
    if output.exists() and source.exists() and os.path.samefile(output, source):
        raise InvalidArgumentError.of(
            N_("{path}: the report would replace the file checked; give the report another name"),
            path=output,
        )
    # A sheet's font is proportional: the terminal's padding would misalign, not align.
    summary = [re.sub(" {2,}", "  ", line.strip()) for line in check_lines(result, lang)]
    language = lang if lang in ("zh", "en") else "en"
    if result.kind.family is Family.WORKBOOK:
        if output.suffix.lower() != ".xlsx":
            raise InvalidArgumentError.of(
                N_("{path}: a report is written as .xlsx, not {suffix}"),
                path=output,
                suffix=output.suffix or "''",
            )
        edits = {
            sheet: SheetEdits(mark=marks)  # each a stream in row order: never held whole
            for sheet, marks in _sheet_marks(result, lang).items()
        }
        edit_workbook(
            source,
            output,
            edits,
            summary=Summary(translate(N_("Summary"), language), summary, language),
            comments_at_end=True,
        )
        return output
    first = result.record_sheets[0] if result.record_sheets else None
    if first is not None and first.header:
        header_rows = first.header_rows or (1, 1)
        rows = list(_rows(result, header_rows))
        return mark_problems(
            output,
            [
                CellMark(r, c, text, level)
                for sheet, r, c, level, text in _marks(result, lang)
                if sheet is None
            ],
            summary,
            header=list(first.header),
            rows=rows,
            header_row=header_rows[1],
            language=language,
        )
    if first is not None:  # JSON Lines: the keys of all records as the header, on row 1
        header, rows = _records(result)
        return mark_problems(
            output,
            _jsonl_marks(result, header, lang),
            summary,
            header=header,
            rows=rows,
            language=language,
        )
    return mark_problems(output, [], summary, header=[], rows=[], language=language)


def _marks(result: FileCheck, lang: str) -> Iterator[tuple[str | None, int, int, Severity, str]]:
    """(sheet, row, column, severity, text) of every problem of a record and every finding
    that has a cell: the records' in the file's order, then the findings'."""
    for sheet in result.record_sheets:
        for row, column, mark in _record_marks(result, sheet, lang):
            yield sheet.name, row, column, mark.severity, mark.text
    for sheet_name, row, column, text in _finding_cells(result, lang):
        yield sheet_name, row, column, Severity.ERROR, text


def _sheet_marks(result: FileCheck, lang: str) -> dict[str, Iterable[tuple[int, int, Mark]]]:
    """The marks of each sheet of a workbook that has one, as a stream in row order (row,
    then column; a cell's marks in the order found: its record's problems, then findings).

    The records' marks are read from the check's rows when the room asks for
    the sheet (the rows of a list of millions are on disk); the findings
    with a cell are few enough to sort.  A name two sheets share (Excel
    forbids it; a hand-edited file may not) gets one list of the marks of
    both, which the room sorts and gives to each.
    """
    found: dict[str, list[tuple[int, int, Mark]]] = {}
    for sheet_name, row, column, text in _finding_cells(result, lang):
        if sheet_name is not None:
            found.setdefault(sheet_name, []).append((row, column, Mark(Severity.ERROR, text)))
    rows = result.rows
    # (every row kept has a problem, so each of these sheets has a mark)
    with_rows = set(rows.sheets) if isinstance(rows, RowChecks) else {r.sheet for r in rows}
    named = Counter(sheet.name for sheet in result.sheets)
    marks: dict[str, Iterable[tuple[int, int, Mark]]] = {}
    for sheet in result.record_sheets:
        name = sheet.name
        if name is None or not sheet.header or name not in with_rows:
            continue
        records = _record_marks(result, sheet, lang)
        if named[name] > 1:  # the rows of every sheet of the name (the last one's columns, as 0.4)
            marks[name] = list(records)
        else:
            cells = sorted(found.pop(name, []), key=_PLACE)
            marks[name] = heapq.merge(records, cells, key=_PLACE)  # ties: the records' first
    for name, cells in found.items():
        if named[name] > 1:
            marks[name] = [*marks.get(name, ()), *cells]
        else:
            marks[name] = sorted(cells, key=_PLACE)
    return marks


#: The cell of a mark: (row, column).
_PLACE = operator.itemgetter(0, 1)


def _record_marks(
    result: FileCheck, sheet: SheetCheck, lang: str
) -> Iterator[tuple[int, int, Mark]]:
    """(row, column, mark) of each problem of the records of ``sheet``, in row order; a row's
    marks by column, a cell's in the order of its problems.

    A mark said of many cells (the same problem in every row) is one object.
    """
    if not sheet.header:
        return
    looks: dict[tuple[bool, str], Mark] = {}
    name = sheet.name
    for row in result.rows:
        if row.sheet != name:
            continue
        marks = []
        for p in row.report.problems:
            index = sheet.columns.get(p.field)
            if index is None and p.field.startswith("(column "):
                index = int(p.field[len("(column ") : -1]) - 1
            text = p.localized(lang)
            mark = looks.get((p.warning, text))
            if mark is None:
                severity = Severity.WARNING if p.warning else Severity.ERROR
                mark = looks[p.warning, text] = Mark(severity, text)
            marks.append((row.row, sheet.first_column + (index or 0), mark))
        if len(marks) > 1:
            marks.sort(key=lambda mark: mark[1])
        yield from marks


def _finding_cells(result: FileCheck, lang: str) -> Iterator[tuple[str | None, int, int, str]]:
    """(sheet, row, column, text) of each finding that has a cell (sheet None: a CSV file's)."""
    for finding in result.findings:
        where = finding.location
        if where.sheet is not None and where.cell is not None and where.part is None:
            m = _CELL.fullmatch(where.cell)
            if m is not None:
                yield where.sheet, int(m.group(2)), column_number(m.group(1)), finding.words(lang)
        elif where.row is not None and where.column is not None and where.column.isupper():
            yield None, where.row, column_number(where.column), finding.words(lang)


def _rows(result: FileCheck, header_rows: tuple[int, int]) -> Iterator[tuple[int, Sequence[str]]]:
    """The rows of a CSV file other than its header, read again to be copied."""
    document = open_document(result.path, encoding=result.details.get("encoding"))
    for sheet in document.sheets():
        for row, values in sheet.rows():
            if not header_rows[0] <= row <= header_rows[1]:
                yield row, values


def _records(result: FileCheck) -> tuple[list[str], list[tuple[int, Sequence[str]]]]:
    """A JSON Lines file's records, read again: the keys as a header, a line's record on line + 1."""
    document = open_document(result.path, encoding=result.details.get("encoding"))
    records = [
        (line, record)
        for sheet in document.sheets()
        if sheet.records is not None
        for line, record in sheet.records()
    ]
    header = list(dict.fromkeys(key for _, record in records for key in record))
    return header, [(line + 1, [record.get(key, "") for key in header]) for line, record in records]


def _jsonl_marks(result: FileCheck, header: list[str], lang: str) -> list[CellMark]:
    where = {name: index for index, name in enumerate(header)}
    marks = []
    for row in result.rows:
        for p in row.report.problems:
            severity = Severity.WARNING if p.warning else Severity.ERROR
            column = where.get(p.field, 0) + 1
            marks.append(CellMark(row.row + 1, column, p.localized(lang), severity))
    return marks
