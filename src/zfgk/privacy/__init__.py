"""Personal data: ID numbers, names and phone numbers: validate, mask, find and redact.

The catalogues demand 身份证号(隐藏部分号码): ID numbers are published with
part of the number hidden.  zfgk hides the eight birth-date digits by
default, and fails closed: a value it cannot mask safely raises an error
instead of being returned as it is.

>>> import zfgk
>>> zfgk.mask_id("11010519491231002X")
'110105********002X'
>>> zfgk.mask_name("欧阳娜娜")
'欧阳**'
>>> zfgk.mask_phone("13812345678")
'138****5678'
>>> zfgk.redact("申请人张三，身份证号 11010519491231002X，电话 138-1234-5678。")
'申请人张三，身份证号 110105********002X，电话 138-****-5678。'

No error message, repr or log line produced here contains the personal
data it is about.

The package's modules by concern: ``_ids`` (ID numbers), ``_names``,
``_phones``, ``_find`` (free text: :func:`find_pii`, :func:`redact`; its readers of
stretches ``_stretch`` and runs ``_runs``, ``_shown`` for digits drawn otherwise
or reordered by bidirectional controls, and ``_hidden`` for digits beside hidden ones) and
``_records`` (what to mask in a table, as the catalogue asks:
:func:`mask_plan`) and ``_mask_record`` (records in Python:
:func:`mask_record`, :func:`mask_records`); every public name is imported
from ``zfgk.privacy``.  The package reads no file and loads no catalogue:
masking a file is :func:`zfgk.mask_file`.
"""

from __future__ import annotations

from zfgk.patterns import FORMAT_CHARACTERS, VISIBLE_SEPARATORS
from zfgk.privacy._find import MIN_DIGITS, PiiMatch, find_pii, may_hold_pii, redact
from zfgk.privacy._ids import (
    PROVINCE_CODES,
    IdKind,
    IdNumber,
    Sex,
    is_valid_id,
    mask_id,
    parse_id,
    upgrade_id,
)
from zfgk.privacy._mask_record import mask_record, mask_records
from zfgk.privacy._names import COMPOUND_SURNAMES, mask_name
from zfgk.privacy._phones import mask_phone
from zfgk.privacy._records import (
    MASKERS,
    MaskedColumn,
    MaskPlan,
    MaskReason,
    mask_plan,
    plan_with,
    redact_ids,
)
from zfgk.privacy._text import check_mask_char, strip_separators

__all__ = [
    "COMPOUND_SURNAMES",
    "FORMAT_CHARACTERS",
    "MASKERS",
    "MIN_DIGITS",
    "PROVINCE_CODES",
    "VISIBLE_SEPARATORS",
    "IdKind",
    "IdNumber",
    "MaskPlan",
    "MaskReason",
    "MaskedColumn",
    "PiiMatch",
    "Sex",
    "check_mask_char",
    "find_pii",
    "is_valid_id",
    "mask_id",
    "mask_name",
    "mask_phone",
    "mask_plan",
    "mask_record",
    "mask_records",
    "may_hold_pii",
    "parse_id",
    "plan_with",
    "redact",
    "redact_ids",
    "strip_separators",
    "upgrade_id",
]


#: Names of 0.2 that moved out of ``zfgk.privacy`` (which reads no file now), and their new homes.
_MOVED = {
    "known_columns": "zfgk.headers",
    "mask_workbook": "zfgk.files",
    "mask_delimited": "zfgk.files",
    "WorkbookMasked": "zfgk.files",
    "TextMasked": "zfgk.files",
    "SheetMasked": "zfgk.files",
}


def __getattr__(name: str) -> object:
    home = _MOVED.get(name)
    if home is None:
        raise AttributeError(f"module 'zfgk.privacy' has no attribute {name!r}")
    import importlib

    from zfgk._deprecated import warn_deprecated

    new = {"mask_workbook": "mask_file", "mask_delimited": "mask_file"}.get(name, name)
    new = {"WorkbookMasked": "FileMask", "TextMasked": "FileMask"}.get(new, new)
    warn_deprecated(f"zfgk.privacy.{name}", f"{home}.{new}")
    return getattr(importlib.import_module(home), new)
