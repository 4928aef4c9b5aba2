"""Delimited text (CSV, TSV, Excel's "Unicode text"): one line reader, one CSV parser.

Separators: a comma, or a tab when the header holds more tabs than commas
(Excel's "Unicode text" is tab-separated).  Rows are numbered as a
spreadsheet shows them: the header is row 1, and each record is one row,
however many line breaks its quoted cells hold.  A quote inside a cell that
does not start with one is text, as Excel and LibreOffice read it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._csv_formulas import Grid
from zfgk.tables._encodings import TextFormat, open_text, resolve_encoding
from zfgk.tables._formulas import evaluate, may_build_number, references
from zfgk.tables._layout import KnownNames, lay_out
from zfgk.tables._places import column_letters
from zfgk.tables._table import Table, Values

__all__ = [
    "CsvFormulas",
    "delimited_table",
    "quote_like",
    "read_lines",
    "read_records",
    "sniff_delimiter",
    "unquote",
]

#: A decoded line holding a surrogate held bytes that are not text in its encoding.
#: What no text file holds: bytes the encoding could not read (kept as lone surrogates) and NUL,
#: which is how UTF-16 or UTF-32 without a BOM reads as UTF-8 or GB18030 (a number would hide).
_BAD = re.compile("[\ud800-\udfff\x00]")

#: (row, record text, field spans) of a record; spans are None when the record
#: holds no quote, so that its fields are what splitting at the separator gives.
_Parsed = tuple[int, str, list[tuple[int, int]] | None]


class _Undecodable(Exception):
    """Bytes that are not text in the file's encoding (or a character cut off at the end)."""

    def __init__(self, truncated: bool) -> None:
        super().__init__()
        self.truncated = truncated


def _lines(text: TextIO, checked: bool) -> Iterator[str]:
    """The lines of ``text``, endings kept; :class:`_Undecodable` at the first that is not text.

    ``checked``: the whole file is known to decode, so no line needs looking at.
    """
    try:
        if checked:  # decoded in full: only a NUL (UTF-16 without its BOM) to look for
            for line in text:
                if "\x00" in line:
                    raise _Undecodable(truncated=False)
                yield line
            return
        for line in text:
            if _BAD.search(line):
                raise _Undecodable(truncated=False)
            yield line
    except UnicodeDecodeError:
        raise _Undecodable(truncated=True) from None


def _undecodable(path: Path, row: int, encoding: str, error: _Undecodable) -> InputError:
    """What :class:`_Undecodable` means on ``row`` of ``path``, said for people."""
    if error.truncated:
        return InputError.of(
            N_(
                "{path}: row {row}: the file ends in the middle of a character ({encoding}); is it truncated?"
            ),
            path=path,
            row=row,
            encoding=encoding,
        )
    return InputError.of(
        N_(
            "{path}: row {row}: bytes that are not {encoding} text; save the file as UTF-8 or pass --encoding"
        ),
        path=path,
        row=row,
        encoding=encoding,
    )


