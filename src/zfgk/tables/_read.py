"""Opening a table of any format zfgk reads, and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._delimited import delimited_table, read_lines
from zfgk.tables._layout import KnownNames
from zfgk.tables._sniff import FileKind, sniff
from zfgk.tables._table import Row, Table
from zfgk.tables._workbooks import workbook_table

__all__ = ["jsonl_table", "read_table"]


def read_table(
    path: Path,
    encoding: str | None = None,
    *,
    sheet: str | int | None = None,
    known: KnownNames | None = None,
    header_row: int | None = None,
) -> Table:
    """Open a workbook, a delimited text or a JSON Lines file as a :class:`Table`.

    What the file is comes from its first bytes (:func:`sniff`): a workbook
    (.xlsx, .xlsm, .xlsb, .xls, .ods) reads through :func:`workbook_table`
    (``sheet`` chooses one), CSV/TSV/Excel's "Unicode text" through
    :func:`delimited_table`; a .jsonl or .ndjson file is JSON Lines.  In a
    sheet, the header is the row holding the most ``known`` names (or
    ``header_row``, as the sheet numbers it), titles above it and footers
    under the data are noted in ``table.notes``.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import read_table
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "名单.jsonl").write_text('{"姓名": "张*", "面积": 50}\\n\\n', encoding="utf-8")
    >>> table = read_table(folder / "名单.jsonl")
    >>> table.header, list(table.rows()), table.blank_rows
    (None, [(1, {'姓名': '张*', '面积': '50'})], 1)
    >>> _ = (folder / "名单.csv").write_text(
    ...     "2026年分配结果公示,,\\n序号,姓名,房号\\n1,张*,1-101\\n合计,,\\n", encoding="utf-8")
    >>> table = read_table(folder / "名单.csv", known={"姓名", "房号"})
    >>> table.header, list(table.lists()), [str(n.message) for n in table.notes]
    (['序号', '姓名', '房号'], [(3, ['1', '张*', '1-101'])], ['row 1: title 2026年分配结果公示, not a record', 'row 4: total (合计), not a record'])
    """
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".ndjson") and sniff(path) is not FileKind.TEXT:
        return workbook_table(path, sheet, known=known, header_row=header_row)
    if sheet is not None:
        raise InputError.of(
            N_("{path}: a text file has no sheets to choose from (sheet {sheet!r})"),
            path=path,
            sheet=sheet,
        )
    if suffix in (".jsonl", ".ndjson"):
        return jsonl_table(path, encoding)
    return delimited_table(path, encoding, known=known, header_row=header_row)


def jsonl_table(path: Path, encoding: str | None = None) -> Table:
    """A JSON Lines file as a :class:`Table` without a header: one object a line.

    Values are strings (``null`` an empty one); a blank line is counted, not read.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import jsonl_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.jsonl"
    >>> _ = path.write_text('{"姓名": "张*"}\\n[1]\\n', encoding="utf-8")
    >>> list(jsonl_table(path).rows())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InputError: ...名单.jsonl: row 2: expected a JSON object
    """

    def rows() -> Iterator[Row]:
        for number, line in read_lines(path, encoding):
            if not line.strip():
                table.blank_rows += 1
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError.of(
                    N_("{path}: row {number}: not valid JSON ({msg})"),
                    path=path,
                    number=number,
                    msg=e.msg,
                ) from None
            if not isinstance(data, dict):
                raise InputError.of(
                    N_("{path}: row {number}: expected a JSON object"), path=path, number=number
                )
            yield number, {str(k): "" if v is None else str(v) for k, v in data.items()}

    table = Table(None, dicts=rows())
    return table
