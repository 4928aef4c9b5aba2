"""The rows of a table read from a file, streamed, and the checks every header passes."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from zfgk.errors import InputError
from zfgk.i18n import N_, Message
from zfgk.tables._encodings import TextFormat

__all__ = ["Row", "RowKind", "SkippedRows", "Table", "Values", "check_header"]

#: (row number, {column: value}) of a row.
Row = tuple[int, dict[str, str]]
#: (row number, values in the header's order) of a row.
Values = tuple[int, list[str]]


class RowKind(enum.StrEnum):
    """Why rows of a sheet are not records."""

    TITLE = "title"
    FOOTER = "footer"
    TOTAL = "total"


@attrs.frozen
class SkippedRows:
    """Rows ``first``–``last`` (as the sheet numbers them) that are not records, and why.

    ``text`` is the title (cut short), the footer's labels or the total's
    word: never the names or numbers a footer holds.

    >>> from zfgk.tables import RowKind, SkippedRows
    >>> note = SkippedRows(RowKind.TITLE, 1, 1, "2026年第三批公共租赁住房分配结果公示")
    >>> print(note.message)
    row 1: title 2026年第三批公共租赁住房分配结果公示, not a record
    >>> print(SkippedRows(RowKind.FOOTER, 9, 10, "制表人, 审核人, 日期").message.localized("zh"))
    第 9–10 行：表尾（制表人, 审核人, 日期），不是记录
    """

    kind: RowKind
    first: int
    last: int
    text: str

    @property
    def message(self) -> Message:
        """The note for people."""
        single = self.first == self.last
        if self.kind is RowKind.TITLE:
            template = (
                N_("row {first}: title {text}, not a record")
                if single
                else N_("rows {first}–{last}: title {text}, not records")
            )
        elif self.kind is RowKind.FOOTER:
            template = (
                N_("row {first}: footer ({text}), not a record")
                if single
                else N_("rows {first}–{last}: footer ({text}), not records")
            )
        else:
            template = (
                N_("row {first}: total ({text}), not a record")
                if single
                else N_("rows {first}–{last}: totals ({text}), not records")
            )
        return Message(template, first=self.first, last=self.last, text=self.text)

    def to_dict(self, language: str = "en") -> dict[str, str | int]:
        """The JSON form used in the summaries of ``zfgk check`` and ``zfgk audit``.

        >>> from zfgk.tables import RowKind, SkippedRows
        >>> SkippedRows(RowKind.TOTAL, 9, 9, "合计").to_dict("zh")
        {'kind': 'total', 'first_row': 9, 'last_row': 9, 'text': '合计', 'message': '第 9 行：合计行（合计），不是记录'}
        """
        return {
            "kind": self.kind.value,
            "first_row": self.first,
            "last_row": self.last,
            "text": self.text,
            "message": self.message.localized(language),
        }


class Table:
    """The records of a sheet or an exported file, streamed; ``header`` is None for JSON Lines.

    :meth:`rows` gives each record as a dict; :meth:`lists` the values of a
    table with a header in the header's order, faster.  Row numbers are the
    sheet's own.  As the records are read, blank rows are counted in
    ``blank_rows`` (never validated), records in ``record_count``, and rows
    that are not records (titles, footers, totals) noted in ``notes``;
    ``header_rows`` are the header's first and last rows.  ``format`` is
    the encoding and separator of a delimited text file, ``sheet`` the
    name of a workbook's sheet.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import read_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text("姓名,房号\\n张*,1-101\\n,\\n李*\\n", encoding="utf-8")
    >>> table = read_table(path)
    >>> table.header, list(table.rows())
    (['姓名', '房号'], [(2, {'姓名': '张*', '房号': '1-101'}), (4, {'姓名': '李*', '房号': ''})])
    >>> table.record_count, table.blank_rows
    (2, 1)
    """

    def __init__(
        self,
        header: list[str] | None,
        lists: Iterator[Values] | None = None,
        dicts: Iterator[Row] | None = None,
        fmt: TextFormat | None = None,
    ) -> None:
        self.header = header
        self.format = fmt
        self.blank_rows = 0
        self.record_count = 0
        #: The rows (first, last) of the header, as the sheet numbers them.
        self.header_rows = (1, 1) if header is not None else (0, 0)
        #: The name of the sheet read, for a workbook.
        self.sheet: str | None = None
        #: The column of the sheet (from 1) that holds the first value of each row.
        self.first_column = 1
        #: Rows that are not records (titles, footers, totals): complete once the rows are read.
        self.notes: list[SkippedRows] = []
        #: The cells of those rows and of the header, (row, values): not records, but
        #: published with them, so checks search them for full ID and mobile numbers.
        self.set_aside: list[Values] = []
        self._lists = lists
        self._dicts = dicts

    @property
    def header_place(self) -> Message:
        """Where the header is, for messages: ``row 3``, or ``rows 3–4`` for a header of two rows.

        >>> import pathlib, tempfile
        >>> from zfgk.tables import read_table
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
        >>> _ = path.write_text("2026年分配结果公示\\n姓名,房号\\n张*,1-101\\n", encoding="utf-8")
        >>> print(read_table(path, known=("姓名", "房号")).header_place)
        row 2
        """
        first, last = self.header_rows
        if first == last:
            return Message(N_("row {row}"), row=first)
        return Message(N_("rows {first}–{last}"), first=first, last=last)

    def set_lists(self, lists: Iterator[Values]) -> None:
        """Give the table its rows (for readers that count into the table as they read)."""
        self._lists = lists

    def lists(self) -> Iterator[Values]:
        """(row, values) of each row that is not blank; only for a table with a header."""
        if self._lists is None:
            raise TypeError("this table has no header: use rows()")
        return self._lists

    def rows(self) -> Iterator[Row]:
        """(row, {column: value}) of each row that is not blank.

        Cells beyond the header are named ``(column N)``; missing cells are
        empty strings.
        """
        if self._dicts is not None:
            for item in self._dicts:
                self.record_count += 1
                yield item
            return
        header = self.header or []
        for row, values in self.lists():
            data = dict(zip(header, values, strict=False))
            for extra in range(len(header), len(values)):
                data[f"(column {extra + 1})"] = values[extra]
            for name in header[len(values) :]:
                data[name] = ""
            yield row, data


def check_header(header: Sequence[str], path: Path, row: int = 1) -> None:
    """Raise :class:`~zfgk.errors.InputError` if two columns of ``header`` have one name.

    >>> from pathlib import Path
    >>> from zfgk.tables import check_header
    >>> check_header(["姓名", "房号"], Path("a.csv"))
    >>> check_header(["姓名", " 姓名"], Path("a.csv"))
    Traceback (most recent call last):
    ...
    zfgk.errors.InputError: a.csv: row 1: column ' 姓名' appears twice (columns 1 and 2); rename one so that no value is lost
    """
    seen: dict[str, int] = {}
    for index, name in enumerate(header, start=1):
        key = name.strip()
        if key in seen:
            raise InputError.of(
                N_(
                    "{path}: row {row}: column {name!r} appears twice (columns {first} and {second}); rename one so that no value is lost"
                ),
                path=path,
                row=row,
                name=name,
                first=seen[key],
                second=index,
            )
        seen[key] = index
