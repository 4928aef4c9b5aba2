"""Masking records in Python as ``zfgk mask`` masks a file: :func:`mask_record`, :func:`mask_records`."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from zfgk.errors import PrivacyError
from zfgk.headers import ColumnMatcher
from zfgk.i18n import N_
from zfgk.model import Item
from zfgk.privacy._records import MaskPlan, plan_with

#: How many headers one masker keeps compiled plans for (records of a service have few).
_PLANS_KEPT = 64
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
        self._plans: dict[tuple[object, ...], MaskPlan] = {}

    def __call__(self, record: Mapping[Any, Any]) -> dict[Any, Any]:
        if not isinstance(record, Mapping):
            raise TypeError(
                f"record must be a mapping of key to value (a dict), not {type(record).__name__}"
            )
        keys = tuple(record)
        plan = self._plans.get(keys)
        if plan is None:
            header = [k if isinstance(k, str) else str(k) for k in keys]
            plan = plan_with(header, self.matcher, names=self.names, phones=self.phones)
            if len(self._plans) >= _PLANS_KEPT:
                self._plans.clear()
            self._plans[keys] = plan
        masked = {}
        for index, (key, value) in enumerate(record.items()):
            try:
                masked[key] = plan.mask_value(index, value)
            except PrivacyError as e:
                raise PrivacyError.of(
                    N_("{field}: {reason}"), field=str(key), reason=e.as_message()
                ) from e
        return masked


_maskers: dict[tuple[object, ...], _RecordMasker] = {}
_lock = threading.Lock()


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
