"""Masking a workbook as the catalogue asks, in place: :func:`mask_workbook`.

The same plan as a CSV (:func:`~zfgk.privacy.mask_plan`) decides each
cell's masked form; the header is found as ``zfgk check`` finds it (under a
title, over two rows); the workbook is written back with only those cells
changed (:func:`zfgk.tables.xlsx_edit.mask_cells`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from zfgk.errors import InputError, InvalidArgumentError, PrivacyError
from zfgk.headers import ColumnMatcher, column_key
from zfgk.i18n import N_, Message
from zfgk.model import Item, PersonalKind
from zfgk.privacy._find import find_pii, may_hold_pii, redact
from zfgk.privacy._records import MaskedColumn, MaskPlan, known_columns, plan_with
from zfgk.tables import (
    FileKind,
    Worksheet,
    choose_sheet,
    is_number,
    read_table,
    sniff,
    workbook_parts,
    worksheets,
)
from zfgk.tables.xlsx_edit import CellKey, check_output, coordinate, mask_cells

__all__ = ["SheetMasked", "WorkbookMasked", "mask_workbook"]

#: A number with more digits than this has lost some in the workbook (Excel keeps 15).
_EXACT_DIGITS = 15
#: The most cells an error names; the rest are counted.
_CELLS_NAMED = 20


@attrs.frozen
class SheetMasked:
    """What :func:`mask_workbook` did to one sheet.

    ``header_rows`` are the header's first and last rows (None: the sheet
    is empty, or no header could be read, and every cell was searched);
    ``columns`` each column masked whole with the number of its cells
    changed (a merged range counts once); ``redacted`` the other cells that
    held a full ID or mobile number, masked where they stand.
    """

    sheet: str
    header_rows: tuple[int, int] | None
    records: int
    columns: tuple[tuple[MaskedColumn, int], ...]
    redacted: int


@attrs.frozen
class WorkbookMasked:
    """What :func:`mask_workbook` wrote: the output, each sheet's counts, what was not kept.

    ``converted``: the source was an .xls, .ods or .xlsb, written as .xlsx
    with what of its look could be read; ``lost`` says what could not.
    """

    path: Path
    sheets: tuple[SheetMasked, ...]
    converted: bool = False
    lost: tuple[Message | str, ...] = ()

    @property
    def cells(self) -> int:
        """The cells changed, in all.

        >>> from pathlib import Path
        >>> from zfgk.privacy import SheetMasked, WorkbookMasked
        >>> WorkbookMasked(Path("公示.xlsx"), (SheetMasked("说明", None, 0, (), 2),)).cells
        2
        """
        return sum(n for s in self.sheets for _, n in s.columns) + sum(
            s.redacted for s in self.sheets
        )


def mask_workbook(
    source: Path,
    output: Path,
    *,
    item: Item | None = None,
    names: bool = False,
    phones: bool = False,
    columns: Mapping[str, PersonalKind | None] | None = None,
    ignore: Iterable[str] = (),
    sheet: str | int | None = None,
) -> WorkbookMasked:
    """Write ``source`` to ``output`` with only the cells to hide changed, as the catalogue asks.

    Each sheet (or only ``sheet``, a name or a number from 1) is read as
    ``zfgk check`` reads it: the header under any title, found by the
    item's field names (without an item, by the names of personal columns),
    a header of two rows read as one.  Its records are masked cell by cell
    by :func:`~zfgk.privacy.mask_plan` with ``item``, ``names``, ``phones``,
    ``columns`` and ``ignore``, exactly as ``zfgk mask`` masks a CSV (each
    cell becomes what :func:`~zfgk.mask_id`, :func:`~zfgk.mask_name`,
    :func:`~zfgk.mask_phone` or :func:`~zfgk.redact` gives for its value);
    every other cell (titles, footers, sheets with no header, and every
    sheet that ``sheet`` did not choose, which is published with it) is
    searched for full ID and mobile numbers.  Titles, merges, styles,
    widths, formulas and the rest of other sheets stay as they were
    (:func:`~zfgk.tables.xlsx_edit.mask_cells`, which also converts an .xls,
    .ods or .xlsb into the .xlsx ``output`` must then be).

    Fails closed: a cell that cannot be masked truthfully (an ID number
    stored as a number, which has lost its last digits; 不详 in an ID column)
    raises :class:`~zfgk.PrivacyError` naming the cells (退出名单!C2),
    never their values, and nothing is written.  The output is written
    atomically.

    >>> import pathlib, tempfile, openpyxl, zfgk
    >>> from zfgk.privacy import mask_workbook
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> book = openpyxl.Workbook()
    >>> book.active.title = "退出名单"
    >>> book.active.append(["2026年第二批自愿退出名单"])
    >>> book.active.append(["序号", "原保障对象姓名", "身份证号"])
    >>> book.active.append([1, "许春梅", "44162219470406403X"])
    >>> book.active.merge_cells("A1:C1")
    >>> book.save(folder / "名单.xlsx")
    >>> done = mask_workbook(folder / "名单.xlsx", folder / "公示.xlsx",
    ...                      item=zfgk.load("chongqing").item(22))
    >>> [(s.sheet, s.header_rows, [(c.header, n) for c, n in s.columns]) for s in done.sheets]
    [('退出名单', (2, 2), [('身份证号', 1)])]
    >>> masked = openpyxl.load_workbook(done.path)["退出名单"]
    >>> masked["C3"].value, masked["B3"].value, [r.coord for r in masked.merged_cells.ranges]
    ('441622********403X', '许春梅', ['A1:C1'])
    >>> book.active["C3"] = 441622194704064000
    >>> book.save(folder / "名单.xlsx")
    >>> mask_workbook(folder / "名单.xlsx", folder / "公示2.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.PrivacyError: ...名单.xlsx: 退出名单!C3: ID numbers stored as numbers have lost their last digits ...
    >>> (folder / "公示2.xlsx").exists()
    False
    """
    source, output = Path(source), Path(output)
    converted = check_output(source, output)
    _refuse_hidden_numbers(source)
    matcher = ColumnMatcher(item, ignore=ignore) if item is not None else None
    named = dict(columns or {})
    options = _Options(header_names(matcher, named), matcher, names, phones, named)
    found = {ws.name: ws for ws in worksheets(source)}
    chosen = list(found) if sheet is None else [choose_sheet(source, list(found), sheet)]
    changes: dict[CellKey, str] = {}
    failures: list[tuple[str, Message | None]] = []
    done = []
    headers: dict[str, str] = {}
    for name, worksheet in found.items():
        masker = _SheetMasker(name, worksheet, changes, failures)
        if name in chosen:
            done.append(masker.run(source, options))
            headers.update(masker.keys)
        else:  # published with the chosen one: its full numbers are hidden all the same
            done.append(masker.search_only())
    for wanted in named:
        if column_key(wanted) not in headers:
            raise InvalidArgumentError.of(
                N_("no column {name!r} in the header (columns: {columns})"),
                name=wanted,
                columns=", ".join(headers.values()),
            )
    if failures:
        raise _cannot_mask(source, failures)
    written = mask_cells(source, output, changes)
    return WorkbookMasked(written.path, tuple(done), converted, written.lost)


def header_names(
    matcher: ColumnMatcher | None, named: Mapping[str, PersonalKind | None]
) -> Callable[[str], bool]:
    """The header's names, as ``zfgk check`` knows them (the item's fields, ignored columns)."""
    extra = {column_key(n) for n in named}
    if matcher is None:
        personal = known_columns()
        return lambda name: column_key(name) in personal or column_key(name) in extra
    return lambda name: (
        matcher.fields_for(name) is not None
        or column_key(name) in matcher.ignored
        or column_key(name) in extra
    )


@attrs.frozen
class _Options:
    """How the sheets are read and masked: the header's names, the item's columns, the options."""

    known: Callable[[str], bool]
    matcher: ColumnMatcher | None
    names: bool
    phones: bool
    named: Mapping[str, PersonalKind | None]


@attrs.define
class _SheetMasker:
    """Collects one sheet's changes and failures into those of the workbook."""

    name: str
    sheet: Worksheet
    changes: dict[CellKey, str]
    failures: list[tuple[str, Message | None]]
    keys: dict[str, str] = attrs.Factory(dict)
    anchors: dict[tuple[int, int], tuple[int, int]] = attrs.Factory(dict)

    def run(self, source: Path, options: _Options) -> SheetMasked:
        """Mask the sheet's records by the plan of its header, then search every other cell."""
        if not any(text.strip() for _, _, text in self.sheet.cells()):
            return SheetMasked(self.name, None, 0, (), 0)
        for (r1, c1), (r2, c2) in self.sheet.merges:  # bounded by the reader's guard
            for r in range(r1 + 1, r2 + 2):
                for c in range(c1 + 1, c2 + 2):
                    self.anchors[(r, c)] = (r1 + 1, c1 + 1)
        try:
            table = read_table(source, sheet=self.name, known=options.known)
        except InputError:
            table = None  # not a table (two columns of one name): every cell searched
        plan = MaskPlan({})
        counts: dict[int, set[tuple[int, int]]] = {}
        redacted: set[tuple[int, int]] = set()
        records: set[int] = set()
        if table is not None and table.header is not None:
            self.keys = {column_key(h): h for h in table.header if h}
            plan = plan_with(
                table.header,
                options.matcher,
                names=options.names,
                phones=options.phones,
                columns={n: k for n, k in options.named.items() if column_key(n) in self.keys},
            )
            for row, values in table.lists():
                records.add(row)
                for index, value in enumerate(values):
                    place = (row, table.first_column + index)
                    if self._mask(place, value, plan, index):
                        kept = (
                            counts.setdefault(index, set()) if index in plan.columns else redacted
                        )
                        kept.add(self.anchors.get(place, place))
        redacted |= self._search_the_rest(records, plan)
        return SheetMasked(
            sheet=self.name,
            header_rows=table.header_rows if table is not None else None,
            records=table.record_count if table is not None else 0,
            columns=tuple((c, len(counts.get(i, ()))) for i, c in plan.columns.items()),
            redacted=len(redacted),
        )

    def search_only(self) -> SheetMasked:
        """A sheet not chosen: no columns masked, every full ID or mobile number hidden."""
        for (r1, c1), (r2, c2) in self.sheet.merges:
            for r in range(r1 + 1, r2 + 2):
                for c in range(c1 + 1, c2 + 2):
                    self.anchors[(r, c)] = (r1 + 1, c1 + 1)
        redacted = self._search_the_rest(set(), MaskPlan({}))
        return SheetMasked(self.name, None, 0, (), len(redacted))

    def _search_the_rest(self, records: set[int], plan: MaskPlan) -> set[tuple[int, int]]:
        """Every cell outside the records (titles, header, footers), redacted where it leaks."""
        changed = set()
        for r, c, text in self.sheet.cells():
            if r not in records and self._mask((r, c), text, plan, None):
                changed.add((r, c))
        return changed

    def _mask(self, place: tuple[int, int], value: str, plan: MaskPlan, index: int | None) -> bool:
        """Record the cell's change (True) or why it cannot change; False if it stays as it is.

        ``index`` is the cell's column in the header, None for a cell outside the records.
        """
        if not value or value.isspace():
            return False
        cell = f"{self.name}!{coordinate(*place)}"
        column = plan.columns.get(index) if index is not None else None
        if column is not None and column.kind is PersonalKind.ID_NUMBER and is_number(value):
            self.failures.append((cell, None))  # stored as a number: digits already lost
            return False
        try:
            new = plan.mask(index, value) if index is not None else redact(value)
        except PrivacyError as e:
            self.failures.append((cell, e.as_message()))
            return False
        if new == value:
            return False
        if _lost_digits(value):  # an ID number held as a number, in any other cell
            self.failures.append((cell, None))
            return False
        self.changes[(self.name, *place)] = new
        return True


