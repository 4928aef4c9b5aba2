"""Opening a table of any format zfgk reads, and JSON Lines."""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from zfgk._arguments import UNNAMEABLE, as_path, nameable, quiet
from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._delimited import delimited_table, read_lines
from zfgk.tables._layout import KnownNames
from zfgk.tables._sniff import FileKind, sniff
from zfgk.tables._table import Row, Table
from zfgk.tables._workbooks import workbook_table

__all__ = ["JSON_LINES_SUFFIXES", "is_json_lines", "jsonl_table", "read_table"]

#: The names of JSON Lines files: :func:`read_table` reads them as such.
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


def is_json_lines(path: Path) -> bool:
    """Whether ``path`` holds JSON Lines: by its name, or a first character that opens an object.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import is_json_lines
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.txt"
    >>> _ = path.write_text('{"姓名": "张*"}\\n', encoding="utf-8")
    >>> is_json_lines(path), is_json_lines(path.with_suffix(".jsonl"))
    (True, True)
    """
    if path.suffix.lower() in JSON_LINES_SUFFIXES:
        return True
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError:
        return False  # the reader says what is wrong with the file
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


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

    An argument of the wrong type is a TypeError naming it:

    >>> read_table(folder / "名单.csv", sheet=1.0)
    Traceback (most recent call last):
    ...
    TypeError: sheet must be a str (a sheet's name), an int (its number from 1) or None, not float
    """
    path = _check_arguments(path, encoding, sheet, known, header_row)
    suffix = path.suffix.lower()
    if suffix not in JSON_LINES_SUFFIXES and sniff(path) is not FileKind.TEXT:
        return workbook_table(path, sheet, known=known, header_row=header_row)
    if sheet is not None:
        raise InputError.of(
            N_("{path}: a text file has no sheets to choose from (sheet {sheet})"),
            path=path,
            sheet=quiet(repr(sheet)),
        )
    if suffix in JSON_LINES_SUFFIXES:
        return jsonl_table(path, encoding)
    return delimited_table(path, encoding, known=known, header_row=header_row)


def _check_arguments(
    path: object, encoding: object, sheet: object, known: object, header_row: object
) -> Path:
    """``path`` as a Path, if :func:`read_table`'s arguments are of its types and can be."""
    path = as_path(path, "path")
    if not nameable(path):
        raise InputError.of(UNNAMEABLE, path=repr(os.fspath(path)))
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str or None, not {type(encoding).__name__}")
    if encoding is not None and (
        not encoding.isascii() or "\x00" in encoding or quiet(encoding) != encoding
    ):  # no codec has such a name
        raise InputError.of(N_("unknown encoding {encoding!r}"), encoding=quiet(encoding))
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, (str, int))):
        raise TypeError(
            "sheet must be a str (a sheet's name), an int (its number from 1) or None, "
            f"not {type(sheet).__name__}"
        )
    if known is not None and not callable(known):
        if isinstance(known, (str, bytes)) or not isinstance(known, Collection):
            raise TypeError(
                "known must be a collection of column names, or a function that tells one, "
                f"not {type(known).__name__}"
            )
        if not all(isinstance(name, str) for name in known):
            raise TypeError("known must be a collection of column names, each a str")
    if header_row is not None:
        if isinstance(header_row, bool) or not isinstance(header_row, int):
            raise TypeError(f"header_row must be an int or None, not {type(header_row).__name__}")
        if not 1 <= header_row < 10**9:
            raise InputError.of(
                N_("{path}: there is no row {row} to be the header"),
                path=path,
                row=quiet(header_row),
            )
    return path


class _Twice(Exception):
    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; :class:`_Twice` for a key given twice."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Twice(key)
        data[key] = value
    return data


def jsonl_table(path: Path, encoding: str | None = None) -> Table:
    """A JSON Lines file as a :class:`Table` without a header: one object a line.

    Values are strings (``null`` an empty one); a blank line is counted, not read.
    A key given twice in one object is an error: a reader would see both values.

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
                data = json.loads(line, object_pairs_hook=_once)
            except _Twice as e:  # the first value would be published, the last one checked
                raise InputError.of(
                    N_("{path}: row {number}: the key {key} appears twice in one object"),
                    path=path,
                    number=number,
                    key=quiet(json.dumps(e.key, ensure_ascii=False)),
                ) from None
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
