"""Scanning what is published for unmasked ID and mobile numbers: one file, a folder, a site.

:func:`scan_file` reads one file as a person sees it, whatever it is (a
web page, a .docx, a PDF, a workbook, a CSV export, plain text: told by its
first bytes, not only its name) and says where each unmasked ID number and
mobile number is, never what it is.  It is the one function the ``zfgk
scan`` command, :func:`scan_paths` (every core of one machine) and a Dask
cluster (``docs/dask.md``) call for each file.  A file it cannot read is a
:class:`FileScan` whose :attr:`~FileScan.error` says why: never a pass.

>>> import pathlib, tempfile
>>> from zfgk.scanning import scan_file
>>> page = pathlib.Path(tempfile.mkdtemp()) / "公示.html"
>>> _ = page.write_text(
...     "<p>公示</p>\\n<td><span>500103</span><span>1990</span>03071239</td>\\n"
...     "<td>138<b>1234</b>5678</td>", encoding="utf-8")
>>> [finding.where() for finding in scan_file(page).findings]
[{'kind': 'id_number', 'line': 2}, {'kind': 'phone', 'line': 3}]
"""

from __future__ import annotations

import bisect
import errno
import fnmatch
import multiprocessing
import operator
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs

from zfgk.documents import PAGE_BREAK, Document, DocumentFormat, format_of, read
from zfgk.errors import DocumentError, InputError, ZfgkError
from zfgk.i18n import N_, os_reason
from zfgk.model import PersonalKind
from zfgk.privacy import find_pii, may_hold_pii
from zfgk.tables import FileKind, read_lines, read_records, sniff, workbook_cells, workbook_parts

__all__ = [
    "SCAN_SUFFIXES",
    "FileScan",
    "Finding",
    "scan_file",
    "scan_paths",
    "walk",
]

#: Workers start from a clean server process, not by forking the caller: a web service
#: or a test runner that embeds zfgk has threads, and forking a threaded process can
#: deadlock the child.  (Python 3.14 makes this the default on Linux.)
_CONTEXT = multiprocessing.get_context(
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None
)

#: Workbooks, by name: read cell by cell on every sheet.
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
#: The files a folder walk scans by default, by the end of their names (the content decides
#: how each is read).  A Word 97-2003 .doc is among them: zfgk cannot read it, and says so.
SCAN_SUFFIXES = frozenset(
    {
        *(".html", ".htm", ".shtml", ".xhtml"),
        *(".docx", ".docm", ".dotx", ".doc"),
        ".pdf",
        *WORKBOOK_SUFFIXES,
        *(".csv", ".tsv", ".txt", ".md"),
    }
)
#: Files read as tables: their numbers are spreadsheet rows and columns, not lines.
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
#: Text read as a table: a CSV, or an export a system named as a workbook.
_TABLES = TABLE_SUFFIXES | WORKBOOK_SUFFIXES
_HEAD = 4096
_ZIP_OR_OLE = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0")


@attrs.frozen
class Finding:
    """An unmasked personal number: its kind, and where it is, as the file's reader points to it.

    A page or a text file gives its ``line``; a PDF its ``page`` (as the PDF
    numbers it); a .docx its ``part`` and ``paragraph``; a workbook its
    ``sheet`` and ``cell`` (``B4``); a CSV export its ``row`` (as a
    spreadsheet shows it) and ``column`` (``C``).  Never the value.

    >>> from zfgk.model import PersonalKind
    >>> from zfgk.scanning import Finding
    >>> Finding(PersonalKind.PHONE, sheet="退出名单", cell="B4").where()
    {'kind': 'phone', 'sheet': '退出名单', 'cell': 'B4'}
    """

    kind: PersonalKind
    line: int | None = None
    page: str | None = None
    part: str | None = None
    paragraph: int | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self) -> dict[str, str | int]:
        """The kind (as :func:`zfgk.find_pii` names it) and the location, as JSON keys.

        >>> from zfgk.model import PersonalKind
        >>> from zfgk.scanning import Finding
        >>> Finding(PersonalKind.ID_NUMBER, row=4, column="C").where()
        {'kind': 'id_number', 'row': 4, 'column': 'C'}
        """
        found: dict[str, str | int] = {"kind": self.kind.value}
        for field in attrs.fields(Finding)[1:]:
            value = getattr(self, field.name)
            if value is not None:
                found[field.name] = value
        return found


