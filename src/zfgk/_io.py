"""Reading exported files as streams and writing output atomically (internal).

Encodings: UTF-8, UTF-8 with a BOM, GB18030 (what Excel in China writes as
"CSV") and UTF-16 with a BOM, little- or big-endian (Excel's "Unicode
text"); detected from the bytes, or forced.  Separators: a comma, or a tab
when the header holds more tabs than commas (Excel's "Unicode text" is
tab-separated).  Rows are numbered as a spreadsheet shows them: the header
is row 1, and each record is one row, however many line breaks its quoted
cells hold.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import itertools
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

import attrs

from zfgk.errors import ZfgkError
from zfgk.i18n import N_, os_reason

__all__ = [
    "InputError",
    "OutputError",
    "TextFormat",
    "atomic_binary",
    "atomic_output",
    "csv_records",
    "detect_encoding",
    "make_folder",
    "read_lines",
    "read_records",
    "read_table",
]

_CHUNK = 1 << 16

#: The encodings zfgk reads and writes, by the names it reports them with.
#: ``utf-16-le`` and ``utf-16-be`` are read and written with their BOM.
_CODECS = {
    "utf-8": ("utf-8", b""),
    "utf-8-sig": ("utf-8", codecs.BOM_UTF8),
    "gb18030": ("gb18030", b""),
    "utf-16-le": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be": ("utf-16-be", codecs.BOM_UTF16_BE),
}
# A decoded line holding a surrogate held bytes that are not text in its encoding.
_BAD = re.compile("[\ud800-\udfff]")


class InputError(ZfgkError, ValueError):
    """An input file cannot be read: missing, undecodable, or malformed; says where."""


class OutputError(ZfgkError, OSError):
    """An output file or folder cannot be written; says which and why.

    Nothing is left behind: the file it would have replaced is untouched.
    """


class _Undecodable(InputError):
    """Bytes that are not text in the file's encoding, on physical line ``line``."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return None


def detect_encoding(path: Path) -> str:
    """The encoding of a file: by its BOM, else ``utf-8`` if it decodes as such, else ``gb18030``.

    >>> import codecs, pathlib, tempfile
    >>> from zfgk._io import detect_encoding
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes("姓名\\n".encode("gb18030"))
    >>> _ = (folder / "b.txt").write_bytes(codecs.BOM_UTF16_LE + "姓名\\t房号\\r\\n".encode("utf-16-le"))
    >>> detect_encoding(folder / "a.csv"), detect_encoding(folder / "b.txt")
    ('gb18030', 'utf-16-le')
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            head = f.read(3)
            found = _bom_encoding(head)
            if found is not None:
                return found
            decoder.decode(head)
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    except OSError as e:
        raise InputError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
    return "utf-8"


def _resolve(path: Path, encoding: str | None) -> str:
    """The encoding to read ``path`` with: detected, or the one forced, in zfgk's names."""
    if encoding is None:
        return detect_encoding(path)
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError.of(N_("unknown encoding {encoding!r}"), encoding=encoding) from None
    if name in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            with path.open("rb") as f:
                found = _bom_encoding(f.read(2))
        except OSError as e:
            raise InputError.of(
                N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
            ) from None
        if found is not None and found.startswith("utf-16"):
            return found
        raise InputError.of(
            N_(
                '{path}: the file does not start with a UTF-16 byte-order mark; zfgk reads UTF-16 as Excel writes it ("Unicode text"), with its BOM'
            ),
            path=path,
        )
    if name == "utf-8":
        return "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8-sig" else "utf-8"
    if name in ("gb18030", "gbk", "gb2312"):
        return "gb18030"
    return name


@attrs.frozen
class TextFormat:
    """How a delimited text file is written: its encoding and its separator.

    >>> from zfgk._io import TextFormat
    >>> TextFormat("utf-16-le", "\\t").codec, TextFormat("utf-16-le", "\\t").bom
    ('utf-16-le', b'\\xff\\xfe')
    """

    encoding: str
    delimiter: str = ","

    @property
    def codec(self) -> str:
        """The Python codec that decodes the text after the BOM."""
        return _CODECS.get(self.encoding, (self.encoding, b""))[0]

    @property
    def bom(self) -> bytes:
        """The byte-order mark the file starts with (empty for none)."""
        return _CODECS.get(self.encoding, (self.encoding, b""))[1]


