"""Masking records in Python as ``zfgk mask`` masks a file: :func:`mask_record`, :func:`mask_records`."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from zfgk.errors import PrivacyError
from zfgk.headers import ColumnMatcher
from zfgk.i18n import N_
from zfgk.model import Item, PersonalKind
from zfgk.patterns import MASK_CHARACTERS, PHONE
from zfgk.privacy._find import may_hold_pii
from zfgk.privacy._records import MaskPlan, plan_with

#: How many headers one masker keeps compiled plans for (records of a service have few).
_PLANS_KEPT = 64
#: Records wider than this are masked value by value.
_WIDEST = 120
#: How many (item, options) maskers :func:`mask_record` keeps.
_MASKERS_KEPT = 128


class _RecordMasker:
    """One item's masking options, compiled once; a plan per distinct set of keys."""

    def __init__(
        self,
        item: Item,
        *,
        names: bool,
        phones: bool,
        aliases: Mapping[str, str] | None,
        ignore: Iterable[str],
        strict: bool,
    ) -> None:
        self.item = item  # held, so that the id() in the cache key stays this item's
        self.names = names
        self.phones = phones
        self.matcher = ColumnMatcher(item, aliases, strict=strict, ignore=ignore)
        # The plan of each sequence of keys, and a test of a record that needs none of it.
        self._plans: dict[tuple[object, ...], tuple[MaskPlan, Callable[[Any], bool]]] = {}

    def __call__(self, record: Mapping[Any, Any]) -> dict[Any, Any]:
        if record.__class__ is dict:
            keys = tuple(record)
            entry = self._plans.get(keys)
            if entry is None:
                entry = self._plan(keys)
            if entry[1](record):  # nothing to mask: the record as it is, in a new dict
                return record.copy()
            return self._masked(record, entry[0])
        if not isinstance(record, Mapping):
            raise TypeError(
                f"record must be a mapping of key to value (a dict), not {type(record).__name__}"
            )
        keys = tuple(record)
        entry = self._plans.get(keys)
        return self._masked(record, (entry or self._plan(keys))[0])

    def _plan(self, keys: tuple[object, ...]) -> tuple[MaskPlan, Callable[[Any], bool]]:
        """The plan of records with these keys, and the test that such a record needs none of it."""
        header = [k if isinstance(k, str) else str(k) for k in keys]
        plan = plan_with(header, self.matcher, names=self.names, phones=self.phones)
        kinds = tuple(_whole(plan, index) for index in range(len(keys)))
        test: Callable[[Any], bool] = _changed
        if len(kinds) <= _WIDEST:
            test = _unchanged(kinds)
        entry = (plan, test)
        if len(self._plans) >= _PLANS_KEPT:
            self._plans.clear()
        self._plans[keys] = entry
        return entry

    def _masked(self, record: Mapping[Any, Any], plan: MaskPlan) -> dict[Any, Any]:
        """Each value of ``record`` masked by ``plan``."""
        masked = {}
        for index, (key, value) in enumerate(record.items()):
            try:
                masked[key] = plan.mask_value(index, value)
            except PrivacyError as e:
                raise PrivacyError.of(
                    N_("{field}: {reason}"), field=str(key), reason=e.as_message()
                ) from e
        return masked


# What a value needs for its column to leave it as it is, as a Python expression (each only
# ever holds of a value that MaskPlan.mask_value returns unchanged; tests/test_compiled_masking.py
# holds them to it): in a column that is redacted, a text with no room for a number
# (may_hold_pii; below 11 characters only "+17" makes room) or a small whole number; in a
# column of ID numbers masked whole, a number masked as mask_id masks one (its birth date
# hidden, compact, ASCII digits), which mask_id returns as it is; in a column of a phone the
# item publishes, a phone number shorter than any ID number (redact_ids masks an ID number
# there and gives a mobile number back as it is); a blank None anywhere.
_UNCHANGED = {
    None: '({v}.__class__ is str and (len({v}) < 11 and "+" not in {v} or not _may({v}))'
    " or {v} is None or {v}.__class__ is int and -1000000000 < {v} < 10000000000)",
    PersonalKind.ID_NUMBER: "({v}.__class__ is str and _masked_id({v}) is not None or {v} is None)",
    "published": "({v}.__class__ is str and len({v}) < 15 and _phone({v}) is not None"
    " or {v} is None)",
}
_MASK = "".join(sorted(MASK_CHARACTERS))
_NAMESPACE: dict[str, Any] = {
    "_may": may_hold_pii,
    "_masked_id": re.compile(
        f"[0-9]{{6}}[{_MASK}]{{8}}[0-9]{{3}}[0-9Xx]|[0-9]{{6}}[{_MASK}]{{6}}[0-9]{{3}}"
    ).fullmatch,
    "_phone": re.compile(PHONE).fullmatch,
}


@lru_cache(maxsize=256)
def _unchanged(kinds: tuple[PersonalKind | str | None, ...]) -> Callable[[Any], bool]:
    """A function of a dict whose values are in the columns ``kinds``: whether none needs masking.

    Written as one expression for the shape and compiled (shared by every item with it); no
    text of a record or a header goes into it.
    """
    tests = [_UNCHANGED.get(kind, "False").format(v=f"v{i}") for i, kind in enumerate(kinds)]
    names = "".join(f"v{i}, " for i in range(len(kinds)))  # v0, v1, … = record.values()
    source = "def unchanged(record):\n"
    if kinds:
        source += f"    {names}= record.values()\n"
    source += f"    return {' and '.join(tests) or 'True'}\n"
    namespace = dict(_NAMESPACE)
    exec(compile(source, "<zfgk masking>", "exec"), namespace)
    check: Callable[[Any], bool] = namespace["unchanged"]
    return check


