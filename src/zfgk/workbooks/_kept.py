"""What a converted workbook keeps, and what it loses, said once for every format (internal)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set
from datetime import date, datetime, time, timedelta

from zfgk.i18n import N_
from zfgk.tables import Worksheet
from zfgk.workbooks._build import BookBuilder, Column, SheetLayout, Style
from zfgk.workbooks._targets import Merge

__all__ = ["date_style", "fit_columns", "merges_of", "plain"]

_DATE_FORMAT, _DATETIME_FORMAT, _TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "hh:mm:ss"
LOST_FORMULAS = N_("formulas (their last values are kept)")
LOST_COMMENTS = N_("cell comments")
LOST_DRAWINGS = N_("images, charts and other drawings")
LOST_RULES = N_("conditional formatting and data validation")
LOST_PAGE = N_("page setup (margins, print titles and areas, headers and footers)")
LOST_PRINT = N_("print titles and areas, headers and footers")
LOST_LINKS = N_("hyperlinks")
LOST_STYLES = N_(
    "fonts, fills, borders, number formats, column widths and row heights (the .xlsb "
    "format's styles cannot be read)"
)


def date_style(value: object) -> str | None:
    """The number format a date, time or duration from a reader needs (None for others).

    >>> from datetime import date
    >>> from zfgk.workbooks._kept import date_style
    >>> date_style(date(2026, 9, 28)), date_style(45.6)
    ('yyyy-mm-dd', None)
    """
    if isinstance(value, datetime):
        return _DATE_FORMAT if value.time() == time() else _DATETIME_FORMAT
    if isinstance(value, date):
        return _DATE_FORMAT
    if isinstance(value, time | timedelta):
        return _TIME_FORMAT
    return None


def merges_of(sheet: Worksheet) -> list[Merge]:
    """A sheet's merged ranges as the builder takes them: from 1, (first row, column, last …)."""
    return [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in sheet.merges]


def fit_columns(
    rows: Sequence[Sequence[str]], wide: Set[tuple[int, int]] = frozenset()
) -> list[Column]:
    """Column widths fitted to the longest text (a Chinese character is two wide), 8 to 60.

    ``rows`` are the texts of each row from column 1; ``wide`` the cells
    (row, column, from 1) whose text spans several columns (a merged title),
    which do not widen theirs.

    >>> from zfgk.workbooks._kept import fit_columns
    >>> fit_columns([["序号", "原保障对象姓名"], ["1", "许春梅"]])
    [Column(first=1, last=1, width=8, hidden=False, style=0), Column(first=2, last=2, width=16, hidden=False, style=0)]
    """
    widths: dict[int, int] = {}
    for r, values in enumerate(rows, start=1):
        for c, text in enumerate(values, start=1):
            if (r, c) in wide:
                continue
            width = sum(1 if ch.isascii() else 2 for ch in text)
            widths[c] = max(widths.get(c, 0), width)
    return [Column(c, c, min(max(w + 2, 8), 60)) for c, w in sorted(widths.items())]


def plain(builder: BookBuilder, sheets: Sequence[Worksheet]) -> list[str]:
    """Values and merged ranges only: the way an .xlsb (whose styles nothing reads) is kept."""
    date_styles: dict[str, int] = {}

    def style_of(value: object) -> int:
        code = date_style(value)
        if code is None:
            return 0
        if code not in date_styles:
            date_styles[code] = builder.style(Style(number_format=code))
        return date_styles[code]

    for n, sheet in enumerate(sheets):
        merges = merges_of(sheet)
        wide = {(r1, c1) for r1, c1, _, c2 in merges if c2 > c1}
        texts = [
            [""] * (sheet.first_column - 1)
            + [
                ("" if (r, c) in wide else (v if isinstance(v, str) else str(v)))
                for c, v in enumerate(values, sheet.first_column)
            ]
            for r, values in enumerate(sheet.rows, sheet.first_row)
        ]
        pad = [[""]] * (sheet.first_row - 1)
        columns = fit_columns([*pad, *texts])

        def rows(
            sheet: Worksheet = sheet,
        ) -> Iterator[tuple[int, Iterator[tuple[int, object, int]]]]:
            for r, values in enumerate(sheet.rows, sheet.first_row):
                yield (
                    r,
                    (
                        (c, v, style_of(v))
                        for c, v in enumerate(values, sheet.first_column)
                        if v != ""
                    ),
                )

        builder.sheet(
            sheet.name,
            rows(),
            SheetLayout(
                state=sheet.state,
                merges=merges,
                columns=columns,
                landscape=True,
                fit_width=True,
                selected=n == 0,
            ),
        )
    return [LOST_STYLES, LOST_FORMULAS, LOST_COMMENTS, LOST_DRAWINGS, LOST_PAGE]
