"""Checks generated for one shape of record or row: the clean case in one expression.

A :class:`~zfgk.Validator` resolves each key of a record once; what a value
must be for its column to have nothing to say depends only on what the
column is (a plain field, required or not; a name; an ID number; a phone the
item publishes; a key the caller ignores …).  For each sequence of such
kinds this module writes one Python function, as fastjsonschema does for a
schema, compiles it once per process, and keeps it: the function says, in
one boolean expression of string methods, that every value is clean, and
hands any value it cannot vouch for to the general check of its column.

Each test below only ever answers "clean" for a value on which the general
check finds nothing (the reasons are written beside each; the tests compare
the two on every test's records and on drawn ones).  A value that fails a
test is judged by the general code, so a problem is always the general
check's problem, with its message, in the record's order.

No text of a record, a key or a catalogue goes into the generated source:
it is made of the kinds alone, and the columns' checks are passed in as
arguments.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from zfgk import patterns
from zfgk.privacy import may_hold_pii
from zfgk.problems import Report
from zfgk.validation._values import OK

__all__ = ["FAST_ROW", "FAST_VALUE", "MAX_COLUMNS", "has_record_check", "record_check", "row_check"]

#: Records and rows wider than this are checked by the general code (a generated
#: function grows with its columns; such records are rare).
MAX_COLUMNS = 120

_masked_id = re.compile(patterns.MASKED_ID).fullmatch
_phone = re.compile(patterns.PHONE).fullmatch
_masked_phone = re.compile(patterns.MASKED_PHONE).fullmatch

# Why each test is enough (``_may`` is may_hold_pii: below 11 characters it is
# only "+17" or "+017" in the text; ``leak`` finds nothing where it is false):
#
# - a str that ``isprintable()`` and does not ``strip()`` to nothing is not blank
#   (blank_text); a plain column searches a value only from 11 characters on;
# - a name (or any personal kind but ID numbers and phones) is searched whatever
#   its length: below 11 characters and with no "+", there is nothing to find;
# - a value that is a masked ID number (patterns.MASKED_ID) is "masked" to the ID
#   check, holds mask characters (so no number shown, no scientific notation) and
#   at most 10 digits and no "+" (so leak finds nothing);
# - a phone the item publishes that is a phone number (patterns.PHONE) is valid
#   and has no "e" (no scientific notation); under 15 characters it has under 15
#   digits, so no ID number (18 or 15 digits) can be read in it: only the mobile
#   number, which the item publishes;
# - a masked phone is a phone (MASKED_PHONE is a narrower PHONE) and is masked;
#   may_hold_pii is asked outright;
# - an ignored key's short text (or small whole number, or None) is never searched.
_PLAIN = "(len({v}) < 11 or not _may({v}))"
_FILLED = "{v}.isprintable() and {v}.strip()"
_SHORT_NO_PLUS = '(len({v}) < 11 and "+" not in {v} or not _may({v}))'

#: Record values (any Python object): kind -> the test that vouches for a value.
FAST_VALUE: dict[str, str] = {
    "plain": f"({{v}}.__class__ is str and {_FILLED} and {_PLAIN}"
    " or {v}.__class__ is int and -1000000000 < {v} < 10000000000)",
    "plain?": f"({{v}}.__class__ is str and {_PLAIN}"
    " or {v} is None or {v}.__class__ is int and -1000000000 < {v} < 10000000000)",
    "name": f"({{v}}.__class__ is str and {_FILLED} and {_SHORT_NO_PLUS})",
    "name?": f"({{v}}.__class__ is str and {_SHORT_NO_PLUS} or {{v}} is None)",
    "id": "({v}.__class__ is str and _masked_id({v}) is not None)",
    "id?": "({v}.__class__ is str and _masked_id({v}) is not None or {v} is None)",
    "phone": "({v}.__class__ is str and len({v}) < 15 and _phone({v}) is not None)",
    "phone?": "({v}.__class__ is str and len({v}) < 15 and _phone({v}) is not None or {v} is None)",
    "masked-phone": "({v}.__class__ is str and _masked_phone({v}) is not None and not _may({v}))",
    "masked-phone?": "({v}.__class__ is str and _masked_phone({v}) is not None"
    " and not _may({v}) or {v} is None)",
    "ignored": "({v}.__class__ is str and len({v}) < 11 or {v} is None"
    " or {v}.__class__ is int and -1000000000 < {v} < 10000000000)",
    "other": "False",
}

#: Cells of a table's row (str, or a workbook's CellText): kind -> the test.
FAST_ROW: dict[str, str] = {
    "plain": f"({_FILLED} and {_PLAIN})",
    "plain?": _PLAIN,
    "id": "({v}.__class__ is str and _masked_id({v}) is not None)",
    "id?": "({v}.__class__ is str and (_masked_id({v}) is not None or not {v}.strip()))",
    "phone": "({v}.__class__ is str and len({v}) < 15 and _phone({v}) is not None)",
    "phone?": "({v}.__class__ is str and (len({v}) < 15 and _phone({v}) is not None"
    " or not {v}.strip()))",
    "masked-phone": "({v}.__class__ is str and _masked_phone({v}) is not None and not _may({v}))",
    "masked-phone?": "({v}.__class__ is str and (_masked_phone({v}) is not None"
    " and not _may({v}) or not {v}.strip()))",
    # a column named as ID or mobile numbers that is no field: no number shown either
    "numbers": f'({{v}}.__class__ is str and {_PLAIN} and "e" not in {{v}} and "E" not in {{v}})',
    "id-named": "({v}.__class__ is str and (not {v}.strip() or _masked_id({v}) is not None))",
    "other": "False",
}

_NAMESPACE: dict[str, Any] = {
    "OK": OK,
    "Report": Report,
    "_may": may_hold_pii,
    "_masked_id": _masked_id,
    "_phone": _phone,
    "_masked_phone": _masked_phone,
}

# Generated factories by shape, shared by every item and validator (a shape is a few
# dozen bytes of kinds; the same few serve whole catalogues).  Bounded all the same.
_SHAPES_KEPT = 256
_record_factories: dict[tuple[object, ...], Callable[..., Callable[[Any], Report]]] = {}
_row_factories: dict[tuple[str, ...], Callable[..., Callable[[Any], Report]]] = {}
_lock = threading.Lock()


def _build(source: str, name: str) -> Callable[..., Callable[[Any], Report]]:
    namespace = dict(_NAMESPACE)
    exec(compile(source, f"<zfgk validation: {name}>", "exec"), namespace)
    factory: Callable[..., Callable[[Any], Report]] = namespace["_factory"]
    return factory


def _kept(
    cache: dict[Any, Callable[..., Callable[[Any], Report]]],
    shape: Any,
    make: Callable[[], str],
    name: str,
) -> Callable[..., Callable[[Any], Report]]:
    factory = cache.get(shape)
    if factory is None:
        factory = _build(make(), name)
        with _lock:
            if len(cache) >= _SHAPES_KEPT:
                cache.clear()
            cache[shape] = factory
    return factory


def _record_source(kinds: Sequence[str], missing: bool) -> str:
    """The source of the factory of a record check: ``_factory(S0, …, MISSING)``.

    Each value's test is written once, its verdict kept (``c0``, ``c1`` …): a clean
    record is their conjunction, and in any other each column whose test failed is
    judged by its general check.
    """
    n = len(kinds)
    names = [f"v{i}" for i in range(n)]
    params = [f"S{i}" for i in range(n)] + ["MISSING"]
    lines = [f"def _factory({', '.join(params)}):", "    def check(record):"]
    if n:
        lines.append(f"        {''.join(f'{v}, ' for v in names)}= record.values()")
    for i, (kind, v) in enumerate(zip(kinds, names, strict=True)):
        lines.append(f"        c{i} = {FAST_VALUE[kind].format(v=v)}")
    if not missing and "other" not in kinds:
        lines.append(f"        if {' and '.join(f'c{i}' for i in range(n)) or 'True'}:")
        lines.append("            return OK")
    lines.append("        P = []")
    for i in range(n):
        lines.append(f"        if not c{i}:")
        lines.append(f"            S{i}(v{i}, P)")
    if missing:
        lines.append("        P.extend(MISSING)")
    lines.append("        return Report(tuple(P)) if P else OK")
    lines.append("    return check")
    return "\n".join(lines) + "\n"


def has_record_check(kinds: Sequence[str], missing: bool) -> bool:
    """Whether the check of this shape of record is compiled already (making it costs a
    compilation of Python source: some 50 µs a column).

    >>> from zfgk.validation._compiled import has_record_check, record_check
    >>> _ = record_check(["plain"], [print], ())
    >>> has_record_check(["plain"], False), has_record_check(["plain"] * 99, False)
    (True, False)
    """
    return (tuple(kinds), bool(missing)) in _record_factories


def record_check(
    kinds: Sequence[str],
    slow: Sequence[Callable[[Any, list[Any]], None]],
    missing: tuple[Any, ...],
) -> Callable[[dict[Any, Any]], Report]:
    """The check of dicts whose values come in the order of ``kinds``.

    ``slow[i]`` is the general check of column i (it appends its problems to
    the list it is given); ``missing`` the problems of the fields no key holds,
    reported after the values'.

    >>> from zfgk.validation._compiled import record_check
    >>> def general(value, problems):
    ...     problems.append(f"general check of {value!r}")
    >>> check = record_check(["plain", "id"], [general, general], ())
    >>> check({"房号": "1-101", "身份证号": "110105********002X"}).ok  # vouched for
    True
    >>> check({"房号": " ", "身份证号": "110105********002X"}).problems  # the blank: asked
    ("general check of ' '",)
    """
    shape = (tuple(kinds), bool(missing))
    factory = _kept(
        _record_factories,
        shape,
        lambda: _record_source(kinds, bool(missing)),
        "record of " + ", ".join(kinds),
    )
    return factory(*slow, missing)


def _row_source(kinds: Sequence[str]) -> str:
    """The source of the factory of a row check: ``_factory(S0, …, GENERAL)``."""
    n = len(kinds)
    names = [f"v{i}" for i in range(n)]
    params = [f"S{i}" for i in range(n)] + ["GENERAL"]
    lines = [f"def _factory({', '.join(params)}):", "    def check(values):"]
    if n and "other" not in kinds:
        lines.append(f"        if len(values) == {n}:")
        lines.append(f"            {''.join(f'{v}, ' for v in names)}= values")
        for i, (kind, v) in enumerate(zip(kinds, names, strict=True)):
            lines.append(f"            c{i} = {FAST_ROW[kind].format(v=v)}")
        lines.append(f"            if {' and '.join(f'c{i}' for i in range(n))}:")
        lines.append("                return OK")
        lines.append("            P = []")
        for i in range(n):
            lines.append(f"            if not c{i}:")
            lines.append(f"                S{i}(v{i}, P)")
        lines.append("            return Report(tuple(P)) if P else OK")
    lines.append("        return GENERAL(values)")
    lines.append("    return check")
    return "\n".join(lines) + "\n"


def row_check(
    kinds: Sequence[str],
    slow: Sequence[Callable[[str, list[Any]], None]],
    general: Callable[[Sequence[str]], Report],
) -> Callable[[Sequence[str]], Report]:
    """The check of rows of ``len(kinds)`` cells: clean ones at once, the cells it cannot vouch
    for by their columns' checks (``slow``), a row of another length by ``general``.

    >>> from zfgk.validation._compiled import row_check
    >>> def blank(value, problems):
    ...     problems.append("a blank, asked")
    >>> check = row_check(["plain", "plain?"], [blank, blank], lambda values: "another length")
    >>> check(["1-101", ""]).ok, check(["", "1-101"]).problems, check(["1-101"])
    (True, ('a blank, asked',), 'another length')
    """
    shape = tuple(kinds)
    factory = _kept(_row_factories, shape, lambda: _row_source(kinds), "row of " + ", ".join(kinds))
    return (
        factory(*slow, general) if "other" not in kinds else factory(*slow[: len(kinds)], general)
    )
