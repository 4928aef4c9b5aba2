"""Identity numbers (公民身份号码, GB 11643, and the numbers built like them): parse, check, upgrade and mask.

Four documents carry an 18-digit number of the same build (17 digits and
the ISO 7064 MOD 11-2 check character): the resident identity card; the
residence permits of Hong Kong, Macao and Taiwan residents, whose address
code is 810000, 820000 or 830000; and, since 1 December 2023, the
foreigner's permanent residence ID card, whose number is 9, the code of
the issuing province, a three-digit nationality code (GB/T 2659, the
numeric codes of ISO 3166-1), the birth date, a sequence and the check
character.  :func:`parse_id` says which (:class:`IdKind`).
"""

from __future__ import annotations

import enum
import re
import time
from datetime import date, timedelta

import attrs

from zfgk.errors import InvalidArgumentError, InvalidIdError
from zfgk.i18n import N_
from zfgk.patterns import MASK_CHARACTERS
from zfgk.privacy._text import (
    MASK_CLASS,
    SCIENTIFIC_ID,
    check_bool,
    check_mask_char,
    compact,
    normalize,
)

#: First-level (province) codes of GB/T 2260 used in ID numbers: the 31
#: mainland provinces, autonomous regions and municipalities, 71 (Taiwan),
#: 81 (Hong Kong) and 82 (Macao); and 83, used by the residence permits of
#: Taiwan residents (81 and 82 also serve the Hong Kong and Macao permits).
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)

#: The province-level codes of the mainland, which issue foreigners' permanent residence cards.
MAINLAND_PROVINCE_CODES: frozenset[str] = PROVINCE_CODES - {"71", "81", "82", "83"}
#: The first three digits an 18-digit number may start with: a province code then any
#: digit, or 9 (a foreigner's permanent residence card) then a mainland province code.
REGION_PREFIXES = frozenset(
    {code + digit for code in PROVINCE_CODES for digit in "0123456789"}
    | {"9" + code for code in MAINLAND_PROVINCE_CODES}
)

_CHECK = "10X98765432"
_ID18 = re.compile(r"\d{17}[\dXx]")
_ID15 = re.compile(r"\d{15}")
# A number partly masked already: digits and mask characters.
_MASKED_ID18 = re.compile(f"[\\d{MASK_CLASS}]{{17}}[\\dX{MASK_CLASS}]")
_MASKED_ID15 = re.compile(f"[\\d{MASK_CLASS}]{{15}}")


class Sex(enum.Enum):
    """The sex encoded in an ID number (odd sequence: male).

    >>> from zfgk import Sex
    >>> Sex("女").name
    'FEMALE'
    """

    MALE = "男"
    FEMALE = "女"


class IdKind(enum.Enum):
    """The document an 18-digit identity number belongs to, told by its first digits.

    >>> import zfgk
    >>> zfgk.parse_id("11010519491231002X").kind
    <IdKind.RESIDENT: '居民身份证'>
    >>> zfgk.parse_id("911840198001010013").kind.value
    '外国人永久居留身份证'
    """

    #: 居民身份证: a citizen's number (公民身份号码).
    RESIDENT = "居民身份证"
    #: 外国人永久居留身份证 (2023 edition): 9, the province, the nationality code.
    FOREIGN_PERMANENT_RESIDENT = "外国人永久居留身份证"
    #: 港澳居民居住证 of a Hong Kong resident: address code 810000.
    HONG_KONG_RESIDENCE_PERMIT = "港澳居民居住证（香港居民）"
    #: 港澳居民居住证 of a Macao resident: address code 820000.
    MACAO_RESIDENCE_PERMIT = "港澳居民居住证（澳门居民）"
    #: 台湾居民居住证: address code 830000.
    TAIWAN_RESIDENCE_PERMIT = "台湾居民居住证"


_PERMITS = {
    "810000": IdKind.HONG_KONG_RESIDENCE_PERMIT,
    "820000": IdKind.MACAO_RESIDENCE_PERMIT,
    "830000": IdKind.TAIWAN_RESIDENCE_PERMIT,
}


def id_kind(digits: str) -> IdKind:
    """The document of a valid 18-character number (see :class:`IdKind`)."""
    if digits[0] == "9":
        return IdKind.FOREIGN_PERMANENT_RESIDENT
    return _PERMITS.get(digits[:6], IdKind.RESIDENT)


def region_ok(digits: str) -> bool:
    """Whether an 18-character number starts as one of the four documents does.

    A province-level code, or 9 and a mainland province's code.  The
    nationality code of a foreigner's card is not looked up: any three
    digits are taken, so that no card is ever passed as "not a number".

    >>> from zfgk.privacy._ids import region_ok
    >>> region_ok("110105194912310021"), region_ok("911840198001010013"), region_ok("991840198001010013")
    (True, True, False)
    """
    return digits[:3] in REGION_PREFIXES


