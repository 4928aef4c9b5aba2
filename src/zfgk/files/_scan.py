"""``scan_file``: every full ID and mobile number a file publishes, and where (internal)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import attrs

from zfgk._arguments import as_path, quiet
from zfgk.documents import Document, Location, Sheet, Text, Unread, open_document
from zfgk.errors import InputError, ZfgkError
from zfgk.files._boxes import boxed_numbers
from zfgk.files._results import Finding, Verdict, verdict_of
from zfgk.formats import Kind
from zfgk.i18n import N_, os_reason
from zfgk.model import Catalogue, Item, PersonalKind
from zfgk.privacy import find_pii, may_hold_pii
from zfgk.values import number_shown

__all__ = ["FileScan", "cell_findings", "scan_file", "text_findings"]

#: A progress callback: the rows (or parts) read so far.
Progress = Callable[[int], None]


@attrs.frozen
class FileScan:
    """What :func:`scan_file` found in one file: findings in the file's order, and what it
    could not read.

    ``kind`` says what the file is (``html``, ``docx``, ``pdf``, ``xlsx``,
    ``csv``, ``text`` … a :class:`~zfgk.formats.Kind`), ``None`` if it
    could not be opened; ``unread`` the parts that could hold text and were
    not read, each with why; ``error`` why the file could not be opened at
    all.  :attr:`verdict` is clean only when every part was read and
    nothing was found.

    >>> import pathlib, tempfile
    >>> from zfgk.files import scan_file
    >>> missing = scan_file(pathlib.Path(tempfile.mkdtemp()) / "none.txt")
    >>> missing.verdict.value, missing.error is not None
    ('cannot-check', True)
    """

    path: Path
    kind: Kind | None
    findings: tuple[Finding, ...] = ()
    unread: tuple[Unread, ...] = ()
    error: ZfgkError | None = attrs.field(default=None, eq=False)

    @property
    def verdict(self) -> Verdict:
        """Found (1), clean (0), or cannot check (2): :class:`~zfgk.files.Verdict`."""
        return verdict_of(bool(self.findings), self.unread, self.error)

    @property
    def clean(self) -> bool:
        """Whether the file was read whole and publishes no full number.

        >>> import pathlib, tempfile
        >>> from zfgk.files import scan_file
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("张*，110105********002X\\n", encoding="utf-8")
        >>> scan_file(path).clean
        True
        """
        return self.verdict is Verdict.CLEAN

    @property
    def format(self) -> str | None:
        """The kind's name (``kind.value``), as 0.2's ``FileScan.format`` gave it."""
        return None if self.kind is None else self.kind.value

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """The JSON form of ``zfgk scan --json``'s lines for this file, as one object."""
        data: dict[str, object] = {
            "file": str(self.path),
            "kind": self.format,
            "verdict": self.verdict.value,
            "findings": [f.to_dict() for f in self.findings],
            "unread": [
                {**gap.location.to_dict(), "reason": gap.reason.localized(lang)}
                for gap in self.unread
            ],
        }
        if self.error is not None:
            data["error"] = self.error.localized(lang)
        return data


def scan_file(
    source: Path | str,
    *,
    item: Item | int | str | None = None,
    catalogue: Catalogue | str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    encoding: str | None = None,
    progress: Progress | None = None,
) -> FileScan:
    """Every full ID and mobile number the file at ``source`` publishes, and where it is.

    The file is read once as a person sees it (:func:`zfgk.documents.open_document`:
    what it is comes from its first bytes, then its name): every sheet of a
    workbook, hidden ones too, cell by cell, and its comments, page headers
    and footers, names and properties; a CSV export by row and column; a
    page, a Word file or a PDF as a reader sees them.  Each value is judged
    as :func:`zfgk.find_pii` judges it, a number as the sheet shows it.
    ``encoding`` forces the encoding of a text or CSV file.

    With ``item`` (and ``catalogue``, ``sheet``, ``header_row``, ``aliases``,
    ``ignore`` as :func:`~zfgk.files.check_file` takes them) the lists of a
    file are read as ``check_file`` reads them, and a mobile number in a
    column that holds a phone the item publishes (联系方式 of 房屋维修) is
    published as the catalogue asks, so no finding: ``scan_file`` and
    ``check_file`` then judge the same.

    Never raises for a file it cannot read: :attr:`FileScan.error` and
    :attr:`FileScan.unread` say what was not read, and the verdict is
    "cannot check", never clean.

    >>> import pathlib, tempfile
    >>> from zfgk.files import scan_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text("姓名,身份证号\\n张三,11010519491231002X\\n", encoding="utf-8")
    >>> result = scan_file(path)
    >>> result.kind.value, [f.to_dict() for f in result.findings], result.verdict.value
    ('csv', [{'kind': 'id_number', 'row': 2, 'column': 'B'}], 'found')
    """
    path = as_path(source, "source")
    findings: list[Finding] = []
    document: Document | None = None
    try:
        if item is not None:
            from zfgk.files._check import listed_findings

            document, listed = listed_findings(
                path,
                item=item,
                catalogue=catalogue,
                sheet=sheet,
                header_row=header_row,
                aliases=aliases,
                ignore=ignore,
                encoding=encoding,
                progress=progress,
            )
            return FileScan(path, document.kind, tuple(listed), tuple(document.unread))
        document = open_document(path, encoding=encoding)
        findings += document_findings(document, progress)
    except ZfgkError as e:
        kind = None if document is None else document.kind
        unread = () if document is None else tuple(document.unread)
        return FileScan(path, kind, tuple(findings), unread, e)
    except OSError as e:
        error = InputError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        )
        return FileScan(
            path, None if document is None else document.kind, tuple(findings), (), error
        )
    return FileScan(path, document.kind, tuple(findings), tuple(document.unread))


