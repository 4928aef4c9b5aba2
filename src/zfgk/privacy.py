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
"""

from __future__ import annotations

import bisect
import enum
import re
import time
from collections.abc import Iterator
from datetime import date
from functools import cache

import attrs

from zfgk.errors import InvalidIdError, PrivacyError
from zfgk.i18n import N_
from zfgk.model import PersonalKind
from zfgk.patterns import FORMAT_CHARACTERS, VISIBLE_SEPARATORS, code_runs

__all__ = [
    "COMPOUND_SURNAMES",
    "FORMAT_CHARACTERS",
    "PROVINCE_CODES",
    "VISIBLE_SEPARATORS",
    "IdNumber",
    "PiiMatch",
    "Sex",
    "find_pii",
    "is_valid_id",
    "mask_id",
    "mask_name",
    "mask_phone",
    "parse_id",
    "redact",
    "strip_separators",
    "upgrade_id",
]

#: First-level (province) codes of GB/T 2260 used in ID numbers: the 31
#: mainland provinces, autonomous regions and municipalities, 71 (Taiwan),
#: 81 (Hong Kong) and 82 (Macao); and 83, used by the residence permits of
#: Taiwan residents (81 and 82 also serve the Hong Kong and Macao permits).
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)

#: Traditional compound surnames (复姓), kept whole by :func:`mask_name`: the
#: compound surnames of the 百家姓 that are in use, plus a few common ones it
#: lacks.  A two-character name is always read as surname + given name.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 "
    "宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 "
    "司寇 巫马 公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 "
    "东郭 南门 羊舌 微生 梁丘 左丘 东门 西门 第五 淳于 单于 归海 呼衍 东野 即墨 相里".split()
)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_MASK_CHARS = "*＊×●•"

# Full-width digits and letters, and the full-width forms of the signs used
# below, mapped one char to one char, so offsets in a translated text are
# offsets in the original.
_HALF = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "\u3000": " ",
        "＊": "*",
        "＋": "+",
        "（": "(",
        "）": ")",
    }
)


def _char_class(chars: frozenset[str]) -> str:
    """A regular-expression class body matching exactly ``chars``, as ranges."""
    return "".join(
        re.escape(chr(first))
        if first == last
        else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in code_runs(chars)
    )


_SEP = _char_class(VISIBLE_SEPARATORS)
_CF = _char_class(FORMAT_CHARACTERS)
_SEPARATOR = re.compile(f"[{_SEP}{_CF}]+")


def _compact(text: str) -> str:
    return _SEPARATOR.sub("", text)


def strip_separators(text: str) -> str:
    """A number as its significant characters: half-width, without separators.

    Removes what people and programs put between digits
    (:data:`VISIBLE_SEPARATORS`: spaces of every kind, dashes, ``. / _ ·``;
    :data:`FORMAT_CHARACTERS`: zero-width and other invisible characters)
    and turns full-width digits and letters half-width.

    >>> from zfgk.privacy import strip_separators
    >>> strip_separators("110105\u00a019491231\u200b002X")
    '11010519491231002X'
    >>> strip_separators(" １３８．１２３４．５６７８ ")
    '13812345678'
    """
    return _compact(text.strip().translate(_HALF))


_ID18 = re.compile(r"\d{17}[\dXx]")
_ID15 = re.compile(r"\d{15}")


class Sex(enum.Enum):
    """The sex encoded in an ID number (odd sequence: male).

    >>> from zfgk import Sex
    >>> Sex("女").name
    'FEMALE'
    """

    MALE = "男"
    FEMALE = "女"


@attrs.frozen(repr=False)
class IdNumber:
    """A parsed, valid citizen identity number (公民身份号码, GB 11643).

    The repr and ``str`` show only the masked form; ``value`` holds the
    full 18-digit number (a first-generation number is upgraded).

    >>> import zfgk
    >>> n = zfgk.parse_id("11010519491231002X")
    >>> n
    IdNumber('110105********002X')
    >>> n.region_code, n.sex, n.legacy
    ('110105', <Sex.FEMALE: '女'>, False)
    """

    value: str
    region_code: str
    birth_date: date
    sequence: str
    sex: Sex
    check_digit: str
    legacy: bool = False

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


def _check_digit(first17: str) -> str:
    """The GB 11643 check character of 17 digits.

    The weights 2**(17-i) mod 11 make sum(a_i * W_i) equal, mod 11, to twice
    the digits read as a base-2 number; reading them in base 13 (13 = 2 mod
    11) lets ``int`` do the sum in C.  Checked against the weighted sum in
    the tests.

    >>> from zfgk.privacy import _check_digit
    >>> _check_digit("11010519491231002")
    'X'
    """
    return _CHECK[(2 * int(first17, 13)) % 11]


def _normalize(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected a string, not {type(text).__name__}")
    return text.strip().translate(_HALF)


def _digits(text: str) -> str | None:
    """The 18 or 15 significant characters of an ID-shaped string, else None."""
    compact = _compact(text)
    if _ID18.fullmatch(compact) or _ID15.fullmatch(compact):
        return compact.upper()
    return None


_today: list[float | date] = [0.0, date.min]


def _current_date() -> date:
    """Today, looked up at most once a minute (a hot path calls this)."""
    now = time.monotonic()
    if now - _today[0] > 60:  # type: ignore[operator]
        _today[:] = [now, date.today()]
    return _today[1]  # type: ignore[return-value]


def _birth_date(year: int, month: int, day: int, today: date | None) -> date | None:
    if year < 1900:
        return None
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    if born > (today or _current_date()):
        return None
    return born


def _verdict(digits: str, *, legacy: bool, today: date | None = None) -> str | None:
    """The reason a string of 18/15 significant characters is invalid, or None."""
    if len(digits) == 15:
        if not legacy:
            return "legacy"
        if not digits.isdigit():
            return "characters"
        born = _birth_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]), today)
        if born is None:
            return "birth_date"
        return None if digits[:2] in PROVINCE_CODES else "region"
    if _check_digit(digits[:17]) != digits[17]:
        return "check_digit"
    born = _birth_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]), today)
    if born is None:
        return "birth_date"
    return None if digits[:2] in PROVINCE_CODES else "region"


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
    date from 1900 to today, and a province-level region code.  A
    first-generation 15-digit number is accepted only with ``legacy=True``,
    and comes back upgraded to 18 digits.

    >>> import zfgk
    >>> zfgk.parse_id(" 110105 19491231 002x ").birth_date
    datetime.date(1949, 12, 31)
    >>> zfgk.parse_id("１１０１０５１９４９１２３１００２Ｘ").masked
    '110105********002X'
    >>> zfgk.parse_id("11010519491231002３")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidIdError: not a valid ID number: the check digit (ISO 7064 MOD 11-2) does not match
    """
    normalized = _normalize(text)
    digits = _digits(normalized)
    if digits is None:
        raise _invalid("length" if len(_compact(normalized)) not in (15, 18) else "characters")
    failed = _verdict(digits, legacy=legacy)
    if failed is not None:
        raise _invalid(failed)
    was_legacy = len(digits) == 15
    if was_legacy:
        digits = _upgrade(digits)
    born = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    return IdNumber(
        value=digits,
        region_code=digits[:6],
        birth_date=born,
        sequence=digits[14:17],
        sex=Sex.MALE if int(digits[16]) % 2 else Sex.FEMALE,
        check_digit=digits[17],
        legacy=was_legacy,
    )