def _whole(plan: MaskPlan, index: int) -> PersonalKind | str | None:
    """How a column is masked: None if redacted (``"published"`` if it holds a phone the item
    publishes), else the kind of data it is masked whole as."""
    column = plan.columns.get(index)
    if column is None:
        return "published" if index in plan.published else None
    return column.kind


def _changed(record: Any) -> bool:
    return False


_maskers: dict[tuple[object, ...], _RecordMasker] = {}
_lock = threading.Lock()
# The same maskers for the usual call (no options), by the item's id() alone (each holds
# its item, so the id stays that item's while it is here).
_usual: dict[int, _RecordMasker] = {}


def _masker(
    item: Item,
    *,
    names: bool,
    phones: bool,
    aliases: Mapping[str, str] | None,
    ignore: Iterable[str],
    strict: bool,
) -> _RecordMasker:
    """The compiled masker of these options, from a bounded cache shared by all threads."""
    try:
        key = (
            id(item),
            bool(names),
            bool(phones),
            tuple(aliases.items()) if isinstance(aliases, Mapping) else aliases,
            frozenset(ignore) if isinstance(ignore, (list, tuple, set, frozenset)) else ignore,
            bool(strict),
        )
        hash(key)
    except TypeError:  # options of the wrong type: the matcher says what was expected
        key = None
    masker = _maskers.get(key) if key is not None else None
    if masker is not None and masker.item is item:
        return masker
    masker = _RecordMasker(
        item, names=names, phones=phones, aliases=aliases, ignore=ignore, strict=strict
    )
    if key is not None:
        with _lock:
            if len(_maskers) >= _MASKERS_KEPT:
                del _maskers[next(iter(_maskers))]
            _maskers[key] = masker
            if key[1:] == (False, False, None, frozenset(), False):
                if len(_usual) >= _MASKERS_KEPT:
                    del _usual[next(iter(_usual))]
                _usual[id(item)] = masker
    return masker


def mask_record(
    item: Item,
    record: Mapping[Any, Any],
    *,
    names: bool = False,
    phones: bool = False,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
) -> dict[Any, Any]:
    """A new record, the same keys in the same order, masked as the catalogue asks.

    Exactly what ``zfgk mask --item`` does to a row of a file (both go
    through :func:`mask_plan`): the fields the item requires published
    partly hidden (身份证号 隐藏部分号码) and any key of ID numbers are
    masked whole; every full ID number or mobile number in any other value
    is masked in place; names and phones the item publishes are left alone
    unless ``names`` or ``phones`` ask.  Keys are matched as
    :func:`zfgk.validate` matches them, with the same ``aliases``, ``ignore``
    and ``strict`` (so one set of options serves both; ``ignore`` only says a
    key is not a field: its value is still searched and masked).

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(19)
    >>> zfgk.mask_record(item, {"id": 7, "姓名": "张三", "身份证号": "11010519491231002X",
    ...                         "备注": "电话 13812345678", "面积": 56.8})
    {'id': 7, '姓名': '张三', '身份证号': '110105********002X', '备注': '电话 138****5678', '面积': 56.8}
    >>> zfgk.mask_record(item, {"name": "张三", "身份证号": None}, names=True,
    ...                  aliases={"name": "保障对象姓名"})
    {'name': '张*', '身份证号': None}

    Blanks stay blank.  A value that cannot be masked truthfully (不详 in an
    ID field, an ID number read as a number, a list) raises
    :class:`~zfgk.PrivacyError` naming the key, never the value:

    >>> zfgk.mask_record(item, {"身份证号": "不详"})
    Traceback (most recent call last):
    ...
    zfgk.errors.PrivacyError: 身份证号: cannot mask: it is not shaped like an ID number (18 or 15 digits)
    """
    usual = names is False and phones is False and aliases is None and strict is False
    if usual and ignore.__class__ is tuple and not ignore:  # the usual call: no options
        masker = _usual.get(id(item))
        if masker is not None and masker.item is item:
            if record.__class__ is dict:  # a shape of record seen before: its test at once
                entry = masker._plans.get(tuple(record))
                if entry is not None and entry[1](record):
                    return record.copy()
            return masker(record)
    if not isinstance(item, Item):
        raise TypeError(f"item must be a zfgk.Item (catalogue.item(n)), not {type(item).__name__}")
    return _masker(item, names=names, phones=phones, aliases=aliases, ignore=ignore, strict=strict)(
        record
    )


def mask_records(
    item: Item,
    records: Iterable[Mapping[Any, Any]],
    *,
    names: bool = False,
    phones: bool = False,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
) -> Iterator[dict[Any, Any]]:
    """:func:`mask_record` for a stream of records: the options are compiled once.

    Records are read one at a time, as the caller iterates: a
    ``DataFrame.to_dict("records")``, a database cursor, a generator.  The
    options are checked at the call, before the first record is read.

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(22)
    >>> rows = [{"原保障对象姓名": "张三", "身份证号": "11010519491231002X"},
    ...         {"原保障对象姓名": "李四", "身份证号": ""}]
    >>> [r["身份证号"] for r in zfgk.mask_records(item, rows)]
    ['110105********002X', '']
    """
    if not isinstance(item, Item):
        raise TypeError(f"item must be a zfgk.Item (catalogue.item(n)), not {type(item).__name__}")
    if isinstance(records, Mapping) or not isinstance(records, Iterable):
        raise TypeError(
            f"records must be an iterable of records (dicts), not {type(records).__name__}"
        )
    masker = _RecordMasker(
        item, names=names, phones=phones, aliases=aliases, ignore=ignore, strict=strict
    )
    return map(masker, records)
