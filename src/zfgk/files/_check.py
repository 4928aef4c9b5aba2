"""``check_file``: an item's rules on the records, the privacy search on everything else (internal).

A file passes only if every record carries what the item requires and the
file publishes no full ID or mobile number anywhere: in a sheet that is not
the item's, a hidden sheet, a title, a footer, a comment, a page header, a
column that is not a field.  What could not be read makes it "cannot
check".
"""

from __future__ import annotations

import itertools
import operator
import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import attrs

from zfgk._arguments import as_path, quiet
from zfgk._spill import Spill
from zfgk.catalogues import catalogue_label, load
from zfgk.documents import Document, Sheet, Unread, open_document
from zfgk.errors import AmbiguousItemError, InputError, UnknownItemError
from zfgk.files._results import Finding, Verdict, verdict_of
from zfgk.files._scan import Progress, cell_findings, record_findings, text_findings
from zfgk.formats import Kind
from zfgk.guess import ItemGuess, better_items, better_message, guess_item
from zfgk.headers import ColumnMatcher, column_key
from zfgk.i18n import N_, Message, Said
from zfgk.model import Catalogue, Item, PersonalKind
from zfgk.problems import Problem, ProblemCode, Report, Tally
from zfgk.tables import (
    ROW_NUMBER_HEADERS,
    SkippedRows,
    find_header,
    head_rows,
    header_names,
    lay_out,
)
from zfgk.validation import HeaderChecker, Validator, field_columns

__all__ = ["DEFAULT_CATALOGUE", "FileCheck", "RowCheck", "SheetCheck", "check_file", "resolve_item"]

#: The catalogue an item number or name is looked up in when none is given.
DEFAULT_CATALOGUE = "chongqing"


@attrs.frozen
class SheetCheck:
    """How one sheet (or a CSV file, ``name`` None) was read by :func:`check_file`.

    ``records`` is true for a sheet read as the item's list: its header
    (``header``, on ``header_rows``), ``record_count`` records checked,
    ``blank_rows``, ``notes`` on rows that are not records (titles,
    footers, totals) and ``header_problems`` (a required field no column
    holds: ``missing``; a column that is no field: ``unknown``).  Any other
    sheet was searched cell by cell for full numbers, and ``reason`` says
    why it was not read as records.
    """

    name: str | None
    state: str
    records: bool
    reason: Message | None = None
    header: tuple[str, ...] = ()
    header_rows: tuple[int, int] | None = None
    first_column: int = 1
    record_count: int = 0
    blank_rows: int = 0
    notes: tuple[SkippedRows, ...] = ()
    header_problems: tuple[Problem, ...] = ()
    #: Each field name and column name of the header, with its index in the header (from 0).
    columns: Mapping[str, int] = attrs.field(factory=dict, repr=False)


#: The distinct reports kept to be shared by the rows that have them (past that, each its own).
_SHARED_REPORTS = 4096


@attrs.frozen
class RowCheck:
    """A record with problems: its sheet (None for a CSV file), its row as the sheet shows it."""

    sheet: str | None
    row: int
    report: Report