@attrs.frozen(repr=False)
class IdNumber:
    """A parsed, valid identity number (公民身份号码, GB 11643, or one built like it).

    The repr and ``str`` show only the masked form; ``value`` holds the
    full 18-digit number (a first-generation number is upgraded).
    ``region_code`` is the first six digits: the address code, or, on a
    foreigner's permanent residence card (``kind``), 9, the province and
    the nationality code, which ``nationality_code`` holds alone.

    >>> import zfgk
    >>> n = zfgk.parse_id("11010519491231002X")
    >>> n
    IdNumber('110105********002X')
    >>> n.region_code, n.sex, n.legacy, n.kind.name, n.nationality_code
    ('110105', <Sex.FEMALE: '女'>, False, 'RESIDENT', None)
    >>> f = zfgk.parse_id("931392197506150028")
    >>> f, f.kind.name, f.nationality_code
    (IdNumber('931392********0028'), 'FOREIGN_PERMANENT_RESIDENT', '392')
    """

    value: str
    region_code: str
    birth_date: date
    sequence: str
    sex: Sex
    check_digit: str
    legacy: bool = False
    kind: IdKind = IdKind.RESIDENT
    nationality_code: str | None = None

    def __repr__(self) -> str:
        return f"IdNumber({mask_id(self.value)!r})"

    def __str__(self) -> str:
        return mask_id(self.value)

    @property
    def masked(self) -> str:
        """The number with its birth-date digits hidden.

        >>> import zfgk
        >>> zfgk.parse_id("11010519491231002X").masked
        '110105********002X'
        """
        return mask_id(self.value)


def check_digit(first17: str) -> str:
    """The GB 11643 check character of 17 digits.

    The weights 2**(17-i) mod 11 make sum(a_i * W_i) equal, mod 11, to twice
    the digits read as a base-2 number; reading them in base 13 (13 = 2 mod
    11) lets ``int`` do the sum in C.  Checked against the weighted sum in
    the tests.

    >>> from zfgk.privacy._ids import check_digit
    >>> check_digit("11010519491231002")
    'X'
    """
    return _CHECK[(2 * int(first17, 13)) % 11]


def id_digits(text: str) -> str | None:
    """The 18 or 15 significant characters of an ID-shaped string, else None."""
    significant = compact(text)
    if _ID18.fullmatch(significant) or _ID15.fullmatch(significant):
        return significant.upper()
    return None


class _Today:
    """Today, looked up at most once a minute (a hot path asks)."""

    __slots__ = ("checked", "day")

    def __init__(self) -> None:
        self.checked = float("-inf")
        self.day = date.min

    def __call__(self) -> date:
        now = time.monotonic()
        if now - self.checked > 60:
            self.checked, self.day = now, date.today()
        return self.day


_current_date = _Today()
#: The day this module was loaded, as an ID number writes it: a birth date up to it is past.
_FIRST_DAY = date.today().strftime("%Y%m%d")
#: Every month and day of a leap year, as an ID number writes them (0229 only in leap years).
_MONTH_DAYS = frozenset(
    f"{d.month:02d}{d.day:02d}" for d in (date(2000, 1, 1) + timedelta(n) for n in range(366))
)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def born_digits_ok(born: str) -> bool:
    """Whether 8 ASCII digits (YYYYMMDD) are a birth date :func:`birth_date` accepts: a real
    day from 1900 to today; told with strings, no date built.

    >>> from zfgk.privacy._ids import born_digits_ok
    >>> born_digits_ok("19491231"), born_digits_ok("19000229"), born_digits_ok("20000229")
    (True, False, True)
    """
    if born[4:] not in _MONTH_DAYS or born < "19000101":
        return False
    if born[4:] == "0229" and not _leap(int(born[:4])):
        return False
    return born <= _FIRST_DAY or born <= _current_date().strftime("%Y%m%d")


def birth_date(year: int, month: int, day: int, today: date | None) -> date | None:
    if year < 1900:
        return None
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    if born > (today or _current_date()):
        return None
    return born


def verdict(digits: str, *, legacy: bool, today: date | None = None) -> str | None:
    """The reason a string of 18/15 significant characters is invalid, or None."""
    if len(digits) == 15:
        if not legacy:
            return "legacy"
        if not digits.isdigit():
            return "characters"
        born = birth_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]), today)
        if born is None:
            return "birth_date"
        return None if digits[:2] in PROVINCE_CODES else "region"
    if check_digit(digits[:17]) != digits[17]:
        return "check_digit"
    born = birth_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]), today)
    if born is None:
        return "birth_date"
    return None if region_ok(digits) else "region"


