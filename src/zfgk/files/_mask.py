"""``mask_file``: the same file with only the hidden digits changed, or a refusal (internal).

The file is read once, as :func:`~zfgk.files.scan_file` and
:func:`~zfgk.files.check_file` read it.  The records of a list are masked
as the catalogue asks (:func:`zfgk.privacy.mask_plan`: the fields the item
requires partly hidden, columns of ID numbers, and ``names``, ``phones``,
``columns`` on request); every other value of the file has each full ID
and mobile number hidden (:func:`zfgk.redact`).  What cannot be masked in
place (a number in a workbook's comment, an ID number Excel kept as a
number, a part that was not read) is named, and nothing is written.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from zfgk._arguments import as_path, quiet
from zfgk._spill import CellSpill
from zfgk.documents import (
    Document,
    Lost,
    Sheet,
    Text,
    cannot_write,
    has_pictures,
    ocr_installed,
    open_document,
)
from zfgk.errors import InputError, InvalidArgumentError, MaskUnsupportedError, PrivacyError
from zfgk.files._boxes import masked_boxes
from zfgk.files._check import resolve_item
from zfgk.files._results import Finding
from zfgk.files._scan import Progress, text_findings
from zfgk.formats import SUFFIXES, Family, Kind, kind_of
from zfgk.headers import ColumnMatcher, column_key, known_columns
from zfgk.i18n import N_, Message, Said
from zfgk.model import Catalogue, Item, PersonalKind
from zfgk.privacy import (
    MaskedColumn,
    MaskPlan,
    check_mask_char,
    may_hold_pii,
    plan_with,
    redact,
)
from zfgk.tables import SkippedRows, choose_sheet, find_header, head_rows, lay_out

__all__ = ["FileMask", "SheetMasked", "mask_file"]

#: The most places an error names; the rest are counted.
_NAMED = 20


@attrs.frozen
class SheetMasked:
    """What :func:`mask_file` did to one sheet (or a CSV file, ``sheet`` None).

    ``header_rows`` are the header's first and last rows (None: no header
    was read, and every cell was searched); ``columns`` each column masked
    whole with the number of its cells changed (a merged range counts
    once); ``redacted`` the other cells that held a full ID or mobile number,
    masked where they stand; ``notes`` the rows that are not records.
    """

    sheet: str | None
    header_rows: tuple[int, int] | None
    records: int
    columns: tuple[tuple[MaskedColumn, int], ...]
    redacted: int
    notes: tuple[SkippedRows, ...] = ()
    blank_rows: int = 0


@attrs.frozen
class FileMask:
    """What :func:`mask_file` wrote: the output, each sheet's counts, the numbers hidden in texts.

    ``texts`` are the numbers hidden in a page, a Word file or a text file,
    each with its place; ``lost`` what the writer could not keep (an .xls
    or .ods written as .xlsx); ``converted`` is true for such a file.
    """

    source: Path
    path: Path
    kind: Kind
    sheets: tuple[SheetMasked, ...] = ()
    texts: tuple[Finding, ...] = ()
    converted: bool = False
    lost: Lost = ()
    encoding: str | None = None

    @property
    def cells(self) -> int:
        """The cells changed, in all.

        >>> from pathlib import Path
        >>> from zfgk.files import FileMask, SheetMasked
        >>> from zfgk.formats import Kind
        >>> FileMask(Path("名单.xlsx"), Path("公示.xlsx"), Kind.XLSX, (SheetMasked("说明", None, 0, (), 2),)).cells
        2
        """
        return sum(n for s in self.sheets for _, n in s.columns) + sum(
            s.redacted for s in self.sheets
        )

    @property
    def values_masked(self) -> int:
        """The values masked: cells changed and numbers hidden in texts."""
        return self.cells + len(self.texts)


def mask_file(
    source: Path | str,
    output: Path | str,
    *,
    item: Item | int | str | None = None,
    catalogue: Catalogue | str | None = None,
    sheet: str | int | None = None,
    names: bool = False,
    phones: bool = False,
    columns: Mapping[str, PersonalKind | None] | None = None,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    encoding: str | None = None,
    mask_char: str = "*",
    overwrite: bool = False,
    progress: Progress | None = None,
) -> FileMask:
    """Write ``source`` to ``output`` with what must be hidden hidden, every other byte kept.

    A list (CSV, Excel's Unicode text, a workbook: every sheet) is read as
    :func:`~zfgk.files.check_file` reads it: the header under any title,
    found by the item's fields (without ``item``, by the names of personal
    columns); its records are masked by :func:`zfgk.privacy.mask_plan` with
    ``item``, ``names``, ``phones``, ``columns`` (header → kind, None where
    the header tells), ``aliases`` and ``ignore``; every other cell (titles,
    footers, other sheets, hidden ones too) has its full ID and mobile
    numbers hidden.  ``sheet`` masks only that sheet's columns (the others
    are still searched: they are published with it).  A web page, a Word
    file or a text file has every full ID and mobile number hidden where it
    sits.  An .xls, .ods or .xlsb is written as .xlsx.

    Fails closed: a value that cannot be masked truthfully, a full number
    where zfgk cannot change it (a workbook's comment), a part that was not
    read, or a format zfgk cannot write back (a PDF) raises
    (:class:`~zfgk.PrivacyError`, :class:`~zfgk.errors.MaskUnsupportedError`)
    naming the places, never the values, and nothing is written.
    ``output`` is written atomically; it may be ``source`` only with
    ``overwrite=True`` (the original is an officer's record).  ``mask_char``
    is the character of a hidden digit or name (one of
    :data:`zfgk.patterns.MASK_CHARACTERS`).

    >>> import pathlib, tempfile
    >>> from zfgk.files import mask_file
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "名单.csv").write_text(
    ...     "2026年第二批自愿退出名单,,\\n序号,原保障对象姓名,身份证号\\n"
    ...     "1,许春梅,44162219470406403X\\n制表人：张三 13812345678,,\\n", encoding="utf-8")
    >>> done = mask_file(folder / "名单.csv", folder / "公示.csv", item=22)
    >>> print((folder / "公示.csv").read_text(encoding="utf-8"), end="")
    2026年第二批自愿退出名单,,
    序号,原保障对象姓名,身份证号
    1,许春梅,441622********403X
    制表人：张三 138****5678,,
    >>> [(s.header_rows, s.records, [(c.header, n) for c, n in s.columns], s.redacted) for s in done.sheets]
    [((2, 2), 1, [('身份证号', 1)], 1)]
    """
    source_path, output_path = as_path(source, "source"), as_path(output, "output")
    check_mask_char(mask_char)
    _check_output(source_path, output_path, overwrite)
    resolved = resolve_item(item, catalogue) if item is not None else None
    named = dict(columns or {})
    _refuse_unwritable(source_path)
    document = open_document(source_path, encoding=encoding)
    _check_options(
        document, output_path, item=resolved, names=names, phones=phones, named=named, ignore=ignore
    )
    if document.kind is Kind.JSON_LINES:
        raise MaskUnsupportedError.of(
            N_(
                "{path} holds JSON Lines, which zfgk mask does not rewrite; mask its records "
                "in Python with zfgk.mask_records, or export the list as CSV"
            ),
            path=source_path,
        )
    matcher = ColumnMatcher(resolved, aliases, ignore=ignore) if resolved is not None else None
    options = _Options(matcher, names, phones, named, sheet, mask_char)
    masking = _Masking(document, options, progress)
    try:
        return _masked(source_path, output_path, document, masking, named)
    finally:
        masking.cells.close()


def _masked(
    source_path: Path,
    output_path: Path,
    document: Document,
    masking: _Masking,
    named: Mapping[str, PersonalKind | None],
) -> FileMask:
    """Mask ``document`` into ``output_path``: the rest of :func:`mask_file`."""
    masking.run()
    if document.unread:
        raise InputError.of(
            N_(
                "{path}: {parts} could not be read, so zfgk cannot make sure nothing in them is "
                "published; nothing was written"
            ),
            path=source_path,
            parts=Said(
                en="; ".join(gap.describe("en") for gap in document.unread[:_NAMED]),
                zh="；".join(gap.describe("zh") for gap in document.unread[:_NAMED]),
            ),
        )
    if not document.writable:  # a PDF, an OFD: say so, whatever it holds
        raise cannot_write(document)
    if masking.failures:
        raise _cannot_mask(source_path, masking.failures)
    _check_named(named, masking.headers)
    lost = document.write(output_path, texts=masking.texts, cells=masking.cells)
    return FileMask(
        source=source_path,
        path=output_path,
        kind=document.kind,
        sheets=tuple(masking.sheets),
        texts=tuple(masking.hidden),
        converted=document.kind in (Kind.XLS, Kind.ODS, Kind.XLSB),
        lost=lost,
        encoding=document.details.get("encoding"),
    )


def _refuse_unwritable(source: Path) -> None:
    """A PDF is written back only where OCR paints its scanned pages and the pictures on its
    typed pages: one without any, or without the ``ocr`` extra, is refused before it is read."""
    try:
        kind = kind_of(source)
    except OSError:
        return  # reading it says what is wrong
    if kind is Kind.PDF and not (ocr_installed() and has_pictures(source)):
        raise cannot_write(Document(source, kind))


def _check_output(source: Path, output: Path, overwrite: bool) -> None:
    """Refuse to replace the original unless asked, and a workbook written under another kind."""
    same = source == output
    if not same:
        try:
            same = output.exists() and source.exists() and os.path.samefile(source, output)
        except OSError:
            same = False
    if same and not overwrite:
        raise InvalidArgumentError.of(
            N_(
                "{path}: the output would replace the original, which an officer keeps for the "
                "record; write the masked copy under another name (or pass --overwrite)"
            ),
            path=output,
        )


def _check_options(
    document: Document,
    output: Path,
    *,
    item: Item | None,
    names: bool,
    phones: bool,
    named: Mapping[str, PersonalKind | None],
    ignore: Iterable[str],
) -> None:
    """Column options are for lists; a page or a Word file has no columns to name."""
    if document.kind.family in (Family.TABLE, Family.WORKBOOK):
        _check_suffix(document, output)
        return
    chosen = [
        option
        for option, value in (
            ("item", item),
            ("names", names),
            ("phones", phones),
            ("columns", named),
            ("ignore", list(ignore)),
        )
        if value
    ]
    if chosen and document.writable:
        raise InvalidArgumentError.of(
            N_(
                "{options}: for lists (CSV, workbooks); in {kind} zfgk masks every full ID "
                "number and mobile number, and cannot find names or fixed-line phones to hide"
            ),
            options=", ".join(chosen),
            kind=Message(document.kind.label),
        )


def _check_suffix(document: Document, output: Path) -> None:
    """A table is written as what it is: a CSV as text, a workbook as .xlsx."""
    named = SUFFIXES.get(output.suffix.lower())
    if (
        document.kind.family is Family.TABLE
        and named is not None
        and named.family is Family.WORKBOOK
    ):
        raise InvalidArgumentError.of(
            N_(
                "{input} is a text file and is masked as text: write it to a .csv (or "
                ".txt), not {output}; to publish a workbook, mask the workbook itself"
            ),
            input=document.path,
            output=output,
        )
    if document.kind.family is Family.WORKBOOK:
        from zfgk.workbooks import check_output

        check_output(document.path, output)


@attrs.frozen
class _Options:
    matcher: ColumnMatcher | None
    names: bool
    phones: bool
    named: Mapping[str, PersonalKind | None]
    sheet: str | int | None
    mask_char: str = "*"

    def known(self) -> Callable[[str], bool]:
        """The header's names: the item's fields and ignored columns, personal columns, named ones."""
        extra = {column_key(n) for n in self.named}
        matcher = self.matcher
        if matcher is None:
            personal = known_columns()
            return lambda name: column_key(name) in personal or column_key(name) in extra
        return lambda name: (
            matcher.fields_for(name) is not None
            or column_key(name) in matcher.ignored
            or column_key(name) in extra
        )


@attrs.define
class _Masking:
    """One pass over a document: the cells and texts to change, and what cannot be changed."""

    document: Document
    options: _Options
    progress: Progress | None
    sheets: list[SheetMasked] = attrs.Factory(list)
    #: The new texts of the cells: kept on disk past a few thousand, a sheet's in row order.
    cells: CellSpill = attrs.Factory(CellSpill)
    texts: dict[object, str] = attrs.Factory(dict)
    hidden: list[Finding] = attrs.Factory(list)
    failures: list[tuple[str, Message]] = attrs.Factory(list)
    headers: dict[str, str] = attrs.Factory(dict)
    read: int = 0

    def run(self) -> None:
        chosen = self.options.sheet
        for number, sheet in enumerate(self.document.sheets(), start=1):
            mine = chosen is None or sheet.name is None or chosen in (sheet.name, number)
            self.sheets.append(_SheetMasker(self, sheet).run(mine))
        names = [s.sheet or "" for s in self.sheets]
        if (
            chosen is not None
            and self.document.kind.family is Family.WORKBOOK
            and not any(chosen in (name, n) for n, name in enumerate(names, start=1))
        ):
            choose_sheet(self.document.path, names, chosen)
        for text in self.document.texts:
            self._text(text)

    def _text(self, text: Text) -> None:
        found = list(text_findings(text))
        if not found:
            return
        if text.key is not None:  # a text its document's writer changes (a comment has none)
            self.texts[text.key] = redact(text.text, mask_char=self.options.mask_char)
            self.hidden.extend(found)
            return
        for finding in found:  # a comment, a page header: zfgk does not rewrite them
            self.failures.append(
                (
                    finding.location.describe(),
                    Message(
                        N_(
                            "a full ID or mobile number zfgk cannot mask in place; remove it in "
                            "Excel or WPS"
                        )
                    ),
                )
            )

    def count(self, rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
        for row in rows:
            self.read += 1
            if self.progress is not None and self.read % 10_000 == 0:
                self.progress(self.read)
            yield row


@attrs.define
class _SheetMasker:
    """Collects one sheet's changes and failures into those of the document."""

    masking: _Masking
    sheet: Sheet
    anchors: Mapping[tuple[int, int], tuple[int, int]] = attrs.Factory(dict)
    header: Sequence[str] = ()

    def run(self, chosen: bool) -> SheetMasked:
        """Mask the sheet's records by the plan of its header (when chosen), redact the rest."""
        self.anchors = self.sheet.anchors() if self.sheet.merges else {}
        rows = self.masking.count(self.sheet.rows())
        if not chosen:
            return SheetMasked(self.sheet.name, None, 0, (), len(self._redact_all(rows)))
        head = head_rows(rows)
        options = self.masking.options
        known = options.known()
        if not head or find_header(head, known) is None:
            return SheetMasked(self.sheet.name, None, 0, (), len(self._redact_all(head)))
        try:
            table = lay_out(
                itertools.chain(head, rows),
                self.masking.document.path,
                known,
                fmt=self.masking.document.details.get("format"),
            )
        except InputError:  # not a list (two columns of one name): every cell searched
            if self.sheet.name is None:
                raise  # a CSV file is one list: its records cannot be told apart
            searched = self._redact_all(itertools.chain(head, rows))
            return SheetMasked(self.sheet.name, None, 0, (), len(searched))
        header = table.header or []
        self.masking.headers.update({column_key(h): h for h in header if h})
        plan = plan_with(
            header,
            options.matcher,
            names=options.names,
            phones=options.phones,
            columns={
                n: k for n, k in options.named.items() if column_key(n) in self.masking.headers
            },
        )
        counts: dict[int, int] = dict.fromkeys(plan.columns, 0)
        redacted = 0
        merged: set[tuple[int, int]] = set()  # a merged range's first cell, counted once
        first = self.sheet.first_column
        whole = plan.columns
        self.header = header
        for row, values in table.lists():
            for index, value in enumerate(values):
                if index not in whole and (len(value) < 11 or not may_hold_pii(value)):
                    continue  # no room for a full number, and no column to mask whole
                place = (row, first + index)
                if not self._mask(place, value, plan, index):
                    continue
                anchor = self.anchors.get(place) if self.anchors else None
                if anchor is not None:
                    if anchor in merged:
                        continue
                    merged.add(anchor)
                if index in whole:
                    counts[index] += 1
                else:
                    redacted += 1
            redacted += self._boxes(row, values)
        redacted += len(self._redact_all(table.set_aside) - merged)
        return SheetMasked(
            sheet=self.sheet.name,
            header_rows=table.header_rows,
            records=table.record_count,
            columns=tuple((c, counts[i]) for i, c in plan.columns.items()),
            redacted=redacted,
            notes=tuple(table.notes),
            blank_rows=table.blank_rows,
        )

    def _redact_all(self, rows: Iterable[tuple[int, list[str]]]) -> set[tuple[int, int]]:
        """Every cell of ``rows`` with its full numbers hidden; the cells changed."""
        changed = set()
        first = self.sheet.first_column
        for row, values in rows:
            for index, value in enumerate(values):
                if len(value) < 11 or not may_hold_pii(value):
                    continue
                place = (row, first + index)
                if place in self.anchors:
                    continue  # a merged range's value is changed where it is
                if self._mask(place, value, None, None):
                    changed.add(place)
            self._boxes(row, values, changed)
        return changed

    def _boxes(
        self, row: int, values: list[str], changed: set[tuple[int, int]] | None = None
    ) -> int:
        """Mask the numbers the row writes one digit per cell (:mod:`zfgk.files._boxes`),
        each digit in its box; how many cells changed (added to ``changed``)."""
        if len(values) < 2:
            return 0
        first = self.sheet.first_column
        if self.anchors:  # a merged range's copies are no boxes
            values = ["" if (row, first + i) in self.anchors else v for i, v in enumerate(values)]
        boxes = masked_boxes(values, self.masking.options.mask_char)
        for index, new in boxes.items():
            self.masking.cells[(self.sheet.key, row, first + index)] = new
            if changed is not None:
                changed.add((row, first + index))
        return len(boxes)

    def _mask(
        self, place: tuple[int, int], value: str, plan: MaskPlan | None, index: int | None
    ) -> bool:
        """Record the cell's change (True) or why it cannot change; False if it stays as it is."""
        if not value or value.isspace():
            return False
        mask_char = self.masking.options.mask_char
        try:
            if plan is not None and index is not None:
                new = plan.mask(index, value, mask_char=mask_char)
            else:
                new = redact(value, mask_char=mask_char)
        except PrivacyError as e:
            self.masking.failures.append((self._name(place, index), e.as_message()))
            return False
        if new == value:
            return False
        anchor = self.anchors.get(place, place)
        self.masking.cells[(self.sheet.key, *anchor)] = new
        return True

    def _name(self, place: tuple[int, int], index: int | None) -> str:
        """The cell's place, with its column's header in a list (row 3, column B (身份证号))."""
        row, column = place
        where = self.sheet.cell_name(row, column - self.sheet.first_column).describe()
        if index is not None and index < len(self.header) and self.header[index]:
            return f"{where} ({quiet(self.header[index])})"
        return where


def _check_named(named: Mapping[str, PersonalKind | None], headers: Mapping[str, str]) -> None:
    for wanted in named:
        if column_key(wanted) not in headers:
            raise InvalidArgumentError.of(
                N_("no column {name!r} in the header (columns: {columns})"),
                name=quiet(wanted),
                columns=", ".join(map(quiet, headers.values())),
            )


def _cannot_mask(source: Path, failures: Sequence[tuple[str, Message]]) -> PrivacyError:
    """One error naming the places that cannot be masked (never their values), by reason."""
    by_reason: dict[str, tuple[Message, list[str]]] = {}
    for place, reason in failures:
        places = by_reason.setdefault(reason.localized("en"), (reason, []))[1]
        if place not in places:  # a place holding several numbers (a picture) is named once
            places.append(place)
    parts = []
    for reason, places in by_reason.values():
        named = ", ".join(places[:_NAMED])
        if len(places) > _NAMED:
            named += f" (+{len(places) - _NAMED})"
        parts.append(Message(N_("{places}: {reason}"), places=named, reason=reason))
    return PrivacyError.of(
        N_("{path}: {failures}; nothing was written"),
        path=source,
        failures=_Joined(parts),
    )


class _Joined(Message):
    """Messages said one after another, in one language."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[Message]) -> None:
        super().__init__("")
        self.parts = parts

    def localized(self, language: str) -> str:
        """The parts in ``language``, separated by semicolons."""
        return "; ".join(part.localized(language) for part in self.parts)