class RowChecks(Sequence[RowCheck]):
    """The records with problems of a :class:`FileCheck`, in the file's order: a sequence
    that keeps them on disk past the first few thousand (internal; made by the check).

    A list of two million rows, every one with an unmasked number, has two
    million records with problems; held as objects they were the larger part
    of a check's memory.  Each is kept as its sheet's number, its row and
    its report's number, in a :class:`~zfgk._spill.Spill`; the reports many
    rows share (the same field blank, or unmasked, in every row) are kept
    once, in memory, up to a few thousand distinct ones, and any other as
    :mod:`pickle` writes it, beside its row.  Indexing, slicing, iteration
    and ``len`` work as a tuple's; a :class:`RowCheck` is made afresh on
    each access (equal, not the same object).  It compares equal to a tuple
    of the same rows, and is pickled as that tuple.

    >>> from zfgk.files._check import RowCheck, RowChecks
    >>> from zfgk.problems import Problem, ProblemCode, Report
    >>> blank = Report((Problem(ProblemCode.MISSING, "姓名", "姓名 is required"),))
    >>> rows = RowChecks(batch=2)
    >>> for row in (3, 4, 7):
    ...     rows.append("名单", row, blank)
    >>> len(rows), rows[-1].row, [r.row for r in rows[:2]]
    (3, 7, [3, 4])
    >>> rows[0] == RowCheck("名单", 3, blank), rows == tuple(rows)
    (True, True)
    """

    def __init__(self, batch: int | None = None) -> None:
        self._spill: Spill[tuple[int, int, int] | tuple[int, int, int, bytes]] = Spill(batch)
        self._sheets: dict[str | None, int] = {}
        self._names: list[str | None] = []
        self._shared: dict[Report, int] = {}
        self._reports: list[Report] = []
        self._closed = False

    def append(self, sheet: str | None, row: int, report: Report) -> None:
        """Keep the record ``row`` of ``sheet`` with its problems, after those before it."""
        number = self._sheets.get(sheet)
        if number is None:
            number = self._sheets[sheet] = len(self._names)
            self._names.append(sheet)
        shared = self._shared.get(report)
        if shared is None and len(self._reports) < _SHARED_REPORTS:
            shared = self._shared[report] = len(self._reports)
            self._reports.append(report)
        if shared is None:
            self._spill.append((number, row, -1, pickle.dumps(report, pickle.HIGHEST_PROTOCOL)))
        else:
            self._spill.append((number, row, shared))

    @property
    def sheets(self) -> tuple[str | None, ...]:
        """The sheets that have a record with problems, in the order first met."""
        return tuple(self._names)

    def _made(self, record: tuple[int, int, int] | tuple[int, int, int, bytes]) -> RowCheck:
        shared = record[2]
        report = self._reports[shared] if shared >= 0 else pickle.loads(record[3])  # type: ignore[misc]
        return RowCheck(self._names[record[0]], record[1], report)

    def close(self) -> None:
        """Let the temporary file go; reading the rows afterwards raises ValueError."""
        self._spill.close()
        self._closed = True

    def _open(self) -> Spill[tuple[int, int, int] | tuple[int, int, int, bytes]]:
        if self._closed:
            raise ValueError("the rows of this check were let go (FileCheck.close())")
        return self._spill

    def __len__(self) -> int:
        return len(self._open())

    def __iter__(self) -> Iterator[RowCheck]:
        made = self._made
        for record in self._open():
            yield made(record)

    @overload
    def __getitem__(self, index: int) -> RowCheck: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[RowCheck, ...]: ...
    def __getitem__(self, index: int | slice) -> RowCheck | tuple[RowCheck, ...]:
        spill = self._open()
        if isinstance(index, slice):
            return tuple(self._made(spill[i]) for i in range(*index.indices(len(self))))
        return self._made(spill[operator.index(index)])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RowChecks | tuple):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[tuple[RowCheck, ...]], tuple[tuple[RowCheck, ...]]]:
        return tuple, (tuple(self),)

    def __repr__(self) -> str:
        if self._closed:
            return "<RowCheck(s) let go>"
        return f"<{len(self)} RowCheck(s)>"  # a summary: a million rows are not printed


