"""The record checks of one item, compiled once: :class:`Validator`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import attrs

from zfgk._arguments import quiet
from zfgk.headers import ColumnMatcher, Slot, column_key, names_id_number
from zfgk.i18n import N_
from zfgk.model import Field, Item, PersonalKind
from zfgk.privacy import MIN_DIGITS
from zfgk.problems import Problem, ProblemCode, Report
from zfgk.validation._compiled import MAX_COLUMNS, has_record_check, record_check
from zfgk.validation._header import HeaderChecker
from zfgk.validation._values import OK, check_id_column, check_value, leak
from zfgk.values import ValueKind, read_value

_UNSEEN = object()
#: How many shapes of record (sequences of keys) one validator keeps checks for; past
#: that, it forgets them all and starts again (a service's records have a few).
PLANS_KEPT = 16
_NO_SKIP: frozenset[str] = frozenset()


@attrs.frozen
class _Column:
    """What one column name covers, resolved once per name."""

    slots: tuple[int, ...]
    bits: int  # the same slots, as a bit set: bit i for slot i
    required: tuple[str, ...]
    single: Field | None
    phones: bool  # whether a mobile number in it is a leak: it covers no phone the item publishes


class Validator:
    """An item's checks, compiled once; :func:`validate_many` uses one per item.

    >>> import zfgk
    >>> from zfgk import Validator
    >>> v = Validator(zfgk.load("chongqing").item(22))
    >>> v({"原保障对象姓名": "张*", "身份证号": "11010519491231002X"}).problems[0].code
    <ProblemCode.UNMASKED: 'unmasked'>

    ``aliases``, ``ignore`` and ``strict`` are those of :func:`validate`.
    """

    def __init__(
        self,
        item: Item,
        aliases: Mapping[str, str] | None = None,
        *,
        ignore: Iterable[str] = (),
        strict: bool = False,
    ) -> None:
        self.item = item
        self._matcher = ColumnMatcher(item, aliases, strict=strict, ignore=ignore)
        self.slots = self._matcher.slots
        self._columns: dict[str, _Column | None] = {}
        self._ignored: dict[str, bool] = {}
        self._required_bits = sum(1 << i for i, s in enumerate(self.slots) if s.required)
        # A check generated for each sequence of keys seen (see _compiled), by the keys.
        self._plans: dict[tuple[object, ...], Callable[[dict[Any, Any]], Report]] = {}
        self._seen: set[tuple[object, ...]] = set()  # keys met once, their shape not compiled

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
            published = any(
                self.slots[i].field.personal is PersonalKind.PHONE
                and not self.slots[i].field.masked
                for i in found
            )
            resolved = _Column(found, bits, required, single, not published)
        if len(self._columns) < 10_000:
            self._columns[key] = resolved
        return resolved

    def ignores(self, key: str) -> bool:
        """Whether a key is one of those ``ignore`` names (compared as headers are).

        >>> import zfgk
        >>> from zfgk import Validator
        >>> Validator(zfgk.load("chongqing").item(19), ignore=["ID"]).ignores("id")
        True
        """
        ignored = self._ignored.get(key)
        if ignored is None:
            ignored = column_key(key) in self._matcher.ignored
            if len(self._ignored) < 10_000:
                self._ignored[key] = ignored
        return ignored

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
        self, record: Mapping[str, Any], *, skip_missing: frozenset[str] = _NO_SKIP
    ) -> Report:
        """Validate one record; ``skip_missing`` names fields already reported for the header."""
        if record.__class__ is dict and not skip_missing:
            keys = tuple(record)
            plan = self._plans.get(keys)
            if plan is None:
                plan = self._plan(keys)
            return plan(record)
        return self._general(record, skip_missing=skip_missing)

    def _general(
        self, record: Mapping[str, Any], *, skip_missing: frozenset[str] = _NO_SKIP
    ) -> Report:
        """Validate one record key by key, as :meth:`__call__` does without generated checks.

        The reference the generated checks are tested against; it takes any mapping.

        >>> import zfgk
        >>> v = zfgk.Validator(zfgk.load("chongqing").item(19))
        >>> v._general({"房号": "1-101"}) == v({"房号": "1-101"})
        True
        """
        if not isinstance(record, Mapping):
            raise TypeError(
                f"record must be a mapping of key to value (a dict), not {type(record).__name__}"
            )
        problems: list[Problem] = []
        present = 0
        for key, value in record.items():
            column = self._column(key) if isinstance(key, str) else None
            if column is None:
                self._other_key(key, value, problems)
                continue
            present |= column.bits
            self._known_value(key, column, value, problems)
        missing = self._required_bits & ~present
        if missing:
            for i, slot in enumerate(self.slots):
                if missing >> i & 1 and slot.field.name not in skip_missing:
                    problems.append(self._missing(slot))
        return Report(tuple(problems)) if problems else OK

    def _known_value(
        self, key: str, column: _Column, value: object, problems: list[Problem]
    ) -> None:
        """The problems of a value in a column that covers fields of the item."""
        kind, text = read_value(value)
        if kind is ValueKind.BLANK:
            problems.extend(self._empty(name) for name in column.required)
            return
        single = column.single
        label = key if single is None else single.name
        if kind is ValueKind.OTHER:
            problems.append(self._not_a_value(label, value))
        elif single is not None and single.personal is not None:
            problems.extend(check_value(single, text))
        elif len(text) >= MIN_DIGITS:  # else no room for a number: skip the call
            # a compound or plain column: only look for leaked personal numbers
            problems.extend(leak(label, text, phones=column.phones))

    def _plan(
        self, keys: tuple[object, ...], *, at_once: bool = False
    ) -> Callable[[dict[Any, Any]], Report]:
        """The generated check of records with these keys, in this order (kept).

        A shape of record whose check is not compiled yet is judged by the general
        code the first time its keys are seen (a first call costs what it always did);
        the second time, or ``at_once``, its check is compiled.
        """
        plan: Callable[[dict[Any, Any]], Report] = self._general
        if len(keys) <= MAX_COLUMNS and all(k.__class__ is str for k in keys):
            kinds: list[str] = []
            slow: list[Callable[[Any, list[Problem]], None]] = []
            present = 0
            for key in keys:
                assert isinstance(key, str)
                column = self._column(key)
                if column is None:
                    kinds.append(self._other_kind(key))
                    slow.append(partial(self._other_key, key))
                else:
                    present |= column.bits
                    kinds.append(_kind(column))
                    slow.append(partial(self._known_value, key, column))
            missing = self._required_bits & ~present
            if at_once or keys in self._seen or has_record_check(kinds, bool(missing)):
                slots = enumerate(self.slots)
                absent = tuple(self._missing(s) for i, s in slots if missing >> i & 1)
                plan = record_check(kinds, slow, absent)
            else:
                if len(self._seen) >= PLANS_KEPT:
                    self._seen.clear()
                self._seen.add(keys)
                return plan  # not kept: compiled the next time
        if len(self._plans) >= PLANS_KEPT:
            self._plans.clear()
        self._plans[keys] = plan
        return plan

    def _other_kind(self, key: str) -> str:
        """How a key that is no field is checked: briefly if ignored and plain, else in full."""
        if self.ignores(key) and len(key) < MIN_DIGITS and not names_id_number(quiet(key)):
            return "ignored"
        return "other"

    def _other_key(self, key: object, value: object, problems: list[Problem]) -> None:
        """A key that is not a field: a warning unless ignored; searched for leaks all the same.

        A key is published too (a column's name): one holding a long number is
        named without it, and a full number in it is ``unmasked``.
        """
        name = quiet(str(key))
        if not (isinstance(key, str) and self.ignores(key)):
            problems.append(self.unknown(name))
        if len(str(key)) >= MIN_DIGITS:
            problems.extend(leak(name, str(key)))
        kind, text = read_value(value)
        if kind is ValueKind.OTHER:
            text = str(value)  # published all the same: look inside
        if names_id_number(name):  # 配偶身份证号: ID numbers all the same
            problems.extend(check_id_column(name, text))
        elif len(text) >= MIN_DIGITS:
            problems.extend(leak(name, text))

    def unknown(self, name: str) -> Problem:
        """The ``unknown`` warning for a key that is not a field of the item.

        >>> import zfgk
        >>> zfgk.Validator(zfgk.load("chongqing").item(19)).unknown("备注").warning
        True
        """
        return Problem.of(
            ProblemCode.UNKNOWN,
            name,
            N_(
                "{key} is not a field of item {item} ({item_name}); it is ignored (map it with an alias if it is one under another name)"
            ),
            key=name,
            item=self.item.number,
            item_name=self.item.name,
        )

    def _empty(self, name: str) -> Problem:
        return Problem.of(
            ProblemCode.EMPTY,
            name,
            N_("{field} is blank; item {item} requires a value"),
            field=name,
            item=self.item.number,
        )

    @staticmethod
    def _not_a_value(name: str, value: object) -> Problem:
        return Problem.of(
            ProblemCode.INVALID,
            name,
            N_("{field} holds a {type}, not a value; give text or a number"),
            field=name,
            type=type(value).__name__,
        )

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


def _kind(column: _Column) -> str:
    """What the generated check tests a column's values for (see ``_compiled.FAST_VALUE``)."""
    optional = "" if column.required else "?"
    single = column.single
    if single is None or single.personal is None:
        return "plain" + optional
    if single.personal is PersonalKind.ID_NUMBER:
        return "id" + optional
    if single.personal is PersonalKind.PHONE:
        return ("masked-phone" if single.masked else "phone") + optional
    return "name" + optional
