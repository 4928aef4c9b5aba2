"""How a record's values are judged: ID numbers, phones, and personal numbers leaked elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zfgk import patterns
from zfgk.i18n import N_
from zfgk.model import Field, PersonalKind
from zfgk.privacy import MIN_DIGITS, find_pii, may_hold_pii, strip_separators
from zfgk.problems import Problem, ProblemCode, Report, stored_as_number
from zfgk.tables import Table, number_shown

#: The report of a record with no problem, shared.
OK = Report(())


_MASKED_ID = re.compile(patterns.MASKED_ID)
_FULL_ID = re.compile(patterns.FULL_ID)
_PHONE = re.compile(patterns.PHONE)
_MASKED_PHONE = re.compile(patterns.MASKED_PHONE)
_ID_CHARS = frozenset("0123456789X") | patterns.MASK_CHARACTERS


def _id_state(value: str) -> str:
    """'masked', 'full' (an unmasked number, valid or not), 'partial' or 'invalid'.

    The patterns are those of the JSON Schemas (:mod:`zfgk.patterns`), so a
    value is judged the same here and by any JSON Schema validator.  A
    number partly masked with a birth-date digit still showing is
    'partial' (unmasked, where the catalogue requires it masked).  A
    number whose birth date is hidden but whose separators the patterns
    do not list (any that :func:`zfgk.mask_id` passes through) is 'masked'.
    """
    if _MASKED_ID.fullmatch(value):
        return "masked"
    if _FULL_ID.fullmatch(value):
        return "full"
    significant = strip_separators(value).upper()
    length = len(significant)
    if length not in (15, 18) or not _ID_CHARS.issuperset(significant):
        return "invalid"
    if "X" in significant[:-1] or (length == 15 and "X" in significant):
        return "invalid"
    birth = significant[6:14] if length == 18 else significant[6:12]
    if patterns.MASK_CHARACTERS.issuperset(birth):
        return "masked"
    return "partial" if patterns.MASK_CHARACTERS.intersection(significant) else "full"


def check_value(f: Field, text: str) -> list[Problem]:
    """The problems of a personal field's text: its own rules, and what it publishes in full.

    An ID number field holds a masked ID number (the catalogue requires it
    partly hidden), a phone field a phone number; any field holding a full
    ID or mobile number is ``unmasked`` (:func:`leak`), as ``zfgk scan``
    reports and ``zfgk mask`` masks it.

    >>> import zfgk
    >>> from zfgk.validation._values import check_value
    >>> id_field = zfgk.load("chongqing").item(22).fields[1]
    >>> [p.code.value for p in check_value(id_field, "1101051949****002X")]
    ['unmasked']
    >>> phone_field = zfgk.load("chongqing").item(30).fields[5]  # 联系方式, published
    >>> check_value(phone_field, "13812345678"), check_value(phone_field, "023-63881234")
    ([], [])
    """
    if f.personal is PersonalKind.ID_NUMBER:
        # A number cell, or Excel's 6.20503E+17: the digits are not what was typed.
        stored = [stored_as_number(f.name, kind=f.personal)]
        problems = stored if number_shown(text) else _check_id(f, text)
    elif f.personal is PersonalKind.PHONE:
        stored = [stored_as_number(f.name, kind=f.personal)]
        problems = stored if number_shown(text) else _check_phone(f, text)
    else:
        return leak(f.name, text)
    if len(text) >= MIN_DIGITS:
        codes = {p.code for p in problems}
        # A phone the item publishes (unmasked) may be a mobile number: it is published.
        phones = f.personal is not PersonalKind.PHONE or f.masked
        problems += [p for p in leak(f.name, text, phones=phones) if p.code not in codes]
    return problems


def check_id_column(name: str, text: str) -> list[Problem]:
    """The problems of a column the item does not have but whose name says ID numbers.

    ID numbers are never published in full, whatever the item: one masked
    too little (a birth-date digit showing) is ``unmasked``, as a full one
    is anywhere (:func:`leak`).  A value that is no ID number at all (无) is
    left alone.

    >>> from zfgk.validation._values import check_id_column
    >>> [p.code.value for p in check_id_column("配偶身份证号", "1101051949****002X")]
    ['unmasked']
    >>> check_id_column("配偶身份证号", "110105********002X"), check_id_column("配偶身份证号", "无")
    ([], [])
    """
    if number_shown(text):
        return [stored_as_number(name, kind=PersonalKind.ID_NUMBER)]
    if _id_state(text) == "partial":
        return _check_id(Field(name, PersonalKind.ID_NUMBER, masked=True), text)
    return leak(name, text)


def _check_id(f: Field, text: str) -> list[Problem]:
    state = _id_state(text)
    if state == "partial" and f.masked:
        return [
            Problem.of(
                ProblemCode.UNMASKED,
                f.name,
                N_(
                    "{field} holds an ID number masked too little: a birth-date digit shows; the catalogue requires the 8 birth-date digits hidden (zfgk mask)"
                ),
                field=f.name,
            )
        ]
    if state == "full" and f.masked:
        return [
            Problem.of(
                ProblemCode.UNMASKED,
                f.name,
                N_(
                    "{field} holds a full ID number; the catalogue requires it published with part of the number hidden (zfgk mask)"
                ),
                field=f.name,
            )
        ]
    if state in {"invalid", "partial"}:
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


def _check_phone(f: Field, text: str) -> list[Problem]:
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
                    "{field} holds an unmasked phone number; the catalogue requires it masked (zfgk mask)"
                ),
                field=f.name,
            )
        ]
    return []


def leak(name: str, text: str, *, phones: bool = True) -> list[Problem]:
    """``unmasked`` problems if ``text`` holds a full ID number, or a full mobile number.

    What counts is what :func:`zfgk.find_pii` finds in the text as a person
    reads it (a number as a sheet shows it: :func:`zfgk.values.read_value`),
    as ``zfgk scan`` reports and ``zfgk mask`` masks.  An ID number shown
    as a number (a workbook's number cell, Excel's ``6.20503E+17``) is
    ``stored-as-number``: Excel has already lost its last digits.
    ``phones=False`` for a column that holds a phone the item publishes: a
    mobile number there is published as the catalogue asks.

    >>> from zfgk.validation._values import leak
    >>> [p.code.value for p in leak("备注", "手机 13812345678")], leak("金额", "13812345678.00")
    (['unmasked'], [])
    >>> [p.code.value for p in leak("身份证", "6.20503200006097E+17")]
    ['stored-as-number']
    """
    if not may_hold_pii(text):
        return []
    kinds = {m.kind for m in find_pii(text)}
    if not kinds:
        return []
    problems = []
    if PersonalKind.ID_NUMBER in kinds and number_shown(text):
        problems.append(stored_as_number(name, kind=PersonalKind.ID_NUMBER))
    elif PersonalKind.ID_NUMBER in kinds:
        problems.append(
            Problem.of(
                ProblemCode.UNMASKED,
                name,
                N_(
                    "{field} holds what looks like a full ID number; mask it before publishing (zfgk mask)"
                ),
                field=name,
            )
        )
    if phones and PersonalKind.PHONE in kinds:
        problems.append(
            Problem.of(
                ProblemCode.UNMASKED,
                name,
                N_(
                    "{field} holds what looks like a full mobile number; mask it before publishing (zfgk mask)"
                ),
                field=name,
            )
        )
    return problems


def set_aside_leaks(table: Table) -> Iterator[tuple[int, Report]]:
    """(row, report) for each title, header or footer row of ``table`` that holds a full number.

    Such rows are not records, but they are published with the list: a
    full ID or mobile number there is ``unmasked`` as in any cell.  Read
    the table's records first (the footers are known only at its end).

    >>> import pathlib, tempfile
    >>> from zfgk.tables import read_table
    >>> from zfgk.validation._values import set_aside_leaks
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_text(
    ...     "公示\\n姓名,房号\\n张*,1-101\\n合计,11010519491231002X\\n", encoding="utf-8"
    ... )
    >>> table = read_table(path, known={"姓名", "房号"})
    >>> _ = list(table.lists())
    >>> [(row, [p.code.value for p in report.problems]) for row, report in set_aside_leaks(table)]
    [(4, ['unmasked'])]
    """
    header = table.header or []
    for row, values in table.set_aside:
        problems = [
            problem
            for index, value in enumerate(values)
            for problem in leak(header[index] if index < len(header) else "", value)
        ]
        if problems:
            yield row, Report(tuple(problems))