def is_valid_id(text: str, *, legacy: bool = False) -> bool:
    """Whether ``text`` is a valid ID number (the checks of :func:`parse_id`).

    >>> import zfgk
    >>> zfgk.is_valid_id("11010519491231002X"), zfgk.is_valid_id("110105194912310021")
    (True, False)
    >>> zfgk.is_valid_id("110105491231002"), zfgk.is_valid_id("110105491231002", legacy=True)
    (False, True)

    It never raises; :func:`parse_id` says why a number is invalid.

    >>> zfgk.is_valid_id("不详"), zfgk.is_valid_id("11010519491231002")
    (False, False)
    """
    if not isinstance(text, str):
        return False
    if len(text) == 18 and text.isascii():  # fast path: the common, compact form
        if not text[:17].isdigit():
            return False
        last = text[17]
        if last == "x":
            text = text[:17] + "X"
        elif not (last.isdigit() or last == "X"):
            return False
        return _verdict(text, legacy=legacy) is None
    digits = _digits(_normalize(text))
    return digits is not None and _verdict(digits, legacy=legacy) is None


def _upgrade(digits15: str) -> str:
    first17 = digits15[:6] + "19" + digits15[6:]
    return first17 + _check_digit(first17)


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
    """
    if len(mask_char) != 1 or mask_char.isalnum():
        raise ValueError("mask_char must be one character that is not a letter or digit")
    normalized = _normalize(text)
    compact = _compact(normalized).upper()
    length = len(compact)
    if length not in (15, 18):
        raise InvalidIdError.of(
            N_("cannot mask: it is not shaped like an ID number (18 or 15 digits)"), "length"
        )
    if keep_end is None:
        keep_end = 4 if length == 18 else 3
    date_end = 14 if length == 18 else 12
    if not 0 <= keep_start <= 6 or not 0 <= keep_end <= length - date_end:
        raise ValueError(
            f"keep_start must be 0–6 and keep_end 0–{length - date_end}: "
            "a masked ID number never shows its birth date"
        )
    masked_positions = [i for i, ch in enumerate(compact) if ch in _MASK_CHARS]
    if masked_positions:
        pattern = r"[\d*＊×●•]{17}[\dX*＊×●•]" if length == 18 else r"[\d*＊×●•]{15}"
        if not re.fullmatch(pattern, compact):
            raise InvalidIdError.of(
                N_("cannot mask: it is not shaped like an ID number (18 or 15 digits)"),
                "characters",
            )
    else:
        digits = _digits(normalized)
        if digits is None:
            raise InvalidIdError.of(
                N_("cannot mask: it is not shaped like an ID number (18 or 15 digits)"),
                "characters",
            )
        if strict:
            reason = _verdict(digits, legacy=True)
            if reason is not None:
                raise _invalid(reason)
    hidden = range(keep_start, length - keep_end)
    out = [
        mask_char if i in hidden and ch not in _MASK_CHARS else ch for i, ch in enumerate(compact)
    ]
    result = "".join(out)
    if masked_positions and result == compact:
        return text
    return result


# ------------------------------------------------------------------ names

_NAME_SEPARATORS = "·•・．.‧﹒"
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def mask_name(name: str, *, keep_last: bool = False, mask_char: str = "*") -> str:
    """Keep the surname of a name and hide the rest.

    >>> import zfgk
    >>> zfgk.mask_name("张三"), zfgk.mask_name("王小明"), zfgk.mask_name("张")
    ('张*', '王**', '*')

    Compound surnames (:data:`COMPOUND_SURNAMES`: 欧阳, 司马, 诸葛, 上官,
    慕容, 东方, 令狐 …) are kept whole in names of three or more characters;
    a two-character name is always surname + given name.

    >>> zfgk.mask_name("欧阳娜娜"), zfgk.mask_name("司马")
    ('欧阳**', '司*')

    Names written with a separator (·, •, ・, ．: transliterated minority
    and foreign names) keep their first character and the separators:

    >>> zfgk.mask_name("阿依古丽·买买提")
    '阿***·***'

    ``keep_last=True`` also keeps the last character of names of three or
    more characters (a two-character name would be shown whole):

    >>> zfgk.mask_name("王小明", keep_last=True), zfgk.mask_name("张三", keep_last=True)
    ('王*明', '张*')

    Already-masked names come back the same.  An empty name raises
    :class:`~zfgk.PrivacyError`:

    >>> zfgk.mask_name("王**")
    '王**'
    >>> zfgk.mask_name("  ")
    Traceback (most recent call last):
    ...
    zfgk.errors.PrivacyError: cannot mask an empty name
    """
    if len(mask_char) != 1:
        raise ValueError("mask_char must be one character")
    if not isinstance(name, str):
        raise TypeError(f"expected a string, not {type(name).__name__}")
    text = name.strip()
    if _CJK.search(text):
        text = re.sub(r"\s+", "", text)
        separators = _NAME_SEPARATORS
    else:
        text = re.sub(r"\s+", " ", text)
        separators = _NAME_SEPARATORS + " "
    if not text:
        raise PrivacyError.of(N_("cannot mask an empty name"))

    def hide(ch: str) -> str:
        return ch if ch in separators else mask_char

    if any(ch in separators for ch in text):
        return text[0] + "".join(hide(ch) for ch in text[1:])
    if len(text) == 1:
        return mask_char
    keep = 2 if len(text) > 2 and text[:2] in COMPOUND_SURNAMES else 1
    if keep_last and len(text) - keep >= 2:
        return text[:keep] + mask_char * (len(text) - keep - 1) + text[-1]
    return text[:keep] + mask_char * (len(text) - keep)


# ----------------------------------------------------------------- phones

_GAP = f"[{_SEP}{_CF}]*"


@cache
def _phone_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The mobile and fixed-line patterns, compiled on first use (they cost import time)."""
    mobile = re.compile(
        rf"(?P<cc>(?:\+|00)?86{_GAP})?(1{_GAP}[3-9]{_GAP}\d)"
        rf"{_GAP}(\d{_GAP}\d{_GAP}\d{_GAP}\d){_GAP}(\d{_GAP}\d{_GAP}\d{_GAP}\d)"
    )
    fixed = re.compile(rf"\(?(0\d{{2,3}})\)?{_GAP}(\d{{3,4}}){_GAP}(\d{{4}})")
    return mobile, fixed