@attrs.frozen(eq=False)
class FileCheck:
    """What :func:`check_file` found: each sheet as read, the records with problems, the full
    numbers published outside the records, and what could not be read.

    :attr:`ok` is true when there are records, none fails, no required
    column is missing, nothing outside the records publishes a full number,
    and every part was read; :attr:`verdict` says clean, found or cannot
    check.  :meth:`write_report` marks the problems in a copy of the
    workbook; :meth:`to_dict` is the JSON form.
    """

    path: Path
    kind: Kind
    catalogue: str | None
    item: Item
    #: What the catalogue is called for people (its title in Chinese), where it is known.
    catalogue_label: Said | None = attrs.field(default=None, repr=False, kw_only=True)
    #: How the item was chosen from the header, when none was given.
    guess: ItemGuess | None = attrs.field(default=None, kw_only=True)
    #: Which items fit the list clearly better than the one given, said for a person.
    better: Message | None = attrs.field(default=None, kw_only=True)
    sheets: tuple[SheetCheck, ...]
    #: The records with problems, in the file's order (kept on disk past a few thousand).
    rows: Sequence[RowCheck]
    findings: tuple[Finding, ...]
    unread: tuple[Unread, ...]
    #: (field, code, how many records) of every problem of the records.
    problems: tuple[tuple[str, str, int], ...]
    rows_failed: int
    rows_warned: int
    details: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def record_count(self) -> int:
        """The records checked, on every sheet read as the item's list."""
        return sum(s.record_count for s in self.sheets)

    @property
    def record_sheets(self) -> tuple[SheetCheck, ...]:
        """The sheets read as the item's records."""
        return tuple(s for s in self.sheets if s.records)

    @property
    def ok(self) -> bool:
        """Whether the file passes: records that all pass, nothing published in full, all read."""
        header_failed = any(not p.warning for s in self.sheets for p in s.header_problems)
        return (
            self.record_count > 0
            and self.rows_failed == 0
            and not header_failed
            and not self.findings
            and not self.unread
        )

    @property
    def verdict(self) -> Verdict:
        """Clean (0), found (1) or cannot check (2)."""
        return verdict_of(not self.ok, self.unread)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON form: the summary of ``zfgk check --json`` (the rows are listed apart)."""
        from zfgk.files._check_json import check_summary

        return check_summary(self, lang)

    def write_report(self, output: Path | str, *, lang: str = "en") -> Path:
        """Write ``output`` (.xlsx): the workbook with every problem and finding that has a cell
        marked, and a first sheet listing the summary and the others with their places.

        What was read is reused: nothing is checked again.
        """
        from zfgk.files._report import write_check_report

        return write_check_report(self, as_path(output, "output"), lang)

    def close(self) -> None:
        """Let go the temporary file that holds the records with problems of a big file.

        A check that found more than a few thousand such records keeps them
        in an anonymous temporary file (see :attr:`rows`), held open until
        the result is let go.  A service that keeps many results can close
        them instead (or use the result as a context manager); the summary
        (:attr:`ok`, :attr:`verdict`, the counts) stays, :attr:`rows` and the
        report are no longer available.  Closing twice does nothing.

        >>> import pathlib, tempfile
        >>> from zfgk.files import check_file
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
        >>> _ = path.write_text("保障对象姓名,房号\\n张*,\\n", encoding="utf-8")
        >>> with check_file(path, item=19) as result:
        ...     print(result.verdict.value, len(result.rows))
        found 1
        >>> result.verdict.value
        'found'
        >>> len(result.rows)
        Traceback (most recent call last):
        ...
        ValueError: the rows of this check were let go (FileCheck.close())
        """
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> FileCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def resolve_item(item: Item | int | str, catalogue: Catalogue | str | None = None) -> Item:
    """The item ``item`` names: an :class:`~zfgk.Item`, or its number or name in ``catalogue``.

    >>> from zfgk.files import resolve_item
    >>> resolve_item(19).name, resolve_item("分配结果", "shanyin").number
    ('分配结果', 19)
    """
    if isinstance(item, Item):
        return item
    if isinstance(catalogue, Catalogue):
        return catalogue.item(item)
    if catalogue is not None and not isinstance(catalogue, str):
        raise TypeError(
            f"catalogue must be a Catalogue, a catalogue's name or None, not {type(catalogue).__name__}"
        )
    return load(catalogue or DEFAULT_CATALOGUE).item(item)


def _catalogue_name(item: Item | int | str, catalogue: Catalogue | str | None) -> str | None:
    """The name of the catalogue the item came from, where the caller says it."""
    if isinstance(catalogue, Catalogue):
        return catalogue.name
    if catalogue is not None:
        return catalogue
    return None if isinstance(item, Item) else DEFAULT_CATALOGUE


def _label(item: Item | int | str, catalogue: Catalogue | str | None) -> Said | None:
    """The catalogue's name for people, where the caller says which catalogue it is."""
    if isinstance(catalogue, Catalogue):
        return catalogue_label(catalogue)
    if isinstance(item, Item):
        return None
    return catalogue_label(load(catalogue or DEFAULT_CATALOGUE))