_REASONS = {
    "length": N_("not a valid ID number: it has neither 18 nor 15 digits"),
    "characters": N_(
        "not a valid ID number: it holds characters other than digits (and a final X)"
    ),
    "legacy": N_(
        "not a valid ID number: it is a first-generation 15-digit number; pass legacy=True to "
        "accept one"
    ),
    "check_digit": N_("not a valid ID number: the check digit (ISO 7064 MOD 11-2) does not match"),
    "birth_date": N_(
        "not a valid ID number: the birth-date digits are not a real date between 1900 and today"
    ),
    "region": N_(
        "not a valid ID number: the first two digits are not a province-level region code"
    ),
}


def _invalid(reason: str) -> InvalidIdError:
    return InvalidIdError.of(_REASONS[reason], reason)


def parse_id(text: str, *, legacy: bool = False) -> IdNumber:
    """Parse and check an ID number as people type it.

    Surrounding whitespace, separators between any of the digits (spaces
    of every kind, dashes, ``. / _ ·``, invisible characters; see
    :func:`strip_separators`), full-width digits and Ｘ, and a lower-case x
    are accepted.  The checks:
    length and characters, the ISO 7064 MOD 11-2 check digit, a real birth
    date from 1900 to today, and a province-level region code (or, for a
    foreigner's permanent residence card, 9 and a mainland province's
    code).  A first-generation 15-digit number is accepted only with
    ``legacy=True``, and comes back upgraded to 18 digits.  ``kind`` says
    which document the number is on (:class:`IdKind`).

    >>> import zfgk
    >>> zfgk.parse_id(" 110105 19491231 002x ").birth_date
    datetime.date(1949, 12, 31)
    >>> zfgk.parse_id("810000199001010019").kind.value
    '港澳居民居住证（香港居民）'
    >>> zfgk.parse_id("911840198001010013").nationality_code
    '840'
    >>> zfgk.parse_id("１１０１０５１９４９１２３１００２Ｘ").masked
    '110105********002X'
    >>> zfgk.parse_id("11010519491231002３")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidIdError: not a valid ID number: the check digit (ISO 7064 MOD 11-2) does not match
    """
    check_bool("legacy", legacy)
    normalized = normalize(text)
    digits = id_digits(normalized)
    if digits is None:
        raise _invalid("length" if len(compact(normalized)) not in (15, 18) else "characters")
    failed = verdict(digits, legacy=legacy)
    if failed is not None:
        raise _invalid(failed)
    was_legacy = len(digits) == 15
    if was_legacy:
        digits = _upgrade(digits)
    born = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    kind = id_kind(digits)
    return IdNumber(
        value=digits,
        region_code=digits[:6],
        birth_date=born,
        sequence=digits[14:17],
        sex=Sex.MALE if int(digits[16]) % 2 else Sex.FEMALE,
        check_digit=digits[17],
        legacy=was_legacy,
        kind=kind,
        nationality_code=digits[3:6] if kind is IdKind.FOREIGN_PERMANENT_RESIDENT else None,
    )


def is_valid_id(text: str, *, legacy: bool = False) -> bool:
    """Whether ``text`` is a valid ID number (the checks of :func:`parse_id`).

    >>> import zfgk
    >>> zfgk.is_valid_id("11010519491231002X"), zfgk.is_valid_id("110105194912310021")
    (True, False)
    >>> zfgk.is_valid_id("110105491231002"), zfgk.is_valid_id("110105491231002", legacy=True)
    (False, True)
    >>> zfgk.is_valid_id("911840198001010013")  # a foreigner's permanent residence card
    True

    It never raises on any ``text`` (``legacy`` must be a bool);
    :func:`parse_id` says why a number is invalid.

    >>> zfgk.is_valid_id("不详"), zfgk.is_valid_id("11010519491231002")
    (False, False)
    """
    if legacy is not False and legacy is not True:
        check_bool("legacy", legacy)
    if not isinstance(text, str):
        return False
    if len(text) == 18 and text.isascii():  # fast path: the common, compact form
        first17 = text[:17]
        if not first17.isdigit():
            return False
        # verdict()'s checks, as strings: the check character, the region, the birth date
        check = _CHECK[(2 * int(first17, 13)) % 11]
        last = text[17]
        if last != check and (last != "x" or check != "X"):
            return False
        if first17[:3] not in REGION_PREFIXES:
            return False
        return born_digits_ok(first17[6:14])
    if text.isascii() and text.isalnum() and len(text) != 15:
        return False  # nothing to strip or turn half-width: 18 or 15 characters, or none
    digits = id_digits(normalize(text))
    return digits is not None and verdict(digits, legacy=legacy) is None


def _upgrade(digits15: str) -> str:
    first17 = digits15[:6] + "19" + digits15[6:]
    return first17 + check_digit(first17)