_ANY_MASK = re.compile(f"[{re.escape(_MASK_CHARS)}]")


def mask_phone(text: str, *, mask_char: str = "*") -> str:
    """Hide the middle of a phone number.

    Mobile numbers keep their first 3 and last 4 digits; a country code
    written as ``+86``, ``0086`` or ``86`` is kept as ``+86``.  Fixed lines
    keep their area code and last 4 digits.  Separators are normalized.

    >>> import zfgk
    >>> zfgk.mask_phone("13812345678"), zfgk.mask_phone("+86 138 1234 5678")
    ('138****5678', '+86 138****5678')
    >>> zfgk.mask_phone("023-63861234"), zfgk.mask_phone("(0351) 765 4321")
    ('023-****1234', '0351-***4321')

    Already-masked numbers come back unchanged, and partly masked ones are
    masked further; anything that is not a phone number raises
    :class:`~zfgk.PrivacyError`.

    >>> zfgk.mask_phone("138****5678"), zfgk.mask_phone("1381234**78")
    ('138****5678', '138******78')
    >>> zfgk.mask_phone("8888")
    Traceback (most recent call last):
    ...
    zfgk.errors.PrivacyError: cannot mask: not a mobile number or a fixed line with an area code
    """
    if len(mask_char) != 1 or mask_char.isalnum():
        raise ValueError("mask_char must be one character that is not a letter or digit")
    normalized = _normalize(text)
    was_masked = bool(_ANY_MASK.search(normalized))
    probe = _ANY_MASK.sub("0", normalized)  # the shape, with mask characters as digits
    mobile, fixed = _phone_patterns()
    m = mobile.fullmatch(probe)
    if m:
        number = "".join(normalized[slice(*m.span(g))] for g in (2, 3, 4))
        prefix = "+86 " if m.group("cc") else ""
        result = prefix + number[:3] + _hide(number[3:7], mask_char) + number[7:]
        return text if was_masked and result == prefix + number else result
    m = fixed.fullmatch(probe)
    if m and 7 <= len(m.group(2) + m.group(3)) <= 8:
        area = normalized[slice(*m.span(1))]
        local = normalized[slice(*m.span(2))] + normalized[slice(*m.span(3))]
        result = f"{area}-{_hide(local[:-4], mask_char)}{local[-4:]}"
        return text if was_masked and result == f"{area}-{local}" else result
    raise PrivacyError.of(N_("cannot mask: not a mobile number or a fixed line with an area code"))