def check_file(
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
) -> FileCheck:
    """Check the list at ``source`` against ``item``, and search everything else it publishes.

    The file is read once (:func:`zfgk.documents.open_document`).  Every
    sheet whose header is the item's (it names at least two of the item's
    fields, or all of an item of one), or only the sheet ``sheet`` names
    (by name or number from 1), is read as records: the header found under
    any title by the item's field names and ``aliases`` (or on
    ``header_row``), merged cells spread, titles and footers set aside; each
    record validated as :func:`zfgk.validate` validates it.  Every other
    cell, every other sheet (hidden ones too), the rows set aside, and the
    parts beside the cells (comments, page headers and footers, names,
    properties) are searched for full ID and mobile numbers as
    :func:`zfgk.files.scan_file` searches them: a file passes ``check``
    only if ``scan`` passes it.  A CSV or JSON Lines file is one list.

    ``item`` is an :class:`~zfgk.Item`, or its number or name in
    ``catalogue`` (a name, or a :class:`~zfgk.Catalogue`; Chongqing's by
    default); without it, the item whose fields best match the list's header
    is chosen (:func:`zfgk.guess_item`: :attr:`FileCheck.guess` says which,
    why and how sure; two items that fit equally raise
    :class:`~zfgk.AmbiguousItemError`).  With an item that fits the header
    clearly worse than another, :attr:`FileCheck.better` names the other.  ``ignore`` names columns that are not fields (no ``unknown``
    warning; still searched).  ``encoding`` forces a text file's.

    >>> import pathlib, tempfile
    >>> from zfgk.files import check_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text(
    ...     "序号,保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称,联系电话\\n"
    ...     "1,张三,公租房,1-101,50.5,一室,民心佳园,13812345678\\n", encoding="utf-8")
    >>> result = check_file(path, item=19)
    >>> result.verdict.value, result.record_count
    ('found', 1)
    >>> [(r.row, [(p.code.value, p.field) for p in r.report.problems]) for r in result.rows]
    [(2, [('unmasked', '联系电话')])]
    >>> [p.code.value for s in result.sheets for p in s.header_problems]
    ['unknown']
    """
    path = as_path(source, "source")
    guess = None
    if item is None:
        guess = guess_from_file(
            path,
            catalogue=catalogue,
            sheet=sheet,
            header_row=header_row,
            aliases=aliases,
            ignore=ignore,
            encoding=encoding,
        )
        item = guess.item
    resolved = resolve_item(item, catalogue)
    validator = Validator(resolved, aliases, ignore=ignore, strict=True)
    document = open_document(path, encoding=encoding)
    reading = _Reading(document, validator, sheet, header_row, progress)
    reading.run()
    better = None
    if guess is None and reading.header is not None and not isinstance(item, Item):
        fits = better_items(
            resolved,
            reading.header,
            catalogue=catalogue if catalogue is not None else DEFAULT_CATALOGUE,
            aliases=aliases,
            ignore=ignore,
        )
        better = better_message(resolved, fits) if fits else None
    return FileCheck(
        path=path,
        kind=document.kind,
        catalogue=_catalogue_name(item, catalogue),
        catalogue_label=_label(item, catalogue),
        item=resolved,
        sheets=tuple(reading.sheets),
        rows=reading.rows,
        findings=tuple(reading.findings),
        unread=tuple(document.unread),
        problems=tuple(reading.tally.by_field_and_code()),
        rows_failed=reading.tally.failed,
        rows_warned=reading.tally.warned,
        details=dict(document.details),
        guess=guess,
        better=better,
    )