def _open_text(path: Path, encoding: str) -> TextIO:
    """A text stream positioned after the BOM; undecodable bytes become surrogates."""
    fmt = TextFormat(encoding)
    try:
        f: BinaryIO = path.open("rb")
    except OSError as e:
        raise InputError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
    if fmt.bom and f.read(len(fmt.bom)) != fmt.bom:
        f.seek(0)
    errors = "surrogatepass" if fmt.codec.startswith("utf-16") else "surrogateescape"
    return io.TextIOWrapper(f, encoding=fmt.codec, errors=errors, newline="")


def read_lines(path: Path, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, line endings kept, decoded as a stream.

    A line holding bytes that are not text in the encoding raises
    :class:`InputError` naming its line.
    """
    encoding = _resolve(path, encoding)
    with _open_text(path, encoding) as text:
        number = 0
        try:
            for number, line in enumerate(text, start=1):
                if _BAD.search(line):
                    raise _Undecodable.of(
                        N_(
                            "{path}: row {number}: bytes that are not {encoding} text; save the file as UTF-8 or pass --encoding"
                        ),
                        number,
                        path=path,
                        number=number,
                        encoding=encoding,
                    )
                yield number, line
        except UnicodeDecodeError:
            raise _Undecodable.of(
                N_(
                    "{path}: row {row}: the file ends in the middle of a character ({encoding}); is it truncated?"
                ),
                number + 1,
                path=path,
                row=number + 1,
                encoding=encoding,
            ) from None


def sniff_delimiter(header_line: str) -> str:
    """A tab when the header holds more tabs than commas, else a comma.

    >>> from zfgk._io import sniff_delimiter
    >>> sniff_delimiter("姓名\\t身份证号\\t备注（含,号）\\r\\n"), sniff_delimiter("姓名,身份证号\\n")
    ('\\t', ',')
    """
    return "\t" if header_line.count("\t") > header_line.count(",") else ","


def csv_records(
    lines: Iterator[tuple[int, str]], path: Path, delimiter: str = ","
) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """(row, record text, field spans) of each record (RFC 4180), for byte-exact rewriting.

    A record may span several lines inside quotes; rows count records, so
    the header is row 1 and a record after a multi-line cell is the next
    row, as a spreadsheet shows it.  Each span is (start, end) in the record
    text, quotes included; the record text keeps its line ending.

    >>> from pathlib import Path
    >>> from zfgk._io import csv_records
    >>> lines = iter([(1, 'a,"b,1"\\r\\n'), (2, '"x\\n'), (3, 'y",2\\n'), (4, 'z,3\\n')])
    >>> [(row, spans) for row, _, spans in csv_records(lines, Path("t.csv"))]
    [(1, [(0, 1), (2, 7)]), (2, [(0, 5), (6, 7)]), (3, [(0, 1), (2, 3)])]
    """
    pending = ""
    row = 0
    for _, line in lines:
        pending += line
        if pending.count('"') % 2:
            continue
        row += 1
        yield row, pending, _spans(pending, path, row, delimiter)
        pending = ""
    if pending:
        raise InputError.of(
            N_(
                "{path}: row {row}: a quoted field is not closed before the end of the file (is the file truncated?)"
            ),
            path=path,
            row=row + 1,
        )


def read_records(
    path: Path, encoding: str | None = None
) -> tuple[TextFormat, Iterator[tuple[int, str, list[tuple[int, int]]]]]:
    """The format of a delimited file and its records, as :func:`csv_records` gives them.

    The encoding is detected (or forced) and the separator read off the
    header, so that a rewritten file can keep both.

    >>> import codecs, pathlib, tempfile
    >>> from zfgk._io import read_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.txt"
    >>> _ = path.write_bytes(codecs.BOM_UTF16_LE + "姓名\\t备注\\r\\n张三\\t\\"两\\r\\n行\\"\\r\\n李四\\t无\\r\\n".encode("utf-16-le"))
    >>> fmt, records = read_records(path)
    >>> fmt.encoding, fmt.delimiter, [row for row, _, _ in records]
    ('utf-16-le', '\\t', [1, 2, 3])
    """
    encoding = _resolve(path, encoding)
    lines = read_lines(path, encoding)
    first = next(lines, None)
    if first is None:
        raise InputError.of(N_("{path}: the file is empty"), path=path)
    fmt = TextFormat(encoding, sniff_delimiter(first[1]))
    return fmt, csv_records(itertools.chain([first], lines), path, fmt.delimiter)


def _spans(record: str, path: Path, row: int, delimiter: str) -> list[tuple[int, int]]:
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
            if end < body_end and record[end] != delimiter:
                raise InputError.of(
                    N_("{path}: row {row}: text after the closing quote of field {field}"),
                    path=path,
                    row=row,
                    field=len(spans) + 1,
                )
        else:
            found = record.find(delimiter, i, body_end)
            end = body_end if found == -1 else found
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


def quote_like(original: str, value: str, delimiter: str = ",") -> str:
    """Write ``value`` as a CSV field, quoted if the original was or if it must be.

    >>> from zfgk._io import quote_like
    >>> quote_like('"x"', "张*"), quote_like("x", "a,b"), quote_like("x", "a,b", "\\t")
    ('"张*"', '"a,b"', 'a,b')
    """
    if original.startswith('"') or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


@contextmanager
def atomic_binary(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only if the block succeeds.

    It writes a temporary file beside ``path`` and renames it into place;
    on any error the temporary file is removed and ``path`` is untouched.
    A file or folder that cannot be written raises :class:`OutputError`.
    """
    try:
        fd, tmp = tempfile.mkstemp(
            dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        raise _cannot_write(path, e) from None
    try:
        with os.fdopen(fd, "wb") as raw:
            yield raw
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        # Writing the output failed (not reading some input): say which file.
        if (
            isinstance(e, OSError)
            and not isinstance(e, OutputError)
            and e.filename in (None, tmp, str(path))
        ):
            raise _cannot_write(path, e) from None
        raise


def _cannot_write(path: Path, error: OSError) -> OutputError:
    return OutputError.of(
        N_("{path}: cannot write the file: {reason}"), path=path, reason=os_reason(error)
    )


@contextmanager
def atomic_output(path: Path, encoding: str) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only if the block succeeds.

    ``encoding`` is one of zfgk's names (``utf-16-le`` writes its BOM first).
    As :func:`atomic_binary`: on any error ``path`` is untouched.
    """
    fmt = TextFormat(encoding)
    with atomic_binary(path) as raw:
        raw.write(fmt.bom)
        with io.TextIOWrapper(raw, encoding=fmt.codec, newline="") as f:
            yield f


def make_folder(path: Path) -> None:
    """Create the folder ``path`` (and its parents) unless it exists; :class:`OutputError` if not."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError.of(
            N_("{path}: cannot create the folder: {reason}"), path=path, reason=os_reason(e)
        ) from None


Row = tuple[int, dict[str, str]]
Values = tuple[int, list[str]]


class Table:
    """The rows of an exported file, streamed; ``header`` is None for JSON Lines.

    :meth:`rows` gives each row as a dict; :meth:`lists` the values of a
    table with a header in the header's order, faster.  Blank rows are
    counted in ``blank_rows`` (and in the row numbers), never validated.
    ``format`` is the encoding and separator of a delimited text file.
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
        self.records = 0
        self._lists = lists
        self._dicts = dicts

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
                self.records += 1
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


def _check_header(header: Sequence[str], path: Path) -> None:
    seen: dict[str, int] = {}
    for index, name in enumerate(header, start=1):
        key = name.strip()
        if key in seen:
            raise InputError.of(
                N_(
                    "{path}: row 1: column {name!r} appears twice (columns {first} and {second}); rename one so that no value is lost"
                ),
                path=path,
                name=name,
                first=seen[key],
                second=index,
            )
        seen[key] = index


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Open a CSV/TSV/Unicode text, JSON Lines (.jsonl/.ndjson) or .xlsx file as a :class:`Table`."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_table(path, encoding)
    if suffix == ".xlsx":
        return _xlsx_table(path)
    return _delimited_table(path, encoding)


def _lines(text: TextIO) -> Iterator[str]:
    """The lines of ``text``; a line with undecodable bytes raises."""
    for line in text:
        if _BAD.search(line):
            raise _Undecodable.of(N_("bytes that are not text in the file's encoding"), 0)
        yield line


def _delimited_table(path: Path, encoding: str | None) -> Table:
    detected = encoding is None
    encoding = _resolve(path, encoding)
    text = _open_text(path, encoding)
    # A file detected as UTF-8 decoded cleanly in full: no line needs checking.
    checked = detected and encoding in ("utf-8", "utf-8-sig")
    lines: Iterator[str] = iter(text) if checked else _lines(text)
    try:
        first = next(lines, None)
    except _Undecodable:
        text.close()
        raise InputError.of(
            N_(
                "{path}: row 1: bytes that are not {encoding} text; save the file as UTF-8 or pass --encoding"
            ),
            path=path,
            encoding=encoding,
        ) from None
    if first is None:
        text.close()
        raise InputError.of(N_("{path}: the file is empty"), path=path)
    fmt = TextFormat(encoding, sniff_delimiter(first))
    reader = csv.reader(itertools.chain([first], lines), delimiter=fmt.delimiter, strict=True)
    row = 1
    try:
        header = [value.strip() for value in next(reader)]
    except (csv.Error, _Undecodable, UnicodeDecodeError) as e:
        text.close()
        raise _input_error(path, row, encoding, e) from None
    _check_header(header, path)

    def lists() -> Iterator[Values]:
        nonlocal row
        with text:
            try:
                for values in reader:
                    row += 1
                    first_cell = values[0] if values else ""
                    if (first_cell and not first_cell.isspace()) or "".join(values).strip():
                        table.records += 1
                        yield row, values
                    else:
                        table.blank_rows += 1
            except (csv.Error, _Undecodable, UnicodeDecodeError) as e:
                raise _input_error(path, row + 1, encoding, e) from None

    table = Table(header, lists=lists(), fmt=fmt)
    return table


def _input_error(path: Path, row: int, encoding: str, error: Exception) -> InputError:
    """What went wrong reading record ``row`` of a delimited file, said for people."""
    if isinstance(error, _Undecodable):
        return InputError.of(
            N_(
                "{path}: row {row}: bytes that are not {encoding} text; save the file as UTF-8 or pass --encoding"
            ),
            path=path,
            row=row,
            encoding=encoding,
        )
    if isinstance(error, UnicodeDecodeError):
        return InputError.of(
            N_(
                "{path}: row {row}: the file ends in the middle of a character ({encoding}); is it truncated?"
            ),
            path=path,
            row=row,
            encoding=encoding,
        )
    if "unexpected end of data" in str(error):
        return InputError.of(
            N_(
                "{path}: row {row}: a quoted field is not closed before the end of the file (is the file truncated?)"
            ),
            path=path,
            row=row,
        )
    return InputError.of(
        N_("{path}: row {row}: not a well-formed CSV row ({error})"),
        path=path,
        row=row,
        error=error,
    )


def _jsonl_table(path: Path, encoding: str | None) -> Table:
    import json

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


def _xlsx_table(path: Path) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise InputError.of(
            N_(
                "reading .xlsx files needs openpyxl: pip install 'zfgk[xlsx]' (or save the sheet as CSV)"
            )
        ) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError.of(
            N_("{path}: cannot read the file: {strerror}"),
            path=path,
            strerror=os_reason(FileNotFoundError(errno.ENOENT, "")),
        ) from None
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise InputError.of(
            N_("{path}: not a readable .xlsx workbook ({kind})"),
            path=path,
            kind=type(e).__name__,
        ) from None
    sheet = workbook.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    first = next(cells, None)
    if first is None:
        raise InputError.of(N_("{path}: the first sheet is empty"), path=path)
    header = ["" if v is None else str(v).strip() for v in first]
    while header and not header[-1]:
        header.pop()
    _check_header(header, path)

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def lists() -> Iterator[Values]:
        for number, values in enumerate(cells, start=2):
            strings = [text(v) for v in values]
            while len(strings) > len(header) and not strings[-1].strip():
                strings.pop()
            yield number, strings
        workbook.close()

    return Table(header, lists=lists())