def _hide(chars: str, mask_char: str) -> str:
    """Mask every character, keeping mask characters that are already there."""
    return "".join(ch if ch in _MASK_CHARS else mask_char for ch in chars)


# -------------------------------------------------------------- free text

# A run: letters and digits, possibly with separators or format characters
# between them.  Personal numbers are looked for inside runs.
_RUN = re.compile(f"[0-9A-Za-z](?:[{_SEP}{_CF}]*[0-9A-Za-z])*")
_CF_ONLY = re.compile(f"[{_CF}]+")
_ALNUM_BLOCK = re.compile("[0-9A-Za-z]+")
_DIGIT = re.compile(r"\d")
_DECIMAL_POINT = frozenset(".．")


@attrs.frozen
class PiiMatch:
    """Where a piece of personal data is in a text: its kind and span, not its value.

    >>> import zfgk
    >>> zfgk.find_pii("电话13812345678")
    (PiiMatch(kind=<PersonalKind.PHONE: 'phone'>, start=2, end=13),)
    """

    kind: PersonalKind
    start: int
    end: int


def _birth_ok(significant: str) -> bool:
    """Whether the birth-date digits of an 18-character candidate are a real date."""
    born = _birth_date(
        int(significant[6:10]), int(significant[10:12]), int(significant[12:14]), None
    )
    return born is not None