@attrs.frozen
class FileScan:
    """What :func:`scan_file` found in one file: the findings in the file's order, or an error.

    ``format`` says how the file was read (``html``, ``docx``, ``pdf``,
    ``workbook``, ``table``, ``text``), ``None`` if it could not be.  When
    ``error`` is set the file, or part of it, could not be read: the
    findings before the error are kept, and the file must not be taken for
    clean (:attr:`clean` is false).

    >>> import pathlib, tempfile
    >>> from zfgk.scanning import scan_file
    >>> missing = scan_file(pathlib.Path(tempfile.mkdtemp()) / "none.txt")
    >>> missing.clean, missing.error is not None
    (False, True)
    """

    path: Path
    format: str | None
    findings: tuple[Finding, ...] = ()
    error: ZfgkError | None = attrs.field(default=None, eq=False)

    @property
    def clean(self) -> bool:
        """Whether the file was read whole and holds no unmasked number.

        >>> import pathlib, tempfile
        >>> from zfgk.scanning import scan_file
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("张*，110105********002X\\n", encoding="utf-8")
        >>> scan_file(path).clean
        True
        """
        return self.error is None and not self.findings


def scan_file(path: Path | str, encoding: str | None = None) -> FileScan:
    """Every unmasked ID number and mobile number in the file at ``path``, and where it is.

    What the file is comes from its first bytes (a PDF named ``.html`` is a
    PDF, a page saved as ``.doc`` is a page), then its name: pages, .docx and
    PDF as :func:`zfgk.documents.read` reads them; workbooks (.xlsx, .xls,
    .ods …) cell by cell on every sheet; .csv and .tsv files, Excel's
    "Unicode text" and the text some systems export under a workbook's name,
    by row and column; any other file line by line, in ``encoding``
    (detected when not given; pages and documents say their own).

    Never raises for a file it cannot read: the :class:`FileScan`'s
    ``error`` says why.

    >>> import pathlib, tempfile
    >>> from zfgk.scanning import scan_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text("姓名,身份证号\\n张三,11010519491231002X\\n", encoding="utf-8")
    >>> result = scan_file(path)
    >>> result.format, [f.where() for f in result.findings]
    ('table', [{'kind': 'id_number', 'row': 2, 'column': 'B'}])
    """
    path = Path(path)
    findings: list[Finding] = []
    form: str | None = None
    try:
        if path.is_dir():
            os.scandir(path).close()  # says why a folder that could not be walked cannot be
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would never end, a device neither
            raise InputError.of(
                N_("{path}: not a file but a device, a pipe or a socket: zfgk scans files"),
                path=path,
            )
        head = _head(path)
        document = format_of(path, head)
        if document is not None:
            form = document.value
            findings += _document_findings(read(path, document))
        elif head.startswith(_ZIP_OR_OLE):
            form = "workbook"
            findings += _workbook_findings(path)
        elif path.suffix.lower() in _TABLES or is_unicode_text(head, encoding):
            form = "table"
            findings += _table_findings(path, encoding)
        else:
            form = "text"
            for number, text in read_lines(path, encoding):
                findings += (Finding(m.kind, line=number) for m in find_pii(text))
    except ZfgkError as e:
        return FileScan(path, form, tuple(findings), e)
    except OSError as e:
        error = InputError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        )
        return FileScan(path, form, tuple(findings), error)
    return FileScan(path, form, tuple(findings))


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(_HEAD)