def guess_from_file(
    path: Path,
    *,
    catalogue: Catalogue | str | None,
    sheet: str | int | None,
    header_row: int | None,
    aliases: Mapping[str, str] | None,
    ignore: Iterable[str],
    encoding: str | None,
) -> ItemGuess:
    """The item a list is, from the header of its first sheet that names fields of any item.

    Only the first rows of the sheets are read (:func:`zfgk.tables.head_rows`).
    """
    cat = catalogue if isinstance(catalogue, Catalogue) else load(catalogue or DEFAULT_CATALOGUE)
    matchers = [ColumnMatcher(i, aliases, ignore=ignore) for i in cat.items]

    def known(name: str) -> bool:
        return any(m.fields_for(name) is not None for m in matchers)

    document = open_document(path, encoding=encoding)
    failed: UnknownItemError | None = None
    for number, found in enumerate(document.sheets(), start=1):
        if sheet is not None and sheet not in (found.name, number) and found.name is not None:
            continue
        if found.records is not None:
            first = next(iter(found.records()), None)
            header, title = (list(first[1]) if first else []), None
        else:
            head = head_rows(found.rows(), header_row)
            place = find_header(head, known, header_row) if head else None
            if place is None:
                continue
            header = header_names(head, place)
            title = " ".join(v for _, values in head[: place[0]] for v in values if v.strip())
        try:
            return guess_item(header, catalogue=cat, aliases=aliases, ignore=ignore, title=title)
        except AmbiguousItemError:
            raise
        except UnknownItemError as e:
            failed = e
    raise failed or UnknownItemError.of(
        N_("{path}: no sheet has a header naming fields of an item; name the item"), path=path
    )


def listed_findings(
    path: Path,
    *,
    item: Item | int | str,
    catalogue: Catalogue | str | None,
    sheet: str | int | None,
    header_row: int | None,
    aliases: Mapping[str, str] | None,
    ignore: Iterable[str],
    encoding: str | None,
    progress: Progress | None,
) -> tuple[Document, list[Finding]]:
    """The findings of a file read as :func:`check_file` reads it (for ``scan_file(item=…)``)."""
    validator = Validator(resolve_item(item, catalogue), aliases, ignore=ignore, strict=True)
    document = open_document(path, encoding=encoding)
    reading = _Reading(document, validator, sheet, header_row, progress, scan=True)
    reading.run()
    return document, reading.findings