def _id18_verdict(significant: str, *, aligned: bool) -> bool:
    """Whether an 18-character candidate is to be treated as an ID number.

    Standing on its own (``aligned``: its ends are the ends of its digits,
    or separators), a number with a real birth date is masked when its check
    digit matches or its region is a province (a typo is still someone's
    number), and so is one whose check digit and region match.  Glued to
    other digits, it must pass the check digit, the birth-date and the
    region tests, which a digit string of another kind rarely does.
    """
    check = _check_digit(significant[:17]) == significant[17]
    region = significant[:2] in PROVINCE_CODES
    if not aligned:
        return check and region and _birth_ok(significant)
    if check:
        return region or _birth_ok(significant)
    return region and _birth_ok(significant)


class _Run:
    """The letters and digits of a run, with their positions and the gaps between them."""

    __slots__ = ("boundary", "chars", "decimal", "positions")

    def __init__(self, text: str, offset: int) -> None:
        chars: list[str] = []
        positions: list[int] = []
        boundary: list[bool] = []  # a visible separator before chars[k]
        previous = 0
        for block in _ALNUM_BLOCK.finditer(text):
            first, last = block.span()
            gap = text[previous:first]
            boundary.append(bool(gap) and bool(_CF_ONLY.sub("", gap)))
            boundary.extend([False] * (last - first - 1))
            chars.append(block.group())
            positions.extend(range(offset + first, offset + last))
            previous = last
        self.chars = "".join(chars)
        self.positions = positions
        self.boundary = boundary
        self.decimal = [False] * len(self.chars)  # part of a number with a decimal fraction
        self._mark_decimals(text, offset)

    def _mark_decimals(self, text: str, offset: int) -> None:
        """Mark ``12345678901.00`` as an amount: a point, then 1 or 2 digits that end the run."""
        k = len(self.chars)
        tail = 0  # the digits after the last gap
        while tail < k and self.chars[k - 1 - tail].isdigit():
            tail += 1
            if self.boundary[k - tail]:
                break
        if not 1 <= tail <= 2 or tail == k or not self.boundary[k - tail]:
            return
        gap = text[self.positions[k - tail - 1] - offset + 1 : self.positions[k - tail] - offset]
        if _CF_ONLY.sub("", gap) not in _DECIMAL_POINT:
            return
        start = k - tail - 1
        while start > 0 and self.chars[start - 1].isdigit() and not self.boundary[start]:
            start -= 1
        if start > 0 and self.chars[start - 1].isdigit():
            return  # digits in several groups, then .2: not an amount (110105.491231.2)
        for i in range(start, k):
            self.decimal[i] = True

    def stretches(self) -> Iterator[tuple[int, int]]:
        """(start, end) of each maximal stretch of digits, read across separators."""
        chars = self.chars
        i, n = 0, len(chars)
        while i < n:
            if not chars[i].isdigit():
                i += 1
                continue
            j = i
            while j < n and chars[j].isdigit():
                j += 1
            yield i, j
            i = j

    def at_boundary(self, k: int, start: int, end: int) -> bool:
        """Whether position ``k`` of a stretch [start, end) is one of its ends or after a gap."""
        return k in (start, end) or self.boundary[k]


