"""Reading exported files as streams and writing output atomically (internal).

Encodings: UTF-8, UTF-8 with a BOM, and GB18030 (what Excel in China writes
as "CSV"); detected from the bytes, or forced.  Rows are numbered as a
spreadsheet shows them: the first line of the file is row 1.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from zfgk.errors import ZfgkError

__all__ = ["InputError", "atomic_output", "csv_records", "detect_encoding", "read_lines"]

_CHUNK = 1 << 16


class InputError(ZfgkError, ValueError):
    """An input file cannot be read: missing, undecodable, or malformed; says where."""


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` (a BOM), ``utf-8`` (decodes cleanly) or ``gb18030``.

    >>> from zfgk._io import detect_encoding
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes("姓名\\n".encode("gb18030"))
    >>> detect_encoding(p)
    'gb18030'
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            head = f.read(3)
            if head == codecs.BOM_UTF8:
                return "utf-8-sig"
            decoder.decode(head)
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    except OSError as e:
        raise InputError(f"{path}: cannot read the file: {e.strerror}") from None
    return "utf-8"


def read_lines(path: Path, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, line endings kept, decoded one line at a time.

    A line that cannot be decoded raises :class:`InputError` naming its row.
    """
    encoding = encoding or detect_encoding(path)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    try:
        f: BinaryIO = path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read the file: {e.strerror}") from None
    with f:
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
        for number, raw in enumerate(f, start=1):
            data = raw[3:] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw
            try:
                yield number, data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{path}: row {number}: bytes that are not {encoding} text "
                    f"(at byte {e.start} of the row); save the file as UTF-8 or pass --encoding"
                ) from None


def csv_records(
    lines: Iterator[tuple[int, str]], path: Path
) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """(row number, record text, field spans) for each CSV record (RFC 4180).

    A record may span several lines inside quotes; its row number is that of
    its first line.  Each span is (start, end) in the record text, quotes
    included; the record text keeps its line ending.

    >>> from zfgk._io import csv_records
    >>> from pathlib import Path
    >>> lines = iter([(1, 'a,"b,1"\\r\\n'), (2, '"x\\n'), (3, 'y",2\\n')])
    >>> [(row, spans) for row, _, spans in csv_records(lines, Path("t.csv"))]
    [(1, [(0, 1), (2, 7)]), (2, [(0, 5), (6, 7)])]
    """
    pending = ""
    first_row = 0
    for number, line in lines:
        if not pending:
            first_row = number
        pending += line
        if pending.count('"') % 2:
            continue
        yield first_row, pending, _spans(pending, path, first_row)
        pending = ""
    if pending:
        raise InputError(
            f"{path}: row {first_row}: a quoted field is not closed before the end of the file "
            "(is the file truncated?)"
        )


def _spans(record: str, path: Path, row: int) -> list[tuple[int, int]]:
    body_end = len(record.rstrip("\r\n"))
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        if i < body_end and record[i] == '"':
            j = i + 1
            while True:
                k = record.find('"', j)
                if k + 1 < len(record) and record[k + 1] == '"':
                    j = k + 2
                    continue
                break
            end = k + 1
            if end < body_end and record[end] != ",":
                raise InputError(
                    f"{path}: row {row}: text after the closing quote of field {len(spans) + 1}"
                )
        else:
            comma = record.find(",", i, body_end)
            end = body_end if comma == -1 else comma
        spans.append((i, end))
        if end >= body_end:
            return spans
        i = end + 1


def unquote(field: str) -> str:
    """The value of a CSV field as written.

    >>> from zfgk._io import unquote
    >>> unquote('"a ""b"" c"'), unquote("c")
    ('a "b" c', 'c')
    """
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def quote_like(original: str, value: str) -> str:
    """Write ``value`` as a CSV field, quoted if the original was or if it must be.

    >>> from zfgk._io import quote_like
    >>> quote_like('"x"', "张*"), quote_like("x", "a,b")
    ('"张*"', '"a,b"')
    """
    if original.startswith('"') or any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


@contextmanager
def atomic_output(path: Path, encoding: str) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only if the block succeeds.

    It writes a temporary file beside ``path`` and renames it into place;
    on any error the temporary file is removed and ``path`` is untouched.
    """
    directory = path.resolve().parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


Row = tuple[int, dict[str, str]]


class Table:
    """Rows of an exported file as dicts, streamed; ``header`` is None for JSON Lines.

    ``blank_rows`` counts the rows that held nothing (they are not validated,
    but they are counted).
    """

    def __init__(self, header: list[str] | None, rows: Iterator[Row]) -> None:
        self.header = header
        self.rows = rows
        self.blank_rows = 0


def _check_header(header: list[str], path: Path) -> None:
    seen: dict[str, int] = {}
    for index, name in enumerate(header, start=1):
        key = name.strip()
        if key in seen:
            raise InputError(
                f"{path}: row 1: column {name!r} appears twice (columns {seen[key]} and {index}); "
                "rename one so that no value is lost"
            )
        seen[key] = index


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Open a CSV, JSON Lines (.jsonl/.ndjson) or .xlsx file as a :class:`Table`."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_table(path, encoding)
    if suffix == ".xlsx":
        return _xlsx_table(path)
    return _csv_table(path, encoding)


def _csv_table(path: Path, encoding: str | None) -> Table:
    records = csv_records(read_lines(path, encoding), path)
    first = next(records, None)
    if first is None:
        raise InputError(f"{path}: the file is empty")
    _, text, spans = first
    header = [unquote(text[a:b]).strip() for a, b in spans]
    _check_header(header, path)
    table = Table(header, iter(()))

    def rows() -> Iterator[Row]:
        for row, record, record_spans in records:
            values = [unquote(record[a:b]) for a, b in record_spans]
            if len(values) == 1 and not values[0].strip():
                table.blank_rows += 1
                continue
            data = dict(zip(header, values, strict=False))
            for extra in range(len(header), len(values)):
                data[f"(column {extra + 1})"] = values[extra]
            for name in header[len(values) :]:
                data[name] = ""
            yield row, data

    table.rows = rows()
    return table


def _jsonl_table(path: Path, encoding: str | None) -> Table:
    import json

    table = Table(None, iter(()))

    def rows() -> Iterator[Row]:
        for number, line in read_lines(path, encoding):
            if not line.strip():
                table.blank_rows += 1
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}: row {number}: not valid JSON ({e.msg})") from None
            if not isinstance(data, dict):
                raise InputError(f"{path}: row {number}: expected a JSON object")
            yield number, {str(k): "" if v is None else str(v) for k, v in data.items()}

    table.rows = rows()
    return table


def _xlsx_table(path: Path) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            "reading .xlsx files needs openpyxl: pip install 'zfgk[xlsx]' "
            "(or save the sheet as CSV)"
        ) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"{path}: cannot read the file: No such file or directory") from None
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(e).__name__})") from None
    sheet = workbook.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    first = next(cells, None)
    if first is None:
        raise InputError(f"{path}: the first sheet is empty")
    header = ["" if v is None else str(v).strip() for v in first]
    while header and not header[-1]:
        header.pop()
    _check_header(header, path)
    table = Table(header, iter(()))

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def rows() -> Iterator[Row]:
        for number, values in enumerate(cells, start=2):
            strings = [text(v) for v in values]
            if not any(s.strip() for s in strings):
                table.blank_rows += 1
                continue
            data = dict(zip(header, strings, strict=False))
            for extra in range(len(header), len(strings)):
                if strings[extra].strip():
                    data[f"(column {extra + 1})"] = strings[extra]
            yield number, data
        workbook.close()

    table.rows = rows()
    return table
