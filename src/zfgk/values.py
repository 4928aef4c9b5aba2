"""What a value in a record is: blank, a scalar read as text, or something else.

Records come from everywhere: a CSV reader's strings, a web form's JSON, a
DataFrame's ``to_dict("records")`` with its NaN, ``pd.NA`` and ``NaT``.
:func:`zfgk.validate` and :func:`zfgk.mask_record` read every value through
:func:`read_value`, so that a blank is blank to both.

Blank: None; a float NaN (numpy's too); pandas' ``NA`` and ``NaT``
(recognised without importing pandas); a string of only whitespace and
invisible format characters (:data:`BLANK_CHARACTERS`: spaces of every kind,
the zero-width space, the byte-order mark …); an empty list, tuple, set,
dict or array.  Any other container is not a value a field can hold.

>>> from zfgk.values import ValueKind, read_value
>>> [read_value(v)[0].value for v in (None, float("nan"), "\\u200b", [], "张*", 12, ["张*"])]
['blank', 'blank', 'blank', 'blank', 'text', 'text', 'other']
>>> read_value(56.8)
(<ValueKind.TEXT: 'text'>, '56.8')
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Set
from decimal import Decimal

from zfgk.patterns import FORMAT_CHARACTERS, WHITESPACE

__all__ = ["BLANK_CHARACTERS", "ValueKind", "blank_text", "is_blank", "read_value"]

#: A string of only these characters is blank: whitespace (``str.isspace``,
#: every Unicode space among it) and the invisible format characters
#: (Unicode category Cf: zero-width space, word joiner, byte-order mark …).
BLANK_CHARACTERS: frozenset[str] = WHITESPACE | FORMAT_CHARACTERS
_BLANK_TABLE = dict.fromkeys(map(ord, BLANK_CHARACTERS))


class ValueKind(enum.Enum):
    """What :func:`read_value` found: a blank, a scalar (with its text), or something else."""

    BLANK = "blank"
    TEXT = "text"
    OTHER = "other"
    """A container with something in it (a list, a dict …): no field holds one."""


#: The types whose text is their value: read as ``str(value)``.
_SCALARS = (int, float, Decimal)
#: The type names of pandas' missing values (``pd.NA``, ``pd.NaT``), recognised without
#: importing pandas (their module differs between versions).
_PANDAS_MISSING = frozenset({"NAType", "NaTType"})


def blank_text(text: str) -> bool:
    """Whether a string is blank: only :data:`BLANK_CHARACTERS`, or nothing.

    Fast on the common case: a string with a printable character that is
    not a space is not blank.

    >>> from zfgk.values import blank_text
    >>> blank_text(" \u3000"), blank_text("\u200b\ufeff"), blank_text("\u200b无")
    (True, True, False)
    """
    if not text.strip():
        return True
    return not text.isprintable() and not text.translate(_BLANK_TABLE)


def _is_nan(value: object) -> bool:
    """Whether a value is not equal to itself (NaN of every kind), never raising."""
    try:
        return bool(value != value)  # noqa: PLR0124 - the test for NaN
    except Exception:  # an object whose comparison cannot be a truth value
        return False


def read_value(value: object) -> tuple[ValueKind, str]:
    """The kind of a record's value, and its text (``""`` unless the kind is TEXT).

    A string is its own text (not stripped); a number, a date or any other
    scalar is read as ``str(value)``.

    >>> from zfgk.values import read_value
    >>> read_value(" 民心佳园 ")
    (<ValueKind.TEXT: 'text'>, ' 民心佳园 ')
    >>> read_value("\\ufeff\\u3000"), read_value({})
    ((<ValueKind.BLANK: 'blank'>, ''), (<ValueKind.BLANK: 'blank'>, ''))
    >>> read_value({"房号": "1-1-101"})
    (<ValueKind.OTHER: 'other'>, '')
    """
    if isinstance(value, str):
        return (ValueKind.BLANK, "") if blank_text(value) else (ValueKind.TEXT, value)
    if value is None:
        return ValueKind.BLANK, ""
    if isinstance(value, int):  # bool too
        return ValueKind.TEXT, str(value)
    if isinstance(value, _SCALARS):
        return (ValueKind.BLANK, "") if _is_nan(value) else (ValueKind.TEXT, str(value))
    kind = type(value)
    if kind.__name__ in _PANDAS_MISSING and kind.__module__.startswith("pandas"):
        return ValueKind.BLANK, ""
    if isinstance(value, (bytes, bytearray, Mapping, Set, list, tuple)) or _is_array(value):
        return (ValueKind.OTHER, "") if _has_items(value) else (ValueKind.BLANK, "")
    if _is_nan(value):  # numpy's float32 NaN and other scalars unequal to themselves
        return ValueKind.BLANK, ""
    return ValueKind.TEXT, str(value)


def _is_array(value: object) -> bool:
    """An array-like container (numpy's ndarray, a pandas Series): it has a length and a shape."""
    return hasattr(value, "__len__") and hasattr(value, "shape")


def _has_items(value: object) -> bool:
    try:
        return len(value) > 0  # type: ignore[arg-type]
    except TypeError:  # a 0-d array: a scalar in a box
        return True


def is_blank(value: object) -> bool:
    """Whether a value counts as blank (see the module's documentation).

    >>> from zfgk.values import is_blank
    >>> is_blank(float("nan")), is_blank(" \\u200b "), is_blank(0), is_blank("无")
    (True, True, False, False)
    """
    return read_value(value)[0] is ValueKind.BLANK
