"""A check's problems as marks on the officer's own cells: :func:`problem_marks`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from zfgk.problems import Report
from zfgk.validation._validator import Validator
from zfgk.workbooks import CellMark, Severity

__all__ = ["field_columns", "problem_marks"]


def field_columns(validator: Validator, header: Sequence[str]) -> dict[str, int]:
    """Which column (from 0) a problem's field names: the column itself, or the field it covers.

    >>> import zfgk
    >>> from zfgk.validation import Validator, field_columns
    >>> field_columns(Validator(zfgk.load("chongqing").item(19)), ["序号", "姓名", "房号面积套型"])
    {'序号': 0, '姓名': 1, '保障对象姓名': 1, '房号面积套型': 2, '房号': 2, '面积': 2, '套型': 2}
    """
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
    where = field_columns(validator, header)
    for row, report in found:
        for p in report.problems:
            index = where.get(p.field)
            if index is None and p.field.startswith("(column "):
                index = int(p.field[len("(column ") : -1]) - 1
            severity = Severity.WARNING if p.warning else Severity.ERROR
            yield CellMark(row, first_column + (index or 0), p.localized(language), severity)