def _document_findings(document: Document) -> Iterator[Finding]:
    """Each number of a document where its reader points to it; then, a PDF's pages without text.

    A PDF page that holds no text is most often a scanned image, which zfgk
    cannot read: it is an error, never a pass.
    """
    for m in find_pii(document.text):
        at = document.locate(m.start)
        if document.format is DocumentFormat.HTML:
            yield Finding(m.kind, line=at.line)
        elif document.format is DocumentFormat.PDF:
            yield Finding(m.kind, page=at.page)
        else:
            yield Finding(m.kind, part=at.part, paragraph=at.paragraph)
    if document.format is DocumentFormat.PDF:
        blank, start = [], 0
        for text in document.text.split(PAGE_BREAK)[:-1]:
            if not text.strip():
                blank.append(document.locate(start).page or "?")
            start += len(text) + 1
        if blank:
            raise DocumentError.of(
                N_(
                    "{path}: no text on page {pages} (a scanned image?): zfgk cannot read it; "
                    "check it by eye, or make the PDF from its source document"
                ),
                path=document.path,
                pages=", ".join(blank),
            )


def _table_findings(path: Path, encoding: str | None) -> Iterator[Finding]:
    """Each number of a delimited file by row and column (the cell its first character is in)."""
    for row, text, spans in read_records(path, encoding)[1]:
        matches = find_pii(text)
        if not matches:
            continue
        starts = [start for start, _ in spans]
        for m in matches:
            index = max(bisect.bisect_right(starts, m.start) - 1, 0)
            yield Finding(m.kind, row=row, column=column_letter(index))


def _workbook_findings(path: Path) -> Iterator[Finding]:
    """Each number of a workbook by sheet and cell (``B4``), every sheet, hidden ones too."""
    for sheet, row, column, text in workbook_cells(path):
        if may_hold_pii(text):
            for m in find_pii(text):
                yield Finding(m.kind, sheet=sheet, cell=f"{column_letter(column - 1)}{row}")
    if sniff(path) is FileKind.XLSX:  # comments, links, headers, names: by the part
        for part, text in workbook_parts(path):
            if may_hold_pii(text):
                yield from (Finding(m.kind, part=part) for m in find_pii(text))