def read_lines(path: Path, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, line endings kept, decoded as a stream.

    The encoding is detected unless given.  A line holding bytes that are
    not text in the encoding raises :class:`~zfgk.errors.InputError` naming it.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import read_lines
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes("第一行\\r\\n第二行".encode("gb18030"))
    >>> list(read_lines(path))
    [(1, '第一行\\r\\n'), (2, '第二行')]
    >>> _ = path.write_bytes(b"ok\\n\\xff\\xfe\\n")
    >>> list(read_lines(path, "utf-8"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InputError: ...a.txt: row 2: bytes that are not utf-8 text; save the file as UTF-8 or pass --encoding
    """
    resolved = resolve_encoding(path, encoding)
    with open_text(path, resolved) as text:
        number = 0
        try:
            for number, line in enumerate(_lines(text, False), start=1):
                yield number, line
        except _Undecodable as e:
            raise _undecodable(path, number + 1, resolved, e) from None


def sniff_delimiter(header_line: str) -> str:
    """A tab when the header holds more tabs than commas, else a comma.

    >>> from zfgk.tables import sniff_delimiter
    >>> sniff_delimiter("姓名\\t身份证号\\t备注（含,号）\\r\\n"), sniff_delimiter("姓名,身份证号\\n")
    ('\\t', ',')
    """
    return "\t" if header_line.count("\t") > header_line.count(",") else ","


class _TextAfterQuote(Exception):
    def __init__(self, field: int) -> None:
        super().__init__()
        self.field = field


def _spans(record: str, delimiter: str) -> list[tuple[int, int]] | None:
    """The (start, end) of each field of ``record``, quotes included; None while a quote is open."""
    body_end = len(record.rstrip("\r\n"))
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        if i < body_end and record[i] == '"':
            j = i + 1
            while True:
                k = record.find('"', j)
                if k == -1:
                    return None  # the quoted field goes on in the next line
                if k + 1 < len(record) and record[k + 1] == '"':
                    j = k + 2
                    continue
                break
            end = k + 1
            if end < body_end and record[end] != delimiter:
                raise _TextAfterQuote(len(spans) + 1)
        else:
            found = record.find(delimiter, i, body_end)
            end = body_end if found == -1 else found
        spans.append((i, end))
        if end >= body_end:
            return spans
        i = end + 1


def _parse(lines: Iterator[str], path: Path, delimiter: str, encoding: str) -> Iterator[_Parsed]:
    """The records of the lines: the one CSV parser (RFC 4180, as Excel writes it)."""
    pending = ""
    row = 0
    try:
        for line in lines:
            record = pending + line if pending else line
            if '"' not in record:
                row += 1
                yield row, record, None
                continue
            try:
                spans = _spans(record, delimiter)
            except _TextAfterQuote as e:
                raise InputError.of(
                    N_("{path}: row {row}: text after the closing quote of field {field}"),
                    path=path,
                    row=row + 1,
                    field=e.field,
                ) from None
            if spans is None:
                pending = record
                continue
            pending = ""
            row += 1
            yield row, record, spans
    except _Undecodable as e:
        raise _undecodable(path, row + 1, encoding, e) from None
    if pending:
        raise InputError.of(
            N_(
                "{path}: row {row}: a quoted field is not closed before the end of the file (is the file truncated?)"
            ),
            path=path,
            row=row + 1,
        )


def _plain_spans(record: str, delimiter: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for field in record.rstrip("\r\n").split(delimiter):
        spans.append((start, start + len(field)))
        start += len(field) + 1
    return spans


def _values(record: str, spans: list[tuple[int, int]] | None, delimiter: str) -> list[str]:
    if spans is None:
        values = record.rstrip("\r\n").split(delimiter)
        if "=" in record:  # a formula without quotes: =138&12345678
            return [unquote(v) if v[:1] == "=" else v for v in values]
        return values
    return [unquote(record[a:b]) for a, b in spans]


def _open(path: Path, encoding: str | None) -> tuple[TextFormat, Iterator[_Parsed], TextIO]:
    """The format of a delimited file, its parsed records and the stream they come from."""
    # A file detected as UTF-8 decoded cleanly in full: no line needs checking.
    checked = encoding is None
    resolved = resolve_encoding(path, encoding)
    text = open_text(path, resolved)
    lines = _lines(text, checked and resolved == "utf-8")
    try:
        first = next(lines, None)
    except _Undecodable as e:
        text.close()
        raise _undecodable(path, 1, resolved, e) from None
    if first is None:
        text.close()
        raise InputError.of(N_("{path}: the file is empty"), path=path)
    fmt = TextFormat(resolved, sniff_delimiter(first))
    return fmt, _parse(itertools.chain([first], lines), path, fmt.delimiter, resolved), text


def read_records(
    path: Path, encoding: str | None = None
) -> tuple[TextFormat, Iterator[tuple[int, str, list[tuple[int, int]]]]]:
    """The format of a delimited file and its records, as :func:`csv_records` gives them.

    The encoding is detected (or forced) and the separator read off the
    header, so that a rewritten file can keep both.

    >>> import codecs, pathlib, tempfile
    >>> from zfgk.tables import read_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.txt"
    >>> _ = path.write_bytes(codecs.BOM_UTF16_LE + "姓名\\t备注\\r\\n张三\\t\\"两\\r\\n行\\"\\r\\n李四\\t无\\r\\n".encode("utf-16-le"))
    >>> fmt, records = read_records(path)
    >>> fmt.encoding, fmt.delimiter, [row for row, _, _ in records]
    ('utf-16-le', '\\t', [1, 2, 3])

    A record may span several lines inside quotes; rows count records, so
    the header is row 1 and a record after a multi-line cell is the next
    row, as a spreadsheet shows it.  Each span is (start, end) in the record
    text, quotes included; the record text keeps its line ending, for
    byte-exact rewriting.

    >>> _ = path.write_text('a,"b,1"\\r\\n"x\\ny",2\\nz,3\\n', encoding="utf-8")
    >>> [(row, text, spans) for row, text, spans in read_records(path)[1]]
    [(1, 'a,"b,1"\\r\\n', [(0, 1), (2, 7)]), (2, '"x\\ny",2\\n', [(0, 5), (6, 7)]), (3, 'z,3\\n', [(0, 1), (2, 3)])]
    """
    fmt, parsed, text = _open(path, encoding)

    def records() -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
        with text:
            for row, record, spans in parsed:
                yield row, record, _plain_spans(record, fmt.delimiter) if spans is None else spans

    return fmt, records()


#: A formula that names its own cell (``ROW()``, ``COLUMN()``): computed in the file's grid.
_OWN_PLACE = re.compile(r"\b(?:ROW|COLUMN)\s*\(", re.IGNORECASE)


class CsvFormulas:
    """The formulas of a delimited file that name its cells (``=C2&D2``, ``=C2*10000+D2``),
    computed as Excel and LibreOffice compute them on opening it.

    :meth:`row` takes a row's values (each field as :func:`unquote` reads it)
    and gives the shown text of each formula in it; the cells the formulas
    name are read from the file once more, only when a formula names one
    (:class:`zfgk.tables._csv_formulas.Grid`).  A formula that may build a
    number and cannot be computed stays as written, and ``unread`` is told
    its row and column letter.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import CsvFormulas, read_records, unquote
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text('前,后,合\\n1381234,5678,=A2&B2\\n1,2,"=IFNA(A2&""5678"",0)"\\n', "utf-8")
    >>> fmt, records = read_records(path)
    >>> formulas = CsvFormulas(path, fmt, lambda row, column: print("not read:", row, column))
    >>> for row, text, spans in records:
    ...     print(formulas.row(row, [unquote(text[a:b]) for a, b in spans]))
    ['前', '后', '合']
    ['1381234', '5678', '13812345678']
    not read: 3 C
    ['1', '2', '=IFNA(A2&"5678",0)']
    """

    def __init__(
        self, path: Path, fmt: TextFormat, unread: Callable[[int, str], None] | None = None
    ) -> None:
        self.path = path
        self.format = fmt
        self.unread = unread
        self.grid: Grid | None = None

    def _raw(self) -> Iterator[tuple[int, list[str]]]:
        """Each row's fields, quotes taken off, formulas as written."""
        _, parsed, text = _open(self.path, self.format.encoding)
        delimiter = self.format.delimiter
        with text:
            for row, record, spans in parsed:
                if spans is None:
                    yield row, record.rstrip("\r\n").split(delimiter)
                else:
                    yield row, [_unquoted(record[a:b]) for a, b in spans]

    def row(self, row: int, values: list[str]) -> list[str]:
        """``values`` with each formula that names cells (or its own: ``ROW()``) as it
        shows."""
        for index, value in enumerate(values):
            if value[:1] != "=":
                continue
            if self.grid is None and (references(value) or _OWN_PLACE.search(value)):
                self.grid = Grid(self._raw)
            shown = self.grid.shown(row, index + 1) if self.grid is not None else None
            if shown is not None:
                values[index] = shown
            elif self.unread is not None and may_build_number(value):
                self.unread(row, column_letters(index + 1))
        return values


def delimited_table(
    path: Path,
    encoding: str | None = None,
    *,
    known: KnownNames | None = None,
    header_row: int | None = None,
) -> Table:
    """A delimited text file as a :class:`~zfgk.tables.Table`, laid out as a sheet.

    The header is found as :func:`~zfgk.tables.find_header` finds it
    (``known`` names, or ``header_row``); titles above it and footers under
    the data are noted, not read as records (:func:`~zfgk.tables.lay_out`).

    >>> import pathlib, tempfile
    >>> from zfgk.tables import delimited_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text('姓名,备注\\n张*,"两\\n行"\\n李*,无\\n', encoding="gb18030")
    >>> table = delimited_table(path)
    >>> table.format, list(table.lists())
    (TextFormat(encoding='gb18030', delimiter=','), [(2, ['张*', '两\\n行']), (3, ['李*', '无'])])
    """
    fmt, parsed, text = _open(path, encoding)
    formulas = CsvFormulas(path, fmt)

    def rows() -> Iterator[Values]:
        with text:
            for row, record, spans in parsed:
                values = _values(record, spans, fmt.delimiter)
                yield row, formulas.row(row, values) if "=" in record else values

    try:
        return lay_out(rows(), path, known, header_row, fmt)
    except InputError:
        text.close()
        raise


def unquote(field: str) -> str:
    """The value of a CSV field as Excel and LibreOffice show it: its quotes taken off, and a
    formula of literals computed (exports write ``="0123"`` to keep a number's zeros, or
    ``="110105"&"19491231002X"``; :func:`~zfgk.tables._formulas.evaluate` reads them).

    >>> from zfgk.tables import unquote
    >>> unquote('"a ""b"" c"'), unquote("c")
    ('a "b" c', 'c')
    >>> unquote('="13812345678"'), unquote('="110105"&"19491231002X"'), unquote("=SUM(B2:B9)")
    ('13812345678', '11010519491231002X', '=SUM(B2:B9)')
    """
    field = _unquoted(field)
    if field[:1] == "=":
        shown = evaluate(field)
        if shown is not None:
            return shown
    return field


def _unquoted(field: str) -> str:
    """A CSV field with its quotes taken off."""
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def quote_like(original: str, value: str, delimiter: str = ",") -> str:
    """Write ``value`` as a CSV field, quoted if the original was or if it must be.

    >>> from zfgk.tables import quote_like
    >>> quote_like('"x"', "张*"), quote_like("x", "a,b"), quote_like("x", "a,b", "\\t")
    ('"张*"', '"a,b"', 'a,b')
    """
    if original.startswith('"') or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value