def document_findings(document: Document, progress: Progress | None = None) -> Iterator[Finding]:
    """Every finding of a document: its sheets' cells, then its texts (in the file's order)."""
    rows_read = 0
    for sheet in document.sheets():
        if sheet.records is not None:
            yield from record_findings(sheet.records())
            continue

        def counted(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
            nonlocal rows_read
            for row in rows:
                rows_read += 1
                if progress is not None and rows_read % 10_000 == 0:
                    progress(rows_read)
                yield row

        yield from cell_findings(sheet, counted(sheet.rows()))
    for text in document.texts:
        yield from text_findings(text)


def cell_findings(
    sheet: Sheet,
    rows: Iterable[tuple[int, list[str]]],
    published: frozenset[int] = frozenset(),
) -> Iterator[Finding]:
    """The findings of the cells of ``rows`` of ``sheet`` (a merged value once, where it is).

    ``published``: the indexes of the columns (from 0, in a row's texts) that
    hold a phone the item publishes, where a mobile number is no finding.
    """
    anchors = sheet.anchors() if sheet.merges else {}
    first = sheet.first_column
    for row, values in rows:
        for index, text in enumerate(values):
            if len(text) < 11 or not may_hold_pii(text):
                continue
            if anchors and (row, first + index) in anchors:
                continue
            for finding in judge_cell(text, sheet.cell_name(row, index)):
                if index not in published or finding.kind is not PersonalKind.PHONE:
                    yield finding
        yield from _boxed(sheet, row, values, anchors, published)


def _boxed(
    sheet: Sheet,
    row: int,
    values: list[str],
    anchors: Mapping[tuple[int, int], tuple[int, int]],
    published: frozenset[int],
) -> Iterator[Finding]:
    """The numbers a row writes one digit per cell (:mod:`zfgk.files._boxes`), each at its
    first cell; a merged range's copies are no boxes."""
    if len(values) < 2:
        return
    if anchors:
        first = sheet.first_column
        values = ["" if (row, first + i) in anchors else v for i, v in enumerate(values)]
    for kind, start, _ in boxed_numbers(values):
        if start not in published or kind is not PersonalKind.PHONE:
            yield Finding(kind, sheet.cell_name(row, start), False)


def judge_cell(text: str, where: Location) -> Iterator[Finding]:
    """The findings of one cell's text: every full number in it, as :func:`zfgk.find_pii` finds."""
    stored = number_shown(text)
    for m in find_pii(text):
        yield Finding(m.kind, where, stored and m.kind is PersonalKind.ID_NUMBER)


def record_findings(records: Iterable[tuple[int, dict[str, str]]]) -> Iterator[Finding]:
    """The findings of JSON Lines records: each key and value, by line and key."""
    for line, record in records:
        for key, value in record.items():
            for text in (key, value):
                if may_hold_pii(text):
                    yield from judge_cell(text, Location(row=line, column=quiet(key)))


def text_findings(text: Text) -> Iterator[Finding]:
    """The findings of a text, each where its first character is."""
    if not may_hold_pii(text.text):
        return
    for m in find_pii(text.text):
        yield Finding(m.kind, text.locate(m.start), number_shown(text.text[m.start : m.end]))