def column_letter(index: int) -> str:
    """The letters a spreadsheet names the column with, from its index counted from 0.

    >>> from zfgk.scanning import column_letter
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def is_unicode_text(head: bytes, encoding: str | None) -> bool:
    """Whether a file's first bytes are Excel's "Unicode text": UTF-16 with a BOM, tab-separated.

    >>> import codecs
    >>> from zfgk.scanning import is_unicode_text
    >>> is_unicode_text(codecs.BOM_UTF16_LE + "姓名\\t房号\\r\\n".encode("utf-16-le"), None)
    True
    >>> is_unicode_text(codecs.BOM_UTF16_LE + "一行文字\\r\\n".encode("utf-16-le"), None)
    False
    """
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) or encoding not in (None, "utf-16"):
        return False
    codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    first_line = head[2:].decode(codec, errors="ignore").split("\n", 1)[0]
    return "\t" in first_line


# ------------------------------------------------------------------ many files


def walk(
    paths: Iterable[Path | str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    passed_over: list[Path] | None = None,
) -> Iterator[Path]:
    """The files to scan under ``paths``, in a fixed order: each path as given, a folder walked.

    A file given by name is always scanned.  In a folder, every file whose
    name ends in one of :data:`SCAN_SUFFIXES` is (in name order, a folder's
    files before its subfolders); with ``include`` globs, only the files
    that match one; never those that match an ``exclude`` glob.  A glob
    matches a file's name or its path under the folder given (``*.pdf``,
    ``archive/*``).  A subfolder that cannot be listed is given as it is, so
    that scanning it says why (never a silent pass).  The files of a folder
    left out for their kind (not for an ``exclude`` glob) are added to
    ``passed_over``, when given, so that a caller can say what was not
    scanned.

    >>> import pathlib, tempfile
    >>> from zfgk.scanning import walk
    >>> site = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.html", "a.pdf", "logo.png", "old/c.htm", "old/d.docx"):
    ...     (site / name).parent.mkdir(exist_ok=True)
    ...     _ = (site / name).write_bytes(b"")
    >>> passed_over = []
    >>> [p.relative_to(site).as_posix() for p in walk([site], [], ["old/*.docx"], passed_over)]
    ['a.pdf', 'b.html', 'old/c.htm']
    >>> [p.name for p in passed_over]
    ['logo.png']
    """
    for given in paths:
        root = Path(given)
        if not root.is_dir():
            yield root
            continue
        unread: list[OSError] = []
        for folder, subfolders, files in os.walk(root, onerror=unread.append):
            while unread:  # a folder that cannot be listed is scanned, to say why it cannot be
                yield Path(unread.pop(0).filename or root)
            subfolders.sort()
            here = Path(folder)
            for name in sorted(files):
                relative = (here / name).relative_to(root).as_posix()
                chosen = _chosen(name, relative, include, exclude)
                if chosen:
                    yield here / name
                elif chosen is None and passed_over is not None:
                    passed_over.append(here / name)
        yield from (Path(error.filename or root) for error in unread)


def _chosen(
    name: str, relative: str, include: Sequence[str], exclude: Sequence[str]
) -> bool | None:
    """Whether a file of a folder is scanned: ``False`` when a glob leaves it out, ``None`` for its kind."""

    def matches(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)

    if matches(exclude):
        return False
    if include:
        return matches(include)
    return Path(name).suffix.lower() in SCAN_SUFFIXES or None


def scan_paths(
    paths: Sequence[Path | str], jobs: int | None = None, encoding: str | None = None
) -> Iterator[FileScan]:
    """:func:`scan_file` of each path, in the order given, on ``jobs`` processes (every core).

    ``jobs=1`` scans in this process.  Otherwise the paths (not the files'
    contents) go to worker processes in chunks, and the results come back
    in the order of ``paths``, as soon as each is ready: the same results,
    in the same order, as ``jobs=1``.

    >>> import pathlib, tempfile
    >>> from zfgk.scanning import scan_paths
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> paths = [folder / f"{n}.txt" for n in range(3)]
    >>> for n, path in enumerate(paths):
    ...     _ = path.write_text("电话 13812345678\\n" * n, encoding="utf-8")
    >>> [len(result.findings) for result in scan_paths(paths, jobs=2)]
    [0, 1, 2]
    """
    jobs = available_cores() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1 (given {jobs})")
    chunks = _chunks([Path(p) for p in paths], jobs)
    if jobs == 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from _scan_chunk(chunk, encoding)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_CONTEXT) as pool:
        for packed in pool.map(_scan_packed, chunks, [encoding] * len(chunks)):
            yield from map(_unpack, packed)


def available_cores() -> int:
    """The cores this process may run on (``os.process_cpu_count``, else ``os.cpu_count``).

    >>> from zfgk.scanning import available_cores
    >>> available_cores() >= 1
    True
    """
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(count or 1, 1)


#: The most files a worker is sent at once: small enough that the cores stay busy to the end.
_MAX_CHUNK = 64


def _chunks(paths: list[Path], jobs: int) -> list[list[Path]]:
    """``paths`` cut into chunks: about four per job, at most :data:`_MAX_CHUNK` files each."""
    if not paths:
        return []
    size = max(1, min(_MAX_CHUNK, -(-len(paths) // (jobs * 4))))
    return [paths[k : k + size] for k in range(0, len(paths), size)]


def _scan_chunk(paths: list[Path], encoding: str | None = None) -> list[FileScan]:
    return [scan_file(path, encoding) for path in paths]


#: A :class:`FileScan` as plain values, which cross between processes several times faster.
_Packed = tuple[str, str | None, tuple[tuple[object, ...], ...], ZfgkError | None]
#: A finding's fields, in the order of its class.
_FIELDS = operator.attrgetter(*(field.name for field in attrs.fields(Finding)))


def _scan_packed(paths: list[Path], encoding: str | None = None) -> list[_Packed]:
    """:func:`_scan_chunk` in a worker process, each result packed for the way back."""
    return [
        (
            str(result.path),
            result.format,
            tuple(map(_FIELDS, result.findings)),
            result.error,
        )
        for result in _scan_chunk(paths, encoding)
    ]


def _unpack(packed: _Packed) -> FileScan:
    path, form, findings, error = packed
    return FileScan(Path(path), form, tuple(Finding(*f) for f in findings), error)  # type: ignore[arg-type]
