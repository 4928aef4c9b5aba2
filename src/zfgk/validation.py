"""Does a record carry every field its catalogue item requires, with personal data hidden?

A record is a mapping of field name to value, as one row of an export:

>>> import zfgk
>>> item = zfgk.load("chongqing").item(19)
>>> record = {"保障对象姓名": "张*", "保障性住房类型": "公租房", "房号": "3-2-201",
...           "面积": "56.8", "套型": "两室一厅", "所在建设项目名称": "民心佳园"}
>>> zfgk.validate(item, record).ok
True
>>> report = zfgk.validate(item, {"姓名": "张*", "房号面积套型": "3-2-201 56.8 两室一厅"})
>>> [(p.code.value, p.field) for p in report.problems]
[('missing', '保障性住房类型'), ('missing', '所在建设项目名称')]

Columns are matched as real exports name them: the field itself (房号), the
whole text of a compound element (房号面积套型 covers 房号, 面积 and 套型),
ignoring whitespace, full-/half-width punctuation, a trailing 等 and a
"(隐藏部分号码)" note; your own ``aliases``; and the built-in aliases of
:data:`zfgk.headers.BUILTIN_ALIASES` (the table ``zfgk mask`` reads headers by too).

No message, repr or log line contains a value of the record.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from zfgk import patterns
from zfgk.headers import BUILTIN_ALIASES, ColumnMatcher, Slot, column_key
from zfgk.i18n import N_
from zfgk.model import Field, Item, PersonalKind
from zfgk.privacy import MIN_DIGITS, find_pii, may_hold_pii
from zfgk.problems import Problem, ProblemCode, Report, stored_as_number
from zfgk.tables import ROW_NUMBER_HEADERS, number_shown

__all__ = [
    "BUILTIN_ALIASES",
    "HeaderChecker",
    "Problem",
    "ProblemCode",
    "Report",
    "Validator",
    "column_key",
    "validate",
    "validate_many",
]


_OK = Report(())


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_MASKED_ID = re.compile(patterns.MASKED_ID)
_FULL_ID = re.compile(patterns.FULL_ID)
_PHONE = re.compile(patterns.PHONE)
_MASKED_PHONE = re.compile(patterns.MASKED_PHONE)


def _id_state(value: str) -> str:
    """'masked', 'full' (an unmasked number, valid or not) or 'invalid'.

    The patterns are those of the JSON Schemas (:mod:`zfgk.patterns`), so a
    value is judged the same here and by any JSON Schema validator.
    """
    if _MASKED_ID.fullmatch(value):
        return "masked"
    if _FULL_ID.fullmatch(value):
        return "full"
    return "invalid"  # neither; or partly masked, with birth-date digits showing


_UNSEEN = object()


@attrs.frozen
class _Column:
    """What one column name covers, resolved once per name."""

    slots: tuple[int, ...]
    bits: int  # the same slots, as a bit set: bit i for slot i
    required: tuple[str, ...]
    single: Field | None


class Validator:
    """An item's checks, compiled once; :func:`validate_many` uses one per item.

    >>> import zfgk
    >>> from zfgk import Validator
    >>> v = Validator(zfgk.load("chongqing").item(22))
    >>> v({"原保障对象姓名": "张*", "身份证号": "11010519491231002X"}).problems[0].code
    <ProblemCode.UNMASKED: 'unmasked'>
    """

    def __init__(self, item: Item, aliases: Mapping[str, str] | None = None) -> None:
        self.item = item
        self._matcher = ColumnMatcher(item, aliases)
        self.slots = self._matcher.slots
        self._columns: dict[str, _Column | None] = {}
        self._required_bits = sum(1 << i for i, s in enumerate(self.slots) if s.required)

    def fields_for(self, key: str) -> tuple[Field, ...] | None:
        """The fields a column name covers, or None when it names none of the item's.

        >>> import zfgk
        >>> from zfgk import Validator
        >>> v = Validator(zfgk.load("chongqing").item(22))
        >>> [f.name for f in v.fields_for("身份证号（隐藏部分号码）")]
        ['身份证号']
        >>> v.fields_for("备注") is None
        True
        """
        return self._matcher.fields_for(key)

    def _column(self, key: str) -> _Column | None:
        column = self._columns.get(key, _UNSEEN)
        if column is not _UNSEEN:
            return column  # type: ignore[return-value]
        found = self._matcher.match(key)
        resolved = None
        if found is not None:
            bits = sum(1 << i for i in found)
            required = tuple(self.slots[i].field.name for i in found if self.slots[i].required)
            single = self.slots[found[0]].field if len(found) == 1 else None
            resolved = _Column(found, bits, required, single)
        if len(self._columns) < 10_000:
            self._columns[key] = resolved
        return resolved

    def missing_columns(self, keys: Iterable[str]) -> tuple[Problem, ...]:
        """``missing`` problems for a header: the required fields no column covers.

        >>> import zfgk
        >>> from zfgk import Validator
        >>> v = Validator(zfgk.load("chongqing").item(19))
        >>> [p.field for p in v.missing_columns(["姓名", "房号面积套型"])]
        ['保障性住房类型', '所在建设项目名称']
        """
        present = 0
        for key in keys:
            column = self._column(key)
            present |= column.bits if column is not None else 0
        missing = self._required_bits & ~present
        return tuple(self._missing(slot) for i, slot in enumerate(self.slots) if missing >> i & 1)

    def _missing(self, slot: Slot) -> Problem:
        name = slot.field.name
        return Problem.of(
            ProblemCode.MISSING,
            name,
            N_(
                "{field} is required by item {item} ({item_name}) but no column holds it; add the column, or map yours with an alias ({field!r} as the target)"
            ),
            field=name,
            item=self.item.number,
            item_name=self.item.name,
        )

    def __call__(
        self, record: Mapping[str, Any], *, skip_missing: frozenset[str] = frozenset()
    ) -> Report:
        """Validate one record; ``skip_missing`` names fields already reported for the header."""
        problems: list[Problem] = []
        present = 0
        for key, value in record.items():
            column = self._column(key) if isinstance(key, str) else None
            if column is None:
                problems.append(
                    Problem.of(
                        ProblemCode.UNKNOWN,
                        str(key),
                        N_(
                            "{key} is not a field of item {item} ({item_name}); it is ignored (map it with an alias if it is one under another name)"
                        ),
                        key=str(key),
                        item=self.item.number,
                        item_name=self.item.name,
                    )
                )
                if not _blank(value):  # published all the same: it must not leak ID numbers
                    problems.extend(self._leak(str(key), str(value)))
                continue
            present |= column.bits
            if value is None or (isinstance(value, str) and (not value or value.isspace())):
                problems.extend(
                    Problem.of(
                        ProblemCode.EMPTY,
                        name,
                        N_("{field} is blank; item {item} requires a value"),
                        field=name,
                        item=self.item.number,
                    )
                    for name in column.required
                )
                continue
            text = value if isinstance(value, str) else str(value)
            single = column.single
            if single is not None and single.personal is not None:
                problems.extend(self._check_value(single, text))
            elif len(text) >= MIN_DIGITS:  # else no room for a number: skip the call
                # a compound or plain column: only look for leaked ID numbers
                problems.extend(self._leak(key if single is None else single.name, text))
        missing = self._required_bits & ~present
        if missing:
            for i, slot in enumerate(self.slots):
                if missing >> i & 1 and slot.field.name not in skip_missing:
                    problems.append(self._missing(slot))
        return Report(tuple(problems)) if problems else _OK

    def for_header(self, header: Sequence[str]) -> HeaderChecker:
        """These checks compiled for one header: rows come as lists of values, in its order.

        What a file's header lacks is reported once (:attr:`HeaderChecker.missing`),
        not on every row; columns the item does not have are listed in
        :attr:`HeaderChecker.unknown` and still searched for full ID numbers.

        >>> import zfgk
        >>> from zfgk import Validator
        >>> check = Validator(zfgk.load("chongqing").item(19)).for_header(
        ...     ["序号", "保障对象姓名", "保障性住房类型", "房号面积套型", "所在建设项目名称", "备注"])
        >>> check.unknown
        ('备注',)
        >>> [(p.code.value, p.field) for p in check(["1", "张*", "", "1-1-101 50 一室", "民心佳园", ""]).problems]
        [('empty', '保障性住房类型')]

        A 序号 column is the list's running number: known, not a field.
        """
        return HeaderChecker(self, header)

    def _check_value(self, f: Field, text: str) -> list[Problem]:
        if f.personal in _CHECKED_KINDS and number_shown(text):
            # A number cell, or Excel's 6.20503E+17: the digits are not what was typed.
            return [stored_as_number(f.name)]
        if f.personal is PersonalKind.ID_NUMBER:
            state = _id_state(text)
            if state == "full" and f.masked:
                return [
                    Problem.of(
                        ProblemCode.UNMASKED,
                        f.name,
                        N_(
                            "{field} holds a full ID number; the catalogue requires it published with part of the number hidden (zfgk.mask_id, zfgk mask)"
                        ),
                        field=f.name,
                    )
                ]
            if state == "invalid":
                return [
                    Problem.of(
                        ProblemCode.INVALID,
                        f.name,
                        N_(
                            "{field} holds neither a masked nor a full ID number; correct it from the source record"
                        ),
                        field=f.name,
                    )
                ]
            return []
        if f.personal is PersonalKind.PHONE:
            if not _PHONE.fullmatch(text):
                return [
                    Problem.of(
                        ProblemCode.INVALID,
                        f.name,
                        N_("{field} holds something that is not a phone number; correct it"),
                        field=f.name,
                    )
                ]
            if f.masked and not _MASKED_PHONE.fullmatch(text):
                return [
                    Problem.of(
                        ProblemCode.UNMASKED,
                        f.name,
                        N_(
                            "{field} holds an unmasked phone number; the catalogue requires it masked (zfgk.mask_phone)"
                        ),
                        field=f.name,
                    )
                ]
            return []
        return self._leak(f.name, text)

    @staticmethod
    def _leak(name: str, text: str) -> list[Problem]:
        """An ``unmasked`` problem if ``text`` holds what looks like a full ID number.

        A number cell that does is ``stored-as-number``: Excel has already
        lost its last digits.
        """
        if may_hold_pii(text) and any(m.kind is PersonalKind.ID_NUMBER for m in find_pii(text)):
            if number_shown(text):
                return [stored_as_number(name)]
            return [
                Problem.of(
                    ProblemCode.UNMASKED,
                    name,
                    N_(
                        "{field} holds what looks like a full ID number; mask it before publishing (zfgk.mask_id, zfgk.redact)"
                    ),
                    field=name,
                )
            ]
        return []


_PERSONAL, _SCAN = 1, 2
# The kinds whose values _check_value checks; the rest is only searched for ID numbers.
_CHECKED_KINDS = frozenset({PersonalKind.ID_NUMBER, PersonalKind.PHONE})


class HeaderChecker:
    """A :class:`Validator` compiled for one header; see :meth:`Validator.for_header`."""

    def __init__(self, validator: Validator, header: Sequence[str]) -> None:
        self.validator = validator
        self.header = tuple(header)
        #: ``missing`` problems: the required fields that no column of the header holds.
        self.missing = validator.missing_columns(header)
        unknown = []
        plan: list[tuple[int, str, int, Field | None, tuple[str, ...]]] = []
        for index, name in enumerate(header):
            column = validator._column(name)
            if column is None:
                if column_key(name) not in ROW_NUMBER_HEADERS:  # 序号: the running number
                    unknown.append(name)
                plan.append((index, name, _SCAN, None, ()))
            elif column.single is not None and column.single.personal in _CHECKED_KINDS:
                plan.append((index, name, _PERSONAL, column.single, column.required))
            else:
                label = column.single.name if column.single is not None else name
                plan.append((index, label, _SCAN, None, column.required))
        #: The columns of the header that are not fields of the item (a 序号 column aside).
        self.unknown = tuple(unknown)
        self._plan = tuple(plan)
        # No column whose values need a check of their own (ID numbers, phones).
        self._plain = all(kind == _SCAN for _, _, kind, _, _ in plan)
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

    def __call__(self, values: Sequence[str]) -> Report:
        """Check one row; cells it lacks are blank, cells beyond the header are searched too."""
        count = len(values)
        if (
            count == len(self._plan)
            and self._plain
            and all(map(str.strip, values))
            and (max(map(len, values)) < MIN_DIGITS or not may_hold_pii("".join(values)))
        ):
            return _OK  # nothing blank, nothing to check, no room for an 11-digit number
        problems: list[Problem] = []
        validator = self.validator
        empty = self._empty
        if count < len(self._plan):
            values = [*values, *[""] * (len(self._plan) - count)]
        for (_, label, kind, field, required), value in zip(self._plan, values, strict=False):
            if not value or value.isspace():
                for name in required:
                    problems.append(empty[name])
            elif kind == _PERSONAL:
                problems.extend(validator._check_value(field, value))  # type: ignore[arg-type]
            elif len(value) >= MIN_DIGITS:  # else no room for a number: skip the call
                problems.extend(validator._leak(label, value))
        for index in range(len(self._plan), count):
            value = values[index]
            if value and not value.isspace():
                name = f"(column {index + 1})"
                problems.append(
                    Problem.of(
                        ProblemCode.UNKNOWN,
                        name,
                        N_(
                            "{key} is not a field of item {item} ({item_name}); it is ignored (map it with an alias if it is one under another name)"
                        ),
                        key=name,
                        item=validator.item.number,
                        item_name=validator.item.name,
                    )
                )
                problems.extend(validator._leak(name, value))
        return Report(tuple(problems)) if problems else _OK


def validate(
    item: Item, record: Mapping[str, Any], *, aliases: Mapping[str, str] | None = None
) -> Report:
    """Check one record against a catalogue item.

    Codes: ``missing`` (a required field is absent), ``empty`` (present
    but blank), ``unmasked`` (a field the source requires masked holds a
    full ID number or an unmasked phone, or any field holds a full ID
    number), ``invalid`` (an ID field holding neither a masked nor a full
    number; a phone field holding no phone number) and ``unknown`` (a key
    the item does not have: a warning that leaves ``ok`` true).  Shanyin's
    ○ fields are optional; the Chongqing catalogue marks nothing optional.

    The item's checks are compiled on the first call and kept (for the last
    :data:`CACHE_SIZE` items and aliases, shared by all threads), so calling
    ``validate`` record by record in a loop costs no more than keeping a
    :class:`Validator` yourself.

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(22)
    >>> r = zfgk.validate(item, {"姓名": "张*", "身份证号": "11010519491231002X",
    ...                          "原租购项目名称、地址、类型、套型、面积等": "民心佳园 …",
    ...                          "原享受补贴面积标准": "", "备注": "无"})
    >>> [(p.code.value, p.field) for p in r.problems]
    [('unmasked', '身份证号'), ('empty', '原享受补贴面积标准'), ('unknown', '备注')]
    >>> "11010519491231002X" in repr(r)
    False

    ``aliases`` maps your column names to the item's fields:

    >>> zfgk.validate(item, {"户主": "张*"}, aliases={"户主": "原保障对象姓名"}).problems[0].field
    '身份证号'

    An alias whose target is not a field of the item is a mistake in the
    caller's mapping, and raises :class:`ValueError`:

    >>> zfgk.validate(item, {}, aliases={"户主": "户主编号"})
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: alias '户主' points at '户主编号', which is not a field of item 22 (自愿退出); its fields: 原保障对象姓名、身份证号、原租购项目名称、地址、类型、套型、面积、原享受补贴面积标准
    """
    return _validator(item, aliases)(record)


#: How many compiled validators :func:`validate` keeps, oldest dropped first.
CACHE_SIZE = 256
_cache: dict[tuple[int, tuple[tuple[str, str], ...]], tuple[weakref.ref[Item], Validator]] = {}
_cache_lock = threading.Lock()


def _validator(item: Item, aliases: Mapping[str, str] | None) -> Validator:
    """The item's compiled checks, from a bounded cache shared by all threads.

    Keyed by the item's identity (items are immutable; a weak reference
    makes sure the entry is for this very item) and the aliases.
    """
    key = (id(item), tuple(sorted(aliases.items())) if aliases else ())
    entry = _cache.get(key)
    if entry is not None and entry[0]() is item:
        return entry[1]
    validator = Validator(item, aliases)
    with _cache_lock:
        _cache[key] = (weakref.ref(item), validator)
        while len(_cache) > CACHE_SIZE:
            del _cache[next(iter(_cache))]
    return validator


def validate_many(
    item: Item, records: Iterable[Mapping[str, Any]], *, aliases: Mapping[str, str] | None = None
) -> Iterator[Report]:
    """A report per record, compiling the item's checks once.

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(19)
    >>> reports = zfgk.validate_many(item, [{"房号": "1"}, {}])
    >>> [(r.ok, len(r.problems)) for r in reports]
    [(False, 5), (False, 6)]
    """
    validator = _validator(item, aliases)
    for record in records:
        yield validator(record)