def upgrade_id(text: str) -> str:
    """Convert a first-generation 15-digit number to 18 digits.

    The century 19 is inserted before the two-digit year and the check
    digit computed.  The 15-digit number must itself be valid.

    >>> import zfgk
    >>> zfgk.upgrade_id("110105491231002")
    '11010519491231002X'
    >>> zfgk.upgrade_id("110105491331002")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidIdError: not a valid ID number: the birth-date digits are not a real date between 1900 and today
    """
    return parse_id(text, legacy=True).value


_NOT_AN_ID = N_("cannot mask: it is not shaped like an ID number (18 or 15 digits)")
_SCIENTIFIC = N_(
    "cannot mask: an ID number written as a number in scientific notation, as a spreadsheet "
    "stores one; its last digits are lost and its birth date shows: format the column as text "
    "in the source workbook, enter the numbers again and export again"
)


def _check_shape(text: str, *, masked: bool, strict: bool) -> None:
    """Refuse what cannot be an ID number, masked or not (``strict``: a valid one)."""
    if masked:
        length = len(text)
        if not (_MASKED_ID18 if length == 18 else _MASKED_ID15).fullmatch(text):
            raise InvalidIdError.of(_NOT_AN_ID, "characters")
        return
    digits = id_digits(text)
    if digits is None:
        raise InvalidIdError.of(_NOT_AN_ID, "characters")
    if strict:
        reason = verdict(digits, legacy=True)
        if reason is not None:
            raise _invalid(reason)


def mask_id(
    text: str,
    *,
    keep_start: int = 6,
    keep_end: int | None = None,
    mask_char: str = "*",
    strict: bool = False,
) -> str:
    """Hide the birth-date digits of an ID number (and more, if asked).

    By default the 8 birth-date digits of an 18-digit number are hidden
    (``keep_start=6``, ``keep_end=4``); of a 15-digit number, its 6 date
    digits (``keep_end=3``).  Other published conventions keep fewer digits:
    ``keep_start=3`` or ``keep_start=1, keep_end=1``.  Options that would
    show a birth-date digit are refused.  The result is the compact form,
    without separators.

    >>> import zfgk
    >>> zfgk.mask_id("11010519491231002X")
    '110105********002X'
    >>> zfgk.mask_id("110105-19491231-002x", keep_start=3, mask_char="×")
    '110×××××××××××002X'
    >>> zfgk.mask_id("110105491231002")
    '110105******002'

    Already-masked input comes back unchanged; an ID-shaped number that
    fails a check is still someone's data and is masked all the same
    (``strict=True`` raises :class:`~zfgk.InvalidIdError` instead); input
    that cannot be an ID number raises, and is never returned unmasked.

    >>> zfgk.mask_id("110105********002X")
    '110105********002X'
    >>> zfgk.mask_id("110105194912310021")
    '110105********0021'
    >>> zfgk.mask_id("张三")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidIdError: cannot mask: it is not shaped like an ID number (18 or 15 digits)
    >>> zfgk.mask_id("11010519491231002X", keep_end=5)
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: keep_start must be 0–6 and keep_end 0–4 (given 6 and 5): a masked ID number never shows its birth date
    """
    check_mask_char(mask_char)
    for name, value in (
        ("keep_start", keep_start),
        ("keep_end", 0 if keep_end is None else keep_end),
    ):
        if type(value) is bool or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    normalized = normalize(text)
    significant = compact(normalized).upper()
    length = len(significant)
    if SCIENTIFIC_ID.fullmatch(normalized):
        raise InvalidIdError.of(_SCIENTIFIC, "scientific")
    if length not in (15, 18):
        raise InvalidIdError.of(_NOT_AN_ID, "length")
    if keep_end is None:
        keep_end = 4 if length == 18 else 3
    date_end = 14 if length == 18 else 12
    if not 0 <= keep_start <= 6 or not 0 <= keep_end <= length - date_end:
        raise InvalidArgumentError.of(
            N_(
                "keep_start must be 0–6 and keep_end 0–{most} (given {keep_start} and "
                "{keep_end}): a masked ID number never shows its birth date"
            ),
            most=length - date_end,
            keep_start=keep_start,
            keep_end=keep_end,
        )
    was_masked = not MASK_CHARACTERS.isdisjoint(significant)
    _check_shape(significant if was_masked else normalized, masked=was_masked, strict=strict)
    if not was_masked:  # every digit shown: the hidden ones replaced in one piece
        hidden = length - keep_start - keep_end
        return significant[:keep_start] + mask_char * hidden + significant[length - keep_end :]
    shown = range(keep_start, length - keep_end)
    result = "".join(
        mask_char if i in shown and ch not in MASK_CHARACTERS else ch
        for i, ch in enumerate(significant)
    )
    if result == significant:
        return text
    return result