# How people write the groups of a number that has no check digit; digits
# grouped otherwise (a bank account's 4-4-4-4-3) are not read as one.
_MOBILE_GROUPS = frozenset({(11,), (3, 4, 4), (3, 8), (7, 4)})
_LEGACY_GROUPS = frozenset({(15,), (6, 6, 3), (6, 9), (12, 3)})


def _length_of(kind: PersonalKind) -> int:
    """11 for a mobile number, 15 for a first-generation ID number."""
    return 11 if kind is PersonalKind.PHONE else 15


def _group_sizes(run: _Run, first: int, last: int) -> tuple[int, ...]:
    sizes = []
    size = 0
    for k in range(first, last):
        if k > first and run.boundary[k]:
            sizes.append(size)
            size = 0
        size += 1
    sizes.append(size)
    return tuple(sizes)


def _iter_run(run: _Run) -> Iterator[tuple[PersonalKind, int, int]]:
    """(kind, first, last + 1) in the run's characters of every personal number in it.

    Strongest evidence first: 18-character ID numbers that stand apart from
    other digits; then mobile and 15-digit numbers, which have no check
    digit and are read only where they stand apart and are grouped as people
    write them; last, ID numbers glued to other digits, wherever still free.
    """
    chars = run.chars
    taken: list[tuple[int, int]] = []

    def free(first: int, last: int) -> bool:
        return not any(a < last and first < b for a, b in taken)

    stretches = list(run.stretches())
    glued: list[tuple[int, int]] = []
    for start, end in stretches:
        stop = end + 1 if end < len(chars) and chars[end] in "Xx" else end
        for k in range(start, stop - 17):
            candidate = chars[k : k + 18].upper()
            if not candidate[:17].isdigit():
                continue
            if run.at_boundary(k, start, stop) and run.at_boundary(k + 18, start, stop):
                if _id18_verdict(candidate, aligned=True) and free(k, k + 18):
                    taken.append((k, k + 18))
                    yield PersonalKind.ID_NUMBER, k, k + 18
            elif _id18_verdict(candidate, aligned=False):
                glued.append((k, k + 18))
    for start, end in stretches:
        if any(run.decimal[start:end]):
            continue  # an amount such as 13812345678.00
        for k in range(start, end):
            if not run.at_boundary(k, start, end):
                continue
            candidates = [(k, k + 15, PersonalKind.ID_NUMBER), (k, k + 11, PersonalKind.PHONE)]
            for code in ("0086", "86"):
                n0 = k + len(code)
                if chars.startswith(code, k) and n0 < end and not run.boundary[n0]:
                    candidates.append((n0, n0 + 11, PersonalKind.PHONE))
            for first, last, kind in candidates:
                if last > end or not run.at_boundary(last, start, end) or not free(first, last):
                    continue
                groups = _group_sizes(run, first, last)
                if groups not in (_LEGACY_GROUPS if _length_of(kind) == 15 else _MOBILE_GROUPS):
                    continue
                digits = chars[first:last]
                if kind is PersonalKind.ID_NUMBER:
                    if _verdict(digits, legacy=True) is not None:
                        continue
                elif not (digits[0] == "1" and digits[1] in "3456789"):
                    continue
                taken.append((first, last))
                yield kind, first, last
    for first, last in glued:
        if free(first, last):
            taken.append((first, last))
            yield PersonalKind.ID_NUMBER, first, last