def _lost_digits(value: str) -> bool:
    """Whether a number cell's value has more digits than the workbook kept."""
    if not is_number(value):
        return False
    number = value.value  # type: ignore[attr-defined]
    return not float(number).is_integer() or abs(number) >= 10**_EXACT_DIGITS


def _refuse_hidden_numbers(source: Path) -> None:
    """Refuse an .xlsx whose comments, links, headers, names or properties hold a full number.

    Those travel with the workbook but are not cells, and zfgk rewrites only
    cells: masking around them would publish the number.
    """
    if sniff(source) is not FileKind.XLSX:
        return
    parts = sorted(
        {part for part, text in workbook_parts(source) if may_hold_pii(text) and find_pii(text)}
    )
    if parts:
        raise PrivacyError.of(
            N_(
                "{path}: {parts} (comments, links, page headers or footers, names or the "
                "document's properties) hold a full ID or mobile number that zfgk cannot mask "
                "in place; remove it in Excel or WPS and run again; nothing was written"
            ),
            path=source,
            parts=", ".join(parts),
        )


def _cannot_mask(source: Path, failures: Sequence[tuple[str, Message | None]]) -> PrivacyError:
    """One error naming the cells that cannot be masked (never their values), by reason."""
    stored = [cell for cell, reason in failures if reason is None]
    if stored:
        return PrivacyError.of(
            N_(
                "{path}: {cells}: ID numbers stored as numbers have lost their last digits "
                "(Excel keeps 15) and cannot be masked truthfully; format the column as text, "
                "enter the numbers again and run again; nothing was written"
            ),
            path=source,
            cells=_cells(stored),
        )
    reason = failures[0][1]
    return PrivacyError.of(
        N_("{path}: {cells}: {reason}; nothing was written"),
        path=source,
        cells=_cells([c for c, _ in failures]),
        reason=reason,
    )


def _cells(cells: Sequence[str]) -> str:
    named = ", ".join(cells[:_CELLS_NAMED])
    return named if len(cells) <= _CELLS_NAMED else f"{named} (+{len(cells) - _CELLS_NAMED})"