@attrs.define
class _Reading:
    """One pass over a document: records checked (or, to scan, searched as the item publishes
    them), everything else searched."""

    document: Document
    validator: Validator
    sheet: str | int | None
    header_row: int | None
    progress: Progress | None
    scan: bool = False
    sheets: list[SheetCheck] = attrs.Factory(list)
    rows: RowChecks = attrs.Factory(RowChecks)
    findings: list[Finding] = attrs.Factory(list)
    tally: Tally = attrs.Factory(Tally)
    read: int = 0
    #: The header of the first sheet read as the item's list.
    header: tuple[str, ...] | None = None

    def _keep(self, sheet: str | None, row: int, report: Report) -> None:
        """A record with problems, counted and kept (its report shared with equal ones)."""
        self.tally.add(report)
        self.rows.append(sheet, row, report)

    def run(self) -> None:
        found: list[Sheet] = []
        for number, sheet in enumerate(self.document.sheets(), start=1):
            found.append(sheet)
            chosen = self._chosen(sheet, number)
            if sheet.records is not None:
                self._jsonl(sheet)
            else:
                self._sheet(sheet, chosen)
        if self.sheet is not None and not any(s.records for s in self.sheets):
            self._no_such_sheet(found)
        for text in self.document.texts:
            self.findings.extend(text_findings(text))

    def _chosen(self, sheet: Sheet, number: int) -> bool | None:
        """True: read as records; False: searched only; None: as its header says."""
        if sheet.name is None:
            return True  # a CSV file is one list
        if self.sheet is None:
            return None
        return sheet.name == self.sheet if isinstance(self.sheet, str) else number == self.sheet

    def _no_such_sheet(self, found: Sequence[Sheet]) -> None:
        from zfgk.tables import choose_sheet

        choose_sheet(self.document.path, [s.name or "" for s in found], self.sheet)  # type: ignore[arg-type]

    def _count(self, rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
        for row in rows:
            self.read += 1
            if self.progress is not None and self.read % 10_000 == 0:
                self.progress(self.read)
            yield row

    def _known(self, name: str) -> bool:
        return self.validator.fields_for(name) is not None or self.validator.ignores(name)

    def _sheet(self, sheet: Sheet, chosen: bool | None) -> None:
        rows = self._count(sheet.rows())
        header_row = self.header_row if chosen is not False else None
        head = head_rows(rows, header_row)
        found = find_header(head, self._known, header_row) if head else None
        reason = None
        if found is None:
            if chosen and self.header_row is not None:
                raise InputError.of(
                    N_("{path}: there is no row {row} to be the header"),
                    path=self.document.path,
                    row=self.header_row,
                )
            reason = Message(N_("the sheet is empty"))
        elif chosen is None and not self._is_items(header_names(head, found)):
            reason = Message(
                N_("its header names no more than one field of item {item}"),
                item=self.validator.item.number,
            )
        elif chosen is False:
            reason = Message(N_("another sheet was chosen"))
        if reason is None:
            try:
                self._records(sheet, itertools.chain(head, rows), header_row)
                return
            except InputError:
                if chosen:
                    raise
                reason = Message(
                    N_("its header cannot be read as a list (two columns of one name?)")
                )
        self.findings.extend(cell_findings(sheet, itertools.chain(head, rows)))
        self.sheets.append(SheetCheck(sheet.name, sheet.state, False, reason))

    def _is_items(self, names: Sequence[str]) -> bool:
        """Whether a header is the item's: it names two of its fields (or all of an item of one)."""
        covered: set[str] = set()
        for name in names:
            fields = self.validator.fields_for(name) if name else None
            covered.update(f.name for f in fields or ())
        return len(covered) >= min(2, len(self.validator.item.fields))

    def _records(
        self, sheet: Sheet, rows: Iterator[tuple[int, list[str]]], header_row: int | None
    ) -> None:
        table = lay_out(
            rows, self.document.path, self._known, header_row, self.document.details.get("format")
        )
        header = table.header or []
        if self.header is None:
            self.header = tuple(header)
        check = self.validator.for_header(header)
        if self.scan:
            published = frozenset(i for i, name in enumerate(header) if self._publishes(name))
            self.findings.extend(cell_findings(sheet, table.lists(), published))
        else:
            for row, values in table.lists():
                report = check(values)
                if report.problems:
                    self._keep(sheet.name, row, report)
        # The title, header and footer rows: not records, but published with them.
        self.findings.extend(cell_findings(sheet, table.set_aside))
        self.sheets.append(
            SheetCheck(
                name=sheet.name,
                state=sheet.state,
                records=True,
                header=tuple(header),
                header_rows=table.header_rows,
                first_column=sheet.first_column,
                record_count=table.record_count,
                blank_rows=table.blank_rows,
                notes=tuple(table.notes),
                header_problems=_header_problems(self.validator, check),
                columns=field_columns(self.validator, header),
            )
        )

    def _publishes(self, name: str) -> bool:
        """Whether a column covers a phone field the item publishes unmasked."""
        fields = self.validator.fields_for(name) if name else None
        return any(f.personal is PersonalKind.PHONE and not f.masked for f in fields or ())

    def _jsonl(self, sheet: Sheet) -> None:
        assert sheet.records is not None
        if self.scan:
            for line, record in sheet.records():
                published = {quiet(key) for key in record if self._publishes(key)}
                self.findings.extend(
                    f
                    for f in record_findings([(line, record)])
                    if f.kind is not PersonalKind.PHONE or f.location.column not in published
                )
            return
        count = 0
        for line, record in sheet.records():
            count += 1
            report = self.validator(record)
            if report.problems:
                self._keep(None, line, report)
        self.sheets.append(SheetCheck(None, "visible", True, record_count=count))


def _header_problems(validator: Validator, check: HeaderChecker) -> tuple[Problem, ...]:
    """What the header lacks (``missing``), and a note for each column the item does not have."""
    item = validator.item
    unknown = tuple(
        Problem.of(
            ProblemCode.UNKNOWN,
            name,
            N_(
                "column {column} is not a field of item {item} ({item_name}); its values are "
                "not checked as a field, only searched for full ID and mobile numbers (map it "
                "with --alias if it is one under another name)"
            ),
            column=name,
            item=item.number,
            item_name=item.name,
        )
        for name in check.unknown
        if column_key(name) not in ROW_NUMBER_HEADERS
    )
    return check.missing + unknown
