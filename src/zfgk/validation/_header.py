"""A :class:`~zfgk.Validator` compiled for one header: rows as lists of cells."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from zfgk.headers import alias_kind, column_key, names_id_number
from zfgk.i18n import N_
from zfgk.model import Field, PersonalKind
from zfgk.privacy import MIN_DIGITS, may_hold_pii
from zfgk.problems import Problem, ProblemCode, Report, stored_as_number
from zfgk.tables import ROW_NUMBER_HEADERS, number_shown
from zfgk.validation._compiled import MAX_COLUMNS, row_check
from zfgk.validation._values import OK, check_id_column, check_value, leak
from zfgk.values import blank_text

if TYPE_CHECKING:
    from zfgk.validation._validator import Validator

# How a column of a header is checked: its own check (ID numbers, phones); searched for
# full ID and mobile numbers; searched for full ID numbers only (it holds a phone the item
# publishes); named as ID or mobile numbers (身份证号, 手机号) but not a field: a number
# there is one Excel kept 15 digits of, else searched as the rest; named as anyone's ID
# numbers (配偶身份证号) but not a field: a full number, or one masked too little, is unmasked.
_PERSONAL, _SCAN, _SCAN_IDS, _NUMBERS, _ID_NAMED = 1, 2, 3, 4, 5
# The kinds whose values check_value judges; the rest is only searched for personal numbers.
_CHECKED_KINDS = frozenset({PersonalKind.ID_NUMBER, PersonalKind.PHONE})
#: A column of a header: its index, the name its problems carry, how it is checked, its
#: field (for _PERSONAL) and the required fields it covers.
_Entry = tuple[int, str, int, Field | None, tuple[str, ...]]


class HeaderChecker:
    """A :class:`Validator` compiled for one header; see :meth:`Validator.for_header`.

    In a column that is not a field of the item but is named as ID or mobile
    numbers (身份证号, 手机号 …), a number (a workbook's number cell, or
    Excel's 6.20503E+17 in a CSV saved from one) is ``stored-as-number``:
    even the 15 digits Excel kept show a birth date.

    >>> import zfgk
    >>> from zfgk import Validator
    >>> check = Validator(zfgk.load("chongqing").item(19)).for_header(["房号", "身份证号"])
    >>> [p.code.value for p in check(["1-101", "6.20503200006097E+017"]).problems]
    ['stored-as-number']
    """

    def __init__(self, validator: Validator, header: Sequence[str]) -> None:
        self.validator = validator
        self.header = tuple(header)
        #: ``missing`` problems: the required fields that no column of the header holds.
        self.missing = validator.missing_columns(header)
        unknown = []
        plan: list[_Entry] = []
        for index, name in enumerate(header):
            column = validator._column(name)
            if column is None:
                if not validator.ignores(name) and column_key(name) not in ROW_NUMBER_HEADERS:
                    unknown.append(name)  # (序号 is the list's running number)
                numbers = alias_kind(name) in _CHECKED_KINDS
                kind = _ID_NAMED if names_id_number(name) else _NUMBERS if numbers else _SCAN
                plan.append((index, name, kind, None, ()))
            elif column.single is not None and column.single.personal in _CHECKED_KINDS:
                plan.append((index, name, _PERSONAL, column.single, column.required))
            else:
                label = column.single.name if column.single is not None else name
                scan = _SCAN if column.phones else _SCAN_IDS
                plan.append((index, label, scan, None, column.required))
        #: The columns of the header that are not fields of the item (not ignored, not 序号).
        self.unknown = tuple(unknown)
        self._plan = tuple(plan)
        # No column whose values need a check of their own (ID numbers, phones).
        self._plain = all(kind not in (_PERSONAL, _NUMBERS, _ID_NAMED) for _, _, kind, _, _ in plan)
        self._empty = {
            name: Problem.of(
                ProblemCode.EMPTY,
                name,
                N_("{field} is blank; item {item} requires a value"),
                field=name,
                item=validator.item.number,
            )
            for *_, required in plan
            for name in required
        }
        # Rows of clean cells are vouched for by a generated check (see _compiled); in the
        # others, each cell it cannot vouch for is judged by _cell.
        self._check = row_check(
            [_row_kind(kind, field, required) for _, _, kind, field, required in plan]
            if len(plan) <= MAX_COLUMNS
            else ["other"],
            [partial(self._cell, entry) for entry in plan],
            self._general,
        )

    def __call__(self, values: Sequence[str]) -> Report:
        """Check one row; cells it lacks are blank, cells beyond the header are searched too."""
        return self._check(values)

    def _general(self, values: Sequence[str]) -> Report:
        """Check one row cell by cell, as :meth:`__call__` does without its generated check.

        >>> import zfgk
        >>> check = zfgk.Validator(zfgk.load("chongqing").item(19)).for_header(["房号", "身份证号"])
        >>> check._general(["1-101", "6.20503200006097E+017"]) == check(["1-101", "6.20503200006097E+017"])
        True
        """
        count = len(values)
        if (
            count == len(self._plan)
            and self._plain
            and all(map(str.strip, values))
            and (joined := "".join(values)).isprintable()  # else a cell may be format characters
            and (max(map(len, values)) < MIN_DIGITS or not may_hold_pii(joined))
        ):
            return OK  # nothing blank, nothing to check, no room for an 11-digit number
        problems: list[Problem] = []
        validator = self.validator
        if count < len(self._plan):
            values = [*values, *[""] * (len(self._plan) - count)]
        for entry, value in zip(self._plan, values, strict=False):
            self._cell(entry, value, problems)
        for index in range(len(self._plan), count):
            value = values[index]
            if not blank_text(value):
                name = f"(column {index + 1})"
                problems.append(validator.unknown(name))
                problems.extend(leak(name, value))
        return Report(tuple(problems)) if problems else OK

    def _cell(self, entry: _Entry, value: str, problems: list[Problem]) -> None:
        """The problems of one cell, in the column of ``entry`` (of the header's plan)."""
        _, label, kind, field, required = entry
        if blank_text(value):
            for name in required:
                problems.append(self._empty[name])
        elif kind == _PERSONAL:
            problems.extend(check_value(field, value))  # type: ignore[arg-type]
        elif kind == _ID_NAMED:
            problems.extend(check_id_column(label, value))
        elif kind == _NUMBERS and number_shown(value):
            problems.append(stored_as_number(label, kind=alias_kind(label)))
        elif len(value) >= MIN_DIGITS:  # else no room for a number: skip the call
            problems.extend(leak(label, value, phones=kind != _SCAN_IDS))


def _row_kind(kind: int, field: Field | None, required: tuple[str, ...]) -> str:
    """What the generated check tests a column's cells for (see ``_compiled.FAST_ROW``)."""
    optional = "" if required else "?"
    if kind == _PERSONAL:
        assert field is not None
        if field.personal is PersonalKind.ID_NUMBER:
            return "id" + optional
        return ("masked-phone" if field.masked else "phone") + optional
    if kind == _ID_NAMED:
        return "id-named"
    if kind == _NUMBERS:
        return "numbers"
    return "plain" + optional
