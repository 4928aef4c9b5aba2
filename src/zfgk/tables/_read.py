"""Opening a table of any format zfgk reads, and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._delimited import delimited_table, read_lines
from zfgk.tables._table import Row, Table
from zfgk.tables._workbooks import xlsx_table

__all__ = ["jsonl_table", "read_table"]


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Open a CSV/TSV/Unicode text, JSON Lines (.jsonl/.ndjson) or .xlsx file as a :class:`Table`.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import read_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.jsonl"
    >>> _ = path.write_text('{"姓名": "张*", "面积": 50}\\n\\n', encoding="utf-8")
    >>> table = read_table(path)
    >>> table.header, list(table.rows()), table.blank_rows
    (None, [(1, {'姓名': '张*', '面积': '50'})], 1)
    """
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return jsonl_table(path, encoding)
    if suffix == ".xlsx":
        return xlsx_table(path)
    return delimited_table(path, encoding)


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
