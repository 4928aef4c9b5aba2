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

import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from zfgk._deprecated import warn_deprecated
from zfgk.headers import BUILTIN_ALIASES, column_key
from zfgk.model import Item
from zfgk.validation._header import HeaderChecker
from zfgk.validation._report import field_columns, problem_marks
from zfgk.validation._validator import Validator
from zfgk.validation._values import set_aside_leaks

if TYPE_CHECKING:  # pragma: no cover
    from zfgk.problems import Report

__all__ = [
    "BUILTIN_ALIASES",
    "HeaderChecker",
    "Validator",
    "column_key",
    "field_columns",
    "problem_marks",
    "set_aside_leaks",
    "validate",
    "validate_many",
]


def __getattr__(name: str) -> Any:
    # Problem, ProblemCode and Report live in zfgk.problems; their re-export here goes in 0.4.
    if name in ("Problem", "ProblemCode", "Report"):
        warn_deprecated(f"zfgk.validation.{name}", f"zfgk.{name} (or zfgk.problems.{name})")
        from zfgk import problems

        return getattr(problems, name)
    if name == "check_report":  # 0.2's report: zfgk.check_file(...).write_report(...)
        warn_deprecated(
            "zfgk.validation.check_report", "zfgk.check_file(path, item=...).write_report(output)"
        )
        import importlib

        return importlib.import_module("zfgk.files._deprecated").check_report
    raise AttributeError(f"module 'zfgk.validation' has no attribute {name!r}")


def validate(
    item: Item,
    record: Mapping[str, Any],
    *,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
) -> Report:
    """Check one record against a catalogue item.

    Codes: ``missing`` (a required field is absent), ``empty`` (present
    but blank: None, NaN, pandas' NA and NaT, spaces and invisible
    characters, an empty list; see :mod:`zfgk.values`), ``unmasked`` (a
    field the source requires masked holds a full ID number, one masked too
    little to hide its birth date, or an unmasked phone; or any field holds
    a full ID number, or a full mobile number where the item publishes no
    phone), ``invalid`` (an ID field holding neither a masked nor a full
    number; a phone field holding no phone number; a list or a dict) and
    ``unknown`` (a key the item does not have: a warning that leaves ``ok``
    true).  Shanyin's ○ fields are optional; the Chongqing catalogue marks
    nothing optional.  What counts as a full number is what ``zfgk scan``
    reports and ``zfgk mask`` masks.

    The item's checks are compiled on the first call and kept (for the last
    :data:`CACHE_SIZE` items and aliases, shared by all threads), so calling
    ``validate`` record by record in a loop costs no more than keeping a
    :class:`Validator` yourself.  For each sequence of keys it meets, a
    validator writes and compiles a Python function that tests all the values
    at once (as fastjsonschema does for a schema), shared by every item whose
    columns are of the same kinds; a value it cannot vouch for is judged by
    the general checks, so the verdicts and messages are the same either way.

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(22)
    >>> r = zfgk.validate(item, {"姓名": "张*", "身份证号": "11010519491231002X",
    ...                          "原租购项目名称、地址、类型、套型、面积等": "民心佳园 …",
    ...                          "原享受补贴面积标准": "", "备注": "无"})
    >>> [(p.code.value, p.field) for p in r.problems]
    [('unmasked', '身份证号'), ('empty', '原享受补贴面积标准'), ('unknown', '备注')]
    >>> "11010519491231002X" in repr(r)
    False

    ``aliases`` maps your keys to the item's fields, compared as headers
    are (case, width and spaces ignored).  One map can serve every item: an
    alias whose target the item lacks is left out.  ``ignore`` names keys
    that are not fields (``id``, ``created_at``), so that they raise no
    ``unknown`` warning; their values are still searched for full numbers.

    >>> aliases = {"Owner": "原保障对象姓名", "Type": "保障性住房类型"}
    >>> r = zfgk.validate(item, {"owner": "张*", "ID": 7}, aliases=aliases, ignore=["id"])
    >>> [(p.code.value, p.field) for p in r.problems][:1]
    [('missing', '身份证号')]

    With ``strict=True`` an alias whose target is not a field of the item
    raises :class:`~zfgk.InvalidArgumentError`:

    >>> zfgk.validate(item, {}, aliases={"户主": "户主编号"}, strict=True)
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: alias '户主' points at '户主编号', which is not a field of item 22 (自愿退出); its fields: 原保障对象姓名、身份证号、原租购项目名称、地址、类型、套型、面积、原享受补贴面积标准

    A wrong type raises :class:`TypeError` at the call:

    >>> zfgk.validate(item, None)
    Traceback (most recent call last):
    ...
    TypeError: record must be a mapping of key to value (a dict), not NoneType
    """
    if aliases is None and strict is False and ignore.__class__ is tuple and not ignore:
        entry = _cache.get((id(item), None, _NOTHING, False))  # the usual call: no options
        if entry is not None and entry[0]() is item:
            if record.__class__ is dict:  # a shape of record seen before: its check at once
                plan = entry[1]._plans.get(tuple(record))
                if plan is not None:
                    return plan(record)
            return entry[1](record)
    return _validator(item, aliases, ignore, strict)(record)


#: How many compiled validators :func:`validate` keeps, oldest dropped first.
CACHE_SIZE = 256
_cache: dict[tuple[object, ...], tuple[weakref.ref[Item], Validator]] = {}
_cache_lock = threading.Lock()
_NOTHING: frozenset[str] = frozenset()


def _validator(
    item: Item, aliases: Mapping[str, str] | None, ignore: Iterable[str] = (), strict: bool = False
) -> Validator:
    """The item's compiled checks, from a bounded cache shared by all threads.

    Keyed by the item's identity (items are immutable; a weak reference
    makes sure the entry is for this very item) and the options.  Options
    of the wrong type are not cached: :class:`Validator` says what it expected.
    """
    if not isinstance(item, Item):
        raise TypeError(f"item must be a zfgk.Item (catalogue.item(n)), not {type(item).__name__}")
    try:
        key: tuple[object, ...] | None = (
            id(item),
            tuple(sorted(aliases.items())) if isinstance(aliases, Mapping) else aliases,
            frozenset(ignore) if isinstance(ignore, (list, tuple, set, frozenset)) else ignore,
            bool(strict),
        )
        hash(key)
    except TypeError:
        key = None
    entry = _cache.get(key) if key is not None else None
    if entry is not None and entry[0]() is item:
        return entry[1]
    validator = Validator(item, aliases, ignore=ignore, strict=strict)
    if key is None:
        return validator
    with _cache_lock:
        _cache[key] = (weakref.ref(item), validator)
        while len(_cache) > CACHE_SIZE:
            del _cache[next(iter(_cache))]
    return validator


def validate_many(
    item: Item,
    records: Iterable[Mapping[str, Any]],
    *,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
) -> Iterator[Report]:
    """A report per record, compiling the item's checks once (options as :func:`validate`).

    The item and the options are checked at the call; the records are read
    as the caller iterates.

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(19)
    >>> reports = zfgk.validate_many(item, [{"房号": "1"}, {}])
    >>> [(r.ok, len(r.problems)) for r in reports]
    [(False, 5), (False, 6)]
    """
    validator = _validator(item, aliases, ignore, strict)
    if isinstance(records, Mapping) or not isinstance(records, Iterable):
        raise TypeError(
            f"records must be an iterable of records (dicts), not {type(records).__name__}"
        )
    return map(validator, records)