def _iter_pii(text: str) -> Iterator[PiiMatch]:
    half = text.translate(_HALF)
    for m in _RUN.finditer(half):
        chunk = m.group()
        if len(chunk) < 11 or len(_DIGIT.findall(chunk)) < 11:
            continue
        run = _Run(chunk, m.start())
        for kind, first, last in _iter_run(run):
            yield PiiMatch(kind, run.positions[first], run.positions[last - 1] + 1)


class _Spans:
    """Disjoint spans, kept sorted, with a logarithmic overlap test."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before our end
        return i > 0 and self.ends[i - 1] > start


def find_pii(text: str) -> tuple[PiiMatch, ...]:
    """Spans of unmasked ID numbers and mobile numbers in free text, in order.

    Numbers are found however they were pasted: with any space (the
    no-break, narrow and thin spaces of Word, Excel and web pages), dash,
    dot, slash, underscore or middle dot between any of the digits, with
    zero-width and other invisible characters among them
    (:data:`VISIBLE_SEPARATORS`, :data:`FORMAT_CHARACTERS`), in full-width
    digits, and glued to letters.

    - An 18-character ID number standing apart from other digits is
      reported when its birth date is real and its check digit or its
      province is right: a typo is still someone's number.
    - One glued to other digits (``档案编号00421`` + number, number +
      ``0001``) is found in any 18-character window of the digits that
      passes the check digit, the birth-date and the province tests.
    - Mobile numbers (with or without +86/0086) and first-generation
      15-digit numbers have no check digit, so they are reported only
      where they stand apart from other digits, grouped as people write
      them (3-4-4, 3-8, 7-4; 6-6-3, 6-9, 12-3): a bank account grouped
      4-4-4-4-3 is not a phone number.

    What is not personal data stays: 统一社会信用代码, bank accounts, dates,
    amounts (``13812345678.00``), office landlines, house numbers.

    >>> import zfgk
    >>> text = "身份证 110105\u00a019491231\u00a0002X 手机 +86 138 1234 5678 信用代码 91500000MA5U7AXX2P"
    >>> [(m.kind.value, m.start, m.end) for m in zfgk.find_pii(text)]
    [('id_number', 4, 24), ('phone', 32, 45)]
    >>> [m.kind.value for m in zfgk.find_pii("档案编号0042111010519491231002X，ID13812345678B")]
    ['id_number', 'phone']
    """
    return tuple(sorted(_iter_pii(text), key=lambda m: m.start))


def _mask_span(span: str, kind: PersonalKind, mask_char: str) -> str:
    """Mask the significant characters of a span in place, keeping its separators."""
    half = span.translate(_HALF)
    positions = [i for i, ch in enumerate(half) if ch.isdigit() or ch in "Xx"]
    if kind is PersonalKind.ID_NUMBER:
        n = len(positions)
        hidden = set(positions[6 : n - (4 if n == 18 else 3)])
    else:  # the last 11 digits are the mobile number: hide its 4th to 7th
        hidden = set(positions[-11:][3:7])
    return "".join(mask_char if i in hidden else ch for i, ch in enumerate(span))


def redact(text: str, *, mask_char: str = "*") -> str:
    """The text with every ID number and mobile number found by :func:`find_pii` masked.

    Each span is masked in place, keeping its separators; everything else is
    left exactly as it was.

    >>> import zfgk
    >>> zfgk.redact("张三 110105-19491231-002X，13812345678；房号 3-2-201，面积 89.5㎡")
    '张三 110105-********-002X，138****5678；房号 3-2-201，面积 89.5㎡'
    """
    matches = find_pii(text)
    if not matches:
        return text
    parts: list[str] = []
    position = 0
    for m in matches:
        parts.append(text[position : m.start])
        parts.append(_mask_span(text[m.start : m.end], m.kind, mask_char))
        position = m.end
    parts.append(text[position:])
    return "".join(parts)
