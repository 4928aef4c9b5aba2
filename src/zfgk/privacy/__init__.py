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
``_phones``, ``_find`` (free text: :func:`find_pii`, :func:`redact`) and
``_records`` (what to mask in a table, as the catalogue asks:
:func:`mask_plan`) and ``_mask_record`` (records in Python:
:func:`mask_record`, :func:`mask_records`), ``_mask_text`` (a CSV or text
file, byte for byte: :func:`mask_delimited`) and ``_workbook`` (a workbook in
place: :func:`mask_workbook`); every public name is imported from ``zfgk.privacy``.
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
from zfgk.privacy._mask_text import TextMasked, mask_delimited
from zfgk.privacy._names import COMPOUND_SURNAMES, mask_name
from zfgk.privacy._phones import mask_phone
from zfgk.privacy._records import (
    MASKERS,
    MaskedColumn,
    MaskPlan,
    MaskReason,
    known_columns,
    mask_plan,
)
from zfgk.privacy._text import strip_separators
from zfgk.privacy._workbook import SheetMasked, WorkbookMasked, mask_workbook

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
    "SheetMasked",
    "TextMasked",
    "WorkbookMasked",
    "find_pii",
    "is_valid_id",
    "known_columns",
    "mask_delimited",
    "mask_id",
    "mask_name",
    "mask_phone",
    "mask_plan",
    "mask_record",
    "mask_records",
    "mask_workbook",
    "may_hold_pii",
    "parse_id",
    "redact",
    "strip_separators",
    "upgrade_id",
]
